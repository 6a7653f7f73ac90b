package training

import (
	"strings"
	"testing"

	"safepost/checks"
)

func scanner(t *testing.T) *checks.Scanner {
	t.Helper()
	cs, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// TestExercisesFailAsWritten runs every risky post through the real
// checks: an exercise whose risky text passes teaches nothing.
func TestExercisesFailAsWritten(t *testing.T) {
	cs := scanner(t)
	ids := map[string]bool{}
	for _, e := range Exercises {
		if ids[e.ID] {
			t.Errorf("duplicate exercise ID %q", e.ID)
		}
		ids[e.ID] = true
		a := e.Check(cs, e.Risky)
		found := 0
		for _, p := range a.Problems {
			if p.Check != "unchanged" && p.Check != "keep" {
				found++
			}
		}
		if found == 0 {
			t.Errorf("%s: the checks find nothing in the risky post %q", e.ID, e.Risky)
		}
		if e.Goal == "" || e.Lesson == "" || len(e.Keep) == 0 {
			t.Errorf("%s: incomplete exercise", e.ID)
		}
		if _, ok := ExerciseByID(e.ID); !ok {
			t.Errorf("ExerciseByID(%q) not found", e.ID)
		}
	}
}

func TestExerciseCheck(t *testing.T) {
	cs := scanner(t)
	tests := []struct {
		id, text string
		want     []string // problem checks, in order; empty means it passes
	}{
		{"birthday", "Happy birthday to one of our patients!", nil},
		{"birthday", "Happy 90th to Mrs Okafor in bed 4!", []string{"unchanged", "age", "person-name", "bed-number"}},
		{"birthday", "Happy birthday Mrs Okafor!", []string{"person-name"}},
		{"birthday", "A lovely day on the ward today", []string{"keep"}},
		{"birthday", "  ", []string{"empty"}},
		{"birthday", "Happy!", []string{"empty"}},
		{"thanks", "Thanks to Sam and Priya for covering nights!", nil},
		{"thanks", "Thanks to the night team!", []string{"keep"}},
		{"milestone", "Congratulations to the team on our 1000th hip replacement!", nil},
		{"milestone", "Our 1000th hip replacement went home to LS1 4AP", []string{"postcode"}},
		{"get-well", "Get well soon to everyone on Ward 7!", nil},
	}
	for _, tt := range tests {
		e, _ := ExerciseByID(tt.id)
		a := e.Check(cs, tt.text)
		var got []string
		for _, p := range a.Problems {
			got = append(got, p.Check)
			if p.Reason == "" {
				t.Errorf("%s %q: problem %s without a reason", tt.id, tt.text, p.Check)
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%s %q: problems %v, want %v", tt.id, tt.text, got, tt.want)
		}
		if a.Passed() != (len(tt.want) == 0) {
			t.Errorf("%s %q: Passed = %v", tt.id, tt.text, a.Passed())
		}
	}
}

func TestProblemSpans(t *testing.T) {
	e, _ := ExerciseByID("birthday")
	text := "Happy birthday Mrs Okafor!"
	a := e.Check(scanner(t), text)
	if len(a.Problems) != 1 {
		t.Fatalf("problems = %+v", a.Problems)
	}
	p := a.Problems[0]
	if got := text[p.Start:p.End]; !strings.Contains(got, "Okafor") {
		t.Errorf("span %d-%d = %q, want the name", p.Start, p.End, got)
	}
}
