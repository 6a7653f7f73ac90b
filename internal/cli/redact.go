package cli

import (
	"context"
	"flag"
	"fmt"

	"safepost/internal/export"
	"safepost/internal/imageio"
)

func runRedact(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("redact", flag.ContinueOnError)
	var ef engineFlags
	ef.register(fs)
	outDir := fs.String("o", "", "output folder (created if missing)")
	paths, err := parse(fs, env, args)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safepost redact: %v\n", err)
		return ExitError
	}
	if *outDir == "" {
		fmt.Fprintln(env.Stderr, "safepost redact: -o DIR is required")
		return ExitError
	}
	if err := export.EnsureDir(*outDir); err != nil {
		fmt.Fprintf(env.Stderr, "safepost: %v\n", err)
		return ExitError
	}
	files, walkErrs := imageio.Walk(paths)
	code := ExitClean
	for _, e := range walkErrs {
		fmt.Fprintf(env.Stderr, "safepost: %v\n", e)
		code = ExitError
	}
	eng, err := ef.engine(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safepost: %v\n", err)
		return ExitError
	}
	defer eng.Close()
	written := map[string]string{}
	processAll(ctx, eng, files, func(it item) {
		if it.err != nil {
			fmt.Fprintf(env.Stderr, "safepost: %v\n", it.err)
			code = ExitError
			return
		}
		if !it.outcome.Verified {
			// Fail closed: an unverified redaction is not written.
			fmt.Fprintf(env.Stderr, "safepost: %s: redaction could not be verified; not written\n", it.path)
			code = ExitError
			return
		}
		dst := export.OutputPath(*outDir, it.path)
		if prev, dup := written[dst]; dup {
			fmt.Fprintf(env.Stderr, "safepost: %s: not written: %s has the same name and was written to %s\n", it.path, prev, dst)
			code = ExitError
			return
		}
		if err := export.WriteFile(dst, it.outcome.Redacted); err != nil {
			fmt.Fprintf(env.Stderr, "safepost: %s: %v\n", it.path, err)
			code = ExitError
			return
		}
		written[dst] = it.path
		fmt.Fprintf(env.Stdout, "%s -> %s (%d areas blurred, verified)\n", it.path, dst, len(it.outcome.Scan.Regions))
	})
	return code
}
