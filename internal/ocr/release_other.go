//go:build !(linux && cgo)

package ocr

// ReleaseMemory does nothing where the C library is not glibc.
func ReleaseMemory() {}

// mapLargeBlocks does nothing where the C library is not glibc.
func mapLargeBlocks() {}
