package ui

import (
	"context"
	"encoding/json"
	"image"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safepost/checks"
	"safepost/internal/scan"
	"safepost/internal/training"
)

// SceneScanner reads a training scene and returns what SafePost would
// blur in it.
type SceneScanner interface {
	Scan(ctx context.Context, img *image.NRGBA) (*scan.Result, error)
}

// sceneScan is SafePost's scan of one training scene: running, or done
// with a result or an error.
type sceneScan struct {
	cancel  context.CancelFunc
	started atomic.Bool // set by the worker once it holds the semaphore
	done    bool
	res     *scan.Result
	err     error
	took    time.Duration
}

// Training is the training mode of the main window: Spot it, Write it, Scores and the
// facilitator's controls. Its widgets are exported so tests can tap and
// type. All its methods run on the UI goroutine; scene loading and
// SafePost's scans run in goroutines and report back through do.
type Training struct {
	u *UI
	// Win is the main window, where training is a mode.
	Win     fyne.Window
	Deck    *training.Deck
	Session *training.Session
	Scanner SceneScanner
	Checks  *checks.Scanner
	Rules   training.Rules
	Tabs    *container.AppTabs

	Spot  *SpotTab
	Write *WriteTab
	Score *ScoresTab
	Fac   *FacilitatorTab

	// Presentation is the full-screen room summary, when shown.
	Presentation fyne.Window

	// ChooseFolder asks where to export; tests replace it.
	ChooseFolder func(func(dir string))
	// Notify tells the trainer something finished; tests replace it.
	Notify func(title, msg string)
	// OnRevealSettled, if set, runs once the current scene is revealed and
	// SafePost's scan of it has finished (the screenshot hook uses it).
	OnRevealSettled func()

	do     func(func())
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	sem    chan struct{}
	scans  map[string]*sceneScan
	closed bool
}

// OpenTraining shows the training mode, setting it up the first time.
func (u *UI) OpenTraining() *Training {
	if u.Training != nil {
		u.Modes.Select(u.TrainTab)
		return u.Training
	}
	t := &Training{
		u:       u,
		Win:     u.Win,
		Session: training.NewSession(time.Now()),
		Scanner: u.eng,
		Checks:  u.checks,
		Rules:   training.DefaultRules,
		do:      u.do,
		sem:     make(chan struct{}, 1),
		scans:   map[string]*sceneScan{},
	}
	t.ctx, t.cancel = context.WithCancel(context.Background())
	t.ChooseFolder = t.chooseFolder
	t.Notify = func(title, msg string) { u.present(dialog.NewInformation(title, msg, t.Win)) }
	u.Training = t

	deck, err := training.BuiltIn()
	if err != nil {
		msg := widget.NewLabel("The training deck could not be loaded: " + err.Error())
		msg.Wrapping = fyne.TextWrapWord
		msg.Importance = widget.DangerImportance
		u.TrainTab.Content = container.NewPadded(msg)
	} else {
		t.Deck = deck
		t.build()
	}
	u.Modes.Refresh()
	u.Modes.Select(u.TrainTab)
	if t.Deck != nil {
		t.Spot.Show(0)
	}
	return t
}

func (t *Training) build() {
	t.Spot = t.buildSpot()
	t.Write = t.buildWrite()
	t.Score = t.buildScores()
	t.Fac = t.buildFacilitator()
	t.Tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Spot it", theme.VisibilityIcon(), t.Spot.Content),
		container.NewTabItemWithIcon("Write it", theme.DocumentCreateIcon(), t.Write.Content),
		container.NewTabItemWithIcon("Scores", theme.ListIcon(), t.Score.Content),
		container.NewTabItemWithIcon("Facilitator", theme.MediaPlayIcon(), t.Fac.Content),
	)
	t.Tabs.OnSelected = func(ti *container.TabItem) {
		if ti.Content == t.Score.Content {
			t.Score.refresh()
		}
	}
	t.u.TrainTab.Content = t.Tabs
}

// typedKey gives the facilitator a clicker's keys: space or Enter
// reveals then moves on, arrows move, Escape leaves full screen. They act
// only on the Spot it tab and never while typing (a focused entry takes
// them first). Ctrl+Z (undo a mark) is the window's shortcut.
func (t *Training) typedKey(e *fyne.KeyEvent) {
	if t.Tabs == nil || t.Tabs.Selected() == nil || t.Tabs.Selected().Content != t.Spot.Content {
		if e.Name == fyne.KeyEscape {
			t.Win.SetFullScreen(false)
		}
		return
	}
	switch e.Name {
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		t.Spot.Advance()
	case fyne.KeyRight, fyne.KeyPageDown:
		t.Spot.Step(1)
	case fyne.KeyLeft, fyne.KeyPageUp:
		t.Spot.Step(-1)
	case fyne.KeyEscape:
		t.Spot.EndFacilitation()
	}
}

// Close stops every scan and leaves training (the post shows again).
func (t *Training) Close() {
	t.shutdown()
	if t.u.Modes.Selected() == t.u.TrainTab {
		t.u.Modes.Select(t.u.PostTab)
	}
	t.u.TrainTab.Content = widget.NewLabel("")
	t.u.Modes.Refresh()
}

// Wait waits for background work to stop (tests).
func (t *Training) Wait() { t.wg.Wait() }

func (t *Training) shutdown() {
	if t.closed {
		return
	}
	t.closed = true
	t.cancel()
	if t.Presentation != nil {
		t.Presentation.Close()
	}
	if t.u.Training == t {
		t.u.Training = nil
	}
}

// scanScene starts SafePost's scan of a scene unless one is running or
// done. Scans run one at a time, as the composer's photos may be using
// the engine too.
func (t *Training) scanScene(name string, img *image.NRGBA) {
	if t.closed || t.scans[name] != nil || t.Scanner == nil {
		return
	}
	ctx, cancel := context.WithCancel(t.ctx)
	st := &sceneScan{cancel: cancel}
	t.scans[name] = st
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		defer cancel()
		select {
		case t.sem <- struct{}{}:
		case <-ctx.Done():
			t.do(func() { t.scanDone(name, st, nil, ctx.Err(), 0) })
			return
		}
		st.started.Store(true)
		start := time.Now()
		res, err := t.Scanner.Scan(ctx, img)
		<-t.sem
		t.do(func() { t.scanDone(name, st, res, err, time.Since(start)) })
	}()
}

// dropQueuedScans cancels scans that have not started for scenes other
// than keep: a facilitator flicking through scenes should not leave a
// queue of photos to read.
func (t *Training) dropQueuedScans(keep string) {
	for name, st := range t.scans {
		if name != keep && !st.done && !st.started.Load() {
			st.cancel()
			delete(t.scans, name)
		}
	}
}

func (t *Training) scanDone(name string, st *sceneScan, res *scan.Result, err error, took time.Duration) {
	if t.closed || t.scans[name] != st {
		return // dropped, or the window closed
	}
	st.done, st.res, st.err, st.took = true, res, err, took
	if t.Spot != nil && t.Spot.Scene() != nil && t.Spot.Scene().Name == name {
		t.Spot.refresh()
	}
}

// scanOf returns the scan of a scene, or nil if none was started.
func (t *Training) scanOf(name string) *sceneScan { return t.scans[name] }

// settled reports whether the current scene is revealed and its scan has
// finished.
func (t *Training) settled() bool {
	sc := t.Spot.Scene()
	if sc == nil || !t.Spot.Revealed() {
		return false
	}
	st := t.scans[sc.Name]
	return st != nil && st.done
}

func (t *Training) chooseFolder(fn func(string)) { t.u.chooseFolder(fn) }

// goBackground runs work off the UI goroutine and hands its result back.
func (t *Training) goBackground(work func() func()) {
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		done := work()
		t.do(func() {
			if !t.closed {
				done()
			}
		})
	}()
}

// sessionChanged keeps the scores tab current.
func (t *Training) sessionChanged() {
	if t.Score != nil {
		t.Score.refresh()
	}
}

// ShowScene moves Spot it to the named scene; false if there is none.
func (t *Training) ShowScene(name string) bool {
	if t.Spot == nil {
		return false
	}
	for i, sc := range t.Spot.Playlist {
		if sc.Name == name {
			t.Tabs.SelectIndex(0)
			t.Spot.Show(i)
			return true
		}
	}
	return false
}

// TrainingGeometry reports, as JSON in window pixels, where Spot it draws
// the scene's photo and where its Reveal button is, with the scene's name
// and size: the window test uses it to click on the photo like a trainee.
func TrainingGeometry(t *Training) string {
	sc := t.Spot.Scene()
	if sc == nil {
		return "null"
	}
	scale := t.Win.Canvas().Scale()
	d := fyne.CurrentApp().Driver()
	vpos := d.AbsolutePositionForObject(t.Spot.View)
	off, size := t.Spot.View.ImageArea()
	bpos, bsize := d.AbsolutePositionForObject(t.Spot.Reveal), t.Spot.Reveal.Size()
	r := func(x, y, w, h float32) []float32 { return []float32{x * scale, y * scale, w * scale, h * scale} }
	out, _ := json.Marshal(map[string]any{
		"scene":  sc.Name,
		"width":  sc.Width,
		"height": sc.Height,
		"image":  r(vpos.X+off.X, vpos.Y+off.Y, size.Width, size.Height),
		"reveal": r(bpos.X, bpos.Y, bsize.Width, bsize.Height),
	})
	return string(out)
}

// TrainingResult reports the current scene's result and SafePost's
// answer as JSON: counts and the text shown, no marks.
func TrainingResult(t *Training) string {
	r, ok := t.Spot.Result()
	out, _ := json.Marshal(map[string]any{
		"revealed":     ok,
		"found":        r.Found,
		"missed":       r.Missed,
		"false_alarms": r.FalseAlarms,
		"marks":        len(t.Spot.Marks()),
		"status":       t.Spot.Status.Text,
		"scanner":      t.Spot.ScannerInfo.Text,
	})
	return string(out)
}
