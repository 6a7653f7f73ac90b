// Package checks finds patient information in text. It works on a Document of
// words (with optional pixel boxes from OCR) and never imports image, UI or OCR
// code, so it is fast to test and fuzz.
package checks

import "strings"

// Box is an axis-aligned pixel rectangle [X0,X1) x [Y0,Y1) in upright-image
// coordinates. The zero Box means "no position" (typed post text).
type Box struct{ X0, Y0, X1, Y1 int }

// Empty reports whether b has no area.
func (b Box) Empty() bool { return b.X1 <= b.X0 || b.Y1 <= b.Y0 }

// Union returns the smallest box holding b and o; an empty box is ignored.
func (b Box) Union(o Box) Box {
	if b.Empty() {
		return o
	}
	if o.Empty() {
		return b
	}
	return Box{min(b.X0, o.X0), min(b.Y0, o.Y0), max(b.X1, o.X1), max(b.Y1, o.Y1)}
}

// Height returns the box height in pixels.
func (b Box) Height() int { return b.Y1 - b.Y0 }

// Word is one token of text. Start and End are byte offsets into the source
// text for documents built by FromText, and -1 for OCR documents.
type Word struct {
	Text       string
	Box        Box
	Conf       float64 // OCR confidence 0..100; 100 for typed text
	Start, End int
}

// Line is a run of words that read left to right on one row.
type Line struct {
	Words []Word
	Box   Box
}

// Text joins the line's words with single spaces.
func (l Line) Text() string {
	parts := make([]string, len(l.Words))
	for i, w := range l.Words {
		parts[i] = w.Text
	}
	return strings.Join(parts, " ")
}

// Document is the text of one image (lines in reading order, top to bottom)
// or of one post.
type Document struct {
	Lines  []Line
	Source Source
}

// Source says where a document's text came from.
type Source string

// The sources of text.
const (
	SourceOCR  Source = "ocr"
	SourceText Source = "text"
)

// Ref points at one word of a Document.
type Ref struct{ Line, Word int }

// FromText splits typed text into lines (on newlines) and words (on white
// space), keeping byte offsets so findings can be shown inline.
func FromText(s string) Document {
	doc := Document{Source: SourceText}
	lineStart := 0
	for _, raw := range strings.SplitAfter(s, "\n") {
		var line Line
		i := 0
		for i < len(raw) {
			for i < len(raw) && isSpace(raw[i]) {
				i++
			}
			j := i
			for j < len(raw) && !isSpace(raw[j]) {
				j++
			}
			if j > i {
				line.Words = append(line.Words, Word{Text: raw[i:j], Conf: 100, Start: lineStart + i, End: lineStart + j})
			}
			i = j
		}
		doc.Lines = append(doc.Lines, line)
		lineStart += len(raw)
	}
	return doc
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
