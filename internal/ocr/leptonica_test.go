package ocr

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	xbmp "golang.org/x/image/bmp"

	"safepost/internal/synth"
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

// TestLeptonicaReadsBMPAsPGM reads the same generated whiteboard through
// Leptonica and Tesseract as PGM (what Linux sends) and as BMP (what
// Windows sends): every word and box must be the same. (A BMP that gave a
// resolution changed what Tesseract read on a full page, not on one line.)
func TestLeptonicaReadsBMPAsPGM(t *testing.T) {
	var spec synth.Spec
	for _, s := range synth.Corpus() {
		if s.Kind == "whiteboard" && s.Width*s.Height <= 1_000_000 {
			spec = s
			break
		}
	}
	if spec.Name == "" {
		t.Fatal("no small whiteboard in the corpus")
	}
	sc, err := synth.Render(spec)
	if err != nil {
		t.Fatal(err)
	}
	read := func(enc func(*image.Gray) []byte) []string {
		defer func(old func(*image.Gray) []byte) { leptonicaImage = old }(leptonicaImage)
		leptonicaImage = enc
		eng, err := NewTesseract(Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		defer eng.Close()
		p, err := eng.Read(context.Background(), sc.Image)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range p.Lines {
			for _, w := range l.Words {
				out = append(out, fmt.Sprintf("%s %v", w.Text, w.Box))
			}
		}
		return out
	}
	p, b := read(pgm), read(bmp)
	if len(p) < 10 {
		t.Fatalf("read only %d words from the PGM of %s", len(p), spec.Name)
	}
	if diff := cmp.Diff(p, b); diff != "" {
		t.Errorf("%s read as PGM (-) and as BMP (+):\n%s", spec.Name, diff)
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
