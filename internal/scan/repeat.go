package scan

import (
	"image"
	"maps"
	"slices"
	"strings"
	"unicode"

	"safepost/checks"
)

// The same-value rule: a patient's name or number found once on a page
// is covered wherever else the page shows it. A record viewer prints the
// patient's name in its tab, title bar and overlay, a form repeats the
// surname in its heading, and the checks often recognise it by its
// context (a label, a title) only once.

// Tuning of the same-value rule.
const (
	// repeatConf is the confidence of a repeated value's region.
	repeatConf = 0.7
	// seedConf is the confidence a region needs to seed the rule.
	seedConf = 0.5
	// seedInside is how much of a word's box must lie inside a region
	// for the word to be part of the region's value.
	seedInside = 0.6
	// anchorLetters is the fewest letters a word of a name needs to be
	// looked for elsewhere: shorter words repeat by chance.
	anchorLetters = 4
	// anchorDigits is the fewest digits a number needs; a code of
	// letters and digits ("SBI2007", "10001NG") needs anchorCodeDigits
	// digits and anchorCodeLetters letters.
	anchorDigits      = 6
	anchorCodeDigits  = 3
	anchorCodeLetters = 2
	// fuzzyLetters is the fewest letters a word needs to match a value's
	// word one letter apart.
	fuzzyLetters = 6
)

// seedKinds are the kinds of region whose words are a patient's own value
// rather than the text around it.
var seedKinds = map[string]bool{checks.KindPersonName: true, checks.KindHospitalNumber: true, checks.KindNHSNumber: true,
	checks.KindCHINumber: true, checks.KindHCNumber: true, checks.KindLongNumber: true, checks.KindEmail: true, checks.KindFieldValue: true}

// repeatRegions covers, in every reading of the page, the words that repeat
// a value the seed regions cover: the same word, and the words around it
// that repeat the value's words around it ("SBI2007, Scenario 6" in a
// viewer's overlay once "SBI2007, Scenario 6" in its title was found).
// Only distinctive words start a match (see distinctive).
func repeatRegions(docs []checks.Document, seeds []Region) []Region {
	values := seedValues(docs, seeds)
	if len(values) == 0 {
		return nil
	}
	// anchors maps a distinctive word to where it occurs in the values.
	type at struct{ v, i int }
	anchors := map[string][]at{}
	for v, val := range values {
		for i, t := range val {
			if distinctive(t) {
				anchors[t] = append(anchors[t], at{v, i})
			}
		}
	}
	keys := slices.Sorted(maps.Keys(anchors))
	var out []Region
	for _, doc := range docs {
		for _, l := range doc.Lines {
			toks := make([]string, len(l.Words))
			for i, w := range l.Words {
				toks[i] = valueToken(w.Text)
			}
			for i, t := range toks {
				as := anchors[t]
				if len(as) == 0 && len(t) >= fuzzyLetters && distinctive(t) {
					// A long name OCR misread by a letter ("[Jonanson"
					// for "Johanson") is the same name.
					for _, k := range keys {
						if oneEdit(k, t) {
							as = append(as, anchors[k]...)
						}
					}
				}
				for _, a := range as {
					val := values[a.v]
					lo, hi := i, i
					for lo > 0 && a.i-(i-lo) > 0 && toks[lo-1] == val[a.i-(i-lo)-1] {
						lo--
					}
					for hi+1 < len(toks) && a.i+(hi-i)+1 < len(val) && toks[hi+1] == val[a.i+(hi-i)+1] {
						hi++
					}
					var b checks.Box
					th := 0
					for _, w := range l.Words[lo : hi+1] {
						b = b.Union(w.Box)
						th = max(th, w.Box.Height())
					}
					if b.Empty() {
						continue
					}
					// The rest of the value, where OCR read nothing in its
					// place ("ZAZOU," read, "ZENNA" beside it not), is
					// covered at the width its letters take here.
					perChar := float64(b.X1-b.X0) / float64(tokenChars(toks[lo:hi+1]))
					if rest := val[a.i+(hi-i)+1:]; len(rest) > 0 {
						x1 := b.X1 + int(perChar*float64(tokenChars(rest)+len(rest)))
						if hi+1 < len(l.Words) {
							x1 = min(x1, l.Words[hi+1].Box.X0)
						}
						b.X1 = max(b.X1, x1)
					}
					if rest := val[:a.i-(i-lo)]; len(rest) > 0 {
						x0 := b.X0 - int(perChar*float64(tokenChars(rest)+len(rest)))
						if lo > 0 {
							x0 = max(x0, l.Words[lo-1].Box.X1)
						}
						b.X0 = min(b.X0, max(0, x0))
					}
					if !l.Box.Empty() {
						// Not over another line's words beside this one.
						b.X0, b.X1 = max(b.X0, l.Box.X0-th), min(b.X1, l.Box.X1+th*(tokenChars(val)+len(val)))
					}
					if covers(seeds, b) {
						continue // the value itself, or covered already
					}
					out = append(out, Region{Box: image.Rect(b.X0, b.Y0, b.X1, b.Y1), Kinds: []string{checks.KindSameValue},
						Reason:     "The same name or number as patient details elsewhere on the page",
						Confidence: repeatConf, TextHeight: th, Source: "layout"})
				}
			}
		}
	}
	return out
}

// seedValues lists the values the seed regions cover: in each reading,
// the runs of a line's words that lie inside one seed region, as tokens.
func seedValues(docs []checks.Document, seeds []Region) [][]string {
	var out [][]string
	seen := map[string]bool{}
	for _, s := range seeds {
		if s.Confidence < seedConf || !seedKind(s) {
			continue
		}
		for _, doc := range docs {
			for _, l := range doc.Lines {
				var val []string
				flush := func() {
					if k := strings.Join(val, " "); len(val) > 0 && !seen[k] {
						seen[k] = true
						out = append(out, val)
					}
					val = nil
				}
				for _, w := range l.Words {
					if inside(w.Box, s.Box) {
						if t := valueToken(w.Text); t != "" {
							val = append(val, t)
						}
						continue
					}
					flush()
				}
				flush()
			}
		}
	}
	return out
}

// seedKind reports whether a region holds a patient's own value: a name or
// number found by the checks, or a field's value whose label is a name,
// number, phone or e-mail label. An address's town ("Leeds") is also the
// hospital's, so addresses do not seed.
func seedKind(r Region) bool {
	for _, k := range r.Kinds {
		if k == checks.KindFieldValue && !seedFields[r.Field] {
			continue
		}
		if seedKinds[k] {
			return true
		}
	}
	return false
}

// seedFields are the kinds of field (Region.Field) whose values seed the
// rule. It used to match on the values' reasons, so rewording a reason
// stopped names and numbers seeding (real-set recall fell 0.903 to 0.895).
var seedFields = map[string]bool{"name": true, "id": true, "phone": true, "email": true}

// inside reports whether most of word box w lies inside r.
func inside(w checks.Box, r image.Rectangle) bool {
	in := image.Rect(w.X0, w.Y0, w.X1, w.Y1).Intersect(r)
	return !w.Empty() && float64(in.Dx()*in.Dy()) >= seedInside*float64((w.X1-w.X0)*w.Height())
}

// valueToken is a word as values are compared: lower case, without the
// punctuation around it ("ZAZOU," is "zazou").
func valueToken(s string) string {
	return strings.ToLower(strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}

// distinctive reports whether a token is unlikely to repeat on a page by
// chance: a word of anchorLetters letters or more that is no English or
// board word, a number with anchorDigits digits or more, or a code of
// letters and digits.
func distinctive(t string) bool {
	digits, letters := 0, 0
	for _, r := range t {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	switch {
	case digits >= anchorDigits:
		return true
	case digits > 0 && letters > 0:
		// "SBI2007", "10001NG"; not "12th", "10mg", "covid19".
		return digits >= anchorCodeDigits && letters >= anchorCodeLetters
	}
	return digits == 0 && letters >= anchorLetters && !checks.EnglishWord(t) && !checks.OrdinaryWord(t)
}

// oneEdit reports whether a and b, words of letters, differ by one
// letter changed, added or dropped.
func oneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if a == b || len(ra)-len(rb) > 1 || len(ra) < fuzzyLetters || hasDigit(a) || hasDigit(b) {
		return false
	}
	i := 0
	for i < len(rb) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		i++ // a letter changed
		return string(ra[i:]) == string(rb[i:])
	}
	return string(ra[i+1:]) == string(rb[i:]) // a letter dropped
}

// tokenChars counts the characters of tokens, at least one.
func tokenChars(toks []string) int {
	n := 0
	for _, t := range toks {
		n += len([]rune(t))
	}
	return max(1, n)
}

// covers reports whether one of the regions holds most of b.
func covers(rs []Region, b checks.Box) bool {
	for _, r := range rs {
		if inside(b, r.Box) {
			return true
		}
	}
	return false
}
