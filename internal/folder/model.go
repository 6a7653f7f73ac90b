// Package folder holds a folder review's state outside the user
// interface: every image of a folder checked and reviewed through package
// review, the decisions kept in the store, the list's filters and orders,
// the export of approved images and the report. Its methods run on one
// goroutine (the app's UI goroutine); background work reports back
// through the do function it is given.
package folder

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
	"safepost/internal/redact"
	"safepost/internal/report"
	"safepost/internal/review"
)

// Item is one image in a folder review: its check and review
// (review.Item), and its file and decision. Its pixels are not kept: a
// folder may hold hundreds of 12 MP photos, so only a small redacted
// thumbnail stays in memory and the file is read again to review or export
// it (and its hash checked, so a changed file is never exported under an
// old decision).
type Item struct {
	review.Item
	ID   int
	Path string
	// Name is the path relative to the folder opened (or the base name
	// for dropped files): what lists and reports show.
	Name string
	Hash string
	// Readable is false when the file could not be decoded at all (so it
	// cannot be opened for review, only rejected).
	Readable bool
	// Thumb is the redacted image scaled down; nil until checked.
	Thumb *image.NRGBA

	Decision decisions.Decision
	Note     string
	Reviewer string
	Decided  time.Time

	slot review.Slot
}

// Status is the item's state in a few words.
func (it *Item) Status() string {
	switch it.State {
	case review.Waiting:
		return "Waiting to check…"
	case review.Checking:
		return "Checking…"
	case review.Failed:
		if it.Reviewed {
			return fmt.Sprintf("Blurred by hand (%d %s), reviewed", it.Blurred(), plural(it.Blurred(), "area", "areas"))
		}
		// The error names the file by its full path; the list already
		// shows the name.
		msg := strings.TrimPrefix(review.Reason(it.Err), it.Path+": ")
		return "Could not check: " + msg
	}
	n := it.Blurred()
	s := "Nothing found"
	if n > 0 {
		s = fmt.Sprintf("%d %s blurred", n, plural(n, "area", "areas"))
	}
	if !it.Verified {
		s += " (some text filled solid)"
	}
	return s
}

// DecisionLabel is the decision as the list shows it.
func (it *Item) DecisionLabel() string {
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

// MissingReasons lists the regions a person changed (turned off or drew)
// that have no reason yet.
func (it *Item) MissingReasons() []int {
	var out []int
	for _, i := range review.Changes(it.Regions) {
		if it.Regions[i].Why == "" {
			out = append(out, i)
		}
	}
	return out
}

// ThumbSize is the longest side of the thumbnails kept per image.
const ThumbSize = 320

// Model is a folder review's state: every image's check result and
// decision. Like Model, its methods must be called on the UI goroutine and
// background work reports back through do. Decisions are written to the
// store by one background writer, latest first per image.
type Model struct {
	eng    review.Engine
	checks *checks.Scanner
	do     func(func())
	store  *decisions.Store

	// Root is the folder opened, if one was.
	Root  string
	Items []*Item
	Style redact.Style
	// StoreErr is the last failure to save a decision; the view shows it.
	StoreErr error

	nextID    int
	jobs      *review.Jobs
	listeners []func()
	closed    bool
	writer    *recordWriter
}

// NewModel makes an empty folder review. workers is how many images
// are checked at once; store may be nil (nothing is then remembered).
func NewModel(eng review.Engine, cs *checks.Scanner, store *decisions.Store, do func(func()), workers int) *Model {
	m := &Model{eng: eng, checks: cs, do: do, store: store, jobs: review.NewJobs(workers, do)}
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
func (m *Model) OnChange(fn func()) { m.listeners = append(m.listeners, fn) }

func (m *Model) changed() {
	if m.closed {
		return
	}
	for _, fn := range m.listeners {
		fn()
	}
}

// Item returns the item with id, or nil.
func (m *Model) Item(id int) *Item {
	for _, it := range m.Items {
		if it.ID == id {
			return it
		}
	}
	return nil
}

// Progress returns how many items the engine has finished with, of all.
func (m *Model) Progress() (done, total int) {
	for _, it := range m.Items {
		if it.Settled() {
			done++
		}
	}
	return done, len(m.Items)
}

// AddFolder reviews every image in dir (recursively, as the command line
// walks folders).
func (m *Model) AddFolder(dir string) []error {
	if m.Root == "" {
		m.Root = dir
	}
	return m.AddPaths([]string{dir})
}

// AddPaths adds image files and folders, skipping ones already listed,
// and starts checking them. It returns the paths that could not be read.
func (m *Model) AddPaths(paths []string) []error {
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
		it := &Item{ID: m.nextID, Path: f, Name: m.displayName(f)}
		m.Items = append(m.Items, it)
		m.scan(it)
	}
	m.changed()
	return errs
}

func (m *Model) displayName(path string) string {
	if m.Root != "" {
		if rel, err := filepath.Rel(m.Root, path); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.Base(path)
}

// scanResult is what the background check of one item found: no pixels
// but a thumbnail.
type scanResult struct {
	hash     string
	readable bool
	item     review.Item
	thumb    *image.NRGBA
	rec      *decisions.Record
}

// scan checks it in the background.
func (m *Model) scan(it *Item) {
	path, style := it.Path, m.Style
	review.Start(m.jobs, &it.slot, func(ctx context.Context) (scanResult, error) {
		return m.scanJob(ctx, path, style)
	}, func() {
		if it.State == review.Waiting {
			it.State = review.Checking
			m.changed()
		}
	}, func(res scanResult, err error) {
		if err != nil {
			res.item = review.Item{State: review.Failed, Err: err}
		}
		m.finishScan(it, res)
	})
}

// scanJob reads one file, looks up its stored review and checks it with
// the review laid over (review.Check), and returns only what is kept: the
// regions, a thumbnail and the decision. The full-size pixels are dropped
// when it returns.
func (m *Model) scanJob(ctx context.Context, path string, style redact.Style) (scanResult, error) {
	img, hash, err := decisions.Load(path)
	res := scanResult{hash: hash}
	if hash != "" && m.store != nil {
		rec, found, gerr := m.store.Get(hash)
		if gerr == nil && found {
			res.rec = &rec
		}
	}
	if err != nil {
		res.item = review.Item{State: review.Failed, Err: err}
		return res, nil
	}
	res.readable = true
	if err := ctx.Err(); err != nil {
		return res, err
	}
	c := review.Check(ctx, m.eng, img.Pixels, style, res.rec, review.Reviewing)
	res.item = c.Item
	if c.Redacted != nil {
		res.thumb = imaging.Fit(c.Redacted, ThumbSize, ThumbSize, imaging.Linear)
	}
	return res, nil
}

func (m *Model) finishScan(it *Item, res scanResult) {
	if m.closed {
		return
	}
	it.Hash, it.Readable, it.Thumb, it.Item = res.hash, res.readable, res.thumb, res.item
	if rec := res.rec; rec != nil {
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

// Retry checks item id again from the start.
func (m *Model) Retry(id int) {
	it := m.Item(id)
	if it == nil || !it.Settled() {
		return
	}
	it.State, it.Err, it.Thumb = review.Waiting, nil, nil
	m.scan(it)
	m.changed()
}

// CanApprove returns "" when item id may be approved, or why not.
func (m *Model) CanApprove(id int) string {
	it := m.Item(id)
	if it == nil {
		return "No image chosen."
	}
	return m.approveBlocker(it)
}

func (m *Model) approveBlocker(it *Item) string {
	if why := m.StateBlocker(it); why != "" {
		return why
	}
	if n := len(it.MissingReasons()); n > 0 {
		return fmt.Sprintf("%d %s you changed by hand %s no reason yet.", n, plural(n, "area", "areas"), plural(n, "has", "have"))
	}
	return ""
}

// StateBlocker is why the engine's result on it does not allow approval,
// or "".
func (m *Model) StateBlocker(it *Item) string {
	switch {
	case it.State == review.Waiting || it.State == review.Checking:
		return "It is still being checked."
	case it.State == review.Failed && !it.Readable:
		return "SafePost cannot read this file, so it cannot be approved."
	case it.State == review.Failed && !it.Reviewed:
		return "SafePost could not check it: open it, blur every patient detail by hand and mark it reviewed first."
	}
	return ""
}

// CheckReason returns the reason cleaned to one short line, or an error
// when it is empty or reads like patient information (a reason is stored
// and printed in the report, so it must describe, not quote).
func (m *Model) CheckReason(s string) (string, error) {
	s = decisions.CleanReason(s)
	if s == "" {
		return "", errors.New("write a short reason")
	}
	if m.checks != nil {
		if found := m.checks.Scan(checks.FromText(s)); len(found) > 0 {
			return "", fmt.Errorf("the reason looks like it holds patient information (%s): describe the area instead, e.g. “staff badge”", strings.ToLower(checks.KindLabel(found[0].Check)))
		}
	}
	return s, nil
}

// SetReason records the person's reason for changing region i of item id.
func (m *Model) SetReason(id, i int, why string) error {
	it := m.Item(id)
	if it == nil || i < 0 || i >= len(it.Regions) {
		return errors.New("no such area")
	}
	why, err := m.CheckReason(why)
	if err != nil {
		return err
	}
	it.Regions[i].Why = why
	m.persist(it)
	m.changed()
	return nil
}

// Decide records a decision for item id with an optional note. Approval
// is refused while CanApprove says no, so an image the engine could not
// check is never approved without a person's review. reviewer is the name
// from preferences.
func (m *Model) Decide(id int, d decisions.Decision, note, reviewer string) error {
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

// ApplyReview takes the regions, state and review flag of item id from
// the review window (p, with redoing true while its re-blur runs). Any
// change to which areas are blurred withdraws the decision: it was made
// about a different image.
func (m *Model) ApplyReview(id int, p review.Item, redoing bool) {
	it := m.Item(id)
	if it == nil || !it.Settled() || m.closed {
		return
	}
	changed := len(p.Regions) != len(it.Regions)
	regions := slices.Clone(p.Regions)
	for i := range regions {
		if i >= len(it.Regions) {
			continue
		}
		old := it.Regions[i]
		if old.Off != regions[i].Off || old.Box != regions[i].Box {
			// A changed area needs a new reason.
			changed = true
			regions[i].Why = ""
		} else {
			regions[i].Why = old.Why
		}
	}
	before := it.signature()
	it.Regions = regions
	it.Reviewed = p.Reviewed
	switch {
	case p.State == review.Failed && it.State == review.Done:
		// The re-blur could not be verified: the image is unchecked now.
		it.State, it.Err, it.Verified = review.Failed, p.Err, false
	case p.State == review.Done && !redoing:
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
func (it *Item) signature() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %v %v %v %s|", it.State, it.Reviewed, it.Verified, it.Decision, it.Note)
	for _, r := range it.Regions {
		fmt.Fprintf(&b, "%v %v %v %q;", r.Box, r.Off, r.Style, r.Why)
	}
	return b.String()
}

// Reblurred replaces item id's thumbnail, in the background, after a
// review changed its blur to red.
func (m *Model) Reblurred(id int, red *image.NRGBA) {
	m.jobs.Go(func(context.Context) {
		thumb := imaging.Fit(red, ThumbSize, ThumbSize, imaging.Linear)
		m.do(func() {
			if it := m.Item(id); it != nil && !m.closed {
				it.Thumb = thumb
				m.changed()
			}
		})
	})
}

// Open reads item id's file again for a person's review, in the
// background (see review.Reopen: a changed file is refused), and calls
// done with its pixels and their redaction unless the review has closed.
// The full-size pixels live only as long as the caller keeps them.
func (m *Model) Open(id int, done func(orig, red *image.NRGBA, err error)) {
	it := m.Item(id)
	if it == nil || !it.Settled() || !it.Readable {
		return
	}
	path, hash, regions, checked := it.Path, it.Hash, slices.Clone(it.Regions), it.State == review.Done
	m.jobs.Go(func(ctx context.Context) {
		orig, red, err := review.Reopen(ctx, m.eng, path, hash, regions, checked)
		m.do(func() {
			if !m.closed {
				done(orig, red, err)
			}
		})
	})
}

// Closed reports whether Close has been called.
func (m *Model) Closed() bool { return m.closed }

// persist queues it's record for the store.
func (m *Model) persist(it *Item) {
	if m.writer == nil || it.Hash == "" {
		return
	}
	rec := decisions.Record{Hash: it.Hash, Decision: it.Decision, Check: it.Check(), Regions: review.Stored(it.Regions),
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

func (f Filter) keep(it *Item) bool {
	switch f {
	case ShowToDecide:
		return it.Decision == decisions.Undecided
	case ShowFlagged:
		return it.Unchecked() || (it.State == review.Done && (it.Blurred() > 0 || !it.Verified)) || it.Reviewed
	case ShowCouldNotCheck:
		return it.State == review.Failed
	case ShowClean:
		return it.State == review.Done && it.Blurred() == 0
	case ShowApproved:
		return it.Decision == decisions.Approved
	case ShowRejected:
		return it.Decision == decisions.Rejected
	case ShowNeedsChanges:
		return it.Decision == decisions.NeedsChanges
	}
	return true
}

// Flagged reports whether the item needs a person's eyes: it could not be
// checked, text stayed readable, or something was blurred.
func (it *Item) Flagged() bool { return flagRank(it) <= 3 }

// flagRank puts what most needs a person's eyes first: images that could
// not be checked, then ones with text that stayed readable, then the most
// blurred, then clean ones, then ones still being checked.
func flagRank(it *Item) int {
	switch {
	case it.Unchecked():
		return 0
	case it.State == review.Failed:
		return 1
	case it.State == review.Done && !it.Verified:
		return 2
	case it.State == review.Done && it.Blurred() > 0:
		return 3
	case it.State == review.Done:
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
func (m *Model) View(filter Filter, order Order, query string) []*Item {
	query = strings.ToLower(strings.TrimSpace(query))
	var out []*Item
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
func (m *Model) Export(dir string, progress func(done, total int), done func(ExportResult, error)) {
	type job struct {
		it      *Item
		path    string
		hash    string
		regions []review.Region
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
		jobs = append(jobs, job{it: it, path: it.Path, hash: it.Hash, regions: slices.Clone(it.Regions), checked: it.State == review.Done})
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
	m.jobs.Go(func(ctx context.Context) {
		if err := export.EnsureDir(dir); err != nil {
			m.do(func() { done(res, err) })
			return
		}
		var wg sync.WaitGroup
		count := 0
		for i, j := range jobs {
			if !m.jobs.Acquire() {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer m.jobs.Release()
				err := review.Export(ctx, m.eng, j.path, j.hash, j.regions, j.checked, targets[i])
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
			m.jobs.Go(func(context.Context) {
				err := report.WriteFiles(res.HTML, res.CSV, rep)
				m.do(func() { done(res, err) })
			})
		})
	})
}

// CheckExportDir refuses an export folder that holds the photos being
// reviewed, where an export would replace an original.
func (m *Model) CheckExportDir(dir string) error {
	if dir == "" {
		return errors.New("choose a folder to export to")
	}
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return filepath.Clean(p)
		}
		return a
	}
	d := abs(dir)
	for _, it := range m.Items {
		if it.Decision == decisions.Approved && abs(filepath.Dir(it.Path)) == d {
			return errors.New("choose a different folder from the photos' own, so no original is replaced")
		}
	}
	return nil
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
func (m *Model) Report(outputs, notes map[int]string) report.Report {
	src := m.Root
	if src == "" {
		src = fmt.Sprintf("%d files", len(m.Items))
	}
	rep := report.Report{Title: "SafePost review report", Source: src, Generated: time.Now()}
	for _, it := range m.View(ShowAll, ByName, "") {
		row := report.Row{File: it.Name, Decision: string(it.Decision), Check: report.CheckLabel(it.Check()),
			Reviewer: it.Reviewer, Time: it.Decided, Output: outputs[it.ID]}
		if it.Decision == decisions.Undecided {
			row.Decision, row.Reviewer, row.Time = report.NotReviewed, "", time.Time{}
		}
		row.AddRegions(review.Stored(it.Regions))
		row.AddNote(it.Note)
		if it.Unchecked() {
			row.AddNote("could not check: " + review.Reason(it.Err))
		}
		row.AddNote(notes[it.ID])
		rep.Rows = append(rep.Rows, row)
	}
	return rep
}

// Close cancels all work, saves pending decisions and forgets the items.
// The store itself belongs to the caller.
func (m *Model) Close() {
	if m.closed {
		return
	}
	m.closed = true
	m.jobs.Stop()
	if m.writer != nil {
		m.writer.close()
	}
	m.Items = nil
}

// Wait blocks until background work has stopped.
func (m *Model) Wait() { m.jobs.Wait() }

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

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
