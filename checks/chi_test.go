package checks

import "testing"

func TestCHINumber(t *testing.T) {
	runCases(t, "chi-number", []checkCase{
		// Valid date and check digit: reported as CHI, not NHS.
		{"CHI 120348 1004", []string{"120348 1004"}, ""},
		{"1203481012", []string{"1203481012"}, ""},
		// A real date without a check digit is weaker but still shown.
		{"CHI: 1203481000", []string{"1203481000"}, ""},
		// Not a date: 31 February, month 13.
		{"3102481004", nil, ""},
		{"0113481004", nil, ""},
		{"12-03-1948 03", nil, ""},
	})
}

func TestCHIWinsOverNHS(t *testing.T) {
	for _, doc := range []Document{FromText("CHI 1203481004"), ocrDoc("CHI 120348 1004")} {
		if got := matchesFor(t, "nhs-number", doc); len(got) != 0 {
			t.Errorf("%s: also reported as NHS number: %v", doc.Source, got)
		}
	}
}
