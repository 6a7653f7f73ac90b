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
func (*Age) ID() string { return KindAge }

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
	// typed patterns read post text only: the way people write ages in
	// sentences ("turns 103", "she's 94"), not on boards or labels.
	typed bool
}

var agePatterns = []agePattern{
	{regexp.MustCompile(`(?i)(\d{1,3}) ?(?:-year-old|-yr-old| years? old|yrs? old|y/o|y\.o\.?|yo|yrs?|y)\b`), 0.8, 0, 0, false, "y", true, false},
	{regexp.MustCompile(`(?i)(\d{1,3}) (?:years|yrs)\b`), 0.5, 16, 0, false, "y", true, false},
	{regexp.MustCompile(`(?i)\b(?:aged|age) ?[:=-]? ?(\d{1,3})\b`), 0.85, 0, 0, false, "age", false, false},
	{regexp.MustCompile(`\((\d{2,3})\)`), 0.55, 16, 0, false, "(", false, false},
	{regexp.MustCompile(`\b(\d{2,3}) ?(M|F)\b`), 0.7, 16, 0, false, "", false, false},
	{regexp.MustCompile(`(?i)(\d{1,3})(?:st|nd|rd|th) birthday`), 0.8, 0, 0, true, "birthday", false, false},
	// "Happy 90th to Mrs Okafor": only the "90th" is the age.
	{regexp.MustCompile(`(?i)happy ((\d{2,3})(?:st|nd|rd|th))\b`), 0.7, 30, 1, false, "happy", false, false},
	// In a post any birthday counts: "Happy 21st to Chloe".
	{regexp.MustCompile(`(?i)happy ((\d{1,3})(?:st|nd|rd|th))\b`), 0.7, 1, 1, false, "happy", false, true},
	// "Edna turns 103 today", "she's 94", "who is 97 today".
	{regexp.MustCompile(`(?i)\b(?:turns|turned|turning|(?:s?he|who)(?:'s|’s| is| was| turns| turned| turned)) ((\d{1,3}))\b`), 0.75, 1, 1, false, "", false, true},
	// "Gladys who, at 101, made her first video call".
	{regexp.MustCompile(`(?i)\bat ((\d{2,3})),`), 0.7, 40, 1, false, "at", false, true},
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
			if p.typed && src != SourceText {
				continue
			}
			for _, m := range findAll(lt.mentions(p.hint), p.re, lt.s) {
				if !boundaryBefore(lt.s, m[0]) || !boundaryAfter(lt.s, m[1]) && !p.typed {
					continue
				}
				before := strings.ToLower(lt.s[:m[0]])
				if notPersonAge(before, lt.s[m[1]:], src == SourceText) {
					continue
				}
				if p.hint == "(" && countInBrackets(lt.s[:m[0]]) {
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
				if src == SourceText && p.durations && (hasAnyPrefix(rest, servedAfter) ||
					hasAnySuffix(strings.ToLower(strings.TrimRight(lt.s[:m[0]], " ")), []string{"on", "celebrating", "marking"})) {
					continue // "Sister Jo on 30 years with the NHS"
				}
				conf := p.conf
				if patient {
					conf += 0.15
				}
				a, b := m[2*p.span], m[2*p.span+1]
				out = append(out, lt.finding(c.ID(), "Looks like a person's age", conf, a, b))
			}
		}
		if src == SourceText {
			out = append(out, c.besideName(lt)...)
		}
	}
	return out
}

// ageNumRE is a number a post puts after a name as an age: "71," in
// "Derek, 71,", "(88)" in "Ivy (88)".
var ageNumRE = regexp.MustCompile(`^(\(?)(\d{1,3})(\)?)[,.!;]?$`)

// besideName finds, in post text, an age written right after a name:
// "Derek, 71, has been with us", "Tony Okafor, 58, walked out", "little
// Alfie (6)". The name must be one the lists know or shaped like one, so
// "Ward 7, 12 beds" and "Leeds, 2024" are not ages.
func (c *Age) besideName(lt lineText) []Finding {
	ws := lt.info
	var hs []nameHint
	var out []Finding
	for i := 1; i < len(ws); i++ {
		m := ageNumRE.FindStringSubmatch(lt.words[i])
		if m == nil || ws[i-1].tag {
			continue
		}
		n := atoi(m[2])
		next := ""
		if i+1 < len(ws) {
			next = ws[i+1].lower
		}
		paren := m[1] == "(" && m[3] == ")"
		comma := strings.HasSuffix(lt.words[i-1], ",") && m[1] == "" && m[3] == "" &&
			(lt.words[i] != m[2] || (next == "years" || next == "yrs") && !served(lt, i+2) || i+1 == len(ws))
		if n > 115 || !paren && !comma || durationAfter[next] {
			continue
		}
		if hs == nil {
			hs = nameHints(ws)
		}
		// A first name, or a surname after a first name or title ("Tony
		// Okafor, 58"); a town is often a surname too ("Leeds, 24").
		fore := hs[i-1].n.fore >= classRare || hs[i-1].like
		if !given(ws, hs, i-1) || !fore && !(i >= 2 && (given(ws, hs, i-2) || ws[i-2].patientTitle || ws[i-2].initial)) {
			continue
		}
		a := lt.starts[i] + len(m[1])
		out = append(out, lt.finding(c.ID(), "Looks like a person's age, next to a name", 0.75, a, a+len(m[2])))
	}
	return out
}

// countInBrackets reports whether a number in brackets after before is a
// count of things, not an age: after an ordinary word, as a viewer or a
// report lists "Text (110)", "Section header (35)", "Results (58)"; after
// a name ("OKAFOR (84)", "little Alfie (6)") it is an age.
func countInBrackets(before string) bool {
	f := strings.Fields(before)
	if len(f) == 0 {
		return false
	}
	w := f[len(f)-1]
	if l := strings.ToLower(clean(w)); personNouns[l] || kinWords[l] || ageSubjects[l] {
		return false // "Female (84)", "my nan (92)"
	}
	n := names().lookupKey(foldName(clean(w)))
	return w == strings.ToLower(w) && isLetters(clean(w)) || EnglishWord(w) && max(n.fore, n.sur) < classCommon
}

// ageSubjects describe a person, besides personNouns and kinWords: a
// number in brackets after them is an age.
var ageSubjects = setOf("male", "female", "child", "infant", "twins", "client", "friend", "veteran")

// served reports whether the words from k on say the years before them
// were served, not lived: "40 years on Ward 3".
func served(lt lineText, k int) bool {
	return k < len(lt.words) && hasAnyPrefix(strings.ToLower(strings.Join(lt.words[k:], " ")), servedAfter)
}

// notPersonAge reports an age-like number that is not a person's: an
// average ("the average patient is 74 years old") or an organisation's
// ("Happy 78th birthday to the NHS"; in typed text, "the NHS turns 78").
func notPersonAge(before, after string, typed bool) bool {
	sentence := before
	if k := strings.LastIndexAny(before, ".!?"); k >= 0 {
		sentence = before[k+1:]
	}
	for _, w := range strings.Fields(sentence) {
		if averageWords[strings.Trim(w, ",;:()")] {
			return true
		}
	}
	// "78th birthday to the NHS", "Happy 10th to Ward 7", "Happy 1st
	// birthday to our Same Day Emergency Care unit": the organisation's
	// name may run over capitalised words before its word.
	a := strings.TrimLeft(after, " ")
	to := strings.HasPrefix(strings.ToLower(a), "birthday")
	if to {
		a = a[len("birthday"):]
	}
	a = strings.TrimLeft(a, " ,")
	if strings.HasPrefix(strings.ToLower(a), "to ") {
		to = true
		a = a[3:]
	}
	for _, p := range []string{"the ", "our ", "everyone at ", "all at "} {
		if strings.HasPrefix(strings.ToLower(a), p) {
			a = a[len(p):]
		}
	}
	run := 1 // words looked at: on a photo only the first
	if typed {
		run = 6
	}
	for i, f := range strings.Fields(a) {
		w := strings.Trim(f, ",.!?;:#")
		if !to || i >= run || orgWords[strings.ToLower(w)] {
			if to && i < run {
				return true
			}
			break
		}
		if !isCapitalised(w) && !isAllCaps(w) || strings.ContainsAny(f, ",.!?;:") {
			break
		}
	}
	if !typed {
		return false
	}
	// "the NHS turns 78", "Ward 7 turns 50", "Happy birthday Willow Ward,
	// 10 years old today": the subject is an organisation; but not "Mr
	// Smith on Ward 7, 84 years old".
	fs := strings.Fields(sentence)
	for k := len(fs) - 1; k >= 0 && k >= len(fs)-3; k-- {
		w := strings.TrimSuffix(strings.TrimSuffix(strings.Trim(fs[k], ",.!?;:#"), "'s"), "’s")
		if orgWords[w] {
			return k == 0 || !placePrepositions[strings.Trim(fs[k-1], ",")]
		}
	}
	return false
}

// placePrepositions put a person somewhere: "on Ward 7".
var placePrepositions = setOf("on", "in", "at", "from", "to", "onto", "into", "off")

// averageWords make a number a statistic, not a person's age.
var averageWords = setOf("average", "mean", "median", "typical", "typically", "averages")

// orgWords are organisations that have birthdays and anniversaries too.
var orgWords = setOf("nhs", "ward", "unit", "team", "hospital", "trust", "service", "department", "charity", "centre",
	"center", "clinic", "hospice", "practice", "surgery", "scheme", "league", "association", "society", "club",
	"foundation", "college", "school", "university", "company", "programme", "project", "building", "wing")

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// servedAfter follow a number of years served, in posts: "40 years on
// Ward 3", "28 years as a consultant", "30 years with the NHS".
var servedAfter = []string{"on ", "in ", "at ", "as ", "with the", "with our", "for the", "of "}

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
