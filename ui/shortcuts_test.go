package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"safepost/internal/review"
)

// typeShortcut delivers a shortcut as the desktop driver does: to the
// focused widget when it takes shortcuts, else to the window's canvas.
func typeShortcut(c fyne.Canvas, s fyne.Shortcut) {
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(s)
}

// TestShortcutsFromThePostBox: the window's shortcuts work while the
// cursor is in the post box (they used to do nothing there), and the post
// box keeps its own (copy).
func TestShortcutsFromThePostBox(t *testing.T) {
	h := newHarness(t, &stub{}, 1)
	c := h.u.Win.Canvas()
	test.Type(h.u.Editor, "Ward 7 hit 100 days")
	h.waitFor("the text checked", 5*time.Second, h.u.Model.TextChecked)
	c.Focus(h.u.Editor)
	if c.Focused() != h.u.Editor {
		t.Fatal("the post box has not got the focus")
	}
	ctrl := fyne.KeyModifierShortcutDefault
	cases := []struct {
		name   string
		before func()
		s      fyne.Shortcut
		check  func() bool
	}{
		{"Ctrl+S saves (no photos: says so)", nil, &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: ctrl},
			func() bool { return len(h.notify) > 0 && strings.Contains(h.notify[len(h.notify)-1], "No photos") }},
		{"Ctrl+P shows the post and preview, from the folder review", func() { h.u.Modes.Select(h.u.FolderTab) }, &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: ctrl},
			func() bool { return h.u.Modes.Selected() == h.u.PostTab && h.u.PostTab.Content == h.u.Composer }},
		{"Ctrl+2 shows the folder review", nil, &desktop.CustomShortcut{KeyName: fyne.Key2, Modifier: ctrl},
			func() bool { return h.u.Modes.Selected() == h.u.FolderTab && h.u.Folder != nil }},
		{"Ctrl+1 shows the post again", nil, &desktop.CustomShortcut{KeyName: fyne.Key1, Modifier: ctrl},
			func() bool { return h.u.Modes.Selected() == h.u.PostTab }},
	}
	for _, tc := range cases {
		if tc.before != nil {
			tc.before()
			c.Focus(h.u.Editor)
		}
		typeShortcut(c, tc.s)
		h.pump()
		if !tc.check() {
			t.Errorf("%s: nothing happened", tc.name)
		}
	}
	// Ctrl+Q with a post written asks before discarding it.
	var asked string
	h.u.Confirm = func(title, msg string, fn func(bool)) { asked = msg; fn(false) }
	typeShortcut(c, &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: ctrl})
	if !strings.Contains(asked, "discards") || h.u.Model.Text() == "" {
		t.Errorf("Ctrl+Q: asked %q, text %q", asked, h.u.Model.Text())
	}
	// The post box's own shortcuts stay its own.
	h.u.Editor.DoubleTapped(&fyne.PointEvent{})
	typeShortcut(c, &fyne.ShortcutSelectAll{})
	typeShortcut(c, &fyne.ShortcutCopy{Clipboard: h.u.App.Clipboard()})
	if got := h.u.App.Clipboard().Content(); got != "Ward 7 hit 100 days" {
		t.Errorf("copy from the post box gave %q", got)
	}
}

// TestEscape: Escape closes the newest dialog as No would, then the open
// review, wherever the keyboard focus is not taken.
func TestEscape(t *testing.T) {
	h := newHarness(t, &stub{}, 1)
	h.u.AddPaths([]string{writePhoto(t, "a.png", 80, 60)})
	h.waitFor("checked", 5*time.Second, func() bool { return h.u.Model.Photos[0].State == review.Done })
	rv := h.u.OpenReview(h.u.Model.Photos[0].ID)
	escape := func() { h.u.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) }
	var answers []bool
	h.u.Confirm("Leave this area clear?", "…", func(ok bool) { answers = append(answers, ok) })
	if len(h.u.Win.Canvas().Overlays().List()) == 0 {
		t.Fatal("no dialog showing")
	}
	escape()
	if len(answers) != 1 || answers[0] || len(h.u.Win.Canvas().Overlays().List()) != 0 {
		t.Fatalf("Escape on a dialog: answers %v, %d overlays", answers, len(h.u.Win.Canvas().Overlays().List()))
	}
	if h.u.Review != rv || rv.Closed() {
		t.Fatal("the first Escape closed the review as well as the dialog")
	}
	escape()
	if h.u.Review != nil || !rv.Closed() || h.u.PostTab.Content != h.u.Composer {
		t.Error("the second Escape did not close the review")
	}
}
