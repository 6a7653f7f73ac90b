package checks

import "testing"

func TestPhone(t *testing.T) {
	runCases(t, "phone", []checkCase{
		{"Call 07700 900123", []string{"07700 900123"}, ""},
		{"0113 496 0000", []string{"0113 496 0000"}, ""},
		{"+44 7700 900123", []string{"+44 7700 900123"}, ""},
		{"+44 (0)113 496 0000", []string{"+44 (0)113 496 0000"}, ""},
		{"(0113) 4960000", []string{"(0113) 4960000"}, ""},
		{"tel:07700900123", []string{"tel:07700900123"}, ""},
		{"(212) 555-1234", []string{"(212) 555-1234"}, ""},
		{"202-555-0121", []string{"202-555-0121"}, ""},
		// OCR: O for 0.
		{"O7700 900123", []string{"O7700 900123"}, ""},
		// A valid NHS number is an NHS number, not a phone number.
		{"999 000 0018", nil, ""},
		{"212 555 1234", nil, ""},
		{"Visiting times 2pm - 8pm", nil, ""},
		{"DOB 12/03/1948", nil, ""},
		{"Ref 00123456789012", nil, ""},
	})
}

func TestEmail(t *testing.T) {
	runCases(t, "email", []checkCase{
		{"joan.okafor@example.com", []string{"joan.okafor@example.com"}, ""},
		{"Email: (t.zyxwu@nhs.net)", []string{"(t.zyxwu@nhs.net)"}, ""},
		{"@NHSEngland", nil, ""},
		{"Huge thanks to the team on Ward 7 #NHS #TeamWard7 @NHSEngland", nil, ""},
	})
}
