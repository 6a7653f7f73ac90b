package checks

// CHINumber finds Scottish Community Health Index numbers: 10 digits whose
// first six are the patient's date of birth (DDMMYY).
type CHINumber struct{}

var _ Check = (*CHINumber)(nil)

// ID implements Check.
func (*CHINumber) ID() string { return KindCHINumber }

// Description implements Check.
func (*CHINumber) Description() string {
	return "10-digit Scottish CHI number that starts with a date of birth"
}

var chiContext = setOf("chi")

// Find implements Check.
func (c *CHINumber) Find(doc Document) []Finding { return c.find(doc.Source, lines(doc)) }

func (c *CHINumber) find(src Source, lts []lineText) []Finding {
	var out []Finding
	for _, lt := range lts {
		for _, w := range lt.tenDigits() {
			d := w.digits
			yy, mm, dd := atoi(d[4:6]), atoi(d[2:4]), atoi(d[0:2])
			if !validDate(1900+yy, mm, dd) && !validDate(2000+yy, mm, dd) {
				continue
			}
			// Real CHI numbers also carry a Modulus 11 check digit; without
			// one the date alone is weaker evidence.
			conf := 0.55
			if mod11(d) {
				conf = 0.85
			}
			if lt.has(chiContext) {
				conf += 0.1
			}
			conf -= w.misreadPenalty()
			out = append(out, lt.finding(c.ID(), "10-digit number that starts with a date of birth, like a Scottish CHI number", conf, w.a, w.b))
		}
	}
	return out
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}
