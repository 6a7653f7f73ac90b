package ocr

import (
	"fmt"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"testing"
)

func TestProbeSkew(t *testing.T) {
	dir := os.Getenv("PROBEDIR")
	if dir == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(dir + "/*")
	for _, p := range files {
		f, _ := os.Open(p)
		img, _, err := image.Decode(f)
		f.Close()
		if err != nil {
			continue
		}
		fmt.Println(filepath.Base(p), skewAngle(gray(img)))
	}
}

func TestProbeRead(t *testing.T) {
	p := os.Getenv("PROBE")
	if p == "" {
		t.Skip()
	}
	f, _ := os.Open(p)
	img, _, _ := image.Decode(f)
	f.Close()
	for _, passes := range [][]Pass{DefaultPasses()[:1], DefaultPasses()[1:], DefaultPasses()} {
		e, _ := NewTesseract(Options{Passes: passes})
		pg, _ := e.Read(t.Context(), img)
		for _, l := range pg.Lines {
			if l.Box.Min.Y < 120 {
				s := ""
				for _, w := range l.Words {
					s += fmt.Sprintf("%s(%.0f) ", w.Text, w.Conf)
				}
				fmt.Println(l.Box, s)
			}
		}
		fmt.Println("----")
		e.Close()
	}
}
