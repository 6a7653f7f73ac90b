//go:build linux && cgo

package ocr

/*
#include <malloc.h>
*/
import "C"

// ReleaseMemory hands memory that Tesseract has freed back to the system.
// glibc keeps freed blocks in its arenas (one per thread that called
// malloc), so after a 12 MP photo a process can stay hundreds of
// megabytes larger than it needs until the next photo reuses them.
// Call it between photos, never during a read.
func ReleaseMemory() { C.malloc_trim(0) }
