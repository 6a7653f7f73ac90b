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

// mapLargeBlocks makes glibc give every block of 1 MB or more (the page
// images, thresholded copies and strips Tesseract and Leptonica make of a
// photo) its own mapping, handed back to the system the moment it is
// freed. By default glibc raises that threshold to the size of each large
// block freed, up to 32 MB, after which a photo's big buffers are carved
// from the arenas and stay there in fragments. Measured over the 56 corpus
// photos in one process (OMP_THREAD_LIMIT=1): resident memory between
// photos grew from 137 to 243 MB with the default and stayed at 135-157 MB
// with the threshold fixed, and the highest peak on a 12 MP photo fell from
// 453 to 385 MB, for about 4% more time (94 s against 98 s). Setting the
// threshold explicitly also turns the raising off.
func mapLargeBlocks() { C.mallopt(C.M_MMAP_THRESHOLD, 1<<20) }
