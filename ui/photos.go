package ui

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"safepost/internal/review"
)

const (
	thumbW, thumbH = 204, 84
	cardHeight     = thumbH + 150
)

// PhotoCard is one photo in the strip.
type PhotoCard struct {
	ID       int
	Thumb    *canvas.Image
	Name     *widget.Label // the file's name, so a nurse knows which photo it is
	Status   *widget.Label
	Progress *widget.ProgressBarInfinite
	Open     *widget.Button
	Cancel   *widget.Button
	Retry    *widget.Button
	Left     *widget.Button
	Right    *widget.Button
	Remove   *widget.Button
	Content  fyne.CanvasObject
}

func (u *UI) newCard(id int) *PhotoCard {
	c := &PhotoCard{ID: id}
	// Thumb shows Photo.Thumb, a few hundred pixels wide, so smooth
	// scaling costs little.
	c.Thumb = &canvas.Image{FillMode: canvas.ImageFillContain}
	c.Thumb.SetMinSize(fyne.NewSize(thumbW, thumbH))
	c.Name = widget.NewLabel("")
	c.Name.Truncation = fyne.TextTruncateEllipsis
	c.Name.TextStyle = fyne.TextStyle{Bold: true}
	c.Status = widget.NewLabel("")
	c.Status.Wrapping = fyne.TextWrapWord
	c.Status.Truncation = fyne.TextTruncateEllipsis
	c.Progress = widget.NewProgressBarInfinite()
	c.Open = widget.NewButtonWithIcon("Review", theme.ZoomInIcon(), func() { u.OpenReview(id) })
	c.Cancel = widget.NewButtonWithIcon("", theme.CancelIcon(), func() { u.Model.Cancel(id) })
	c.Retry = widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), func() { u.Model.Retry(id) })
	c.Left = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { u.Model.Move(id, -1) })
	c.Right = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { u.Model.Move(id, 1) })
	c.Remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { u.Model.Remove(id) })
	bg := canvas.NewRectangle(color.NRGBA{0x80, 0x80, 0x80, 0x30})
	thumb := container.NewStack(bg, c.Thumb)
	// One row of buttons: the card's height is the post box's loss.
	buttons := container.NewHBox(c.Open, layout.NewSpacer(), c.Left, c.Right, c.Cancel, c.Retry, c.Remove)
	// Two lines: what was done, and what is left to the person.
	status := container.NewGridWrap(fyne.NewSize(thumbW, 58), c.Status)
	name := container.NewGridWrap(fyne.NewSize(thumbW, c.Name.MinSize().Height), c.Name)
	c.Content = container.NewVBox(thumb, name, status, c.Progress, buttons)
	return c
}

func (u *UI) refreshStrip() {
	objs := make([]fyne.CanvasObject, 0, len(u.Model.Photos))
	seen := map[int]bool{}
	for i, p := range u.Model.Photos {
		c := u.Cards[p.ID]
		if c == nil {
			c = u.newCard(p.ID)
			u.Cards[p.ID] = c
		}
		seen[p.ID] = true
		// Only the redacted copy is ever shown; an unchecked photo has
		// no picture at all.
		var thumb image.Image
		if p.Thumb != nil {
			thumb = p.Thumb
		}
		if c.Thumb.Image != thumb {
			c.Thumb.Image = thumb
			c.Thumb.Refresh()
		}
		c.Name.SetText(p.Name)
		c.Status.SetText(p.Status())
		switch p.State {
		case review.Done:
			// Checked is not safe: the line asks the person to look, in
			// the colour of something left to do, never a reassuring green.
			c.Status.Importance = widget.WarningImportance
		case review.Failed:
			c.Status.Importance = widget.DangerImportance
			if p.Reviewed {
				c.Status.Importance = widget.WarningImportance
			}
		default:
			c.Status.Importance = widget.MediumImportance
		}
		c.Status.Refresh()
		busy := p.State == review.Waiting || p.State == review.Checking
		show(c.Progress, busy)
		show(c.Cancel, busy)
		show(c.Retry, p.State == review.Failed && !busy && !p.Busy())
		enable(c.Open, p.Original != nil && !busy)
		// The Review button says whether the person has looked at the
		// photo at full size: nothing goes out until each one has.
		text, icon, imp := "Review", theme.ZoomInIcon(), widget.HighImportance
		if p.Looked {
			text, icon, imp = "Looked at", theme.ConfirmIcon(), widget.MediumImportance
		}
		if c.Open.Text != text || c.Open.Importance != imp {
			c.Open.SetText(text)
			c.Open.SetIcon(icon)
			c.Open.Importance = imp
			c.Open.Refresh()
		}
		enable(c.Left, i > 0)
		enable(c.Right, i < len(u.Model.Photos)-1)
		objs = append(objs, c.Content)
	}
	for id, c := range u.Cards {
		if !seen[id] {
			c.Progress.Stop()
			delete(u.Cards, id)
		}
	}
	u.Strip.Objects = objs
	u.Strip.Refresh()
}

func show(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}
