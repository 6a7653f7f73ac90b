package synth

import (
	"syscall"
	"testing"
	"time"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestTmpTiming(t *testing.T) {
	for _, k := range Kinds() {
		for d := 1; d <= 3; d += 2 {
			st, c0 := time.Now(), cpuNow()
			s, err := Render(Spec{Name: "x", Kind: k, Seed: 5, Width: 4000, Height: 3000, Difficulty: d})
			if err != nil {
				t.Fatal(err)
			}
			lo, hi := 1000, 0
			for _, it := range s.Items {
				h := it.Box[3] - it.Box[1]
				lo, hi = min(lo, h), max(hi, h)
			}
			t.Logf("%-15s d%d cpu %v wall %v items=%d heights %d-%d", k, d, (cpuNow()-c0).Round(time.Millisecond), time.Since(st).Round(time.Millisecond), len(s.Items), lo, hi)
		}
	}
}
