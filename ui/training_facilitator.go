package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safepost/internal/training"
)

// FacilitatorTab picks scenes and their order for a session in a room,
// then runs them full screen with the answer shown on the facilitator's
// click (or space bar, or a presentation clicker's page keys).
type FacilitatorTab struct {
	t       *Training
	Content fyne.CanvasObject

	// Order is the chosen scenes in running order.
	Order []*training.Scene

	Picks   []*widget.Check // one per deck scene
	OrderBx *fyne.Container
	Start   *widget.Button
	Summary *widget.Label
}

func (t *Training) buildFacilitator() *FacilitatorTab {
	f := &FacilitatorTab{t: t}
	picks := container.NewVBox()
	for _, sc := range t.Deck.Scenes {
		sc := sc
		kind := "patient information"
		if sc.Clean() {
			kind = "clean photo"
		}
		c := widget.NewCheck(fmt.Sprintf("%s (%s, difficulty %d)", sc.Label(), kind, sc.Difficulty), func(on bool) { f.pick(sc, on) })
		f.Picks = append(f.Picks, c)
		picks.Add(c)
	}
	all := widget.NewButton("All", func() { f.selectWhere(func(*training.Scene) bool { return true }) })
	easy := widget.NewButton("Easy only", func() { f.selectWhere(func(s *training.Scene) bool { return s.Difficulty == 1 }) })
	none := widget.NewButton("None", func() { f.selectWhere(func(*training.Scene) bool { return false }) })
	f.OrderBx = container.NewVBox()
	f.Start = widget.NewButtonWithIcon("Run full screen", theme.MediaPlayIcon(), func() {
		t.Spot.StartFacilitation(append([]*training.Scene(nil), f.Order...))
	})
	f.Start.Importance = widget.HighImportance
	f.Summary = widget.NewLabel("")
	help := widget.NewLabel("Tick the scenes for this session, put them in order, then run them full screen. " +
		"The room sees only the photo; tap or drag what they call out, then click Reveal (or press space). " +
		"Space again moves on; Escape ends. After the last scene comes the room summary. " +
		"Running a set clears earlier answers to those scenes.")
	help.Wrapping = fyne.TextWrapWord
	left := container.NewBorder(container.NewVBox(widget.NewLabelWithStyle("Scenes", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(all, easy, none)), nil, nil, nil, container.NewVScroll(picks))
	right := container.NewBorder(container.NewVBox(help, container.NewHBox(f.Start, f.Summary),
		widget.NewLabelWithStyle("Running order", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})), nil, nil, nil,
		container.NewVScroll(f.OrderBx))
	split := container.NewHSplit(left, right)
	split.Offset = 0.45
	f.Content = split
	f.refresh()
	return f
}

func (f *FacilitatorTab) pick(sc *training.Scene, on bool) {
	at := -1
	for i, o := range f.Order {
		if o == sc {
			at = i
		}
	}
	switch {
	case on && at < 0:
		f.Order = append(f.Order, sc)
	case !on && at >= 0:
		f.Order = append(f.Order[:at], f.Order[at+1:]...)
	}
	f.refresh()
}

func (f *FacilitatorTab) selectWhere(keep func(*training.Scene) bool) {
	f.Order = nil
	for i, sc := range f.t.Deck.Scenes {
		on := keep(sc)
		if on {
			f.Order = append(f.Order, sc)
		}
		f.Picks[i].Checked = on
		f.Picks[i].Refresh()
	}
	f.refresh()
}

// Move moves the scene at position i of the running order by d places.
func (f *FacilitatorTab) Move(i, d int) {
	j := i + d
	if i < 0 || j < 0 || i >= len(f.Order) || j >= len(f.Order) {
		return
	}
	f.Order[i], f.Order[j] = f.Order[j], f.Order[i]
	f.refresh()
}

func (f *FacilitatorTab) refresh() {
	f.OrderBx.RemoveAll()
	for i, sc := range f.Order {
		i := i
		up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { f.Move(i, -1) })
		down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { f.Move(i, 1) })
		enable(up, i > 0)
		enable(down, i < len(f.Order)-1)
		f.OrderBx.Add(container.NewBorder(nil, nil, nil, container.NewHBox(up, down),
			widget.NewLabel(fmt.Sprintf("%d. %s", i+1, sc.Label()))))
	}
	clean := 0
	for _, sc := range f.Order {
		if sc.Clean() {
			clean++
		}
	}
	f.Summary.SetText(fmt.Sprintf("%d %s, %d clean", len(f.Order), plural(len(f.Order), "scene", "scenes"), clean))
	enable(f.Start, len(f.Order) > 0)
}
