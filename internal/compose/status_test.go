package compose

import (
	"errors"
	"image"
	"strings"
	"testing"

	"safepost/internal/post"
	"safepost/internal/redact"
	"safepost/internal/review"
)

// TestPhotoStatus: a photo's line says what was done and what is left to
// the person, never that the photo is safe.
func TestPhotoStatus(t *testing.T) {
	area := review.Draw(image.Rect(0, 0, 10, 10), redact.Blur)
	off := area
	off.Off = true
	cases := []struct {
		name string
		p    Photo
		want string
	}{
		{"waiting", Photo{Item: review.Item{State: review.Waiting}}, "Waiting to check…"},
		{"checking", Photo{Item: review.Item{State: review.Checking}}, "Checking…"},
		{"re-blurring", Photo{Item: review.Item{State: review.Checking}, Redoing: true}, "Re-blurring…"},
		{"nothing found", Photo{Item: review.Item{State: review.Done}}, "Nothing found. Check it yourself"},
		{"one area", Photo{Item: review.Item{State: review.Done, Regions: []review.Region{area, off}}}, "1 area blurred. Check the rest"},
		{"eight areas", Photo{Item: review.Item{State: review.Done, Regions: []review.Region{area, area, area, area, area, area, area, area}}},
			"8 areas blurred. Check the rest"},
		{"failed", Photo{Item: review.Item{State: review.Failed, Err: errors.New("no language data")}}, "Could not check: no language data"},
		{"blurred by hand", Photo{Item: review.Item{State: review.Failed, Reviewed: true}}, "Blurred by hand, reviewed"},
	}
	for _, c := range cases {
		got := c.p.Status()
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
		if l := strings.ToLower(got); strings.Contains(l, "safe") || strings.Contains(l, "clean") {
			t.Errorf("%s: %q promises more than SafePost knows", c.name, got)
		}
	}
}

// TestBlockedSaysWhatCanBeDone: a photo that could not be read cannot be
// blurred by hand (there is nothing to review), so the line does not ask
// for it; one that was read but not checked can be.
func TestBlockedSaysWhatCanBeDone(t *testing.T) {
	read := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	cases := []struct {
		name   string
		photos []*Photo
		want   string
	}{
		{"unreadable", []*Photo{{Name: "a.heic", Item: review.Item{State: review.Failed, Err: errors.New("bad file")}}},
			"“a.heic” could not be read: remove it, or try again."},
		{"read, not checked", []*Photo{{Name: "b.jpg", Original: read, Item: review.Item{State: review.Failed, Err: errors.New("no OCR")}}},
			"“b.jpg” could not be checked: blur it by hand and mark it reviewed, retry, or remove it."},
		{"two unreadable", []*Photo{{Name: "a", Item: review.Item{State: review.Failed}}, {Name: "b", Item: review.Item{State: review.Failed}}},
			"2 photos could not be read: remove them, or try again."},
	}
	var five []*Photo
	for range 5 {
		five = append(five, &Photo{Name: "x.jpg", Original: read, Item: review.Item{State: review.Done}, Redacted: read})
	}
	cases = append(cases, struct {
		name   string
		photos []*Photo
		want   string
	}{"five photos for X", five, "X takes at most 4 photos in a post: remove 1."})
	for _, c := range cases {
		m := &Model{Photos: c.photos, Network: post.X}
		if got := m.Blocked(); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
