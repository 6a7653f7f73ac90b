package ui

import (
	"fmt"
	"image"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safepost/checks"
	"safepost/internal/compose"
	"safepost/internal/post"
	"safepost/internal/redact"
	"safepost/internal/review"
)

// Review is where a person checks one photo's blurring at full size. It
// shows in the main window, in place of the post (or of the folder list)
// while open, never in a window of its own.
type Review struct {
	u  *UI
	ID int

	// Content is the pane; Title names the photo.
	Content      fyne.CanvasObject
	Title        *widget.Label
	View         *RegionView
	Hold         *HoldButton
	Fit          *widget.Button
	OneToOne     *widget.Button
	Style        *widget.Select
	Regions      *fyne.Container
	Checks       []*widget.Check
	Reason       *widget.Label
	Status       *widget.Label
	MarkReviewed *widget.Button
	// Alt is the photo's description (alt text); AltInfo counts it against
	// the network's limit; AltFindings lists what the checks flagged in
	// it. Describe holds the three (hidden in the folder review).
	Alt         *PostEntry
	AltInfo     *widget.Label
	AltFindings *fyne.Container
	AltRows     []*FindingRow
	Describe    fyne.CanvasObject
	// Looked is the "Looked at it" mark: nothing is copied out until each
	// photo has one.
	Looked *widget.Check
	Done   *widget.Button

	showOriginal bool
	closed       bool
	// onClose runs once when the review is closed (by Done, by another
	// review taking its place, or by its photo going).
	onClose func()
}

// reviewHelp is what the reason line says when no outline is pointed at.
const reviewHelp = "Point at an outline to see why it was blurred. Drag on the photo to blur another area."

// newReview builds the review of photo id of u's model, named name; its
// questions go through u.Confirm.
func (u *UI) newReview(id int, name string) *Review {
	p := u.Model.Photo(id)
	rv := &Review{u: u, ID: id}
	rv.Title = widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rv.Title.Truncation = fyne.TextTruncateEllipsis
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
	rv.Style = widget.NewSelect([]string{"blur", "pixelate", "fill"}, func(s string) {
		st, err := redact.ParseStyle(s)
		ph := u.Model.Photo(id)
		if err == nil && ph != nil && len(ph.Regions) > 0 && ph.Regions[0].Style != st {
			u.Model.SetPhotoStyle(id, st)
		}
	})
	style := u.Model.Style
	if len(p.Regions) > 0 {
		style = p.Regions[0].Style
	}
	rv.Style.Selected = style.String()
	rv.Reason = widget.NewLabel(reviewHelp)
	rv.Reason.Wrapping = fyne.TextWrapWord
	rv.Status = widget.NewLabel("")
	rv.Status.Wrapping = fyne.TextWrapWord
	rv.MarkReviewed = widget.NewButton("Mark reviewed", func() {
		u.Confirm("Mark reviewed?",
			"SafePost could not check this photo. Confirm you have blurred every name, number, date of birth and other patient detail in it.",
			func(ok bool) {
				if ok {
					u.Model.MarkReviewed(id)
				}
			})
	})
	rv.Looked = widget.NewCheck("Looked at it", func(on bool) { u.Model.SetLooked(id, on) })
	rv.Done = widget.NewButtonWithIcon("Back to the post", theme.NavigateBackIcon(), rv.Close)
	rv.Alt = NewPostEntry(u.Win)
	rv.Alt.SetMinRowsVisible(2)
	rv.Alt.SetPlaceHolder("Describe the photo for people who cannot see it. No patient details.")
	rv.Alt.OnChanged = func(s string) { u.Model.SetAlt(id, s) }
	rv.AltInfo = widget.NewLabel("")
	rv.AltInfo.Importance = widget.LowImportance
	rv.AltFindings = container.NewVBox()
	rv.Describe = container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabelWithStyle("Image description", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, rv.AltInfo),
		rv.Alt, rv.AltFindings)
	rv.Regions = container.NewVBox()
	tools := container.NewHBox(rv.Hold, rv.Fit, rv.OneToOne, rv.Style)
	head := container.NewBorder(nil, nil, nil, container.NewHBox(rv.Looked, rv.Done), rv.Title)
	legend := outlineLegend()
	areas := container.NewBorder(
		container.NewVBox(rv.Describe, widget.NewLabelWithStyle("Blurred areas (untick to leave one clear)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		rv.MarkReviewed, nil, nil, container.NewVScroll(rv.Regions))
	photo := container.NewBorder(container.NewVBox(tools, rv.Status), container.NewVBox(rv.Reason, legend), nil, nil, container.NewScroll(rv.View))
	split := container.NewHSplit(photo, areas)
	split.Offset = 0.66
	rv.Content = container.NewBorder(head, nil, nil, nil, split)
	return rv
}

// OpenReview shows photo id's review in the main window, in place of the
// post until it is closed.
func (u *UI) OpenReview(id int) *Review {
	p := u.Model.Photo(id)
	if p == nil || p.Original == nil {
		return nil
	}
	if u.Review != nil {
		u.Review.Close()
	}
	rv := u.newReview(id, p.Name)
	rv.onClose = func() {
		if u.Review == rv {
			u.Review = nil
			u.showReview(nil)
		}
	}
	u.Review = rv
	// The original shows only in this pane; scale it for the fit view
	// now, off the UI goroutine, rather than when the button is held.
	u.Model.ShrinkOriginal(p)
	rv.refresh()
	u.showReview(rv)
	return rv
}

// Close closes the review; the photo keeps every change made in it.
func (rv *Review) Close() {
	if rv.closed {
		return
	}
	rv.closed = true
	rv.showOriginal = false
	if rv.onClose != nil {
		rv.onClose()
	}
}

// Closed reports whether the review has been closed.
func (rv *Review) Closed() bool { return rv.closed }

func (rv *Review) hover(i int) {
	p := rv.u.Model.Photo(rv.ID)
	if p == nil || i < 0 || i >= len(p.Regions) {
		rv.Reason.SetText(reviewHelp)
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
	if rv.closed {
		return
	}
	p := rv.u.Model.Photo(rv.ID)
	if p == nil {
		rv.Close()
		return
	}
	shown, small := p.Redacted, p.Small
	switch {
	case rv.showOriginal:
		shown, small = p.Original, p.SmallOriginal()
	case shown == nil && p.State == review.Failed:
		// Never checked and nothing drawn yet: the person must see the
		// photo to blur it by hand. This pane is the only place it shows.
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
	rv.refreshAlt(p)
	if rv.Looked.Checked != p.Looked {
		rv.Looked.SetChecked(p.Looked)
	}
	show(rv.MarkReviewed, p.State == review.Failed)
	enable(rv.MarkReviewed, rv.u.Model.CanMarkReviewed(rv.ID))

	rv.Regions.RemoveAll()
	rv.Checks = nil
	for i, r := range p.Regions {
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
			rv.u.Confirm(title, msg, func(ok bool) {
				if ok {
					rv.u.Model.SetRegionOff(rv.ID, i, true)
				} else {
					rv.refresh()
				}
			})
		}
		rv.Checks = append(rv.Checks, c)
		rv.Regions.Add(c)
	}
}

// refreshAlt shows the description, its length against the network's
// limit and what the checks flagged in it.
func (rv *Review) refreshAlt(p *compose.Photo) {
	if rv.Alt.Text != p.Alt {
		rv.Alt.SetText(p.Alt)
	}
	r, _ := post.RulesFor(rv.u.Model.Network)
	n := r.AltLength(p.Alt)
	switch {
	case r.AltLimit > 0:
		rv.AltInfo.SetText(fmt.Sprintf("%d / %d for %s", n, r.AltLimit, r.Name))
	default:
		rv.AltInfo.SetText(fmt.Sprintf("%d characters", n))
	}
	rv.AltInfo.Importance = widget.LowImportance
	if r.AltLimit > 0 && n > r.AltLimit {
		rv.AltInfo.Importance = widget.DangerImportance
	}
	rv.AltInfo.Refresh()
	rv.AltFindings.RemoveAll()
	rv.AltRows = nil
	if !rv.u.Model.AltChecked(rv.ID) {
		rv.AltFindings.Add(widget.NewLabel("Checking the description…"))
		return
	}
	for i, f := range p.AltFindings {
		var suggest *widget.Button
		var says string
		if sg, ok := post.Suggest(p.Alt, f.Start, f.End, []string{f.Check}); ok {
			suggest = suggestButton(p.Alt, sg, rv.Alt.SetText)
			says = suggestionText(p.Alt, sg)
		}
		r := rv.u.findingRow(i, p.Alt, f,
			func(shown string) { rv.u.acknowledge(shown, func() { rv.u.Model.AcknowledgeAlt(rv.ID, i) }) },
			func() { rv.u.Model.UnacknowledgeAlt(rv.ID, i) }, suggest, nil)
		r.setSuggestion(says)
		rv.AltRows = append(rv.AltRows, r)
		rv.AltFindings.Add(r.Content)
	}
}
