// Package redact destroys the pixels of regions of an image. Its functions
// are pure: an image in, a new *image.NRGBA out, the input untouched.
package redact

import (
	crand "crypto/rand"
	"fmt"
	"image"
	"io"
	"math/rand/v2"

	"github.com/disintegration/imaging"
)

// Style is how a region is destroyed.
type Style int

// The redaction styles. Blur is the default: a soft, tinted patch that
// reads as "blurred" to a viewer; Pixelate is a tinted mosaic; Fill one
// flat dark colour. None keeps anything of the text (see paint).
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
	// TextHeight is the height of the text inside in pixels; how far the
	// area grows (see grow) and the size of its grain scale with it.
	TextHeight int
	Style      Style
	// Quad, when set, limits the area to this convex outline (four corners
	// in order around the edge) inside Box: a turned row of a photo taken
	// at an angle. The zero value means the whole Box.
	Quad [4]image.Point
	// Words are the boxes of the flagged words inside, in image pixels,
	// where the scan knows them. The blur's tint is chosen to change
	// their pixels (see chooseTint); with none, the whole Box counts.
	// An area with words is text, which grows to its field (see grow).
	Words []image.Rectangle
	// Fixed says the extent is decided (Cover): Apply paints Box (and
	// Quad) as they are instead of growing them.
	Fixed bool
}

// A Redactor destroys areas of images. Its randomness (the areas' margins,
// the patches' grain) comes from Rand; the zero Redactor uses crypto/rand,
// as Apply and Cover do. Tests and the attack bench give it a seeded
// source so a run can be repeated.
type Redactor struct {
	Rand io.Reader
}

// Apply returns a copy of img with every area destroyed in its style,
// with fresh randomness from crypto/rand.
func Apply(img image.Image, areas []Area) *image.NRGBA { return Redactor{}.Apply(img, areas) }

// Cover returns areas with their extent decided (see Redactor.Cover),
// with fresh randomness from crypto/rand.
func Cover(img image.Image, areas []Area) []Area { return Redactor{}.Cover(img, areas) }

// Apply returns a copy of img with every area destroyed in its style.
// Areas whose extent is not yet decided are grown first (see Cover).
//
// Nothing inside an area comes from the pixels of its text: every style
// paints the area from the colours of a ring of pixels around it (outside
// the text and every other area) and fresh randomness, so two texts
// redacted on the same paper look alike (see paint).
func (rd Redactor) Apply(img image.Image, areas []Area) *image.NRGBA {
	out := imaging.Clone(img)
	rng := rd.rng()
	areas = cover(out, areas, rng)
	fields := make([]*field, len(areas))
	for i, a := range areas {
		fields[i] = newField(out, a, areas, rng)
	}
	tint := chooseTint(out, areas, fields)
	patches := make([]*image.NRGBA, len(areas))
	for i, a := range areas {
		if fields[i] != nil {
			patches[i] = paint(fields[i], a.Style, tint, rng)
		}
	}
	for i, f := range fields {
		if f != nil {
			drawInside(out, f, patches[i])
		}
	}
	return out
}

// Cover returns a copy of areas with each one's extent decided: grown so
// that it does not follow the length of its text (see grow), and marked
// Fixed. Callers that need to know what will be painted (the verifier,
// which fills over the same outline) cover the areas first.
func (rd Redactor) Cover(img image.Image, areas []Area) []Area {
	return cover(img, areas, rd.rng())
}

func (rd Redactor) rng() *rand.Rand {
	src := rd.Rand
	if src == nil {
		src = crand.Reader
	}
	var seed [32]byte
	if _, err := io.ReadFull(src, seed[:]); err != nil {
		// crypto/rand does not fail on the systems SafePost runs on;
		// a seeded source that runs dry is a test's mistake.
		panic(fmt.Sprintf("redact: reading randomness: %v", err))
	}
	return rand.New(rand.NewChaCha8(seed))
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

// inkContrast is how much lighter or darker than the paper at its place a
// pixel must be to count as ink.
const inkContrast = 20

func luma(p []uint8) int { return (299*int(p[0]) + 587*int(p[1]) + 114*int(p[2])) / 1000 }

func clamp8(v int) uint8 { return uint8(max(0, min(255, v))) }
