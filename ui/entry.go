package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// PostEntry is a multi-line text box that lets the window's shortcuts
// through. Fyne gives a focused entry every shortcut and an entry drops
// the ones it does not know, so Ctrl+O, Ctrl+S, Ctrl+P and Ctrl+Shift+C
// did nothing while the cursor was in the post box, where a nurse spends
// her time. A shortcut with Ctrl (or Cmd) the window has is run by the
// window; the rest (copy, paste, undo…) stay the entry's.
type PostEntry struct {
	widget.Entry
	window fyne.Window
}

// NewPostEntry makes a multi-line entry for win.
func NewPostEntry(win fyne.Window) *PostEntry {
	e := &PostEntry{window: win}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut runs a window shortcut, or else the entry's own.
func (e *PostEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier&fyne.KeyModifierShortcutDefault != 0 && e.window != nil {
		if c, ok := e.window.Canvas().(fyne.Shortcutable); ok {
			c.TypedShortcut(s)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}
