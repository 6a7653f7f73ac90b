package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safepost/internal/redact"
	"safepost/internal/training"
)

// SpotTab is "Spot it": the trainee marks every place in a scene that
// shows patient information, then reveals the answer and what SafePost's
// scanner found.
type SpotTab struct {
	t       *Training
	Content fyne.CanvasObject

	// Playlist is the scenes in play, in order: the whole deck, or the
	// facilitator's choice.
	Playlist []*training.Scene
	Index    int
	// Facilitating is set while a facilitator runs a chosen set full
	// screen: the side panel stays hidden until the reveal.
	Facilitating bool

	marks    map[string][]training.Mark
	results  map[string]training.SceneResult // revealed scenes
	image    *image.NRGBA                    // the current scene's photo, once loaded
	loadErr  error
	loadGen  int
	selected string // what a tap after the reveal pointed at

	Heading     *widget.Label
	Progress    *widget.Label
	View        *MarkView
	Status      *widget.Label
	Tip         *widget.Label
	Results     *fyne.Container
	ScannerInfo *widget.Label
	ShowScanner *widget.Check
	Selected    *widget.Label
	Legend      fyne.CanvasObject
	Side        *fyne.Container
	split       *container.Split
	sideScroll  *container.Scroll
	topBar      *fyne.Container

	Prev, Next, Undo, Clear, Reveal, Retry, End *widget.Button
}

func (t *Training) buildSpot() *SpotTab {
	s := &SpotTab{t: t, Playlist: t.Deck.Scenes, marks: map[string][]training.Mark{}, results: map[string]training.SceneResult{}}
	s.Heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.Progress = widget.NewLabel("")
	s.View = NewMarkView()
	s.View.OnTap = s.tap
	s.View.OnBox = func(r image.Rectangle) { s.AddMark(training.Mark{Box: r}) }
	s.Status = widget.NewLabel("")
	s.Status.Wrapping = fyne.TextWrapWord
	s.Tip = widget.NewLabel("")
	s.Tip.Wrapping = fyne.TextWrapWord
	s.Tip.TextStyle.Italic = true
	s.Results = container.NewVBox()
	s.ScannerInfo = widget.NewLabel("")
	s.ScannerInfo.Wrapping = fyne.TextWrapWord
	s.ShowScanner = widget.NewCheck("Show SafePost's areas on the photo", func(bool) { s.refresh() })
	s.ShowScanner.Checked = true
	s.Selected = widget.NewLabel("")
	s.Selected.Wrapping = fyne.TextWrapWord
	s.Legend = container.NewGridWithColumns(2,
		legendItem(colFound, false, "Found"), legendItem(colMissed, true, "Missed"),
		legendItem(colAlarm, true, "False alarm"), legendItem(colScanner, false, "SafePost blurs"))

	s.Prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { s.Step(-1) })
	s.Next = widget.NewButtonWithIcon("Next scene", theme.NavigateNextIcon(), func() { s.Step(1) })
	s.Next.IconPlacement = widget.ButtonIconTrailingText
	s.Undo = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), s.UndoMark)
	s.Clear = widget.NewButtonWithIcon("Clear", theme.ContentClearIcon(), s.ClearMarks)
	s.Reveal = widget.NewButtonWithIcon("Reveal", theme.VisibilityIcon(), s.RevealScene)
	s.Reveal.Importance = widget.HighImportance
	s.Retry = widget.NewButtonWithIcon("Try again", theme.ViewRefreshIcon(), s.TryAgain)
	s.End = widget.NewButtonWithIcon("End session", theme.CancelIcon(), s.EndFacilitation)

	top := container.NewBorder(nil, nil, nil, container.NewHBox(s.End, s.Prev, s.Progress), s.Heading)
	s.topBar = top
	bottom := container.NewBorder(nil, nil, container.NewHBox(s.Undo, s.Clear, s.Retry), container.NewHBox(s.Reveal, s.Next), nil)
	scanHead := widget.NewLabelWithStyle("What SafePost's scanner found", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// SafePost's answer comes before the long lists, so a room sees it
	// without scrolling.
	sideBox := container.NewVBox(s.Status, s.Tip, s.Selected, s.Legend, widget.NewSeparator(),
		scanHead, s.ScannerInfo, s.ShowScanner, widget.NewSeparator(), s.Results)
	s.sideScroll = container.NewVScroll(container.NewPadded(sideBox))
	s.Side = container.NewStack(s.sideScroll)
	s.split = container.NewHSplit(s.View, s.Side)
	s.split.Offset = 0.66
	s.Content = container.NewBorder(top, bottom, nil, nil, s.split)
	return s
}

func legendItem(c color.NRGBA, filled bool, text string) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	if filled {
		r.FillColor = withAlpha(c, 0x50)
	}
	r.StrokeColor, r.StrokeWidth = c, 3
	sw := container.NewGridWrap(fyne.NewSize(22, 16), r)
	return container.NewHBox(container.NewCenter(sw), widget.NewLabel(text))
}

// Scene is the scene on show, or nil.
func (s *SpotTab) Scene() *training.Scene {
	if s.Index < 0 || s.Index >= len(s.Playlist) {
		return nil
	}
	return s.Playlist[s.Index]
}

// Marks are the trainee's marks on the current scene.
func (s *SpotTab) Marks() []training.Mark {
	if sc := s.Scene(); sc != nil {
		return s.marks[sc.Name]
	}
	return nil
}

// Revealed reports whether the current scene's answer is showing.
func (s *SpotTab) Revealed() bool {
	sc := s.Scene()
	if sc == nil {
		return false
	}
	_, ok := s.results[sc.Name]
	return ok
}

// Result is the current scene's result once revealed.
func (s *SpotTab) Result() (training.SceneResult, bool) {
	sc := s.Scene()
	if sc == nil {
		return training.SceneResult{}, false
	}
	r, ok := s.results[sc.Name]
	return r, ok
}

// Loaded reports whether the current scene's photo is on screen.
func (s *SpotTab) Loaded() bool { return s.image != nil }

// Show moves to scene i of the playlist and loads its photo in the
// background; SafePost starts reading it as soon as it is loaded, so its
// answer is usually ready by the reveal.
func (s *SpotTab) Show(i int) {
	if i < 0 || i >= len(s.Playlist) {
		return
	}
	s.Index = i
	s.image, s.loadErr, s.selected = nil, nil, ""
	s.loadGen++
	gen := s.loadGen
	sc := s.Playlist[i]
	s.t.dropQueuedScans(sc.Name)
	s.refresh()
	s.t.goBackground(func() func() {
		img, err := sc.Image()
		return func() {
			if gen != s.loadGen {
				return
			}
			s.image, s.loadErr = img, err
			if err == nil {
				s.t.scanScene(sc.Name, img)
			}
			s.refresh()
		}
	})
}

// Step moves forward or back through the playlist. Past the last scene
// of a facilitated run it shows the room summary.
func (s *SpotTab) Step(d int) {
	switch j := s.Index + d; {
	case j >= 0 && j < len(s.Playlist):
		s.Show(j)
	case j >= len(s.Playlist) && s.Facilitating:
		s.t.Score.Present()
	}
}

// Advance is the facilitator's one key: reveal, then next.
func (s *SpotTab) Advance() {
	if !s.Revealed() {
		s.RevealScene()
		return
	}
	s.Step(1)
}

func (s *SpotTab) tap(p image.Point) {
	if s.Revealed() {
		s.inspect(p)
		return
	}
	sc := s.Scene()
	if sc == nil {
		return
	}
	s.AddMark(training.TapMark(p, sc.Width, sc.Height))
}

// AddMark adds a mark to the current scene (before the reveal).
func (s *SpotTab) AddMark(m training.Mark) {
	sc := s.Scene()
	if sc == nil || s.Revealed() || !s.Loaded() {
		return
	}
	s.marks[sc.Name] = append(s.marks[sc.Name], m)
	s.refresh()
}

// UndoMark removes the last mark.
func (s *SpotTab) UndoMark() {
	sc := s.Scene()
	if sc == nil || s.Revealed() || len(s.marks[sc.Name]) == 0 {
		return
	}
	s.marks[sc.Name] = s.marks[sc.Name][:len(s.marks[sc.Name])-1]
	s.refresh()
}

// ClearMarks removes every mark.
func (s *SpotTab) ClearMarks() {
	sc := s.Scene()
	if sc == nil || s.Revealed() {
		return
	}
	delete(s.marks, sc.Name)
	s.refresh()
}

// RevealScene scores the marks, records the result in the session and
// shows the answer.
func (s *SpotTab) RevealScene() {
	sc := s.Scene()
	if sc == nil || s.Revealed() || !s.Loaded() {
		return
	}
	r := training.Score(sc, s.marks[sc.Name], s.t.Rules)
	s.results[sc.Name] = r
	s.t.Session.Record(r)
	s.t.sessionChanged()
	s.refresh()
}

// TryAgain clears the current scene's marks and answer; the next reveal
// replaces its score.
func (s *SpotTab) TryAgain() {
	sc := s.Scene()
	if sc == nil {
		return
	}
	delete(s.results, sc.Name)
	delete(s.marks, sc.Name)
	s.selected = ""
	s.refresh()
}

// StartFacilitation runs scenes in the given order full screen; the
// answer shows only on the facilitator's click.
func (s *SpotTab) StartFacilitation(order []*training.Scene) {
	if len(order) == 0 {
		return
	}
	s.Playlist = order
	s.Facilitating = true
	for _, sc := range order {
		delete(s.results, sc.Name)
		delete(s.marks, sc.Name)
	}
	s.t.Tabs.SelectIndex(0)
	// The facilitator's keys must reach the window, not a hidden entry.
	s.t.Win.Canvas().Unfocus()
	s.t.Win.SetFullScreen(true)
	s.Show(0)
}

// EndFacilitation leaves full screen and goes back to the whole deck.
func (s *SpotTab) EndFacilitation() {
	s.t.Win.SetFullScreen(false)
	if !s.Facilitating {
		return
	}
	cur := s.Scene()
	s.Facilitating = false
	s.Playlist = s.t.Deck.Scenes
	for i, sc := range s.Playlist {
		if sc == cur {
			s.Index = i
		}
	}
	s.Show(s.Index)
}

// inspect explains what is under a tap after the reveal.
func (s *SpotTab) inspect(p image.Point) {
	sc := s.Scene()
	r, _ := s.Result()
	best, bestArea := -1, 0
	for i, it := range sc.Items {
		box := it.Rect().Inset(-max(4, training.TapSide(sc.Width, sc.Height)/2))
		if !p.In(box) {
			continue
		}
		if a := it.Rect().Dx() * it.Rect().Dy(); best < 0 || a < bestArea {
			best, bestArea = i, a
		}
	}
	var lines []string
	if best >= 0 {
		it := sc.Items[best]
		verdict := "Not patient information."
		if it.PII {
			verdict = "Patient information: you missed it."
			for _, ir := range r.Items {
				if ir.Index == best && ir.Found() {
					verdict = "Patient information: you found it."
				}
			}
		}
		lines = append(lines, fmt.Sprintf("“%s” (%s). %s %s", it.Text, strings.ToLower(training.KindLabel(it.Kind)), verdict, it.Rule))
	}
	if st := s.t.scanOf(sc.Name); st != nil && st.done && st.err == nil && st.res != nil {
		for _, reg := range st.res.Regions {
			if p.In(reg.Box) && (reg.Quad == ([4]image.Point{}) || redact.InQuad(reg.Quad, p.X, p.Y)) {
				lines = append(lines, "SafePost blurs this area: "+reg.Reason+".")
				break
			}
		}
	}
	if len(lines) == 0 {
		lines = append(lines, "Nothing here is patient information.")
	}
	s.selected = strings.Join(lines, "\n")
	s.refresh()
}

// refresh brings the tab in line with its state.
func (s *SpotTab) refresh() {
	sc := s.Scene()
	if sc == nil {
		return
	}
	revealed := s.Revealed()
	r, _ := s.Result()
	s.Heading.SetText(fmt.Sprintf("%s  ·  difficulty %s", sc.Label(), strings.Repeat("●", sc.Difficulty)+strings.Repeat("○", 3-sc.Difficulty)))
	s.Progress.SetText(fmt.Sprintf("Scene %d of %d", s.Index+1, len(s.Playlist)))
	s.View.Image = nil
	if s.image != nil {
		s.View.Image = s.image
	}
	s.View.Overlays = s.overlays(sc, r, revealed)
	s.View.Locked = revealed
	s.View.Refresh()

	n := len(s.marks[sc.Name])
	switch {
	case s.loadErr != nil:
		s.Status.SetText("This scene could not be loaded: " + s.loadErr.Error())
		s.Status.Importance = widget.DangerImportance
	case s.image == nil:
		s.Status.SetText("Loading the photo…")
		s.Status.Importance = widget.MediumImportance
	case !revealed:
		s.Status.SetText(fmt.Sprintf("Tap or drag a box over every place that shows patient information. "+
			"One box round a whole row or column marks everything in it. Then press Reveal.\n\n%d %s so far.", n, plural(n, "mark", "marks")))
		s.Status.Importance = widget.MediumImportance
	default:
		s.Status.SetText(scoreLine(r))
		s.Status.Importance = widget.HighImportance
		if r.Percent() >= 80 {
			s.Status.Importance = widget.SuccessImportance
		}
	}
	s.Status.Refresh()
	s.Tip.SetText(sc.Tip)
	show(s.Tip, revealed && sc.Tip != "")
	show(s.Legend, revealed)
	s.fillResults(sc, r, revealed)
	s.ScannerInfo.SetText(s.scannerText(sc, revealed))
	show(s.ShowScanner, revealed)
	s.Selected.SetText(s.selected)
	show(s.Selected, revealed && s.selected != "")

	// In a facilitated run the room sees only the photo until the reveal.
	show(s.Side, !s.Facilitating || revealed)
	if s.Facilitating && !revealed {
		s.split.SetOffset(1)
	} else if s.split.Offset > 0.9 {
		s.split.SetOffset(0.66)
	}
	show(s.End, s.Facilitating)
	enable(s.Prev, s.Index > 0)
	enable(s.Next, s.Index < len(s.Playlist)-1 || s.Facilitating)
	if s.Facilitating && s.Index == len(s.Playlist)-1 {
		s.Next.SetText("Room summary")
	} else {
		s.Next.SetText("Next scene")
	}
	enable(s.Undo, !revealed && n > 0)
	enable(s.Clear, !revealed && n > 0)
	enable(s.Reveal, !revealed && s.image != nil)
	show(s.Retry, revealed)
	// Lay out again now: labels changed length and wrap.
	s.topBar.Refresh()
	s.sideScroll.Content.Refresh()
	s.sideScroll.Refresh()
	if s.t.OnRevealSettled != nil && s.t.settled() {
		s.t.OnRevealSettled()
	}
}

func scoreLine(r training.SceneResult) string {
	if r.Total() == 0 {
		if r.FalseAlarms == 0 {
			return "No patient information in this photo, and you rightly left it alone. Score 100%."
		}
		return fmt.Sprintf("No patient information in this photo: your %d %s were all false alarms. Score 0%%.",
			r.FalseAlarms, plural(r.FalseAlarms, "mark", "marks"))
	}
	return fmt.Sprintf("You found %d of %d pieces of patient information, with %d false %s. Score %d%%.",
		r.Found, r.Total(), r.FalseAlarms, plural(r.FalseAlarms, "alarm", "alarms"), r.Percent())
}

// overlays draws the marks before the reveal; after it, found items in
// green, missed ones filled red, false alarms filled amber, and
// SafePost's regions in purple.
func (s *SpotTab) overlays(sc *training.Scene, r training.SceneResult, revealed bool) []Overlay {
	var out []Overlay
	if !revealed {
		for _, m := range s.marks[sc.Name] {
			out = append(out, markOverlay(m))
		}
		return out
	}
	pad := max(2, min(sc.Width, sc.Height)/300)
	if st := s.t.scanOf(sc.Name); s.ShowScanner.Checked && st != nil && st.done && st.res != nil {
		for _, reg := range st.res.Regions {
			out = append(out, Overlay{Box: reg.Box, Quad: reg.Quad, Stroke: colScanner, Width: 2})
		}
	}
	for _, mr := range r.Marks {
		if mr.FalseAlarm() {
			out = append(out, Overlay{Box: mr.Mark.Box, Stroke: colAlarm, Fill: withAlpha(colAlarm, 0x50), Width: 3, Round: mr.Mark.Tap})
		} else {
			out = append(out, Overlay{Box: mr.Mark.Box, Stroke: withAlpha(colMark, 0x90), Width: 1, Round: mr.Mark.Tap})
		}
	}
	for _, ir := range r.Items {
		box := ir.Item.Rect().Inset(-pad)
		if ir.Found() {
			out = append(out, Overlay{Box: box, Stroke: colFound, Width: 3})
		} else {
			out = append(out, Overlay{Box: box, Stroke: colMissed, Fill: withAlpha(colMissed, 0x48), Width: 3})
		}
	}
	return out
}

// group is a set of items of one kind with the same outcome.
type group struct {
	kind, rule string
	texts      []string
}

func addTo(groups []*group, kind, rule, text string) []*group {
	for _, g := range groups {
		if g.kind == kind {
			g.texts = append(g.texts, text)
			return groups
		}
	}
	return append(groups, &group{kind: kind, rule: rule, texts: []string{text}})
}

// fillResults lists found, missed and false alarms, grouped by kind, each
// kind with its rule once.
func (s *SpotTab) fillResults(sc *training.Scene, r training.SceneResult, revealed bool) {
	s.Results.RemoveAll()
	if !revealed {
		return
	}
	var found, missed, alarms []*group
	for _, ir := range r.Items {
		if ir.Found() {
			found = addTo(found, ir.Item.Kind, ir.Item.Rule, ir.Item.Text)
		} else {
			missed = addTo(missed, ir.Item.Kind, ir.Item.Rule, ir.Item.Text)
		}
	}
	for _, mr := range r.Marks {
		switch {
		case !mr.FalseAlarm():
		case mr.TooBig:
			alarms = addTo(alarms, "too-big", "A mark over most of the photo does not count: mark the details themselves.", "a very large box")
		case len(mr.Others) == 0:
			alarms = addTo(alarms, "", "Nothing written here is patient information.", "a mark on empty space")
		default:
			it := sc.Items[mr.Others[0]]
			alarms = addTo(alarms, it.Kind, it.Rule, it.Text)
		}
	}
	section := func(title string, imp widget.Importance, groups []*group, n int) {
		if n == 0 {
			return
		}
		h := widget.NewLabelWithStyle(fmt.Sprintf("%s (%d)", title, n), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		h.Importance = imp
		s.Results.Add(h)
		sort.SliceStable(groups, func(i, j int) bool { return len(groups[i].texts) > len(groups[j].texts) })
		for _, g := range groups {
			label := training.KindLabel(g.kind)
			switch g.kind {
			case "too-big":
				label = "Too big"
			case "":
				label = "Empty space"
			}
			head := fmt.Sprintf("%s (%d)", label, len(g.texts))
			if q := sample(g.texts, 3); q != "" {
				head += ": " + q
			}
			l := widget.NewLabel(head + "\n" + g.rule)
			l.Wrapping = fyne.TextWrapWord
			s.Results.Add(l)
		}
	}
	section("Missed", widget.DangerImportance, missed, r.Missed)
	section("Found", widget.SuccessImportance, found, r.Found)
	section("False alarms", widget.WarningImportance, alarms, r.FalseAlarms)
}

// sample lists up to n texts, quoted, with how many more. A picture
// (a face, a code) has no text to quote: its kind's label says it all, so
// its stand-in, "(face)", is never shown.
func sample(texts []string, n int) string {
	var quoted []string
	for _, t := range texts {
		if !(strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")")) {
			quoted = append(quoted, "“"+t+"”")
		}
	}
	if len(quoted) > n {
		quoted = append(quoted[:n], fmt.Sprintf("and %d more", len(quoted)-n))
	}
	return strings.Join(quoted, ", ")
}

// scannerText says what SafePost found on the scene, scored against the
// same ground truth, so trainees see where the tool falls short.
func (s *SpotTab) scannerText(sc *training.Scene, revealed bool) string {
	st := s.t.scanOf(sc.Name)
	switch {
	case !revealed:
		if st != nil && st.done {
			return "SafePost has read this photo. Its answer shows after the reveal."
		}
		return "SafePost is reading this photo too. Its answer shows after the reveal."
	case st == nil || !st.done:
		return "SafePost is still reading this photo…"
	case st.err != nil:
		if errors.Is(st.err, context.Canceled) {
			return "SafePost's scan was stopped."
		}
		return "SafePost's scanner could not run: " + st.err.Error() + ". In the app, a photo it cannot check is blocked until someone blurs it by hand."
	}
	res := st.res
	var marks []training.Mark
	for _, reg := range res.Regions {
		marks = append(marks, training.Mark{Box: reg.Box})
	}
	sr := training.Score(sc, marks, training.ScannerRules)
	var b strings.Builder
	fmt.Fprintf(&b, "SafePost would blur %d %s (took %.1f s).", len(res.Regions), plural(len(res.Regions), "area", "areas"), st.took.Seconds())
	if sr.Total() > 0 {
		fmt.Fprintf(&b, " They cover %d of the %d pieces of patient information.", sr.Found, sr.Total())
	}
	for _, reg := range res.Regions {
		if a := reg.Box.Intersect(sc.Bounds()); a.Dx()*a.Dy()*5 > sc.Width*sc.Height*3 {
			b.WriteString(" One area covers most of the photo: SafePost read a patient list and blurs the whole of it, which is safe but leaves little to share.")
			break
		}
	}
	missed := map[string]int{}
	for _, ir := range sr.Items {
		if !ir.Found() {
			missed[ir.Item.Kind]++
		}
	}
	if len(missed) > 0 {
		var kinds []string
		for k, n := range missed {
			kinds = append(kinds, fmt.Sprintf("%s (%d)", strings.ToLower(training.KindLabel(k)), n))
		}
		sort.Strings(kinds)
		fmt.Fprintf(&b, "\nIt missed: %s. Handwriting, glare, angles and faint print defeat OCR; "+
			"that is why the app asks you to look at every photo before sharing.", strings.Join(kinds, ", "))
	} else if sr.Total() > 0 {
		b.WriteString("\nIt missed nothing here, but it can: always look at the photo yourself.")
	}
	if sr.FalseAlarms > 0 {
		fmt.Fprintf(&b, "\nIt also blurred %d %s with no patient information (being careful costs little).",
			sr.FalseAlarms, plural(sr.FalseAlarms, "area", "areas"))
	}
	if sr.Total() == 0 && sr.FalseAlarms == 0 {
		b.WriteString(" Rightly, nothing to blur.")
	}
	return b.String()
}
