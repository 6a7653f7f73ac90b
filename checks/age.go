package checks

import (
	"regexp"
	"strings"
)

// Age finds a person's age written the way wards and posts write it: 84y,
// 84 yrs, 84 years old, aged 84, Age: 84, (84), 84M, 90th birthday.
type Age struct{}

var _ Check = (*Age)(nil)

// ID implements Check.
func (*Age) ID() string { return "age" }

// Description implements Check.
func (*Age) Description() string { return "A person's age, such as 84y or aged 84" }

type agePattern struct {
	re     *regexp.Regexp
	conf   float64
	minAge int
	span   int    // submatch reported as the finding; 0 is the whole match
	any    bool   // no need to check the words after ("90th birthday on the ward")
	hint   string // the line must contain this (lower case) for the pattern to match
	// durations: "after 40 years", "for 20 years" are lengths of time.
	durations bool
}

var agePatterns = []agePattern{
	{regexp.MustCompile(`(?i)(\d{1,3}) ?(?:-year-old|-yr-old| years? old|yrs? old|y/o|y\.o\.?|yo|yrs?|y)\b`), 0.8, 0, 0, false, "y", true},
	{regexp.MustCompile(`(?i)(\d{1,3}) (?:years|yrs)\b`), 0.5, 16, 0, false, "y", true},
	{regexp.MustCompile(`(?i)\b(?:aged|age) ?[:=-]? ?(\d{1,3})\b`), 0.85, 0, 0, false, "age", false},
	{regexp.MustCompile(`\((\d{2,3})\)`), 0.55, 16, 0, false, "(", false},
	{regexp.MustCompile(`\b(\d{2,3}) ?(M|F)\b`), 0.7, 16, 0, false, "", false},
	{regexp.MustCompile(`(?i)(\d{1,3})(?:st|nd|rd|th) birthday`), 0.8, 0, 0, true, "birthday", false},
	// "Happy 90th to Mrs Okafor": only the "90th" is the age.
	{regexp.MustCompile(`(?i)happy ((\d{2,3})(?:st|nd|rd|th))\b`), 0.7, 30, 1, false, "happy", false},
}

// notAge follows numbers that count service, days or staff, not a person's
// years of life.
var notAgeAfter = []string{"of service", "on the ward", "in post", "in the nhs", "of experience", "experience", "ago", "service", "working", "qualified", "nursing", "anniversary", "since", "in nursing", "here", "with us", "of ", "day", "days", "month", "week"}

// Find implements Check.
func (c *Age) Find(doc Document) []Finding { return c.find(doc.Source, lines(doc)) }

func (c *Age) find(src Source, lts []lineText) []Finding {
	var out []Finding
	for _, lt := range lts {
		if !lt.hasDigit {
			continue
		}
		patient := lt.patient
		for _, p := range agePatterns {
			for _, m := range findAll(lt.mentions(p.hint), p.re, lt.s) {
				if !boundaryBefore(lt.s, m[0]) || !boundaryAfter(lt.s, m[1]) {
					continue
				}
				num := 2
				if p.span > 0 {
					num = 2 * (p.span + 1)
				}
				n := atoi(strings.TrimRight(lt.s[m[num]:m[num+1]], "stndrh"))
				if n < p.minAge || n > 115 {
					continue
				}
				rest := strings.ToLower(strings.TrimLeft(lt.s[m[1]:], " "))
				if !p.any && hasAnyPrefix(rest, notAgeAfter) && !strings.HasPrefix(rest, "of age") {
					continue
				}
				if p.durations && hasAnySuffix(strings.ToLower(strings.TrimRight(lt.s[:m[0]], " ")), durationWords) {
					continue
				}
				conf := p.conf
				if patient {
					conf += 0.15
				}
				a, b := m[2*p.span], m[2*p.span+1]
				out = append(out, lt.finding(c.ID(), "Looks like a person's age", conf, a, b))
			}
		}
	}
	return out
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// durationWords come before a number of years that is a length of time.
var durationWords = []string{"after", "for", "over", "in", "than", "almost", "nearly", "past", "last", "of", "about", "around"}

func hasAnySuffix(s string, words []string) bool {
	for _, w := range words {
		if s == w || strings.HasSuffix(s, " "+w) {
			return true
		}
	}
	return false
}
