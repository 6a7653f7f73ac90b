package checks

import "regexp"

// Email finds email addresses.
type Email struct{}

var _ Check = (*Email)(nil)

// ID implements Check.
func (*Email) ID() string { return "email" }

// Description implements Check.
func (*Email) Description() string { return "An email address" }

var emailRE = regexp.MustCompile(`(?i)[a-z0-9._%+\-']+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}`)

// Find implements Check.
func (c *Email) Find(doc Document) []Finding { return c.find(doc.Source, lines(doc)) }

func (c *Email) find(src Source, lts []lineText) []Finding {
	var out []Finding
	for _, lt := range lts {
		if !lt.mentions("@") {
			continue
		}
		for _, m := range emailRE.FindAllStringIndex(lt.s, -1) {
			out = append(out, lt.finding(c.ID(), "Looks like an email address", 0.9, m[0], m[1]))
		}
	}
	return out
}
