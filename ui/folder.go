package ui

import (
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safepost/checks"
	"safepost/internal/compose"
	"safepost/internal/decisions"
	"safepost/internal/folder"
	"safepost/internal/imageio"
	"safepost/internal/review"
)

// PrefReviewerName is the name folder-review reports give as the reviewer;
// when empty the display name is used.
const PrefReviewerName = "reviewerName"

// FolderView is the folder review mode of the main window: a comms
// officer checks a folder of photos, decides on each and exports the
// approved ones with a report.
// Its widgets are exported so tests can tap and type.
type FolderView struct {
	u     *UI
	Model *folder.Model
	// Win is the main window, where the folder review is a mode.
	Win   fyne.Window
	store *decisions.Store
	// list is the list and detail; a review shows in its place.
	list fyne.CanvasObject

	OpenFolder    *widget.Button
	Folder        *widget.Label
	Progress      *widget.ProgressBar
	ProgressLabel *widget.Label
	Filter        *widget.Select
	Sort          *widget.Select
	Search        *widget.Entry
	Shown         *widget.Label
	List          *FolderList

	Thumb        *canvas.Image
	Title        *widget.Label
	State        *widget.Label
	DecisionText *widget.Label
	Note         *widget.Entry
	Open         *widget.Button
	Approve      *widget.Button
	NeedsChanges *widget.Button
	Reject       *widget.Button
	Retry        *widget.Button
	Prev, Next   *widget.Button
	Export       *widget.Button
	Message      *widget.Label

	// Visible is the list's content, in order.
	Visible []*folder.Item
	// Selected is the chosen item's ID (0 for none).
	Selected int
	// Review is the open review, if any: it shows in place of the list.
	Review *Review

	// ChooseFolder asks for a folder; tests replace it.
	ChooseFolder func(func(dir string))
	// Notify tells the person something finished; tests replace it.
	Notify func(title, msg string)
	// Ask asks for one short answer per prompt; answers is nil when the
	// person cancels. check validates each answer. Tests replace it.
	Ask func(title string, prompts []string, check func(string) error, answers func([]string))
	// OnSettled, if set, runs whenever every image has been checked.
	OnSettled func()

	exporting bool
	reviewGen int
	reviewID  int
}

// ReviewFolder asks for a folder and opens it for review (the main
// window's "Review a folder…" button and Ctrl+Shift+O).
func (u *UI) ReviewFolder() {
	v := u.OpenFolderReview("")
	v.ChooseFolder(v.OpenDir)
}

// OpenFolderReview shows the folder review mode on dir (empty for none
// yet) and starts checking every image in it, as many at once as there
// are cores.
func (u *UI) OpenFolderReview(dir string) *FolderView {
	if u.Folder == nil {
		u.Folder = u.newFolderView(runtime.NumCPU())
	}
	v := u.Folder
	if dir != "" {
		v.OpenDir(dir)
	}
	u.Modes.Select(u.FolderTab)
	return v
}

func (u *UI) newFolderView(workers int) *FolderView {
	v := &FolderView{u: u, Win: u.Win}
	v.ChooseFolder = func(fn func(string)) { u.ChooseFolder(fn) }
	v.Notify = func(title, msg string) { u.Notify(title, msg) }
	v.Ask = v.askDialog
	store, err := decisions.DefaultPath()
	var openErr error
	if err == nil {
		v.store, openErr = decisions.Open(store)
	} else {
		openErr = err
	}
	v.Model = folder.NewModel(u.eng, u.checks, v.store, u.do, workers)
	v.Model.Style = u.Model.Style
	v.build()
	if openErr != nil {
		// Reviewing still works; decisions are kept only while the window
		// is open.
		v.Model.StoreErr = fmt.Errorf("decisions will not be remembered: %w", openErr)
	}
	v.Model.OnChange(v.refresh)
	u.FolderTab.Content = v.list
	u.Modes.Refresh()
	v.refresh()
	return v
}

// close stops the folder review and releases the decisions database
// (when SafePost quits, or Close).
func (v *FolderView) close() {
	if v.Review != nil {
		v.Review.Close()
	}
	v.Model.Close()
	m, store := v.Model, v.store
	go func() {
		// Scans still running were cancelled; the store closes when
		// they have let go of it.
		m.Wait()
		if store != nil {
			store.Close()
		}
	}()
	if v.u.Folder == v {
		v.u.Folder = nil
	}
}

// Close ends the folder review, releases the decisions database and shows
// the post again.
func (v *FolderView) Close() {
	v.close()
	u := v.u
	if u.Modes.Selected() == u.FolderTab {
		u.Modes.Select(u.PostTab)
	}
	u.FolderTab.Content = widget.NewLabel("")
	u.Modes.Refresh()
}

// OpenDir adds every image in dir to the review.
func (v *FolderView) OpenDir(dir string) {
	if errs := v.Model.AddFolder(dir); len(errs) > 0 {
		v.Message.SetText(errs[0].Error())
	}
}

// AddPaths adds dropped files and folders; dropped files that are not
// photos (by extension) are left out.
func (v *FolderView) AddPaths(paths []string) {
	var keep, skipped []string
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && !imageio.IsImagePath(p) {
			skipped = append(skipped, filepath.Base(p))
			continue
		}
		keep = append(keep, p)
	}
	errs := v.Model.AddPaths(keep)
	switch {
	case len(errs) > 0:
		v.Message.SetText(errs[0].Error())
	case len(skipped) > 0:
		v.Message.SetText("Not added (not photos): " + strings.Join(skipped, ", "))
	}
}

func (v *FolderView) build() {
	v.OpenFolder = widget.NewButtonWithIcon("Open folder…", theme.FolderOpenIcon(), func() { v.ChooseFolder(v.OpenDir) })
	v.Folder = widget.NewLabel("")
	v.Folder.Truncation = fyne.TextTruncateEllipsis
	v.Progress = widget.NewProgressBar()
	v.ProgressLabel = widget.NewLabel("")
	v.Filter = widget.NewSelect(folder.Filters(), func(string) { v.refresh() })
	v.Filter.Selected = string(folder.ShowAll)
	v.Sort = widget.NewSelect(folder.Orders(), func(string) { v.refresh() })
	v.Sort.Selected = string(folder.FlaggedFirst)
	v.Search = widget.NewEntry()
	v.Search.SetPlaceHolder("Search file names")
	v.Search.OnChanged = func(string) { v.refresh() }
	v.Shown = widget.NewLabel("")
	v.List = newFolderList(v)

	v.Thumb = canvas.NewImageFromImage(nil)
	v.Thumb.FillMode = canvas.ImageFillContain
	v.Thumb.SetMinSize(fyne.NewSize(320, 240))
	v.Title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.Title.Truncation = fyne.TextTruncateEllipsis
	v.State = widget.NewLabel("")
	v.State.Wrapping = fyne.TextWrapWord
	v.DecisionText = widget.NewLabel("")
	v.DecisionText.Wrapping = fyne.TextWrapWord
	v.Note = widget.NewEntry()
	v.Note.SetPlaceHolder("Note for the report (optional; no patient details)")
	v.Open = widget.NewButtonWithIcon("Open review", theme.VisibilityIcon(), func() { v.OpenItem(v.Selected) })
	v.Approve = widget.NewButtonWithIcon("Approve (A)", theme.ConfirmIcon(), v.DoApprove)
	v.Approve.Importance = widget.SuccessImportance
	v.NeedsChanges = widget.NewButtonWithIcon("Needs changes (N)", theme.DocumentCreateIcon(), v.DoNeedsChanges)
	v.NeedsChanges.Importance = widget.WarningImportance
	v.Reject = widget.NewButtonWithIcon("Reject (R)", theme.CancelIcon(), v.DoReject)
	v.Reject.Importance = widget.DangerImportance
	v.Retry = widget.NewButtonWithIcon("Check again", theme.ViewRefreshIcon(), func() {
		if v.Review != nil && v.reviewID == v.Selected {
			v.Review.Close()
		}
		v.Model.Retry(v.Selected)
	})
	v.Prev = widget.NewButtonWithIcon("Previous", theme.MoveUpIcon(), func() { v.Move(-1) })
	v.Next = widget.NewButtonWithIcon("Next", theme.MoveDownIcon(), func() { v.Move(1) })
	v.Export = widget.NewButtonWithIcon("Export approved…", theme.DocumentSaveIcon(), v.DoExport)
	v.Export.Importance = widget.HighImportance
	v.Message = widget.NewLabel("")
	v.Message.Wrapping = fyne.TextWrapWord
	v.Message.Importance = widget.WarningImportance

	keys := widget.NewLabel("Keys: ↑/↓ or J/K move · Enter opens the review · A approve · N needs changes · R reject")
	keys.Wrapping = fyne.TextWrapWord
	keys.Importance = widget.LowImportance
	// The buttons stay in view; the picture and text scroll if need be.
	info := container.NewVScroll(container.NewVBox(container.NewPadded(v.Thumb), v.Title, v.State, v.DecisionText))
	actions := container.NewVBox(v.Note,
		container.NewGridWithColumns(2, v.Open, v.Approve, v.NeedsChanges, v.Reject),
		container.NewGridWithColumns(3, v.Prev, v.Next, v.Retry), keys)
	detail := container.NewBorder(nil, actions, nil, nil, info)
	top := container.NewVBox(
		container.NewBorder(nil, nil, v.OpenFolder, v.Export, v.Folder),
		container.NewBorder(nil, nil, nil, v.ProgressLabel, v.Progress),
		container.NewBorder(nil, nil,
			container.NewHBox(widget.NewLabel("Show"), v.Filter, widget.NewLabel("Sort"), v.Sort), v.Shown, v.Search),
	)
	split := container.NewHSplit(v.List, detail)
	split.Offset = 0.55
	v.list = container.NewBorder(top, v.Message, nil, nil, split)
}

// typedKey handles navigation keys; it reports whether it used the key.
func (v *FolderView) typedKey(e *fyne.KeyEvent) bool {
	if v.Review != nil {
		// The review shows in place of the list: Escape goes back to it.
		if e.Name == fyne.KeyEscape {
			v.Review.Close()
			return true
		}
		return false
	}
	switch e.Name {
	case fyne.KeyDown:
		v.Move(1)
	case fyne.KeyUp:
		v.Move(-1)
	case fyne.KeyReturn, fyne.KeyEnter:
		v.OpenItem(v.Selected)
	case fyne.KeyHome:
		v.selectIndex(0)
	case fyne.KeyEnd:
		v.selectIndex(len(v.Visible) - 1)
	default:
		return false
	}
	return true
}

// typedRune handles the decision keys.
func (v *FolderView) typedRune(r rune) bool {
	switch r {
	case 'a', 'A':
		v.DoApprove()
	case 'r', 'R':
		v.DoReject()
	case 'n', 'N':
		v.DoNeedsChanges()
	case 'j', 'J':
		v.Move(1)
	case 'k', 'K':
		v.Move(-1)
	default:
		return false
	}
	return true
}

// Move selects the item delta places along the list (the first or last
// when nothing is selected).
func (v *FolderView) Move(delta int) {
	i := v.index(v.Selected)
	switch {
	case i >= 0:
		v.selectIndex(max(0, min(len(v.Visible)-1, i+delta)))
	case delta > 0:
		v.selectIndex(0)
	default:
		v.selectIndex(len(v.Visible) - 1)
	}
}

func (v *FolderView) index(id int) int {
	for i, it := range v.Visible {
		if it.ID == id {
			return i
		}
	}
	return -1
}

func (v *FolderView) selectIndex(i int) {
	if i < 0 || i >= len(v.Visible) {
		return
	}
	v.List.Select(i)
}

// SelectItem selects item id if it is in the list.
func (v *FolderView) SelectItem(id int) {
	if i := v.index(id); i >= 0 {
		v.List.Select(i)
	}
}

func (v *FolderView) refresh() {
	m := v.Model
	done, total := m.Progress()
	v.Progress.Max = float64(max(total, 1))
	v.Progress.SetValue(float64(done))
	var flagged, approved, failed int
	for _, it := range m.Items {
		if it.Flagged() {
			flagged++
		}
		if it.Decision == decisions.Approved {
			approved++
		}
		if it.Unchecked() {
			failed++
		}
	}
	label := fmt.Sprintf("%d of %d checked · %d flagged · %d approved", done, total, flagged, approved)
	if failed > 0 {
		label += fmt.Sprintf(" · %d could not check", failed)
	}
	if total == 0 {
		label = "No images yet: open a folder or drop photos here"
	}
	v.ProgressLabel.SetText(label)
	where := m.Root
	if where == "" && total > 0 {
		where = fmt.Sprintf("%d dropped files", total)
	}
	v.Folder.SetText(where)

	v.Visible = m.View(folder.Filter(v.Filter.Selected), folder.Order(v.Sort.Selected), v.Search.Text)
	v.Shown.SetText(fmt.Sprintf("%d shown", len(v.Visible)))
	v.List.Refresh()
	if i := v.index(v.Selected); i >= 0 {
		v.List.selecting = true
		v.List.Select(i)
		v.List.selecting = false
	} else {
		v.List.UnselectAll()
		v.Selected = 0
	}
	enable(v.Export, !v.exporting && approved > 0)
	v.refreshDetail()
	switch {
	case m.StoreErr != nil:
		v.Message.SetText(m.StoreErr.Error())
	case v.reviewerName() == "" && total > 0 && v.Message.Text == "":
		v.Message.SetText("Set your name in Preferences (or when asked) so the report says who reviewed each image.")
	}
	if v.OnSettled != nil && total > 0 && done == total && !v.exporting {
		v.OnSettled()
	}
}

func (v *FolderView) refreshDetail() {
	it := v.Model.Item(v.Selected)
	for _, b := range []*widget.Button{v.Open, v.Approve, v.NeedsChanges, v.Reject, v.Retry} {
		enable(b, it != nil)
	}
	enable(v.Prev, len(v.Visible) > 0)
	enable(v.Next, len(v.Visible) > 0)
	if it == nil {
		v.Thumb.Image = nil
		v.Thumb.Refresh()
		v.Title.SetText("Choose an image")
		v.State.SetText("Flagged images come first. Open one to see what was blurred and why.")
		v.DecisionText.SetText("")
		return
	}
	v.Thumb.Image = nil
	if it.Thumb != nil {
		v.Thumb.Image = it.Thumb
	}
	v.Thumb.Refresh()
	v.Title.SetText(it.Name)
	state := it.Status()
	if len(it.Regions) > 0 {
		state += "\n" + kindsSummary(it.Regions)
	}
	v.State.SetText(state)
	dec := it.DecisionLabel()
	if it.Decision != decisions.Undecided && it.Reviewer != "" {
		dec += " by " + it.Reviewer
	}
	if !it.Decided.IsZero() && it.Decision != decisions.Undecided {
		dec += ", " + it.Decided.Local().Format("2 Jan 15:04")
	}
	if it.Note != "" {
		dec += " — " + it.Note
	}
	if why := v.Model.CanApprove(it.ID); why != "" && it.Settled() && it.Decision != decisions.Approved {
		dec += "\nCannot approve yet: " + why
	}
	v.DecisionText.SetText(dec)
	enable(v.Open, it.Settled() && it.Readable)
	// With only reasons missing, Approve asks for them.
	enable(v.Approve, it.Decision != decisions.Approved && v.Model.StateBlocker(it) == "")
	enable(v.Reject, it.Settled())
	enable(v.NeedsChanges, it.Settled())
	enable(v.Retry, it.State == review.Failed)
}

// kindsSummary is "2 person-name, 1 nhs-number" for the regions that are on,
// plus how many a person left clear or drew.
func kindsSummary(regions []review.Region) string {
	counts := map[string]int{}
	var order []string
	off, drawn := 0, 0
	for _, r := range regions {
		if r.Drawn() {
			drawn++
		}
		if r.Off {
			off++
			continue
		}
		for _, k := range r.Kinds {
			l := checks.KindLabel(k)
			if counts[l] == 0 {
				order = append(order, l)
			}
			counts[l]++
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		if counts[order[i]] != counts[order[j]] {
			return counts[order[i]] > counts[order[j]]
		}
		return order[i] < order[j]
	})
	var parts []string
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%s (%d)", k, counts[k]))
	}
	s := strings.Join(parts, ", ")
	if off > 0 {
		s += fmt.Sprintf("; %d left clear by you", off)
	}
	if drawn > 0 {
		s += fmt.Sprintf("; %d drawn by you", drawn)
	}
	return strings.TrimPrefix(s, "; ")
}

func (v *FolderView) reviewerName() string {
	prefs := v.u.App.Preferences()
	if n := strings.TrimSpace(prefs.String(PrefReviewerName)); n != "" {
		return n
	}
	return strings.TrimSpace(prefs.String(PrefDisplayName))
}

// withReviewer runs fn with the reviewer's name, asking for it once.
func (v *FolderView) withReviewer(fn func(name string)) {
	if n := v.reviewerName(); n != "" {
		fn(n)
		return
	}
	v.Ask("Your name", []string{"Your name for the review report"}, func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("enter your name")
		}
		if len([]rune(s)) > decisions.MaxReviewer {
			return fmt.Errorf("keep it under %d characters", decisions.MaxReviewer)
		}
		return nil
	}, func(answers []string) {
		if answers == nil {
			return
		}
		v.u.App.Preferences().SetString(PrefReviewerName, decisions.CleanReason(answers[0]))
		fn(v.reviewerName())
	})
}

// DoApprove approves the selected image, first asking for a reason for
// each area changed by hand that has none.
func (v *FolderView) DoApprove() {
	id := v.Selected
	it := v.Model.Item(id)
	if it == nil {
		return
	}
	if missing := it.MissingReasons(); len(missing) > 0 && v.Model.StateBlocker(it) == "" {
		var prompts []string
		for _, i := range missing {
			r := it.Regions[i]
			what := "drawn by you"
			if r.Off {
				what = "left clear (" + checks.KindLabels(r.Kinds) + ")"
			}
			prompts = append(prompts, fmt.Sprintf("Area %d %s: why?", i+1, what))
		}
		v.Ask("Reasons for your changes", prompts, func(s string) error {
			_, err := v.Model.CheckReason(s)
			return err
		}, func(answers []string) {
			if answers == nil {
				return
			}
			for k, i := range missing {
				if err := v.Model.SetReason(id, i, answers[k]); err != nil {
					v.Message.SetText(err.Error())
					return
				}
			}
			v.decide(id, decisions.Approved, v.Note.Text)
		})
		return
	}
	v.decide(id, decisions.Approved, v.Note.Text)
}

// DoReject rejects the selected image.
func (v *FolderView) DoReject() { v.decide(v.Selected, decisions.Rejected, v.Note.Text) }

// DoNeedsChanges marks the selected image as needing changes, asking what
// when the note is empty.
func (v *FolderView) DoNeedsChanges() {
	id := v.Selected
	if v.Model.Item(id) == nil {
		return
	}
	if strings.TrimSpace(v.Note.Text) != "" {
		v.decide(id, decisions.NeedsChanges, v.Note.Text)
		return
	}
	v.Ask("Needs changes", []string{"What needs changing?"}, func(s string) error {
		_, err := v.Model.CheckReason(s)
		return err
	}, func(answers []string) {
		if answers != nil {
			v.decide(id, decisions.NeedsChanges, answers[0])
		}
	})
}

func (v *FolderView) decide(id int, d decisions.Decision, note string) {
	if v.Model.Item(id) == nil {
		return
	}
	v.withReviewer(func(name string) {
		if err := v.Model.Decide(id, d, strings.TrimSpace(note), name); err != nil {
			v.Message.SetText("Not recorded: " + err.Error())
			return
		}
		v.Message.SetText("")
		v.Note.SetText("")
		// On to the next image still to decide, in list order.
		start := v.index(id)
		for k := 1; k <= len(v.Visible); k++ {
			next := v.Visible[(start+k+len(v.Visible))%len(v.Visible)]
			if next.Decision == decisions.Undecided {
				v.SelectItem(next.ID)
				return
			}
		}
	})
}

// DoExport asks for a folder and exports the approved images there with
// the report.
func (v *FolderView) DoExport() {
	if v.exporting {
		return
	}
	v.ChooseFolder(v.ExportTo)
}

// ExportTo writes the approved images and the report into dir.
func (v *FolderView) ExportTo(dir string) {
	if err := v.Model.CheckExportDir(dir); err != nil {
		v.Message.SetText(err.Error())
		return
	}
	v.exporting = true
	v.Export.Disable()
	v.Message.SetText("Exporting…")
	v.Model.Export(dir, func(done, total int) {
		v.Message.SetText(fmt.Sprintf("Exporting: %d of %d written", done, total))
	}, func(res folder.ExportResult, err error) {
		v.exporting = false
		v.refresh()
		if err != nil {
			v.Message.SetText("Export failed: " + err.Error())
			return
		}
		msg := fmt.Sprintf("%d approved %s written to %s (blurred, no location or camera data).\nReport: %s and %s.",
			len(res.Written), plural(len(res.Written), "image", "images"), res.Dir, filepath.Base(res.HTML), filepath.Base(res.CSV))
		if res.Unapproved > 0 {
			msg += fmt.Sprintf("\n%d not approved, so not exported.", res.Unapproved)
		}
		if len(res.Skipped) > 0 {
			msg += "\nNot written:\n" + strings.Join(res.Skipped, "\n")
		}
		v.Message.SetText(strings.ReplaceAll(msg, "\n", " "))
		v.Notify("Exported", msg)
	})
}

// OpenItem opens item id in the review window. The file is read again (and
// its hash checked); the full-size pixels live only while the window is
// open.
func (v *FolderView) OpenItem(id int) {
	it := v.Model.Item(id)
	if it == nil || !it.Settled() || !it.Readable {
		return
	}
	v.reviewGen++
	gen := v.reviewGen
	v.Message.SetText("Opening " + it.Name + "…")
	v.Model.Open(id, func(orig, red *image.NRGBA, err error) {
		if gen != v.reviewGen {
			return
		}
		if err != nil {
			v.Message.SetText(it.Name + ": " + err.Error())
			return
		}
		v.Message.SetText("")
		v.showReview(it, orig, red)
	})
}

// showReview shows the composer's review, in place of the folder list,
// on a one-photo model holding item it; every change there comes back to
// the folder model.
func (v *FolderView) showReview(it *folder.Item, orig, red *image.NRGBA) {
	if v.Review != nil {
		v.Review.Close()
	}
	m := compose.NewModel(v.u.eng, v.u.checks, v.u.do, 1)
	m.Style = v.Model.Style
	item := it.Item
	item.Regions = slices.Clone(it.Regions)
	p := m.Hold(it.Name, item, orig, red)
	shadow := &UI{App: v.u.App, Win: v.Win, Model: m, eng: v.u.eng, checks: v.u.checks, do: v.u.do, Confirm: v.u.Confirm}
	rv := shadow.newReview(p.ID, it.Name)
	rv.Done.SetText("Back to the folder")
	// The folder's own decisions (Approve…) say a person looked.
	rv.Looked.Hide()
	// Descriptions go with a post, not a folder's export.
	rv.Describe.Hide()
	shadow.Review = rv
	m.ShrinkOriginal(p)
	rv.refresh()
	v.Review, v.reviewID = rv, it.ID
	shown := red
	m.OnChange(func() {
		if shadow.Review != nil {
			shadow.Review.refresh()
		}
		if v.Model.Closed() {
			return
		}
		v.Model.ApplyReview(it.ID, p.Item, p.Redoing)
		if p.Redacted != nil && p.Redacted != shown && !p.Redoing {
			shown = p.Redacted
			v.Model.Reblurred(it.ID, p.Redacted)
		}
	})
	rv.onClose = func() {
		shadow.Review = nil
		m.Close()
		if v.Review == rv {
			v.Review = nil
			v.u.FolderTab.Content = v.list
			v.u.Modes.Refresh()
		}
	}
	v.u.FolderTab.Content = rv.Content
	v.u.Modes.Refresh()
	v.u.Modes.Select(v.u.FolderTab)
}

// askDialog is Ask as a form dialog on the folder window.
func (v *FolderView) askDialog(title string, prompts []string, check func(string) error, answers func([]string)) {
	var entries []*widget.Entry
	var items []*widget.FormItem
	for _, p := range prompts {
		e := widget.NewEntry()
		e.Validator = check
		e.SetPlaceHolder("Short; no patient details")
		entries = append(entries, e)
		items = append(items, widget.NewFormItem(p, e))
	}
	d := dialog.NewForm(title, "OK", "Cancel", items, func(ok bool) {
		if !ok {
			answers(nil)
			return
		}
		out := make([]string, len(entries))
		for i, e := range entries {
			out[i] = e.Text
		}
		answers(out)
	}, v.Win)
	d.Resize(fyne.NewSize(560, float32(160+70*len(prompts))))
	v.u.present(d)
	if len(entries) > 0 {
		v.Win.Canvas().Focus(entries[0])
	}
}

// FolderList is the folder review's list. It takes the review keys itself
// when it has the keyboard focus (a list tapped on desktop keeps it).
type FolderList struct {
	widget.List
	v         *FolderView
	selecting bool
}

// folderRow is one line of the list.
type folderRow struct {
	thumb    *canvas.Image
	name     *widget.Label
	status   *widget.Label
	decision *widget.Label
}

func newFolderList(v *FolderView) *FolderList {
	l := &FolderList{v: v}
	l.Length = func() int { return len(v.Visible) }
	l.CreateItem = func() fyne.CanvasObject {
		thumb := canvas.NewImageFromImage(nil)
		thumb.FillMode = canvas.ImageFillContain
		thumb.SetMinSize(fyne.NewSize(72, 54))
		name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Truncation = fyne.TextTruncateEllipsis
		status := widget.NewLabel("")
		status.Truncation = fyne.TextTruncateEllipsis
		decision := widget.NewLabel("")
		row := container.NewBorder(nil, nil, thumb, decision, container.New(layout.NewCustomPaddedVBoxLayout(-8), name, status))
		return row
	}
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		if i >= len(v.Visible) {
			return
		}
		it := v.Visible[i]
		r := rowParts(o)
		r.thumb.Image = nil
		if it.Thumb != nil {
			r.thumb.Image = it.Thumb
		}
		r.thumb.Refresh()
		r.name.SetText(it.Name)
		r.status.Importance = widget.MediumImportance
		switch {
		case it.Unchecked():
			r.status.Importance = widget.DangerImportance
		case it.State == review.Done && it.Blurred() > 0:
			r.status.Importance = widget.WarningImportance
		}
		r.status.SetText(it.Status())
		r.decision.SetText(it.DecisionLabel())
		switch it.Decision {
		case decisions.Approved:
			r.decision.Importance = widget.SuccessImportance
		case decisions.Rejected:
			r.decision.Importance = widget.DangerImportance
		case decisions.NeedsChanges:
			r.decision.Importance = widget.WarningImportance
		default:
			r.decision.Importance = widget.MediumImportance
		}
		r.decision.Refresh()
	}
	l.OnSelected = func(i widget.ListItemID) {
		if i < len(v.Visible) {
			changed := v.Selected != v.Visible[i].ID
			v.Selected = v.Visible[i].ID
			if changed || !l.selecting {
				v.refreshDetail()
			}
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

func rowParts(o fyne.CanvasObject) folderRow {
	row := o.(*fyne.Container)
	var r folderRow
	for _, obj := range row.Objects {
		switch x := obj.(type) {
		case *canvas.Image:
			r.thumb = x
		case *widget.Label:
			r.decision = x
		case *fyne.Container:
			r.name = x.Objects[0].(*widget.Label)
			r.status = x.Objects[1].(*widget.Label)
		}
	}
	return r
}

// TypedKey moves through the list and opens items.
func (l *FolderList) TypedKey(e *fyne.KeyEvent) {
	if !l.v.typedKey(e) {
		l.List.TypedKey(e)
	}
}

// TypedRune takes the decision keys.
func (l *FolderList) TypedRune(r rune) {
	if !l.v.typedRune(r) {
		l.List.TypedRune(r)
	}
}
