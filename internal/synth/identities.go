package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Every identity here is synthetic: names are random combinations of common
// given names and surnames, NHS numbers sit in the 999 range that the NHS
// reserves for testing, phone numbers come from Ofcom's drama ranges and email
// addresses use the reserved example domains.

// refDate is "today" in every scene, so ages and dates are reproducible.
var refDate = time.Date(2025, time.November, 14, 0, 0, 0, 0, time.UTC)

var (
	femaleFirst = []string{
		"Joan", "Aisha", "Siobhan", "Oluwaseun", "Dorothy", "Zofia", "Fatima",
		"Bridget", "Niamh", "Agnieszka", "Lakshmi", "Margaret", "Irene",
		"Parveen", "Eilidh", "Winifred", "Mei", "Hannelore", "Ngozi", "Maureen",
	}
	maleFirst = []string{
		"Tomasz", "Mohammed", "Gareth", "Kwame", "Arjun", "Ewan", "Yusuf",
		"Chidi", "Rhys", "Harold", "Stanley", "Desmond", "Hamish", "Wei",
		"Bogdan", "Cyril", "Emeka", "Reginald", "Declan", "Ravinder",
	}
	surnames = []string{
		"Okafor", "Kowalczyk", "Henderson", "Abernethy", "Nakamura", "O'Brien",
		"McAllister", "Adeyemi", "Wisniewski", "Thornton", "Bhattacharya",
		"Fitzgerald", "Oyelaran", "Mackenzie", "Hawthorne", "Lindqvist",
		"Chaudhry", "Pemberton", "Gallagher", "Drummond", "Nwosu", "Szymanski",
		"Achterberg", "Ramanathan", "Whittaker", "Okonkwo", "Dunleavy",
		"Esposito", "Kirkbride", "Haworth", "Trevelyan", "Mensah", "Bellamy",
		"Rasmussen", "Ferreira", "Cartwright", "Oduya", "Blenkinsop",
	}
	// Staff names never overlap patient names, so a first name on its own
	// is always a member of staff in these scenes.
	staffFirst = []string{
		"Amy", "Priya", "Tom", "Grace", "Femi", "Jo", "Kasia", "Dan",
		"Leanne", "Raj", "Beth", "Sam", "Chloe", "Marcus", "Ellie", "Ben",
	}
	staffSurnames = []string{"Patel", "Ahmed", "Brennan", "Castillo", "Doyle", "Evans"}

	streets = []string{
		"Elm Road", "Victoria Street", "Larkspur Close", "Mill Lane",
		"Hawthorn Avenue", "Chapel Row", "Quarry Hill", "Beechwood Drive",
		"Station Terrace", "Orchard Way", "Kestrel Court", "Albion Place",
	}
	towns = []string{
		"Hillford", "Northbridge", "Ashworth Green", "Caldermoor",
		"Little Wexham", "Eastfold", "Brackenby", "Thornsett",
	}
	postAreas      = []string{"LS", "M", "B", "S", "NE", "BD", "HX", "YO", "CF", "G", "EH", "NG"}
	postUnitLetter = "ABDEFGHJLNPQRSTUWXYZ" // letters valid in the inward code
	wards          = []string{"Ward 7", "Ward 12", "Ward 3", "Ward 21"}
	units          = []string{"Elm Unit", "Larch Unit", "Rowan Unit", "Acute Medical Unit"}
	hospitals      = []string{"Northbridge General Hospital", "St Aldhelm's Infirmary", "Caldermoor Royal Hospital"}
	emailDomains   = []string{"example.com", "example.org", "example.net"}
	clinicalShort  = []string{
		"NBM", "DNACPR", "TTO", "falls risk", "IV abx", "Obs 4hrly", "awaiting OT",
		"PT r/v", "MFFD", "sips only", "NEWS 3", "bloods", "CT today", "fluid bal", "1:1",
		"catheter", "diabetic", "hoist x2",
	}
	monthAbbr = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

type person struct {
	title, first, last string // last in display case, e.g. "McAllister"
	dob                time.Time
	nhs                string // ten digits, no spaces
	mrn                string
	house              int
	street, town, post string
	phone, email       string
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// people draws n distinct synthetic patients.
func people(r *rand.Rand, n int) []person {
	out := make([]person, 0, n)
	used := map[string]bool{}
	for len(out) < n {
		p := newPerson(r)
		if used[p.last] && len(used) < len(surnames) {
			continue
		}
		used[p.last] = true
		out = append(out, p)
	}
	return out
}

func newPerson(r *rand.Rand) person {
	var p person
	if r.IntN(2) == 0 {
		p.first = pick(r, femaleFirst)
		p.title = pick(r, []string{"Mrs", "Ms", "Miss", "Mrs"})
	} else {
		p.first = pick(r, maleFirst)
		p.title = "Mr"
	}
	if r.IntN(25) == 0 {
		p.title = "Mx"
	}
	p.last = pick(r, surnames)
	p.dob = time.Date(1928+r.IntN(78), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	p.nhs = nhsNumber(r)
	p.mrn = hospitalNumber(r)
	p.house = 1 + r.IntN(220)
	p.street = pick(r, streets)
	p.town = pick(r, towns)
	p.post = postcode(r)
	if r.IntN(2) == 0 {
		p.phone = fmt.Sprintf("07700 900%03d", r.IntN(1000))
	} else {
		p.phone = fmt.Sprintf("0113 496 0%03d", r.IntN(1000))
	}
	p.email = fmt.Sprintf("%s.%s%d@%s", strings.ToLower(p.first),
		strings.ToLower(strings.ReplaceAll(p.last, "'", "")), r.IntN(90)+10, pick(r, emailDomains))
	return p
}

// nhsNumber returns a ten-digit number in the 999 test range with a valid
// Modulus 11 check digit.
func nhsNumber(r *rand.Rand) string {
	for {
		d := make([]byte, 10)
		copy(d, "999")
		for i := 3; i < 9; i++ {
			d[i] = byte('0' + r.IntN(10))
		}
		c, ok := nhsCheckDigit(string(d[:9]))
		if !ok {
			continue
		}
		d[9] = byte('0' + c)
		return string(d)
	}
}

// nhsCheckDigit computes the Modulus 11 check digit of nine digits; ok is
// false when the result would be 10, which no NHS number may use.
func nhsCheckDigit(nine string) (int, bool) {
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(nine[i]-'0') * (10 - i)
	}
	c := 11 - sum%11
	switch c {
	case 11:
		return 0, true
	case 10:
		return 0, false
	}
	return c, true
}

// validNHS reports whether s (spaces and hyphens ignored) is a ten-digit
// number with a valid check digit.
func validNHS(s string) bool {
	s = strings.NewReplacer(" ", "", "-", "").Replace(s)
	if len(s) != 10 {
		return false
	}
	for i := 0; i < 10; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	c, ok := nhsCheckDigit(s[:9])
	return ok && int(s[9]-'0') == c
}

func hospitalNumber(r *rand.Rand) string {
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("RTH%07d", r.IntN(10000000))
	case 1:
		return fmt.Sprintf("K%06d", r.IntN(1000000))
	}
	return fmt.Sprintf("%08d", r.IntN(1000000))
}

func postcode(r *rand.Rand) string {
	return fmt.Sprintf("%s%d %d%c%c", pick(r, postAreas), 1+r.IntN(29), r.IntN(10),
		postUnitLetter[r.IntN(len(postUnitLetter))], postUnitLetter[r.IntN(len(postUnitLetter))])
}

// nhsSpaced formats an NHS number the way it is usually printed.
func nhsSpaced(n string) string { return n[:3] + " " + n[3:6] + " " + n[6:] }

func upper(s string) string { return strings.ToUpper(s) }

// name renders the patient's name in one of the styles seen on wards.
func (p person) name(style int) string {
	switch style % 7 {
	case 0:
		return fmt.Sprintf("%s %c. %s", p.title, p.first[0], upper(p.last))
	case 1:
		return fmt.Sprintf("%s, %s", upper(p.last), p.first)
	case 2:
		return p.first + " " + p.last
	case 3:
		return fmt.Sprintf("%c %s", p.first[0], upper(p.last))
	case 4:
		return upper(p.last) + " " + p.first
	case 5:
		return p.title + " " + p.first + " " + upper(p.last)
	}
	return p.title + " " + p.first + " " + p.last
}

func (p person) age() int {
	a := refDate.Year() - p.dob.Year()
	if refDate.YearDay() < p.dob.YearDay() {
		a--
	}
	return a
}

// dobText formats the date of birth in one of the common UK styles.
func (p person) dobText(style int) string {
	d := p.dob
	switch style % 4 {
	case 0:
		return d.Format("02/01/2006")
	case 1:
		return d.Format("02.01.06")
	case 2:
		return fmt.Sprintf("%02d %s %d", d.Day(), monthAbbr[d.Month()-1], d.Year())
	}
	return d.Format("02/01/06")
}

func (p person) ageText(style int) string {
	switch style % 3 {
	case 0:
		return fmt.Sprintf("%dy", p.age())
	case 1:
		return fmt.Sprintf("%d yrs", p.age())
	}
	return fmt.Sprintf("%dyo", p.age())
}

func staffName(r *rand.Rand) string { return pick(r, staffFirst) }

func doctorName(r *rand.Rand) string {
	return "Dr " + pick(r, staffFirst) + " " + pick(r, staffSurnames)
}

// eddText is an expected-discharge-date note such as "EDD 14/11".
func eddText(r *rand.Rand) string {
	d := refDate.AddDate(0, 0, r.IntN(9))
	return d.Format("EDD 02/01")
}

func clinicalNote(r *rand.Rand) string {
	if r.IntN(5) == 0 {
		return eddText(r)
	}
	return pick(r, clinicalShort)
}
