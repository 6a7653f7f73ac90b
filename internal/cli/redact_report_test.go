package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"safepost/internal/decisions"
	"safepost/internal/export"
	"safepost/internal/imageio"
	"safepost/internal/pipeline"
	"safepost/internal/report"
	"safepost/internal/review"
)

// readCSV returns the report's rows keyed by file base name.
func readCSV(t *testing.T, path string) map[string]map[string]string {
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
		out[filepath.Base(r[0])] = row
	}
	return out
}

// scannedRegions runs the fake engine over a file as redact would, so a
// test can store a review of exactly those regions.
func scannedRegions(t *testing.T, env Env, path string) []decisions.Region {
	t.Helper()
	eng, err := env.NewEngine(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	img, err := imageio.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Scan(context.Background(), img.Pixels)
	if err != nil {
		t.Fatal(err)
	}
	return review.Stored(review.FromScan(res.Regions, eng.Style()))
}

// writePattern writes a PNG the fake engine reads a name on (dark top-left
// pixel) with a busy pattern elsewhere, so blurring shows.
func writePattern(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(0)
			if (x/3+y/3)%2 == 0 {
				v = 90
			}
			img.SetNRGBA(x, y, color.NRGBA{v, v, v, 255})
		}
	}
	img.SetNRGBA(0, 0, color.NRGBA{0, 0, 0, 255})
	var buf bytes.Buffer
	must(t, png.Encode(&buf, img))
	must(t, os.WriteFile(path, buf.Bytes(), 0o644))
}

// changed reports whether any pixel inside r differs.
func changed(a, b *image.NRGBA, r image.Rectangle) bool {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.NRGBAAt(x, y) != b.NRGBAAt(x, y) {
				return true
			}
		}
	}
	return false
}

func hashFile(t *testing.T, path string) string {
	t.Helper()
	h, err := decisions.HashFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestRedactReportAuto(t *testing.T) {
	env, out, errb := fakeEnv(t, nil)
	dir := mixedFolder(t)
	odd := filepath.Join(dir, `<script>alert(1)<!--.png`)
	writeImage(t, odd, true, 200, 60)
	tmp := t.TempDir()
	outDir, html, csvPath := filepath.Join(tmp, "out"), filepath.Join(tmp, "r", "report.html"), filepath.Join(tmp, "r", "report.csv")
	db := filepath.Join(tmp, "none", decisions.FileName) // nothing reviewed yet
	code := Run(env, []string{"redact", "-o", outDir, "--report", html, "--csv", csvPath, "--decisions", db, dir})
	if code != ExitError {
		t.Errorf("exit %d, want %d (broken files in the folder)\nstderr: %s", code, ExitError, errb)
	}
	rows := readCSV(t, csvPath)
	want := map[string][5]string{ // decision, check, regions, kinds, exported
		"a_patient.png":            {"auto", "verified", "1", "person-name:1", "a_patient.png"},
		"b_clean.jpg":              {"auto", "verified", "0", "", "b_clean.jpg"},
		"c_empty.png":              {"auto", "could not check", "0", "", ""},
		"d_text.jpg":               {"auto", "could not check", "0", "", ""},
		"e_huge.png":               {"auto", "could not check", "0", "", ""},
		"f_truncated.jpg":          {"auto", "could not check", "0", "", ""},
		`<script>alert(1)<!--.png`: {"auto", "verified", "1", "person-name:1", `<script>alert(1)<!--.png`},
	}
	if len(rows) != len(want) {
		t.Errorf("%d rows, want %d: %v", len(rows), len(want), rows)
	}
	for name, w := range want {
		r, ok := rows[name]
		if !ok {
			t.Errorf("no row for %s", name)
			continue
		}
		got := [5]string{r["decision"], r["check"], r["regions_blurred"], r["blurred_kinds"], r["exported_as"]}
		if got != w {
			t.Errorf("%s: got %q, want %q", name, got, w)
		}
		if w[1] == "could not check" && r["notes"] == "" {
			t.Errorf("%s: a failure without a note", name)
		}
		if r["reviewer"] != "" || r["time"] == "" {
			t.Errorf("%s: reviewer %q time %q for an automatic run", name, r["reviewer"], r["time"])
		}
	}
	page, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), "<script") || !strings.Contains(string(page), "&lt;script&gt;alert(1)&lt;!--.png") {
		t.Error("the file name is not escaped in the HTML report")
	}
	for _, p := range []string{string(page), out.String()} {
		if strings.Contains(p, "Okafor") || strings.Contains(p, "Joan") {
			t.Error("patient text in the report or output")
		}
	}
	if _, err := os.Stat(filepath.Join(outDir, "a_patient.png")); err != nil {
		t.Error(err)
	}
	if !strings.Contains(out.String(), "report: "+html) {
		t.Errorf("stdout does not name the report: %s", out)
	}
}

func TestRedactAppliesStoredDecisions(t *testing.T) {
	env, _, errb := fakeEnv(t, nil)
	dir := t.TempDir()
	approved := filepath.Join(dir, "approved.png")
	rejected := filepath.Join(dir, "rejected.png")
	pending := filepath.Join(dir, "pending.png")
	plain := filepath.Join(dir, "plain.png")
	writePattern(t, approved, 200, 60)
	writeImage(t, rejected, true, 220, 60)
	writeImage(t, pending, false, 240, 60)
	writePattern(t, plain, 260, 60)

	db := filepath.Join(t.TempDir(), decisions.FileName)
	store, err := decisions.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC)
	regs := scannedRegions(t, env, approved)
	if len(regs) != 1 {
		t.Fatalf("the fake engine found %d regions, want 1", len(regs))
	}
	regs[0].Off, regs[0].Reason = true, "Staff name, consented"
	drawn := decisions.Region{Box: [4]int{150, 40, 190, 55}, Kinds: []string{"manual"}, Source: "manual", Added: true,
		TextHeight: 15, Style: "fill", Reason: "Wristband"}
	regs = append(regs, drawn)
	must(t, store.Put(decisions.Record{Hash: hashFile(t, approved), Decision: decisions.Approved, Check: decisions.Verified,
		Regions: regs, Reviewer: "Alex Reviewer", Time: when}))
	must(t, store.Put(decisions.Record{Hash: hashFile(t, rejected), Decision: decisions.Rejected, Reviewer: "Alex Reviewer",
		Reason: "Whole board visible", Time: when}))
	// Started but undecided: the hand-drawn area is applied (more blur),
	// nothing else.
	must(t, store.Put(decisions.Record{Hash: hashFile(t, pending), Regions: []decisions.Region{drawn}}))
	must(t, store.Close())

	outDir := filepath.Join(t.TempDir(), "out")
	csvPath := filepath.Join(t.TempDir(), "r.csv")
	code := Run(env, []string{"redact", "-o", outDir, "--csv", csvPath, "--decisions", db, dir})
	if code != ExitError {
		t.Errorf("exit %d, want %d (one image rejected)", code, ExitError)
	}
	if !strings.Contains(errb.String(), "rejected.png: not written: rejected in review by Alex Reviewer") {
		t.Errorf("stderr does not say why: %s", errb)
	}
	rows := readCSV(t, csvPath)
	check := func(name, col, want string) {
		t.Helper()
		if got := rows[name][col]; got != want {
			t.Errorf("%s %s = %q, want %q", name, col, got, want)
		}
	}
	check("approved.png", "decision", "approved")
	check("approved.png", "reviewer", "Alex Reviewer")
	check("approved.png", "time", "2026-03-04T10:30:00Z")
	check("approved.png", "left_clear", "1")
	check("approved.png", "added_by_hand", "1")
	check("approved.png", "blurred_kinds", "manual:1")
	check("approved.png", "exported_as", "approved.png")
	check("approved.png", "notes", "left clear: Staff name, consented; added: Wristband")
	check("rejected.png", "decision", "rejected")
	check("rejected.png", "exported_as", "")
	check("pending.png", "decision", "auto")
	check("pending.png", "blurred_kinds", "manual:1")
	check("plain.png", "decision", "auto")
	check("plain.png", "blurred_kinds", "person-name:1")
	if _, err := os.Stat(filepath.Join(outDir, "rejected.png")); err == nil {
		t.Error("a rejected image was written")
	}

	// The approved image: the name was left clear as the reviewer chose,
	// the wristband area was filled. The plain one had the name blurred.
	orig, _ := imageio.Load(approved)
	img, err := imageio.Load(filepath.Join(outDir, "approved.png"))
	if err != nil {
		t.Fatal(err)
	}
	if changed(orig.Pixels, img.Pixels, image.Rect(10, 10, 140, 30)) {
		t.Error("the area the reviewer left clear was blurred")
	}
	if !changed(orig.Pixels, img.Pixels, image.Rect(150, 40, 190, 55)) {
		t.Error("the area the reviewer drew was not blurred")
	}
	origPlain, _ := imageio.Load(plain)
	outPlain, err := imageio.Load(filepath.Join(outDir, "plain.png"))
	if err != nil {
		t.Fatal(err)
	}
	if !changed(origPlain.Pixels, outPlain.Pixels, image.Rect(10, 10, 140, 30)) {
		t.Error("the name in an unreviewed image was not blurred")
	}
	data, _ := os.ReadFile(filepath.Join(outDir, "approved.png"))
	if has, what := export.HasMetadata(data); has {
		t.Errorf("exported file has metadata: %s", what)
	}
}

func TestReviewReport(t *testing.T) {
	env, out, errb := fakeEnv(t, nil)
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a.png"), filepath.Join(dir, "sub", "b.jpg"), filepath.Join(dir, "c.png")
	must(t, os.MkdirAll(filepath.Dir(b), 0o755))
	writeImage(t, a, true, 200, 60)
	writeImage(t, b, false, 200, 60)
	must(t, os.WriteFile(c, []byte("not a png"), 0o644))

	db := filepath.Join(t.TempDir(), decisions.FileName)
	store, err := decisions.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	regs := scannedRegions(t, env, a)
	must(t, store.Put(decisions.Record{Hash: hashFile(t, a), Decision: decisions.Approved, Check: decisions.Verified,
		Regions: regs, Reviewer: "Alex Reviewer", Time: time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC)}))
	must(t, store.Close())

	// Defaults: both files in the current folder.
	work := t.TempDir()
	t.Chdir(work)
	code := Run(env, []string{"review-report", "--decisions", db, dir})
	if code != ExitClean {
		t.Errorf("exit %d (stderr %s)", code, errb)
	}
	rows := readCSV(t, filepath.Join(work, defaultReportCSV))
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3: %v", len(rows), rows)
	}
	if r := rows["a.png"]; r["decision"] != "approved" || r["reviewer"] != "Alex Reviewer" || r["blurred_kinds"] != "person-name:1" || r["check"] != "verified" {
		t.Errorf("a.png: %v", r)
	}
	if r := rows["b.jpg"]; r["decision"] != report.NotReviewed || r["check"] != report.NotChecked {
		t.Errorf("b.jpg: %v", r)
	}
	// Not an image, but its bytes hash: it is simply not reviewed.
	if r := rows["c.png"]; r["decision"] != report.NotReviewed {
		t.Errorf("c.png: %v", r)
	}
	if _, err := os.Stat(filepath.Join(work, defaultReportHTML)); err != nil {
		t.Error(err)
	}
	if !strings.Contains(out.String(), "3 images: 1 approved, 2 not reviewed") {
		t.Errorf("stdout: %s", out)
	}

	// No database yet: still a report, with a warning.
	out.Reset()
	errb.Reset()
	html := filepath.Join(t.TempDir(), "x.html")
	code = Run(env, []string{"review-report", "--decisions", filepath.Join(t.TempDir(), "missing.db"), "--report", html, "--csv", "", dir})
	if code != ExitClean || !strings.Contains(errb.String(), "no review decisions") {
		t.Errorf("exit %d stderr %s", code, errb)
	}
	if _, err := os.Stat(html); err != nil {
		t.Error(err)
	}

	// Missing folder: a row and exit 2.
	errb.Reset()
	code = Run(env, []string{"review-report", "--decisions", db, "--report", html, "--csv", "", filepath.Join(dir, "nope")})
	if code != ExitError {
		t.Errorf("missing folder: exit %d", code)
	}
	if code := Run(env, []string{"review-report", "--report", "", "--csv", "", dir}); code != ExitError {
		t.Errorf("nothing to write: exit %d", code)
	}
	if code := Run(env, []string{"review-report"}); code != ExitError {
		t.Errorf("no folder: exit %d", code)
	}
}

func TestRedactReportUnwritable(t *testing.T) {
	env, _, errb := fakeEnv(t, nil)
	dir := t.TempDir()
	writeImage(t, filepath.Join(dir, "a.png"), false, 50, 50)
	blocker := filepath.Join(t.TempDir(), "file")
	must(t, os.WriteFile(blocker, nil, 0o644))
	code := Run(env, []string{"redact", "-o", t.TempDir(), "--decisions", filepath.Join(t.TempDir(), "x.db"),
		"--report", filepath.Join(blocker, "r.html"), dir})
	if code != ExitError || !strings.Contains(errb.String(), "writing the report") {
		t.Errorf("exit %d stderr %s", code, errb)
	}
}

func TestRedactLockedDecisions(t *testing.T) {
	db := filepath.Join(t.TempDir(), decisions.FileName)
	dir := t.TempDir()
	writeImage(t, filepath.Join(dir, "a.png"), false, 50, 50)

	// The app's folder review keeps its store open while the user works;
	// the command line reads and writes the same file between its writes.
	app, err := decisions.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	env, _, errb := fakeEnv(t, nil)
	if code := Run(env, []string{"redact", "-o", t.TempDir(), "--decisions", db, dir}); code != ExitClean {
		t.Errorf("with the app's store open: exit %d stderr %s", code, errb)
	}
	must(t, app.Close())

	// Something that holds the file's lock and never lets go (a damaged
	// copy of SafePost, another program): fail closed, because without the
	// decisions a rejected image could be written.
	held, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	env, _, errb = fakeEnv(t, nil)
	code := Run(env, []string{"redact", "-o", t.TempDir(), "--decisions", db, dir})
	if code != ExitError || !strings.Contains(errb.String(), "in use by another SafePost") {
		t.Errorf("with the lock held: exit %d stderr %s", code, errb)
	}
}
