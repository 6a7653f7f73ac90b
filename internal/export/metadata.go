package export

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
)

// HasMetadata reports whether an encoded JPEG or PNG carries anything besides
// pixels that could identify a patient or a place: EXIF (with GPS and
// thumbnails), XMP, ICC profiles, IPTC/Photoshop blocks, comments, JFIF
// thumbnails, text chunks, timestamps, or data hidden after the end of the
// image. The string lists what was found. It fails closed: a file it cannot
// parse, or in any other format, counts as having metadata, because its
// purpose is to let tests and the verifier assert that an output is clean.
func HasMetadata(data []byte) (bool, string) {
	var found []string
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8}):
		found = jpegMetadata(data)
	case bytes.HasPrefix(data, pngSignature):
		found = pngMetadata(data)
	default:
		found = []string{"not a JPEG or PNG file"}
	}
	return len(found) > 0, strings.Join(found, ", ")
}

// jpegMetadata walks the marker segments, skipping entropy-coded scan data,
// up to EOI.
func jpegMetadata(data []byte) []string {
	var found []string
	i := 2
	for {
		if i+2 > len(data) {
			return append(found, "JPEG ends without an end-of-image marker")
		}
		if data[i] != 0xFF {
			return append(found, "malformed JPEG structure")
		}
		marker := data[i+1]
		switch {
		case marker == 0xFF:
			i++ // fill byte
			continue
		case marker == 0xD9: // EOI
			if i+2 < len(data) {
				found = append(found, "data after end of image")
			}
			return found
		case marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7):
			i += 2
			continue
		}
		if i+4 > len(data) {
			return append(found, "malformed JPEG structure")
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return append(found, "malformed JPEG structure")
		}
		seg := data[i+4 : i+2+n]
		if what := jpegSegmentMetadata(marker, seg); what != "" {
			found = append(found, what)
		}
		i += 2 + n
		if marker == 0xDA {
			// Entropy-coded data runs until a marker other than a stuffed
			// 0xFF00 or a restart marker.
			for i+1 < len(data) && (data[i] != 0xFF || data[i+1] == 0x00 || (data[i+1] >= 0xD0 && data[i+1] <= 0xD7)) {
				i++
			}
		}
	}
}

// jpegSegmentMetadata names a segment that carries metadata, or returns "".
// The benign APPn segments are a JFIF header without thumbnail and Adobe's
// APP14 colour-transform flag, which carry nothing about the photo.
func jpegSegmentMetadata(marker byte, seg []byte) string {
	switch {
	case marker == 0xE0:
		if bytes.HasPrefix(seg, []byte("JFIF\x00")) && len(seg) >= 14 && seg[12] == 0 && seg[13] == 0 {
			return ""
		}
		if bytes.HasPrefix(seg, []byte("JFXX\x00")) || bytes.HasPrefix(seg, []byte("JFIF\x00")) {
			return "JFIF thumbnail (APP0)"
		}
		return "APP0 data"
	case marker == 0xE1:
		switch {
		case bytes.HasPrefix(seg, []byte("Exif\x00")):
			return "EXIF (APP1)"
		case bytes.HasPrefix(seg, []byte("http://ns.adobe.com/xap/1.0/")):
			return "XMP (APP1)"
		}
		return "APP1 data"
	case marker == 0xE2:
		switch {
		case bytes.HasPrefix(seg, []byte("ICC_PROFILE\x00")):
			return "ICC profile (APP2)"
		case bytes.HasPrefix(seg, []byte("MPF\x00")):
			return "multi-picture data (APP2)"
		}
		return "APP2 data"
	case marker == 0xED:
		return "IPTC/Photoshop (APP13)"
	case marker == 0xEE:
		if bytes.HasPrefix(seg, []byte("Adobe")) {
			return ""
		}
		return "APP14 data"
	case marker >= 0xE3 && marker <= 0xEF:
		return fmt.Sprintf("APP%d data", marker-0xE0)
	case marker == 0xFE:
		return "comment (COM)"
	}
	return ""
}

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// pngBenign are the chunks that describe how to show the pixels and nothing
// else. Everything not listed (text, eXIf, tIME, iCCP, private chunks) is
// reported.
var pngBenign = map[string]bool{
	"IHDR": true, "PLTE": true, "IDAT": true, "IEND": true,
	"tRNS": true, "gAMA": true, "cHRM": true, "sRGB": true,
	"sBIT": true, "pHYs": true, "bKGD": true, "hIST": true,
}

func pngMetadata(data []byte) []string {
	var found []string
	i := uint64(len(pngSignature))
	for {
		if i+8 > uint64(len(data)) {
			return append(found, "PNG ends without an IEND chunk")
		}
		n := uint64(binary.BigEndian.Uint32(data[i:]))
		typ := string(data[i+4 : i+8])
		end := i + 12 + n
		if end > uint64(len(data)) {
			return append(found, "malformed PNG structure")
		}
		if !pngBenign[typ] {
			found = append(found, fmt.Sprintf("%q chunk", typ))
		}
		if typ == "IEND" {
			if end < uint64(len(data)) {
				found = append(found, "data after end of image")
			}
			return found
		}
		i = end
	}
}
