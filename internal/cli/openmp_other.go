//go:build !unix

package cli

// LimitOpenMP does nothing where the process cannot re-exec itself; the
// Windows package sets OMP_THREAD_LIMIT in its launcher.
func LimitOpenMP() { tuneGC() }
