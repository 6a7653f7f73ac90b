package ui

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"safepost/internal/export"
	"safepost/internal/imageio"
	"safepost/internal/pipeline"
	"safepost/internal/review"
	"safepost/internal/synth"
)

// realEngine builds the Tesseract engine, skipping when Tesseract cannot
// start (it is installed by make test).
func realEngine(t testing.TB) *pipeline.Engine {
	t.Helper()
	eng, err := pipeline.New(pipeline.Options{Workers: 2})
	if err != nil {
		t.Fatalf("real engine: %v", err)
	}
	t.Cleanup(func() { eng.Close() })
	return eng
}

// scenePhoto renders a generated ward scene to a PNG and returns its path
// and the boxes of its patient information.
func scenePhoto(t testing.TB, kind string, w, h int) (string, *synth.Scene) {
	t.Helper()
	sc, err := synth.Render(synth.Spec{Name: kind, Kind: kind, Seed: 7, Width: w, Height: h, Difficulty: 1})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), kind+".png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, sc.Image); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path, sc
}

func boxChanged(a, b *image.NRGBA, r image.Rectangle) float64 {
	var diff, n float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p, q := a.NRGBAAt(x, y), b.NRGBAAt(x, y)
			diff += abs(float64(p.R)-float64(q.R)) + abs(float64(p.G)-float64(q.G)) + abs(float64(p.B)-float64(q.B))
			n += 3
		}
	}
	if n == 0 {
		return 0
	}
	return diff / n
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// TestFlowRealEngine is the nurse's path with real OCR: add a photo, it
// is checked and blurred, the preview shows the blurred copy, save writes
// it without metadata.
func TestFlowRealEngine(t *testing.T) {
	if testing.Short() {
		t.Skip("real OCR")
	}
	path, sc := scenePhoto(t, "name-card", 1200, 800)
	h := newHarness(t, realEngine(t), 1)
	test.Type(h.u.Editor, "Thank you cards on Ward 7 today #TeamNHS")
	h.u.AddPaths([]string{path})
	h.waitFor("scan", 3*time.Minute, func() bool {
		p := h.u.Model.Photos[0]
		return p.State == review.Done || p.State == review.Failed
	})
	p := h.u.Model.Photos[0]
	if p.State != review.Done {
		t.Fatalf("photo state %v: %v", p.State, p.Err)
	}
	if len(p.Regions) == 0 {
		t.Fatalf("nothing found on a name card; status %q", h.card(0).Status.Text)
	}
	for _, it := range sc.Items {
		if !it.PII {
			continue
		}
		r := image.Rect(it.Box[0], it.Box[1], it.Box[2], it.Box[3])
		if d := boxChanged(p.Original, p.Redacted, r); d < 10 {
			t.Errorf("%s at %v barely changed (%.1f)", it.Kind, r, d)
		}
	}
	if len(h.u.Preview.Images) != 1 || h.u.Preview.Images[0].Image != p.Small {
		t.Fatal("preview does not show the redacted image")
	}
	h.waitFor("text check", 5*time.Second, func() bool { return h.u.Model.TextChecked() })
	// Nothing goes out before the person has looked at the photo.
	if !h.u.SaveImages.Disabled() || !strings.Contains(h.u.Blocked.Text, "Looked at it") {
		t.Fatalf("save enabled before the photo was looked at: %q", h.u.Blocked.Text)
	}
	h.lookAt(p.ID)
	if h.u.SaveImages.Disabled() {
		t.Fatalf("save disabled: %q", h.u.Blocked.Text)
	}
	test.Tap(h.u.SaveImages)
	var files []os.DirEntry
	h.waitFor("saved", 30*time.Second, func() bool { return len(h.notify) > 0 })
	files, _ = os.ReadDir(h.dir)
	if len(files) != 1 || h.notify[0][:5] != "Saved" {
		t.Fatalf("saved %d files; told %q", len(files), h.notify)
	}
	out := filepath.Join(h.dir, files[0].Name())
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if has, what := export.HasMetadata(data); has {
		t.Errorf("saved image has metadata: %s", what)
	}
	img, err := imageio.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	if img.Pixels.Bounds() != sc.Image.Bounds() {
		t.Errorf("saved size %v, want %v", img.Pixels.Bounds(), sc.Image.Bounds())
	}
	for _, it := range sc.Items {
		if it.PII {
			r := image.Rect(it.Box[0], it.Box[1], it.Box[2], it.Box[3])
			if d := boxChanged(sc.Image, img.Pixels, r); d < 10 {
				t.Errorf("saved %s at %v barely changed (%.1f)", it.Kind, r, d)
			}
		}
	}
}
