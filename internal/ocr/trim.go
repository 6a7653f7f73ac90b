package ocr

import "image"

// trimBox narrows a word's box, r in g's pixels, to the rows that hold
// its letters. Tesseract's box for a word sometimes takes in what is left
// of a table rule or a stroke of the line above, separated from the
// letters by clear rows; a region built from that box reaches over the
// heading row above. The rows of ink are split into runs at clear rows;
// the run with the most ink is the word, and runs close above or below it
// (an i's dot, an accent, a comma's tail) stay with it. A box with little
// contrast is left as it is.
func trimBox(g *image.Gray, r image.Rectangle) image.Rectangle {
	r = r.Intersect(g.Rect)
	if r.Dx() < 2 || r.Dy() < 6 {
		return r
	}
	lo, hi := uint8(255), uint8(0)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for _, v := range g.Pix[g.PixOffset(r.Min.X, y):g.PixOffset(r.Max.X, y)] {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	if int(hi)-int(lo) < 48 {
		return r
	}
	mid := (int(lo) + int(hi)) / 2
	// Ink is whichever side of mid is the smaller share of the box:
	// dark letters on paper, or light letters on a screen.
	ink := make([]int, r.Dy())
	dark := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for _, v := range g.Pix[g.PixOffset(r.Min.X, y):g.PixOffset(r.Max.X, y)] {
			if int(v) < mid {
				ink[y-r.Min.Y]++
				dark++
			}
		}
	}
	if 2*dark > r.Dx()*r.Dy() {
		for i := range ink {
			ink[i] = r.Dx() - ink[i]
		}
	}
	clearRow := func(n int) bool { return n*100 <= r.Dx() }
	type run struct{ y0, y1, ink int }
	var runs []run
	for y := 0; y < len(ink); y++ {
		if clearRow(ink[y]) {
			continue
		}
		if n := len(runs); n > 0 && y-runs[n-1].y1 <= 1 {
			runs[n-1].y1, runs[n-1].ink = y+1, runs[n-1].ink+ink[y]
			continue
		}
		runs = append(runs, run{y, y + 1, ink[y]})
	}
	if len(runs) <= 1 {
		if len(runs) == 1 {
			return image.Rect(r.Min.X, r.Min.Y+runs[0].y0, r.Max.X, r.Min.Y+runs[0].y1)
		}
		return r
	}
	best := 0
	for i, u := range runs {
		if u.ink > runs[best].ink {
			best = i
		}
	}
	y0, y1 := runs[best].y0, runs[best].y1
	near := max(2, (y1-y0)/4)
	for i := best - 1; i >= 0 && y0-runs[i].y1 <= near; i-- {
		y0 = runs[i].y0
	}
	for i := best + 1; i < len(runs) && runs[i].y0-y1 <= near; i++ {
		y1 = runs[i].y1
	}
	return image.Rect(r.Min.X, r.Min.Y+y0, r.Max.X, r.Min.Y+y1)
}
