package checks

import "testing"

func TestBedNumber(t *testing.T) {
	runCases(t, "bed-number", []checkCase{
		{"To the lady in bed 6 who gave me a hug", []string{"bed 6"}, SourceText},
		{"Mr Singh in bed 11 finally gets his tea", []string{"bed 11"}, SourceText},
		{"Welcome back to our regular, Tommy (bed 3), who has been in and out", []string{"(bed 3),"}, SourceText},
		{"The lovely Mr Wojcik (bay 4, bed 3) says thanks", []string{"(bay 4,", "bed 3)"}, SourceText},
		{"Mr Harrison (SR3) asked us to post this", []string{"(SR3)"}, SourceText},
		{"The gentleman in side room 2 asked us to thank everyone", []string{"side room 2"}, SourceText},
		{"Bay 7 bed 2 – 86yo lady with #NOF", []string{"Bay 7", "bed 2"}, SourceText},
		{"Bay 5 had a sing-song led by 96-year-old Vera", []string{"Bay 5"}, SourceText},
		{"Had a lovely chat in bay 2 today, she's 94", []string{"bay 2"}, SourceText},
		// No person: the ward's beds.
		{"Bed 4 on Ash Ward is now a dedicated end-of-life suite", nil, SourceText},
		{"We have opened 6 new beds in Bay 3 this week", nil, SourceText},
		{"Bay 2 is closed for deep cleaning", nil, SourceText},
		// Boards are the patient-list rules' business.
		{"Bed 4 OKAFOR J 84y", nil, SourceOCR},
	})
}
