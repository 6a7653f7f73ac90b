package checks

import (
	"sort"
	"strings"
	"unicode"
)

// PersonName finds people's names: after titles (Mrs Okafor, Mrs Green),
// initials (J. SMITH), SURNAME, Forename, names from the name lists, and
// names in patient context (after a bed number or "Name:"), so names
// outside the lists are still caught. A name that is also an ordinary word
// ("Green", "Hope") counts only with a title, in a name field or next to
// another name; where a name is expected, a word in no list counts if it
// is shaped like a name (see nameLike). Names after staff titles get low
// confidence. In post text a first name is a patient's in the patient
// context grammar's places (next to an age, a bed, a relative; see
// contextNames), and public figures, places and staff are not (see
// textNameFilters).
type PersonName struct{}

var _ Check = (*PersonName)(nil)

// ID implements Check.
func (*PersonName) ID() string { return KindPersonName }

// Description implements Check.
func (*PersonName) Description() string {
	return "A person's name, such as Mrs Joan Okafor or J. SMITH"
}

// Reasons for name findings, in words a nurse understands.
const (
	reasonTitle    = "Looks like a person's name (title and name)"
	reasonBed      = "Looks like a patient's name next to a bed number"
	reasonLabel    = "Looks like a patient's name after a label such as 'Name:'"
	reasonDear     = "Looks like a name after 'Dear'"
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
		if src == SourceText {
			spans = textNameFilters(lt, ws, mergeSpans(append(spans, contextNames(lt, ws)...)))
		}
		for _, s := range mergeSpans(spans) {
			out = append(out, lt.wordsFinding(c.ID(), s.reason, s.conf, s.i, s.j))
		}
	}
	if src == SourceText {
		out = append(out, repeatedNames(c.ID(), lts, out)...)
	}
	return out
}

// run returns the last index of up to limit name words starting at i, or
// i-1 if there are none. A clause end ("Amy!") stops the run.
func run(ws []wordInfo, i, limit int, ok func(k int) bool) int {
	j := i - 1
	for k := i; k < len(ws) && k < i+limit && ok(k); k++ {
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

// nameHint is what the name lists and the name-likeness model say of one
// word of a line.
type nameHint struct {
	n nameInfo
	// word is set for an ordinary English word that is no listed name, or
	// only a rare one ("Dose", "Power" are surnames too).
	word bool
	// like is set for a word shaped like a name (see nameLike): one in no
	// list that is no English word, or a rare listed name.
	like bool
}

func nameHints(ws []wordInfo) []nameHint {
	g := names()
	out := make([]nameHint, len(ws))
	for i, w := range ws {
		out[i].n = nameInfo{fore: -1, sur: -1}
		if w.tag {
			continue
		}
		k := foldName(w.clean)
		if n := g.lookupKey(k); n.listed() {
			out[i].n = n
			out[i].word = n.ambiguous() && max(n.fore, n.sur) < classCommon
		} else {
			_, out[i].word = g.words.find(k)
		}
		out[i].like = g.nameLike(w.clean)
	}
	return out
}

// isLetters reports whether w is letters with at most apostrophes and
// hyphens between them ("O'Brien", "Mary-Jane"), as names are.
func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-' {
			return false
		}
	}
	return w != ""
}

// forenameOK and surnameOK report whether a word can fill that part of a
// name where a name is expected: a common name in that role (even if it is
// also a word: "Grace", "Hill"), or a rare or unlisted name that is
// name-like.
func (h nameHint) forenameOK() bool { return h.n.fore >= classCommon || h.like }

func (h nameHint) surnameOK() bool { return h.n.sur >= classCommon || h.like }

// wordish reports whether a word is an ordinary word more than a name:
// no listed name, or a name that is also a word and not a very common one
// ("COUNCIL", "POWER").
func wordish(h nameHint) bool {
	return h.word || h.n.ambiguous() && max(h.n.fore, h.n.sur) < classTop
}

// trusted reports whether a name of this frequency class counts without
// more context: a common name, and for a name of two or three letters a
// very common one, as OCR reads specks and foreign script as short
// capitalised "words" that rare names ("Te", "Dee", "Heer") match.
func trusted(class int8, w wordInfo) bool {
	return class >= classCommon && (len(w.clean) >= 4 || class >= classTop)
}

func nameSpans(lt lineText, ws []wordInfo) []nameSpan {
	hs := nameHints(ws)
	var spans []nameSpan
	add := func(i, j int, conf float64, reason string) {
		if j >= i {
			spans = append(spans, nameSpan{i, j, conf, reason})
		}
	}
	staff := make([]bool, len(ws))
	after := func(i int) bool { return i > 0 && !ws[i-1].clauseEnd }
	// name reports whether word k can be part of a name once context says
	// a name is here: a capitalised word that is no ordinary word, or a
	// listed name that is also a word ("Hope", but not a ward or board
	// word such as "Green" or "Day", which only a title makes a name).
	name := func(k int) bool {
		x, h := ws[k], hs[k]
		if particle(ws, k) || k > 0 && particle(ws, k-1) {
			return true
		}
		if len(x.clean) <= 2 && !x.initial && !trusted(max(h.n.fore, h.n.sur), x) {
			// "Ee", "Te": OCR reads specks as two-letter words.
			return false
		}
		return !h.word && (x.nameWord() || x.capital && !x.tag && !x.common && h.n.listed() &&
			!x.staffTitle && !x.patientTitle)
	}
	// lowerName reports whether word k, not capitalised, is a name all the
	// same where one is expected ("mrs okafor"): a listed name that is no
	// ordinary word, or a name-like word.
	lowerName := func(k int) bool {
		x, h := ws[k], hs[k]
		if x.capital || x.tag || x.common || !isLetters(x.clean) {
			return false
		}
		return (h.n.fore >= classRare || h.n.sur >= classRare) && !h.n.ambiguous() || h.like
	}
	// titled reports whether word k, right after title t, starts a name:
	// a title makes any capitalised word a name ("Mrs Green", "Mr May"),
	// except after "Miss" and "Master", which are verbs too ("Don't Miss
	// Out"), and "MR" and "MS" in capitals, which are also abbreviations
	// ("MR Scan", "MS Awareness").
	titled := func(k int, t wordInfo) bool {
		x := ws[k]
		switch {
		case x.tag || x.staffTitle || x.patientTitle:
			return false
		case x.initial:
			return true
		case x.capital:
			if t.lower == "miss" || t.lower == "master" || t.allCaps && len(t.clean) == 2 {
				return name(k)
			}
			return true
		}
		return lowerName(k)
	}
	// titleRun returns the last word of the name after the title at i.
	titleRun := func(i int) int {
		if i+1 >= len(ws) || !titled(i+1, ws[i]) {
			return i
		}
		return run(ws, i+1, 3, func(k int) bool { return k == i+1 || name(k) || ws[k].initial })
	}

	// Titles and labels: whatever capitalised words follow are a name.
	for i, w := range ws {
		switch {
		case w.patientTitle && (w.lower != "miss" && w.lower != "master" || w.capital):
			j := titleRun(i)
			if j > i && hasWord(ws, i+1, j) {
				add(i, j, 0.9, reasonTitle)
			}
		case w.staffTitle && (w.capital || w.lower == "dr" || lt.src == SourceText && w.lower != "sister"):
			// In a post a role protects the name after it in any case
			// ("our ward manager Jason Turner"); "sister" in lower case
			// is a relative.
			j := titleRun(i)
			for k := i + 1; k <= j; k++ {
				staff[k] = true
			}
			add(i+1, j, 0.3, reasonStaff)
		case w.lower == "dear" && w.capital && i+1 < len(ws) && !ws[i+1].patientTitle && !ws[i+1].staffTitle:
			// A letter's salutation: "Dear QWERLIN,", "Dear Joan" (a title
			// after it is the title rule's; "Dear Colleague" is a word).
			j := run(ws, i+1, 3, func(k int) bool { return name(k) || ws[k].initial })
			if j > i && hasWord(ws, i+1, j) {
				add(i+1, j, 0.8, reasonDear)
			}
		case w.label:
			start := i + 1
			if start < len(ws) && ws[start].patientTitle {
				start++
			}
			j := run(ws, start, 4, func(k int) bool { return name(k) || ws[k].initial || lowerName(k) })
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
		// After a bare number, a common English word ("2 RENDER", "3
		// TOTAL") is no name unless an initial follows it ("3 WHITE J"):
		// the number may count anything.
		j := run(ws, end+1, 3, func(k int) bool {
			return (name(k) || ws[k].initial) && !headerWords[ws[k].lower] &&
				(explicit || ws[k].initial || hs[k].n.word < 2 || k+1 < len(ws) && ws[k+1].initial)
		})
		if j > end && hasWord(ws, end+1, j) {
			conf := 0.7
			if explicit {
				conf = 0.85
			}
			add(end+1, j, conf, reasonBed)
		}
	}

	nameRun := func(k int) bool { return name(k) || ws[k].initial }
	// isFore and isSur report whether word k is a forename or a surname of
	// the lists that is no ordinary, ward or board word, or one of the
	// project's own list.
	isFore := func(k int) bool {
		x, n := ws[k], hs[k].n
		return x.forename || n.fore >= classAny && !n.ambiguous() && !x.common && !headerWords[x.lower]
	}
	isSur := func(k int) bool {
		x, n := ws[k], hs[k].n
		return x.surname || n.sur >= classAny && !n.ambiguous() && !x.common && !headerWords[x.lower]
	}
	// surnameAfter reports whether word k can be the surname after the
	// forename at k-1: a common surname, even if it is also a word ("John
	// Doe", "Betty Bliss", but not "Max Dose"), a name-like word, or with
	// any set, any capitalised name word of three letters or more that is
	// no street word ("Amy Qwerlin", but not "Chester Road"). After a short
	// forename in capitals, which may be an acronym ("AMA COUNCIL"), a
	// surname that is also a word must be a very common one ("ANN WHITE").
	surnameAfter := func(k int, any bool) bool {
		x, h := ws[k], hs[k]
		switch {
		case x.common:
			// "Amy Green", but not "Bill To" or "Mattias SEE".
			return x.surname || surnameWords[x.lower]
		case h.n.ambiguous():
			if f := ws[k-1]; f.allCaps && len(f.clean) <= 3 {
				return h.n.sur >= classTop
			}
			return h.n.sur >= classCommon
		case trusted(h.n.sur, x) || h.like:
			return true
		}
		return any && name(k) && !streetWords[x.lower] && (len(x.clean) >= 3 || h.n.listed())
	}
	// known reports whether word k is a name of the lists, common enough
	// to count next to another capitalised word.
	known := func(k int) bool {
		x, h := ws[k], hs[k]
		return isFore(k) && trusted(h.n.fore, x) || isSur(k) && trusted(h.n.sur, x)
	}
	firstNames := firstNameList(ws, hs)
	for i := range ws {
		w, h := ws[i], hs[i]
		if firstNames[i] {
			add(i, i, 0.35, reasonForename)
			continue
		}
		var next wordInfo
		nh := nameHint{n: nameInfo{fore: -1, sur: -1}}
		if i+1 < len(ws) {
			next, nh = ws[i+1], hs[i+1]
		}
		hasNext := i+1 < len(ws) && !w.clauseEnd
		switch {
		// SURNAME, Forename (any surname); Surname, Forename with the lists
		// or the name-likeness of both words.
		case i+1 < len(ws) && hasSuffix(w.raw, ",") && name(i+1) && !next.initial:
			if w.allCaps && !w.common && !h.word && hasVowel(w.clean) && !next.allCaps {
				add(i, run(ws, i+1, 2, nameRun), 0.85, reasonComma)
			} else if w.allCaps && next.allCaps && nh.forenameOK() && (h.surnameOK() || !h.n.listed() && !h.word) &&
				len(w.clean) >= 3 && len(next.clean) >= 3 &&
				capsName(w, next) && capsName(next, w) {
				// "QWERLIN, MARGARET" on a label: both in capitals, so the
				// forename must be one ("SUTTON, SURREY" and "VICTORIA,
				// BELFAST" are places).
				add(i, run(ws, i+1, 2, nameRun), 0.8, reasonComma)
			} else if w.capital && !w.allCaps && !w.common && !h.word && (h.n.sur >= h.n.fore || h.like) &&
				len(w.clean) >= 3 && len(next.clean) >= 3 &&
				(h.surnameOK() && (nh.n.fore >= classAny || nh.like) || nh.forenameOK() && (h.n.sur >= classAny || h.like)) {
				// The first word must be more a surname than a forename:
				// "Angela, Sue, Precious" lists people by first name.
				add(i, run(ws, i+1, 2, nameRun), 0.75, reasonComma)
			}
		// Initial and surname: "J. SMITH", "J Smith"; and "Smith J".
		case w.initial && hasNext && name(i+1) && !next.initial:
			add(i, i+1, 0.8, reasonInitial)
		case hasNext && next.initial && name(i) && !w.initial && (w.allCaps || isSur(i) && trusted(h.n.sur, w)) && after(i+1):
			add(i, i+1, 0.7, reasonInitial)
		// Forename + capitalised word: "Joan Okafor", "Amy Qwerlin". A rare
		// forename ("Carmelina") or one that is also a word ("Grace",
		// "Jack") needs a common surname or a name-like word after it.
		case w.capital && hasNext && !next.initial && next.capital && !placeWords[next.lower] &&
			// Capitals mark a surname: "MARK Downs" is no Forename Surname.
			!(w.allCaps && !next.allCaps) &&
			(isFore(i) && !h.n.ambiguous() && trusted(h.n.fore, w) && surnameAfter(i+1, true) ||
				isFore(i) && !h.n.ambiguous() && h.n.fore >= classRare && len(w.clean) >= 4 && surnameAfter(i+1, false) ||
				h.n.ambiguous() && !w.common && h.n.fore >= classTop && surnameAfter(i+1, false)):
			conf := 0.85
			if nh.n.sur >= classRare {
				conf = 0.9
			}
			add(i, max(i+1, run(ws, i+1, 2, nameRun)), conf, reasonFull)
		// Capitalised word + surname: "Qwerlin Okafor".
		case name(i) && !w.initial && !w.common && !h.word && (!h.n.listed() || h.n.fore >= classAny) &&
			hasNext && isSur(i+1) && next.capital && !nh.n.ambiguous() && trusted(nh.n.sur, next) &&
			!placeWords[next.lower]:
			add(i, i+1, 0.8, reasonFull)
		// SURNAME Forename or Forename SURNAME.
		case hasNext && name(i) && name(i+1) && !w.initial && !next.initial &&
			(w.allCaps != next.allCaps) && capsName(w, next) && forenameCase(w, next, h, nh) &&
			// "(CLA)" after "Agreement" is an acronym, not a surname.
			!strings.HasPrefix(w.raw, "(") && !strings.HasPrefix(next.raw, "("):
			add(i, i+1, 0.75, reasonCaps)
		// Two common names of the lists, in either order: "Zhang Wei",
		// "OKAFOR JOAN".
		case hasNext && w.capital && next.capital && w.allCaps == next.allCaps && known(i) && known(i+1) &&
			!w.common && !next.common && !placeWords[next.lower]:
			add(i, i+1, 0.8, reasonFull)
		// "KIRKBRIDE BRIDGET": two names in capitals, one of them known.
		case hasNext && w.allCaps && next.allCaps && (known(i) || known(i+1)) &&
			!w.common && !next.common && !wordish(h) && !wordish(nh) && capsName(w, next) && capsName(next, w):
			add(i, i+1, 0.7, reasonFull)
		case isFore(i) && w.capital && !w.common:
			add(i, i, 0.35, reasonForename)
		// A surname on its own, if it is a common one and no word.
		case isSur(i) && w.capital && !w.common && !h.n.ambiguous() && trusted(h.n.sur, w):
			conf := 0.4
			if w.allCaps {
				conf = 0.55
			}
			add(i, i, conf, reasonSurname)
		}
	}

	// A degree or title after a name is part of it: "Mateo Jackson, PhD".
	for k := range spans {
		if j := spans[k].j; j+1 < len(ws) && postNominals[strings.TrimRight(ws[j+1].lower, ".")] && spans[k].conf >= 0.5 {
			spans[k].j = j + 1
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

// firstNameList marks the words of a list of first names, as on a thank-you
// banner: "Marcus Femi Ellie and Chloe", "Thanks to Priya, Tom and Amy".
// Two or more words that are each more a forename than a surname, split by
// commas or followed by "and" and another, are first names, not a full name
// with a rare surname ("Marcus Femi"). Without such a mark they may be one
// name ("Mary Ann James"). The word after "and" is left to the other rules,
// as it may start a full name ("and John Smith").
func firstNameList(ws []wordInfo, hs []nameHint) []bool {
	out := make([]bool, len(ws))
	fore := func(k int) bool {
		if k >= len(ws) {
			return false
		}
		x, n := ws[k], hs[k]
		return x.capital && !x.common && !x.initial && !x.patientTitle && !x.staffTitle &&
			!n.word && n.n.fore >= classRare && n.n.fore > n.n.sur
	}
	for i := 0; i < len(ws); {
		j := i
		for j < len(ws) && fore(j) {
			j++
		}
		// Words i..j-1 are forenames.
		n := j - i
		and := j+1 < len(ws) && (ws[j].lower == "and" || ws[j].raw == "&") && fore(j+1)
		comma := false
		for k := i; k < j-1; k++ {
			comma = comma || strings.HasSuffix(ws[k].raw, ",")
		}
		if n >= 2 && (and || comma) {
			for k := i; k < j; k++ {
				out[k] = true
			}
		}
		i = max(j, i+1)
	}
	return out
}

// particle reports whether word k is a surname particle ("Mc", "Van",
// "de") followed by a capitalised word: "DIANA Mc LODGES", "Anna van
// Dijk".
func particle(ws []wordInfo, k int) bool {
	return k+1 < len(ws) && surnameParticles[strings.ToLower(ws[k].raw)] && ws[k+1].capital && !ws[k+1].common
}

// forenameCase reports whether, of a name in capitals and a capitalised
// word ("OKAFOR Joan", "Joan OKAFOR"), the capitalised one can be the
// forename: a forename of the lists, name-like, or in no list; not a
// surname only ("MARK Downs" is OCR's "MARKDOWNS").
func forenameCase(a, b wordInfo, ha, hb nameHint) bool {
	h := hb
	if !a.allCaps {
		h = ha
	}
	return h.n.fore >= classRare || h.like || !h.n.listed()
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
