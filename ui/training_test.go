package ui

import (
	"bytes"
	"context"
	"errors"
	"image"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"safepost/internal/pipeline"
	"safepost/internal/redact"
	"safepost/internal/scan"
	"safepost/internal/training"
)

// sceneStub is an engine that "finds" the boxes its regions function
// gives for an image, standing in for OCR in training tests.
type sceneStub struct {
	regions func(img *image.NRGBA) []image.Rectangle
	err     error
	block   chan struct{}
	calls   atomic.Int32
}

func (s *sceneStub) Scan(ctx context.Context, img *image.NRGBA) (*scan.Result, error) {
	s.calls.Add(1)
	if s.block != nil {
		select {
		case <-s.block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if s.err != nil {
		return nil, s.err
	}
	res := &scan.Result{Width: img.Rect.Dx(), Height: img.Rect.Dy()}
	if s.regions != nil {
		for _, r := range s.regions(img) {
			res.Regions = append(res.Regions, scan.Region{Box: r, Kinds: []string{"person-name"}, Reason: "Looks like a person's name", Source: "ocr"})
		}
	}
	return res, nil
}

func (s *sceneStub) Redact(_ context.Context, img *image.NRGBA, areas []redact.Area) (*pipeline.Outcome, error) {
	return &pipeline.Outcome{Redacted: redact.Apply(img, areas), Verified: true}, nil
}

// openTraining opens training from the main window's Training tab.
func openTraining(t *testing.T, h *harness) *Training {
	t.Helper()
	h.u.Modes.Select(h.u.TrainTab)
	tr := h.u.Training
	if tr == nil || tr.Deck == nil {
		t.Fatal("the Training tab did not open training with the deck")
	}
	t.Cleanup(func() {
		tr.Close()
		tr.Wait()
	})
	return tr
}

// showScene moves Spot it to the named scene and waits for its photo.
func showScene(t *testing.T, h *harness, tr *Training, name string) *training.Scene {
	t.Helper()
	for i, sc := range tr.Spot.Playlist {
		if sc.Name == name {
			tr.Spot.Show(i)
			h.waitFor("the scene's photo", 10*time.Second, tr.Spot.Loaded)
			return sc
		}
	}
	t.Fatalf("no scene %s in the playlist", name)
	return nil
}

// item returns the first item of a kind in a scene.
func item(t *testing.T, sc *training.Scene, kind string) training.Item {
	t.Helper()
	for _, it := range sc.Items {
		if it.Kind == kind {
			return it
		}
	}
	t.Fatalf("%s has no %s", sc.Name, kind)
	return training.Item{}
}

func centre(r image.Rectangle) image.Point {
	return image.Pt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
}

func countOverlays(v *MarkView, c func(Overlay) bool) int {
	n := 0
	for _, o := range v.Overlays {
		if c(o) {
			n++
		}
	}
	return n
}

// TestSpotItFlow drives one scene the way a trainee does: tap two details,
// drag a box over a third, tap a hospital name by mistake, undo a stray
// tap, reveal, read the score, see what SafePost found, and export.
func TestSpotItFlow(t *testing.T) {
	deck, err := training.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	wb := deck.Scene("02-wristband")
	wbImg, err := wb.Image()
	if err != nil {
		t.Fatal(err)
	}
	wbName := item(t, wb, "person-name").Rect()
	eng := &sceneStub{regions: func(img *image.NRGBA) []image.Rectangle {
		if !bytes.Equal(img.Pix, wbImg.Pix) {
			return nil
		}
		// On the wristband SafePost "finds" the name and an empty corner.
		return []image.Rectangle{wbName.Inset(-4), image.Rect(0, 0, 40, 40)}
	}}
	h := newHarness(t, eng, 1)
	tr := openTraining(t, h)
	if again := h.u.OpenTraining(); again != tr {
		t.Error("a second Training click opened a second window")
	}
	if len(tr.Deck.Scenes) < 20 {
		t.Fatalf("deck has %d scenes", len(tr.Deck.Scenes))
	}
	sc := showScene(t, h, tr, "02-wristband")
	v := tr.Spot.View
	if v.Size().Width < 100 {
		t.Fatalf("mark view is %v: not laid out", v.Size())
	}
	name, nhs, dob := item(t, sc, "person-name"), item(t, sc, "nhs-number"), item(t, sc, "date-of-birth")
	hosp := item(t, sc, "ward-name")

	test.TapAt(v, v.ToWidget(centre(name.Rect())))
	test.TapAt(v, v.ToWidget(centre(nhs.Rect())))
	// Drag from above-left of the date of birth to below-right of it.
	from, to := v.ToWidget(dob.Rect().Min.Sub(image.Pt(3, 3))), v.ToWidget(dob.Rect().Max.Add(image.Pt(3, 3)))
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(v)
	test.Drag(tr.Win.Canvas(), abs.Add(to), to.X-from.X, to.Y-from.Y)
	test.TapAt(v, v.ToWidget(centre(hosp.Rect())))
	test.TapAt(v, v.ToWidget(image.Pt(5, sc.Height-5))) // a stray tap…
	test.Tap(tr.Spot.Undo)                              // …taken back
	if got := len(tr.Spot.Marks()); got != 4 {
		t.Fatalf("%d marks, want 4", got)
	}
	if !strings.Contains(tr.Spot.Status.Text, "4 marks so far") {
		t.Errorf("status = %q", tr.Spot.Status.Text)
	}
	if tr.Spot.Marks()[2].Tap || !tr.Spot.Marks()[0].Tap {
		t.Errorf("marks = %+v: want taps and one dragged box", tr.Spot.Marks())
	}

	test.Tap(tr.Spot.Reveal)
	r, ok := tr.Spot.Result()
	if !ok {
		t.Fatal("Reveal did not reveal")
	}
	if r.Found != 3 || r.Missed != sc.PIICount()-3 || r.FalseAlarms != 1 {
		t.Errorf("found %d missed %d false alarms %d; want 3, %d, 1", r.Found, r.Missed, r.FalseAlarms, sc.PIICount()-3)
	}
	if !strings.Contains(tr.Spot.Status.Text, "You found 3 of 5") || !strings.Contains(tr.Spot.Status.Text, "1 false alarm.") {
		t.Errorf("score line = %q", tr.Spot.Status.Text)
	}
	if !tr.Spot.Reveal.Disabled() || !tr.Spot.Undo.Disabled() || !tr.Spot.Retry.Visible() {
		t.Error("after the reveal, Reveal and Undo should be off and Try again shown")
	}
	green := countOverlays(v, func(o Overlay) bool { return o.Stroke == colFound })
	red := countOverlays(v, func(o Overlay) bool { return o.Stroke == colMissed && o.Fill.A > 0 })
	amber := countOverlays(v, func(o Overlay) bool { return o.Stroke == colAlarm })
	if green != 3 || red != 2 || amber != 1 {
		t.Errorf("overlays: %d found, %d missed, %d false alarms; want 3, 2, 1", green, red, amber)
	}
	results := labelsText(tr.Spot.Results)
	for _, want := range []string{"Missed (2)", "Found (3)", "False alarms (1)", "Ward and hospital names (1)",
		"Ward, unit and hospital names are not patient information.", "valid check digit is an NHS number"} {
		if !strings.Contains(results, want) {
			t.Errorf("results lack %q:\n%s", want, results)
		}
	}

	// SafePost's answer, scored on the same ground truth.
	h.waitFor("SafePost's scan", 10*time.Second, tr.settled)
	info := tr.Spot.ScannerInfo.Text
	for _, want := range []string{"SafePost would blur 2 areas", "They cover 1 of the 5", "It missed:", "It also blurred 1 area"} {
		if !strings.Contains(info, want) {
			t.Errorf("scanner text lacks %q: %q", want, info)
		}
	}
	if n := countOverlays(v, func(o Overlay) bool { return o.Stroke == colScanner }); n != 2 {
		t.Errorf("%d SafePost outlines, want 2", n)
	}
	test.Tap(tr.Spot.ShowScanner)
	if n := countOverlays(v, func(o Overlay) bool { return o.Stroke == colScanner }); n != 0 {
		t.Errorf("%d SafePost outlines after hiding them", n)
	}

	// Tapping after the reveal explains, and adds no mark.
	test.TapAt(v, v.ToWidget(centre(item(t, sc, "hospital-number").Rect())))
	if !strings.Contains(tr.Spot.Selected.Text, "you missed it") || len(tr.Spot.Marks()) != 4 {
		t.Errorf("selected = %q, %d marks", tr.Spot.Selected.Text, len(tr.Spot.Marks()))
	}

	// The scores tab and the export.
	tr.Tabs.SelectIndex(2)
	if !strings.Contains(tr.Score.Headline.Text, "Score 50%") {
		t.Errorf("headline = %q", tr.Score.Headline.Text)
	}
	dir := t.TempDir()
	tr.ChooseFolder = func(fn func(string)) { fn(dir) }
	var note string
	tr.Notify = func(title, msg string) { note = title }
	test.Tap(tr.Score.ExportBtn)
	h.waitFor("the export", 5*time.Second, func() bool { return note != "" })
	if len(tr.Score.Exported) != 2 {
		t.Fatalf("exported %v", tr.Score.Exported)
	}
	for _, p := range tr.Score.Exported {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "02-wristband") || strings.Contains(string(data), name.Text) {
			t.Errorf("%s: want the scene's score and none of its text:\n%s", p, data)
		}
	}

	// Next scene; coming back keeps the answer.
	tr.Tabs.SelectIndex(0)
	test.Tap(tr.Spot.Next)
	if tr.Spot.Scene().Name == "02-wristband" || tr.Spot.Revealed() {
		t.Error("Next did not move to a fresh scene")
	}
	test.Tap(tr.Spot.Prev)
	if !tr.Spot.Revealed() {
		t.Error("going back lost the revealed answer")
	}
	test.Tap(tr.Spot.Retry)
	if tr.Spot.Revealed() || len(tr.Spot.Marks()) != 0 {
		t.Error("Try again kept the answer or the marks")
	}
}

func labelsText(c *fyne.Container) string {
	var b strings.Builder
	for _, o := range c.Objects {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}

func TestSpotItCleanScene(t *testing.T) {
	h := newHarness(t, &sceneStub{}, 1)
	tr := openTraining(t, h)
	sc := showScene(t, h, tr, "07-signage")
	if !sc.Clean() {
		t.Fatal("07-signage should be a clean negative")
	}
	test.Tap(tr.Spot.Reveal)
	if !strings.Contains(tr.Spot.Status.Text, "rightly left it alone") {
		t.Errorf("status = %q", tr.Spot.Status.Text)
	}
	h.waitFor("SafePost's scan", 10*time.Second, tr.settled)
	if !strings.Contains(tr.Spot.ScannerInfo.Text, "Rightly, nothing to blur") {
		t.Errorf("scanner text = %q", tr.Spot.ScannerInfo.Text)
	}
}

// TestSpotItScannerFailure shows the scanner's error, not a blank, and
// the trainee's score is unaffected.
func TestSpotItScannerFailure(t *testing.T) {
	h := newHarness(t, &sceneStub{err: errors.New("Tesseract data not found")}, 1)
	tr := openTraining(t, h)
	showScene(t, h, tr, "04-name-card")
	test.Tap(tr.Spot.Reveal)
	h.waitFor("SafePost's scan", 10*time.Second, tr.settled)
	if !strings.Contains(tr.Spot.ScannerInfo.Text, "could not run: Tesseract data not found") {
		t.Errorf("scanner text = %q", tr.Spot.ScannerInfo.Text)
	}
	if r, _ := tr.Spot.Result(); r.Missed != 1 {
		t.Errorf("result = %+v", r)
	}
}

// TestScansRunOneAtATimeAndQueuedOnesAreDropped: flicking through scenes
// must not queue a scan per scene behind a slow one.
func TestScansRunOneAtATimeAndQueuedOnesAreDropped(t *testing.T) {
	eng := &sceneStub{block: make(chan struct{})}
	h := newHarness(t, eng, 1)
	tr := openTraining(t, h)
	h.waitFor("the first photo", 10*time.Second, tr.Spot.Loaded)
	h.waitFor("the first scan to start", 5*time.Second, func() bool { return eng.calls.Load() == 1 })
	for i := 1; i <= 3; i++ {
		tr.Spot.Show(i)
		h.waitFor("the photo", 10*time.Second, tr.Spot.Loaded)
	}
	if n := len(tr.scans); n != 2 {
		t.Errorf("%d scans held, want 2 (the running one and the current scene's)", n)
	}
	test.Tap(tr.Spot.Reveal)
	if !strings.Contains(tr.Spot.ScannerInfo.Text, "still reading") {
		t.Errorf("scanner text = %q", tr.Spot.ScannerInfo.Text)
	}
	close(eng.block)
	h.waitFor("the current scene's scan", 10*time.Second, tr.settled)
	if n := eng.calls.Load(); n != 2 {
		t.Errorf("engine called %d times, want 2", n)
	}
}

func TestWriteItFlow(t *testing.T) {
	h := newHarness(t, &sceneStub{}, 1)
	tr := openTraining(t, h)
	tr.Tabs.SelectIndex(1)
	w := tr.Write
	if w.Editor.Text != training.Exercises[0].Risky || w.Attempt.Passed() {
		t.Fatalf("first exercise should start with its risky text, failing; got %q", w.Editor.Text)
	}
	problems := labelsText(w.Problems)
	if !strings.Contains(problems, "“Mrs Okafor”") || !strings.Contains(problems, "“90th”") {
		t.Errorf("problems = %q", problems)
	}
	test.Tap(w.Check) // a deliberate failed attempt counts
	w.Editor.SetText("")
	test.Type(w.Editor, "Happy birthday Mrs Okafor!")
	if w.Attempt.Passed() {
		t.Fatal("a post with a name passed")
	}
	w.Editor.SetText("")
	test.Type(w.Editor, "Happy birthday to one of our patients!")
	if !w.Attempt.Passed() || !strings.Contains(w.Verdict.Text, "passes") || w.Lesson.Text == "" {
		t.Errorf("a clean rewrite did not pass: %q %q", w.Verdict.Text, w.Lesson.Text)
	}
	// Moving on and back keeps what was written.
	test.Tap(w.Next)
	if w.Current != 1 || w.Editor.Text != training.Exercises[1].Risky {
		t.Errorf("Next: exercise %d, text %q", w.Current, w.Editor.Text)
	}
	w.List.Select(0)
	if w.Editor.Text != "Happy birthday to one of our patients!" {
		t.Errorf("exercise 1's rewrite was lost: %q", w.Editor.Text)
	}
	sum := tr.Session.Summary(tr.Deck)
	if sum.Written != 1 || sum.WrittenPassed != 1 {
		t.Errorf("session: %d written, %d passed; want 1, 1", sum.Written, sum.WrittenPassed)
	}
}

// TestFacilitatorRun picks two scenes, reverses them, runs them full
// screen with the answer hidden until the facilitator's key, and ends on
// the room summary.
func TestFacilitatorRun(t *testing.T) {
	h := newHarness(t, &sceneStub{}, 1)
	tr := openTraining(t, h)
	tr.Tabs.SelectIndex(3)
	f := tr.Fac
	test.Tap(f.Picks[1]) // 02-wristband
	test.Tap(f.Picks[6]) // 07-signage
	f.Move(1, -1)
	if len(f.Order) != 2 || f.Order[0].Name != "07-signage" || f.Order[1].Name != "02-wristband" {
		t.Fatalf("order = %v", f.Order)
	}
	test.Tap(f.Start)
	sp := tr.Spot
	if !tr.Win.FullScreen() || !sp.Facilitating || len(sp.Playlist) != 2 || tr.Tabs.SelectedIndex() != 0 {
		t.Fatal("Run full screen did not start the run")
	}
	h.waitFor("the photo", 10*time.Second, sp.Loaded)
	if sp.Side.Visible() {
		t.Error("the answer panel shows before the reveal")
	}
	key := func(k fyne.KeyName) { tr.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k}) }
	key(fyne.KeySpace) // reveal
	if !sp.Revealed() || !sp.Side.Visible() {
		t.Fatal("space did not reveal")
	}
	key(fyne.KeySpace) // next
	h.waitFor("the photo", 10*time.Second, sp.Loaded)
	if sp.Scene().Name != "02-wristband" || sp.Revealed() {
		t.Fatalf("space did not move on: %s", sp.Scene().Name)
	}
	if sp.Next.Text != "Room summary" {
		t.Errorf("last scene's Next = %q", sp.Next.Text)
	}
	test.TapAt(sp.View, sp.View.ToWidget(centre(item(t, sp.Scene(), "person-name").Rect())))
	key(fyne.KeySpace)
	key(fyne.KeySpace) // past the end: the room summary
	if tr.Presentation == nil {
		t.Fatal("no room summary after the last scene")
	}
	sum := tr.Session.Summary(tr.Deck)
	if len(sum.Scenes) != 2 || sum.Found != 1 || sum.CleanKept != 1 {
		t.Errorf("summary = %d scenes, %d found, %d clean kept", len(sum.Scenes), sum.Found, sum.CleanKept)
	}
	tr.Presentation.Close()
	key(fyne.KeyEscape)
	if tr.Win.FullScreen() || sp.Facilitating || len(sp.Playlist) != len(tr.Deck.Scenes) {
		t.Error("Escape did not end the run")
	}
}

// turnedFace is a detector that finds the face of a training scene and
// reports it as a turned outline, as the scanner does on a tilted photo.
type turnedFace struct{ box image.Rectangle }

func (f turnedFace) Scan(context.Context, *image.NRGBA, *image.Gray) ([]scan.Finding, []scan.Region, error) {
	b := f.box.Inset(-6)
	q := [4]image.Point{{b.Min.X + 8, b.Min.Y}, {b.Max.X, b.Min.Y + 8}, {b.Max.X - 8, b.Max.Y}, {b.Min.X, b.Max.Y - 8}}
	return nil, []scan.Region{{Box: b, Quad: q, Kinds: []string{"face"}, Reason: "Looks like a face", Source: "image"}}, nil
}

// TestSpotItUsesFaceAndCodeDetectors checks that training asks the whole
// pipeline (not only its text scanner) what it would blur, so faces count
// in SafePost's answer, and that turned regions are drawn as turned
// outlines.
func TestSpotItUsesFaceAndCodeDetectors(t *testing.T) {
	deck, err := training.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	sc := deck.Scene("25-bedside")
	if sc == nil {
		t.Fatal("the deck has no 25-bedside scene")
	}
	face := item(t, sc, "face").Rect()
	eng := fakePipeline(t, turnedFace{face})
	h := newHarness(t, eng, 1)
	tr := openTraining(t, h)
	showScene(t, h, tr, "25-bedside")
	test.Tap(tr.Spot.Reveal)
	h.waitFor("SafePost's scan", 10*time.Second, tr.settled)
	if !strings.Contains(tr.Spot.ScannerInfo.Text, "They cover 1 of the 2") {
		t.Errorf("scanner text = %q: want the face counted as covered", tr.Spot.ScannerInfo.Text)
	}
	v := tr.Spot.View
	if n := countOverlays(v, func(o Overlay) bool { return o.Stroke == colScanner && o.turned() }); n != 1 {
		t.Fatalf("%d turned SafePost outlines, want 1", n)
	}
	lines := 0
	for _, o := range test.WidgetRenderer(v).Objects() {
		if c, ok := o.(*fyne.Container); ok {
			for _, l := range c.Objects {
				if ln, ok := l.(*canvas.Line); ok && ln.StrokeColor == colScanner {
					lines++
				}
			}
		}
	}
	if lines != 4 {
		t.Errorf("the turned outline is drawn with %d lines, want 4", lines)
	}
	// Tapping the corner of the face's box, outside the turned outline,
	// does not claim SafePost blurs it; the middle does.
	test.TapAt(v, v.ToWidget(face.Inset(-6).Min.Add(image.Pt(1, 1))))
	if strings.Contains(tr.Spot.Selected.Text, "SafePost blurs this area") {
		t.Errorf("a tap outside the outline: %q", tr.Spot.Selected.Text)
	}
	test.TapAt(v, v.ToWidget(centre(face)))
	if !strings.Contains(tr.Spot.Selected.Text, "SafePost blurs this area: Looks like a face") {
		t.Errorf("a tap on the face: %q", tr.Spot.Selected.Text)
	}
}

// TestSample: a group's texts are quoted, a picture's stand-in never is
// (it used to show “(qr-code)”).
func TestSample(t *testing.T) {
	cases := []struct {
		texts []string
		want  string
	}{
		{[]string{"Mrs Okafor"}, "“Mrs Okafor”"},
		{[]string{"(qr-code)"}, ""},
		{[]string{"(face)", "Bed 4"}, "“Bed 4”"},
		{[]string{"a", "b", "c", "d", "e"}, "“a”, “b”, “c”, and 2 more"},
	}
	for _, c := range cases {
		if got := sample(c.texts, 3); got != c.want {
			t.Errorf("sample(%q) = %q, want %q", c.texts, got, c.want)
		}
	}
}
