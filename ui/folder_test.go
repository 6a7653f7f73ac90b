package ui

import (
	"bytes"
	"encoding/csv"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"safepost/checks"
	"safepost/internal/decisions"
	"safepost/internal/export"
	"safepost/internal/folder"
	"safepost/internal/ocr"
	"safepost/internal/pipeline"
	"safepost/internal/redact"
	"safepost/internal/review"
	"safepost/internal/synth"
)

// truthOCR "reads" generated scenes perfectly: it returns each scene's
// labelled text, found by the image's size (every scene in a test folder
// has its own). Anything else (the verifier's mosaics) reads as empty.
type truthOCR struct{ pages map[image.Point]*ocr.Page }

func (o *truthOCR) fake() *ocr.Fake {
	return &ocr.Fake{ReadFunc: func(img image.Image) *ocr.Page {
		if p := o.pages[img.Bounds().Size()]; p != nil {
			return p
		}
		return &ocr.Page{}
	}}
}

// pageOf turns a scene's items into OCR lines: items whose vertical
// centres are close share a line; each word gets a slice of its item's box.
func pageOf(sc *synth.Scene) *ocr.Page {
	items := append([]synth.Item(nil), sc.Items...)
	cy := func(it synth.Item) int { return (it.Box[1] + it.Box[3]) / 2 }
	sort.Slice(items, func(i, j int) bool { return cy(items[i]) < cy(items[j]) })
	var page ocr.Page
	for _, it := range items {
		fields := strings.Fields(it.Text)
		x0, w := it.Box[0], it.Box[2]-it.Box[0]
		var words []ocr.Word
		pos := 0
		total := len(it.Text)
		for _, f := range fields {
			start := strings.Index(it.Text[pos:], f) + pos
			pos = start + len(f)
			a := x0 + w*start/total
			b := x0 + w*pos/total
			words = append(words, ocr.Word{Text: f, Box: image.Rect(a, it.Box[1], max(a+1, b), it.Box[3]), Conf: 95})
		}
		n := len(page.Lines)
		if n > 0 {
			last := &page.Lines[n-1]
			lc := (last.Box.Min.Y + last.Box.Max.Y) / 2
			if iabs(lc-cy(it)) <= (it.Box[3]-it.Box[1])/2+2 {
				last.Words = append(last.Words, words...)
				sort.Slice(last.Words, func(i, j int) bool { return last.Words[i].Box.Min.X < last.Words[j].Box.Min.X })
				last.Box = last.Box.Union(image.Rect(it.Box[0], it.Box[1], it.Box[2], it.Box[3]))
				continue
			}
		}
		page.Lines = append(page.Lines, ocr.Line{Words: words, Box: image.Rect(it.Box[0], it.Box[1], it.Box[2], it.Box[3])})
	}
	return &page
}

func iabs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// exifAndComment is an APP1 EXIF segment (orientation 1) and a comment, as
// a phone would leave, to be inserted after a JPEG's SOI marker.
func exifAndComment() []byte {
	tiff := []byte{'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0}
	app1 := append([]byte("Exif\x00\x00"), tiff...)
	var b []byte
	b = append(b, 0xFF, 0xE1, byte((len(app1)+2)>>8), byte(len(app1)+2))
	b = append(b, app1...)
	com := []byte("Ward 12, GPS 51.5 -0.1")
	b = append(b, 0xFF, 0xFE, byte((len(com)+2)>>8), byte(len(com)+2))
	return append(b, com...)
}

// scene describes one file of a generated test folder.
type scene struct {
	name, kind string
	w, h       int
	metadata   bool
}

// rendered caches scenes across tests: rendering is slow under -race.
var (
	renderMu sync.Mutex
	rendered = map[scene]renderedScene{}
)

type renderedScene struct {
	data []byte
	page *ocr.Page
	pii  []string
}

func render(t testing.TB, s scene) renderedScene {
	t.Helper()
	renderMu.Lock()
	defer renderMu.Unlock()
	if r, ok := rendered[s]; ok {
		return r
	}
	sc, err := synth.Render(synth.Spec{Name: s.name, Kind: s.kind, Seed: int64(s.w*7 + s.h), Width: s.w, Height: s.h, Difficulty: 1})
	if err != nil {
		t.Fatal(err)
	}
	r := renderedScene{page: pageOf(sc)}
	for _, it := range sc.Items {
		if it.PII && len(it.Text) > 4 {
			r.pii = append(r.pii, it.Text)
		}
	}
	var buf bytes.Buffer
	if strings.HasSuffix(s.name, ".png") {
		err = png.Encode(&buf, sc.Image)
	} else {
		err = jpeg.Encode(&buf, sc.Image, &jpeg.Options{Quality: 90})
	}
	if err != nil {
		t.Fatal(err)
	}
	r.data = buf.Bytes()
	rendered[s] = r
	return r
}

// writeFolder renders scenes into dir (JPEG or PNG by extension) and
// returns the OCR that reads them and every patient detail drawn.
func writeFolder(t testing.TB, dir string, scenes []scene) (*truthOCR, []string) {
	t.Helper()
	o := &truthOCR{pages: map[image.Point]*ocr.Page{}}
	var pii []string
	for _, s := range scenes {
		r := render(t, s)
		o.pages[image.Pt(s.w, s.h)] = r.page
		pii = append(pii, r.pii...)
		data := r.data
		if s.metadata {
			data = append(append([]byte{0xFF, 0xD8}, exifAndComment()...), data[2:]...)
		}
		path := filepath.Join(dir, s.name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return o, pii
}

// folderHarness is a harness with a folder review open on a generated
// folder, decisions kept under a temporary data folder.
type folderHarness struct {
	*harness
	v       *FolderView
	dir     string
	out     string
	answers []string // what Ask answers, in turn
	asked   []string
}

func newFolderHarness(t *testing.T, eng review.Engine, dir, dataDir string) *folderHarness {
	t.Helper()
	t.Setenv(decisions.EnvDataDir, dataDir)
	h := newHarness(t, eng, 1)
	h.u.App.Preferences().SetString(PrefReviewerName, "Alex Reviewer")
	fh := &folderHarness{harness: h, dir: dir, out: filepath.Join(t.TempDir(), "export")}
	fh.open()
	t.Cleanup(func() { fh.closeView() })
	return fh
}

func (fh *folderHarness) open() {
	fh.v = fh.u.OpenFolderReview(fh.dir)
	fh.v.ChooseFolder = func(fn func(string)) { fn(fh.out) }
	fh.v.Notify = func(title, msg string) { fh.notify = append(fh.notify, title+": "+msg) }
	fh.v.Ask = func(title string, prompts []string, check func(string) error, answers func([]string)) {
		fh.asked = append(fh.asked, prompts...)
		var out []string
		for range prompts {
			if len(fh.answers) == 0 {
				fh.t.Fatalf("asked %q with no answer ready", prompts)
			}
			a := fh.answers[0]
			fh.answers = fh.answers[1:]
			if err := check(a); err != nil {
				answers(nil)
				return
			}
			out = append(out, a)
		}
		answers(out)
	}
}

func (fh *folderHarness) closeView() {
	if fh.v == nil {
		return
	}
	m := fh.v.Model
	fh.v.Close()
	m.Wait()
	fh.pump()
	fh.v = nil
	// The store closes on a goroutine once the model's work is done.
	time.Sleep(20 * time.Millisecond)
}

func (fh *folderHarness) settle() {
	fh.t.Helper()
	fh.waitFor("every image checked", 30*time.Second, func() bool {
		done, total := fh.v.Model.Progress()
		return total > 0 && done == total
	})
}

func (fh *folderHarness) item(name string) *folder.Item {
	fh.t.Helper()
	for _, it := range fh.v.Model.Items {
		if it.Name == name {
			return it
		}
	}
	fh.t.Fatalf("no item %s", name)
	return nil
}

func (fh *folderHarness) key(name fyne.KeyName) {
	fh.v.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
	fh.pump()
}

func (fh *folderHarness) typeRune(r string) {
	test.TypeOnCanvas(fh.v.Win.Canvas(), r)
	fh.pump()
}

func truthPipeline(t testing.TB, o *truthOCR) *pipeline.Engine {
	cs, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return pipeline.With(o.fake(), cs, redact.Blur)
}

func readReport(t *testing.T, path string) map[string]map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = r[i]
		}
		out[r[0]] = row
	}
	return out
}

var folderScenes = []scene{
	{name: "board.jpg", kind: "whiteboard", w: 480, h: 360},
	{name: "band.jpg", kind: "wristband", w: 440, h: 330, metadata: true},
	{name: "team.png", kind: "team-banner", w: 400, h: 300},
	{name: "ward 7/band.jpg", kind: "wristband", w: 420, h: 316},
	{name: "ward 7/<b>letter</b>.jpg", kind: "letter", w: 360, h: 480},
}

// TestFolderReviewEndToEnd takes a generated folder through scan, review,
// decisions, export and the report, then reopens it as after a restart.
func TestFolderReviewEndToEnd(t *testing.T) {
	dir := t.TempDir()
	o, pii := writeFolder(t, dir, folderScenes)
	if err := os.WriteFile(filepath.Join(dir, "broken.jpg"), []byte("not a photo"), 0o644); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	fh := newFolderHarness(t, truthPipeline(t, o), dir, data)
	v := fh.v
	fh.settle()

	if got := len(v.Model.Items); got != 6 {
		t.Fatalf("%d items, want 6", got)
	}
	if v.Progress.Value != v.Progress.Max || !strings.Contains(v.ProgressLabel.Text, "6 of 6 checked") {
		t.Errorf("progress %v/%v %q", v.Progress.Value, v.Progress.Max, v.ProgressLabel.Text)
	}
	board, band, team, broken := fh.item("board.jpg"), fh.item("band.jpg"), fh.item("team.png"), fh.item("broken.jpg")
	if board.State != review.Done || board.Blurred() == 0 || band.Blurred() == 0 {
		t.Errorf("board: %s; band: %s", board.Status(), band.Status())
	}
	if team.State != review.Done || team.Blurred() != 0 || team.Status() != "Nothing found" {
		t.Errorf("team banner: %s", team.Status())
	}
	if broken.State != review.Failed || broken.Readable || !strings.HasPrefix(broken.Status(), "Could not check") {
		t.Errorf("broken: %v %s", broken.State, broken.Status())
	}
	for _, it := range v.Model.Items {
		if it.Thumb != nil && max(it.Thumb.Bounds().Dx(), it.Thumb.Bounds().Dy()) > folder.ThumbSize {
			t.Errorf("%s: thumbnail %v is larger than %d", it.Name, it.Thumb.Bounds(), folder.ThumbSize)
		}
	}

	// Flagged first: the unreadable file, then the most blurred; the
	// clean banner last.
	if v.Visible[0] != broken || v.Visible[len(v.Visible)-1] != team {
		var names []string
		for _, it := range v.Visible {
			names = append(names, it.Name)
		}
		t.Errorf("order %v", names)
	}
	// Filters and search.
	v.Filter.SetSelected(string(folder.ShowClean))
	fh.pump()
	if len(v.Visible) != 1 || v.Visible[0] != team {
		t.Errorf("clean filter shows %d", len(v.Visible))
	}
	v.Filter.SetSelected(string(folder.ShowAll))
	test.Type(v.Search, "ward 7")
	fh.pump()
	if len(v.Visible) != 2 || !strings.Contains(v.Shown.Text, "2 shown") {
		t.Errorf("search shows %d (%q)", len(v.Visible), v.Shown.Text)
	}
	v.Search.SetText("")
	v.Sort.SetSelected(string(folder.ByName))
	fh.pump()
	if v.Visible[0].Name != "band.jpg" {
		t.Errorf("by name starts with %s", v.Visible[0].Name)
	}
	v.Sort.SetSelected(string(folder.FlaggedFirst))
	fh.pump()

	// Keyboard: Down selects the first (the broken file); A cannot
	// approve it (fail closed); R rejects it and moves on.
	fh.key(fyne.KeyDown)
	if v.Selected != broken.ID {
		t.Fatalf("Down selected %d, want the broken file", v.Selected)
	}
	if !v.Approve.Disabled() {
		t.Error("Approve enabled for a file that could not be checked")
	}
	fh.typeRune("a")
	if broken.Decision != decisions.Undecided || !strings.Contains(v.Message.Text, "cannot read this file") {
		t.Errorf("approve of an unreadable file: %q, message %q", broken.Decision, v.Message.Text)
	}
	fh.typeRune("r")
	if broken.Decision != decisions.Rejected || broken.Reviewer != "Alex Reviewer" {
		t.Errorf("reject: %q by %q", broken.Decision, broken.Reviewer)
	}
	if v.Selected == broken.ID {
		t.Error("the selection did not move on after a decision")
	}

	// Approve everything else through the list's own keys (the list has
	// the focus after a tap), except one needing changes.
	v.Win.Canvas().Focus(v.List)
	for _, it := range []*folder.Item{board, band, team, fh.item("ward 7/band.jpg")} {
		v.SelectItem(it.ID)
		fh.pump()
		test.Type(v.List, "a")
		fh.pump()
		if it.Decision != decisions.Approved {
			t.Errorf("%s: %q after A (%s)", it.Name, it.Decision, v.Message.Text)
		}
	}
	letter := fh.item("ward 7/<b>letter</b>.jpg")
	v.SelectItem(letter.ID)
	fh.answers = []string{"Crop out the address block"}
	fh.typeRune("n")
	if letter.Decision != decisions.NeedsChanges || letter.Note != "Crop out the address block" {
		t.Errorf("letter: %q %q", letter.Decision, letter.Note)
	}
	// Up goes back.
	fh.key(fyne.KeyUp)
	if v.Selected == letter.ID {
		t.Error("Up did not move")
	}

	// Export: approved images only, metadata-free, plus the report.
	if v.Export.Disabled() {
		t.Fatal("export disabled with approved images")
	}
	test.Tap(v.Export)
	fh.waitFor("export", 30*time.Second, func() bool { return len(fh.notify) > 0 })
	if !strings.Contains(fh.notify[0], "4 approved images written") {
		t.Errorf("notice: %s", fh.notify[0])
	}
	entries, _ := os.ReadDir(fh.out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	want := []string{"band-2.jpg", "band.jpg", "board.jpg", folder.ReportCSVName, folder.ReportHTMLName, "team.png"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("exported %v, want %v", names, want)
	}
	for _, n := range names {
		if strings.HasPrefix(n, "safepost-report") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(fh.out, n))
		if err != nil {
			t.Fatal(err)
		}
		if has, what := export.HasMetadata(data); has {
			t.Errorf("%s carries metadata: %s", n, what)
		}
	}
	if orig, _ := os.ReadFile(filepath.Join(dir, "band.jpg")); !bytes.Contains(orig, []byte("Exif")) {
		t.Error("the test input lost its EXIF (the test proves nothing)")
	}

	rows := readReport(t, filepath.Join(fh.out, folder.ReportCSVName))
	if len(rows) != 6 {
		t.Errorf("%d report rows, want 6", len(rows))
	}
	check := func(file, col, want string) {
		t.Helper()
		if got := rows[file][col]; got != want {
			t.Errorf("report %s %s = %q, want %q", file, col, got, want)
		}
	}
	check("board.jpg", "decision", "approved")
	check("board.jpg", "check", "verified")
	check("board.jpg", "reviewer", "Alex Reviewer")
	check("board.jpg", "exported_as", "board.jpg")
	check("ward 7/band.jpg", "exported_as", "band-2.jpg")
	check("team.png", "regions_blurred", "0")
	check("broken.jpg", "decision", "rejected")
	check("broken.jpg", "check", "could not check")
	check("ward 7/<b>letter</b>.jpg", "decision", "needs-changes")
	check("ward 7/<b>letter</b>.jpg", "exported_as", "")
	if !strings.Contains(rows["board.jpg"]["blurred_kinds"], "person-name:") {
		t.Errorf("board kinds: %q", rows["board.jpg"]["blurred_kinds"])
	}
	if rows["board.jpg"]["time"] == "" {
		t.Error("no decision time")
	}
	html, _ := os.ReadFile(filepath.Join(fh.out, folder.ReportHTMLName))
	csvData, _ := os.ReadFile(filepath.Join(fh.out, folder.ReportCSVName))
	if strings.Contains(string(html), "<b>letter") || !strings.Contains(string(html), "&lt;b&gt;letter&lt;/b&gt;.jpg") {
		t.Error("a file name is not escaped in the HTML report")
	}
	for _, p := range pii {
		for _, doc := range [][]byte{html, csvData} {
			if bytes.Contains(doc, []byte(p)) {
				t.Errorf("the report holds patient text %q", p)
			}
		}
	}

	// Restart: close the window, open the folder again; every decision
	// comes back from the database without anyone touching anything.
	want2 := map[string]decisions.Decision{}
	for _, it := range v.Model.Items {
		want2[it.Name] = it.Decision
	}
	fh.closeView()
	fh.open()
	fh.settle()
	for _, it := range fh.v.Model.Items {
		if it.Decision != want2[it.Name] {
			t.Errorf("after restart %s is %q, want %q", it.Name, it.Decision, want2[it.Name])
		}
		if it.Decision != decisions.Undecided && it.Reviewer != "Alex Reviewer" {
			t.Errorf("after restart %s reviewer %q", it.Name, it.Reviewer)
		}
	}
	if n := fh.item("ward 7/<b>letter</b>.jpg").Note; n != "Crop out the address block" {
		t.Errorf("note after restart: %q", n)
	}
	// The database holds hashes, not names or text.
	fh.closeView()
	db, err := os.ReadFile(filepath.Join(data, decisions.FileName))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append([]string{"board.jpg", "letter"}, pii...) {
		if bytes.Contains(db, []byte(s)) {
			t.Errorf("the database holds %q", s)
		}
	}
}

// TestFolderUnblurNeedsReasonAndWithdrawsApproval opens an image in the
// review window, leaves an area clear and draws another: the approval is
// withdrawn, approving again asks one reason per change, a reason that
// quotes patient details is refused, and the changes come back after a
// restart.
func TestFolderUnblurNeedsReasonAndWithdrawsApproval(t *testing.T) {
	dir := t.TempDir()
	o, _ := writeFolder(t, dir, folderScenes[1:2])
	fh := newFolderHarness(t, truthPipeline(t, o), dir, t.TempDir())
	v := fh.v
	fh.settle()
	band := fh.item("band.jpg")
	v.SelectItem(band.ID)
	fh.typeRune("a")
	if band.Decision != decisions.Approved {
		t.Fatalf("not approved: %s", v.Message.Text)
	}
	n := len(band.Regions)

	fh.key(fyne.KeyReturn)
	fh.waitFor("review window", 10*time.Second, func() bool { return v.Review != nil })
	rm := v.Review.u.Model
	rm.SetRegionOff(1, 0, true)
	rm.AddRegion(1, image.Rect(5, 5, 60, 40))
	fh.waitFor("re-blur", 10*time.Second, func() bool { p := rm.Photo(1); return !p.Redoing && len(p.Regions) == n+1 })
	if band.Decision != decisions.Undecided {
		t.Errorf("decision %q after changing the blur, want withdrawn", band.Decision)
	}
	if !band.Regions[0].Off || band.Regions[n].Source != "manual" {
		t.Fatal("the review's changes did not reach the folder")
	}
	if got := len(band.MissingReasons()); got != 2 {
		t.Errorf("%d missing reasons, want 2", got)
	}

	// A reason quoting the patient is refused; the approval does not
	// happen.
	fh.answers = []string{"Mrs Joan Okafor's badge", "Missed wristband"}
	fh.typeRune("a")
	if band.Decision == decisions.Approved {
		t.Error("approved with a reason that quotes a patient")
	}
	if _, err := fh.v.Model.CheckReason("NHS 943 476 5919"); err == nil {
		t.Error("a reason with an NHS number was accepted")
	}
	fh.asked = nil
	fh.answers = []string{"Staff badge, consented", "Missed wristband"}
	fh.typeRune("a")
	if band.Decision != decisions.Approved {
		t.Fatalf("not approved after reasons: %s", v.Message.Text)
	}
	if len(fh.asked) != 2 || !strings.Contains(fh.asked[0], "left clear") || !strings.Contains(fh.asked[1], "drawn by you") {
		t.Errorf("prompts %q", fh.asked)
	}
	v.Review.Close()
	fh.pump()

	fh.closeView()
	fh.open()
	fh.settle()
	band = fh.item("band.jpg")
	if band.Decision != decisions.Approved || !band.Regions[0].Off || band.Regions[0].Why != "Staff badge, consented" {
		t.Errorf("after restart: %q off=%v why=%q", band.Decision, band.Regions[0].Off, band.Regions[0].Why)
	}
	if last := band.Regions[len(band.Regions)-1]; last.Source != "manual" || last.Box != image.Rect(5, 5, 60, 40) {
		t.Errorf("the drawn area after restart: %+v", last)
	}
}

// TestFolderCouldNotCheckFailsClosed: with the engine failing, nothing can
// be approved until a person blurs it by hand and marks it reviewed, and
// an export writes nothing unapproved.
func TestFolderCouldNotCheckFailsClosed(t *testing.T) {
	dir := t.TempDir()
	writeFolder(t, dir, folderScenes[:2])
	fh := newFolderHarness(t, &stub{err: errors.New("Tesseract data not found")}, dir, t.TempDir())
	v := fh.v
	fh.settle()
	for _, it := range v.Model.Items {
		if it.State != review.Failed || !it.Readable {
			t.Fatalf("%s: %v readable=%v", it.Name, it.State, it.Readable)
		}
		v.SelectItem(it.ID)
		fh.typeRune("a")
		if it.Decision == decisions.Approved {
			t.Errorf("%s approved unreviewed", it.Name)
		}
		if err := v.Model.Decide(it.ID, decisions.Approved, "", "x"); err == nil {
			t.Errorf("%s: the model approved it unreviewed", it.Name)
		}
	}
	v.ExportTo(fh.out)
	fh.waitFor("export", 10*time.Second, func() bool { return len(fh.notify) > 0 })
	if !strings.Contains(fh.notify[0], "0 approved images written") {
		t.Errorf("notice: %s", fh.notify[0])
	}
	rows := readReport(t, filepath.Join(fh.out, folder.ReportCSVName))
	if rows["band.jpg"]["check"] != "could not check" || rows["band.jpg"]["decision"] != "not reviewed" {
		t.Errorf("row: %v", rows["band.jpg"])
	}

	// Blur by hand and mark reviewed: now it may be approved (with a
	// reason for the hand-drawn area) and exported.
	band := fh.item("band.jpg")
	v.SelectItem(band.ID)
	v.OpenItem(band.ID)
	fh.waitFor("review window", 10*time.Second, func() bool { return v.Review != nil })
	rm := v.Review.u.Model
	rm.AddRegion(1, image.Rect(0, 0, 440, 330))
	fh.waitFor("hand blur", 10*time.Second, func() bool { return rm.CanMarkReviewed(1) })
	if v.Model.CanApprove(band.ID) == "" {
		t.Error("approvable before it was marked reviewed")
	}
	rm.MarkReviewed(1)
	fh.pump()
	if !band.Reviewed {
		t.Fatal("mark reviewed did not reach the folder")
	}
	fh.answers = []string{"Whole photo blurred, OCR unavailable"}
	fh.typeRune("a")
	if band.Decision != decisions.Approved {
		t.Fatalf("not approved after review: %s", v.Message.Text)
	}
	fh.notify = nil
	out2 := filepath.Join(t.TempDir(), "second")
	v.ExportTo(out2)
	fh.waitFor("export", 10*time.Second, func() bool { return len(fh.notify) > 0 })
	data, err := os.ReadFile(filepath.Join(out2, "band.jpg"))
	if err != nil {
		t.Fatalf("the reviewed image was not exported: %v (%s)", err, fh.notify[0])
	}
	if has, what := export.HasMetadata(data); has {
		t.Errorf("metadata: %s", what)
	}
	if rows := readReport(t, filepath.Join(out2, folder.ReportCSVName)); rows["band.jpg"]["check"] != "reviewed by hand" {
		t.Errorf("row: %v", rows["band.jpg"])
	}
	// Exporting into the photos' own folder is refused.
	v.ExportTo(dir)
	if !strings.Contains(v.Message.Text, "different folder") {
		t.Errorf("export into the source folder: %q", v.Message.Text)
	}
}

// TestFolderChangedFileIsNotExported: a file edited after its review is
// not exported under the old decision.
func TestFolderChangedFileIsNotExported(t *testing.T) {
	dir := t.TempDir()
	o, _ := writeFolder(t, dir, folderScenes[2:3])
	fh := newFolderHarness(t, truthPipeline(t, o), dir, t.TempDir())
	fh.settle()
	team := fh.item("team.png")
	fh.v.SelectItem(team.ID)
	fh.typeRune("a")
	if team.Decision != decisions.Approved {
		t.Fatal("not approved")
	}
	f, err := os.OpenFile(team.Path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("tail"))
	f.Close()
	fh.v.ExportTo(fh.out)
	fh.waitFor("export", 10*time.Second, func() bool { return len(fh.notify) > 0 })
	if _, err := os.Stat(filepath.Join(fh.out, "team.png")); err == nil {
		t.Error("a changed file was exported")
	}
	if !strings.Contains(fh.notify[0], "changed after it was checked") {
		t.Errorf("notice: %s", fh.notify[0])
	}
}

// TestMainWindowOpensFolderReview: Ctrl+Shift+O (File › Review a folder…)
// asks for a folder and shows the folder review as a mode of the one
// window.
func TestMainWindowOpensFolderReview(t *testing.T) {
	t.Setenv(decisions.EnvDataDir, t.TempDir())
	h := newHarness(t, &stub{}, 1)
	dir := t.TempDir()
	h.u.ChooseFolder = func(fn func(string)) { fn(dir) }
	windows := len(h.u.App.Driver().AllWindows())
	typeShortcut(h.u.Win.Canvas(), &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	if h.u.Folder == nil || h.u.Folder.Model.Root != dir {
		t.Fatal("the shortcut did not open the folder review")
	}
	if h.u.Modes.Selected() != h.u.FolderTab || len(h.u.App.Driver().AllWindows()) != windows {
		t.Errorf("the folder review is not a mode of the main window (tab %q, %d windows, was %d)",
			h.u.Modes.Selected().Text, len(h.u.App.Driver().AllWindows()), windows)
	}
	v := h.u.Folder
	t.Cleanup(func() { v.Close(); v.Model.Wait() })
	// The post is still there, one tab away.
	h.u.Modes.Select(h.u.PostTab)
	h.u.AddPaths([]string{writePhoto(t, "a.png", 40, 40)})
	h.waitFor("composer photo", 5*time.Second, func() bool { return h.u.Model.Photos[0].State == review.Done })
}

// TestFolderAsksReviewerNameAndSkipsDroppedNonPhotos: with no name in
// preferences the first decision asks for one and keeps it; dropped files
// that are not photos are left out.
func TestFolderAsksReviewerNameAndSkipsDroppedNonPhotos(t *testing.T) {
	dir := t.TempDir()
	writeFolder(t, dir, folderScenes[2:3])
	fh := newFolderHarness(t, &stub{}, dir, t.TempDir())
	fh.u.App.Preferences().SetString(PrefReviewerName, "")
	fh.u.App.Preferences().SetString(PrefDisplayName, "")
	fh.settle()
	team := fh.item("team.png")
	fh.v.SelectItem(team.ID)
	fh.answers = []string{"Sam Tester"}
	fh.typeRune("r")
	if team.Decision != decisions.Rejected || team.Reviewer != "Sam Tester" {
		t.Errorf("decision %q by %q", team.Decision, team.Reviewer)
	}
	if got := fh.u.App.Preferences().String(PrefReviewerName); got != "Sam Tester" {
		t.Errorf("preference %q", got)
	}
	if len(fh.asked) != 1 || !strings.Contains(fh.asked[0], "name") {
		t.Errorf("asked %q", fh.asked)
	}

	extra := t.TempDir()
	notes := filepath.Join(extra, "notes.docx")
	if err := os.WriteFile(notes, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	photo := writePhoto(t, "dropped.png", 64, 48)
	fh.v.AddPaths([]string{notes, photo})
	fh.settle()
	if len(fh.v.Model.Items) != 2 || fh.item("dropped.png") == nil {
		t.Errorf("%d items after the drop", len(fh.v.Model.Items))
	}
	if !strings.Contains(fh.v.Message.Text, "notes.docx") {
		t.Errorf("message %q", fh.v.Message.Text)
	}
}
