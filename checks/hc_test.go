package checks

import "testing"

func TestHCNumber(t *testing.T) {
	runCases(t, "hc-number", []checkCase{
		{"H&C 320 123 4567", []string{"320 123 4567"}, ""},
		{"3201234575", []string{"3201234575"}, ""},
		// Out of range (NHS-style) and bad check digit.
		{"999 000 0018", nil, ""},
		{"320 123 4568", nil, ""},
	})
}
