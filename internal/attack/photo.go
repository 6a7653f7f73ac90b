package attack

import (
	"context"
	"fmt"
	"image"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"

	"safepost/checks"
	"safepost/internal/pipeline"
	"safepost/internal/redact"
	"safepost/internal/scan"
)

// PhotoCells is the method of the photo-like attack (see Photo): the
// patch in cells, as Cells, but of a photo.
const PhotoCells Method = "photo"

// Painter is a redaction under attack: img with areas destroyed, its
// randomness chosen by seed.
type Painter func(seed uint64, img *image.NRGBA, areas []redact.Area) *image.NRGBA

// Paint is SafePost's own redaction as a Painter.
func (red Redactor) Paint(seed uint64, img *image.NRGBA, areas []redact.Area) *image.NRGBA {
	return red(seed).Apply(img, areas)
}

// PhotoOptions choose what the photo-like attack measures. Each font and
// size is one camera (see newCamera), unknown to the attacker.
type PhotoOptions struct {
	Options
	// Offsets are the sub-pixel offsets the attacker draws every
	// candidate at; each candidate scores by the one that matches best.
	Offsets [][2]float64
}

// PhotoShort is the photo test's quick run: names and the dates of 1948
// in DejaVu Sans at 12 px cap height, 180 trials each (the attack test's
// count), every style, candidates drawn half a pixel apart along the line.
func PhotoShort(names Kind, seed uint64) PhotoOptions {
	o := Short(names, seed)
	o.Fonts = Fonts[:1]
	o.Trials = 180
	return PhotoOptions{Options: o, Offsets: grid(2, 1)}
}

// PhotoFull is the photo attack of safepost bench -attack: three fonts
// (print, serif, handwriting-like) at 12 and 24 px, 100 trials each, 600
// per kind, candidates drawn at every quarter pixel along the line.
func PhotoFull(names Kind, seed uint64) PhotoOptions {
	o := Short(names, seed)
	o.CapHeights = []int{12, 24}
	o.Trials = 100
	return PhotoOptions{Options: o, Offsets: grid(4, 1)}
}

// Photo attacks a photo of a label rather than a clean drawing: the label
// sits at an unknown sub-pixel offset, the camera blurs it, moves its
// contrast, adds noise and saves a JPEG, and the redacted photo is saved
// as a JPEG again when posted. The attacker fits the blur and contrast on
// the label SafePost leaves clear, draws every candidate at each of
// opts.Offsets, photographs it with that blur (no noise), redacts it with
// paint and fresh randomness, re-encodes it, and ranks the candidates by
// the patch averaged over the redaction's cells (see cells), each at its
// best offset.
func Photo(ctx context.Context, cs *checks.Scanner, paint Painter, opts PhotoOptions, progress io.Writer) ([]Result, error) {
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	var out []Result
	for ki, k := range opts.Kinds {
		res := make([]Result, len(opts.Styles))
		for si, s := range opts.Styles {
			res[si] = Result{Kind: k.Name, Style: s, Method: PhotoCells, Candidates: len(k.Values)}
		}
		for fi, f := range opts.Fonts {
			for ci, capH := range opts.CapHeights {
				seed := mix(opts.Seed, uint64(ki), uint64(fi), uint64(ci))
				first, note, err := photoOne(ctx, cs, paint, k, f, capH, opts, seed)
				if err != nil {
					return nil, err
				}
				for si := range res {
					res[si].First += first[si]
					res[si].Trials += opts.Trials
				}
				if opts.Verbose && progress != nil {
					fmt.Fprintf(progress, "photo %-6s %-17s cap %3d px, %s:", k.Name, f.Name, capH, note)
					for si, s := range opts.Styles {
						fmt.Fprintf(progress, "  %s %.1f", s, first[si])
					}
					fmt.Fprintf(progress, "  of %d\n", opts.Trials)
				}
			}
		}
		out = append(out, res...)
	}
	return out, nil
}

// shot is what the attacker sees of one redacted photo: each style's
// patch in cells, with the contrast the label shows taken out, and the
// blur the label shows (an index into sigmas).
type shot struct {
	cells      [][]float32
	sigma      int
	gain, bias float64
}

// photoOne attacks one font and size with one camera and returns the
// right candidate's first places in each style, and a note of the camera
// and what the attacker made of it.
func photoOne(ctx context.Context, cs *checks.Scanner, paint Painter, k Kind, f Font, capH int, opts PhotoOptions, seed uint64) ([]float64, string, error) {
	face, err := newFace(f, capH)
	if err != nil {
		return nil, "", err
	}
	lay := newLayout(face, capH, k.Prefix, k.Values)
	cal := newCalibration(lay, k.Prefix)
	face.Close()
	cell := max(3, capH/2)
	r := rand.New(rand.NewPCG(seed, 3))
	cam := newCamera(r)
	truth := make([]int, opts.Trials)
	offsets := make([][2]float64, opts.Trials)
	for t := range truth {
		truth[t] = r.IntN(len(k.Values))
		offsets[t] = [2]float64{r.Float64(), r.Float64()}
	}
	shots := make([]shot, opts.Trials)
	err = parallel(ctx, opts.Workers, opts.Trials, func(l layout, t int) error {
		lab := l.shifted(offsets[t][0], offsets[t][1]).render(k.Prefix, k.Values[truth[t]])
		img, err := cam.shoot(lab.img, lab.page.Lines[0].Box, rand.New(rand.NewPCG(seed, mix(uint64(t), 4))))
		if err != nil {
			return err
		}
		regions := scan.Analyse(cs, lab.page, img.Bounds()).Regions
		for si, s := range opts.Styles {
			// The victim's randomness is not the attacker's.
			posted, err := jpegTrip(paint(mix(seed, uint64(t), uint64(si), 5), img, pipeline.Areas(regions, s)))
			if err != nil {
				return err
			}
			if si == 0 {
				shots[t].sigma, shots[t].gain, shots[t].bias = cal.fit(posted)
			}
			shots[t].cells = append(shots[t].cells, undoContrast(cells(posted, cell), shots[t].gain, shots[t].bias))
		}
		return nil
	}, f, capH, lay)
	if err != nil {
		return nil, "", err
	}
	// The candidates, drawn and redacted at each blur the trials' labels
	// showed.
	banks := map[int][][][]float32{}
	for _, sh := range shots {
		if banks[sh.sigma] != nil {
			continue
		}
		b, err := candidates(ctx, cs, paint, k, f, capH, lay, opts, sigmas[sh.sigma], cell, mix(seed, uint64(sh.sigma), 6))
		if err != nil {
			return nil, "", err
		}
		banks[sh.sigma] = b
	}
	first := make([]float64, len(opts.Styles))
	for t, sh := range shots {
		bank := banks[sh.sigma]
		for si := range opts.Styles {
			first[si] += credit(truth[t], len(bank), func(i int) float64 {
				d := math.Inf(1)
				for o := range opts.Offsets {
					d = min(d, cellDistance(sh.cells[si], bank[i][o*len(opts.Styles)+si]))
				}
				return d
			})
		}
	}
	return first, cameraNote(cam, banks), nil
}

// candidates draws every value of k at each offset, photographs it with a
// camera of blur sigma and no noise, and redacts it in every style: the
// cells of each, [value][offset*len(styles)+style].
func candidates(ctx context.Context, cs *checks.Scanner, paint Painter, k Kind, f Font, capH int, lay layout, opts PhotoOptions, sigma float64, cell int, seed uint64) ([][][]float32, error) {
	cam := camera{sigma: sigma, gain: 1}
	out := make([][][]float32, len(k.Values))
	err := parallel(ctx, opts.Workers, len(k.Values), func(l layout, i int) error {
		for o, off := range opts.Offsets {
			lab := l.shifted(off[0], off[1]).render(k.Prefix, k.Values[i])
			img, err := cam.shoot(lab.img, lab.page.Lines[0].Box, nil)
			if err != nil {
				return err
			}
			regions := scan.Analyse(cs, lab.page, img.Bounds()).Regions
			for si, s := range opts.Styles {
				posted, err := jpegTrip(paint(mix(seed, uint64(i), uint64(o), uint64(si)), img, pipeline.Areas(regions, s)))
				if err != nil {
					return err
				}
				out[i] = append(out[i], cells(posted, cell))
			}
		}
		return nil
	}, f, capH, lay)
	return out, err
}

// undoContrast maps a photo's cells back to the drawing's contrast.
func undoContrast(c []float32, gain, bias float64) []float32 {
	for i := range c {
		c[i] = float32((float64(c[i]) - bias) / gain)
	}
	return c
}

func cameraNote(cam camera, banks map[int][][][]float32) string {
	var fitted []float64
	for s := range banks {
		fitted = append(fitted, sigmas[s])
	}
	slices.Sort(fitted)
	return fmt.Sprintf("blur %.2f px, gain %.2f, noise %.1f (blur fitted: %v)", cam.sigma, cam.gain, cam.noise, fitted)
}

// mix hashes parts into one seed (SplitMix64's finaliser), so that the
// seeds of different trials, candidates and styles do not collide.
func mix(parts ...uint64) uint64 {
	var h uint64
	for _, p := range parts {
		h ^= p + 0x9e3779b97f4a7c15 + h<<6 + h>>2
		h ^= h >> 30
		h *= 0xbf58476d1ce4e5b9
		h ^= h >> 27
		h *= 0x94d049bb133111eb
		h ^= h >> 31
	}
	return h
}
