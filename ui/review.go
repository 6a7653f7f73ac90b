package ui

import (
	"fmt"
	"image"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"safepost/checks"
	"safepost/internal/redact"
	"safepost/internal/review"
)

// Review is the window where a person checks one photo's blurring.
type Review struct {
	u  *UI
	ID int

	Win          fyne.Window
	View         *RegionView
	Hold         *HoldButton
	Fit          *widget.Button
	OneToOne     *widget.Button
	Style        *widget.RadioGroup
	Regions      *fyne.Container
	Checks       []*widget.Check
	Reason       *widget.Label
	Status       *widget.Label
	MarkReviewed *widget.Button

	showOriginal bool
}

// OpenReview opens photo id for review.
func (u *UI) OpenReview(id int) *Review {
	p := u.Model.Photo(id)
	if p == nil || p.Original == nil {
		return nil
	}
	if u.Review != nil {
		u.Review.Win.Close()
	}
	rv := &Review{u: u, ID: id, Win: u.App.NewWindow("Review – " + p.Name)}
	rv.View = NewRegionView()
	rv.View.OnHover = rv.hover
	rv.View.OnDraw = func(r image.Rectangle) { u.Model.AddRegion(id, r) }
	rv.Hold = NewHoldButton("Hold to see original", func() {
		rv.showOriginal = true
		rv.refresh()
	}, func() {
		rv.showOriginal = false
		rv.refresh()
	})
	rv.Fit = widget.NewButton("Fit", func() { rv.View.OneToOne = false; rv.View.Refresh() })
	rv.OneToOne = widget.NewButton("1:1", func() { rv.View.OneToOne = true; rv.View.Refresh() })
	rv.Style = widget.NewRadioGroup([]string{"blur", "pixelate", "fill"}, func(s string) {
		st, err := redact.ParseStyle(s)
		if err == nil && len(u.Model.Photo(id).Regions) > 0 && u.Model.Photo(id).Regions[0].Style != st {
			u.Model.SetPhotoStyle(id, st)
		}
	})
	rv.Style.Horizontal = true
	style := u.Model.Style
	if len(p.Regions) > 0 {
		style = p.Regions[0].Style
	}
	rv.Style.Selected = style.String()
	rv.Reason = widget.NewLabel("Point at an outline to see why it was blurred. Drag on the photo to blur another area.")
	rv.Reason.Wrapping = fyne.TextWrapWord
	rv.Status = widget.NewLabel("")
	rv.Status.Wrapping = fyne.TextWrapWord
	rv.MarkReviewed = widget.NewButton("Mark reviewed", func() {
		dialog.ShowConfirm("Mark reviewed?",
			"SafePost could not check this photo. Confirm you have blurred every name, number, date of birth and other patient detail in it.",
			func(ok bool) {
				if ok {
					u.Model.MarkReviewed(id)
				}
			}, rv.Win)
	})
	rv.Regions = container.NewVBox()
	tools := container.NewHBox(rv.Hold, rv.Fit, rv.OneToOne, widget.NewLabel("Style:"), rv.Style)
	side := container.NewBorder(widget.NewLabelWithStyle("Blurred areas", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		rv.MarkReviewed, nil, nil, container.NewVScroll(rv.Regions))
	main := container.NewBorder(container.NewVBox(tools, rv.Status), rv.Reason, nil, nil, container.NewScroll(rv.View))
	split := container.NewHSplit(main, side)
	split.Offset = 0.75
	rv.Win.SetContent(split)
	rv.Win.Resize(fyne.NewSize(1000, 700))
	rv.Win.SetOnClosed(func() {
		if u.Review == rv {
			u.Review = nil
		}
	})
	u.Review = rv
	// The original shows only in this window; scale it for the fit view
	// now, off the UI goroutine, rather than when the button is held.
	u.Model.ShrinkOriginal(p)
	rv.refresh()
	rv.Win.Show()
	return rv
}

func (rv *Review) hover(i int) {
	p := rv.u.Model.Photo(rv.ID)
	if p == nil || i < 0 || i >= len(p.Regions) {
		rv.Reason.SetText("Point at an outline to see why it was blurred. Drag on the photo to blur another area.")
		return
	}
	r := p.Regions[i]
	state := "blurred"
	if r.Off {
		state = "left clear by you"
	}
	rv.Reason.SetText(fmt.Sprintf("%s (%s) — %s", r.Reason, checks.KindLabels(r.Kinds), state))
}

func (rv *Review) refresh() {
	p := rv.u.Model.Photo(rv.ID)
	if p == nil {
		rv.Win.Close()
		return
	}
	shown, small := p.Redacted, p.Small
	switch {
	case rv.showOriginal:
		shown, small = p.Original, p.SmallOriginal()
	case shown == nil && p.State == review.Failed:
		// Never checked and nothing drawn yet: the person must see the
		// photo to blur it by hand. This window is the only place it shows.
		shown, small = p.Original, p.SmallOriginal()
	}
	rv.View.Image, rv.View.Display = nil, nil
	if shown != nil {
		rv.View.Image = shown
	}
	if small != nil {
		rv.View.Display = small
	}
	rv.View.Regions = p.Regions
	rv.View.Refresh()

	switch {
	case rv.showOriginal:
		rv.Status.SetText("Showing the ORIGINAL while you hold the button.")
	case p.State == review.Failed && !p.Reviewed:
		rv.Status.SetText("Could not check this photo (" + review.Reason(p.Err) + "). Drag over every piece of patient information to blur it, then mark it reviewed.")
	case p.Redoing:
		rv.Status.SetText("Re-blurring…")
	case p.State == review.Done && !p.Verified:
		rv.Status.SetText("Blurred; some text was still readable, so it was filled solid.")
	default:
		rv.Status.SetText(p.Status())
	}
	show(rv.MarkReviewed, p.State == review.Failed)
	enable(rv.MarkReviewed, rv.u.Model.CanMarkReviewed(rv.ID))

	rv.Regions.RemoveAll()
	rv.Checks = nil
	for i, r := range p.Regions {
		i := i
		label := fmt.Sprintf("%d. %s", i+1, r.Reason)
		c := widget.NewCheck(label, nil)
		c.Checked = !r.Off
		c.OnChanged = func(on bool) {
			if on {
				rv.u.Model.SetRegionOff(rv.ID, i, false)
				return
			}
			title, msg := "Leave this area clear?",
				"It will NOT be blurred in the shared photo. Only do this if it holds no patient information."
			if slices.Contains(r.Kinds, checks.KindFace) {
				// Keeping a face is a consent decision, not a judgement
				// about text.
				title, msg = "Show this face?",
					"It will NOT be blurred in the shared photo. Only do this if the person is not a patient and has agreed to appear in this post."
			}
			dialog.ShowConfirm(title, msg,
				func(ok bool) {
					if ok {
						rv.u.Model.SetRegionOff(rv.ID, i, true)
					} else {
						rv.refresh()
					}
				}, rv.Win)
		}
		rv.Checks = append(rv.Checks, c)
		rv.Regions.Add(c)
	}
}
