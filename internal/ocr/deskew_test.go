package ocr

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/disintegration/imaging"
)

// dashes draws rows of short dark dashes, like lines of text.
func dashes(w, h int) *image.NRGBA {
	img := imaging.New(w, h, color.White)
	for y := 40; y < h-40; y += 40 {
		for x := 40; x < w-40; x += 24 {
			for dy := 0; dy < 14; dy++ {
				for dx := 0; dx < 16; dx++ {
					img.Set(x+dx, y+dy, color.Black)
				}
			}
		}
	}
	return img
}

func TestDeskewUndoesTilt(t *testing.T) {
	for _, deg := range []float64{-9, -4, 0, 3, 7} {
		tilted := imaging.Rotate(dashes(1200, 800), deg, color.White)
		g := gray(tilted)
		a := skewAngle(g)
		rot := newRotation(g.Rect.Dx(), g.Rect.Dy(), a)
		straight := rot.apply(g, 255)
		if rest := skewAngle(straight); math.Abs(rest) > 0.5 {
			t.Errorf("tilt %.0f°: estimated %.2f°, %.2f° left after deskew", deg, a, rest)
		}
		// A box in the middle of the straightened image maps back near
		// the middle of the tilted one.
		c := image.Pt(straight.Rect.Dx()/2, straight.Rect.Dy()/2)
		b := rot.box(image.Rectangle{Min: c.Sub(image.Pt(5, 5)), Max: c.Add(image.Pt(5, 5))})
		mid := image.Pt(g.Rect.Dx()/2, g.Rect.Dy()/2)
		if !mid.In(b.Inset(-3)) {
			t.Errorf("tilt %.0f°: centre box maps to %v, want around %v", deg, b, mid)
		}
	}
}
