package checks

import (
	"regexp"
	"strings"
)

// HospitalNumber finds hospital (MRN, unit, K-) numbers: an id after a
// label such as "MRN" or "Hosp No", or a trust-style shape such as
// RTH1234567 or K123456 on its own.
type HospitalNumber struct{}

var _ Check = (*HospitalNumber)(nil)

// ID implements Check.
func (*HospitalNumber) ID() string { return KindHospitalNumber }

// Description implements Check.
func (*HospitalNumber) Description() string {
	return "A hospital number (MRN, unit number), such as RTH1234567"
}

var (
	// Label, optional punctuation, then an id with at least five digits,
	// allowing OCR's stray spaces inside it. A bare "ID" counts only with
	// a colon or #, as on an X-ray's burned-in label ("ID: 00642513"; OCR
	// often reads its I as 1 or l).
	hospLabelRE = regexp.MustCompile(`(?i)\b(?:mrn|hosp(?:ital)?\.? ?(?:no|num|number|#)|hosp#|unit ?(?:no|number)|k ?(?:no|number)|pas ?(?:no|number)|case ?(?:no|number)|patient ?(?:id|no|number)|crn|urn|rth ?no|[i1l]\.?d\.?(?: ?(?:no|number)\.?)? ?[:#])\.? ?[:#]? ?((?-i:[A-Z]{0,3}) ?[0-9OIlSB][0-9OIlSB \-]{3,14}[0-9OIlSB]|(?-i:[A-Z]{0,3})[0-9]{4,})`)
	// Trust-style shape: 1-3 capitals then 6-8 digits.
	hospShapeRE = regexp.MustCompile(`\b([A-Z]{1,3})([0-9]{6,8})\b`)
)

// Find implements Check.
func (c *HospitalNumber) Find(doc Document) []Finding { return c.find(doc.Source, lines(doc)) }

func (c *HospitalNumber) find(src Source, lts []lineText) []Finding {
	var out []Finding
	for _, lt := range lts {
		if !lt.hasDigit {
			continue
		}
		labelled := map[int]bool{}
		label := lt.mentions("mrn", "hosp", "unit", "no", "num", "pas", "case", "patient", "crn", "urn", "id", "1d", "ld", "i.d")
		for _, m := range findAll(label, hospLabelRE, lt.s) {
			id := lt.digits[m[2]:m[3]]
			if n := countDigits(id); n < 5 || n > 12 {
				continue
			}
			a, b := m[2], m[3]
			out = append(out, lt.finding(c.ID(), "Hospital number after a label such as MRN or Hosp No", 0.9, a, b))
			for p := a; p < b; p++ {
				labelled[p] = true
			}
		}
		for _, m := range findAll(capitalThenDigit(lt.digits), hospShapeRE, lt.digits) {
			if labelled[m[0]] || labelled[m[1]-1] {
				continue
			}
			// The letters come from the original text: a digitised "B" or
			// "S" in the prefix would not be capitals any more.
			prefix := lt.s[m[2]:m[3]]
			if strings.ToUpper(prefix) != prefix {
				continue
			}
			conf := 0.6
			if lt.patient {
				conf = 0.7
			}
			out = append(out, lt.finding(c.ID(), "Looks like a hospital number (letters then 6-8 digits)", conf, m[0], m[1]))
		}
	}
	return out
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n
}

// capitalThenDigit is a cheap pre-check for hospShapeRE.
func capitalThenDigit(s string) bool {
	for i := 1; i < len(s); i++ {
		if isDigit(s[i]) && s[i-1] >= 'A' && s[i-1] <= 'Z' {
			return true
		}
	}
	return false
}
