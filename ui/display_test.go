package ui

import (
	"image"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"safepost/internal/review"
)

// TestLargePhotoShownScaledDown checks the app never hands Fyne a large
// photo to scale while fitting: the strip, the preview and the review's fit
// view show scaled copies of the redacted image, the review shows the full
// image at 1:1, and holding for the original shows a scaled original.
func TestLargePhotoShownScaledDown(t *testing.T) {
	h := newHarness(t, &stub{}, 1)
	h.u.AddPaths([]string{writePhoto(t, "big.png", 3000, 2000)})
	h.waitFor("scan", 20*time.Second, func() bool { return h.u.Model.Photos[0].State == review.Done })
	p := h.u.Model.Photos[0]

	if b := p.Small.Bounds(); b.Dx() != 1500 || b.Dy() != 1000 {
		t.Errorf("Small is %v, want 1500x1000 (3000x2000 halved)", b)
	}
	if b := p.Thumb.Bounds(); b.Dx() != 300 || b.Dy() != 200 {
		t.Errorf("Thumb is %v, want 300x200", b)
	}
	if got := h.card(0).Thumb.Image; got != p.Thumb {
		t.Error("the strip does not show Thumb")
	}
	if len(h.u.Preview.Images) != 1 || h.u.Preview.Images[0].Image != p.Small {
		t.Fatal("the preview does not show Small")
	}

	// Typing changes the model; the preview keeps its image object, so
	// Fyne does not scale and upload the picture again.
	before := h.u.Preview.Images[0]
	h.u.Editor.SetText("Ward 7 hit 100 days without a fall!")
	h.waitFor("text checked", 5*time.Second, func() bool { return h.u.Model.TextChecked() })
	if h.u.Preview.Images[0] != before {
		t.Error("the preview made a new image object for an unchanged photo")
	}

	rv := h.u.OpenReview(p.ID)
	defer rv.Close()
	drawn := func() image.Image {
		for _, o := range test.WidgetRenderer(rv.View).Objects() {
			if img, ok := o.(*canvas.Image); ok {
				return img.Image
			}
		}
		return nil
	}
	if rv.View.Image != p.Redacted || drawn() != p.Small {
		t.Error("the review's fit view does not draw Small over the redacted image")
	}
	rv.View.Resize(fyne.NewSize(600, 400))
	if got := rv.View.ToImage(fyne.NewPos(300, 200)); got != image.Pt(1500, 1000) {
		t.Errorf("the view's centre maps to %v, want the full image's centre", got)
	}
	test.Tap(rv.OneToOne)
	if drawn() != p.Redacted {
		t.Error("1:1 does not draw the full redacted image")
	}
	test.Tap(rv.Fit)

	h.waitFor("scaled original", 10*time.Second, func() bool { return p.SmallOriginal() != nil })
	rv.Hold.MouseDown(&desktop.MouseEvent{})
	if rv.View.Image != p.Original || drawn() != p.SmallOriginal() || drawn().Bounds().Dx() != 1500 {
		t.Error("holding does not draw the scaled original")
	}
	rv.Hold.MouseUp(&desktop.MouseEvent{})
	if drawn() != p.Small {
		t.Error("letting go does not go back to the redacted image")
	}
}
