package imageio

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestWalkAndLoadFolder runs a folder of good, bad and irrelevant files the
// way `safepost check DIR` does: every good photo loads, every bad one gives
// an error naming it, irrelevant files are not listed, and the order is the
// same every time.
func TestWalkAndLoadFolder(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"b.png":              encodePNG(t, markerImage(24, 16)),
		"a.JPG":              encodeJPEG(t, markerImage(24, 16)),
		"notes.jpg":          []byte("not a photo"),
		"empty.png":          {},
		"readme.txt":         []byte("ignored: not an image extension"),
		".hidden.jpg":        encodeJPEG(t, markerImage(8, 8)),
		".thumbnails/t.png":  encodePNG(t, markerImage(8, 8)),
		"ward 7/c.gif":       nil, // filled below
		"ward 7/deep/d.webp": readFixture(t, "quad.webp"),
		"ward 7/cut.jpg":     encodeJPEG(t, markerImage(64, 64))[:300],
		"z/cmyk.jpeg":        readFixture(t, "cmyk.jpg"),
	}
	files["ward 7/c.gif"] = files["b.png"] // PNG bytes under a .gif name: decoded by content
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	explicit := filepath.Join(dir, "readme.txt")
	missing := filepath.Join(dir, "gone.jpg")

	got, errs := Walk([]string{dir, explicit, missing})
	want := []string{
		"a.JPG", "b.png", "empty.png", "notes.jpg",
		"ward 7/c.gif", "ward 7/cut.jpg", "ward 7/deep/d.webp", "z/cmyk.jpeg",
	}
	for i, w := range want {
		want[i] = filepath.Join(dir, filepath.FromSlash(w))
	}
	want = append(want, explicit) // kept as given, though not an image name
	if !slices.Equal(got, want) {
		t.Errorf("Walk files:\n got %q\nwant %q", got, want)
	}
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), missing+": ") {
		t.Errorf("Walk errs = %v, want one naming %s", errs, missing)
	}

	again, _ := Walk([]string{dir, explicit, missing})
	if !slices.Equal(got, again) {
		t.Errorf("Walk is not deterministic:\n%q\n%q", got, again)
	}

	wantErr := map[string]error{
		"notes.jpg":      ErrUnsupported,
		"empty.png":      ErrEmpty,
		"ward 7/cut.jpg": ErrCorrupt,
		"readme.txt":     ErrUnsupported,
	}
	for _, p := range got {
		rel, _ := filepath.Rel(dir, p)
		img, err := Load(p)
		if want, bad := wantErr[filepath.ToSlash(rel)]; bad {
			if !errors.Is(err, want) {
				t.Errorf("Load(%s) err = %v, want %v", rel, err, want)
			} else if !strings.HasPrefix(err.Error(), p+": ") {
				t.Errorf("Load(%s) error %q does not name the file", rel, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Load(%s): %v", rel, err)
			continue
		}
		if img.Pixels == nil || img.Pixels.Bounds().Empty() {
			t.Errorf("Load(%s) gave no pixels", rel)
		}
	}
}

func TestWalkExplicitAndHiddenRoot(t *testing.T) {
	dir := t.TempDir()
	hidden := filepath.Join(dir, ".photos")
	if err := os.Mkdir(hidden, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(hidden, "x.png")
	if err := os.WriteFile(p, encodePNG(t, markerImage(8, 8)), 0o644); err != nil {
		t.Fatal(err)
	}
	// A hidden folder named explicitly is walked; an explicit hidden file
	// is kept; duplicates are kept as given.
	got, errs := Walk([]string{hidden, p, p})
	if want := []string{p, p, p}; !slices.Equal(got, want) || len(errs) != 0 {
		t.Errorf("Walk = %q, %v; want %q, no errors", got, errs, want)
	}
	if got, errs := Walk(nil); got != nil || errs != nil {
		t.Errorf("Walk(nil) = %q, %v", got, errs)
	}
	// A symlink to a folder, given explicitly, is followed.
	link := filepath.Join(dir, "shortcut")
	if err := os.Symlink(hidden, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if got, errs := Walk([]string{link}); !slices.Equal(got, []string{filepath.Join(link, "x.png")}) || errs != nil {
		t.Errorf("Walk(symlink) = %q, %v", got, errs)
	}
}
