package checks

import (
	"fmt"
	"regexp"
)

// Extra is a trust's own pattern from the config file, e.g. a local
// hospital-number format.
type Extra struct {
	id, reason string
	re         *regexp.Regexp
	conf       float64
}

var _ Check = (*Extra)(nil)

// NewExtra compiles a config pattern into a Check.
func NewExtra(p Pattern) (*Extra, error) {
	if !kebab.MatchString(p.ID) {
		return nil, fmt.Errorf("pattern id %q must be lower-case words joined by dashes, like %q", p.ID, "local-mrn")
	}
	re, err := regexp.Compile(p.Regex)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", p.ID, err)
	}
	conf := p.Confidence
	if conf <= 0 || conf > 1 {
		conf = 0.8
	}
	reason := p.Reason
	if reason == "" {
		reason = "Matches a pattern from your trust's settings"
	}
	return &Extra{id: p.ID, reason: reason, re: re, conf: conf}, nil
}

// ID implements Check.
func (e *Extra) ID() string { return e.id }

// Description implements Check.
func (e *Extra) Description() string { return e.reason }

// Find implements Check. The pattern runs on each line with its words
// joined by single spaces.
func (e *Extra) Find(doc Document) []Finding { return e.find(doc.Source, lines(doc)) }

func (e *Extra) find(src Source, lts []lineText) []Finding {
	var out []Finding
	for _, lt := range lts {
		for _, m := range e.re.FindAllStringIndex(lt.s, -1) {
			if m[1] > m[0] {
				out = append(out, lt.finding(e.id, e.reason, e.conf, m[0], m[1]))
			}
		}
	}
	return out
}
