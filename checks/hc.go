package checks

// HCNumber finds Northern Ireland Health and Care numbers: 10 digits in the
// range 320 000 0000 to 399 999 9999 with a Modulus 11 check digit.
type HCNumber struct{}

var _ Check = (*HCNumber)(nil)

// ID implements Check.
func (*HCNumber) ID() string { return KindHCNumber }

// Description implements Check.
func (*HCNumber) Description() string {
	return "10-digit Northern Ireland Health and Care number with a valid check digit"
}

var hcContext = setOf("h&c", "hcn", "hc")

// Find implements Check.
func (c *HCNumber) Find(doc Document) []Finding { return c.find(doc.Source, lines(doc)) }

func (c *HCNumber) find(src Source, lts []lineText) []Finding {
	var out []Finding
	for _, lt := range lts {
		for _, w := range lt.tenDigits() {
			if n := atoi(w.digits[:3]); n < 320 || n > 399 || !mod11(w.digits) {
				continue
			}
			conf := 0.85
			if lt.has(hcContext) {
				conf += 0.1
			}
			conf -= w.misreadPenalty()
			out = append(out, lt.finding(c.ID(), "10-digit Northern Ireland Health and Care number with a valid check digit", conf, w.a, w.b))
		}
	}
	return out
}
