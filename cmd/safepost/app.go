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
	"safepost/internal/review"
	"safepost/ui"
)

// runApp opens the desktop app with photos attached and returns the exit
// code when its window closes.
func runApp(photos []string) int {
	a := app.NewWithID("uk.nhs.safepost")
	a.SetIcon(ui.Icon())
	w := a.NewWindow("SafePost")
	// Small enough for a 1024x700 laptop screen with its title bar; the
	// window can be maximised.
	w.Resize(fyne.NewSize(1000, 640))

	prefs := a.Preferences()
	style, _ := redact.ParseStyle(prefs.String(ui.PrefStyle))
	opts := ui.Options{Workers: 1}
	opts.ConfigPath, _ = checks.DefaultConfigPath()
	// Fail closed: the app opens whatever fails here; every photo then
	// shows why it could not be checked. The trust's config is read apart
	// from starting Tesseract, so the post text is checked with its
	// allow-list and patterns even when OCR cannot start.
	cs, err := pipeline.Checks(opts.ConfigPath)
	if err != nil {
		opts.EngineErr = fmt.Errorf("the trust's settings could not be read: %w", err)
		cs, _ = checks.NewScanner(checks.DefaultConfig())
	} else if eng, serr := pipeline.Start(cs, pipeline.Options{DataPath: prefs.String(ui.PrefTessdata), Style: style}); serr != nil {
		opts.EngineErr = fmt.Errorf("the photo checker could not start: %w", serr)
	} else {
		defer eng.Close()
		opts.Engine = eng
		if kerr := eng.KeyErr(); kerr != nil {
			// Still safe: each redaction takes fresh randomness instead.
			fmt.Fprintf(os.Stderr, "safepost: warning: %v; each redaction uses fresh randomness instead\n", kerr)
		}
	}
	opts.Checks = cs
	u := ui.New(a, w, opts)
	if dir := os.Getenv("SAFEPOST_FOLDER"); dir != "" {
		// Test and demo hook: open the folder review on dir at start.
		v := u.OpenFolderReview(dir)
		if shot := os.Getenv("SAFEPOST_SCREENSHOT"); shot != "" {
			screenshotFolderWhenSettled(a, v, shot)
		}
	} else if shot := os.Getenv("SAFEPOST_SCREENSHOT"); shot != "" {
		screenshotWhenSettled(a, u, shot)
	}
	if scene := os.Getenv("SAFEPOST_TRAINING"); scene != "" {
		trainingAtStart(a, u, scene, os.Getenv("SAFEPOST_SCREENSHOT"))
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

// trainingAtStart is a hook for trainers and the window test:
// SAFEPOST_TRAINING=NAME opens training on scene NAME once the app runs
// ("1" keeps the first). With a screenshot path it records where the photo
// and the Reveal button are (for xdotool), and once the scene is revealed
// and SafePost's scan of it is in, records the result, grabs the screen
// and quits.
func trainingAtStart(a fyne.App, u *ui.UI, scene, shot string) {
	a.Lifecycle().SetOnStarted(func() {
		tr := u.OpenTraining()
		if tr.Deck == nil {
			return
		}
		tr.ShowScene(scene)
		if shot == "" {
			return
		}
		done := false
		tr.OnRevealSettled = func() {
			if done {
				return
			}
			done = true
			go func() {
				time.Sleep(1500 * time.Millisecond) // let the frame render
				var res string
				fyne.DoAndWait(func() { res = ui.TrainingResult(tr) })
				_ = os.WriteFile(shot+".result.json", []byte(res+"\n"), 0o644)
				if out, err := exec.Command("import", "-window", "root", shot).CombinedOutput(); err != nil {
					fmt.Fprintf(os.Stderr, "safepost: screenshot failed: %v %s\n", err, out)
				}
				fyne.Do(a.Quit)
			}()
		}
		go func() {
			for loaded := false; !loaded; time.Sleep(100 * time.Millisecond) {
				fyne.DoAndWait(func() { loaded = tr.Spot.Loaded() })
			}
			time.Sleep(time.Second) // let the photo render before anyone clicks
			var geo string
			fyne.DoAndWait(func() { geo = ui.TrainingGeometry(tr) })
			_ = os.WriteFile(shot+".json", []byte(geo+"\n"), 0o644)
		}()
	})
}

// screenshotFolderWhenSettled is a test hook: once every image in the
// folder review is checked it selects the most flagged checked one, writes
// each image's state to path+".txt" (not stderr: gosseract's client start-up
// can leave stderr pointing at /dev/null when two clients start at once),
// grabs the main window (the folder review is a mode of it) with ImageMagick's import and quits.
func screenshotFolderWhenSettled(a fyne.App, v *ui.FolderView, path string) {
	start := time.Now()
	done := false
	v.OnSettled = func() {
		if done {
			return
		}
		done = true
		// Show the most flagged image that was checked, so the detail
		// has its blurred thumbnail.
		for _, it := range v.Visible {
			if it.State == review.Done {
				v.SelectItem(it.ID)
				break
			}
		}
		var b strings.Builder
		for _, it := range v.Visible {
			fmt.Fprintf(&b, "folder item %q: %s [%s]\n", it.Name, it.Status(), it.DecisionLabel())
		}
		fmt.Fprintf(&b, "folder settled after %v\n", time.Since(start))
		_ = os.WriteFile(path+".txt", []byte(b.String()), 0o644)
		go func() {
			time.Sleep(2 * time.Second) // let the frame render
			target := "root"
			if id, err := exec.Command("xdotool", "search", "--name", "^SafePost$").Output(); err == nil {
				if f := strings.Fields(string(id)); len(f) > 0 {
					target = f[0]
					_ = exec.Command("xdotool", "windowraise", target).Run()
					time.Sleep(500 * time.Millisecond)
				}
			}
			if out, err := exec.Command("import", "-window", target, path).CombinedOutput(); err != nil {
				fmt.Fprintf(os.Stderr, "safepost: screenshot failed: %v %s\n", err, out)
			}
			fyne.Do(a.Quit)
		}()
	}
}
