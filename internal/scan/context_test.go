package scan

import (
	"image"
	"testing"

	"safepost/checks"
	"safepost/internal/ocr"
)

// contextCases are pages for the context rule, run through Analyse.
var contextCases = []analyseCase{
	{
		name: "misread name beside a date of birth on an X-ray label is covered",
		lines: []ocr.Line{
			row(0, 30, 40, "VMIFYER PHAN [F] 02.25.2012"),
			row(45, 30, 96, "DOB: 07.16.1953"),
			row(600, 30, 96, "Portable"),
		},
		wantRegions: true,
		mustCover: func(p *ocr.Page) []image.Rectangle {
			return []image.Rectangle{p.Lines[0].Words[0].Box, p.Lines[0].Words[1].Box, p.Lines[1].Words[1].Box}
		},
		mustNotHit: func(p *ocr.Page) []image.Rectangle { return []image.Rectangle{p.Lines[2].Words[0].Box} },
	},
	{
		name: "the name line above an X-ray's ID and DOB lines is covered, the labels are not",
		lines: []ocr.Line{
			row(0, 30, 90, "ZYXWUBRIDE wer"),
			row(40, 30, 90, "1D: K760444"),
			row(80, 30, 90, "DOB: 08.26.1942"),
			row(600, 30, 96, "Portable"),
		},
		wantRegions: true,
		mustCover: func(p *ocr.Page) []image.Rectangle {
			return []image.Rectangle{p.Lines[0].Words[0].Box, p.Lines[0].Words[1].Box, p.Lines[1].Words[1].Box}
		},
		keepReadable: func(p *ocr.Page) []image.Rectangle {
			return []image.Rectangle{p.Lines[1].Words[0].Box, p.Lines[3].Words[0].Box}
		},
	},
	{
		name: "a heading above a table's first row is not a name above details",
		lines: []ocr.Line{
			row(0, 30, 95, "Zyxwu Unit"),
			row(40, 30, 95, "Trebor Qwerlin 12/03/1948 999 000 0077 NBM falls"),
		},
		wantRegions: true,
		keepReadable: func(p *ocr.Page) []image.Rectangle {
			return []image.Rectangle{p.Lines[0].Words[0].Box, p.Lines[0].Words[1].Box}
		},
	},
	{
		name: "field labels on a wristband stay readable",
		lines: []ocr.Line{
			row(100, 40, 95, "OKAFOR, Joan DOB: 12/03/1948 NHS No: 999 000 0077"),
		},
		wantRegions: true,
		mustCover: func(p *ocr.Page) []image.Rectangle {
			w := p.Lines[0].Words
			return []image.Rectangle{w[0].Box, w[1].Box, w[3].Box, w[6].Box, w[7].Box, w[8].Box}
		},
		keepReadable: func(p *ocr.Page) []image.Rectangle {
			w := p.Lines[0].Words
			return []image.Rectangle{w[2].Box, w[4].Box, w[5].Box}
		},
	},
	{
		name: "a surname that is also a label word is still covered",
		lines: []ocr.Line{
			row(100, 30, 95, "DOB 12/03/1948 WARD JOHN"),
		},
		wantRegions: true,
		mustCover: func(p *ocr.Page) []image.Rectangle {
			w := p.Lines[0].Words
			return []image.Rectangle{w[1].Box, w[2].Box}
		},
	},
	{
		name: "an unknown name between flagged details is not left out of the merge",
		lines: []ocr.Line{
			row(100, 30, 95, "JOHN 943 476 5919"),
			row(140, 30, 95, "12/03/1948 Okafor"),
		},
		wantRegions: true,
		mustCover: func(p *ocr.Page) []image.Rectangle {
			return []image.Rectangle{p.Lines[1].Words[1].Box}
		},
	},
	{
		name: "texture read as words beside a label row stays out",
		lines: []ocr.Line{
			row(100, 30, 95, "DOB: 12/03/1948"),
			{Words: []ocr.Word{{Text: "RRR", Box: image.Rect(250, 60, 330, 190), Conf: 20}}, Box: image.Rect(250, 60, 330, 190)},
			{Words: []ocr.Word{{Text: "TEENG", Box: image.Rect(60, 150, 200, 153), Conf: 15}}, Box: image.Rect(60, 150, 200, 153)},
		},
		wantRegions: true,
		mustCover: func(p *ocr.Page) []image.Rectangle {
			return []image.Rectangle{p.Lines[0].Words[1].Box}
		},
		keepReadable: func(p *ocr.Page) []image.Rectangle {
			return []image.Rectangle{p.Lines[1].Box, p.Lines[2].Box}
		},
	},
	{
		name: "an unsure name above a label row is covered even if it reads as ordinary words",
		lines: []ocr.Line{
			row(100, 20, 50, "GREEN May"),
			row(125, 20, 95, "DOB: 12/03/1948 NHS: 999 000 0077"),
		},
		wantRegions: true,
		mustCover:   func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[0].Words) },
	},
	{
		name: "a surname whose comma OCR read as a colon is not a field label",
		lines: []ocr.Line{
			row(100, 40, 95, "WARD: JOAN DOB: 12/03/1948"),
		},
		wantRegions: true,
		mustCover:   func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[0].Words[:2]) },
	},
}

func TestContextRule(t *testing.T) { runAnalyse(t, contextCases) }

// TestNameAbove: which lines above a label's details are its name line.
func TestNameAbove(t *testing.T) {
	const h = 30
	details := row(100, h, 95, "1D: K760444")
	tests := []struct {
		name  string
		above ocr.Line
		below ocr.Line
		want  bool
	}{
		{"a misread surname and forename", row(60, h, 90, "ZYXWUBRIDE wer"), details, true},
		{"a name printed larger", row(30, 2*h, 90, "Qwerlin Trebor"), details, true},
		{"a name starting a little further right", cell(60, 60, h, 90, "Qwerlin Trebor"), details, true},
		{"a line with a number", row(60, h, 90, "Qwerlin 4"), details, false},
		{"no capitalised word of three letters", row(60, h, 90, "wer qx"), details, false},
		{"a capitalised word without a vowel", row(60, h, 90, "Xqrt"), details, false},
		{"five words", row(60, h, 90, "Qwerlin Trebor Zyxwu Amy Okoro"), details, false},
		{"print over three times the details' height", row(0, 4*h, 90, "Qwerlin"), details, false},
		{"print under half the details' height", row(80, h/2-1, 90, "Qwerlin"), details, false},
		{"a line starting over three heights to the right", cell(200, 60, h, 90, "Qwerlin Trebor"), details, false},
		{"a line below the details", row(140, h, 90, "Qwerlin Trebor"), details, false},
		{"a heading above a table row", row(60, h, 90, "Qwerlin Trebor"),
			row(100, h, 95, "Trebor Qwerlin 12/03/1948 999 000 0077 NBM falls"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := Document(&ocr.Page{Lines: []ocr.Line{tt.above, tt.below}})
			if got := nameAbove(doc.Lines[0], doc.Lines[1], h); got != tt.want {
				t.Errorf("nameAbove = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestFieldLabel: the row chain leaves a field's label readable, not a
// name that looks like one.
func TestFieldLabel(t *testing.T) {
	tests := []struct {
		text      string
		conf      float64
		valueNext bool
		want      bool
	}{
		{"DOB:", 95, true, true},
		{"NHS", 95, true, true}, // an abbreviation needs no colon
		{"1d:", 95, true, true}, // ID misread
		{"No", 95, true, false}, // not an abbreviation: needs its colon
		{"DOB:", clearConf - 1, true, false},
		{"DOB:", 95, false, false},
		{"WARD:", 95, true, false}, // a surname whose comma OCR read as a colon
	}
	for _, tt := range tests {
		w := checks.Word{Text: tt.text, Conf: tt.conf}
		if got := fieldLabel(w, tt.valueNext); got != tt.want {
			t.Errorf("fieldLabel(%q, conf %v, value next %v) = %v, want %v", tt.text, tt.conf, tt.valueNext, got, tt.want)
		}
	}
}

// TestStrongHitDetail: reasons name the detail that made the text around
// it suspect, with the right article.
func TestStrongHitDetail(t *testing.T) {
	cases := []struct{ kind, want string }{
		{checks.KindDateOfBirth, "a date of birth"},
		{checks.KindNHSNumber, "an NHS number"},
		{checks.KindHospitalNumber, "a hospital number"},
		{checks.KindAge, "an age"},
		{checks.KindPatientList, "a row of a patient list"},
		{"trust-own-pattern", "patient details"},
	}
	for _, tc := range cases {
		if got := (strongHit{kind: tc.kind}).detail(); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.kind, got, tc.want)
		}
	}
}
