package checks

import (
	"regexp"
	"strings"
)

// A North American town line: a town, a state (two-letter code or name)
// and a ZIP code: "AUERCHESTER, OH 30731", "Any City, CA 92127",
// "California 05750". The town's words are capitalised; the ZIP is five
// digits, optionally with four more.
var usTownRE = regexp.MustCompile(`(?:\b((?:[A-Z][A-Za-z.'’\-]* ){0,3}[A-Z][A-Za-z.'’\-]*),? )?\b([A-Z]{2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\.?,? (\d{5})(?:-\d{4})?\b`)

// usStates are the two-letter codes and names a ZIP code follows.
var usStates = setOf("al", "ak", "az", "ar", "ca", "co", "ct", "de", "dc", "fl", "ga", "hi", "id", "il", "in", "ia",
	"ks", "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd",
	"oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy", "pr",
	"alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
	"georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
	"maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
	"new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma",
	"oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah",
	"vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming")

// usTownLines finds the town, state and ZIP code of an address on lt.
func usTownLines(id string, lt lineText) []Finding {
	var out []Finding
	for _, m := range usTownRE.FindAllStringSubmatchIndex(lt.s, -1) {
		state := strings.ToLower(lt.s[m[4]:m[5]])
		if !usStates[state] {
			continue
		}
		out = append(out, lt.finding(id, "Looks like the town, state and ZIP code of an address", 0.75, m[0], m[1]))
	}
	return out
}
