package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"safepost/internal/post"
	"safepost/internal/redact"
)

// ShowPreferences edits the display name, default network, default
// redaction style and Tesseract data path.
func (u *UI) ShowPreferences() {
	prefs := u.App.Preferences()
	name := widget.NewEntry()
	name.SetText(prefs.String(PrefDisplayName))
	name.SetPlaceHolder("e.g. Ward 7 Team")
	var nets []string
	for _, r := range post.Networks() {
		nets = append(nets, r.Name)
	}
	network := widget.NewSelect(nets, nil)
	network.SetSelected(post.ByName(prefs.StringWithFallback(PrefNetwork, string(post.X))).Name)
	style := widget.NewSelect([]string{"blur", "pixelate", "fill"}, nil)
	style.SetSelected(prefs.StringWithFallback(PrefStyle, "blur"))
	tess := widget.NewEntry()
	tess.SetText(prefs.String(PrefTessdata))
	tess.SetPlaceHolder("default")
	items := []*widget.FormItem{
		widget.NewFormItem("Display name", name),
		widget.NewFormItem("Default network", network),
		widget.NewFormItem("Redaction style", style),
		widget.NewFormItem("Tesseract data", tess),
	}
	items[3].HintText = "Folder holding eng.traineddata; takes effect next start."
	d := dialog.NewForm("Preferences", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		prefs.SetString(PrefDisplayName, name.Text)
		prefs.SetString(PrefNetwork, string(post.ByName(network.Selected).Network))
		prefs.SetString(PrefStyle, style.Selected)
		prefs.SetString(PrefTessdata, tess.Text)
		if s, err := redact.ParseStyle(style.Selected); err == nil {
			u.Model.Style = s
		}
		u.refresh()
	}, u.Win)
	d.Resize(fyne.NewSize(480, 320))
	d.Show()
}

// ShowAbout shows what SafePost is and what it never does.
func (u *UI) ShowAbout() {
	meta := u.App.Metadata()
	version := meta.Version
	if version == "" {
		version = "dev"
	}
	text := widget.NewLabel("SafePost " + version + "\n\n" +
		"Finds patient information in your photos and post text and blurs it before you share.\n\n" +
		"Everything stays on this computer: no network, nothing written to disk except the\n" +
		"blurred images you save. Closing SafePost forgets every photo and the text.\n\n" +
		"Always look at the preview: SafePost helps you check, it does not replace your judgement.")
	dialog.ShowCustom("About SafePost", "Close", text, u.Win)
}
