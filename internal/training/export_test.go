package training

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func testSummary(trainee string) Summary {
	sc := testScene()
	s := NewSession(time.Date(2025, 11, 14, 10, 30, 0, 0, time.UTC))
	s.Trainee = trainee
	s.Record(Score(sc, []Mark{tap(150, 115), tap(540, 115)}, DefaultRules))
	s.RecordWrite("birthday", true)
	return s.Summary(&Deck{Scenes: []*Scene{sc}})
}

func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, testSummary("")); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"section", "name", "scene_kind", "difficulty", "patient_details", "found", "missed", "false_alarms", "score_percent"},
		{"session", "2025-11-14 10:30", "", "", "2", "1", "1", "1", "33"},
		{"scene", "t", "wristband", "1", "2", "1", "1", "1", "33"},
		{"kind", "nhs-number", "", "", "1", "0", "1", "", "0"},
		{"kind", "person-name", "", "", "1", "1", "0", "", "100"},
		{"false-alarm", "staff-name", "", "", "", "", "", "1", ""},
		{"write-it", "exercises", "", "", "1", "1", "0", "", "100"},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d:\n%v", len(rows), len(want), rows)
	}
	for i := range want {
		if strings.Join(rows[i], ",") != strings.Join(want[i], ",") {
			t.Errorf("row %d = %v, want %v", i, rows[i], want[i])
		}
	}
}

// TestExportHoldsScoresOnly checks that no scene text reaches the files,
// and the trainee's name only when typed in (escaped for spreadsheets and
// web pages).
func TestExportHoldsScoresOnly(t *testing.T) {
	for _, trainee := range []string{"", "=HYPERLINK(\"x\") <b>Sam</b>"} {
		sum := testSummary(trainee)
		var c, h bytes.Buffer
		if err := WriteCSV(&c, sum); err != nil {
			t.Fatal(err)
		}
		if err := WriteHTML(&h, sum); err != nil {
			t.Fatal(err)
		}
		for _, out := range []string{c.String(), h.String()} {
			for _, it := range testScene().Items {
				if strings.Contains(out, it.Text) {
					t.Errorf("export holds scene text %q", it.Text)
				}
			}
		}
		switch trainee {
		case "":
			if strings.Contains(c.String(), "trainee") || strings.Contains(h.String(), "Trainee:") {
				t.Error("export names a trainee nobody typed in")
			}
		default:
			if !strings.Contains(c.String(), "trainee,\"'=HYPERLINK") {
				t.Errorf("CSV does not neutralise a formula in the name:\n%s", c.String())
			}
			if strings.Contains(h.String(), "<b>Sam</b>") || !strings.Contains(h.String(), "&lt;b&gt;Sam") {
				t.Error("HTML does not escape the trainee's name")
			}
		}
		if !strings.Contains(h.String(), "33%") || !strings.Contains(h.String(), "Patient names") {
			t.Errorf("HTML lacks the score or the kinds:\n%s", h.String())
		}
	}
}

func TestExport(t *testing.T) {
	dir := t.TempDir()
	paths, err := Export(dir, testSummary("Sam"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "safepost-training-2025-11-14-1030.csv"), filepath.Join(dir, "safepost-training-2025-11-14-1030.html")}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("paths = %v, want %v", paths, want)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("folder holds %d files, want 2 (no temporary files left)", len(entries))
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "s.csv")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A failing writer leaves the old file and no temporary file.
	err := WriteFileAtomic(p, func(w io.Writer) error {
		_, _ = w.Write([]byte("half"))
		return errors.New("disk full")
	})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v, want disk full", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("file = %q after a failed write, want the old contents", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files after a failed write, want 1", len(entries))
	}
	if err := WriteFileAtomic(p, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("file = %q, want new", b)
	}
	if err := WriteFileAtomic(filepath.Join(dir, "missing", "s.csv"), func(io.Writer) error { return nil }); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
}
