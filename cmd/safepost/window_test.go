package main

import (
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"safepost/internal/synth"
)

// artefacts returns where screenshots are kept: $SAFEPOST_ARTIFACTS, or a
// temporary folder.
func artefacts(t testing.TB) string {
	if d := os.Getenv("SAFEPOST_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// xvfb starts a virtual X server and returns its DISPLAY.
func xvfb(t testing.TB) string {
	t.Helper()
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Skip("Xvfb is not installed")
	}
	for n := 90 + os.Getpid()%50; n < 200; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		disp := fmt.Sprintf(":%d", n)
		cmd := exec.Command("Xvfb", disp, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		})
		for i := 0; i < 100; i++ {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
				return disp
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatal("Xvfb did not start")
	}
	t.Fatal("no free X display")
	return ""
}

// buildApp compiles the app once per test binary run.
func buildApp(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "safepost")
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = "/usr/local/go/bin/go"
	}
	out, err := exec.Command(gobin, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("building the app: %v\n%s", err, out)
	}
	return bin
}

func writeScene(t testing.TB, dir string, spec synth.Spec) (string, *synth.Scene) {
	t.Helper()
	sc, err := synth.Render(spec)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, spec.Name+".png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, sc.Image); err != nil {
		t.Fatal(err)
	}
	return path, sc
}

func appEnv(disp, shot string) []string {
	return append(os.Environ(), "DISPLAY="+disp, "LANG=en_GB.UTF-8", "OMP_THREAD_LIMIT=1",
		"SAFEPOST_SCREENSHOT="+shot, "FYNE_THEME=light")
}

// TestWindowScreenshot starts the real app under Xvfb with a generated
// name card on the command line, waits for the scan, and checks the
// screenshot: the preview shows the photo, and the patient's name in it
// is blurred.
func TestWindowScreenshot(t *testing.T) {
	disp := xvfb(t)
	bin := buildApp(t)
	dir := artefacts(t)
	photo, sc := writeScene(t, t.TempDir(), synth.Spec{Name: "window-name-card", Kind: "name-card", Seed: 3, Width: 1600, Height: 1067, Difficulty: 1})
	shot := filepath.Join(dir, "window.png")
	_ = os.Remove(shot)

	cmd := exec.Command(bin, photo)
	cmd.Env = appEnv(disp, shot)
	cmd.Env = append(cmd.Env, "HOME="+t.TempDir()) // fresh preferences
	logf, _ := os.Create(filepath.Join(dir, "window.log"))
	defer logf.Close()
	cmd.Stdout, cmd.Stderr = logf, logf
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("app exited: %v (log in %s)", err, logf.Name())
		}
	case <-time.After(5 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatal("app did not finish within 5 minutes")
	}
	t.Logf("app ran for %v; screenshot %s", time.Since(start), shot)

	img := loadPNG(t, shot)
	var meta struct {
		Image  []float64 `json:"image"`
		Window string    `json:"window"`
	}
	data, err := os.ReadFile(shot + ".json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &meta); err != nil {
		t.Fatalf("%v: %s", err, data)
	}
	if len(meta.Image) != 4 {
		t.Fatalf("no image in the preview: %s", data)
	}
	wx, wy := geom(meta.Window, "X"), geom(meta.Window, "Y")
	px, py, pw, ph := meta.Image[0]+wx, meta.Image[1]+wy, meta.Image[2], meta.Image[3]
	area := image.Rect(int(px), int(py), int(px+pw), int(py+ph)).Intersect(img.Bounds())
	if area.Dx() < 100 || area.Dy() < 60 {
		t.Fatalf("preview image area %v is too small", area)
	}
	if sd := stddev(img, area); sd < 10 {
		t.Errorf("preview area %v looks blank (stddev %.1f)", area, sd)
	}

	sx := pw / float64(sc.Image.Bounds().Dx())
	sy := ph / float64(sc.Image.Bounds().Dy())
	var names, controls int
	for _, it := range sc.Items {
		r := image.Rect(it.Box[0], it.Box[1], it.Box[2], it.Box[3])
		onScreen := image.Rect(int(px+float64(r.Min.X)*sx), int(py+float64(r.Min.Y)*sy),
			int(px+float64(r.Max.X)*sx), int(py+float64(r.Max.Y)*sy))
		if onScreen.Dx() < 4 || onScreen.Dy() < 3 {
			continue
		}
		d := screenDiff(img, sc.Image, onScreen, r)
		// Text has high contrast; a blurred patch has little. Compare the
		// patch on screen with the same box in the original.
		was, now := stddev(sc.Image, r), stddev(img, onScreen)
		t.Logf("%-14s pii=%v box %v screen %v diff %.1f contrast %.1f -> %.1f", it.Kind, it.PII, r, onScreen, d, was, now)
		switch {
		case it.Kind == "person-name":
			names++
			if d < 12 || now > was*0.5 {
				t.Errorf("patient name at %v looks unchanged on screen (diff %.1f, contrast %.1f -> %.1f)", onScreen, d, was, now)
			}
		case !it.PII && it.Kind != "staff-name" && now > was*0.5:
			controls++
		}
	}
	if names == 0 {
		t.Error("the generated scene has no patient name to look for")
	}
	if controls == 0 {
		t.Error("no text that should stay readable kept its contrast: the screen mapping is off")
	}
}

// geom reads X=123 from xdotool's --shell output.
func geom(s, key string) float64 {
	m := regexp.MustCompile(`(?m)^` + key + `=(\d+)`).FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	v, _ := strconv.ParseFloat(strings.TrimSpace(m[1]), 64)
	return v
}

func loadPNG(t testing.TB, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func lum(c interface{ RGBA() (r, g, b, a uint32) }) float64 {
	r, g, b, _ := c.RGBA()
	return (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)) / 257
}

func stddev(img image.Image, r image.Rectangle) float64 {
	var s, s2, n float64
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			v := lum(img.At(x, y))
			s += v
			s2 += v * v
			n++
		}
	}
	m := s / n
	return sqrt(s2/n - m*m)
}

func sqrt(v float64) float64 {
	if v <= 0 {
		return 0
	}
	x := v
	for i := 0; i < 30; i++ {
		x = (x + v/x) / 2
	}
	return x
}

// screenDiff compares the screen patch with the original's box, sampling
// the original at the matching point: the mean luminance difference.
func screenDiff(screen, orig image.Image, onScreen, box image.Rectangle) float64 {
	var d, n float64
	for y := onScreen.Min.Y; y < onScreen.Max.Y; y++ {
		for x := onScreen.Min.X; x < onScreen.Max.X; x++ {
			ox := box.Min.X + (x-onScreen.Min.X)*box.Dx()/onScreen.Dx()
			oy := box.Min.Y + (y-onScreen.Min.Y)*box.Dy()/onScreen.Dy()
			v := lum(screen.At(x, y)) - lum(orig.At(ox, oy))
			if v < 0 {
				v = -v
			}
			d += v
			n++
		}
	}
	return d / n
}

// BenchmarkStartToFirstFrame measures from starting the app (no photos)
// to its window being mapped on screen under Xvfb.
func BenchmarkStartToFirstFrame(b *testing.B) {
	disp := xvfb(b)
	bin := buildApp(b)
	if _, err := exec.LookPath("xdotool"); err != nil {
		b.Skip("xdotool is not installed")
	}
	for b.Loop() {
		cmd := exec.Command(bin)
		cmd.Env = append(appEnv(disp, ""), "HOME="+b.TempDir())
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		wait := exec.Command("xdotool", "search", "--sync", "--onlyvisible", "--name", "^SafePost$")
		wait.Env = append(os.Environ(), "DISPLAY="+disp)
		if out, err := wait.CombinedOutput(); err != nil {
			b.Fatalf("waiting for the window: %v %s", err, out)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/window")
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}
}
