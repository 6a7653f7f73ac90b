// Package scan ties OCR and the checks together: it reads an image, runs the
// checks on each line and across neighbouring lines, and maps the findings
// back to padded, merged pixel regions in upright-image coordinates.
package scan

import (
	"context"
	"errors"
	"fmt"
	"image"
	"slices"
	"sort"
	"strings"
	"unicode"

	"safepost/checks"
	"safepost/internal/ocr"
)

// Finding is one check's finding with its pixel box.
type Finding struct {
	checks.Finding
	Box image.Rectangle
}

// Region is an area of the image to redact.
type Region struct {
	Box image.Rectangle
	// Kinds lists the check IDs that put words in this region.
	Kinds      []string
	Reason     string
	Confidence float64
	// TextHeight is the tallest text line inside, in pixels; redaction
	// strength scales with it.
	TextHeight int
	// Source is "ocr" for check findings, "layout" for text covered because
	// of where it sits (a patient-list row, a misread word next to a
	// finding) and "manual" for regions a person drew.
	Source string
	// Quad, when set, is the region's outline on a photo that was read
	// straightened: four corners in image pixels, in order around the
	// edge. Box is then the smallest rectangle holding it. The zero value
	// means the region is Box itself.
	Quad [4]image.Point
	// Words are the boxes of the findings that overlap the region,
	// clipped to it: where its flagged text is (other text it covers, such
	// as a list row's misread name, is not listed). The redaction chooses
	// its tint from their pixels.
	Words []image.Rectangle
}

// Result is what a scan found in one image. It holds no patient text except
// inside Findings[i].Match, which callers must not write to disk or logs.
type Result struct {
	Width, Height int
	Findings      []Finding
	Regions       []Region
	// Words is how many words OCR read, for reports.
	Words int
}

// Scanner reads images and finds patient information in them.
type Scanner struct {
	OCR    ocr.Engine
	Checks *checks.Scanner
}

// Scan reads img and returns its findings and regions.
func (s *Scanner) Scan(ctx context.Context, img image.Image) (*Result, error) {
	if s.OCR == nil || s.Checks == nil {
		return nil, errors.New("scan: scanner is not set up")
	}
	page, err := s.OCR.Read(ctx, img)
	if err != nil {
		return nil, fmt.Errorf("reading text: %w", err)
	}
	b := img.Bounds()
	res := Analyse(s.Checks, page, b)
	return res, nil
}

// Analyse runs the checks over an OCR page and builds regions clipped to
// bounds. It is separate from Scan so the verifier and tests can reuse it.
func Analyse(cs *checks.Scanner, page *ocr.Page, bounds image.Rectangle) *Result {
	res := &Result{Width: bounds.Dx(), Height: bounds.Dy()}
	doc := Document(page)
	for _, l := range doc.Lines {
		res.Words += len(l.Words)
	}
	merged := findIn(cs, doc, res)
	regions := merged.regions
	if page != nil {
		// Each pass's own reading too: what the merge lost is still found.
		// A reading's list rows and flagged lines carry over to the
		// merged page, whose list is grown there: a pass's own line boxes
		// (a coarse pass's boxes take in table rules and the slope of a
		// row) measure a list's rows and gaps worse than the merged
		// page's.
		for i := range page.Readings {
			r := findIn(cs, Document(&page.Readings[i]), res)
			regions = append(regions, r.regions...)
			regions = append(regions, contextRegions(r.doc, r.strong, r.listRows, r.flagged)...)
			regions = append(regions, addressRegions(r.doc, r.address)...)
			regions = append(regions, unreadValueRegions(r.doc)...)
			regions = append(regions, fieldRegions(r.doc, cs.Fields())...)
			merged.carryOver(r)
		}
	}
	regions = append(regions, contextRegions(doc, merged.strong, merged.listRows, merged.flagged)...)
	regions = append(regions, addressRegions(doc, merged.address)...)
	regions = append(regions, unreadValueRegions(doc)...)
	regions = append(regions, fieldRegions(doc, cs.Fields())...)
	if len(merged.listRows) > 0 {
		regions = append(regions, listRegions(doc, merged.listRows, merged.flagged)...)
	}
	return place(res, regions, page, bounds)
}

// found is what the checks found in one reading of a page.
type found struct {
	doc      checks.Document
	regions  []Region // the findings' own
	strong   []strongHit
	listRows map[int]bool // lines holding a patient-list row
	flagged  map[int]bool // lines holding a finding
	address  map[int]bool // lines holding an address
}

// findIn runs the checks over one reading, adds findings not already in
// res, and returns them with the lines they make suspect.
func findIn(cs *checks.Scanner, doc checks.Document, res *Result) *found {
	out := &found{doc: doc, listRows: map[int]bool{}, flagged: map[int]bool{}, address: map[int]bool{}}
	for _, f := range cs.Scan(doc) {
		if f.Check == "person-name" && meanConf(doc, f.Words) < 50 {
			// A "name" made of words OCR was unsure of is usually texture
			// read as letters; real misread names are covered by their
			// context (rows, labels) instead.
			f.Confidence *= 0.6
			if f.Confidence < cs.MinConfidence() {
				continue
			}
		}
		box := rect(f.Box(doc))
		if box.Empty() {
			continue
		}
		if !seen(res.Findings, f.Check, box) {
			res.Findings = append(res.Findings, Finding{Finding: f, Box: box})
		}
		out.regions = append(out.regions, Region{Box: box, Kinds: []string{f.Check}, Reason: f.Reason,
			Confidence: f.Confidence, TextHeight: textHeight(doc, f.Words), Source: "ocr"})
		for _, r := range f.Words {
			out.flagged[r.Line] = true
		}
		if f.Check == "address" {
			out.address[f.Words[0].Line] = true
		}
		if f.Check == "patient-list" {
			for _, r := range f.Words {
				out.listRows[r.Line] = true
			}
		} else if strongKinds[f.Check] || f.Confidence >= 0.8 {
			out.strong = append(out.strong, strongHit{box: f.Box(doc), line: f.Words[0].Line, digits: hasDigit(f.Match)})
		}
	}
	return out
}

// carryOver carries another reading's findings (o, of the same page in the
// same frame) over to f: the lines of f that sit on a line o flagged are
// flagged too, and list rows if o's line was one. A line sits on another
// when its centre is level with that line's centre (within half its text
// height) and they overlap horizontally. Centres, not edges: a coarse
// reading's boxes are padded evenly by the rules and the slope around the
// row, so its edges reach into the rows either side.
func (f *found) carryOver(o *found) {
	for ri := range o.flagged {
		rb := o.doc.Lines[ri].Box
		rmid := (rb.Y0 + rb.Y1) / 2
		for li, l := range f.doc.Lines {
			lb := l.Box
			mid, th := (lb.Y0+lb.Y1)/2, lineTextHeight(l)
			if lb.Empty() || lb.X1 <= rb.X0 || lb.X0 >= rb.X1 || 2*(mid-rmid) > th || 2*(rmid-mid) > th {
				continue
			}
			if o.listRows[ri] {
				f.listRows[li] = true
			}
			f.flagged[li] = true
		}
	}
}

// seen reports whether fs already holds a finding of this check over most
// of box.
func seen(fs []Finding, check string, box image.Rectangle) bool {
	for _, f := range fs {
		in := f.Box.Intersect(box)
		if f.Check == check && 2*in.Dx()*in.Dy() >= min(box.Dx()*box.Dy(), f.Box.Dx()*f.Box.Dy()) {
			return true
		}
	}
	return false
}

// place merges the regions and, for a page read straightened, maps them and
// the findings back onto the photo.
func place(res *Result, regions []Region, page *ocr.Page, bounds image.Rectangle) *Result {
	clear := clearWords(Document(page), regions)
	if page == nil || page.Turn == nil {
		res.Regions = Merge(regions, bounds, clear)
		addWords(res)
		return res
	}
	// The page was read straightened: everything above is in that frame,
	// where rows run level. Map findings and regions back onto the photo,
	// regions as turned rectangles so they cover the rows, not the
	// triangles between them.
	turn := page.Turn
	for i := range res.Findings {
		q := turn.Quad(res.Findings[i].Box)
		res.Findings[i].Box = quadBounds(q[:]).Intersect(bounds)
	}
	for _, r := range Merge(regions, turn.Bounds(), clear) {
		r.Quad = turn.Quad(r.Box)
		r.Box = quadBounds(r.Quad[:]).Intersect(bounds)
		if !r.Box.Empty() {
			res.Regions = append(res.Regions, r)
		}
	}
	addWords(res)
	return res
}

// addWords lists in each region the boxes of the findings that overlap it.
func addWords(res *Result) {
	for i := range res.Regions {
		r := &res.Regions[i]
		for _, f := range res.Findings {
			if w := f.Box.Intersect(r.Box); !w.Empty() {
				r.Words = append(r.Words, w)
			}
		}
	}
}

// quadBounds is the smallest rectangle holding the points.
func quadBounds(q []image.Point) image.Rectangle {
	r := image.Rectangle{Min: q[0], Max: q[0]}
	for _, p := range q[1:] {
		r.Min.X, r.Min.Y = min(r.Min.X, p.X), min(r.Min.Y, p.Y)
		r.Max.X, r.Max.Y = max(r.Max.X, p.X), max(r.Max.Y, p.Y)
	}
	return r
}

// strongKinds are findings that make the rest of their line suspect: a line
// with a date of birth or an NHS number usually also holds the name.
var strongKinds = map[string]bool{
	"nhs-number": true, "chi-number": true, "hc-number": true, "hospital-number": true,
	"date-of-birth": true, "patient-list": true,
}

// contextRegions covers text that the checks did not flag but whose place
// makes it patient information: the rest of a label row that holds a
// strong finding (a name printed beside a date of birth, often misread),
// and low-confidence words on the lines next to it, or the name line
// above it. Patient lists are listRegions' to cover.
func contextRegions(doc checks.Document, strong []strongHit, listRows, flagged map[int]bool) []Region {
	var out []Region
	words := allWords(doc)
	for _, hit := range strong {
		for _, wi := range rowChain(words, hit.box, hit.digits) {
			w := words[wi]
			out = append(out, Region{Box: rect(w.Box), Kinds: []string{"context"}, Reason: "Text on the same line as patient details",
				Confidence: 0.6, TextHeight: w.Box.Height(), Source: "layout"})
		}
		// A list row's neighbours are the list's to judge (listRegions),
		// which keeps its column headings readable however OCR misread
		// them.
		if listRows[hit.line] {
			continue
		}
		for _, nj := range neighbours(doc, hit.line) {
			above := doc.Lines[nj]
			if hit.digits && !flagged[nj] && nameAbove(above, doc.Lines[hit.line], hit.box.Height()) {
				for _, w := range above.Words {
					out = append(out, Region{Box: rect(w.Box), Kinds: []string{"context"}, Reason: "Looks like the patient's name above their details",
						Confidence: 0.7, TextHeight: w.Box.Height(), Source: "layout"})
				}
				continue
			}
			for _, w := range doc.Lines[nj].Words {
				// A word read as a column heading ("Patient" in the heading
				// row) is that heading, however unsure OCR was of it.
				if w.Conf < 60 && alnum(w.Text) >= 3 && textSized(w.Box, hit.box) && !checks.HeadingWord(w.Text) {
					out = append(out, Region{Box: rect(w.Box), Kinds: []string{"context"}, Reason: "Unclear text next to patient details",
						Confidence: 0.6, TextHeight: w.Box.Height(), Source: "layout"})
				}
			}
		}
	}
	return out
}

// nameAbove reports whether l, a line nothing flagged and a neighbour of
// the line below it that holds a patient detail with digits, is the name
// heading that detail's block: on a label, a wristband or an X-ray
// burn-in the name sits on its own line above "DOB: ..." or "ID: ...",
// starting where it starts, and is often a surname outside the gazetteer
// or a misread forename ("ZYXWUBRIDE wer"). The line must be one to four
// words of letters, none of them an ordinary word or heading, at least one
// a capitalised word of three letters or more, about the size of the text
// below (a label prints the name larger).
func nameAbove(l, below checks.Line, h int) bool {
	// A label's detail line is short ("DOB: 12/03/1948"); a table row
	// below its heading row is not.
	if len(l.Words) == 0 || len(l.Words) > 4 || len(below.Words) > 5 || l.Box.Y1+l.Box.Y0 >= below.Box.Y0+below.Box.Y1 {
		return false
	}
	if d := l.Box.X0 - below.Box.X0; d > 3*h || -d > 3*h {
		return false
	}
	named := false
	for _, w := range l.Words {
		t := strings.Trim(w.Text, ".,:;'’")
		if hasDigit(t) || w.Box.Height() > 3*h || 2*w.Box.Height() < h {
			return false
		}
		if alnum(t) < 2 {
			continue
		}
		if checks.OrdinaryWord(t) || !lettersOnly(t) {
			return false
		}
		if r := []rune(t); len(r) >= 3 && unicode.IsUpper(r[0]) && strings.ContainsAny(strings.ToLower(t), "aeiouy") {
			named = true
		}
	}
	return named
}

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
		for n := 0; n < 3; n++ {
			next := -1
			for j, l := range doc.Lines {
				lb, pb := l.Box, prev.Box
				if address[j] || lb.Empty() || lb.Y0+lb.Y1 <= pb.Y0+pb.Y1 || lb.Y0-pb.Y1 > th || abs(lb.X0-pb.X0) > 2*th {
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
			if lt := lineTextHeight(l); len(l.Words) > 4 || 2*lt < th || lt > 2*th || plainWords(l) {
				break
			}
			for _, w := range l.Words {
				out = append(out, Region{Box: rect(w.Box), Kinds: []string{"address"}, Reason: "Part of an address block",
					Confidence: 0.7, TextHeight: w.Box.Height(), Source: "layout"})
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
		if w.Conf < 70 || !checks.OrdinaryWord(w.Text) {
			return false
		}
		n++
	}
	return n > 0
}

func abs(v int) int { return max(v, -v) }

// lettersOnly reports whether s is letters, apostrophes and hyphens.
func lettersOnly(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-' {
			return false
		}
	}
	return true
}

// strongHit is a finding that makes the text around it suspect.
type strongHit struct {
	box    checks.Box
	line   int
	digits bool // the finding holds digits (a date or number)
}

func allWords(doc checks.Document) []checks.Word {
	var ws []checks.Word
	for _, l := range doc.Lines {
		ws = append(ws, l.Words...)
	}
	return ws
}

// rowChain returns the words that continue the row of box to the left and
// right with word-sized gaps (at most 1.5 text heights), whichever OCR line
// they were read into, as long as they look like label text: capitals,
// digits, bracketed codes such as [M], or words OCR was unsure of. On a
// wristband or an X-ray label that run is one patient's details, and the
// name beside a date of birth is often misread.
func rowChain(words []checks.Word, box checks.Box, boxDigits bool) []int {
	h := box.Height()
	if h <= 0 {
		return nil
	}
	var left, right []int
	for i, w := range words {
		if w.Box.Empty() || !sameBand(w.Box, box) {
			continue
		}
		switch {
		case w.Box.X0 >= box.X1-h/2:
			right = append(right, i)
		case w.Box.X1 <= box.X0+h/2:
			left = append(left, i)
		}
	}
	sort.Slice(right, func(a, b int) bool { return words[right[a]].Box.X0 < words[right[b]].Box.X0 })
	sort.Slice(left, func(a, b int) bool { return words[left[a]].Box.X1 > words[left[b]].Box.X1 })
	maxGap := h * 3 / 2
	var out []int
	edge := box.X1
	for k, i := range right {
		w := words[i]
		if w.Box.X0-edge > maxGap || !labelLike(w) || !textSized(w.Box, box) {
			break
		}
		edge = max(edge, w.Box.X1)
		if !fieldLabel(w, valueAhead(words, right[k+1:], false)) {
			out = append(out, i)
		}
	}
	edge = box.X0
	for k, i := range left {
		w := words[i]
		if edge-w.Box.X1 > maxGap || !labelLike(w) || !textSized(w.Box, box) {
			break
		}
		edge = min(edge, w.Box.X0)
		// left runs right to left: the words to this one's right are
		// left[:k], nearest last.
		if !fieldLabel(w, valueAhead(words, backwards(left[:k]), boxDigits)) {
			out = append(out, i)
		}
	}
	return out
}

// textSized reports whether w is about as tall as the text of box (half
// to twice its height). Shapes OCR reads as words in a photo's texture,
// table rules and screen bezels are usually far taller or flatter than
// the text beside them.
func textSized(w, box checks.Box) bool {
	h := box.Height()
	return 2*w.Height() >= h && w.Height() <= 2*h
}

// fieldLabels name the fields of a label, wristband or screen ("DOB:",
// "NHS No:"). They say what kind of detail follows, not whose it is.
// abbreviations are never names, so they count without a colon.
var (
	fieldLabels = map[string]bool{
		"dob": true, "d.o.b": true, "nhs": true, "no": true, "mrn": true, "id": true, "1d": true, "hosp": true,
		"hospital": true, "number": true, "age": true, "sex": true, "gender": true,
		"bed": true, "unit": true, "ref": true, "crn": true, "born": true,
	}
	abbreviations = map[string]bool{"dob": true, "d.o.b": true, "nhs": true, "mrn": true, "hosp": true, "crn": true}
)

// valueAhead reports whether the first of words[ahead] (the words to a
// label's right, in order) that is not itself a label word holds digits:
// "NHS No: 999 ...". If they are all label words, orElse decides.
func valueAhead(words []checks.Word, ahead []int, orElse bool) bool {
	for _, i := range ahead {
		t := words[i].Text
		if !fieldLabels[strings.ToLower(strings.TrimRight(t, ".:;"))] {
			return hasDigit(t)
		}
	}
	return orElse
}

func backwards(v []int) []int {
	out := slices.Clone(v)
	slices.Reverse(out)
	return out
}

// fieldLabel reports a word OCR read clearly that is a field label: the
// row chain runs through it but leaves it readable. A label ends in a
// colon ("DOB:") unless it is an abbreviation, is never a name from the
// gazetteer, and comes right before a value with digits (valueNext): OCR
// reads the comma of "GREEN, May" as a colon too, and that is a name.
func fieldLabel(w checks.Word, valueNext bool) bool {
	t := strings.ToLower(strings.TrimRight(w.Text, ".:;"))
	// "1d" (ID misread) has a digit, so it cannot be a name either.
	if w.Conf < 70 || !fieldLabels[t] || !valueNext || !checks.OrdinaryWord(t) && !hasDigit(t) {
		return false
	}
	return strings.HasSuffix(w.Text, ":") || abbreviations[t]
}

// labelLike reports words that belong to a printed patient label rather
// than to running prose.
func labelLike(w checks.Word) bool {
	t := strings.Trim(w.Text, ".,:;")
	if t == "" {
		return false
	}
	if w.Conf < 70 || shoutedWord(t) || hasDigit(t) {
		return true
	}
	return len(t) <= 4 && (t[0] == '[' || t[0] == '(')
}

func sameBand(a, b checks.Box) bool {
	ov := min(a.Y1, b.Y1) - max(a.Y0, b.Y0)
	h := min(a.Height(), b.Height())
	return h > 0 && ov*2 >= h
}

// listRegions covers the lines that belong to a patient list: the flagged
// rows, every line between them, and lines that continue the list below it
// (or above it, if OCR was unsure of them or they hold patient details)
// with row-sized gaps, so rows OCR misread or half-read are covered too.
// Clean headings above the list stay. flagged marks lines with findings.
func listRegions(doc checks.Document, rows, flagged map[int]bool) []Region {
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
	pitch := 2 * h
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
				if !rows[li] && (lb.Height() > 2*h && 4*lineTextHeight(l) > 5*th || 2*lb.Height() < h) {
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
				below := mid > board.Y1 && gapBelow <= max(2*th, pitch)
				nums := numbers(l)
				above := mid < board.Y0 && ((gapAbove <= th && (unsure(l) && nums > 0 || nums >= 3)) || (gapAbove <= 2*th && flagged[li]))
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
	if len(in) >= 2 {
		// The board as a whole: on a photo taken at an angle the rows
		// slope, and strips level with each row would leave the far ends
		// of rows, and cells OCR did not read, between them.
		out = append(out, Region{Box: rect(board), Kinds: []string{"patient-list"},
			Reason: "Part of a patient list or whiteboard", Confidence: 0.8, TextHeight: th, Source: "layout"})
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
		out = append(out, Region{Box: rect(r), Kinds: []string{"patient-list"},
			Reason: "Part of a patient list or whiteboard", Confidence: 0.8, TextHeight: lineTextHeight(doc.Lines[li]), Source: "layout"})
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

// lineTextHeight is the median height of a line's words of two or more
// letters or digits: its text height, which on a sloping line is less
// than the line box's. A line without such words gives its box height.
func lineTextHeight(l checks.Line) int {
	var hs []int
	for _, w := range l.Words {
		if alnum(w.Text) >= 2 && !w.Box.Empty() {
			hs = append(hs, w.Box.Height())
		}
	}
	if len(hs) == 0 {
		return l.Box.Height()
	}
	return min(l.Box.Height(), median(hs))
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
		if alnum(w.Text) < 2 || w.Conf < 70 {
			continue
		}
		if hasDigit(w.Text) || !checks.OrdinaryWord(w.Text) {
			return false
		}
		if checks.HeadingWord(w.Text) {
			n++
		}
	}
	return n >= 2
}

// rowMate reports whether lb sits on the same row as a line already in the
// list: level with it (centres within half a row) and of a similar height.
func rowMate(doc checks.Document, in map[int]bool, lb checks.Box, h int) bool {
	if lb.Height() > 2*h || 2*lb.Height() < h {
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
	return slices.ContainsFunc(l.Words, func(w checks.Word) bool { return alnum(w.Text) >= 2 && w.Conf >= 60 })
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
		if w.Conf < 60 {
			low++
		}
	}
	return low > 0 && 3*low >= n
}

// neighbours returns the lines directly above and below line li: close
// vertically (within a line height) and overlapping horizontally.
func neighbours(doc checks.Document, li int) []int {
	a := doc.Lines[li].Box
	h := a.Height()
	var out []int
	for j, l := range doc.Lines {
		b := l.Box
		if j == li || b.Empty() || b.X1 < a.X0 || b.X0 > a.X1 {
			continue
		}
		gapAbove, gapBelow := a.Y0-b.Y1, b.Y0-a.Y1
		if (gapAbove >= -h/2 && gapAbove <= h) || (gapBelow >= -h/2 && gapBelow <= h) {
			out = append(out, j)
		}
	}
	return out
}

// Document converts an OCR page to the checks' text model.
func Document(page *ocr.Page) checks.Document {
	doc := checks.Document{Source: checks.SourceOCR}
	if page == nil {
		return doc
	}
	// A straightened page is analysed in its straightened frame, where
	// rows, columns and neighbours line up.
	straight := page.Turn != nil
	for _, l := range page.Lines {
		var line checks.Line
		for _, w := range l.Words {
			b := w.Box
			if straight {
				b = w.Straight
			}
			line.Words = append(line.Words, checks.Word{Text: w.Text, Box: box(b), Conf: w.Conf, Start: -1, End: -1})
		}
		line.Box = box(l.Box)
		if straight {
			line.Box = box(l.Straight)
		}
		doc.Lines = append(doc.Lines, line)
	}
	return doc
}

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
		pad := max(4, th*3/10)
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
				if !a.Overlaps(b) || !compact(a, b) || swallows(a, b, clear) {
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

// compact reports whether the bounding box of a and b covers little more
// than a and b do.
func compact(a, b image.Rectangle) bool {
	area := func(r image.Rectangle) int { return r.Dx() * r.Dy() }
	both := area(a) + area(b) - area(a.Intersect(b))
	return area(a.Union(b))*4 <= both*5
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
			if w.Conf < 70 || alnum(w.Text) < 2 || w.Box.Empty() || !checks.OrdinaryWord(w.Text) {
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
	keep := max(2, pad/3)
	for _, c := range clear {
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
	// Keep the reason of the check finding over a layout reason.
	if a.Source != "ocr" && b.Source == "ocr" {
		out.Reason, out.Source = b.Reason, b.Source
	}
	return out
}

// textHeight is the height of the tallest of a finding's words that holds
// a letter or digit: a table rule read as "|" inside a row is not text,
// and its height would pad the region over the rows around it. Without
// such words it is the tallest word.
func textHeight(doc checks.Document, refs []checks.Ref) int {
	h, any := 0, 0
	for _, r := range refs {
		if r.Line < len(doc.Lines) && r.Word < len(doc.Lines[r.Line].Words) {
			w := doc.Lines[r.Line].Words[r.Word]
			any = max(any, w.Box.Height())
			if alnum(w.Text) > 0 {
				h = max(h, w.Box.Height())
			}
		}
	}
	if h == 0 {
		return any
	}
	return h
}

func box(r image.Rectangle) checks.Box {
	return checks.Box{X0: r.Min.X, Y0: r.Min.Y, X1: r.Max.X, Y1: r.Max.Y}
}

func rect(b checks.Box) image.Rectangle { return image.Rect(b.X0, b.Y0, b.X1, b.Y1) }

func median(v []int) int {
	if len(v) == 0 {
		return 0
	}
	s := append([]int{}, v...)
	sort.Ints(s)
	return s[len(s)/2]
}

// shoutedWord reports an all-capitals word of two or more letters, the way
// names are printed on labels and X-rays.
func shoutedWord(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			letters++
		}
	}
	return letters >= 2
}

func alnum(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

func meanConf(doc checks.Document, refs []checks.Ref) float64 {
	sum, n := 0.0, 0
	for _, r := range refs {
		if r.Line < len(doc.Lines) && r.Word < len(doc.Lines[r.Line].Words) {
			sum += doc.Lines[r.Line].Words[r.Word].Conf
			n++
		}
	}
	if n == 0 {
		return 100
	}
	return sum / float64(n)
}
