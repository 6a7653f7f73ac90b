package pipeline

import (
	"bytes"
	"context"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"safepost/checks"
	"safepost/internal/decisions"
	"safepost/internal/ocr"
	"safepost/internal/redact"
)

// TestLoadKey: the key is made once, 0600, in a folder made for it, and
// read back the same; a damaged or unreadable one is an error that says
// what it is, never a new key in its place.
func TestLoadKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new", "safepost", KeyFileName)
	key, err := LoadKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(key) != keySize || bytes.Equal(key, make([]byte, keySize)) {
		t.Fatalf("made a key of %d bytes: %x", len(key), key)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("the key's mode is %v, want 0600", fi.Mode().Perm())
	}
	again, err := LoadKey(path)
	if err != nil || !bytes.Equal(again, key) {
		t.Errorf("reading the key again gave %x, %v; want the same key", again, err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}

	short := filepath.Join(dir, "short.key")
	if err := os.WriteFile(short, []byte("too short"), 0o600); err != nil {
		t.Fatal(err)
	}
	notFile := filepath.Join(dir, "dir.key")
	if err := os.Mkdir(notFile, 0o700); err != nil {
		t.Fatal(err)
	}
	blocked := filepath.Join(short, KeyFileName) // its folder is a file
	for _, tt := range []struct{ name, path, want string }{
		{"damaged", short, "damaged"},
		{"not a file", notFile, "reading the redaction key"},
		{"its folder is a file", blocked, "reading the redaction key"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(tt.path)
			k, err := LoadKey(tt.path)
			if err == nil || !bytes.Contains([]byte(err.Error()), []byte(tt.want)) {
				t.Errorf("LoadKey = %x, %v; want an error about %q", k, err, tt.want)
			}
			if after, _ := os.ReadFile(tt.path); !bytes.Equal(before, after) {
				t.Error("the file was changed")
			}
		})
	}
}

// TestLoadKeyAtOnce: several SafePosts starting at the same moment (the
// app and the command line) all end up with the one key.
func TestLoadKeyAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), KeyFileName)
	keys := make([][]byte, 8)
	errs := make([]error, len(keys))
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() { keys[i], errs[i] = LoadKey(path) })
	}
	wg.Wait()
	for i := range keys {
		if errs[i] != nil || !bytes.Equal(keys[i], keys[0]) {
			t.Errorf("load %d: %x, %v; load 0: %x", i, keys[i], errs[i], keys[0])
		}
	}
}

func TestDefaultKeyPathIsBesideTheDecisions(t *testing.T) {
	t.Setenv(decisions.EnvDataDir, "/some/dir")
	if p, err := DefaultKeyPath(); err != nil || p != filepath.Join("/some/dir", KeyFileName) {
		t.Errorf("DefaultKeyPath = %q, %v", p, err)
	}
}

// keyedEngine is a pipeline on a fake OCR that reads a patient's name on
// the photo (and, with stubborn, in the middle of what the verifier shows
// it, so that the area is filled solid) with the key loaded from keyPath.
func keyedEngine(t *testing.T, keyPath string, stubborn bool) *Engine {
	t.Helper()
	fake := &ocr.Fake{ReadFunc: func(img image.Image) *ocr.Page {
		if b := img.Bounds(); b.Dx() != photoW {
			if !stubborn {
				return &ocr.Page{}
			}
			// The verifier's view of the one area: the name, still
			// readable, in its middle.
			c := b.Min.Add(b.Max).Div(2)
			w := ocr.Word{Text: "Okafor", Box: image.Rect(c.X-30, c.Y-8, c.X+30, c.Y+8), Conf: 95}
			return &ocr.Page{Lines: []ocr.Line{{Words: []ocr.Word{w}, Box: w.Box}}}
		}
		words := []ocr.Word{
			{Text: "Mrs", Box: image.Rect(10, 390, 40, 410), Conf: 95},
			{Text: "Joan", Box: image.Rect(45, 390, 85, 410), Conf: 95},
			{Text: "Okafor", Box: image.Rect(90, 390, 150, 410), Conf: 95},
		}
		return &ocr.Page{Lines: []ocr.Line{{Words: words, Box: image.Rect(10, 390, 150, 410)}}}
	}}
	cs, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	eng := With(fake, cs, redact.Blur)
	eng.useKey(LoadKey(keyPath))
	return eng
}

// The label's photo: wide and tall enough that the area's margins end on
// paper, not at the photo's edge, where every redaction's would be the
// same.
const photoW, photoH = 2400, 800

func labelPhoto(nudge bool) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, photoW, photoH))
	for i := range img.Pix {
		img.Pix[i] = 235
	}
	for x := 12; x < 148; x += 3 {
		for y := 392; y < 408; y++ {
			img.Pix[img.PixOffset(x, y)], img.Pix[img.PixOffset(x, y)+1], img.Pix[img.PixOffset(x, y)+2] = 20, 20, 40
		}
	}
	if nudge {
		img.Pix[img.PixOffset(photoW-10, photoH-10)]--
	}
	return img
}

// TestEngineRedactsTheSamePhotoTheSameWay: with its key, the engine
// gives the same pixels every time it redacts the same photo (verified,
// or filled solid by the verifier); another photo, another key, or no key
// gives other randomness. A key that cannot be read is reported and the
// engine redacts with fresh randomness instead.
func TestEngineRedactsTheSamePhotoTheSameWay(t *testing.T) {
	dir := t.TempDir()
	keyA, keyB := filepath.Join(dir, "a.key"), filepath.Join(dir, "b.key")
	unreadable := filepath.Join(dir, "unreadable.key")
	if err := os.Mkdir(unreadable, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, stubborn := range []bool{false, true} {
		first := keyedEngine(t, keyA, stubborn)
		if first.KeyErr() != nil {
			t.Fatal(first.KeyErr())
		}
		want, err := first.Process(context.Background(), labelPhoto(false))
		if err != nil {
			t.Fatal(err)
		}
		if (want.Escalated > 0) != stubborn {
			t.Fatalf("stubborn %v: %d areas filled by the verifier", stubborn, want.Escalated)
		}
		tests := []struct {
			name  string
			key   string
			nudge bool
			same  bool
		}{
			{"again, by another engine with the same key", keyA, false, true},
			{"one pixel changed", keyA, true, false},
			{"another key", keyB, false, false},
			{"a key that cannot be read", unreadable, false, false},
		}
		for _, tt := range tests {
			eng := keyedEngine(t, tt.key, stubborn)
			if (eng.KeyErr() != nil) != (tt.key == unreadable) {
				t.Errorf("stubborn %v, %s: KeyErr = %v", stubborn, tt.name, eng.KeyErr())
			}
			var outs [2][]byte
			for i := range outs {
				got, err := eng.Process(context.Background(), labelPhoto(tt.nudge))
				if err != nil {
					t.Fatal(err)
				}
				outs[i] = got.Redacted.Pix
				if same := bytes.Equal(got.Redacted.Pix, want.Redacted.Pix); same != tt.same {
					t.Errorf("stubborn %v, %s: the same pixels as the first redaction: %v, want %v", stubborn, tt.name, same, tt.same)
				}
			}
			if same := bytes.Equal(outs[0], outs[1]); same != (eng.KeyErr() == nil) {
				t.Errorf("stubborn %v, %s: two redactions by one engine the same: %v, want %v", stubborn, tt.name, same, eng.KeyErr() == nil)
			}
		}
	}
}
