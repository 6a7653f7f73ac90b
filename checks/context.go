package checks

import (
	"regexp"
	"strings"
	"unicode"
)

// wordInfo classifies one word of a line for the name and row logic.
type wordInfo struct {
	raw, clean, lower string
	capital           bool // Capitalised or ALL CAPS
	allCaps           bool
	initial           bool // a single capital letter, "J" or "J."
	forename, surname bool // in the gazetteer
	common            bool // an ordinary word, ward word or shorthand
	tag               bool // #hashtag or @mention
	clauseEnd         bool // raw word ends with , . ! ? ; : or )
	patientTitle      bool
	staffTitle        bool
	label             bool // Name:, Patient:, Pt
}

func classify(lt lineText) []wordInfo {
	g := names()
	out := make([]wordInfo, len(lt.words))
	for i, raw := range lt.words {
		c := clean(raw)
		l := strings.ToLower(c)
		w := wordInfo{raw: raw, clean: c, lower: l}
		w.tag = strings.HasPrefix(raw, "#") || strings.HasPrefix(raw, "@")
		w.allCaps = isAllCaps(c)
		w.capital = isCapitalised(c)
		w.initial = isInitial(raw)
		w.forename, w.surname = g.forenames[l], g.surnames[l]
		w.common = notNames[l] || shorthand[l] || (w.allCaps && !hasVowel(c))
		w.patientTitle = patientTitles[l]
		w.staffTitle = staffTitles[l]
		// "J." and "Mr." end in a dot but do not end a clause.
		w.clauseEnd = endsClause(raw) && !w.initial && !w.patientTitle && !w.staffTitle
		w.label = nameLabels[l] && (strings.HasSuffix(raw, ":") || l == "pt" || l == "name") ||
			subjectLabels[l] && strings.HasSuffix(raw, ":")
		if w.tag || strings.Contains(raw, "@") || strings.Contains(raw, "://") {
			w.capital, w.allCaps, w.initial, w.forename, w.surname = false, false, false, false, false
		}
		out[i] = w
	}
	return out
}

// isInitial reports whether raw is one capital letter, optionally followed
// by a dot: "J", "J.". A bare "I" or "A" is a word, not an initial. The
// front of a surname that OCR split at its apostrophe ("O'" of "O' BRIEN",
// "D'" of "D' Souza", "L'" of "L' Estrange") counts too: like an initial,
// it starts a name.
func isInitial(raw string) bool {
	r := []rune(strings.TrimRight(raw, ",;:"))
	switch {
	case len(r) == 1:
		return unicode.IsUpper(r[0]) && r[0] != 'I' && r[0] != 'A'
	case len(r) == 2:
		if r[1] == '\'' || r[1] == '’' {
			return strings.ContainsRune("ODL", r[0])
		}
		// OCR reads an initial O, S or B as 0, 5 or 8.
		return (unicode.IsUpper(r[0]) || strings.ContainsRune("058", r[0])) && r[1] == '.'
	}
	return false
}

// nameWord reports whether a word can be part of a name once context says
// a name is here: capitalised, not an ordinary word (gazetteer names that are
// also words, like "White", still count).
func (w wordInfo) nameWord() bool {
	if w.tag {
		return false
	}
	if w.initial {
		return true
	}
	return w.capital && (!w.common || w.surname || w.forename) && !w.staffTitle && !w.patientTitle
}

var bedRE = regexp.MustCompile(`(?i)^(?:bed|bd|b|sr|c|cub|cubicle|room|rm|bay)?[:#.]?(\d{1,2}[a-d]?)[:.)]?$`)

// bedLabel finds a bed or bay label on the line: "Bed 4", "Bed4", "B4",
// "Side room 2", "SR2", "Cubicle 3", or a bare leading "4". It returns the
// index of the label's last word and whether the label was explicit (not
// just a bare number), or -1.
func bedLabel(lt lineText) (end int, explicit bool) {
	ws := lt.words
	for i := 0; i < len(ws); i++ {
		l := strings.ToLower(clean(ws[i]))
		raw := strings.TrimRight(ws[i], ":.)")
		switch {
		case lt.src == SourceText && (l == "bed" || l == "bay") && i+2 < len(ws) && isBedNumber(ws[i+1]) &&
			proseAfterBed[strings.ToLower(ws[i+2])]:
			// "Bed 4 on Ash Ward is now a suite": a sentence about the
			// bed, not a list's row; bedNumbers finds beds in prose.
			return -1, false
		case (l == "bed" || l == "cubicle" || l == "cub" || l == "bay" || l == "bd") && i+1 < len(ws) && isBedNumber(ws[i+1]):
			// "Bay 2 Bed 3": prefer the bed.
			if l == "bay" && i+3 < len(ws) && strings.EqualFold(clean(ws[i+2]), "bed") && isBedNumber(ws[i+3]) {
				return i + 3, true
			}
			return i + 1, true
		case l == "side" && i+2 < len(ws) && strings.EqualFold(clean(ws[i+1]), "room") && isBedNumber(ws[i+2]):
			return i + 2, true
		case i == 0 && raw != "" && isLetter(raw[0]) && bedRE.MatchString(raw):
			return 0, true
		case i == 0 && isBedNumber(ws[i]) && len(ws) > 1:
			return 0, false
		}
	}
	return -1, false
}

// proseAfterBed are words that follow a bed number in a sentence, where
// a list's row would have a name.
var proseAfterBed = setOf("on", "in", "is", "was", "has", "had", "have", "will", "at", "for", "and", "of", "to", "now",
	"with", "are", "were", "gets", "got", "can", "could", "would", "says", "said", "asked", "wants")

func isBedNumber(raw string) bool {
	d := digitise(strings.TrimRight(strings.TrimLeft(raw, "#("), ":.)!,"))
	if d == "" || !isDigit(d[0]) {
		return false
	}
	n := atoi(strings.TrimRight(d, "abcdABCD"))
	return n >= 1 && n <= 60 && len(d) <= 3
}

// linePatientContext reports whether a line carries patient details: a
// patient title, a bed label, DOB context or a name label.
func linePatientContext(lt lineText) bool {
	for _, w := range lt.words {
		l := strings.ToLower(clean(w))
		if patientTitles[l] || dobContext[l] || nameLabels[l] || l == "bed" {
			return true
		}
	}
	return lt.bedEnd >= 0 && lt.bedExplicit
}

// addressAt reports whether the number word at i starts a street address
// ("12 Elm Road"), so its words are not taken for a name after a bed number.
func addressAt(lt lineText, i int) bool {
	if i < 0 || i >= len(lt.starts) || !lt.hasStreetWord() {
		return false
	}
	for _, m := range addressRE.FindAllStringSubmatchIndex(lt.s, -1) {
		if m[0] == lt.starts[i] && streetWords[strings.ToLower(lt.s[m[6]:m[7]])] {
			return true
		}
	}
	return false
}

// hasStreetWord is a cheap pre-check for addressRE.
func (lt lineText) hasStreetWord() bool {
	for _, w := range lt.info {
		if streetWords[w.lower] {
			return true
		}
	}
	return false
}
