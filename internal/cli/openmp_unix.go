//go:build unix

package cli

import (
	"os"
	"syscall"
)

// LimitOpenMP restarts the process once with OMP_THREAD_LIMIT=1 when it is
// not set. Tesseract's OpenMP threads fight each other on small machines
// (3x slower on 2 cores); SafePost runs one Tesseract client per core
// instead. The variable is read when the library loads, so setting it from
// Go after start-up has no effect: hence the re-exec.
func LimitOpenMP() {
	tuneGC()
	if os.Getenv("OMP_THREAD_LIMIT") != "" {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	env := append(os.Environ(), "OMP_THREAD_LIMIT=1")
	// On failure carry on: slower, not wrong.
	_ = syscall.Exec(exe, os.Args, env)
}
