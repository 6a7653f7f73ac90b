package ocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"github.com/otiai10/gosseract/v2"
)

// ErrNoLanguageData means Tesseract's English model is not installed.
var ErrNoLanguageData = errors.New("Tesseract English language data (eng.traineddata) not found: install the Debian package tesseract-ocr-eng, or set the Tesseract data folder in preferences (TESSDATA_PREFIX)")

// Pass is one way of reading an image: a scale, a preprocessing and a page
// segmentation mode. Several passes catch text that one alone misses.
type Pass struct {
	Name string
	// Scale resizes the image before reading; passes over large images
	// with small Scale catch big lettering cheaply.
	Scale float64
	// MinSide skips the pass when the scaled image's shorter side would be
	// below this many pixels (the text it targets cannot be there).
	MinSide int
	// MaxSide, when set, skips the pass when the image's longer side is
	// this many pixels or more.
	MaxSide int
	Invert  bool // light text on a dark background
	Stretch bool // local contrast normalisation (X-ray burn-ins, glare)
	// Binarise thresholds each neighbourhood on its own and erases ruled
	// lines before Tesseract sees the image (see binarise).
	Binarise bool
	PSM      gosseract.PageSegMode
	// Tiles splits the image into horizontal strips read in parallel.
	Tiles bool
	// MaxText, when set, holds the pass back until the others have been
	// read, and runs it only if the words they read clearly are at most
	// this many pixels tall (the median): small print, read again
	// enlarged, costs nothing on photos of ordinary print.
	MaxText int
}

// DefaultPasses were chosen by measurement on the generated corpus (see
// `safepost bench`): a full-resolution sparse-text pass on binarised
// pixels (local thresholds, ruled lines erased; small photos enlarged),
// plus a cheap downscaled pass on the plain grey image for large lettering.
// Binarising the full pass raised the share of patient items fully
// redacted from 0.78 to 0.87 on the corpus (tilted, glary, ruled boards).
//
// Small print (screenshots, viewer overlays, dense forms: words 9-15 px
// tall) is read again at twice the size, on the grey image and on a
// contrast-stretched copy that lifts light text off mid-tone rows and
// bars. On the real set this raised the share of patient items covered
// from 0.845 to 0.870 (each pass alone about half of that) and lowered
// the leak from 0.054 to 0.046, for a quarter more time; on the corpus it
// runs on 4 of the 27 small scenes and changes no figure. An inverted
// pass as well added 2 more items for another tenth of the time, and
// reading the edges turned a quarter either way (text running up a scan)
// found nothing on either set for an eighth more: neither is here.
func DefaultPasses() []Pass {
	return []Pass{
		{Name: "full-sparse", Scale: 1, PSM: gosseract.PSM_SPARSE_TEXT, Tiles: true, Binarise: true},
		// Small photos are cheap to read twice: thresholding can break
		// up small, clean text that the grey image shows whole.
		{Name: "small-grey", Scale: 1, MaxSide: smallPhoto, PSM: gosseract.PSM_SPARSE_TEXT, Tiles: true},
		{Name: "third-sparse", Scale: 1.0 / 3, MinSide: 500, PSM: gosseract.PSM_SPARSE_TEXT},
		{Name: "small-print", Scale: 2, MaxSide: smallPhoto, MaxText: smallPrint, PSM: gosseract.PSM_SPARSE_TEXT, Tiles: true},
		{Name: "small-print-stretched", Scale: 2, MaxSide: smallPhoto, MaxText: smallPrint, Stretch: true, PSM: gosseract.PSM_SPARSE_TEXT, Tiles: true},
	}
}

// Options configure a Tesseract engine.
type Options struct {
	// DataPath is the tessdata folder; empty means the tessdata folder
	// beside the executable, TESSDATA_PREFIX or the system's (see dataDirs).
	DataPath string
	// Workers is the number of Tesseract clients run at once (default: CPUs).
	Workers int
	Passes  []Pass
	// Variables are extra Tesseract parameters.
	Variables map[string]string
}

// Tesseract is an Engine backed by Tesseract through gosseract. It keeps one
// client per worker goroutine; gosseract clients are not safe to share.
type Tesseract struct {
	opts    Options
	clients chan *gosseract.Client
	mu      sync.Mutex
	all     []*gosseract.Client
}

var _ Engine = (*Tesseract)(nil)

// NewTesseract checks that the language data is there and returns an engine.
func NewTesseract(opts Options) (*Tesseract, error) {
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.Passes == nil {
		opts.Passes = DefaultPasses()
	}
	// Tesseract is told exactly which folder to use: on Windows it would
	// otherwise look only at TESSDATA_PREFIX and beside the executable.
	dir, err := findLanguageData(opts.DataPath)
	if err != nil {
		return nil, err
	}
	opts.DataPath = dir
	mapLargeBlocks()
	t := &Tesseract{opts: opts, clients: make(chan *gosseract.Client, opts.Workers)}
	for i := 0; i < opts.Workers; i++ {
		t.clients <- nil // created lazily by the worker that takes it
	}
	return t, nil
}

// Workers returns how many pages or tiles the engine reads at once.
func (t *Tesseract) Workers() int { return t.opts.Workers }

// startMu serialises starting clients: gosseract points the process's
// stderr at /dev/null while Tesseract initialises, and two clients starting
// at once can leave it there, so later error messages would be lost.
var startMu sync.Mutex

func (t *Tesseract) newClient() (*gosseract.Client, error) {
	startMu.Lock()
	defer startMu.Unlock()
	c := gosseract.NewClient()
	if t.opts.DataPath != "" {
		if err := c.SetTessdataPrefix(t.opts.DataPath); err != nil {
			c.Close()
			return nil, err
		}
	}
	if err := c.SetLanguage("eng"); err != nil {
		c.Close()
		return nil, err
	}
	// Tesseract's progress notes ("Estimating resolution...") are noise
	// on the command line.
	if err := c.DisableOutput(); err != nil {
		c.Close()
		return nil, err
	}
	for k, v := range t.opts.Variables {
		if err := c.SetVariable(gosseract.SettableVariable(k), v); err != nil {
			c.Close()
			return nil, err
		}
	}
	// Initialise now: Tesseract's Init resets the page segmentation mode,
	// so a mode set before the first read would silently be lost.
	err := release(c)
	restoreStderr()
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("starting Tesseract: %w", err)
	}
	t.mu.Lock()
	t.all = append(t.all, c)
	t.mu.Unlock()
	return c, nil
}

// Close releases every Tesseract client.
func (t *Tesseract) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	var errs []error
	for _, c := range t.all {
		errs = append(errs, c.Close())
	}
	t.all = nil
	return errors.Join(errs...)
}

// job is one strip of one pass.
type job struct {
	pass   int
	order  int // pass and strip: the order results are merged in
	img    *image.Gray
	offset image.Point // of the strip in the scaled image
	scale  float64
	psm    gosseract.PageSegMode
}

type rawWord struct {
	Word
	key lineKey
}

type lineKey struct{ job, block, par, line int }

// Read runs every pass over img and merges what they read into one page in
// img's pixel coordinates.
func (t *Tesseract) Read(ctx context.Context, img image.Image) (*Page, error) {
	b := img.Bounds()
	if b.Empty() {
		return nil, errors.New("ocr: empty image")
	}
	base := gray(img)
	// Boards photographed at an angle read far better straightened.
	var rot *rotation
	if a := skewAngle(base); math.Abs(a) >= minSkew {
		r := newRotation(base.Rect.Dx(), base.Rect.Dy(), a)
		base = r.apply(base, borderMedian(base))
		rot = &r
	}
	results, err := t.run(ctx, base, func(p Pass) bool { return p.MaxText == 0 })
	if err != nil {
		return nil, err
	}
	var read []rawWord
	for _, d := range results {
		read = append(read, d.words...)
	}
	if h, ok := printHeight(read); ok {
		more, err := t.run(ctx, base, func(p Pass) bool { return p.MaxText > 0 && h <= p.MaxText })
		if err != nil {
			return nil, err
		}
		results = append(results, more...)
	}
	// Merge in pass and strip order, whatever order they were read in.
	sort.Slice(results, func(a, b int) bool { return results[a].job.order < results[b].job.order })
	var words []rawWord
	byPass := map[int][]rawWord{}
	for _, d := range results {
		words = append(words, d.words...)
		byPass[d.job.pass] = append(byPass[d.job.pass], d.words...)
	}
	var turn *Turn
	if rot != nil {
		turn = &Turn{r: *rot, offset: b.Min} // the rotation Read used
	}
	page := place(merge(words), rot, b)
	page.Turn = turn
	if len(byPass) > 1 {
		for p := range t.opts.Passes {
			if ws, ok := byPass[p]; ok {
				r := place(merge(ws), rot, b)
				r.Turn = turn
				page.Readings = append(page.Readings, *r)
			}
		}
	}
	return page, nil
}

// done is a job and what was read in it.
type done struct {
	job   job
	words []rawWord
	err   error
}

// run reads the jobs of the passes that want picks. Jobs are planned on
// their own goroutine and read as soon as each is ready: the cheap passes
// first, so Tesseract is already reading them while the full-size copy is
// being binarised.
func (t *Tesseract) run(ctx context.Context, base *image.Gray, want func(Pass) bool) ([]*done, error) {
	plan := make(chan job)
	stop := make(chan struct{})
	go func() {
		defer close(plan)
		t.plan(base, want, func(j job) bool {
			select {
			case plan <- j:
				return true
			case <-stop:
				return false
			case <-ctx.Done():
				return false
			}
		})
	}()
	var results []*done
	var wg sync.WaitGroup
	var ctxErr error
	for j := range plan {
		if ctxErr = ctx.Err(); ctxErr != nil {
			close(stop)
			for range plan { // let the planner finish
			}
			break
		}
		d := &done{job: j}
		results = append(results, d)
		c := <-t.clients
		wg.Add(1)
		go func(c *gosseract.Client) {
			defer wg.Done()
			defer func() { t.clients <- c }()
			if c == nil {
				var err error
				if c, err = t.newClient(); err != nil {
					d.err = err
					return
				}
			}
			if ctx.Err() != nil {
				d.err = ctx.Err()
				return
			}
			d.words, d.err = readJob(c, d.job, d.job.order)
		}(c)
	}
	wg.Wait()
	if ctxErr == nil {
		ctxErr = ctx.Err() // the planner may have stopped early for it
	}
	if ctxErr != nil {
		return nil, ctxErr
	}
	var errs []error
	for _, d := range results {
		errs = append(errs, d.err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	return results, nil
}

// printHeight is the median height of the words read clearly (three or
// more letters or digits, confidence 60 or more); ok is false when fewer
// than minClearWords were.
func printHeight(words []rawWord) (h int, ok bool) {
	var hs []int
	for _, w := range words {
		if w.Conf >= 60 && alnumCount(w.Text) >= 3 {
			hs = append(hs, w.Box.Dy())
		}
	}
	if len(hs) < minClearWords {
		return 0, false
	}
	sort.Ints(hs)
	return hs[len(hs)/2], true
}

// place maps a merged page's boxes from the (straightened) image that was
// read back onto the image, keeping the straightened boxes too.
func place(page *Page, rot *rotation, b image.Rectangle) *Page {
	for i := range page.Lines {
		l := &page.Lines[i]
		for j := range l.Words {
			wb := l.Words[j].Box
			l.Words[j].Straight = wb
			if rot != nil {
				wb = rot.box(wb)
			} else {
				l.Words[j].Straight = wb.Add(b.Min)
			}
			l.Words[j].Box = wb.Add(b.Min).Intersect(b)
			if j == 0 {
				l.Box, l.Straight = l.Words[j].Box, l.Words[j].Straight
			} else {
				l.Box = l.Box.Union(l.Words[j].Box)
				l.Straight = l.Straight.Union(l.Words[j].Straight)
			}
		}
	}
	return page
}

// plan turns the passes into jobs and hands each to emit as soon as it is
// ready, stopping if emit returns false. Full-resolution passes are cut
// into overlapping strips so both cores work on one photo. Passes that
// binarise (the slow preparation) come after the others.
func (t *Tesseract) plan(base *image.Gray, want func(Pass) bool, emit func(job) bool) {
	variants := map[[2]bool]*image.Gray{}
	var order []int
	for _, slow := range []bool{false, true} {
		for pi, p := range t.opts.Passes {
			if p.Binarise == slow {
				order = append(order, pi)
			}
		}
	}
	for _, pi := range order {
		p := t.opts.Passes[pi]
		if !want(p) {
			continue
		}
		scale := p.Scale
		if scale <= 0 {
			scale = 1
		}
		w, h := float64(base.Rect.Dx())*scale, float64(base.Rect.Dy())*scale
		if p.MinSide > 0 && min(w, h) < float64(p.MinSide) {
			continue
		}
		if p.MaxSide > 0 && max(base.Rect.Dx(), base.Rect.Dy()) >= p.MaxSide {
			continue
		}
		key := [2]bool{p.Invert, p.Stretch}
		src := variants[key]
		if src == nil {
			src = base
			if p.Stretch {
				src = stretch(src, 48)
			}
			if p.Invert {
				src = invert(src)
			}
			variants[key] = src
		}
		if p.Binarise && scale == 1 && max(w, h) < smallPhoto {
			// Small photos hold small text, which thresholding would
			// break up: read them at twice the size.
			scale = 2
		}
		img := scaleGray(src, scale)
		if p.Binarise {
			img = binarise(img)
			if len(img.Pix) > maxStripPixels {
				// binarise's scratch (the smoothed copy and the run
				// lengths, 3 bytes a pixel) is garbage now, but the Go
				// heap keeps its pages until the scavenger gets round
				// to them, while Tesseract makes its own copies of the
				// strips about to be read: together they set the
				// process's peak on a large photo. Handing them back
				// costs one collection, a few milliseconds on a heap
				// of pixels (no pointers to follow).
				debug.FreeOSMemory()
			}
		}
		strips := 1
		if p.Tiles {
			strips = t.opts.Workers
			// Strips under ~600 px tall cost more in overhead than they save.
			strips = min(strips, max(1, img.Rect.Dy()/600))
			// Tesseract keeps several copies of the image it reads, so
			// big photos are read in more, smaller strips to bound memory.
			strips = max(strips, (img.Rect.Dx()*img.Rect.Dy()+maxStripPixels-1)/maxStripPixels)
		}
		overlap := max(160, img.Rect.Dy()/12)
		for s := 0; s < strips; s++ {
			y0 := s * img.Rect.Dy() / strips
			y1 := (s + 1) * img.Rect.Dy() / strips
			if s > 0 {
				y0 -= overlap / 2
			}
			if s < strips-1 {
				y1 += overlap / 2
			}
			r := image.Rect(0, max(0, y0), img.Rect.Dx(), min(img.Rect.Dy(), y1))
			j := job{pass: pi, order: pi*1024 + s, img: img.SubImage(r).(*image.Gray), offset: r.Min, scale: scale, psm: p.PSM}
			if !emit(j) {
				return
			}
		}
	}
}

func readJob(c *gosseract.Client, j job, id int) ([]rawWord, error) {
	return readJobWith(c, j, id, leptonicaImage)
}

// readJobWith reads j, handing its pixels to Leptonica encoded by enc.
func readJobWith(c *gosseract.Client, j job, id int, enc func(*image.Gray) []byte) ([]rawWord, error) {
	if err := c.SetPageSegMode(j.psm); err != nil {
		return nil, err
	}
	g := padded(j.img, jobPad)
	if err := c.SetImageFromBytes(enc(g)); err != nil {
		return nil, err
	}
	boxes, err := c.GetBoundingBoxesVerbose()
	if err != nil {
		return nil, err
	}
	if err := release(c); err != nil {
		return nil, err
	}
	out := make([]rawWord, 0, len(boxes))
	for _, bb := range boxes {
		text := strings.TrimSpace(bb.Word)
		if text == "" || bb.Box.Empty() {
			continue
		}
		box := bb.Box
		if j.scale < 1 {
			// Read shrunk, a word's box often takes in a table rule or
			// strokes of the lines above and below it (a pixel there
			// holds several of the photo's): a region built from it would
			// reach over a board's heading row. Boxes read at full size
			// are kept as Tesseract gives them.
			box = trimBox(g, box)
		}
		r := box.Add(j.offset).Sub(image.Pt(jobPad, jobPad))
		r = image.Rect(
			int(float64(r.Min.X)/j.scale), int(float64(r.Min.Y)/j.scale),
			int(float64(r.Max.X)/j.scale+0.999), int(float64(r.Max.Y)/j.scale+0.999))
		out = append(out, rawWord{
			Word: Word{Text: text, Box: r, Conf: bb.Confidence},
			key:  lineKey{id, bb.BlockNum, bb.ParNum, bb.LineNum},
		})
	}
	return out, nil
}

// maxStripPixels bounds the size of one strip a Tesseract client reads.
const maxStripPixels = 3_500_000

// smallPhoto is the longer side, in pixels, below which a binarised pass
// reads the photo enlarged.
const smallPhoto = 2000

// smallPrint is the height, in pixels, of print read again enlarged: the
// median word of the real set's screenshots and viewer captures is 10-14
// px tall, of its 150 dpi documents 17-18.
const smallPrint = 15

// minClearWords is how many words must be read clearly before their
// height says how big the print is.
const minClearWords = 5

// minSkew is the smallest tilt, in degrees, worth straightening: below it
// Tesseract copes and the rotation would only cost time.
const minSkew = 1.5

// jobPad is the margin added around each strip: Tesseract misses text that
// touches the image edge (X-ray labels often do).
const jobPad = 24

// padded copies sub into a new origin-based image with a margin of pad pixels
// filled with the median of sub's border, which is usually the background.
func padded(sub *image.Gray, pad int) *image.Gray {
	w, h := sub.Rect.Dx(), sub.Rect.Dy()
	bg := borderMedian(sub)
	g := image.NewGray(image.Rect(0, 0, w+2*pad, h+2*pad))
	for i := range g.Pix {
		g.Pix[i] = bg
	}
	for y := 0; y < h; y++ {
		copy(g.Pix[(y+pad)*g.Stride+pad:(y+pad)*g.Stride+pad+w], sub.Pix[sub.PixOffset(sub.Rect.Min.X, sub.Rect.Min.Y+y):])
	}
	return g
}

// blank is a tiny white page.
var blank = leptonicaImage(func() *image.Gray {
	g := image.NewGray(image.Rect(0, 0, 8, 8))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	return g
}())

// release reads a blank page, which initialises a new client and makes an
// used one drop its copies of the last (large) image between photos.
func release(c *gosseract.Client) error {
	if err := c.SetImageFromBytes(blank); err != nil {
		return err
	}
	_, err := c.Text()
	return err
}
