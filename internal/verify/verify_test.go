package verify

import (
	"context"
	"errors"
	"image"
	"image/color"
	"testing"

	"safepost/checks"
	"safepost/internal/ocr"
	"safepost/internal/redact"
)

func newChecks(t *testing.T) *checks.Scanner {
	t.Helper()
	cs, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func grey(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(100 + i%97)
	}
	return img
}

func uniform(img *image.NRGBA, r image.Rectangle) bool {
	c := img.NRGBAAt(r.Min.X, r.Min.Y)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if img.NRGBAAt(x, y) != c {
				return false
			}
		}
	}
	return true
}

func TestVerify(t *testing.T) {
	area := redact.Area{Box: image.Rect(50, 50, 150, 80), TextHeight: 20, Style: redact.Blur}
	// The first crop sits at (gap, gap) in the mosaic; the area's own box
	// starts TextHeight pixels further in.
	inArea := image.Rect(60, 50, 120, 70)
	tests := []struct {
		name          string
		words         []ocr.Word
		err           error
		wantErr       bool
		wantEscalated int
	}{
		{name: "nothing readable", words: nil},
		{name: "unsure noise is not a leak", words: []ocr.Word{{Text: "~e", Box: inArea, Conf: 20}}},
		{name: "confident word inside is filled", words: []ocr.Word{{Text: "OKAFOR", Box: inArea, Conf: 91}}, wantEscalated: 1},
		{name: "a finding reaching into the area is filled", words: []ocr.Word{
			{Text: "Mrs", Box: image.Rect(26, 30, 40, 40), Conf: 95}, {Text: "Okafor", Box: image.Rect(46, 40, 70, 56), Conf: 40},
		}, wantEscalated: 1},
		{name: "a finding beside the area is filled too", words: []ocr.Word{
			{Text: "Mrs", Box: image.Rect(26, 30, 40, 40), Conf: 95}, {Text: "Okafor", Box: image.Rect(42, 30, 60, 40), Conf: 40},
		}, wantEscalated: 1},
		{name: "a speck of the area read as an initial does not pull in the heading beside it", words: []ocr.Word{
			{Text: "J", Box: image.Rect(46, 44, 52, 56), Conf: 70}, {Text: "Ward", Box: image.Rect(56, 30, 90, 42), Conf: 95},
		}},
		{name: "OCR error fails closed", err: errors.New("tesseract died"), wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &ocr.Fake{Err: tt.err, ReadFunc: func(image.Image) *ocr.Page {
				if len(tt.words) == 0 {
					return &ocr.Page{}
				}
				l := ocr.Line{Words: tt.words, Box: tt.words[0].Box}
				for _, w := range tt.words {
					l.Box = l.Box.Union(w.Box)
				}
				return &ocr.Page{Lines: []ocr.Line{l}}
			}}
			v := &Verifier{OCR: fake, Checks: newChecks(t)}
			img := redact.Apply(grey(300, 200), []redact.Area{area})
			out, rep, err := v.Verify(context.Background(), img, []redact.Area{area})
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if tt.wantErr {
				if rep.Verified {
					t.Error("verified despite an error")
				}
				return
			}
			if !rep.Verified || rep.Escalated != tt.wantEscalated {
				t.Errorf("report %+v, want verified with %d escalated", rep, tt.wantEscalated)
			}
			// The area's right half: a finding that reaches past the area
			// is filled over its own box too, in its own shade.
			right := image.Rect(100, area.Box.Min.Y, area.Box.Max.X, area.Box.Max.Y)
			if filled := uniform(out, right); filled != (tt.wantEscalated > 0) {
				t.Errorf("area filled solid = %v, want %v", filled, tt.wantEscalated > 0)
			}
		})
	}
}

func TestFillIsNotReadAgain(t *testing.T) {
	fake := &ocr.Fake{}
	v := &Verifier{OCR: fake, Checks: newChecks(t)}
	_, rep, err := v.Verify(context.Background(), grey(100, 100), []redact.Area{{Box: image.Rect(0, 0, 50, 50), Style: redact.Fill}})
	if err != nil || !rep.Verified || fake.Calls != 0 {
		t.Errorf("err %v, report %+v, OCR calls %d; want verified with no OCR", err, rep, fake.Calls)
	}
}

func TestMosaicMapsBackAtScale(t *testing.T) {
	src := grey(2000, 1000)
	areas := []redact.Area{
		{Box: image.Rect(100, 100, 500, 160), TextHeight: 60},
		{Box: image.Rect(1000, 700, 1200, 720), TextHeight: 20},
	}
	m := newMosaic(src, areas)
	for i, a := range areas {
		// The middle of each area, in mosaic pixels.
		s := m.scale[i]
		c := a.Box.Min.Add(a.Box.Max).Div(2).Sub(m.source[i].Min)
		mc := image.Pt(m.tiles[i].Min.X+int(float64(c.X)*s), m.tiles[i].Min.Y+int(float64(c.Y)*s))
		ai, r, ok := m.back(image.Rectangle{Min: mc, Max: mc.Add(image.Pt(2, 2))})
		if !ok || ai != i || !r.Overlaps(a.Box.Inset(-3)) {
			t.Errorf("area %d: back = %d %v %v", i, ai, r, ok)
		}
	}
	if m.img.Bounds().Dx() > 2000 || m.img.At(0, 0) != (color.NRGBA{255, 255, 255, 255}) {
		t.Errorf("mosaic %v", m.img.Bounds())
	}
}

// TestEscalationFillsTheCoveredOutline: an area whose extent the redaction
// decided (grown past its text on blank paper) is filled over that whole
// outline when escalated, not over its text's box, whose width would give
// the text's length away.
func TestEscalationFillsTheCoveredOutline(t *testing.T) {
	paper := image.NewNRGBA(image.Rect(0, 0, 400, 100))
	for i := range paper.Pix {
		paper.Pix[i] = 235
	}
	text := redact.Area{Box: image.Rect(20, 40, 80, 60), TextHeight: 14, Words: []image.Rectangle{image.Rect(24, 43, 76, 57)}}
	areas := redact.Cover(paper, []redact.Area{text})
	if areas[0].Box.Dx() <= text.Box.Dx() {
		t.Fatalf("covered %v: did not grow past the text's box %v", areas[0].Box, text.Box)
	}
	fake := &ocr.Fake{ReadFunc: func(image.Image) *ocr.Page {
		w := ocr.Word{Text: "Okafor", Box: image.Rect(30, 30, 70, 46), Conf: 95}
		return &ocr.Page{Lines: []ocr.Line{{Words: []ocr.Word{w}, Box: w.Box}}}
	}}
	v := &Verifier{OCR: fake, Checks: newChecks(t)}
	out, rep, err := v.Verify(context.Background(), redact.Apply(paper, areas), areas)
	if err != nil || rep.Escalated != 1 {
		t.Fatalf("err %v, report %+v; want one area escalated", err, rep)
	}
	if !uniform(out, areas[0].Box) {
		t.Errorf("the covered outline %v is not filled solid", areas[0].Box)
	}
}
