package bench

import (
	"errors"
	"fmt"
	"image"
	"sync"

	"github.com/otiai10/gosseract/v2"
)

// plainOCR reads whole images with stock Tesseract settings, as someone
// running the tesseract command on a file would: no preparation, one page
// segmentation mode per read. It works from bytes in memory (never a file:
// the images are patients'), with one gosseract client per worker, since a
// client may not be shared.
type plainOCR struct {
	dataPath string
	clients  chan *gosseract.Client
	startMu  sync.Mutex
	mu       sync.Mutex
	all      []*gosseract.Client
}

func newPlainOCR(dataPath string, workers int) *plainOCR {
	workers = max(workers, 1)
	p := &plainOCR{dataPath: dataPath, clients: make(chan *gosseract.Client, workers)}
	for range workers {
		p.clients <- nil // created by the first read that takes it
	}
	return p
}

// blankPage is a tiny white page in PGM: reading it initialises a client
// (Tesseract's Init would reset a page segmentation mode set before it) and
// makes a used one drop its copies of the last page.
var blankPage = []byte("P5\n8 8\n255\n" + string(func() []byte {
	b := make([]byte, 64)
	for i := range b {
		b[i] = 255
	}
	return b
}()))

func (p *plainOCR) newClient() (*gosseract.Client, error) {
	// gosseract silences stderr while a client initialises; two at once
	// can leave it silenced.
	p.startMu.Lock()
	defer p.startMu.Unlock()
	c := gosseract.NewClient()
	fail := func(err error) (*gosseract.Client, error) {
		c.Close()
		return nil, fmt.Errorf("starting Tesseract: %w", err)
	}
	if p.dataPath != "" {
		if err := c.SetTessdataPrefix(p.dataPath); err != nil {
			return fail(err)
		}
	}
	if err := c.SetLanguage("eng"); err != nil {
		return fail(err)
	}
	if err := c.DisableOutput(); err != nil {
		return fail(err)
	}
	if err := c.SetImageFromBytes(blankPage); err != nil {
		return fail(err)
	}
	if _, err := c.Text(); err != nil {
		return fail(err)
	}
	p.mu.Lock()
	p.all = append(p.all, c)
	p.mu.Unlock()
	return c, nil
}

// text reads an encoded image (any format Leptonica reads from memory)
// with page segmentation mode psm.
func (p *plainOCR) text(data []byte, psm gosseract.PageSegMode) (string, error) {
	c := <-p.clients
	defer func() { p.clients <- c }()
	if c == nil {
		var err error
		if c, err = p.newClient(); err != nil {
			return "", err
		}
	}
	if err := c.SetPageSegMode(psm); err != nil {
		return "", err
	}
	if err := c.SetImageFromBytes(data); err != nil {
		return "", err
	}
	s, err := c.Text()
	if err != nil {
		return "", err
	}
	if err := c.SetImageFromBytes(blankPage); err != nil {
		return "", err
	}
	_, err = c.Text()
	return s, err
}

// Close releases every client.
func (p *plainOCR) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	var errs []error
	for _, c := range p.all {
		errs = append(errs, c.Close())
	}
	p.all = nil
	return errors.Join(errs...)
}

// ppm encodes img's colour (alpha dropped, as the scorer's conversion to
// RGB drops it) as a binary PPM, which Leptonica reads from memory with no
// decoding cost worth the name.
func ppm(img *image.NRGBA) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	head := fmt.Sprintf("P6\n%d %d\n255\n", w, h)
	buf := make([]byte, len(head), len(head)+3*w*h)
	copy(buf, head)
	for y := 0; y < h; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):]
		for x := 0; x < w; x++ {
			buf = append(buf, row[4*x], row[4*x+1], row[4*x+2])
		}
	}
	return buf
}
