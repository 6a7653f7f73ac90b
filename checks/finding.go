package checks

import "fmt"

// Finding is one piece of patient information found in a Document.
// Match holds the raw text and is never printed by String.
type Finding struct {
	Check      string  // stable check ID, e.g. "nhs-number"
	Reason     string  // why, in words a nurse understands
	Confidence float64 // 0..1
	Source     Source
	Words      []Ref // the words that make up the finding, in order
	Match      string
}

// String describes the finding without printing the patient text in full.
func (f Finding) String() string {
	return fmt.Sprintf("%s (%.2f) %q", f.Check, f.Confidence, Redacted(f.Match))
}

// Redacted shows the first character of s and masks the rest, for logs.
func Redacted(s string) string {
	r := []rune(s)
	if len(r) <= 1 {
		return "*"
	}
	out := make([]rune, len(r))
	out[0] = r[0]
	for i := 1; i < len(r); i++ {
		if r[i] == ' ' {
			out[i] = ' '
		} else {
			out[i] = '*'
		}
	}
	return string(out)
}

// Span returns the byte range [start, end) of the finding in the source text
// of a document built by FromText, and ok=false for OCR documents.
func (f Finding) Span(doc Document) (start, end int, ok bool) {
	if len(f.Words) == 0 {
		return 0, 0, false
	}
	first, last := f.Words[0], f.Words[len(f.Words)-1]
	if !validRef(doc, first) || !validRef(doc, last) {
		return 0, 0, false
	}
	s := doc.Lines[first.Line].Words[first.Word].Start
	e := doc.Lines[last.Line].Words[last.Word].End
	if s < 0 || e < s {
		return 0, 0, false
	}
	return s, e, true
}

// Box returns the union of the pixel boxes of the finding's words.
func (f Finding) Box(doc Document) Box {
	var b Box
	for _, r := range f.Words {
		if validRef(doc, r) {
			b = b.Union(doc.Lines[r.Line].Words[r.Word].Box)
		}
	}
	return b
}

func validRef(doc Document, r Ref) bool {
	return r.Line >= 0 && r.Line < len(doc.Lines) && r.Word >= 0 && r.Word < len(doc.Lines[r.Line].Words)
}

// Check is one detector: data (ID, description) plus a finder.
type Check interface {
	// ID is the stable kebab-case identifier, e.g. "nhs-number".
	ID() string
	// Description says what the check looks for, in plain English.
	Description() string
	// Find returns the findings in doc. It must not panic on any input.
	Find(doc Document) []Finding
}
