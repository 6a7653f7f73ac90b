package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"safepost/checks"
	"safepost/internal/pipeline"
	"safepost/internal/redact"
	"safepost/ui"
)

// runApp opens the desktop app with photos attached and returns the exit
// code when its window closes.
func runApp(photos []string) int {
	a := app.NewWithID("uk.nhs.safepost")
	a.SetIcon(ui.Icon())
	w := a.NewWindow("SafePost")
	w.Resize(fyne.NewSize(1200, 760))

	prefs := a.Preferences()
	style, _ := redact.ParseStyle(prefs.String(ui.PrefStyle))
	opts := ui.Options{Workers: 1}
	eng, err := pipeline.New(pipeline.Options{DataPath: prefs.String(ui.PrefTessdata), Style: style})
	if err != nil {
		// Fail closed: the app still opens; every photo shows why it
		// could not be checked, and text checks still run.
		opts.EngineErr = fmt.Errorf("the photo checker could not start: %w", err)
		opts.Checks, _ = checks.NewScanner(checks.DefaultConfig())
	} else {
		defer eng.Close()
		opts.Engine, opts.Checks = eng, eng.Scanner.Checks
	}
	u := ui.New(a, w, opts)
	if shot := os.Getenv("SAFEPOST_SCREENSHOT"); shot != "" {
		screenshotWhenSettled(a, u, shot)
	}
	u.AddPaths(photos)
	w.ShowAndRun()
	return 0
}

// screenshotWhenSettled is a test hook: once every photo is checked it
// grabs the screen with ImageMagick's import, records where the preview's
// first image is, and quits.
func screenshotWhenSettled(a fyne.App, u *ui.UI, path string) {
	start := time.Now()
	done := false
	u.OnSettled = func() {
		if done {
			return
		}
		done = true
		fmt.Fprintf(os.Stderr, "safepost: settled after %v\n", time.Since(start))
		go func() {
			time.Sleep(1500 * time.Millisecond) // let the frame render
			var rect string
			fyne.DoAndWait(func() {
				rect = ui.PreviewImageRect(u)
			})
			geom, _ := exec.Command("xdotool", "search", "--name", "^SafePost$", "getwindowgeometry", "--shell").Output()
			_ = os.WriteFile(path+".json", []byte(fmt.Sprintf("{\"image\": %s, \"window\": %q}\n", rect, strings.TrimSpace(string(geom)))), 0o644)
			if out, err := exec.Command("import", "-window", "root", path).CombinedOutput(); err != nil {
				fmt.Fprintf(os.Stderr, "safepost: screenshot failed: %v %s\n", err, out)
			}
			fyne.Do(a.Quit)
		}()
	}
}
