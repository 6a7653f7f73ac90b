package training

import (
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The export holds scores only: scene names, counts and percentages. It
// never holds the text in the scenes or anything a trainee marked, and a
// trainee's name only if one was typed in.

// WriteCSV writes the summary as one CSV table. The first column says what
// a row is: "session" (the whole session; name is the start time),
// "trainee" (only if a name was typed in), "scene", "kind" (one kind of
// patient information across the session), "false-alarm" (what false
// alarms were on) and "write-it" (exercises tried and passed).
func WriteCSV(w io.Writer, s Summary) error {
	cw := csv.NewWriter(w)
	row := func(fields ...string) { _ = cw.Write(fields) }
	n := strconv.Itoa
	row("section", "name", "scene_kind", "difficulty", "patient_details", "found", "missed", "false_alarms", "score_percent")
	row("session", s.Started.Format("2006-01-02 15:04"), "", "", n(s.Found+s.Missed), n(s.Found), n(s.Missed), n(s.FalseAlarmCount), n(s.Percent()))
	if t := strings.TrimSpace(s.Trainee); t != "" {
		row("trainee", cell(t), "", "", "", "", "", "", "")
	}
	for _, r := range s.Scenes {
		row("scene", r.Scene, r.Kind, n(r.Difficulty), n(r.Total()), n(r.Found), n(r.Missed), n(r.FalseAlarms), n(r.Percent()))
	}
	for _, t := range s.ByKind {
		row("kind", t.Kind, "", "", n(t.Total), n(t.Found), n(t.Missed()), "", n(t.Percent()))
	}
	for _, t := range s.FalseAlarms {
		kind := t.Kind
		if kind == "" {
			kind = "empty"
		}
		row("false-alarm", kind, "", "", "", "", "", n(t.Total), "")
	}
	if s.Written > 0 {
		row("write-it", "exercises", "", "", n(s.Written), n(s.WrittenPassed), n(s.Written-s.WrittenPassed), "", n(percent(s.WrittenPassed, s.Written)))
	}
	cw.Flush()
	return cw.Error()
}

// cell stops a typed-in name being read as a formula by a spreadsheet.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

var htmlPage = template.Must(template.New("summary").Funcs(template.FuncMap{
	"add": func(a, b int) int { return a + b },
}).Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>SafePost training summary</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #1a1a1a; }
table { border-collapse: collapse; margin: 1em 0 2em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.7em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #eef3f8; }
.big { font-size: 2em; font-weight: bold; }
</style>
</head>
<body>
<h1>SafePost training summary</h1>
<p>{{if .Trainee}}Trainee: {{.Trainee}} · {{end}}Session started {{.Started.Format "2 January 2006 15:04"}}</p>
<p class="big">{{.Percent}}%</p>
<p>Found {{.Found}} of {{add .Found .Missed}} pieces of patient information, with {{.FalseAlarmCount}} false {{if eq .FalseAlarmCount 1}}alarm{{else}}alarms{{end}}.
{{if .CleanScenes}}Left {{.CleanKept}} of {{.CleanScenes}} clean photos rightly alone.{{end}}
{{if .Written}}Rewrote {{.WrittenPassed}} of {{.Written}} risky posts until the checks passed.{{end}}</p>
<p>Score = found ÷ (patient information + false alarms): a miss and a false alarm cost the same.</p>
<h2>By kind of information</h2>
<table>
<tr><th>Kind</th><th>Found</th><th>Missed</th><th>Score</th></tr>
{{range .ByKind}}<tr><td>{{.Label}}</td><td>{{.Found}}</td><td>{{.Missed}}</td><td>{{.Percent}}%</td></tr>
{{end}}</table>
{{if .FalseAlarms}}<h2>False alarms were on</h2>
<table>
<tr><th>What</th><th>Marks</th></tr>
{{range .FalseAlarms}}<tr><td>{{.Label}}</td><td>{{.Total}}</td></tr>
{{end}}</table>
{{end}}<h2>Scenes</h2>
<table>
<tr><th>Scene</th><th>Difficulty</th><th>Patient information</th><th>Found</th><th>Missed</th><th>False alarms</th><th>Score</th></tr>
{{range .Scenes}}<tr><td>{{.Scene}}</td><td>{{.Difficulty}}</td><td>{{.Total}}</td><td>{{.Found}}</td><td>{{.Missed}}</td><td>{{.FalseAlarms}}</td><td>{{.Percent}}%</td></tr>
{{end}}</table>
<p>All scenes are generated; every name and number in them is made up.</p>
</body>
</html>
`))

// WriteHTML writes the summary as a small self-contained web page.
func WriteHTML(w io.Writer, s Summary) error {
	s.Trainee = strings.TrimSpace(s.Trainee)
	return htmlPage.Execute(w, s)
}

// WriteFileAtomic writes path by writing a temporary file beside it and
// renaming it into place, so a crash or a full disk never leaves half a
// file under the real name.
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("saving %s: %w", filepath.Base(path), err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return fmt.Errorf("saving %s: %w", filepath.Base(path), err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("saving %s: %w", filepath.Base(path), err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("saving %s: %w", filepath.Base(path), err)
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return fmt.Errorf("saving %s: %w", filepath.Base(path), err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("saving %s: %w", filepath.Base(path), err)
	}
	return nil
}

// Export writes the summary into dir as safepost-training-DATE-TIME.csv
// and .html and returns the two paths.
func Export(dir string, s Summary) ([]string, error) {
	base := filepath.Join(dir, "safepost-training-"+s.Started.Format("2006-01-02-1504"))
	var paths []string
	for _, f := range []struct {
		ext   string
		write func(io.Writer, Summary) error
	}{{".csv", WriteCSV}, {".html", WriteHTML}} {
		p := base + f.ext
		if err := WriteFileAtomic(p, func(w io.Writer) error { return f.write(w, s) }); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
