package checks

import "testing"

func TestPatientList(t *testing.T) {
	board := "Bed Name EDD Notes\n1 OKAFOR J 84y NBM\n2 SMITH, John DNACPR\n3 Qwerlin T falls risk\nWelcome to Ward 7"
	runCases(t, "patient-list", []checkCase{
		{"Bed 3 Tomasz KOWALCZYK NBM EDD 14/11", []string{"Bed 3 Tomasz KOWALCZYK NBM EDD 14/11"}, ""},
		{"Bed 4 Qwerlin T", []string{"Bed 4 Qwerlin T"}, ""},
		{board, []string{"1 OKAFOR J 84y NBM", "2 SMITH, John DNACPR", "3 Qwerlin T falls risk"}, ""},
		{"B4 Zyxwu IV abx\nB5 Qwerlin O2 obs", []string{"B4 Zyxwu IV abx", "B5 Qwerlin O2 obs"}, ""},
		{"Side room 2 barrier nursing\nSR3 DNACPR MFFD", []string{"Side room 2 barrier nursing", "SR3 DNACPR MFFD"}, ""},
		// An OCR'd board with bare numbers and names only.
		{"1 Qwerlin\n2 Zyxwu", []string{"1 Qwerlin", "2 Zyxwu"}, SourceOCR},
		// A photographed board whose bed numbers OCR did not read: names
		// beside ages or shorthand, two rows or more.
		{"QWERLIN, Trebor 83 yre PT r/v\nZYXWU, Joan NBM", []string{"QWERLIN, Trebor 83 yre PT r/v", "ZYXWU, Joan NBM"}, SourceOCR},
		{"F QWERLIN 41y NEWS 3\nR ZYXWU 79y diabetic", []string{"F QWERLIN 41y NEWS 3", "R ZYXWU 79y diabetic"}, SourceOCR},
		{"QWERLIN, Trebor 83 yrs", nil, SourceOCR},
		{"QWERLIN, Trebor 83 yrs\nZYXWU, Joan NBM", nil, SourceText},
		{"Nurse in charge Leanne\nStaff Nurse Amy Clarke 2 falls", nil, SourceOCR},
		{"Falls: Joan Okafor\nPressure care: Amy Clarke", nil, SourceOCR},
		{"Joan OKAFOR Early 7.30-15.30\nAmy CLARKE Late 13.00-21.00", nil, SourceOCR},
		// Numbered lists in a post are not patient lists.
		{"1 Qwerlin\n2 Zyxwu", nil, SourceText},
		{"Top tips:\n1. Wash your hands\n2. Wear an apron", nil, ""},
		// A document's numbered list is prose, not a board, even in OCR.
		{"1. Achieve universal healthcare for all citizens\n2. Lower healthcare costs for individuals\n3. Improve public health", nil, SourceOCR},
		{"1. Establish a public option\n2. Expand Medicaid coverage", nil, SourceOCR},
		{"1 Qwerlin obs stable\n2 Zyxwu for review today by physio", []string{"1 Qwerlin obs stable", "2 Zyxwu for review today by physio"}, SourceOCR},
		{"Bed Name EDD Notes", nil, ""},
		{"Ward 7 hit 100 days without a fall!", nil, ""},
		{"Bed 4 is free", nil, ""},
		{"Happy 100th birthday to Doris in bay 3! Thanks to the team", nil, SourceText},
		{"12 Elm Road\n14 Elm Road", nil, ""},
	})
}

// TestPatientListIgnoresUnsureWords: texture in a photo that OCR reads as
// "7 Tre" or "4 a ats ZIES" with low confidence is not a board of patients;
// the same rows read confidently are.
func TestPatientListIgnoresUnsureWords(t *testing.T) {
	for _, tc := range []struct {
		conf float64
		want int
	}{{25, 0}, {85, 3}} {
		doc := ocrDoc("7 Tre", "4 ats ZIES", "5 Tek AN")
		for i := range doc.Lines {
			for j := range doc.Lines[i].Words {
				if j > 0 {
					doc.Lines[i].Words[j].Conf = tc.conf
				}
			}
		}
		if got := len(matchesFor(t, "patient-list", doc)); got != tc.want {
			t.Errorf("words at confidence %.0f: %d rows flagged, want %d", tc.conf, got, tc.want)
		}
	}
}

// TestGuessedBedNumber: an icon OCR read as "4" with no confidence is no
// bed number, so the button's word after it is no patient's name; the
// same number read clearly is.
func TestGuessedBedNumber(t *testing.T) {
	for _, tc := range []struct {
		conf float64
		want int
	}{{0, 0}, {60, 1}} {
		doc := ocrDoc("4 Qwerlin results")
		doc.Lines[0].Words[0].Conf = tc.conf
		if got := len(matchesFor(t, "person-name", doc)); got != tc.want {
			t.Errorf("bed number at confidence %.0f: %d names, want %d", tc.conf, got, tc.want)
		}
	}
}

// TestPatientListHalfSureNames: a name-shaped word read half surely
// (confidence 40 to 50, as on a sloped row) makes a row; below that, or
// an ordinary word, it does not.
func TestPatientListHalfSureNames(t *testing.T) {
	for _, tc := range []struct {
		rows []string
		conf float64
		want int
	}{
		{[]string{"3 LINDQVIST Hamnah", "7 QWERLINSKA Trebor"}, 45, 2},
		{[]string{"3 LINDQVIST Hamnah", "7 QWERLINSKA Trebor"}, 35, 0},
		{[]string{"3 Ruts", "7 Tree"}, 45, 0},
	} {
		doc := ocrDoc(tc.rows...)
		for i := range doc.Lines {
			for j := range doc.Lines[i].Words {
				if j > 0 {
					doc.Lines[i].Words[j].Conf = tc.conf
				}
			}
		}
		if got := len(matchesFor(t, "patient-list", doc)); got != tc.want {
			t.Errorf("%q at confidence %.0f: %d rows flagged, want %d", tc.rows, tc.conf, got, tc.want)
		}
	}
}
