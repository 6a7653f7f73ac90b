// Package testenv keeps tests off the person's own SafePost folder: a
// package's TestMain calls Main, which points SAFEPOST_DATA_DIR (the
// decisions database and the redaction key) at a temporary folder for the
// whole run unless the environment already names one.
package testenv

import (
	"fmt"
	"os"
	"testing"

	"safepost/internal/decisions"
)

// DataDir is the temporary data folder Main made ("" when the environment
// named one). Tests that need a folder of their own compare against it.
var DataDir string

// Main runs the tests with a temporary data folder and returns their exit
// code: os.Exit(testenv.Main(m)).
func Main(m *testing.M) int {
	if os.Getenv(decisions.EnvDataDir) != "" {
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "safepost-test-data-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "testenv:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	DataDir = dir
	if err := os.Setenv(decisions.EnvDataDir, dir); err != nil {
		fmt.Fprintln(os.Stderr, "testenv:", err)
		return 1
	}
	return m.Run()
}
