package attack

import (
	"context"
	"flag"
	"os"
	"testing"

	"safepost/checks"
	"safepost/internal/redact"
)

// redactNow is the redaction under attack, with its randomness fixed by
// seed so the test repeats.
func redactNow(seed uint64) redact.Redactor { return redact.Redactor{Rand: Seeded(seed)} }

var full = flag.Bool("full", false, "run the whole attack, as safepost bench -attack does")

// alpha is how rarely the attack test may fail a redaction whose rate is
// exactly twice chance: the trials are a sample, so "no more often than
// twice chance" is tested as "not more often beyond reasonable doubt".
const alpha = 0.001

// TestCandidateMatching: against every style, for names and dates, the
// right candidate comes first no more often than twice chance, by its
// redacted patch or by the outline of the patch alone. It runs three
// fonts (print, serif, handwriting-like) at 12 px cap height, with or
// without -short (make test runs it), in well under a minute of two
// cores under -race; -full runs five fonts at four sizes, as safepost
// bench -attack does (about ten minutes).
func TestCandidateMatching(t *testing.T) {
	cs, names := scannerAndNames(t)
	opts := Short(names, 16)
	if *full {
		opts = Full(names, 16)
	}
	opts.Verbose = testing.Verbose()
	res, err := Run(context.Background(), cs, redactNow, opts, os.Stdout)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		t.Logf("%-5s %-8s %-5s first %5.1f of %d trials: %.3f (chance %.4f), %d not covered", r.Kind, r.Style, r.Method, r.First, r.Trials, r.Rate(), r.Chance(), r.Uncovered)
		if r.Uncovered > 0 {
			t.Errorf("%s, %s: %d of %d labels kept some of their ink", r.Kind, r.Style, r.Uncovered, r.Trials)
		}
		if lim := Limit(r.Trials, 2*r.Chance(), alpha); r.First >= lim {
			t.Errorf("%s, %s, by %s: the right candidate came first in %.1f of %d trials (%.1f%%), more than twice chance (%.2f%%) allows (under %.0f)", r.Kind, r.Style, r.Method, r.First, r.Trials, 100*r.Rate(), 200*r.Chance(), lim)
		}
	}
}

// scannerAndNames is the scanner and the 200 candidate names the attack
// tests use.
func scannerAndNames(t *testing.T) (*checks.Scanner, Kind) {
	t.Helper()
	cs, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	names, err := Names(200, 16)
	if err != nil {
		t.Fatal(err)
	}
	return cs, names
}

func TestLimit(t *testing.T) {
	tests := []struct {
		trials int
		p      float64
		want   float64
	}{
		// Poisson(1.8): P(X >= 7) = 0.0026, P(X >= 8) = 0.0007.
		{180, 0.01, 8},
		{1000, 0.01, 22},
		{10, 0.5, 10},
	}
	for _, tt := range tests {
		if got := Limit(tt.trials, tt.p, alpha); got != tt.want {
			t.Errorf("Limit(%d, %g) = %g, want %g", tt.trials, tt.p, got, tt.want)
		}
	}
}

var geomTrials = flag.Int("geometry-trials", 0, "trials per font and size for TestBoxGeometry (0: its default)")

// TestBoxGeometry: the outline alone (what a fill shows) puts the right
// candidate first no more often than twice chance. Without painting,
// trials are cheap: 1,200 per kind here (with or without -short, about
// 15 s under -race), 8,000 with -full or -geometry-trials 400, enough for
// a 95% interval narrower than chance.
func TestBoxGeometry(t *testing.T) {
	cs, names := scannerAndNames(t)
	fonts, caps, trials, samples := GeometryOptions(*full)
	if *geomTrials > 0 {
		fonts, caps, trials, samples = Fonts, []int{12, 24, 40, 60}, *geomTrials, boxSamples+1
	}
	for _, k := range []Kind{names, Dates(1948)} {
		r, err := Geometry(context.Background(), cs, redactNow, k, fonts, caps, trials, samples, 16)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := Interval(r.First, r.Trials)
		t.Logf("%-5s outline: first %.1f of %d trials: %.3f%% (95%% interval %.3f-%.3f%%, chance %.3f%%)", r.Kind, r.First, r.Trials, 100*r.Rate(), 100*lo, 100*hi, 100*r.Chance())
		if lim := Limit(r.Trials, 2*r.Chance(), alpha); r.First >= lim {
			t.Errorf("%s by outline: the right candidate came first in %.1f of %d trials (%.2f%%), more than twice chance (%.2f%%) allows (under %.0f)", r.Kind, r.First, r.Trials, 100*r.Rate(), 200*r.Chance(), lim)
		}
	}
}
