package scan

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"safepost/checks"
)

// The context rule's measures, in words and in text heights of the
// detail.
const (
	// chainGap is the widest gap, in text heights, between words of one
	// row of a label: a word space, not a column gap.
	chainGap = 1.5
	// nameWords is the most words a name line above a label's details
	// has ("Mrs Joan Ada OKAFOR").
	nameWords = 4
	// detailWords is the most words of a label's detail line ("DOB:
	// 12/03/1948"); a table row below its heading row has more.
	detailWords = 5
	// nameShift is how many text heights a name line may start left or
	// right of its details.
	nameShift = 3
	// nameSize is how many times the height of its details a name's words
	// may be (a label prints the name larger); they are at least half it.
	nameSize = 3
	// unclearLetters is how many letters or digits an unclear word beside
	// a detail needs to be covered: shorter ones are specks.
	unclearLetters = 3
)

// strongKinds are findings that make the rest of their line suspect: a line
// with a date of birth or an NHS number usually also holds the name.
var strongKinds = map[string]bool{
	checks.KindNHSNumber: true, checks.KindCHINumber: true, checks.KindHCNumber: true, checks.KindHospitalNumber: true,
	checks.KindDateOfBirth: true, checks.KindPatientList: true,
}

// strongHit is a finding that makes the text around it suspect.
type strongHit struct {
	box    checks.Box
	line   int
	digits bool   // the finding holds digits (a date or number)
	kind   string // the finding's kind, which the reasons name
}

// detail names the hit's kind for a reason, in lower case after "a"
// ("a date of birth"); the kinds registry's label, never text read.
func (h strongHit) detail() string {
	l := checks.KindLabel(h.kind)
	if l == checks.OtherKindLabel || l == "" {
		return "patient details"
	}
	r := []rune(l)
	if len(r) > 1 && unicode.IsUpper(r[0]) && unicode.IsLower(r[1]) {
		r[0] = unicode.ToLower(r[0]) // "Date of birth", not "NHS number"
	}
	l = string(r)
	if strings.ContainsRune("aeiou", r[0]) || strings.HasPrefix(l, "NHS") {
		return "an " + l
	}
	return "a " + l
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
			out = append(out, Region{Box: rect(w.Box), Kinds: []string{checks.KindContext}, Reason: "On the same line as " + hit.detail(),
				Confidence: contextConf, TextHeight: w.Box.Height(), Source: "layout"})
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
					out = append(out, Region{Box: rect(w.Box), Kinds: []string{checks.KindContext}, Reason: "Looks like the patient's name above " + hit.detail(),
						Confidence: nameAboveConf, TextHeight: w.Box.Height(), Source: "layout"})
				}
				continue
			}
			for _, w := range doc.Lines[nj].Words {
				// A word read as a column heading ("Patient" in the heading
				// row) is that heading, however unsure OCR was of it.
				if w.Conf < unsureConf && alnum(w.Text) >= unclearLetters && textSized(w.Box, hit.box) && !checks.HeadingWord(w.Text) {
					out = append(out, Region{Box: rect(w.Box), Kinds: []string{checks.KindContext}, Reason: "Text SafePost could not read, beside " + hit.detail(),
						Confidence: contextConf, TextHeight: w.Box.Height(), Source: "layout"})
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
	if len(l.Words) == 0 || len(l.Words) > nameWords || len(below.Words) > detailWords || l.Box.Y1+l.Box.Y0 >= below.Box.Y0+below.Box.Y1 {
		return false
	}
	if d := l.Box.X0 - below.Box.X0; d > nameShift*h || -d > nameShift*h {
		return false
	}
	named := false
	for _, w := range l.Words {
		t := strings.Trim(w.Text, ".,:;'’")
		if hasDigit(t) || w.Box.Height() > nameSize*h || 2*w.Box.Height() < h {
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
	maxGap := int(chainGap * float64(h))
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
	if w.Conf < clearConf || !fieldLabels[t] || !valueNext || !checks.OrdinaryWord(t) && !hasDigit(t) {
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
	if w.Conf < clearConf || shoutedWord(t) || hasDigit(t) {
		return true
	}
	return len(t) <= 4 && (t[0] == '[' || t[0] == '(')
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
