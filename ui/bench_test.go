package ui

import (
	"context"
	"testing"
	"time"

	"safepost/internal/imageio"
)

// BenchmarkAddToPreview12MP measures a 12-megapixel photo from being added
// to its redacted copy showing in the preview; compare with
// BenchmarkProcess12MP, the engine's own time on the same photo.
func BenchmarkAddToPreview12MP(b *testing.B) {
	path, _ := scenePhoto(b, "whiteboard", 4000, 3000)
	eng := realEngine(b)
	b.ReportAllocs()
	for b.Loop() {
		h := newHarness(b, eng, 1)
		start := time.Now()
		h.u.AddPaths([]string{path})
		for len(h.u.Preview.Images) == 0 {
			h.pump()
			if p := h.u.Model.Photos[0]; p.State == Failed {
				b.Fatalf("check failed: %v", p.Err)
			}
			time.Sleep(2 * time.Millisecond)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/preview")
		h.u.Model.Close()
		h.u.Model.Wait()
	}
}

// BenchmarkProcess12MP is the engine alone on the photo of
// BenchmarkAddToPreview12MP (already decoded).
func BenchmarkProcess12MP(b *testing.B) {
	path, _ := scenePhoto(b, "whiteboard", 4000, 3000)
	img, err := imageio.Load(path)
	if err != nil {
		b.Fatal(err)
	}
	eng := realEngine(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := eng.Process(context.Background(), img.Pixels); err != nil {
			b.Fatal(err)
		}
	}
}
