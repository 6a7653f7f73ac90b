package post

import (
	"testing"
	"unicode/utf8"

	"safepost/checks"
)

// FuzzCheckText feeds the post checks arbitrary text: every finding must
// lie inside the text, by code point, with its Match the text there.
func FuzzCheckText(f *testing.F) {
	for _, s := range []string{
		"Happy 100th birthday to Doris in bay 3! 🎂",
		"Née Okafor, 84, DOB 12/03/1948 NHS 943 476 5919",
		"Mohammed's wife Fatima\r\n\nMrs Green in bed 4",
		"\xff\xfe Mr \xc3",
		"",
	} {
		f.Add(s)
	}
	s, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n := utf8.RuneCountInString(text)
		for _, fd := range CheckText(s, text) {
			if fd.Start < 0 || fd.End > n || fd.Start > fd.End {
				t.Fatalf("finding %s at %d-%d of %d code points", fd.Check, fd.Start, fd.End, n)
			}
			if fd.Check == "" || fd.Reason == "" || fd.Confidence <= 0 || fd.Confidence > 1 {
				t.Fatalf("incomplete finding %+v", fd)
			}
		}
	})
}
