package checks

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lineText is one line joined with single spaces, so regular expressions can
// match across words (OCR often splits "943 476 5919" into several words).
// Byte offsets of a match map back to the words it touches.
type lineText struct {
	idx    int      // line index in the Document
	src    Source   // where the document's text came from
	box    Box      // the line's pixel box; empty for typed text
	s      string   // words joined with single spaces
	digits string   // s with OCR look-alikes next to digits turned into digits; same length as s
	starts []int    // byte offset of each word in s
	ends   []int    // end offset of each word in s
	words  []string // the words' text
	// unsure marks words OCR read with low confidence (under 50); text
	// typed by a person is never unsure.
	unsure []bool
	// halfSure marks unsure words OCR still read with some confidence
	// (40 to 50): a long name on a sloped row often reads so.
	halfSure []bool

	// Computed once per line and shared by the checks.
	lower       string         // strings.ToLower(s), for cheap pre-checks before regexps
	windows     []numberWindow // numbers of 10 to 13 digits, for the number checks
	hasDigit    bool
	info        []wordInfo
	bedEnd      int // last word of a bed label, or -1
	bedExplicit bool
	patient     bool // see linePatientContext
}

func newLineText(idx int, l Line, src Source) lineText {
	lt := lineText{idx: idx, box: l.Box, src: src}
	var b strings.Builder
	for i, w := range l.Words {
		if i > 0 {
			b.WriteByte(' ')
		}
		// A word holding a space or newline would break the word mapping;
		// OCR never does this, but fuzzed input might.
		t := strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return '_'
			}
			return r
		}, w.Text)
		lt.starts = append(lt.starts, b.Len())
		b.WriteString(t)
		lt.ends = append(lt.ends, b.Len())
		lt.words = append(lt.words, t)
	}
	lt.s = b.String()
	lt.digits = digitise(lt.s)
	lt.digitiseWords()
	lt.lower = strings.ToLower(lt.s)
	lt.hasDigit = strings.ContainsAny(lt.digits, "0123456789")
	lt.info = classify(lt)
	if lt.hasDigit {
		lt.windows = numberWindows(lt, 10, 13)
	}
	lt.bedEnd, lt.bedExplicit = bedLabel(lt)
	lt.patient = linePatientContext(lt)
	return lt
}

// digitiseWords turns a word made only of look-alikes ("OOO") into digits
// when the words on both sides are numbers, as in "999 OOO 0077".
func (lt *lineText) digitiseWords() {
	d := []byte(lt.digits)
	numeric := func(i int) bool {
		if i < 0 || i >= len(lt.starts) {
			return false
		}
		w := d[lt.starts[i]:lt.ends[i]]
		return len(w) > 0 && strings.Trim(string(w), "0123456789") == ""
	}
	changed := false
	for i := range lt.starts {
		w := d[lt.starts[i]:lt.ends[i]]
		if len(w) < 2 || numeric(i) || !numeric(i-1) || !numeric(i+1) {
			continue
		}
		all := true
		for _, c := range w {
			if _, ok := lookAlikes[c]; !ok {
				all = false
			}
		}
		if all {
			for k, c := range w {
				w[k] = lookAlikes[c]
			}
			changed = true
		}
	}
	if changed {
		lt.digits = string(d)
	}
}

// guessConf is the OCR confidence under which a word is a guess: texture
// or an icon read as a character.
const guessConf = 10

// lines indexes every line of doc once per check.
func lines(doc Document) []lineText {
	out := make([]lineText, len(doc.Lines))
	for i, l := range doc.Lines {
		out[i] = newLineText(i, l, doc.Source)
		if doc.Source == SourceOCR {
			out[i].unsure = make([]bool, len(l.Words))
			out[i].halfSure = make([]bool, len(l.Words))
			for j, w := range l.Words {
				out[i].unsure[j] = w.Conf < 50
				out[i].halfSure[j] = w.Conf >= 40 && w.Conf < 50
			}
			// A bare number OCR all but guessed (an icon, a speck read as
			// "4") is no bed number.
			if lt := &out[i]; lt.bedEnd == 0 && !lt.bedExplicit && l.Words[0].Conf < guessConf {
				lt.bedEnd = -1
			}
		}
	}
	return out
}

// isUnsure reports whether OCR was unsure of word i.
func (lt lineText) isUnsure(i int) bool { return i < len(lt.unsure) && lt.unsure[i] }

// refs returns the words touched by the byte range [a, b) of lt.s.
func (lt lineText) refs(a, b int) []Ref {
	var out []Ref
	for i := range lt.starts {
		if lt.starts[i] < b && lt.ends[i] > a {
			out = append(out, Ref{lt.idx, i})
		}
	}
	return out
}

// finding builds a Finding for the byte range [a, b) of the line.
func (lt lineText) finding(id, reason string, conf float64, a, b int) Finding {
	return Finding{Check: id, Reason: reason, Confidence: clamp(conf), Words: lt.refs(a, b), Match: lt.s[a:b]}
}

// wordsFinding builds a Finding covering words [i, j] of the line.
func (lt lineText) wordsFinding(id, reason string, conf float64, i, j int) Finding {
	return lt.finding(id, reason, conf, lt.starts[i], lt.ends[j])
}

func clamp(c float64) float64 {
	return max(0, min(1, c))
}

// lookAlikes maps characters OCR confuses with digits.
var lookAlikes = map[byte]byte{'O': '0', 'o': '0', 'l': '1', 'I': '1', '|': '1', 'S': '5', 'B': '8'}

// digitise turns look-alike characters into digits when they touch a digit
// (or another look-alike that touches one), so "943 476 59l9" and "O113"
// read as numbers while words like "NHS" or "SOB" stay as they are.
func digitise(s string) string {
	b := []byte(s)
	for changed := true; changed; {
		changed = false
		for i, c := range b {
			d, ok := lookAlikes[c]
			if !ok {
				continue
			}
			if (i > 0 && isDigit(b[i-1])) || (i+1 < len(b) && isDigit(b[i+1])) {
				b[i] = d
				changed = true
			}
		}
	}
	return string(b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

func isAlnum(c byte) bool { return isDigit(c) || isLetter(c) }

// boundaryBefore reports whether position p of s starts a token: the start
// of s or a non-alphanumeric byte before it.
func boundaryBefore(s string, p int) bool { return p == 0 || !isAlnum(s[p-1]) }

// boundaryAfter reports whether position p of s ends a token.
func boundaryAfter(s string, p int) bool { return p >= len(s) || !isAlnum(s[p]) }

// clean strips punctuation around a word, keeping inner apostrophes and
// hyphens ("O'Neill", "Smith-Jones"), and drops a possessive "'s".
func clean(w string) string {
	w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, suf := range []string{"'s", "’s"} {
		if len(w) > len(suf)+1 && strings.HasSuffix(strings.ToLower(w), suf) {
			w = w[:len(w)-len(suf)]
		}
	}
	return w
}

// endsClause reports whether the raw word ends a clause, so names are not
// joined across "Thanks Amy! Smith ..." style breaks.
func endsClause(w string) bool {
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(w)
	return strings.ContainsRune(".,!?;:)", r)
}

// isCapitalised reports whether w starts with an upper-case letter followed by
// letters ("Okafor", "O'Neill", "KOWALCZYK").
func isCapitalised(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || len(w) < 2 {
		return false
	}
	for _, r := range w[size:] {
		if !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-' {
			return false
		}
	}
	return true
}

// isAllCaps reports whether w is two or more letters, all upper case.
func isAllCaps(w string) bool {
	n := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			n++
		case r == '\'' || r == '’' || r == '-':
		default:
			return false
		}
	}
	return n >= 2
}

// hasVowel separates names ("OKAFOR") from most acronyms ("NBM", "TTO" aside).
func hasVowel(w string) bool {
	return strings.ContainsAny(strings.ToLower(w), "aeiouy")
}

// has reports whether any word of lt (cleaned, lower case) is in set.
func (lt lineText) has(set map[string]bool) bool {
	for _, w := range lt.info {
		if set[w.lower] {
			return true
		}
	}
	return false
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[strings.ToLower(w)] = true
	}
	return m
}

// mentions reports whether the lower-cased line contains any of subs; it
// lets checks skip regular expressions on lines that cannot match.
func (lt lineText) mentions(subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(lt.lower, sub) {
			return true
		}
	}
	return false
}

// tenDigits returns the line's candidate numbers with exactly 10 digits.
func (lt lineText) tenDigits() []numberWindow {
	var out []numberWindow
	for _, w := range lt.windows {
		if len(w.digits) == 10 {
			out = append(out, w)
		}
	}
	return out
}
