package imageio

import (
	"image"
	"image/draw"

	"github.com/disintegration/imaging"
)

// flatten converts any decoded image to an opaque *image.NRGBA with origin
// (0,0). Transparent pixels are composited over white: the result feeds OCR
// and JPEG export, and JPEG has no alpha, so leaving it would turn transparent
// areas black (or hide text drawn on them) unpredictably.
//
// draw.Draw does the colour conversion: it has exact fast paths for YCbCr,
// CMYK, Gray, RGBA and NRGBA sources and a correct generic path for the rest
// (16-bit, paletted, NYCbCrA); for opaque sources Over is as fast as Src.
// Drawing Over an opaque white *image.RGBA leaves every alpha at 255, and an
// opaque RGBA buffer has the same bytes as an NRGBA one, so the pixels can be
// reused without another pass.
func flatten(src image.Image) *image.NRGBA {
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for i := range dst.Pix {
		dst.Pix[i] = 0xff
	}
	draw.Draw(dst, dst.Rect, src, b.Min, draw.Over)
	return &image.NRGBA{Pix: dst.Pix, Stride: dst.Stride, Rect: dst.Rect}
}

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
