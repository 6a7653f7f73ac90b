package ocr

import (
	"context"
	"image"
	"sync"
)

// Fake is an Engine for tests that do not need real OCR: it returns the
// page its Read function gives, or Err.
type Fake struct {
	// Read returns the page for an image; nil means an empty page.
	ReadFunc func(img image.Image) *Page
	Err      error

	mu    sync.Mutex
	Calls int
}

var _ Engine = (*Fake)(nil)

// Read returns f.ReadFunc(img) or f.Err.
func (f *Fake) Read(ctx context.Context, img image.Image) (*Page, error) {
	f.mu.Lock()
	f.Calls++
	f.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f.Err != nil {
		return nil, f.Err
	}
	if f.ReadFunc == nil {
		return &Page{}, nil
	}
	return f.ReadFunc(img), nil
}

// Close does nothing.
func (f *Fake) Close() error { return nil }
