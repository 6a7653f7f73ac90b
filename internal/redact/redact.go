// Package redact destroys the pixels of regions of an image. Its functions
// are pure: an image in, a new *image.NRGBA out, the input untouched.
package redact

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"

	"github.com/disintegration/imaging"
)

// Style is how a region is destroyed.
type Style int

// The redaction styles. Blur is the default: it reads as "blurred" to a
// viewer but keeps no recoverable detail (see Blur).
const (
	Blur Style = iota
	Pixelate
	Fill
)

// String returns the style's name as used in preferences and the CLI.
func (s Style) String() string {
	switch s {
	case Pixelate:
		return "pixelate"
	case Fill:
		return "fill"
	default:
		return "blur"
	}
}

// ParseStyle reads a style name.
func ParseStyle(name string) (Style, error) {
	switch name {
	case "", "blur":
		return Blur, nil
	case "pixelate":
		return Pixelate, nil
	case "fill", "solid":
		return Fill, nil
	}
	return Blur, fmt.Errorf("unknown redaction style %q (blur, pixelate or fill)", name)
}

// Area is one region to destroy.
type Area struct {
	Box image.Rectangle
	// TextHeight is the height of the text inside in pixels; strength
	// scales with it so large lettering is destroyed as surely as small.
	TextHeight int
	Style      Style
	// Quad, when set, limits the area to this convex outline (four corners
	// in order around the edge) inside Box: a turned row of a photo taken
	// at an angle. The zero value means the whole Box.
	Quad [4]image.Point
	// Words are the boxes of the flagged words inside, in image pixels,
	// where the scan knows them. The blur's tint is chosen to change
	// their pixels (see chooseTint); with none, the whole Box counts.
	Words []image.Rectangle
}

// Apply returns a copy of img with every area destroyed in its style.
func Apply(img image.Image, areas []Area) *image.NRGBA {
	out := imaging.Clone(img)
	tint := chooseTint(out, areas)
	for i, a := range areas {
		r := a.Box.Intersect(out.Bounds())
		if r.Empty() {
			continue
		}
		th := a.TextHeight
		if th <= 0 {
			th = r.Dy()
		}
		var patch *image.NRGBA
		switch a.Style {
		case Fill:
			patch = fill(out, r)
		case Pixelate:
			patch = pixelate(out, r, th)
		default:
			patch = blur(out, r, th, uint64(i), tint)
		}
		if a.Quad != ([4]image.Point{}) {
			drawInside(out, r, patch, a.Quad)
			continue
		}
		draw.Draw(out, r, patch, image.Point{}, draw.Src)
	}
	return out
}

// InQuad reports whether (x, y) lies inside the convex outline q.
func InQuad(q [4]image.Point, x, y int) bool {
	// The sign of the cross product of each edge with the point tells
	// which side of the edge the point is on; inside means the same side
	// of every edge.
	var pos, neg bool
	for i := range q {
		a, b := q[i], q[(i+1)%len(q)]
		c := (b.X-a.X)*(y-a.Y) - (b.Y-a.Y)*(x-a.X)
		pos = pos || c > 0
		neg = neg || c < 0
	}
	return !(pos && neg)
}

// drawInside copies the pixels of patch (laid over r) that fall inside the
// convex polygon q.
func drawInside(dst *image.NRGBA, r image.Rectangle, patch *image.NRGBA, q [4]image.Point) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if !InQuad(q, x, y) {
				continue
			}
			si := patch.PixOffset(x-r.Min.X, y-r.Min.Y)
			di := dst.PixOffset(x, y)
			copy(dst.Pix[di:di+4], patch.Pix[si:si+4])
		}
	}
}

// blur flattens a region so no text survives: it shrinks the region until
// a line of text is about one pixel tall (so each letter is averaged away,
// not merely smoothed), smooths and enlarges it back, draws it towards
// tint and adds noise so the result cannot be matched against candidate
// texts by re-blurring.
func blur(img *image.NRGBA, r image.Rectangle, textH int, seed uint64, tint [3]int) *image.NRGBA {
	out := imaging.Resize(shrink(img, r, textH), r.Dx(), r.Dy(), imaging.Linear)
	rng := rand.New(rand.NewPCG(seed, uint64(r.Min.X)<<32|uint64(r.Min.Y)))
	const amp = 10
	for i := 0; i+3 < len(out.Pix); i += 4 {
		n := int(rng.IntN(2*amp+1)) - amp
		for c := 0; c < 3; c++ {
			out.Pix[i+c] = clamp8(tinted(out.Pix[i+c], tint[c]) + n)
		}
		out.Pix[i+3] = 255
	}
	return out
}

// shrink is blur's small copy of r: one cell per text height, below a
// letter's size, smoothed.
func shrink(img *image.NRGBA, r image.Rectangle, textH int) *image.NRGBA {
	cell := max(6, textH)
	sw, sh := max(1, (r.Dx()+cell-1)/cell), max(1, (r.Dy()+cell-1)/cell)
	small := imaging.Resize(img.SubImage(r), sw, sh, imaging.Box)
	if sw > 2 && sh > 2 {
		small = imaging.Blur(small, 0.8)
	}
	return small
}

// Blurred areas are drawn a little towards a tint, a colour well away
// from every grey: the patches read as redacted at a glance, and no pixel
// of the text or paper under them keeps the shade it had, faint and
// anti-aliased ink included, which the blur alone leaves as it was. The
// tint is for the eye and for that guarantee; the secrecy comes from the
// shrinking, which the tint does not weaken.
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

const tintShare = 30 // percent

func tinted(v uint8, t int) int { return (int(v)*(100-tintShare) + t*tintShare) / 100 }

// chooseTint picks one tint for all of an image's blurred areas, so they
// look alike: the one that leaves the fewest sampled pixels near their old
// colour, the first unless another is clearly better. Where an area knows
// its words, only their ink is sampled (the pixels of the words' boxes
// that stand out from the blur): the guarantee is for the text, and
// counting the whole area lets the wood, skin or wall around a board
// outvote the ink on it. Areas with no words (faces, codes, areas drawn
// by hand) are sampled whole, on a grid.
func chooseTint(img *image.NRGBA, areas []Area) [3]int {
	near := make([]int, len(tints))
	for _, a := range areas {
		r := a.Box.Intersect(img.Bounds())
		if a.Style != Blur || r.Empty() {
			continue
		}
		th := a.TextHeight
		if th <= 0 {
			th = r.Dy()
		}
		small := shrink(img, r, th)
		samples := []image.Rectangle{r}
		if len(a.Words) > 0 {
			samples = samples[:0]
			for _, w := range a.Words {
				if w = w.Intersect(r); !w.Empty() {
					samples = append(samples, w)
				}
			}
		}
		for _, s := range samples {
			countNear(near, img, r, s, small, len(a.Words) > 0)
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

// countNear adds to near[i], for every other pixel of s (inside area r,
// whose shrunk copy is small), whether tint i would leave it near its old
// colour. With inkOnly, pixels as light as the blur there (paper, board)
// are skipped.
func countNear(near []int, img *image.NRGBA, r, s image.Rectangle, small *image.NRGBA, inkOnly bool) {
	sw, sh := small.Rect.Dx(), small.Rect.Dy()
	for y := s.Min.Y; y < s.Max.Y; y += 2 {
		sy := (y - r.Min.Y) * sh / r.Dy()
		for x := s.Min.X; x < s.Max.X; x += 2 {
			o := img.Pix[img.PixOffset(x, y):]
			b := small.Pix[small.PixOffset((x-r.Min.X)*sw/r.Dx(), sy):]
			if inkOnly {
				dl := luma(o) - luma(b)
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

// pixelate replaces the region with blocks at least as tall as the text.
func pixelate(img *image.NRGBA, r image.Rectangle, textH int) *image.NRGBA {
	crop := imaging.Crop(img, r)
	block := max(8, textH*5/4)
	sw, sh := max(1, (r.Dx()+block-1)/block), max(1, (r.Dy()+block-1)/block)
	small := imaging.Resize(crop, sw, sh, imaging.Box)
	return imaging.Resize(small, r.Dx(), r.Dy(), imaging.NearestNeighbor)
}

// fill paints the region in one flat colour, the mean of the region darkened
// so it reads as a deliberate cover.
func fill(img *image.NRGBA, r image.Rectangle) *image.NRGBA {
	crop := imaging.Crop(img, r)
	var s [3]uint64
	n := uint64(0)
	for i := 0; i+3 < len(crop.Pix); i += 4 {
		s[0] += uint64(crop.Pix[i])
		s[1] += uint64(crop.Pix[i+1])
		s[2] += uint64(crop.Pix[i+2])
		n++
	}
	c := color.NRGBA{A: 255}
	if n > 0 {
		c.R, c.G, c.B = uint8(s[0]/n*6/10), uint8(s[1]/n*6/10), uint8(s[2]/n*6/10)
	}
	return imaging.New(r.Dx(), r.Dy(), c)
}

// inkContrast is how much lighter or darker than the blur at its place a
// pixel must be to count as ink.
const inkContrast = 20

func luma(p []uint8) int { return (299*int(p[0]) + 587*int(p[1]) + 114*int(p[2])) / 1000 }

func clamp8(v int) uint8 { return uint8(max(0, min(255, v))) }
