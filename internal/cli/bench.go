package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"

	"safepost/internal/bench"
)

const benchUsage = `Usage: safepost bench [flags]

Measures the engine on the generated corpus and, with -real DIR, on a folder of real
images with ground truth (NAME.ext + NAME.json, e.g. ../shared/testdata/real), and prints
the figures side by side. -real DIR -corpus=false measures the real set alone. The real
set's figures are those of shared/tools/realscore.py: recall (patient items with >= 90%
of their ink changed), leak (items a plain Tesseract pass reads in the output, of those it
reads in the original), overblur_keep and negatives_changed, by category, kind, capture
and script, and the time against a plain single-threaded Tesseract pass. Nothing is
written to disk: outputs are encoded and read back in memory.

-attack runs the candidate-matching attack instead (package internal/attack): labels of
200 names and every date of a year in five fonts at four sizes, redacted in every style,
each ranked against every candidate redacted the same way, and the same for photos of the
labels (unknown sub-pixel offset, blur, noise, JPEG in and out). It prints how often the right
candidate came first against chance, and exits 1 if any rate is above twice chance
(-quick: the test's short subset).

Flags:
`

func runBench(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), benchUsage)
		fs.PrintDefaults()
	}
	var ef engineFlags
	ef.register(fs)
	corpus := fs.Bool("corpus", true, "measure the generated corpus (-corpus=false: only the -real set)")
	limit := fs.Int("n", 0, "only the first N scenes of the corpus")
	kinds := fs.String("kinds", "", "comma-separated scene kinds to keep")
	quick := fs.Bool("quick", false, "skip the Tesseract baseline and attack (leak) passes")
	quiet := fs.Bool("q", false, "print only the summary")
	dump := fs.String("dump", "", "write each redacted scene to this folder")
	realDir := fs.String("real", "", "also measure the real images with ground truth in `DIR`")
	realMatch := fs.String("real-match", "", "only the real images whose file name matches this `glob`")
	realOut := fs.String("real-redacted", "", "score the outputs already in `DIR` (as written by redact) instead of running the engine on the real set")
	real2x := fs.Bool("real-2x", false, "also read the real set's leak at twice the size, as realscore.py does (about 4 times slower)")
	verbose := fs.Bool("v", false, "real set: a line per image and each patient item not covered")
	showText := fs.Bool("show-text", false, "with -v, print the text of each item not covered (patient text)")
	attackRun := fs.Bool("attack", false, "run the candidate-matching attack on the redaction instead")
	if err := fs.Parse(args); err != nil {
		return ExitError
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "safepost bench: unexpected argument %q\n", fs.Arg(0))
		return ExitError
	}
	if *attackRun {
		return runAttack(ctx, env, ef, *quick, !*quiet)
	}
	if !*corpus && *realDir == "" {
		fmt.Fprintln(env.Stderr, "safepost bench: -corpus=false needs -real DIR")
		return ExitError
	}
	eng, err := ef.engine(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safepost: %v\n", err)
		return ExitError
	}
	defer eng.Close()
	var corpusSum *bench.Summary
	if *corpus {
		opts := bench.Options{Limit: *limit, Baseline: !*quick, Attack: !*quick, Verbose: !*quiet, Dump: *dump}
		if *kinds != "" {
			opts.Kinds = strings.Split(*kinds, ",")
		}
		rep, err := bench.Run(ctx, eng, opts, env.Stdout)
		if err != nil {
			fmt.Fprintf(env.Stderr, "safepost bench: %v\n", err)
			return ExitError
		}
		s := rep.Summarise()
		s.Print(env.Stdout)
		corpusSum = &s
	}
	if *realDir == "" {
		return ExitClean
	}
	ropts := bench.RealOptions{
		Dir: *realDir, Match: *realMatch, Redacted: *realOut,
		Leak: !*quick, Leak2x: *real2x, Baseline: !*quick,
		DataPath: ef.tessdata, Workers: runtime.NumCPU(),
		Verbose: *verbose, ShowText: *showText,
	}
	if corpusSum != nil {
		fmt.Fprintln(env.Stdout)
	}
	rrep, err := bench.RunReal(ctx, eng, ropts, env.Stdout)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safepost bench: real set: %v\n", err)
		return ExitError
	}
	rs := rrep.Summarise()
	if *verbose {
		fmt.Fprintln(env.Stdout)
	}
	rs.Print(env.Stdout)
	if corpusSum != nil {
		printSideBySide(env.Stdout, *corpusSum, rs)
	}
	return ExitClean
}

// printSideBySide puts the corpus's headline figures next to the real
// set's. The two measure the same things in slightly different ways,
// noted on each row.
func printSideBySide(w io.Writer, c bench.Summary, r bench.RealSummary) {
	fmt.Fprintf(w, "\n%-44s %8s %8s\n", "", "corpus", "real")
	fmt.Fprintf(w, "%-44s %8.3f %8.3f\n", "patient items covered (>=90% of ink changed)", c.RedactedShare, r.Total.Recall())
	leak := "-"
	if r.Leak {
		leak = fmt.Sprintf("%.3f", r.Total.Leak())
	}
	fmt.Fprintf(w, "%-44s %8.3f %8s   (corpus: of all items; real: of those read in the original)\n", "patient items read after redaction", c.ReadableShare, leak)
	fmt.Fprintf(w, "%-44s %8.3f %8.3f   (corpus: headings, signage, ward names; real: keep items)\n", "ordinary text blurred (>=50% of ink)", c.OrdinaryBlurredShare, r.Total.OverblurKeep())
	fmt.Fprintf(w, "%-44s %8s %8s\n", "negatives changed", "-", fmt.Sprintf("%d/%d", r.NegChanged, r.Negatives))
	ratio := "-"
	if r.TessSeconds > 0 {
		ratio = fmt.Sprintf("%.2f", r.TimeRatio())
	}
	fmt.Fprintf(w, "%-44s %8.2f %8s   (all images)\n", "time ratio to plain single-threaded Tesseract", c.RatioAll, ratio)
}

func runAttack(ctx context.Context, env Env, ef engineFlags, quick, verbose bool) int {
	eng, err := ef.engine(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safepost: %v\n", err)
		return ExitError
	}
	defer eng.Close()
	ok, err := bench.RunAttack(ctx, eng.Checks(), bench.AttackOptions{Quick: quick, Verbose: verbose}, env.Stdout)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safepost bench: attack: %v\n", err)
		return ExitError
	}
	if !ok {
		return ExitFound
	}
	return ExitClean
}
