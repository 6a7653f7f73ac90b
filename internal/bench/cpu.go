package bench

import (
	"os"
	"strconv"
	"strings"
)

// cpuSeconds is the processor time, user and system, that this process
// has used so far on all its threads, and that its children it waited for
// used (Linux's /proc/self/stat; 0 where it cannot be read). Over one
// image it is the work done, however many cores did it and however busy
// the machine was: wall time on a shared machine swings with the load,
// processor time much less.
func cpuSeconds() (self, children float64) {
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, 0
	}
	return statCPU(string(data))
}

// statCPU reads utime, stime, cutime and cstime (fields 14 to 17, in
// clock ticks of 1/100 s) from a /proc/PID/stat line. The command name
// (field 2) is in parentheses and may hold spaces, so fields are counted
// after its closing one.
func statCPU(stat string) (self, children float64) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, 0
	}
	f := strings.Fields(stat[i+1:])
	// f[0] is field 3 (state): utime is f[11], stime f[12], cutime f[13],
	// cstime f[14].
	if len(f) < 15 {
		return 0, 0
	}
	var v [4]float64
	for k := range v {
		n, err := strconv.ParseFloat(f[11+k], 64)
		if err != nil {
			return 0, 0
		}
		v[k] = n
	}
	return (v[0] + v[1]) / clockTicks, (v[2] + v[3]) / clockTicks
}

// clockTicks is USER_HZ, which Linux fixes at 100 for /proc whatever the
// kernel's own tick.
const clockTicks = 100

// cpuNow is this process's own processor time so far (see cpuSeconds).
func cpuNow() float64 {
	s, _ := cpuSeconds()
	return s
}
