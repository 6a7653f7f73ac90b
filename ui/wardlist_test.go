package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"safepost/checks"
)

// TestAddToWardList taps "Add to my ward's list" on a false alarm: after a
// yes the name is in the config file and no longer flagged; without a
// config file there is no button.
func TestAddToWardList(t *testing.T) {
	h := newHarness(t, &stub{}, 1)
	test.Type(h.u.Editor, "Congratulations to Jason Turner on his MSc")
	h.waitFor("text checked", 5*time.Second, func() bool { return h.u.Model.TextChecked() })
	if len(h.u.Model.Findings) == 0 {
		t.Fatal("no finding to add")
	}
	if addButton(h.u) != nil {
		t.Fatal("an add button with no config file")
	}

	path := filepath.Join(t.TempDir(), "safepost", "config.toml")
	h.u.Model.ConfigPath = path
	h.u.refresh()
	var asked []bool
	answer := false
	h.u.Confirm = func(title, msg string, fn func(bool)) {
		if !strings.Contains(msg, "Jason Turner") {
			t.Errorf("confirm says %q", msg)
		}
		asked = append(asked, answer)
		fn(answer)
	}
	b := addButton(h.u)
	if b == nil {
		t.Fatal("no add button")
	}
	test.Tap(b)
	if _, err := os.Stat(path); err == nil {
		t.Fatal("config written after a no")
	}
	answer = true
	test.Tap(b)
	h.waitFor("text checked again", 5*time.Second, func() bool {
		return h.u.Model.TextChecked() && len(h.u.Model.Findings) == 0
	})
	cfg, err := checks.LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Allow.StaffNames) != 1 || cfg.Allow.StaffNames[0] != "Jason Turner" {
		t.Errorf("staff names = %q", cfg.Allow.StaffNames)
	}
	if len(asked) != 2 || len(h.notify) == 0 || !strings.Contains(h.notify[len(h.notify)-1], "Added") {
		t.Errorf("asked %v, told %q", asked, h.notify)
	}
}

// addButton returns the first "Add to my ward's list" button shown.
func addButton(u *UI) *widget.Button {
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Button:
			if o.Text == "Add to my ward's list" && found == nil {
				found = o
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(u.Findings)
	return found
}
