package post

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Suggestion is a rewrite of part of a post that removes a flagged span.
type Suggestion struct {
	// Start and End are the byte span of the text replaced, End exclusive.
	// It holds the finding and may be wider: "to Doris in bay 3".
	Start, End int
	// Text is what goes in its place, e.g. "one of our patients"; "" removes
	// the span.
	Text string
}

// Suggest returns the obvious rewrite of the post text that removes the
// finding at text[start:end] (byte offsets, as checks.Finding.Span gives
// them; punctuation at the ends is ignored), given the finding's kinds
// (checks.Kind* IDs). It returns ok=false when no rewrite is obvious or the
// text is not UTF-8, and never a rewrite that keeps the finding's text or
// leaves a double space or a space before punctuation at its seams.
func Suggest(text string, start, end int, kinds []string) (Suggestion, bool) {
	s, _, ok := suggest(text, start, end, kinds)
	return s, ok
}

// Apply returns text with the suggestion made; a span outside the text
// leaves it unchanged.
func Apply(text string, s Suggestion) string {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return text
	}
	return text[:s.Start] + s.Text + text[s.End:]
}

// suggest is Suggest, also naming the rule that gave the suggestion.
func suggest(text string, start, end int, kinds []string) (Suggestion, string, bool) {
	// Text that is not UTF-8 has no rune boundaries to keep to.
	if start < 0 || end > len(text) || start >= end || !runeStart(text, start) || !runeStart(text, end) || !utf8.ValidString(text) {
		return Suggestion{}, "", false
	}
	a, b := trimFinding(text, start, end)
	if a >= b {
		return Suggestion{}, "", false
	}
	finding := text[a:b]
	for _, r := range suggestRules {
		if !r.appliesTo(kinds) || r.finding != nil && !r.finding.MatchString(finding) {
			continue
		}
		mb := r.before.FindStringSubmatchIndex(text[:a])
		if mb == nil {
			continue
		}
		ma := r.after.FindStringSubmatchIndex(text[b:])
		if ma == nil {
			continue
		}
		if r.veto {
			return Suggestion{}, r.id, false
		}
		s := Suggestion{Start: mb[2*r.before.SubexpIndex("x")], End: b + ma[2*r.after.SubexpIndex("x")+1], Text: r.text}
		// "Doris’s" keeps its curly apostrophe: "a patient’s".
		if span := text[s.Start:s.End]; strings.Contains(span, "’") && !strings.Contains(span, "'") {
			s.Text = strings.ReplaceAll(s.Text, "'", "’")
		}
		s, ok := tidy(text, s)
		if ok && s.Start <= a && s.End >= b && safe(text, finding, s) {
			return s, r.id, true
		}
	}
	return Suggestion{}, "", false
}

func runeStart(text string, i int) bool {
	return i == len(text) || utf8.RuneStart(text[i])
}

// trimFinding narrows a finding's span to its words: "(bed 3)," is "bed 3"
// and "Doris's" is "Doris", whose 's the rules see after it.
func trimFinding(text string, a, b int) (int, int) {
	const space = " \t\r\n\u00a0"
	t := strings.TrimRight(text[a:b], trailing+space)
	b = a + len(t)
	t = strings.TrimLeft(t, leading+space)
	a = b - len(t)
	for _, s := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(t, s) && len(t) > len(s) {
			b -= len(s)
			break
		}
	}
	return a, b
}

// tidy fixes the seams of a suggestion: one space between words, none
// before punctuation, no doubled comma, and a capital at the start of a
// sentence. It returns ok=false when the seams cannot be made clean.
func tidy(text string, s Suggestion) (Suggestion, bool) {
	left, right := text[:s.Start], text[s.End:]
	if s.Text == "" {
		ls := len(left) - len(strings.TrimRight(left, " \t\u00a0"))
		rs := len(right) - len(strings.TrimLeft(right, " \t\u00a0"))
		switch {
		case ls > 0 && (rs > 0 || right == "" || startsClosing(right)):
			s.Start -= ls
		case rs > 0 && strings.TrimSpace(left) == "":
			s.End += rs
		case ls == 0 && rs == 0 && endsWord(left) && startsWord(right):
			s.Text = " "
		}
		left, right = text[:s.Start], text[s.End:]
		if strings.HasSuffix(left, ",") && (strings.HasPrefix(right, ",") || startsClosing(right)) {
			s.Start--
			left = text[:s.Start]
		}
		if s.Text == "" && sentenceStart(left) {
			if r, n := utf8.DecodeRuneInString(right); unicode.IsLower(r) {
				s.End += n
				s.Text = string(unicode.ToUpper(r))
			}
		}
		return s, true
	}
	if sentenceStart(left) {
		r, n := utf8.DecodeRuneInString(s.Text)
		s.Text = string(unicode.ToUpper(r)) + s.Text[n:]
	}
	return s, true
}

// startsClosing reports whether s starts with punctuation that closes
// what comes before it, and so takes no space before it.
func startsClosing(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(".,!?;:)]}…", r)
}

func endsWord(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// sentenceStart reports whether what follows left starts a sentence: left
// is blank, or ends a sentence, a line or an emoji.
func sentenceStart(left string) bool {
	t := strings.TrimRight(left, " \t\u00a0")
	if t == "" || strings.HasSuffix(t, "\n") || strings.HasSuffix(t, "\r") {
		return true
	}
	t = strings.TrimRight(t, "'\"”’)")
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?…", r) || unicode.Is(unicode.So, r) || r == '\ufe0f' || r == '\u200d'
}

// Seams a rewrite must not add.
var badSeams = []string{"  ", " ,", " .", " !", " ?", " ;", " :", ",,", ",.", ",!", ",?", "()", "( ", " )", ", )"}

// safe reports whether making s keeps none of the finding and adds no bad
// seam.
func safe(text, finding string, s Suggestion) bool {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return false
	}
	if strings.Contains(strings.ToLower(s.Text), strings.ToLower(finding)) {
		return false
	}
	out := Apply(text, s)
	if strings.Count(out, finding) >= strings.Count(text, finding) {
		return false
	}
	for _, p := range badSeams {
		if strings.Count(out, p) > strings.Count(text, p) {
			return false
		}
	}
	return true
}

//go:embed suggest.tsv
var suggestTSV []byte

// suggestRules are the bundled rules, in file order.
var suggestRules = func() []suggestRule {
	rs, err := parseSuggestRules("suggest.tsv", suggestTSV)
	if err != nil {
		// The bundled file is tested.
		panic(err)
	}
	return rs
}()

// suggestRule is one line of suggest.tsv, compiled.
type suggestRule struct {
	id      string
	kinds   []string
	before  *regexp.Regexp // matches the end of the text before the finding; group x starts the span
	after   *regexp.Regexp // matches the start of the text after it; group x ends the span
	finding *regexp.Regexp // the finding must match it in full; nil for any
	text    string
	veto    bool
}

func (r suggestRule) appliesTo(kinds []string) bool {
	for _, k := range kinds {
		for _, rk := range r.kinds {
			if k == rk {
				return true
			}
		}
	}
	return false
}

// macroRE matches {NAME}, and \p{L} or \x{FE0F} to leave alone.
var macroRE = regexp.MustCompile(`(\\[pPx])?\{([A-Z][A-Z0-9_]*)\}`)

// parseSuggestRules reads rules in the format suggest.tsv describes; name
// is used in error messages.
func parseSuggestRules(name string, data []byte) ([]suggestRule, error) {
	var out []suggestRule
	macros := map[string]string{}
	seen := map[string]bool{}
	expand := func(n int, s string) (string, error) {
		var err error
		s = macroRE.ReplaceAllStringFunc(s, func(m string) string {
			if m[0] == '\\' {
				return m
			}
			v, ok := macros[m[1:len(m)-1]]
			if !ok && err == nil {
				err = fmt.Errorf("%s line %d: %s is not defined above", name, n, m)
			}
			return v
		})
		return s, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if strings.HasPrefix(line, "@") {
			if len(cols) != 2 {
				return nil, fmt.Errorf("%s line %d: want @NAME<TAB>regexp", name, n)
			}
			v, err := expand(n, cols[1])
			if err != nil {
				return nil, err
			}
			macros[cols[0][1:]] = "(?:" + v + ")"
			continue
		}
		if len(cols) != 4 {
			return nil, fmt.Errorf("%s line %d: want id<TAB>kinds<TAB>pattern<TAB>replacement, got %d columns", name, n, len(cols))
		}
		id := cols[0]
		if seen[id] {
			return nil, fmt.Errorf("%s line %d: rule %q is listed twice", name, n, id)
		}
		seen[id] = true
		pat, err := expand(n, cols[2])
		if err != nil {
			return nil, err
		}
		r, err := compileSuggestRule(pat)
		if err != nil {
			return nil, fmt.Errorf("%s line %d (%s): %w", name, n, id, err)
		}
		r.id = id
		r.kinds = strings.Split(cols[1], ",")
		switch cols[3] {
		case "-":
		case "?":
			r.veto = true
		case "":
			return nil, fmt.Errorf("%s line %d (%s): the replacement is empty; write - to remove the span", name, n, id)
		default:
			r.text = cols[3]
		}
		out = append(out, r)
	}
	return out, sc.Err()
}

// compileSuggestRule splits a pattern at its finding into the regexps for
// the text before and after it.
func compileSuggestRule(pat string) (suggestRule, error) {
	var r suggestRule
	i := strings.Index(pat, "{}")
	j := i + 2
	if k := strings.Index(pat, "{:"); k >= 0 && (i < 0 || k < i) {
		e := strings.IndexByte(pat[k:], '}')
		if e < 0 {
			return r, fmt.Errorf("{: is not closed")
		}
		re, err := regexp.Compile("(?i)^(?:" + spaces(pat[k+2:k+e]) + ")$")
		if err != nil {
			return r, err
		}
		r.finding = re
		i, j = k, k+e+1
	}
	if i < 0 {
		return r, fmt.Errorf("no {} for the finding")
	}
	left, right := pat[:i], pat[j:]
	if strings.Contains(right, "{}") || strings.Contains(right, "{:") {
		return r, fmt.Errorf("more than one {} for the finding")
	}
	if strings.Contains(left, "]]") || strings.Contains(right, "[[") ||
		strings.Count(left, "[[") > 1 || strings.Count(right, "]]") > 1 {
		return r, fmt.Errorf("[[ must come before the finding and ]] after it, once each")
	}
	pre, span, _ := cutLast(left, "[[")
	before := "(?i)(?:" + spaces(pre) + ")(?P<x>" + spaces(span) + ")$"
	span, post, _ := strings.Cut(right, "]]")
	if !strings.Contains(right, "]]") {
		span, post = "", right
	}
	after := "(?i)^(?P<x>" + spaces(span) + ")(?:" + spaces(post) + ")"
	var err error
	if r.before, err = regexp.Compile(before); err != nil {
		return r, err
	}
	if r.after, err = regexp.Compile(after); err != nil {
		return r, err
	}
	return r, nil
}

// cutLast is strings.Cut at the last sep; without sep everything is before.
func cutLast(s, sep string) (before, after string, found bool) {
	if k := strings.LastIndex(s, sep); k >= 0 {
		return s[:k], s[k+len(sep):], true
	}
	return s, "", false
}

// spaces turns each space of a pattern outside [...] into "one or more
// spaces", and " ?" or " *" into "any spaces".
func spaces(p string) string {
	const ws = `[\s\p{Zs}]`
	var b strings.Builder
	class := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			b.WriteByte(c)
			i++
			b.WriteByte(p[i])
			continue
		case class:
			if c == ']' {
				class = false
			}
		case c == '[':
			class = true
			// A ] first in a class is literal.
			if i+1 < len(p) && p[i+1] == '^' {
				b.WriteString("[^")
				i++
			} else {
				b.WriteByte('[')
			}
			if i+1 < len(p) && p[i+1] == ']' {
				b.WriteByte(']')
				i++
			}
			continue
		case c == ' ':
			if i+1 < len(p) && (p[i+1] == '?' || p[i+1] == '*') {
				b.WriteString(ws + "*")
				i++
			} else {
				b.WriteString(ws + "+")
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
