package ocr

import (
	"context"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"os"
	"strings"
	"testing"

	"github.com/disintegration/imaging"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

const testFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

// render draws text of the given pixel size in fg on bg, in a canvas
// several times larger than the text, like a sign in a photo.
func render(t testing.TB, text string, size float64, fg, bg color.Color, w, h int) *image.NRGBA {
	t.Helper()
	data, err := os.ReadFile(testFont)
	if err != nil {
		t.Fatalf("%v (install the Debian package fonts-dejavu-core)", err)
	}
	f, err := opentype.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	d := font.Drawer{Dst: img, Src: image.NewUniform(fg), Face: face, Dot: fixed.P(w/10, h/2)}
	d.DrawString(text)
	return img
}

func words(p *Page) string {
	var s []string
	for _, l := range p.Lines {
		for _, w := range l.Words {
			s = append(s, w.Text)
		}
	}
	return strings.Join(s, " ")
}

func TestTesseractReadsPhotoText(t *testing.T) {
	eng, err := NewTesseract(Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	dark, light := color.NRGBA{25, 25, 35, 255}, color.NRGBA{235, 235, 228, 255}
	tests := []struct {
		name   string
		img    *image.NRGBA
		want   string
		within image.Rectangle
	}{
		{"small dark on light", render(t, "Mrs Joan OKAFOR", 16, dark, light, 900, 300), "OKAFOR", image.Rect(80, 120, 300, 160)},
		{"large sign", render(t, "KOWALCZYK", 110, dark, light, 1600, 700), "KOWALCZYK", image.Rect(140, 250, 900, 370)},
		{"light on dark screen", render(t, "Patient ADEYEMI", 24, color.NRGBA{220, 230, 240, 255}, color.NRGBA{20, 30, 45, 255}, 900, 300), "ADEYEMI", image.Rect(0, 0, 900, 300)},
		{"low contrast burn-in", render(t, "DOB 07.16.1953", 30, color.NRGBA{150, 150, 150, 255}, color.NRGBA{105, 105, 105, 255}, 900, 300), "07.16.1953", image.Rect(0, 0, 900, 300)},
		{"tilted board", imaging.Rotate(render(t, "Bed 4 Tomasz NOWAK", 36, dark, light, 1000, 400), 6, light), "NOWAK", image.Rect(0, 0, 1100, 600)},
		{"page photographed 20 degrees off level", imaging.Rotate(render(t, "Mrs Joan OKAFOR NHS 943 476 5919", 28, dark, light, 840, 336), -20, light), "OKAFOR", image.Rect(0, 0, 1000, 700)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := eng.Read(context.Background(), tt.img)
			if err != nil {
				t.Fatal(err)
			}
			got := words(p)
			if !strings.Contains(got, tt.want) {
				t.Fatalf("read %q; want it to contain %q", got, tt.want)
			}
			for _, l := range p.Lines {
				for _, w := range l.Words {
					if strings.Contains(w.Text, tt.want) && !w.Box.In(tt.within.Union(w.Box).Intersect(tt.img.Bounds())) {
						t.Errorf("box %v of %q outside the image", w.Box, w.Text)
					}
					if strings.Contains(w.Text, tt.want) && !w.Box.Overlaps(tt.within) {
						t.Errorf("box %v of %q is not where the text was drawn (%v)", w.Box, w.Text, tt.within)
					}
				}
			}
		})
	}
}

func TestTesseractMissingLanguageData(t *testing.T) {
	_, err := NewTesseract(Options{DataPath: t.TempDir()})
	if !errors.Is(err, ErrNoLanguageData) || !strings.Contains(err.Error(), "tesseract-ocr-eng") {
		t.Fatalf("err = %v; want ErrNoLanguageData naming the Debian package", err)
	}
}

func TestTesseractCancelled(t *testing.T) {
	eng, err := NewTesseract(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := eng.Read(ctx, image.NewNRGBA(image.Rect(0, 0, 100, 100))); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func BenchmarkRead12MP(b *testing.B) {
	eng, err := NewTesseract(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	img := render(b, "Bed 4 Mrs Joan OKAFOR DOB 12/03/1948", 40, color.Black, color.White, 4000, 3000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := eng.Read(context.Background(), img); err != nil {
			b.Fatal(err)
		}
	}
}
