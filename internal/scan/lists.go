package scan

import (
	"slices"
	"sort"
	"unicode"

	"safepost/checks"
)

// The patient-list rule's measures, in the rows' line heights (h) and
// text heights (th).
const (
	// listSize is how many times taller or shorter than the rows a line
	// may be and still be a row or a cell of one: others are headings or
	// texture read as letters.
	listSize = 2
	// slopedText is how many times the rows' text height the words of a
	// line whose box is over listSize rows tall may be: a row read along
	// its slope has a tall box but words of the rows' size.
	slopedText = 1.25
	// listPitch is the row pitch, in line heights, taken before it is
	// measured.
	listPitch = 2
	// listReach is how many text heights below the board a line may start
	// and continue the list (or less than a row's pitch), and how far
	// above it a line with a finding may end.
	listReach = 2
	// rowNumbers is how many numbers a line read clearly right above the
	// board needs to join it: a row read but for its name.
	rowNumbers = 3
	// boardRows is how many lines a list needs to be covered as a whole
	// board as well as row by row.
	boardRows = 2
	// headingWords is how many column headings read clearly make a line
	// the board's heading row.
	headingWords = 2
)

// listRegions covers the lines that belong to a patient list: the flagged
// rows, every line between them, and lines that continue the list below it
// (or above it, if OCR was unsure of them or they hold patient details)
// with row-sized gaps, so rows OCR misread or half-read are covered too.
// Clean headings above the list stay. flagged marks lines with findings.
func listRegions(doc checks.Document, rows, flagged map[int]bool) []Region {
	if len(rows) == 0 {
		return nil
	}
	var board checks.Box
	var rowH, wordH []int
	for li := range rows {
		board = board.Union(doc.Lines[li].Box)
		rowH = append(rowH, doc.Lines[li].Box.Height())
		wordH = append(wordH, lineTextHeight(doc.Lines[li]))
	}
	// h is the rows' line height, th their text height: on a board
	// photographed at an angle a row's line box also holds its slope, so
	// line heights only sort rows from headings and texture, and the text
	// height measures gaps and padding.
	h := max(1, median(rowH))
	th := max(1, min(h, median(wordH)))
	// The list grows in two steps: first the lines inside the board,
	// then, with the row pitch measured over all of them, lines that
	// continue it. A line below the board joins it within a row's pitch
	// (or two text heights): a misread row does, a status bar further down
	// does not. The pitch is measured over every line of the board, not
	// only the flagged rows: rows the checks passed over between them
	// would make it a multiple of the real one.
	pitch := listPitch * h
	in := map[int]bool{}
	for step, grew := 0, true; step < 2; step, grew = step+1, true {
		if step == 1 {
			if p := rowPitch(doc, in, h); p > 0 {
				pitch = p
			}
		}
		for grew {
			grew = false
			for li, l := range doc.Lines {
				lb := l.Box
				if in[li] || lb.Empty() {
					continue
				}
				// A cell of a row already in the list (OCR often reads a
				// table's cells as separate lines) joins it, and widens the
				// board to its column.
				if !overlapsX(lb, board) && !rowMate(doc, in, lb, h) {
					continue
				}
				// Lines far taller or shorter than the rows are something
				// else: a heading, or texture OCR read as letters. A tall
				// line box whose words are the rows' size is a row read
				// along its slope.
				if !rows[li] && (lb.Height() > listSize*h && float64(lineTextHeight(l)) > slopedText*float64(th) || listSize*lb.Height() < h) {
					continue
				}
				// A line is inside when its centre is; one whose centre is
				// above the board's top continues the list only by the
				// rules for lines above, even if its box reaches into the
				// board (a row read along its slope), and likewise below.
				// A line OCR was unsure of joins from above only if it
				// holds a number: a misread row keeps some of its bed
				// number, dates or numbers, while a misread heading row
				// ("WHS Mo", "8ED PATENT") has none.
				mid := (lb.Y0 + lb.Y1) / 2
				inside := mid >= board.Y0 && mid <= board.Y1+th/2
				gapAbove, gapBelow := board.Y0-lb.Y1, lb.Y0-board.Y1
				below := mid > board.Y1 && gapBelow <= max(listReach*th, pitch)
				nums := numbers(l)
				above := mid < board.Y0 && ((gapAbove <= th && (unsure(l) && nums > 0 || nums >= rowNumbers)) || (gapAbove <= listReach*th && flagged[li]))
				// A line joins from above only as the next line up: one
				// that is not in the list lying between (the heading row
				// under a board's title) keeps it out.
				if above && passesOver(doc, in, li, board) {
					above = false
				}
				if !rows[li] && !inside && (step == 0 || !below && !above) {
					continue
				}
				// The column headings at the board's top are not a row: they
				// stay readable.
				if !rows[li] && !flagged[li] && mid < board.Y0 && headingLine(l) {
					continue
				}
				in[li] = true
				grew = true
				// Stretch the board over the line, unless all OCR read
				// there is specks: a speck at the photo's edge, level with
				// a row, is not a column of the list, and a tall speck by
				// the first row (a table's corner) would lift the board's
				// top over the column headings. A list still grows down
				// through rows OCR could not read.
				board.Y1 = max(board.Y1, lb.Y1)
				if legible(l) || rows[li] {
					board.Y0 = min(board.Y0, lb.Y0)
				}
				if legible(l) {
					board.X0, board.X1 = min(board.X0, lb.X0), max(board.X1, lb.X1)
				}
			}
		}
	}
	var out []Region
	if len(in) >= boardRows {
		// The board as a whole: on a photo taken at an angle the rows
		// slope, and strips level with each row would leave the far ends
		// of rows, and cells OCR did not read, between them.
		out = append(out, Region{Box: rect(board), Kinds: []string{checks.KindPatientList},
			Reason: "Part of a patient list or whiteboard", Confidence: listConf, TextHeight: th, Source: "layout"})
	}
	for li := range in {
		lb := doc.Lines[li].Box
		// A whole row of the list, widened to the board so cells OCR did
		// not read at all are covered too; specks are covered where they
		// are.
		r := checks.Box{X0: min(lb.X0, board.X0), Y0: lb.Y0, X1: max(lb.X1, board.X1), Y1: lb.Y1}
		if !legible(doc.Lines[li]) && !rows[li] {
			r = lb
		}
		out = append(out, Region{Box: rect(r), Kinds: []string{checks.KindPatientList},
			Reason: "Part of a patient list or whiteboard", Confidence: listConf, TextHeight: lineTextHeight(doc.Lines[li]), Source: "layout"})
	}
	return out
}

// rowPitch is the median distance between the centres of successive rows.
func rowPitch(doc checks.Document, rows map[int]bool, h int) int {
	var mids []int
	for li := range rows {
		b := doc.Lines[li].Box
		mids = append(mids, (b.Y0+b.Y1)/2)
	}
	sort.Ints(mids)
	// Cells of one row read as lines of their own (a bed number, then the
	// name beside it), less than half the rows' line height h apart, are
	// not a step between rows.
	var d []int
	for i := 1; i < len(mids); i++ {
		if 2*(mids[i]-mids[i-1]) > h {
			d = append(d, mids[i]-mids[i-1])
		}
	}
	return median(d)
}

// headingLine reports a board's column-heading row: no numbers, at least
// two column headings read clearly ("Bed", "Patient", "DOB"), and no
// word read clearly that is not an ordinary word (a clear unknown word
// may be a name). Words OCR was unsure of do not count either way: a
// heading row over a photographed table often comes with specks of
// texture read as letters.
func headingLine(l checks.Line) bool {
	n := 0
	for _, w := range l.Words {
		if alnum(w.Text) < 2 || w.Conf < clearConf {
			continue
		}
		if hasDigit(w.Text) || !checks.OrdinaryWord(w.Text) {
			return false
		}
		if checks.HeadingWord(w.Text) {
			n++
		}
	}
	return n >= headingWords
}

// rowMate reports whether lb sits on the same row as a line already in the
// list: level with it (centres within half a row) and of a similar height.
func rowMate(doc checks.Document, in map[int]bool, lb checks.Box, h int) bool {
	if lb.Height() > listSize*h || listSize*lb.Height() < h {
		return false
	}
	mid := (lb.Y0 + lb.Y1) / 2
	for li := range in {
		ob := doc.Lines[li].Box
		if m := (ob.Y0 + ob.Y1) / 2; m-mid <= h/2 && mid-m <= h/2 {
			return true
		}
	}
	return false
}

// legible reports whether OCR read a word of two or more letters or
// digits in l with some confidence: l is text, not a speck.
func legible(l checks.Line) bool {
	return slices.ContainsFunc(l.Words, func(w checks.Word) bool { return alnum(w.Text) >= 2 && w.Conf >= unsureConf })
}

// passesOver reports whether a legible line that is not in the list lies
// between line li, above the board, and the board's top, overlapping li
// horizontally: a line of another row, its centre more than li's text
// height below li's (a cell of li's own row, read a little lower, is not
// in the way).
func passesOver(doc checks.Document, in map[int]bool, li int, board checks.Box) bool {
	lb := doc.Lines[li].Box
	mid, th := (lb.Y0+lb.Y1)/2, lineTextHeight(doc.Lines[li])
	for j, o := range doc.Lines {
		ob := o.Box
		if j == li || in[j] || ob.Empty() || ob.X1 <= lb.X0 || ob.X0 >= lb.X1 || !legible(o) {
			continue
		}
		if m := (ob.Y0 + ob.Y1) / 2; m > mid+th && m < board.Y0 {
			return true
		}
	}
	return false
}

// numbers counts the words of l that are numbers, or mostly digits
// ("12/03", "0s1"): what OCR keeps of a row's bed number, dates and
// numbers. A heading word misread with a digit in it ("8ED") is not one.
func numbers(l checks.Line) int {
	n := 0
	for _, w := range l.Words {
		digits, letters := 0, 0
		for _, r := range w.Text {
			if unicode.IsDigit(r) {
				digits++
			} else if unicode.IsLetter(r) {
				letters++
			}
		}
		if digits > 0 && digits >= letters {
			n++
		}
	}
	return n
}

// overlapsX reports whether a overlaps b horizontally by at least half of
// a's width.
func overlapsX(a, b checks.Box) bool {
	ov := min(a.X1, b.X1) - max(a.X0, b.X0)
	return ov*2 >= a.X1-a.X0
}

// unsure reports a line OCR was unsure of: at least a third of its words
// of two or more letters or digits read with low confidence, as a
// misread row is. One unsure word in a line read well is not enough.
func unsure(l checks.Line) bool {
	n, low := 0, 0
	for _, w := range l.Words {
		if alnum(w.Text) < 2 {
			continue
		}
		n++
		if w.Conf < unsureConf {
			low++
		}
	}
	return low > 0 && 3*low >= n
}
