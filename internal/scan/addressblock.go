package scan

import "safepost/checks"

// The address-block rule's measures, in lines, words and text heights of
// the line above.
const (
	// addressLines is the most lines a block takes below its address
	// line: locality, town, postcode.
	addressLines = 3
	// addressWords is the most words of a line of the block.
	addressWords = 4
	// addressAlign is how many text heights a line of the block may start
	// left or right of the line above it.
	addressAlign = 2
	// addressSize is how many times larger or smaller than the line above
	// a line of the block may be printed.
	addressSize = 2
)

// addressRegions covers the rest of an address block below a line with an
// address on it: on a letter or a form the locality, town and postcode
// follow the street line, left-aligned with it and with no blank line
// between, and OCR often misreads them ("LS} 8GG") so the checks miss
// them. The block ends at a gap of a blank line, at a line of ordinary
// words read clearly ("Dear", "Re:"), at a long line, or after three
// lines.
func addressRegions(doc checks.Document, address map[int]bool) []Region {
	var out []Region
	for li := range address {
		prev := doc.Lines[li]
		th := lineTextHeight(prev)
		for n := 0; n < addressLines; n++ {
			next := -1
			for j, l := range doc.Lines {
				lb, pb := l.Box, prev.Box
				if address[j] || lb.Empty() || lb.Y0+lb.Y1 <= pb.Y0+pb.Y1 || lb.Y0-pb.Y1 > th || abs(lb.X0-pb.X0) > addressAlign*th {
					continue
				}
				if next < 0 || lb.Y0 < doc.Lines[next].Box.Y0 {
					next = j
				}
			}
			if next < 0 {
				break
			}
			l := doc.Lines[next]
			if lt := lineTextHeight(l); len(l.Words) > addressWords || addressSize*lt < th || lt > addressSize*th || plainWords(l) {
				break
			}
			for _, w := range l.Words {
				out = append(out, Region{Box: rect(w.Box), Kinds: []string{checks.KindAddress}, Reason: "Part of an address block",
					Confidence: addressBlockConf, TextHeight: w.Box.Height(), Source: "layout"})
			}
			prev = l
		}
	}
	return out
}

// plainWords reports a line whose words of two or more letters OCR read
// clearly are all ordinary words.
func plainWords(l checks.Line) bool {
	n := 0
	for _, w := range l.Words {
		if alnum(w.Text) < 2 {
			continue
		}
		if w.Conf < clearConf || !checks.OrdinaryWord(w.Text) {
			return false
		}
		n++
	}
	return n > 0
}

func abs(v int) int { return max(v, -v) }
