package imageio

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"io"
)

// decodePNG decodes the PNGs that photos and screenshots are (8-bit RGB or
// RGBA, not interlaced, without PLTE or tRNS chunks), inflating on one
// goroutine while unfiltering on another. image/png does both on one, row
// by row, and the unfiltering is a third of its time on a 12 MP photo.
//
// It is strict where image/png is lenient: ok is false for any other PNG and
// for anything damaged (a bad CRC or Adler-32, a chunk out of place, too
// little or too much pixel data, an unknown filter), so that image/png
// decides those and its errors reach the user unchanged. When ok is true the
// image is what image/png would return, byte for byte and type for type:
// *image.RGBA for RGB, *image.NRGBA for RGBA.
func decodePNG(data []byte) (img image.Image, ok bool) {
	// A bug here must not turn a good photo into an error: image/png
	// gets a second go.
	defer func() {
		if recover() != nil {
			img, ok = nil, false
		}
	}()
	hdr, idat, ok := pngLayout(data)
	if !ok {
		return nil, false
	}
	src := newIDATReader(idat)
	zr, err := zlib.NewReader(src)
	if err != nil {
		return nil, false
	}
	rect := image.Rect(0, 0, hdr.w, hdr.h)
	var pix []uint8
	if hdr.channels == 3 {
		rgba := image.NewRGBA(rect)
		img, pix = rgba, rgba.Pix
	} else {
		nrgba := image.NewNRGBA(rect)
		img, pix = nrgba, nrgba.Pix
	}

	// The inflater fills batches of rows and hands them over on full; the
	// unfiltered batches come back on free. Four batches of 32 rows are
	// enough to keep both goroutines busy.
	const batchRows, batches = 32, 4
	rowLen := 1 + hdr.channels*hdr.w
	free := make(chan []byte, batches)
	full := make(chan []byte, batches)
	for range batches {
		free <- make([]byte, batchRows*rowLen)
	}
	done := make(chan struct{})
	defer close(done) // stops the inflater if the unfiltering gives up
	var inflated bool // written before full is closed
	go func() {
		defer close(full)
		defer func() {
			if recover() != nil {
				inflated = false
			}
		}()
		for y := 0; y < hdr.h; y += batchRows {
			var buf []byte
			select {
			case buf = <-free:
			case <-done:
				return
			}
			buf = buf[:min(batchRows, hdr.h-y)*rowLen]
			if _, err := io.ReadFull(zr, buf); err != nil {
				return
			}
			select {
			case full <- buf:
			case <-done:
				return
			}
		}
		// The stream must end here, its checksum good, with no IDAT byte
		// left over. zlib keeps a checksum error, so this read sees it
		// even when it came with the last pixels.
		var one [1]byte
		n, err := io.ReadFull(zr, one[:])
		inflated = n == 0 && err == io.EOF && src.empty()
	}()

	prev := make([]byte, rowLen-1) // the row above the first is zeros
	last := make([]byte, rowLen-1)
	y := 0
	for buf := range full {
		for off := 0; off < len(buf); off += rowLen {
			cur := buf[off+1 : off+rowLen]
			if !unfilter(buf[off], cur, prev, hdr.channels) {
				return nil, false
			}
			out := pix[4*hdr.w*y : 4*hdr.w*(y+1)]
			if hdr.channels == 4 {
				copy(out, cur)
			} else {
				for i, j := 0, 0; i < len(out); i, j = i+4, j+3 {
					out[i], out[i+1], out[i+2], out[i+3] = cur[j], cur[j+1], cur[j+2], 0xff
				}
			}
			prev = cur
			y++
		}
		// buf goes back to the inflater, so keep its last row apart.
		copy(last, prev)
		prev = last
		free <- buf
	}
	if y != hdr.h || !inflated {
		return nil, false
	}
	return img, true
}

// pngHeader is what decodePNG needs of IHDR.
type pngHeader struct{ w, h, channels int }

// pngLayout checks every chunk's CRC and the order image/png insists on, and
// returns the header and the IDAT chunks' data. ok is false for anything
// decodePNG leaves to image/png: IHDR not first or repeated, other than
// 8-bit RGB or RGBA, interlaced, a PLTE or tRNS chunk (tRNS changes the
// image type), IDAT chunks that are not consecutive, or no IEND.
func pngLayout(data []byte) (hdr pngHeader, idat [][]byte, ok bool) {
	if !bytes.HasPrefix(data, pngSignature) {
		return hdr, nil, false
	}
	p := data[len(pngSignature):]
	seenIHDR, idatEnded := false, false
	for {
		if len(p) < 12 {
			return hdr, nil, false
		}
		n := binary.BigEndian.Uint32(p)
		if n > 0x7fffffff || uint64(n) > uint64(len(p)-12) {
			return hdr, nil, false
		}
		typ, body := string(p[4:8]), p[8:8+n]
		if crc32.ChecksumIEEE(p[4:8+n]) != binary.BigEndian.Uint32(p[8+n:]) {
			return hdr, nil, false
		}
		p = p[12+n:]
		switch typ {
		case "IHDR":
			if seenIHDR || n != 13 {
				return hdr, nil, false
			}
			seenIHDR = true
			w, h := binary.BigEndian.Uint32(body[0:4]), binary.BigEndian.Uint32(body[4:8])
			depth, colour, rest := body[8], body[9], body[10:13]
			if w == 0 || h == 0 || uint64(w)*uint64(h) > MaxPixels || depth != 8 || rest[0]|rest[1]|rest[2] != 0 {
				return hdr, nil, false
			}
			switch colour {
			case 2:
				hdr = pngHeader{int(w), int(h), 3}
			case 6:
				hdr = pngHeader{int(w), int(h), 4}
			default:
				return hdr, nil, false
			}
		case "IDAT":
			if !seenIHDR || idatEnded {
				return hdr, nil, false
			}
			idat = append(idat, body)
		case "IEND":
			if len(idat) == 0 || n != 0 {
				return hdr, nil, false
			}
			return hdr, idat, true
		case "PLTE", "tRNS":
			return hdr, nil, false
		default:
			// Ancillary chunks (gAMA, pHYs, eXIf, text) are ignored, as
			// image/png ignores them.
			if !seenIHDR {
				return hdr, nil, false
			}
			idatEnded = len(idat) > 0
		}
	}
}

// idatReader reads the data of consecutive IDAT chunks as one stream. It is
// an io.ByteReader, so flate reads it directly instead of through a
// bufio.Reader, and takes one byte at a time from it as bytes.Reader gives
// them: that call is in the inflater's innermost loop. empty says whether
// the stream used every byte.
type idatReader struct {
	cur  []byte
	i    int // next byte of cur
	rest [][]byte
}

func newIDATReader(chunks [][]byte) *idatReader { return &idatReader{rest: chunks} }

// more moves to the next chunk with data, reporting whether there is one.
func (r *idatReader) more() bool {
	for r.i >= len(r.cur) {
		if len(r.rest) == 0 {
			return false
		}
		r.cur, r.i, r.rest = r.rest[0], 0, r.rest[1:]
	}
	return true
}

func (r *idatReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if !r.more() {
		return 0, io.EOF
	}
	n := copy(p, r.cur[r.i:])
	r.i += n
	return n, nil
}

func (r *idatReader) ReadByte() (byte, error) {
	if r.i < len(r.cur) {
		b := r.cur[r.i]
		r.i++
		return b, nil
	}
	if !r.more() {
		return 0, io.EOF
	}
	b := r.cur[r.i]
	r.i++
	return b, nil
}

func (r *idatReader) empty() bool { return !r.more() }

// unfilter reverses PNG filter f on row cur in place, given the row above
// (already unfiltered) and the bytes per pixel. It is false for an unknown
// filter.
func unfilter(f byte, cur, prev []byte, bpp int) bool {
	switch f {
	case 0: // None
	case 1: // Sub
		for i := bpp; i < len(cur); i++ {
			cur[i] += cur[i-bpp]
		}
	case 2: // Up
		prev = prev[:len(cur)]
		for i, b := range prev {
			cur[i] += b
		}
	case 3: // Average
		for i := range bpp {
			cur[i] += prev[i] / 2
		}
		for i := bpp; i < len(cur); i++ {
			cur[i] += uint8((int(cur[i-bpp]) + int(prev[i])) / 2)
		}
	case 4: // Paeth
		unpaeth(cur, prev, bpp)
	default:
		return false
	}
	return true
}

// unpaeth reverses the Paeth filter one channel at a time, so that the
// pixel to the left (a) and the one above it (c) stay in registers.
func unpaeth(cur, prev []byte, bpp int) {
	prev = prev[:len(cur)]
	for ch := range bpp {
		var a, c int
		for i := ch; i < len(cur); i += bpp {
			b := int(prev[i])
			// With p = a + b - c: pa = |p - a|, pb = |p - b|, pc = |p - c|.
			pa, pb := b-c, a-c
			pc := iabs(pa + pb)
			pa, pb = iabs(pa), iabs(pb)
			switch {
			case pa <= pb && pa <= pc:
				// predict a
			case pb <= pc:
				a = b
			default:
				a = c
			}
			a = (a + int(cur[i])) & 0xff
			cur[i] = uint8(a)
			c = b
		}
	}
}

func iabs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
