package ui

import (
	"image"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// TestPhotoPicker: "Add photos…" shows a folder's photos (not its other
// files) as thumbnails, several are ticked and added at once, and the
// folder is remembered for next time.
func TestPhotoPicker(t *testing.T) {
	h := newHarness(t, &stub{}, 1)
	dir := t.TempDir()
	for _, name := range []string{"ward.png", "cards.png", "team.png"} {
		p := writePhoto(t, name, 1200, 900)
		dst := filepath.Join(dir, name)
		if err := os.Rename(p, dst); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a photo"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.jpg"), []byte("not a jpeg"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.u.App.Preferences().SetString(PrefPhotoFolder, dir)
	pp := h.u.OpenPhotos()
	if pp.Dir != dir || len(pp.Tiles) != 4 {
		t.Fatalf("picker on %s shows %d tiles, want the 4 photo files", pp.Dir, len(pp.Tiles))
	}
	h.waitFor("thumbnails", 5*time.Second, func() bool {
		for _, tl := range pp.Tiles {
			if tl.Thumb.Image == nil && !tl.Check.Disabled() {
				return false
			}
		}
		return true
	})
	for _, tl := range pp.Tiles {
		if img, ok := tl.Thumb.Image.(interface{ Bounds() image.Rectangle }); ok && tl.Thumb.Image != nil {
			if b := img.Bounds(); max(b.Dx(), b.Dy()) >= 2*pickerGrain {
				t.Errorf("%s: a %dx%d thumbnail is sharp enough to read", tl.Path, b.Dx(), b.Dy())
			}
		}
	}
	if !pp.Add.Disabled() {
		t.Error("Add enabled with nothing ticked")
	}
	var broken *PickerTile
	for _, tl := range pp.Tiles {
		switch filepath.Base(tl.Path) {
		case "broken.jpg":
			broken = tl
		case "ward.png", "team.png":
			test.Tap(tl.Check)
		}
	}
	if broken == nil || !broken.Check.Disabled() {
		t.Error("a file that cannot be read can be ticked")
	}
	if pp.Add.Text != "Add 2 photos" {
		t.Errorf("the button says %q", pp.Add.Text)
	}
	test.Tap(pp.Add)
	var got []string
	for _, p := range h.u.Model.Photos {
		got = append(got, p.Name)
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"team.png", "ward.png"}) {
		t.Errorf("added %v", got)
	}
	if len(h.u.Win.Canvas().Overlays().List()) != 0 {
		t.Error("the picker is still open")
	}
	if h.u.App.Preferences().String(PrefPhotoFolder) != dir {
		t.Error("the folder was not remembered")
	}
}
