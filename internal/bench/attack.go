package bench

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"

	"safepost/checks"
	deredact "safepost/internal/attack"
	"safepost/internal/redact"
)

// AttackOptions configure RunAttack.
type AttackOptions struct {
	// Quick runs the attack test's short subset instead of the full run.
	Quick bool
	// Verbose prints a line per kind, font and size.
	Verbose bool
}

// attackAlpha is how rarely a redaction whose true rate is exactly twice
// chance is reported as beaten, as in the attack test.
const attackAlpha = 0.001

// RunAttack runs the candidate-matching attack (package attack) against
// the redaction with fresh randomness from crypto/rand, as SafePost runs
// it, and prints how often the right candidate came first for each kind,
// style and method. It reports whether every rate stayed within twice
// chance (not above it beyond reasonable doubt).
func RunAttack(ctx context.Context, cs *checks.Scanner, opts AttackOptions, w io.Writer) (bool, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return false, err
	}
	seed := binary.LittleEndian.Uint64(b[:])
	names, err := deredact.Names(200, 16)
	if err != nil {
		return false, err
	}
	o := deredact.Full(names, seed)
	if opts.Quick {
		o = deredact.Short(names, seed)
	}
	o.Verbose = opts.Verbose
	red := func(uint64) redact.Redactor { return redact.Redactor{} }
	fmt.Fprintf(w, "candidate-matching attack: %d fonts, cap heights %v px, %d trials per kind, font and size\n", len(o.Fonts), o.CapHeights, o.Trials)
	res, err := deredact.Run(ctx, cs, red, o, w)
	if err != nil {
		return false, err
	}
	// The outline alone, over many more trials: enough to tell twice
	// chance from chance.
	fonts, caps, trials, samples := deredact.GeometryOptions(!opts.Quick)
	for i, k := range o.Kinds {
		r, err := deredact.Geometry(ctx, cs, red, k, fonts, caps, trials, samples, seed^uint64(i+1)<<56)
		if err != nil {
			return false, err
		}
		res = append(res, r)
	}
	// A photo of the label rather than a clean drawing (see attack.Photo).
	po := deredact.PhotoFull(names, seed)
	if opts.Quick {
		po = deredact.PhotoShort(names, seed)
	}
	po.Verbose = opts.Verbose
	pr, err := deredact.Photo(ctx, cs, deredact.Redactor(red).Paint, po, w)
	if err != nil {
		return false, err
	}
	return printAttack(w, append(res, pr...)), nil
}

func printAttack(w io.Writer, res []deredact.Result) bool {
	ok := true
	fmt.Fprintf(w, "\n%-6s %-9s %-7s %8s %7s %8s %15s %8s %7s\n", "kind", "style", "method", "first", "trials", "rate", "95% interval", "chance", "limit")
	for _, r := range res {
		lim := deredact.Limit(r.Trials, 2*r.Chance(), attackAlpha)
		verdict := "ok"
		if r.First >= lim || r.Uncovered > 0 {
			verdict, ok = "BEATEN", false
		}
		lo, hi := deredact.Interval(r.First, r.Trials)
		fmt.Fprintf(w, "%-6s %-9s %-7s %8.1f %7d %7.2f%% %6.2f-%5.2f%% %7.2f%% %7.0f  %s", r.Kind, r.Style, r.Method, r.First, r.Trials, 100*r.Rate(), 100*lo, 100*hi, 100*r.Chance(), lim, verdict)
		if r.Uncovered > 0 {
			fmt.Fprintf(w, "  (%d kept some of their ink)", r.Uncovered)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "first: trials where the right candidate ranked first (ties shared); outline: the outline alone (fill), more trials; photo: a photographed label (offset, blur, noise, JPEG), the patch in cells; limit: the count that would show a rate above twice chance")
	return ok
}
