package checks

import "strings"

// digitGroup is a run of digits in a line's digitised text, e.g. "943" of
// "943 476 5919".
type digitGroup struct {
	a, b   int    // byte range in lineText.s
	sep    string // text between the previous group and this one
	paren  bool   // preceded by "("
	plus   bool   // preceded by "+"
	subs   int    // look-alike letters read as digits
	joined bool   // joined to the previous group by a short separator
}

// digitGroups splits a line into digit runs, noting how each is joined to
// the previous one, so numbers split by stray spaces or dashes can be
// rebuilt.
func digitGroups(lt lineText) []digitGroup {
	var out []digitGroup
	d := lt.digits
	prevEnd := -1
	for i := 0; i < len(d); {
		if !isDigit(d[i]) {
			i++
			continue
		}
		j := i
		subs := 0
		for j < len(d) && isDigit(d[j]) {
			if d[j] != lt.s[j] {
				subs++
			}
			j++
		}
		// A look-alike glued to a letter belongs to the word, not the
		// number: the S of "NHS9434765919" is not a 5.
		a, b := i, j
		for a < b && d[a] != lt.s[a] && a > 0 && isLetter(lt.s[a-1]) {
			a++
			subs--
		}
		for b > a && d[b-1] != lt.s[b-1] && b < len(d) && isLetter(lt.s[b]) {
			b--
			subs--
		}
		if a == b {
			i = j
			continue
		}
		g := digitGroup{a: a, b: b, subs: subs}
		if a > 0 {
			g.paren = d[a-1] == '('
			g.plus = d[a-1] == '+'
		}
		if prevEnd >= 0 {
			g.sep = d[prevEnd:a]
			g.joined = isJoiner(g.sep)
		}
		out = append(out, g)
		prevEnd = b
		i = j
	}
	return out
}

// isJoiner reports whether sep can sit inside one number: a space, dash,
// dot, or ") " as in "(0113) 496".
func isJoiner(sep string) bool {
	if sep == "" || len(sep) > 3 {
		return false
	}
	return strings.Trim(sep, " -.()") == ""
}

// numberWindow is a candidate number made of consecutive joined groups.
type numberWindow struct {
	groups []digitGroup
	digits string
	a, b   int
	subs   int
}

// misreadPenalty lowers confidence a little when OCR look-alike letters
// had to be read as digits to make the number.
func (w numberWindow) misreadPenalty() float64 {
	if w.subs > 0 {
		return 0.05
	}
	return 0
}

// numberWindows returns every run of joined digit groups whose digits add up
// to between minLen and maxLen, so "Bed 4 943 476 5919" yields "9434765919".
func numberWindows(lt lineText, minLen, maxLen int) []numberWindow {
	gs := digitGroups(lt)
	var out []numberWindow
	for i := range gs {
		var sb strings.Builder
		subs := 0
		style, styled := "", false
		for j := i; j < len(gs); j++ {
			if j > i && !gs[j].joined {
				break
			}
			// One number uses one kind of separator: "12-03-1948 03" is a
			// date and another number, not a 10-digit number. Brackets, as
			// in "(0113) 496" or "+44 (0)113", do not count.
			if j > i {
				sep := strings.Trim(gs[j].sep, " ")
				if !strings.ContainsAny(sep, "()") {
					if styled && sep != style {
						break
					}
					style, styled = sep, true
				}
			}
			sb.WriteString(lt.digits[gs[j].a:gs[j].b])
			subs += gs[j].subs
			if sb.Len() > maxLen {
				break
			}
			if sb.Len() >= minLen {
				out = append(out, numberWindow{groups: gs[i : j+1], digits: sb.String(), a: gs[i].a, b: gs[j].b, subs: subs})
			}
		}
	}
	return out
}

// wholeToken reports whether the window is not glued to letters on either
// side, so "RTH1234567890" is not read as a bare phone number.
func (w numberWindow) wholeToken(lt lineText) bool {
	return boundaryBefore(lt.s, w.a) && boundaryAfter(lt.s, w.b)
}

// mod11 reports whether a 10-digit string has a valid Modulus 11 check
// digit, as NHS, CHI and Health & Care numbers do.
func mod11(d string) bool {
	if len(d) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(d[9]-'0')
}

// grouping describes how the digits were laid out, e.g. "3-3-4".
func (w numberWindow) grouping() string {
	parts := make([]string, len(w.groups))
	for i, g := range w.groups {
		parts[i] = string(rune('0' + min(g.b-g.a, 9)))
	}
	return strings.Join(parts, "-")
}
