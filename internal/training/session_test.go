package training

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSessionSummary(t *testing.T) {
	sc := testScene()
	clean := &Scene{Name: "clean", Kind: "signage", Difficulty: 1, Width: 1000, Height: 800, Items: []Item{
		{Text: "Ward 7", Kind: "ward-name", Box: [4]int{10, 10, 200, 60}, Rule: "ward rule"},
	}}
	deck := &Deck{Scenes: []*Scene{sc, clean}}
	s := NewSession(time.Date(2025, 11, 14, 10, 30, 0, 0, time.UTC))

	// First try at t: nothing marked. A second try replaces it.
	s.Record(Score(sc, nil, DefaultRules))
	s.Record(Score(sc, []Mark{tap(150, 115), tap(540, 115)}, DefaultRules)) // name found, staff name marked
	s.Record(Score(clean, []Mark{tap(100, 30), tap(900, 700)}, DefaultRules))
	s.RecordWrite("birthday", false)
	s.RecordWrite("birthday", true)
	s.RecordWrite("birthday", false) // passed stays passed
	s.RecordWrite("thanks", false)

	sum := s.Summary(deck)
	if len(sum.Scenes) != 2 {
		t.Fatalf("%d scenes, want 2 (a retry replaces)", len(sum.Scenes))
	}
	got := struct {
		Found, Missed, Alarms, Clean, Kept, Written, Passed, Percent int
	}{sum.Found, sum.Missed, sum.FalseAlarmCount, sum.CleanScenes, sum.CleanKept, sum.Written, sum.WrittenPassed, sum.Percent()}
	want := struct {
		Found, Missed, Alarms, Clean, Kept, Written, Passed, Percent int
	}{1, 1, 3, 1, 0, 2, 1, 20}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
	wantKinds := []Tally{
		{Kind: "nhs-number", Label: "NHS numbers", Total: 1, Found: 0},
		{Kind: "person-name", Label: "Patient names", Total: 1, Found: 1},
	}
	if diff := cmp.Diff(wantKinds, sum.ByKind); diff != "" {
		t.Errorf("ByKind -want +got:\n%s", diff)
	}
	wantAlarms := []Tally{
		{Kind: "", Label: "Empty space", Total: 1},
		{Kind: "staff-name", Label: "Staff names", Total: 1},
		{Kind: "ward-name", Label: "Ward and hospital names", Total: 1},
	}
	if diff := cmp.Diff(wantAlarms, sum.FalseAlarms); diff != "" {
		t.Errorf("FalseAlarms -want +got:\n%s", diff)
	}
	if r, ok := s.Result("t"); !ok || r.Found != 1 {
		t.Errorf("Result(t) = %+v, %v", r, ok)
	}
}

func TestTallyPercent(t *testing.T) {
	for _, tt := range []struct{ found, total, want int }{{0, 0, 100}, {1, 3, 33}, {2, 3, 67}, {1, 2, 50}, {3, 3, 100}} {
		if got := (Tally{Found: tt.found, Total: tt.total}).Percent(); got != tt.want {
			t.Errorf("%d/%d = %d%%, want %d%%", tt.found, tt.total, got, tt.want)
		}
	}
}
