package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"sort"
	"strings"

	"safepost/checks"
	"safepost/internal/imageio"
)

type jsonFinding struct {
	Check      string  `json:"check"`
	Reason     string  `json:"reason"`
	Confidence float64 `json:"confidence"`
	Source     string  `json:"source"`
	Box        [4]int  `json:"box"`
	Text       string  `json:"text,omitempty"`
}

type jsonImage struct {
	File     string        `json:"file"`
	Width    int           `json:"width"`
	Height   int           `json:"height"`
	Findings []jsonFinding `json:"findings"`
	Regions  int           `json:"regions"`
	Verified bool          `json:"verified"`
	Error    string        `json:"error,omitempty"`
}

func runCheck(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var ef engineFlags
	ef.register(fs)
	asJSON := fs.Bool("json", false, "print one JSON object per image")
	showText := fs.Bool("show-text", false, "print the patient text found (never use in logs)")
	paths, err := parse(fs, env, args)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safepost check: %v\n", err)
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
	enc := json.NewEncoder(env.Stdout)
	found := false
	processAll(ctx, eng, files, func(it item) {
		out := jsonImage{File: it.path, Findings: []jsonFinding{}}
		if it.err != nil {
			out.Error = it.err.Error()
			code = ExitError
			fmt.Fprintf(env.Stderr, "safepost: %v\n", it.err)
		} else {
			res := it.outcome.Scan
			out.Width, out.Height, out.Verified, out.Regions = res.Width, res.Height, it.outcome.Verified, len(res.Regions)
			for _, f := range res.Findings {
				jf := jsonFinding{Check: f.Check, Reason: f.Reason, Confidence: round2(f.Confidence), Source: string(f.Source),
					Box: [4]int{f.Box.Min.X, f.Box.Min.Y, f.Box.Max.X, f.Box.Max.Y}}
				if *showText {
					jf.Text = f.Match
				}
				out.Findings = append(out.Findings, jf)
			}
			if len(res.Regions) > 0 {
				found = true
			}
			if !it.outcome.Verified {
				code = ExitError
			}
		}
		if *asJSON {
			_ = enc.Encode(out)
		} else if out.Error == "" {
			printHuman(env, out)
		}
	})
	if code == ExitClean && found {
		code = ExitFound
	}
	return code
}

func printHuman(env Env, img jsonImage) {
	if img.Regions == 0 {
		fmt.Fprintf(env.Stdout, "%s: nothing found\n", img.File)
		return
	}
	// People read the registry's words; --json keeps the IDs for scripts.
	kinds := map[string]int{}
	for _, f := range img.Findings {
		kinds[checks.KindLabel(f.Check)]++
	}
	var parts []string
	for k, n := range kinds {
		parts = append(parts, fmt.Sprintf("%s (%d)", k, n))
	}
	sort.Strings(parts)
	v := "verified"
	if !img.Verified {
		v = "NOT verified"
	}
	fmt.Fprintf(env.Stdout, "%s: %d areas to blur (%s), %s\n", img.File, img.Regions, strings.Join(parts, ", "), v)
	for _, f := range img.Findings {
		text := ""
		if f.Text != "" {
			text = fmt.Sprintf(" %q", f.Text)
		}
		fmt.Fprintf(env.Stdout, "  %-22s %.2f [%d,%d,%d,%d] %s%s\n", checks.KindLabel(f.Check), f.Confidence, f.Box[0], f.Box[1], f.Box[2], f.Box[3], f.Reason, text)
	}
}

func round2(v float64) float64 { return float64(int(v*100+0.5)) / 100 }
