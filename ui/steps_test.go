package ui

import (
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"safepost/internal/review"
)

// TestStepScreenshots walks a nurse's post through the one window on the
// real engine and keeps a picture of each step (Fyne's test driver renders
// the window in software) in $SAFEPOST_ARTIFACTS, or a temporary folder:
// the post with its flags marked, the consent question, a photo's review,
// the photo picker, the saved message, the folder review and training.
// Each picture must show something, and each step must change it.
func TestStepScreenshots(t *testing.T) {
	if testing.Short() {
		t.Skip("the real engine")
	}
	dir := t.TempDir()
	if d := os.Getenv("SAFEPOST_ARTIFACTS"); d != "" {
		dir = filepath.Join(d, "steps")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, realEngine(t), 1)
	h.u.Win.Resize(fyne.NewSize(1000, 640))
	h.u.Saved = h.u.showSaved
	photo, _ := scenePhoto(t, "name-card", 1600, 1067)
	var last image.Image
	shot := func(name string) {
		t.Helper()
		h.pump()
		img := h.u.Win.Canvas().Capture()
		if sd := stddev(img); sd < 8 {
			t.Errorf("%s looks blank (stddev %.1f)", name, sd)
		}
		if last != nil && same(img, last) {
			t.Errorf("%s shows nothing new", name)
		}
		last = img
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
	}

	h.u.AddPaths([]string{photo})
	test.Type(h.u.Editor, "Happy 100th birthday to Doris Pemberton in bay 3! #TeamNHS")
	h.waitFor("checked", 60*time.Second, func() bool {
		return h.u.Model.Photos[0].State == review.Done && h.u.Model.TextChecked()
	})
	shot("1-post-flags")

	test.Tap(h.u.FindingRows[len(h.u.FindingRows)-1].Acknowledge)
	shot("2-consent")
	h.u.dismiss()

	for len(h.u.FindingRows) > 0 && h.u.FindingRows[0].Suggest != nil {
		test.Tap(h.u.FindingRows[0].Suggest)
		h.waitFor("text checked", 5*time.Second, h.u.Model.TextChecked)
	}
	rv := h.u.OpenReview(h.u.Model.Photos[0].ID)
	h.waitFor("the original scaled", 10*time.Second, func() bool { return h.u.Model.Photos[0].SmallOriginal() != nil })
	test.Type(rv.Alt, "A birthday card on the ward's desk")
	h.waitFor("description checked", 5*time.Second, func() bool { return h.u.Model.AltChecked(rv.ID) })
	test.Tap(rv.Looked)
	shot("3-review")
	test.Tap(rv.Done)

	pp := h.u.OpenPhotos()
	pp.Show(filepath.Dir(photo))
	h.waitFor("thumbnail", 10*time.Second, func() bool { return len(pp.Tiles) > 0 && pp.Tiles[0].Thumb.Image != nil })
	shot("4-picker")
	pp.dialog.Hide()

	if h.u.SaveImages.Disabled() {
		t.Fatalf("cannot save: %q", h.u.Blocked.Text)
	}
	test.Tap(h.u.SaveImages)
	h.waitFor("saved", 30*time.Second, func() bool { return len(h.u.dialogs) > 0 })
	shot("5-saved")
	h.u.dismiss()

	h.u.Modes.Select(h.u.FolderTab)
	h.u.Folder.OpenDir(filepath.Dir(photo))
	h.waitFor("folder checked", 60*time.Second, func() bool {
		return len(h.u.Folder.Visible) > 0 && h.u.Folder.Visible[0].Settled()
	})
	h.u.Folder.SelectItem(h.u.Folder.Visible[0].ID)
	shot("6-folder")

	h.u.Modes.Select(h.u.TrainTab)
	h.waitFor("the scene", 10*time.Second, func() bool { return h.u.Training.Spot.Loaded() })
	shot("7-training")
	t.Logf("screenshots in %s", dir)
}

// stddev is the standard deviation of an image's grey levels.
func stddev(img image.Image) float64 {
	b := img.Bounds()
	var sum, sq, n float64
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			v := float64(r+g+bl) / 3 / 257
			sum += v
			sq += v * v
			n++
		}
	}
	m := sum / n
	return math.Sqrt(sq/n - m*m)
}

// same reports whether two images have the same pixels.
func same(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}
