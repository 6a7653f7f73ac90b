package ui

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"safepost/checks"
	"safepost/internal/cli"
	"safepost/internal/decisions"
	"safepost/internal/imageio"
	"safepost/internal/ocr"
	"safepost/internal/pipeline"
	"safepost/internal/redact"
	"safepost/internal/review"
	"safepost/internal/scan"
)

// parityW and parityH are the size of the parity test's photos; the fake
// OCR reads a name only in an image of that size, so the verifier's read
// of the blurred areas (a smaller mosaic) finds nothing and fills nothing.
const parityW, parityH = 240, 160

// parityEngine is a real pipeline on a fake OCR that reads "Mrs Joan
// Okafor" and a detector that finds a turned face, with its redaction's
// randomness fixed, so two front ends can be compared pixel for pixel.
func parityEngine(t *testing.T) *pipeline.Engine {
	t.Helper()
	fake := &ocr.Fake{ReadFunc: func(img image.Image) *ocr.Page {
		if img.Bounds().Dx() != parityW || img.Bounds().Dy() != parityH {
			return &ocr.Page{}
		}
		words := []ocr.Word{
			{Text: "Mrs", Box: image.Rect(10, 10, 40, 30), Conf: 95},
			{Text: "Joan", Box: image.Rect(45, 10, 85, 30), Conf: 95},
			{Text: "Okafor", Box: image.Rect(90, 10, 150, 30), Conf: 95},
		}
		return &ocr.Page{Lines: []ocr.Line{{Words: words, Box: image.Rect(10, 10, 150, 30)}}}
	}}
	cs, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	eng := pipeline.With(fake, cs, redact.Blur, parityFace{})
	eng.SetRandom(func() io.Reader { return rand.NewChaCha8([32]byte{7}) })
	return eng
}

// parityFace finds a face as a turned outline, as the scanner reports a
// row on a tilted photo: the command line used to blur its whole box.
type parityFace struct{}

func (parityFace) Scan(context.Context, *image.NRGBA, *image.Gray) ([]scan.Finding, []scan.Region, error) {
	b := image.Rect(120, 60, 200, 140)
	q := [4]image.Point{{b.Min.X + 12, b.Min.Y}, {b.Max.X, b.Min.Y + 12}, {b.Max.X - 12, b.Max.Y}, {b.Min.X, b.Max.Y - 12}}
	return nil, []scan.Region{{Box: b, Quad: q, Kinds: []string{checks.KindFace}, Reason: "Looks like a face",
		Confidence: 0.8, TextHeight: 10, Source: "image", Words: []image.Rectangle{b.Inset(14)}}}, nil
}

// TestParityWithCommandLine feeds the same photos and the same stored,
// approved review through `safepost redact` and through the app's folder
// review and export, and asserts the written pixels are identical.
func TestParityWithCommandLine(t *testing.T) {
	cases := []struct {
		name string
		edit func(regions []review.Region) []review.Region
	}{
		{"as scanned", func(r []review.Region) []review.Region { return r }},
		{"the face left clear", func(r []review.Region) []review.Region {
			for i := range r {
				if r[i].Kinds[0] == checks.KindFace {
					r[i].Off, r[i].Why = true, "Colleague, consented"
				}
			}
			return r
		}},
		{"an area drawn, filled", func(r []review.Region) []review.Region {
			d := review.Draw(image.Rect(20, 100, 90, 140), redact.Fill)
			d.Why = "Wristband"
			return append(r, d)
		}},
		{"pixelated", func(r []review.Region) []review.Region {
			for i := range r {
				r[i].Style = redact.Pixelate
			}
			return r
		}},
	}
	dir, dataDir := t.TempDir(), t.TempDir()
	t.Setenv(decisions.EnvDataDir, dataDir)
	db, err := decisions.DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	store, err := decisions.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	eng := parityEngine(t)
	for i, c := range cases {
		path := filepath.Join(dir, c.name+".png")
		writeParityPhoto(t, path, uint8(i))
		img, hash, err := decisions.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		checked := review.Check(context.Background(), eng, img.Pixels, redact.Blur, nil, review.Reviewing)
		if checked.State != review.Done || len(checked.Regions) < 2 {
			t.Fatalf("%s: the scan found %d regions (%v)", c.name, len(checked.Regions), checked.Err)
		}
		regions := c.edit(checked.Regions)
		if err := store.Put(decisions.Record{Hash: hash, Decision: decisions.Approved, Check: decisions.Verified,
			Regions: review.Stored(regions), Reviewer: "Alex Reviewer", Time: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}

	// The command line.
	var out, errb bytes.Buffer
	env := cli.Env{Stdout: &out, Stderr: &errb, NewEngine: func(pipeline.Options) (*pipeline.Engine, error) { return parityEngine(t), nil }}
	cliOut := t.TempDir()
	if code := cli.Run(env, []string{"redact", "-o", cliOut, "--decisions", db, dir}); code != cli.ExitClean {
		t.Fatalf("safepost redact: exit %d: %s", code, errb.String())
	}

	// The app: open the folder, see the approvals, export.
	fh := newFolderHarness(t, parityEngine(t), dir, dataDir)
	fh.settle()
	for _, it := range fh.v.Model.Items {
		if it.Decision != decisions.Approved {
			t.Fatalf("%s: %s in the app (%s)", it.Name, it.DecisionLabel(), it.Note)
		}
	}
	fh.v.ExportTo(fh.out)
	fh.waitFor("the export", 30*time.Second, func() bool { return len(fh.notify) > 0 })

	for _, c := range cases {
		a := loadPixels(t, filepath.Join(cliOut, c.name+".png"))
		b := loadPixels(t, filepath.Join(fh.out, c.name+".png"))
		orig := loadPixels(t, filepath.Join(dir, c.name+".png"))
		if !bytes.Equal(a.Pix, b.Pix) || a.Rect != b.Rect {
			t.Errorf("%s: the command line and the app wrote different pixels", c.name)
		}
		if bytes.Equal(a.Pix, orig.Pix) {
			t.Errorf("%s: nothing was blurred", c.name)
		}
	}
}

// writeParityPhoto writes a busy picture (so a blur shows) that differs
// by seed, so each case has its own hash.
func writeParityPhoto(t *testing.T, path string, seed uint8) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, parityW, parityH))
	for y := 0; y < parityH; y++ {
		for x := 0; x < parityW; x++ {
			v := uint8(40)
			if (x/3+y/3)%2 == 0 {
				v = 200
			}
			img.SetNRGBA(x, y, color.NRGBA{v, v ^ seed, v, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func loadPixels(t *testing.T, path string) *image.NRGBA {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("not written: %v", err)
	}
	img, err := imageio.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return img.Pixels
}
