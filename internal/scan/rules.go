package scan

import "safepost/checks"

// A layout rule covers text the checks did not flag, or OCR could not
// read, because of where it sits: beside a date of birth, under an
// address, in a patient list, after a label. Each rule lives in its own
// file with its own tests; Rules lists them in the order Analyse runs
// them.

// Rule is one layout rule.
type Rule struct {
	// Name is the rule's stable kebab-case name.
	Name string
	// Doc says in a line what the rule covers.
	Doc string
	// Kinds are the region kinds the rule emits, each one registered in
	// assets/kinds.tsv (checks.Kind).
	Kinds []string
	// PageOnly rules run over the merged page only, not over each OCR
	// pass's own reading as well.
	PageOnly bool
	// cover returns the regions the rule adds for one reading.
	cover func(f *found) []Region
}

// Rules returns every layout rule, in the order Analyse runs them. The
// order is part of the output: Merge joins regions in the order given.
func Rules() []Rule {
	return []Rule{
		{Name: "context", Kinds: []string{checks.KindContext},
			Doc:   "The rest of a label row that holds an NHS number, a date of birth or another strong detail, the name line above it and unclear text beside it",
			cover: func(f *found) []Region { return contextRegions(f.doc, f.strong, f.listRows, f.flagged) }},
		{Name: "address-block", Kinds: []string{checks.KindAddress},
			Doc:   "The lines of an address block below a line the checks found an address on",
			cover: func(f *found) []Region { return addressRegions(f.doc, f.address) }},
		{Name: "unread-value", Kinds: []string{checks.KindContext},
			Doc:   "Ink OCR could not read right after a label such as Dear, Mrs, Name: or DOB",
			cover: func(f *found) []Region { return unreadValueRegions(f.doc, f.fields) }},
		{Name: "field-value", Kinds: []string{checks.KindFieldValue},
			Doc:   "The value beside or below a personal field's label, and a table's personal columns",
			cover: func(f *found) []Region { return fieldRegions(f.doc, f.fields) }},
		{Name: "patient-list", Kinds: []string{checks.KindPatientList}, PageOnly: true,
			Doc:   "Every row of a patient list or whiteboard, misread ones too, and the board around them",
			cover: func(f *found) []Region { return listRegions(f.doc, f.listRows, f.flagged) }},
		{Name: "same-value", Kinds: []string{checks.KindSameValue}, PageOnly: true,
			Doc: "A patient's name or number found once, wherever else any reading of the page shows it",
			cover: func(f *found) []Region {
				return repeatRegions(append([]checks.Document{f.doc}, f.others...), append(f.prior, f.sofar...))
			}},
	}
}

// rules is Rules, built once.
var rules = Rules()

// cover runs the rules over one reading, in order: over the merged page
// (page true) all of them, over a pass's own reading those that are not
// PageOnly.
func cover(f *found, page bool) []Region {
	var out []Region
	for _, r := range rules {
		if r.PageOnly && !page {
			continue
		}
		f.sofar = out
		out = append(out, r.cover(f)...)
	}
	f.sofar = nil
	return out
}

// OCR confidences (0 to 100) the rules judge words by.
const (
	// unsureConf: a word OCR read with less confidence than this is one it
	// was unsure of: misread ink, or texture read as letters.
	unsureConf = 60
	// clearConf: a word read with at least this confidence was read
	// clearly; only such a word counts as ordinary text that must stay
	// readable (a heading, a field label, a word of a letter).
	clearConf = 70
	// textureNameConf: a name whose words OCR read with less confidence
	// than this on average is usually texture read as letters.
	textureNameConf = 50
)

// The confidence (0 to 1) of the regions each rule emits and of the
// findings it builds on.
const (
	// strongConf: a finding this sure makes the text around it suspect,
	// whatever its check (contextRegions).
	strongConf = 0.8
	// textureNameFactor scales down the confidence of a name made of
	// words OCR was unsure of (textureNameConf).
	textureNameFactor = 0.6
	// contextConf: text beside patient details, or ink after a label.
	contextConf = 0.6
	// nameAboveConf: the name line above a label's details.
	nameAboveConf = 0.7
	// addressBlockConf: a line of an address block.
	addressBlockConf = 0.7
	// listConf: a row of a patient list, or its board.
	listConf = 0.8
)
