package checks

import "testing"

func TestAge(t *testing.T) {
	runCases(t, "age", []checkCase{
		{"84y", []string{"84y"}, ""},
		{"Okafor 84 yrs", []string{"84 yrs"}, ""},
		{"She is 84 years old today", []string{"84 years old"}, ""},
		{"aged 84", []string{"aged 84"}, ""},
		{"Age: 84", []string{"Age: 84"}, ""},
		{"Joan Okafor (84)", []string{"(84)"}, ""},
		{"Bed 2 SMITH J 84M", []string{"84M"}, ""},
		{"Bed 5 Qwerlin 79F", []string{"79F"}, ""},
		{"Her 90th birthday on the ward", []string{"90th birthday"}, ""},
		{"Happy 90th to Mrs Okafor in bed 4!", []string{"90th"}, ""},
		{"Ward 7 hit 100 days without a fall!", nil, ""},
		{"Care 24/7", nil, ""},
		{"Congratulations Sue on 25 years of service", nil, ""},
		{"20 years on the ward", nil, ""},
		{"Happy 10th anniversary team", nil, ""},
		{"Won 3 awards (2)", nil, ""},
		{"Sister Jones retires after 40 years!", nil, ""},
		{"Nursing for 20 yrs", nil, ""},
	})
}
