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

// mapLargeBlocks makes glibc give every block of 4 MB or more (the page
// images and thresholded copies Tesseract and Leptonica make of a photo)
// its own mapping, handed back to the system the moment it is freed. By
// default glibc raises that threshold to the size of each large block
// freed, up to 32 MB, after which a photo's big buffers are carved from
// the arenas and stay there in fragments. Measured over the 56 corpus
// photos in one process (OMP_THREAD_LIMIT=1, _tmp/mem, scratch): resident
// memory between photos grew from 137 to 243 MB with the default, and the
// highest peak on a 12 MP photo was 453 MB; with the threshold fixed at
// 4 MB both stayed at 130-156 and 393 MB. A lower threshold keeps more
// memory back (1 MB: peak 385 MB) but costs more time in page faults: on
// four 12 MP photos, 1 MB took 3% longer than the default and 4 MB 1%.
// Setting the threshold explicitly also turns the raising off.
func mapLargeBlocks() { C.mallopt(C.M_MMAP_THRESHOLD, 4<<20) }
