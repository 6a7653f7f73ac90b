package cli

import "runtime/debug"

// tuneGC keeps the Go heap close to what is live: a 12 MP photo is held as
// several full-size copies (original, grey, redacted) for a moment, and the
// default GC target would let the heap double on top of Tesseract's own
// memory. A soft limit makes the collector work harder near it.
func tuneGC() {
	debug.SetGCPercent(50)
	debug.SetMemoryLimit(300 << 20)
}
