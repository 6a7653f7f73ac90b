package checks

import "testing"

func TestPostcode(t *testing.T) {
	runCases(t, "postcode", []checkCase{
		{"Leeds LS1 4AP", []string{"LS1 4AP"}, ""},
		{"SW1A 1AA", []string{"SW1A 1AA"}, ""},
		{"M1 1AE.", []string{"M1 1AE."}, ""},
		{"EC1A1BB", []string{"EC1A1BB"}, ""},
		{"ls1 4ap", []string{"ls1 4ap"}, ""},
		// One OCR confusion in the inward part.
		{"LS1 4A9", nil, ""},
		{"LS1 SAP", []string{"LS1 SAP"}, ""},
		{"LS1 4AB", []string{"LS1 4AB"}, ""},
		// Not postcodes: unknown area, bad inward letters, shapes in text.
		{"XY1 4AP", nil, ""},
		{"LS1 4CK", nil, ""},
		{"A4 paper and B12 levels", nil, ""},
		{"Room A1 2nd floor", nil, ""},
		{"COVID19 jab", nil, ""},
	})
}

func TestAddress(t *testing.T) {
	runCases(t, "address", []checkCase{
		{"12 Elm Road", []string{"12 Elm Road"}, ""},
		{"Flat 2, 14 Church Street", []string{"14 Church Street"}, ""},
		{"7a Qwerlin Close, Leeds", []string{"7a Qwerlin Close,"}, ""},
		{"3 Acacia Avenue\nLeeds LS1 4AP", []string{"3 Acacia Avenue"}, ""},
		{"22 HIGH ST", []string{"22 HIGH ST"}, ""},
		// The town between the street and the postcode is the address too.
		{"12 Elm Road\nHillford\nLS1 8GG", []string{"12 Elm Road", "Hillford"}, ""},
		{"12 Elm Road\nLower Brackenby\nCaldermoor\nEH15 6SQ", []string{"12 Elm Road", "Lower Brackenby", "Caldermoor"}, ""},
		{"12 Elm Road\nThank you for coming\nLS1 8GG", []string{"12 Elm Road"}, ""},
		{"12 Elm Road\nHillford", []string{"12 Elm Road"}, ""},
		{"Car park on 3 Elm Road\nPlease Note\nLS1 8GG", []string{"3 Elm Road"}, ""},
		// North American town lines: town, state and ZIP code.
		{"AUERCHESTER, OH 30731", []string{"AUERCHESTER, OH 30731"}, ""},
		{"Any City, CA 92127", []string{"Any City, CA 92127"}, ""},
		{"California 05750", []string{"California 05750"}, ""},
		{"6364 LILLA TURNPIKE, SPRINGFIELD, IL 62701-1234", []string{"6364 LILLA TURNPIKE,", "SPRINGFIELD, IL 62701-1234"}, ""},
		{"Raised 12345 for Ward 7", nil, ""},
		{"Code XY 12345", nil, ""},
		{"Ward 7 hit 100 days without a fall!", nil, ""},
		{"open 7 days a week", nil, ""},
		{"3 patients went home", nil, ""},
	})
}

func TestAddressNextToPostcode(t *testing.T) {
	s, _ := NewScanner(DefaultConfig())
	alone := s.Scan(FromText("3 Acacia Avenue"))
	near := s.Scan(FromText("3 Acacia Avenue\nLeeds LS1 4AP"))
	if len(alone) != 1 || len(near) == 0 || near[0].Confidence <= alone[0].Confidence {
		t.Errorf("a postcode on the next line should raise confidence: alone %v, near %v", alone, near)
	}
}
