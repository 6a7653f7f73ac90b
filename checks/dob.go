package checks

import (
	"regexp"
	"strings"
	"time"
)

// DateOfBirth finds full calendar dates (day, month and year). With DOB
// context they are dates of birth; on a whiteboard a bare full date is
// usually an admission or discharge date, which still helps identify a
// patient.
type DateOfBirth struct{}

var _ Check = (*DateOfBirth)(nil)

// ID implements Check.
func (*DateOfBirth) ID() string { return "date-of-birth" }

// Description implements Check.
func (*DateOfBirth) Description() string {
	return "A full date (day, month and year), such as a date of birth"
}

const monthRE = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

var (
	// 12/03/1948, 12.03.48, 12-03-1948, with OCR's stray spaces around the
	// separators. Run on the digitised line.
	numericDateRE = regexp.MustCompile(`(\d{1,2}) ?([/.\-]) ?(\d{1,2}) ?([/.\-]) ?(\d{4}|\d{2})`)
	isoDateRE     = regexp.MustCompile(`(\d{4})-(\d{1,2})-(\d{1,2})`)
	// 12 Mar 1948, 12th March 1948, 12 March '48.
	dayMonthRE = regexp.MustCompile(`(?i)(\d{1,2})(?:st|nd|rd|th)? (?:of )?` + monthRE + `,? ('?\d{4}|'?\d{2})`)
	// March 12, 1948.
	monthDayRE = regexp.MustCompile(`(?i)` + monthRE + ` (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})`)
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
		add := func(a, b int, ok bool) {
			if !ok || !boundaryBefore(lt.digits, a) || !boundaryAfter(lt.digits, b) {
				return
			}
			switch {
			case dob:
				out = append(out, lt.finding(c.ID(), "Date of birth", 0.95, a, b))
			case patient:
				out = append(out, lt.finding(c.ID(), "A full date next to patient details", 0.85, a, b))
			default:
				out = append(out, lt.finding(c.ID(), "A full date, which can help identify a patient", 0.6, a, b))
			}
		}
		numeric := lt.mentions("/", ".", "-")
		for _, m := range findAll(numeric, numericDateRE, lt.digits) {
			s := func(k int) string { return lt.digits[m[2*k]:m[2*k+1]] }
			if s(2) != s(4) {
				continue // mixed separators: "1.5-10.30" is not a date
			}
			y := year(s(5))
			d1, d2 := atoi(s(1)), atoi(s(3))
			add(m[0], m[1], validDate(y, d2, d1) || validDate(y, d1, d2))
		}
		for _, m := range findAll(lt.mentions("-"), isoDateRE, lt.digits) {
			s := func(k int) string { return lt.digits[m[2*k]:m[2*k+1]] }
			add(m[0], m[1], validDate(atoi(s(1)), atoi(s(2)), atoi(s(3))))
		}
		named := lt.mentions(monthPrefixes...)
		for _, m := range findAll(named, dayMonthRE, lt.s) {
			s := func(k int) string { return lt.s[m[2*k]:m[2*k+1]] }
			// "12 March 20 beds" is not a date: two-digit years need an
			// apostrophe or DOB context.
			y := s(3)
			ok := len(strings.TrimPrefix(y, "'")) == 4 || strings.HasPrefix(y, "'") || dob
			add(m[0], m[1], ok && validDate(year(strings.TrimPrefix(y, "'")), month(s(2)), atoi(s(1))))
		}
		for _, m := range findAll(named, monthDayRE, lt.s) {
			s := func(k int) string { return lt.s[m[2*k]:m[2*k+1]] }
			add(m[0], m[1], validDate(atoi(s(3)), month(s(1)), atoi(s(2))))
		}
	}
	return out
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
	s = strings.ToLower(s)
	for i, m := range monthPrefixes {
		if strings.HasPrefix(s, m) {
			return i + 1
		}
	}
	return 0
}

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
