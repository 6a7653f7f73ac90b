package acceptance

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"safepost/internal/bench"
	"safepost/internal/export"
	"safepost/internal/imageio"
	"safepost/internal/pipeline"
)

type expectation struct {
	PII      []string `json:"pii"`
	Keep     []string `json:"keep"`
	Negative bool     `json:"negative"`
	HasEXIF  bool     `json:"has_exif"`
}

// TestPresidio redacts the peer set and checks the outputs with an
// independent Tesseract pass: no pii string readable, keep strings still
// readable, negatives visually unchanged, and no metadata in any output.
func TestPresidio(t *testing.T) {
	dir := os.Getenv("SAFEPOST_PRESIDIO_DIR")
	if dir == "" {
		t.Skip("SAFEPOST_PRESIDIO_DIR not set")
	}
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Fatalf("the tesseract command is needed for the independent pass (Debian package tesseract-ocr): %v", err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Images map[string]expectation `json:"images"`
	}
	if err := json.Unmarshal(raw, &exp); err != nil {
		t.Fatal(err)
	}
	eng, err := pipeline.New(pipeline.Options{ConfigPath: filepath.Join(t.TempDir(), "none.toml")})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	names := make([]string, 0, len(exp.Images))
	for n := range exp.Images {
		names = append(names, n)
	}
	sort.Strings(names)
	out := t.TempDir()
	if d := os.Getenv("SAFEPOST_ARTIFACTS"); d != "" {
		out = filepath.Join(d, "presidio")
		_ = os.MkdirAll(out, 0o755)
	}
	for _, name := range names {
		want := exp.Images[name]
		t.Run(name, func(t *testing.T) {
			img, err := imageio.Load(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			res, err := eng.Process(context.Background(), img.Pixels)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Verified {
				t.Error("redaction not verified")
			}
			dst := export.OutputPath(out, name)
			if err := export.WriteFile(dst, res.Redacted); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(dst)
			if err != nil {
				t.Fatal(err)
			}
			if has, what := export.HasMetadata(data); has {
				t.Errorf("output carries metadata: %s", what)
			}
			if want.Negative {
				if n := len(res.Scan.Regions); n != 0 {
					t.Errorf("negative image got %d regions; want none", n)
				}
				if d := meanDiff(img.Pixels.Pix, res.Redacted.Pix); d > 0.5 {
					t.Errorf("negative image changed: mean difference %.2f levels", d)
				}
				return
			}
			read := readWithTesseract(t, dst)
			for _, s := range want.PII {
				if contains(read, s) {
					t.Errorf("patient text still readable after redaction: %q", s)
				}
			}
			// "Still readable" needs it to have been readable: the same
			// independent pass reads the original first.
			before := readWithTesseract(t, filepath.Join(dir, name))
			for _, s := range want.Keep {
				switch {
				case !contains(before, s):
					t.Logf("keep string %q is not readable by plain Tesseract even in the original; not counted", s)
				case !contains(read, s):
					t.Errorf("ordinary text no longer readable: %q", s)
				}
			}
		})
	}
}

// readWithTesseract runs the tesseract command twice (automatic page
// layout and sparse text) and returns what either read, normalised.
func readWithTesseract(t *testing.T, path string) string {
	t.Helper()
	var all []string
	for _, psm := range []string{"3", "11"} {
		cmd := exec.Command("tesseract", path, "stdout", "--psm", psm)
		cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
		b, err := cmd.Output()
		if err != nil {
			t.Fatalf("tesseract --psm %s: %v", psm, err)
		}
		all = append(all, string(b))
	}
	return bench.Normalise(strings.Join(all, " "))
}

func contains(read, s string) bool { return bench.Readable(s, read) }

func meanDiff(a, b []uint8) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 255
	}
	sum := 0
	for i := range a {
		d := int(a[i]) - int(b[i])
		sum += max(d, -d)
	}
	return float64(sum) / float64(len(a))
}
