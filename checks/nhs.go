package checks

// NHSNumber finds 10-digit NHS numbers (England and Wales) with a valid
// Modulus 11 check digit, however the digits are spaced or misread by OCR.
type NHSNumber struct{}

var _ Check = (*NHSNumber)(nil)

// ID implements Check.
func (*NHSNumber) ID() string { return KindNHSNumber }

// Description implements Check.
func (*NHSNumber) Description() string {
	return "10-digit NHS number with a valid check digit"
}

var nhsContext = setOf("nhs", "nhs no", "nhsno", "nhs#", "number", "no")

// Find implements Check.
func (c *NHSNumber) Find(doc Document) []Finding { return c.find(doc.Source, lines(doc)) }

func (c *NHSNumber) find(src Source, lts []lineText) []Finding {
	var out []Finding
	for _, lt := range lts {
		for _, w := range lt.tenDigits() {
			if !mod11(w.digits) {
				continue
			}
			conf := 0.9
			// Numbers issued in England and Wales start 4, 6 or 7; 999 is the
			// test range. Others are more likely CHI or H&C numbers.
			switch w.digits[0] {
			case '4', '6', '7', '9':
			default:
				conf = 0.7
			}
			if g := w.grouping(); g != "3-3-4" && g != "10" {
				conf -= 0.05
			}
			conf -= w.misreadPenalty()
			if lt.has(nhsContext) {
				conf += 0.08
			}
			out = append(out, lt.finding(c.ID(), "10-digit number with a valid NHS check digit", conf, w.a, w.b))
		}
	}
	return out
}
