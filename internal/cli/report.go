package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"safepost/internal/decisions"
	"safepost/internal/imageio"
	"safepost/internal/report"
)

// Default report files for review-report, in the current folder: the
// photos' own folder may be a shared drive the wards write to.
const (
	defaultReportHTML = "safepost-report.html"
	defaultReportCSV  = "safepost-report.csv"
)

// runReviewReport writes the report for the images in the given folders
// from the decisions stored by the app's folder review. It reads the
// images' bytes (to find their decisions) but does not scan them.
func runReviewReport(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("review-report", flag.ContinueOnError)
	htmlPath := fs.String("report", defaultReportHTML, "HTML report to write")
	csvPath := fs.String("csv", defaultReportCSV, "CSV report to write")
	dbPath := fs.String("decisions", "", "review decisions file (default: "+defaultDecisions()+")")
	paths, err := parse(fs, env, args)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safepost review-report: %v\n", err)
		return ExitError
	}
	if *htmlPath == "" && *csvPath == "" {
		fmt.Fprintln(env.Stderr, "safepost review-report: --report and --csv are both empty: nothing to write")
		return ExitError
	}
	store, err := openStore(*dbPath)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safepost review-report: %v\n", err)
		return ExitError
	}
	if store == nil {
		fmt.Fprintf(env.Stderr, "safepost review-report: %v; every image is listed as not reviewed\n", decisions.ErrNoStore)
	} else {
		defer store.Close()
	}
	files, walkErrs := imageio.Walk(paths)
	code := ExitClean
	var rows []report.Row
	for _, e := range walkErrs {
		fmt.Fprintf(env.Stderr, "safepost: %v\n", e)
		code = ExitError
		rows = append(rows, report.Row{File: walkErrPath(e), Decision: report.NotReviewed, Check: report.CouldNotCheck, Notes: e.Error()})
	}
	for _, f := range files {
		if ctx.Err() != nil {
			fmt.Fprintln(env.Stderr, "safepost review-report: cancelled")
			return ExitError
		}
		row, err := storedRow(store, f)
		if err != nil {
			fmt.Fprintf(env.Stderr, "safepost: %v\n", err)
			code = ExitError
		}
		rows = append(rows, row)
	}
	rep := report.Report{Title: "SafePost review report", Source: strings.Join(paths, ", "), Generated: time.Now(), Rows: rows}
	if err := report.WriteFiles(*htmlPath, *csvPath, rep); err != nil {
		fmt.Fprintf(env.Stderr, "safepost: %v\n", err)
		return ExitError
	}
	s := rep.Summarise()
	var parts []string
	for _, c := range s.Decisions {
		parts = append(parts, fmt.Sprintf("%d %s", c.N, c.Label))
	}
	fmt.Fprintf(env.Stdout, "%d images: %s\n", s.Images, strings.Join(parts, ", "))
	for _, p := range []string{*htmlPath, *csvPath} {
		if p != "" {
			fmt.Fprintf(env.Stdout, "report: %s\n", p)
		}
	}
	return code
}

// storedRow is the report row for one file from its stored decision.
func storedRow(store *decisions.Store, path string) (report.Row, error) {
	row := report.Row{File: path, Decision: report.NotReviewed, Check: report.NotChecked}
	hash, err := decisions.HashFile(path)
	if err != nil {
		row.Check = report.CouldNotCheck
		row.Notes = err.Error()
		return row, err
	}
	if store == nil {
		return row, nil
	}
	rec, found, err := store.Get(hash)
	if err != nil {
		row.Notes = err.Error()
		return row, fmt.Errorf("%s: %w", path, err)
	}
	if !found {
		return row, nil
	}
	if rec.Decision != decisions.Undecided {
		row.Decision = string(rec.Decision)
	} else {
		row.AddNote("review started, no decision yet")
	}
	row.Check, row.Reviewer, row.Time = report.CheckLabel(rec.Check), rec.Reviewer, rec.Time
	row.AddRegions(rec.Regions)
	row.AddNote(rec.Reason)
	return row, nil
}
