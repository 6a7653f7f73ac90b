package ocr

import (
	"image"
	"image/color"
	"testing"
)

func TestTrimBox(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 200, 60))
	for i := range g.Pix {
		g.Pix[i] = 240
	}
	fill := func(x0, y0, x1, y1 int) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				g.SetGray(x, y, color.Gray{Y: 20})
			}
		}
	}
	fill(10, 8, 190, 10)  // a table rule
	fill(20, 30, 180, 50) // the letters
	fill(60, 25, 64, 28)  // an i's dot, two clear rows above them
	for _, tc := range []struct {
		name     string
		in, want image.Rectangle
	}{
		{"rule above cut off", image.Rect(15, 5, 185, 52), image.Rect(15, 25, 185, 50)},
		{"tight box kept", image.Rect(15, 25, 185, 50), image.Rect(15, 25, 185, 50)},
		{"blank box kept", image.Rect(0, 52, 200, 60), image.Rect(0, 52, 200, 60)},
		{"box past the edge clipped", image.Rect(150, 40, 260, 90), image.Rect(150, 40, 200, 50)},
		{"empty box stays empty", image.Rect(30, 30, 30, 30), image.Rectangle{}},
	} {
		if got := trimBox(g, tc.in); got != tc.want {
			t.Errorf("%s: trimBox(%v) = %v, want %v", tc.name, tc.in, got, tc.want)
		}
	}
}
