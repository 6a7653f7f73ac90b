package scan

import (
	"fmt"
	"image"
	"testing"

	"safepost/checks"
	"safepost/internal/ocr"
)

func TestRepeatRegions(t *testing.T) {
	const h = 20
	// seed covers the words of line y (a row at y) from word i to j.
	seed := func(l ocr.Line, i, j int, kind string, conf float64) Region {
		b := l.Words[i].Box.Union(l.Words[j].Box)
		r := Region{Box: b, Kinds: []string{kind}, Confidence: conf}
		if kind == checks.KindFieldValue {
			r.Field = "name"
		}
		return r
	}
	title := row(10, h, 95, "Viewer SBI2007, Scenario 6 - Study")
	overlay := row(100, h, 95, "SBI2007, Scenario 6 F")
	other := row(150, h, 95, "Scenario 7 test SBI2008")
	tab := row(10, h, 95, "Edit patient: tamie")
	header := row(40, h, 95, "[Jonanson Tamie OPD visit")
	field := cell(200, 80, h, 95, "Tamie")
	surname := cell(200, 110, h, 95, "Johanson")
	board := row(10, h, 95, "Mrs Green Bay 4")
	green := row(60, h, 95, "Green zone")
	ids := row(10, h, 95, "MRN 10001NG")
	idAgain := row(60, h, 95, "Ref: 10001NG page 2022")
	year := row(90, h, 95, "Born 2022 in 2022")

	cases := []struct {
		name      string
		lines     []ocr.Line
		seeds     []Region
		covered   []string // words (line index, word index) that must be covered
		uncovered []string
	}{
		{"a name and the words around it repeated", []ocr.Line{title, overlay, other},
			[]Region{seed(title, 1, 3, "person-name", 0.8)},
			[]string{"1:0", "1:1", "1:2"}, []string{"1:3", "2:0", "2:1", "2:3", "0:0", "0:1", "0:5"}},
		{"the rest of a value OCR did not read", []ocr.Line{title, cell(300, 100, h, 95, "SBI2007,"), cell(600, 100, h, 95, "Study")},
			[]Region{seed(title, 1, 3, "person-name", 0.8)},
			[]string{"1:0"}, []string{"2:0"}},
		{"a field's value in a tab and a heading", []ocr.Line{tab, header, field, surname},
			[]Region{seed(field, 0, 0, checks.KindFieldValue, 0.8), seed(surname, 0, 0, checks.KindFieldValue, 0.8)},
			[]string{"0:2", "1:0", "1:1"}, []string{"0:0", "0:1", "1:2", "1:3"}},
		{"a name that is also a word is not looked for", []ocr.Line{board, green},
			[]Region{seed(board, 0, 1, "person-name", 0.9)},
			nil, []string{"1:0", "1:1"}},
		{"an identifier repeated, a year not", []ocr.Line{ids, idAgain, year},
			[]Region{seed(ids, 1, 1, "hospital-number", 0.9), seed(year, 1, 1, checks.KindFieldValue, 0.8)},
			[]string{"1:1"}, []string{"1:0", "1:2", "1:3", "2:3"}},
		{"a word one letter off that is an English word", []ocr.Line{row(10, h, 95, "Joan Mather"), row(60, h, 95, "mother and father"), row(110, h, 95, "Mathers")},
			[]Region{seed(row(10, h, 95, "Joan Mather"), 0, 1, "person-name", 0.9)},
			[]string{"2:0"}, []string{"1:0", "1:2"}},
		{"an ordinal is no code", []ocr.Line{row(10, h, 95, "DOB 12th March 1981"), row(60, h, 95, "Clinic on 12th June")},
			[]Region{seed(row(10, h, 95, "DOB 12th March 1981"), 1, 3, "date-of-birth", 0.9), seed(row(10, h, 95, "DOB 12th March 1981"), 1, 3, checks.KindFieldValue, 0.8)},
			nil, []string{"1:2"}},
		{"an address's town seeds nothing", []ocr.Line{row(10, h, 95, "City: Leeds"), row(60, h, 95, "Leeds Teaching Hospitals")},
			[]Region{{Box: row(10, h, 95, "City: Leeds").Words[1].Box, Kinds: []string{checks.KindFieldValue}, Confidence: 0.8, Field: "address"}},
			nil, []string{"1:0"}},
		{"a weak or contextual region seeds nothing", []ocr.Line{title, overlay},
			[]Region{seed(title, 1, 3, "person-name", 0.35), seed(title, 1, 3, checks.KindContext, 0.9)},
			nil, []string{"1:0", "1:1"}},
	}
	for _, c := range cases {
		doc := Document(&ocr.Page{Lines: c.lines})
		regions := repeatRegions([]checks.Document{doc}, c.seeds)
		at := func(ref string) image.Rectangle {
			var li, wi int
			if _, err := fmt.Sscanf(ref, "%d:%d", &li, &wi); err != nil {
				t.Fatal(err)
			}
			return c.lines[li].Words[wi].Box
		}
		for _, ref := range c.covered {
			if b := at(ref); !covered(regions, b) {
				t.Errorf("%s: word %s at %v not covered by %v", c.name, ref, b, boxes(regions))
			}
		}
		for _, ref := range c.uncovered {
			b := at(ref)
			for _, r := range regions {
				if r.Box.Overlaps(b) {
					t.Errorf("%s: word %s at %v covered by %v", c.name, ref, b, r.Box)
				}
			}
		}
	}
}

func TestOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"johanson", "jonanson", true}, {"johanson", "johansson", true}, {"johanson", "johnson", true},
		{"johanson", "johanson", false}, {"johanson", "jonanzon", false}, {"qwerlin", "qwerlin1", false}, {"abcde", "abcdf", false},
	} {
		if got := oneEdit(c.a, c.b); got != c.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestRepeatCoversUnreadRest: where OCR read only the first word of a
// value found elsewhere, the rest is covered at its letters' width, up to
// the next word read.
func TestRepeatCoversUnreadRest(t *testing.T) {
	const h = 20
	title := row(10, h, 95, "Viewer QWERLIN, TREBOR - Study")
	seedBox := title.Words[1].Box.Union(title.Words[2].Box)
	for _, c := range []struct {
		name  string
		next  int // x of the next word on the line, 0 for none
		want1 int // where the region must reach at least
		max1  int // and at most
	}{
		{"nothing after it", 0, 300 + 96 + 60, 300 + 96 + 96},
		{"a word soon after", 420, 420, 420},
	} {
		lines := []ocr.Line{title, cell(300, 100, h, 95, "QWERLIN,")}
		if c.next > 0 {
			l := cell(c.next, 100, h, 95, "Study")
			lines[1].Words = append(lines[1].Words, l.Words...)
		}
		doc := Document(&ocr.Page{Lines: lines})
		rs := repeatRegions([]checks.Document{doc}, []Region{{Box: seedBox, Kinds: []string{"person-name"}, Confidence: 0.8}})
		var got image.Rectangle
		for _, r := range rs {
			if r.Box.Min.Y >= 100 {
				got = got.Union(r.Box)
			}
		}
		if got.Min.X != 300 || got.Max.X < c.want1 || got.Max.X > c.max1 {
			t.Errorf("%s: region %v, want from x=300 to %d..%d", c.name, got, c.want1, c.max1)
		}
	}
}

// TestSeedKind: which regions seed the repeat rule is read from their
// kinds and, for a field's value, from what the field is, never from the
// reason's words (rewording a reason once stopped every field seeding).
func TestSeedKind(t *testing.T) {
	cases := []struct {
		name string
		r    Region
		want bool
	}{
		{"a name's value", Region{Kinds: []string{checks.KindFieldValue}, Field: "name", Reason: "any words at all"}, true},
		{"an ID's value", Region{Kinds: []string{checks.KindFieldValue}, Field: "id"}, true},
		{"a phone's value", Region{Kinds: []string{checks.KindFieldValue}, Field: "phone"}, true},
		{"an address's value", Region{Kinds: []string{checks.KindFieldValue}, Field: "address"}, false},
		{"a date of birth's value", Region{Kinds: []string{checks.KindFieldValue}, Field: "dob"}, false},
		{"a value of no known field", Region{Kinds: []string{checks.KindFieldValue}, Reason: "Looks like a name after the label “Name”"}, false},
		{"a checked name", Region{Kinds: []string{checks.KindPersonName}}, seedKinds[checks.KindPersonName]},
	}
	for _, tc := range cases {
		if got := seedKind(tc.r); got != tc.want {
			t.Errorf("%s: seedKind = %v, want %v", tc.name, got, tc.want)
		}
	}
}
