package checks

import (
	"regexp"
	"strings"
)

// PatientList finds rows of a patient list or ward whiteboard: a bed label
// followed by a name, a date, an age or clinical shorthand, or, on a
// photographed board where OCR missed the bed number, a name followed by
// care details. The finding covers the whole row, so the scanner can
// redact the row, not just the parts it recognised.
type PatientList struct{}

var _ Check = (*PatientList)(nil)

// ID implements Check.
func (*PatientList) ID() string { return KindPatientList }

// Description implements Check.
func (*PatientList) Description() string {
	return "A row of a patient list or whiteboard (bed, name, care notes)"
}

const reasonRow = "Looks like a row of a patient list (bed, name, care notes)"

var (
	shortDateRE = regexp.MustCompile(`\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b`)
	// Ages as boards write them; "yre" and "yts" are "yrs" as OCR misreads it.
	rowAgeRE = regexp.MustCompile(`(?i)\b\d{1,3} ?(?:y|yo|yrs?|yre|yts|m|f)\b|\(\d{2,3}\)`)
)

// proseRow is how many lower-case words make a numbered line a sentence
// rather than a board's row.
const proseRow = 4

type row struct {
	line   int
	strong bool // explicit bed label, or care details beside a bare number
	name   bool
}

// Find implements Check.
func (c *PatientList) Find(doc Document) []Finding { return c.find(doc.Source, lines(doc)) }

func (c *PatientList) find(src Source, lts []lineText) []Finding {
	var rows []row
	for _, lt := range lts {
		if r, ok := rowOf(lt, src); ok {
			rows = append(rows, r)
		}
	}
	strong := 0
	for _, r := range rows {
		if r.strong {
			strong++
		}
	}
	var out []Finding
	for _, r := range rows {
		// A lone row counts when it has a bed and a name. Weak rows (a bare
		// number and a name, like a numbered list in a post) count only on
		// an OCR'd board or beside strong rows.
		switch {
		case strong >= 2 && (r.strong || r.name):
		case r.strong && r.name:
		case src == SourceOCR && r.name && len(rows) >= 2:
		default:
			continue
		}
		conf := 0.8
		if len(rows) >= 3 {
			conf = 0.9
		}
		lt := lts[r.line]
		out = append(out, lt.wordsFinding(c.ID(), reasonRow, conf, 0, len(lt.words)-1))
	}
	return out
}

// rowOf reports whether a line looks like one patient's row. Text that
// is not OCR (a post being written) needs a bed number.
func rowOf(lt lineText, src Source) (row, bool) {
	end, explicit := lt.bedEnd, lt.bedExplicit
	if end < 0 && src == SourceOCR && !isHeader(lt) {
		return unnumberedRow(lt)
	}
	if end < 0 || end+1 >= len(lt.words) || isHeader(lt) || addressAt(lt, end) {
		return row{}, false
	}
	// In a post, a list's row starts with its bed ("Bed 4 Qwerlin T");
	// a bed in a sentence ("Happy 100th to Doris in bay 3!") is the
	// bed-number check's, not a row covering the whole post.
	if src == SourceText && !bedStart(lt) {
		return row{}, false
	}
	ws := lt.info
	hs := nameHints(ws)
	var name, care bool
	prose := 0
	for k := end + 1; k < len(ws); k++ {
		w := ws[k]
		if !w.capital && !w.tag && len(w.clean) >= 3 && isLetters(w.clean) && !shorthand[w.lower] {
			prose++
		}
		switch {
		case w.staffTitle && !shorthand[w.lower]:
			// "Dr Patel" on a row is the consultant column: still a row,
			// but the name is not the patient's.
			care = true
		case shorthand[w.lower] || patientTitles[w.lower]:
			care = true
		case w.nameWord() && !headerWords[w.lower] && len(w.clean) >= 2 && (explicit || !hs[k].word) &&
			(!lt.isUnsure(k) || k < len(lt.halfSure) && lt.halfSure[k] && hs[k].like):
			// Texture OCR reads as letters comes with low confidence:
			// it does not make a name, unless it is shaped like one and
			// read half surely ("LINDQVIST" on a sloped row). After a
			// bare number, an ordinary word ("1. Achieve universal
			// coverage") does not make a name either.
			name = true
		}
	}
	rest := strings.Join(lt.words[end+1:], " ")
	if shortDateRE.MatchString(digitise(rest)) || rowAgeRE.MatchString(rest) {
		care = true
	}
	// A numbered line of prose is an item of a document's list, not a
	// board's row: a row is a name and shorthand, not a sentence.
	if !name && !care || !explicit && !care && prose >= proseRow {
		return row{}, false
	}
	return row{line: lt.idx, strong: explicit || care, name: name}, true
}

// rowStarts are the words a list's row may start with before its number.
var rowStarts = setOf("bed", "bd", "bay", "side", "sr", "cubicle", "cub", "room", "rm")

// bedStart reports whether the line starts with its bed label.
func bedStart(lt lineText) bool {
	if len(lt.words) == 0 {
		return false
	}
	w := lt.words[0]
	return rowStarts[strings.ToLower(clean(w))] || bedRE.MatchString(strings.TrimRight(w, ":.)")) || isBedNumber(w)
}

// unnumberedRow reports a row of a photographed board whose bed number OCR
// did not read (or that has none): a name as the name check sees one
// ("QWERLIN, Trebor", "F ZYXWU") followed by care details (an age, a date
// with slashes, clinical shorthand). Details before the name are a label
// ("Falls: Joan Okafor" on a champions board), and a shift time
// ("7.30-15.30" on a rota) is not a date. It is a weak row: it counts only
// with another row.
func unnumberedRow(lt lineText) (row, bool) {
	ws := lt.info
	end := -1 // the last word of the first name on the line
	for _, s := range mergeSpans(nameSpans(lt, ws)) {
		if s.conf >= 0.7 && s.reason != reasonStaff {
			end = s.j
			break
		}
	}
	if end < 0 {
		return row{}, false
	}
	for k := end + 1; k < len(ws); k++ {
		if shorthand[ws[k].lower] && !lt.isUnsure(k) {
			return row{line: lt.idx, name: true}, true
		}
	}
	rest := strings.Join(lt.words[end+1:], " ")
	for _, d := range shortDateRE.FindAllString(digitise(rest), -1) {
		if strings.Contains(d, "/") {
			return row{line: lt.idx, name: true}, true
		}
	}
	if rowAgeRE.MatchString(rest) {
		return row{line: lt.idx, name: true}, true
	}
	return row{}, false
}

// isHeader reports whether a line is a board's column headings.
func isHeader(lt lineText) bool {
	n := 0
	for _, w := range lt.words {
		l := strings.ToLower(clean(w))
		if headerWords[l] {
			n++
		}
		if strings.ContainsAny(w, "0123456789") {
			return false
		}
	}
	return n >= 2
}
