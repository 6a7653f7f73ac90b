package post

import (
	"strings"
	"unicode/utf8"

	"safepost/checks"
)

// TextFinding is one finding in a post's text, placed by code point (as
// networks and most other tools count), not by byte.
type TextFinding struct {
	Check      string
	Reason     string
	Confidence float64
	// Start and End are code-point offsets into the text, End exclusive.
	Start, End int
	// Match is the patient text itself; print it only when asked to.
	Match string
}

// Punctuation trimmed from the ends of a finding's words.
const (
	leading  = "([{\"'“‘"
	trailing = ".,!?;:)]}\"'”’…"
)

// CheckText runs the scanner's checks over a post's text and returns its
// findings in order, placed by code point.
func CheckText(s *checks.Scanner, text string) []TextFinding {
	doc := checks.FromText(text)
	var out []TextFinding
	for _, f := range s.Scan(doc) {
		a, b, ok := f.Span(doc)
		if !ok || a < 0 || b > len(text) || a > b {
			a, b = 0, len(text)
		}
		// The words' punctuation is not the finding's: "bay 3!" is "bay 3".
		if t := strings.TrimRight(text[a:b], trailing); t != "" {
			b = a + len(t)
		}
		if t := strings.TrimLeft(text[a:b], leading); t != "" {
			a = b - len(t)
		}
		out = append(out, TextFinding{
			Check:      f.Check,
			Reason:     f.Reason,
			Confidence: f.Confidence,
			Start:      utf8.RuneCountInString(text[:a]),
			End:        utf8.RuneCountInString(text[:b]),
			Match:      text[a:b],
		})
	}
	return out
}
