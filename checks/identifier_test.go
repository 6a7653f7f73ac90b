package checks

import "testing"

func TestLongNumber(t *testing.T) {
	runCases(t, "long-number", []checkCase{
		// Identifiers in shapes no UK scheme has.
		{"Social Security Number: 039677847", []string{"039677847"}, ""},
		{"External ID ABCD12345678", []string{"ABCD12345678"}, ""},
		{"Account 009070568735", []string{"009070568735"}, ""},
		{"Record 100065E", []string{"100065E"}, ""},
		// A code of letters and five digits or more is one too.
		{"10001NG Show details", []string{"10001NG"}, ""},
		{"Ref 55123XY", []string{"55123XY"}, ""},
		{"Ward 10001 closed", nil, ""},
		{"RTX3080 card, COVID19 clinic", nil, ""},
		{"ISO27001 certified, IEC62304 and BS7671", nil, ""},
		{"Fun run on 12/03/2025 at 2pm", nil, ""},
		{"Ref NARH-36640-2", []string{"NARH-36640-2"}, ""},
		{"Member no 123 456 789", []string{"123 456 789"}, ""},
		{"Home Phone 2025550143", []string{"2025550143"}, ""},
		{"Case 12/345/678", []string{"12/345/678"}, ""},
		{"0396778473USA7212309M1511240", []string{"0396778473USA7212309M1511240"}, ""},
		// Machine-readable zone lines.
		{"P<GBRSMITH<<JOHN<<<<<<<<<<<<<<<<<<<<<<<<<<", []string{"P<GBRSMITH<<JOHN<<<<<<<<<<<<<<<<<<<<<<<<<<"}, ""},
		{"P<USAROSALEZ<", []string{"P<USAROSALEZ<"}, ""},
		{"<ALEJANDRO<", []string{"<ALEJANDRO<"}, ""},
		// Not identifiers.
		{"15 Apr 1990", nil, ""},
		{"Last seen 01-Dec-2022, 08:08 PM", nil, ""},
		{"15 APR 1990", nil, ""},
		{"Ward 12 beds 24 and 36", nil, ""},
		{"Ward 7 hit 100 days without a fall!", nil, ""},
		{"Raised £12,345.67 for the unit", nil, ""},
		{"Total 1234567.89", nil, ""},
		{"Dose 250000 units", nil, ""},
		{"Image 4000x3000 1200000px", nil, ""},
		{"See page 123456", nil, ""},
		{"12/03/1948 10:30", nil, ""},
		{"Seen 2024-03-15T14:30Z", nil, ""},
		{"01/01/2020 - 02/02/2020", nil, ""},
		{"Room 12345", nil, ""},
		{"Pixel spacing 0.123456", nil, ""},
	})
}
