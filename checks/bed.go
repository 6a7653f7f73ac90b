package checks

import "strings"

// BedNumber finds, in post text, a bed, bay, side-room or cubicle number
// that points at a person: "the lady in bed 6", "Mr Singh in bed 11",
// "Tommy (bed 3)", "(SR3)". A bed with no person in the post ("Bed 4 on
// Ash Ward is now an end-of-life suite") is the ward's, not a patient's.
// On photographed boards the patient-list rules decide, so this check
// reads typed text only.
type BedNumber struct{}

var _ Check = (*BedNumber)(nil)

// ID implements Check.
func (*BedNumber) ID() string { return KindBedNumber }

// Description implements Check.
func (*BedNumber) Description() string {
	return "A bed, bay or side-room number that points at a patient, such as 'the lady in bed 6'"
}

const reasonBedNumber = "A bed, bay or side-room number next to a patient"

// personWords say a post is about a person: pronouns, words for a patient,
// relatives and titles.
var personWords = setOf("he", "she", "him", "his", "her", "hers", "he's", "she's", "himself", "herself", "he'll",
	"she'll", "he'd", "she'd")

// Find implements Check.
func (c *BedNumber) Find(doc Document) []Finding { return c.find(doc.Source, lines(doc)) }

func (c *BedNumber) find(src Source, lts []lineText) []Finding {
	if src != SourceText {
		return nil
	}
	person := false
	for _, lt := range lts {
		for _, w := range lt.info {
			l := strings.ReplaceAll(strings.ToLower(strings.Trim(w.raw, `.,!?;:()"'`)), "’", "'")
			if personWords[l] || personNouns[w.lower] || kinWords[w.lower] || w.patientTitle || ageTokenRE.MatchString(w.clean) {
				person = true
			}
		}
	}
	var out []Finding
	for _, lt := range lts {
		ws := lt.info
		for i := 0; i < len(ws); i++ {
			j := bedAt(lt, i)
			if j < 0 {
				continue
			}
			// "Tommy (bed 3)", "Vera in bay 5": a name just before.
			named := i >= 1 && ws[i-1].capital && !ws[i-1].common && strings.HasPrefix(ws[i].raw, "(") ||
				i >= 2 && (ws[i-1].lower == "in" || ws[i-1].lower == "from") && ws[i-2].capital && !ws[i-2].common
			if person || named {
				out = append(out, lt.finding(c.ID(), reasonBedNumber, 0.7, lt.starts[i]+leadingPunct(ws[i].raw), lt.starts[j]+len(strings.TrimRight(lt.words[j], ",.!?;:)"))))
			}
			i = j
		}
	}
	return out
}

// bedAt returns the last word of a bed, bay, side-room or cubicle number
// starting at word i ("bed 11", "Bay 5", "side room 2", "SR3", "(SR 3)"),
// or -1.
func bedAt(lt lineText, i int) int {
	ws := lt.info
	switch l := ws[i].lower; {
	case (l == "bed" || l == "bay" || l == "cubicle" || l == "cubical" || l == "cub") && i+1 < len(ws) && isBedNumber(lt.words[i+1]) &&
		!strings.HasSuffix(ws[i].raw, ".") && !strings.HasSuffix(ws[i].raw, ","):
		return i + 1
	case l == "side" && i+2 < len(ws) && ws[i+1].lower == "room" && isBedNumber(lt.words[i+2]):
		return i + 2
	case srRE.MatchString(ws[i].raw):
		return i
	case strings.TrimLeft(ws[i].raw, "(") == "SR" && i+1 < len(ws) && isBedNumber(lt.words[i+1]):
		return i + 1
	}
	return -1
}

// leadingPunct is the length of the punctuation before a word's first
// letter or digit: "(bed" starts one byte in.
func leadingPunct(raw string) int {
	return len(raw) - len(strings.TrimLeft(raw, `("'‘“[`))
}
