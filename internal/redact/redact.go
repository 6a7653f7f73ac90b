// Package redact destroys the pixels of regions of an image. Its functions
// are pure: an image in, a new *image.NRGBA out, the input untouched.
package redact

import (
	"crypto/hmac"
	crand "crypto/rand"
	"crypto/sha256"
	"encoding/binary"
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

// A Redactor destroys areas of images. Each area's randomness (its
// margins, its patch's grain) is a stream of its own, seeded from the
// call's seed and the area's outline as given (see areaRand), so an area
// keeps its margins when a person adds, removes or restyles another. The
// call's seed comes from, in order:
//   - Rand, when set: 32 bytes read from it on every call (tests and the
//     attack bench give it a seeded source so a run can be repeated);
//   - Key, when set: an HMAC of the image's pixels under Key, so every
//     redaction of the same image with the same areas gives the same
//     pixels, while other images, and other keys, get independent
//     randomness (see seedOf);
//   - otherwise crypto/rand, fresh on every call, as Apply and Cover do.
//
// Fresh randomness on every export is weaker than a key: exporting the
// same photo several times (the app blurs again after each edit, the
// folder review and safepost redact export again) gave differently
// randomised patches of the same text, and margins averaged over a few
// exports give the text's length away (issue 16). With a key, exporting
// again shows nothing new. The key must stay secret: whoever has it can
// redo a redaction's randomness and is back to matching candidates.
type Redactor struct {
	Rand io.Reader
	// Key is a secret kept on this computer (32 random bytes, see
	// pipeline.LoadKey); it is neither patient data nor derived from any.
	Key []byte
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
// the text and every other area) and randomness, so two texts redacted on
// the same paper with the same randomness look alike (see paint).
func (rd Redactor) Apply(img image.Image, areas []Area) *image.NRGBA {
	out := imaging.Clone(img)
	rd.Paint(out, areas)
	return out
}

// Paint is Apply on dst itself, for a caller whose image is its own to
// change: the verifier fills what is still readable on the redacted copy
// it was handed, rather than holding a third full-size copy of the photo
// for a moment. On an image Apply returned it paints the same pixels
// Apply would.
func (rd Redactor) Paint(out *image.NRGBA, areas []Area) {
	sd := rd.seedOf(out)
	areas = cover(out, areas, sd)
	fields := make([]*field, len(areas))
	rngs := make([]*rand.Rand, len(areas))
	for i, a := range areas {
		rngs[i] = sd.areaRand(stagePaint, a)
		fields[i] = newField(out, a, areas, rngs[i])
	}
	tint := chooseTint(out, areas, fields)
	patches := make([]*image.NRGBA, len(areas))
	for i, a := range areas {
		if fields[i] != nil {
			patches[i] = paint(fields[i], a.Style, tint, rngs[i])
		}
	}
	for i, f := range fields {
		if f != nil {
			drawInside(out, f, patches[i])
		}
	}
}

// Cover returns a copy of areas with each one's extent decided: grown so
// that it does not follow the length of its text (see grow), and marked
// Fixed. Callers that need to know what will be painted (the verifier,
// which fills over the same outline) cover the areas first.
func (rd Redactor) Cover(img image.Image, areas []Area) []Area {
	src := nrgba(img)
	return cover(src, areas, rd.seedOf(src))
}

// nrgba is img itself when it is an *image.NRGBA, else a copy.
func nrgba(img image.Image) *image.NRGBA {
	if src, ok := img.(*image.NRGBA); ok {
		return src
	}
	return imaging.Clone(img)
}

// seed is the randomness of one call to Apply or Cover; each area's own
// is drawn from it (see areaRand).
type seed [32]byte

// seedOf is the seed for redacting img: see Redactor.
func (rd Redactor) seedOf(img *image.NRGBA) seed {
	var sd seed
	if rd.Rand == nil && len(rd.Key) > 0 {
		// The image's size and every pixel, row by row (a sub-image's
		// stride is not its width), so that any change to the photo
		// gives independent randomness.
		m := hmac.New(sha256.New, rd.Key)
		m.Write([]byte("safepost redact image v1"))
		w, h := img.Bounds().Dx(), img.Bounds().Dy()
		m.Write(binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(nil, uint64(w)), uint64(h)))
		for y := range h {
			m.Write(img.Pix[y*img.Stride : y*img.Stride+4*w])
		}
		m.Sum(sd[:0])
		return sd
	}
	src := rd.Rand
	if src == nil {
		src = crand.Reader
	}
	if _, err := io.ReadFull(src, sd[:]); err != nil {
		// crypto/rand does not fail on the systems SafePost runs on;
		// a seeded source that runs dry is a test's mistake.
		panic(fmt.Sprintf("redact: reading randomness: %v", err))
	}
	return sd
}

// The stages an area draws randomness for, kept apart so that its margins
// and its patch's grain are independent.
const (
	stageGrow  byte = 'g'
	stagePaint byte = 'p'
)

// areaRand is a's stream of randomness for stage: ChaCha8 seeded with an
// HMAC of a's outline (box, quad, text height, words) under sd. The style
// is left out, so restyling an area keeps its margins.
func (sd seed) areaRand(stage byte, a Area) *rand.Rand {
	b := []byte{stage}
	put := func(vs ...int) {
		for _, v := range vs {
			b = binary.LittleEndian.AppendUint64(b, uint64(int64(v)))
		}
	}
	put(a.Box.Min.X, a.Box.Min.Y, a.Box.Max.X, a.Box.Max.Y, a.TextHeight)
	for _, p := range a.Quad {
		put(p.X, p.Y)
	}
	put(len(a.Words))
	for _, w := range a.Words {
		put(w.Min.X, w.Min.Y, w.Max.X, w.Max.Y)
	}
	m := hmac.New(sha256.New, sd[:])
	m.Write(b)
	var k [32]byte
	m.Sum(k[:0])
	return rand.New(rand.NewChaCha8(k))
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
