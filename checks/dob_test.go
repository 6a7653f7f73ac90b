package checks

import (
	"strings"
	"testing"
	"time"
)

func TestDateOfBirth(t *testing.T) {
	runCases(t, "date-of-birth", []checkCase{
		{"DOB 12/03/1948", []string{"12/03/1948"}, ""},
		{"D.O.B: 12.03.48", []string{"12.03.48"}, ""},
		{"Born 12-03-1948", []string{"12-03-1948"}, ""},
		{"03/12/1948", []string{"03/12/1948"}, ""},
		{"12/31/1948", []string{"12/31/1948"}, ""}, // US order
		{"DOB 12 Mar 1948", []string{"12 Mar 1948"}, ""},
		{"12th March 1948", []string{"12th March 1948"}, ""},
		{"March 12, 1948", []string{"March 12, 1948"}, ""},
		{"DATE OF BIRTH MARCH 23,1981", []string{"MARCH 23,1981"}, SourceOCR},
		{"Signed MAR.24,1981", []string{"MAR.24,1981"}, SourceOCR},
		{"Summary 12, 2020 plan", nil, ""},
		{"Revised 01-01-2022", nil, SourceOCR},
		{"Male · 25 years · 12 — Sept — 1997", []string{"12 — Sept — 1997"}, SourceOCR},
		{"5 - May - 2021", []string{"5 - May - 2021"}, ""},
		{"Week 1 - Mar - 12 Apr", nil, SourceOCR},
		{"Open 9 - Dec - 12", nil, SourceOCR},
		// Dates in a viewer's locale.
		{"Born 1 janv. 1901", []string{"1 janv. 1901"}, SourceOCR},
		{"DOB 5 dic 1950", []string{"5 dic 1950"}, ""},
		{"3 Okt 1944", []string{"3 Okt 1944"}, SourceOCR},
		{"12 août 1939", []string{"12 août 1939"}, ""},
		{"2 mai 1948", []string{"2 mai 1948"}, ""},
		{"31 févr. 1950", nil, ""},
		{"Reviewed: 12 March 2019", nil, ""},
		{"1948-03-12", []string{"1948-03-12"}, ""},
		{"Mrs Okafor admitted 01/02/2024", []string{"01/02/2024"}, ""},
		{"DOB:12/03/1948", []string{"DOB:12/03/1948"}, ""},
		// OCR: O for 0 and a stray space.
		{"DOB 12/O3/ 1948", []string{"12/O3/ 1948"}, ""},
		// OCR garbled an X-ray's "DOB: 09.26.1942" day, month and first
		// stop; typed text means what it says.
		{"0B: 98, 26.1942", []string{"98, 26.1942"}, "ocr"},
		{"0B: 98, 26.1942", nil, "text"},
		{"DOB 07 16.1953", []string{"07 16.1953"}, "ocr"},
		// Partial dates, times, years, impossible dates.
		{"March 2024", nil, ""},
		{"See you 12 March", nil, ""},
		{"Bed 3 Tomasz KOWALCZYK NBM EDD 14/11", nil, ""},
		{"Visiting 10:30 - 12.30 daily", nil, ""},
		{"Since 2024", nil, ""},
		{"31/02/1948", nil, ""},
		{"12 March 20 patients", nil, ""},
		{"24/7", nil, ""},
	})
}

func TestDateOfBirthReason(t *testing.T) {
	s, err := NewScanner(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"DOB 12/03/1948":               "Date of birth",
		"Mrs Okafor 12/03/1948":        "A full date next to patient details",
		"Fun run on 12/03/2025 at 2pm": "A full date, which can help identify a patient",
	} {
		fs := s.Scan(FromText(text))
		if len(fs) == 0 || fs[len(fs)-1].Check != "date-of-birth" {
			t.Errorf("%q: no date found: %v", text, fs)
			continue
		}
		f := fs[len(fs)-1]
		if f.Reason != want || f.Confidence < 0.5 {
			t.Errorf("%q: got %q %.2f, want %q >= 0.5", text, f.Reason, f.Confidence, want)
		}
	}
}

// TestDateOfBirthMisread: in OCR text, two short numbers, a comma or a
// space, then a stop and a four-digit year are a garbled date; a recent
// year without DOB context is more likely a number before a month.
func TestDateOfBirthMisread(t *testing.T) {
	today := func() time.Time { return time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC) }
	c := &DateOfBirth{Now: today}
	for _, tc := range []struct {
		text string
		want bool // flagged
	}{
		{"0B: 98, 26.1942", true},
		{"98, 26.1942", true},
		{"07 16.1953", true},
		{"DOB 3 12/2025", true}, // recent, but a date of birth
		{"Version 2, 10-2025", false},
		{"Bay 3 12/2024", false},
		{"Page 1 of 2, 11.2026", false},
		{"Beds 1, 2 and 3", false},
	} {
		got := len(c.Find(ocrDoc(tc.text))) > 0
		if got != tc.want {
			t.Errorf("%q: flagged %v, want %v", tc.text, got, tc.want)
		}
		if len(c.Find(FromText(tc.text))) > 0 && !strings.Contains(tc.text, "DOB") {
			t.Errorf("%q typed: flagged, want typed text taken as written", tc.text)
		}
	}
}

// TestDateOfBirthLeavesDocumentDates: the date of a letter, a print-out
// or a label's timestamp is not a patient's, unless DOB or patient context
// says so.
func TestDateOfBirthLeavesDocumentDates(t *testing.T) {
	today := func() time.Time { return time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC) }
	c := &DateOfBirth{Now: today}
	for _, tc := range []struct {
		text string
		want bool // flagged
	}{
		{"Date: 14/11/2025", false},
		{"Printed 02/10/2026", false},
		{"Collected 14/11/25 08:40", false},
		{"14/11/25 08:40", false},
		{"14 November 2025", false},
		{"14 November 2026.", false},
		{"March 3, 2027", false}, // a future date alone: an appointment
		// Still dates of birth or patient dates.
		{"DOB 14/11/2025", true}, // a newborn
		{"Born 14 November 2025", true},
		{"Date of birth: 14/11/2025", true},
		{"Mrs Okafor 14/11/2025", true},
		{"Mrs Okafor 14/11/25 08:40", true},
		{"14 November 1948", true}, // alone, but not recent
		{"12/03/48", true},         // two-digit year: age unknown
		{"Fun run on 12/03/2025 at 2pm", true},
		{"DOB: 14/11/25 08:40", true},
		{"12.03.1948 14.11.2025", true}, // a date, not a time, after it
		{"Date: 12/03/1948", true},      // not recent
		{"Date: 12/03/48", true},
		{"\u212a\u212a\u212a Date: 14/11/2025", false}, // Kelvin signs: lower case changes length
		{"14 November 2030", true},                     // too far ahead to be a document's date
	} {
		got := len(c.Find(FromText(tc.text))) > 0
		if got != tc.want {
			t.Errorf("%q: flagged %v, want %v", tc.text, got, tc.want)
		}
	}
	// Alone on its line but in a patient's row or beside one: a cell of a
	// board, such as a newborn's date of birth.
	doc := Document{Source: SourceOCR, Lines: []Line{
		{Words: []Word{{Text: "Bed", Conf: 95}, {Text: "3", Conf: 95}, {Text: "Baby", Conf: 95}, {Text: "OKAFOR", Conf: 95}}},
		{Words: []Word{{Text: "14/11/2025", Conf: 95}}},
	}}
	if len(c.Find(doc)) == 0 {
		t.Error("a recent date beside a patient's row was left as a document date")
	}
}
