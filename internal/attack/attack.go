// Package attack measures SafePost's redaction against the attack that
// published de-redaction tools use (Depix, Unredacter): take a list of
// candidate values, draw each one as the photo shows its label, redact it
// with SafePost's own code (it is open), and pick the candidate whose
// redacted patch looks most like the one in the photo. Redaction that
// carries no information leaves the attacker at chance: the right
// candidate comes first once in len(candidates) tries.
//
// The attacker here is generous to himself: he knows the font, the size
// and where the label sits to the pixel, the paper and ink colours, and
// the text an ideal OCR pass reads (every word's exact box), so the scan
// gives him the same regions as the victim's photo.
package attack

import (
	"context"
	"fmt"
	"image"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"

	"safepost/checks"
	"safepost/internal/pipeline"
	"safepost/internal/redact"
	"safepost/internal/scan"
)

// Options choose what to measure.
type Options struct {
	Fonts      []Font
	CapHeights []int // pixels
	Styles     []redact.Style
	Kinds      []Kind
	// Trials is how many labels of each kind are redacted and attacked
	// per font and size.
	Trials int
	// Seed fixes the trials' values and the redactions' randomness, so a
	// run can be repeated.
	Seed    uint64
	Workers int
	// Verbose writes a line per font and size to the progress writer.
	Verbose bool
}

// Short is the attack test's quick run: names and the dates of 1948 in
// three fonts (sans, serif, handwriting-like) at 12 px cap height, 60 trials
// each, in every style.
func Short(names Kind, seed uint64) Options {
	return Options{
		Fonts:      []Font{Fonts[0], Fonts[1], Fonts[2]},
		CapHeights: []int{12},
		Styles:     []redact.Style{redact.Blur, redact.Pixelate, redact.Fill},
		Kinds:      []Kind{names, Dates(1948)},
		Trials:     60,
		Seed:       seed,
	}
}

// Full is the whole attack (safepost bench -attack): every font at cap
// heights from 12 to 60 pixels, 50 trials each, 1,000 per kind and style.
func Full(names Kind, seed uint64) Options {
	o := Short(names, seed)
	o.Fonts = Fonts
	o.CapHeights = []int{12, 24, 40, 60}
	o.Trials = 50
	return o
}

// Method is how the attacker compares a candidate with the photo.
type Method string

// The methods: the patch's pixels averaged over cells the size of the
// redaction's own (so noise added per pixel does not hide a leak), and
// the outline of what changed alone (where a solid fill leaves nothing
// else), and the outline as Redactor.Cover decides it, without painting
// (Geometry).
const (
	Cells   Method = "cells"
	Box     Method = "box"
	Outline Method = "outline"
)

// Result is how often the right candidate came first for one kind, style
// and method.
type Result struct {
	Kind       string
	Style      redact.Style
	Method     Method
	Candidates int
	Trials     int
	// First counts the trials where the right candidate scored best; a
	// tie with k others counts 1/(k+1), what a random pick among them
	// would get on average.
	First float64
	// Uncovered counts trials where some of the value's ink was left as
	// it was in some style.
	Uncovered int
}

// Rate is the share of trials the right candidate came first.
func (r Result) Rate() float64 { return r.First / float64(max(1, r.Trials)) }

// Chance is the rate of a blind guess.
func (r Result) Chance() float64 { return 1 / float64(max(1, r.Candidates)) }

// Limit is the fewest first places in trials that a redaction under which
// the right candidate truly comes first at rate p reaches with probability
// under alpha: a count at or above it shows, beyond reasonable doubt,
// that the rate is above p. With p twice chance it is what the attack
// test holds every style to.
func Limit(trials int, p, alpha float64) float64 {
	// The upper tail of the binomial distribution, summed down from the
	// top in logs.
	logPMF := func(k int) float64 {
		a, _ := math.Lgamma(float64(trials + 1))
		b, _ := math.Lgamma(float64(k + 1))
		c, _ := math.Lgamma(float64(trials - k + 1))
		return a - b - c + float64(k)*math.Log(p) + float64(trials-k)*math.Log1p(-p)
	}
	tail := 0.0
	for k := trials; k >= 0; k-- {
		tail += math.Exp(logPMF(k))
		if tail >= alpha {
			return float64(k + 1)
		}
	}
	return 0
}

// Redactor returns the redaction under attack with its randomness chosen
// by seed (Seeded for a run that repeats, crypto/rand for the real thing).
type Redactor func(seed uint64) redact.Redactor

// boxSamples is how many outlines the attacker draws for each candidate:
// the outline's margins are random, so he compares the photo's outline
// with the nearest of several.
const boxSamples = 4

// Run attacks the redaction: for every kind, font and size it redacts
// every candidate and opts.Trials labels of randomly chosen candidates,
// and ranks the candidates against each trial by each method.
func Run(ctx context.Context, cs *checks.Scanner, red Redactor, opts Options, progress io.Writer) ([]Result, error) {
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	results := map[[3]string]*Result{}
	var order []*Result
	get := func(k Kind, s redact.Style, m Method) *Result {
		key := [3]string{k.Name, s.String(), string(m)}
		if results[key] == nil {
			results[key] = &Result{Kind: k.Name, Style: s, Method: m, Candidates: len(k.Values)}
			order = append(order, results[key])
		}
		return results[key]
	}
	for ki, k := range opts.Kinds {
		for fi, f := range opts.Fonts {
			for si, capH := range opts.CapHeights {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				seed := opts.Seed ^ uint64(ki)<<48 ^ uint64(fi)<<40 ^ uint64(si)<<32
				c, err := attackOne(ctx, cs, red, k, f, capH, opts, seed)
				if err != nil {
					return nil, err
				}
				for _, s := range opts.Styles {
					for _, m := range []Method{Cells, Box} {
						r := get(k, s, m)
						r.Trials += c.trials
						r.First += c.first[s][m]
						r.Uncovered += c.uncovered
					}
				}
				if opts.Verbose && progress != nil {
					fmt.Fprintf(progress, "%-6s %-17s cap %3d px:", k.Name, f.Name, capH)
					for _, s := range opts.Styles {
						fmt.Fprintf(progress, "  %s %.0f/%.0f", s, c.first[s][Cells], c.first[s][Box])
					}
					fmt.Fprintf(progress, "  of %d (cells/box)", c.trials)
					if c.uncovered > 0 {
						fmt.Fprintf(progress, ", %d not covered", c.uncovered)
					}
					fmt.Fprintln(progress)
				}
			}
		}
	}
	out := make([]Result, len(order))
	for i, r := range order {
		out[i] = *r
	}
	return out, nil
}

// seen is what the attacker sees of one redacted label.
type seen struct {
	cells []float32
	box   image.Rectangle // the bounding box of what differs from paper
	// boxes are more outlines of the same label (candidates only).
	boxes []image.Rectangle
}

type tally struct {
	trials, uncovered int
	first             map[redact.Style]map[Method]float64
}

func attackOne(ctx context.Context, cs *checks.Scanner, red Redactor, k Kind, f Font, capH int, opts Options, seed uint64) (*tally, error) {
	face, err := newFace(f, capH)
	if err != nil {
		return nil, err
	}
	lay := newLayout(face, capH, k.Prefix, k.Values)
	face.Close()
	cell := max(3, capH/2)
	// Candidates: what the attacker computes once for every value.
	cands := make([]map[redact.Style]seen, len(k.Values))
	err = parallel(ctx, opts.Workers, len(k.Values), func(l layout, i int) error {
		obs, _, err := observe(cs, red, l, k, k.Values[i], opts.Styles, cell, seed^uint64(i)<<1, boxSamples)
		cands[i] = obs
		return err
	}, f, capH, lay)
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed, 1))
	truth := make([]int, opts.Trials)
	for t := range truth {
		truth[t] = r.IntN(len(k.Values))
	}
	type trial struct {
		first   map[redact.Style]map[Method]float64
		covered bool
	}
	trials := make([]trial, opts.Trials)
	err = parallel(ctx, opts.Workers, opts.Trials, func(l layout, t int) error {
		// The victim's randomness is not the attacker's.
		obs, covered, err := observe(cs, red, l, k, k.Values[truth[t]], opts.Styles, cell, seed^(uint64(t)<<1|1)^0x5eed<<16, 0)
		if err != nil {
			return err
		}
		tr := trial{first: map[redact.Style]map[Method]float64{}, covered: covered}
		for _, s := range opts.Styles {
			tr.first[s] = map[Method]float64{
				Cells: credit(truth[t], len(cands), func(i int) float64 { return cellDistance(obs[s].cells, cands[i][s].cells) }),
				Box:   credit(truth[t], len(cands), func(i int) float64 { return nearest(obs[s].box, cands[i][s]) }),
			}
		}
		trials[t] = tr
		return nil
	}, f, capH, lay)
	if err != nil {
		return nil, err
	}
	out := &tally{trials: opts.Trials, first: map[redact.Style]map[Method]float64{}}
	for _, s := range opts.Styles {
		out.first[s] = map[Method]float64{}
	}
	for _, tr := range trials {
		if !tr.covered {
			out.uncovered++
		}
		for s, m := range tr.first {
			for meth, v := range m {
				out.first[s][meth] += v
			}
		}
	}
	return out, nil
}

// parallel runs fn(i) for i in [0, n) on workers goroutines, each with its
// own face of f (faces are not safe for concurrent use).
func parallel(ctx context.Context, workers, n int, fn func(l layout, i int) error, f Font, capH int, lay layout) error {
	var wg sync.WaitGroup
	errs := make([]error, workers)
	next := make(chan int)
	for w := range workers {
		face, err := newFace(f, capH)
		if err != nil {
			return err
		}
		l := lay
		l.face = face
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer face.Close()
			for i := range next {
				if errs[w] == nil {
					errs[w] = fn(l, i)
				}
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

// observe renders value, scans the ideal OCR reading of it, redacts it in
// every style and returns what each leaves to see (and samples more
// outlines), and whether any region covered the value.
func observe(cs *checks.Scanner, red Redactor, l layout, k Kind, value string, styles []redact.Style, cell int, seed uint64, samples int) (map[redact.Style]seen, bool, error) {
	lab := l.render(k.Prefix, value)
	res := scan.Analyse(cs, lab.page, lab.img.Bounds())
	covered := true
	prefix := lab.page.Lines[0].Words[0].Box
	out := map[redact.Style]seen{}
	for si, s := range styles {
		areas := pipeline.Areas(res.Regions, s)
		sd := seed*7 + uint64(si)
		img := red(sd).Apply(lab.img, areas)
		sn := seen{cells: cells(img, cell), box: changed(img, prefix)}
		covered = covered && inkGone(lab.img, img, lab.value)
		for j := range samples {
			var b image.Rectangle
			for _, a := range red(sd^uint64(j+1)<<56).Cover(lab.img, areas) {
				b = b.Union(a.Box)
			}
			sn.boxes = append(sn.boxes, b)
		}
		out[s] = sn
	}
	return out, covered, nil
}

// inkGone reports whether every pixel of the strokes' cores in box (far
// from the paper in before) is changed in after. Anti-aliased edges are
// left out: a mid-grey edge pixel can match a fill's colour by chance.
func inkGone(before, after *image.NRGBA, box image.Rectangle) bool {
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			p := before.Pix[before.PixOffset(x, y):]
			if max(absDiff(p[0], paper.R), absDiff(p[1], paper.G), absDiff(p[2], paper.B)) <= 150 {
				continue
			}
			q := after.Pix[after.PixOffset(x, y):]
			if absDiff(p[0], q[0])+absDiff(p[1], q[1])+absDiff(p[2], q[2]) <= 24 {
				return false
			}
		}
	}
	return true
}

// credit is how much the right candidate (truth) wins by distances d: 1
// alone at the top, 1/k among k tied, 0 below.
func credit(truth, n int, d func(i int) float64) float64 {
	best, ties, mine := math.Inf(1), 0, d(truth)
	for i := range n {
		v := d(i)
		switch {
		case v < best:
			best, ties = v, 1
		case v == best:
			ties++
		}
	}
	if mine > best {
		return 0
	}
	return 1 / float64(ties)
}

// cells averages img over cells of size c: the scale the redaction works
// at, where per-pixel noise averages away.
func cells(img *image.NRGBA, c int) []float32 {
	b := img.Bounds()
	cw, ch := (b.Dx()+c-1)/c, (b.Dy()+c-1)/c
	sum := make([]float32, 3*cw*ch)
	n := make([]float32, cw*ch)
	for y := 0; y < b.Dy(); y++ {
		row := img.Pix[y*img.Stride:]
		for x := 0; x < b.Dx(); x++ {
			i := (y/c)*cw + x/c
			p := row[4*x:]
			sum[3*i] += float32(p[0])
			sum[3*i+1] += float32(p[1])
			sum[3*i+2] += float32(p[2])
			n[i]++
		}
	}
	for i := range n {
		for k := range 3 {
			sum[3*i+k] /= n[i]
		}
	}
	return sum
}

func cellDistance(a, b []float32) float64 {
	d := 0.0
	for i := range a {
		v := float64(a[i] - b[i])
		d += v * v
	}
	return d
}

// changed is the bounding box of the pixels that differ from the paper,
// leaving out the label's first word (its own ink).
func changed(img *image.NRGBA, label image.Rectangle) image.Rectangle {
	b := img.Bounds()
	x0, y0, x1, y1 := b.Max.X, b.Max.Y, b.Min.X, b.Min.Y
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if image.Pt(x, y).In(label) {
				continue
			}
			p := img.Pix[img.PixOffset(x, y):]
			if max(absDiff(p[0], paper.R), absDiff(p[1], paper.G), absDiff(p[2], paper.B)) > 12 {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x+1), max(y1, y+1)
			}
		}
	}
	if x1 <= x0 {
		return image.Rectangle{}
	}
	return image.Rect(x0, y0, x1, y1)
}

// nearest is the distance from box to the nearest of a candidate's
// outlines.
func nearest(box image.Rectangle, c seen) float64 {
	d := boxDistance(box, c.box)
	for _, b := range c.boxes {
		d = min(d, boxDistance(box, b))
	}
	return d
}

func boxDistance(a, b image.Rectangle) float64 {
	return math.Abs(float64(a.Min.X-b.Min.X)) + math.Abs(float64(a.Max.X-b.Max.X)) +
		math.Abs(float64(a.Min.Y-b.Min.Y)) + math.Abs(float64(a.Max.Y-b.Max.Y))
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// Seeded is a source of randomness fixed by seed, for a Redactor whose
// runs must repeat.
func Seeded(seed uint64) io.Reader {
	var key [32]byte
	for i := range 8 {
		key[i] = byte(seed >> (8 * i))
	}
	return rand.NewChaCha8(key)
}
