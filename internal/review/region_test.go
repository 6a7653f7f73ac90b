package review

import (
	"image"
	"testing"

	"safepost/checks"
	"safepost/internal/redact"
	"safepost/internal/scan"
)

var (
	turnedQuad  = [4]image.Point{{10, 0}, {100, 10}, {90, 40}, {0, 30}}
	turnedWords = []image.Rectangle{image.Rect(20, 10, 60, 25)}
)

func turned() Region {
	return Region{Region: scan.Region{Box: image.Rect(0, 0, 100, 40), Quad: turnedQuad, Words: turnedWords, TextHeight: 15,
		Kinds: []string{checks.KindPatientList}, Source: "layout", Reason: "A row of the patient board", Confidence: 0.9}, Style: redact.Pixelate}
}

// TestAreas: every front end paints a turned row as the turned row, with
// the tint chosen from its words; an area turned off is left out.
func TestAreas(t *testing.T) {
	off := Region{Region: scan.Region{Box: image.Rect(200, 0, 300, 40)}, Off: true}
	got := Areas([]Region{turned(), off})
	if len(got) != 1 {
		t.Fatalf("got %d areas, want 1 (the region turned off left out)", len(got))
	}
	a := got[0]
	if a.Quad != turnedQuad || len(a.Words) != 1 || a.Words[0] != turnedWords[0] || a.TextHeight != 15 || a.Style != redact.Pixelate {
		t.Errorf("area %+v lost the region's outline, words, text height or style", a)
	}
	other := []redact.Area{a}
	other[0].Words = nil
	if SameAreas(got, other) || !SameAreas(got, Areas([]Region{turned(), off})) {
		t.Error("SameAreas does not tell areas apart by their words")
	}
}

func TestContains(t *testing.T) {
	flat := Region{Region: scan.Region{Box: image.Rect(0, 0, 100, 40)}}
	cases := []struct {
		name string
		r    Region
		pt   image.Point
		want bool
	}{
		{"inside a box", flat, image.Pt(2, 38), true},
		{"outside a box", flat, image.Pt(100, 10), false},
		{"inside a turned outline", turned(), image.Pt(50, 20), true},
		{"in a turned outline's box but not the outline", turned(), image.Pt(2, 38), false},
	}
	for _, c := range cases {
		if got := c.r.Contains(c.pt); got != c.want {
			t.Errorf("%s: Contains(%v) = %v", c.name, c.pt, got)
		}
	}
	if flat.Turned() || !turned().Turned() {
		t.Error("Turned is wrong")
	}
}

func TestChanges(t *testing.T) {
	drawn := Draw(image.Rect(5, 5, 25, 15), redact.Fill)
	if !drawn.Drawn() || drawn.Kinds[0] != checks.KindManual || drawn.TextHeight != 10 || drawn.Style != redact.Fill {
		t.Errorf("Draw = %+v", drawn)
	}
	offDrawn := drawn
	offDrawn.Off = true
	scanned := turned()
	offScanned := turned()
	offScanned.Off = true
	cases := []struct {
		name    string
		regions []Region
		changes []int
		on      int
		hasDraw bool
	}{
		{"nothing", nil, nil, 0, false},
		{"as scanned", []Region{scanned, scanned}, nil, 2, false},
		{"one left clear", []Region{scanned, offScanned}, []int{1}, 1, false},
		{"one drawn", []Region{scanned, drawn}, []int{1}, 2, true},
		{"drawn then turned off", []Region{offDrawn}, []int{0}, 0, false},
	}
	for _, c := range cases {
		if got := Changes(c.regions); len(got) != len(c.changes) || (len(got) > 0 && got[0] != c.changes[0]) {
			t.Errorf("%s: Changes = %v, want %v", c.name, got, c.changes)
		}
		if got := On(c.regions); got != c.on {
			t.Errorf("%s: On = %d, want %d", c.name, got, c.on)
		}
		if got := HasDrawn(c.regions); got != c.hasDraw {
			t.Errorf("%s: HasDrawn = %v", c.name, got)
		}
	}
	got := FromScan([]scan.Region{scanned.Region}, redact.Fill)
	if len(got) != 1 || got[0].Style != redact.Fill || got[0].Off || got[0].Quad != turnedQuad {
		t.Errorf("FromScan = %+v", got)
	}
}
