package ui

import (
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safepost/checks"
	"safepost/internal/compose"
	"safepost/internal/decisions"
	"safepost/internal/ocr"
	"safepost/internal/pipeline"
	"safepost/internal/redact"
	"safepost/internal/review"
	"safepost/internal/scan"
	"safepost/internal/testenv"
)

// harness drives the app on the test goroutine: background work hands its
// UI updates to a queue that pump runs, as fyne.Do does in the real app.
type harness struct {
	t      testing.TB
	u      *UI
	dir    string
	mu     sync.Mutex
	queue  []func()
	notify []string
}

func newHarness(t testing.TB, eng review.Engine, workers int) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("SafePost")
	w.Resize(fyne.NewSize(1200, 760))
	cs, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv(decisions.EnvDataDir) == testenv.DataDir {
		// The folder review mode opens the decisions database: one of the
		// test's own unless the test chose one.
		t.Setenv(decisions.EnvDataDir, t.TempDir())
	}
	h := &harness{t: t, dir: t.TempDir()}
	h.u = New(a, w, Options{Engine: eng, Checks: cs, Workers: workers, Do: h.do})
	h.u.ChooseFolder = func(fn func(string)) { fn(h.dir) }
	h.u.Notify = func(title, msg string) { h.notify = append(h.notify, title+": "+msg) }
	h.u.Saved = func(msg, dir string) { h.notify = append(h.notify, "Saved: "+msg) }
	t.Cleanup(func() {
		if v := h.u.Folder; v != nil {
			v.Close()
			v.Model.Wait()
		}
		if tr := h.u.Training; tr != nil {
			tr.Close()
			tr.Wait()
		}
		h.u.Model.Close()
		h.u.Model.Wait()
	})
	return h
}

// lookAt ticks "Looked at it" on photo id in its review, as a person
// would after looking at it at full size, and closes the review.
func (h *harness) lookAt(id int) {
	h.t.Helper()
	rv := h.u.OpenReview(id)
	if rv == nil {
		h.t.Fatalf("photo %d has no review", id)
	}
	if h.u.Modes.Selected() != h.u.PostTab || h.u.PostTab.Content != rv.Content {
		h.t.Error("the review is not showing in the main window")
	}
	if c := h.u.Cards[id]; c != nil && c.Open.Text != "Review" {
		h.t.Errorf("before looking, the card's button says %q", c.Open.Text)
	}
	test.Tap(rv.Looked)
	if c := h.u.Cards[id]; c != nil && c.Open.Text != "Looked at" {
		h.t.Errorf("after looking, the card's button says %q", c.Open.Text)
	}
	test.Tap(rv.Done)
	if h.u.Review != nil || h.u.PostTab.Content != h.u.Composer {
		h.t.Error("Back to the post did not close the review and show the post")
	}
}

func (h *harness) do(f func()) {
	h.mu.Lock()
	h.queue = append(h.queue, f)
	h.mu.Unlock()
}

func (h *harness) pump() {
	h.mu.Lock()
	q := h.queue
	h.queue = nil
	h.mu.Unlock()
	for _, f := range q {
		f()
	}
}

func (h *harness) waitFor(what string, timeout time.Duration, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		h.pump()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (h *harness) card(i int) *PhotoCard { return h.u.Cards[h.u.Model.Photos[i].ID] }

// writePhoto saves a plain test image and returns its path.
func writePhoto(t *testing.T, name string, w, hgt int) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, hgt))
	for y := 0; y < hgt; y++ {
		for x := 0; x < w; x++ {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x), uint8(y), uint8(x ^ y), 0xff})
		}
	}
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// stub is an engine whose answers the test controls.
type stub struct {
	err     error
	block   chan struct{} // if set, Scan waits for it or cancellation
	active  atomic.Int32
	maxSeen atomic.Int32
	calls   atomic.Int32
}

func (s *stub) Scan(ctx context.Context, img *image.NRGBA) (*scan.Result, error) {
	s.calls.Add(1)
	n := s.active.Add(1)
	defer s.active.Add(-1)
	for {
		m := s.maxSeen.Load()
		if n <= m || s.maxSeen.CompareAndSwap(m, n) {
			break
		}
	}
	if s.block != nil {
		select {
		case <-s.block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	} else {
		time.Sleep(5 * time.Millisecond)
	}
	if s.err != nil {
		return nil, s.err
	}
	return &scan.Result{Width: img.Rect.Dx(), Height: img.Rect.Dy()}, nil
}

func (s *stub) Redact(ctx context.Context, img *image.NRGBA, areas []redact.Area) (*pipeline.Outcome, error) {
	if s.err != nil {
		return nil, s.err
	}
	return &pipeline.Outcome{Redacted: redact.Apply(img, areas), Verified: true}, nil
}

// fakeOCR reads "Mrs Joan Okafor" in the top-left of every image.
func fakeOCR() *ocr.Fake {
	return &ocr.Fake{ReadFunc: func(img image.Image) *ocr.Page {
		words := []ocr.Word{
			{Text: "Mrs", Box: image.Rect(10, 10, 40, 30), Conf: 95},
			{Text: "Joan", Box: image.Rect(45, 10, 85, 30), Conf: 95},
			{Text: "Okafor", Box: image.Rect(90, 10, 150, 30), Conf: 95},
		}
		return &ocr.Page{Lines: []ocr.Line{{Words: words, Box: image.Rect(10, 10, 150, 30)}}}
	}}
}

func fakePipeline(t *testing.T, detectors ...pipeline.Detector) *pipeline.Engine {
	cs, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return pipeline.With(fakeOCR(), cs, redact.Blur, detectors...)
}

func TestEmptyAppBlocksCopyAndSave(t *testing.T) {
	h := newHarness(t, &stub{}, 1)
	if !h.u.CopyText.Disabled() || !h.u.SaveImages.Disabled() {
		t.Fatal("copy and save should start disabled")
	}
	if h.u.Blocked.Text == "" {
		t.Error("no reason shown for disabled buttons")
	}
}

func TestScanErrorRefusesSaveUntilReviewed(t *testing.T) {
	eng := &stub{err: errors.New("Tesseract data not found")}
	h := newHarness(t, eng, 1)
	h.u.AddPaths([]string{writePhoto(t, "board.png", 200, 120)})
	h.waitFor("failure", 5*time.Second, func() bool { return h.u.Model.Photos[0].State == review.Failed })
	c := h.card(0)
	if !strings.Contains(c.Status.Text, "Could not check: Tesseract data not found") {
		t.Errorf("status = %q", c.Status.Text)
	}
	if !h.u.SaveImages.Disabled() || !h.u.CopyText.Disabled() {
		t.Fatal("save/copy enabled with an unchecked photo")
	}
	if !strings.Contains(h.u.Blocked.Text, "could not be checked") {
		t.Errorf("reason = %q", h.u.Blocked.Text)
	}
	// The shortcut path refuses too, and writes nothing.
	h.u.DoSaveImages()
	h.pump()
	if files, _ := os.ReadDir(h.dir); len(files) != 0 {
		t.Fatalf("saved %d files from an unchecked photo", len(files))
	}
	if len(h.u.Preview.Images) != 0 {
		t.Fatal("an unchecked photo is in the preview")
	}

	// Blur by hand, mark reviewed: now it may be saved.
	rv := h.u.OpenReview(h.u.Model.Photos[0].ID)
	if rv.MarkReviewed.Disabled() == false {
		t.Error("mark reviewed enabled before anything was blurred")
	}
	h.u.Model.AddRegion(rv.ID, image.Rect(0, 0, 100, 60))
	h.waitFor("hand blur", 5*time.Second, func() bool { return h.u.Model.CanMarkReviewed(rv.ID) })
	h.u.Model.MarkReviewed(rv.ID)
	h.pump()
	test.Tap(rv.Looked)
	if h.u.SaveImages.Disabled() {
		t.Fatalf("save still disabled after review: %q", h.u.Blocked.Text)
	}
	test.Tap(h.u.SaveImages)
	h.waitFor("saved", 5*time.Second, func() bool { return len(h.notify) > 0 })
	if files, _ := os.ReadDir(h.dir); len(files) != 1 {
		t.Fatalf("saved %d files, want 1", len(files))
	}
}

func TestCancelAndRetry(t *testing.T) {
	eng := &stub{block: make(chan struct{})}
	h := newHarness(t, eng, 1)
	h.u.AddPaths([]string{writePhoto(t, "a.png", 64, 64)})
	h.waitFor("checking", 5*time.Second, func() bool { return h.u.Model.Photos[0].State == review.Checking })
	c := h.card(0)
	if c.Cancel.Hidden || c.Progress.Hidden {
		t.Fatal("no cancel button or progress while checking")
	}
	if c.Status.Text != "Checking…" {
		t.Errorf("status = %q", c.Status.Text)
	}
	test.Tap(c.Cancel)
	h.waitFor("cancelled", 5*time.Second, func() bool { return h.u.Model.Photos[0].State == review.Failed })
	if c.Status.Text != "Could not check: cancelled" {
		t.Errorf("status = %q", c.Status.Text)
	}
	if !h.u.SaveImages.Disabled() {
		t.Error("save enabled after cancel")
	}
	close(eng.block)
	test.Tap(c.Retry)
	h.waitFor("retry done", 5*time.Second, func() bool { return h.u.Model.Photos[0].State == review.Done })
	if c.Status.Text != "Nothing found. Check it yourself" {
		t.Errorf("status = %q", c.Status.Text)
	}
	h.lookAt(h.u.Model.Photos[0].ID)
	if h.u.SaveImages.Disabled() {
		t.Errorf("save disabled: %q", h.u.Blocked.Text)
	}
}

func TestTenPhotosOneAtATime(t *testing.T) {
	eng := &stub{}
	h := newHarness(t, eng, 2)
	var paths []string
	for i := 0; i < 10; i++ {
		paths = append(paths, writePhoto(t, "p.png", 80, 60))
	}
	h.u.AddPaths(paths)
	if len(h.u.Strip.Objects) != 10 {
		t.Fatalf("%d cards, want 10", len(h.u.Strip.Objects))
	}
	h.waitFor("all checked", 20*time.Second, func() bool {
		for _, p := range h.u.Model.Photos {
			if p.State != review.Done {
				return false
			}
		}
		return true
	})
	if got := eng.maxSeen.Load(); got > 2 {
		t.Errorf("%d photos checked at once, want at most 2", got)
	}
	// X shows four; the counter and banner say ten is too many.
	if !strings.Contains(h.u.Counter.Text, "photos 10 / 4") {
		t.Errorf("counter = %q", h.u.Counter.Text)
	}
	if len(h.u.Preview.Images) != 4 {
		t.Errorf("preview shows %d images, want 4", len(h.u.Preview.Images))
	}
	// Reorder and remove.
	first, second := h.u.Model.Photos[0].ID, h.u.Model.Photos[1].ID
	test.Tap(h.card(0).Right)
	if h.u.Model.Photos[0].ID != second || h.u.Model.Photos[1].ID != first {
		t.Error("move right did not reorder")
	}
	test.Tap(h.card(0).Remove)
	if len(h.u.Model.Photos) != 9 || len(h.u.Strip.Objects) != 9 {
		t.Error("remove did not remove")
	}
}

func TestTextFindingsBlockCopyUntilAcknowledged(t *testing.T) {
	h := newHarness(t, &stub{}, 1)
	test.Type(h.u.Editor, "Lovely card from Mrs Joan Okafor in bed 4 #TeamNHS")
	if !h.u.CopyText.Disabled() {
		t.Fatal("copy enabled before the text was checked")
	}
	h.waitFor("text checked", 5*time.Second, func() bool { return h.u.Model.TextChecked() })
	if len(h.u.Model.Findings) == 0 {
		t.Fatal("no finding for a patient's name")
	}
	if !h.u.CopyText.Disabled() {
		t.Fatal("copy enabled with an unacknowledged finding")
	}
	// Acknowledging asks for the patient's consent; a no changes nothing.
	var asked []string
	consent := false
	h.u.Confirm = func(title, msg string, fn func(bool)) {
		asked = append(asked, msg)
		fn(consent)
	}
	tapAck := func() {
		row := h.u.FindingRows[firstUnacked(h.u.Model)]
		if row.Acknowledge == nil {
			t.Fatal("no acknowledge button")
		}
		test.Tap(row.Acknowledge)
	}
	tapAck()
	if allAcked(h.u.Model) || len(asked) != 1 || !strings.Contains(asked[0], "written consent") {
		t.Fatalf("a no acknowledged it, or nothing was asked: %q", asked)
	}
	consent = true
	for len(h.u.Model.Findings) > 0 && !allAcked(h.u.Model) {
		row := h.u.FindingRows[firstUnacked(h.u.Model)]
		if !strings.Contains(row.Label.Text, "“") || !strings.Contains(row.Label.Text, "—") {
			t.Errorf("finding shown as %q", row.Label.Text)
		}
		if row.Acknowledge == nil {
			t.Fatal("no acknowledge button")
		}
		test.Tap(row.Acknowledge)
	}
	if h.u.CopyText.Disabled() {
		t.Fatalf("copy disabled after acknowledging: %q", h.u.Blocked.Text)
	}
	test.Tap(h.u.CopyText)
	if got := h.u.App.Clipboard().Content(); !strings.Contains(got, "#TeamNHS") {
		t.Errorf("clipboard = %q", got)
	}
	// Undo takes the acknowledgement back and blocks copying again.
	h.u.Model.Unacknowledge(0)
	if allAcked(h.u.Model) || !h.u.CopyText.Disabled() {
		t.Error("undo did not block copying again")
	}
}

func TestCounterFollowsNetwork(t *testing.T) {
	h := newHarness(t, &stub{}, 1)
	test.Type(h.u.Editor, "Hi 👋 https://example.com/a/very/long/link")
	h.u.Network.SetSelected("Bluesky")
	if h.u.Counter.Text != "Bluesky: 41 / 300 · photos 0 / 4" {
		t.Errorf("counter = %q", h.u.Counter.Text)
	}
	h.u.Network.SetSelected("X")
	if !strings.HasPrefix(h.u.Counter.Text, "X: 29 / 280") {
		t.Errorf("counter = %q", h.u.Counter.Text)
	}
	h.u.Network.SetSelected("Instagram")
	if len(h.u.Preview.Banner.Objects) == 0 {
		t.Error("no banner for an Instagram post without an image")
	}
}

func TestReviewFakeEngine(t *testing.T) {
	h := newHarness(t, fakePipeline(t), 1)
	h.u.AddPaths([]string{writePhoto(t, "card.png", 240, 160)})
	h.waitFor("scan", 10*time.Second, func() bool { return h.u.Model.Photos[0].State == review.Done })
	p := h.u.Model.Photos[0]
	if len(p.Regions) == 0 {
		t.Fatal("no region for the name")
	}
	if got := h.card(0).Status.Text; !strings.Contains(got, "blurred") {
		t.Errorf("status = %q", got)
	}
	if len(h.u.Preview.Images) != 1 || h.u.Preview.Images[0].Image != p.Small {
		t.Fatal("preview does not show the redacted image")
	}
	rv := h.u.OpenReview(p.ID)
	if rv.View.Image != p.Redacted {
		t.Fatal("review does not show the redacted image")
	}
	rv.Hold.MouseDown(&desktop.MouseEvent{})
	if rv.View.Image != p.Original {
		t.Error("holding does not show the original")
	}
	rv.Hold.MouseUp(&desktop.MouseEvent{})
	if rv.View.Image != p.Redacted {
		t.Error("letting go does not hide the original")
	}
	// Turn the region off (a deliberate choice), then draw a new one.
	h.u.Model.SetRegionOff(p.ID, 0, true)
	h.waitFor("re-blur", 10*time.Second, func() bool { return p.State == review.Done && !p.Redoing })
	if !p.Regions[0].Off {
		t.Fatal("region not remembered as off")
	}
	if !strings.Contains(h.card(0).Status.Text, "Nothing found") {
		t.Errorf("status = %q", h.card(0).Status.Text)
	}
	if h.card(0).Name.Text != p.Name || p.Name == "" {
		t.Errorf("the card names %q, the photo is %q", h.card(0).Name.Text, p.Name)
	}
	rv.View.Resize(fyne.NewSize(240, 160))
	rv.View.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(200, 140)}, Dragged: fyne.NewDelta(100, 100)})
	rv.View.DragEnd()
	h.waitFor("drawn region", 10*time.Second, func() bool { return len(p.Regions) == 2 && p.State == review.Done && !p.Redoing })
	if p.Regions[1].Source != "manual" || p.Regions[1].Box.Dx() < 90 {
		t.Errorf("drawn region = %+v", p.Regions[1].Region)
	}
	test.Tap(rv.OneToOne)
	if rv.View.MinSize().Width < 200 {
		t.Error("1:1 did not grow the view")
	}
	h.u.Model.SetPhotoStyle(p.ID, redact.Fill)
	h.waitFor("restyle", 10*time.Second, func() bool { return p.State == review.Done && !p.Redoing })
	if p.Regions[1].Style != redact.Fill {
		t.Error("style not applied")
	}
	rv.Close()
}

func allAcked(m *compose.Model) bool { return firstUnacked(m) < 0 }

func firstUnacked(m *compose.Model) int {
	for i, f := range m.Findings {
		if !f.Acked {
			return i
		}
	}
	return -1
}

// TestInlineFlags: the post's flagged parts are marked where they are in
// the text, numbered like the list under it, and an obvious rewrite is one
// click that leaves nothing flagged.
func TestInlineFlags(t *testing.T) {
	h := newHarness(t, &stub{}, 1)
	test.Type(h.u.Editor, "Happy 100th birthday to Doris Pemberton in bay 3! #TeamNHS")
	h.waitFor("the text checked", 5*time.Second, h.u.Model.TextChecked)
	if len(h.u.Model.Findings) == 0 {
		t.Fatal("nothing flagged")
	}
	var suggest []*widget.Button
	walk := func() {
		suggest = nil
		for _, r := range h.u.FindingRows {
			if r.Suggest != nil {
				suggest = append(suggest, r.Suggest)
			}
		}
	}
	walk()
	marked := h.u.Marked
	if marked == nil {
		t.Fatal("the post is not shown with its flagged parts marked")
	}
	var flagged []string
	for _, sg := range marked.Segments {
		if ts, ok := sg.(*widget.TextSegment); ok && ts.Style.ColorName == theme.ColorNameError && !strings.HasPrefix(ts.Text, "[") {
			flagged = append(flagged, ts.Text)
		}
	}
	if !slices.Contains(flagged, "Doris Pemberton") {
		t.Errorf("marked in the text: %q", flagged)
	}
	// Pointing at a mark's number shows why it was flagged.
	var badge *ReasonBadge
	for _, sg := range marked.Segments {
		if b, ok := sg.(*badgeSegment); ok && badge == nil {
			badge = b.b
		}
	}
	if badge == nil {
		t.Fatal("no numbers beside the marks")
	}
	badge.MouseIn(&desktop.MouseEvent{})
	if badge.Hint == nil || len(h.u.Win.Canvas().Overlays().List()) != 1 || !strings.Contains(badge.Hint.Content.(*fyne.Container).Objects[0].(*widget.Label).Text, h.u.Model.Findings[badge.N-1].Reason) {
		t.Error("pointing at a number does not show its reason")
	}
	badge.MouseOut()
	if badge.Hint != nil || len(h.u.Win.Canvas().Overlays().List()) != 0 {
		t.Error("the reason stays after the pointer left")
	}
	if len(suggest) == 0 {
		t.Fatal("no rewrite offered")
	}
	// One rewrite per flag: take the first offered until none is left.
	for tries := 0; tries < 4 && len(suggest) > 0; tries++ {
		t.Logf("offered: %q", suggest[0].Text)
		test.Tap(suggest[0])
		h.waitFor("the new text checked", 5*time.Second, h.u.Model.TextChecked)
		walk()
	}
	if len(h.u.Model.Findings) != 0 || strings.Contains(h.u.Editor.Text, "Doris") || !strings.Contains(h.u.Editor.Text, "#TeamNHS") {
		t.Errorf("after the rewrites: %q, %d flagged", h.u.Editor.Text, len(h.u.Model.Findings))
	}
	t.Logf("rewritten: %q", h.u.Editor.Text)
}
