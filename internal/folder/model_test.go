package folder

import (
	"strings"
	"testing"

	"safepost/internal/decisions"
	"safepost/internal/review"
)

// TestFolderViewOrder checks sorting and filters on a model with made-up
// items.
func TestFolderViewOrder(t *testing.T) {
	m := NewModel(review.Unavailable(nil), nil, nil, func(f func()) { f() }, 1)
	add := func(name string, st review.State, regions int, verified bool, d decisions.Decision) {
		m.nextID++
		it := &Item{Item: review.Item{State: st, Verified: verified}, ID: m.nextID, Name: name, Decision: d, Readable: true}
		for i := 0; i < regions; i++ {
			it.Regions = append(it.Regions, review.Region{})
		}
		m.Items = append(m.Items, it)
	}
	add("e-clean.jpg", review.Done, 0, true, decisions.Approved)
	add("d-two.jpg", review.Done, 2, true, decisions.Undecided)
	add("c-five.jpg", review.Done, 5, true, decisions.Rejected)
	add("b-failed.jpg", review.Failed, 0, false, decisions.Undecided)
	add("a-unverified.jpg", review.Done, 1, false, decisions.NeedsChanges)
	add("f-waiting.jpg", review.Waiting, 0, false, decisions.Undecided)
	names := func(items []*Item) string {
		var s []string
		for _, it := range items {
			s = append(s, strings.SplitN(it.Name, "-", 2)[0])
		}
		return strings.Join(s, "")
	}
	cases := []struct {
		f     Filter
		o     Order
		q     string
		names string
	}{
		{ShowAll, FlaggedFirst, "", "bacdef"},
		{ShowAll, ByName, "", "abcdef"},
		{ShowAll, MostBlurred, "", "cdabef"},
		{ShowAll, ByDecision, "", "bdface"},
		{ShowToDecide, ByName, "", "bdf"},
		{ShowFlagged, FlaggedFirst, "", "bacd"},
		{ShowCouldNotCheck, ByName, "", "b"},
		{ShowClean, ByName, "", "e"},
		{ShowApproved, ByName, "", "e"},
		{ShowRejected, ByName, "", "c"},
		{ShowNeedsChanges, ByName, "", "a"},
		{ShowAll, ByName, "FIVE", "c"},
	}
	for _, c := range cases {
		if got := names(m.View(c.f, c.o, c.q)); got != c.names {
			t.Errorf("%s / %s / %q: %s, want %s", c.f, c.o, c.q, got, c.names)
		}
	}
}
