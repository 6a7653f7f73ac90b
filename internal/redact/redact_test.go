package redact

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/disintegration/imaging"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// textImage draws dark text on a light background and returns the image
// and a mask of the ink pixels.
func textImage(w, h int, text string) (*image.NRGBA, []bool) {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 235
	}
	d := font.Drawer{Dst: img, Src: image.NewUniform(color.NRGBA{20, 20, 40, 255}), Face: basicfont.Face7x13, Dot: fixed.P(6, h/2+4)}
	d.DrawString(text)
	ink := make([]bool, w*h)
	for i := range ink {
		ink[i] = img.Pix[4*i] < 128
	}
	return img, ink
}

func TestStylesDestroyInk(t *testing.T) {
	for _, style := range []Style{Blur, Pixelate, Fill} {
		t.Run(style.String(), func(t *testing.T) {
			img, ink := textImage(160, 24, "KOWALCZYK 9990001232")
			before := append([]uint8{}, img.Pix...)
			out := Apply(img, []Area{{Box: img.Bounds(), TextHeight: 13, Style: style}})
			if !bytes.Equal(before, img.Pix) {
				t.Fatal("Apply changed its input")
			}
			total, changed := 0, 0
			for i, isInk := range ink {
				if !isInk {
					continue
				}
				total++
				d := int(out.Pix[4*i]) - int(img.Pix[4*i])
				if d > 24 || d < -24 {
					changed++
				}
			}
			if total == 0 || float64(changed) < 0.9*float64(total) {
				t.Errorf("%s changed %d of %d ink pixels; want at least 90%%", style, changed, total)
			}
			// No dark stroke may survive: text is dark, so a destroyed
			// region has no pixel anywhere near the ink colour.
			for i := 0; i < len(out.Pix); i += 4 {
				if out.Pix[i] < 90 && style != Fill {
					t.Fatalf("%s left an ink-dark pixel at %d", style, i/4)
				}
			}
		})
	}
}

func TestApplyOutsideAndEmpty(t *testing.T) {
	img, _ := textImage(40, 20, "AB")
	out := Apply(img, []Area{{Box: image.Rect(100, 100, 200, 200)}, {Box: image.Rectangle{}}})
	if !bytes.Equal(out.Pix, img.Pix) {
		t.Error("areas outside the image changed pixels")
	}
	part := Apply(img, []Area{{Box: image.Rect(0, 0, 20, 20), Style: Fill}})
	if !bytes.Equal(part.Pix[4*30:4*31], img.Pix[4*30:4*31]) {
		t.Error("a pixel outside the area changed")
	}
}

func TestParseStyle(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Style
		bad  bool
	}{{"", Blur, false}, {"blur", Blur, false}, {"pixelate", Pixelate, false}, {"fill", Fill, false}, {"solid", Fill, false}, {"smudge", Blur, true}} {
		got, err := ParseStyle(tt.in)
		if got != tt.want || (err != nil) != tt.bad {
			t.Errorf("ParseStyle(%q) = %v, %v", tt.in, got, err)
		}
	}
}

// TestGolden keeps the look of each style stable; run with -update after a
// deliberate change and look at the new files.
func TestGolden(t *testing.T) {
	img, _ := textImage(200, 40, "Bed 4 Mrs T. Qwerlin")
	for _, style := range []Style{Blur, Pixelate, Fill} {
		out := Apply(img, []Area{{Box: image.Rect(40, 8, 190, 34), TextHeight: 13, Style: style}})
		path := filepath.Join("testdata", style.String()+".golden.png")
		if *update {
			var buf bytes.Buffer
			if err := png.Encode(&buf, out); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		want, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if d := maxDiff(want, out); d > 2 {
			_ = os.MkdirAll(filepath.Join("testdata", "failed"), 0o755)
			fail, _ := os.Create(filepath.Join("testdata", "failed", style.String()+".png"))
			_ = png.Encode(fail, out)
			fail.Close()
			t.Errorf("%s differs from golden by up to %d levels; see testdata/failed", style, d)
		}
	}
}

func maxDiff(a image.Image, b *image.NRGBA) int {
	if a.Bounds() != b.Bounds() {
		return 255
	}
	m := 0
	for y := 0; y < b.Rect.Dy(); y++ {
		for x := 0; x < b.Rect.Dx(); x++ {
			c := color.NRGBAModel.Convert(a.At(x, y)).(color.NRGBA)
			o := b.NRGBAAt(x, y)
			for _, d := range []int{int(c.R) - int(o.R), int(c.G) - int(o.G), int(c.B) - int(o.B)} {
				m = max(m, max(d, -d))
			}
		}
	}
	return m
}

func BenchmarkBlur12MPBoard(b *testing.B) {
	img := image.NewNRGBA(image.Rect(0, 0, 4000, 3000))
	b.ReportAllocs()
	for b.Loop() {
		Apply(img, []Area{{Box: image.Rect(500, 500, 3500, 2500), TextHeight: 60}})
	}
}

func TestApplyQuadStaysInside(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 200, 200))
	for y := 0; y < 200; y++ {
		for x := 0; x < 200; x++ {
			v := uint8(0)
			if (x/3+y/3)%2 == 0 {
				v = 255
			}
			img.SetNRGBA(x, y, color.NRGBA{v, v, v, 255})
		}
	}
	// A diamond inside the box (20,20)-(180,180).
	q := [4]image.Point{{100, 20}, {180, 100}, {100, 180}, {20, 100}}
	for _, st := range []Style{Blur, Pixelate, Fill} {
		out := Apply(img, []Area{{Box: image.Rect(20, 20, 180, 180), TextHeight: 12, Style: st, Quad: q}})
		if out.NRGBAAt(25, 25) != img.NRGBAAt(25, 25) || out.NRGBAAt(175, 175) != img.NRGBAAt(175, 175) {
			t.Errorf("%v: the corners outside the outline changed", st)
		}
		changed := 0
		for y := 90; y < 110; y++ {
			for x := 90; x < 110; x++ {
				if out.NRGBAAt(x, y) != img.NRGBAAt(x, y) {
					changed++
				}
			}
		}
		if changed < 200 {
			t.Errorf("%v: only %d of 400 pixels at the centre changed", st, changed)
		}
	}
}

// TestBlurLeavesNoShadeAsItWas: faint, anti-aliased and coloured ink must
// change under a blur too, not only the dark cores of strokes that the
// shrinking averages away.
func TestBlurLeavesNoShadeAsItWas(t *testing.T) {
	tests := []struct {
		name     string
		bg, ink  color.NRGBA
		minShare float64 // of the pixels that differ from the background
	}{
		{"faint grey print on grey paper", color.NRGBA{190, 190, 190, 255}, color.NRGBA{160, 160, 160, 255}, 1},
		{"print washed out by glare", color.NRGBA{200, 200, 200, 255}, color.NRGBA{192, 192, 192, 255}, 1},
		{"black print on white", color.NRGBA{245, 245, 245, 255}, color.NRGBA{10, 10, 10, 255}, 1},
		{"blue marker on a whiteboard", color.NRGBA{240, 242, 245, 255}, color.NRGBA{40, 70, 190, 255}, 0.95},
		{"red marker on a whiteboard", color.NRGBA{240, 242, 245, 255}, color.NRGBA{200, 40, 40, 255}, 0.95},
		{"green marker on a whiteboard", color.NRGBA{240, 242, 245, 255}, color.NRGBA{30, 130, 60, 255}, 0.95},
		{"orange marker on a whiteboard", color.NRGBA{240, 242, 245, 255}, color.NRGBA{220, 110, 20, 255}, 0.95},
		{"white text on a blue screen", color.NRGBA{30, 60, 140, 255}, color.NRGBA{250, 250, 250, 255}, 0.95},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := image.NewNRGBA(image.Rect(0, 0, 200, 40))
			draw.Draw(img, img.Bounds(), image.NewUniform(tt.bg), image.Point{}, draw.Src)
			d := font.Drawer{Dst: img, Src: image.NewUniform(tt.ink), Face: basicfont.Face7x13, Dot: fixed.P(6, 24)}
			d.DrawString("OKAFOR 999 000 1232")
			out := Apply(img, []Area{{Box: img.Bounds(), TextHeight: 13, Style: Blur}})
			ink, changed := 0, 0
			for i := 0; i < len(img.Pix); i += 4 {
				if img.Pix[i] == tt.bg.R && img.Pix[i+1] == tt.bg.G && img.Pix[i+2] == tt.bg.B {
					continue
				}
				ink++
				sum := 0
				for c := 0; c < 3; c++ {
					v := int(out.Pix[i+c]) - int(img.Pix[i+c])
					sum += max(v, -v)
				}
				if sum > 24 {
					changed++
				}
			}
			if ink == 0 || float64(changed) < tt.minShare*float64(ink) {
				t.Errorf("changed %d of %d ink pixels; want at least %.0f%%", changed, ink, 100*tt.minShare)
			}
		})
	}
}

// TestTintFollowsTheWords: on a board written in orange marker beside a
// wide teal wall, counting the whole area picks the amber tint (teal would
// keep the wall's shade), which keeps the shade of the ink's soft edges.
// Counting the ink in the words' boxes, as the scan gives them, picks teal
// and changes all of it.
func TestTintFollowsTheWords(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 600, 40))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.NRGBA{40, 140, 140, 255}), image.Point{}, draw.Src)
	bg := color.NRGBA{240, 242, 245, 255}
	board := image.NewNRGBA(image.Rect(0, 0, 200, 40))
	draw.Draw(board, board.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	d := font.Drawer{Dst: board, Src: image.NewUniform(color.NRGBA{220, 110, 20, 255}), Face: basicfont.Face7x13, Dot: fixed.P(6, 24)}
	d.DrawString("OKAFOR 999 000 1232")
	// Marker strokes have soft edges: pixels between ink and board.
	board = imaging.Blur(board, 0.7)
	at := image.Pt(400, 0)
	draw.Draw(img, board.Bounds().Add(at), board, image.Point{}, draw.Src)
	words := []image.Rectangle{image.Rect(404, 12, 540, 28)}
	tests := []struct {
		name      string
		words     []image.Rectangle
		wantTint  [3]int
		wantShare float64 // of the ink pixels changed, at least
	}{
		{"whole area", nil, tints[0], 0},
		{"words known", words, tints[1], 0.99},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			areas := []Area{{Box: img.Bounds(), TextHeight: 13, Style: Blur, Words: tt.words}}
			if got := chooseTint(img, areas); got != tt.wantTint {
				t.Fatalf("tint %v, want %v", got, tt.wantTint)
			}
			out := Apply(img, areas)
			ink, changed := 0, 0
			for y := 0; y < board.Rect.Dy(); y++ {
				for x := 0; x < board.Rect.Dx(); x++ {
					i := img.PixOffset(x+at.X, y+at.Y)
					sum := 0
					for c := 0; c < 3; c++ {
						v := int(img.Pix[i+c]) - int([3]uint8{bg.R, bg.G, bg.B}[c])
						sum += max(v, -v)
					}
					if sum <= 12 {
						continue // board
					}
					ink++
					sum = 0
					for c := 0; c < 3; c++ {
						v := int(out.Pix[i+c]) - int(img.Pix[i+c])
						sum += max(v, -v)
					}
					if sum > 24 {
						changed++
					}
				}
			}
			t.Logf("changed %d of %d ink pixels", changed, ink)
			if ink == 0 || float64(changed) < tt.wantShare*float64(ink) {
				t.Errorf("changed %d of %d ink pixels; want at least %.0f%%", changed, ink, 100*tt.wantShare)
			}
		})
	}
}
