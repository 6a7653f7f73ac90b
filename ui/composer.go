package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"safepost/internal/compose"
	"safepost/internal/post"
)

func (u *UI) buildComposer() {
	var names []string
	for _, r := range post.Networks() {
		names = append(names, r.Name)
	}
	u.Network = widget.NewSelect(names, func(name string) {
		u.Model.Network = post.ByName(name).Network
		u.refresh()
	})
	r, _ := post.RulesFor(u.Model.Network)
	u.Network.Selected = r.Name
	u.Counter = widget.NewLabel("")
	u.Editor = NewPostEntry(u.Win)
	u.Editor.SetPlaceHolder("Write your post… e.g. Ward 7 hit 100 days without a fall! #TeamNHS")
	u.Editor.SetMinRowsVisible(6)
	u.Editor.OnChanged = u.Model.SetText
	u.Findings = container.NewVBox()
}

func (u *UI) refreshComposer() {
	m := u.Model
	r, _ := post.RulesFor(m.Network)
	if u.Network.Selected != r.Name {
		u.Network.Selected = r.Name
		u.Network.Refresh()
	}
	n := r.Length(m.Text())
	counter := fmt.Sprintf("%s: %d / %d", r.Name, n, r.Limit)
	if r.MaxImages > 0 {
		counter += fmt.Sprintf(" · photos %d / %d", len(m.Photos), r.MaxImages)
	}
	u.Counter.SetText(counter)
	if n > r.Limit || (r.MaxImages > 0 && len(m.Photos) > r.MaxImages) {
		u.Counter.Importance = widget.DangerImportance
	} else {
		u.Counter.Importance = widget.MediumImportance
	}
	u.Counter.Refresh()

	u.Findings.RemoveAll()
	if !m.TextChecked() {
		u.Findings.Add(widget.NewLabel("Checking the text…"))
		return
	}
	text := m.Text()
	if len(m.Findings) == 0 && strings.TrimSpace(text) != "" {
		ok := widget.NewLabel("No patient information found in the text.")
		ok.Importance = widget.SuccessImportance
		u.Findings.Add(ok)
	}
	for i, f := range m.Findings {
		var extra fyne.CanvasObject
		if !f.Acked && m.CanAddToWardList(i) {
			extra = widget.NewButton("Add to my ward's list", func() { u.addToWardList(i) })
		}
		u.Findings.Add(u.findingRow(text, f,
			func(shown string) { u.acknowledge(shown, func() { u.Model.Acknowledge(i) }) },
			func() { u.Model.Unacknowledge(i) }, extra))
	}
}

// findingRow is one flagged item of the post text or a photo's
// description: what was found and why, and what the person can do.
func (u *UI) findingRow(text string, f compose.TextFinding, ack func(shown string), unack func(), extra fyne.CanvasObject) fyne.CanvasObject {
	shown := f.Match
	if f.End > f.Start && f.End <= len(text) {
		shown = text[f.Start:f.End]
	}
	shown = strings.TrimSpace(shown)
	label := widget.NewLabel(fmt.Sprintf("“%s” — %s", shown, f.Reason))
	label.Wrapping = fyne.TextWrapWord
	var right fyne.CanvasObject
	if f.Acked {
		label.Importance = widget.LowImportance
		right = container.NewHBox(widget.NewLabel("Shared with consent"), widget.NewButton("Undo", unack))
	} else {
		label.Importance = widget.DangerImportance
		right = widget.NewButton("Acknowledge", func() { ack(shown) })
		if extra != nil {
			right = container.NewHBox(right, extra)
		}
	}
	return container.NewBorder(nil, nil, nil, right, label)
}

// acknowledge lets a flagged item go out as written (yes) only after the
// person says they have the patient's written consent: one click used to
// let a patient's full name out.
func (u *UI) acknowledge(shown string, yes func()) {
	u.Confirm("Do you have consent?",
		fmt.Sprintf("Do you have the patient's written consent to share “%s”? Only say yes if you do; otherwise change the text.", shown),
		func(ok bool) {
			if ok {
				yes()
			}
		})
}

// addToWardList asks before putting a false alarm on the ward's list in
// the trust's config file: once there it is never flagged again.
func (u *UI) addToWardList(i int) {
	if i < 0 || i >= len(u.Model.Findings) {
		return
	}
	f := u.Model.Findings[i]
	text := u.Model.Text()
	shown := strings.TrimSpace(text[max(0, min(f.Start, len(text))):max(0, min(f.End, len(text)))])
	u.Confirm("Add to your ward's list?",
		fmt.Sprintf("“%s” will not be flagged again, in posts or photos. Only do this if it is not patient information: a colleague, a ward, the ward's own phone number or mailbox.", shown),
		func(ok bool) {
			if !ok {
				return
			}
			entry, list, err := u.Model.AddToWardList(i)
			if err != nil {
				u.Notify("Could not add to your ward's list", err.Error())
				return
			}
			u.Notify("Added to your ward's list", fmt.Sprintf("“%s” is on the %s in %s. Photos use it the next time SafePost starts.", entry, list, u.Model.ConfigPath))
		})
}
