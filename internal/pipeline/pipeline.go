// Package pipeline runs one image through the whole of SafePost's engine:
// scan, redact, verify. The command line and the desktop app both use it.
package pipeline

import (
	"context"
	"fmt"
	"image"
	"io"

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
type Engine struct {
	OCR      ocr.Engine
	Scanner  *scan.Scanner
	Verifier *verify.Verifier
	Style    redact.Style
	// Detectors find what is in the picture rather than its text (faces,
	// barcodes, QR codes); they run alongside OCR. New sets them; With
	// leaves them empty so fake-OCR tests stay about text.
	Detectors []Detector

	newRand func() io.Reader
}

// SetRandom makes each redaction take its randomness (the areas' margins,
// the patches' grain) from a fresh reader from newRand, so that tests can
// set two front ends' pixels side by side. nil, the default, is
// crypto/rand; SafePost itself never sets it.
func (e *Engine) SetRandom(newRand func() io.Reader) { e.newRand = newRand }

// New builds the real engine: Tesseract OCR and the checks with the trust's
// configuration.
func New(opts Options) (*Engine, error) {
	path := opts.ConfigPath
	if path == "" {
		p, err := checks.DefaultConfigPath()
		if err == nil {
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
	cs, err := checks.NewScanner(cfg)
	if err != nil {
		return nil, err
	}
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
	e := With(eng, cs, opts.Style)
	e.Detectors = []Detector{fd, &codes.Scanner{Checks: cs}}
	return e, nil
}

// With builds an engine from parts (tests use a fake OCR engine).
func With(eng ocr.Engine, cs *checks.Scanner, style redact.Style) *Engine {
	return &Engine{
		OCR:      eng,
		Scanner:  &scan.Scanner{OCR: eng, Checks: cs},
		Verifier: &verify.Verifier{OCR: eng, Checks: cs},
		Style:    style,
	}
}

// Close releases the OCR engine.
func (e *Engine) Close() error { return e.OCR.Close() }

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
	out, err := e.Redact(ctx, img, Areas(res.Regions, e.Style))
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
	if len(e.Detectors) == 0 {
		return e.Scanner.Scan(ctx, img)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type found struct {
		finds   []scan.Finding
		regions []scan.Region
		err     error
	}
	results := make([]chan found, len(e.Detectors))
	for i := range results {
		results[i] = make(chan found, 1)
	}
	// The detectors share one grey copy, made off this goroutine so the
	// text scan, the longest part, starts at once.
	go func() {
		luma := faces.Gray(img)
		for i, d := range e.Detectors {
			go func() {
				f, r, err := d.Scan(ctx, img, luma)
				results[i] <- found{f, r, err}
			}()
		}
	}()
	res, err := e.Scanner.Scan(ctx, img)
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

// Redact applies areas to img and verifies the result; the desktop app
// calls it again after a person adds, removes or restyles regions. The
// areas' extent is decided first (redact.Cover), so that the verifier
// fills over the outline that was painted, not the text's own box.
func (e *Engine) Redact(ctx context.Context, img *image.NRGBA, areas []redact.Area) (*Outcome, error) {
	var rd redact.Redactor
	if e.newRand != nil {
		rd.Rand = e.newRand()
	}
	areas = rd.Cover(img, areas)
	red := rd.Apply(img, areas)
	final, rep, err := e.Verifier.Verify(ctx, red, areas)
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
