package checks

import (
	"regexp"
	"strings"
)

// Postcode finds UK postcodes such as LS1 4AP or SW1A 1AA.
type Postcode struct{}

var _ Check = (*Postcode)(nil)

// ID implements Check.
func (*Postcode) ID() string { return KindPostcode }

// Description implements Check.
func (*Postcode) Description() string { return "A UK postcode, such as LS1 4AP" }

// The inward part is a digit and two letters; OCR may misread one of them
// (0/O, 1/I, 5/S, 8/B), so the pattern admits look-alikes and the code
// counts them.
var postcodeRE = regexp.MustCompile(`(?i)\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9OISLB][A-Z0-9]{2})\b`)

// Find implements Check.
func (c *Postcode) Find(doc Document) []Finding { return c.find(doc.Source, lines(doc)) }

func (c *Postcode) find(src Source, lts []lineText) []Finding {
	var out []Finding
	for _, lt := range lts {
		if !lt.hasDigit {
			continue
		}
		for _, m := range postcodeRE.FindAllStringSubmatchIndex(lt.s, -1) {
			inward := lt.s[m[4]:m[5]]
			fixes, ok := inwardFixes(strings.ToUpper(inward))
			outward := lt.s[m[2]:m[3]]
			area := strings.ToLower(outward[:strings.IndexAny(outward, "0123456789")])
			if !postcodeAreas[area] {
				continue
			}
			if !ok || fixes > 1 {
				continue
			}
			conf := 0.85
			upper := strings.ToUpper(lt.s[m[0]:m[1]]) == lt.s[m[0]:m[1]]
			if !upper {
				conf = 0.7 // "bs1 4ap" in typed text is less sure than "BS1 4AP"
			}
			if fixes > 0 {
				conf -= 0.15
			}
			if m[3] == m[4] && !upper {
				// "ab12cd" glued and lower case is more likely a code than
				// a postcode, except typed as a word of a post ("my
				// postcode is eh12ng").
				if src != SourceText || !wholeWord(lt, m[0], m[1]) {
					continue
				}
				conf = 0.6
			}
			reason := "Looks like a UK postcode (part of an address)"
			if src == SourceText && eventSentence(lt, wordAt(lt, m[0])) {
				conf, reason = orgConf, "Looks like the postcode of a venue or the hospital (not patient information)"
			}
			out = append(out, lt.finding(c.ID(), reason, conf, m[0], m[1]))
		}
		// The Post Office's own postcode (Girobank), which fits no area.
		for _, m := range findAll(lt.mentions("gir"), girRE, lt.s) {
			out = append(out, lt.finding(c.ID(), "Looks like a UK postcode (part of an address)", 0.7, m[0], m[1]))
		}
	}
	return out
}

var girRE = regexp.MustCompile(`(?i)\bGIR ?0AA\b`)

// wholeWord reports whether [a, b) of lt.s is a whole word, with at most
// punctuation after it, and no hashtag, mention or address.
func wholeWord(lt lineText, a, b int) bool {
	k := wordAt(lt, a)
	if k >= len(lt.words) || lt.starts[k] != a {
		return false
	}
	return strings.Trim(lt.s[b:lt.ends[k]], ".,;:!?)") == ""
}

// inwardFixes reports how many characters of an inward code ("4AP") had to
// be read as their look-alike to fit digit+letter+letter, and whether it
// fits at all. Inward letters never include C, I, K, M, O or V.
func inwardFixes(in string) (int, bool) {
	if len(in) != 3 {
		return 0, false
	}
	fixes := 0
	if !isDigit(in[0]) {
		if _, ok := lookAlikes[in[0]]; !ok {
			return 0, false
		}
		fixes++
	}
	for i := 1; i < 3; i++ {
		ch := in[i]
		if isDigit(ch) {
			l, ok := digitLetter[ch]
			if !ok {
				return 0, false
			}
			ch = l
			fixes++
		}
		if strings.IndexByte("CIKMOV", ch) >= 0 {
			return 0, false
		}
	}
	return fixes, true
}

// digitLetter maps digits OCR reads in place of inward-code letters.
var digitLetter = map[byte]byte{'5': 'S', '8': 'B', '2': 'Z', '6': 'G'}

// postcodeAreas are the letters that start every real UK postcode; checking
// them keeps "A1 2nd" or "XY1 2AB" from matching.
var postcodeAreas = setOf(strings.Fields(`AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE
DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN
LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA
TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE`)...)
