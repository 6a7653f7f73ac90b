package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ReasonBadge is a flagged part's number in the marked post text
// ("[2]"); pointing at it (or tapping it) shows why the part was flagged.
type ReasonBadge struct {
	widget.BaseWidget
	N      int
	Reason string
	// Hint is the reason's pop-up while it shows.
	Hint *widget.PopUp
}

func newReasonBadge(n int, reason string) *ReasonBadge {
	b := &ReasonBadge{N: n, Reason: reason}
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer draws the number small, in the error colour.
func (b *ReasonBadge) CreateRenderer() fyne.WidgetRenderer {
	t := canvas.NewText(fmt.Sprintf("[%d]", b.N), theme.Color(theme.ColorNameError))
	t.TextSize = theme.CaptionTextSize()
	return widget.NewSimpleRenderer(t)
}

// MouseIn shows the reason under the number.
func (b *ReasonBadge) MouseIn(*desktop.MouseEvent) { b.show() }

// MouseMoved does nothing: the reason stays while the pointer is on it.
func (b *ReasonBadge) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the reason.
func (b *ReasonBadge) MouseOut() { b.hide() }

// Tapped shows or hides the reason (for touch screens).
func (b *ReasonBadge) Tapped(*fyne.PointEvent) {
	if b.Hint != nil {
		b.hide()
		return
	}
	b.show()
}

func (b *ReasonBadge) show() {
	c := fyne.CurrentApp().Driver().CanvasForObject(b)
	if c == nil || b.Hint != nil {
		return
	}
	l := widget.NewLabel(fmt.Sprintf("[%d] %s", b.N, b.Reason))
	l.Importance = widget.DangerImportance
	b.Hint = widget.NewPopUp(container.NewPadded(l), c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
	b.Hint.ShowAtPosition(pos.Add(fyne.NewPos(0, b.Size().Height)))
}

func (b *ReasonBadge) hide() {
	if b.Hint != nil {
		b.Hint.Hide()
		b.Hint = nil
	}
}

// badgeSegment puts a ReasonBadge in a RichText.
type badgeSegment struct{ b *ReasonBadge }

func (s *badgeSegment) Inline() bool                    { return true }
func (s *badgeSegment) Textual() string                 { return fmt.Sprintf("[%d]", s.b.N) }
func (s *badgeSegment) Update(fyne.CanvasObject)        {}
func (s *badgeSegment) Visual() fyne.CanvasObject       { return s.b }
func (s *badgeSegment) Select(pos1, pos2 fyne.Position) {}
func (s *badgeSegment) SelectedText() string            { return "" }
func (s *badgeSegment) Unselect()                       {}
