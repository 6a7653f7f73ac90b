package ocr

import (
	"bytes"
	"image"
	"math/rand/v2"
	"testing"
)

// page is a test picture: a background function plus strokes.
type page struct {
	w, h  int
	bg    func(x, y int) int
	ink   int // grey level added to the background inside strokes
	grain int // +- uniform noise
	bars  []image.Rectangle
	rules []image.Rectangle
}

func (p page) render() *image.Gray {
	g := image.NewGray(image.Rect(0, 0, p.w, p.h))
	rng := rand.New(rand.NewPCG(1, 2))
	for y := 0; y < p.h; y++ {
		for x := 0; x < p.w; x++ {
			v := p.bg(x, y)
			pt := image.Pt(x, y)
			for _, r := range append(p.bars, p.rules...) {
				if pt.In(r) {
					v += p.ink
					break
				}
			}
			if p.grain > 0 {
				v += rng.IntN(2*p.grain+1) - p.grain
			}
			g.Pix[y*g.Stride+x] = uint8(max(0, min(255, v)))
		}
	}
	return g
}

// letters are letter-sized strokes: 4 px wide, 24 px tall, 14 px apart.
func letters(x0, y0, n int) []image.Rectangle {
	var out []image.Rectangle
	for i := 0; i < n; i++ {
		out = append(out, image.Rect(x0+i*14, y0, x0+i*14+4, y0+24))
	}
	return out
}

func share(b *image.Gray, rs []image.Rectangle, black bool) float64 {
	n, hit := 0, 0
	for _, r := range rs {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				n++
				if (b.Pix[y*b.Stride+x] == 0) == black {
					hit++
				}
			}
		}
	}
	if n == 0 {
		return 1
	}
	return float64(hit) / float64(n)
}

func TestBinarise(t *testing.T) {
	const w, h = 640, 240
	flat := func(v int) func(x, y int) int { return func(int, int) int { return v } }
	tests := []struct {
		name string
		page page
	}{
		{"dark ink on paper", page{w: w, h: h, bg: flat(225), ink: -120, bars: letters(40, 100, 20)}},
		// Glare: the paper runs from grey to white across the board and the
		// faint marker is only 45 levels darker than the paper beside it.
		{"faint ink under glare", page{w: w, h: h, bg: func(x, _ int) int { return 120 + x*130/w }, ink: -45, bars: letters(40, 100, 40)}},
		{"light ink on a dark board", page{w: w, h: h, bg: flat(45), ink: 120, bars: letters(40, 100, 20)}},
		{"grainy paper", page{w: w, h: h, bg: flat(200), ink: -110, grain: 10, bars: letters(40, 100, 20)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := binarise(tt.page.render())
			if got := share(b, tt.page.bars, true); got < 0.9 {
				t.Errorf("only %.2f of the strokes came out as ink", got)
			}
			// The paper well away from the strokes stays white.
			paper := []image.Rectangle{image.Rect(0, 0, w, 60), image.Rect(0, 180, w, h)}
			if got := share(b, paper, false); got < 0.99 {
				t.Errorf("only %.3f of the plain paper came out white", got)
			}
		})
	}
}

func TestBinariseErasesRules(t *testing.T) {
	// A table: a rule above and below a row of letters, one a little off
	// straight, and a vertical rule beside them.
	p := page{w: 800, h: 300, bg: func(int, int) int { return 220 }, ink: -150, bars: letters(100, 120, 25)}
	p.rules = append(p.rules, image.Rect(20, 100, 780, 103), image.Rect(60, 20, 63, 280))
	for x := 20; x < 780; x += 40 { // a rule falling 2 px every 40: about 3 degrees
		y := 160 + (x-20)/40*2
		p.rules = append(p.rules, image.Rect(x, y, x+40, y+3))
	}
	b := binarise(p.render())
	// Where two rules cross, the crossing is thick both ways and stays
	// as a dot; the rest goes.
	if got := share(b, p.rules, false); got < 0.85 {
		t.Errorf("only %.2f of the ruled lines were erased", got)
	}
	if got := share(b, p.bars, true); got < 0.9 {
		t.Errorf("only %.2f of the letters survived", got)
	}
}

func TestBinariseTiny(t *testing.T) {
	for _, sz := range []image.Point{{0, 0}, {1, 1}, {2, 5}, {3, 3}} {
		b := binarise(image.NewGray(image.Rect(0, 0, sz.X, sz.Y)))
		if b.Rect.Dx() != sz.X || b.Rect.Dy() != sz.Y {
			t.Errorf("%v: got %v", sz, b.Rect)
		}
	}
}

func TestBinariseKeepsLargeLetters(t *testing.T) {
	// The strokes of sign lettering are long but thick: they are letters,
	// not rules.
	p := page{w: 1200, h: 600, bg: func(int, int) int { return 225 }, ink: -190}
	p.bars = []image.Rectangle{image.Rect(100, 100, 140, 500), image.Rect(100, 100, 500, 140), image.Rect(600, 100, 650, 500)}
	b := binarise(p.render())
	if got := share(b, p.bars, true); got < 0.9 {
		t.Errorf("only %.2f of the thick strokes survived", got)
	}
}

func BenchmarkBinarise12MP(b *testing.B) {
	g := image.NewGray(image.Rect(0, 0, 4000, 3000))
	for i := range g.Pix {
		g.Pix[i] = uint8(180 + (i*7919)%40)
	}
	b.ResetTimer()
	for b.Loop() {
		binarise(g)
	}
}

// TestSmooth3MatchesReference checks the three-row smooth3 against the
// whole-image one it replaced, on sizes down to one pixel and on a
// sub-image.
func TestSmooth3MatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for _, size := range [][2]int{{1, 1}, {1, 7}, {7, 1}, {2, 2}, {3, 5}, {64, 48}, {301, 17}} {
		g := image.NewGray(image.Rect(0, 0, size[0]+6, size[1]+4))
		for i := range g.Pix {
			g.Pix[i] = uint8(rng.IntN(256))
		}
		for _, src := range []*image.Gray{g, g.SubImage(image.Rect(3, 2, 3+size[0], 2+size[1])).(*image.Gray)} {
			got, want := smooth3(src), smooth3Ref(src)
			if !bytes.Equal(got.Pix, want.Pix) || got.Rect != want.Rect {
				t.Errorf("%dx%d from %v: smooth3 differs from the reference", size[0], size[1], src.Rect)
			}
		}
	}
}

// smooth3Ref is smooth3 as it was, with the horizontal sums of the whole
// image.
func smooth3Ref(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	tmp := make([]uint16, w*h)
	for y := 0; y < h; y++ {
		row := g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y):]
		t := tmp[y*w : y*w+w]
		for x := 0; x < w; x++ {
			a, c := max(0, x-1), min(w-1, x+1)
			t[x] = uint16(row[a]) + uint16(row[x]) + uint16(row[c])
		}
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		a, c := tmp[max(0, y-1)*w:], tmp[min(h-1, y+1)*w:]
		b := tmp[y*w:]
		orow := out.Pix[y*out.Stride:]
		for x := 0; x < w; x++ {
			orow[x] = uint8((uint32(a[x]) + uint32(b[x]) + uint32(c[x]) + 4) / 9)
		}
	}
	return out
}
