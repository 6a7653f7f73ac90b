package checks

import "testing"

func TestPersonName(t *testing.T) {
	runCases(t, "person-name", []checkCase{
		// Titles, with and without a dot, and names outside the gazetteer.
		{"Happy 90th to Mrs Okafor in bed 4!", []string{"Mrs Okafor"}, ""},
		{"Mr. J. Qwerlin-Smith", []string{"Mr. J. Qwerlin-Smith"}, ""},
		{"Mx Trebor Zyxwu is going home", []string{"Mx Trebor Zyxwu"}, ""},
		{"Ms Joan Okafor", []string{"Ms Joan Okafor"}, ""},
		// Initial and surname; surname and initial.
		{"J. SMITH", []string{"J. SMITH"}, ""},
		{"seen J Qwerlin today", []string{"J Qwerlin"}, ""},
		{"KOWALCZYK T", []string{"KOWALCZYK T"}, ""},
		// OCR misreads: an initial O read as 0; two capitalised names, one known.
		{"Miss 0. QWERLIN", []string{"Miss 0. QWERLIN"}, ""},
		{"QWERLINBRIDE BRIDGET", []string{"QWERLINBRIDE BRIDGET"}, ""},
		// SURNAME, Forename regardless of the gazetteer.
		{"QWERLIN, Trebor", []string{"QWERLIN, Trebor"}, ""},
		{"OKAFOR, Joan", []string{"OKAFOR, Joan"}, ""},
		// SURNAME, FORENAME in capitals (a specimen label): the forename
		// must be a common one or, in no list, name-like.
		{"QWERLIN, MARGARET", []string{"QWERLIN, MARGARET"}, ""},
		{"QWERLIN, JOAN", []string{"QWERLIN, JOAN"}, ""},
		{"OKAFOR, TREBOR", []string{"OKAFOR, TREBOR"}, ""},
		{"QWERLIN, ZYXWU", []string{"QWERLIN, ZYXWU"}, ""},
		{"ZAZOU, ZENNA", []string{"ZAZOU, ZENNA"}, ""},
		{"WARNING, HOT SURFACE", nil, ""},
		{"OXYGEN, CYLINDERS", nil, ""},
		{"SUTTON, SURREY", nil, ""},
		{"ROYAL VICTORIA, BELFAST", nil, ""},
		// Surname, Forename: the first word more a surname than a forename.
		{"Qwerlin, Trebor", []string{"Qwerlin, Trebor"}, ""},
		{"Okafor, Joan", []string{"Okafor, Joan"}, ""},
		{"Angela, Sue, Precious and Mark", nil, ""},
		// A list of first names is not a full name with a rare surname.
		{"With thanks to Marcus Femi Ellie and Chloe", nil, ""},
		{"Thanks to Marcus Femi and Chloe", nil, ""},
		{"Thanks to Priya, Tom and Ellie", nil, ""},
		{"Marcus Femi went home today", []string{"Marcus Femi"}, ""},
		{"Thanks to Chloe and Jack Okafor", []string{"Jack Okafor"}, ""},
		{"Mary Ann James went home", []string{"Mary Ann James"}, ""},
		{"Thanks to Priya, Ellie, Chloe", nil, ""},
		{"Sadly, Amy left us", nil, ""},
		{"Happy 90th birthday Mrs Dear", []string{"Mrs Dear"}, ""},
		// A patient title makes any capitalised word a name, even an
		// ordinary word; "MR" and "MS" in capitals are also abbreviations.
		{"Mrs Green went home", []string{"Mrs Green"}, ""},
		{"Mr May in bay 2", []string{"Mr May"}, ""},
		{"Mrs Joan Green", []string{"Mrs Joan Green"}, ""},
		{"mrs okafor", []string{"mrs okafor"}, ""},
		{"mr smith", nil, ""},
		{"MR Scan booked", nil, ""},
		{"MS Awareness Week", nil, ""},
		{"VISITING FROM 2 O' CLOCK", nil, ""},
		// A surname OCR split at its apostrophe.
		{"Ms A. O' QWERLIN", []string{"Ms A. O' QWERLIN"}, ""},
		{"seen D' Qwerlin today", []string{"D' Qwerlin"}, ""},
		{"back at 4 o' clock", nil, ""},
		// Capitals layout.
		{"Tomasz KOWALCZYK", []string{"Tomasz KOWALCZYK"}, ""},
		{"ZYXWU Trebor", []string{"ZYXWU Trebor"}, ""},
		// Gazetteer names across backgrounds, with unknown neighbours.
		{"Visit from Fatima Qwerlin", []string{"Fatima Qwerlin"}, ""},
		{"Chidi Okonkwo and Siobhan Doherty", []string{"Chidi Okonkwo", "Siobhan Doherty"}, ""},
		{"Trebor Nowak", []string{"Trebor Nowak"}, ""},
		{"Wei Zhang", []string{"Wei Zhang"}, ""},
		{"Zhang Wei", []string{"Zhang Wei"}, ""},
		// The wider lists: a rare forename needs a common surname or a
		// name-like word; a forename that is also a word needs a surname.
		{"Carmelina Rauch", []string{"Carmelina Rauch"}, ""},
		{"Sara Hucklington", []string{"Sara Hucklington"}, ""},
		{"John Doe", []string{"John Doe"}, ""},
		{"JOHN DOE", []string{"JOHN DOE"}, ""},
		{"Betty Bliss", []string{"Betty Bliss"}, ""},
		{"Grace Hill", []string{"Grace Hill"}, ""},
		{"Jack Qwerlin", []string{"Jack Qwerlin"}, ""},
		{"Grace Period", nil, ""},
		{"Amy Green", []string{"Amy Green"}, ""},
		{"Bill To: Qwerlin Ltd", nil, ""},
		{"Mattias SEE", nil, ""},
		{"Max Dose:", nil, ""},
		{"AMA COUNCIL", nil, ""},
		// Short OCR specks that rare names match.
		{"Ta Power", nil, ""},
		{"Heer Enerny", nil, ""},
		{"SE URE", nil, ""},
		// Particles and degrees belong to the name.
		{"DIANA Mc LODGES", []string{"DIANA Mc LODGES"}, ""},
		{"Mateo Jackson, PhD", []string{"Mateo Jackson, PhD"}, ""},
		// Ordinary words and surnames that are words do not count alone.
		{"SMITH", nil, ""},
		{"PRICE LIST", nil, ""},
		{"GREEN", nil, ""},
		{"OKAFOR", []string{"OKAFOR"}, ""},
		{"VITAMIN D", nil, ""},
		// A name before a ward or a street is a place.
		{"Welcome to Willow Ward", nil, ""},
		{"Bramley Ward", nil, ""},
		{"Bexley Wing atrium", nil, ""},
		{"Chester Road", nil, ""},
		// Context: bed numbers, labels.
		{"Bed 4 Qwerlin T", []string{"Qwerlin T"}, ""},
		{"Bed 3 Tomasz KOWALCZYK NBM EDD 14/11", []string{"Tomasz KOWALCZYK"}, ""},
		{"4 QWERLIN", []string{"QWERLIN"}, SourceOCR},
		{"2 RENDER", nil, SourceOCR},
		{"3 WHITE J", []string{"WHITE J"}, SourceOCR},
		{"MARK Downs.", nil, SourceOCR},
		{"Dear QWERLIN,", []string{"QWERLIN,"}, ""},
		{"Dear Joan, thank you", []string{"Joan,"}, ""},
		{"Dear Colleague,", nil, ""},
		{"Dear Mrs Okafor", []string{"Mrs Okafor"}, ""},
		{"OKAFOR Joan", []string{"OKAFOR Joan"}, ""},
		{"Bed 2 Render", []string{"Render"}, ""},
		{"Name: Trebor Zyxwu", []string{"Trebor Zyxwu"}, ""},
		{"Patient: Mrs Qwerlin", []string{"Mrs Qwerlin"}, ""},
		{"Pt Trebor Zyxwu", []string{"Trebor Zyxwu"}, ""},
		{"Re: Siobhan Qwerlin DOB 28 Jan 1994", []string{"Siobhan Qwerlin"}, ""},
		{"Re: Mrs Trebor Zyxwu", []string{"Mrs Trebor Zyxwu"}, ""},
		{"Re: your appointment", nil, ""},
		{"Re: Discharge Summary", nil, ""},
		{"Re: Outpatient Appointment", nil, ""},
		{"Name: joan qwerlin", []string{"joan qwerlin"}, ""},
		{"Patient: Transferred Home", nil, ""},
		{"Name: Grace Hill", []string{"Grace Hill"}, ""},
		// Staff and bare first names stay under the threshold.
		{"Thanks Amy!", nil, ""},
		{"Thanks Amy for the cakes", nil, ""},
		{"Dr Patel and Sister Amy Clarke", nil, ""},
		{"Staff Nurse Joan Okafor", nil, ""},
		{"Charge Nurse Trebor Zyxwu and Physio Qwerlin", nil, ""},
		// Ordinary capitalised words, ward words, tags.
		{"Ward 7 hit 100 days without a fall!", nil, ""},
		{"Huge thanks to the team on Ward 7 #NHS #TeamWard7 @NHSEngland", nil, ""},
		{"Visiting times 2pm - 8pm", nil, ""},
		{"Hand hygiene saves lives", nil, ""},
		{"Welcome To The Acute Medical Unit", nil, ""},
		{"HAND HYGIENE SAVES LIVES", nil, ""},
		{"PATIENT BOARD", nil, ""},
		{"3 Ward 100 days without a fall", nil, ""},
		{"NURSE IN CHARGE", nil, ""},
		{"VISITING HOURS", nil, ""},
		{"Bed Name EDD Notes", nil, ""},
		{"12 Elm Road, Leeds", nil, ""},
		{"Don't Miss Out on the Fun Run", nil, ""},
		{"#AmyClarke @JoanOkafor", nil, ""},
	})
}
