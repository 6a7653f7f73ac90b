package checks

import (
	"regexp"
	"strings"
	"sync"

	"safepost/assets"
)

// Rules that keep names in post text that are not patients' from being
// flagged: public figures ("Aneurin Bevan would be proud"), places and
// institutions named after people or towns ("Leeds Beckett University"),
// lists of places ("Kerala, Manila and Lagos") and new or leaving staff
// ("Phil Wood, who started today"). Typed text only: a photographed page
// is left to the layout rules.

const (
	reasonPublic = "Looks like a public or historical figure's name (not patient information)"
	reasonPlace  = "Looks like the name of a place or an organisation"
)

var (
	publicOnce sync.Once
	publicSet  map[string]bool
)

// publicNames loads assets/names/public.txt once.
func publicNames() map[string]bool {
	publicOnce.Do(func() {
		publicSet = map[string]bool{}
		for _, l := range readLines(assets.Names, "names/public.txt") {
			publicSet[strings.Join(strings.Fields(l), " ")] = true
		}
	})
	return publicSet
}

// publicTitles come before the names of royals and people with honours.
var publicTitles = setOf("sir", "dame", "lord", "baroness", "baron", "prince", "princess", "king", "queen", "duke",
	"duchess", "earl", "countess", "hrh", "councillor", "cllr", "mayor", "mp", "msp", "minister", "secretary")

// institutionWords follow a name that is a place's or an institution's:
// "Leeds Beckett University", "Queen Elizabeth Hospital".
var institutionWords = setOf("university", "college", "school", "academy", "institute", "trust", "foundation",
	"hospital", "hospitals", "infirmary", "hospice", "stadium", "arena", "library", "museum", "church", "chapel",
	"cathedral", "mosque", "temple", "gurdwara", "synagogue", "hall", "hotel", "station", "airport", "armouries",
	"centre", "center", "park", "ward", "wing", "unit", "house", "building", "road", "street", "lane", "avenue",
	"marathon", "awards", "award", "prize", "lecture", "fund", "appeal", "charity", "society", "cup", "shield")

// textStaffRoles are roles that come before a colleague's name in posts,
// beyond the staff titles and role nouns: "ward clerk Pauline".
var textStaffRoles = setOf("guardian", "clerk", "coordinator", "officer", "administrator", "manager", "champion",
	"ambassador", "governor", "trustee", "lead", "leader", "matron", "nurse", "practitioner", "specialist",
	"consultant", "registrar", "technician", "radiographer", "sonographer", "phlebotomist", "pharmacist", "dietitian",
	"psychologist", "counsellor", "worker", "advocate", "educator", "facilitator", "apprentice", "healthcare", "hca",
	"porter", "chaplain", "volunteer", "fundraiser", "host", "hostess", "supervisor", "head", "deputy", "chief")

// staffVerbs after a name make it a new or leaving member of staff's.
var staffVerbs = []string{"who started", "who starts", "who joins", "who joined", "who has joined", "who is joining",
	"who retires", "who retired", "who has retired", "who is retiring", "who qualified", "who has qualified",
	"who leads", "who led", "who has led", "who runs", "started today", "starts today", "joins us", "joined us",
	"is retiring", "retires today", "on completing", "on passing", "on winning", "on graduating", "on qualifying",
	"on becoming", "on achieving", "on securing", "on being named", "on being awarded", "on being appointed",
	"on her promotion", "on his promotion", "on her new role", "on his new role", "on her retirement",
	"on his retirement", "on her graduation", "on his graduation", "on her award", "on his award",
	"for winning", "for being named", "who won", "who has won", "who has been named", "who graduated"}

// textNameFilters lowers the confidence of names in post text that are
// not patients': see the rules above. spans are merged.
func textNameFilters(lt lineText, ws []wordInfo, spans []nameSpan) []nameSpan {
	pub := publicNames()
	for k := range spans {
		s := &spans[k]
		if s.conf <= 0.3 {
			continue
		}
		i := s.i
		for i <= s.j && (ws[i].patientTitle || ws[i].staffTitle || publicTitles[ws[i].lower]) {
			i++
		}
		var parts []string
		for x := i; x <= s.j; x++ {
			parts = append(parts, strings.ToLower(clean(ws[x].raw)))
		}
		key := strings.Join(parts, " ")
		titled := s.i > 0 && publicTitles[ws[s.i-1].lower] && ws[s.i-1].capital || publicTitles[ws[s.i].lower] && ws[s.i].capital
		switch {
		case i <= s.j && (pub[key] || titled || publicPrefix(ws, i, s.j, pub)):
			s.conf, s.reason = 0.2, reasonPublic
		case s.j+1 < len(ws) && !ws[s.j].clauseEnd && institutionWords[ws[s.j+1].lower] && ws[s.j+1].capital &&
			!ws[s.i].patientTitle && s.reason != reasonTitle:
			s.conf, s.reason = 0.2, reasonPlace
		case s.reason == reasonComma && listGoesOn(ws, s.j):
			// "from Kerala, Manila and Lagos" is a list, not SURNAME, Forename.
			s.conf, s.reason = 0.2, reasonPlace
		case staffAfter(lt, s.j) || s.i > 0 && (staffRoles[ws[s.i-1].lower] || textStaffRoles[ws[s.i-1].lower]) && s.reason != reasonTitle:
			// "our Freedom to Speak Up Guardian Claire Watson".
			s.conf, s.reason = 0.3, reasonStaff
		}
	}
	return spans
}

// listGoesOn reports whether a third capitalised item follows word j, as
// in a list: "Kerala, Manila and Lagos", "Leeds, York, Hull".
func listGoesOn(ws []wordInfo, j int) bool {
	n := j + 1
	if n < len(ws) && !strings.HasSuffix(ws[j].raw, ",") && (ws[n].lower == "and" || ws[n].raw == "&") {
		n++
	} else if !strings.HasSuffix(ws[j].raw, ",") {
		return false
	}
	return n < len(ws) && ws[n].capital && !ws[n].patientTitle
}

// publicPrefix reports whether words i..j begin with a public figure's
// name, as in "Florence Nightingale's" or "Aneurin Bevan would".
func publicPrefix(ws []wordInfo, i, j int, pub map[string]bool) bool {
	var parts []string
	for x := i; x <= j; x++ {
		parts = append(parts, ws[x].lower)
		if x > i && pub[strings.Join(parts, " ")] {
			return true
		}
	}
	return false
}

// staffAfter reports whether the words after word j say the person is
// joining, leaving or leading the staff ("Phil Wood, who started today"),
// name their role ("Charlotte Davies, our new Deputy Sister") or where
// they work ("Tracey on reception", "Sean from the IV team").
func staffAfter(lt lineText, j int) bool {
	if j+1 >= len(lt.words) {
		return false
	}
	rest := strings.ToLower(strings.Join(lt.words[j+1:min(len(lt.words), j+6)], " "))
	for _, v := range staffVerbs {
		if strings.HasPrefix(rest, v) {
			return true
		}
	}
	if staffPlaceRE.MatchString(rest) {
		return true
	}
	// Apposition: ", our (new) ward clerk".
	if strings.HasSuffix(lt.words[j], ",") {
		f := strings.Fields(rest)
		for k := 0; k < len(f) && k < 5; k++ {
			w := strings.Trim(f[k], ",.!?;:")
			if staffTitles[w] && w != "sister" || textStaffRoles[w] || staffRoles[w] || w == "sister" && k > 0 {
				return f[0] == "our" || f[0] == "the" || f[0] == "a" || f[0] == "one"
			}
			if strings.ContainsAny(f[k], ",.!?;:") {
				break
			}
		}
	}
	return false
}

// staffPlaceRE is where staff work, after a name: "on reception", "from
// the IV team", "in the kitchen".
var staffPlaceRE = regexp.MustCompile(`^(?:on|in|from|at) (?:the )?(?:reception|kitchen|pharmacy|estates|switchboard|` +
	`admin|catering|housekeeping|portering|domestics|theatres|radiology|physio|physiotherapy|it|hr|finance|security|` +
	`outpatients|main desk|front desk|maternity leave|[a-z0-9&]+ team|[a-z]+ [a-z]+ team)\b`)
