package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disintegration/imaging"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"safepost/internal/ocr"
)

// A tiny set, made up here, scored with stand-in redactors whose figures
// are known without any golden file: doing nothing covers nothing, blurring
// everything covers (and over-blurs) everything, erasing only the patient
// item covers it and nothing else.

var white = color.NRGBA{255, 255, 255, 255}

// stripes draws dark text-like strokes in r.
func stripes(img *image.NRGBA, r image.Rectangle) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if (x/3)%2 == 0 && (y-r.Min.Y) > 2 && (r.Max.Y-y) > 2 {
				img.SetNRGBA(x, y, color.NRGBA{20, 20, 30, 255})
			}
		}
	}
}

var (
	piiBox   = image.Rect(20, 20, 120, 44)
	keepBox  = image.Rect(20, 120, 160, 144)
	labelBox = image.Rect(140, 20, 190, 44)
)

// writeSet writes doc.png (a patient item, a keep item, a label) and
// neg.png (a negative) with their ground truth into dir.
func writeSet(t *testing.T, dir string) map[string]*image.NRGBA {
	t.Helper()
	doc := solid(240, 180, white)
	stripes(doc, piiBox)
	stripes(doc, keepBox)
	stripes(doc, labelBox)
	neg := solid(240, 180, white)
	stripes(neg, image.Rect(30, 60, 200, 90))
	truth := map[string]Truth{
		"doc": {File: "doc.png", Width: 240, Height: 180, Category: "scan", Digital: true, Items: []TruthItem{
			{Text: "Joan Okafor", Kind: "person-name", PII: true, Box: box(piiBox)},
			{Text: "Examination", Kind: "keep", Box: box(keepBox)},
			{Text: "Name:", Kind: "label", Box: box(labelBox)},
		}},
		"neg": {File: "neg.png", Width: 240, Height: 180, Category: "negative"},
	}
	for name, tr := range truth {
		data, err := json.Marshal(tr)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".json"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	imgs := map[string]*image.NRGBA{"doc": doc, "neg": neg}
	for name, img := range imgs {
		writePNG(t, filepath.Join(dir, name+".png"), img)
	}
	return imgs
}

func box(r image.Rectangle) [4]float64 {
	return [4]float64{float64(r.Min.X), float64(r.Min.Y), float64(r.Max.X), float64(r.Max.Y)}
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func erase(img *image.NRGBA, r image.Rectangle) *image.NRGBA {
	out := imaging.Clone(img)
	draw.Draw(out, r, image.NewUniform(white), image.Point{}, draw.Src)
	return out
}

func TestRealFiguresOfStandIns(t *testing.T) {
	set := t.TempDir()
	imgs := writeSet(t, set)
	for _, tc := range []struct {
		name   string
		redact func(name string, img *image.NRGBA) image.Image // nil result: no output
		jpeg   bool
		want   string
	}{
		{"no-op", func(_ string, img *image.NRGBA) image.Image { return img }, false,
			"recall=0.000 leak=nan overblur_keep=0.000 negatives_changed=0/1 missing=0 images=2"},
		{"no-op re-encoded as JPEG", func(_ string, img *image.NRGBA) image.Image { return img }, true,
			"recall=0.000 leak=nan overblur_keep=0.000 negatives_changed=0/1 missing=0 images=2"},
		{"blur everything", func(_ string, img *image.NRGBA) image.Image { return imaging.Blur(img, 4) }, false,
			"recall=1.000 leak=nan overblur_keep=1.000 negatives_changed=1/1 missing=0 images=2"},
		{"erase the patient item", func(name string, img *image.NRGBA) image.Image {
			if name == "doc" {
				return erase(img, piiBox)
			}
			return img
		}, false, "recall=1.000 leak=nan overblur_keep=0.000 negatives_changed=0/1 missing=0 images=2"},
		{"erase half of it", func(name string, img *image.NRGBA) image.Image {
			if name == "doc" {
				return erase(img, image.Rect(piiBox.Min.X, piiBox.Min.Y, piiBox.Min.X+piiBox.Dx()/2, piiBox.Max.Y))
			}
			return img
		}, false, "recall=0.000 leak=nan overblur_keep=0.000 negatives_changed=0/1 missing=0 images=2"},
		{"no outputs", func(string, *image.NRGBA) image.Image { return nil }, false,
			"recall=0.000 leak=nan overblur_keep=0.000 negatives_changed=1/1 missing=2 images=2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			for name, img := range imgs {
				r := tc.redact(name, img)
				switch {
				case r == nil:
				case tc.jpeg:
					var buf bytes.Buffer
					if err := jpeg.Encode(&buf, r, &jpeg.Options{Quality: 92}); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(out, name+".jpg"), buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				default:
					writePNG(t, filepath.Join(out, name+".png"), r)
				}
			}
			rep, err := RunReal(context.Background(), nil, RealOptions{Dir: set, Redacted: out}, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			s := rep.Summarise()
			if got := s.Line(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			// Every breakdown adds up to the total.
			for _, g := range realGroups {
				var sum Tally
				for _, v := range s.Groups[g] {
					sum.PII += v.PII
					sum.Covered += v.Covered
				}
				if sum.PII != s.Total.PII || sum.Covered != s.Total.Covered {
					t.Errorf("%s: %d/%d; total %d/%d", g, sum.Covered, sum.PII, s.Total.Covered, s.Total.PII)
				}
			}
		})
	}
}

// TestVerboseKeepsPatientTextOut checks the per-image lines name the item
// only by kind and box unless the text is asked for.
func TestVerboseKeepsPatientTextOut(t *testing.T) {
	set := t.TempDir()
	imgs := writeSet(t, set)
	out := t.TempDir()
	for name, img := range imgs {
		writePNG(t, filepath.Join(out, name+".png"), img)
	}
	for _, show := range []bool{false, true} {
		var buf bytes.Buffer
		rep, err := RunReal(context.Background(), nil, RealOptions{Dir: set, Redacted: out, Verbose: true, ShowText: show}, &buf)
		if err != nil {
			t.Fatal(err)
		}
		rep.Summarise().Print(&buf)
		if !strings.Contains(buf.String(), "MISS person-name") {
			t.Errorf("no MISS line:\n%s", buf.String())
		}
		if got := strings.Contains(buf.String(), "Okafor"); got != show {
			t.Errorf("ShowText %v: patient text printed: %v\n%s", show, got, buf.String())
		}
	}
}

// TestLeakWithTesseract reads rendered text with the real Tesseract: left
// as it is, the name leaks; erased, it does not.
func TestLeakWithTesseract(t *testing.T) {
	if testing.Short() {
		t.Skip("reads with Tesseract")
	}
	if eng, err := ocr.NewTesseract(ocr.Options{Workers: 1}); err != nil {
		t.Skipf("Tesseract: %v", err)
	} else {
		eng.Close()
	}
	raw, err := os.ReadFile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
	if err != nil {
		t.Skipf("font: %v (Debian package fonts-dejavu-core)", err)
	}
	f, err := opentype.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 40, DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	defer face.Close()
	img := solid(640, 200, white)
	d := font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: face, Dot: fixed.P(30, 80)}
	b, _ := d.BoundString("Joan Okafor")
	d.DrawString("Joan Okafor")
	name := image.Rect(b.Min.X.Floor()-2, b.Min.Y.Floor()-2, b.Max.X.Ceil()+2, b.Max.Y.Ceil()+2)
	d.Dot = fixed.P(30, 160)
	d.DrawString("Examination room")

	set := t.TempDir()
	writePNG(t, filepath.Join(set, "doc.png"), img)
	tr := Truth{File: "doc.png", Width: 640, Height: 200, Category: "screen", Items: []TruthItem{
		{Text: "Joan Okafor", Kind: "person-name", PII: true, Box: box(name)},
	}}
	data, _ := json.Marshal(tr)
	if err := os.WriteFile(filepath.Join(set, "doc.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		out  image.Image
		want string
	}{
		{"left as it is", img, "recall=0.000 leak=1.000"},
		{"erased", erase(img, name), "recall=1.000 leak=0.000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			writePNG(t, filepath.Join(out, "doc.png"), tc.out)
			rep, err := RunReal(context.Background(), nil, RealOptions{Dir: set, Redacted: out, Leak: true, Workers: 2}, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			s := rep.Summarise()
			if !strings.HasPrefix(s.Line(), tc.want) {
				t.Errorf("got %s; want it to start %s", s.Line(), tc.want)
			}
			if s.Total.Readable != 1 {
				t.Errorf("Tesseract did not read the name in the original (readable %d)", s.Total.Readable)
			}
		})
	}
}
