package compose

import (
	"image"
	"image/color"
	"testing"

	"github.com/disintegration/imaging"
)

func TestShrink(t *testing.T) {
	for _, c := range []struct {
		w, h, long   int
		wantW, wantH int
	}{
		{4000, 3000, 1280, 1333, 1000}, // 12 MP: factor 3
		{3000, 4000, 1280, 1000, 1333}, // portrait
		{2559, 1000, 1280, 2559, 1000}, // under twice long: kept
		{2560, 100, 1280, 1280, 50},
		{100, 80, 1280, 100, 80},
		{9, 3, 2, 2, 0}, // would be 2x0: kept below
	} {
		src := image.NewNRGBA(image.Rect(0, 0, c.w, c.h))
		got := shrink(src, c.long)
		if c.wantH == 0 {
			if got != src {
				t.Errorf("%dx%d: an image that cannot shrink was changed", c.w, c.h)
			}
			continue
		}
		if b := got.Bounds(); b.Dx() != c.wantW || b.Dy() != c.wantH {
			t.Errorf("%dx%d to %d: got %v, want %dx%d", c.w, c.h, c.long, b, c.wantW, c.wantH)
		}
		if (c.wantW == c.w) != (got == src) {
			t.Errorf("%dx%d: shared the input = %v", c.w, c.h, got == src)
		}
	}
	if shrink(nil, 10) != nil {
		t.Error("nil in, not nil out")
	}
}

// TestShrinkAverages checks each output pixel is the alpha-weighted mean
// of its block, on an image not at the origin, and the input is untouched.
func TestShrinkAverages(t *testing.T) {
	src := image.NewNRGBA(image.Rect(10, 20, 16, 24)) // 6x4, factor 2 -> 3x2
	for y := 20; y < 24; y++ {
		for x := 10; x < 16; x++ {
			src.SetNRGBA(x, y, color.NRGBA{uint8(x * 10), uint8(y), 200, 255})
		}
	}
	src.SetNRGBA(14, 22, color.NRGBA{0, 0, 0, 0}) // a transparent pixel does not darken its block
	before := append([]uint8(nil), src.Pix...)
	got := shrink(src, 3)
	if got.Bounds() != image.Rect(0, 0, 3, 2) {
		t.Fatalf("bounds %v", got.Bounds())
	}
	want := map[image.Point]color.NRGBA{
		{0, 0}: {105, 21, 200, 255}, // x 10,11; y 20,21
		{2, 1}: {147, 23, 200, 191}, // x 14,15; y 22,23, one clear: R (150+140+150)/3
	}
	for p, w := range want {
		if g := got.NRGBAAt(p.X, p.Y); diff(g.R, w.R) > 1 || diff(g.G, w.G) > 1 || g.B != w.B || diff(g.A, w.A) > 1 {
			t.Errorf("pixel %v = %v, want %v", p, g, w)
		}
	}
	for i := range before {
		if src.Pix[i] != before[i] {
			t.Fatal("input changed")
		}
	}
}

// TestShrinkOpaqueRowMatchesWeighted checks that the plain sum used for
// opaque block rows gives the same bytes as the alpha-weighted one, for
// odd and even block sizes.
func TestShrinkOpaqueRowMatchesWeighted(t *testing.T) {
	for _, k := range []int{2, 3, 4, 5, 7} {
		const w, h = 6, 3
		src := image.NewNRGBA(image.Rect(2, 1, 2+w*k, 1+h*k))
		for i := range src.Pix {
			src.Pix[i] = uint8(i*37 + i/7)
			if i%4 == 3 {
				src.Pix[i] = 0xff
			}
		}
		for y := range h {
			plain, weighted := make([]uint8, 4*w), make([]uint8, 4*w)
			shrinkOpaqueRow(plain, make([]uint32, 3*w), src, k, y)
			shrinkRow(weighted, make([]uint64, 4*w), src, k, y)
			if !blockRowOpaque(src, k, y, w) {
				t.Fatalf("k=%d row %d: an opaque block row reads as not opaque", k, y)
			}
			for i := range plain {
				if plain[i] != weighted[i] {
					t.Fatalf("k=%d row %d byte %d: plain %d, weighted %d", k, y, i, plain[i], weighted[i])
				}
			}
		}
	}
}

// BenchmarkShrink12MP compares shrink with imaging.Fit, which the model
// used before, on a 12 MP image.
func BenchmarkShrink12MP(b *testing.B) {
	src := image.NewNRGBA(image.Rect(0, 0, 4000, 3000))
	for i := range src.Pix {
		src.Pix[i] = uint8(i * 7)
		if i%4 == 3 {
			src.Pix[i] = 0xff // photos are opaque
		}
	}
	b.Run("shrink", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			shrink(src, PreviewSize)
		}
	})
	b.Run("imaging.Fit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			imaging.Fit(src, PreviewSize, PreviewSize, imaging.Linear)
		}
	})
}

func diff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
