package ui

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
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
	u.Editor.SetMinRowsVisible(4)
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

	if u.Marked != nil {
		// A reason left showing would outlive its text.
		for _, sg := range u.Marked.Segments {
			if b, ok := sg.(*badgeSegment); ok {
				b.b.hide()
			}
		}
		u.Marked = nil
	}
	u.Findings.RemoveAll()
	if !m.TextChecked() {
		u.Findings.Add(widget.NewLabel("Checking the text…"))
		return
	}
	text := m.Text()
	if len(m.Findings) == 0 && strings.TrimSpace(text) != "" {
		// What the checks did, not a promise: a nickname or a bed they do
		// not know still reads as ordinary words.
		ok := widget.NewLabel("Nothing flagged in the text. Read it once more before you post.")
		ok.Importance = widget.LowImportance
		u.Findings.Add(ok)
	}
	if len(m.Findings) > 0 {
		// The post as written, each flagged part marked where it is.
		u.Marked = markedText(text, m.Findings)
		u.Findings.Add(u.Marked)
	}
	u.FindingRows = nil
	for i, f := range m.Findings {
		var suggest, wardList *widget.Button
		var says string
		if sg, ok := post.Suggest(text, f.Start, f.End, []string{f.Check}); ok {
			suggest = suggestButton(text, sg, func(t string) { u.Editor.SetText(t) })
			says = suggestionText(text, sg)
		}
		if m.CanAddToWardList(i) {
			wardList = widget.NewButton("Add to my ward's list", func() { u.addToWardList(i) })
		}
		r := u.findingRow(i, text, f,
			func(shown string) { u.acknowledge(shown, func() { u.Model.Acknowledge(i) }) },
			func() { u.Model.Unacknowledge(i) }, suggest, wardList)
		r.setSuggestion(says)
		u.FindingRows = append(u.FindingRows, r)
		u.Findings.Add(r.Content)
	}
}

// markedText shows text with each flagged span marked in place, bold in
// the error colour and numbered like the list under it (acknowledged
// ones plainly); pointing at a mark's number shows why it was flagged.
func markedText(text string, fs []compose.TextFinding) *widget.RichText {
	type mark struct {
		start, end, n int
		acked         bool
		reason        string
	}
	var marks []mark
	for i, f := range fs {
		if f.End > f.Start && f.End <= len(text) {
			marks = append(marks, mark{f.Start, f.End, i + 1, f.Acked, f.Reason})
		}
	}
	sort.Slice(marks, func(a, b int) bool { return marks[a].start < marks[b].start })
	var segs []widget.RichTextSegment
	plain := func(s string) {
		if s != "" {
			segs = append(segs, &widget.TextSegment{Text: s, Style: widget.RichTextStyleInline})
		}
	}
	at := 0
	for _, mk := range marks {
		if mk.start < at {
			continue // overlaps a span already marked
		}
		plain(text[at:mk.start])
		st := widget.RichTextStyleStrong
		st.Inline = true
		st.ColorName = theme.ColorNameError
		if mk.acked {
			st = widget.RichTextStyleInline
		}
		segs = append(segs, &widget.TextSegment{Text: text[mk.start:mk.end], Style: st})
		// The number is small, so it never overflows a line (RichText
		// does not wrap a widget segment).
		segs = append(segs, &badgeSegment{newReasonBadge(mk.n, mk.reason)})
		at = mk.end
	}
	plain(text[at:])
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// suggestButton offers the obvious rewrite of a flagged part ("to Doris in
// bay 3" -> "to one of our patients"); set gets the new text. The button's
// words are short (a long one would widen the window); its row's label
// says what changes, with suggestionText.
func suggestButton(text string, sg post.Suggestion, set func(string)) *widget.Button {
	b := widget.NewButtonWithIcon("Use suggestion", theme.ContentRedoIcon(), func() { set(post.Apply(text, sg)) })
	b.Importance = widget.HighImportance
	return b
}

// suggestionText says what a suggestion changes, for its row's label.
func suggestionText(text string, sg post.Suggestion) string {
	old := strings.TrimSpace(text[sg.Start:sg.End])
	if sg.Text == "" {
		return fmt.Sprintf("Suggestion: remove “%s”.", old)
	}
	return fmt.Sprintf("Suggestion: “%s” instead of “%s”.", sg.Text, old)
}

// FindingRow is one flagged item of the post text or of a photo's
// description: what was found and why, and what the person can do. Its
// buttons are nil when they do not apply.
type FindingRow struct {
	Label                                *widget.Label
	Suggest, WardList, Acknowledge, Undo *widget.Button
	Content                              fyne.CanvasObject
}

// setSuggestion adds what the row's suggestion changes to its label.
func (r *FindingRow) setSuggestion(says string) {
	if says != "" && r.Suggest != nil {
		r.Label.SetText(r.Label.Text + "\n" + says)
	}
}

// findingRow builds finding i's row. suggest and wardList may be nil.
func (u *UI) findingRow(i int, text string, f compose.TextFinding, ack func(shown string), unack func(), suggest, wardList *widget.Button) *FindingRow {
	shown := f.Match
	if f.End > f.Start && f.End <= len(text) {
		shown = text[f.Start:f.End]
	}
	shown = strings.TrimSpace(shown)
	r := &FindingRow{Label: widget.NewLabel(fmt.Sprintf("[%d] “%s” — %s", i+1, shown, f.Reason))}
	r.Label.Wrapping = fyne.TextWrapWord
	var buttons []fyne.CanvasObject
	if f.Acked {
		r.Label.Importance = widget.LowImportance
		r.Undo = widget.NewButton("Undo", unack)
		buttons = append(buttons, widget.NewLabel("Shared with consent"), r.Undo)
	} else {
		r.Label.Importance = widget.DangerImportance
		r.Suggest, r.WardList = suggest, wardList
		for _, b := range []*widget.Button{suggest, wardList} {
			if b != nil {
				buttons = append(buttons, b)
			}
		}
		r.Acknowledge = widget.NewButton("Acknowledge", func() { ack(shown) })
		buttons = append(buttons, r.Acknowledge)
	}
	// The buttons go under the reason: beside it they would squeeze it
	// into a column of single words in a narrow window.
	r.Content = container.NewVBox(r.Label, container.NewBorder(nil, nil, nil, container.NewHBox(buttons...)))
	return r
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
