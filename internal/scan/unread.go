package scan

import (
	"image"

	"safepost/checks"
)

// unreadValueRegions covers ink OCR saw but did not read right after a
// word a patient detail follows ("Dear", "Mr", "Name:", "DOB"): a name in
// a script or size OCR could not read is often taken into the label's
// own box ("Dear" read over "Dear Mr Oduya,") or left as a stretch of the
// line past its last word. Only the part of the box beyond what the
// label's letters need is covered (three quarters of the text's height
// each: "Dear" is about 3 heights wide in a common sans font), and only
// when the box is half as wide again as that: "DOB" and "MRS" in capitals,
// about a height per letter, stay below it.
func unreadValueRegions(doc checks.Document) []Region {
	var out []Region
	add := func(x0, x1 int, w checks.Word) {
		h := w.Box.Height()
		if x1-x0 < h {
			return
		}
		out = append(out, Region{Box: image.Rect(x0, w.Box.Y0, x1, w.Box.Y1), Kinds: []string{"context"},
			Reason: "Text OCR could not read after a label such as Dear or Name:", Confidence: 0.6,
			TextHeight: h, Source: "layout"})
	}
	for _, l := range doc.Lines {
		for i, w := range l.Words {
			if w.Conf < 60 || !checks.ValueLabel(w.Text) {
				continue
			}
			h := w.Box.Height()
			letters := len([]rune(w.Text))
			if need := letters * h * 3 / 4; 2*(w.Box.X1-w.Box.X0) >= 3*need {
				add(w.Box.X0+need, w.Box.X1, w)
			}
			if i == len(l.Words)-1 && l.Box.X1-w.Box.X1 >= 2*h {
				add(w.Box.X1, l.Box.X1, w)
			}
		}
	}
	return out
}
