package scan

import (
	"image"

	"safepost/checks"
)

// The unread-value rule's measures, in text heights of the label.
const (
	// letterWidth is the width a label's letter needs, three quarters
	// of a height: "Dear" is about 3 heights wide in a common sans font.
	letterWidth = 0.75
	// overWide is how many times the width its letters need a label's box
	// must be for the rest to be unread ink: "DOB" and "MRS" in capitals,
	// about a height per letter, stay below half as wide again.
	overWide = 1.5
	// unreadTail is how far a line's box must reach past its last word,
	// a label, for the rest to be unread ink.
	unreadTail = 2
)

// unreadValueRegions covers ink OCR saw but did not read right after a
// word a patient detail follows ("Dear", "Mr", "Name:", "DOB", a personal
// field's one-word label such as "Address" or "Surname"): a name in
// a script or size OCR could not read is often taken into the label's
// own box ("Dear" read over "Dear Mr Oduya,") or left as a stretch of the
// line past its last word. Only the part of the box beyond what the
// label's letters need (letterWidth each) is covered, and only when the
// box is overWide times that.
func unreadValueRegions(doc checks.Document, fl *checks.Fields) []Region {
	var out []Region
	add := func(x0, x1 int, w checks.Word) {
		h := w.Box.Height()
		if x1-x0 < h {
			return
		}
		out = append(out, Region{Box: image.Rect(x0, w.Box.Y0, x1, w.Box.Y1), Kinds: []string{checks.KindContext},
			Reason: "Text OCR could not read after a label such as Dear or Name:", Confidence: contextConf,
			TextHeight: h, Source: "layout"})
	}
	for _, l := range doc.Lines {
		for i, w := range l.Words {
			if w.Conf < unsureConf || !checks.ValueLabel(w.Text) && !fieldLabelWord(fl, w.Text) {
				continue
			}
			h := w.Box.Height()
			letters := len([]rune(w.Text))
			if need := int(letterWidth * float64(letters*h)); float64(w.Box.X1-w.Box.X0) >= overWide*float64(need) {
				add(w.Box.X0+need, w.Box.X1, w)
			}
			if i == len(l.Words)-1 && l.Box.X1-w.Box.X1 >= unreadTail*h {
				add(w.Box.X1, l.Box.X1, w)
			}
		}
	}
	return out
}

// fieldLabelWord reports whether w alone is a personal field's label of
// the lexicon ("Address", "Surname"; "Code" only with its colon).
func fieldLabelWord(fl *checks.Fields, w string) bool {
	if fl == nil {
		return false
	}
	lab, n, colon := fl.Match([]string{w}, 0)
	return n == 1 && (colon || !lab.NeedsColon)
}
