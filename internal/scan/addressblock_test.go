package scan

import (
	"image"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"safepost/checks"
	"safepost/internal/ocr"
)

// addressCases are pages for the address-block rule, run through
// Analyse.
var addressCases = []analyseCase{
	{
		name: "an address block's town and misread postcode are covered, the letter after a blank line is not",
		lines: []ocr.Line{
			row(100, 20, 95, "Mr Chidi Oduya"),
			row(125, 20, 95, "13 Station Terrace"),
			row(150, 20, 95, "Ashworth Qwerton"),
			row(175, 20, 60, "LS} 8GG"),
			row(230, 20, 95, "Dear"),
			row(300, 20, 95, "Thank you for coming to the clinic"),
		},
		wantRegions:  true,
		mustCover:    func(p *ocr.Page) []image.Rectangle { return boxesOf(append(p.Lines[2].Words, p.Lines[3].Words...)) },
		keepReadable: func(p *ocr.Page) []image.Rectangle { return boxesOf(append(p.Lines[4].Words, p.Lines[5].Words...)) },
	},
	{
		name: "ordinary words right below an address end its block",
		lines: []ocr.Line{
			row(100, 20, 95, "12 Elm Road"),
			row(125, 20, 95, "Visiting times"),
		},
		wantRegions:  true,
		keepReadable: func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[1].Words) },
	},
}

func TestAddressBlockRule(t *testing.T) { runAnalyse(t, addressCases) }

// TestAddressRegions: the lines an address block takes below its address
// line (line 0), by the words covered.
func TestAddressRegions(t *testing.T) {
	const h = 20
	street := row(100, h, 95, "13 Station Terrace")
	tests := []struct {
		name  string
		below []ocr.Line
		want  []string
	}{
		{"town and misread postcode", []ocr.Line{row(125, h, 95, "Qwerton"), row(150, h, 60, "LS} 8GG")},
			[]string{"Qwerton", "LS}", "8GG"}},
		{"three lines at most", []ocr.Line{row(125, h, 95, "Ashworth"), row(150, h, 95, "Qwerton"),
			row(175, h, 95, "Zyxbury"), row(200, h, 95, "Plovdale")},
			[]string{"Ashworth", "Qwerton", "Zyxbury"}},
		{"a blank line ends it", []ocr.Line{row(145, h, 95, "Qwerton")}, nil},
		{"a long line ends it", []ocr.Line{row(125, h, 95, "Qwerton Zyxbury Plovdale Ashworth Kelby")}, nil},
		{"much larger print ends it", []ocr.Line{row(125, 2*h+1, 95, "Qwerton")}, nil},
		{"much smaller print ends it", []ocr.Line{row(125, h/2-1, 95, "Qwerton")}, nil},
		{"ordinary words read clearly end it", []ocr.Line{row(125, h, 95, "Visiting times")}, nil},
		{"a line over two heights to the right is not in it", []ocr.Line{cell(10+2*h+1, 125, h, 95, "Qwerton")}, nil},
		{"the nearest line below continues it", []ocr.Line{row(150, h, 95, "Zyxbury"), row(125, h, 95, "Qwerton")},
			[]string{"Qwerton", "Zyxbury"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := Document(&ocr.Page{Lines: append([]ocr.Line{street}, tt.below...)})
			var got []string
			for _, r := range addressRegions(doc, map[int]bool{0: true}) {
				if !slices.Equal(r.Kinds, []string{checks.KindAddress}) {
					t.Errorf("region %v has kinds %v", r.Box, r.Kinds)
				}
				for _, l := range doc.Lines {
					for _, w := range l.Words {
						if rect(w.Box) == r.Box {
							got = append(got, w.Text)
						}
					}
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("covered words (-want +got):\n%s", diff)
			}
		})
	}
}
