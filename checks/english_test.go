package checks

import "testing"

func TestEnglishWord(t *testing.T) {
	for _, c := range []struct {
		w    string
		want bool
	}{
		{"Scenario", true}, {"communication,", true}, {"ACHIEVE", true},
		{"Green", true}, {"Tamie", false}, {"Johanson", false}, {"ZAZOU", false}, {"John", false}, {"SBI2007", false}, {"", false}, {"...", false},
	} {
		if got := EnglishWord(c.w); got != c.want {
			t.Errorf("EnglishWord(%q) = %v, want %v", c.w, got, c.want)
		}
	}
}
