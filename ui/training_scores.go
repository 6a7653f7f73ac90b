package ui

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safepost/internal/training"
)

// ScoresTab shows the session's scores per scene and per kind of
// information, shows them to a room, and exports them.
type ScoresTab struct {
	t       *Training
	Content fyne.CanvasObject

	Trainee    *widget.Entry
	Headline   *widget.Label
	ByKind     *fyne.Container
	Scenes     *fyne.Container
	Present    func()
	PresentBtn *widget.Button
	ExportBtn  *widget.Button
	NewSession *widget.Button
	// Exported holds the paths of the last export.
	Exported []string
}

func (t *Training) buildScores() *ScoresTab {
	s := &ScoresTab{t: t}
	s.Trainee = widget.NewEntry()
	s.Trainee.SetPlaceHolder("Name or group (optional; exported only if typed)")
	s.Trainee.OnChanged = func(v string) { t.Session.Trainee = strings.TrimSpace(v) }
	s.Headline = widget.NewLabel("")
	s.Headline.Wrapping = fyne.TextWrapWord
	s.Headline.TextStyle.Bold = true
	s.ByKind = container.NewVBox()
	s.Scenes = container.NewVBox()
	s.Present = s.present
	s.PresentBtn = widget.NewButtonWithIcon("Show to the room", theme.ViewFullScreenIcon(), func() { s.Present() })
	s.PresentBtn.Importance = widget.HighImportance
	s.ExportBtn = widget.NewButtonWithIcon("Export scores…", theme.DocumentSaveIcon(), s.Export)
	s.NewSession = widget.NewButtonWithIcon("New session", theme.DeleteIcon(), func() {
		t.u.Confirm("Start a new session?", "The scores so far will be cleared. Export them first if you need them.",
			func(ok bool) {
				if ok {
					s.Reset()
				}
			})
	})
	note := widget.NewLabel("Exports hold scores only: no scene text, no marks, and a name only if typed above.")
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	top := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel("Trainee:"), nil, s.Trainee),
		container.NewHBox(s.PresentBtn, s.ExportBtn, s.NewSession), note, s.Headline)
	body := container.NewGridWithColumns(2,
		container.NewVBox(widget.NewLabelWithStyle("By kind of information", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.ByKind),
		container.NewVBox(widget.NewLabelWithStyle("By scene", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.Scenes))
	s.Content = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(container.NewPadded(body)))
	s.refresh()
	return s
}

// Summary adds up the session so far.
func (s *ScoresTab) Summary() training.Summary { return s.t.Session.Summary(s.t.Deck) }

func headline(sum training.Summary) string {
	if len(sum.Scenes) == 0 && sum.Written == 0 {
		return "No scenes revealed yet. Scores appear here as you go."
	}
	var parts []string
	if len(sum.Scenes) > 0 {
		parts = append(parts, fmt.Sprintf("Score %d%% over %d %s: found %d of %d pieces of patient information, %d false %s.",
			sum.Percent(), len(sum.Scenes), plural(len(sum.Scenes), "scene", "scenes"), sum.Found, sum.Found+sum.Missed,
			sum.FalseAlarmCount, plural(sum.FalseAlarmCount, "alarm", "alarms")))
	}
	if sum.CleanScenes > 0 {
		parts = append(parts, fmt.Sprintf("Left %d of %d clean photos rightly alone.", sum.CleanKept, sum.CleanScenes))
	}
	if sum.Written > 0 {
		parts = append(parts, fmt.Sprintf("Rewrote %d of %d risky posts.", sum.WrittenPassed, sum.Written))
	}
	return strings.Join(parts, " ")
}

func (s *ScoresTab) refresh() {
	sum := s.Summary()
	s.Headline.SetText(headline(sum))
	s.ByKind.RemoveAll()
	for _, k := range sum.ByKind {
		bar := widget.NewProgressBar()
		bar.TextFormatter = func() string { return fmt.Sprintf("%d of %d", k.Found, k.Total) }
		bar.SetValue(float64(k.Found) / float64(max(1, k.Total)))
		s.ByKind.Add(container.NewGridWithColumns(2, widget.NewLabel(k.Label), bar))
	}
	if len(sum.FalseAlarms) > 0 {
		var on []string
		for _, a := range sum.FalseAlarms {
			on = append(on, fmt.Sprintf("%s (%d)", strings.ToLower(a.Label), a.Total))
		}
		l := widget.NewLabel("False alarms were on: " + strings.Join(on, ", "))
		l.Wrapping = fyne.TextWrapWord
		s.ByKind.Add(l)
	}
	s.Scenes.RemoveAll()
	for _, r := range sum.Scenes {
		name := r.Scene
		if sc := s.t.Deck.Scene(r.Scene); sc != nil {
			name = sc.Label()
		}
		detail := fmt.Sprintf("found %d of %d, %d false %s", r.Found, r.Total(), r.FalseAlarms, plural(r.FalseAlarms, "alarm", "alarms"))
		if r.Total() == 0 {
			detail = "clean photo"
			if r.FalseAlarms > 0 {
				detail += fmt.Sprintf(", %d false %s", r.FalseAlarms, plural(r.FalseAlarms, "alarm", "alarms"))
			}
		}
		s.Scenes.Add(container.NewBorder(nil, nil, nil, widget.NewLabel(fmt.Sprintf("%d%%", r.Percent())),
			widget.NewLabel(fmt.Sprintf("%s — %s", name, detail))))
	}
	enable(s.ExportBtn, len(sum.Scenes) > 0 || sum.Written > 0)
}

// Reset starts a new session.
func (s *ScoresTab) Reset() {
	s.t.Session = training.NewSession(time.Now())
	s.t.Session.Trainee = strings.TrimSpace(s.Trainee.Text)
	sp := s.t.Spot
	sp.results = map[string]training.SceneResult{}
	sp.marks = map[string][]training.Mark{}
	sp.refresh()
	s.refresh()
}

// Export asks for a folder and writes the summary there as CSV and HTML.
func (s *ScoresTab) Export() {
	sum := s.Summary()
	s.t.ChooseFolder(func(dir string) {
		s.t.goBackground(func() func() {
			paths, err := training.Export(dir, sum)
			return func() {
				if err != nil {
					s.t.u.present(dialog.NewError(err, s.t.Win))
					return
				}
				s.Exported = paths
				s.t.Notify("Scores exported", "Saved:\n"+strings.Join(paths, "\n"))
			}
		})
	})
}

// present shows the summary full screen in large type, for a room.
func (s *ScoresTab) present() {
	t := s.t
	if t.Presentation != nil {
		t.Presentation.Close()
	}
	sum := s.Summary()
	w := t.u.App.NewWindow("SafePost training – summary")
	t.Presentation = w
	w.SetOnClosed(func() {
		if t.Presentation == w {
			t.Presentation = nil
		}
	})
	fg := theme.Color(theme.ColorNameForeground)
	big := func(text string, size float32, bold bool) *canvas.Text {
		c := canvas.NewText(text, fg)
		c.TextSize, c.TextStyle.Bold, c.Alignment = size, bold, fyne.TextAlignCenter
		return c
	}
	items := []fyne.CanvasObject{big("How did we do?", 36, true)}
	if len(sum.Scenes) > 0 {
		items = append(items, big(fmt.Sprintf("%d%%", sum.Percent()), 96, true),
			big(fmt.Sprintf("Found %d of %d pieces of patient information · %d false %s", sum.Found, sum.Found+sum.Missed,
				sum.FalseAlarmCount, plural(sum.FalseAlarmCount, "alarm", "alarms")), 24, false))
	} else {
		items = append(items, big("No scenes revealed yet", 32, false))
	}
	if sum.CleanScenes > 0 {
		items = append(items, big(fmt.Sprintf("Clean photos rightly left alone: %d of %d", sum.CleanKept, sum.CleanScenes), 24, false))
	}
	grid := container.NewGridWithColumns(3)
	for _, k := range sum.ByKind {
		bar := widget.NewProgressBar()
		bar.TextFormatter = func() string { return fmt.Sprintf("%d of %d", k.Found, k.Total) }
		bar.SetValue(float64(k.Found) / float64(max(1, k.Total)))
		l := big(k.Label, 22, false)
		l.Alignment = fyne.TextAlignTrailing
		grid.Add(l)
		grid.Add(bar)
		miss := ""
		if k.Missed() > 0 {
			miss = fmt.Sprintf("%d missed", k.Missed())
		}
		m := big(miss, 22, false)
		m.Color = color.NRGBA{0xd3, 0x2f, 0x2f, 0xff}
		m.Alignment = fyne.TextAlignLeading
		grid.Add(m)
	}
	if len(sum.FalseAlarms) > 0 {
		what := fmt.Sprintf("Most false alarms were on %s: they are not patient information.", strings.ToLower(sum.FalseAlarms[0].Label))
		if sum.FalseAlarms[0].Kind == "" {
			what = "Most false alarms were on parts of the photo with nothing written there."
		}
		items = append(items, grid, big(what, 22, false))
	} else {
		items = append(items, grid)
	}
	closeBtn := widget.NewButtonWithIcon("Close", theme.CancelIcon(), w.Close)
	w.SetContent(container.NewBorder(nil, container.NewCenter(closeBtn), nil, nil,
		container.NewCenter(container.NewVBox(items...))))
	w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			w.Close()
		}
	})
	w.Resize(fyne.NewSize(1200, 800))
	w.SetFullScreen(true)
	w.Show()
}
