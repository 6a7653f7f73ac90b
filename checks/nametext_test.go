package checks

import "testing"

// TestTextNameFilters holds names in post text that are not patients':
// public figures, places and institutions, lists of places, new staff.
func TestTextNameFilters(t *testing.T) {
	runCases(t, "person-name", []checkCase{
		{"Happy birthday to the NHS! Aneurin Bevan would be proud", nil, SourceText},
		{"Florence Nightingale's lamp is on display", nil, SourceText},
		{"Please welcome our new Chief Executive, Dame Julia Hartley-Brewer", nil, SourceText},
		{"The Duchess of Edinburgh and Prince William visited today", nil, SourceText},
		{"celebrating with pizza and a Harry Potter marathon", nil, SourceText},
		{"his MSc in Leadership at Leeds Beckett University", nil, SourceText},
		{"The Queen Elizabeth Hospital Birmingham trauma team", nil, SourceText},
		{"Sadly the Nightingale Ward summer fair is cancelled", nil, SourceText},
		{"24 new nurses from Kerala, Manila and Lagos joined us", nil, SourceText},
		{"Only joking! It's Phil Wood, who started today", nil, SourceText},
		{"Congratulations to Jason Turner on completing his MSc in Leadership", nil, SourceText},
		{"Well done Priya Shah on her promotion!", nil, SourceText},
		{"Congratulations to Charlotte Davies, our new Deputy Sister!", nil, SourceText},
		{"Happy birthday to Tracey on reception!", nil, SourceText},
		{"Thanks to Sean Kelly from the IV team", nil, SourceText},
		{"Happy birthday to Doris on Ward 7!", []string{"Doris"}, SourceText},
		{"Joan Okafor, our oldest patient, went home", []string{"Joan Okafor,"}, SourceText},
		{"Well done Callum Fraser, 17, who passed his driving test", []string{"Callum Fraser,"}, SourceText},
		{"Our Freedom to Speak Up Guardian Claire Watson is on the ward", nil, SourceText},
		{"The Mayor of Leeds, Councillor Abigail Marshall, opened our garden", nil, SourceText},
		{"Our ward clerk Pauline Hargreaves retires today", nil, SourceText},
		// Patients with the same shapes are still found.
		{"Thanks to her sister Jane Okafor for the card", []string{"Jane Okafor"}, SourceText},
		{"Mrs Florence Okafor asked for her glasses", []string{"Mrs Florence Okafor"}, SourceText},
		{"OKAFOR, Joan and her husband", []string{"OKAFOR, Joan"}, SourceText},
		{"Joan Okafor, 84, went home today", []string{"Joan Okafor,"}, SourceText},
		// On a photographed page the rules stay as they were.
		{"Aneurin Bevan", []string{"Aneurin Bevan"}, SourceOCR},
	})
}
