package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestDeckIsReproducible renders two scenes of the list again and compares
// them byte for byte with the bundled deck: the deck must be what the
// command makes. If the generator changed on purpose, regenerate the deck
// with go generate ./internal/training.
func TestDeckIsReproducible(t *testing.T) {
	bundled := filepath.Join("..", "..", "..", "..", "assets", "training")
	for _, name := range []string{"02-wristband", "07-signage"} {
		var en *entry
		for i := range deck {
			if deck[i].name == name {
				en = &deck[i]
			}
		}
		if en == nil {
			t.Fatalf("%s is not in the deck list", name)
		}
		img, js, err := render(*en, jpegQuality)
		if err != nil {
			t.Fatal(err)
		}
		for ext, got := range map[string][]byte{".json": js, ".jpg": img} {
			want, err := os.ReadFile(filepath.Join(bundled, name+ext))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s%s differs from the bundled deck: run go generate ./internal/training", name, ext)
			}
		}
	}
}

func TestDeckList(t *testing.T) {
	names := map[string]bool{}
	for _, en := range deck {
		if names[en.name] {
			t.Errorf("duplicate scene %s", en.name)
		}
		names[en.name] = true
		if en.title == "" || en.tip == "" {
			t.Errorf("%s: no title or tip", en.name)
		}
	}
}

func TestGenerateRemovesStaleScenes(t *testing.T) {
	if testing.Short() {
		t.Skip("renders the whole deck")
	}
	dir := t.TempDir()
	stale := filepath.Join(dir, "99-old.jpg")
	if err := os.WriteFile(stale, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	keep := filepath.Join(dir, "README")
	if err := os.WriteFile(keep, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	saved := deck
	deck = deck[:1]
	defer func() { deck = saved }()
	n, err := Generate(dir, jpegQuality, nil)
	if err != nil || n != 1 {
		t.Fatalf("Generate = %d, %v", n, err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("a stale scene was left in the deck folder")
	}
	if _, err := os.Stat(keep); err != nil {
		t.Error("a file that is not a scene was removed")
	}
	if _, err := os.Stat(filepath.Join(dir, deck[0].name+".json")); err != nil {
		t.Error(err)
	}
}
