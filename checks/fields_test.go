package checks

import (
	"strings"
	"testing"
)

func TestFieldsMatch(t *testing.T) {
	f := DefaultFields()
	cases := []struct {
		line  string
		at    int
		kind  string // "" = no label
		n     int
		colon bool
	}{
		{"Name: Drake Synthia", 0, "name", 1, true},
		{"Date of Birth 12/03/1948", 0, "dob", 3, false},
		{"D.O.B. 12/03/1948", 0, "dob", 1, false},
		{"FirstName Johanson", 0, "name", 1, false},
		{"First Name Johanson", 0, "name", 2, false},
		{"NHS No: 943 476 5919", 0, "id", 2, true},
		{"Social Security Number: 039677847", 0, "id", 3, true},
		{"Full Name | Home Phone", 0, "name", 2, false},
		{"Full Name | Home Phone", 3, "phone", 2, false},
		{"Dyddiad geni: 01/02/1950", 0, "dob", 2, true},
		{"Ffôn 07700 900123", 0, "phone", 1, false},
		{"Cyfeiriad", 0, "address", 1, false},
		{"Next of Kin", 0, "name", 3, false},
		// A colon ends a label: "Name: Address" is a name label and a value.
		{"Name: Address", 0, "name", 1, true},
		{"Sumame / Nom", 0, "name", 1, false},
		{"Names of wards", 0, "", 0, false},
		{"Diagnosis", 0, "", 0, false},
		{"", 0, "", 0, false},
	}
	for _, c := range cases {
		words := strings.Fields(c.line)
		l, n, colon := f.Match(words, c.at)
		if l.Kind != c.kind || n != c.n || colon != c.colon {
			t.Errorf("Match(%q, %d) = %q, %d, %v; want %q, %d, %v", c.line, c.at, l.Kind, n, colon, c.kind, c.n, c.colon)
		}
	}
	if l, _, _ := f.Match([]string{"Code:"}, 0); !l.NeedsColon {
		t.Error(`"Code" should need a colon`)
	}
}

func TestParseFieldsErrors(t *testing.T) {
	for _, bad := range []string{"name\tname", "name\tshoe\tany", "name\tname\tsometimes", "...\tname\tany"} {
		if _, err := ParseFields("test", []byte(bad)); err == nil {
			t.Errorf("ParseFields(%q): no error", bad)
		} else if !strings.Contains(err.Error(), "test line 1") {
			t.Errorf("ParseFields(%q): error %q does not name the line", bad, err)
		}
	}
}

func TestTrustFieldLabels(t *testing.T) {
	s, err := NewScanner(Config{FieldLabels: []string{"Unit ref"}})
	if err != nil {
		t.Fatal(err)
	}
	if l, n, _ := s.Fields().Match([]string{"Unit", "ref:", "X1"}, 0); n != 2 || l.Kind != "id" {
		t.Errorf("trust label not matched: %d %q", n, l.Kind)
	}
	if _, n, _ := DefaultFields().Match([]string{"Unit", "ref:"}, 0); n != 0 {
		t.Error("trust label leaked into the default lexicon")
	}
	if _, err := NewScanner(Config{FieldLabels: []string{"::"}}); err == nil {
		t.Error("a label with no letters was accepted")
	}
}

func FuzzFieldsMatch(f *testing.F) {
	f.Add("Date of Birth: 12/03/1948")
	f.Add("NHS No 943 476 5919")
	fl := DefaultFields()
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Fields(s)
		for i := range words {
			_, n, _ := fl.Match(words, i)
			if n < 0 || i+n > len(words) {
				t.Fatalf("Match(%q, %d) took %d words", s, i, n)
			}
		}
	})
}
