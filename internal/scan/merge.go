package scan

import (
	"image"
	"sort"

	"safepost/checks"
)

// Padding and merging, in pixels and percent.
const (
	// padPercent is a region's padding, in percent of its text height:
	// room for ink its box missed (descenders, a letter OCR cut off).
	padPercent = 30
	// minPad is the least padding, in pixels, however small the text.
	minPad = 4
	// padKept: towards a clear word in smaller print a region keeps at
	// least 1/padKept of its padding, and at least minKept pixels.
	padKept = 3
	minKept = 2
	// mergeSlack is how large, in percent of the area of two overlapping
	// regions, their bounding box may be for them to merge into it.
	mergeSlack = 125
)

// Merge pads each region in proportion to its text height, clips it to
// bounds and merges regions that overlap, so a redaction never leaves a
// readable sliver between two boxes and the cells of a table OCR did not
// read are covered with the rows around them. Overlapping regions stay
// apart when their bounding box would take in much more than the two of
// them (an L shape, a word below the end of a long row) or any of the
// clear boxes, words read clearly that nothing flagged (a heading row
// above a table): both are still redacted, and that text is not.
func Merge(regions []Region, bounds image.Rectangle, clear []image.Rectangle) []Region {
	var rs []Region
	for _, r := range regions {
		th := r.TextHeight
		if th <= 0 {
			th = r.Box.Dy()
		}
		pad := max(minPad, th*padPercent/100)
		r.Box = padUpTo(r.Box, th, pad, clear).Intersect(bounds)
		if r.Box.Empty() {
			continue
		}
		r.TextHeight = max(th, 1)
		rs = append(rs, r)
	}
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(rs); i++ {
			for j := i + 1; j < len(rs); j++ {
				a, b := rs[i].Box, rs[j].Box
				if !(a.Overlaps(b) || beside(rs[i], rs[j])) || !compact(a, b) || swallows(a, b, clear) {
					continue
				}
				rs[i] = union(rs[i], rs[j])
				rs = append(rs[:j], rs[j+1:]...)
				merged = true
				j--
			}
		}
	}
	sort.Slice(rs, func(a, b int) bool {
		if rs[a].Box.Min.Y != rs[b].Box.Min.Y {
			return rs[a].Box.Min.Y < rs[b].Box.Min.Y
		}
		return rs[a].Box.Min.X < rs[b].Box.Min.X
	})
	return rs
}

// beside reports whether a and b (padded) are words of one line of text
// a word space apart: level with each other (each one's middle within
// the other's height) and less than half a text height between their
// padded boxes, a gap of up to about one text height between the words.
// They merge like overlapping regions: a name's words flagged by
// different rules (the forename by a check, a particle and surname by
// the field rule) are one area, so its outline ends where the field
// does, not where each word does.
func beside(a, b Region) bool {
	ab, bb := a.Box, b.Box
	if ab.Min.X > bb.Min.X {
		ab, bb = bb, ab
	}
	th := max(a.TextHeight, b.TextHeight)
	ma, mb := (ab.Min.Y+ab.Max.Y)/2, (bb.Min.Y+bb.Max.Y)/2
	return bb.Min.X-ab.Max.X <= th/2 && ma >= bb.Min.Y && ma < bb.Max.Y && mb >= ab.Min.Y && mb < ab.Max.Y
}

// compact reports whether the bounding box of a and b covers little more
// than a and b do.
func compact(a, b image.Rectangle) bool {
	area := func(r image.Rectangle) int { return r.Dx() * r.Dy() }
	both := area(a) + area(b) - area(a.Intersect(b))
	return area(a.Union(b))*100 <= both*mergeSlack
}

// swallows reports whether the bounding box of a and b would take in a
// word that neither of them covers: text that was read clearly and
// flagged by nothing, such as a table's heading row.
func swallows(a, b image.Rectangle, clear []image.Rectangle) bool {
	u := a.Union(b)
	for _, w := range clear {
		c := image.Pt((w.Min.X+w.Max.X)/2, (w.Min.Y+w.Max.Y)/2)
		if c.In(u) && !c.In(a) && !c.In(b) {
			return true
		}
	}
	return false
}

// clearWords returns the boxes of ordinary words (headings, ward words,
// field labels: checks.OrdinaryWord) that OCR read confidently and whose
// centre no region covers: merging regions must leave them readable.
// Other unflagged words may be names the checks did not know, so a merge
// may still take them in.
func clearWords(doc checks.Document, regions []Region) []image.Rectangle {
	var out []image.Rectangle
	for _, l := range doc.Lines {
		for _, w := range l.Words {
			if w.Conf < clearConf || alnum(w.Text) < 2 || w.Box.Empty() || !checks.OrdinaryWord(w.Text) {
				continue
			}
			b := rect(w.Box)
			c := image.Pt((b.Min.X+b.Max.X)/2, (b.Min.Y+b.Max.Y)/2)
			covered := false
			for _, r := range regions {
				if c.In(r.Box) {
					covered = true
					break
				}
			}
			if !covered {
				out = append(out, b)
			}
		}
	}
	return out
}

// padUpTo pads b, whose text is th high, by pad on every side, but less
// towards a clear word in smaller print beside it: the padding grows with
// the text for ink the box missed, and a label just under a name in large
// print ("Named nurse:" under a name card's name) is not that. A third of
// the padding is always kept, and text of the same size keeps all of it.
func padUpTo(b image.Rectangle, th, pad int, clear []image.Rectangle) image.Rectangle {
	p := image.Rect(b.Min.X-pad, b.Min.Y-pad, b.Max.X+pad, b.Max.Y+pad)
	keep := max(minKept, pad/padKept)
	for _, c := range clear {
		// Smaller print: under two thirds of th.
		if !c.Overlaps(p) || c.Overlaps(b) || 3*c.Dy() >= 2*th {
			continue
		}
		across := c.Min.X < b.Max.X && b.Min.X < c.Max.X // above or below b
		level := c.Min.Y < b.Max.Y && b.Min.Y < c.Max.Y  // left or right of b
		switch {
		case across && c.Min.Y >= b.Max.Y:
			p.Max.Y = min(p.Max.Y, max(c.Min.Y, b.Max.Y+keep))
		case across && c.Max.Y <= b.Min.Y:
			p.Min.Y = max(p.Min.Y, min(c.Max.Y, b.Min.Y-keep))
		case level && c.Min.X >= b.Max.X:
			p.Max.X = min(p.Max.X, max(c.Min.X, b.Max.X+keep))
		case level && c.Max.X <= b.Min.X:
			p.Min.X = max(p.Min.X, min(c.Max.X, b.Min.X-keep))
		}
	}
	return p
}

// union is one region over a and b, with the kinds of both and the
// reason of a check's finding over a layout rule's.
func union(a, b Region) Region {
	out := a
	out.Box = a.Box.Union(b.Box)
	out.TextHeight = max(a.TextHeight, b.TextHeight)
	out.Confidence = max(a.Confidence, b.Confidence)
	seen := map[string]bool{}
	out.Kinds = nil
	for _, k := range append(append([]string{}, a.Kinds...), b.Kinds...) {
		if !seen[k] {
			seen[k] = true
			out.Kinds = append(out.Kinds, k)
		}
	}
	sort.Strings(out.Kinds)
	out.Words = append(append([]image.Rectangle(nil), a.Words...), b.Words...)
	if out.Field == "" {
		out.Field = b.Field
	}
	// Keep the reason of the check finding over a layout reason.
	if a.Source != "ocr" && b.Source == "ocr" {
		out.Reason, out.Source = b.Reason, b.Source
	}
	return out
}
