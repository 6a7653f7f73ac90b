package checks

import "testing"

// TestOrganisationDetails holds a ward's own details in posts: its phone
// number, shared mailbox, an event's venue and date are not a patient's;
// the same shapes beside a person still are.
func TestOrganisationDetails(t *testing.T) {
	for _, tc := range []struct {
		id   string
		text string
		want []string
	}{
		{"phone", "Family of Joseph Adeyemi – please ring the ward on 0113 496 0782", nil},
		{"phone", "Call the switchboard on 0113 496 0000 and ask for ext 4521", nil},
		{"phone", "Our helpline is 0300 123 4567", nil},
		{"phone", "Visiting is now 11am - 8pm. Please call 0113 243 3144 for details", nil},
		{"phone", "Please call 0113 496 0123, it's her son's number", []string{"0113 496 0123,"}},
		{"phone", "Mr Adeleke has asked for his wife Grace to be called on 07700 900315", []string{"07700 900315"}},
		{"phone", "Can the ward call her daughter on 0113 496 0123 please", []string{"0113 496 0123"}},
		{"phone", "Her number is 0113 496 0123", []string{"0113 496 0123"}},
		{"email", "Email ward.manager@nhs.net for an informal chat", nil},
		{"email", "Send it to leedsth-tr.ward7@nhs.net", nil},
		{"email", "Can we email the photos to jgreen1948@gmail.com", []string{"jgreen1948@gmail.com"}},
		{"email", "Her email is amy.okafor@nhs.net", []string{"amy.okafor@nhs.net"}},
		{"postcode", "Conference on Thursday 9 October 2025 at the Royal Armouries, Leeds LS10 1LT – book via the intranet", nil},
		{"postcode", "Leeds General Infirmary, Great George Street, Leeds LS1 3EX", nil},
		{"postcode", "Postcode for the district nurses: LS6 2QB, pt is Mr Ellis", []string{"LS6 2QB,"}},
		{"postcode", "12 Elm Road, Leeds LS1 4AP", []string{"LS1 4AP"}},
		{"postcode", "Can the district nurses visit 3 Hospital Lane, Leeds LS1 4AP", []string{"LS1 4AP"}},
		{"address", "Drop-in clinic at 8 Harehills Road, Leeds LS8 5HS every Monday", nil},
		{"address", "Can the district nurses visit 3 Hospital Lane, Leeds LS1 4AP", []string{"3 Hospital Lane,"}},
		{"date-of-birth", "Our Nursing Conference is on 14 May 2026 at Leeds Town Hall", nil},
		{"date-of-birth", "Ward 7 is closed from 12/01/2026 to 19/01/2026 for refurbishment", nil},
		{"date-of-birth", "Applications close 31/03/2026, email recruitment@nhs.net", nil},
		{"date-of-birth", "Conference on Thursday 9 October 2025 at the Royal Armouries", nil},
		{"date-of-birth", "New visiting times from 1 March 2026", nil},
		{"date-of-birth", "Remembrance service on Sunday 14 September 2025 at 10:45", nil},
		{"date-of-birth", "Admitted 03/02/2026, home 14/03/2026 – well done", []string{"03/02/2026,", "14/03/2026"}},
		{"date-of-birth", "Born 14 March 1923 in Bermondsey", []string{"14 March 1923"}},
	} {
		got := matchesFor(t, tc.id, FromText(tc.text))
		if len(got) != len(tc.want) {
			t.Errorf("%s on %q = %q, want %q", tc.id, tc.text, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s on %q = %q, want %q", tc.id, tc.text, got, tc.want)
			}
		}
	}
	// No number of no known shape is left behind either.
	for _, text := range []string{"please ring the ward on 0113 496 0782", "from 01/03/2026 onwards"} {
		if got := matchesFor(t, "long-number", FromText(text)); len(got) > 0 {
			t.Errorf("long-number on %q = %q", text, got)
		}
	}
}
