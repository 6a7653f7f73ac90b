package checks

import "testing"

func TestValueLabel(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"Dear", true},
		{"dear", true},
		{"Mr", true},
		{"Mrs.", true},
		{"Name:", true},
		{"DOB:", true},
		{"D.O.B.", true},
		{"Patient", true},
		{"Dr", false}, // a staff title: staff names are not patient details
		{"Ward", false},
		{"Regards", false},
		{"Oduya", false},
		{"", false},
		{":", false},
	}
	for _, tt := range tests {
		if got := ValueLabel(tt.word); got != tt.want {
			t.Errorf("ValueLabel(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}
