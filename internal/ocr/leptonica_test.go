package ocr

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	xbmp "golang.org/x/image/bmp"
)

var execCommand = exec.Command

func TestBMPRoundTrip(t *testing.T) {
	for _, w := range []int{1, 3, 4, 5, 257} { // every row padding
		g := image.NewGray(image.Rect(7, 3, 7+w, 3+5))
		for i := range g.Pix {
			g.Pix[i] = uint8(i * 37)
		}
		sub := g.SubImage(image.Rect(7, 4, 7+w, 7)).(*image.Gray)
		got, err := xbmp.Decode(bytes.NewReader(bmp(sub)))
		if err != nil {
			t.Fatalf("width %d: %v", w, err)
		}
		if got.Bounds().Dx() != w || got.Bounds().Dy() != 3 {
			t.Fatalf("width %d: decoded %v", w, got.Bounds())
		}
		for y := 0; y < 3; y++ {
			for x := 0; x < w; x++ {
				want := sub.GrayAt(7+x, 4+y).Y
				if c := color.GrayModel.Convert(got.At(x, y)).(color.Gray).Y; c != want {
					t.Fatalf("width %d: pixel (%d,%d) = %d, want %d", w, x, y, c, want)
				}
			}
		}
	}
}

// TestLeptonicaReadsBMPAsPGM reads the same page through Leptonica and
// Tesseract as PGM (what Linux sends) and as BMP (what Windows sends): the
// words and boxes must be the same.
func TestLeptonicaReadsBMPAsPGM(t *testing.T) {
	dark, light := color.NRGBA{25, 25, 35, 255}, color.NRGBA{235, 235, 228, 255}
	img := render(t, "Bed 4 Mrs Joan OKAFOR 943 476 5919", 30, dark, light, 1001, 301)
	read := func(enc func(*image.Gray) []byte) []rawWord {
		eng, err := NewTesseract(Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		defer eng.Close()
		c, err := eng.newClient()
		if err != nil {
			t.Fatal(err)
		}
		g := gray(img)
		ws, err := readJobWith(c, job{img: g, scale: 1, psm: DefaultPasses()[0].PSM}, 0, enc)
		if err != nil {
			t.Fatal(err)
		}
		return ws
	}
	p, b := read(pgm), read(bmp)
	if len(p) == 0 {
		t.Fatal("nothing read from the PGM")
	}
	if len(p) != len(b) {
		t.Fatalf("PGM read %d words, BMP %d", len(p), len(b))
	}
	for i := range p {
		if p[i].Text != b[i].Text || p[i].Box != b[i].Box {
			t.Errorf("word %d: PGM %q %v, BMP %q %v", i, p[i].Text, p[i].Box, b[i].Text, b[i].Box)
		}
	}
}

// TestReadNeedsNoTempFolder reads a page with the temporary folder pointed
// at one that does not exist. Where the C library has no fmemopen
// (Windows), Leptonica reads PGM and the other formats through a file it
// writes there (deleted on close, but written all the same): such a read
// fails here, so this catches patient pixels being spilled to disk.
func TestReadNeedsNoTempFolder(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing")
	for _, v := range []string{"TMPDIR", "TMP", "TEMP"} {
		t.Setenv(v, missing)
	}
	eng, err := NewTesseract(Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	img := render(t, "Mrs Joan OKAFOR", 30, color.Black, color.White, 900, 300)
	p, err := eng.Read(context.Background(), img)
	if err != nil {
		t.Fatal(err)
	}
	if got := words(p); !strings.Contains(got, "OKAFOR") {
		t.Errorf("read %q with no temporary folder; want OKAFOR", got)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("the temporary folder %s was created", missing)
	}
}

// TestStderrUsableAfterClientStart starts Tesseract clients (gosseract
// redirects stderr while they initialise) and checks that os.Stderr can
// still be written to.
func TestStderrUsableAfterClientStart(t *testing.T) {
	eng, err := NewTesseract(Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	for i := 0; i < 2; i++ {
		if _, err := eng.newClient(); err != nil {
			t.Fatal(err)
		}
	}
	// A write of nothing still reaches the system (write, WriteFile),
	// which refuses a closed handle; Stat would not do under Wine, which
	// cannot stat a standard error redirected to a file at all.
	if _, err := os.Stderr.Write(nil); err != nil {
		t.Fatalf("os.Stderr after Tesseract started: %v", err)
	}
}
