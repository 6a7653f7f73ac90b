package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"safepost/checks"
	"safepost/internal/export"
	"safepost/internal/imageio"
	"safepost/internal/pipeline"
	"safepost/internal/post"
	"safepost/internal/redact"
	"safepost/internal/scan"
)

// Engine is the part of pipeline.Engine the app uses; tests pass a
// pipeline.Engine built on a fake OCR, or a stub.
type Engine interface {
	Process(ctx context.Context, img *image.NRGBA) (*pipeline.Outcome, error)
	Redact(ctx context.Context, img *image.NRGBA, areas []redact.Area) (*pipeline.Outcome, error)
}

var _ Engine = (*pipeline.Engine)(nil)

// PhotoState is where a photo is in its check.
type PhotoState int

// The states a photo passes through. Only Done photos (and Failed ones a
// person has blurred by hand and marked reviewed) may be exported.
const (
	Waiting  PhotoState = iota // queued behind other photos
	Checking                   // being read, scanned and blurred
	Done                       // checked; Redacted is safe to share
	Failed                     // could not be checked (error or cancelled)
)

// Photo is one attached photo. Original never leaves memory.
type Photo struct {
	ID       int
	Name     string
	State    PhotoState
	Err      error
	Original *image.NRGBA
	// Redacted is what is previewed and exported; nil until checked.
	Redacted *image.NRGBA
	// Small is Redacted scaled down for the preview and the review's fit
	// view; Thumb is smaller still, for the strip. Fyne scales images on
	// the CPU to their size on screen, so neither shows the full photo.
	Small    *image.NRGBA
	Thumb    *image.NRGBA
	Regions  []Region
	Verified bool
	// Reviewed is a person's statement that they blurred a photo the
	// engine could not check.
	Reviewed bool
	// Redoing is true while a re-redaction after an edit runs.
	Redoing bool

	load   func() (*imageio.Image, error)
	cancel context.CancelFunc
	gen    int // bumps on every edit so stale results are dropped
	// smallOriginal is Original scaled like Small, made when a review
	// opens (it shows only there); shrinking while it is being made.
	smallOriginal *image.NRGBA
	shrinking     bool
}

// Region is one area to blur, from the scan or drawn by a person.
type Region struct {
	scan.Region
	Style redact.Style
	// Off is a person's deliberate choice to leave this area clear.
	Off bool
}

// Status is the line shown for a photo in the strip.
func (p *Photo) Status() string {
	switch p.State {
	case Waiting:
		return "Waiting to check…"
	case Checking:
		if p.Redoing {
			return "Re-blurring…"
		}
		return "Checking…"
	case Failed:
		msg := "Could not check: " + reason(p.Err)
		if p.Reviewed {
			msg = "Blurred by hand, reviewed"
		}
		return msg
	}
	n := 0
	for _, r := range p.Regions {
		if !r.Off {
			n++
		}
	}
	switch n {
	case 0:
		return "Nothing found"
	case 1:
		return "1 item blurred"
	}
	return fmt.Sprintf("%d items blurred", n)
}

// Exportable reports whether the photo may be shared.
func (p *Photo) Exportable() bool {
	return p.Redacted != nil && !p.Redoing && (p.State == Done || (p.State == Failed && p.Reviewed))
}

func reason(err error) string {
	switch {
	case err == nil:
		return "unknown error"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.Is(err, context.DeadlineExceeded):
		return "took too long"
	}
	return err.Error()
}

// TextFinding is a finding in the post text with its byte span.
type TextFinding struct {
	checks.Finding
	Start, End int
	Acked      bool
}

// Key identifies a finding by what it is, so an acknowledgement survives
// edits elsewhere in the text.
func (f TextFinding) Key() string { return f.Check + "\x00" + f.Match }

// Model is the app's state: photos, post text and findings. Its methods
// must be called on the UI goroutine; background work reports back through
// do, which the app sets to fyne.Do.
type Model struct {
	eng    Engine
	checks *checks.Scanner
	do     func(func())

	Photos  []*Photo
	Network post.Network
	Style   redact.Style

	// ConfigPath is the trust's config file, where "Add to my ward's
	// list" writes; empty leaves the button out.
	ConfigPath string

	text      string
	textGen   int
	textDone  int // the textGen whose findings are current
	Findings  []TextFinding
	acked     map[string]bool
	debounce  time.Duration
	timer     *time.Timer
	nextID    int
	sem       chan struct{}
	listeners []func()
	closed    bool
	wg        sync.WaitGroup
}

// NewModel makes an empty model. workers is how many photos are checked
// at once (the engine already uses every core on one photo).
func NewModel(eng Engine, cs *checks.Scanner, do func(func()), workers int) *Model {
	if workers < 1 {
		workers = 1
	}
	return &Model{eng: eng, checks: cs, do: do, Network: post.X, acked: map[string]bool{},
		debounce: 300 * time.Millisecond, sem: make(chan struct{}, workers), textDone: 0}
}

// OnChange registers fn to run (on the UI goroutine) after every change.
func (m *Model) OnChange(fn func()) { m.listeners = append(m.listeners, fn) }

func (m *Model) changed() {
	for _, fn := range m.listeners {
		fn()
	}
}

// Photo returns the photo with id, or nil.
func (m *Model) Photo(id int) *Photo {
	for _, p := range m.Photos {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// AddPath attaches the photo at path and starts checking it.
func (m *Model) AddPath(path string) *Photo {
	return m.add(filepath.Base(path), func() (*imageio.Image, error) { return imageio.Load(path) })
}

// AddData attaches a photo read into memory (from a file dialog or paste).
func (m *Model) AddData(name string, data []byte) *Photo {
	return m.add(name, func() (*imageio.Image, error) { return imageio.Decode(name, data) })
}

func (m *Model) add(name string, load func() (*imageio.Image, error)) *Photo {
	m.nextID++
	p := &Photo{ID: m.nextID, Name: name, State: Waiting, load: load}
	m.Photos = append(m.Photos, p)
	m.check(p)
	m.changed()
	return p
}

// check loads (if need be) and processes p in the background.
func (m *Model) check(p *Photo) {
	orig, load := p.Original, p.load
	m.start(p, func(ctx context.Context) (*image.NRGBA, *pipeline.Outcome, error) {
		if orig == nil {
			img, err := load()
			if err != nil {
				return nil, nil, err
			}
			orig = img.Pixels
		}
		if err := ctx.Err(); err != nil {
			return orig, nil, err
		}
		out, err := m.eng.Process(ctx, orig)
		return orig, out, err
	})
}

// start runs job for p in the background, one or two photos at a time.
func (m *Model) start(p *Photo, job func(ctx context.Context) (*image.NRGBA, *pipeline.Outcome, error)) {
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.gen++
	gen := p.gen
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		defer cancel()
		select {
		case m.sem <- struct{}{}:
		case <-ctx.Done():
			m.do(func() { m.finish(p, gen, nil, nil, smalls{}, ctx.Err()) })
			return
		}
		m.do(func() {
			if p.gen == gen && p.State == Waiting {
				p.State = Checking
				m.changed()
			}
		})
		orig, out, err := job(ctx)
		<-m.sem
		var sm smalls
		if out != nil && out.Redacted != nil {
			sm = smallsOf(out.Redacted)
		}
		m.do(func() { m.finish(p, gen, orig, out, sm, err) })
	}()
}

// previewSize and stripSize are the least longest sides of Small and
// Thumb; shrink makes them at most twice that.
const (
	previewSize = 1280
	stripSize   = 2 * thumbW
)

// smalls are the scaled copies of a redacted image the app shows.
type smalls struct{ small, thumb *image.NRGBA }

func smallsOf(img *image.NRGBA) smalls {
	small := shrink(img, previewSize)
	return smalls{small, shrink(small, stripSize)}
}

func (m *Model) finish(p *Photo, gen int, orig *image.NRGBA, out *pipeline.Outcome, sm smalls, err error) {
	if p.gen != gen || m.closed {
		return
	}
	p.cancel = nil
	if orig != nil {
		p.Original = orig
	}
	p.Redoing = false
	if err == nil && out == nil {
		err = errors.New("the engine returned nothing")
	}
	if err != nil {
		p.State, p.Err, p.Verified = Failed, err, false
		p.Redacted, p.Small, p.Thumb = nil, nil, nil
		if out != nil && out.Redacted != nil && hasManual(p) {
			// Keep what a person drew so they can still review it.
			p.Redacted, p.Small, p.Thumb = out.Redacted, sm.small, sm.thumb
		}
		m.changed()
		return
	}
	if out.Scan != nil {
		p.Regions = p.Regions[:0]
		for _, r := range out.Scan.Regions {
			p.Regions = append(p.Regions, Region{Region: r, Style: m.Style})
		}
	}
	if p.State == Failed && out.Scan == nil {
		// A re-blur of a photo that was never checked: still unchecked,
		// but now has the hand-drawn areas applied for review.
		p.Redacted, p.Small, p.Thumb, p.Verified = out.Redacted, sm.small, sm.thumb, out.Verified
		m.changed()
		return
	}
	p.State, p.Err, p.Redacted, p.Small, p.Thumb, p.Verified = Done, nil, out.Redacted, sm.small, sm.thumb, out.Verified
	m.changed()
}

// shrinkOriginal makes p's smallOriginal in the background if it has
// none, and reports the change.
func (m *Model) shrinkOriginal(p *Photo) {
	if p.Original == nil || p.smallOriginal != nil || p.shrinking {
		return
	}
	p.shrinking = true
	orig := p.Original
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		small := shrink(orig, previewSize)
		m.do(func() {
			p.shrinking = false
			if m.closed || p.Original != orig {
				return
			}
			p.smallOriginal = small
			m.changed()
		})
	}()
}

// Cancel stops checking photo id; it stays attached, unchecked.
func (m *Model) Cancel(id int) {
	if p := m.Photo(id); p != nil && p.cancel != nil {
		p.cancel()
	}
}

// Retry checks photo id again from the start.
func (m *Model) Retry(id int) {
	p := m.Photo(id)
	if p == nil || p.State != Failed || p.cancel != nil {
		return
	}
	p.State, p.Err, p.Reviewed, p.Regions, p.Redacted = Waiting, nil, false, nil, nil
	p.Small, p.Thumb = nil, nil
	m.check(p)
	m.changed()
}

// Remove detaches photo id, cancelling its check.
func (m *Model) Remove(id int) {
	for i, p := range m.Photos {
		if p.ID == id {
			if p.cancel != nil {
				p.cancel()
			}
			p.gen++
			m.Photos = append(m.Photos[:i], m.Photos[i+1:]...)
			m.changed()
			return
		}
	}
}

// Move shifts photo id by delta places in the order.
func (m *Model) Move(id, delta int) {
	for i, p := range m.Photos {
		if p.ID != id {
			continue
		}
		j := max(0, min(len(m.Photos)-1, i+delta))
		if j == i {
			return
		}
		m.Photos = append(m.Photos[:i], m.Photos[i+1:]...)
		m.Photos = append(m.Photos[:j], append([]*Photo{p}, m.Photos[j:]...)...)
		m.changed()
		return
	}
}

// SetRegionOff turns region i of photo id off (a deliberate choice) or on
// again, and re-blurs the photo.
func (m *Model) SetRegionOff(id, i int, off bool) {
	p := m.Photo(id)
	if p == nil || i < 0 || i >= len(p.Regions) {
		return
	}
	p.Regions[i].Off = off
	m.redo(p)
}

// AddRegion adds a hand-drawn area to photo id and re-blurs it.
func (m *Model) AddRegion(id int, box image.Rectangle) {
	p := m.Photo(id)
	if p == nil || p.Original == nil {
		return
	}
	box = box.Canon().Intersect(p.Original.Bounds())
	if box.Dx() < 2 || box.Dy() < 2 {
		return
	}
	p.Regions = append(p.Regions, Region{Region: scan.Region{Box: box, Kinds: []string{"manual"},
		Reason: "Drawn by you", Confidence: 1, TextHeight: box.Dy(), Source: "manual"}, Style: m.Style})
	m.redo(p)
}

// SetPhotoStyle sets how every region of photo id is blurred.
func (m *Model) SetPhotoStyle(id int, s redact.Style) {
	p := m.Photo(id)
	if p == nil {
		return
	}
	for i := range p.Regions {
		p.Regions[i].Style = s
	}
	m.redo(p)
}

// MarkReviewed records that a person blurred photo id by hand.
func (m *Model) MarkReviewed(id int) {
	p := m.Photo(id)
	if p == nil || p.State != Failed || p.Original == nil {
		return
	}
	if !m.CanMarkReviewed(id) {
		return
	}
	p.Reviewed = true
	m.changed()
}

// CanMarkReviewed reports whether photo id could not be checked and a
// person has blurred at least one area of it by hand.
func (m *Model) CanMarkReviewed(id int) bool {
	p := m.Photo(id)
	return p != nil && p.State == Failed && !p.Reviewed && !p.Redoing && p.Redacted != nil && hasManual(p)
}

func hasManual(p *Photo) bool {
	for _, r := range p.Regions {
		if r.Source == "manual" && !r.Off {
			return true
		}
	}
	return false
}

// redo re-blurs p with its current regions, off the UI goroutine.
func (m *Model) redo(p *Photo) {
	if p.Original == nil || p.State == Waiting || (p.State == Checking && !p.Redoing) {
		m.changed()
		return
	}
	if p.cancel != nil {
		p.cancel()
	}
	orig, areas := p.Original, areasOf(p.Regions)
	if p.State == Done {
		p.State = Checking
	}
	p.Redoing = true
	if p.State == Failed {
		// A hand-blurred unchecked photo: edits reopen the review.
		p.Reviewed = false
	}
	m.start(p, func(ctx context.Context) (*image.NRGBA, *pipeline.Outcome, error) {
		out, err := m.eng.Redact(ctx, orig, areas)
		if err != nil && ctx.Err() == nil {
			// Verification failed: blur locally so a person can still
			// review the photo by hand. It stays unchecked.
			out = &pipeline.Outcome{Redacted: redact.Apply(orig, areas)}
		}
		return orig, out, err
	})
	m.changed()
}

// Text returns the post text.
func (m *Model) Text() string { return m.text }

// SetText changes the post text; the checks run after a pause in typing.
func (m *Model) SetText(s string) {
	if s == m.text {
		return
	}
	m.checkText(s)
}

// checkText sets the text and checks it after the pause in typing, with
// the checks as they are now.
func (m *Model) checkText(s string) {
	m.text = s
	m.textGen++
	gen := m.textGen
	if m.timer != nil {
		m.timer.Stop()
	}
	cs := m.checks
	m.timer = time.AfterFunc(m.debounce, func() {
		found := scanText(cs, s)
		m.do(func() {
			if gen != m.textGen || m.closed {
				return
			}
			m.Findings = found
			m.applyAcks()
			m.textDone = gen
			m.changed()
		})
	})
	m.changed()
}

func scanText(cs *checks.Scanner, s string) []TextFinding {
	if cs == nil || strings.TrimSpace(s) == "" {
		return nil
	}
	doc := checks.FromText(s)
	var out []TextFinding
	for _, f := range cs.Scan(doc) {
		start, end, ok := f.Span(doc)
		if !ok {
			start, end = 0, 0
		}
		out = append(out, TextFinding{Finding: f, Start: start, End: end})
	}
	return out
}

func (m *Model) applyAcks() {
	for i := range m.Findings {
		m.Findings[i].Acked = m.acked[m.Findings[i].Key()]
	}
}

// TextChecked reports whether the findings belong to the current text.
func (m *Model) TextChecked() bool { return m.textDone == m.textGen }

// Acknowledge records that the person has read finding i and keeps it.
func (m *Model) Acknowledge(i int) {
	if i < 0 || i >= len(m.Findings) {
		return
	}
	m.acked[m.Findings[i].Key()] = true
	m.applyAcks()
	m.changed()
}

// Post returns the post as the preview and counter see it.
func (m *Model) Post() post.Post {
	return post.Post{Text: m.text, Network: m.Network, Images: len(m.Photos)}
}

// Blocked returns why nothing may be copied out yet, or "" when all is
// checked and acknowledged.
func (m *Model) Blocked() string {
	var waiting, failed int
	var failedName string
	for _, p := range m.Photos {
		switch {
		case p.Exportable():
		case p.State == Failed:
			failed++
			failedName = p.Name
		default:
			waiting++
		}
	}
	unacked := 0
	for _, f := range m.Findings {
		if !f.Acked {
			unacked++
		}
	}
	switch {
	case failed == 1:
		return fmt.Sprintf("“%s” could not be checked: blur it by hand and mark it reviewed, retry, or remove it.", failedName)
	case failed > 1:
		return fmt.Sprintf("%d photos could not be checked: blur them by hand and mark them reviewed, retry, or remove them.", failed)
	case waiting == 1:
		return "Wait: 1 photo is still being checked."
	case waiting > 1:
		return fmt.Sprintf("Wait: %d photos are still being checked.", waiting)
	case !m.TextChecked():
		return "Checking the text…"
	case unacked == 1:
		return "The text has 1 flagged item: change it or acknowledge it."
	case unacked > 1:
		return fmt.Sprintf("The text has %d flagged items: change them or acknowledge them.", unacked)
	}
	return ""
}

// SaveImages writes every photo's redacted, metadata-free image to dir in
// the background and calls done on the UI goroutine with the paths written.
// It refuses when anything is unchecked.
func (m *Model) SaveImages(dir string, done func(paths []string, err error)) {
	if why := m.Blocked(); why != "" {
		done(nil, errors.New(why))
		return
	}
	type item struct {
		name string
		img  *image.NRGBA
	}
	var items []item
	for _, p := range m.Photos {
		items = append(items, item{p.Name, p.Redacted})
	}
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		var paths []string
		var err error
		for i, it := range items {
			path := export.OutputPath(dir, fmt.Sprintf("%02d-%s", i+1, it.name))
			if werr := export.WriteFile(path, it.img); werr != nil {
				err = fmt.Errorf("saving %s: %w", it.name, werr)
				break
			}
			paths = append(paths, path)
		}
		m.do(func() { done(paths, err) })
	}()
}

// Close cancels all work and forgets every photo and the text.
func (m *Model) Close() {
	m.closed = true
	if m.timer != nil {
		m.timer.Stop()
	}
	for _, p := range m.Photos {
		if p.cancel != nil {
			p.cancel()
		}
	}
	m.Photos, m.Findings, m.text = nil, nil, ""
}

// Wait blocks until background photo work has stopped (for tests and
// shutdown; results arriving later are dropped).
func (m *Model) Wait() { m.wg.Wait() }
