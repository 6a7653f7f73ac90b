package bench

import (
	"slices"
	"strings"
	"testing"
)

func TestKeyText(t *testing.T) {
	for in, want := range map[string]string{
		"Mrs Joan O'Kafor":   "MRSJOANOKAFOR",
		"943 476 5919":       "9434765919",
		"12/03/1948":         "12031948",
		"Straße":             "STRASSE",
		"ﬁrst ﬂoor":          "FIRSTFLOOR",
		"José Müller":        "JOSMLLER", // accented letters go, as in the scorer
		"ınk ſeen":           "INKSEEN",
		"":                   "",
		"— 12 — Sept —":      "12SEPT",
		"line one\nline 2\t": "LINEONELINE2",
	} {
		if got := KeyText(in); got != want {
			t.Errorf("KeyText(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestLeakKeys(t *testing.T) {
	for _, tc := range []struct {
		name, text, kind, surname string
		nonPII                    []string
		want                      []string
	}{
		{name: "a name: whole and surname", text: "Joan Okafor", kind: "person-name",
			want: []string{"JOANOKAFOR", "OKAFOR"}},
		{name: "surname given (surname first)", text: "DAVIDSON DOUGLAS", kind: "person-name", surname: "Davidson",
			want: []string{"DAVIDSONDOUGLAS", "DAVIDSON"}},
		{name: "short surname: whole only", text: "Amy Li", kind: "person-name",
			want: []string{"AMYLI"}},
		{name: "a one-word name is its own surname", text: "SMITH", kind: "person-name",
			want: []string{"SMITH"}},
		{name: "ID: whole and every run of six digits", text: "943 476 5919", kind: "id-number",
			want: []string{"9434765919", "943476", "434765", "347659", "476591", "765919"}},
		{name: "hospital number with letters", text: "K123456", kind: "hospital-number",
			want: []string{"K123456", "123456"}},
		{name: "digits of other kinds are not split", text: "07700 900123", kind: "phone",
			want: []string{"07700900123"}},
		{name: "under four characters: no key", text: "84y", kind: "age"},
		{name: "keys in the image's other text are dropped", text: "Ward Smith", kind: "person-name",
			nonPII: []string{"Smith Ward", "Named nurse"}, want: []string{"WARDSMITH"}},
		{name: "also across the other items joined up", text: "Joan Okafor", kind: "person-name",
			nonPII: []string{"Dr Oka", "for"}, want: []string{"JOANOKAFOR"}},
		{name: "inside a longer word too", text: "Ann Bell", kind: "person-name",
			nonPII: []string{"BellTower"}, want: []string{"ANNBELL"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n []string
			for _, s := range tc.nonPII {
				n = append(n, KeyText(s))
			}
			got := LeakKeys(tc.text, tc.kind, tc.surname, strings.Join(n, "|"), strings.Join(n, ""))
			if !slices.Equal(got, tc.want) {
				t.Errorf("LeakKeys = %q; want %q", got, tc.want)
			}
		})
	}
}

func TestFoundInOneReadingAtATime(t *testing.T) {
	readings := []string{"WARD7OKA", "FORBED3"}
	if foundIn([]string{"OKAFOR"}, readings) {
		t.Error("a key split across two readings was found")
	}
	if !foundIn([]string{"XXXX", "BED3"}, readings) {
		t.Error("a key inside one reading was not found")
	}
	if foundIn(nil, readings) {
		t.Error("no keys found something")
	}
}
