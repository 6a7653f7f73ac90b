package checks

import "testing"

// TestPeersMisses holds cases from peers' test suites (Presidio's UK
// recognisers, scrubadub, a radiology de-identifier's name tests,
// PhysioNet's gold standard) that the checks used to miss. Identities are
// invented; numbers are in Ofcom's drama ranges.
func TestPeersMisses(t *testing.T) {
	for _, tc := range []struct {
		id, text string
		want     []string
	}{
		{"date-of-birth", "Scan requested 2024-03-15T14:30Z", []string{"2024-03-15T14:30Z"}},
		{"date-of-birth", "Admitted 2024-03-15T14:30:05+01:00 via ED", []string{"2024-03-15T14:30:05+01:00"}},
		{"date-of-birth", "DOB 5-MAY-2021", []string{"5-MAY-2021"}},
		{"date-of-birth", "seen 05/May/21 in clinic", []string{"05/May/21"}},
		{"postcode", "Forward to GIR 0AA", []string{"GIR 0AA"}},
		{"postcode", "my postcode is eh12ng", []string{"eh12ng"}},
		{"postcode", "lives at ls14ap.", []string{"ls14ap."}},
		{"phone", "ring 07700900123", []string{"07700900123"}},
		{"phone", "ring +447700900123", []string{"+447700900123"}},
		{"phone", "landline 01134960000", []string{"01134960000"}},
		{"email", "reach me at john at gmail.com", []string{"john at gmail.com"}},
		{"email", "jo.smith(at)nhs.net", []string{"jo.smith(at)nhs.net"}},
		{"email", "john dot smith at hotmail dot co dot uk", []string{"john dot smith at hotmail dot co dot uk"}},
		{"email", "we met at work.com today", nil},
		{"person-name", "Keisha Oyelaran", []string{"Keisha Oyelaran"}},
		{"person-name", "Bartholomew Figg", []string{"Bartholomew Figg"}},
	} {
		got := matchesFor(t, tc.id, FromText(tc.text))
		if len(got) != len(tc.want) || len(got) > 0 && got[0] != tc.want[0] {
			t.Errorf("%s on %q = %q, want %q", tc.id, tc.text, got, tc.want)
		}
	}
}
