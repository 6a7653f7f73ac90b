package checks

import (
	"regexp"
	"strings"
	"unicode"
)

// LongNumber fails closed on identifiers whose shape matches no known
// scheme: a run of six or more digits, possibly mixed with letters,
// spaces, dots, dashes or slashes ("ABCD12345678", "009070568735",
// "NARH-36640 2", "039677847"), and the machine-readable lines of an
// identity document ("P<GBRSMITH<<JOHN<<<<"). A record, account, member or
// phone number identifies a person whatever its format; what is not one
// (a clock time, an amount of money, a measurement with its unit, a page
// number, a date) is left alone.
type LongNumber struct{}

var _ Check = (*LongNumber)(nil)

// ID implements Check.
func (*LongNumber) ID() string { return KindLongNumber }

// Description implements Check.
func (*LongNumber) Description() string {
	return "A long number can identify a patient: record, NHS or phone number"
}

const (
	reasonLongNumber = "A long number can identify a patient: record, NHS or phone number"
	reasonMRZ        = "Machine-readable line of an identity document (names and numbers)"
	// minIDDigits is the fewest digits in a run that makes it an identifier.
	minIDDigits = 6
	// minCodeDigits is the fewest digits in one word of letters and
	// digits that makes it an identifier ("10001NG", "AB12345").
	minCodeDigits = 5
	// confLongNumber is above the default threshold: a long number is
	// shown and blurred unless the trust allow-lists it.
	confLongNumber = 0.7
	confMRZ        = 0.9
)

var (
	// idPart is a word that can be part of an identifier: letters, digits
	// and the separators numbers are printed with, with an optional
	// label colon or # in front and a comma or full stop after.
	idPartRE = regexp.MustCompile(`^[#(]?[A-Za-z0-9][A-Za-z0-9./\-]*[).,;]?$`)
	// mrzRE is a machine-readable zone line, or a piece of one: filler
	// runs of "<" between letters and digits.
	mrzRE = regexp.MustCompile(`[A-Z0-9]<{2,}|<{3,}|^[A-Z0-9<]{20,}$`)
	// mrzPieceRE is a piece of one split by OCR: capitals and digits
	// with two or more "<" ("P<USAROSALEZ<", "<ALEJANDRO<").
	mrzPieceRE = regexp.MustCompile(`^[A-Z0-9<]{6,}$`)
	// Money: a currency sign, or a decimal amount with pence/cents.
	moneyRE = regexp.MustCompile(`^[£$€]|^\d{1,3}(?:[,.]\d{3})*[.,]\d{2}$|^\d+\.\d{2}$`)
	// Dates and times, which the date checks judge.
	dateWordRE = regexp.MustCompile(`^(?:\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}|\d{1,2}[./\-]?[A-Za-z]{3,9}[./\-]?\d{2,4}|\d{4}-\d{2}-\d{2}T[\d:.]+Z?|\d{1,2}:\d{2}(?::\d{2})?)$`)
)

// measureUnits follow a measurement: the number is a quantity, not an id.
// Single letters ("m", "g") are left out: after a number on a label they
// are more often a sex or a check letter.
var measureUnits = setOf("mg", "mcg", "ug", "kg", "ml", "mmol", "mmol/l", "mm", "cm", "km", "px",
	"kb", "mb", "gb", "tb", "hz", "khz", "mhz", "ghz", "kv", "mas", "mgy", "cgy", "gy", "msv", "bpm", "mmhg", "%",
	"units", "iu", "miles", "ft", "lb", "lbs", "dpi", "mp", "kcal", "cal", "steps", "pixels", "bytes")

// pageWords come before a page or line number.
var pageWords = setOf("page", "p", "pp", "line", "fig", "figure", "table", "section", "vol", "volume", "issue", "chapter")

// Find implements Check.
func (c *LongNumber) Find(doc Document) []Finding { return c.find(doc.Source, lines(doc)) }

func (c *LongNumber) find(_ Source, lts []lineText) []Finding {
	var out []Finding
	for _, lt := range lts {
		if !lt.hasDigit && !strings.Contains(lt.s, "<") {
			continue
		}
		ws := lt.words
		for i := 0; i < len(ws); i++ {
			if mrzRE.MatchString(ws[i]) || mrzPieceRE.MatchString(ws[i]) && strings.Count(ws[i], "<") >= 2 {
				out = append(out, lt.wordsFinding(c.ID(), reasonMRZ, confMRZ, i, i))
				continue
			}
			if !idPart(ws[i]) || countDigits(ws[i]) == 0 {
				continue
			}
			// Grow the run over id-like words from one with digits;
			// short letters-only words join only between parts with
			// digits ("123 AB 456"), never at the end.
			j, lastDigit := i, -1
			digits := 0
			for k := i; k < len(ws) && idPart(ws[k]); k++ {
				if n := countDigits(ws[k]); n > 0 {
					digits += n
					lastDigit = k
				} else if !idLetters(ws[k]) {
					break // a word ends the run
				}
				j = k
			}
			if lastDigit < 0 {
				continue
			}
			j = lastDigit
			if (digits >= minIDDigits || i == j && digits >= minCodeDigits && hasLetter(ws[i]) && !standardCode(ws[i])) && !notAnID(lt, i, j) {
				out = append(out, lt.wordsFinding(c.ID(), reasonLongNumber, confLongNumber, i, j))
			}
			i = j
		}
	}
	return out
}

// idLetters reports whether a word of letters alone can sit inside an
// identifier: a short code in capitals ("123 AB 456"), not a word or a
// month ("15 Apr 1990" is a date).
func idLetters(w string) bool {
	t := clean(w)
	if len(t) > 3 || !isAllCaps(t) {
		return false
	}
	for _, m := range monthPrefixes {
		if strings.EqualFold(t, m) {
			return false
		}
	}
	return true
}

// idPart reports whether w can be a piece of an identifier: not an
// amount, a date or a clock time, which end a run.
func idPart(w string) bool {
	return idPartRE.MatchString(w) && !moneyRE.MatchString(w) && !dateWordRE.MatchString(strings.Trim(w, "#().,;"))
}

// notAnID reports whether words i..j of the line are a measurement or a
// page number rather than an identifier.
func notAnID(lt lineText, i, j int) bool {
	ws := lt.words
	if j+1 < len(ws) && measureUnits[strings.ToLower(strings.Trim(ws[j+1], ".,;:()"))] {
		return true
	}
	// "250mg", "1200px" glued to their unit.
	last := strings.ToLower(strings.TrimRight(ws[j], ".,;)"))
	for u := range measureUnits {
		if n := len(last) - len(u); n > 0 && strings.HasSuffix(last, u) && countDigits(last[:n]) == n {
			return true
		}
	}
	if i > 0 && pageWords[strings.ToLower(strings.Trim(ws[i-1], ".,:;"))] {
		return true
	}
	// A decimal with many places is a measurement or a coordinate.
	if i == j && strings.Count(ws[i], ".") == 1 && !strings.ContainsAny(ws[i], "-/") && len(strings.SplitN(ws[i], ".", 2)[0]) <= 3 {
		return true
	}
	return false
}

// hasLetter reports whether w holds a letter.
func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// standardPrefixes start the number of a published standard ("ISO27001",
// "IEC62304", "BS7671"), which documents cite, not a person's identifier.
var standardPrefixes = []string{"iso", "iec", "bs", "en", "pas", "ieee", "din", "astm", "nist"}

// standardCode reports whether w is a standard's number.
func standardCode(w string) bool {
	l := strings.ToLower(strings.Trim(w, "().,;:"))
	for _, p := range standardPrefixes {
		if rest, ok := strings.CutPrefix(l, p); ok && rest != "" && countDigits(strings.TrimLeft(rest, " -/")) == len(strings.TrimLeft(rest, " -/")) {
			return true
		}
	}
	return false
}
