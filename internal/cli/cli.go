// Package cli implements SafePost's command line: check, redact and bench,
// as DESIGN.md's contract states.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"

	"safepost/internal/imageio"
	"safepost/internal/pipeline"
	"safepost/internal/redact"
)

// Exit codes.
const (
	ExitClean = 0 // nothing found / everything written and verified
	ExitFound = 1 // check: patient information found
	ExitError = 2 // something could not be checked or written
)

const usage = `SafePost finds patient information in photos and blurs it.

Usage:
  safepost [PHOTO...]                 open the desktop app, with these photos attached
  safepost check [--json] PATH...     scan images (files or folders); exit 0 nothing found, 1 found, 2 error
  safepost check-text [--json] [--lines] [--show-text] [FILE|-]
                                      check post text (one post a line with --lines); findings with code-point
                                      offsets; exit 0 nothing found, 1 found, 2 error
  safepost redact -o DIR PATH...      write redacted copies to DIR; exit 0 all written and verified, 2 error
      [--report FILE.html] [--csv FILE.csv]
                                      also write a report: one row per image with its decision ("auto"
                                      unless reviewed in the app), what was blurred and whether it was checked
  safepost review-report [--report FILE.html] [--csv FILE.csv] DIR...
                                      write the report of the app's folder-review decisions for the images
                                      in DIR (default files: safepost-report.html and .csv here)
  safepost bench [flags]              benchmark on the generated corpus and, with -real DIR, on real images
                                      with ground truth; prints figures (safepost bench -h for the flags)

Review decisions made in the app are kept by file content (SHA-256) in decisions.db in
your config folder/safepost (or $SAFEPOST_DATA_DIR; --decisions FILE for redact and
review-report). redact applies an approved review (its un-blurs and hand-drawn areas) and
does not write images rejected or marked as needing changes (exit 2).

Common flags for check and redact:
  --config FILE     trust allow-list and patterns (default: your config folder/safepost/config.toml)
  --tessdata DIR    Tesseract language data folder
  --style STYLE     blur (default), pixelate or fill
`

// Env is what a command reads and writes, so tests can capture it.
type Env struct {
	Stdout, Stderr io.Writer
	// NewEngine builds the engine; tests replace it with a fake OCR.
	NewEngine func(pipeline.Options) (*pipeline.Engine, error)
}

// DefaultEnv uses the process's streams and the real engine.
func DefaultEnv() Env {
	return Env{Stdout: os.Stdout, Stderr: os.Stderr, NewEngine: pipeline.New}
}

// Run runs one subcommand and returns the process exit code. It returns
// -1 when args ask for the desktop app, which the caller starts.
func Run(env Env, args []string) int {
	if len(args) == 0 {
		return -1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	switch args[0] {
	case "check":
		return runCheck(ctx, env, args[1:])
	case "redact":
		return runRedact(ctx, env, args[1:])
	case "bench":
		return runBench(ctx, env, args[1:])
	case "check-text":
		return runCheckText(env, args[1:])
	case "review-report":
		return runReviewReport(ctx, env, args[1:])
	case "help", "-h", "--help", "-help":
		fmt.Fprint(env.Stdout, usage)
		return ExitClean
	}
	if args[0] != "" && args[0][0] == '-' {
		fmt.Fprintf(env.Stderr, "safepost: unknown flag %s\n\n%s", args[0], usage)
		return ExitError
	}
	return -1
}

// Usage returns the help text.
func Usage() string { return usage }

type engineFlags struct {
	config, tessdata, style string
}

func (f *engineFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "trust configuration file")
	fs.StringVar(&f.tessdata, "tessdata", "", "Tesseract language data folder")
	fs.StringVar(&f.style, "style", "blur", "redaction style: blur, pixelate or fill")
}

func (f *engineFlags) engine(env Env) (*pipeline.Engine, error) {
	style, err := redact.ParseStyle(f.style)
	if err != nil {
		return nil, err
	}
	eng, err := env.NewEngine(pipeline.Options{ConfigPath: f.config, DataPath: f.tessdata, Style: style, Workers: runtime.NumCPU()})
	if err == nil && eng.KeyErr() != nil {
		// Still safe (fresh randomness for each redaction), but exporting
		// the same photo twice gives two different patches.
		fmt.Fprintf(env.Stderr, "safepost: warning: %v; each redaction uses fresh randomness instead, so do not export the same photo more than once\n", eng.KeyErr())
	}
	return eng, err
}

// item is one input file's outcome.
type item struct {
	path    string
	img     *imageio.Image
	outcome *pipeline.Outcome
	err     error
}

// processAll loads and processes each file in turn (the engine itself uses
// every core on one photo), calling fn as each finishes so output streams.
// A file that fails does not stop the others.
func processAll(ctx context.Context, eng *pipeline.Engine, files []string, fn func(item)) {
	for _, f := range files {
		it := item{path: f}
		if err := ctx.Err(); err != nil {
			it.err = fmt.Errorf("%s: cancelled", f)
			fn(it)
			continue
		}
		it.img, it.err = imageio.Load(f)
		if it.err == nil {
			it.outcome, it.err = eng.Process(ctx, it.img.Pixels)
			if it.err != nil {
				it.err = fmt.Errorf("%s: could not check: %w", f, it.err)
			}
		}
		fn(it)
		it.img, it.outcome = nil, nil // let the pixels go before the next file
	}
}

func parse(fs *flag.FlagSet, env Env, args []string) ([]string, error) {
	fs.SetOutput(env.Stderr)
	// Allow flags after paths (safepost check a.jpg --json).
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		paths = append(paths, args[0])
		args = args[1:]
	}
	if len(paths) == 0 {
		return nil, errors.New("no files or folders given")
	}
	return paths, nil
}
