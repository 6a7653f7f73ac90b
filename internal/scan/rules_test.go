package scan

import (
	"regexp"
	"slices"
	"testing"

	"safepost/checks"
	"safepost/internal/ocr"
)

var kebab = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// registeredKind reports whether a region kind is in the kinds registry
// (assets/kinds.tsv).
func registeredKind(k string) bool {
	_, ok := checks.Kind(k)
	return ok
}

// Every layout rule has a unique kebab-case name, a doc line and
// registered kinds.
func TestRules(t *testing.T) {
	names := map[string]bool{}
	for _, r := range Rules() {
		if names[r.Name] || !kebab.MatchString(r.Name) {
			t.Errorf("rule name %q is taken or not kebab-case", r.Name)
		}
		names[r.Name] = true
		if r.Doc == "" || r.cover == nil || len(r.Kinds) == 0 {
			t.Errorf("rule %q needs a doc line, kinds and a function", r.Name)
		}
		for _, k := range r.Kinds {
			if !registeredKind(k) {
				t.Errorf("rule %q emits %q, which is not in assets/kinds.tsv", r.Name, k)
			}
		}
	}
}

// testPages are every test page of the package: each rule's cases and
// FuzzAnalyse's seeds.
func testPages() []*ocr.Page {
	var pages []*ocr.Page
	for _, cases := range [][]analyseCase{analyseCases, contextCases, unreadCases, addressCases, listCases} {
		for _, tt := range cases {
			pages = append(pages, tt.page())
		}
	}
	for _, s := range fuzzSeeds {
		p, _ := fuzzPage(s.text, s.h, s.wide, s.slope)
		pages = append(pages, p)
	}
	return pages
}

// Every kind of region Analyse builds over the test pages is registered,
// and each rule emits only the kinds it lists.
func TestRegionKindsRegistered(t *testing.T) {
	cs := newChecks(t)
	seen := map[string]bool{}
	for _, page := range testPages() {
		res := Analyse(cs, page, analyseBounds)
		for _, r := range res.Regions {
			for _, k := range r.Kinds {
				seen[k] = true
				if !registeredKind(k) {
					t.Errorf("region %v has kind %q, which is not in assets/kinds.tsv", r.Box, k)
				}
			}
		}
		f := findIn(cs, Document(page), &Result{})
		for _, rule := range Rules() {
			for _, r := range rule.cover(f) {
				for _, k := range r.Kinds {
					seen[k] = true
					if !slices.Contains(rule.Kinds, k) {
						t.Errorf("rule %q emits %q, which it does not list", rule.Name, k)
					}
				}
			}
		}
	}
	// The pages exercise every kind a rule lists.
	for _, rule := range Rules() {
		for _, k := range rule.Kinds {
			if !seen[k] {
				t.Errorf("no test page has a region of kind %q (rule %q)", k, rule.Name)
			}
		}
	}
}
