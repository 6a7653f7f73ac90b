package ui

import (
	"context"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"safepost/internal/imageio"
	"safepost/internal/pipeline"
	"safepost/internal/redact"
	"safepost/internal/review"
	"safepost/internal/scan"
)

// timedEngine records how long its last scan and redaction took, so a
// benchmark can set the app's time against the engine's within the same
// run.
type timedEngine struct {
	review.Engine
	mu           sync.Mutex
	scan, redact time.Duration
}

func (e *timedEngine) Scan(ctx context.Context, img *image.NRGBA) (*scan.Result, error) {
	start := time.Now()
	res, err := e.Engine.Scan(ctx, img)
	e.mu.Lock()
	e.scan = time.Since(start)
	e.mu.Unlock()
	return res, err
}

func (e *timedEngine) Redact(ctx context.Context, img *image.NRGBA, areas []redact.Area) (*pipeline.Outcome, error) {
	start := time.Now()
	out, err := e.Engine.Redact(ctx, img, areas)
	e.mu.Lock()
	e.redact = time.Since(start)
	e.mu.Unlock()
	return out, err
}

// lastProcess is the engine's time for the last photo: its scan and its
// redaction, what pipeline.Engine.Process does.
func (e *timedEngine) lastProcess() time.Duration {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.scan + e.redact
}

// BenchmarkAddToPreview12MP measures a 12-megapixel photo from being added
// to its redacted copy showing in the preview. Beside s/preview it reports
// s/engine, the engine's Process call inside that same run, and
// %over-engine, how much longer the whole took; s/decode is reading the
// file alone (measured apart, after each run), which the app must do and
// BenchmarkProcess12MP leaves out; %over-file sets the whole against
// reading the file plus Process, the engine's time for the file as
// `safepost check` spends it. The photo is a PNG (as generated) and a
// JPEG (as phones save them).
func BenchmarkAddToPreview12MP(b *testing.B) {
	pngPath, _ := scenePhoto(b, "whiteboard", 4000, 3000)
	jpegPath := toJPEG(b, pngPath)
	eng := &timedEngine{Engine: realEngine(b)}
	for _, c := range []struct{ name, path string }{{"png", pngPath}, {"jpeg", jpegPath}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var preview, engine, decode time.Duration
			for b.Loop() {
				h := newHarness(b, eng, 1)
				start := time.Now()
				h.u.AddPaths([]string{c.path})
				for len(h.u.Preview.Images) == 0 {
					h.pump()
					if p := h.u.Model.Photos[0]; p.State == review.Failed {
						b.Fatalf("check failed: %v", p.Err)
					}
					time.Sleep(2 * time.Millisecond)
				}
				preview += time.Since(start)
				engine += eng.lastProcess()
				h.u.Model.Close()
				h.u.Model.Wait()
				b.StopTimer()
				t := time.Now()
				if _, err := imageio.Load(c.path); err != nil {
					b.Fatal(err)
				}
				decode += time.Since(t)
				b.StartTimer()
			}
			n := float64(b.N)
			b.ReportMetric(preview.Seconds()/n, "s/preview")
			b.ReportMetric(engine.Seconds()/n, "s/engine")
			b.ReportMetric(decode.Seconds()/n, "s/decode")
			b.ReportMetric(100*(preview-engine).Seconds()/engine.Seconds(), "%over-engine")
			// Against what the engine takes for the same file from the
			// command line (safepost check): reading it, then Process.
			b.ReportMetric(100*(preview-engine-decode).Seconds()/(engine+decode).Seconds(), "%over-file")
		})
	}
}

// toJPEG re-encodes the PNG at path as a quality-90 JPEG beside it.
func toJPEG(b *testing.B, path string) string {
	b.Helper()
	img, err := imageio.Load(path)
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "photo.jpg")
	f, err := os.Create(out)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := jpeg.Encode(f, img.Pixels, &jpeg.Options{Quality: 90}); err != nil {
		b.Fatal(err)
	}
	return out
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

// BenchmarkTypingWhileChecking types into the post box, one key about
// every 30 ms as a person types, while two 12-megapixel photos are being
// checked (both at once, on the real engine; re-added whenever both are
// done). It reports ms/key, a keystroke's handling (entry, model, every
// view's refresh), and ms/key+draw with a software render of the whole
// window on top: an upper bound on "drawn", as the desktop draws on the
// GPU. p95 and max are over all keystrokes; %busy is the share typed
// while a check ran. Target: each keystroke drawn within 50 ms on a
// 2-core machine.
func BenchmarkTypingWhileChecking(b *testing.B) {
	pngPath, _ := scenePhoto(b, "whiteboard", 4000, 3000)
	jpegPath := toJPEG(b, pngPath)
	h := newHarness(b, realEngine(b), 2)
	checking := func() bool {
		for _, p := range h.u.Model.Photos {
			if p.State == review.Waiting || p.State == review.Checking || p.Redoing {
				return true
			}
		}
		return false
	}
	h.u.AddPaths([]string{pngPath, jpegPath})
	h.u.Win.Canvas().Focus(h.u.Editor)
	var handle, drawn []time.Duration
	busy := 0
	for b.Loop() {
		h.pump()
		if !checking() {
			for len(h.u.Model.Photos) > 0 {
				h.u.Model.Remove(h.u.Model.Photos[0].ID)
			}
			h.u.AddPaths([]string{pngPath, jpegPath})
		}
		if checking() {
			busy++
		}
		start := time.Now()
		h.u.Editor.TypedRune('a')
		handle = append(handle, time.Since(start))
		h.u.Win.Canvas().Content().Refresh()
		_ = h.u.Win.Canvas().Capture()
		drawn = append(drawn, time.Since(start))
		if len(h.u.Editor.Text) > 200 {
			h.u.Editor.SetText("")
		}
		time.Sleep(30 * time.Millisecond)
	}
	report := func(ds []time.Duration, unit string) {
		slices.Sort(ds)
		var sum time.Duration
		for _, d := range ds {
			sum += d
		}
		ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
		b.ReportMetric(ms(sum)/float64(len(ds)), unit)
		b.ReportMetric(ms(ds[len(ds)*95/100]), "p95-"+unit)
		b.ReportMetric(ms(ds[len(ds)-1]), "max-"+unit)
	}
	report(handle, "ms/key")
	report(drawn, "ms/key+draw")
	b.ReportMetric(100*float64(busy)/float64(len(handle)), "%busy")
}
