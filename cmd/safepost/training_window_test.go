package main

import (
	"encoding/json"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"safepost/internal/training"
)

// TestTrainingRevealScreenshot runs the real app under Xvfb with training
// open on a faded, skewed patient board (one SafePost partly misreads),
// marks it with the mouse as a trainee would
// (three taps on names, a dragged box over a date of birth, a tap on the
// nurse's name), clicks Reveal, waits for the real scanner's answer and
// keeps a screenshot of the reveal screen in $SAFEPOST_ARTIFACTS. It checks
// the score the app computed from those clicks and the colours on screen:
// green round what was found, red over what was missed.
func TestTrainingRevealScreenshot(t *testing.T) {
	disp := xvfb(t)
	if _, err := exec.LookPath("xdotool"); err != nil {
		t.Skip("xdotool is not installed")
	}
	bin := buildApp(t)
	dir := artefacts(t)
	const sceneName = "22-whiteboard"
	deck, err := training.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	sc := deck.Scene(sceneName)
	if sc == nil {
		t.Fatalf("no scene %s", sceneName)
	}
	shot := filepath.Join(dir, "training-reveal.png")
	for _, p := range []string{shot, shot + ".json", shot + ".result.json"} {
		_ = os.Remove(p)
	}

	cmd := exec.Command(bin)
	cmd.Env = append(appEnv(disp, shot), "HOME="+t.TempDir(), "SAFEPOST_TRAINING="+sceneName)
	logf, _ := os.Create(filepath.Join(dir, "training-window.log"))
	defer logf.Close()
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		select {
		case <-done:
		default:
			_ = cmd.Process.Kill()
			<-done
		}
	}()

	// Wait for the app to say where the photo and the Reveal button are.
	var geo struct {
		Scene  string    `json:"scene"`
		Image  []float64 `json:"image"`
		Reveal []float64 `json:"reveal"`
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		data, err := os.ReadFile(shot + ".json")
		if err == nil && json.Unmarshal(data, &geo) == nil && len(geo.Image) == 4 {
			break
		}
		select {
		case err := <-done:
			done <- err
			t.Fatalf("app exited before training showed: %v (log in %s)", err, logf.Name())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("training did not show its scene within 2 minutes")
		}
		time.Sleep(200 * time.Millisecond)
	}
	if geo.Scene != sceneName {
		t.Fatalf("training shows %s, want %s", geo.Scene, sceneName)
	}
	out, err := trainingXdo(disp, "search", "--name", "^SafePost$", "getwindowgeometry", "--shell")
	if err != nil {
		t.Fatalf("finding the training window: %v %s", err, out)
	}
	wx, wy := geom(out, "X"), geom(out, "Y")
	sx := geo.Image[2] / float64(sc.Width)
	sy := geo.Image[3] / float64(sc.Height)
	screen := func(p image.Point) (int, int) {
		return int(wx + geo.Image[0] + float64(p.X)*sx), int(wy + geo.Image[1] + float64(p.Y)*sy)
	}
	var names, dobs, staff []training.Item
	for _, it := range sc.Items {
		switch it.Kind {
		case "person-name":
			names = append(names, it)
		case "date-of-birth", "age":
			dobs = append(dobs, it)
		case "staff-name":
			staff = append(staff, it)
		}
	}
	if len(names) < 3 || len(dobs) < 1 || len(staff) < 1 {
		t.Fatalf("scene has %d names, %d dates, %d staff names", len(names), len(dobs), len(staff))
	}
	click := func(p image.Point) {
		x, y := screen(p)
		if out, err := trainingXdo(disp, "mousemove", fmt.Sprint(x), fmt.Sprint(y), "sleep", "0.2", "click", "1", "sleep", "0.3"); err != nil {
			t.Fatalf("click: %v %s", err, out)
		}
	}
	for _, it := range names[:3] {
		click(boxCentre(it.Rect()))
	}
	// Drag a box round the first date of birth, a little outside it.
	r := dobs[0].Rect()
	x0, y0 := screen(r.Min.Sub(image.Pt(4, 4)))
	x1, y1 := screen(r.Max.Add(image.Pt(4, 4)))
	if out, err := trainingXdo(disp, "mousemove", fmt.Sprint(x0), fmt.Sprint(y0), "sleep", "0.2", "mousedown", "1", "sleep", "0.2",
		"mousemove", fmt.Sprint((x0+x1)/2), fmt.Sprint((y0+y1)/2), "sleep", "0.2",
		"mousemove", fmt.Sprint(x1), fmt.Sprint(y1), "sleep", "0.2", "mouseup", "1", "sleep", "0.3"); err != nil {
		t.Fatalf("drag: %v %s", err, out)
	}
	// The nurse's name: a false alarm.
	click(boxCentre(staff[len(staff)-1].Rect()))
	bx, by := int(wx+geo.Reveal[0]+geo.Reveal[2]/2), int(wy+geo.Reveal[1]+geo.Reveal[3]/2)
	if out, err := trainingXdo(disp, "mousemove", fmt.Sprint(bx), fmt.Sprint(by), "sleep", "0.2", "click", "1"); err != nil {
		t.Fatalf("clicking Reveal: %v %s", err, out)
	}

	select {
	case err := <-done:
		done <- err
		if err != nil {
			t.Fatalf("app exited: %v (log in %s)", err, logf.Name())
		}
	case <-time.After(4 * time.Minute):
		t.Fatal("the reveal did not settle within 4 minutes (is SafePost's scan stuck?)")
	}
	var res struct {
		Revealed    bool   `json:"revealed"`
		Found       int    `json:"found"`
		Missed      int    `json:"missed"`
		FalseAlarms int    `json:"false_alarms"`
		Marks       int    `json:"marks"`
		Status      string `json:"status"`
		Scanner     string `json:"scanner"`
	}
	data, err := os.ReadFile(shot + ".result.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatalf("%v: %s", err, data)
	}
	t.Logf("status: %s", res.Status)
	t.Logf("scanner: %s", res.Scanner)
	if !res.Revealed || res.Marks != 5 || res.Found != 4 || res.FalseAlarms != 1 || res.Missed != sc.PIICount()-4 {
		t.Errorf("result %+v: want 5 marks, 4 found, 1 false alarm, %d missed", res, sc.PIICount()-4)
	}
	if !strings.Contains(res.Scanner, "SafePost would blur") {
		t.Errorf("no answer from SafePost's scanner: %q", res.Scanner)
	}

	// On screen: a found name is outlined green, a missed one red.
	img := loadPNG(t, shot)
	onScreen := func(it training.Item) image.Rectangle {
		x0, y0 := screen(it.Rect().Min.Sub(image.Pt(8, 8)))
		x1, y1 := screen(it.Rect().Max.Add(image.Pt(8, 8)))
		return image.Rect(x0, y0, x1, y1).Intersect(img.Bounds())
	}
	green := func(r, g, b float64) bool { return g > 90 && g > r*1.4 && g > b*1.4 }
	red := func(r, g, b float64) bool { return r > 150 && r > g*2 && r > b*2 }
	if n := countPixelsWhere(img, onScreen(names[0]), green); n < 20 {
		t.Errorf("found name %v: %d green pixels on screen, want an outline", onScreen(names[0]), n)
	}
	missed := names[len(names)-1]
	if n := countPixelsWhere(img, onScreen(missed), red); n < 20 {
		t.Errorf("missed name %v: %d red pixels on screen, want an outline", onScreen(missed), n)
	}
}

func trainingXdo(disp string, args ...string) (string, error) {
	c := exec.Command("xdotool", args...)
	c.Env = append(os.Environ(), "DISPLAY="+disp)
	out, err := c.CombinedOutput()
	return string(out), err
}

func boxCentre(r image.Rectangle) image.Point {
	return image.Pt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
}

func countPixelsWhere(img image.Image, r image.Rectangle, match func(r, g, b float64) bool) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if match(float64(cr>>8), float64(cg>>8), float64(cb>>8)) {
				n++
			}
		}
	}
	return n
}
