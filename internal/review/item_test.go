package review

import (
	"errors"
	"image"
	"testing"

	"safepost/internal/decisions"
	"safepost/internal/redact"
)

// TestItemRules: the fail-closed rules, by state.
func TestItemRules(t *testing.T) {
	drawn := []Region{Draw(image.Rect(0, 0, 10, 10), redact.Blur)}
	fail := errors.New("no OCR")
	cases := []struct {
		name                      string
		it                        Item
		settled, unchecked, share bool
		canMark                   bool
		check                     decisions.Check
	}{
		{"waiting", Item{State: Waiting}, false, false, false, false, ""},
		{"checking", Item{State: Checking}, false, false, false, false, ""},
		{"done, verified", Item{State: Done, Verified: true}, true, false, true, false, decisions.Verified},
		{"done, not verified", Item{State: Done}, true, false, true, false, decisions.NotVerified},
		{"failed", Item{State: Failed, Err: fail}, true, true, false, false, decisions.CouldNotCheck},
		{"failed, drawn on", Item{State: Failed, Err: fail, Regions: drawn}, true, true, false, true, decisions.CouldNotCheck},
		{"failed, drawn on, reviewed", Item{State: Failed, Err: fail, Regions: drawn, Reviewed: true}, true, false, true, false, decisions.ReviewedByHand},
	}
	for _, c := range cases {
		it := c.it
		if it.Settled() != c.settled || it.Unchecked() != c.unchecked || it.Shareable() != c.share ||
			it.CanMarkReviewed() != c.canMark || it.Check() != c.check {
			t.Errorf("%s: settled %v unchecked %v shareable %v can mark %v check %q", c.name,
				it.Settled(), it.Unchecked(), it.Shareable(), it.CanMarkReviewed(), it.Check())
		}
	}
}
