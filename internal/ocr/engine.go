// Package ocr reads text from images: words and lines with pixel boxes and
// confidences. Tesseract sits behind the Engine interface so tests that do not
// need real OCR can use a fake.
package ocr

import (
	"context"
	"image"
)

// Word is one recognised word, its box in the input image's pixels and
// Tesseract's confidence (0..100).
type Word struct {
	Text string
	Box  image.Rectangle
	Conf float64
}

// Line is a row of words in reading order.
type Line struct {
	Words []Word
	Box   image.Rectangle
}

// Page is everything read from one image.
type Page struct {
	Lines []Line
}

// Engine reads text from an image. Implementations must be safe for use by
// several goroutines at once.
type Engine interface {
	Read(ctx context.Context, img image.Image) (*Page, error)
	Close() error
}
