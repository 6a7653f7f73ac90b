package checks

import (
	"regexp"
	"strings"
)

// Patient context grammar for post text. Ward staff name patients by first
// name: "Derek, 71, goes home", "Happy birthday Gwen", "Mohammed's wife
// Fatima", "Tommy (bed 3)". A first name on its own is not patient
// information (staff are named that way too), but a name in one of these
// places is: next to an age, a bed or a relative, after a birthday, "RIP"
// or "get well soon", or before "'s stay". The rules run on typed text
// only: on a photographed board the layout rules decide.

// Reasons for context names.
const (
	reasonNameAge      = "A name next to an age"
	reasonNameBed      = "A name next to a bed, bay or side-room number"
	reasonNameKin      = "A name next to a relative ('wife', 'daughter', 'family')"
	reasonNameWish     = "A name after a birthday, 'RIP' or 'get well soon'"
	reasonNamePatient  = "A name as a patient ('our patient', 'was admitted', 'went home')"
	reasonNameRepeated = "The same name as a patient's named elsewhere in the post"
	reasonNameCare     = "A name in a sentence about a patient's care, recovery or death"
)

// contextNameConf is the confidence of a name found by its context: above
// the default threshold, below a title's.
const contextNameConf = 0.75

// kinWords are a patient's people: a name right after one ("wife Fatima",
// "Grandad George") or before one as a possessive ("Jean's daughter") is
// a patient's or a relative's.
var kinWords = setOf("wife", "husband", "son", "daughter", "mum", "mom", "mother", "dad", "father", "partner",
	"brother", "sister", "grandson", "granddaughter", "grandad", "granddad", "grandpa", "grandma", "gran", "granny",
	"nan", "nana", "nanna", "nanny", "grandmother", "grandfather", "grandchildren", "grandkids", "baby", "twins",
	"triplets", "aunt", "auntie", "aunty", "uncle", "niece", "nephew", "fiance", "fiancé", "fiancee", "fiancée",
	"girlfriend", "boyfriend", "family", "parents", "children", "kids", "widow", "widower", "stepdad", "stepmum",
	"stepson", "stepdaughter", "great-grandson", "great-granddaughter", "great-grandad", "great-grandma", "carer",
	"sons", "daughters", "brothers", "sisters", "grandsons", "granddaughters", "relatives", "girl", "boy")

// patientEvents follow a patient's name as a possessive: "Piotr's stay".
var patientEvents = setOf("stay", "bedside", "admission", "discharge", "recovery", "operation", "op", "surgery",
	"funeral", "treatment", "transplant", "wedding", "diagnosis", "chemo", "birthday", "room", "bed", "visitors",
	"rehab", "journey", "scan", "amputation", "stroke", "fall", "death", "passing", "memory")

// fillers may stand between a cue and the name: "Happy birthday to our
// lovely Gwen", "pray for our friend Norma".
var fillers = setOf("to", "our", "dear", "lovely", "wonderful", "amazing", "brave", "gorgeous", "beautiful",
	"friend", "favourite", "favorite", "special", "darling", "sweet", "little", "young", "fabulous", "fantastic",
	"the", "very", "much-loved", "beloved", "regular")

// ageVerbs come right before an age: "turns 103", "who is 97", "at 101".
var ageVerbs = setOf("turns", "turned", "turning", "is", "was", "aged", "at", "age", "reached", "reaches", "celebrates", "celebrated")

// patientVerbs follow a patient's name: "Dan came to us", "Sophie is going
// home", "Norma passed away".
var patientVerbs = []string{"came to us", "came in", "was admitted", "is admitted", "went home", "goes home",
	"is going home", "is off home", "was discharged", "is discharged", "passed away", "died", "has been with us",
	"was with us", "is with us", "was transferred", "is recovering", "was rushed", "had a stroke", "had a fall",
	"was brought in", "arrived on", "is on end of life", "is receiving", "rang the", "finished chemo",
	"finished treatment", "finished her", "finished his", "completed her chemo", "completed his chemo",
	"completed her treatment", "completed his treatment", "on beating", "beat sepsis", "beat cancer", "beat covid",
	"is in our care", "was in our care", "is back on", "is back with us", "came back to visit", "celebrated her",
	"celebrated his", "celebrates her", "celebrates his"}

// ageTokenRE is an age written as one word before a name: "96-year-old",
// "86yo", "6yr".
var ageTokenRE = regexp.MustCompile(`(?i)^\d{1,3}(?:-year-old|-yr-old|yo|y/o|yrs?|-years-old)$`)

// bedWords name a bed, bay or side room.
var bedWords = setOf("bed", "bay", "cubicle", "sr", "side")

// contextNames returns the names the patient context grammar finds on a
// line of typed text.
func contextNames(lt lineText, ws []wordInfo) []nameSpan {
	// Retirements are staff's: "Happy retirement Linda, 40 years on
	// Ward 3!"
	if lt.mentions("retire") {
		return nil
	}
	hs := nameHints(ws)
	var spans []nameSpan
	marked := make([]bool, len(ws))
	add := func(k int, reason string) {
		if marked[k] || staffNamed(ws, k) {
			return
		}
		marked[k] = true
		j := k
		// A surname after the first name is part of it: "Derek Smith, 71".
		if k+1 < len(ws) && !ws[k].clauseEnd && given(ws, hs, k+1) && !strings.HasSuffix(ws[k].raw, "'s") {
			j = k + 1
		}
		spans = append(spans, nameSpan{k, j, contextNameConf, reason})
		// A list of names shares the cue: "triplets Isla, Ava and Grace".
		for n := j; n+1 < len(ws); {
			switch {
			case strings.HasSuffix(ws[n].raw, ",") && given(ws, hs, n+1):
				n++
			case n+2 < len(ws) && (ws[n+1].lower == "and" || ws[n+1].raw == "&") && given(ws, hs, n+2) && !ws[n].clauseEnd:
				n += 2
			default:
				return
			}
			if !marked[n] && !staffNamed(ws, n) {
				marked[n] = true
				spans = append(spans, nameSpan{n, n, contextNameConf, reason})
			}
		}
	}
	for k := range ws {
		if !given(ws, hs, k) {
			continue
		}
		if r := cueBefore(ws, k); r != "" {
			add(k, r)
		} else if r := cueAfter(lt, ws, hs, k); r != "" {
			add(k, r)
		} else if hs[k].n.fore >= classCommon && !hs[k].n.ambiguous() && careSentence(lt, k) {
			add(k, reasonNameCare)
		}
	}
	return spans
}

// careWords say a sentence is about a patient's illness, care or death:
// a first name in it is a patient's ("Remembering Alan today, who passed
// away on our ward", "Best wishes to Eileen for a speedy recovery").
var careWords = []string{"passed away", "died", "funeral", "rest in peace", "speedy recovery", "quick recovery",
	"full recovery", "his recovery", "her recovery", "road to recovery", "get well", "his chemo", "her chemo",
	"radiotherapy", "transplant", "amputation", "sepsis", "palliative", "his bedside", "her bedside", "hip op",
	"knee op", "his op", "her op", "new hip", "new knee", "life support"}

// careSentence reports whether the sentence holding word k has a care
// word.
func careSentence(lt lineText, k int) bool {
	a := sentenceStart(lt, k)
	b := len(lt.words)
	for i := k; i < len(lt.words); i++ {
		if w := strings.TrimRight(lt.words[i], `"')”’`); strings.HasSuffix(w, ".") || strings.HasSuffix(w, "!") || strings.HasSuffix(w, "?") {
			b = i + 1
			break
		}
	}
	sentence := " " + strings.ToLower(strings.Join(lt.words[a:b], " ")) + " "
	for _, c := range careWords {
		if i := strings.Index(sentence, c); i > 0 && !isAlnum(sentence[i-1]) && !isAlnum(sentence[i+len(c)]) {
			return true
		}
	}
	return false
}

// given reports whether word k can be a first name or surname where the
// context says a name is: a capitalised word that is a listed name (even
// one that is also a word: "Violet", "Grace") or shaped like one, and no
// ordinary, ward or heading word.
func given(ws []wordInfo, hs []nameHint, k int) bool {
	if k < 0 || k >= len(ws) {
		return false
	}
	x, h := ws[k], hs[k]
	if !x.capital || x.tag || x.common || x.initial || x.staffTitle || x.patientTitle || headerWords[x.lower] ||
		placeWords[x.lower] || kinWords[x.lower] || len(x.clean) < 2 || !isLetters(x.clean) {
		return false
	}
	return h.n.fore >= classRare || h.n.sur >= classCommon || h.like
}

// staffNamed reports whether the name at k follows a staff role, which
// wins over any patient context: "Happy birthday to our HCA Brenda",
// "porter Dave". "sister" counts only capitalised; in lower case she is a
// relative.
func staffNamed(ws []wordInfo, k int) bool {
	if k > 0 && staffRoles[ws[k-1].lower] {
		return true
	}
	for i := k - 1; i >= 0 && i >= k-3; i-- {
		x := ws[i]
		if x.staffTitle && (x.capital || x.lower != "sister") {
			return true
		}
		if x.clauseEnd && i < k-1 {
			break
		}
	}
	return false
}

// staffRoles are roles written as nouns before a name beyond the staff
// titles: "our HCAs Lorraine, Dean and Shabana".
var staffRoles = setOf("hcas", "nurses", "physios", "doctors", "porters", "midwives", "colleague", "colleagues",
	"volunteer", "volunteers", "student", "students", "receptionist", "secretary", "housekeeper", "cleaner",
	"domestic", "therapist", "therapists", "paramedic", "paramedics", "surgeon", "surgeons", "anaesthetist",
	"executive", "director", "chair", "chairman", "ceo", "lead", "fy1s", "fy2s", "assistant", "assistants", "staff")

// prev returns the index of the word before k, skipping fillers, or -1.
// A clause end before k stops it.
func prev(ws []wordInfo, k int) int {
	for i := k - 1; i >= 0; i-- {
		if ws[i].clauseEnd && !strings.HasSuffix(ws[i].raw, ",") {
			return -1
		}
		if !fillers[ws[i].lower] || i == 0 {
			return i
		}
	}
	return -1
}

// cueBefore returns the reason a cue before word k makes it a patient's or
// relative's name, or "".
func cueBefore(ws []wordInfo, k int) string {
	if k == 0 {
		return ""
	}
	// Right before: "wife Fatima", "Grandad George", "96-year-old Vera".
	p := ws[k-1]
	if !p.clauseEnd || strings.HasSuffix(p.raw, ",") && kinWords[p.lower] {
		switch {
		case kinWords[p.lower] && !(k >= 2 && ws[k-2].lower == "my") && !strings.HasSuffix(p.raw, "'s"):
			return reasonNameKin
		case ageTokenRE.MatchString(p.clean) || ageTokenRE.MatchString(strings.TrimRight(p.raw, ",")):
			return reasonNameAge
		}
	}
	i := prev(ws, k)
	if i < 0 {
		return ""
	}
	w := ws[i]
	switch {
	case w.lower == "birthday" || w.lower == "rip" || w.lower == "r.i.p":
		return reasonNameWish
	case w.lower == "soon" && i >= 1 && ws[i-1].lower == "well":
		return reasonNameWish
	case w.lower == "easy" && i >= 1 && ws[i-1].lower == "rest":
		return reasonNameWish
	case w.lower == "home" && i >= 1 && ws[i-1].lower == "welcome":
		return reasonNamePatient // "Welcome home Ron"
	case w.lower == "peace" && i >= 2 && ws[i-1].lower == "in" && ws[i-2].lower == "rest":
		return reasonNameWish
	case w.lower == "for" && i >= 1 && (ws[i-1].lower == "pray" || ws[i-1].lower == "praying"):
		return reasonNameWish
	case w.lower == "of" && i >= 1 && (ws[i-1].lower == "thinking" || ws[i-1].lower == "remembering"):
		return reasonNameWish // "Thinking of Pat"
	case w.lower == "remembering":
		return reasonNameWish
	case (w.lower == "called" || w.lower == "named") && personBefore(ws, i):
		return reasonNamePatient
	case w.lower == "is" && i >= 1 && ws[i-1].lower == "name":
		return reasonNamePatient
	case w.lower == "patient" && !w.clauseEnd:
		return reasonNamePatient
	case w.lower == "of" && i >= 1 && kinWords[ws[i-1].lower]:
		// "parents of baby Kwame", "family of Joseph".
		return reasonNameKin
	case i >= 1 && strings.EqualFold(ws[i-1].clean, "happy") && ordinalRE.MatchString(w.clean):
		// "Happy 21st to Chloe".
		return reasonNameWish
	}
	return ""
}

var ordinalRE = regexp.MustCompile(`^\d{1,3}(?:st|nd|rd|th)$`)

// personBefore reports whether a person or an age comes shortly before
// word i: "a 91 year old called Violet", "a lady named Joan".
func personBefore(ws []wordInfo, i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		l := ws[j].lower
		if personNouns[l] || kinWords[l] || l == "old" || ageTokenRE.MatchString(ws[j].clean) {
			return true
		}
	}
	return false
}

// personNouns are words for a patient that are not names.
var personNouns = setOf("lady", "gentleman", "gent", "man", "woman", "chap", "fella", "fellow", "boy", "girl",
	"patient", "pt", "lad", "lass", "bloke", "resident", "toddler", "newborn", "baby", "teenager", "teen")

// cueAfter returns the reason a cue after word k makes it a patient's or
// relative's name, or "".
func cueAfter(lt lineText, ws []wordInfo, hs []nameHint, k int) string {
	x := ws[k]
	// Possessive: "Jean's daughter", "Piotr's stay", "the Nowak family".
	if strings.HasSuffix(x.raw, "'s") || strings.HasSuffix(x.raw, "’s") {
		if k+1 < len(ws) && (kinWords[ws[k+1].lower] || patientEvents[ws[k+1].lower]) {
			return reasonNameKin
		}
		return ""
	}
	if k+1 < len(ws) && (ws[k+1].lower == "family" || ws[k+1].lower == "family's") && !x.clauseEnd {
		// "the Nowak family", but not "the Hunter family" (a word too).
		if !hs[k].word && !hs[k].n.ambiguous() {
			return reasonNameKin
		}
		return ""
	}
	// "Brian and his family", "Joan and her husband".
	if !x.clauseEnd && k+3 < len(ws) && (ws[k+1].lower == "and" || ws[k+1].raw == "&") &&
		(ws[k+2].lower == "his" || ws[k+2].lower == "her" || ws[k+2].lower == "their") && kinWords[ws[k+3].lower] {
		return reasonNameKin
	}
	// Appositive: "Debbie, Gary's partner".
	if strings.HasSuffix(x.raw, ",") && k+2 < len(ws) && strings.HasSuffix(ws[k+1].raw, "'s") && kinWords[ws[k+2].lower] {
		return reasonNameKin
	}
	if x.clauseEnd && !strings.HasSuffix(x.raw, ",") && !strings.HasSuffix(x.raw, ")") {
		return ""
	}
	if r := ageOrBedAfter(lt, ws, k); r != "" {
		return r
	}
	if !x.clauseEnd {
		rest := strings.ToLower(strings.Join(lt.words[k+1:min(len(lt.words), k+7)], " "))
		// "Derek who goes home today".
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, "who "), "finally ")
		for _, v := range patientVerbs {
			if strings.HasPrefix(rest, v) && (len(rest) == len(v) || !isAlnum(rest[len(v)])) {
				return reasonNamePatient
			}
		}
		// "Sid, rest easy", "Betty RIP".
		if strings.HasPrefix(rest, "rip") || strings.HasPrefix(rest, "rest easy") || strings.HasPrefix(rest, "rest in peace") {
			return reasonNameWish
		}
	} else if k+1 < len(ws) && (strings.HasPrefix(ws[k+1].lower, "rip") || ws[k+1].lower == "rest" && k+2 < len(ws) && ws[k+2].lower == "easy") {
		return reasonNameWish
	}
	return ""
}

// ageOrBedAfter looks at the few words after the name at k, within its
// sentence: an age ("Derek, 71,", "Ivy (88)", "Edna turns 103", "Gladys
// who, at 101,", "Sid today, 89 years young") or a bed ("Tommy (bed 3)",
// "Mr Singh in bed 11").
func ageOrBedAfter(lt lineText, ws []wordInfo, k int) string {
	for j := k + 1; j < len(ws) && j <= k+4; j++ {
		raw := ws[j].raw
		num := strings.Trim(raw, "(),.!?;:")
		n := -1
		if num != "" && len(num) <= 3 && strings.Trim(num, "0123456789") == "" {
			n = atoi(num)
		}
		l := ws[j].lower
		switch {
		case bedWords[l] && j <= k+3:
			nxt := j + 1
			if l == "side" {
				if nxt >= len(ws) || ws[nxt].lower != "room" {
					break
				}
				nxt++
			}
			// "in bed 11", "(bed 3)", "(bay 4, bed 3)", "from bay 2".
			if nxt < len(ws) && isBedNumber(ws[nxt].raw) && (j == k+1 && strings.HasPrefix(raw, "(") ||
				j >= k+2 && (ws[j-1].lower == "in" || ws[j-1].lower == "from" || ws[j-1].lower == "on")) {
				return reasonNameBed
			}
		case j == k+1 && srRE.MatchString(raw):
			return reasonNameBed
		case n >= 0 && n <= 115:
			next := ""
			if j+1 < len(ws) {
				next = ws[j+1].lower
			}
			if durationAfter[next] {
				return ""
			}
			p := ws[j-1]
			if hasAnySuffix(p.lower, durationWords) || (next == "years" || next == "yrs") && served(lt, j+2) {
				return "" // "Sue after 28 years", "Sue, 28 years on the ward"
			}
			switch {
			case j == k+1 && strings.HasPrefix(raw, "(") && strings.HasSuffix(strings.TrimRight(raw, ",.!?;:"), ")"):
				return reasonNameAge // "Ivy (88)"
			case j == k+1 && strings.HasSuffix(p.raw, ",") && (strings.HasSuffix(raw, ",") || strings.HasSuffix(raw, ".") || next == "years" || next == "yrs" || next == "year" || j+1 == len(ws)):
				return reasonNameAge // "Derek, 71,"
			case ageVerbs[p.lower] || next == "years" || next == "yrs" || next == "today" || next == "tomorrow" || ordinalRE.MatchString(num):
				return reasonNameAge // "turns 103", "89 years young"
			}
			return ""
		}
		if ws[j].clauseEnd && !strings.HasSuffix(raw, ",") {
			return ""
		}
	}
	return ""
}

// durationAfter follow a number that is a length of time or a count, not
// an age: "after 4 months", "3 weeks".
var durationAfter = setOf("days", "day", "weeks", "week", "months", "month", "hours", "hour", "mins", "minutes",
	"times", "laps", "miles", "km", "sugars", "beds", "patients", "staff", "nurses", "am", "pm", "percent", "%")

// srRE is a side room written short, in brackets or not: "(SR3)", "SR 3".
var srRE = regexp.MustCompile(`^\(?SR ?\d{1,2}\)?[,.]?$`)

// repeatedNames finds, in typed text, later mentions of a patient's name
// found elsewhere in the post: "Mr Clifford Armitage ... Clifford, you
// were a true gentleman".
func repeatedNames(id string, lts []lineText, found []Finding) []Finding {
	known := map[string]bool{}
	covered := map[Ref]bool{}
	for _, f := range found {
		if f.Confidence < DefaultMinConfidence || f.Reason == reasonStaff {
			continue
		}
		for _, r := range f.Words {
			covered[r] = true
		}
		for _, r := range f.Words {
			if r.Line < len(lts) && r.Word < len(lts[r.Line].info) {
				w := lts[r.Line].info[r.Word]
				if w.capital && !w.patientTitle && !w.staffTitle && !w.initial && !w.common && len(w.clean) >= 3 {
					known[w.lower] = true
				}
			}
		}
	}
	var out []Finding
	if len(known) == 0 {
		return nil
	}
	for _, lt := range lts {
		for k, w := range lt.info {
			if known[w.lower] && w.capital && !covered[Ref{lt.idx, k}] && !staffNamed(lt.info, k) {
				out = append(out, lt.wordsFinding(id, reasonNameRepeated, contextNameConf, k, k))
			}
		}
	}
	return out
}
