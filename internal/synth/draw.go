package synth

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// inkThreshold is the glyph coverage (0-255) above which a pixel counts as
// an item's ink in the label map (about 0.35).
const inkThreshold = 90

// canvas is the flat surface a scene kind draws on (a whiteboard, a sheet,
// a screen) before it is warped into the photo. Everything drawn as an item
// is also written into lab as the item's index+1.
type canvas struct {
	img    *image.NRGBA
	lab    *image.Gray16
	items  []Item
	faces  *faceSet
	rng    *rand.Rand
	diff   int
	dark   bool    // light-on-dark variant
	k      float64 // 0 for small surfaces, 1 for 12 MP ones: scales text
	scale  float64 // board-to-photo scale, so text sizes are in photo pixels
	zoom   float64 // how close the camera is: 1 or more, for objects
	inside func(image.Rectangle) bool
}

// sz returns an em size (board pixels) that renders between lo and hi photo
// pixels, interpolated by the surface size.
func (c *canvas) sz(lo, hi float64) float64 {
	return math.Min(hi, (lo+(hi-lo)*c.k)*c.zoom) / c.scale
}

func (c *canvas) w() int { return c.img.Rect.Dx() }
func (c *canvas) h() int { return c.img.Rect.Dy() }

type style struct {
	font   string
	size   float64
	col    color.NRGBA
	jitter float64 // handwriting baseline wobble, as a fraction of size
}

func (st style) with(size float64) style { st.size = size; return st }

func fix(v float64) fixed.Int26_6 { return fixed.Int26_6(math.Round(v * 64)) }

// shown is the text as it will look: the handwriting font has capitals
// only, so its items are recorded in capitals.
func (st style) shown(s string) string {
	if st.font == fHand {
		return strings.ToUpper(s)
	}
	return s
}

// measure returns the advance width of s in board pixels.
func (c *canvas) measure(st style, s string) float64 {
	return float64(font.MeasureString(c.faces.get(st.font, st.size), st.shown(s))) / 64
}

// fit shrinks st until s is at most maxW wide.
func (c *canvas) fit(st style, s string, maxW float64) style {
	if w := c.measure(st, s); w > maxW && w > 0 {
		st.size *= maxW / w
	}
	return st
}

// text draws s with its baseline starting at (x, y). When kind is not empty
// the text becomes an Item; items that would land outside the photo after
// the warp are not drawn at all. It returns the advance width.
func (c *canvas) text(x, y float64, st style, s, kind string) float64 {
	s = st.shown(s)
	face := c.faces.get(st.font, st.size)
	b, adv := font.BoundString(face, s)
	pad := 2 + int(math.Ceil(st.jitter*st.size))
	r := image.Rect(
		int(math.Floor(x+float64(b.Min.X)/64))-pad, int(math.Floor(y+float64(b.Min.Y)/64))-pad,
		int(math.Ceil(x+float64(b.Max.X)/64))+pad, int(math.Ceil(y+float64(b.Max.Y)/64))+pad)
	idx := 0
	if kind != "" {
		if !c.inside(r) {
			return float64(adv) / 64
		}
		c.items = append(c.items, Item{Text: s, Kind: kind, PII: piiKinds[kind], Rule: rules[kind]})
		idx = len(c.items)
	}
	r = r.Intersect(c.img.Rect)
	if r.Empty() {
		return float64(adv) / 64
	}
	mask := image.NewAlpha(r)
	d := font.Drawer{Dst: mask, Src: image.Opaque, Face: face, Dot: fixed.Point26_6{X: fix(x), Y: fix(y)}}
	if st.jitter == 0 {
		d.DrawString(s)
	} else {
		prev := rune(-1)
		for _, ch := range s {
			if prev >= 0 {
				d.Dot.X += face.Kern(prev, ch)
			}
			d.Dot.Y = fix(y + (c.rng.Float64()*2-1)*st.jitter*st.size)
			d.DrawString(string(ch))
			prev = ch
		}
	}
	c.composite(mask, st.col, idx)
	return float64(adv) / 64
}

// composite paints col through mask and labels the ink with idx (0: none).
func (c *canvas) composite(mask *image.Alpha, col color.NRGBA, idx int) {
	r := mask.Rect
	ca := int(col.A)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		mrow := mask.Pix[(y-r.Min.Y)*mask.Stride:]
		io := c.img.PixOffset(r.Min.X, y)
		lo := c.lab.PixOffset(r.Min.X, y)
		for x := 0; x < r.Dx(); x, io, lo = x+1, io+4, lo+2 {
			m := int(mrow[x])
			if m == 0 {
				continue
			}
			a := m * ca / 255
			p := c.img.Pix[io : io+3 : io+3]
			p[0] = uint8((int(p[0])*(255-a) + int(col.R)*a) / 255)
			p[1] = uint8((int(p[1])*(255-a) + int(col.G)*a) / 255)
			p[2] = uint8((int(p[2])*(255-a) + int(col.B)*a) / 255)
			if idx > 0 && m > inkThreshold {
				c.lab.Pix[lo] = uint8(idx >> 8)
				c.lab.Pix[lo+1] = uint8(idx)
			}
		}
	}
}

// seg is one piece of a line of text; kind "" is unlabelled decoration.
type seg struct{ text, kind string }

// line draws segments one after another, separated by a space where the
// segment text does not already end in one.
func (c *canvas) line(x, y float64, st style, segs ...seg) float64 {
	x0 := x
	space := c.measure(st, " ")
	for i, s := range segs {
		// Leading spaces widen the gap but are not part of the item.
		t := strings.TrimLeft(s.text, " ")
		x += c.measure(st, s.text[:len(s.text)-len(t)])
		x += c.text(x, y, st, t, s.kind)
		if i < len(segs)-1 {
			x += space
		}
	}
	return x - x0
}

func lineWidth(c *canvas, st style, segs ...seg) float64 {
	w := 0.0
	for i, s := range segs {
		w += c.measure(st, s.text)
		if i < len(segs)-1 {
			w += c.measure(st, " ")
		}
	}
	return w
}

// --- shapes on any NRGBA (used for boards and for photo backgrounds) ---

func blendPix(p []uint8, col color.NRGBA, a int) {
	p[0] = uint8((int(p[0])*(255-a) + int(col.R)*a) / 255)
	p[1] = uint8((int(p[1])*(255-a) + int(col.G)*a) / 255)
	p[2] = uint8((int(p[2])*(255-a) + int(col.B)*a) / 255)
}

// fillRect paints r with col (alpha blended).
func fillRect(img *image.NRGBA, r image.Rectangle, col color.NRGBA) {
	r = r.Intersect(img.Rect)
	if r.Empty() {
		return
	}
	a := int(col.A)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		i := img.PixOffset(r.Min.X, y)
		row := img.Pix[i : i+4*r.Dx()]
		if a == 255 {
			// Write one pixel, then double it up with copy.
			row[0], row[1], row[2], row[3] = col.R, col.G, col.B, 255
			for n := 4; n < len(row); n *= 2 {
				copy(row[n:], row[:n])
			}
			continue
		}
		for j := 0; j < len(row); j += 4 {
			blendPix(row[j:j+3], col, a)
		}
	}
}

// gradientRect fills r with a vertical gradient from top to bottom colour.
func gradientRect(img *image.NRGBA, r image.Rectangle, top, bot color.NRGBA) {
	r = r.Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		t := float64(y-r.Min.Y) / math.Max(1, float64(r.Dy()-1))
		fillRect(img, image.Rect(r.Min.X, y, r.Max.X, y+1), lerpCol(top, bot, t))
	}
}

func lerpCol(a, b color.NRGBA, t float64) color.NRGBA {
	l := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.NRGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), l(a.A, b.A)}
}

// ellipse paints an anti-aliased ellipse; soft > 0 feathers the edge over
// that fraction of the radius (for blobs, glare, smudges).
func ellipse(img *image.NRGBA, cx, cy, rx, ry float64, col color.NRGBA, soft float64) {
	if rx < 0.5 || ry < 0.5 {
		return
	}
	r := image.Rect(int(cx-rx-1), int(cy-ry-1), int(cx+rx+2), int(cy+ry+2)).Intersect(img.Rect)
	edge := 1.5 / math.Min(rx, ry) // about one pixel of anti-aliasing
	if soft > edge {
		edge = soft
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		dy := (float64(y) + 0.5 - cy) / ry
		i := img.PixOffset(r.Min.X, y)
		for x := r.Min.X; x < r.Max.X; x, i = x+1, i+4 {
			dx := (float64(x) + 0.5 - cx) / rx
			d := math.Sqrt(dx*dx + dy*dy)
			if d >= 1 {
				continue
			}
			cov := 1.0
			if d > 1-edge {
				cov = (1 - d) / edge
			}
			a := int(cov * float64(col.A))
			if a > 0 {
				blendPix(img.Pix[i:i+3], col, a)
			}
		}
	}
}

// roundRect paints a rectangle with rounded corners of radius rad.
func roundRect(img *image.NRGBA, r image.Rectangle, rad int, col color.NRGBA) {
	if rad*2 > r.Dx() {
		rad = r.Dx() / 2
	}
	if rad*2 > r.Dy() {
		rad = r.Dy() / 2
	}
	if rad < 1 {
		fillRect(img, r, col)
		return
	}
	fillRect(img, image.Rect(r.Min.X+rad, r.Min.Y, r.Max.X-rad, r.Max.Y), col)
	fillRect(img, image.Rect(r.Min.X, r.Min.Y+rad, r.Min.X+rad, r.Max.Y-rad), col)
	fillRect(img, image.Rect(r.Max.X-rad, r.Min.Y+rad, r.Max.X, r.Max.Y-rad), col)
	// Quarter circles: paint each corner's disc clipped to its corner square.
	corners := [4][2]int{{r.Min.X, r.Min.Y}, {r.Max.X - rad, r.Min.Y}, {r.Min.X, r.Max.Y - rad}, {r.Max.X - rad, r.Max.Y - rad}}
	for _, k := range corners {
		sq := image.Rect(k[0], k[1], k[0]+rad, k[1]+rad)
		sub := img.SubImage(sq).(*image.NRGBA)
		cx := float64(r.Min.X + rad)
		if k[0] != r.Min.X {
			cx = float64(r.Max.X - rad)
		}
		cy := float64(r.Min.Y + rad)
		if k[1] != r.Min.Y {
			cy = float64(r.Max.Y - rad)
		}
		ellipse(sub, cx, cy, float64(rad), float64(rad), col, 0)
	}
}

// hline and vline draw axis-aligned strokes of thickness t.
func hline(img *image.NRGBA, x0, x1, y, t int, col color.NRGBA) {
	fillRect(img, image.Rect(x0, y-t/2, x1, y-t/2+t), col)
}

func vline(img *image.NRGBA, x, y0, y1, t int, col color.NRGBA) {
	fillRect(img, image.Rect(x-t/2, y0, x-t/2+t, y1), col)
}

// barcode paints a stripe pattern standing in for a 1-D barcode.
func barcode(img *image.NRGBA, r image.Rectangle, rng *rand.Rand, col color.NRGBA) {
	unit := max(1, r.Dx()/95)
	x := r.Min.X
	for x < r.Max.X-4*unit {
		w := unit * (1 + rng.IntN(3))
		if rng.IntN(2) == 0 {
			fillRect(img, image.Rect(x, r.Min.Y, x+w, r.Max.Y), col)
		}
		x += w
	}
}

// smudges scatters faint soft blobs, like old marker ghosting or stains.
func smudges(img *image.NRGBA, rng *rand.Rand, n int, col color.NRGBA) {
	w, h := float64(img.Rect.Dx()), float64(img.Rect.Dy())
	for i := 0; i < n; i++ {
		rx := w * (0.02 + 0.08*rng.Float64())
		ry := rx * (0.2 + 0.6*rng.Float64())
		ellipse(img, w*rng.Float64(), h*rng.Float64(), rx, ry, col, 0.8)
	}
}

func gray(v uint8) color.NRGBA { return color.NRGBA{v, v, v, 255} }

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{r, g, b, 255} }

// row is one line of a text block laid out by the kinds that size their
// object (card, sign, sticker) to its text.
type row struct {
	st    style
	segs  []seg
	gap   float64 // extra space above, in this row's em
	align int     // 0 left, 1 centred
}

func rowHeight(r row) float64 { return r.st.size * (1.3 + r.gap) }

// blockSize returns the width and height of rows laid out top to bottom.
func (c *canvas) blockSize(rows []row) (w, h float64) {
	for _, r := range rows {
		w = math.Max(w, lineWidth(c, r.st, r.segs...))
		h += rowHeight(r)
	}
	return w, h
}

// fitBlock scales every row so the block is at most maxW by maxH.
func (c *canvas) fitBlock(rows []row, maxW, maxH float64) {
	w, h := c.blockSize(rows)
	f := math.Min(1, math.Min(maxW/w, maxH/h))
	if f < 1 {
		for i := range rows {
			rows[i].st.size *= f
		}
	}
}

// drawBlock draws rows inside the column [x, x+w) starting at top y.
func (c *canvas) drawBlock(x, y, w float64, rows []row) {
	for _, r := range rows {
		y += rowHeight(r)
		lx := x
		if r.align == 1 {
			lx = x + (w-lineWidth(c, r.st, r.segs...))/2
		}
		c.line(lx, y-r.st.size*0.3, r.st, r.segs...)
	}
}
