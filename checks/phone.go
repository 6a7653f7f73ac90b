package checks

import "strings"

// Phone finds UK phone numbers (07700 900123, 0113 496 0000,
// +44 7700 900123, (0113) 4960000) and North American ones written with
// separators ((212) 555-1234, 202-555-0121).
type Phone struct{}

var _ Check = (*Phone)(nil)

// ID implements Check.
func (*Phone) ID() string { return KindPhone }

// Description implements Check.
func (*Phone) Description() string { return "A phone number, such as 07700 900123" }

// Find implements Check.
func (c *Phone) Find(doc Document) []Finding { return c.find(doc.Source, lines(doc)) }

func (c *Phone) find(src Source, lts []lineText) []Finding {
	var out []Finding
	for _, lt := range lts {
		for _, w := range lt.windows {
			if !w.wholeToken(lt) {
				continue
			}
			conf, reason := phoneKind(w)
			if conf == 0 {
				continue
			}
			a := w.a
			if w.groups[0].plus || w.groups[0].paren {
				a-- // include the "+" or "(" so the whole number is redacted
			}
			b := w.b
			if b < len(lt.s) && lt.s[b] == ')' {
				b++
			}
			conf -= w.misreadPenalty()
			if src == SourceText && orgPhone(lt, w.digits, wordAt(lt, a)) {
				conf, reason = orgConf, "Looks like a ward's or service's phone number (not patient information)"
			}
			out = append(out, lt.finding(c.ID(), reason, conf, a, b))
		}
	}
	return out
}

// phoneKind classifies a digit window as a UK or North American phone
// number, returning confidence 0 when it is neither.
func phoneKind(w numberWindow) (float64, string) {
	d := w.digits
	first := w.groups[0]
	switch {
	case first.plus && strings.HasPrefix(d, "44"):
		d = strings.TrimPrefix(d[2:], "0") // +44 (0)113 ...
		if len(d) == 10 && d[0] != '0' {
			return 0.85, "Looks like a UK phone number"
		}
	case len(d) == 11 && d[0] == '0' && d[1] != '0':
		if d[1] == '7' {
			return 0.85, "Looks like a UK mobile phone number"
		}
		return 0.8, "Looks like a UK phone number"
	case first.plus && d[0] == '1' && len(d) == 11 && usShape(w.groups[1:]):
		return 0.75, "Looks like a phone number"
	case len(d) == 10 && d[0] >= '2' && usShape(w.groups):
		return 0.7, "Looks like a phone number"
	}
	return 0, ""
}

// usShape reports whether groups read 3-3-4 with the area code in brackets
// or dashes/dots between, as in (212) 555-1234 or 202-555-0121. Bare
// "212 555 1234" is left alone: it is as likely a reference number.
func usShape(gs []digitGroup) bool {
	if len(gs) != 3 || gs[0].b-gs[0].a != 3 || gs[1].b-gs[1].a != 3 || gs[2].b-gs[2].a != 4 {
		return false
	}
	if gs[0].paren {
		return true
	}
	s1, s2 := strings.TrimSpace(gs[1].sep), strings.TrimSpace(gs[2].sep)
	return s1 != "" && s1 == s2
}
