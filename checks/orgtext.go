package checks

import "strings"

// Ward posts give the ward's own details: its phone number, its shared
// mailbox, the venue of an event and the event's date. These helpers tell
// them from a patient's in typed text; the checks that use them lower the
// confidence of such findings below the default threshold, so a trust
// that lowers it still sees them.

// orgConf is the confidence of an organisation's detail.
const orgConf = 0.3

// orgPlaceWords name the ward or service whose number or mailbox a post
// gives: "ring the ward on 0113 496 0000", "call the switchboard".
var orgPlaceWords = setOf("ward", "switchboard", "reception", "office", "department", "dept", "team", "unit",
	"desk", "helpline", "line", "clinic", "hospital", "pals", "bookings", "booking", "us", "centre", "center",
	"service", "secretary", "secretaries", "ext", "extension", "hub", "bleep", "trust", "hospice", "surgery", "practice")

// callWords ask the reader to ring a number.
var callWords = setOf("call", "ring", "phone", "contact", "tel", "telephone", "dial", "on")

// mailboxWords make up the local part of a shared mailbox:
// "ward.manager@nhs.net", "theatres.admin@nhs.net".
var mailboxWords = setOf("ward", "wards", "manager", "managers", "team", "admin", "office", "enquiries", "enquiry",
	"info", "contact", "reception", "pals", "bookings", "booking", "referrals", "referral", "secretary", "secretaries",
	"nursing", "matron", "comms", "communications", "press", "media", "hr", "recruitment", "jobs", "careers", "training",
	"education", "charity", "fundraising", "volunteers", "volunteering", "support", "help", "helpdesk", "servicedesk",
	"service", "services", "desk", "mailbox", "shared", "general", "nhs", "trust", "hospital", "clinic", "unit",
	"department", "dept", "theatres", "theatre", "pharmacy", "outpatients", "appointments", "appointment",
	"switchboard", "research", "audit", "governance", "safeguarding", "library", "estates", "it", "hello", "noreply",
	"donotreply", "feedback", "complaints", "lead", "leads", "sisters", "staff", "rota", "bank", "ops", "operations",
	"coordinator", "coordinators", "nurse", "nurses", "midwives", "physio", "physiotherapy", "therapies", "ed", "ae",
	"icu", "itu", "hdu", "nicu", "picu", "scbu", "amu", "cdu", "maternity", "stroke", "cardiology", "oncology",
	"radiology", "endoscopy", "dialysis", "renal", "respiratory", "surgical", "medical", "acute", "emergency",
	"discharge", "lounge", "digital", "informatics", "finance", "payroll", "learning", "development", "wellbeing")

// eventWords say a sentence announces an event, whose date and venue are
// not a patient's.
var eventWords = setOf("conference", "event", "events", "venue", "fair", "tickets", "exhibition", "seminar",
	"workshop", "ceremony", "gala", "webinar", "festival", "concert", "rsvp", "intranet", "celebration", "launch",
	"awards", "meeting", "lecture", "stall", "agm", "symposium")

// venueWords name an institution whose address a post may give: "the
// Royal Armouries, Leeds LS10 1LT", "Leeds General Infirmary, LS1 3EX".
var venueWords = setOf("university", "college", "school", "academy", "hospital", "infirmary", "hospice", "stadium",
	"arena", "library", "museum", "church", "chapel", "cathedral", "hotel", "armouries", "centre", "center", "trust",
	"institute", "auditorium", "hall", "clinic")

var weekdays = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
	"tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")

// personAround reports whether the words of lt in [from, to) speak of a
// person: a pronoun, a word for a patient or a relative, a title.
func personAround(lt lineText, from, to int) bool {
	for k := max(0, from); k < min(to, len(lt.info)); k++ {
		w := lt.info[k]
		l := strings.ReplaceAll(strings.ToLower(strings.Trim(w.raw, `.,!?;:()"'`)), "’", "'")
		if personWords[l] || personNouns[w.lower] || kinWords[w.lower] || w.patientTitle || w.lower == "pt" || w.lower == "patient's" {
			return true
		}
	}
	return false
}

// wordAt returns the index of the word of lt holding byte offset p of
// lt.s, or len(lt.words) past the end.
func wordAt(lt lineText, p int) int {
	for i := range lt.starts {
		if p < lt.ends[i] {
			return i
		}
	}
	return len(lt.words)
}

// sentenceStart returns the first word of the sentence holding word k.
func sentenceStart(lt lineText, k int) int {
	for i := k - 1; i >= 0; i-- {
		r := strings.TrimRight(lt.words[i], `"')”’`)
		if strings.HasSuffix(r, ".") || strings.HasSuffix(r, "!") || strings.HasSuffix(r, "?") || r == "–" || r == "—" {
			if !lt.info[i].initial && !lt.info[i].patientTitle && !lt.info[i].staffTitle {
				return i + 1
			}
		}
	}
	return 0
}

// orgPhone reports a phone number at words [a, b] of a post that is the
// ward's or a service's: a non-geographic number (03, 08), or one a ward
// or service word comes shortly before with no person between them ("ring
// the ward on 0113 496 0000", but not "the ward to call her on").
func orgPhone(lt lineText, digits string, a int) bool {
	if strings.HasPrefix(digits, "03") || strings.HasPrefix(digits, "08") || strings.HasPrefix(digits, "443") || strings.HasPrefix(digits, "448") {
		return true
	}
	if strings.HasPrefix(digits, "07") || strings.HasPrefix(digits, "447") {
		return false
	}
	for k := a - 1; k >= 0 && k >= a-5; k-- {
		if orgPlaceWords[lt.info[k].lower] || lt.info[k].lower == "ext" {
			return !personAround(lt, k, a)
		}
		// "Please call 0113 243 3144 for details": asked to ring a
		// landline in a sentence about no one.
		if k == a-1 && callWords[lt.info[k].lower] {
			return !personAround(lt, sentenceStart(lt, a), len(lt.words))
		}
		if lt.info[k].clauseEnd && !strings.HasSuffix(lt.words[k], ":") {
			break
		}
	}
	return false
}

// orgMailbox reports whether an email address is a shared mailbox: every
// part of its local part a mailbox or ordinary word ("ward.manager"), or,
// at an NHS address, one mailbox word and no name ("leedsth-tr.ward7").
func orgMailbox(addr string) bool {
	local, domain, ok := strings.Cut(strings.ToLower(addr), "@")
	if !ok {
		return false
	}
	parts := strings.FieldsFunc(local, func(r rune) bool { return !(r >= 'a' && r <= 'z') })
	if len(parts) == 0 {
		return false
	}
	g := names()
	all, any, named := true, false, false
	for _, p := range parts {
		n := g.lookupKey(p)
		switch {
		case mailboxWords[p]:
			any = true
		case notNames[p] && !n.listed():
		default:
			all = false
		}
		if !mailboxWords[p] && len(p) >= 3 && (n.fore >= classCommon || n.sur >= classCommon) && !n.ambiguous() {
			named = true
		}
	}
	nhs := strings.HasSuffix(domain, "nhs.net") || strings.HasSuffix(domain, "nhs.uk") || strings.Contains(domain, ".nhs.")
	return any && (all || nhs && !named)
}

// eventSentence reports whether the sentence holding word k announces an
// event or names a place (a weekday, "conference", "book your place", a
// hospital or university) and no person.
func eventSentence(lt lineText, k int) bool { return eventSentenceExcept(lt, k, -1, -1) }

// eventSentenceExcept is eventSentence not counting words from..to, the
// finding's own ("14 Church Street" is no church).
func eventSentenceExcept(lt lineText, k, from, to int) bool {
	s := sentenceStart(lt, k)
	e := len(lt.words)
	for i := k; i < len(lt.words); i++ {
		if i > k && lt.info[i-1].clauseEnd && strings.ContainsAny(lt.words[i-1][len(lt.words[i-1])-1:], ".!?") {
			e = i
			break
		}
	}
	if personAround(lt, s, e) {
		return false
	}
	for i := s; i < e; i++ {
		if i >= from && i <= to {
			continue
		}
		w := lt.info[i]
		street := i+1 < len(lt.info) && streetWords[lt.info[i+1].lower] // "Church Street"
		if weekdays[w.lower] || eventWords[w.lower] || venueWords[w.lower] && w.capital && !street {
			return true
		}
	}
	return false
}
