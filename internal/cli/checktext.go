package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"safepost/checks"
	"safepost/internal/post"
)

// stdin is what check-text reads for "-" or no file; tests replace it.
var stdin io.Reader = os.Stdin

// maxTextInput is the most check-text reads: far more than any post or
// day's posts, small enough that a wrong file fails at once.
const maxTextInput = 16 << 20

type jsonTextFinding struct {
	Check      string  `json:"check"`
	Reason     string  `json:"reason"`
	Confidence float64 `json:"confidence"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Text       string  `json:"text,omitempty"`
}

type jsonPost struct {
	Post     int               `json:"post"`
	Findings []jsonTextFinding `json:"findings"`
}

// runCheckText checks post text: a whole file (or standard input) as one
// post, or one post a line with --lines. Offsets are code points.
func runCheckText(env Env, args []string) int {
	fs := flag.NewFlagSet("check-text", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	config := fs.String("config", "", "trust configuration file")
	asJSON := fs.Bool("json", false, "print one JSON object per post")
	perLine := fs.Bool("lines", false, "one post a line")
	showText := fs.Bool("show-text", false, "print the patient text found (never use in logs)")
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return ExitError
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		files = append(files, args[0])
		args = args[1:]
	}
	if len(files) > 1 {
		fmt.Fprintf(env.Stderr, "safepost check-text: one file at a time (or - for standard input)\n")
		return ExitError
	}
	name := "-"
	if len(files) == 1 {
		name = files[0]
	}
	text, err := readText(name)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safepost check-text: %v\n", err)
		return ExitError
	}
	s, err := textScanner(*config)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safepost check-text: %v\n", err)
		return ExitError
	}
	posts := []string{text}
	if *perLine {
		posts = strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		for i := range posts {
			posts[i] = strings.TrimSuffix(posts[i], "\r")
		}
	}
	enc := json.NewEncoder(env.Stdout)
	out := bufio.NewWriter(env.Stdout)
	found := false
	for i, p := range posts {
		fs := post.CheckText(s, p)
		found = found || len(fs) > 0
		jp := jsonPost{Post: i + 1, Findings: []jsonTextFinding{}}
		for _, f := range fs {
			jf := jsonTextFinding{Check: f.Check, Reason: f.Reason, Confidence: round2(f.Confidence), Start: f.Start, End: f.End}
			if *showText {
				jf.Text = f.Match
			}
			jp.Findings = append(jp.Findings, jf)
		}
		if *asJSON {
			if err := enc.Encode(jp); err != nil {
				fmt.Fprintf(env.Stderr, "safepost check-text: %v\n", err)
				return ExitError
			}
			continue
		}
		writePost(out, jp, *perLine)
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(env.Stderr, "safepost check-text: %v\n", err)
		return ExitError
	}
	if found {
		return ExitFound
	}
	return ExitClean
}

// writePost prints one post's findings for people: nothing for a clean
// post of many, a line per finding otherwise.
func writePost(w io.Writer, p jsonPost, perLine bool) {
	prefix := ""
	if perLine {
		if len(p.Findings) == 0 {
			return
		}
		prefix = fmt.Sprintf("line %d: ", p.Post)
	}
	if len(p.Findings) == 0 {
		fmt.Fprintln(w, "nothing found")
	}
	for _, f := range p.Findings {
		fmt.Fprintf(w, "%s%d-%d %s %.2f %s", prefix, f.Start, f.End, f.Check, f.Confidence, f.Reason)
		if f.Text != "" {
			fmt.Fprintf(w, " %q", f.Text)
		}
		fmt.Fprintln(w)
	}
}

// readText reads a file, or standard input for "-", refusing more than
// maxTextInput bytes.
func readText(name string) (string, error) {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxTextInput+1))
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", name, err)
	}
	if len(b) > maxTextInput {
		return "", fmt.Errorf("%s: more than %d MB of text", name, maxTextInput>>20)
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "", errors.New(name + ": not text (it holds NUL bytes)")
	}
	return string(b), nil
}

// textScanner builds the checks with the trust's configuration: path, or
// the default config file when path is empty.
func textScanner(path string) (*checks.Scanner, error) {
	if path == "" {
		if p, err := checks.DefaultConfigPath(); err == nil {
			path = p
		}
	}
	cfg := checks.DefaultConfig()
	if path != "" {
		var err error
		if cfg, err = checks.LoadConfig(path); err != nil {
			return nil, err
		}
	}
	return checks.NewScanner(cfg)
}
