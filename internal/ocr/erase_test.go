package ocr

import (
	"image"
	"math/rand/v2"
	"testing"
)

// TestEraseRulesMatchesReference checks the row-major eraseRules against
// the plain column-walking version it replaced, on random pages of rules,
// crossing rules, letters and specks.
func TestEraseRulesMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	erased := 0
	for trial := 0; trial < 20; trial++ {
		w, h := 60+rng.IntN(300), 60+rng.IntN(300)
		g := image.NewGray(image.Rect(0, 0, w, h))
		for i := range g.Pix {
			g.Pix[i] = 255
			if rng.IntN(40) == 0 {
				g.Pix[i] = 0 // specks
			}
		}
		set := func(x, y int) {
			if x >= 0 && y >= 0 && x < w && y < h {
				g.Pix[y*g.Stride+x] = 0
			}
		}
		for k := 0; k < 6; k++ { // rules that wander a little, some thick
			y0, thick := rng.IntN(h), 1+rng.IntN(4)
			for x := rng.IntN(w / 2); x < w-rng.IntN(w/2); x++ {
				for d := 0; d < thick; d++ {
					set(x, y0+d+x/40)
				}
			}
			x0 := rng.IntN(w)
			for y := rng.IntN(h / 2); y < h-rng.IntN(h/2); y++ {
				for d := 0; d < thick; d++ {
					set(x0+d+y/50, y)
				}
			}
		}
		for k := 0; k < 20; k++ { // letters: small solid blocks
			x, y := rng.IntN(w), rng.IntN(h)
			for dy := 0; dy < 8; dy++ {
				for dx := 0; dx < 5; dx++ {
					set(x+dx, y+dy)
				}
			}
		}
		want := image.NewGray(g.Rect)
		copy(want.Pix, g.Pix)
		n := 20 + rng.IntN(40)
		before := append([]uint8(nil), g.Pix...)
		eraseRulesRef(want, n)
		eraseRules(g, n)
		for i := range before {
			if before[i] != g.Pix[i] {
				erased++
			}
		}
		for i := range g.Pix {
			if g.Pix[i] != want.Pix[i] {
				t.Fatalf("trial %d (%dx%d, n=%d): pixel (%d,%d) is %d, reference %d", trial, w, h, n, i%w, i/w, g.Pix[i], want.Pix[i])
			}
		}
	}
	if erased == 0 {
		t.Fatal("no rule was erased: the pages test nothing")
	}
}

// ruledPage is a 12 MP page of table rules and letter-sized blocks.
func ruledPage() *image.Gray {
	const w, h = 4000, 3000
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	for y := 100; y < h-100; y += 60 {
		for x := 50; x < w-50; x++ {
			g.Pix[(y+x/200)*g.Stride+x] = 0
		}
		for x := 80; x < w-80; x += 23 {
			for dy := 20; dy < 40; dy++ {
				for dx := 0; dx < 12; dx++ {
					g.Pix[(y+dy)*g.Stride+x+dx] = 0
				}
			}
		}
	}
	return g
}

func BenchmarkEraseRules(b *testing.B) {
	page := ruledPage()
	for _, bc := range []struct {
		name string
		fn   func(*image.Gray, int)
	}{{"row-major", eraseRules}, {"reference", eraseRulesRef}} {
		b.Run(bc.name, func(b *testing.B) {
			g := image.NewGray(page.Rect)
			for b.Loop() {
				copy(g.Pix, page.Pix)
				bc.fn(g, 100)
			}
		})
	}
}

// eraseRulesRef is eraseRules as it was before it walked the image a row
// at a time: per-pixel closures, columns walked top to bottom.
func eraseRulesRef(b *image.Gray, n int) {
	w, h := b.Rect.Dx(), b.Rect.Dy()
	thin := max(10, min(w, h)/150)
	ink := func(x, y int) bool { return b.Pix[y*b.Stride+x] == 0 }
	tall, wide := runLengths(b)
	flat := func(x, y int) bool { i := y*w + x; return ink(x, y) && int(tall[i]) <= thin }
	upright := func(x, y int) bool { i := y*w + x; return ink(x, y) && int(wide[i]) <= thin }
	hit := make([]bool, w*h) // collected first so one direction does not feed the other
	inBands(h, func(ya, yb int) {
		for y := ya; y < yb; y++ {
			hitRowRef(y, w, h, n, ink, flat, hit)
		}
	})
	inBands(w, func(xa, xb int) {
		for x := xa; x < xb; x++ {
			hitColumnRef(x, w, h, n, ink, upright, hit)
		}
	})
	for i, on := range hit {
		if on {
			b.Pix[(i/w)*b.Stride+i%w] = 255
		}
	}
}

// hitRow marks, on row y, the thin ink of horizontal runs at least n long.
func hitRowRef(y, w, h, n int, ink, flat func(x, y int) bool, hit []bool) {
	run := 0
	for x := 0; x <= w; x++ {
		on := false
		if x < w {
			for dy := -2; dy <= 2 && !on; dy++ {
				on = y+dy >= 0 && y+dy < h && ink(x, y+dy)
			}
		}
		if on {
			run++
			continue
		}
		if run >= n {
			for xx := x - run; xx < x; xx++ {
				if flat(xx, y) {
					hit[y*w+xx] = true
				}
			}
		}
		run = 0
	}
}

// hitColumn marks, in column x, the thin ink of vertical runs at least n
// long. Columns next to each other write different cells of hit.
func hitColumnRef(x, w, h, n int, ink, upright func(x, y int) bool, hit []bool) {
	run := 0
	for y := 0; y <= h; y++ {
		on := false
		if y < h {
			for dx := -2; dx <= 2 && !on; dx++ {
				on = x+dx >= 0 && x+dx < w && ink(x+dx, y)
			}
		}
		if on {
			run++
			continue
		}
		if run >= n {
			for yy := y - run; yy < y; yy++ {
				if upright(x, yy) {
					hit[yy*w+x] = true
				}
			}
		}
		run = 0
	}
}

// TestBetweenMatchesAt checks that interpolating the statistics from
// precomputed spans gives exactly what at computes pixel by pixel.
func TestBetweenMatchesAt(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	g := image.NewGray(image.Rect(0, 0, 203, 149))
	for i := range g.Pix {
		g.Pix[i] = uint8(rng.IntN(256))
	}
	st := newLocalStats(g, binCell)
	xs, ys := st.spans(203, st.gw), st.spans(149, st.gh)
	for y := range 149 {
		for x := range 203 {
			m1, s1, l1 := st.at(x, y)
			m2, s2, l2 := st.between(xs[x], ys[y])
			if m1 != m2 || s1 != s2 || l1 != l2 {
				t.Fatalf("(%d,%d): at gives %v %v %v, between %v %v %v", x, y, m1, s1, l1, m2, s2, l2)
			}
		}
	}
}
