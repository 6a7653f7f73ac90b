// Package report writes the review report for a set of images: one row per
// input image with its decision, what was blurred (kinds and counts, shown
// in the words of the kinds registry, assets/kinds.tsv), whether the engine
// checked it, who reviewed it and when. It writes a self-contained HTML page
// (no scripts, no external resources) and a CSV file. A report never holds
// patient text: rows carry kinds and counts, never what was read.
package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"safepost/checks"
	"safepost/internal/decisions"
)

// Check states as the report prints them.
const (
	Verified       = "verified"
	NotVerified    = "not verified"
	CouldNotCheck  = "could not check"
	ReviewedByHand = "reviewed by hand"
	NotChecked     = "not checked"
)

// NotReviewed is the decision shown for an image nobody decided on in a
// report built from stored decisions.
const NotReviewed = "not reviewed"

// Row is one input image.
type Row struct {
	// File names the image as the person knows it (a path relative to
	// the folder, or as given on the command line).
	File string
	// Decision is approved, rejected, needs-changes, auto or not reviewed.
	Decision string
	// Blurred counts blurred regions by kind ID (checks.Kind); a region
	// merged from several kinds counts once for each.
	Blurred map[string]int
	// Regions is how many regions were blurred in all.
	Regions int
	// Cleared is how many regions a person chose to leave clear.
	Cleared int
	// Added is how many regions a person drew.
	Added int
	// Check is Verified, NotVerified, CouldNotCheck, ReviewedByHand or
	// NotChecked.
	Check    string
	Reviewer string
	Time     time.Time
	// Output is the exported file's name, empty when it was not exported.
	Output string
	// Notes holds reasons and error messages (never patient text).
	Notes string
}

// Kinds returns Blurred in the words of the kinds registry, as
// "Name (2), NHS number (1)": most first, then by label. Kinds that read
// the same (a trust's own patterns) are counted together.
func (r Row) Kinds() string {
	type kc struct {
		k string
		n int
	}
	by := map[string]int{}
	for k, n := range r.Blurred {
		if n > 0 {
			by[checks.KindLabel(k)] += n
		}
	}
	var ks []kc
	for k, n := range by {
		ks = append(ks, kc{k, n})
	}
	sort.Slice(ks, func(i, j int) bool {
		if ks[i].n != ks[j].n {
			return ks[i].n > ks[j].n
		}
		return ks[i].k < ks[j].k
	})
	parts := make([]string, len(ks))
	for i, x := range ks {
		parts[i] = fmt.Sprintf("%s (%d)", x.k, x.n)
	}
	return strings.Join(parts, ", ")
}

// Report is the whole report.
type Report struct {
	Title string
	// Source says what was reviewed (a folder, or "3 paths").
	Source    string
	Generated time.Time
	Rows      []Row
}

// Summary counts rows by decision and check state, for the page's header.
type Summary struct {
	Images, Exported, Blurred, CouldNotCheck int
	Decisions                                []Count
}

// Count is one label and its number.
type Count struct {
	Label string
	N     int
}

// Summarise counts the rows.
func (r Report) Summarise() Summary {
	s := Summary{Images: len(r.Rows)}
	by := map[string]int{}
	for _, row := range r.Rows {
		by[row.Decision]++
		if row.Output != "" {
			s.Exported++
		}
		s.Blurred += row.Regions
		if row.Check == CouldNotCheck {
			s.CouldNotCheck++
		}
	}
	for _, d := range []string{"approved", "rejected", "needs-changes", "auto", NotReviewed} {
		if by[d] > 0 {
			s.Decisions = append(s.Decisions, Count{d, by[d]})
			delete(by, d)
		}
	}
	var rest []string
	for d := range by {
		rest = append(rest, d)
	}
	sort.Strings(rest)
	for _, d := range rest {
		s.Decisions = append(s.Decisions, Count{d, by[d]})
	}
	return s
}

// csvHeader is the CSV's first line; scripts rely on these names, so new
// columns go at the end.
var csvHeader = []string{"file", "decision", "check", "regions_blurred", "blurred_kinds",
	"left_clear", "added_by_hand", "reviewer", "time", "exported_as", "notes", "what_was_blurred"}

// WriteCSV writes r as CSV: a header line, then one line per row.
// blurred_kinds is "kind:count" pairs joined by ";", with the stable kind
// IDs for scripts; what_was_blurred says the same in the words of the
// kinds registry ("Name (2), NHS number (1)") for people.
func WriteCSV(w io.Writer, r Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, row := range r.Rows {
		var kinds []string
		for k, n := range row.Blurred {
			if n > 0 {
				kinds = append(kinds, k+":"+strconv.Itoa(n))
			}
		}
		sort.Strings(kinds)
		rec := []string{
			cell(row.File), row.Decision, row.Check, strconv.Itoa(row.Regions), strings.Join(kinds, ";"),
			strconv.Itoa(row.Cleared), strconv.Itoa(row.Added), cell(row.Reviewer), csvTime(row.Time),
			cell(row.Output), cell(row.Notes), row.Kinds(),
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cell keeps a spreadsheet from running a file name or note as a formula
// (a name like "=HYPERLINK(...).jpg").
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func htmlTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("2006-01-02 15:04 MST")
}

// page is the HTML report. html/template escapes every value; the
// Content-Security-Policy forbids scripts and any outside request, so the
// page is inert even if a value slipped through.
var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"when": htmlTime,
	"dash": func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	},
	"slug": func(s string) string { return strings.ReplaceAll(s, " ", "-") },
}).Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.R.Title}}</title>
<style>
body { font-family: system-ui, "Segoe UI", Arial, sans-serif; margin: 2rem; color: #1d1d1d; }
h1 { font-size: 1.4rem; margin-bottom: .2rem; }
p.meta { color: #555; margin-top: 0; }
ul.summary { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
ul.summary li { background: #eef2f6; border-radius: 4px; padding: .3rem .6rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #d8dde3; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f6f8; }
td.n { text-align: right; }
.decision-approved { color: #0b6b2b; font-weight: 600; }
.decision-rejected { color: #a4000f; font-weight: 600; }
.decision-needs-changes { color: #8a5300; font-weight: 600; }
.check-could-not-check { color: #a4000f; font-weight: 600; }
.check-not-verified { color: #8a5300; }
footer { margin-top: 1.5rem; color: #555; font-size: .85rem; }
</style>
</head>
<body>
<h1>{{.R.Title}}</h1>
<p class="meta">{{if .R.Source}}{{.R.Source}} · {{end}}generated {{when .R.Generated}}</p>
<ul class="summary">
<li>{{.S.Images}} images</li>
{{- range .S.Decisions}}
<li>{{.N}} {{.Label}}</li>
{{- end}}
<li>{{.S.Exported}} exported</li>
<li>{{.S.Blurred}} areas blurred</li>
{{- if .S.CouldNotCheck}}
<li class="check-could-not-check">{{.S.CouldNotCheck}} could not be checked</li>
{{- end}}
</ul>
<table>
<thead><tr><th>File</th><th>Decision</th><th>Check</th><th>Blurred</th><th>What was blurred</th><th>Left clear</th><th>Added by hand</th><th>Reviewer</th><th>When</th><th>Exported as</th><th>Notes</th></tr></thead>
<tbody>
{{- range .R.Rows}}
<tr><td>{{.File}}</td><td class="decision-{{slug .Decision}}">{{.Decision}}</td><td class="check-{{slug .Check}}">{{.Check}}</td><td class="n">{{.Regions}}</td><td>{{dash .Kinds}}</td><td class="n">{{.Cleared}}</td><td class="n">{{.Added}}</td><td>{{dash .Reviewer}}</td><td>{{when .Time}}</td><td>{{dash .Output}}</td><td>{{.Notes}}</td></tr>
{{- end}}
</tbody>
</table>
<footer>Made by SafePost on this computer. The report names files and the kinds of information blurred; it holds no patient details.</footer>
</body>
</html>
`))

// WriteHTML writes r as a self-contained HTML page.
func WriteHTML(w io.Writer, r Report) error {
	if r.Title == "" {
		r.Title = "SafePost review report"
	}
	return page.Execute(w, struct {
		R Report
		S Summary
	}{r, r.Summarise()})
}

// WriteFiles writes the HTML page to htmlPath and the CSV to csvPath
// (either may be empty to skip it). Each is written to a temporary file in
// the same folder and renamed into place, so a reader never sees half a
// report and a failure leaves any earlier report as it was.
func WriteFiles(htmlPath, csvPath string, r Report) error {
	if htmlPath != "" {
		if err := writeAtomic(htmlPath, func(w io.Writer) error { return WriteHTML(w, r) }); err != nil {
			return err
		}
	}
	if csvPath != "" {
		if err := writeAtomic(csvPath, func(w io.Writer) error { return WriteCSV(w, r) }); err != nil {
			return err
		}
	}
	return nil
}

func writeAtomic(path string, fill func(io.Writer) error) (err error) {
	var buf bytes.Buffer
	if err := fill(&buf); err != nil {
		return fmt.Errorf("writing the report %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("writing the report %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing the report %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing the report %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("writing the report %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("writing the report %s: %w", path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("writing the report %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing the report %s: %w", path, err)
	}
	return nil
}

// AddRegions counts regions into the row: blurred ones by kind, the ones a
// person left clear and the ones a person drew. Reasons for manual changes
// go into Notes.
func (r *Row) AddRegions(regions []decisions.Region) {
	if r.Blurred == nil {
		r.Blurred = map[string]int{}
	}
	var notes []string
	for _, g := range regions {
		if g.Added {
			r.Added++
		}
		if g.Off {
			r.Cleared++
			if g.Reason != "" {
				notes = append(notes, "left clear: "+g.Reason)
			}
			continue
		}
		if g.Added && g.Reason != "" {
			notes = append(notes, "added: "+g.Reason)
		}
		r.Regions++
		for _, k := range g.Kinds {
			r.Blurred[k]++
		}
	}
	r.AddNote(strings.Join(notes, "; "))
}

// AddNote appends a note, separated from earlier ones by "; ".
func (r *Row) AddNote(s string) {
	switch {
	case s == "":
	case r.Notes == "":
		r.Notes = s
	default:
		r.Notes += "; " + s
	}
}

// CheckLabel turns a stored check state into the report's wording.
func CheckLabel(c decisions.Check) string {
	switch c {
	case decisions.Verified:
		return Verified
	case decisions.NotVerified:
		return NotVerified
	case decisions.CouldNotCheck:
		return CouldNotCheck
	case decisions.ReviewedByHand:
		return ReviewedByHand
	}
	return NotChecked
}
