package imageio

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"testing"
)

// flattenOne is flatten as it was before it drew in bands: one draw.Draw
// Over opaque white, the reference the faster paths must match.
func flattenOne(src image.Image) []uint8 {
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Rect, image.White, image.Point{}, draw.Src)
	draw.Draw(dst, dst.Rect, src, b.Min, draw.Over)
	return dst.Pix
}

// noise fills pix with random bytes, and every alpha with alpha(rng).
func noise(pix []uint8, seed uint64, alpha func(*rand.Rand) uint8) {
	rng := rand.New(rand.NewPCG(seed, 1))
	for i := range pix {
		pix[i] = uint8(rng.Uint32())
		if i%4 == 3 {
			pix[i] = alpha(rng)
		}
	}
}

func opaqueAlpha(*rand.Rand) uint8 { return 0xff }

func someClear(rng *rand.Rand) uint8 {
	if rng.IntN(4) == 0 {
		return uint8(rng.Uint32())
	}
	return 0xff
}

func TestOwnAndFlatten(t *testing.T) {
	opaqueNRGBA := image.NewNRGBA(image.Rect(0, 0, 7, 5))
	noise(opaqueNRGBA.Pix, 1, opaqueAlpha)
	opaqueRGBA := image.NewRGBA(image.Rect(0, 0, 7, 5))
	noise(opaqueRGBA.Pix, 2, opaqueAlpha)
	clearNRGBA := image.NewNRGBA(image.Rect(0, 0, 7, 5))
	noise(clearNRGBA.Pix, 3, someClear)
	clearNRGBA.Pix[3] = 0 // at least one fully transparent pixel
	halfRGBA := image.NewRGBA(image.Rect(0, 0, 7, 5))
	for i := 0; i < len(halfRGBA.Pix); i += 4 {
		copy(halfRGBA.Pix[i:], []uint8{0, 0, 0, 0x80}) // half-transparent black
	}
	offOrigin := image.NewNRGBA(image.Rect(3, 2, 10, 7))
	noise(offOrigin.Pix, 4, opaqueAlpha)
	wide := image.NewRGBA(image.Rect(0, 0, 9, 5))
	noise(wide.Pix, 5, opaqueAlpha)
	narrow := wide.SubImage(image.Rect(0, 0, 6, 5)) // at the origin, stride of 9
	ycbcr := image.NewYCbCr(image.Rect(0, 0, 8, 6), image.YCbCrSubsampleRatio420)
	noise(ycbcr.Y, 6, func(r *rand.Rand) uint8 { return uint8(r.Uint32()) })
	noise(ycbcr.Cb, 7, func(r *rand.Rand) uint8 { return uint8(r.Uint32()) })
	noise(ycbcr.Cr, 8, func(r *rand.Rand) uint8 { return uint8(r.Uint32()) })
	paletted := image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.NRGBA{0xff, 0, 0, 0}, color.NRGBA{0, 0, 0xff, 0xff}})
	paletted.Pix[5] = 1
	tall := image.NewNRGBA(image.Rect(0, 0, 5, 301)) // several bands
	noise(tall.Pix, 9, someClear)
	tallYCbCr := image.NewYCbCr(image.Rect(0, 0, 6, 257), image.YCbCrSubsampleRatio422)
	noise(tallYCbCr.Y, 10, func(r *rand.Rand) uint8 { return uint8(r.Uint32()) })

	tests := []struct {
		name   string
		src    image.Image
		shared bool // own returns src's pixels rather than a copy
		at     image.Point
		want   color.NRGBA // the pixel at at (in the result's coordinates), if set
	}{
		{name: "opaque NRGBA at origin is kept", src: opaqueNRGBA, shared: true},
		{name: "opaque RGBA at origin is kept", src: opaqueRGBA, shared: true},
		{name: "transparent NRGBA over white", src: clearNRGBA, at: image.Pt(0, 0), want: color.NRGBA{0xff, 0xff, 0xff, 0xff}},
		{name: "half-clear RGBA over white", src: halfRGBA, at: image.Pt(2, 2), want: color.NRGBA{0x7f, 0x7f, 0x7f, 0xff}},
		{name: "opaque NRGBA off origin is copied", src: offOrigin},
		{name: "opaque RGBA with a wide stride is copied", src: narrow},
		{name: "YCbCr is converted", src: ycbcr},
		{name: "paletted clear entry is white", src: paletted, at: image.Pt(0, 0), want: color.NRGBA{0xff, 0xff, 0xff, 0xff}},
		{name: "tall transparent NRGBA in bands", src: tall},
		{name: "tall YCbCr in bands", src: tallYCbCr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := flattenOne(tt.src)
			b := tt.src.Bounds()
			for _, f := range []struct {
				name   string
				fn     func(image.Image) *image.NRGBA
				shared bool
			}{{"own", own, tt.shared}, {"flatten", flatten, false}} {
				got := f.fn(tt.src)
				if got.Rect != image.Rect(0, 0, b.Dx(), b.Dy()) || got.Stride != 4*b.Dx() || len(got.Pix) != 4*b.Dx()*b.Dy() {
					t.Fatalf("%s: rect %v stride %d len %d, want origin, packed", f.name, got.Rect, got.Stride, len(got.Pix))
				}
				if !got.Opaque() {
					t.Errorf("%s: result is not opaque", f.name)
				}
				if !bytes.Equal(got.Pix, before) {
					t.Errorf("%s: pixels differ from one draw over white", f.name)
				}
				if tt.want != (color.NRGBA{}) {
					if c := got.NRGBAAt(tt.at.X, tt.at.Y); !near(c, tt.want, 1) {
						t.Errorf("%s: pixel at %v = %v, want %v", f.name, tt.at, c, tt.want)
					}
				}
				if shares(got, tt.src) != f.shared {
					t.Errorf("%s: shares the input's pixels = %v, want %v", f.name, !f.shared, f.shared)
				}
			}
			if !bytes.Equal(flattenOne(tt.src), before) {
				t.Error("input changed")
			}
		})
	}
}

// shares reports whether got's pixels are src's buffer.
func shares(got *image.NRGBA, src image.Image) bool {
	var pix []uint8
	switch s := src.(type) {
	case *image.NRGBA:
		pix = s.Pix
	case *image.RGBA:
		pix = s.Pix
	default:
		return false
	}
	return len(got.Pix) > 0 && len(pix) > 0 && &got.Pix[0] == &pix[0]
}

// panicky is an image whose pixels cannot be read, like a decoder's
// malformed output.
type panicky struct{ r image.Rectangle }

func (panicky) ColorModel() color.Model   { return color.NRGBAModel }
func (p panicky) Bounds() image.Rectangle { return p.r }
func (panicky) At(x, y int) color.Color   { panic("bad pixels") }

// TestFlattenPanicReachesCaller checks that a panic while drawing in a band
// reaches the caller's goroutine, where Decode turns it into ErrCorrupt,
// instead of crashing the app.
func TestFlattenPanicReachesCaller(t *testing.T) {
	defer func() {
		if r := recover(); r != "bad pixels" {
			t.Errorf("recovered %v, want the drawing panic", r)
		}
	}()
	flatten(panicky{image.Rect(0, 0, 4, 400)})
	t.Error("no panic")
}
