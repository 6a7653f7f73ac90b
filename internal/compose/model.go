// Package compose holds the composer's state outside the user interface:
// the post's text and its findings, and the photos attached to it, each
// checked and reviewed through package review. Its methods run on one
// goroutine (the app's UI goroutine); background work reports back through
// the do function it is given.
package compose

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"safepost/checks"
	"safepost/internal/export"
	"safepost/internal/imageio"
	"safepost/internal/post"
	"safepost/internal/redact"
	"safepost/internal/review"
)

// Photo is one attached photo: its check and review (review.Item), and
// the pixels the app shows. Original never leaves memory.
type Photo struct {
	review.Item
	ID       int
	Name     string
	Original *image.NRGBA
	// Redacted is what is previewed and exported; nil until checked.
	// It is held, not made again on each redraw, so the preview shows the
	// pixels that will be copied out.
	Redacted *image.NRGBA
	// Small is Redacted scaled down for the preview and the review's fit
	// view; Thumb is smaller still, for the strip. Fyne scales images on
	// the CPU to their size on screen, so neither shows the full photo.
	Small *image.NRGBA
	Thumb *image.NRGBA
	// Redoing is true while a re-redaction after an edit runs.
	Redoing bool

	// Alt is the photo's description (alt text) as the person wrote it,
	// set through SetAlt; it is checked like the post text, and
	// AltFindings are what the checks found in it (spans into Alt).
	Alt         string
	AltFindings []TextFinding
	// Looked records that the person has looked at the photo at full size
	// and ticked "Looked at it" (SetLooked). Blocked refuses to export a
	// photo without it, so the first export of a session asks for each
	// photo in turn. The mark is the photo's for as long as it is
	// attached: re-blurs and retries keep it (the person has seen this
	// photo, and edits to it are made in that same full-size Review);
	// removing the photo forgets it, so a photo attached again is looked
	// at again.
	Looked bool

	altGen   int // counts changes to Alt
	altDone  int // the altGen whose findings are current
	altAcked map[string]bool
	altTimer *time.Timer

	load func() (*imageio.Image, error)
	slot review.Slot
	// smallOriginal is Original scaled like Small, made when a review
	// opens (it shows only there); shrinking while it is being made.
	smallOriginal *image.NRGBA
	shrinking     bool
}

// Status is the line shown for a photo in the strip.
func (p *Photo) Status() string {
	switch p.State {
	case review.Waiting:
		return "Waiting to check…"
	case review.Checking:
		if p.Redoing {
			return "Re-blurring…"
		}
		return "Checking…"
	case review.Failed:
		msg := "Could not check: " + review.Reason(p.Err)
		if p.Reviewed {
			msg = "Blurred by hand, reviewed"
		}
		return msg
	}
	// Never a promise of safety: SafePost cannot read everything
	// (handwriting, a name it does not know), so the line says what it did
	// and what is left to the person.
	switch n := p.Blurred(); n {
	case 0:
		return "Nothing found. Check it yourself"
	case 1:
		return "1 area blurred. Check the rest"
	default:
		return fmt.Sprintf("%d areas blurred. Check the rest", n)
	}
}

// Exportable reports whether the photo may be shared.
func (p *Photo) Exportable() bool {
	return p.Redacted != nil && !p.Redoing && p.Shareable()
}

// Busy reports whether a check or re-blur of the photo is running.
func (p *Photo) Busy() bool { return p.slot.Busy() }

// description is the photo's description as it is saved and copied: Alt
// without the blank space around it.
func (p *Photo) description() string { return strings.TrimSpace(p.Alt) }

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
	eng    review.Engine
	checks *checks.Scanner
	do     func(func())
	jobs   *review.Jobs

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
	listeners []func()
	closed    bool
}

// NewModel makes an empty model. workers is how many photos are checked
// at once (the engine already uses every core on one photo).
func NewModel(eng review.Engine, cs *checks.Scanner, do func(func()), workers int) *Model {
	return &Model{eng: eng, checks: cs, do: do, jobs: review.NewJobs(workers, do), Network: post.X,
		acked: map[string]bool{}, debounce: 300 * time.Millisecond}
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
	p := &Photo{ID: m.nextID, Name: name, load: load}
	m.Photos = append(m.Photos, p)
	m.check(p)
	m.changed()
	return p
}

// photoResult is a background job's result for a photo: the original (once
// loaded), its redaction and the copies of it shown, made off the UI
// goroutine.
type photoResult struct {
	orig     *image.NRGBA
	checked  review.Checked
	verified bool
	smalls
}

// check loads (if need be) and checks p in the background.
func (m *Model) check(p *Photo) {
	orig, load, style := p.Original, p.load, m.Style
	review.Start(m.jobs, &p.slot, func(ctx context.Context) (photoResult, error) {
		if orig == nil {
			img, err := load()
			if err != nil {
				return photoResult{}, err
			}
			orig = img.Pixels
		}
		if err := ctx.Err(); err != nil {
			return photoResult{orig: orig}, err
		}
		c := review.Check(ctx, m.eng, orig, style, nil, review.Reviewing)
		return photoResult{orig: orig, checked: c, smalls: smallsOf(c.Redacted)}, nil
	}, func() {
		if p.State == review.Waiting {
			p.State = review.Checking
			m.changed()
		}
	}, func(r photoResult, err error) {
		if m.closed {
			return
		}
		if r.orig != nil {
			p.Original = r.orig
		}
		p.Redoing = false
		if err != nil {
			p.Item = review.Item{State: review.Failed, Err: err, Regions: p.Regions}
			p.Redacted, p.Small, p.Thumb = nil, nil, nil
		} else {
			p.Item, p.Redacted, p.Small, p.Thumb = r.checked.Item, r.checked.Redacted, r.small, r.thumb
		}
		m.changed()
	})
}

// PreviewSize and StripSize are the least longest sides of Small and
// Thumb; shrink makes them at most twice that. The strip shows thumbnails
// 150 pixels wide, so StripSize is twice that for a sharp picture on a
// high-density screen.
const (
	PreviewSize = 1280
	StripSize   = 300
)

// smalls are the scaled copies of a redacted image the app shows.
type smalls struct{ small, thumb *image.NRGBA }

func smallsOf(img *image.NRGBA) smalls {
	if img == nil {
		return smalls{}
	}
	small := shrink(img, PreviewSize)
	return smalls{small, shrink(small, StripSize)}
}

// SmallOriginal is the photo before blurring, scaled like Small, once
// ShrinkOriginal has made it (the review shows it); nil before.
func (p *Photo) SmallOriginal() *image.NRGBA { return p.smallOriginal }

// ShrinkOriginal makes p's SmallOriginal in the background if it has
// none, and reports the change.
func (m *Model) ShrinkOriginal(p *Photo) {
	if p.Original == nil || p.smallOriginal != nil || p.shrinking {
		return
	}
	p.shrinking = true
	orig := p.Original
	m.jobs.Go(func(context.Context) {
		small := shrink(orig, PreviewSize)
		m.do(func() {
			p.shrinking = false
			if m.closed || p.Original != orig {
				return
			}
			p.smallOriginal = small
			m.changed()
		})
	})
}

// Hold attaches a photo already checked elsewhere (a folder review's
// file, opened to review): its state, its original and its redaction.
func (m *Model) Hold(name string, item review.Item, orig, red *image.NRGBA) *Photo {
	m.nextID++
	p := &Photo{Item: item, ID: m.nextID, Name: name, Original: orig, Redacted: red}
	m.Photos = append(m.Photos, p)
	m.changed()
	return p
}

// Cancel stops checking photo id; it stays attached, unchecked.
func (m *Model) Cancel(id int) {
	if p := m.Photo(id); p != nil {
		p.slot.Cancel()
	}
}

// Retry checks photo id again from the start.
func (m *Model) Retry(id int) {
	p := m.Photo(id)
	if p == nil || p.State != review.Failed || p.slot.Busy() {
		return
	}
	p.Item = review.Item{State: review.Waiting}
	p.Redacted, p.Small, p.Thumb = nil, nil, nil
	m.check(p)
	m.changed()
}

// Remove detaches photo id, cancelling its check.
func (m *Model) Remove(id int) {
	for i, p := range m.Photos {
		if p.ID == id {
			p.slot.Drop()
			if p.altTimer != nil {
				p.altTimer.Stop()
			}
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
	p.Regions = append(p.Regions, review.Draw(box, m.Style))
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
	if !m.CanMarkReviewed(id) {
		return
	}
	m.Photo(id).Reviewed = true
	m.changed()
}

// CanMarkReviewed reports whether photo id could not be checked and a
// person has blurred at least one area of it by hand, and that blur is
// shown.
func (m *Model) CanMarkReviewed(id int) bool {
	p := m.Photo(id)
	return p != nil && p.Original != nil && !p.Redoing && p.Redacted != nil && p.CanMarkReviewed()
}

// redo re-blurs p with its current regions, off the UI goroutine.
func (m *Model) redo(p *Photo) {
	if p.Original == nil || p.State == review.Waiting || (p.State == review.Checking && !p.Redoing) {
		m.changed()
		return
	}
	orig, regions := p.Original, slices.Clone(p.Regions)
	if p.State == review.Done {
		p.State = review.Checking
	}
	p.Redoing = true
	if p.State == review.Failed {
		// A hand-blurred unchecked photo: edits reopen the review.
		p.Reviewed = false
	}
	review.Start(m.jobs, &p.slot, func(ctx context.Context) (photoResult, error) {
		red, verified, err := review.Reblur(ctx, m.eng, orig, regions)
		return photoResult{checked: review.Checked{Redacted: red}, verified: verified, smalls: smallsOf(red)}, err
	}, nil, func(r photoResult, err error) {
		if m.closed {
			return
		}
		p.Redoing = false
		red := r.checked.Redacted
		switch {
		case err != nil:
			// Not verified (or cancelled): the photo is unchecked. A blur
			// with areas a person drew stays, so they can review it.
			p.State, p.Err, p.Verified = review.Failed, err, false
			p.Redacted, p.Small, p.Thumb = nil, nil, nil
			if red != nil && review.HasDrawn(p.Regions) {
				p.Redacted, p.Small, p.Thumb = red, r.small, r.thumb
			}
		case p.State == review.Failed:
			// A re-blur of a photo that was never checked: still
			// unchecked, now with the hand-drawn areas shown for review.
			p.Redacted, p.Small, p.Thumb, p.Verified = red, r.small, r.thumb, r.verified
		default:
			p.State, p.Err, p.Verified = review.Done, nil, r.verified
			p.Redacted, p.Small, p.Thumb = red, r.small, r.thumb
		}
		m.changed()
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
	m.scanLater(&m.timer, s, func(found []TextFinding) {
		if gen != m.textGen {
			return
		}
		m.Findings = found
		m.applyAcks()
		m.textDone = gen
		m.changed()
	})
	m.changed()
}

// scanLater checks s after the pause in typing (replacing the check that
// *timer was waiting to run) and hands the findings to apply on the UI
// goroutine, unless the model has closed. apply drops findings for text
// that has changed since.
func (m *Model) scanLater(timer **time.Timer, s string, apply func([]TextFinding)) {
	if *timer != nil {
		(*timer).Stop()
	}
	cs := m.checks
	*timer = time.AfterFunc(m.debounce, func() {
		found := scanText(cs, s)
		m.do(func() {
			if !m.closed {
				apply(found)
			}
		})
	})
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

func (m *Model) applyAcks() { applyAcks(m.Findings, m.acked) }

// applyAcks marks the findings acknowledged by what they are (Key), so
// an acknowledgement survives edits elsewhere in the text.
func applyAcks(fs []TextFinding, acked map[string]bool) {
	for i := range fs {
		fs[i].Acked = acked[fs[i].Key()]
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

// Unacknowledge takes back the acknowledgement of finding i: it blocks
// copying again.
func (m *Model) Unacknowledge(i int) {
	if i < 0 || i >= len(m.Findings) {
		return
	}
	delete(m.acked, m.Findings[i].Key())
	m.applyAcks()
	m.changed()
}

// SetAlt sets the description (alt text) of photo id; it is checked like
// the post text, after a pause in typing. A blank description has nothing
// to check and is checked at once.
func (m *Model) SetAlt(id int, text string) {
	p := m.Photo(id)
	if p == nil || text == p.Alt {
		return
	}
	m.checkAlt(p, text)
}

// checkAlt sets p's description and checks it with the checks as they
// are now.
func (m *Model) checkAlt(p *Photo, s string) {
	p.Alt = s
	p.altGen++
	gen := p.altGen
	if strings.TrimSpace(s) == "" {
		if p.altTimer != nil {
			p.altTimer.Stop()
		}
		p.AltFindings, p.altDone = nil, gen
		m.changed()
		return
	}
	m.scanLater(&p.altTimer, s, func(found []TextFinding) {
		if gen != p.altGen || m.Photo(p.ID) != p {
			return // edited since, or removed
		}
		p.AltFindings = found
		applyAcks(p.AltFindings, p.altAcked)
		p.altDone = gen
		m.changed()
	})
	m.changed()
}

// AltChecked reports whether photo id's AltFindings belong to its current
// description (true for a photo with none, and for an unknown id).
func (m *Model) AltChecked(id int) bool {
	p := m.Photo(id)
	return p == nil || p.altDone == p.altGen
}

// AcknowledgeAlt records that the person has read finding i of photo
// id's description and keeps it, as Acknowledge does for the post text
// (the app asks for the patient's consent first). It holds for that
// photo's description only, and survives edits elsewhere in it.
func (m *Model) AcknowledgeAlt(id, i int) {
	p := m.Photo(id)
	if p == nil || i < 0 || i >= len(p.AltFindings) {
		return
	}
	if p.altAcked == nil {
		p.altAcked = map[string]bool{}
	}
	p.altAcked[p.AltFindings[i].Key()] = true
	applyAcks(p.AltFindings, p.altAcked)
	m.changed()
}

// UnacknowledgeAlt takes back the acknowledgement of finding i of photo
// id's description: it blocks saving and copying again.
func (m *Model) UnacknowledgeAlt(id, i int) {
	p := m.Photo(id)
	if p == nil || i < 0 || i >= len(p.AltFindings) {
		return
	}
	delete(p.altAcked, p.AltFindings[i].Key())
	applyAcks(p.AltFindings, p.altAcked)
	m.changed()
}

// SetLooked records that the person has looked at photo id at full size
// (on), or takes it back. See Photo.Looked for how long it lasts.
func (m *Model) SetLooked(id int, on bool) {
	p := m.Photo(id)
	if p == nil || p.Looked == on {
		return
	}
	p.Looked = on
	m.changed()
}

// ClipboardText is what is copied for the post: its text and, when any
// photo has a description, a blank line and then a line for each photo
// that has one, "Image 2: <description>", numbered by the photo's place
// in the post (as the saved files are), so photos without a description
// are skipped and the numbers can jump. A description's line breaks
// become spaces to keep it on its line. Networks' composers take each
// image's description in a box of its own: these lines are for the
// person to paste from. Check Blocked first.
func (m *Model) ClipboardText() string {
	var lines []string
	for i, p := range m.Photos {
		if d := p.description(); d != "" {
			lines = append(lines, fmt.Sprintf("Image %d: %s", i+1, strings.Join(strings.Fields(d), " ")))
		}
	}
	if len(lines) == 0 {
		return m.text
	}
	out := strings.Join(lines, "\n")
	if text := strings.TrimRight(m.text, " \t\r\n"); strings.TrimSpace(text) != "" {
		out = text + "\n\n" + out
	}
	return out
}

// Post returns the post as the preview and counter see it.
func (m *Model) Post() post.Post {
	return post.Post{Text: m.text, Network: m.Network, Images: len(m.Photos)}
}

// Blocked returns why nothing may be copied out yet, or "" when all is
// checked and acknowledged. The reasons come in the order they are best
// dealt with: too many photos, photos unread, unchecked or still being
// checked, the post text, the photos' descriptions (being checked,
// flagged, too long for the network), and last the photos not yet looked
// at full size.
func (m *Model) Blocked() string {
	var waiting, failed, unreadable int
	var failedName, unreadableName string
	for _, p := range m.Photos {
		switch {
		case p.Exportable():
		case p.State == review.Failed && p.Original == nil:
			// Nothing to review by hand: the file could not be read.
			unreadable++
			unreadableName = p.Name
		case p.State == review.Failed:
			failed++
			failedName = p.Name
		default:
			waiting++
		}
	}
	unacked := countUnacked(m.Findings)
	r, _ := post.RulesFor(m.Network)
	switch {
	case r.MaxImages > 0 && len(m.Photos) > r.MaxImages:
		extra := len(m.Photos) - r.MaxImages
		return fmt.Sprintf("%s takes at most %d photos in a post: remove %d.", r.Name, r.MaxImages, extra)
	case unreadable == 1:
		return fmt.Sprintf("“%s” could not be read: remove it, or try again.", unreadableName)
	case unreadable > 1:
		return fmt.Sprintf("%d photos could not be read: remove them, or try again.", unreadable)
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
	if why := m.altBlocked(r); why != "" {
		return why
	}
	return m.lookBlocked()
}

// altBlocked says why the photos' descriptions hold the export up: one
// still being checked, one with flagged items, one longer than the
// network takes; the first photo in the post is named, since each is
// fixed on its own.
func (m *Model) altBlocked(r post.Rules) string {
	for _, p := range m.Photos {
		if p.altDone != p.altGen {
			return fmt.Sprintf("Checking the description of “%s”…", p.Name)
		}
	}
	for _, p := range m.Photos {
		switch n := countUnacked(p.AltFindings); {
		case n == 1:
			return fmt.Sprintf("The description of “%s” has 1 flagged item: change it or acknowledge it.", p.Name)
		case n > 1:
			return fmt.Sprintf("The description of “%s” has %d flagged items: change them or acknowledge them.", p.Name, n)
		}
	}
	if r.AltLimit > 0 {
		for _, p := range m.Photos {
			if n := r.AltLength(p.description()); n > r.AltLimit {
				return fmt.Sprintf("The description of “%s” is %s characters; %s takes at most %s: shorten it.",
					p.Name, thousands(n), r.Name, thousands(r.AltLimit))
			}
		}
	}
	return ""
}

// lookBlocked says which photos the person has yet to look at full size.
func (m *Model) lookBlocked() string {
	var n int
	var name string
	for _, p := range m.Photos {
		if !p.Looked {
			if n == 0 {
				name = p.Name
			}
			n++
		}
	}
	switch {
	case n == 1:
		return fmt.Sprintf("Look at “%s” at full size first: open Review and tick “Looked at it”.", name)
	case n > 1:
		return fmt.Sprintf("Look at %d photos at full size first: open each one's Review and tick “Looked at it”.", n)
	}
	return ""
}

func countUnacked(fs []TextFinding) int {
	n := 0
	for _, f := range fs {
		if !f.Acked {
			n++
		}
	}
	return n
}

// thousands writes n with commas between groups of three digits, as
// the messages quote a network's limits ("1,500").
func thousands(n int) string {
	if n < 0 {
		return "-" + thousands(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Saved is what Save wrote: the images, in the post's order, and the
// description files, one beside each image that has a description.
type Saved struct {
	Images       []string
	Descriptions []string
}

// Save writes every photo's redacted, metadata-free image to dir in the
// background, numbered in the post's order ("01-ward.jpg"), and beside
// each one that has a description, that description in a text file of the
// same base name ("01-ward.txt"), both written atomically. A photo without
// a description gets no text file, and one left from an earlier save under
// that name is removed, so an old description never sits beside a new
// image. done is called on the UI goroutine with what was written, up to
// the first error. Save refuses while Blocked says anything.
func (m *Model) Save(dir string, done func(Saved, error)) {
	if why := m.Blocked(); why != "" {
		done(Saved{}, errors.New(why))
		return
	}
	type item struct {
		name, alt string
		img       *image.NRGBA
	}
	var items []item
	for _, p := range m.Photos {
		items = append(items, item{p.Name, p.description(), p.Redacted})
	}
	m.jobs.Go(func(context.Context) {
		var saved Saved
		var err error
		for i, it := range items {
			path := export.OutputPath(dir, fmt.Sprintf("%02d-%s", i+1, it.name))
			if err = export.WriteFile(path, it.img); err != nil {
				err = fmt.Errorf("saving %s: %w", it.name, err)
				break
			}
			saved.Images = append(saved.Images, path)
			txt := export.TextPath(path)
			if it.alt == "" {
				if rerr := os.Remove(txt); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
					err = fmt.Errorf("removing the old description of %s (%s): %w", it.name, txt, rerr)
					break
				}
				continue
			}
			if err = export.WriteText(txt, it.alt+"\n"); err != nil {
				err = fmt.Errorf("saving the description of %s: %w", it.name, err)
				break
			}
			saved.Descriptions = append(saved.Descriptions, txt)
		}
		m.do(func() { done(saved, err) })
	})
}

// SaveImages is Save for callers that report the images alone: it writes
// the descriptions all the same, and hands done only the images' paths.
func (m *Model) SaveImages(dir string, done func(paths []string, err error)) {
	m.Save(dir, func(s Saved, err error) { done(s.Images, err) })
}

// Close cancels all work and forgets every photo and the text.
func (m *Model) Close() {
	m.closed = true
	if m.timer != nil {
		m.timer.Stop()
	}
	for _, p := range m.Photos {
		p.slot.Drop()
		if p.altTimer != nil {
			p.altTimer.Stop()
		}
	}
	m.jobs.Stop()
	m.Photos, m.Findings, m.text = nil, nil, ""
}

// Wait blocks until background photo work has stopped (for tests and
// shutdown; results arriving later are dropped).
func (m *Model) Wait() { m.jobs.Wait() }
