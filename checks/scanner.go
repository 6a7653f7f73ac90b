package checks

import (
	"fmt"
	"sort"
	"strings"
)

// Scanner runs every check over a Document and tidies the results: it drops
// allow-listed and low-confidence findings, removes duplicates and sorts
// by position. It is safe for concurrent use.
type Scanner struct {
	checks  []Check
	allow   allowList
	org     orgValues
	minConf float64
	fields  *Fields
}

// NewScanner builds a Scanner with the built-in checks plus cfg's extra
// patterns.
func NewScanner(cfg Config) (*Scanner, error) {
	s := &Scanner{checks: All(), allow: compileAllow(cfg.Allow), org: compileOrgValues(cfg.Allow), minConf: cfg.MinConfidence}
	if s.minConf <= 0 {
		s.minConf = DefaultMinConfidence
	}
	fields, err := DefaultFields().withExtra(cfg.FieldLabels)
	if err != nil {
		return nil, err
	}
	s.fields = fields
	ids := map[string]bool{}
	for _, c := range s.checks {
		ids[c.ID()] = true
	}
	for _, p := range cfg.Patterns {
		if ids[p.ID] {
			return nil, fmt.Errorf("pattern id %q is already used", p.ID)
		}
		e, err := NewExtra(p)
		if err != nil {
			return nil, err
		}
		ids[p.ID] = true
		s.checks = append(s.checks, e)
	}
	return s, nil
}

// Checks returns the checks the scanner runs.
func (s *Scanner) Checks() []Check { return append([]Check(nil), s.checks...) }

// Fields returns the lexicon of personal field labels: the bundled one
// plus the trust's own.
func (s *Scanner) Fields() *Fields { return s.fields }

// MinConfidence is the confidence below which findings are dropped.
func (s *Scanner) MinConfidence() float64 { return s.minConf }

// ScanErrorID is the check ID of the finding Scan reports when a check
// fails: the whole document is then treated as patient information.
const ScanErrorID = "scan-error"

// Scan returns the findings in doc, sorted by position.
func (s *Scanner) Scan(doc Document) []Finding {
	var all []Finding
	lts, ok := safeLines(doc)
	if !ok {
		return []Finding{wholeDocument(doc)}
	}
	for _, c := range s.checks {
		fs, ok := safeFind(c, doc, lts)
		if !ok {
			// Fail closed: a broken check must not let text through unchecked.
			return []Finding{wholeDocument(doc)}
		}
		all = append(all, fs...)
	}
	if doc.Source == SourceText {
		all = dropShapeless(all)
	}
	kept := all[:0]
	for _, f := range all {
		f.Source = doc.Source
		if f.Confidence < s.minConf || len(f.Words) == 0 || s.allowed(doc, f) {
			continue
		}
		kept = append(kept, f)
	}
	out := dedupe(kept)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Words[0], out[j].Words[0]
		if a != b {
			return a.Line < b.Line || a.Line == b.Line && a.Word < b.Word
		}
		return out[i].Check < out[j].Check
	})
	return out
}

// lineFinder is implemented by the built-in checks, so the scanner indexes
// a document's lines once rather than once per check.
type lineFinder interface {
	find(src Source, lts []lineText) []Finding
}

func safeLines(doc Document) (lts []lineText, ok bool) {
	defer func() {
		if recover() != nil {
			lts, ok = nil, false
		}
	}()
	return lines(doc), true
}

func safeFind(c Check, doc Document, lts []lineText) (fs []Finding, ok bool) {
	defer func() {
		if recover() != nil {
			fs, ok = nil, false
		}
	}()
	if lf, ok := c.(lineFinder); ok {
		return lf.find(doc.Source, lts), true
	}
	return c.Find(doc), true
}

func wholeDocument(doc Document) Finding {
	f := Finding{Check: ScanErrorID, Reason: "SafePost could not finish checking this; treat all of it as patient information", Confidence: 1, Source: doc.Source}
	for i, l := range doc.Lines {
		for j := range l.Words {
			f.Words = append(f.Words, Ref{i, j})
		}
	}
	return f
}

// shaped are the checks that read a number's shape; in typed text a number
// one of them has read (even as a ward's phone number or an event's date)
// is not also a number of no known shape.
var shaped = setOf(KindPhone, KindDateOfBirth, KindPostcode)

// dropShapeless drops long-number findings whose words all belong to a
// finding of a shaped check, whatever its confidence.
func dropShapeless(fs []Finding) []Finding {
	read := map[Ref]bool{}
	for _, f := range fs {
		if shaped[f.Check] {
			for _, r := range f.Words {
				read[r] = true
			}
		}
	}
	if len(read) == 0 {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if f.Check == KindLongNumber {
			all := true
			for _, r := range f.Words {
				all = all && read[r]
			}
			if all {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// allowed reports whether f is the trust's own phone number, postcode or
// mailbox, or every word of f is on the allow-list.
func (s *Scanner) allowed(doc Document, f Finding) bool {
	if len(s.org) > 0 {
		k := valueKey(f.Check, f.Match)
		if s.org[k] {
			return true
		}
		// A number of no known shape may have lost the phone number's
		// leading 0 or +44 ("+44 113 496 0000" read as "113 496 0000").
		if d, ok := strings.CutPrefix(k, "phone:"); ok && f.Check == KindLongNumber &&
			(s.org["phone:0"+d] || s.org["phone:0"+strings.TrimPrefix(d, "44")]) {
			return true
		}
	}
	if len(s.allow) == 0 {
		return false
	}
	for _, r := range f.Words {
		if !validRef(doc, r) || !s.allow[allowKey(doc.Lines[r.Line].Words[r.Word].Text)] {
			return false
		}
	}
	return true
}

// kinds groups checks that describe the same thing, so one number is not
// reported as NHS, CHI and phone at once.
var kinds = map[string]string{
	KindNHSNumber: "id", KindCHINumber: "id", KindHCNumber: "id", KindHospitalNumber: "id", KindPhone: "id",
	KindLongNumber: "id",
}

// specificity breaks confidence ties within a kind: an NHS number is a more
// useful answer than "a number that could be a phone number".
var specificity = map[string]int{KindNHSNumber: 4, KindCHINumber: 3, KindHCNumber: 3, KindHospitalNumber: 2, KindPhone: 0, KindLongNumber: -1}

func kind(id string) string {
	if k, ok := kinds[id]; ok {
		return k
	}
	return id
}

// dedupe keeps, of findings of one kind whose words overlap, the best one.
// Different kinds are kept: a patient-list row and the name inside it are
// both useful.
func dedupe(fs []Finding) []Finding {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		// A phone number never wins over another kind of number, and a
		// number of no known shape wins over none.
		if la, lb := a.Check == KindLongNumber, b.Check == KindLongNumber; la != lb {
			return lb
		}
		if pa, pb := a.Check == KindPhone, b.Check == KindPhone; pa != pb {
			return pb
		}
		if a.Confidence != b.Confidence {
			return a.Confidence > b.Confidence
		}
		if specificity[a.Check] != specificity[b.Check] {
			return specificity[a.Check] > specificity[b.Check]
		}
		return len(a.Words) > len(b.Words)
	})
	var out []Finding
	used := map[string]map[Ref]bool{}
	for _, f := range fs {
		k := kind(f.Check)
		if used[k] == nil {
			used[k] = map[Ref]bool{}
		}
		clash := false
		for _, r := range f.Words {
			if used[k][r] {
				clash = true
				break
			}
		}
		if clash {
			continue
		}
		for _, r := range f.Words {
			used[k][r] = true
		}
		out = append(out, f)
	}
	return out
}
