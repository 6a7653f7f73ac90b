package codes

import (
	"context"
	"image"
	"math"
)

// barArea is a group of bar-like blocks: a likely 1-D barcode.
type barArea struct {
	box  image.Rectangle // in input pixels, bars plus a margin
	core image.Rectangle // the bar-like windows alone
	// angle is the direction across the bars (the gradient), in radians
	// in (-π/2, π/2]; 0 means upright bars.
	angle float64
}

// Tuning of the bar-like area search, in pixels of the working copy
// (at most workSide on its long side). Chosen on generated codes and the
// synth corpus: see the package tests.
const (
	workSide = 2000
	cell     = 8 // statistics are kept per cell, judged per 2×2 cells
	// strongGrad is the squared Sobel magnitude of an edge: a step of
	// about 30 grey levels.
	strongGrad = 120 * 120
	// A judged window is bar-like when at least minStrong of its pixels
	// are on strong edges and their directions agree (coherence).
	minStrong    = 0.22
	minCoherence = 0.8
	// An area found at a coarse scale must also be this coherent in
	// full detail.
	minAreaCoherence = 0.6
	// maxTurn is how far (radians) the bar direction may turn between
	// neighbouring windows of one area.
	maxTurn = 0.35
	// An area needs minWindows bar-like windows and, along a line across
	// its bars, minCrossings dark/light changes: a barcode has dozens, a
	// fence or a ruled table a handful.
	minWindows   = 5
	minCrossings = 18
	// minBarSpread is the least spread (coefficient of variation) of the
	// dark runs' widths along the line: codes mix bar widths.
	minBarSpread = 0.25
)

// findBars returns the bar-like areas of g. It looks at two or three
// scales, each half the last, so that fine codes (1-2 px modules) and
// close-ups (modules of 10 px and more) both show dense edges at one of
// them.
func findBars(ctx context.Context, g *image.Gray) ([]barArea, error) {
	k0 := max(1, int(math.Ceil(float64(max(g.Rect.Dx(), g.Rect.Dy()))/workSide)))
	k := k0
	var out []barArea
	w := shrink(g, k)
	w0 := w
	for ; min(g.Rect.Dx(), g.Rect.Dy())/k >= 64; k *= 2 {
		if k > k0 {
			w = shrink(w, 2)
		}
		as, err := barsAt(ctx, w, k, g.Rect)
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			// At coarse scales rows of small text blur into bands that
			// look like bars; in full detail text edges point every way
			// while a code's bar edges stay parallel.
			if k > k0 && coherence(g, a.core) < minAreaCoherence {
				continue
			}
			out = append(out, tighten(w0, k0, a, g.Rect))
		}
		if max(w.Rect.Dx(), w.Rect.Dy()) <= workSide/4 {
			break
		}
	}
	return out, nil
}

// barsAt finds bar-like areas in w, a copy of the photo reduced k times,
// and returns them in photo pixels clipped to bounds.
func barsAt(ctx context.Context, w *image.Gray, k int, bounds image.Rectangle) ([]barArea, error) {
	W, H := w.Rect.Dx(), w.Rect.Dy()
	cw, ch := W/cell, H/cell
	if cw < 2 || ch < 2 {
		return nil, nil
	}
	// Per-cell sums of the structure tensor and strong-edge counts.
	jxx := make([]float64, cw*ch)
	jyy := make([]float64, cw*ch)
	jxy := make([]float64, cw*ch)
	strong := make([]int32, cw*ch)
	p := w.Pix
	s := w.Stride
	for y := 1; y < ch*cell && y < H-1; y++ {
		if y%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		cy := y / cell
		for x := 1; x < cw*cell && x < W-1; x++ {
			i := y*s + x
			a, b, c := int32(p[i-s-1]), int32(p[i-s]), int32(p[i-s+1])
			d, f := int32(p[i-1]), int32(p[i+1])
			gg, h, ii := int32(p[i+s-1]), int32(p[i+s]), int32(p[i+s+1])
			gx := (c + 2*f + ii) - (a + 2*d + gg)
			gy := (gg + 2*h + ii) - (a + 2*b + c)
			m := gx*gx + gy*gy
			if m < strongGrad {
				continue
			}
			ci := cy*cw + x/cell
			strong[ci]++
			jxx[ci] += float64(gx * gx)
			jyy[ci] += float64(gy * gy)
			jxy[ci] += float64(gx * gy)
		}
	}
	// Judge 2×2-cell windows (stepping one cell) so a code straddling
	// cell borders is seen whole.
	nx, ny := cw-1, ch-1
	ok := make([]bool, nx*ny)
	ang := make([]float64, nx*ny)
	for y := 0; y < ny; y++ {
		for x := 0; x < nx; x++ {
			var sxx, syy, sxy float64
			var n int32
			for _, ci := range [4]int{y*cw + x, y*cw + x + 1, (y+1)*cw + x, (y+1)*cw + x + 1} {
				sxx += jxx[ci]
				syy += jyy[ci]
				sxy += jxy[ci]
				n += strong[ci]
			}
			if float64(n) < minStrong*4*cell*cell {
				continue
			}
			e := sxx + syy
			coh := math.Sqrt((sxx-syy)*(sxx-syy)+4*sxy*sxy) / e
			if coh < minCoherence {
				continue
			}
			ok[y*nx+x] = true
			ang[y*nx+x] = 0.5 * math.Atan2(2*sxy, sxx-syy)
		}
	}
	// Group agreeing neighbours.
	label := make([]int32, nx*ny)
	var areas []barArea
	var stack []int
	next := int32(0)
	for start := range ok {
		if !ok[start] || label[start] != 0 {
			continue
		}
		next++
		label[start] = next
		stack = append(stack[:0], start)
		var cnt int
		var sc, ss float64 // mean of doubled angles, as angles wrap at π
		x0, y0, x1, y1 := nx, ny, -1, -1
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := i%nx, i/nx
			cnt++
			sc += math.Cos(2 * ang[i])
			ss += math.Sin(2 * ang[i])
			x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
				xx, yy := x+d[0], y+d[1]
				if xx < 0 || yy < 0 || xx >= nx || yy >= ny {
					continue
				}
				j := yy*nx + xx
				if !ok[j] || label[j] != 0 || turn(ang[i], ang[j]) > maxTurn {
					continue
				}
				label[j] = next
				stack = append(stack, j)
			}
		}
		if cnt < minWindows {
			continue
		}
		a := 0.5 * math.Atan2(ss, sc)
		// Windows cover cells x..x+1, so the area spans cells x0..x1+1.
		r := image.Rect(x0*cell, y0*cell, (x1+2)*cell, (y1+2)*cell)
		if crossings(w, r, a) < minCrossings {
			continue
		}
		// Back to input pixels, with a margin of one cell for the bars'
		// ends and the quiet zone.
		core := image.Rect(r.Min.X*k, r.Min.Y*k, r.Max.X*k, r.Max.Y*k).Intersect(bounds)
		r = image.Rect((r.Min.X-cell)*k, (r.Min.Y-cell)*k, (r.Max.X+cell)*k, (r.Max.Y+cell)*k).Intersect(bounds)
		areas = append(areas, barArea{box: r, core: core, angle: a})
	}
	return areas, nil
}

// tighten shrinks an area's box to its bars: the strong edges inside it
// that run the area's way, in the finest working copy w (reduced k times),
// less the stray 0.5% at each end, plus a margin of 6% and three pixels. Areas
// found at coarse scales are cells of up to 64 photo pixels; this brings
// their boxes back to the code.
func tighten(w *image.Gray, k int, a barArea, bounds image.Rectangle) barArea {
	r := image.Rect(a.box.Min.X/k, a.box.Min.Y/k, (a.box.Max.X+k-1)/k, (a.box.Max.Y+k-1)/k).Intersect(w.Rect.Inset(1))
	if r.Empty() {
		return a
	}
	cols := make([]int, r.Dx())
	rows := make([]int, r.Dy())
	n := 0
	p, s := w.Pix, w.Stride
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			i := y*s + x
			q00, q01, q02 := int32(p[i-s-1]), int32(p[i-s]), int32(p[i-s+1])
			q10, q12 := int32(p[i-1]), int32(p[i+1])
			q20, q21, q22 := int32(p[i+s-1]), int32(p[i+s]), int32(p[i+s+1])
			gx := (q02 + 2*q12 + q22) - (q00 + 2*q10 + q20)
			gy := (q20 + 2*q21 + q22) - (q00 + 2*q01 + q02)
			if gx*gx+gy*gy < strongGrad || turn(math.Atan2(float64(gy), float64(gx)), a.angle) > maxTurn {
				continue
			}
			cols[x-r.Min.X]++
			rows[y-r.Min.Y]++
			n++
		}
	}
	if n < 50 {
		return a
	}
	lo, hi := trim(cols, n/200)
	top, bot := trim(rows, n/200)
	t := image.Rect(r.Min.X+lo, r.Min.Y+top, r.Min.X+hi+1, r.Min.Y+bot+1)
	m := 3 + max(t.Dx(), t.Dy())*6/100
	t = t.Inset(-m)
	a.box = image.Rect(t.Min.X*k, t.Min.Y*k, t.Max.X*k, t.Max.Y*k).Intersect(bounds)
	return a
}

// trim returns the first and last index of hist after dropping cut counts
// from each end.
func trim(hist []int, cut int) (lo, hi int) {
	for acc := 0; lo < len(hist)-1; lo++ {
		if acc += hist[lo]; acc > cut {
			break
		}
	}
	hi = len(hist) - 1
	for acc := 0; hi > lo; hi-- {
		if acc += hist[hi]; acc > cut {
			break
		}
	}
	return lo, hi
}

// coherence is how well the directions of the strong edges inside r of g
// agree: 1 for parallel edges, near 0 for edges every way.
func coherence(g *image.Gray, r image.Rectangle) float64 {
	r = r.Intersect(g.Rect.Inset(1))
	var sxx, syy, sxy float64
	p, s := g.Pix, g.Stride
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			i := y*s + x
			a, b, c := int32(p[i-s-1]), int32(p[i-s]), int32(p[i-s+1])
			d, f := int32(p[i-1]), int32(p[i+1])
			gg, h, ii := int32(p[i+s-1]), int32(p[i+s]), int32(p[i+s+1])
			gx := (c + 2*f + ii) - (a + 2*d + gg)
			gy := (gg + 2*h + ii) - (a + 2*b + c)
			if gx*gx+gy*gy < strongGrad {
				continue
			}
			sxx += float64(gx * gx)
			syy += float64(gy * gy)
			sxy += float64(gx * gy)
		}
	}
	if sxx+syy == 0 {
		return 0
	}
	return math.Sqrt((sxx-syy)*(sxx-syy)+4*sxy*sxy) / (sxx + syy)
}

// turn is the difference between two bar directions, which wrap at π.
func turn(a, b float64) float64 {
	d := math.Abs(a - b)
	if d > math.Pi/2 {
		d = math.Pi - d
	}
	return d
}

// crossings counts dark/light changes along lines across r's bars
// (direction a) through its centre and a quarter either side, and returns
// the best count among lines whose stretch between the first and last
// change is 20-80% dark. Bars of a code are about half dark; ruled lines
// and text rows with wide gaps are not.
func crossings(g *image.Gray, r image.Rectangle, a float64) int {
	cx, cy := float64(r.Min.X+r.Max.X)/2, float64(r.Min.Y+r.Max.Y)/2
	half := math.Hypot(float64(r.Dx()), float64(r.Dy())) / 2
	dx, dy := math.Cos(a), math.Sin(a)
	best := 0
	for _, off := range [3]float64{0, -0.25, 0.25} {
		// Offset across the line, along the bars.
		ox, oy := -dy*off*half, dx*off*half
		var vals []float64
		for t := -half; t <= half; t++ {
			x, y := int(cx+ox+t*dx), int(cy+oy+t*dy)
			if !image.Pt(x, y).In(r) {
				continue
			}
			vals = append(vals, float64(g.Pix[y*g.Stride+x]))
		}
		best = max(best, lineCrossings(vals))
	}
	return best
}

func lineCrossings(vals []float64) int {
	st := lineStats(vals)
	// Bars of a code are about half dark and of several widths; ruled
	// lines are mostly light, and bold text crossed at mid-height gives
	// stems all of one width.
	if st.n < 2 || st.darkFrac < 0.2 || st.darkFrac > 0.8 || st.cvDark < minBarSpread {
		return 0
	}
	return st.n
}

// barLine describes the dark/light runs along a line across bars.
type barLine struct {
	n               int     // dark/light changes
	darkFrac        float64 // share of dark samples between the first and last change
	cvDark, cvLight float64 // spread (coefficient of variation) of the inner runs' lengths
}

func lineStats(vals []float64) barLine {
	var st barLine
	if len(vals) < 2 {
		return st
	}
	lo, hi := 255.0, 0.0
	for _, v := range vals {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if hi-lo < 30 {
		return st
	}
	mid, hyst := (lo+hi)/2, (hi-lo)*0.1
	dark := vals[0] < mid
	var changes []int
	for i, v := range vals {
		// Hysteresis keeps noise on a flat stretch from counting.
		if dark && v > mid+hyst || !dark && v < mid-hyst {
			dark = !dark
			changes = append(changes, i)
		}
	}
	st.n = len(changes)
	if st.n < 3 {
		return st
	}
	// Runs between changes alternate; the first inner run is dark when
	// the first change went dark, i.e. vals started light.
	firstDark := vals[0] >= mid
	var dRuns, lRuns []float64
	darkN := 0
	for i := 1; i < len(changes); i++ {
		l := float64(changes[i] - changes[i-1])
		if (i%2 == 1) == firstDark {
			dRuns = append(dRuns, l)
			darkN += changes[i] - changes[i-1]
		} else {
			lRuns = append(lRuns, l)
		}
	}
	st.darkFrac = float64(darkN) / float64(changes[len(changes)-1]-changes[0])
	st.cvDark, st.cvLight = cv(dRuns), cv(lRuns)
	return st
}

func cv(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	m := 0.0
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	v := 0.0
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	return math.Sqrt(v/float64(len(xs))) / m
}

// shrink returns g reduced k times by averaging k×k blocks.
func shrink(g *image.Gray, k int) *image.Gray {
	if k <= 1 {
		return g
	}
	W, H := g.Rect.Dx()/k, g.Rect.Dy()/k
	out := image.NewGray(image.Rect(0, 0, W, H))
	acc := make([]int, W*k)
	for y := 0; y < H; y++ {
		clear(acc)
		for dy := 0; dy < k; dy++ {
			row := g.Pix[(y*k+dy)*g.Stride:]
			row = row[:len(acc)]
			for x, v := range row {
				acc[x] += int(v)
			}
		}
		o := out.Pix[y*out.Stride : y*out.Stride+W]
		for x := range o {
			s := 0
			for _, v := range acc[x*k : x*k+k] {
				s += v
			}
			o[x] = uint8(s / (k * k))
		}
	}
	return out
}
