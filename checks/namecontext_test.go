package checks

import "testing"

// TestContextNames holds the patient context grammar of post text: a first
// name is a patient's (or a relative's) next to an age, a bed, a relative,
// after a birthday or "RIP", and not after a staff role. All names are
// invented.
func TestContextNames(t *testing.T) {
	runCases(t, "person-name", []checkCase{
		// Ages.
		{"Our longest stay: Derek, 71, has been with us for 143 days", []string{"Derek,"}, SourceText},
		{"Our volunteers took Ivy (88) out into the garden", []string{"Ivy"}, SourceText},
		{"Our lovely Edna turns 103 today", []string{"Edna"}, SourceText},
		{"Wilf who is 97 today says hello", []string{"Wilf"}, SourceText},
		{"So proud of our Gladys who, at 101, made a video call", []string{"Gladys"}, SourceText},
		{"Bay 5 sang along, led by 96-year-old Vera", []string{"Vera"}, SourceText},
		{"a 91 year old called Violet has been eyeing my biscuit", []string{"Violet"}, SourceText},
		{"His name is Bob, he's 73", []string{"Bob,"}, SourceText},
		{"We said goodbye to Sid today, 89 years young", []string{"Sid"}, SourceText},
		// Beds.
		{"Welcome back to our regular, Tommy (bed 3), who has been in and out", []string{"Tommy"}, SourceText},
		{"Big cheers as Stan (bed 7, 88 years young) did his laps", []string{"Stan"}, SourceText},
		// Relatives and family.
		{"Shout out to Jean's daughter Karen who baked for the team", []string{"Jean's", "Karen"}, SourceText},
		{"Shoutout to Mohammed's wife Fatima who sat with him", []string{"Fatima", "Mohammed's"}, SourceText},
		{"Thank you to Debbie, Gary's partner, for the chocolates", []string{"Debbie,", "Gary's"}, SourceText},
		{"Thank you to the Nowak family for the chocolates after Piotr's stay", []string{"Nowak", "Piotr's"}, SourceText},
		{"Thank you to Mr and Mrs Osei, parents of baby Kwame", []string{"Kwame", "Mrs Osei,"}, SourceText},
		{"Our gorgeous triplets Isla, Ava and Grace went home today", []string{"Ava", "Grace", "Isla,"}, SourceText},
		{"Grandad George (91) taught the bay cribbage", []string{"George"}, SourceText},
		{"Patient's daughter Joanne wants us to say thank you", []string{"Joanne"}, SourceText},
		// Wishes, farewells, patient verbs, repeats.
		{"Happy 18th birthday Kayleigh! Sorry you spent it with us", []string{"Kayleigh!"}, SourceText},
		{"Happy 21st to Chloe on the teenage unit", []string{"Chloe"}, SourceText},
		{"RIP Betty. You were the heart of the ward", []string{"Betty."}, SourceText},
		{"Please pray for our friend Norma, she's had a tough week", []string{"Norma,"}, SourceText},
		{"10 years ago today Dan came to us after a cardiac arrest", []string{"Dan"}, SourceText},
		{"Goodbye Mr Clifford Armitage. Clifford, you were a true gentleman", []string{"Clifford,", "Mr Clifford Armitage."}, SourceText},
		{"Remembering Alan today, who passed away on our ward last year", []string{"Alan"}, SourceText},
		{"Best wishes to Eileen for a speedy recovery", []string{"Eileen"}, SourceText},
		{"Sending love to Brian and his family at this difficult time", []string{"Brian"}, SourceText},
		{"Thinking of Pat, who had her operation today", []string{"Pat,"}, SourceText},
		// Staff, places and plain first names are not patients.
		{"Congratulations to Emma from the stroke team on her surgery rotation", nil, SourceText},
		{"Well done Emma and the Enhanced Recovery team", nil, SourceText},
		{"Best wishes to Dr Sarah Jones for a speedy recovery", nil, SourceText},
		{"Happy birthday to our HCA Brenda!", nil, SourceText},
		{"Three cheers for porter Dave who walked 1,000 miles", nil, SourceText},
		{"Our physios, Hannah and Jas, ran the marathon", nil, SourceText},
		{"Our HCAs Lorraine, Dean and Shabana passed", nil, SourceText},
		{"Farewell Sue after 28 years on the ward", nil, SourceText},
		{"Thanks to the Hunter family's fundraising in memory of their son", nil, SourceText},
		{"Congratulations to our ward manager Jason Turner on his MSc", nil, SourceText},
		{"Happy birthday to my mum Sue", nil, SourceText},
		{"Happy retirement Linda, 40 years on Ward 3!", nil, SourceText},
		{"Congratulations to Amelia who rang the end of treatment bell today!", []string{"Amelia"}, SourceText},
		{"Welcome home Ron after 3 months with us", []string{"Ron"}, SourceText},
		{"Goodbye and good luck to Derek who goes home today", []string{"Derek"}, SourceText},
		{"Our lovely patient Maureen knitted blankets", []string{"Maureen"}, SourceText},
		{"Proud of Charge Nurse Tom Kelly who did the Three Peaks in 23 hours", nil, SourceText},
		// The grammar is for typed posts; OCR keeps its own rules.
		{"Derek, 71, has been with us", nil, SourceOCR},
		{"Happy birthday Gwen", nil, SourceOCR},
	})
}
