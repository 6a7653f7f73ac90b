package acceptance

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/otiai10/gosseract/v2"

	"safepost/internal/bench"
	"safepost/internal/pipeline"
)

// realFloors are the figures the real set must keep to. They live in
// testdata/real_floors.json so raising them is a one-line edit.
type realFloors struct {
	Note                string  `json:"note,omitempty"`
	RecallMin           float64 `json:"recall_min"`
	LeakMax             float64 `json:"leak_max"`
	OverblurKeepMax     float64 `json:"overblur_keep_max"`
	NegativesChangedMax int     `json:"negatives_changed_max"`
	LeakPSM             []int   `json:"leak_psm"`
}

// TestRealSet runs the engine over the real images with ground truth
// (shared/testdata/real) and scores it as realscore.py does, in memory:
// nothing the test reads or makes is written to disk. It fails when a
// figure is worse than its floor.
func TestRealSet(t *testing.T) {
	dir := os.Getenv("SAFEPOST_REAL_DIR")
	if dir == "" {
		t.Skip("SAFEPOST_REAL_DIR not set")
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "real_floors.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fl realFloors
	if err := json.Unmarshal(raw, &fl); err != nil {
		t.Fatalf("testdata/real_floors.json: %v", err)
	}
	eng, err := pipeline.New(pipeline.Options{ConfigPath: filepath.Join(t.TempDir(), "none.toml"), Workers: runtime.NumCPU()})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	// Two images at once keep both cores busy through the engine's
	// single-threaded stretches, which the race detector makes long.
	opts := bench.RealOptions{Dir: dir, Leak: true, Workers: runtime.NumCPU(), Concurrent: 2, Verbose: testing.Verbose()}
	for _, p := range fl.LeakPSM {
		opts.LeakPSMs = append(opts.LeakPSMs, gosseract.PageSegMode(p))
	}
	start := time.Now()
	var lines bytes.Buffer
	rep, err := bench.RunReal(context.Background(), eng, opts, &lines)
	if err != nil {
		t.Fatal(err)
	}
	s := rep.Summarise()
	var summary bytes.Buffer
	s.Print(&summary)
	for _, l := range strings.Split(strings.TrimRight(lines.String()+"\n"+summary.String(), "\n"), "\n") {
		t.Log(l)
	}
	got := realFloors{
		RecallMin: round3(s.Total.Recall()), LeakMax: round3(s.Total.Leak()),
		OverblurKeepMax: round3(s.Total.OverblurKeep()), NegativesChangedMax: s.NegChanged, LeakPSM: fl.LeakPSM,
	}
	measured, _ := json.Marshal(got)
	t.Logf("measured in %.0f s (%s); as floors: %s", time.Since(start).Seconds(), s.LeakMethod(), measured)
	if s.Images == 0 {
		t.Fatalf("no images with ground truth in %s", dir)
	}
	if got.RecallMin < fl.RecallMin {
		t.Errorf("recall %.3f is below its floor %.3f", got.RecallMin, fl.RecallMin)
	}
	if got.LeakMax > fl.LeakMax {
		t.Errorf("leak %.3f is above its ceiling %.3f", got.LeakMax, fl.LeakMax)
	}
	if got.OverblurKeepMax > fl.OverblurKeepMax {
		t.Errorf("overblur_keep %.3f is above its ceiling %.3f", got.OverblurKeepMax, fl.OverblurKeepMax)
	}
	if got.NegativesChangedMax > fl.NegativesChangedMax {
		t.Errorf("negatives changed %d/%d is above its ceiling %d", got.NegativesChangedMax, s.Negatives, fl.NegativesChangedMax)
	}
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
