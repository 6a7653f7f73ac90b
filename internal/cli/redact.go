package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"safepost/internal/decisions"
	"safepost/internal/export"
	"safepost/internal/imageio"
	"safepost/internal/pipeline"
	"safepost/internal/report"
	"safepost/internal/review"
)

func runRedact(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("redact", flag.ContinueOnError)
	var ef engineFlags
	ef.register(fs)
	outDir := fs.String("o", "", "output folder (created if missing)")
	htmlPath := fs.String("report", "", "also write an HTML report to this file")
	csvPath := fs.String("csv", "", "also write a CSV report to this file")
	dbPath := fs.String("decisions", "", "review decisions file (default: "+defaultDecisions()+")")
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
	store, err := openStore(*dbPath)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safepost redact: %v\n", err)
		return ExitError
	}
	if store != nil {
		defer store.Close()
	}
	files, walkErrs := imageio.Walk(paths)
	code := ExitClean
	var rows []report.Row
	for _, e := range walkErrs {
		fmt.Fprintf(env.Stderr, "safepost: %v\n", e)
		code = ExitError
		rows = append(rows, report.Row{File: walkErrPath(e), Decision: string(decisions.Auto), Check: report.CouldNotCheck,
			Time: time.Now(), Notes: e.Error()})
	}
	eng, err := ef.engine(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safepost: %v\n", err)
		return ExitError
	}
	defer eng.Close()
	written := map[string]string{}
	for _, f := range files {
		row, err := redactOne(ctx, eng, store, f, *outDir, written)
		if err != nil {
			fmt.Fprintf(env.Stderr, "safepost: %v\n", err)
			code = ExitError
			row.AddNote(err.Error())
		} else {
			fmt.Fprintf(env.Stdout, "%s -> %s (%d areas blurred, verified)\n", f, row.Output, row.Regions)
			row.Output = shortOutput(*outDir, row.Output)
		}
		rows = append(rows, row)
	}
	if *htmlPath != "" || *csvPath != "" {
		rep := report.Report{Title: "SafePost redaction report", Source: strings.Join(paths, ", "), Generated: time.Now(), Rows: rows}
		if err := report.WriteFiles(*htmlPath, *csvPath, rep); err != nil {
			fmt.Fprintf(env.Stderr, "safepost: %v\n", err)
			return ExitError
		}
		for _, p := range []string{*htmlPath, *csvPath} {
			if p != "" {
				fmt.Fprintf(env.Stdout, "report: %s\n", p)
			}
		}
	}
	return code
}

// redactOne processes one file: it reads the bytes once (so the decision
// looked up is for exactly the bytes redacted), applies any stored review
// and writes the result. The row describes the outcome whether or not it
// was written; err says why it was not.
func redactOne(ctx context.Context, eng *pipeline.Engine, store *decisions.Store, path, outDir string, written map[string]string) (report.Row, error) {
	row := report.Row{File: path, Decision: string(decisions.Auto), Check: report.CouldNotCheck, Time: time.Now()}
	if err := ctx.Err(); err != nil {
		return row, fmt.Errorf("%s: cancelled", path)
	}
	img, hash, err := decisions.Load(path)
	var rec decisions.Record
	var found bool
	if store != nil && hash != "" {
		var gerr error
		if rec, found, gerr = store.Get(hash); gerr != nil {
			return row, fmt.Errorf("%s: %w", path, gerr)
		}
	}
	if found && rec.Decision != decisions.Undecided {
		row.Decision, row.Reviewer, row.Time = string(rec.Decision), rec.Reviewer, rec.Time
		row.AddNote(rec.Reason)
	}
	if err != nil {
		return row, err
	}
	var stored *decisions.Record
	if found {
		stored = &rec
	}
	c := review.Check(ctx, eng, img.Pixels, eng.Style(), stored, review.Exporting)
	if c.Err != nil {
		return row, fmt.Errorf("%s: could not check: %w", path, c.Err)
	}
	row.AddRegions(review.Stored(c.Regions))
	row.Check = report.Verified
	if !c.Verified {
		// Fail closed: an unverified redaction is not written.
		row.Check = report.NotVerified
		return row, fmt.Errorf("%s: redaction could not be verified; not written", path)
	}
	switch rec.Decision {
	case decisions.Rejected:
		return row, fmt.Errorf("%s: not written: rejected in review by %s", path, orSomeone(rec.Reviewer))
	case decisions.NeedsChanges:
		return row, fmt.Errorf("%s: not written: marked as needing changes in review by %s", path, orSomeone(rec.Reviewer))
	}
	dst := export.OutputPath(outDir, path)
	if prev, dup := written[dst]; dup {
		return row, fmt.Errorf("%s: not written: %s has the same name and was written to %s", path, prev, dst)
	}
	if err := export.WriteFile(dst, c.Redacted); err != nil {
		return row, fmt.Errorf("%s: %w", path, err)
	}
	written[dst] = path
	row.Output = dst
	return row, nil
}

func orSomeone(name string) string {
	if name == "" {
		return "a reviewer"
	}
	return name
}

// shortOutput drops the output folder from a written path for the report.
func shortOutput(dir, path string) string {
	if rest, ok := strings.CutPrefix(path, dir); ok {
		return strings.TrimLeft(rest, `/\`)
	}
	return path
}

// walkErrPath recovers the path an imageio.Walk error names.
func walkErrPath(err error) string {
	var ie *imageio.Error
	if errors.As(err, &ie) {
		return ie.Name
	}
	return ""
}

func defaultDecisions() string {
	p, err := decisions.DefaultPath()
	if err != nil {
		return "decisions.db in your config folder"
	}
	return p
}

// openStore opens the decisions file read-only; no file means no
// decisions (nil store, no error).
func openStore(path string) (*decisions.Store, error) {
	if path == "" {
		p, err := decisions.DefaultPath()
		if err != nil {
			return nil, nil
		}
		path = p
	}
	s, err := decisions.OpenReadOnly(path)
	if errors.Is(err, decisions.ErrNoStore) {
		return nil, nil
	}
	return s, err
}
