package compose

import (
	"strings"
	"testing"

	"safepost/checks"
)

func TestWardListEntry(t *testing.T) {
	for _, tc := range []struct {
		check, text, span string
		key, entry        string
	}{
		{"person-name", "Well done Jason Turner!", "Jason Turner!", "staff_names", "Jason Turner"},
		{"person-name", "The team on Cedar Ward", "Cedar", "ward_names", "Cedar Ward"},
		{"person-name", "Thanks to Amy's team", "Amy's", "staff_names", "Amy"},
		{"person-name", "Lovely to see Mrs Okafor", "Mrs Okafor", "", ""},
		{"phone", "Ring us on 0113 496 0000.", "0113 496 0000.", "phone_numbers", "0113 496 0000"},
		{"email", "Email (ward7@nhs.net)", "(ward7@nhs.net)", "emails", "ward7@nhs.net"},
		{"postcode", "at LS1 3EX,", "LS1 3EX,", "postcodes", "LS1 3EX"},
		{"nhs-number", "943 476 5919", "943 476 5919", "", ""},
		{"age", "aged 84", "aged 84", "", ""},
	} {
		a := strings.Index(tc.text, tc.span)
		f := TextFinding{Finding: checks.Finding{Check: tc.check}, Start: a, End: a + len(tc.span)}
		key, entry, ok := wardListEntry(f, tc.text)
		if key != tc.key || entry != tc.entry || ok != (tc.key != "") {
			t.Errorf("%s %q: got %q %q %v, want %q %q", tc.check, tc.span, key, entry, ok, tc.key, tc.entry)
		}
	}
}
