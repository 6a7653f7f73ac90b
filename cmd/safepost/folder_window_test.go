package main

import (
	"bytes"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"safepost/internal/decisions"
	"safepost/internal/synth"
)

// TestFolderReviewScreenshot starts the real app (real Tesseract) under
// Xvfb on a small generated folder with SAFEPOST_FOLDER, waits until every
// image is checked, and keeps a screenshot of the review list as
// folder-review.png in $SAFEPOST_ARTIFACTS. One image was approved in an
// earlier session (a decision in the data folder), one file is not an
// image at all.
func TestFolderReviewScreenshot(t *testing.T) {
	if testing.Short() {
		t.Skip("real engine under Xvfb")
	}
	disp := xvfb(t)
	bin := buildApp(t)
	out := artefacts(t)
	dir := t.TempDir()
	specs := []synth.Spec{
		{Name: "wristband", Kind: "wristband", Seed: 5, Width: 1200, Height: 900, Difficulty: 1},
		{Name: "whiteboard", Kind: "whiteboard", Seed: 6, Width: 1280, Height: 960, Difficulty: 1},
		{Name: "team-banner", Kind: "team-banner", Seed: 7, Width: 1024, Height: 768, Difficulty: 1},
		{Name: "name-card", Kind: "name-card", Seed: 8, Width: 1200, Height: 800, Difficulty: 1},
	}
	for _, s := range specs {
		sc, err := synth.Render(s)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, sc.Image, &jpeg.Options{Quality: 90}); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, s.Name+".jpg"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "unreadable.jpg"), []byte("not a photo"), 0o644); err != nil {
		t.Fatal(err)
	}

	// A decision from an earlier session: the banner was approved.
	data := t.TempDir()
	store, err := decisions.Open(filepath.Join(data, decisions.FileName))
	if err != nil {
		t.Fatal(err)
	}
	hash, err := decisions.HashFile(filepath.Join(dir, "team-banner.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Put(decisions.Record{Hash: hash, Decision: decisions.Approved, Check: decisions.Verified,
		Reviewer: "Alex Reviewer"}); err != nil {
		t.Fatal(err)
	}
	store.Close()

	shot := filepath.Join(out, "folder-review.png")
	_ = os.Remove(shot)
	_ = os.Remove(shot + ".txt")
	cmd := exec.Command(bin)
	cmd.Env = append(appEnv(disp, shot), "SAFEPOST_FOLDER="+dir, decisions.EnvDataDir+"="+data, "HOME="+t.TempDir())
	logPath := filepath.Join(out, "folder-review.log")
	var logBuf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logBuf, &logBuf
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("app exited: %v (log in %s)", err, logPath)
		}
	case <-time.After(5 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatal("app did not finish within 5 minutes")
	}
	t.Logf("app ran for %v; screenshot %s", time.Since(start), shot)

	if err := os.WriteFile(logPath, logBuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	log, err := os.ReadFile(shot + ".txt")
	if err != nil {
		t.Fatalf("the app wrote no item states: %v (log in %s)", err, logPath)
	}
	t.Logf("items:\n%s", log)
	for _, want := range []string{
		`folder item "unreadable.jpg": Could not check`,
		`folder item "wristband.jpg": `,
		`folder item "team-banner.jpg": `,
		"[Approved]",
		"folder settled after",
	} {
		if !strings.Contains(string(log), want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(string(log), `"wristband.jpg": Clean`) {
		t.Error("the wristband was found clean")
	}
	img := loadPNG(t, shot)
	b := img.Bounds()
	if b.Dx() < 800 || b.Dy() < 500 {
		t.Fatalf("screenshot is %v", b)
	}
	if sd := stddev(img, b); sd < 10 {
		t.Errorf("screenshot looks blank (stddev %.1f)", sd)
	}
	// The list's thumbnails and the detail's preview are redacted
	// copies: nothing in the app wrote anything but the database.
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(specs)+1 {
		t.Errorf("the photo folder now has %d files", len(entries))
	}
}
