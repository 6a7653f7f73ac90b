package checks

import (
	"regexp"
	"strings"
)

// Address finds a house number followed by a street: "12 Elm Road",
// "Flat 2, 14 Church St".
type Address struct{}

var _ Check = (*Address)(nil)

// ID implements Check.
func (*Address) ID() string { return KindAddress }

// Description implements Check.
func (*Address) Description() string { return "A street address, such as 12 Elm Road" }

// A house number, one to three street-name words, then a street word.
var addressRE = regexp.MustCompile(`\b(\d{1,4}[A-Za-z]?),? ((?:[A-Za-z][A-Za-z'’\-]+ ){1,3})([A-Za-z]+)\b\.?`)

// Find implements Check.
func (c *Address) Find(doc Document) []Finding { return c.find(doc.Source, lines(doc)) }

func (c *Address) find(src Source, lts []lineText) []Finding {
	var out []Finding
	codes := (&Postcode{}).find(src, lts)
	towns := map[int]bool{} // street lines whose town lines were looked for
	for li, lt := range lts {
		if lt.hasDigit {
			out = append(out, usTownLines(c.ID(), lt)...)
		}
		if !lt.hasDigit || !lt.hasStreetWord() {
			continue
		}
		for _, m := range addressRE.FindAllStringSubmatchIndex(lt.s, -1) {
			street := strings.ToLower(lt.s[m[6]:m[7]])
			if !streetWords[street] {
				continue
			}
			nameWords := strings.Fields(lt.s[m[4]:m[5]])
			if !addressName(nameWords) {
				continue
			}
			conf := 0.75
			// "Dr" and "St" are also Doctor and Saint.
			if street == "dr" || street == "st" {
				conf = 0.6
			}
			if postcodeNear(codes, lt.idx) {
				conf += 0.15
			}
			reason := "Looks like a street address"
			if k := wordAt(lt, m[0]); src == SourceText && eventSentenceExcept(lt, k, k, wordAt(lt, m[1]-1)) {
				conf, reason = orgConf, "Looks like the address of a venue or a clinic (not patient information)"
			}
			out = append(out, lt.finding(c.ID(), reason, conf, m[0], m[1]))
			if !towns[lt.idx] {
				towns[lt.idx] = true
				out = append(out, townLines(lts, li, codes)...)
			}
		}
	}
	return out
}

// townLines returns the lines between the street address on lts[li] and a
// postcode at most three lines below it, when each is a short run of
// capitalised words without numbers: the locality and town of the
// address ("Hillford" between "12 Elm Road" and "LS1 8GG").
func townLines(lts []lineText, li int, codes []Finding) []Finding {
	end := -1
	for k := li + 1; k < len(lts) && k <= li+3; k++ {
		if postcodeOn(codes, lts[k].idx) {
			end = k
			break
		}
	}
	var out []Finding
	for k := li + 1; k < end; k++ {
		lt := lts[k]
		if lt.hasDigit || len(lt.words) == 0 || len(lt.words) > 4 {
			return nil
		}
		ordinary := true
		for _, w := range lt.words {
			if !isCapitalised(clean(w)) {
				return nil
			}
			ordinary = ordinary && OrdinaryWord(w)
		}
		if ordinary { // "Please Note" is not a town
			return nil
		}
		out = append(out, lt.wordsFinding(KindAddress, "Looks like the town of a street address", 0.7, 0, len(lt.words)-1))
	}
	return out
}

// postcodeOn reports whether a postcode was found on line i.
func postcodeOn(codes []Finding, i int) bool {
	for _, f := range codes {
		if len(f.Words) > 0 && f.Words[0].Line == i {
			return true
		}
	}
	return false
}

// addressName reports whether the words between the number and the street
// word look like a street name: capitalised, and not ward words or numbers
// of things ("7 days a week").
func addressName(ws []string) bool {
	for _, w := range ws {
		if !isCapitalised(clean(w)) {
			return false
		}
		l := strings.ToLower(w)
		if l == "ward" || l == "bed" || l == "bay" || l == "beds" || l == "patients" || l == "days" {
			return false
		}
	}
	return true
}

// postcodeNear reports whether a postcode was found on line i or the lines
// either side of it, as on an envelope or a notes header.
func postcodeNear(codes []Finding, i int) bool {
	for _, f := range codes {
		if len(f.Words) > 0 && f.Words[0].Line >= i-1 && f.Words[0].Line <= i+1 {
			return true
		}
	}
	return false
}
