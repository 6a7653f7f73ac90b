package attack

import (
	"context"
	"image"
	"math"
	"math/rand/v2"

	"safepost/checks"
	"safepost/internal/pipeline"
	"safepost/internal/redact"
	"safepost/internal/scan"
)

// Geometry attacks the outline alone, as decided by Redactor.Cover,
// without painting: what a solid fill leaves to see. It is cheap (each
// candidate is drawn and scanned once), so it runs many more trials than
// Run and can tell a rate of twice chance from chance. For every font and
// size it draws samples outlines of each candidate and ranks them against
// trials outlines of randomly chosen ones by the nearest of them.
func Geometry(ctx context.Context, cs *checks.Scanner, red Redactor, k Kind, fonts []Font, capHeights []int, trials, samples int, seed uint64) (Result, error) {
	res := Result{Kind: k.Name, Style: redact.Fill, Method: Outline, Candidates: len(k.Values)}
	for fi, f := range fonts {
		for si, capH := range capHeights {
			if err := ctx.Err(); err != nil {
				return res, err
			}
			face, err := newFace(f, capH)
			if err != nil {
				return res, err
			}
			lay := newLayout(face, capH, k.Prefix, k.Values)
			lay.face = face
			sd := seed ^ uint64(fi)<<40 ^ uint64(si)<<32
			areas := make([][]redact.Area, len(k.Values))
			imgs := make([]*image.NRGBA, len(k.Values))
			cands := make([][]image.Rectangle, len(k.Values))
			for i, v := range k.Values {
				lab := lay.render(k.Prefix, v)
				imgs[i] = lab.img
				areas[i] = pipeline.Areas(scan.Analyse(cs, lab.page, lab.img.Bounds()).Regions, redact.Fill)
				for j := range samples {
					cands[i] = append(cands[i], outline(red(sd^uint64(i)<<8^uint64(j)), imgs[i], areas[i]))
				}
			}
			face.Close()
			r := rand.New(rand.NewPCG(sd, 2))
			for t := range trials {
				truth := r.IntN(len(k.Values))
				// The victim's randomness is not the attacker's.
				obs := outline(red(sd^uint64(t)<<8^0xfeed<<48), imgs[truth], areas[truth])
				res.First += credit(truth, len(cands), func(i int) float64 {
					d := math.Inf(1)
					for _, b := range cands[i] {
						d = min(d, boxDistance(obs, b))
					}
					return d
				})
				res.Trials++
			}
		}
	}
	return res, nil
}

func outline(rd redact.Redactor, img *image.NRGBA, areas []redact.Area) image.Rectangle {
	var b image.Rectangle
	for _, a := range rd.Cover(img, areas) {
		b = b.Union(a.Box)
	}
	return b
}

// GeometryOptions are Geometry's fonts, sizes, trials per font and size
// and outlines drawn per candidate for the attack test's quick run (under
// half a minute of two cores under -race) and for the full one (8,000
// trials per kind, enough to tell twice chance from chance).
func GeometryOptions(full bool) (fonts []Font, capHeights []int, trials, samples int) {
	if full {
		return Fonts, []int{12, 24, 40, 60}, 400, boxSamples + 1
	}
	return Fonts[:3], []int{12}, 400, 3
}

// Interval is the Wilson score interval for a binomial rate of first
// successes in trials at 95% confidence.
func Interval(first float64, trials int) (lo, hi float64) {
	if trials <= 0 {
		return 0, 1
	}
	const z = 1.959964
	n := float64(trials)
	p := first / n
	c := (p + z*z/(2*n)) / (1 + z*z/n)
	h := z / (1 + z*z/n) * math.Sqrt(p*(1-p)/n+z*z/(4*n*n))
	return max(0, c-h), min(1, c+h)
}
