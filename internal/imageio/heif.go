package imageio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"

	"github.com/gen2brain/heic"
)

// This file reads HEIC, the format iPhones save photos in. Decoding is
// done by github.com/gen2brain/heic, which uses the system's libheif when
// it can load it (Debian's libheif-dev provides libheif.so) and otherwise
// a WebAssembly build of libheif bundled with it (about 30 times slower).
// Before any of that runs, a small parser of our own reads the file's
// header: the primary image's size (so an oversized image is refused
// before a pixel buffer exists) and its orientation.
//
// Orientation: HEIF stores it as transformation properties of the image,
// irot (anticlockwise quarter turns) and imir (a mirror), which libheif
// applies while decoding. iPhones also write an EXIF orientation that
// agrees with them; applying both would turn the photo twice, so EXIF is
// only used when the image has neither property (some converters write
// EXIF alone).

// heifBrands are the ftyp brands of HEVC-coded HEIF files. AVIF (also
// HEIF, AV1-coded) is not included: the bundled fallback decoder cannot
// read it.
var heifBrands = map[string]bool{
	"heic": true, "heix": true, "heim": true, "heis": true,
	"hevc": true, "hevx": true, "hevm": true, "hevs": true,
}

// isHEIC reports whether data starts like an HEVC-coded HEIF file: an
// ftyp box whose major or compatible brands include a HEIC brand (files
// branded only mif1 qualify unless they also claim AVIF).
func isHEIC(data []byte) bool {
	if len(data) < 16 || string(data[4:8]) != "ftyp" {
		return false
	}
	n := uint64(binary.BigEndian.Uint32(data))
	if n < 16 || n > uint64(len(data)) || n > 4096 {
		return false
	}
	heif, avif, mif1 := false, false, false
	check := func(b string) {
		switch {
		case heifBrands[b]:
			heif = true
		case b == "avif" || b == "avis":
			avif = true
		case b == "mif1" || b == "msf1":
			mif1 = true
		}
	}
	check(string(data[8:12]))
	for i := uint64(16); i+4 <= n; i += 4 {
		check(string(data[i : i+4]))
	}
	return heif || (mif1 && !avif)
}

// heifHeader is what SafePost reads from a HEIF file's boxes.
type heifHeader struct {
	// Width and Height are the primary image's size as displayed, after
	// its rotation.
	Width, Height int
	// Transforms are the primary image's irot and imir properties in the
	// order they apply.
	Transforms []heifTransform
	// Exif is the TIFF structure of the primary image's EXIF item, if any.
	Exif []byte
}

// heifTransform is an irot (Rot anticlockwise quarter turns) or, when
// Mirror is set, an imir (Axis 0: top and bottom swap; 1: left and right).
type heifTransform struct {
	Mirror    bool
	Rot, Axis int
}

// orientation returns the EXIF orientation (1-8) equal to h's transforms,
// for reporting. It composes them as "mirror left-right or not, then turn
// anticlockwise": turning after (m, r) gives (m, r+k); a left-right
// mirror after it gives (!m, -r), since a mirror reverses turns; a
// top-bottom mirror is a left-right one and a half turn.
func (h heifHeader) orientation() int {
	m, r := false, 0
	for _, t := range h.Transforms {
		switch {
		case !t.Mirror:
			r += t.Rot
		case t.Axis == 1:
			m, r = !m, -r
		default:
			m, r = !m, 2-r
		}
	}
	r = (r%4 + 4) % 4
	if !m {
		return [4]int{1, 8, 3, 6}[r]
	}
	return [4]int{2, 5, 4, 7}[r]
}

var errHEIF = errors.New("damaged HEIF header")

// box is one ISO BMFF box: its type and body.
type box struct {
	typ  string
	body []byte
}

// boxes splits data into boxes. It stops at the first malformed one.
func boxes(data []byte) []box {
	var out []box
	for len(data) >= 8 {
		n := uint64(binary.BigEndian.Uint32(data))
		typ := string(data[4:8])
		hdr := uint64(8)
		switch n {
		case 0: // to the end
			n = uint64(len(data))
		case 1: // 64-bit size
			if len(data) < 16 {
				return out
			}
			n = binary.BigEndian.Uint64(data[8:])
			hdr = 16
		}
		if n < hdr || n > uint64(len(data)) {
			return out
		}
		out = append(out, box{typ, data[hdr:n]})
		data = data[n:]
	}
	return out
}

func find(bs []box, typ string) (box, bool) {
	for _, b := range bs {
		if b.typ == typ {
			return b, true
		}
	}
	return box{}, false
}

// reader reads big-endian fields with bounds checks; after the first
// short read every read returns 0 and bad is set.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) n(size int) uint64 {
	if size == 0 {
		return 0
	}
	if r.bad || len(r.b) < size {
		r.bad = true
		return 0
	}
	var v uint64
	for _, c := range r.b[:size] {
		v = v<<8 | uint64(c)
	}
	r.b = r.b[size:]
	return v
}

func (r *reader) u8() int        { return int(r.n(1)) }
func (r *reader) u16() int       { return int(r.n(2)) }
func (r *reader) u32() uint64    { return r.n(4) }
func (r *reader) skip(n int)     { r.bytes(n) }
func (r *reader) fourcc() string { return string(r.bytes(4)) }
func (r *reader) bytes(n int) []byte {
	if r.bad || n < 0 || len(r.b) < n {
		r.bad = true
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

// parseHEIF reads the header of a HEIF file: the primary item (pitm), its
// properties (iprp: ispe, irot, imir) and, for the EXIF fallback, the
// primary image's Exif item (iinf, iref, iloc).
func parseHEIF(data []byte) (heifHeader, error) {
	var h heifHeader
	meta, ok := find(boxes(data), "meta")
	if !ok || len(meta.body) < 4 {
		return h, errHEIF
	}
	inner := boxes(meta.body[4:]) // meta is a full box
	pitm, ok := find(inner, "pitm")
	if !ok {
		return h, errHEIF
	}
	r := &reader{b: pitm.body}
	var primary uint64
	if r.u8() == 0 {
		r.skip(3)
		primary = uint64(r.u16())
	} else {
		r.skip(3)
		primary = r.u32()
	}
	if r.bad {
		return h, errHEIF
	}
	iprp, ok := find(inner, "iprp")
	if !ok {
		return h, errHEIF
	}
	ib := boxes(iprp.body)
	ipco, ok1 := find(ib, "ipco")
	ipma, ok2 := find(ib, "ipma")
	if !ok1 || !ok2 {
		return h, errHEIF
	}
	props := boxes(ipco.body)
	w, ht := -1, -1
	for _, idx := range associations(ipma.body, primary) {
		if idx < 1 || idx > len(props) {
			continue
		}
		p := props[idx-1]
		switch p.typ {
		case "ispe":
			r := &reader{b: p.body}
			r.skip(4)
			pw, ph := r.u32(), r.u32()
			if r.bad || pw > 1<<30 || ph > 1<<30 {
				return h, errHEIF
			}
			w, ht = int(pw), int(ph)
		case "irot":
			if len(p.body) >= 1 {
				h.Transforms = append(h.Transforms, heifTransform{Rot: int(p.body[0] & 3)})
			}
		case "imir":
			if len(p.body) >= 1 {
				h.Transforms = append(h.Transforms, heifTransform{Mirror: true, Axis: int(p.body[0] & 1)})
			}
		}
	}
	if w < 0 {
		return h, fmt.Errorf("%w: no image size", errHEIF)
	}
	if o := h.orientation(); o >= 5 {
		w, ht = ht, w
	}
	h.Width, h.Height = w, ht
	h.Exif = heifExif(data, inner, primary)
	return h, nil
}

// associations returns the property indices (1-based) that ipma gives
// item.
func associations(body []byte, item uint64) []int {
	r := &reader{b: body}
	version := r.u8()
	flags := r.n(3)
	count := r.u32()
	for e := uint64(0); e < count && !r.bad; e++ {
		var id uint64
		if version < 1 {
			id = uint64(r.u16())
		} else {
			id = r.u32()
		}
		n := r.u8()
		var out []int
		for k := 0; k < n && !r.bad; k++ {
			var idx int
			if flags&1 != 0 {
				idx = r.u16() & 0x7fff
			} else {
				idx = r.u8() & 0x7f
			}
			out = append(out, idx)
		}
		if id == item && !r.bad {
			return out
		}
	}
	return nil
}

// heifExif returns the TIFF structure of the Exif item that describes the
// primary item (or, failing a reference, the first Exif item), or nil.
func heifExif(data []byte, meta []box, primary uint64) []byte {
	iinf, ok := find(meta, "iinf")
	if !ok {
		return nil
	}
	var exifIDs []uint64
	r := &reader{b: iinf.body}
	version := r.u8()
	r.skip(3)
	var n uint64
	if version == 0 {
		n = uint64(r.u16())
	} else {
		n = r.u32()
	}
	if r.bad {
		return nil
	}
	for _, infe := range boxes(r.b) {
		if infe.typ != "infe" {
			continue
		}
		ir := &reader{b: infe.body}
		v := ir.u8()
		ir.skip(3)
		if v < 2 {
			continue
		}
		var id uint64
		if v == 2 {
			id = uint64(ir.u16())
		} else {
			id = ir.u32()
		}
		ir.skip(2) // protection index
		if ir.fourcc() == "Exif" && !ir.bad {
			exifIDs = append(exifIDs, id)
		}
		if uint64(len(exifIDs)) >= n {
			break
		}
	}
	if len(exifIDs) == 0 {
		return nil
	}
	id := exifIDs[0]
	if iref, ok := find(meta, "iref"); ok {
		if ref := cdscFor(iref.body, exifIDs, primary); ref != 0 {
			id = ref
		}
	}
	item := itemData(data, meta, id)
	// The item starts with a 4-byte offset to the TIFF header.
	if len(item) < 4 {
		return nil
	}
	off := uint64(binary.BigEndian.Uint32(item))
	if off > uint64(len(item)-4) {
		return nil
	}
	return bytes.TrimPrefix(item[4+off:], exifHeader)
}

// cdscFor returns which of ids is a 'cdsc' (content describes) reference to
// primary, or 0.
func cdscFor(body []byte, ids []uint64, primary uint64) uint64 {
	r := &reader{b: body}
	version := r.u8()
	r.skip(3)
	if r.bad {
		return 0
	}
	for _, ref := range boxes(r.b) {
		rr := &reader{b: ref.body}
		size := 2
		if version != 0 {
			size = 4
		}
		from := rr.n(size)
		cnt := rr.u16()
		for k := 0; k < cnt && !rr.bad; k++ {
			to := rr.n(size)
			if ref.typ == "cdsc" && to == primary {
				for _, id := range ids {
					if id == from {
						return id
					}
				}
			}
		}
	}
	return 0
}

// itemData returns the bytes of item id from iloc (file offsets, or the
// idat box), or nil if they are not all in data.
func itemData(data []byte, meta []box, id uint64) []byte {
	iloc, ok := find(meta, "iloc")
	if !ok {
		return nil
	}
	r := &reader{b: iloc.body}
	version := r.u8()
	r.skip(3)
	a := r.u8()
	b := r.u8()
	offSize, lenSize, baseSize := a>>4, a&15, b>>4
	idxSize := 0
	if version == 1 || version == 2 {
		idxSize = b & 15
	}
	for _, s := range []int{offSize, lenSize, baseSize, idxSize} {
		if s != 0 && s != 4 && s != 8 {
			return nil
		}
	}
	var count uint64
	if version < 2 {
		count = uint64(r.u16())
	} else {
		count = r.u32()
	}
	for e := uint64(0); e < count && !r.bad; e++ {
		var itemID uint64
		if version < 2 {
			itemID = uint64(r.u16())
		} else {
			itemID = r.u32()
		}
		method := 0
		if version == 1 || version == 2 {
			method = r.u16() & 15
		}
		r.u16() // data reference index
		base := r.n(baseSize)
		extents := r.u16()
		var out []byte
		for k := 0; k < extents && !r.bad; k++ {
			r.n(idxSize)
			off, n := r.n(offSize), r.n(lenSize)
			if itemID != id {
				continue
			}
			var src []byte
			switch method {
			case 0:
				src = data
			case 1:
				idat, ok := find(meta, "idat")
				if !ok {
					return nil
				}
				src = idat.body
			default:
				return nil
			}
			start := base + off
			if start < base || n > uint64(len(src)) || start > uint64(len(src))-n {
				return nil
			}
			if n == 0 && extents == 1 {
				n = uint64(len(src)) - start
			}
			if len(out)+int(n) > 1<<20 {
				return nil // EXIF is small; anything this big is not it
			}
			out = append(out, src[start:start+n]...)
		}
		if itemID == id {
			return out
		}
	}
	return nil
}

// decodeHEIC decodes an HEIC file whose header is h. It returns the
// decoded image, the orientation to report, and the orientation still to
// apply to the pixels (1 when libheif has already turned them).
func decodeHEIC(data []byte, h heifHeader) (img image.Image, report, apply int, err error) {
	img, err = heic.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, err
	}
	if len(h.Transforms) > 0 {
		return img, h.orientation(), 1, nil
	}
	if h.Exif != nil {
		o := tiffOrientation(h.Exif)
		return img, o, o, nil
	}
	return img, 1, 1, nil
}
