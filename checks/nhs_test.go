package checks

import "testing"

func TestNHSNumber(t *testing.T) {
	runCases(t, "nhs-number", []checkCase{
		{"NHS No: 999 000 0018", []string{"999 000 0018"}, ""},
		{"9990000026", []string{"9990000026"}, ""},
		{"nhs 999-000-0034", []string{"999-000-0034"}, ""},
		{"NHS:9990000042", []string{"NHS:9990000042"}, ""},
		{"Bed 4 999 000 0050 falls risk", []string{"999 000 0050"}, ""},
		// OCR: stray spaces, O for 0, l for 1.
		{"999 00 0 0069", []string{"999 00 0 0069"}, ""},
		{"999 OOO 0077", []string{"999 OOO 0077"}, ""},
		{"NHS 99900 00085", []string{"99900 00085"}, ""},
		// Wrong check digit, too short, too long.
		{"999 000 0000", nil, ""},
		{"999 000 001", nil, ""},
		{"999 000 00189", nil, ""},
		{"Ward 7 hit 100 days without a fall!", nil, ""},
		{"Order ref 12345", nil, ""},
	})
}
