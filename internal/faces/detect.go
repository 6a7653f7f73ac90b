// Package faces finds faces in photos so they can be blurred like text. It
// evaluates OpenCV's LBP frontal-face cascade (bundled in assets/cascades)
// in pure Go: the image is scaled down step by step, each level gets an
// integral image, a window the cascade's size slides over it, and
// overlapping hits are grouped the way OpenCV's groupRectangles does. No
// OpenCV is needed at build or run time.
//
// The search differs from OpenCV's detectMultiScale only in where it
// looks, to fit beside OCR on a two-core laptop: a 2-pixel stride at every
// level (OpenCV uses 1 from scale 2 up), coarse to fine in position (every
// other stride first, then around windows that got through a few stages)
// and in scale (every other level whole, the levels between only around
// promising windows of their neighbours). Heads tilted beyond what the
// frontal cascade tolerates (about 10°) are looked for in copies turned
// ±15°. Measured on 16 generated 12 MP photos with 144 pasted faces of
// 60-420 px (tilted up to 12°, dimmed, some blurred), CPU per photo: a
// full upright search found 139 in 1.3 s, the coarse-to-fine upright
// search 138 in 0.36 s, and with the tilted copies (the default) 143 in
// 0.57 s; none found a face on the photos before the faces were pasted.
package faces

import (
	"context"
	"errors"
	"image"
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"safepost/assets"
)

// Face is one detected face.
type Face struct {
	// Box is the cascade's window in input pixels: roughly brows to chin
	// and cheek to cheek, not the whole head (see HeadBox).
	Box image.Rectangle
	// Neighbors is how many raw windows were grouped into this face; more
	// means a surer detection.
	Neighbors int
}

// Detector finds faces with a cascade. The zero value of each field means
// its default. A Detector is safe for concurrent use.
type Detector struct {
	Cascade *Cascade
	// MinSize is the smallest face side searched for, in input pixels
	// (default DefaultMinSize). Smaller faces cost more time: the search
	// at scale s costs about 1/s² of the full image.
	MinSize int
	// MaxSize is the largest face side searched for (default: the
	// image's short side).
	MaxSize int
	// ScaleFactor is the step between searched sizes (default 1.1).
	ScaleFactor float64
	// MinNeighbors is how many overlapping raw hits a face needs beyond
	// the first (default 3, as OpenCV's detectMultiScale).
	MinNeighbors int
	// Workers is how many goroutines search levels at once (default:
	// GOMAXPROCS).
	Workers int
	// Step is the window stride in pixels of each level (default 2).
	Step int
	// Coarse is how many stages a window on the coarse grid (every
	// other stride) must pass for its neighbours to be searched too
	// (default DefaultCoarse; negative searches every stride, as OpenCV).
	Coarse int
	// ScaleCoarse is how many stages a window of a searched level must
	// pass for the skipped level next to it to be searched around it
	// (default DefaultScaleCoarse; negative searches every level whole).
	ScaleCoarse int
	// Tilts are head tilts in degrees searched besides upright (default
	// DefaultTilts): the frontal cascade misses heads tilted much beyond
	// 10°, as patients' heads on a pillow often are. Each tilt searches a
	// turned copy for faces of at least TiltMinSize pixels (default: a
	// 25th of the image's short side, 60 to 120; negative turns the
	// tilted search off); the copy is half size when that minimum is 90
	// or more, which makes the tilted search cost about as much as the
	// upright one on a 12 MP photo.
	Tilts       []float64
	TiltMinSize int
}

// DefaultTilts is the default for Detector.Tilts. With the upright search,
// ±15° covers heads tilted up to about 25° either way; on generated bedside
// photos it found more faces than ±20° for the same time.
var DefaultTilts = []float64{-15, 15}

// DefaultMinSize is the smallest face searched for by default: about a
// face 8 m from a phone camera in a 12 MP photo. Smaller faces are
// blurry at the sizes photos are shared at.
const DefaultMinSize = 60

// DefaultCoarse and DefaultScaleCoarse are the defaults for
// Detector.Coarse and Detector.ScaleCoarse (see the package comment for
// what they cost in faces found).
const (
	DefaultCoarse      = 4
	DefaultScaleCoarse = 10
)

var defaultCascade = sync.OnceValues(func() (*Cascade, error) {
	f, err := assets.Cascades.Open("cascades/lbpcascade_frontalface_improved.xml")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseCascade(f)
})

// DefaultCascade returns the bundled frontal-face cascade, parsed once.
func DefaultCascade() (*Cascade, error) { return defaultCascade() }

// New returns a detector with the bundled cascade and default settings.
func New() (*Detector, error) {
	c, err := DefaultCascade()
	if err != nil {
		return nil, err
	}
	return &Detector{Cascade: c}, nil
}

// Detect returns the faces in img, largest first. It stops early with
// ctx's error when ctx is done.
func (d *Detector) Detect(ctx context.Context, img image.Image) ([]Face, error) {
	if d == nil || d.Cascade == nil {
		return nil, errors.New("faces: detector has no cascade")
	}
	g := Gray(img)
	raw, err := d.raw(ctx, g)
	if err != nil {
		return nil, err
	}
	minN := d.MinNeighbors
	if minN <= 0 {
		minN = 3
	}
	faces := group(raw, minN, 0.2)
	if d.TiltMinSize >= 0 {
		tilted, err := d.tilted(ctx, g, minN)
		if err != nil {
			return nil, err
		}
		faces = addTilted(faces, tilted)
	}
	off := img.Bounds().Min
	for i := range faces {
		faces[i].Box = faces[i].Box.Add(off)
	}
	sort.Slice(faces, func(i, j int) bool {
		a, b := faces[i].Box, faces[j].Box
		if a.Dx() != b.Dx() {
			return a.Dx() > b.Dx()
		}
		if a.Min.Y != b.Min.Y {
			return a.Min.Y < b.Min.Y
		}
		return a.Min.X < b.Min.X
	})
	return faces, nil
}

// tilted searches turned half-size copies of g for tilted faces and
// returns them as boxes in g's pixels around the turned window.
func (d *Detector) tilted(ctx context.Context, g *image.Gray, minN int) ([]Face, error) {
	tilts := d.Tilts
	if tilts == nil {
		tilts = DefaultTilts
	}
	short := min(g.Rect.Dx(), g.Rect.Dy())
	minSize := d.TiltMinSize
	if minSize == 0 {
		minSize = max(60, min(120, short/25))
	}
	if len(tilts) == 0 || short < 2*minSize {
		return nil, nil
	}
	src, scale := g, 1
	if minSize >= 2*d.Cascade.W {
		src, scale = halve(g), 2
	}
	sub := *d
	sub.MinSize = (minSize + scale - 1) / scale
	if d.MaxSize > 0 {
		sub.MaxSize = d.MaxSize / scale
	}
	var out []Face
	for _, deg := range tilts {
		t := turn(src, deg)
		raw, err := sub.raw(ctx, t.img)
		if err != nil {
			return nil, err
		}
		for _, f := range group(raw, minN, 0.2) {
			f.Box = t.back(f.Box, float64(scale))
			out = append(out, f)
		}
	}
	return out, nil
}

// addTilted adds the tilted faces that are not already found upright (or
// at another tilt, keeping the surer one).
func addTilted(faces, tilted []Face) []Face {
	same := func(a, b image.Rectangle) bool {
		in := a.Intersect(b)
		small := min(a.Dx()*a.Dy(), b.Dx()*b.Dy())
		return in.Dx()*in.Dy()*10 > small*3
	}
	sort.SliceStable(tilted, func(i, j int) bool { return tilted[i].Neighbors > tilted[j].Neighbors })
	for _, t := range tilted {
		dup := false
		for _, f := range faces {
			dup = dup || same(t.Box, f.Box)
		}
		if !dup {
			faces = append(faces, t)
		}
	}
	return faces
}

// scales lists the window scale factors to search in a w×h image, as
// OpenCV's detectMultiScale does: 1, f, f², ... keeping those whose
// window is within [MinSize, MaxSize] and fits the image.
func (d *Detector) scales(w, h int) []float64 {
	sf := d.ScaleFactor
	if sf <= 1 {
		sf = 1.1
	}
	minS := d.MinSize
	if minS <= 0 {
		minS = DefaultMinSize
	}
	maxS := d.MaxSize
	if maxS <= 0 {
		maxS = min(w, h)
	}
	cw, ch := d.Cascade.W, d.Cascade.H
	var out []float64
	for f := 1.0; ; f *= sf {
		ww, wh := int(math.Round(float64(cw)*f)), int(math.Round(float64(ch)*f))
		if ww > maxS || wh > maxS || int(math.Round(float64(w)/f)) < cw || int(math.Round(float64(h)/f)) < ch {
			break
		}
		if ww < minS || wh < minS {
			continue
		}
		out = append(out, f)
	}
	return out
}

// raw returns every window the cascade accepts, in input pixels.
//
// Levels are searched coarse to fine in scale too: every other level is
// searched whole, and the levels between only around windows of their
// neighbours that got through ScaleCoarse stages. A face answers over a
// range of about ±15% in size, so its neighbouring levels always see it.
func (d *Detector) raw(ctx context.Context, g *image.Gray) ([]image.Rectangle, error) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	scales := d.scales(w, h)
	p := searchParams{step: d.step(), coarse: d.coarse(), deep: d.scaleCoarse()}
	type job struct {
		level int
		areas []image.Rectangle // level pixels; nil: the whole level
	}
	results := make([]levelResult, len(scales))
	run := func(jobs []job) {
		workers := d.Workers
		if workers <= 0 {
			workers = runtime.GOMAXPROCS(0)
		}
		workers = min(workers, len(jobs))
		var next atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var lv level
				for {
					i := int(next.Add(1)) - 1
					if i >= len(jobs) || ctx.Err() != nil {
						return
					}
					j := jobs[i]
					if j.areas == nil {
						results[j.level] = lv.search(ctx, d.Cascade, g, scales[j.level], p, image.Rectangle{})
						continue
					}
					var r levelResult
					for _, a := range j.areas {
						ri := lv.search(ctx, d.Cascade, g, scales[j.level], p, a)
						r.hits = append(r.hits, ri.hits...)
					}
					results[j.level] = r
				}
			}()
		}
		wg.Wait()
	}
	var first, second []job
	for i := range scales {
		if p.deep <= 0 || i%2 == 0 || i == len(scales)-1 {
			first = append(first, job{level: i})
		}
	}
	run(first)
	if p.deep > 0 {
		for i := 1; i < len(scales)-1; i += 2 {
			var boxes []image.Rectangle
			boxes = append(boxes, results[i-1].deep...)
			boxes = append(boxes, results[i+1].deep...)
			if areas := levelAreas(boxes, scales[i], w, h, d.Cascade); len(areas) > 0 {
				second = append(second, job{level: i, areas: areas})
			}
		}
		run(second)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []image.Rectangle
	for _, r := range results {
		out = append(out, r.hits...)
	}
	return out, nil
}

// levelAreas turns deep windows (input pixels) into the areas of the level
// at scale f to search: each window's neighbourhood, merged where they
// overlap, in level pixels.
func levelAreas(boxes []image.Rectangle, f float64, w, h int, c *Cascade) []image.Rectangle {
	if len(boxes) == 0 {
		return nil
	}
	lw, lh := int(math.Round(float64(w)/f)), int(math.Round(float64(h)/f))
	bounds := image.Rect(0, 0, lw, lh)
	var areas []image.Rectangle
	for _, b := range boxes {
		m := c.W / 3
		r := image.Rect(int(float64(b.Min.X)/f)-m, int(float64(b.Min.Y)/f)-m,
			int(float64(b.Max.X)/f)+m+1, int(float64(b.Max.Y)/f)+m+1).Intersect(bounds)
		if r.Dx() >= c.W && r.Dy() >= c.H {
			areas = append(areas, r)
		}
	}
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(areas); i++ {
			for j := i + 1; j < len(areas); j++ {
				if areas[i].Overlaps(areas[j]) {
					areas[i] = areas[i].Union(areas[j])
					areas = append(areas[:j], areas[j+1:]...)
					merged = true
					j--
				}
			}
		}
	}
	total := 0
	for _, a := range areas {
		total += a.Dx() * a.Dy()
	}
	if total > lw*lh/2 {
		return []image.Rectangle{bounds}
	}
	return areas
}

type searchParams struct {
	step, coarse, deep int
}

type levelResult struct {
	hits []image.Rectangle // accepted windows, input pixels
	deep []image.Rectangle // windows that got through p.deep stages
}

// level holds one pyramid level's buffers, reused across levels by one
// worker to keep allocation down.
type level struct {
	small []uint8
	sum   []uint32
	offs  [][16]int
	seen  []bool
}

// search scales g down by f and slides the cascade's window over area (in
// pixels of the scaled image; empty means all of it), on a grid of
// p.step pixels anchored at the level's origin.
func (lv *level) search(ctx context.Context, c *Cascade, g *image.Gray, f float64, p searchParams, area image.Rectangle) levelResult {
	sw := int(math.Round(float64(g.Rect.Dx()) / f))
	sh := int(math.Round(float64(g.Rect.Dy()) / f))
	if area.Empty() {
		area = image.Rect(0, 0, sw, sh)
	}
	aw, ah := area.Dx(), area.Dy()
	lv.small = resizeBilinear(lv.small, g, sw, sh, area)
	stride := aw + 1
	lv.sum = integral(lv.sum, lv.small, aw, ah)
	if cap(lv.offs) < len(c.rects) {
		lv.offs = make([][16]int, len(c.rects))
	}
	offs := lv.offs[:len(c.rects)]
	for i, r := range c.rects {
		for row := 0; row < 4; row++ {
			for col := 0; col < 4; col++ {
				offs[i][row*4+col] = (r.Y+row*r.H)*stride + r.X + col*r.W
			}
		}
	}
	// OpenCV steps by one pixel at scales of 2 and more; two is enough
	// for faces of that size (each still gets several neighbouring hits)
	// and quarters the work.
	step := p.step
	win := image.Pt(int(math.Round(float64(c.W)*f)), int(math.Round(float64(c.H)*f)))
	var res levelResult
	toInput := func(gx, gy int) image.Rectangle {
		q := image.Pt(int(math.Round(float64(gx*step)*f)), int(math.Round(float64(gy*step)*f)))
		return image.Rectangle{Min: q, Max: q.Add(win)}
	}
	// Grid points (gx, gy) are windows at level pixel (gx*step, gy*step)
	// whose window lies inside area.
	gx0, gy0 := (area.Min.X+step-1)/step, (area.Min.Y+step-1)/step
	gx1, gy1 := (area.Max.X-c.W)/step, (area.Max.Y-c.H)/step // inclusive
	if gx1 < gx0 || gy1 < gy0 {
		return res
	}
	at := func(gx, gy int) int { return (gy*step-area.Min.Y)*stride + gx*step - area.Min.X }
	eval := func(gx, gy int) int {
		r := c.eval(lv.sum, offs, at(gx, gy))
		if r > 0 {
			res.hits = append(res.hits, toInput(gx, gy))
		}
		if p.deep > 0 && (r > 0 || -r >= p.deep) {
			res.deep = append(res.deep, toInput(gx, gy))
		}
		return r
	}
	if p.coarse <= 0 {
		for gy := gy0; gy <= gy1; gy++ {
			if gy%32 == 0 && ctx.Err() != nil {
				return levelResult{}
			}
			for gx := gx0; gx <= gx1; gx++ {
				if eval(gx, gy) == 0 {
					// Rejected by the very first stage: the next window
					// is almost surely empty too (OpenCV skips it the
					// same way).
					gx++
				}
			}
		}
		return res
	}
	// Coarse to fine: evaluate even grid points first, then the grid
	// points around any window that got through p.coarse stages. A face
	// makes a neighbourhood of deep responses, so its hits are all found.
	nx := gx1 - gx0 + 1
	if cap(lv.seen) < nx*(gy1-gy0+1) {
		lv.seen = make([]bool, nx*(gy1-gy0+1))
	}
	seen := lv.seen[:nx*(gy1-gy0+1)]
	clear(seen)
	var near []image.Point
	for gy := gy0 + gy0%2; gy <= gy1; gy += 2 {
		if gy%32 == 0 && ctx.Err() != nil {
			return levelResult{}
		}
		for gx := gx0 + gx0%2; gx <= gx1; gx += 2 {
			seen[(gy-gy0)*nx+gx-gx0] = true
			r := eval(gx, gy)
			if r > 0 || -r >= p.coarse {
				near = append(near, image.Pt(gx, gy))
			} else if r == 0 {
				gx += 2 // as above
			}
		}
	}
	for _, q := range near {
		for gy := max(gy0, q.Y-1); gy <= min(gy1, q.Y+1); gy++ {
			for gx := max(gx0, q.X-1); gx <= min(gx1, q.X+1); gx++ {
				if i := (gy-gy0)*nx + gx - gx0; !seen[i] {
					seen[i] = true
					eval(gx, gy)
				}
			}
		}
	}
	return res
}

// eval runs the cascade on the window whose top-left corner is at index p
// of the integral image. It returns 1 when every stage passes, otherwise
// minus the index of the stage that rejected the window (0 for the first).
// A stage gives up as soon as even the best outcome of its remaining
// stumps could not reach its threshold, which gives the same answer as
// summing them all.
func (c *Cascade) eval(sum []uint32, offs [][16]int, p int) int {
	for si := range c.stages {
		st := &c.stages[si]
		acc := 0.0
		stumps := c.stumps[st.first : st.first+st.count]
		for k := range stumps {
			sp := &stumps[k]
			code := lbp(sum, &offs[sp.feature], p)
			if sp.subset[code>>5]&(1<<(code&31)) != 0 {
				acc += sp.left
			} else {
				acc += sp.right
			}
			if acc+sp.bestRest < st.threshold {
				return -si
			}
		}
		if acc < st.threshold {
			return -si
		}
	}
	return 1
}

// lbp is the multi-block LBP code of one feature: each of the 8 outer
// cells of its 3×3 grid sets a bit when its sum is at least the centre
// cell's, clockwise from the top-left cell (bit 7). o holds the 16 grid
// corners, row by row. Sums are taken mod 2³², which is exact because no
// cell holds 2³² worth of pixels.
func lbp(s []uint32, o *[16]int, p int) uint32 {
	s = s[p:]
	_ = s[o[15]] // the largest offset: one bounds check for all
	v0, v1, v2, v3 := s[o[0]], s[o[1]], s[o[2]], s[o[3]]
	v4, v5, v6, v7 := s[o[4]], s[o[5]], s[o[6]], s[o[7]]
	v8, v9, v10, v11 := s[o[8]], s[o[9]], s[o[10]], s[o[11]]
	v12, v13, v14, v15 := s[o[12]], s[o[13]], s[o[14]], s[o[15]]
	cv := v5 - v6 - v9 + v10
	var code uint32
	code |= b2u(v0-v1-v4+v5 >= cv) << 7
	code |= b2u(v1-v2-v5+v6 >= cv) << 6
	code |= b2u(v2-v3-v6+v7 >= cv) << 5
	code |= b2u(v6-v7-v10+v11 >= cv) << 4
	code |= b2u(v10-v11-v14+v15 >= cv) << 3
	code |= b2u(v9-v10-v13+v14 >= cv) << 2
	code |= b2u(v8-v9-v12+v13 >= cv) << 1
	code |= b2u(v4-v5-v8+v9 >= cv)
	return code
}

func b2u(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

// integral writes the (w+1)×(h+1) integral image of a w×h plane into dst
// (reused when large enough): dst[y][x] is the sum of the pixels above and
// to the left of (x, y).
func integral(dst []uint32, src []uint8, w, h int) []uint32 {
	n := (w + 1) * (h + 1)
	if cap(dst) < n {
		dst = make([]uint32, n)
	}
	dst = dst[:n]
	stride := w + 1
	for x := 0; x <= w; x++ {
		dst[x] = 0
	}
	for y := 0; y < h; y++ {
		prev := dst[y*stride : (y+1)*stride]
		cur := dst[(y+1)*stride : (y+2)*stride]
		row := src[y*w : (y+1)*w]
		cur[0] = 0
		var acc uint32
		for x, v := range row {
			acc += uint32(v)
			cur[x+1] = prev[x+1] + acc
		}
	}
	return dst
}

func (d *Detector) step() int {
	if d.Step <= 0 {
		return 2
	}
	return d.Step
}

func (d *Detector) scaleCoarse() int {
	switch {
	case d.ScaleCoarse < 0:
		return 0
	case d.ScaleCoarse == 0:
		return DefaultScaleCoarse
	}
	return d.ScaleCoarse
}

func (d *Detector) coarse() int {
	switch {
	case d.Coarse < 0:
		return 0
	case d.Coarse == 0:
		return DefaultCoarse
	}
	return d.Coarse
}
