// Package codes finds barcodes and QR codes in photos so they can be
// blurred whole: a wristband's barcode encodes the NHS or hospital number
// as surely as the printed digits. Codes are located whether or not they
// decode; when one decodes, its payload is returned so the text checks
// can say what it holds.
//
// Three searches run on one photo:
//   - QR codes, from their three finder patterns (gozxing's multi-code
//     finder on the binarized photo); the finder centres padded by 3.5
//     modules give the symbol's exact corners, decoded or not.
//   - Bar-like areas: blocks with strong, dense gradients that all point
//     one way (parallel bars), found on a half-size copy and grouped. This
//     catches 1-D barcodes at any angle, including ones too blurred,
//     damaged or small to decode.
//   - Decoding: each bar-like area is turned so its bars stand upright and
//     read row by row with gozxing's 1-D readers (Code 128, Code 39,
//     Code 93, Codabar, ITF, EAN/UPC); a decoded row is followed up and
//     down to find the bars' height.
package codes

import (
	"context"
	"image"
	"image/color"
	"sort"

	"safepost/checks"
)

// Kinds of code, used as check IDs.
const (
	KindBarcode = checks.KindBarcode
	KindQR      = checks.KindQRCode
)

// Kinds returns the kinds of finding and region the scanner emits for the
// codes themselves; what a code holds is reported under the ID of the
// check that read it.
func Kinds() []string { return []string{KindBarcode, KindQR} }

// Code is one barcode or QR code in a photo.
type Code struct {
	Kind string // KindBarcode or KindQR
	// Format is gozxing's name for the symbology (CODE_128, QR_CODE, ...)
	// when the code decoded, and "" when it did not.
	Format string
	// Box covers the whole symbol, in input pixels.
	Box image.Rectangle
	// Payload is the decoded text. It is patient data: never log it.
	Payload string
}

// Decoded reports whether the code's payload was read.
func (c Code) Decoded() bool { return c.Format != "" }

// Finder finds codes. The zero value is ready to use and safe for
// concurrent use.
type Finder struct {
	// NoBars turns off the bar-like area search (for tests of the
	// decoders alone).
	NoBars bool
}

// Find returns the codes in img, top to bottom. It stops early with ctx's
// error when ctx is done.
func (f *Finder) Find(ctx context.Context, img image.Image) ([]Code, error) {
	g := grayOf(img)
	var out []Code
	qr, err := findQR(ctx, g)
	if err != nil {
		return nil, err
	}
	out = append(out, qr...)
	if !f.NoBars {
		bars, err := findBars(ctx, g)
		if err != nil {
			return nil, err
		}
		for _, b := range bars {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if coveredByQR(b, qr) {
				// A QR code's modules can look bar-like in places.
				continue
			}
			out = append(out, decodeBars(g, b))
		}
	}
	out = mergeCodes(out)
	off := img.Bounds().Min
	for i := range out {
		out[i].Box = out[i].Box.Add(off).Intersect(img.Bounds())
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Box, out[j].Box
		if a.Min.Y != b.Min.Y {
			return a.Min.Y < b.Min.Y
		}
		return a.Min.X < b.Min.X
	})
	return out, nil
}

func coveredByQR(b barArea, qr []Code) bool {
	for _, q := range qr {
		in := b.box.Intersect(q.Box)
		if in.Dx()*in.Dy() > b.box.Dx()*b.box.Dy()/2 {
			return true
		}
	}
	return false
}

// mergeCodes joins overlapping codes of the same kind, keeping a decoded
// payload over none.
func mergeCodes(cs []Code) []Code {
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(cs); i++ {
			for j := i + 1; j < len(cs); j++ {
				if cs[i].Kind != cs[j].Kind || !cs[i].Box.Overlaps(cs[j].Box) {
					continue
				}
				a, b := cs[i], cs[j]
				if !a.Decoded() && b.Decoded() {
					a.Format, a.Payload = b.Format, b.Payload
				}
				a.Box = a.Box.Union(b.Box)
				cs[i] = a
				cs = append(cs[:j], cs[j+1:]...)
				merged = true
				j--
			}
		}
	}
	return cs
}

// grayOf returns img's luma with origin (0,0); NRGBA and RGBA take a fast
// path, and a *image.Gray with origin (0,0) and no row padding is used as
// it is (it is only read).
func grayOf(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok && g.Rect.Min == (image.Point{}) && g.Stride == g.Rect.Dx() {
		return g
	}
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	luma := func(r, gg, bb uint32) uint8 {
		return uint8((r*4899 + gg*9617 + bb*1868 + 8192) >> 14)
	}
	var pix []uint8
	var stride int
	switch src := img.(type) {
	case *image.NRGBA:
		pix, stride = src.Pix[src.PixOffset(b.Min.X, b.Min.Y):], src.Stride
	case *image.RGBA:
		pix, stride = src.Pix[src.PixOffset(b.Min.X, b.Min.Y):], src.Stride
	case *image.Gray:
		for y := 0; y < b.Dy(); y++ {
			copy(g.Pix[y*g.Stride:y*g.Stride+b.Dx()], src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):])
		}
		return g
	}
	if pix != nil {
		for y := 0; y < b.Dy(); y++ {
			s := pix[y*stride:]
			d := g.Pix[y*g.Stride : y*g.Stride+b.Dx()]
			for x := range d {
				d[x] = luma(uint32(s[4*x]), uint32(s[4*x+1]), uint32(s[4*x+2]))
			}
		}
		return g
	}
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			c := color.NRGBAModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.NRGBA)
			g.Pix[y*g.Stride+x] = luma(uint32(c.R), uint32(c.G), uint32(c.B))
		}
	}
	return g
}
