package redact

import (
	"image"
	"math"
	"math/rand/v2"
)

// How far an area grows, in scales (its text height rounded at random to a
// power of two, see scaleOf). A redacted area whose edges follow its text gives the text's length away: among 212,355 candidate
// names a solid box's width alone left a few thousand, and told the
// length within a letter nine times in ten (issue 16). So an area grows
// past its text, but only over blank paper: it stops a little short of
// the first ink in its way (the next column, a table rule, the edge of a
// card or board, the line above or below), so the field, cell or row it
// sits in bounds it and the text around it stays as readable as before.
// Where it stops at ink, its edge is where that ink is, which says
// nothing about the text inside.
//   - A line of flagged text grows along the line to the next ink, up to
//     fieldReach to fieldReach+fieldSpread scales from where its left
//     edge ends up: far enough that on a label or a form the field's end or the card's edge stops it. A reach
//     of twelve heights plus a random margin, tried first, left the right
//     name first among 200 in 1.1-1.5% of the attack's trials (chance
//     0.5%): the text height, which a descender (g, j, p, q, y) raises,
//     set where the edge fell.
//   - Other areas (several lines, faces, codes, areas drawn by hand) are
//     rounded up to whole steps, plus a random margin of up to
//     marginSteps steps.
//   - A line whose label is just before it (ink within one to two
//     scales) starts one pixel after the label's ink, wherever the scan's
//     padded box began; other areas grow before their text by one to two
//     scales. Every area grows above and below by three to five scales.
//     All stop short of ink as above. With a quarter of a text height
//     before the text and up to two above and below, the outline alone
//     put the right name first among 200 in 1.18% of 8,000 trials (95%
//     interval 0.97-1.44%, chance 0.5%): the margins were small next to
//     how far the scan's padding, the first letter's bearing and the
//     words' ascenders and descenders move the box. Now 0.82% (0.64-
//     1.04%): where the reach along the line ends short of the image's
//     edge, the scale still says a little of the text height.
const (
	fieldReach = 40
	step       = 2
	// marginSteps: the random margin after an area that is not a line,
	// in steps.
	marginSteps = 2
	fieldSpread = 8
	leftReach   = 1.0
	vertReach   = 3.0
	vertSpread  = 2.0
	// lineRatio: an area no taller than this many text heights is one
	// line of text.
	lineRatio = 2.5
	// gapRatio is how far short of ink an area stops, in scales.
	gapRatio = 0.25
	// blankContrast is how far, in any colour channel, a pixel may be from
	// the paper beside the area and still be paper.
	blankContrast = 40
)

// scaleOf is the length an area's margins, gaps and grain are measured
// in: its text height th rounded at random to the power of two below or
// above it (the nearer the likelier). The text height follows what is
// written (a descender in both words of a name raises it by a fifth), so
// margins in text heights moved with the text; at random between two
// powers of two they mostly do not.
func scaleOf(th float64, rng *rand.Rand) float64 {
	th = max(th, 4)
	return math.Exp2(math.Floor(math.Log2(th) + rng.Float64()))
}

// cover decides the extent of every area not yet Fixed, on img (before
// anything is painted), each with its own randomness from sd.
func cover(img *image.NRGBA, areas []Area, sd seed) []Area {
	out := make([]Area, len(areas))
	for i, a := range areas {
		out[i] = a
		if !a.Fixed {
			out[i] = grow(img, a, sd.areaRand(stageGrow, a))
		}
		out[i].Fixed = true
	}
	return out
}

// grow returns a grown as described above.
func grow(img *image.NRGBA, a Area, rng *rand.Rand) Area {
	a.Box = a.Box.Intersect(img.Bounds())
	if a.Box.Empty() {
		return a
	}
	f := frameOf(a)
	th := float64(a.TextHeight)
	if th <= 0 {
		th = f.h
	}
	th = max(th, 4)
	sc := scaleOf(th, rng)
	st := step * sc
	left := (leftReach + rng.Float64()) * sc
	gap := gapRatio * sc
	// Edges are whole pixels, so that edges computed two ways land on the
	// same one.
	line := len(a.Words) > 0 && f.h <= lineRatio*th
	if line {
		// Ink just before a line (its label) bounds it one pixel from
		// that ink, not at the scan's padding or a gap in text heights,
		// which follow the text: the area may move in, but not onto its
		// words.
		left = math.Round(room(img, f, sideLeft, left, 1))
		if left < 0 {
			left = min(0, max(left, -max(0, math.Floor(wordsFrom(f, a.Words))-1)))
		}
	} else {
		left = math.Round(max(0, room(img, f, sideLeft, left, gap)))
	}
	f = f.grown(left, 0, 0, 0)
	right := math.Ceil(f.l/st)*st - f.l + rng.Float64()*marginSteps*st
	if line {
		// Measured from the left edge just decided, so that where the
		// reach ends does not follow the text's own start.
		right = max(right, (fieldReach+rng.Float64()*fieldSpread)*sc-f.l)
	}
	right = math.Round(max(0, room(img, f, sideRight, right, gap)))
	f = f.grown(0, right, 0, 0)
	top := math.Round(max(0, room(img, f, sideTop, (vertReach+vertSpread*rng.Float64())*sc, gap)))
	bottom := math.Round(max(0, room(img, f, sideBottom, (vertReach+vertSpread*rng.Float64())*sc, gap)))
	f = f.grown(0, 0, top, bottom)
	return f.area(a, img.Bounds())
}

// wordsFrom is how far along f the first of words begins (0 with none).
func wordsFrom(f frame, words []image.Rectangle) float64 {
	from := math.Inf(1)
	for _, w := range words {
		for _, p := range []image.Point{w.Min, w.Max, {w.Min.X, w.Max.Y}, {w.Max.X, w.Min.Y}} {
			s, _ := f.coords(float64(p.X), float64(p.Y))
			from = min(from, s)
		}
	}
	if math.IsInf(from, 1) {
		return 0
	}
	return max(0, from)
}

type side int

const (
	sideRight side = iota
	sideLeft
	sideTop
	sideBottom
)

// room is how far, up to want pixels, the frame can grow on one side over
// blank paper: the paper's colour is taken from the line of pixels just
// outside, and the area stops gap short of the first line beyond holding
// a pixel far from it (ink), or at the image's edge. Where that ink is
// nearer than gap, room is negative: how far the side would have to move
// in to be gap from it.
func room(img *image.NRGBA, f frame, sd side, want, gap float64) float64 {
	if want < 1 {
		return 0
	}
	// A line of pixels d outside the side, as (s, t) in f's frame from a
	// start point along a direction.
	var n int
	var point func(d float64, i int) (float64, float64)
	switch sd {
	case sideRight, sideLeft:
		n = max(1, int(f.h))
		s0, dir := f.l-0.5, 1.0
		if sd == sideLeft {
			s0, dir = 0.5, -1
		}
		point = func(d float64, i int) (float64, float64) { return f.at(s0+dir*d, (float64(i)+0.5)*f.h/float64(n)) }
	default:
		n = max(1, int(f.l))
		t0, dir := f.h-0.5, 1.0
		if sd == sideTop {
			t0, dir = 0.5, -1
		}
		point = func(d float64, i int) (float64, float64) { return f.at((float64(i)+0.5)*f.l/float64(n), t0+dir*d) }
	}
	stride := max(1, n/256)
	b := img.Bounds()
	var ref [3]int
	for d := 1; float64(d) <= want; d++ {
		var sum [3]float64
		cnt, ink := 0, 0
		for i := 0; i < n; i += stride {
			x, y := point(float64(d), i)
			px, py := int(math.Floor(x)), int(math.Floor(y))
			if !image.Pt(px, py).In(b) {
				return float64(d - 1)
			}
			p := img.Pix[img.PixOffset(px, py):]
			if d == 1 {
				sum[0], sum[1], sum[2] = sum[0]+float64(p[0]), sum[1]+float64(p[1]), sum[2]+float64(p[2])
				cnt++
				continue
			}
			if far(p, ref) {
				ink++
			}
		}
		if d == 1 {
			for c := range ref {
				ref[c] = int(sum[c]/float64(max(1, cnt)) + 0.5)
			}
			// The first line must itself be paper.
			for i := 0; i < n; i += stride {
				x, y := point(1, i)
				if far(img.Pix[img.PixOffset(int(math.Floor(x)), int(math.Floor(y))):], ref) {
					return 0
				}
			}
			continue
		}
		if ink*100 > n/stride {
			return float64(d) - gap
		}
	}
	return want
}

func far(p []uint8, ref [3]int) bool {
	d0, d1, d2 := int(p[0])-ref[0], int(p[1])-ref[1], int(p[2])-ref[2]
	return max(d0, -d0, d1, -d1, d2, -d2) > blankContrast
}
