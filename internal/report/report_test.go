package report

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"safepost/internal/decisions"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var when = time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC)

func sampleReport() Report {
	approved := Row{File: "ward7/board.jpg", Decision: "approved", Check: Verified, Reviewer: "Alex Reviewer",
		Time: when, Output: "board.jpg"}
	approved.AddRegions([]decisions.Region{
		{Kinds: []string{"person-name"}}, {Kinds: []string{"person-name", "date-of-birth"}},
		{Kinds: []string{"nhs-number"}}, {Kinds: []string{"person-name"}, Off: true, Reason: "Staff badge, consented"},
		{Kinds: []string{"manual"}, Added: true, Reason: "Wristband"},
	})
	return Report{
		Title:     "SafePost review report",
		Source:    "/photos/ward7",
		Generated: when.Add(time.Hour),
		Rows: []Row{
			approved,
			{File: "team.png", Decision: "approved", Check: Verified, Blurred: map[string]int{}, Reviewer: "Alex Reviewer", Time: when, Output: "team.png"},
			{File: "broken.jpg", Decision: "auto", Check: CouldNotCheck, Time: when, Notes: "broken.jpg: not an image SafePost can read"},
			{File: `<script>alert("x")</script>.jpg`, Decision: "rejected", Check: NotVerified, Regions: 1,
				Blurred: map[string]int{"address": 1}, Reviewer: `Sam <b>Bold</b> & co`, Time: when, Notes: "=cmd|' /C calc'!A0"},
			{File: "=HYPERLINK(\"http://example.invalid\").jpg", Decision: NotReviewed, Check: NotChecked},
		},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", name, diff)
	}
}

func TestHTMLGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteHTML(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.golden.html", buf.Bytes())
}

func TestCSVGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.golden.csv", buf.Bytes())
}

func TestHTMLEscapesAndIsSelfContained(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteHTML(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<script", "<b>Bold", `src=`, `href=`, `="http`, "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;.jpg", "Sam &lt;b&gt;Bold&lt;/b&gt; &amp; co",
		`content="default-src 'none'; style-src 'unsafe-inline'"`, "2 approved", "1 could not be checked"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if !regexp.MustCompile(`<td>Name \(2\), Area drawn by hand \(1\), Date of birth \(1\), NHS number \(1\)</td>`).MatchString(page) {
		t.Error("kinds are not listed most first, in the registry's words")
	}
	// The page shows the registry's words, never a kind's ID.
	for _, id := range []string{"person-name", "date-of-birth", "nhs-number", "manual"} {
		if strings.Contains(page, id) {
			t.Errorf("page shows the kind ID %q", id)
		}
	}
}

func TestCSVRows(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 6 {
		t.Fatalf("%d lines, want header + 5", len(recs))
	}
	if diff := cmp.Diff(csvHeader, recs[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	first := recs[1]
	want := []string{"ward7/board.jpg", "approved", "verified", "4", "date-of-birth:1;manual:1;nhs-number:1;person-name:2",
		"1", "1", "Alex Reviewer", "2026-03-04T10:30:00Z", "board.jpg", "left clear: Staff badge, consented; added: Wristband",
		"Name (2), Area drawn by hand (1), Date of birth (1), NHS number (1)"}
	if diff := cmp.Diff(want, first); diff != "" {
		t.Errorf("first row (-want +got):\n%s", diff)
	}
	if got := recs[4][10]; got != "'=cmd|' /C calc'!A0" {
		t.Errorf("formula-like note not neutralised: %q", got)
	}
	if got := recs[5][0]; !strings.HasPrefix(got, "'=") {
		t.Errorf("formula-like file name not neutralised: %q", got)
	}
}

func TestWriteFilesAtomic(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	h, c := filepath.Join(dir, "r.html"), filepath.Join(dir, "r.csv")
	if err := WriteFiles(h, c, sampleReport()); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{h, c} {
		if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", p, err)
		}
	}
	// A failed write leaves the earlier report and no temporary files.
	before, _ := os.ReadFile(h)
	blocked := filepath.Join(dir, "r.html.dir")
	if err := os.Mkdir(blocked, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(blocked, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFiles(blocked, "", sampleReport()); err == nil {
		t.Error("writing over a non-empty folder succeeded")
	}
	after, _ := os.ReadFile(h)
	if !bytes.Equal(before, after) {
		t.Error("the earlier report changed")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left a temporary file %s", e.Name())
		}
	}
	// Only one of the two.
	only := filepath.Join(t.TempDir(), "only.csv")
	if err := WriteFiles("", only, sampleReport()); err != nil {
		t.Fatal(err)
	}
}

func TestSummarise(t *testing.T) {
	s := sampleReport().Summarise()
	want := Summary{Images: 5, Exported: 2, Blurred: 5, CouldNotCheck: 1,
		Decisions: []Count{{"approved", 2}, {"rejected", 1}, {"auto", 1}, {NotReviewed, 1}}}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if CheckLabel(decisions.CouldNotCheck) != CouldNotCheck || CheckLabel("") != NotChecked {
		t.Error("CheckLabel")
	}
}

// A row's kinds read as the registry's words, never as IDs; kinds with the
// same words (a trust's own patterns) are counted together.
func TestRowKindsInWords(t *testing.T) {
	r := Row{Blurred: map[string]int{"person-name": 2, "nhs-number": 1, "patient-list": 3, "local-mrn": 1, "ward-ref": 1, "age": 0}}
	want := "Row of a patient list (3), Matches a pattern from your trust's settings (2), Name (2), NHS number (1)"
	if got := r.Kinds(); got != want {
		t.Errorf("Kinds() = %q, want %q", got, want)
	}
}
