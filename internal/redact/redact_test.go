package redact

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/disintegration/imaging"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// seeded is a Redactor whose randomness is fixed by seed, so a test's
// output can be compared.
func seeded(seed uint64) Redactor {
	var key [32]byte
	key[0], key[1] = byte(seed), byte(seed>>8)
	return Redactor{Rand: rand.NewChaCha8(key)}
}

// fieldsOf measures the fields of areas as Apply does.
func fieldsOf(img *image.NRGBA, areas []Area) []*field {
	out := make([]*field, len(areas))
	for i, a := range areas {
		out[i] = newField(img, a, areas, rand.New(rand.NewPCG(1, 2)))
	}
	return out
}

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
			img, ink := textImage(200, 60, "KOWALCZYK 9990001232")
			before := append([]uint8{}, img.Pix...)
			out := Apply(img, []Area{{Box: image.Rect(2, 18, 170, 42), TextHeight: 13, Style: style}})
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
	part := Apply(img, []Area{{Box: image.Rect(0, 0, 20, 20), Style: Fill, Fixed: true}})
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
	img, _ := textImage(300, 40, "Bed 4 Mrs T. Qwerlin")
	for _, style := range []Style{Blur, Pixelate, Fill} {
		out := seeded(16).Apply(img, []Area{{Box: image.Rect(40, 12, 150, 30), TextHeight: 13, Style: style, Words: []image.Rectangle{image.Rect(44, 14, 146, 28)}}})
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
			out := Apply(img, []Area{{Box: image.Rect(0, 8, 200, 32), TextHeight: 13, Style: Blur}})
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
	// The board runs the whole height, so the ring above and below the
	// area is board there and wall beside it.
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
			areas := []Area{{Box: image.Rect(0, 8, 600, 32), TextHeight: 13, Style: Blur, Words: tt.words, Fixed: true}}
			if got := chooseTint(img, areas, fieldsOf(img, areas)); got != tt.wantTint {
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

// TestPatchCarriesNoText: the same area over two different texts on the
// same paper, redacted with the same randomness, comes out the same pixel
// for pixel in every style: nothing of the text reaches the output.
func TestPatchCarriesNoText(t *testing.T) {
	a, _ := textImage(400, 60, "Mrs Joan Okafor 12/03/1948")
	b, _ := textImage(400, 60, "Mr Li 01/01/1930")
	for _, style := range []Style{Blur, Pixelate, Fill} {
		t.Run(style.String(), func(t *testing.T) {
			area := []Area{{Box: image.Rect(2, 18, 200, 42), TextHeight: 13, Style: style, Words: []image.Rectangle{image.Rect(6, 20, 196, 40)}}}
			oa, ob := seeded(7).Apply(a, area), seeded(7).Apply(b, area)
			if !bytes.Equal(oa.Pix, ob.Pix) {
				t.Error("two texts under the same area give different outputs")
			}
			if bytes.Equal(oa.Pix, seeded(8).Apply(a, area).Pix) && style != Fill {
				t.Error("the patch does not change with the randomness")
			}
		})
	}
}

// TestExtentHidesLength: on blank paper a short and a long text, each
// with its own tight box as the scan gives it, are covered by the same
// outline; beside other ink the outline stops short of it; on a busy
// background it does not grow at all.
func TestExtentHidesLength(t *testing.T) {
	paper, _ := textImage(600, 80, "")
	line := func(x1 int) Area {
		return Area{Box: image.Rect(20, 30, x1, 50), TextHeight: 14, Words: []image.Rectangle{image.Rect(24, 33, x1-4, 47)}}
	}
	// Each area draws its own randomness, seeded from its outline, so the
	// same draws are given to both here by hand.
	same := func(a Area) Area { return grow(paper, a, rand.New(rand.NewChaCha8([32]byte{3}))) }
	short, long := same(line(70)), same(line(160))
	if short.Box != long.Box {
		t.Errorf("a short text is covered by %v, a long one by %v: the outline follows the length", short.Box, long.Box)
	}
	if got := seeded(3).Cover(paper, []Area{line(70)})[0]; !got.Fixed || got.Box.Dx() < 300 {
		t.Errorf("covered %v (fixed %v); want it to reach the paper's edge", got.Box, got.Fixed)
	}
	// Ink 40 px after the text: the outline ends before it.
	busy := imaging.Clone(paper)
	draw.Draw(busy, image.Rect(110, 30, 130, 50), image.NewUniform(color.NRGBA{20, 20, 40, 255}), image.Point{}, draw.Src)
	for seed := range uint64(20) {
		got := seeded(seed).Cover(busy, []Area{line(70)})[0].Box
		if got.Max.X > 110 || got.Max.X < 100 {
			t.Fatalf("seed %d: covered %v; want it to end a little before the ink at x=110", seed, got)
		}
	}
	// A checkerboard is not paper: nothing grows.
	check := image.NewNRGBA(image.Rect(0, 0, 300, 80))
	for i := 0; i < len(check.Pix); i += 4 {
		x, y := (i/4)%300, (i/4)/300
		v := uint8(30 + 200*((x/2+y/2)%2))
		check.Pix[i], check.Pix[i+1], check.Pix[i+2], check.Pix[i+3] = v, v, v, 255
	}
	if got := Cover(check, []Area{line(70)})[0].Box; got != line(70).Box {
		t.Errorf("on a busy background covered %v; want %v", got, line(70).Box)
	}
}

// TestFixedAreasKeepTheirOutline: Cover decides the extent once; Apply
// paints exactly that outline and nothing outside it.
func TestFixedAreasKeepTheirOutline(t *testing.T) {
	img, _ := textImage(400, 60, "Joan Okafor")
	areas := Cover(img, []Area{{Box: image.Rect(2, 18, 90, 42), TextHeight: 13, Words: []image.Rectangle{image.Rect(6, 20, 86, 40)}}})
	out := Apply(img, areas)
	r := areas[0].Box
	for y := 0; y < 60; y++ {
		for x := 0; x < 400; x++ {
			same := out.NRGBAAt(x, y) == img.NRGBAAt(x, y)
			if !image.Pt(x, y).In(r) && !same {
				t.Fatalf("pixel (%d,%d) outside the covered outline %v changed", x, y, r)
			}
		}
	}
}

// TestTurnedAreaGrowsAlongItsRow: a turned row (Quad) grows along its own
// direction, and stays a turned rectangle holding the old outline.
func TestTurnedAreaGrowsAlongItsRow(t *testing.T) {
	paper, _ := textImage(600, 300, "")
	// A row 100 px long and 20 px tall, turned by atan(0.2) (about 11
	// degrees): u = (5, 1)/sqrt(26), v = (-1, 5)/sqrt(26).
	q := [4]image.Point{{100, 100}, {198, 120}, {194, 140}, {96, 120}}
	a := Area{Box: image.Rect(96, 100, 198, 140), Quad: q, TextHeight: 14, Words: []image.Rectangle{image.Rect(100, 104, 194, 136)}}
	got := seeded(5).Cover(paper, []Area{a})[0]
	if got.Quad == ([4]image.Point{}) {
		t.Fatal("the covered area lost its outline")
	}
	before, after := frameOf(a), frameOf(got)
	if after.l < 300 || after.h < before.h {
		t.Errorf("grew to %.0f x %.0f from %.0f x %.0f; want at least 300 long", after.l, after.h, before.l, before.h)
	}
	if d := after.ux*before.ux + after.uy*before.uy; d < 0.999 {
		t.Errorf("the row turned while growing: cos = %.4f", d)
	}
	for _, p := range q {
		if s, tt := after.coords(float64(p.X), float64(p.Y)); s < -1 || s > after.l+1 || tt < -1 || tt > after.h+1 {
			t.Errorf("corner %v of the old outline is outside the new one", p)
		}
	}
}

// TestLineTakesItsBackgroundFromBesideIt: a name in white on a dark header
// bar at the top of a screen, over a white page, is painted in the bar's
// colour (from beside it), so its white letters change.
func TestLineTakesItsBackgroundFromBesideIt(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 400, 120))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.NRGBA{250, 250, 250, 255}), image.Point{}, draw.Src)
	bar := image.Rect(0, 0, 400, 36)
	draw.Draw(img, bar, image.NewUniform(color.NRGBA{0, 64, 64, 255}), image.Point{}, draw.Src)
	d := font.Drawer{Dst: img, Src: image.NewUniform(color.NRGBA{255, 255, 255, 255}), Face: basicfont.Face7x13, Dot: fixed.P(60, 22)}
	d.DrawString("John Doe 25")
	// The region reaches a little past the bar, as padding does.
	area := Area{Box: image.Rect(50, 0, 150, 40), TextHeight: 13, Words: []image.Rectangle{image.Rect(58, 10, 142, 26)}}
	out := seeded(9).Apply(img, []Area{area})
	ink, changed := 0, 0
	for y := 10; y < 26; y++ {
		for x := 58; x < 142; x++ {
			p := img.NRGBAAt(x, y)
			if p.R < 200 {
				continue
			}
			ink++
			o := out.NRGBAAt(x, y)
			if absDiff8(o.R, p.R)+absDiff8(o.G, p.G)+absDiff8(o.B, p.B) > 24 {
				changed++
			}
		}
	}
	if ink == 0 || float64(changed) < 0.99*float64(ink) {
		t.Errorf("changed %d of %d white ink pixels; want all", changed, ink)
	}
	// Anti-aliased letters have mid-tone edges, which a light patch
	// would match: the patch must be dark, like the bar.
	sum, n := 0, 0
	for y := 10; y < 26; y++ {
		for x := 58; x < 142; x++ {
			sum += luma(out.Pix[out.PixOffset(x, y):])
			n++
		}
	}
	if mean := sum / n; mean > 128 {
		t.Errorf("the patch over the bar has mean luma %d; want it dark like the bar", mean)
	}
}

func absDiff8(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// TestPatchTakesTheColourItSitsIn: a line's patch is the colour of what
// its text is written on, even where the area reaches past it (a dark bar
// across a light page, the area padded above and below the bar), and
// follows a gradient rather than jumping to another surface.
func TestPatchTakesTheColourItSitsIn(t *testing.T) {
	light := color.NRGBA{245, 245, 240, 255}
	dark := color.NRGBA{20, 60, 80, 255}
	tests := []struct {
		name string
		bg   func(y int) color.NRGBA // the page at row y
		bar  image.Rectangle         // a bar across the page, if any
		text color.NRGBA
	}{
		{"dark bar on a light page", func(int) color.NRGBA { return light }, image.Rect(0, 40, 400, 66), color.NRGBA{255, 255, 255, 255}},
		{"light page", func(int) color.NRGBA { return light }, image.Rectangle{}, color.NRGBA{30, 30, 40, 255}},
		{"gradient", func(y int) color.NRGBA { v := uint8(120 + y); return color.NRGBA{v, v, v - 10, 255} }, image.Rectangle{}, color.NRGBA{10, 10, 10, 255}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := image.NewNRGBA(image.Rect(0, 0, 400, 110))
			for y := range 110 {
				draw.Draw(img, image.Rect(0, y, 400, y+1), image.NewUniform(tt.bg(y)), image.Point{}, draw.Src)
			}
			draw.Draw(img, tt.bar, image.NewUniform(dark), image.Point{}, draw.Src)
			d := font.Drawer{Dst: img, Src: image.NewUniform(tt.text), Face: basicfont.Face7x13, Dot: fixed.P(60, 58)}
			d.DrawString("John Doe 25")
			// The region reaches past the bar above and below, as the
			// scan's padding can.
			words := image.Rect(60, 47, 137, 61)
			area := Area{Box: image.Rect(54, 36, 143, 70), TextHeight: 13, Words: []image.Rectangle{words}, Style: Blur}
			for seed := range uint64(4) {
				out := seeded(seed).Apply(img, []Area{area})
				// The patch is the background drawn towards one of the
				// tints.
				var got [3]float64
				want := make([][3]float64, len(tints))
				n := 0.0
				for y := words.Min.Y; y < words.Max.Y; y++ {
					for x := words.Min.X; x < words.Max.X; x++ {
						o := out.Pix[out.PixOffset(x, y):]
						b := tt.bg(y)
						if image.Pt(x, y).In(tt.bar) {
							b = dark
						}
						for k, v := range [3]uint8{b.R, b.G, b.B} {
							got[k] += float64(o[k])
							for ti, tn := range tints {
								want[ti][k] += float64(tinted(v, tn[k]))
							}
						}
						n++
					}
				}
				best := math.Inf(1)
				for ti := range tints {
					d := 0.0
					for k := range 3 {
						d = max(d, math.Abs(got[k]-want[ti][k])/n)
					}
					best = min(best, d)
				}
				if best > 24 {
					t.Errorf("seed %d: the patch over the words has mean %.0f, %.0f, %.0f, %.0f levels from its tinted background", seed, got[0]/n, got[1]/n, got[2]/n, best)
				}
			}
		})
	}
}

// TestKeyedRandomness: with a Key, a redaction is a function of the key,
// the image and each area, so exporting the same photo again shows
// nothing new; any other photo or key gives independent margins, and an
// area keeps its margins when another is added or it is restyled.
func TestKeyedRandomness(t *testing.T) {
	// Wide, tall paper, so that the margins end on blank paper and not at
	// the image's edge, where every draw would give the same outline.
	paper, _ := textImage(2000, 400, "")
	line := Area{Box: image.Rect(40, 190, 140, 210), TextHeight: 14, Style: Blur, Words: []image.Rectangle{image.Rect(44, 193, 136, 207)}}
	key := []byte("0123456789abcdef0123456789abcdef")
	nudged := imaging.Clone(paper)
	nudged.Pix[nudged.PixOffset(1990, 390)]++
	restyled := line
	restyled.Style = Fill
	tests := []struct {
		name     string
		img      *image.NRGBA
		key      []byte
		areas    []Area
		samePix  bool // the whole output
		sameArea bool // the first area's outline
	}{
		{"the same photo and areas again", paper, key, []Area{line}, true, true},
		{"one pixel elsewhere changed", nudged, key, []Area{line}, false, false},
		{"another key", paper, []byte("another key, also thirty-two by."), []Area{line}, false, false},
		{"another area added", paper, key, []Area{line, {Box: image.Rect(40, 300, 90, 320), TextHeight: 14, Style: Blur}}, false, true},
		{"restyled", paper, key, []Area{restyled}, false, true},
	}
	rd := Redactor{Key: key}
	want := rd.Apply(paper, []Area{line})
	wantBox := rd.Cover(paper, []Area{line})[0]
	if wantBox.Box.Max.X >= paper.Rect.Max.X || wantBox.Box.Min.Y <= 0 || wantBox.Box.Max.Y >= paper.Rect.Max.Y {
		t.Fatalf("covered %v: reaches the image's edge, so the test cannot see the margins", wantBox.Box)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd := Redactor{Key: tt.key}
			got := rd.Apply(tt.img, tt.areas)
			if same := bytes.Equal(got.Pix, want.Pix); same != tt.samePix {
				t.Errorf("output the same as the first redaction: %v, want %v", same, tt.samePix)
			}
			box := rd.Cover(tt.img, tt.areas)[0]
			if same := box.Box == wantBox.Box; same != tt.sameArea {
				t.Errorf("outline %v, first %v: the same %v, want %v", box.Box, wantBox.Box, same, tt.sameArea)
			}
		})
	}
	// A seeded Rand is the tests' and the attack bench's: it comes before
	// the key, and a fresh crypto/rand without either differs every time.
	if a, b := seeded(1).Apply(paper, []Area{line}), (Redactor{Rand: seeded(1).Rand, Key: key}).Apply(paper, []Area{line}); !bytes.Equal(a.Pix, b.Pix) {
		t.Error("a Redactor with Rand and Key did not use Rand")
	}
	if bytes.Equal(Apply(paper, []Area{line}).Pix, Apply(paper, []Area{line}).Pix) {
		t.Error("without a key, two redactions of the same photo came out the same")
	}
}
