package bench

import (
	"image"
	"image/color"
	"slices"
	"testing"
)

// solid returns a w x h image of one colour.
func solid(w, h int, c color.NRGBA) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func mask(w, h int, on ...image.Point) []bool {
	m := make([]bool, w*h)
	for _, p := range on {
		m[p.Y*w+p.X] = true
	}
	return m
}

// The expected values in these tests were computed with Pillow 9.4 and
// realscore.py's own functions.

func TestGreyIsPillowLuma(t *testing.T) {
	for _, tc := range []struct {
		c    color.NRGBA
		want uint8
	}{
		{color.NRGBA{255, 255, 255, 255}, 255},
		{color.NRGBA{0, 0, 0, 255}, 0},
		{color.NRGBA{255, 0, 0, 255}, 76},
		{color.NRGBA{0, 255, 0, 255}, 150},
		{color.NRGBA{0, 0, 255, 255}, 29},
		{color.NRGBA{10, 20, 30, 255}, 18},
		{color.NRGBA{128, 64, 200, 255}, 99},
		{color.NRGBA{128, 64, 200, 0}, 99}, // alpha is ignored
	} {
		if got := Grey(solid(1, 1, tc.c)).Pix[0]; got != tc.want {
			t.Errorf("Grey(%v) = %d; want %d", tc.c, got, tc.want)
		}
	}
}

func TestBoxBlur3IsPillowBoxBlur1(t *testing.T) {
	for _, tc := range []struct {
		name string
		img  *image.NRGBA
		ch   int
		want [][]uint8
	}{
		{
			name: "one bright pixel",
			img: func() *image.NRGBA {
				m := solid(5, 5, color.NRGBA{0, 0, 0, 255})
				m.SetNRGBA(2, 2, color.NRGBA{255, 255, 255, 255})
				return m
			}(),
			want: [][]uint8{{0, 0, 0, 0, 0}, {0, 28, 28, 28, 0}, {0, 28, 28, 28, 0}, {0, 28, 28, 28, 0}, {0, 0, 0, 0, 0}},
		},
		{
			name: "corner, edges repeated, rounded after each pass",
			img: func() *image.NRGBA {
				m := solid(4, 4, color.NRGBA{0, 0, 0, 255})
				m.SetNRGBA(0, 0, color.NRGBA{255, 100, 7, 255})
				return m
			}(),
			ch:   2,
			want: [][]uint8{{3, 1, 0, 0}, {2, 1, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}},
		},
		{
			name: "one row",
			img: func() *image.NRGBA {
				m := image.NewNRGBA(image.Rect(0, 0, 6, 1))
				for x, v := range []uint8{0, 10, 20, 31, 200, 201} {
					m.SetNRGBA(x, 0, color.NRGBA{v, v, v, 255})
				}
				return m
			}(),
			want: [][]uint8{{3, 10, 20, 84, 144, 201}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := boxBlur3(tc.img)
			w := tc.img.Bounds().Dx()
			for y, row := range tc.want {
				for x, want := range row {
					if got := b[3*(y*w+x)+tc.ch]; got != want {
						t.Errorf("(%d,%d) = %d; want %d", x, y, got, want)
					}
				}
			}
		})
	}
}

func TestChangedMask(t *testing.T) {
	grey := color.NRGBA{100, 100, 100, 255}
	for _, tc := range []struct {
		name    string
		in, out func() *image.NRGBA
		want    []bool
	}{
		{
			name: "identical",
			in:   func() *image.NRGBA { return solid(3, 3, grey) },
			out:  func() *image.NRGBA { return solid(3, 3, grey) },
			want: mask(3, 3),
		},
		{
			name: "10 levels a channel is not a change",
			in:   func() *image.NRGBA { return solid(3, 3, grey) },
			out:  func() *image.NRGBA { return solid(3, 3, color.NRGBA{110, 110, 110, 255}) },
			want: mask(3, 3),
		},
		{
			name: "11 levels a channel is",
			in:   func() *image.NRGBA { return solid(2, 2, grey) },
			out:  func() *image.NRGBA { return solid(2, 2, color.NRGBA{111, 111, 111, 255}) },
			want: []bool{true, true, true, true},
		},
		{
			name: "one channel alone counts",
			in:   func() *image.NRGBA { return solid(2, 1, grey) },
			out:  func() *image.NRGBA { return solid(2, 1, color.NRGBA{131, 100, 100, 255}) },
			want: []bool{true, true},
		},
		{
			name: "a lone pixel changed by 60 levels is smoothed away",
			in:   func() *image.NRGBA { return solid(5, 5, grey) },
			out: func() *image.NRGBA {
				m := solid(5, 5, grey)
				m.SetNRGBA(2, 2, color.NRGBA{160, 160, 160, 255})
				return m
			},
			want: mask(5, 5),
		},
		{
			name: "by 100 levels it marks its neighbours",
			in:   func() *image.NRGBA { return solid(5, 5, grey) },
			out: func() *image.NRGBA {
				m := solid(5, 5, grey)
				m.SetNRGBA(2, 2, color.NRGBA{200, 200, 200, 255})
				return m
			},
			// 100/9 is 11 levels a channel: 33 > 30.
			want: mask(5, 5, image.Pt(1, 1), image.Pt(2, 1), image.Pt(3, 1), image.Pt(1, 2), image.Pt(2, 2),
				image.Pt(3, 2), image.Pt(1, 3), image.Pt(2, 3), image.Pt(3, 3)),
		},
		{
			name: "transparent input pixels never count",
			in: func() *image.NRGBA {
				m := solid(2, 1, grey)
				m.SetNRGBA(0, 0, color.NRGBA{100, 100, 100, 254})
				return m
			},
			out:  func() *image.NRGBA { return solid(2, 1, color.NRGBA{0, 0, 0, 255}) },
			want: []bool{false, true},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ChangedMask(tc.in(), tc.out()); !slices.Equal(got, tc.want) {
				t.Errorf("got %v; want %v", got, tc.want)
			}
		})
	}
}

func TestChangedBlock(t *testing.T) {
	rect := func(w, h int, r image.Rectangle) []bool {
		m := make([]bool, w*h)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				m[y*w+x] = true
			}
		}
		return m
	}
	for _, tc := range []struct {
		name    string
		w, h    int
		changed image.Rectangle
		want    float64
	}{
		{"nothing", 64, 64, image.Rectangle{}, 0},
		{"one whole block", 64, 64, image.Rect(16, 32, 32, 48), 1},
		{"half a block", 64, 64, image.Rect(0, 0, 8, 16), 0.5},
		{"a block's worth across four blocks", 64, 64, image.Rect(8, 8, 24, 24), 0.25},
		{"the cut-off edge is not a block", 40, 32, image.Rect(32, 0, 40, 32), 0},
		{"smaller than a block: overall share", 10, 10, image.Rect(0, 0, 5, 10), 0.5},
		// 1000 px on the short side: blocks of 25.
		{"block side grows with the image", 1000, 1000, image.Rect(0, 0, 25, 25), 1},
		{"block side grows with the image, offset", 1000, 1000, image.Rect(10, 0, 35, 25), 0.6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ChangedBlock(rect(tc.w, tc.h, tc.changed), tc.w, tc.h); got != tc.want {
				t.Errorf("got %v; want %v", got, tc.want)
			}
		})
	}
}

func TestOtsu(t *testing.T) {
	rep := func(v uint8, n int) []uint8 { return slices.Repeat([]uint8{v}, n) }
	ramp := make([]uint8, 256)
	for i := range ramp {
		ramp[i] = uint8(i)
	}
	for _, tc := range []struct {
		name string
		v    []uint8
		want int
	}{
		{"empty", nil, 127},
		{"one value", []uint8{5}, 0},
		{"two values: the lowest of the tied thresholds", append(rep(10, 5), rep(200, 7)...), 10},
		{"three clusters", []uint8{0, 0, 50, 60, 200, 210, 220, 255}, 60},
		{"spread", []uint8{20, 30, 40, 100, 110, 120, 130, 250}, 130},
		{"ramp", ramp, 127},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Otsu(tc.v); got != tc.want {
				t.Errorf("Otsu = %d; want %d", got, tc.want)
			}
		})
	}
}

func TestInkMask(t *testing.T) {
	// A 6x4 grey page; the box is all of it unless said otherwise.
	page := func(bg uint8, ink uint8, at ...image.Point) *image.Gray {
		g := image.NewGray(image.Rect(0, 0, 6, 4))
		for i := range g.Pix {
			g.Pix[i] = bg
		}
		for _, p := range at {
			g.SetGray(p.X, p.Y, color.Gray{ink})
		}
		return g
	}
	five := []image.Point{{1, 1}, {2, 1}, {3, 1}, {4, 1}, {2, 2}}
	all := func(w, h int) []bool { return slices.Repeat([]bool{true}, w*h) }
	full := image.Rect(0, 0, 6, 4)
	for _, tc := range []struct {
		name string
		g    *image.Gray
		box  image.Rectangle
		quad [][2]float64
		want []bool
	}{
		{"dark ink on light", page(230, 20, five...), full, nil, mask(6, 4, five...)},
		{"light ink on dark", page(15, 240, five...), full, nil, mask(6, 4, five...)},
		{"faint (range under 24): all of it", page(200, 180, five...), full, nil, all(6, 4)},
		{"under 4 ink pixels: all of it", page(230, 20, five[:3]...), full, nil, all(6, 4)},
		{"box inside the page", page(230, 20, five...), image.Rect(0, 1, 6, 4), nil,
			mask(6, 3, image.Pt(1, 0), image.Pt(2, 0), image.Pt(3, 0), image.Pt(4, 0), image.Pt(2, 1))},
		{"ink the majority of its box: the other side is the minority", page(230, 20, five...), image.Rect(1, 1, 5, 3), nil,
			all(4, 2)}, // 3 background pixels, under 4
		{"empty box", page(230, 20, five...), image.Rectangle{}, nil, nil},
		{"quad keeps ink inside it", page(230, 20, append(five, image.Pt(5, 3))...), full,
			[][2]float64{{0, 0}, {5, 0}, {5, 3}, {0, 3}}, mask(6, 4, five...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := InkMask(tc.g, tc.box, tc.quad); !slices.Equal(got, tc.want) {
				t.Errorf("got %v; want %v", got, tc.want)
			}
		})
	}
}
