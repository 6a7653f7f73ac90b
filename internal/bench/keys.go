package bench

import (
	"strings"
	"unicode"
)

// idKinds are the kinds whose every run of six digits is a key on its own:
// a number read with one digit wrong or split across a line still leaks.
var idKinds = map[string]bool{"id-number": true, "nhs-number": true, "hospital-number": true}

// upperMany are the letters whose capital is more than one letter (Python's
// str.upper, which the scorer uses, gives "SS" for "ß"; Go's ToUpper keeps
// one rune) and that leave a letter or digit once accents are dropped. OCR
// output can hold the ligatures.
var upperMany = map[rune]string{
	'ß': "SS", 'ŉ': "N", 'ǰ': "J", 'ẖ': "H", 'ẗ': "T", 'ẘ': "W", 'ẙ': "Y", 'ẚ': "A",
	'ﬀ': "FF", 'ﬁ': "FI", 'ﬂ': "FL", 'ﬃ': "FFI", 'ﬄ': "FFL", 'ﬅ': "ST", 'ﬆ': "ST",
}

// KeyText normalises text for leak matching as the scorer does: capitals,
// then only A-Z and 0-9 kept (spaces, punctuation and accented letters go).
func KeyText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if m, ok := upperMany[r]; ok {
			b.WriteString(m)
			continue
		}
		u := unicode.ToUpper(r)
		if ('A' <= u && u <= 'Z') || ('0' <= u && u <= '9') {
			b.WriteRune(u)
		}
	}
	return b.String()
}

// LeakKeys returns the strings whose presence in OCR text means an item
// can be read: its whole normalised text when 4 or more characters; for ID
// and hospital numbers every run of 6 digits; for names the surname
// (surname when given, else the last word) when 4 or more characters. Keys
// that also occur in the image's non-patient text are dropped (finding them
// proves nothing): nonPIISep is that text's items normalised and joined with
// "|", nonPIICat the same joined with nothing.
func LeakKeys(text, kind, surname, nonPIISep, nonPIICat string) []string {
	var keys []string
	if t := KeyText(text); len(t) >= 4 {
		keys = append(keys, t)
	}
	if idKinds[kind] {
		var d []rune
		for _, r := range text {
			if unicode.IsDigit(r) {
				d = append(d, r)
			}
		}
		for i := 0; i+6 <= len(d); i++ {
			keys = append(keys, string(d[i:i+6]))
		}
	}
	if kind == "person-name" {
		s := surname
		if s == "" {
			if f := strings.Fields(text); len(f) > 0 {
				s = f[len(f)-1]
			}
		}
		if s = KeyText(s); len(s) >= 4 {
			keys = append(keys, s)
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		if !strings.Contains(nonPIISep, k) && !strings.Contains(nonPIICat, k) {
			out = append(out, k)
		}
	}
	return out
}

// foundIn reports whether any key occurs in any one OCR reading (each
// reading normalised on its own, so a key may run across its lines but not
// from one reading into another).
func foundIn(keys, readings []string) bool {
	for _, k := range keys {
		for _, r := range readings {
			if strings.Contains(r, k) {
				return true
			}
		}
	}
	return false
}
