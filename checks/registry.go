package checks

import "regexp"

// All returns every built-in check, in a fixed order.
func All() []Check {
	return []Check{
		&NHSNumber{},
		&CHINumber{},
		&HCNumber{},
		&HospitalNumber{},
		&DateOfBirth{},
		&Age{},
		&BedNumber{},
		&PersonName{},
		&Postcode{},
		&Address{},
		&Phone{},
		&Email{},
		&PatientList{},
		&LongNumber{},
	}
}

var kebab = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
