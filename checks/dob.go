package checks

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"
)

// DateOfBirth finds full calendar dates (day, month and year). With DOB
// context they are dates of birth; on a whiteboard a bare full date is
// usually an admission or discharge date, which still helps identify a
// patient.
//
// A date that is plainly the date of the document or photo is not flagged
// unless DOB or patient context says otherwise: one after a label such as
// "Date:" or "Printed", one followed by a time of day (a timestamp on a
// label or screen), and one standing alone on its line away from patient
// details (the date at the top of a letter); in each case only if it is
// within two years of today. Newborns' dates of birth still count: they
// carry DOB context.
type DateOfBirth struct {
	// Now is today's date for the last rule; nil means time.Now.
	Now func() time.Time
}

var _ Check = (*DateOfBirth)(nil)

// ID implements Check.
func (*DateOfBirth) ID() string { return KindDateOfBirth }

// Description implements Check.
func (*DateOfBirth) Description() string {
	return "A full date (day, month and year), such as a date of birth"
}

// monthRE is a month's name or abbreviation in English and, as record
// systems and viewers print dates in their locale, in French, Spanish and
// German ("1 janv. 1901", "5 dic 1950", "3 Okt 1944").
const monthRE = `(jan(?:uary|uar|v(?:ier)?)?|feb(?:ruary|ruar|rero)?|f[ée]v(?:r(?:ier)?)?|mar(?:ch|s|zo)?|m[äa]rz|` +
	`apr(?:il)?|avr(?:il)?|abr(?:il)?|mayo?|mai|june?|junio?|juni|juin|july?|julio?|juli|juil(?:let)?|` +
	`aug(?:ust)?|ao[uû]t|ago(?:sto)?|sep(?:t(?:ember|embre|iembre)?)?|oct(?:ober|obre|ubre)?|okt(?:ober)?|` +
	`nov(?:ember|embre|iembre)?|d[ée]c(?:ember|embre)?|dez(?:ember)?|dic(?:iembre)?|ene(?:ro)?)\.?`

var (
	// 12/03/1948, 12.03.48, 12-03-1948, with OCR's stray spaces around the
	// separators. Run on the digitised line.
	numericDateRE = regexp.MustCompile(`(\d{1,2}) ?([/.\-]) ?(\d{1,2}) ?([/.\-]) ?(\d{4}|\d{2})`)
	// 2024-03-15, and as a date-time 2024-03-15T14:30Z.
	isoDateRE = regexp.MustCompile(`(\d{4})-(\d{1,2})-(\d{1,2})(?:T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+\-]\d{2}:?\d{2})?)?`)
	// misreadDateRE is a date OCR garbled: its first separator read as a
	// comma or a space, the second still a stop, slash or dash, the year
	// whole.
	misreadDateRE = regexp.MustCompile(`\b\d{1,2}(?:, ?| )\d{1,2} ?[/.\-] ?(?:19|20)\d\d\b`)
	// 12 Mar 1948, 12th March 1948, 12 March '48.
	dayMonthRE = regexp.MustCompile(`(?i)(\d{1,2})(?:st|nd|rd|th)? (?:of )?` + monthRE + `,? ('?\d{4}|'?\d{2})`)
	// 5-MAY-2021, 05/May/21, 5.Mar.1948: a month name between dashes,
	// slashes or stops, as systems print dates.
	dashedMonthRE = regexp.MustCompile(`(?i)(\d{1,2})[-/.]` + monthRE + `[-/.](\d{4}|\d{2})\b`)
	// Screens also set the dashes apart, "12 — Sept — 1997": then the year
	// has four digits, or "Week 1 - Mar - 12 Apr" would be a date.
	spacedMonthRE = regexp.MustCompile(`(?i)(\d{1,2}) [–—-] ` + monthRE + ` [–—-] (\d{4})\b`)
	// March 12, 1948; as typed or OCR'd forms print it, "MAR.24,1981"
	// and "MARCH 23,1981".
	monthDayRE = regexp.MustCompile(`(?i)` + monthRE + ` ?(\d{1,2})(?:st|nd|rd|th)?(?:, ?| )(\d{4})`)
)

var dobContext = setOf("dob", "d.o.b", "d.o.b.", "born", "b", "birth", "birthday", "d/o/b")

// Find implements Check.
func (c *DateOfBirth) Find(doc Document) []Finding { return c.find(doc.Source, lines(doc)) }

func (c *DateOfBirth) find(src Source, lts []lineText) []Finding {
	var out []Finding
	for _, lt := range lts {
		if !lt.hasDigit {
			continue
		}
		dob := lt.has(dobContext) || strings.Contains(strings.ToLower(lt.s), "date of birth")
		patient := !dob && lt.patient
		// add records the date in [a, b); on is the date it names, or the
		// zero time when its year has only two digits.
		add := func(a, b int, on time.Time, ok bool) {
			if !ok || !boundaryBefore(lt.digits, a) || !boundaryAfter(lt.digits, b) {
				return
			}
			switch {
			case dob:
				out = append(out, lt.finding(c.ID(), "Date of birth", 0.95, a, b))
			case patient:
				out = append(out, lt.finding(c.ID(), "A full date next to patient details", 0.85, a, b))
			case c.documentDate(lts, lt, a, b, on):
			case src == SourceText && c.eventDate(lt, a, on):
				out = append(out, lt.finding(c.ID(), "Looks like the date of an event (not a date of birth)", orgConf, a, b))
			default:
				out = append(out, lt.finding(c.ID(), "A full date, which can help identify a patient", 0.6, a, b))
			}
		}
		numeric := lt.mentions("/", ".", "-")
		var dated [][2]int // spans of real numeric dates
		for _, m := range findAll(numeric, numericDateRE, lt.digits) {
			s := func(k int) string { return lt.digits[m[2*k]:m[2*k+1]] }
			if s(2) != s(4) {
				continue // mixed separators: "1.5-10.30" is not a date
			}
			y := year(s(5))
			d1, d2 := atoi(s(1)), atoi(s(3))
			// The date it names, for documentDate: a two-digit year is
			// taken as this century's there.
			fy := y
			if len(s(5)) == 2 {
				fy = 2000 + atoi(s(5))
			}
			on := dateOf(fy, d2, d1)
			if on.IsZero() {
				on = dateOf(fy, d1, d2)
			}
			ok := validDate(y, d2, d1) || validDate(y, d1, d2)
			if ok {
				dated = append(dated, [2]int{m[0], m[1]})
			}
			add(m[0], m[1], on, ok)
		}
		// A date OCR misread ("09.26.1942" as "98, 26.1942"): two short
		// numbers then a four-digit year, whatever the day and month
		// came out as, where no real date was read. Typed text means
		// what it says. A year of the last two, without DOB context, is
		// more likely a number before a month ("Bay 3 12/2024").
		for _, m := range findAll(numeric && src == SourceOCR, misreadDateRE, lt.digits) {
			y := atoi(lt.digits[m[1]-4 : m[1]])
			if overlapsAny(dated, m[0], m[1]) || !dob && y >= c.today().Year()-2 {
				continue
			}
			add(m[0], m[1], time.Time{}, true)
		}
		for _, m := range findAll(lt.mentions("-"), isoDateRE, lt.digits) {
			s := func(k int) string { return lt.digits[m[2*k]:m[2*k+1]] }
			add(m[0], m[1], dateOf(atoi(s(1)), atoi(s(2)), atoi(s(3))), validDate(atoi(s(1)), atoi(s(2)), atoi(s(3))))
		}
		named := lt.mentions(monthHints...)
		for _, m := range findAll(named, dayMonthRE, lt.s) {
			s := func(k int) string { return lt.s[m[2*k]:m[2*k+1]] }
			// "12 March 20 beds" is not a date: two-digit years need an
			// apostrophe or DOB context.
			y := s(3)
			ok := len(strings.TrimPrefix(y, "'")) == 4 || strings.HasPrefix(y, "'") || dob
			var on time.Time
			if len(y) == 4 {
				on = dateOf(atoi(y), month(s(2)), atoi(s(1)))
			}
			add(m[0], m[1], on, ok && validDate(year(strings.TrimPrefix(y, "'")), month(s(2)), atoi(s(1))))
		}
		for _, m := range append(findAll(named, dashedMonthRE, lt.s), findAll(named, spacedMonthRE, lt.s)...) {
			s := func(k int) string { return lt.s[m[2*k]:m[2*k+1]] }
			y := year(s(3))
			var on time.Time
			if len(s(3)) == 4 {
				on = dateOf(y, month(s(2)), atoi(s(1)))
			}
			add(m[0], m[1], on, validDate(y, month(s(2)), atoi(s(1))))
		}
		for _, m := range findAll(named, monthDayRE, lt.s) {
			s := func(k int) string { return lt.s[m[2*k]:m[2*k+1]] }
			add(m[0], m[1], dateOf(atoi(s(3)), month(s(1)), atoi(s(2))), validDate(atoi(s(3)), month(s(1)), atoi(s(2))))
		}
	}
	return out
}

// eventBefore come before the date of an event in a post: "from 1 March
// 2026", "until", "on Sunday 14 September 2025".
var eventBefore = setOf("from", "until", "till", "til", "between", "starting", "starts", "start", "by", "deadline",
	"closes", "closing", "close", "closed", "opens", "opening", "open", "launches", "before", "to", "-", "–", "date",
	"available")

// eventDate reports whether the date at byte a of lt (on; zero when
// unknown) is an event's rather than a person's: a weekday or "from",
// "until" just before it, or a day still to come.
func (c *DateOfBirth) eventDate(lt lineText, a int, on time.Time) bool {
	if !on.IsZero() && on.After(c.today().AddDate(0, 0, 1)) {
		return true
	}
	k := wordAt(lt, a)
	if eventSentence(lt, k) {
		return true // "Our Nursing Conference is on 14 May 2026"
	}
	for i := k - 1; i >= 0 && i >= k-2; i-- {
		w := lt.info[i]
		if weekdays[w.lower] || eventBefore[w.lower] {
			return true
		}
		if w.clauseEnd && !weekdays[w.lower] {
			break
		}
	}
	return false
}

// documentLabels come before the date of a document, a print-out or a
// sample, not a person's date of birth.
var documentLabels = setOf("date", "dated", "printed", "today", "issued", "sent", "letter",
	"clinic", "appointment", "collected", "received", "reported", "requested", "typed", "dictated")

// versionLabels come before the date of a document's version, whatever
// its year ("Revised 01-01-2022"): no one's date of birth follows them.
var versionLabels = setOf("revised", "updated", "effective", "amended", "modified", "published", "reviewed", "version",
	"rev", "copyright")

// timeOfDayRE is a time such as 08:40 or 8.40pm right after a date (and
// not the start of another date, as in "12.03.1948 14.11.2025").
var timeOfDayRE = regexp.MustCompile(`^,? ?(?:at )?[0-2]?\d[:.][0-5]\d(?:$|[^\d./\-])`)

// documentDate reports a date in [a, b) of lt that dates the document or
// the photo rather than a person (see DateOfBirth): only a date within
// two years of today (on; zero when unknown) can be one, and then only after a document label, before a time of day, or
// alone on its line with no patient details on the lines either side
// (above or below it on the page, in a photo).
func (c *DateOfBirth) documentDate(lts []lineText, lt lineText, a, b int, on time.Time) bool {
	before := strings.Fields(strings.ToLower(lt.s[:a]))
	if n := len(before); n > 0 && versionLabels[clean(before[n-1])] {
		return true
	}
	if t := c.today(); on.IsZero() || on.Before(t.AddDate(-2, 0, 0)) || on.After(t.AddDate(2, 0, 0)) {
		return false
	}
	if timeOfDayRE.MatchString(lt.digits[b:]) {
		return true
	}
	if n := len(before); n > 0 && documentLabels[clean(before[n-1])] {
		return true
	}
	if strings.Trim(lt.s[:a], " ,.:;-") != "" || strings.Trim(lt.s[b:], " ,.:;-") != "" {
		return false
	}
	for _, i := range []int{lt.idx - 1, lt.idx + 1} {
		if i >= 0 && i < len(lts) && (lts[i].patient || lts[i].bedEnd >= 0) && sideBySide(lt.box, lts[i].box) {
			return false
		}
	}
	return true
}

// sideBySide reports whether two lines could belong together: they
// overlap horizontally, or one of them has no box (typed text, where the
// lines either side are simply the lines before and after). A letter's
// date at the right margin is not beside the address at the left.
func sideBySide(a, b Box) bool {
	if a.Empty() || b.Empty() {
		return true
	}
	return a.X0 < b.X1 && b.X0 < a.X1
}

// today is c.Now(), or time.Now() when Now is nil.
func (c *DateOfBirth) today() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// overlapsAny reports whether [a, b) overlaps any of the spans.
func overlapsAny(spans [][2]int, a, b int) bool {
	for _, sp := range spans {
		if a < sp[1] && sp[0] < b {
			return true
		}
	}
	return false
}

// dateOf is the date d/m/y, or the zero time if there is no such day.
func dateOf(y, m, d int) time.Time {
	if !validDate(y, m, d) {
		return time.Time{}
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// year reads a 2- or 4-digit year; 2-digit years are taken as 19xx, which is
// fine for checking that a day exists in a month.
func year(s string) int {
	y := atoi(s)
	if len(s) == 2 && y >= 0 {
		return 1900 + y
	}
	return y
}

func month(s string) int {
	s = foldName(strings.TrimRight(s, "."))
	for i, m := range monthPrefixes {
		if strings.HasPrefix(s, m) {
			return i + 1
		}
	}
	for p, m := range foreignMonths {
		if strings.HasPrefix(s, p) {
			return m
		}
	}
	return 0
}

// monthHints are what a line naming a month holds, in lower case.
var monthHints = append([]string{"fév", "aoû"}, append(monthPrefixes, slices.Collect(maps.Keys(foreignMonths))...)...)

// foreignMonths are the French, Spanish and German months whose names
// start otherwise than the English ones.
var foreignMonths = map[string]int{"ene": 1, "fev": 2, "avr": 4, "abr": 4, "mai": 5, "juin": 6, "juil": 7,
	"aou": 8, "ago": 8, "okt": 10, "dez": 12, "dic": 12}

// validDate reports whether d/m/y is a real calendar date between 1880 and
// 2099.
func validDate(y, m, d int) bool {
	if y < 1880 || y > 2099 || m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && int(t.Month()) == m
}

var monthPrefixes = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// findAll runs re only when a cheap pre-check passed.
func findAll(ok bool, re *regexp.Regexp, s string) [][]int {
	if !ok {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}
