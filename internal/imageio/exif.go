package imageio

import (
	"bytes"
	"encoding/binary"
)

// This file reads the one piece of metadata SafePost needs, the EXIF
// orientation (tag 0x0112 in IFD0), from JPEG, PNG, WebP and TIFF files. It
// is deliberately small: it follows no pointers other than the IFD0 offset,
// checks every length against the data it has, and answers 1 ("as stored")
// whenever anything looks wrong, because a wrong guess at orientation is far
// less harmful than refusing a photo.

const tagOrientation = 0x0112

// readOrientation returns the EXIF orientation (1..8) of an encoded image of
// the given format, or 1 if there is none or it cannot be read.
func readOrientation(format string, data []byte) int {
	switch format {
	case "jpeg":
		return jpegOrientation(data)
	case "png":
		return pngOrientation(data)
	case "webp":
		return webpOrientation(data)
	case "tiff":
		// A TIFF file is itself a TIFF header with IFD0; x/image/tiff
		// ignores the orientation tag, so apply it here.
		return tiffOrientation(data)
	}
	return 1
}

var exifHeader = []byte("Exif\x00\x00")

// jpegOrientation walks the marker segments before the first scan and reads
// the first APP1 segment that carries EXIF.
func jpegOrientation(data []byte) int {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return 1
	}
	i := 2
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return 1
		}
		marker := data[i+1]
		switch {
		case marker == 0xFF:
			// Fill byte before a marker.
			i++
			continue
		case marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7):
			// Markers without a length.
			i += 2
			continue
		case marker == 0xDA || marker == 0xD9:
			// Start of scan or end of image: EXIF comes before both.
			return 1
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return 1
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, exifHeader) {
			return tiffOrientation(seg[len(exifHeader):])
		}
		i += 2 + n
	}
	return 1
}

// tiffOrientation reads tag 0x0112 from IFD0 of a TIFF structure (the body of
// an EXIF block, or a whole TIFF file) in either byte order.
func tiffOrientation(b []byte) int {
	if len(b) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch {
	case b[0] == 'I' && b[1] == 'I':
		bo = binary.LittleEndian
	case b[0] == 'M' && b[1] == 'M':
		bo = binary.BigEndian
	default:
		return 1
	}
	if bo.Uint16(b[2:]) != 42 {
		return 1
	}
	// uint64 arithmetic so that a huge offset cannot wrap around.
	off := uint64(bo.Uint32(b[4:]))
	if off < 8 || off+2 > uint64(len(b)) {
		return 1
	}
	count := uint64(bo.Uint16(b[off:]))
	entries := off + 2
	for k := uint64(0); k < count; k++ {
		e := entries + 12*k
		if e+12 > uint64(len(b)) {
			return 1
		}
		if bo.Uint16(b[e:]) != tagOrientation {
			continue
		}
		typ, n := bo.Uint16(b[e+2:]), bo.Uint32(b[e+4:])
		if n != 1 {
			return 1
		}
		var v uint32
		switch typ {
		case 3: // SHORT, the type the standard requires
			v = uint32(bo.Uint16(b[e+8:]))
		case 4: // LONG, written by a few broken tools
			v = bo.Uint32(b[e+8:])
		default:
			return 1
		}
		if v < 1 || v > 8 {
			return 1
		}
		return int(v)
	}
	return 1
}

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// pngOrientation reads the eXIf chunk (PNG 1.5 / 3rd edition), which holds a
// bare TIFF structure without the "Exif\0\0" prefix.
func pngOrientation(data []byte) int {
	if !bytes.HasPrefix(data, pngSignature) {
		return 1
	}
	i := uint64(len(pngSignature))
	for i+8 <= uint64(len(data)) {
		n := uint64(binary.BigEndian.Uint32(data[i:]))
		typ := string(data[i+4 : i+8])
		end := i + 8 + n + 4 // length, type, data, CRC
		if end > uint64(len(data)) {
			return 1
		}
		switch typ {
		case "eXIf":
			return tiffOrientation(data[i+8 : i+8+n])
		case "IEND":
			return 1
		}
		i = end
	}
	return 1
}

// riffChunks calls fn for each top-level chunk of a RIFF/WEBP file until fn
// returns false or the data runs out.
func riffChunks(data []byte, fn func(id string, body []byte) bool) {
	if len(data) < 12 || string(data[0:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
		return
	}
	i := uint64(12)
	for i+8 <= uint64(len(data)) {
		id := string(data[i : i+4])
		n := uint64(binary.LittleEndian.Uint32(data[i+4:]))
		start := i + 8
		if start+n > uint64(len(data)) {
			return
		}
		if !fn(id, data[start:start+n]) {
			return
		}
		i = start + n + n&1 // chunks are padded to an even length
	}
}

// webpOrientation reads the EXIF chunk of an extended (VP8X) WebP. The spec
// says the chunk is a bare TIFF structure, but some writers keep the JPEG
// "Exif\0\0" prefix, so accept both.
func webpOrientation(data []byte) int {
	o := 1
	riffChunks(data, func(id string, body []byte) bool {
		if id != "EXIF" {
			return true
		}
		o = tiffOrientation(bytes.TrimPrefix(body, exifHeader))
		return false
	})
	return o
}

// webpBitstreamSize returns the size stored in the first VP8 or VP8L chunk,
// which is what the decoder allocates for, and may differ from the VP8X
// canvas size that image.DecodeConfig reports.
func webpBitstreamSize(data []byte) (w, h int, ok bool) {
	riffChunks(data, func(id string, body []byte) bool {
		switch id {
		case "VP8 ":
			// 3-byte frame tag, 3-byte start code, then 14-bit sizes.
			if len(body) >= 10 && body[3] == 0x9d && body[4] == 0x01 && body[5] == 0x2a {
				w = int(binary.LittleEndian.Uint16(body[6:]) & 0x3fff)
				h = int(binary.LittleEndian.Uint16(body[8:]) & 0x3fff)
				ok = true
			}
			return false
		case "VP8L":
			// Signature byte, then 14-bit width-1 and height-1.
			if len(body) >= 5 && body[0] == 0x2f {
				v := binary.LittleEndian.Uint32(body[1:])
				w = int(v&0x3fff) + 1
				h = int(v>>14&0x3fff) + 1
				ok = true
			}
			return false
		}
		return true
	})
	return w, h, ok
}

// gifFrameCount counts image descriptors by walking the GIF block structure
// without decoding any pixels. It returns at least 1 and stops quietly at the
// first thing it does not understand, because the count is informational.
func gifFrameCount(data []byte) int {
	const headerLen = 13 // signature, version, logical screen descriptor
	if len(data) < headerLen {
		return 1
	}
	i := headerLen
	if flags := data[10]; flags&0x80 != 0 {
		i += 3 << (flags&7 + 1) // global colour table
	}
	// skipSubBlocks returns the index after a run of data sub-blocks.
	skipSubBlocks := func(i int) int {
		for i < len(data) {
			n := int(data[i])
			i++
			if n == 0 {
				return i
			}
			i += n
		}
		return -1
	}
	frames := 0
	for i >= 0 && i < len(data) {
		switch data[i] {
		case 0x21: // extension: label, then sub-blocks
			if i+2 > len(data) {
				i = -1
				break
			}
			i = skipSubBlocks(i + 2)
		case 0x2C: // image descriptor
			if i+10 > len(data) {
				i = -1
				break
			}
			frames++
			flags := data[i+9]
			i += 10
			if flags&0x80 != 0 {
				i += 3 << (flags&7 + 1) // local colour table
			}
			i++ // LZW minimum code size
			if i > len(data) {
				i = -1
				break
			}
			i = skipSubBlocks(i)
		default: // 0x3B trailer, or garbage
			i = -1
		}
	}
	return max(frames, 1)
}
