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
		{"QWERLIN (84) NBM", []string{"(84)"}, SourceOCR},
		// A count in brackets after a word: a viewer's or a report's.
		{"Text (110) Header (58) Section header (35)", nil, SourceOCR},
		{"Results (25)", nil, ""},
		{"Mrs Green (84) went home", []string{"(84)"}, ""},
		{"Female (84) admitted", []string{"(84)"}, SourceOCR},
		{"her husband (84)", []string{"(84)"}, ""},
		{"my nan (92)", []string{"(92)"}, ""},
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

// TestAgeInPosts holds the ways posts write ages, and numbers that are no
// one's age.
func TestAgeInPosts(t *testing.T) {
	runCases(t, "age", []checkCase{
		{"Our longest stay: Derek, 71, has been with us", []string{"71,"}, SourceText},
		{"Tony Okafor, 58, walked out of ICU", []string{"58,"}, SourceText},
		{"Ethel, 93, who has not worn a nightie", []string{"93,"}, SourceText},
		{"Say hello to little Alfie (6)", []string{"(6)"}, SourceText},
		{"Our lovely Edna turns 103 today", []string{"103"}, SourceText},
		{"she's 94 and still marks my grammar", []string{"94"}, SourceText},
		{"Wilf who is 97 today", []string{"97"}, SourceText},
		{"our Gladys who, at 101, made a call", []string{"101,"}, SourceText},
		{"Happy 21st to Chloe", []string{"21st"}, SourceText},
		{"Happy 18th birthday Kayleigh!", []string{"18th birthday"}, ""},
		// Not ages.
		{"Happy 78th birthday to the NHS!", nil, ""},
		{"Happy 10th birthday to our Ward 7 team", nil, ""},
		{"The average patient on our stroke unit is 74 years old.", nil, ""},
		{"The NHS turns 78 this week", nil, SourceText},
		{"Ward 7, 12 beds open", nil, SourceText},
		{"Leeds, 24, Manchester, 30", nil, SourceText},
		{"Sophie, 4 months on the unit", nil, SourceText},
		{"she's 5 weeks post-op", nil, SourceText},
		{"The unit turned 50 last year", nil, SourceText},
		{"Happy birthday Willow Ward, 10 years old today!", nil, SourceText},
		{"Happy 1st birthday to our Same Day Emergency Care unit!", nil, SourceText},
		{"Happy 100th birthday to Doris on Ward 7!", []string{"100th birthday"}, ""},
		{"Mr Smith on Ward 7, 84 years old, says hello", []string{"84 years old,"}, SourceText},
		{"Congratulations to Sister Jo on 30 years with the NHS", nil, SourceText},
		{"Happy retirement Linda, 40 years on Ward 3!", nil, SourceText},
		{"Farewell Dr Holt after 28 years as a consultant", nil, SourceText},
		{"Sid, 89 years young, loves his crossword", []string{"89"}, SourceText},
	})
}
