package ocr

import (
	"log"
	"os"
	"syscall"
)

// gosseract starts each client by pointing the C library's stderr at
// /dev/null with freopen and back with dup2. On Windows that freopen fails,
// which closes the C library's descriptor 2 and with it the console handle
// that Go's os.Stderr holds: later messages were lost, or written to
// whatever reused the handle's number (HEIC decoding failed with "Invalid
// handle"). So os.Stderr gets a handle of its own at start-up, before
// main (and internal/cli's Env) takes it, and the process's standard error
// handle, where Go's runtime writes a panic, is pointed back at it after
// every client start.

// origStderr keeps the first os.Stderr reachable: its finalizer would
// otherwise close a handle number the C library may have reused.
var origStderr *os.File

var setStdHandle = syscall.NewLazyDLL("kernel32.dll").NewProc("SetStdHandle")

func init() {
	h := syscall.Handle(os.Stderr.Fd())
	if h == 0 || h == syscall.InvalidHandle {
		return // a GUI program starts with no standard error
	}
	p, err := syscall.GetCurrentProcess()
	if err != nil {
		return
	}
	var dup syscall.Handle
	if err := syscall.DuplicateHandle(p, h, p, &dup, 0, false, syscall.DUPLICATE_SAME_ACCESS); err != nil {
		return
	}
	origStderr = os.Stderr
	os.Stderr = os.NewFile(uintptr(dup), "/dev/stderr")
	log.SetOutput(os.Stderr)
}

// restoreStderr runs after a client has started (under startMu).
func restoreStderr() {
	if origStderr == nil {
		return
	}
	std := syscall.STD_ERROR_HANDLE
	setStdHandle.Call(uintptr(std), os.Stderr.Fd())
}
