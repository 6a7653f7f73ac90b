package redact

import (
	"image"
	"math"
	"math/rand/v2"
	"slices"
)

// A field is what an area is painted from: its outline and the colours of
// a ring of pixels around it, the paper or board the text sits on. Ring
// pixels inside another area are left out, so one area's text never
// shades another's patch.
//
// Earlier styles shrank, smoothed or averaged the text's own pixels; each
// kept a trace of the letters that a candidate-matching attack reads back
// (the right name came first among 200 in 91-100% of trials, issue 16).
// Nothing here reads inside the area.
type field struct {
	f   frame
	box image.Rectangle // the pixels to paint: f's bounds in the image
	th  float64
	// top and bottom are the ring's colours along those sides, in
	// segments; left and right its colours there. ok says which exist
	// (the image's edge or other areas can leave a side without a ring).
	top, bottom []rgb
	topOK       []bool
	bottomOK    []bool
	left, right rgb
	leftOK      bool
	rightOK     bool
	mean        rgb
	// line says the area is one line of text, whose own background
	// (a header bar, a table cell) is best seen beside it, left and
	// right: above and below are the rows around it.
	line bool
}

type rgb [3]float64

// ringWidth is how thick the ring is, in text heights (at least 2 px).
const ringWidth = 0.25

// newField measures the ring around a (whose extent is decided) in img;
// others are every area of the image. It is nil when a is off the image.
// rng rounds the text height to the scale of the grain (see scaleOf).
func newField(img *image.NRGBA, a Area, others []Area, rng *rand.Rand) *field {
	box := a.Box.Intersect(img.Bounds())
	if box.Empty() {
		return nil
	}
	fr := frameOf(a)
	th := float64(a.TextHeight)
	if th <= 0 {
		th = fr.h
	}
	fl := &field{f: fr, box: box, th: scaleOf(th, rng)}
	var words image.Rectangle
	for _, w := range a.Words {
		words = words.Union(w)
	}
	fl.line = !words.Empty() && float64(words.Dy()) <= lineRatio*max(th, 4)
	rw := max(2, int(ringWidth*fl.th))
	usable := func(s, t float64) ([]uint8, bool) {
		x, y := fr.at(s, t)
		px, py := int(math.Floor(x)), int(math.Floor(y))
		if !image.Pt(px, py).In(img.Bounds()) {
			return nil, false
		}
		for _, o := range others {
			if o.Box == a.Box && o.Quad == a.Quad {
				continue
			}
			if image.Pt(px, py).In(o.Box) && (o.Quad == ([4]image.Point{}) || InQuad(o.Quad, px, py)) {
				return nil, false
			}
		}
		return img.Pix[img.PixOffset(px, py):], true
	}
	// The band of the area's height its text sits in: the ring beside
	// it there is what the text is written on.
	b0, b1 := fr.h/4, fr.h*3/4
	if !words.Empty() {
		b0, b1 = math.Inf(1), math.Inf(-1)
		for _, p := range []image.Point{words.Min, words.Max, {words.Min.X, words.Max.Y}, {words.Max.X, words.Min.Y}} {
			_, t := fr.coords(float64(p.X), float64(p.Y))
			b0, b1 = min(b0, t), max(b1, t)
		}
		b0, b1 = max(0, b0), min(fr.h, b1)
		if b1-b0 < 1 {
			b0, b1 = fr.h/4, fr.h*3/4
		}
	}
	var all [][3]uint8
	segs := max(1, min(8, int(fr.l/(4*fl.th))))
	fl.top, fl.topOK, all = ringSide(usable, fr.l, segs, rw, func(s float64, d int) (float64, float64) { return s, -float64(d) + 0.5 }, all)
	fl.bottom, fl.bottomOK, all = ringSide(usable, fr.l, segs, rw, func(s float64, d int) (float64, float64) { return s, fr.h + float64(d) - 0.5 }, all)
	side := func(right bool) (rgb, bool) {
		edge := func(from float64) func(t float64, d int) (float64, float64) {
			return func(t float64, d int) (float64, float64) {
				s := -float64(d) + 0.5
				if right {
					s = fr.l + float64(d) - 0.5
				}
				return s, from + t
			}
		}
		cols, oks, px := ringSide(usable, fr.h, 1, rw, edge(0), nil)
		all = append(all, px...)
		if fl.line {
			// Beside a line of text, in the rows its words fill, is what
			// it is written on; the rows above and below can be another
			// surface (the page below a header bar the area reaches
			// past).
			if c, ok, _ := ringSide(usable, b1-b0, 1, rw, edge(b0), nil); ok[0] {
				return c[0], true
			}
		}
		return cols[0], oks[0]
	}
	fl.left, fl.leftOK = side(false)
	fl.right, fl.rightOK = side(true)
	// With no ring at all (an area over the whole image) the patch is a
	// light grey: there is nothing outside to take a colour from.
	fl.mean = rgb{200, 200, 200}
	if len(all) > 0 {
		fl.mean = median(all)
	}
	fill := func(cols []rgb, oks []bool) {
		for i := range cols {
			if oks[i] {
				continue
			}
			cols[i] = fl.mean
			for d := 1; d < len(cols); d++ {
				if j := i - d; j >= 0 && oks[j] {
					cols[i] = cols[j]
					break
				}
				if j := i + d; j < len(cols) && oks[j] {
					cols[i] = cols[j]
					break
				}
			}
		}
	}
	fill(fl.top, fl.topOK)
	fill(fl.bottom, fl.bottomOK)
	return fl
}

// ringSide samples one side of the ring: n pixels along it (every pixel
// centre from 0.5 to n), rw deep, in segs segments, at the points at
// gives (s along the side, d out from it) in the frame. It returns each
// segment's median and whether it had any usable pixel, and all with
// the side's pixels appended.
func ringSide(usable func(s, t float64) ([]uint8, bool), n float64, segs, rw int, at func(s float64, d int) (float64, float64), all [][3]uint8) ([]rgb, []bool, [][3]uint8) {
	cols := make([]rgb, segs)
	oks := make([]bool, segs)
	for sg := range segs {
		var px [][3]uint8
		s0, s1 := n*float64(sg)/float64(segs), n*float64(sg+1)/float64(segs)
		for s := s0 + 0.5; s < s1; s++ {
			for d := 1; d <= rw; d++ {
				if p, ok := usable(at(s, d)); ok {
					px = append(px, [3]uint8{p[0], p[1], p[2]})
				}
			}
		}
		all = append(all, px...)
		if len(px) > 0 {
			cols[sg], oks[sg] = median(px), true
		}
	}
	return cols, oks, all
}

// farRGB reports whether a and b differ by more than blankContrast in
// some channel: two surfaces, not one surface's shading.
func farRGB(a, b rgb) bool {
	return max(math.Abs(a[0]-b[0]), math.Abs(a[1]-b[1]), math.Abs(a[2]-b[2])) > blankContrast
}

// median is the per-channel median of px.
func median(px [][3]uint8) rgb {
	var out rgb
	v := make([]uint8, len(px))
	for c := range 3 {
		for i, p := range px {
			v[i] = p[c]
		}
		slices.Sort(v)
		out[c] = float64(v[len(v)/2])
	}
	return out
}

// colourAt is the ring's colour carried smoothly across the area to the
// point s along and t down (both 0..1): between the top and bottom rings
// at s, drawn a little towards the left and right ones; for a line of
// text the other way round. (A name in white on a dark header bar, with
// a white page below, came out light and left the letters' white as it
// was when the rings above and below counted most.)
func (fl *field) colourAt(s, t float64) rgb {
	seg := func(cols []rgb) rgb {
		x := s*float64(len(cols)) - 0.5
		i := int(math.Floor(x))
		w := x - float64(i)
		a, b := cols[max(0, min(len(cols)-1, i))], cols[max(0, min(len(cols)-1, i+1))]
		return mix(a, b, w)
	}
	anyOK := func(oks []bool) bool { return slices.Contains(oks, true) }
	var vert rgb
	hasV := true
	switch top, bot := anyOK(fl.topOK), anyOK(fl.bottomOK); {
	case top && bot:
		vert = mix(seg(fl.top), seg(fl.bottom), t)
	case top:
		vert = seg(fl.top)
	case bot:
		vert = seg(fl.bottom)
	default:
		hasV = false
	}
	var horiz rgb
	hasH := true
	switch {
	case fl.leftOK && fl.rightOK:
		horiz = mix(fl.left, fl.right, s)
	case fl.leftOK:
		horiz = fl.left
	case fl.rightOK:
		horiz = fl.right
	default:
		hasH = false
	}
	switch {
	case hasV && hasH && fl.line && farRGB(vert, horiz):
		// Above and below a line lie on another surface than beside
		// it: the line's is the one beside it.
		return horiz
	case hasV && hasH && fl.line:
		return mix(horiz, vert, 0.25)
	case hasV && hasH:
		return mix(vert, horiz, 0.25)
	case hasV:
		return vert
	case hasH:
		return horiz
	}
	return fl.mean
}

func mix(a, b rgb, w float64) rgb {
	return rgb{a[0] + (b[0]-a[0])*w, a[1] + (b[1]-a[1])*w, a[2] + (b[2]-a[2])*w}
}

// The patches' grain, in levels of each channel: soft blotches about a
// text height across (for the blur) or one per block (for the mosaic),
// and a fine grain on every pixel of the blur. They are randomness, not a
// texture: the patch reads as something rubbed out, and the same text
// redacted in two photos does not give the same patch (see Redactor for
// why the same photo does).
const (
	blotch = 14
	grain  = 3
	block  = 16
)

// paint draws the area's patch over fl.box in style.
func paint(fl *field, style Style, tint [3]int, rng *rand.Rand) *image.NRGBA {
	w, h := fl.box.Dx(), fl.box.Dy()
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	switch style {
	case Fill:
		// One flat colour, the ring's darkened so it reads as a
		// deliberate cover, and tinted: a plain dark grey matches the
		// anti-aliased edges of dark print, which it then leaves as
		// they were.
		c := fl.colourAt(0.5, 0.5)
		for i := 0; i < len(out.Pix); i += 4 {
			for k := range 3 {
				out.Pix[i+k] = clamp8(tinted(clamp8(int(c[k]/2)), tint[k]))
			}
			out.Pix[i+3] = 255
		}
		return out
	case Pixelate:
		// A mosaic of the ring's colours: blocks at least as tall as the
		// text, each a little lighter or darker at random.
		cell := max(8, fl.th*5/4)
		nx, ny := int(fl.f.l/cell)+1, int(fl.f.h/cell)+1
		offs := make([]float64, nx*ny)
		for i := range offs {
			offs[i] = (rng.Float64()*2 - 1) * block
		}
		fl.each(out, func(s, t float64) (rgb, float64) {
			i, j := min(nx-1, int(s/cell)), min(ny-1, int(t/cell))
			cs := min(1, (float64(i)+0.5)*cell/fl.f.l)
			ct := min(1, (float64(j)+0.5)*cell/fl.f.h)
			return fl.colourAt(cs, ct), offs[j*nx+i]
		}, tint)
		return out
	}
	// Blur: the ring's colours carried across, with soft blotches about a
	// text height across (their size varies at random too) and a fine
	// grain.
	cell := fl.th * (0.8 + 0.45*rng.Float64())
	colour := fl.smoothColours(max(4, fl.th/2))
	nx, ny := int(fl.f.l/cell)+2, int(fl.f.h/cell)+2
	grid := make([]float64, nx*ny)
	for i := range grid {
		grid[i] = (rng.Float64()*2 - 1) * blotch
	}
	fl.each(out, func(s, t float64) (rgb, float64) {
		x, y := s/cell, t/cell
		i, j := min(nx-2, int(x)), min(ny-2, int(y))
		fx, fy := smooth(x-float64(i)), smooth(y-float64(j))
		a := grid[j*nx+i]*(1-fx) + grid[j*nx+i+1]*fx
		b := grid[(j+1)*nx+i]*(1-fx) + grid[(j+1)*nx+i+1]*fx
		n := a*(1-fy) + b*fy + float64(rng.IntN(2*grain+1)-grain)
		return colour(s, t), n
	}, tint)
	return out
}

func smooth(x float64) float64 { return x * x * (3 - 2*x) }

// each sets every pixel of out (laid over fl.box) whose centre is inside
// the area to the colour fn gives at its place (s, t in pixels along and
// down the frame) plus fn's offset, drawn towards tint.
func (fl *field) each(out *image.NRGBA, fn func(s, t float64) (rgb, float64), tint [3]int) {
	var lut [3][256]uint8
	for k := range 3 {
		for v := range 256 {
			lut[k][v] = clamp8(tinted(uint8(v), tint[k]))
		}
	}
	for y := 0; y < out.Rect.Dy(); y++ {
		for x := 0; x < out.Rect.Dx(); x++ {
			s, t := fl.f.coords(float64(x+fl.box.Min.X)+0.5, float64(y+fl.box.Min.Y)+0.5)
			s, t = max(0, min(fl.f.l, s)), max(0, min(fl.f.h, t))
			c, off := fn(s, t)
			i := out.PixOffset(x, y)
			for k := range 3 {
				out.Pix[i+k] = lut[k][clamp8(int(c[k]+off+0.5))]
			}
			out.Pix[i+3] = 255
		}
	}
}

// smoothColours returns colourAt over the frame sampled every cell pixels
// and a function that reads it back bilinearly: the ring's colours change
// slowly, and colourAt for every pixel of a large area is slow.
func (fl *field) smoothColours(cell float64) func(s, t float64) rgb {
	nx, ny := int(fl.f.l/cell)+2, int(fl.f.h/cell)+2
	grid := make([]rgb, nx*ny)
	for j := range ny {
		for i := range nx {
			grid[j*nx+i] = fl.colourAt(min(1, float64(i)*cell/fl.f.l), min(1, float64(j)*cell/fl.f.h))
		}
	}
	return func(s, t float64) rgb {
		x, y := s/cell, t/cell
		i, j := min(nx-2, int(x)), min(ny-2, int(y))
		fx, fy := x-float64(i), y-float64(j)
		a := mix(grid[j*nx+i], grid[j*nx+i+1], fx)
		b := mix(grid[(j+1)*nx+i], grid[(j+1)*nx+i+1], fx)
		return mix(a, b, fy)
	}
}

// drawInside copies the pixels of patch (laid over fl.box) whose centres
// fall inside the area's outline.
func drawInside(dst *image.NRGBA, fl *field, patch *image.NRGBA) {
	r := fl.box
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if fl.f.turned && !fl.f.holds(x, y) {
				continue
			}
			si := patch.PixOffset(x-r.Min.X, y-r.Min.Y)
			di := dst.PixOffset(x, y)
			copy(dst.Pix[di:di+4], patch.Pix[si:si+4])
		}
	}
}
