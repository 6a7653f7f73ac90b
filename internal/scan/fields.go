package scan

import (
	"fmt"
	"image"
	"sort"
	"strings"
	"unicode"

	"safepost/checks"
)

// The fields rule: a personal field's label ("Date of birth", "NHS No",
// "Address", "Surname"; the lexicon is assets/fields/labels.tsv) says what
// the value beside or below it is, whatever OCR read there. The value to
// the right on the same row, or in the label's column directly below it,
// is covered; under a column heading of a table every cell of that column
// is, down to the end of the table.

// Tuning of the fields rule, in text heights of the label.
const (
	// fieldGap is the smallest gap between a label and what follows that
	// makes it a field rather than a phrase ("Patient   Okafor" against
	// "Patient Notes").
	fieldGap = 1.5
	// valueReach is how far right of its label a value may start.
	valueReach = 12
	// valueWordGap is the largest gap between words of one value.
	valueWordGap = 2
	// valueWords is the most words one value takes on its row.
	valueWords = 8
	// belowReach is how far below its label the value's row may start.
	belowReach = 2.5
	// tableColumns is how many column headings make a row the head of a
	// table, whose personal columns are covered down to its end.
	tableColumns = 3
	// tableRows bounds how far down a table's column is followed.
	tableRows = 120
	// addressRows is how many lines an address block below its label
	// may take: name, street, locality, town, postcode.
	addressRows = 5
	// minLabelConf is the OCR confidence a label's words need.
	minLabelConf = 40
)

// fieldReasons are the reasons shown for a value, by the label's kind.
var fieldReasons = map[string]string{
	"name":    "Beside or under a name label (Name, Surname, Patient)",
	"dob":     "Beside or under a date-of-birth label",
	"id":      "Beside or under a label of an identifying number (NHS No, MRN, ID)",
	"address": "Beside or under an address label",
	"phone":   "Beside or under a phone number label",
	"email":   "Beside or under an e-mail label",
	"age":     "Beside or under an age label",
}

// fieldWhat says what a value is, by the label's kind, for a reason that
// names what was found.
var fieldWhat = map[string]string{
	"name":    "a name",
	"dob":     "a date of birth",
	"id":      "an identifying number",
	"address": "an address",
	"phone":   "a phone number",
	"email":   "an e-mail address",
	"age":     "an age",
}

// reason names what a value is and the label or column heading that says
// so ("Looks like a name in a “Patient” column"). The label is the
// lexicon's spelling, never text read from the image.
func (f *field) reason(column bool) string {
	what, ok := fieldWhat[f.label.Kind]
	if !ok || f.label.Label == "" {
		return fieldReasons[f.label.Kind]
	}
	if column {
		return fmt.Sprintf("Looks like %s in a “%s” column", what, f.label.Label)
	}
	return fmt.Sprintf("Looks like %s after the label “%s”", what, f.label.Label)
}

// fieldWord is one word of the page with where it was read.
type fieldWord struct {
	checks.Word
	line, idx int
}

// fieldRegions covers the values of personal fields.
func fieldRegions(doc checks.Document, fl *checks.Fields) []Region {
	if fl == nil {
		return nil
	}
	var words []fieldWord
	for li, l := range doc.Lines {
		for wi, w := range l.Words {
			if !w.Box.Empty() {
				words = append(words, fieldWord{Word: w, line: li, idx: wi})
			}
		}
	}
	var out []Region
	for li, l := range doc.Lines {
		texts := make([]string, len(l.Words))
		for i, w := range l.Words {
			texts[i] = w.Text
		}
		for i := 0; i < len(l.Words); {
			lab, n, colon := fl.Match(texts, i)
			if n == 0 {
				i++
				continue
			}
			lw := l.Words[i : i+n]
			first := i
			i += n
			f := newField(lw, lab, colon)
			if f == nil || f.h <= 0 {
				continue
			}
			// A label after its translation's slash ("Given names /
			// Prénoms") starts at the translation: the value sits under
			// the whole. OCR may leave a word of it unread, so the word
			// before a slash may be further off.
			for k := first - 1; k >= 0; k-- {
				gap, t := f.box.X0-l.Words[k].Box.X1, l.Words[k].Text
				slash := t == "/" || strings.HasSuffix(t, "/")
				afterSlash := strings.HasPrefix(l.Words[k+1].Text, "/")
				if !slash && !afterSlash || gap >= int(fieldGap*float64(f.h)) && !(afterSlash && gap < 4*f.h) {
					break
				}
				f.box = f.box.Union(l.Words[k].Box)
				f.colon = true
			}
			// A label with its translations ("Surname / Nom / Apellidos")
			// is one label, as explicit as one with a colon.
			if i < len(l.Words) && strings.HasPrefix(l.Words[i].Text, "/") || strings.HasSuffix(lw[n-1].Text, "/") {
				for ; i < len(l.Words) && l.Words[i].Box.X0-f.box.X1 < int(fieldGap*float64(f.h)); i++ {
					f.box = f.box.Union(l.Words[i].Box)
				}
				f.colon = true
			}
			// A label joined to the next by a comma ("City, State:") is
			// one label, ending at the colon.
			if strings.HasSuffix(lw[n-1].Text, ",") {
				for k := i; k < len(l.Words) && k < i+2 && l.Words[k].Box.X0-f.box.X1 < int(fieldGap*float64(f.h)); k++ {
					if strings.HasSuffix(l.Words[k].Text, ":") {
						for ; i <= k; i++ {
							f.box = f.box.Union(l.Words[i].Box)
						}
						f.colon = true
						break
					}
				}
			}
			out = append(out, f.regions(doc, fl, words, li)...)
		}
	}
	return out
}

// field is one label found on the page.
type field struct {
	label checks.FieldLabel
	box   checks.Box
	h     int
	colon bool
}

func newField(lw []checks.Word, lab checks.FieldLabel, colon bool) *field {
	f := &field{label: lab, colon: colon}
	var hs []int
	for _, w := range lw {
		if w.Conf < minLabelConf || w.Box.Empty() {
			return nil
		}
		f.box = f.box.Union(w.Box)
		if alnum(w.Text) >= 2 {
			hs = append(hs, w.Box.Height())
		}
	}
	f.h = f.box.Height()
	if len(hs) > 0 {
		f.h = median(hs)
	}
	// A label is printed as one: "Name", "NAME", "Date of birth". A label
	// word in lower case is prose ("the patient's name").
	first := []rune(strings.TrimLeft(lw[0].Text, "*(["))
	if !colon && (len(first) == 0 || !unicode.IsUpper(first[0])) {
		return nil
	}
	return f
}

// gapAt is the horizontal gap from the label's right edge to b, in pixels.
func (f *field) gapAt(b checks.Box) int { return b.X0 - f.box.X1 }

// regions covers the field's value: to its right, or below it, or, for
// the heading of a table's column, the column down to the table's end.
func (f *field) regions(doc checks.Document, fl *checks.Fields, words []fieldWord, line int) []Region {
	right := f.rightOf(words)
	cells := f.headingCells(words, right)
	table := !f.colon && cells >= tableColumns
	// A phrase is not a field: "Patient Notes", "Address book".
	if !f.colon && !table {
		if f.label.NeedsColon {
			return nil
		}
		if len(right) > 0 && float64(f.gapAt(right[0].Box)) < fieldGap*float64(f.h) && (ordinaryValue(right[0].Word) || lowerWord(right[0].Text)) {
			return nil
		}
	}
	if !table {
		if val := f.valueRight(doc, fl, right); len(val) > 0 {
			return f.cover(val, f.reason(false))
		}
	}
	return f.valueBelow(doc, fl, words, right, table)
}

// rightOf lists the words level with the label and right of it, nearest
// first, leaving out marks that are not text (table rules, bullets).
func (f *field) rightOf(words []fieldWord) []fieldWord {
	var out []fieldWord
	for _, w := range words {
		if alnum(w.Text) == 0 || !sameBand(w.Box, f.box) || w.Box.X0 < f.box.X1-f.h/4 || !textSized(w.Box, f.box) {
			continue
		}
		out = append(out, w)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Box.X0 < out[b].Box.X0 })
	return out
}

// headingCells counts the cells of the label's row, the label's own
// included: runs of words split by gaps of a field's width. Three or more,
// with the label alone in its cell, make the row a table's head.
func (f *field) headingCells(words []fieldWord, right []fieldWord) int {
	gap := int(fieldGap * float64(f.h))
	if len(right) > 0 && f.gapAt(right[0].Box) < gap {
		return 0 // the label runs on into other words: not a heading
	}
	cells := 1
	edge := f.box.X1
	for _, w := range right {
		if w.Box.X0-edge >= gap {
			cells++
		}
		edge = max(edge, w.Box.X1)
	}
	// Cells to the left, nearest first.
	var left []fieldWord
	for _, w := range words {
		if alnum(w.Text) > 0 && sameBand(w.Box, f.box) && w.Box.X1 <= f.box.X0+f.h/4 && textSized(w.Box, f.box) {
			left = append(left, w)
		}
	}
	sort.Slice(left, func(a, b int) bool { return left[a].Box.X1 > left[b].Box.X1 })
	if len(left) > 0 && f.box.X0-left[0].Box.X1 < gap {
		return 0
	}
	edge = f.box.X0
	for _, w := range left {
		if edge-w.Box.X1 >= gap {
			cells++
		}
		edge = min(edge, w.Box.X0)
	}
	return cells
}

// valueRight returns the value's words on the label's row: from the first
// word within reach to a wide gap, another label, or valueWords words.
func (f *field) valueRight(doc checks.Document, fl *checks.Fields, right []fieldWord) []fieldWord {
	if len(right) == 0 || f.gapAt(right[0].Box) > valueReach*f.h {
		return nil
	}
	// A value does not start with an ordinary word or a bracket: "Email
	// Address (Optional)", "Telephone: call us" are a form's words. After
	// a colon a capitalised word may be a name that is also a word
	// ("Name: Hope").
	first := right[0].Word
	if strings.HasPrefix(first.Text, "(") || ordinaryValue(first) && !(f.colon && capitalised(first.Text)) || lowerWord(first.Text) {
		return nil
	}
	var out []fieldWord
	edge := f.box.X1
	plain, capPlain := 0, 0
	for _, w := range right {
		if len(out) > 0 && w.Box.X0-edge > valueWordGap*f.h || len(out) == valueWords {
			break
		}
		// The next field's label ends the value ("Surname: Okafor
		// Forename Joan"), but a label word that ends a phrase of the
		// value does not: "City, State: Any City, CA".
		if lab, colon := labelAt(doc, fl, w); lab && (colon || len(out) == 0 ||
			float64(w.Box.X0-edge) >= fieldGap*float64(f.h) || !englishWord(out[len(out)-1].Text)) {
			break
		}
		// Two ordinary words in a row are prose after the value; after a
		// colon, capitalised ones may be a place ("Any City", "Bath"), but
		// not three of them ("Same As Above").
		if ordinaryValue(w.Word) && alnum(w.Text) >= 2 && !(f.colon && capitalised(w.Text)) {
			if plain++; plain >= 2 {
				out = out[:len(out)-1]
				break
			}
		} else {
			plain = 0
		}
		if capitalised(w.Text) && !hasDigit(w.Text) && englishWord(w.Text) {
			if capPlain++; capPlain > maxPlaceWords {
				break
			}
		} else {
			capPlain = 0
		}
		out = append(out, w)
		edge = max(edge, w.Box.X1)
		// A sentence ends the value: "Address: Same As Above. Please ...".
		if t := strings.TrimRight(w.Text, ".!?"); t != w.Text && alnum(t) >= 3 && englishWord(t) {
			break
		}
	}
	return out
}

// maxPlaceWords is how many capitalised ordinary words in a row a value
// may hold: a place's name ("Any City", "Market Harborough").
const maxPlaceWords = 2

// englishWord reports an ordinary word, of the checks' word lists or the
// English word list.
func englishWord(s string) bool { return checks.OrdinaryWord(s) || checks.EnglishWord(s) }

// valueBelow returns the regions of the value in the label's column below
// it: the first row for a form's field, every row down to the table's end
// for a column heading.
func (f *field) valueBelow(doc checks.Document, fl *checks.Fields, words, right []fieldWord, table bool) []Region {
	// The column runs from the label to the next heading on its right,
	// or some way past the label if there is none.
	x0, x1 := f.box.X0-f.h, f.box.X1+valueReach*f.h
	for _, w := range right {
		if f.gapAt(w.Box) >= int(fieldGap*float64(f.h)) {
			x1 = w.Box.X0 - f.h/2
			break
		}
	}
	for _, w := range words {
		if sameBand(w.Box, f.box) && w.Box.X1 <= f.box.X0 && alnum(w.Text) > 0 {
			x0 = max(x0, w.Box.X1+f.h/2)
		}
	}
	var col []fieldWord
	for _, w := range words {
		mid := (w.Box.X0 + w.Box.X1) / 2
		if w.Box.Y0 < f.box.Y1-f.h/3 || mid < x0 || mid >= x1 || alnum(w.Text) == 0 {
			continue
		}
		if 3*w.Box.Height() < f.h || w.Box.Height() > 4*f.h {
			continue // specks and rules
		}
		col = append(col, w)
	}
	rows := bandRows(col)
	var out []Region
	prev, pitch := f.box.Y1, 0
	for n, row := range rows {
		top := row[0].Box.Y0
		for _, w := range row {
			top = min(top, w.Box.Y0)
		}
		gap := top - prev
		switch {
		case n == 0 && float64(gap) > belowReach*float64(f.h):
			return out
		case n > 0 && !table && gap > f.h:
			return out // a blank line ends an address block
		case n == 1:
			pitch = max(f.h, top-prev)
		case n > 1 && gap > max(2*f.h, 2*pitch):
			return out
		}
		plain := 0
		if strings.HasPrefix(row[0].Text, "(") || lowerWord(row[0].Text) && len(row) > 1 {
			return out
		}
		// The next field's label, in the column or just left of it
		// ("E-mail" starting the line under "Home | Telephone Number").
		for _, w := range words {
			if sameBand(w.Box, row[0].Box) && w.Box.X1 > x0-4*f.h && w.Box.X0 < x1 && startsLabel(doc, fl, w) {
				return out
			}
		}
		for _, w := range row {
			if ordinaryValue(w.Word) && alnum(w.Text) >= 2 {
				plain++
			}
		}
		// A value is a name, a number, an address: not a run of ordinary
		// words (the next question of a form, a paragraph).
		if plain >= 2 || len(row) > valueWords {
			return out
		}
		if plausibleValue(f.label.Kind, row) {
			out = append(out, f.cover(row, f.reason(table))...)
		} else if !table {
			return out
		}
		bottom := prev
		for _, w := range row {
			bottom = max(bottom, w.Box.Y1)
		}
		prev = bottom
		if n+1 >= f.rowsBelow(table) {
			break
		}
	}
	return out
}

// plausibleValue reports whether a cell can hold a value of this kind:
// a name column's "CHILDREN WARD" is a ward, a phone column's "219" an
// extension, an ID column's "OPD" a code, an e-mail column's "35" the next
// column's number. A cell OCR could not read as digits ("nnmrwv" in a
// phone column) is still taken, as the heading says what it is.
func plausibleValue(kind string, ws []fieldWord) bool {
	// letters counts the characters of words that are no ordinary word:
	// an unread value is garbage ("nnmrwv"), a neighbouring column's
	// cell words ("CHILDREN").
	letters := 0
	for _, w := range ws {
		if !checks.OrdinaryWord(w.Text) && !checks.EnglishWord(w.Text) {
			letters += alnum(w.Text)
		}
	}
	digits := digitLike(ws, false)
	switch kind {
	case "name":
		for _, w := range ws {
			if alnum(w.Text) >= 2 && !checks.OrdinaryWord(w.Text) && !placeWords[strings.ToLower(strings.Trim(w.Text, ".,:;"))] {
				return true
			}
		}
		return false
	case "phone":
		// A phone number has five digits or more, some perhaps misread
		// as letters ("O7700 9OOI23").
		return digits == 0 && letters >= 3 || digits > 0 && digitLike(ws, true) >= 5
	case "id":
		// Record numbers have digits ("ABCD12345678", "K123456").
		return digits >= 2 || digits == 0 && letters >= 6
	case "email":
		for _, w := range ws {
			if strings.ContainsAny(w.Text, "@©®") || emailish(w.Text) {
				return true
			}
		}
		return digits == 0 && letters >= 6
	}
	return true
}

// digitLike counts a cell's digits and, with misreads, the letters OCR
// reads digits as.
func digitLike(ws []fieldWord, misreads bool) int {
	n := 0
	for _, w := range ws {
		for _, r := range w.Text {
			if unicode.IsDigit(r) || misreads && strings.ContainsRune("OoIl|SBZ", r) {
				n++
			}
		}
	}
	return n
}

// emailish reports a word shaped like an address whose "@" OCR lost:
// "jane.doe(a)nhs.net", "jdoe.nhs.net".
func emailish(s string) bool {
	if strings.Contains(s, "(a)") {
		return true
	}
	i := strings.LastIndex(s, ".")
	return i > 0 && i < len(s)-2 && len(s) >= 6 && lettersOnly(strings.Trim(s[i+1:], ".,;"))
}

// placeWords name a part of a hospital ("CHILDREN WARD"); "Ward" is also
// a surname, but not in a cell of ordinary words.
var placeWords = map[string]bool{"ward": true, "wing": true, "unit": true, "clinic": true, "suite": true,
	"theatre": true, "theatres": true, "department": true, "centre": true, "center": true, "hospital": true}

// rowsBelow is how many rows below the label its value may take.
func (f *field) rowsBelow(table bool) int {
	switch {
	case table:
		return tableRows
	case f.label.Kind == "address":
		return addressRows
	}
	return 1
}

// bandRows groups words into rows, top to bottom, each left to right.
func bandRows(ws []fieldWord) [][]fieldWord {
	sort.Slice(ws, func(a, b int) bool { return ws[a].Box.Y0+ws[a].Box.Y1 < ws[b].Box.Y0+ws[b].Box.Y1 })
	var rows [][]fieldWord
	for _, w := range ws {
		if n := len(rows); n > 0 && sameBand(rows[n-1][0].Box, w.Box) {
			rows[n-1] = append(rows[n-1], w)
			continue
		}
		rows = append(rows, []fieldWord{w})
	}
	for _, r := range rows {
		sort.Slice(r, func(a, b int) bool { return r[a].Box.X0 < r[b].Box.X0 })
	}
	return rows
}

// startsLabel reports whether w begins a field label of its own line
// (personal or not: a word with a colon is a label too).
func startsLabel(doc checks.Document, fl *checks.Fields, w fieldWord) bool {
	lab, _ := labelAt(doc, fl, w)
	return lab
}

// labelAt reports whether w begins a field label of its own line, and
// whether the label ends in a colon.
func labelAt(doc checks.Document, fl *checks.Fields, w fieldWord) (label, colon bool) {
	l := doc.Lines[w.line]
	texts := make([]string, len(l.Words))
	for i, x := range l.Words {
		texts[i] = x.Text
	}
	if lab, n, colon := fl.Match(texts, w.idx); n > 0 && (colon || !lab.NeedsColon) {
		return true, colon
	}
	t := strings.TrimRight(w.Text, ":")
	if t != w.Text && t != "" && lettersOnly(t) {
		return true, true
	}
	return false, false
}

// ordinaryValue reports a word that reads as the next word of a phrase
// rather than a value: an ordinary word with no digits.
func ordinaryValue(w checks.Word) bool {
	return !hasDigit(w.Text) && checks.OrdinaryWord(w.Text)
}

// capitalised reports a word that starts with a capital letter.
func capitalised(s string) bool {
	r := []rune(strings.TrimLeft(s, "\"'‘“"))
	return len(r) > 0 && unicode.IsUpper(r[0])
}

// lowerWord reports a word of lower-case letters: prose, not a value.
func lowerWord(s string) bool {
	t := strings.Trim(s, ".,;:()'’")
	return t != "" && lettersOnly(t) && strings.ToLower(t) == t
}

// cover turns value words into regions.
func (f *field) cover(ws []fieldWord, reason string) []Region {
	if reason == "" {
		reason = fieldReasons[f.label.Kind]
	}
	out := make([]Region, 0, len(ws))
	for _, w := range ws {
		out = append(out, Region{Box: image.Rect(w.Box.X0, w.Box.Y0, w.Box.X1, w.Box.Y1), Kinds: []string{checks.KindFieldValue},
			Reason: reason, Field: f.label.Kind, Confidence: 0.8, TextHeight: w.Box.Height(), Source: "layout"})
	}
	return out
}
