// Package ui is SafePost's desktop app: the composer, the photo strip, the
// review and the preview. It holds no state of its own beyond widgets (the
// Model has it) and runs every long job off the UI goroutine. It never
// imports fyne.io/fyne/v2/app, so tests drive it with fyne.io/fyne/v2/test.
package ui

import (
	"fmt"
	"io"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
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

	AddPhotos *widget.Button
	Strip     *fyne.Container
	Cards     map[int]*PhotoCard

	Blocked     *widget.Label
	CopyText    *widget.Button
	SaveImages  *widget.Button
	ShowPreview *widget.Button
	Preview     *Preview

	// Review is the open review, if any.
	Review *Review
	// Training is the open training window, if any; TrainingButton opens it.
	Training       *Training
	TrainingButton *widget.Button
	// ReviewFolderButton opens the folder review; Folder is its window.
	ReviewFolderButton *widget.Button
	Folder             *FolderView

	// OnSettled, if set, runs whenever every photo has finished checking.
	OnSettled func()
	// ChooseFolder asks for a folder to save into; tests replace it.
	ChooseFolder func(func(dir string))
	// Notify tells the person something finished; tests replace it.
	Notify func(title, msg string)
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
	u.Notify = func(title, msg string) { dialog.ShowInformation(title, msg, win) }
	u.Confirm = func(title, msg string, fn func(bool)) { dialog.ShowConfirm(title, msg, fn, win) }
	u.Model.ConfigPath = opts.ConfigPath

	u.buildComposer()
	u.AddPhotos = widget.NewButtonWithIcon("Add photos…", theme.ContentAddIcon(), u.OpenPhotos)
	u.Strip = container.NewHBox()
	stripScroll := container.NewHScroll(u.Strip)
	stripScroll.SetMinSize(fyne.NewSize(0, cardHeight+theme.Padding()*2))

	u.Blocked = widget.NewLabel("")
	u.Blocked.Wrapping = fyne.TextWrapWord
	u.Blocked.Importance = widget.WarningImportance
	u.CopyText = widget.NewButtonWithIcon("Copy text", theme.ContentCopyIcon(), u.DoCopyText)
	u.CopyText.Importance = widget.HighImportance
	u.SaveImages = widget.NewButtonWithIcon("Save images…", theme.DocumentSaveIcon(), u.DoSaveImages)
	u.ShowPreview = widget.NewButtonWithIcon("Preview", theme.VisibilityIcon(), u.OpenPreview)
	u.Preview = NewPreview()

	menu := widget.NewToolbar(
		u.trainingToolbarItem(),
		widget.NewToolbarAction(theme.SettingsIcon(), u.ShowPreferences),
		widget.NewToolbarAction(theme.InfoIcon(), u.ShowAbout),
	)
	u.ReviewFolderButton = widget.NewButtonWithIcon("Review a folder…", theme.FolderOpenIcon(), u.ReviewFolder)
	top := container.NewBorder(nil, nil, nil, container.NewHBox(u.ReviewFolderButton, menu), container.NewHBox(u.Network, u.Counter))
	composer := container.NewBorder(top, nil, nil, nil,
		container.NewVSplit(u.Editor, container.NewVScroll(u.Findings)))
	photos := container.NewBorder(nil, nil, u.AddPhotos, nil, stripScroll)
	actions := container.NewBorder(nil, nil, nil,
		container.NewHBox(u.ShowPreview, u.SaveImages, u.CopyText), u.Blocked)
	left := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), photos, widget.NewSeparator(), actions), nil, nil, composer)
	split := container.NewHSplit(left, container.NewVScroll(u.Preview.Content))
	split.Offset = 0.55
	win.SetContent(split)

	win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { u.addURIs(uris) })
	u.addShortcuts()
	win.SetCloseIntercept(u.Quit)
	u.Model.OnChange(u.refresh)
	u.refresh()
	return u
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
	add(fyne.KeyO, ctrl, u.OpenPhotos)
	add(fyne.KeyC, ctrl|fyne.KeyModifierShift, u.DoCopyText)
	add(fyne.KeyS, ctrl, u.DoSaveImages)
	add(fyne.KeyP, ctrl, u.OpenPreview)
	add(fyne.KeyO, ctrl|fyne.KeyModifierShift, u.ReviewFolder)
	add(fyne.KeyQ, ctrl, u.Quit)
	// Fyne's clipboard holds text only: a pasted file path or file:// URI
	// list (what file managers copy) attaches those photos.
	c.AddShortcut(&fyne.ShortcutPaste{}, func(fyne.Shortcut) { u.PastePaths(u.App.Clipboard().Content()) })
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

func (u *UI) addURIs(uris []fyne.URI) {
	var paths []string
	for _, uri := range uris {
		if uri.Scheme() == "file" {
			paths = append(paths, uri.Path())
		}
	}
	u.AddPaths(paths)
}

// OpenPhotos shows a file dialog filtered to images.
func (u *UI) OpenPhotos() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		if r.URI().Scheme() == "file" {
			u.AddPaths([]string{r.URI().Path()})
			return
		}
		data, err := io.ReadAll(r)
		if err != nil {
			dialog.ShowError(fmt.Errorf("reading %s: %w", r.URI().Name(), err), u.Win)
			return
		}
		u.Model.AddData(r.URI().Name(), data)
	}, u.Win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".JPG", ".JPEG", ".PNG"}))
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

// DoCopyText puts the post text on the clipboard if nothing blocks it.
func (u *UI) DoCopyText() {
	if why := u.Model.Blocked(); why != "" {
		u.Blocked.SetText(why)
		return
	}
	u.App.Clipboard().SetContent(u.Model.Text())
	u.Notify("Copied", "The post text is on the clipboard.")
}

// DoSaveImages asks for a folder and writes the redacted images there.
func (u *UI) DoSaveImages() {
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

// SaveTo writes the redacted images into dir.
func (u *UI) SaveTo(dir string) {
	u.SaveImages.Disable()
	u.Model.SaveImages(dir, func(paths []string, err error) {
		u.refresh()
		if err != nil {
			dialog.ShowError(err, u.Win)
			return
		}
		u.Notify("Saved", fmt.Sprintf("%d blurred %s saved (no location or camera data).", len(paths), plural(len(paths), "image", "images")))
	})
}

func (u *UI) chooseFolder(fn func(string)) { chooseFolderOn(u.Win, fn) }

// chooseFolderOn asks for a folder in a dialog on win: the window the
// person is looking at, so the chooser never opens behind it.
func chooseFolderOn(win fyne.Window, fn func(string)) {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err == nil && l != nil {
			fn(l.Path())
		}
	}, win)
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
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
