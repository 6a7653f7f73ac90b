package ui

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safepost/internal/compose"
	"safepost/internal/imageio"
)

// PrefPhotoFolder is the folder "Add photos…" opened last: a place, not
// patient information.
const PrefPhotoFolder = "photoFolder"

// pickerThumb is the longer side of a picker tile on screen; pickerGrain
// the longer side of the picture behind it. The tile shows the photo's
// colours and layout, enough to know which it is, never legible text: the
// picker is not the review, and a name card at 160 px is readable.
const (
	pickerThumb = 160
	pickerGrain = 40
)

// PhotoPicker is the "Add photos…" dialog: the photos of one folder as
// thumbnails, any number ticked and added at once (Fyne's file dialog
// takes one file at a time and shows no pictures). The thumbnails are made
// in the background, too coarse to read, and live only while the dialog is
// open.
type PhotoPicker struct {
	u   *UI
	Dir string

	Folder *widget.Label
	Up     *widget.Button
	Change *widget.Button
	Tiles  []*PickerTile
	Grid   *fyne.Container
	Empty  *widget.Label
	Add    *widget.Button
	Cancel *widget.Button

	dialog dialog.Dialog
	// gen is the listing shown; the thumbnail maker stops when it moves
	// on (another folder, or the dialog closed).
	gen atomic.Int64
}

// PickerTile is one photo in the picker.
type PickerTile struct {
	Path  string
	Thumb *canvas.Image
	Check *widget.Check
	Name  *widget.Label // cut to the tile's width
}

// OpenPhotos shows the photo picker on the folder used last (or the
// Pictures folder, or home).
func (u *UI) OpenPhotos() *PhotoPicker {
	u.Modes.Select(u.PostTab)
	dir := u.App.Preferences().String(PrefPhotoFolder)
	if fi, err := os.Stat(dir); dir == "" || err != nil || !fi.IsDir() {
		dir, _ = os.UserHomeDir()
		if pics := filepath.Join(dir, "Pictures"); isDir(pics) {
			dir = pics
		}
	}
	pp := &PhotoPicker{u: u}
	pp.Folder = widget.NewLabel("")
	pp.Folder.Truncation = fyne.TextTruncateEllipsis
	pp.Up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { pp.Show(filepath.Dir(pp.Dir)) })
	pp.Change = widget.NewButtonWithIcon("Other folder…", theme.FolderOpenIcon(), func() { u.ChooseFolder(pp.Show) })
	pp.Grid = container.NewGridWrap(fyne.NewSize(pickerThumb+16, pickerThumb*3/4+48))
	pp.Empty = widget.NewLabel("")
	pp.Empty.Wrapping = fyne.TextWrapWord
	pp.Add = widget.NewButtonWithIcon("Add photos", theme.ContentAddIcon(), pp.add)
	pp.Add.Importance = widget.HighImportance
	pp.Cancel = widget.NewButton("Cancel", func() { pp.dialog.Hide() })
	all := widget.NewButton("Tick all", func() {
		for _, t := range pp.Tiles {
			t.Check.SetChecked(true)
		}
	})
	top := container.NewBorder(nil, nil, pp.Up, pp.Change, pp.Folder)
	bottom := container.NewBorder(nil, nil, all, container.NewHBox(pp.Cancel, pp.Add))
	content := container.NewBorder(top, bottom, nil, nil, container.NewVScroll(container.NewVBox(pp.Empty, pp.Grid)))
	pp.dialog = dialog.NewCustomWithoutButtons("Add photos", content, u.Win)
	pp.dialog.SetOnClosed(func() { pp.gen.Add(1) })
	pp.dialog.Resize(fyne.NewSize(820, 560))
	pp.Show(dir)
	u.present(pp.dialog)
	return pp
}

// Show lists dir's photos, newest first, and starts making their
// thumbnails.
func (pp *PhotoPicker) Show(dir string) {
	pp.Dir = dir
	gen := pp.gen.Add(1)
	pp.Folder.SetText(dir)
	pp.Tiles = nil
	pp.Grid.RemoveAll()
	entries, err := os.ReadDir(dir)
	if err != nil {
		pp.Empty.SetText("This folder could not be read: choose another.")
		pp.Empty.Show()
		pp.refresh()
		return
	}
	type photo struct {
		path string
		mod  int64
	}
	var photos []photo
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || !imageio.IsImagePath(p) {
			continue
		}
		var mod int64
		if fi, err := e.Info(); err == nil {
			mod = fi.ModTime().UnixNano()
		}
		photos = append(photos, photo{p, mod})
	}
	sort.SliceStable(photos, func(a, b int) bool { return photos[a].mod > photos[b].mod })
	for _, ph := range photos {
		t := &PickerTile{Path: ph.path, Thumb: &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleSmooth}}
		t.Thumb.SetMinSize(fyne.NewSize(pickerThumb, pickerThumb*3/4))
		t.Check = widget.NewCheck("", func(bool) { pp.refresh() })
		t.Name = widget.NewLabel(filepath.Base(ph.path))
		t.Name.Truncation = fyne.TextTruncateEllipsis
		pp.Tiles = append(pp.Tiles, t)
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		tap := newTapArea(func() { t.Check.SetChecked(!t.Check.Checked) })
		pp.Grid.Add(container.NewBorder(nil, container.NewBorder(nil, nil, t.Check, nil, t.Name), nil, nil, container.NewStack(bg, t.Thumb, tap)))
	}
	pp.Empty.SetText("No photos here: choose another folder.")
	show(pp.Empty, len(photos) == 0)
	pp.refresh()
	// One thumbnail at a time, off the UI goroutine; a newer folder or
	// closing the dialog stops the rest.
	tiles := pp.Tiles
	go func() {
		for _, t := range tiles {
			if pp.gen.Load() != gen {
				return
			}
			img, err := compose.ThumbOf(t.Path, pickerGrain)
			pp.u.do(func() {
				if pp.gen.Load() != gen {
					return
				}
				if err != nil {
					t.Name.SetText("Cannot be read: " + filepath.Base(t.Path))
					t.Check.Disable()
					return
				}
				t.Thumb.Image = img
				t.Thumb.Refresh()
			})
		}
	}()
}

func (pp *PhotoPicker) refresh() {
	n := len(pp.Ticked())
	pp.Add.SetText(fmt.Sprintf("Add %d %s", n, plural(n, "photo", "photos")))
	enable(pp.Add, n > 0)
	enable(pp.Up, filepath.Dir(pp.Dir) != pp.Dir)
}

// Ticked returns the ticked photos' paths, in the order shown.
func (pp *PhotoPicker) Ticked() []string {
	var out []string
	for _, t := range pp.Tiles {
		if t.Check.Checked && !t.Check.Disabled() {
			out = append(out, t.Path)
		}
	}
	return out
}

func (pp *PhotoPicker) add() {
	paths := pp.Ticked()
	if len(paths) == 0 {
		return
	}
	pp.u.App.Preferences().SetString(PrefPhotoFolder, pp.Dir)
	pp.dialog.Hide()
	pp.u.AddPaths(paths)
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// tapArea is an invisible widget that runs a function when tapped.
type tapArea struct {
	widget.BaseWidget
	onTap func()
}

func newTapArea(fn func()) *tapArea {
	t := &tapArea{onTap: fn}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapArea) Tapped(*fyne.PointEvent) { t.onTap() }

func (t *tapArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}
