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
	tests := []struct {
		name string
		deg  float64
	}{
		{"level", 0},
		{"slight", 3},
		{"slight the other way", -4},
		{"board photographed at an angle", 7},
		{"more", -9},
		{"page photographed 12 degrees off level", 12},
		{"15 degrees", -15},
		{"18 degrees", 18},
		{"20 degrees, the most it straightens", -20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tilted := imaging.Rotate(dashes(1200, 800), tt.deg, color.White)
			g := gray(tilted)
			a := skewAngle(g)
			rot := newRotation(g.Rect.Dx(), g.Rect.Dy(), a)
			straight := rot.apply(g, 255)
			if rest := skewAngle(straight); math.Abs(rest) > 0.5 {
				t.Errorf("tilt %.0f°: estimated %.2f°, %.2f° left after deskew", tt.deg, a, rest)
			}
			// A box in the middle of the straightened image maps back near
			// the middle of the tilted one.
			c := image.Pt(straight.Rect.Dx()/2, straight.Rect.Dy()/2)
			b := rot.box(image.Rectangle{Min: c.Sub(image.Pt(5, 5)), Max: c.Add(image.Pt(5, 5))})
			mid := image.Pt(g.Rect.Dx()/2, g.Rect.Dy()/2)
			if !mid.In(b.Inset(-3)) {
				t.Errorf("tilt %.0f°: centre box maps to %v, want around %v", tt.deg, b, mid)
			}
		})
	}
}

func TestDeskewNeedsAPeak(t *testing.T) {
	// Rows tilted further than the search reaches get sharper all the way
	// to the end of the range: that end is no estimate of the tilt, and
	// turning the image by it would only make things worse.
	for _, deg := range []float64{30, -34} {
		g := gray(imaging.Rotate(dashes(1200, 800), deg, color.White))
		if a := skewAngle(g); math.Abs(a) >= maxSkew-1 {
			t.Errorf("tilt %.0f°: estimated %.2f°, the end of the range", deg, a)
		}
	}
}
