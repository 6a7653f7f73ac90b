package checks

import (
	"sort"
	"strings"
)

// PersonName finds people's names: after titles (Mrs Okafor), initials
// (J. SMITH), SURNAME, Forename, names from the gazetteer, and names in
// patient context (after a bed number or "Name:"), so names outside the
// gazetteer are still caught. Names after staff titles get low confidence.
type PersonName struct{}

var _ Check = (*PersonName)(nil)

// ID implements Check.
func (*PersonName) ID() string { return "person-name" }

// Description implements Check.
func (*PersonName) Description() string {
	return "A person's name, such as Mrs Joan Okafor or J. SMITH"
}

// Reasons for name findings, in words a nurse understands.
const (
	reasonTitle    = "Looks like a person's name (title and name)"
	reasonBed      = "Looks like a patient's name next to a bed number"
	reasonLabel    = "Looks like a patient's name after a label such as 'Name:'"
	reasonComma    = "Looks like a name written SURNAME, Forename"
	reasonCaps     = "Looks like a name with the surname in capitals"
	reasonInitial  = "Looks like a name (initial and surname)"
	reasonFull     = "Looks like a person's full name"
	reasonForename = "A first name on its own (staff first names are not patient information)"
	reasonSurname  = "Looks like a surname on its own"
	reasonStaff    = "Looks like a staff member's name (staff names are not patient information)"
)

// nameSpan is a candidate name: words i..j of one line.
type nameSpan struct {
	i, j   int
	conf   float64
	reason string
}

// Find implements Check.
func (c *PersonName) Find(doc Document) []Finding { return c.find(doc.Source, lines(doc)) }

func (c *PersonName) find(src Source, lts []lineText) []Finding {
	var out []Finding
	for _, lt := range lts {
		ws := lt.info
		spans := nameSpans(lt, ws)
		for _, s := range mergeSpans(spans) {
			out = append(out, lt.wordsFinding(c.ID(), s.reason, s.conf, s.i, s.j))
		}
	}
	return out
}

// run returns the last index of up to max name words starting at i, or i-1
// if there are none. A clause end ("Amy!") stops the run.
func run(ws []wordInfo, i, limit int, ok func(wordInfo) bool) int {
	j := i - 1
	for k := i; k < len(ws) && k < i+limit && ok(ws[k]); k++ {
		j = k
		if ws[k].clauseEnd && !ws[k].initial {
			break
		}
	}
	return j
}

// hasWord reports whether words i..j hold more than initials.
func hasWord(ws []wordInfo, i, j int) bool {
	for k := i; k <= j; k++ {
		if !ws[k].initial {
			return true
		}
	}
	return false
}

func nameSpans(lt lineText, ws []wordInfo) []nameSpan {
	var spans []nameSpan
	add := func(i, j int, conf float64, reason string) {
		if j >= i {
			spans = append(spans, nameSpan{i, j, conf, reason})
		}
	}
	staff := make([]bool, len(ws))
	after := func(i int) bool { return i > 0 && !ws[i-1].clauseEnd }

	// Titles and labels: whatever capitalised words follow are a name.
	for i, w := range ws {
		switch {
		case w.patientTitle && (w.lower != "miss" && w.lower != "master" || w.capital):
			j := run(ws, i+1, 3, func(x wordInfo) bool { return x.nameWord() || x.surname || x.forename })
			if j > i && hasWord(ws, i+1, j) {
				add(i, j, 0.9, reasonTitle)
			}
		case w.staffTitle && (w.capital || w.lower == "dr"):
			j := run(ws, i+1, 3, func(x wordInfo) bool { return x.nameWord() || x.surname || x.forename })
			for k := i + 1; k <= j; k++ {
				staff[k] = true
			}
			add(i+1, j, 0.3, reasonStaff)
		case w.label:
			start := i + 1
			if start < len(ws) && ws[start].patientTitle {
				start++
			}
			j := run(ws, start, 4, wordInfo.nameWord)
			if j >= start && hasWord(ws, start, j) {
				conf := 0.75
				if w.clauseEnd {
					conf = 0.9
				}
				add(start, j, conf, reasonLabel)
			}
		}
	}

	// After a bed label: "Bed 4 Qwerlin T", "4 OKAFOR J".
	if end, explicit := lt.bedEnd, lt.bedExplicit; end >= 0 && !addressAt(lt, end) {
		j := run(ws, end+1, 3, func(x wordInfo) bool { return x.nameWord() && !headerWords[x.lower] })
		if j > end && hasWord(ws, end+1, j) {
			conf := 0.7
			if explicit {
				conf = 0.85
			}
			add(end+1, j, conf, reasonBed)
		}
	}

	for i := range ws {
		w := ws[i]
		var next wordInfo
		if i+1 < len(ws) {
			next = ws[i+1]
		}
		hasNext := i+1 < len(ws) && !w.clauseEnd
		switch {
		// SURNAME, Forename (any surname); Surname, Forename with the gazetteer.
		case i+1 < len(ws) && hasSuffix(w.raw, ",") && next.nameWord() && !next.initial:
			if w.allCaps && !w.common && hasVowel(w.clean) && !next.allCaps {
				add(i, run(ws, i+1, 2, wordInfo.nameWord), 0.85, reasonComma)
			} else if w.allCaps && next.allCaps && next.forename && capsName(w, next) && capsName(next, w) {
				// "QWERLIN, MARGARET" on a label: both in capitals, so the
				// gazetteer must know the forename ("SUTTON, SURREY" and
				// "VICTORIA, BELFAST" are places).
				add(i, run(ws, i+1, 2, wordInfo.nameWord), 0.8, reasonComma)
			} else if w.capital && !w.allCaps && (w.surname || next.forename) && !w.common {
				add(i, run(ws, i+1, 2, wordInfo.nameWord), 0.75, reasonComma)
			}
		// Initial and surname: "J. SMITH", "J Smith"; and "Smith J".
		case w.initial && hasNext && next.nameWord() && !next.initial:
			add(i, i+1, 0.8, reasonInitial)
		case hasNext && next.initial && w.nameWord() && !w.initial && (w.allCaps || w.surname) && after(i+1):
			add(i, i+1, 0.7, reasonInitial)
		// Forename + capitalised word: "Joan Okafor", "Amy Qwerlin".
		case w.forename && w.capital && hasNext && next.nameWord() && !next.initial:
			conf := 0.85
			if next.surname {
				conf = 0.9
			}
			add(i, run(ws, i+1, 2, wordInfo.nameWord), conf, reasonFull)
		// Capitalised word + gazetteer surname: "Qwerlin Okafor".
		case w.nameWord() && !w.initial && !w.common && hasNext && next.surname && next.capital:
			add(i, i+1, 0.8, reasonFull)
		// SURNAME Forename or Forename SURNAME.
		case hasNext && w.nameWord() && next.nameWord() && !w.initial && !next.initial &&
			(w.allCaps != next.allCaps) && capsName(w, next) &&
			// "(CLA)" after "Agreement" is an acronym, not a surname.
			!strings.HasPrefix(w.raw, "(") && !strings.HasPrefix(next.raw, "("):
			add(i, i+1, 0.75, reasonCaps)
		case hasNext && w.allCaps && next.allCaps && (w.forename || w.surname) && (next.surname || next.forename) &&
			!w.common && !next.common:
			add(i, i+1, 0.8, reasonFull)
		// "KIRKBRIDE BRIDGET": two names in capitals, one of them known.
		case hasNext && w.allCaps && next.allCaps && (w.forename || w.surname || next.forename || next.surname) &&
			!w.common && !next.common && capsName(w, next) && capsName(next, w):
			add(i, i+1, 0.7, reasonFull)
		case w.forename && w.capital && !w.common:
			add(i, i, 0.35, reasonForename)
		case w.surname && w.capital && !w.common:
			conf := 0.4
			if w.allCaps {
				conf = 0.55
			}
			add(i, i, conf, reasonSurname)
		}
	}

	// Staff context wins: "Sister Amy Clarke" is not a patient.
	for k := range spans {
		for x := spans[k].i; x <= spans[k].j; x++ {
			if staff[x] && spans[k].conf > 0.3 {
				spans[k].conf, spans[k].reason = 0.3, reasonStaff
			}
		}
	}
	return spans
}

// capsName reports whether one of two words is a name in capitals and the
// other a capitalised name word, neither an ordinary word.
func capsName(a, b wordInfo) bool {
	caps, other := a, b
	if !a.allCaps {
		caps, other = b, a
	}
	return !caps.common && hasVowel(caps.clean) && len(caps.clean) >= 3 && !other.common
}

func hasSuffix(s, suf string) bool { return len(s) >= len(suf) && s[len(s)-len(suf):] == suf }

// mergeSpans joins overlapping candidates into one name, keeping the most
// confident reason, so "Mrs Joan Okafor" is one finding.
func mergeSpans(spans []nameSpan) []nameSpan {
	sort.Slice(spans, func(a, b int) bool { return spans[a].i < spans[b].i })
	var out []nameSpan
	for _, s := range spans {
		if n := len(out); n > 0 && s.i <= out[n-1].j {
			last := &out[n-1]
			last.j = max(last.j, s.j)
			if s.conf > last.conf {
				last.conf, last.reason = s.conf, s.reason
			}
			continue
		}
		out = append(out, s)
	}
	return out
}
