// Command scenes writes a few of the generated corpus's small scenes as PNG
// files, for build/windows/test.sh to read on Linux and under Wine.
//
//	go run ./build/windows/scenes -n 4 DIR
package main

import (
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"

	"safepost/internal/synth"
)

func main() {
	n := flag.Int("n", 4, "how many scenes (one per kind, the smallest photos first)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: scenes [-n N] DIR")
		os.Exit(2)
	}
	if err := write(flag.Arg(0), *n); err != nil {
		fmt.Fprintf(os.Stderr, "scenes: %v\n", err)
		os.Exit(1)
	}
}

func write(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, spec := range synth.Corpus() {
		if len(seen) == n {
			break
		}
		// Small photos of kinds not yet written: the test stays quick.
		if seen[spec.Kind] || spec.Width*spec.Height > 2_100_000 {
			continue
		}
		sc, err := synth.Render(spec)
		if err != nil {
			return fmt.Errorf("%s: %w", spec.Name, err)
		}
		f, err := os.Create(filepath.Join(dir, spec.Name+".png"))
		if err != nil {
			return err
		}
		if err := png.Encode(f, sc.Image); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		seen[spec.Kind] = true
	}
	return nil
}
