package scan

import (
	"image"
	"testing"

	"safepost/checks"
	"safepost/internal/ocr"
)

func TestFieldRegions(t *testing.T) {
	const h = 20
	// A table: headings at y=100, rows every 30 px, columns at x=10, 300,
	// 600 and 900.
	head := func(y int) []ocr.Line {
		return []ocr.Line{cell(10, y, h, 90, "Full Name"), cell(300, y, h, 90, "Home Phone"),
			cell(600, y, h, 90, "Status"), cell(900, y, h, 90, "External ID")}
	}
	tableRow := func(y int, name, phone, status, id string) []ocr.Line {
		return []ocr.Line{cell(10, y, h, 80, name), cell(300, y, h, 80, phone), cell(600, y, h, 80, status), cell(900, y, h, 80, id)}
	}
	table := append(head(100), tableRow(130, "Qwerlin Trebor", "2025550143", "Active", "ABCD12345678")...)
	table = append(table, tableRow(160, "Zyxwu Amy", "2025550199", "Active", "ABCD87654321")...)
	table = append(table, tableRow(190, "Okoro Dayo", "nnmrwv", "Closed", "ABCD11111111")...)
	// A paragraph under the table ends it.
	table = append(table, row(260, h, 90, "Please keep this list up to date and tell the ward"))

	cases := []struct {
		name      string
		lines     []ocr.Line
		covered   []string // words that must be covered
		uncovered []string // words that must stay readable
	}{
		{"label with a colon", []ocr.Line{row(10, h, 90, "Name: Drake Synthia")},
			[]string{"Drake", "Synthia"}, []string{"Name:"}},
		{"label and value in separate boxes", []ocr.Line{cell(10, 10, h, 90, "First Name"), cell(300, 10, h, 90, "Johanson")},
			[]string{"Johanson"}, []string{"First"}},
		{"value below its label", []ocr.Line{cell(10, 10, h, 90, "Address"), cell(400, 10, h, 90, "City"),
			cell(12, 40, h, 90, "Gorny boul. 21"), cell(402, 40, h, 90, "Wellington")},
			[]string{"Gorny", "21", "Wellington"}, []string{"Address", "City"}},
		{"a value that is also a label word", []ocr.Line{cell(10, 10, h, 90, "Address"), cell(400, 10, h, 90, "City"),
			cell(12, 40, h, 90, "Fall road"), cell(402, 40, h, 90, "River town")},
			[]string{"Fall", "River", "town"}, []string{"Address", "City"}},
		{"an address block below its label", []ocr.Line{row(10, h, 90, "Bill To:"), row(40, h, 90, "Zhang Wei"),
			row(70, h, 90, "3097 O'Kon Islands, Roderickton"), row(100, h, 90, "California 05750"),
			row(170, h, 90, "Description Amount")},
			[]string{"Zhang", "Wei", "3097", "Roderickton", "05750"}, []string{"Bill", "Description", "Amount"}},
		{"a label word inside a value", []ocr.Line{row(10, h, 90, "City, State: Any City, CA"), row(40, h, 90, "Town: Leeds Postcode: LS1")},
			[]string{"Any", "CA", "Leeds", "LS1"}, []string{"State:", "Postcode:"}},
		{"the next label ends a value", []ocr.Line{row(10, h, 90, "Surname: Okafor Forename Joan"), row(40, h, 90, "Name: Joan Qwerlin Address 12 Elm Road")},
			[]string{"Okafor", "Joan", "Qwerlin"}, []string{"Forename", "Address"}},
		{"a sentence after a value", []ocr.Line{row(10, h, 90, "Address: Same As Above. Please Bring Photo ID")},
			nil, []string{"Please", "Bring", "Photo"}},
		{"a phrase is not a field", []ocr.Line{row(10, h, 90, "Patient Notes"), row(40, h, 90, "Drink plenty of water")},
			nil, []string{"Notes", "Drink", "water"}},
		{"optional field left empty", []ocr.Line{row(10, h, 90, "Email Address (Optional)"), row(40, h, 90, "How would you like us to call")},
			nil, []string{"(Optional)", "How", "call"}},
		{"a label in prose", []ocr.Line{row(10, h, 90, "please give the name of your GP")},
			nil, []string{"of", "your", "GP"}},
		{"common word needs a colon", []ocr.Line{row(10, h, 90, "Code Red drill"), row(40, h, 90, "Code: 297")},
			[]string{"297"}, []string{"Red", "drill"}},
		{"a ward list is not a patient list", []ocr.Line{cell(10, 10, h, 90, "CODE"), cell(100, 10, h, 90, "NAME"),
			cell(400, 10, h, 90, "TELEPHONE"), cell(700, 10, h, 90, "BEDS"),
			cell(10, 40, h, 90, "C"), cell(100, 40, h, 90, "CHILDREN WARD"), cell(400, 40, h, 90, "219"), cell(700, 40, h, 90, "35"),
			cell(10, 70, h, 90, "M"), cell(100, 70, h, 90, "MATERNITY WARD"), cell(400, 70, h, 90, "211"), cell(700, 70, h, 90, "67")},
			nil, []string{"CHILDREN", "MATERNITY", "219", "211", "35"}},
		{"a ward table's codes, extensions and the next column's numbers", []ocr.Line{cell(10, 10, h, 40, "CODE"), cell(100, 10, h, 90, "TELEPHONE"),
			cell(400, 10, h, 60, "E-MAIL"), cell(520, 10, h, 40, "BEDS"), cell(640, 10, h, 60, "NURSES"),
			cell(10, 40, h, 20, "C"), cell(30, 40, h, 60, "CHILDREN"), cell(100, 40, h, 40, "2I8"), cell(488, 40, h, 20, "35"), cell(640, 40, h, 20, "18"),
			cell(10, 70, h, 30, "OPD"), cell(100, 70, h, 40, "212"), cell(488, 70, h, 20, "41"), cell(640, 70, h, 20, "15")},
			nil, []string{"C", "CHILDREN", "OPD", "2I8", "212", "35", "41"}},
		{"a contact table's addresses and numbers", []ocr.Line{cell(10, 10, h, 90, "Patient ID"), cell(300, 10, h, 90, "Telephone"),
			cell(600, 10, h, 60, "E-mail"), cell(900, 10, h, 60, "Status"),
			cell(10, 40, h, 90, "K1234567"), cell(300, 40, h, 90, "O7700 9OOI23"), cell(600, 40, h, 90, "t.qwerlin@example.org"), cell(900, 40, h, 60, "Active"),
			cell(10, 70, h, 90, "K7654321"), cell(300, 70, h, 90, "07700900456"), cell(600, 70, h, 90, "a.zyxwu.example.org"), cell(900, 70, h, 60, "Active")},
			[]string{"K1234567", "O7700", "9OOI23", "t.qwerlin@example.org", "K7654321", "07700900456", "a.zyxwu.example.org"}, []string{"Status", "Active"}},
		{"a label after its translation", []ocr.Line{cell(10, 10, h, 90, "Given"), cell(150, 10, h, 90, "/ Prénoms / Nombres"), cell(12, 40, h, 90, "Rosalez")},
			[]string{"Rosalez"}, []string{"Given", "Prénoms", "Nombres"}},
		{"a label and its translations", []ocr.Line{row(10, h, 90, "Sumame / Nom / Apellidos"), row(40, h, 90, "Rosalez")},
			[]string{"Rosalez"}, []string{"Sumame", "Nom", "Apellidos"}},
		{"personal columns of a table", table,
			[]string{"Qwerlin", "Trebor", "Zyxwu", "Okoro", "Dayo", "2025550143", "nnmrwv", "ABCD12345678", "ABCD11111111"},
			[]string{"Full", "Status", "Active", "Closed", "Please", "ward"}},
	}
	fl := checks.DefaultFields()
	for _, c := range cases {
		page := &ocr.Page{Lines: c.lines}
		doc := Document(page)
		regions := fieldRegions(doc, fl)
		for _, want := range c.covered {
			if b := wordBox(t, page, want); !covered(regions, b) {
				t.Errorf("%s: %q at %v not covered by %v", c.name, want, b, boxes(regions))
			}
		}
		for _, keep := range c.uncovered {
			b := wordBox(t, page, keep)
			for _, r := range regions {
				if r.Box.Overlaps(b) {
					t.Errorf("%s: %q at %v covered by %v (%s)", c.name, keep, b, r.Box, r.Reason)
				}
			}
		}
		for _, r := range regions {
			if len(r.Kinds) != 1 || r.Kinds[0] != checks.KindFieldValue || r.Reason == "" {
				t.Errorf("%s: region %v has kinds %v and reason %q", c.name, r.Box, r.Kinds, r.Reason)
			}
		}
	}
}

// wordBox finds the box of the word with this text on the page.
func wordBox(t *testing.T, page *ocr.Page, text string) image.Rectangle {
	t.Helper()
	for _, l := range page.Lines {
		for _, w := range l.Words {
			if w.Text == text {
				return w.Box
			}
		}
	}
	t.Fatalf("no word %q on the page", text)
	return image.Rectangle{}
}

// TestFieldReason: a value's reason names what it is and the label or
// column heading that says so, from the lexicon's spelling.
func TestFieldReason(t *testing.T) {
	cases := []struct {
		label  checks.FieldLabel
		column bool
		want   string
	}{
		{checks.FieldLabel{Label: "Patient", Kind: "name"}, true, "Looks like a name in a “Patient” column"},
		{checks.FieldLabel{Label: "Surname", Kind: "name"}, false, "Looks like a name after the label “Surname”"},
		{checks.FieldLabel{Label: "DOB", Kind: "dob"}, false, "Looks like a date of birth after the label “DOB”"},
		{checks.FieldLabel{Label: "MRN", Kind: "id"}, true, "Looks like an identifying number in a “MRN” column"},
		{checks.FieldLabel{Label: "Home Phone", Kind: "phone"}, true, "Looks like a phone number in a “Home Phone” column"},
		{checks.FieldLabel{Label: "", Kind: "email"}, false, fieldReasons["email"]},
		{checks.FieldLabel{Label: "Widget", Kind: "unknown"}, false, ""},
	}
	for _, tc := range cases {
		f := &field{label: tc.label}
		if got := f.reason(tc.column); got != tc.want {
			t.Errorf("%+v column=%v: %q, want %q", tc.label, tc.column, got, tc.want)
		}
	}
}
