package checks

import "testing"

func TestHospitalNumber(t *testing.T) {
	runCases(t, "hospital-number", []checkCase{
		{"MRN 00123456", []string{"00123456"}, ""},
		{"Hosp No: RTH7654321", []string{"RTH7654321"}, ""},
		{"Hospital Number 4455667", []string{"4455667"}, ""},
		{"Unit No. K654321", []string{"K654321"}, ""},
		{"Hosp# 0012 3456", []string{"0012 3456"}, ""},
		{"MRN:00123456", []string{"MRN:00123456"}, ""},
		{"RTH1234567", []string{"RTH1234567"}, ""},
		{"K123456 on wristband", []string{"K123456"}, ""},
		{"A1234567", []string{"A1234567"}, ""},
		{"COVID19 A4 B12 Ward 7B", nil, ""},
		{"Room K12 and code AB12", nil, ""},
		{"MRN pending", nil, ""},
		{"ID: 00642513", []string{"00642513"}, ""},
		{"Patient ID 00642513", []string{"00642513"}, ""},
		{"1D: 00217381", []string{"00217381"}, ""},
		{"ID No: 00642513", []string{"00642513"}, ""},
		{"I.D.: 00642513", []string{"00642513"}, ""},
		{"ID 00642513", nil, ""},
		{"Grid: 12345", nil, ""},
		{"rth1234567", nil, ""},
	})
}
