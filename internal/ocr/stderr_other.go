//go:build !windows

package ocr

// restoreStderr has nothing to do where gosseract's stderr redirection
// works (dup and dup2 on the same descriptor Go writes to).
func restoreStderr() {}
