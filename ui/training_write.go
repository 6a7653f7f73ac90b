package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safepost/internal/training"
)

// WriteTab is "Write it": the trainee rewrites a risky post until
// SafePost's text checks pass and the good news is still there.
type WriteTab struct {
	t       *Training
	Content fyne.CanvasObject

	Exercises []training.Exercise
	Current   int
	// Attempt is the last check of the current exercise's text.
	Attempt training.Attempt
	texts   map[string]string // what the trainee has written, per exercise
	passed  map[string]bool

	List     *widget.List
	Risky    *widget.Label
	Goal     *widget.Label
	Editor   *widget.Entry
	Check    *widget.Button
	Reset    *widget.Button
	Next     *widget.Button
	Problems *fyne.Container
	Verdict  *widget.Label
	Lesson   *widget.Label
}

func (t *Training) buildWrite() *WriteTab {
	w := &WriteTab{t: t, Exercises: training.Exercises, texts: map[string]string{}, passed: map[string]bool{}}
	w.List = widget.NewList(func() int { return len(w.Exercises) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, widget.NewIcon(theme.RadioButtonIcon()), nil, widget.NewLabel("exercise"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			e := w.Exercises[i]
			c.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%d. %s", i+1, e.Goal))
			icon := theme.RadioButtonIcon()
			if w.passed[e.ID] {
				icon = theme.ConfirmIcon()
			}
			c.Objects[1].(*widget.Icon).SetResource(icon)
		})
	w.List.OnSelected = func(i widget.ListItemID) { w.Select(i) }
	w.Risky = widget.NewLabel("")
	w.Risky.Wrapping = fyne.TextWrapWord
	w.Risky.Importance = widget.DangerImportance
	w.Risky.TextStyle.Bold = true
	w.Goal = widget.NewLabel("")
	w.Goal.Wrapping = fyne.TextWrapWord
	w.Editor = widget.NewMultiLineEntry()
	w.Editor.Wrapping = fyne.TextWrapWord
	w.Editor.SetMinRowsVisible(4)
	// The text checks take well under a millisecond on a post, so they run
	// as the trainee types.
	w.Editor.OnChanged = func(string) { w.CheckText(false) }
	w.Check = widget.NewButtonWithIcon("Check my post", theme.ConfirmIcon(), func() { w.CheckText(true) })
	w.Check.Importance = widget.HighImportance
	w.Reset = widget.NewButtonWithIcon("Start again", theme.ViewRefreshIcon(), func() {
		w.Editor.SetText(w.Exercises[w.Current].Risky)
	})
	w.Next = widget.NewButtonWithIcon("Next exercise", theme.NavigateNextIcon(), func() {
		w.List.Select((w.Current + 1) % len(w.Exercises))
	})
	w.Problems = container.NewVBox()
	w.Verdict = widget.NewLabel("")
	w.Verdict.Wrapping = fyne.TextWrapWord
	w.Lesson = widget.NewLabel("")
	w.Lesson.Wrapping = fyne.TextWrapWord
	w.Lesson.TextStyle.Italic = true

	intro := widget.NewLabel("Each post below would share patient information. Rewrite it so SafePost's checks pass, and keep the good news.")
	intro.Wrapping = fyne.TextWrapWord
	right := container.NewVBox(
		widget.NewLabelWithStyle("The risky post", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), w.Risky, w.Goal,
		widget.NewLabelWithStyle("Your version", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), w.Editor,
		container.NewHBox(w.Check, w.Reset, w.Next), w.Verdict, w.Problems, w.Lesson)
	split := container.NewHSplit(container.NewBorder(intro, nil, nil, nil, w.List), container.NewVScroll(container.NewPadded(right)))
	split.Offset = 0.3
	w.Content = split
	w.List.Select(0)
	return w
}

// Select shows exercise i with what the trainee last wrote for it.
func (w *WriteTab) Select(i int) {
	if i < 0 || i >= len(w.Exercises) {
		return
	}
	if cur := w.Exercises[w.Current]; w.Editor.Text != "" {
		w.texts[cur.ID] = w.Editor.Text
	}
	w.Current = i
	e := w.Exercises[i]
	w.Risky.SetText(e.Risky)
	w.Goal.SetText("Goal: " + e.Goal)
	text, ok := w.texts[e.ID]
	if !ok {
		text = e.Risky
	}
	w.Editor.SetText(text) // runs the checks
	w.CheckText(false)
}

// CheckText checks the editor's text. A deliberate check (the button)
// always counts as an attempt in the session; while typing, only a pass
// does.
func (w *WriteTab) CheckText(deliberate bool) {
	e := w.Exercises[w.Current]
	w.Attempt = e.Check(w.t.Checks, w.Editor.Text)
	if deliberate || w.Attempt.Passed() {
		w.t.Session.RecordWrite(e.ID, w.Attempt.Passed())
		w.t.sessionChanged()
	}
	if w.Attempt.Passed() && !w.passed[e.ID] {
		w.passed[e.ID] = true
		w.List.Refresh()
	}
	w.refresh()
}

func (w *WriteTab) refresh() {
	e := w.Exercises[w.Current]
	a := w.Attempt
	w.Problems.RemoveAll()
	if a.Passed() {
		w.Verdict.SetText("✓ This post passes SafePost's checks and keeps the news.")
		w.Verdict.Importance = widget.SuccessImportance
		w.Lesson.SetText(e.Lesson)
	} else {
		n := len(a.Problems)
		w.Verdict.SetText(fmt.Sprintf("Not yet: %d %s.", n, plural(n, "thing to fix", "things to fix")))
		w.Verdict.Importance = widget.WarningImportance
		w.Lesson.SetText("")
	}
	w.Verdict.Refresh()
	for _, p := range a.Problems {
		text := p.Reason
		if p.End > p.Start && p.End <= len(a.Text) {
			text = fmt.Sprintf("“%s” — %s", strings.TrimSpace(a.Text[p.Start:p.End]), p.Reason)
		}
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.DangerImportance
		w.Problems.Add(l)
	}
}
