package redact

import "image"

// Blurred and pixelated areas are drawn a little towards a tint, a colour
// well away from every grey: the patches read as redacted at a glance, and
// no pixel of the text or paper under them keeps the shade it had, faint
// and anti-aliased ink included. The tint is for the eye and for that
// guarantee; the secrecy comes from painting the area from its ring (see
// field), which the tint does not weaken.
//
// Amber and teal lie on opposite sides of the colours text comes in, so
// every ink is far from one of them: amber from black, blue, red and green
// marker and print; teal from orange and brown ink. Measured on the
// corpus with each tint forced (under 90% of a patient item's ink changed
// counts as a miss): blue, the previous usual tint, missed 20 more items
// than amber or teal, on five whiteboard photos, where its patches keep
// the shade of blue strokes' soft edges; amber and teal missed the same
// 15, which lie partly outside any region.
var tints = [][3]int{
	{200, 130, 30}, // amber: the usual one
	{30, 140, 140}, // teal: for orange or brown ink
}

const tintShare = 40 // percent

func tinted(v uint8, t int) int { return (int(v)*(100-tintShare) + t*tintShare) / 100 }

// chooseTint picks one tint for all of an image's tinted areas, so they
// look alike: the one that leaves the fewest sampled pixels near their old
// colour, the first unless another is clearly better. Where an area knows
// its words, only their ink is sampled (the pixels of the words' boxes
// that stand out from the paper): the guarantee is for the text, and
// counting the whole area lets the wood, skin or wall around a board
// outvote the ink on it. Areas with no words (faces, codes, areas drawn
// by hand) are sampled whole, on a grid.
//
// The choice is one of two colours for the whole image, made from the
// ink's colour, never its shape: every candidate text written in the same
// ink gets the same tint.
func chooseTint(img *image.NRGBA, areas []Area, fields []*field) [3]int {
	near := make([]int, len(tints))
	for i, a := range areas {
		fl := fields[i]
		if a.Style == Fill || fl == nil {
			continue
		}
		samples := []image.Rectangle{fl.box}
		if len(a.Words) > 0 {
			samples = samples[:0]
			for _, w := range a.Words {
				if w = w.Intersect(fl.box); !w.Empty() {
					samples = append(samples, w)
				}
			}
		}
		for _, s := range samples {
			countNear(near, img, fl, s, len(a.Words) > 0)
		}
	}
	best := 0
	for ti := range tints {
		if near[ti]*5 < near[best]*4 {
			best = ti
		}
	}
	return tints[best]
}

// countNear adds to near[i], for every other pixel of s (inside the
// field fl), whether tint i would leave it near its old colour. With
// inkOnly, pixels as light as the paper there are skipped.
func countNear(near []int, img *image.NRGBA, fl *field, s image.Rectangle, inkOnly bool) {
	for y := s.Min.Y; y < s.Max.Y; y += 2 {
		for x := s.Min.X; x < s.Max.X; x += 2 {
			o := img.Pix[img.PixOffset(x, y):]
			fs, ft := fl.f.coords(float64(x)+0.5, float64(y)+0.5)
			c := fl.colourAt(max(0, min(1, fs/fl.f.l)), max(0, min(1, ft/fl.f.h)))
			b := [3]uint8{clamp8(int(c[0])), clamp8(int(c[1])), clamp8(int(c[2]))}
			if inkOnly {
				dl := luma(o) - luma(b[:])
				if max(dl, -dl) < inkContrast {
					continue
				}
			}
			for ti, t := range tints {
				d := 0
				for c := 0; c < 3; c++ {
					v := tinted(b[c], t[c]) - int(o[c])
					d += max(v, -v)
				}
				if d <= 36 {
					near[ti]++
				}
			}
		}
	}
}
