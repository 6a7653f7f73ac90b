package checks

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// ocrDoc builds a Document the way the OCR stage does: words with pixel
// boxes, Start/End -1, lines top to bottom. Words are split on spaces, so
// "943 476 5919" becomes three words as OCR often returns it.
func ocrDoc(lines ...string) Document {
	doc := Document{Source: SourceOCR}
	for i, l := range lines {
		var line Line
		x := 10
		for _, w := range strings.Fields(l) {
			b := Box{X0: x, Y0: 20 + 40*i, X1: x + 12*len(w), Y1: 50 + 40*i}
			line.Words = append(line.Words, Word{Text: w, Box: b, Conf: 80, Start: -1, End: -1})
			line.Box = line.Box.Union(b)
			x = b.X1 + 10
		}
		doc.Lines = append(doc.Lines, line)
	}
	return doc
}

// matchesFor scans doc with the default scanner and returns the text of
// each finding of check id (words joined by spaces), sorted.
func matchesFor(t *testing.T, id string, doc Document) []string {
	t.Helper()
	s, err := NewScanner(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return matchesOf(s.Scan(doc), id, doc)
}

func matchesOf(fs []Finding, id string, doc Document) []string {
	out := []string{}
	for _, f := range fs {
		if f.Check != id {
			continue
		}
		var ws []string
		for _, r := range f.Words {
			ws = append(ws, doc.Lines[r.Line].Words[r.Word].Text)
		}
		out = append(out, strings.Join(ws, " "))
	}
	sort.Strings(out)
	return out
}

// checkCase is one synthetic true or false positive: the words of each
// finding of the check under test, or none.
type checkCase struct {
	text string
	want []string
	only Source // run on this kind of document only; "" runs both
}

// runCases runs each case through Scanner.Scan twice: as typed text, and as
// an OCR document (same words, pixel boxes), and compares the sets.
func runCases(t *testing.T, id string, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		want := append([]string{}, tc.want...)
		sort.Strings(want)
		for _, doc := range []Document{FromText(tc.text), ocrDoc(strings.Split(tc.text, "\n")...)} {
			if tc.only != "" && tc.only != doc.Source {
				continue
			}
			got := matchesFor(t, id, doc)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s %s on %q (-want +got):\n%s", id, doc.Source, tc.text, diff)
			}
		}
	}
}
