// Package ui is SafePost's desktop app: the composer, the photo strip, the
// review and the preview. It holds no state of its own beyond widgets (the
// Model has it) and runs every long job off the UI goroutine. It never
// imports fyne.io/fyne/v2/app, so tests drive it with fyne.io/fyne/v2/test.
package ui

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safepost/checks"
	"safepost/internal/compose"
	"safepost/internal/imageio"
	"safepost/internal/post"
	"safepost/internal/redact"
	"safepost/internal/review"
)

// Options configure the app.
type Options struct {
	Engine review.Engine
	Checks *checks.Scanner
	// EngineErr, when set, is why the engine could not start; every photo
	// then fails closed with it.
	EngineErr error
	// Do runs a function on the UI goroutine; nil means fyne.Do.
	Do func(func())
	// Workers is how many photos are checked at once (default 1).
	Workers int
	// ConfigPath is the trust's config file that "Add to my ward's list"
	// writes to; empty leaves the button out.
	ConfigPath string
}

// Preference keys.
const (
	PrefDisplayName = "displayName"
	PrefNetwork     = "network"
	PrefStyle       = "redactionStyle"
	PrefTessdata    = "tessdataPath"
)

// UI is the main window's widgets, exported so tests can tap and type.
type UI struct {
	App   fyne.App
	Win   fyne.Window
	Model *compose.Model

	// eng, checks and do are what every model of the app is made with.
	eng    review.Engine
	checks *checks.Scanner
	do     func(func())

	Network  *widget.Select
	Counter  *widget.Label
	Editor   *PostEntry
	Findings *fyne.Container
	// Marked is the post text with its flagged parts marked (nil when
	// nothing is flagged); FindingRows are the flagged items under it.
	Marked      *widget.RichText
	FindingRows []*FindingRow

	AddPhotos *widget.Button
	Strip     *fyne.Container
	Cards     map[int]*PhotoCard

	Blocked    *widget.Label
	CopyText   *widget.Button
	SaveImages *widget.Button
	Preview    *Preview

	// Modes are the main window's modes: the post, the folder review and
	// training, each a tab of the one window.
	Modes                        *container.AppTabs
	PostTab, FolderTab, TrainTab *container.TabItem
	// Composer is the post tab's own content: the post beside its
	// preview. A photo's review shows in its place while open.
	Composer fyne.CanvasObject

	// Review is the open review, if any.
	Review *Review
	// Training is the training mode, once opened.
	Training *Training
	// Folder is the folder review mode, once opened.
	Folder *FolderView

	// dialogs are the dialogs showing, newest last: Escape closes the
	// newest.
	dialogs []dialog.Dialog

	// OnSettled, if set, runs whenever every photo has finished checking.
	OnSettled func()
	// ChooseFolder asks for a folder to save into; tests replace it.
	ChooseFolder func(func(dir string))
	// Notify tells the person something finished; tests replace it.
	Notify func(title, msg string)
	// Saved says what was saved in dir, offering to show the folder;
	// tests replace it.
	Saved func(msg, dir string)
	// Confirm asks the person a yes-or-no question; tests replace it.
	Confirm func(title, msg string, fn func(bool))
}

// New builds the main window's content into win.
func New(a fyne.App, win fyne.Window, opts Options) *UI {
	do := opts.Do
	if do == nil {
		do = fyne.Do
	}
	eng := opts.Engine
	if opts.EngineErr != nil || eng == nil {
		eng = review.Unavailable(opts.EngineErr)
	}
	u := &UI{App: a, Win: win, Model: compose.NewModel(eng, opts.Checks, do, opts.Workers), Cards: map[int]*PhotoCard{},
		eng: eng, checks: opts.Checks, do: do}
	prefs := a.Preferences()
	u.Model.Network = post.ByName(prefs.StringWithFallback(PrefNetwork, string(post.X))).Network
	if s, err := redact.ParseStyle(prefs.String(PrefStyle)); err == nil {
		u.Model.Style = s
	}
	u.ChooseFolder = u.chooseFolder
	u.Notify = func(title, msg string) { u.present(dialog.NewInformation(title, msg, win)) }
	u.Confirm = func(title, msg string, fn func(bool)) { u.present(dialog.NewConfirm(title, msg, fn, win)) }
	u.Saved = u.showSaved
	u.Model.ConfigPath = opts.ConfigPath

	u.buildComposer()
	u.AddPhotos = widget.NewButtonWithIcon("Add photos…", theme.ContentAddIcon(), func() { u.OpenPhotos() })
	u.Strip = container.NewHBox()
	stripScroll := container.NewHScroll(u.Strip)
	stripScroll.SetMinSize(fyne.NewSize(0, cardHeight+theme.Padding()*2))

	// One line, cut short if need be: the preview's banner beside it says
	// it in full, and every line here is one less for the flags above.
	u.Blocked = widget.NewLabel("")
	u.Blocked.Truncation = fyne.TextTruncateEllipsis
	u.Blocked.Importance = widget.WarningImportance
	u.CopyText = widget.NewButtonWithIcon("Copy text", theme.ContentCopyIcon(), u.DoCopyText)
	u.CopyText.Importance = widget.HighImportance
	u.SaveImages = widget.NewButtonWithIcon("Save images…", theme.DocumentSaveIcon(), u.DoSaveImages)
	u.Preview = NewPreview()

	top := container.NewHBox(u.Network, u.Counter)
	text := container.NewVSplit(u.Editor, container.NewVScroll(u.Findings))
	text.Offset = 0.4
	composer := container.NewBorder(top, nil, nil, nil, text)
	photos := container.NewBorder(nil, nil, u.AddPhotos, nil, stripScroll)
	// The preview is the pane beside the post (and Ctrl+P); the reason
	// nothing can go out yet gets the row's width.
	actions := container.NewBorder(nil, nil, nil,
		container.NewHBox(u.SaveImages, u.CopyText), u.Blocked)
	left := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), photos, widget.NewSeparator(), actions), nil, nil, composer)

	split := container.NewHSplit(left, container.NewVScroll(u.Preview.Content))
	split.Offset = 0.5
	u.Composer = split

	u.PostTab = container.NewTabItemWithIcon("Post", theme.DocumentCreateIcon(), split)
	u.FolderTab = container.NewTabItemWithIcon("Review a folder", theme.FolderOpenIcon(), widget.NewLabel(""))
	u.TrainTab = container.NewTabItemWithIcon("Training", theme.AccountIcon(), widget.NewLabel(""))
	u.Modes = container.NewAppTabs(u.PostTab, u.FolderTab, u.TrainTab)
	u.Modes.OnSelected = u.modeSelected
	win.SetContent(u.Modes)
	win.SetMainMenu(u.mainMenu())

	win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { u.dropped(uris) })
	u.addShortcuts()
	win.SetCloseIntercept(u.Quit)
	u.Model.OnChange(u.refresh)
	u.refresh()
	return u
}

// showReview shows rv in the post tab, in place of the post and preview,
// so the photo gets the window's width; nil shows the post again.
func (u *UI) showReview(rv *Review) {
	if rv == nil {
		u.PostTab.Content = u.Composer
	} else {
		u.PostTab.Content = rv.Content
	}
	u.Modes.Refresh()
	u.Modes.Select(u.PostTab)
}

// mode is the main window's current mode.
func (u *UI) mode() *container.TabItem { return u.Modes.Selected() }

// modeSelected opens the folder review or training the first time its
// tab is chosen.
func (u *UI) modeSelected(t *container.TabItem) {
	switch t {
	case u.FolderTab:
		if u.Folder == nil {
			u.OpenFolderReview("")
		}
	case u.TrainTab:
		if u.Training == nil {
			u.OpenTraining()
		}
	}
}

// mainMenu is the window's menu bar. The shortcuts it shows are the
// window's (addShortcuts), so they work wherever the focus is.
func (u *UI) mainMenu() *fyne.MainMenu {
	ctrl := fyne.KeyModifierShortcutDefault
	item := func(label string, key fyne.KeyName, mod fyne.KeyModifier, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		if key != "" {
			it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
		}
		return it
	}
	quit := item("Quit", fyne.KeyQ, ctrl, u.Quit)
	quit.IsQuit = true
	file := fyne.NewMenu("File",
		item("Add photos…", fyne.KeyO, ctrl, func() { u.OpenPhotos() }),
		item("Save images…", fyne.KeyS, ctrl, u.DoSaveImages),
		item("Copy post text", fyne.KeyC, ctrl|fyne.KeyModifierShift, u.DoCopyText),
		fyne.NewMenuItemSeparator(),
		item("Review a folder…", fyne.KeyO, ctrl|fyne.KeyModifierShift, u.ReviewFolder),
		fyne.NewMenuItemSeparator(),
		item("Preferences…", "", 0, u.ShowPreferences),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	view := fyne.NewMenu("View",
		item("Post", fyne.Key1, ctrl, func() { u.Modes.Select(u.PostTab) }),
		item("Preview", fyne.KeyP, ctrl, u.OpenPreview),
		item("Folder review", fyne.Key2, ctrl, func() { u.Modes.Select(u.FolderTab) }),
		item("Training", fyne.Key3, ctrl, func() { u.Modes.Select(u.TrainTab) }),
	)
	help := fyne.NewMenu("Help", item("About SafePost", "", 0, u.ShowAbout))
	return fyne.NewMainMenu(file, view, help)
}

// present shows d and remembers it until it closes, so Escape can close
// the newest dialog.
func (u *UI) present(d dialog.Dialog) {
	u.dialogs = append(u.dialogs, d)
	d.SetOnClosed(func() {
		if i := slices.Index(u.dialogs, d); i >= 0 {
			u.dialogs = slices.Delete(u.dialogs, i, i+1)
		}
	})
	d.Show()
}

// dismiss closes the newest dialog as Cancel or No would; it reports
// whether there was one.
func (u *UI) dismiss() bool {
	if len(u.dialogs) == 0 {
		return false
	}
	u.dialogs[len(u.dialogs)-1].Hide()
	return true
}

// typedKey handles keys no widget took: Escape closes the newest dialog
// or the open review; the rest go to the mode showing.
func (u *UI) typedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyEscape && u.dismiss() {
		return
	}
	switch u.mode() {
	case u.PostTab:
		if e.Name == fyne.KeyEscape && u.Review != nil {
			u.Review.Close()
		}
	case u.FolderTab:
		if u.Folder != nil {
			u.Folder.typedKey(e)
		}
	case u.TrainTab:
		if u.Training != nil {
			u.Training.typedKey(e)
		}
	}
}

func (u *UI) typedRune(r rune) {
	if len(u.dialogs) > 0 {
		return
	}
	if u.mode() == u.FolderTab && u.Folder != nil {
		u.Folder.typedRune(r)
	}
}

// Quit closes SafePost: every window, and the post and photos, which were
// never written to disk. When there is a post or a photo to lose, it asks
// first.
func (u *UI) Quit() {
	if strings.TrimSpace(u.Model.Text()) == "" && len(u.Model.Photos) == 0 {
		u.quit()
		return
	}
	u.Confirm("Close SafePost?", "Your post and photos are not saved anywhere: closing discards them.", func(ok bool) {
		if ok {
			u.quit()
		}
	})
}

func (u *UI) quit() {
	if u.Folder != nil {
		u.Folder.close()
	}
	if u.Training != nil {
		u.Training.shutdown()
	}
	u.Model.Close()
	u.Win.Close()
	u.App.Quit()
}

func (u *UI) addShortcuts() {
	c := u.Win.Canvas()
	ctrl := fyne.KeyModifierShortcutDefault
	add := func(key fyne.KeyName, mod fyne.KeyModifier, fn func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod}, func(fyne.Shortcut) { fn() })
	}
	// One set of shortcuts for the window; each does what it means in the
	// mode showing.
	inMode := func(post, folder, training func()) func() {
		return func() {
			switch {
			case u.mode() == u.FolderTab && u.Folder != nil:
				if folder != nil {
					folder()
				}
			case u.mode() == u.TrainTab && u.Training != nil:
				if training != nil {
					training()
				}
			case u.mode() == u.PostTab && post != nil:
				post()
			}
		}
	}
	add(fyne.KeyO, ctrl, inMode(func() { u.OpenPhotos() }, func() { u.Folder.ChooseFolder(u.Folder.OpenDir) }, nil))
	add(fyne.KeyC, ctrl|fyne.KeyModifierShift, u.DoCopyText)
	add(fyne.KeyS, ctrl, u.DoSaveImages)
	add(fyne.KeyP, ctrl, u.OpenPreview)
	add(fyne.KeyO, ctrl|fyne.KeyModifierShift, u.ReviewFolder)
	add(fyne.KeyE, ctrl, inMode(nil, func() { u.Folder.DoExport() }, nil))
	add(fyne.KeyF, ctrl, inMode(nil, func() { c.Focus(u.Folder.Search) }, nil))
	add(fyne.KeyZ, ctrl, inMode(nil, nil, func() { u.Training.Spot.UndoMark() }))
	add(fyne.Key1, ctrl, func() { u.Modes.Select(u.PostTab) })
	add(fyne.Key2, ctrl, func() { u.Modes.Select(u.FolderTab) })
	add(fyne.Key3, ctrl, func() { u.Modes.Select(u.TrainTab) })
	add(fyne.KeyQ, ctrl, u.Quit)
	// Fyne's clipboard holds text only: a pasted file path or file:// URI
	// list (what file managers copy) attaches those photos.
	c.AddShortcut(&fyne.ShortcutPaste{}, func(fyne.Shortcut) { u.PastePaths(u.App.Clipboard().Content()) })
	c.SetOnTypedKey(u.typedKey)
	c.SetOnTypedRune(u.typedRune)
}

// dropped adds dropped files to the mode showing.
func (u *UI) dropped(uris []fyne.URI) {
	var paths []string
	for _, uri := range uris {
		if uri.Scheme() == "file" {
			paths = append(paths, uri.Path())
		}
	}
	if u.mode() == u.FolderTab && u.Folder != nil {
		u.Folder.AddPaths(paths)
		return
	}
	u.AddPaths(paths)
}

// AddPaths attaches photos by file path (command line, drag and drop).
func (u *UI) AddPaths(paths []string) {
	var skipped []string
	for _, p := range paths {
		if !imageio.IsImagePath(p) {
			skipped = append(skipped, p)
			continue
		}
		u.Model.AddPath(p)
	}
	if len(skipped) > 0 {
		u.Notify("Not added", "These are not photos SafePost can read:\n"+strings.Join(skipped, "\n"))
	}
}

// PastePaths attaches the photos named in clipboard text, one per line.
func (u *UI) PastePaths(text string) {
	var paths []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "file://") {
			if uu, err := url.Parse(line); err == nil {
				line = uu.Path
			}
		}
		if line != "" && imageio.IsImagePath(line) {
			paths = append(paths, line)
		}
	}
	if len(paths) > 0 {
		u.AddPaths(paths)
	}
}

// DoCopyText puts the post text on the clipboard if nothing blocks it.
func (u *UI) DoCopyText() {
	u.Modes.Select(u.PostTab)
	if why := u.Model.Blocked(); why != "" {
		u.Blocked.SetText(why)
		return
	}
	text := u.Model.ClipboardText()
	u.App.Clipboard().SetContent(text)
	msg := "The post text is on the clipboard."
	if text != u.Model.Text() {
		msg = "The post text and the image descriptions (“Image 1: …”) are on the clipboard: paste each description into its photo's alt text."
	}
	u.Notify("Copied", msg)
}

// DoSaveImages asks for a folder and writes the redacted images there.
func (u *UI) DoSaveImages() {
	u.Modes.Select(u.PostTab)
	if why := u.Model.Blocked(); why != "" {
		u.Blocked.SetText(why)
		return
	}
	if len(u.Model.Photos) == 0 {
		u.Notify("No photos", "Add a photo first.")
		return
	}
	u.ChooseFolder(u.SaveTo)
}

// SaveTo writes the redacted images into dir, each description beside
// its image.
func (u *UI) SaveTo(dir string) {
	u.SaveImages.Disable()
	u.Model.Save(dir, func(saved compose.Saved, err error) {
		u.refresh()
		if err != nil {
			u.present(dialog.NewError(err, u.Win))
			return
		}
		n := len(saved.Images)
		msg := fmt.Sprintf("%d blurred %s saved in %s (no location or camera data).", n, plural(n, "image", "images"), dir)
		if d := len(saved.Descriptions); d > 0 {
			msg = fmt.Sprintf("%d blurred %s and %d %s (.txt beside each image) saved in %s (no location or camera data).",
				n, plural(n, "image", "images"), d, plural(d, "description", "descriptions"), dir)
		}
		u.Saved(msg, dir)
	})
}

// showSaved says what was saved and offers to open the folder in the
// system's file manager (a local folder: nothing leaves the machine).
func (u *UI) showSaved(msg, dir string) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Saved", "Show folder", "OK", l, func(show bool) {
		if show {
			if err := u.App.OpenURL(&url.URL{Scheme: "file", Path: dir}); err != nil {
				u.Notify("Could not open the folder", err.Error())
			}
		}
	}, u.Win)
	d.Resize(fyne.NewSize(480, 200))
	u.present(d)
}

// chooseFolder asks for a folder in a dialog on the main window.
func (u *UI) chooseFolder(fn func(string)) {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err == nil && l != nil {
			fn(l.Path())
		}
	}, u.Win)
	d.Resize(fyne.NewSize(760, 520))
	u.present(d)
}

// refresh brings every view in line with the model.
func (u *UI) refresh() {
	u.refreshComposer()
	u.refreshStrip()
	why := u.Model.Blocked()
	switch {
	case why != "":
	case len(u.Model.Photos) == 0 && strings.TrimSpace(u.Model.Text()) == "":
		why = "Write your post and add photos: each is checked for patient information."
	case strings.TrimSpace(u.Model.Text()) == "":
		why = "Photos checked. Write the post text to copy it."
	}
	u.Blocked.SetText(why)
	if u.Model.Blocked() != "" || strings.TrimSpace(u.Model.Text()) == "" {
		u.CopyText.Disable()
	} else {
		u.CopyText.Enable()
	}
	if u.Model.Blocked() != "" || len(u.Model.Photos) == 0 {
		u.SaveImages.Disable()
	} else {
		u.SaveImages.Enable()
	}
	u.Preview.Update(u.Model, u.App.Preferences().String(PrefDisplayName))
	if u.Review != nil {
		u.Review.refresh()
	}
	if u.OnSettled != nil && u.settled() {
		u.OnSettled()
	}
}

func (u *UI) settled() bool {
	if len(u.Model.Photos) == 0 {
		return false
	}
	for _, p := range u.Model.Photos {
		if p.State == review.Waiting || p.State == review.Checking || p.Redoing {
			return false
		}
	}
	return true
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
