package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/disintegration/imaging"

	"safepost/checks"
	"safepost/internal/decisions"
	"safepost/internal/export"
	"safepost/internal/imageio"
	"safepost/internal/pipeline"
	"safepost/internal/redact"
	"safepost/internal/report"
	"safepost/internal/scan"
)

// FolderItem is one image in a folder review. Its pixels are not kept: a
// folder may hold hundreds of 12 MP photos, so only a small redacted
// thumbnail stays in memory and the file is read again to review or export
// it (and its hash checked, so a changed file is never exported under an
// old decision).
type FolderItem struct {
	ID   int
	Path string
	// Name is the path relative to the folder opened (or the base name
	// for dropped files): what lists and reports show.
	Name  string
	Hash  string
	State PhotoState
	Err   error
	// Readable is false when the file could not be decoded at all (so it
	// cannot be opened for review, only rejected).
	Readable bool
	Regions  []Region
	// Why holds the person's short reason for changing Regions[i].
	Why      []string
	Verified bool
	// Reviewed is a person's statement that they blurred by hand an image
	// the engine could not check.
	Reviewed bool
	// Thumb is the redacted image scaled down; nil until checked.
	Thumb *image.NRGBA

	Decision decisions.Decision
	Note     string
	Reviewer string
	Decided  time.Time

	cancel context.CancelFunc
	gen    int
}

// Blurred counts the regions that are on.
func (it *FolderItem) Blurred() int {
	n := 0
	for _, r := range it.Regions {
		if !r.Off {
			n++
		}
	}
	return n
}

// Settled reports whether the engine has finished with the item.
func (it *FolderItem) Settled() bool { return it.State == Done || it.State == Failed }

// Unchecked reports whether the item could not be checked and nobody has
// blurred it by hand and said so.
func (it *FolderItem) Unchecked() bool { return it.State == Failed && !it.Reviewed }

// Status is the item's state in a few words.
func (it *FolderItem) Status() string {
	switch it.State {
	case Waiting:
		return "Waiting to check…"
	case Checking:
		return "Checking…"
	case Failed:
		if it.Reviewed {
			return fmt.Sprintf("Blurred by hand (%d %s), reviewed", it.Blurred(), plural(it.Blurred(), "area", "areas"))
		}
		// The error names the file by its full path; the list already
		// shows the name.
		msg := strings.TrimPrefix(reason(it.Err), it.Path+": ")
		return "Could not check: " + msg
	}
	n := it.Blurred()
	s := "Clean: nothing found"
	if n > 0 {
		s = fmt.Sprintf("%d %s blurred", n, plural(n, "region", "regions"))
	}
	if !it.Verified {
		s += " (some text filled solid)"
	}
	return s
}

// DecisionLabel is the decision as the list shows it.
func (it *FolderItem) DecisionLabel() string {
	switch it.Decision {
	case decisions.Approved:
		return "Approved"
	case decisions.Rejected:
		return "Rejected"
	case decisions.NeedsChanges:
		return "Needs changes"
	}
	return "To decide"
}

// check is the item's check state for the store and the report.
func (it *FolderItem) check() decisions.Check {
	switch {
	case it.State == Done && it.Verified:
		return decisions.Verified
	case it.State == Done:
		return decisions.NotVerified
	case it.State == Failed && it.Reviewed:
		return decisions.ReviewedByHand
	case it.State == Failed:
		return decisions.CouldNotCheck
	}
	return ""
}

// Changes lists the indexes of regions a person turned off or drew.
func (it *FolderItem) Changes() []int {
	var out []int
	for i, r := range it.Regions {
		if r.Off || r.Source == "manual" {
			out = append(out, i)
		}
	}
	return out
}

// MissingReasons lists the changed regions that have no reason yet.
func (it *FolderItem) MissingReasons() []int {
	var out []int
	for _, i := range it.Changes() {
		if i >= len(it.Why) || it.Why[i] == "" {
			out = append(out, i)
		}
	}
	return out
}

func (it *FolderItem) stored() []decisions.Region {
	out := make([]decisions.Region, len(it.Regions))
	for i, r := range it.Regions {
		out[i] = storedRegion(r)
		if i < len(it.Why) {
			out[i].Reason = it.Why[i]
		}
	}
	return out
}

func storedRegion(r Region) decisions.Region {
	return decisions.Region{Box: [4]int{r.Box.Min.X, r.Box.Min.Y, r.Box.Max.X, r.Box.Max.Y}, Kinds: r.Kinds,
		Source: r.Source, TextHeight: r.TextHeight, Style: r.Style.String(), Added: r.Source == "manual", Off: r.Off}
}

func regionFromStored(g decisions.Region) Region {
	st, err := redact.ParseStyle(g.Style)
	if err != nil {
		st = redact.Blur
	}
	why := "Blurred in an earlier review"
	if g.Added {
		why = "Drawn by you"
	}
	return Region{Region: scan.Region{Box: image.Rect(g.Box[0], g.Box[1], g.Box[2], g.Box[3]), Kinds: g.Kinds,
		Reason: why, Confidence: 1, TextHeight: g.TextHeight, Source: g.Source}, Style: st, Off: g.Off}
}

// reapply lays a stored review over freshly scanned regions (see
// decisions.Reapply), keeping the scan's reasons and confidences.
func reapply(scanned []Region, stored []decisions.Region) ([]Region, []string) {
	cur := make([]decisions.Region, len(scanned))
	for i, r := range scanned {
		cur[i] = storedRegion(r)
	}
	merged := decisions.Reapply(cur, stored)
	out := make([]Region, len(merged))
	why := make([]string, len(merged))
	for i, g := range merged {
		if i < len(scanned) {
			out[i] = scanned[i]
			out[i].Off = g.Off
			if st, err := redact.ParseStyle(g.Style); err == nil {
				out[i].Style = st
			}
		} else {
			out[i] = regionFromStored(g)
		}
		why[i] = g.Reason
	}
	return out, why
}

// areasOf turns the regions a person left on into redaction areas, for the
// single-photo view and the folder review alike.
func areasOf(regions []Region) []redact.Area {
	var out []redact.Area
	for _, r := range regions {
		if !r.Off {
			out = append(out, redact.Area{Box: r.Box, TextHeight: r.TextHeight, Style: r.Style, Quad: r.Quad, Words: r.Words})
		}
	}
	return out
}

// thumbSize is the longest side of the thumbnails kept per image.
const thumbSize = 320

// FolderModel is a folder review's state: every image's check result and
// decision. Like Model, its methods must be called on the UI goroutine and
// background work reports back through do. Decisions are written to the
// store by one background writer, latest first per image.
type FolderModel struct {
	eng    Engine
	checks *checks.Scanner
	do     func(func())
	store  *decisions.Store

	// Root is the folder opened, if one was.
	Root  string
	Items []*FolderItem
	Style redact.Style
	// StoreErr is the last failure to save a decision; the view shows it.
	StoreErr error

	nextID    int
	ctx       context.Context
	stop      context.CancelFunc
	sem       chan struct{}
	wg        sync.WaitGroup
	listeners []func()
	closed    bool
	writer    *recordWriter
}

// NewFolderModel makes an empty folder review. workers is how many images
// are checked at once; store may be nil (nothing is then remembered).
func NewFolderModel(eng Engine, cs *checks.Scanner, store *decisions.Store, do func(func()), workers int) *FolderModel {
	if workers < 1 {
		workers = 1
	}
	m := &FolderModel{eng: eng, checks: cs, do: do, store: store, sem: make(chan struct{}, workers)}
	m.ctx, m.stop = context.WithCancel(context.Background())
	if store != nil {
		m.writer = newRecordWriter(store, func(err error) {
			do(func() {
				m.StoreErr = err
				m.changed()
			})
		})
	}
	return m
}

// OnChange registers fn to run (on the UI goroutine) after every change.
func (m *FolderModel) OnChange(fn func()) { m.listeners = append(m.listeners, fn) }

func (m *FolderModel) changed() {
	if m.closed {
		return
	}
	for _, fn := range m.listeners {
		fn()
	}
}

// Item returns the item with id, or nil.
func (m *FolderModel) Item(id int) *FolderItem {
	for _, it := range m.Items {
		if it.ID == id {
			return it
		}
	}
	return nil
}

// Progress returns how many items the engine has finished with, of all.
func (m *FolderModel) Progress() (done, total int) {
	for _, it := range m.Items {
		if it.Settled() {
			done++
		}
	}
	return done, len(m.Items)
}

// AddFolder reviews every image in dir (recursively, as the command line
// walks folders).
func (m *FolderModel) AddFolder(dir string) []error {
	if m.Root == "" {
		m.Root = dir
	}
	return m.AddPaths([]string{dir})
}

// AddPaths adds image files and folders, skipping ones already listed,
// and starts checking them. It returns the paths that could not be read.
func (m *FolderModel) AddPaths(paths []string) []error {
	files, errs := imageio.Walk(paths)
	have := map[string]bool{}
	for _, it := range m.Items {
		have[it.Path] = true
	}
	for _, f := range files {
		if have[f] {
			continue
		}
		have[f] = true
		m.nextID++
		it := &FolderItem{ID: m.nextID, Path: f, Name: m.displayName(f), State: Waiting}
		m.Items = append(m.Items, it)
		m.scan(it)
	}
	m.changed()
	return errs
}

func (m *FolderModel) displayName(path string) string {
	if m.Root != "" {
		if rel, err := filepath.Rel(m.Root, path); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.Base(path)
}

// scanResult is what the background check of one item found.
type scanResult struct {
	hash     string
	readable bool
	regions  []Region
	why      []string
	verified bool
	thumb    *image.NRGBA
	rec      *decisions.Record
	err      error
}

// scan checks it in the background.
func (m *FolderModel) scan(it *FolderItem) {
	ctx, cancel := context.WithCancel(m.ctx)
	it.cancel = cancel
	it.gen++
	gen, path, style := it.gen, it.Path, m.Style
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		defer cancel()
		select {
		case m.sem <- struct{}{}:
		case <-ctx.Done():
			m.do(func() { m.finishScan(it, gen, scanResult{err: ctx.Err()}) })
			return
		}
		m.do(func() {
			if it.gen == gen && it.State == Waiting {
				it.State = Checking
				m.changed()
			}
		})
		res := m.scanJob(ctx, path, style)
		<-m.sem
		m.do(func() { m.finishScan(it, gen, res) })
	}()
}

// scanJob reads, checks and blurs one file, lays any stored review over
// the result and returns only what is kept: regions, a thumbnail and the
// decision. The full-size pixels are dropped when it returns.
func (m *FolderModel) scanJob(ctx context.Context, path string, style redact.Style) (res scanResult) {
	img, hash, err := decisions.Load(path)
	res.hash = hash
	if hash != "" && m.store != nil {
		rec, found, gerr := m.store.Get(hash)
		if gerr == nil && found {
			res.rec = &rec
		}
	}
	if err != nil {
		res.err = err
		return res
	}
	res.readable = true
	if err := ctx.Err(); err != nil {
		res.err = err
		return res
	}
	out, err := m.eng.Process(ctx, img.Pixels)
	if err == nil && out == nil {
		err = errors.New("the engine returned nothing")
	}
	if err != nil {
		res.err = err
		if res.rec != nil && res.rec.Check == decisions.ReviewedByHand {
			// A person blurred it by hand before: show their blur.
			var drawn []decisions.Region
			for _, g := range res.rec.Regions {
				if g.Added {
					drawn = append(drawn, g)
				}
			}
			res.regions, res.why = reapply(nil, drawn)
			if areas := areasOf(res.regions); len(areas) > 0 {
				res.thumb = imaging.Fit(redact.Apply(img.Pixels, areas), thumbSize, thumbSize, imaging.Linear)
			}
		}
		return res
	}
	var regions []Region
	if out.Scan != nil {
		for _, r := range out.Scan.Regions {
			regions = append(regions, Region{Region: r, Style: style})
		}
	}
	res.regions, res.why, res.verified = regions, make([]string, len(regions)), out.Verified
	if res.rec != nil {
		res.regions, res.why = reapply(regions, res.rec.Regions)
		if !sameAreas(areasOf(res.regions), areasOf(regions)) {
			if out, err = m.eng.Redact(ctx, img.Pixels, areasOf(res.regions)); err != nil {
				res.err = fmt.Errorf("blurring as reviewed: %w", err)
				return res
			}
			res.verified = out.Verified
		}
	}
	res.thumb = imaging.Fit(out.Redacted, thumbSize, thumbSize, imaging.Linear)
	return res
}

func sameAreas(a, b []redact.Area) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Box != y.Box || x.TextHeight != y.TextHeight || x.Style != y.Style || x.Quad != y.Quad || !slices.Equal(x.Words, y.Words) {
			return false
		}
	}
	return true
}

func (m *FolderModel) finishScan(it *FolderItem, gen int, res scanResult) {
	if it.gen != gen || m.closed {
		return
	}
	it.cancel = nil
	it.Hash, it.Readable, it.Thumb = res.hash, res.readable, res.thumb
	it.Regions, it.Why, it.Verified, it.Reviewed = res.regions, res.why, res.verified, false
	if res.err != nil {
		it.State, it.Err, it.Verified = Failed, res.err, false
	} else {
		it.State, it.Err = Done, nil
	}
	if rec := res.rec; rec != nil {
		if it.State == Failed && rec.Check == decisions.ReviewedByHand && it.Readable && hasManualRegion(it.Regions) {
			it.Reviewed = true
		}
		it.Decision, it.Note, it.Reviewer, it.Decided = rec.Decision, rec.Reason, rec.Reviewer, rec.Time
		if it.Decision == decisions.Approved {
			if why := m.approveBlocker(it); why != "" {
				// Fail closed: the stored approval no longer holds (the
				// image could not be checked this time).
				it.Decision, it.Note = decisions.Undecided, "Approval withdrawn: "+why
			}
		}
	}
	m.changed()
}

func hasManualRegion(regions []Region) bool {
	for _, r := range regions {
		if r.Source == "manual" && !r.Off {
			return true
		}
	}
	return false
}

// Retry checks item id again from the start.
func (m *FolderModel) Retry(id int) {
	it := m.Item(id)
	if it == nil || !it.Settled() {
		return
	}
	it.State, it.Err, it.Thumb = Waiting, nil, nil
	m.scan(it)
	m.changed()
}

// CanApprove returns "" when item id may be approved, or why not.
func (m *FolderModel) CanApprove(id int) string {
	it := m.Item(id)
	if it == nil {
		return "No image chosen."
	}
	return m.approveBlocker(it)
}

func (m *FolderModel) approveBlocker(it *FolderItem) string {
	if why := m.stateBlocker(it); why != "" {
		return why
	}
	if n := len(it.MissingReasons()); n > 0 {
		return fmt.Sprintf("%d %s you changed by hand %s no reason yet.", n, plural(n, "area", "areas"), plural(n, "has", "have"))
	}
	return ""
}

// stateBlocker is why the engine's result on it does not allow approval.
func (m *FolderModel) stateBlocker(it *FolderItem) string {
	switch {
	case it.State == Waiting || it.State == Checking:
		return "It is still being checked."
	case it.State == Failed && !it.Readable:
		return "SafePost cannot read this file, so it cannot be approved."
	case it.State == Failed && !it.Reviewed:
		return "SafePost could not check it: open it, blur every patient detail by hand and mark it reviewed first."
	}
	return ""
}

// CheckReason returns the reason cleaned to one short line, or an error
// when it is empty or reads like patient information (a reason is stored
// and printed in the report, so it must describe, not quote).
func (m *FolderModel) CheckReason(s string) (string, error) {
	s = decisions.CleanReason(s)
	if s == "" {
		return "", errors.New("write a short reason")
	}
	if m.checks != nil {
		if found := m.checks.Scan(checks.FromText(s)); len(found) > 0 {
			return "", fmt.Errorf("the reason looks like it holds patient information (%s): describe the area instead, e.g. “staff badge”", found[0].Check)
		}
	}
	return s, nil
}

// SetReason records the person's reason for changing region i of item id.
func (m *FolderModel) SetReason(id, i int, why string) error {
	it := m.Item(id)
	if it == nil || i < 0 || i >= len(it.Regions) {
		return errors.New("no such area")
	}
	why, err := m.CheckReason(why)
	if err != nil {
		return err
	}
	for len(it.Why) < len(it.Regions) {
		it.Why = append(it.Why, "")
	}
	it.Why[i] = why
	m.persist(it)
	m.changed()
	return nil
}

// Decide records a decision for item id with an optional note. Approval
// is refused while CanApprove says no, so an image the engine could not
// check is never approved without a person's review. reviewer is the name
// from preferences.
func (m *FolderModel) Decide(id int, d decisions.Decision, note, reviewer string) error {
	it := m.Item(id)
	if it == nil {
		return errors.New("no image chosen")
	}
	switch d {
	case decisions.Approved:
		if why := m.approveBlocker(it); why != "" {
			return errors.New(why)
		}
	case decisions.Rejected, decisions.NeedsChanges, decisions.Undecided:
		if !it.Settled() {
			return errors.New("it is still being checked")
		}
	default:
		return fmt.Errorf("unknown decision %q", d)
	}
	if note != "" {
		var err error
		if note, err = m.CheckReason(note); err != nil {
			return err
		}
	}
	if d == decisions.NeedsChanges && note == "" {
		return errors.New("say what needs changing")
	}
	if r := []rune(decisions.CleanReason(reviewer)); len(r) > decisions.MaxReviewer {
		reviewer = string(r[:decisions.MaxReviewer])
	} else {
		reviewer = string(r)
	}
	it.Decision, it.Note, it.Reviewer, it.Decided = d, note, reviewer, time.Now()
	m.persist(it)
	m.changed()
	return nil
}

// applyReview takes the regions, state and review flag from the review
// window. Any change to which areas are blurred withdraws the decision: it
// was made about a different image.
func (m *FolderModel) applyReview(it *FolderItem, p *Photo) {
	if !it.Settled() {
		return
	}
	changed := len(p.Regions) != len(it.Regions)
	why := make([]string, len(p.Regions))
	for i, r := range p.Regions {
		if i >= len(it.Regions) {
			continue
		}
		old := it.Regions[i]
		if old.Off != r.Off || old.Box != r.Box {
			changed = true
		} else if i < len(it.Why) {
			why[i] = it.Why[i]
		}
	}
	before := it.signature()
	it.Regions = append([]Region(nil), p.Regions...)
	it.Why = why
	it.Reviewed = p.Reviewed
	switch {
	case p.State == Failed && it.State == Done:
		// The re-blur could not be verified: the image is unchecked now.
		it.State, it.Err, it.Verified = Failed, p.Err, false
	case p.State == Done && !p.Redoing:
		it.Verified = p.Verified
	}
	if changed && it.Decision != decisions.Undecided {
		it.Decision, it.Note = decisions.Undecided, ""
	}
	if it.signature() == before {
		return
	}
	m.persist(it)
	m.changed()
}

// signature is everything about an item a review can change.
func (it *FolderItem) signature() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %v %v %v %s|", it.State, it.Reviewed, it.Verified, it.Decision, it.Note)
	for i, r := range it.Regions {
		w := ""
		if i < len(it.Why) {
			w = it.Why[i]
		}
		fmt.Fprintf(&b, "%v %v %v %q;", r.Box, r.Off, r.Style, w)
	}
	return b.String()
}

// setThumb replaces item id's thumbnail after a review changed its blur.
func (m *FolderModel) setThumb(id int, thumb *image.NRGBA) {
	if it := m.Item(id); it != nil && thumb != nil {
		it.Thumb = thumb
		m.changed()
	}
}

// persist queues it's record for the store.
func (m *FolderModel) persist(it *FolderItem) {
	if m.writer == nil || it.Hash == "" {
		return
	}
	rec := decisions.Record{Hash: it.Hash, Decision: it.Decision, Check: it.check(), Regions: it.stored(),
		Reason: it.Note, Reviewer: it.Reviewer, Time: it.Decided}
	if rec.Time.IsZero() {
		rec.Time = time.Now()
	}
	m.writer.put(rec)
}

// Filter chooses which items the list shows.
type Filter string

// The filters.
const (
	ShowAll           Filter = "All images"
	ShowToDecide      Filter = "To decide"
	ShowFlagged       Filter = "Flagged"
	ShowCouldNotCheck Filter = "Could not check"
	ShowClean         Filter = "Clean"
	ShowApproved      Filter = "Approved"
	ShowRejected      Filter = "Rejected"
	ShowNeedsChanges  Filter = "Needs changes"
)

// Filters lists the filters in menu order.
func Filters() []string {
	return []string{string(ShowAll), string(ShowToDecide), string(ShowFlagged), string(ShowCouldNotCheck),
		string(ShowClean), string(ShowApproved), string(ShowRejected), string(ShowNeedsChanges)}
}

// Order chooses how the list is sorted.
type Order string

// The orders.
const (
	FlaggedFirst Order = "Flagged first"
	ByName       Order = "Name"
	MostBlurred  Order = "Most blurred"
	ByDecision   Order = "Decision"
)

// Orders lists the orders in menu order.
func Orders() []string {
	return []string{string(FlaggedFirst), string(ByName), string(MostBlurred), string(ByDecision)}
}

func (f Filter) keep(it *FolderItem) bool {
	switch f {
	case ShowToDecide:
		return it.Decision == decisions.Undecided
	case ShowFlagged:
		return it.Unchecked() || (it.State == Done && (it.Blurred() > 0 || !it.Verified)) || it.Reviewed
	case ShowCouldNotCheck:
		return it.State == Failed
	case ShowClean:
		return it.State == Done && it.Blurred() == 0
	case ShowApproved:
		return it.Decision == decisions.Approved
	case ShowRejected:
		return it.Decision == decisions.Rejected
	case ShowNeedsChanges:
		return it.Decision == decisions.NeedsChanges
	}
	return true
}

// flagRank puts what most needs a person's eyes first: images that could
// not be checked, then ones with text that stayed readable, then the most
// blurred, then clean ones, then ones still being checked.
func flagRank(it *FolderItem) int {
	switch {
	case it.Unchecked():
		return 0
	case it.State == Failed:
		return 1
	case it.State == Done && !it.Verified:
		return 2
	case it.State == Done && it.Blurred() > 0:
		return 3
	case it.State == Done:
		return 4
	}
	return 5
}

func decisionRank(d decisions.Decision) int {
	switch d {
	case decisions.Undecided:
		return 0
	case decisions.NeedsChanges:
		return 1
	case decisions.Rejected:
		return 2
	}
	return 3
}

// View returns the items filter keeps whose names contain query (any
// case), in order.
func (m *FolderModel) View(filter Filter, order Order, query string) []*FolderItem {
	query = strings.ToLower(strings.TrimSpace(query))
	var out []*FolderItem
	for _, it := range m.Items {
		if filter.keep(it) && (query == "" || strings.Contains(strings.ToLower(it.Name), query)) {
			out = append(out, it)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch order {
		case FlaggedFirst:
			if ra, rb := flagRank(a), flagRank(b); ra != rb {
				return ra < rb
			}
			if a.Blurred() != b.Blurred() {
				return a.Blurred() > b.Blurred()
			}
		case MostBlurred:
			if a.Blurred() != b.Blurred() {
				return a.Blurred() > b.Blurred()
			}
		case ByDecision:
			if ra, rb := decisionRank(a.Decision), decisionRank(b.Decision); ra != rb {
				return ra < rb
			}
		}
		return a.Name < b.Name
	})
	return out
}

// ExportResult is what an export wrote.
type ExportResult struct {
	Dir        string
	Written    []string // image files written
	Skipped    []string // approved images not written, with why
	HTML, CSV  string
	Report     report.Report
	Approved   int
	Unapproved int
}

// Report names of the files an export writes beside the images.
const (
	ReportHTMLName = "safepost-report.html"
	ReportCSVName  = "safepost-report.csv"
)

// Export writes every approved image, redacted as reviewed and without
// metadata, into dir, then the HTML and CSV reports of every image. It
// runs in the background (the same number of images at once as the scan),
// calls progress on the UI goroutine as each image is done and done at
// the end. Each file is read again and its hash compared, so a file
// changed since its review is not exported.
func (m *FolderModel) Export(dir string, progress func(done, total int), done func(ExportResult, error)) {
	type job struct {
		it      *FolderItem
		path    string
		hash    string
		areas   []redact.Area
		checked bool
	}
	var jobs []job
	res := ExportResult{Dir: dir}
	for _, it := range m.View(ShowAll, ByName, "") {
		if it.Decision != decisions.Approved {
			res.Unapproved++
			continue
		}
		if why := m.approveBlocker(it); why != "" {
			// Cannot happen through Decide; refuse anyway (fail closed).
			res.Skipped = append(res.Skipped, it.Name+": "+why)
			continue
		}
		jobs = append(jobs, job{it: it, path: it.Path, hash: it.Hash, areas: areasOf(it.Regions), checked: it.State == Done})
	}
	res.Approved = len(jobs)
	outputs := map[int]string{}
	notes := map[int]string{}
	// Names are given out before the work starts, in name order, so two
	// "IMG_0001.jpg" from different subfolders get stable names.
	taken := map[string]bool{}
	targets := make([]string, len(jobs))
	for i, j := range jobs {
		targets[i] = uniquePath(dir, j.it.Name, taken)
	}
	var mu sync.Mutex
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		if err := export.EnsureDir(dir); err != nil {
			m.do(func() { done(res, err) })
			return
		}
		var wg sync.WaitGroup
		count := 0
		for i, j := range jobs {
			select {
			case m.sem <- struct{}{}:
			case <-m.ctx.Done():
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-m.sem }()
				err := m.exportOne(m.ctx, j.path, j.hash, j.areas, j.checked, targets[i])
				mu.Lock()
				if err != nil {
					notes[j.it.ID] = "not exported: " + err.Error()
					res.Skipped = append(res.Skipped, j.it.Name+": "+err.Error())
				} else {
					outputs[j.it.ID] = filepath.Base(targets[i])
					res.Written = append(res.Written, targets[i])
				}
				count++
				n := count
				mu.Unlock()
				if progress != nil {
					m.do(func() { progress(n, len(jobs)) })
				}
			}()
		}
		wg.Wait()
		sort.Strings(res.Written)
		sort.Strings(res.Skipped)
		m.do(func() {
			if m.closed {
				return
			}
			res.Report = m.Report(outputs, notes)
			res.HTML, res.CSV = filepath.Join(dir, ReportHTMLName), filepath.Join(dir, ReportCSVName)
			rep := res.Report
			m.wg.Add(1)
			go func() {
				defer m.wg.Done()
				err := report.WriteFiles(res.HTML, res.CSV, rep)
				m.do(func() { done(res, err) })
			}()
		})
	}()
}

func (m *FolderModel) exportOne(ctx context.Context, path, hash string, areas []redact.Area, checked bool, dst string) error {
	img, h, err := decisions.Load(path)
	if err != nil {
		return err
	}
	if h != hash {
		return errors.New("the file changed after it was reviewed; check it again")
	}
	out, err := m.eng.Redact(ctx, img.Pixels, areas)
	if err != nil {
		if checked || ctx.Err() != nil {
			return err
		}
		// Blurred by hand after the engine failed: the person reviewed
		// exactly this blur, without the engine's verification.
		out = &pipeline.Outcome{Redacted: redact.Apply(img.Pixels, areas)}
	}
	return export.WriteFile(dst, out.Redacted)
}

// uniquePath picks DIR/<name> for an export, adding -2, -3… when another
// image of the same base name already has it.
func uniquePath(dir, name string, taken map[string]bool) string {
	p := export.OutputPath(dir, name)
	ext := filepath.Ext(p)
	stem := strings.TrimSuffix(p, ext)
	for n := 2; taken[p]; n++ {
		p = fmt.Sprintf("%s-%d%s", stem, n, ext)
	}
	taken[p] = true
	return p
}

// Report builds the report of every item; outputs names the exported
// file of each item written, notes adds export problems.
func (m *FolderModel) Report(outputs, notes map[int]string) report.Report {
	src := m.Root
	if src == "" {
		src = fmt.Sprintf("%d files", len(m.Items))
	}
	rep := report.Report{Title: "SafePost review report", Source: src, Generated: time.Now()}
	for _, it := range m.View(ShowAll, ByName, "") {
		row := report.Row{File: it.Name, Decision: string(it.Decision), Check: report.CheckLabel(it.check()),
			Reviewer: it.Reviewer, Time: it.Decided, Output: outputs[it.ID]}
		if it.Decision == decisions.Undecided {
			row.Decision, row.Reviewer, row.Time = report.NotReviewed, "", time.Time{}
		}
		row.AddRegions(it.stored())
		row.AddNote(it.Note)
		if it.Unchecked() {
			row.AddNote("could not check: " + reason(it.Err))
		}
		row.AddNote(notes[it.ID])
		rep.Rows = append(rep.Rows, row)
	}
	return rep
}

// Close cancels all work, saves pending decisions and forgets the items.
// The store itself belongs to the caller.
func (m *FolderModel) Close() {
	if m.closed {
		return
	}
	m.closed = true
	m.stop()
	if m.writer != nil {
		m.writer.close()
	}
	m.Items = nil
}

// Wait blocks until background work has stopped.
func (m *FolderModel) Wait() { m.wg.Wait() }

// recordWriter saves records on one goroutine; a newer record for the
// same image replaces one not yet written.
type recordWriter struct {
	store   *decisions.Store
	fail    func(error)
	mu      sync.Mutex
	pending map[string]decisions.Record
	order   []string
	wake    chan struct{}
	stop    chan struct{}
	done    chan struct{}
}

func newRecordWriter(store *decisions.Store, fail func(error)) *recordWriter {
	w := &recordWriter{store: store, fail: fail, pending: map[string]decisions.Record{},
		wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go w.run()
	return w
}

func (w *recordWriter) put(r decisions.Record) {
	w.mu.Lock()
	if _, ok := w.pending[r.Hash]; !ok {
		w.order = append(w.order, r.Hash)
	}
	w.pending[r.Hash] = r
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func (w *recordWriter) run() {
	defer close(w.done)
	for {
		select {
		case <-w.wake:
			w.flush()
		case <-w.stop:
			w.flush()
			return
		}
	}
}

func (w *recordWriter) flush() {
	w.mu.Lock()
	recs := make([]decisions.Record, 0, len(w.order))
	for _, h := range w.order {
		recs = append(recs, w.pending[h])
	}
	w.pending, w.order = map[string]decisions.Record{}, nil
	w.mu.Unlock()
	for _, r := range recs {
		if err := w.store.Put(r); err != nil && w.fail != nil {
			w.fail(err)
		}
	}
}

// close writes what is pending and stops the writer.
func (w *recordWriter) close() {
	close(w.stop)
	<-w.done
}
