package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"safepost/internal/review"
)

// TestImageDescription: a photo's description is written in its review,
// checked like the post text (a patient's name in it blocks saving and
// copying until it is changed or shared with consent), counted against
// the network's limit, shown in the preview, saved beside the image and
// put on the clipboard after the post.
func TestImageDescription(t *testing.T) {
	h := newHarness(t, &stub{}, 1)
	h.u.AddPaths([]string{writePhoto(t, "cards.png", 120, 80)})
	h.waitFor("checked", 5*time.Second, func() bool { return h.u.Model.Photos[0].State == review.Done })
	test.Type(h.u.Editor, "Thank you cards on the ward #TeamNHS")
	id := h.u.Model.Photos[0].ID
	h.lookAt(id)
	h.waitFor("ready", 5*time.Second, func() bool { return !h.u.SaveImages.Disabled() })

	rv := h.u.OpenReview(id)
	test.Type(rv.Alt, "A card from Mrs Joan Okafor in bed 4 on the nurses' desk")
	h.waitFor("description checked", 5*time.Second, func() bool { return h.u.Model.AltChecked(id) })
	if !h.u.SaveImages.Disabled() || !h.u.CopyText.Disabled() || !strings.Contains(h.u.Blocked.Text, "description of “cards.png”") {
		t.Fatalf("a flagged description does not block: %q", h.u.Blocked.Text)
	}
	if len(rv.AltFindings.Objects) == 0 {
		t.Fatal("the review lists nothing flagged in the description")
	}
	if !strings.Contains(rv.AltInfo.Text, "/ 1000 for X") {
		t.Errorf("the description's counter says %q", rv.AltInfo.Text)
	}

	// Over the network's limit: blocked with what to do.
	rv.Alt.SetText(strings.Repeat("A card on the desk. ", 60))
	h.waitFor("long description checked", 5*time.Second, func() bool { return h.u.Model.AltChecked(id) })
	if !strings.Contains(h.u.Blocked.Text, "takes at most 1,000: shorten it") {
		t.Errorf("a 1,200-character description for X: %q", h.u.Blocked.Text)
	}

	rv.Alt.SetText("Three thank-you cards on the nurses' desk")
	h.waitFor("clean description checked", 5*time.Second, func() bool { return h.u.Model.AltChecked(id) && !h.u.SaveImages.Disabled() })
	var previewed bool
	for _, o := range h.u.Preview.Alts.Objects {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "Three thank-you cards") {
			previewed = true
		}
	}
	if !previewed {
		t.Error("the preview does not show the description")
	}

	test.Tap(h.u.CopyText)
	if got := h.u.App.Clipboard().Content(); !strings.Contains(got, "#TeamNHS") || !strings.Contains(got, "Image 1: Three thank-you cards") {
		t.Errorf("clipboard = %q", got)
	}
	test.Tap(h.u.SaveImages)
	h.waitFor("saved", 5*time.Second, func() bool { return len(h.notify) > 1 })
	if last := h.notify[len(h.notify)-1]; !strings.Contains(last, "1 description") || !strings.Contains(last, h.dir) {
		t.Errorf("saved message = %q", last)
	}
	txts, _ := filepath.Glob(filepath.Join(h.dir, "*.txt"))
	if len(txts) != 1 {
		t.Fatalf("descriptions saved: %v", txts)
	}
	if b, _ := os.ReadFile(txts[0]); !strings.Contains(string(b), "Three thank-you cards") {
		t.Errorf("%s holds %q", txts[0], b)
	}
}
