package scan

import (
	"image"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"safepost/checks"
	"safepost/internal/ocr"
)

// unreadCases are pages for the unread-value rule, run through Analyse.
var unreadCases = []analyseCase{
	{
		// letter-d3-3456x2592-v1: Tesseract read "Dear" over
		// "Dear Mr Oduya," and returned nothing else on the line.
		name:        "a salutation read over the name after it",
		lines:       []ocr.Line{widen(row(100, 30, 95, "Dear"), 0, 233), row(160, 30, 95, "Thank you for seeing")},
		wantRegions: true,
		mustCover:   func(p *ocr.Page) []image.Rectangle { return []image.Rectangle{image.Rect(110, 100, 233, 130)} },
		keepReadable: func(p *ocr.Page) []image.Rectangle {
			return []image.Rectangle{image.Rect(10, 100, 66, 130), p.Lines[1].Words[0].Box}
		},
	},
	{
		name:         "a label with unread ink after it on its line",
		lines:        []ocr.Line{extend(row(100, 30, 95, "Name:"), 400)},
		wantRegions:  true,
		mustCover:    func(p *ocr.Page) []image.Rectangle { return []image.Rectangle{image.Rect(80, 100, 400, 130)} },
		keepReadable: func(p *ocr.Page) []image.Rectangle { return []image.Rectangle{p.Lines[0].Words[0].Box} },
	},
	{
		// Capitals are about as wide as they are tall: "MRS" at 30 px
		// in a common sans font is about 93 px wide.
		name:        "a title in capitals as wide as a common font's is left alone",
		lines:       []ocr.Line{widen(row(100, 30, 95, "MRS"), 0, 10+93), widen(row(160, 30, 95, "DOB:"), 0, 10+98)},
		wantRegions: false,
	},
	{
		name:        "a salutation as wide as its letters is left alone",
		lines:       []ocr.Line{row(100, 30, 95, "Dear colleague,"), extend(row(160, 30, 95, "Ward"), 400)},
		wantRegions: false,
	},
}

func TestUnreadValueRule(t *testing.T) { runAnalyse(t, unreadCases) }

// TestUnreadValueRegions: the ink each label leaves unread, as boxes.
func TestUnreadValueRegions(t *testing.T) {
	const h = 30
	tests := []struct {
		name string
		line ocr.Line
		want []image.Rectangle
	}{
		// "Dear" needs 4 letters x 3/4 x 30 = 90 px; its box is 223.
		{"a label's box wider than its letters", widen(row(100, h, 95, "Dear"), 0, 233),
			[]image.Rectangle{image.Rect(100, 100, 233, 130)}},
		{"a line's box past its last word, a label", extend(row(100, h, 95, "Name:"), 400),
			[]image.Rectangle{image.Rect(70, 100, 400, 130)}},
		// 93 px is under half as wide again as the 67 px three letters need.
		{"capitals about a height wide each", widen(row(100, h, 95, "MRS"), 0, 103), nil},
		{"a label OCR was unsure of", widen(row(100, h, unsureConf-1, "Dear"), 0, 233), nil},
		{"a wide word that is not a label", widen(row(100, h, 95, "Ward"), 0, 233), nil},
		{"a line's box ending under two heights past its label", extend(row(100, h, 95, "Name:"), 120), nil},
		{"a label that is not the line's last word", extend(row(100, h, 95, "Name: Qwerty"), 400), nil},
		// "Address" needs 7 x 3/4 x 30 = 157 px; OCR read it over the
		// street name after it.
		{"a field's label read over its value", widen(row(100, h, 95, "Address"), 0, 400),
			[]image.Rectangle{image.Rect(167, 100, 400, 130)}},
		{"a field's label that needs its colon", widen(row(100, h, 95, "Code"), 0, 400), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []image.Rectangle
			for _, r := range unreadValueRegions(Document(&ocr.Page{Lines: []ocr.Line{tt.line}}), checks.DefaultFields()) {
				got = append(got, r.Box)
				if !slices.Equal(r.Kinds, []string{checks.KindContext}) {
					t.Errorf("region %v has kinds %v", r.Box, r.Kinds)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("regions (-want +got):\n%s", diff)
			}
		})
	}
}
