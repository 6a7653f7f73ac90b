package redact

import (
	"image"
	"math"
	"math/rand/v2"

	"github.com/disintegration/imaging"
)

// How far an area grows, in text heights. A redacted area whose edges
// follow its text gives the text's length away: among 212,355 candidate
// names a solid box's width alone left a few thousand, and told the
// length within a letter nine times in ten (issue 16). So an area grows
// past its text, but only over blank paper: it stops a little short of
// the first ink in its way (the next column, a table rule, the edge of a
// card or board, the line above or below), so the field, cell or row it
// sits in bounds it and the text around it stays as readable as before.
// Where it stops at ink, its edge is where that ink is, which says
// nothing about the text inside.
//   - A line of flagged text grows along the line to the next ink, up to
//     fieldReach text heights from where it starts: far enough that on a
//     label or a form the field's end or the card's edge stops it. A reach
//     of twelve heights plus a random margin, tried first, left the right
//     name first among 200 in 1.1-1.5% of the attack's trials (chance
//     0.5%): the text height, which a descender (g, j, p, q, y) raises,
//     set where the edge fell.
//   - Other areas (several lines, faces, codes, areas drawn by hand) are
//     rounded up to whole steps, plus a random margin of up to
//     marginSteps steps.
//   - Every area also gets a random margin of up to a quarter of a
//     height before it and up to vertMargin heights above and below.
const (
	fieldReach  = 40
	step        = 2
	marginSteps = 2
	leftMargin  = 0.25
	vertMargin  = 2.0
	// lineRatio: an area no taller than this many text heights is one
	// line of text.
	lineRatio = 2.5
	// gapRatio is how far short of ink an area stops, in text heights.
	gapRatio = 0.25
	// blankContrast is how far, in any colour channel, a pixel may be from
	// the paper beside the area and still be paper.
	blankContrast = 40
)

// cover decides the extent of every area not yet Fixed, on img (before
// anything is painted).
func cover(img image.Image, areas []Area, rng *rand.Rand) []Area {
	src, ok := img.(*image.NRGBA)
	if !ok {
		src = imaging.Clone(img)
	}
	out := make([]Area, len(areas))
	for i, a := range areas {
		out[i] = a
		if !a.Fixed {
			out[i] = grow(src, a, rng)
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
	st := step * th
	right := math.Ceil(f.l/st)*st - f.l + rng.Float64()*marginSteps*st
	if len(a.Words) > 0 && f.h <= lineRatio*th {
		right = max(right, fieldReach*th-f.l)
	}
	left := rng.Float64() * leftMargin * th
	gap := gapRatio * th
	// Whole pixels, so that edges computed two ways land on the same one.
	right = math.Round(room(img, f, sideRight, right, gap))
	left = math.Round(room(img, f, sideLeft, left, gap))
	f = f.grown(left, right, 0, 0)
	top := math.Round(room(img, f, sideTop, rng.Float64()*vertMargin*th, gap))
	bottom := math.Round(room(img, f, sideBottom, rng.Float64()*vertMargin*th, gap))
	f = f.grown(0, 0, top, bottom)
	return f.area(a, img.Bounds())
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
// a pixel far from it (ink), or at the image's edge.
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
			return max(0, float64(d)-gap)
		}
	}
	return want
}

func far(p []uint8, ref [3]int) bool {
	d0, d1, d2 := int(p[0])-ref[0], int(p[1])-ref[1], int(p[2])-ref[2]
	return max(d0, -d0, d1, -d1, d2, -d2) > blankContrast
}
