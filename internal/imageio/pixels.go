package imageio

import (
	"image"
	"image/draw"
	"runtime"
	"sync"

	"github.com/disintegration/imaging"
)

// own converts src, which the caller owns and will not use again, to an
// opaque *image.NRGBA with origin (0,0) as flatten does, but without a copy
// when there is nothing to convert: an opaque *image.RGBA has the same bytes
// as an *image.NRGBA, so a decoder's opaque RGBA or NRGBA buffer at the
// origin becomes the result as it is. PNG, BMP and TIFF photos without
// transparency decode to one of these, and copying 12 MP costs a tenth of a
// second for nothing.
func own(src image.Image) *image.NRGBA {
	var pix []uint8
	var stride int
	var r image.Rectangle
	switch s := src.(type) {
	case *image.NRGBA:
		if !s.Opaque() {
			return flatten(src)
		}
		pix, stride, r = s.Pix, s.Stride, s.Rect
	case *image.RGBA:
		if !s.Opaque() {
			return flatten(src)
		}
		pix, stride, r = s.Pix, s.Stride, s.Rect
	default:
		return flatten(src)
	}
	// Only a tightly packed buffer at the origin is shared, so that the
	// rest of SafePost may assume Stride is 4 × width.
	w, h := r.Dx(), r.Dy()
	if r.Min != (image.Point{}) || stride != 4*w || len(pix) < 4*w*h {
		return flatten(src)
	}
	n := 4 * w * h
	return &image.NRGBA{Pix: pix[:n:n], Stride: stride, Rect: r}
}

// flatten converts any decoded image to a new opaque *image.NRGBA with
// origin (0,0), leaving src untouched. Transparent pixels are composited
// over white: the result feeds OCR and JPEG export, and JPEG has no alpha,
// so leaving it would turn transparent areas black (or hide text drawn on
// them) unpredictably.
//
// draw.Draw does the colour conversion: it has exact fast paths for YCbCr,
// CMYK, Gray, RGBA and NRGBA sources and a correct generic path for the rest
// (16-bit, paletted, NYCbCrA); for opaque sources Over is as fast as Src.
// Drawing Over an opaque white *image.RGBA leaves every alpha at 255, and an
// opaque RGBA buffer has the same bytes as an NRGBA one, so the pixels can be
// reused without another pass. Bands of rows are drawn at once, one per
// core: converting a 12 MP JPEG is otherwise a tenth of a second on one.
func flatten(src image.Image) *image.NRGBA {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	bands := max(1, min(runtime.GOMAXPROCS(0), h/64))
	var wg sync.WaitGroup
	var once sync.Once
	var crash any
	for i := range bands {
		r := image.Rect(0, i*h/bands, w, (i+1)*h/bands)
		wg.Go(func() {
			// A decoder's malformed image can make draw panic; Decode
			// turns that into ErrCorrupt, but only on its own goroutine.
			defer func() {
				if p := recover(); p != nil {
					once.Do(func() { crash = p })
				}
			}()
			fillWhite(dst.Pix[r.Min.Y*dst.Stride : r.Max.Y*dst.Stride])
			draw.Draw(dst, r, src, b.Min.Add(r.Min), draw.Over)
		})
	}
	wg.Wait()
	if crash != nil {
		panic(crash)
	}
	return &image.NRGBA{Pix: dst.Pix, Stride: dst.Stride, Rect: dst.Rect}
}

// fillWhite sets every byte of p to 0xff by doubling copies, which run at
// memory speed where a byte loop does not.
func fillWhite(p []uint8) {
	if len(p) == 0 {
		return
	}
	p[0] = 0xff
	for n := 1; n < len(p); n *= 2 {
		copy(p[n:], p[:n])
	}
}

// Upright returns img turned upright for EXIF orientation o, as Decode
// does; for callers that decode pixels themselves (the real-set bench).
func Upright(img *image.NRGBA, o int) *image.NRGBA { return applyOrientation(img, o) }

// applyOrientation returns img turned so that it is upright for EXIF
// orientation o (TIFF tag 0x0112). imaging's Rotate90/270 turn
// counter-clockwise, which is why 6 ("rotate 90 CW to view") uses Rotate270.
func applyOrientation(img *image.NRGBA, o int) *image.NRGBA {
	switch o {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img)
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img)
	default:
		return img
	}
}
