package folder

import (
	"bytes"
	"fmt"
	"image/jpeg"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"safepost/internal/decisions"
	"safepost/internal/pipeline"
	"safepost/internal/review"
	"safepost/internal/synth"
)

// benchFolder writes 50 photos of the generated corpus (every scene of
// synth.Corpus, 0.7 to 12 megapixels, then the first ones again with other
// seeds) as JPEG into dir, unless they are already there.
func benchFolder(b *testing.B, dir string) {
	b.Helper()
	specs := synth.Corpus()
	for i := 0; len(specs) < 50; i++ {
		s := specs[i]
		s.Name += "-again"
		s.Seed++
		specs = append(specs, s)
	}
	for i, s := range specs[:50] {
		path := filepath.Join(dir, fmt.Sprintf("%02d-%s.jpg", i+1, s.Name))
		if _, err := os.Stat(path); err == nil {
			continue
		}
		sc, err := synth.Render(s)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, sc.Image, &jpeg.Options{Quality: 90}); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// peakRSS reads the process's peak resident set (Linux; 0 elsewhere).
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkFolderScan50 is the folder review's scan of 50 generated photos
// of mixed sizes with the real engine, as the app runs it: as many photos
// at once as there are cores, the app's GC settings, only thumbnails kept.
// It reports the total time, photos per minute, the peak Go heap and the
// process's peak resident memory during the scan. Set
// SAFEPOST_BENCH_FOLDER to a folder to keep the rendered photos between
// runs; run with OMP_THREAD_LIMIT=1, as the app does.
//
//	OMP_THREAD_LIMIT=1 go test -run '^$' -bench FolderScan50 -benchtime 1x ./internal/folder/
func BenchmarkFolderScan50(b *testing.B) {
	if testing.Short() {
		b.Skip("real engine on 50 photos")
	}
	dir := os.Getenv("SAFEPOST_BENCH_FOLDER")
	if dir == "" {
		dir = b.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	benchFolder(b, dir)
	eng, err := pipeline.New(pipeline.Options{Workers: 2})
	if err != nil {
		b.Fatalf("real engine: %v", err)
	}
	defer eng.Close()
	// The app's settings (internal/cli tuneGC).
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(300 << 20))
	b.Setenv(decisions.EnvDataDir, b.TempDir())

	for b.Loop() {
		runtime.GC()
		// Reset the peak resident set so rendering does not count.
		_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
		var mu sync.Mutex
		var queue []func()
		do := func(f func()) {
			mu.Lock()
			queue = append(queue, f)
			mu.Unlock()
		}
		var peakHeap atomic.Uint64
		stop := make(chan struct{})
		sampled := make(chan struct{})
		go func() {
			defer close(sampled)
			var ms runtime.MemStats
			for {
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peakHeap.Load() {
					peakHeap.Store(ms.HeapInuse)
				}
				select {
				case <-stop:
					return
				case <-time.After(100 * time.Millisecond):
				}
			}
		}()
		m := NewModel(eng, nil, nil, do, runtime.NumCPU())
		start := time.Now()
		m.AddFolder(dir)
		for {
			mu.Lock()
			q := queue
			queue = nil
			mu.Unlock()
			for _, f := range q {
				f()
			}
			if done, total := m.Progress(); done == total {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		elapsed := time.Since(start)
		close(stop)
		<-sampled
		var flagged, clean, failed int
		for _, it := range m.Items {
			switch {
			case it.State == review.Failed:
				failed++
			case it.Blurred() > 0:
				flagged++
			default:
				clean++
			}
		}
		n := len(m.Items)
		b.Logf("%d photos in %v: %d with regions blurred, %d clean, %d could not check; peak heap %d MiB, peak RSS %d MiB",
			n, elapsed.Round(time.Second), flagged, clean, failed, peakHeap.Load()>>20, peakRSS()>>20)
		b.ReportMetric(elapsed.Seconds(), "s/folder")
		b.ReportMetric(float64(n)/elapsed.Minutes(), "photos/min")
		b.ReportMetric(float64(peakHeap.Load()>>20), "peak-heap-MiB")
		b.ReportMetric(float64(peakRSS()>>20), "peak-RSS-MiB")
		m.Close()
		m.Wait()
	}
}
