package training

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"safepost/internal/synth"
)

// TestBuiltInDeck validates the bundled deck's ground truth against its
// photos: every scene loads and decodes at the size its JSON says, every
// patient-information box lies inside its photo, and the deck covers what
// a confidentiality session needs.
func TestBuiltInDeck(t *testing.T) {
	d, err := BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Scenes) < 20 {
		t.Errorf("deck has %d scenes, want at least 20", len(d.Scenes))
	}
	kinds := map[string]int{}
	levels := map[int]int{}
	clean := 0
	for _, s := range d.Scenes {
		kinds[s.Kind]++
		levels[s.Difficulty]++
		if s.Clean() {
			clean++
		}
	}
	// Decoding is slow under -race: one subtest per scene, in parallel.
	for _, s := range d.Scenes {
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			checkDeckScene(t, s)
		})
	}
	for _, k := range []string{"whiteboard", "wristband", "epr-screen", "handover-sheet", "name-card", "letter", "xray", "selfie", "label"} {
		if kinds[k] == 0 {
			t.Errorf("no %s scene in the deck", k)
		}
	}
	if clean < 2 {
		t.Errorf("%d clean negatives, want at least 2", clean)
	}
	for lv := 1; lv <= 3; lv++ {
		if levels[lv] == 0 {
			t.Errorf("no scene at difficulty %d", lv)
		}
	}
}

func checkDeckScene(t *testing.T, s *Scene) {
	if !slices.Contains(synth.Kinds(), s.Kind) {
		t.Errorf("scene kind %q is not one the generator draws", s.Kind)
	}
	if px := s.Width * s.Height; px < 500_000 || px > 2_500_000 {
		t.Errorf("%d pixels; keep deck photos around 1-2 MP", px)
	}
	if s.Title == "" || s.Tip == "" {
		t.Error("no title or tip")
	}
	img, err := s.Image()
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds() != s.Bounds() {
		t.Errorf("image %v, JSON says %dx%d", img.Bounds(), s.Width, s.Height)
	}
	for i, it := range s.Items {
		if !it.Rect().In(img.Bounds()) || it.Rect().Empty() {
			t.Errorf("item %d (%s): box %v not inside the %v image", i, it.Kind, it.Box, img.Bounds())
		}
		if it.PII && (it.Text == "" || it.Rule == "") {
			t.Errorf("item %d: patient information without text or rule", i)
		}
	}
	negative := s.Kind == "team-banner" || s.Kind == "signage"
	if s.Clean() != negative {
		t.Errorf("a %s scene with %d pieces of patient information", s.Kind, s.PIICount())
	}
}

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.White)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestLoadDeckRejects(t *testing.T) {
	good := `{"scene":"wristband","difficulty":2,"width":40,"height":30,"items":[{"text":"A","kind":"person-name","pii":true,"box":[1,1,10,10],"rule":"r"}]}`
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string // in the error; empty means it loads
	}{
		{"good", fstest.MapFS{"a.json": {Data: []byte(good)}, "a.png": {Data: pngBytes(t, 40, 30)}}, ""},
		{"size taken from the photo", fstest.MapFS{"a.json": {Data: []byte(strings.Replace(good, `"width":40,"height":30,`, "", 1))}, "a.png": {Data: pngBytes(t, 40, 30)}}, ""},
		{"size from the photo, box outside it", fstest.MapFS{"a.json": {Data: []byte(strings.Replace(good, `"width":40,"height":30,`, "", 1))}, "a.png": {Data: pngBytes(t, 8, 8)}}, "outside the 8x8 image"},
		{"no image", fstest.MapFS{"a.json": {Data: []byte(good)}}, "no a.jpg or a.png"},
		{"size mismatch", fstest.MapFS{"a.json": {Data: []byte(good)}, "a.png": {Data: pngBytes(t, 41, 30)}}, "41x30"},
		{"box outside", fstest.MapFS{"a.json": {Data: []byte(strings.Replace(good, "[1,1,10,10]", "[30,1,50,10]", 1))}, "a.png": {Data: pngBytes(t, 40, 30)}}, "outside"},
		{"empty box", fstest.MapFS{"a.json": {Data: []byte(strings.Replace(good, "[1,1,10,10]", "[10,1,10,10]", 1))}, "a.png": {Data: pngBytes(t, 40, 30)}}, "empty box"},
		{"difficulty", fstest.MapFS{"a.json": {Data: []byte(strings.Replace(good, `"difficulty":2`, `"difficulty":4`, 1))}, "a.png": {Data: pngBytes(t, 40, 30)}}, "difficulty 4"},
		{"no rule", fstest.MapFS{"a.json": {Data: []byte(strings.Replace(good, `"rule":"r"`, `"rule":""`, 1))}, "a.png": {Data: pngBytes(t, 40, 30)}}, "no rule"},
		{"unknown field", fstest.MapFS{"a.json": {Data: []byte(strings.Replace(good, `"scene"`, `"sceen"`, 1))}, "a.png": {Data: pngBytes(t, 40, 30)}}, "unknown field"},
		{"broken image", fstest.MapFS{"a.json": {Data: []byte(good)}, "a.png": {Data: []byte("not a png")}}, "reading a.png"},
		{"empty deck", fstest.MapFS{"readme.txt": {Data: []byte("x")}}, "no scenes"},
		{"names every bad scene", fstest.MapFS{
			"a.json": {Data: []byte(good)}, "b.json": {Data: []byte(good)}, "c.json": {Data: []byte(good)}, "c.png": {Data: pngBytes(t, 40, 30)}},
			"scene a: no a.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := LoadDeck(tt.fsys)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("LoadDeck: %v", err)
			case tt.want == "":
				if len(d.Scenes) != 1 || d.Scene("a") == nil || d.Scene("a").PIICount() != 1 {
					t.Fatalf("deck = %+v", d.Scenes)
				}
				if _, err := d.Scene("a").Image(); err != nil {
					t.Fatal(err)
				}
			case err == nil:
				t.Fatalf("LoadDeck loaded a bad deck; want an error with %q", tt.want)
			case !strings.Contains(err.Error(), tt.want):
				t.Fatalf("error %q does not mention %q", err, tt.want)
			}
			if tt.name == "names every bad scene" && !strings.Contains(err.Error(), "scene b") {
				t.Errorf("error %q does not name scene b too", err)
			}
		})
	}
}
