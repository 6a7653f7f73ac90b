package bench

import (
	"runtime"
	"testing"
	"time"
)

func TestStatCPU(t *testing.T) {
	tests := []struct {
		name, stat string
		self, kids float64
	}{
		{"plain", "1234 (safepost) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 75 40 2 20 0 9 0", 3.25, 0.42},
		{"a name with spaces and parentheses", "99 (a (b) c) R 1 99 99 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0", 0.03, 0},
		{"too short", "99 (x) R 1 2 3", 0, 0},
		{"no name", "garbage", 0, 0},
		{"not numbers", "1 (x) S 1 1 1 0 -1 0 0 0 0 0 a b 0 0", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if s, k := statCPU(tt.stat); s != tt.self || k != tt.kids {
				t.Errorf("statCPU = %v, %v, want %v, %v", s, k, tt.self, tt.kids)
			}
		})
	}
}

// TestCPUSecondsCounts: on Linux, spinning shows in the process's
// processor time (within 5 s of wall time, however busy the machine).
func TestCPUSecondsCounts(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	used := func() float64 { s, _ := cpuSeconds(); return s }
	before := used()
	x := 0
	for end := time.Now().Add(5 * time.Second); used()-before < 0.05; x++ {
		if time.Now().After(end) {
			t.Fatalf("5 s of spinning added %.2f s of processor time (%d turns)", used()-before, x)
		}
	}
}
