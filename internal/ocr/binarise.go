package ocr

import (
	"image"
	"math"
	"runtime"
	"sync"
)

// binarise turns a photo into black ink on white paper for Tesseract, whose
// own global threshold fails on photos: glare and vignetting leave one side
// of a board darker than the other, sensor grain becomes specks, and the
// ruled lines of a ward board run into the letters beside them.
//
// Each pixel is compared with the mean and spread of its neighbourhood
// (Sauvola's rule, on a lightly smoothed copy). Which side counts as ink
// is decided per neighbourhood too, so light writing on a dark glass board
// or screen comes out as dark ink like everything else. Long straight runs
// of ink (table rules, board frames) are then erased.
func binarise(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	if w < 3 || h < 3 {
		for i := range out.Pix {
			out.Pix[i] = 255
		}
		return out
	}
	s := smooth3(g)
	st := newLocalStats(s, binCell)
	xs := st.spans(w, st.gw)
	ys := st.spans(h, st.gh)
	inBands(h, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			row := s.Pix[y*s.Stride : y*s.Stride+w]
			orow := out.Pix[y*out.Stride : y*out.Stride+w]
			for x, v := range row {
				m, sd, light := st.between(xs[x], ys[y])
				orow[x] = 255
				if sd < binMinSpread {
					continue // flat paper or wall: no writing here
				}
				p := float64(v)
				if light {
					p, m = 255-p, 255-m
				}
				t := m * (1 + binK*(sd/128-1))
				if p < t && m-p > binMinContrast {
					orow[x] = 0
				}
			}
		}
	})
	eraseRules(out, max(64, min(w, h)/12))
	return out
}

// inBands calls fn on [0, n) cut into one band per CPU, at the same time,
// and returns when all are done. fn must only write what its band owns.
func inBands(n int, fn func(lo, hi int)) {
	k := min(runtime.GOMAXPROCS(0), max(1, n/64))
	if k <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for b := range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(b*n/k, (b+1)*n/k)
		}()
	}
	wg.Wait()
}

// Tuning of binarise, chosen on the generated corpus.
const (
	binCell        = 16   // pixels per statistics cell
	binRadius      = 2    // cells each side in the neighbourhood (80 px window)
	binPolarity    = 4    // cells each side when deciding which side is ink
	binK           = 0.10 // Sauvola's k: how far below the mean ink must be
	binMinSpread   = 6.0  // below this standard deviation an area is flat
	binMinContrast = 14.0 // grey levels between ink and its background
)

// smooth3 is a 3x3 box blur that takes the edge off sensor grain. It keeps
// the horizontal sums of three rows only, not of the whole image: on a
// 12 MP photo that is 24 MB less garbage on the heap while Tesseract reads.
func smooth3(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	// sums[y%3] holds row y's horizontal sums once rowSums(y) has run.
	var sums [3][]uint16
	for i := range sums {
		sums[i] = make([]uint16, w)
	}
	rowSums := func(y int) {
		row := g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y):]
		t := sums[y%3]
		for x := 0; x < w; x++ {
			a, c := max(0, x-1), min(w-1, x+1)
			t[x] = uint16(row[a]) + uint16(row[x]) + uint16(row[c])
		}
	}
	rowSums(0)
	for y := 0; y < h; y++ {
		if y+1 < h {
			rowSums(y + 1)
		}
		// Rows above the first and below the last repeat the edge row.
		a, b, c := sums[max(0, y-1)%3], sums[y%3], sums[min(h-1, y+1)%3]
		orow := out.Pix[y*out.Stride:]
		for x := 0; x < w; x++ {
			orow[x] = uint8((uint32(a[x]) + uint32(b[x]) + uint32(c[x]) + 4) / 9)
		}
	}
	return out
}

// localStats holds, per cell, the mean and standard deviation of the
// neighbourhood around it and which side of the mean the ink is on.
type localStats struct {
	cell       int
	gw, gh     int
	mean, sd   []float64
	lightInk   []bool
	cellCentre float64
}

func newLocalStats(g *image.Gray, cell int) *localStats {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	gw, gh := (w+cell-1)/cell, (h+cell-1)/cell
	n := gw * gh
	sum, sq, cnt := make([]float64, n), make([]float64, n), make([]float64, n)
	lo, hi := make([]uint8, n), make([]uint8, n)
	for i := range lo {
		lo[i] = 255
	}
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		cy := y / cell
		for x, v := range row {
			i := cy*gw + x/cell
			f := float64(v)
			sum[i] += f
			sq[i] += f * f
			cnt[i]++
			lo[i] = min(lo[i], v)
			hi[i] = max(hi[i], v)
		}
	}
	st := &localStats{cell: cell, gw: gw, gh: gh, mean: make([]float64, n), sd: make([]float64, n), lightInk: make([]bool, n), cellCentre: float64(cell) / 2}
	window := func(cx, cy, r int) (s, q, c float64, mn, mx uint8) {
		mn = 255
		for y := max(0, cy-r); y <= min(gh-1, cy+r); y++ {
			for x := max(0, cx-r); x <= min(gw-1, cx+r); x++ {
				i := y*gw + x
				s += sum[i]
				q += sq[i]
				c += cnt[i]
				mn = min(mn, lo[i])
				mx = max(mx, hi[i])
			}
		}
		return
	}
	for cy := 0; cy < gh; cy++ {
		for cx := 0; cx < gw; cx++ {
			i := cy*gw + cx
			s, q, c, _, _ := window(cx, cy, binRadius)
			m := s / c
			st.mean[i] = m
			st.sd[i] = math.Sqrt(max(0, q/c-m*m))
			// Most of a neighbourhood is background, so the mean sits
			// nearer the background's end of the range than the ink's.
			s, _, c, mn, mx := window(cx, cy, binPolarity)
			st.lightInk[i] = s/c < (float64(mn)+float64(mx))/2
		}
	}
	return st
}

// span is where a pixel column (or row) falls between the centres of two
// cells, for interpolating the statistics: cells c0 and c1, t of the way
// from c0 to c1, and the nearest cell.
type span struct {
	c0, c1, near int
	t            float64
}

// spans returns the span of each of n pixels along an axis of cells cells,
// computed as at does, so between gives at's results without its per-pixel
// arithmetic.
func (st *localStats) spans(n, cells int) []span {
	out := make([]span, n)
	for i := range out {
		f := (float64(i)+0.5)/float64(st.cell) - 0.5
		c := int(math.Floor(f))
		out[i] = span{c0: clampi(c, 0, cells-1), c1: clampi(c+1, 0, cells-1), near: clampi(int(f+0.5), 0, cells-1), t: f - float64(c)}
	}
	return out
}

// between is at for a pixel whose column and row spans are sx and sy.
func (st *localStats) between(sx, sy span) (mean, sd float64, light bool) {
	r0, r1 := sy.c0*st.gw, sy.c1*st.gw
	lerp := func(a []float64) float64 {
		top := a[r0+sx.c0]*(1-sx.t) + a[r0+sx.c1]*sx.t
		bot := a[r1+sx.c0]*(1-sx.t) + a[r1+sx.c1]*sx.t
		return top*(1-sy.t) + bot*sy.t
	}
	return lerp(st.mean), lerp(st.sd), st.lightInk[sy.near*st.gw+sx.near]
}

// at interpolates the neighbourhood statistics at pixel (x, y).
func (st *localStats) at(x, y int) (mean, sd float64, light bool) {
	fx := (float64(x)+0.5)/float64(st.cell) - 0.5
	fy := (float64(y)+0.5)/float64(st.cell) - 0.5
	x0, y0 := int(math.Floor(fx)), int(math.Floor(fy))
	tx, ty := fx-float64(x0), fy-float64(y0)
	x0c, x1c := clampi(x0, 0, st.gw-1), clampi(x0+1, 0, st.gw-1)
	y0c, y1c := clampi(y0, 0, st.gh-1), clampi(y0+1, 0, st.gh-1)
	lerp := func(a []float64) float64 {
		top := a[y0c*st.gw+x0c]*(1-tx) + a[y0c*st.gw+x1c]*tx
		bot := a[y1c*st.gw+x0c]*(1-tx) + a[y1c*st.gw+x1c]*tx
		return top*(1-ty) + bot*ty
	}
	return lerp(st.mean), lerp(st.sd), st.lightInk[clampi(int(fy+0.5), 0, st.gh-1)*st.gw+clampi(int(fx+0.5), 0, st.gw-1)]
}

// eraseRules whitens straight horizontal and vertical runs of ink at least
// n pixels long and only a few pixels thick: the rules of a table or board,
// which Tesseract otherwise reads as part of the words beside them. A run
// may wander two pixels either side, so rules a few degrees off straight
// are found too, and runs carry on through crossing rules. Only thin ink
// is erased, so letters are safe: small letters are shorter than n, and
// the strokes of large ones are thick.
func eraseRules(b *image.Gray, n int) {
	w, h := b.Rect.Dx(), b.Rect.Dy()
	thin := max(10, min(w, h)/150)
	tall, wide := runLengths(b)
	// Hits are collected first so one direction does not feed the other.
	// A row's hits depend on tall only on that row, so once they are
	// known they take the row's place in tall (1 hit, 0 not), and the
	// columns add theirs there: a separate w*h map would be 12 MB more
	// on a 12 MP photo.
	hit := tall
	inBands(h, func(ya, yb int) {
		near, row := make([]bool, w), make([]bool, w)
		for y := ya; y < yb; y++ {
			hitRow(b, y, n, thin, tall, row, near)
			for x, on := range row {
				hit[y*w+x] = 0
				if on {
					hit[y*w+x] = 1
				}
			}
		}
	})
	inBands(w, func(xa, xb int) { hitColumns(b, xa, xb, n, thin, wide, hit) })
	for i, on := range hit {
		if on != 0 {
			b.Pix[(i/w)*b.Stride+i%w] = 255
		}
	}
}

// runLengths returns, for each pixel of b, the length of the vertical run
// of ink (0) through it and of the horizontal one, capped at 255.
func runLengths(b *image.Gray) (tall, wide []uint8) {
	w, h := b.Rect.Dx(), b.Rect.Dy()
	ink := func(x, y int) bool { return b.Pix[y*b.Stride+x] == 0 }
	// tall[i] is the length of the vertical run of ink through pixel i,
	// wide[i] the horizontal one (capped at 255).
	// Each phase below reads the ink and writes only its own rows or
	// columns; the horizontal ones run in bands at the same time.
	tall, wide = make([]uint8, w*h), make([]uint8, w*h)
	// Vertical runs row by row (columns would walk memory a row apart):
	// count each run down to its last pixel, then hand that length back
	// up the run from the bottom.
	for y := 0; y < h; y++ {
		row, up := b.Pix[y*b.Stride:y*b.Stride+w], tall[y*w:y*w+w]
		if y == 0 {
			for x, v := range row {
				if v == 0 {
					up[x] = 1
				}
			}
			continue
		}
		above := tall[(y-1)*w : y*w]
		for x, v := range row {
			if v == 0 {
				up[x] = uint8(min(255, int(above[x])+1))
			}
		}
	}
	for y := h - 2; y >= 0; y-- {
		row, below := b.Pix[y*b.Stride:y*b.Stride+w], b.Pix[(y+1)*b.Stride:(y+1)*b.Stride+w]
		t, tb := tall[y*w:y*w+w], tall[(y+1)*w:(y+2)*w]
		for x, v := range row {
			if v == 0 && below[x] == 0 {
				t[x] = tb[x]
			}
		}
	}
	inBands(h, func(ya, yb int) {
		for y := ya; y < yb; y++ {
			for x := 0; x < w; {
				if !ink(x, y) {
					x++
					continue
				}
				x0 := x
				for x < w && ink(x, y) {
					x++
				}
				for k := x0; k < x; k++ {
					wide[y*w+k] = uint8(min(255, x-x0))
				}
			}
		}
	})
	return tall, wide
}

// hitRow marks, on row y of b, the thin ink (vertical run through it at
// most thin, from tall) of horizontal runs at least n long, where a run
// carries on while there is ink within two rows of y, in hit (the row's
// width; every pixel is set). near is scratch space of the row's width.
func hitRow(b *image.Gray, y, n, thin int, tall []uint8, hit, near []bool) {
	w, h := b.Rect.Dx(), b.Rect.Dy()
	clear(near)
	clear(hit)
	for yy := max(0, y-2); yy <= min(h-1, y+2); yy++ {
		for x, v := range b.Pix[yy*b.Stride : yy*b.Stride+w] {
			if v == 0 {
				near[x] = true
			}
		}
	}
	row := b.Pix[y*b.Stride : y*b.Stride+w]
	run := 0
	for x := 0; x <= w; x++ {
		if x < w && near[x] {
			run++
			continue
		}
		if run >= n {
			for xx := x - run; xx < x; xx++ {
				if row[xx] == 0 && int(tall[y*w+xx]) <= thin {
					hit[xx] = true
				}
			}
		}
		run = 0
	}
}

// hitColumns marks, in columns xa to xb of b, the thin ink (horizontal run
// through it at most thin, from wide) of vertical runs at least n long,
// where a run carries on while there is ink within two columns. It walks
// the image a row at a time, keeping each column's run, since walking a
// column reads memory a row apart.
func hitColumns(b *image.Gray, xa, xb, n, thin int, wide, hit []uint8) {
	w, h := b.Rect.Dx(), b.Rect.Dy()
	runs := make([]int, xb-xa)
	for y := 0; y <= h; y++ {
		var row []uint8
		if y < h {
			row = b.Pix[y*b.Stride : y*b.Stride+w]
		}
		for x := xa; x < xb; x++ {
			if row != nil && inkWithin2(row, x) {
				runs[x-xa]++
				continue
			}
			if run := runs[x-xa]; run >= n {
				for yy := y - run; yy < y; yy++ {
					if i := yy*w + x; b.Pix[yy*b.Stride+x] == 0 && int(wide[i]) <= thin {
						hit[i] = 1
					}
				}
			}
			runs[x-xa] = 0
		}
	}
}

// inkWithin2 reports ink in row at x or up to two pixels either side.
func inkWithin2(row []uint8, x int) bool {
	for _, v := range row[max(0, x-2):min(len(row), x+3)] {
		if v == 0 {
			return true
		}
	}
	return false
}
