// Package pipeline runs one image through the whole of SafePost's engine:
// scan, redact, verify. The command line and the desktop app both use it.
package pipeline

import (
	"context"
	"fmt"
	"image"
	"io"
	"runtime/debug"

	"safepost/checks"
	"safepost/internal/codes"
	"safepost/internal/faces"
	"safepost/internal/ocr"
	"safepost/internal/redact"
	"safepost/internal/scan"
	"safepost/internal/verify"
)

// Options configure an engine.
type Options struct {
	// ConfigPath is the trust's allow-list and patterns file; empty means
	// the default path in the user's config folder.
	ConfigPath string
	// DataPath is the Tesseract data folder; empty means the default.
	DataPath string
	Style    redact.Style
	Workers  int
}

// Engine scans, redacts and verifies images. It is safe for concurrent use.
// Its parts are its own: front ends use its methods.
type Engine struct {
	ocr      ocr.Engine
	scanner  *scan.Scanner
	verifier *verify.Verifier
	style    redact.Style
	// detectors find what is in the picture rather than its text (faces,
	// barcodes, QR codes); they run alongside OCR.
	detectors []Detector

	// key is this computer's redaction key (see LoadKey), or nil when it
	// could not be read or made (keyErr says why): then every redaction
	// draws fresh randomness from crypto/rand, as before there was a key.
	key     []byte
	keyErr  error
	newRand func() io.Reader
}

// SetRandom makes each redaction take its randomness (the areas' margins,
// the patches' grain) from a fresh reader from newRand, in place of the
// key, so that tests can set two front ends' pixels side by side. nil,
// the default, is the key (or crypto/rand without one); SafePost itself
// never sets it.
func (e *Engine) SetRandom(newRand func() io.Reader) { e.newRand = newRand }

// KeyErr says why the engine has no redaction key (see LoadKey), or is
// nil when it has one. Without it every redaction draws fresh randomness,
// so exporting the same photo twice gives two patches, and a few exports
// together tell an attacker more than one (issue 16): front ends show
// this where they show the engine's problems.
func (e *Engine) KeyErr() error { return e.keyErr }

// Redactor is how the engine redacts: with the redaction key, so that
// the same photo and areas always give the same pixels, or with SetRandom's
// or crypto/rand's randomness. Front ends that blur by hand when the
// engine fails use it too.
func (e *Engine) Redactor() redact.Redactor {
	if e.newRand != nil {
		return redact.Redactor{Rand: e.newRand()}
	}
	return redact.Redactor{Key: e.key}
}

// useKey gives the engine its redaction key, or the error that left it
// without one. It is called before the engine is used.
func (e *Engine) useKey(key []byte, err error) {
	e.key, e.keyErr = key, err
	if err != nil {
		e.key = nil
	}
	e.verifier.Redactor = redact.Redactor{Key: e.key}
}

// Checks loads the trust's configuration (from path, or the default path
// in the user's config folder when path is empty; no file there means the
// defaults) and builds the checks. It starts no OCR, so a front end whose
// Tesseract cannot start still checks post text with the trust's
// allow-list and patterns.
func Checks(path string) (*checks.Scanner, error) {
	if path == "" {
		if p, err := checks.DefaultConfigPath(); err == nil {
			path = p
		}
	}
	var cfg checks.Config
	if path != "" {
		var err error
		if cfg, err = checks.LoadConfig(path); err != nil {
			return nil, err
		}
	}
	return checks.NewScanner(cfg)
}

// New builds the real engine with the trust's configuration: Checks, then
// Start.
func New(opts Options) (*Engine, error) {
	cs, err := Checks(opts.ConfigPath)
	if err != nil {
		return nil, err
	}
	return Start(cs, opts)
}

// Start builds the real engine on checks cs: Tesseract OCR, the face and
// code detectors, and this computer's redaction key (made on first use,
// see LoadKey). A key that cannot be read or made does not stop the
// engine: it redacts with fresh randomness, as it did before there was a
// key, and KeyErr says why.
func Start(cs *checks.Scanner, opts Options) (*Engine, error) {
	fd, err := faces.New()
	if err != nil {
		return nil, err
	}
	eng, err := ocr.NewTesseract(ocr.Options{DataPath: opts.DataPath, Workers: opts.Workers})
	if err != nil {
		return nil, err
	}
	// OCR keeps every core busy; one goroutine for the face search adds
	// less memory and no more time than several.
	fd.Workers = 1
	e := With(eng, cs, opts.Style, fd, &codes.Scanner{Checks: cs})
	path, err := DefaultKeyPath()
	if err == nil {
		e.useKey(LoadKey(path))
	} else {
		e.useKey(nil, err)
	}
	return e, nil
}

// With builds an engine from parts: tests use a fake OCR engine, and no
// detectors unless they are about pictures. It reads no redaction key:
// each redaction draws fresh randomness (see Start, SetRandom).
func With(eng ocr.Engine, cs *checks.Scanner, style redact.Style, detectors ...Detector) *Engine {
	return &Engine{
		ocr:       eng,
		scanner:   &scan.Scanner{OCR: eng, Checks: cs},
		verifier:  &verify.Verifier{OCR: eng, Checks: cs},
		style:     style,
		detectors: detectors,
	}
}

// Checks returns the checks the engine runs on what OCR reads.
func (e *Engine) Checks() *checks.Scanner { return e.scanner.Checks }

// Style is how the engine blurs the regions it finds.
func (e *Engine) Style() redact.Style { return e.style }

// Close releases the OCR engine.
func (e *Engine) Close() error { return e.ocr.Close() }

// Outcome is the result of processing one image.
type Outcome struct {
	Scan     *scan.Result
	Redacted *image.NRGBA
	// Verified is true when the redacted image was read again and nothing
	// flagged is readable.
	Verified  bool
	Escalated int
}

// Process scans img, redacts every region in the engine's style and
// verifies the result.
func (e *Engine) Process(ctx context.Context, img *image.NRGBA) (*Outcome, error) {
	res, err := e.Scan(ctx, img)
	if err != nil {
		return nil, err
	}
	out, err := e.Redact(ctx, img, Areas(res.Regions, e.style))
	if err != nil {
		return nil, err
	}
	out.Scan = res
	return out, nil
}

// --- Faces and codes (issue 6) -------------------------------------------

// Detector finds patient information in the picture itself. Its regions
// are blurred like text regions and listed in the review, where a person
// can keep one (a consenting colleague's face) as a deliberate choice.
// luma is img's grey (BT.601) version, made once and shared, read only.
type Detector interface {
	Scan(ctx context.Context, img *image.NRGBA, luma *image.Gray) ([]scan.Finding, []scan.Region, error)
}

// Scan reads img's text and runs the detectors at the same time, then adds
// the detectors' findings and regions to the text scan's. Their regions
// are kept apart from text regions (not merged) so that keeping a face
// does not un-blur the text beside it. Any failure fails the image. It
// neither redacts nor verifies: training mode shows only what would be
// blurred.
func (e *Engine) Scan(ctx context.Context, img *image.NRGBA) (*scan.Result, error) {
	defer releaseScratch(img)
	if len(e.detectors) == 0 {
		return e.scanner.Scan(ctx, img)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type found struct {
		finds   []scan.Finding
		regions []scan.Region
		err     error
	}
	results := make([]chan found, len(e.detectors))
	for i := range results {
		results[i] = make(chan found, 1)
	}
	// The detectors share one grey copy, made off this goroutine so the
	// text scan, the longest part, starts at once.
	go func() {
		luma := faces.Gray(img)
		for i, d := range e.detectors {
			go func() {
				f, r, err := d.Scan(ctx, img, luma)
				results[i] <- found{f, r, err}
			}()
		}
	}()
	res, err := e.scanner.Scan(ctx, img)
	if err != nil {
		cancel()
	}
	for _, ch := range results {
		d := <-ch
		if err != nil {
			continue
		}
		if d.err != nil {
			cancel()
			err = fmt.Errorf("looking for faces and codes: %w", d.err)
			continue
		}
		res.Findings = append(res.Findings, d.finds...)
		res.Regions = append(res.Regions, d.regions...)
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// --- end of faces and codes ---------------------------------------------

// releaseScratch hands the memory a scan of img used back to the system
// when img is large. Reading a 12 MP photo leaves about 150 MB of garbage
// (grey, straightened and thresholded copies, strips, the face search's
// pyramids) whose pages the Go heap would otherwise keep resident while
// redaction makes its full-size copy and the verifier runs Tesseract
// again, which is when a large photo's peak is reached. It costs one
// collection, a few milliseconds on a heap of pixels.
func releaseScratch(img *image.NRGBA) {
	if img.Rect.Dx()*img.Rect.Dy() >= releaseAbove {
		debug.FreeOSMemory()
	}
}

// releaseAbove is the size, in pixels, of a photo whose scan's memory is
// handed back at once (see releaseScratch): below it the peak is far
// from the 400 MB SafePost keeps to.
const releaseAbove = 4_000_000

// Redact applies areas to img and verifies the result; the desktop app
// calls it again after a person adds, removes or restyles regions. The
// areas' extent is decided first (redact.Cover), so that the verifier
// fills over the outline that was painted, not the text's own box. With
// the redaction key, the same img and areas give the same pixels every
// time (see Redactor).
func (e *Engine) Redact(ctx context.Context, img *image.NRGBA, areas []redact.Area) (*Outcome, error) {
	rd := e.Redactor()
	areas = rd.Cover(img, areas)
	red := rd.Apply(img, areas)
	final, rep, err := e.verifier.Verify(ctx, red, areas)
	if err != nil {
		return nil, fmt.Errorf("verification failed: %w", err)
	}
	return &Outcome{Redacted: final, Verified: rep.Verified, Escalated: rep.Escalated}, nil
}

// Areas turns scan regions into redaction areas in one style.
func Areas(regions []scan.Region, style redact.Style) []redact.Area {
	out := make([]redact.Area, len(regions))
	for i, r := range regions {
		out[i] = redact.Area{Box: r.Box, TextHeight: r.TextHeight, Style: style, Quad: r.Quad, Words: r.Words}
	}
	return out
}
