package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"safepost/internal/bench"
)

func runBench(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var ef engineFlags
	ef.register(fs)
	limit := fs.Int("n", 0, "only the first N scenes of the corpus")
	kinds := fs.String("kinds", "", "comma-separated scene kinds to keep")
	quick := fs.Bool("quick", false, "skip the Tesseract baseline and attack passes")
	quiet := fs.Bool("q", false, "print only the summary")
	dump := fs.String("dump", "", "write each redacted scene to this folder")
	if err := fs.Parse(args); err != nil {
		return ExitError
	}
	eng, err := ef.engine(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safepost: %v\n", err)
		return ExitError
	}
	defer eng.Close()
	opts := bench.Options{Limit: *limit, Baseline: !*quick, Attack: !*quick, Verbose: !*quiet, Dump: *dump}
	if *kinds != "" {
		opts.Kinds = strings.Split(*kinds, ",")
	}
	rep, err := bench.Run(ctx, eng, opts, env.Stdout)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safepost bench: %v\n", err)
		return ExitError
	}
	rep.Summarise().Print(env.Stdout)
	return ExitClean
}
