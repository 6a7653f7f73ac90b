// Package ocr reads text from images: words and lines with pixel boxes and
// confidences. Tesseract sits behind the Engine interface so tests that do not
// need real OCR can use a fake.
package ocr

import (
	"context"
	"image"
	"math"
)

// Word is one recognised word, its box in the input image's pixels and
// Tesseract's confidence (0..100).
type Word struct {
	Text string
	Box  image.Rectangle
	Conf float64
	// Straight is the word's box in the straightened image when the page
	// was read turned (Page.Turn); otherwise it equals Box.
	Straight image.Rectangle
}

// Line is a row of words in reading order.
type Line struct {
	Words    []Word
	Box      image.Rectangle
	Straight image.Rectangle // see Word.Straight
}

// Page is everything read from one image.
type Page struct {
	Lines []Line
	// Readings are what each pass read on its own, in the same frames as
	// Lines. Merging passes keeps the best read of each patch of ink, but
	// can still swap a good reading of a row for fragments; checking each
	// pass's own reading as well catches what the merge lost.
	Readings []Page
	// Turn, when set, says the image was straightened before reading: the
	// Straight boxes are in that straightened frame, where lines of text
	// run level, and Turn maps them back to the image.
	Turn *Turn
}

// Turn maps boxes of a straightened image back onto the image.
type Turn struct {
	r      rotation
	offset image.Point
}

// NewTurn describes straightening a w x h image (whose top-left corner is
// at offset) whose text is skewed by skew degrees, as Read does.
func NewTurn(w, h int, skew float64, offset image.Point) *Turn {
	return &Turn{r: newRotation(w, h, skew), offset: offset}
}

// Degrees is how far the image was turned to straighten it.
func (t *Turn) Degrees() float64 { return math.Atan2(-t.r.sin, t.r.cos) * 180 / math.Pi }

// Quad returns the corners, in image pixels and in order around the edge,
// of a box of the straightened image.
func (t *Turn) Quad(b image.Rectangle) [4]image.Point {
	var q [4]image.Point
	for i, p := range [4]image.Point{b.Min, {b.Max.X, b.Min.Y}, b.Max, {b.Min.X, b.Max.Y}} {
		x, y := t.r.toSource(float64(p.X), float64(p.Y))
		q[i] = image.Pt(int(math.Round(x)), int(math.Round(y))).Add(t.offset)
	}
	return q
}

// Bounds is the straightened image's frame.
func (t *Turn) Bounds() image.Rectangle {
	return image.Rect(0, 0, int(t.r.dstW), int(t.r.dstH))
}

// Engine reads text from an image. Implementations must be safe for use by
// several goroutines at once.
type Engine interface {
	Read(ctx context.Context, img image.Image) (*Page, error)
	Close() error
}
