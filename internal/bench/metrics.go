package bench

import (
	"image"
	"math"
)

// The real-set figures are the reference scorer's (shared/tools/realscore.py)
// ported to Go: the same thresholds, and the same integer arithmetic where
// Pillow's gives a different rounding from Go's image/color.
const (
	// coverShare of an item's ink must change for the item to count as covered.
	coverShare = 0.90
	// keepShare of a keep item's ink changed counts it as over-blurred.
	keepShare = 0.50
	// diffLevels is the mean change over R, G and B, after a 3x3 box blur,
	// above which a pixel counts as changed.
	diffLevels = 10
	// negBlockShare of a block's pixels changed marks a negative as changed.
	negBlockShare = 0.5
)

// Grey converts img's colour to 8-bit grey as Pillow's convert("L") does
// (ITU-R 601-2 luma in 16-bit fixed point). Alpha is ignored: Pillow drops
// it when the scorer converts an image to RGB.
func Grey(img *image.NRGBA) *image.Gray {
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		p := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):]
		row := g.Pix[y*g.Stride : y*g.Stride+b.Dx()]
		for x := range row {
			r, gr, bl := uint32(p[4*x]), uint32(p[4*x+1]), uint32(p[4*x+2])
			row[x] = uint8((r*19595 + gr*38470 + bl*7471 + 0x8000) >> 16)
		}
	}
	return g
}

// boxBlur3 returns the R, G and B planes of img (3 bytes a pixel, rows of
// 3*width) blurred as Pillow's ImageFilter.BoxBlur(1) does: a horizontal
// then a vertical pass of three equal taps, edge pixels repeated, each pass
// rounded to 8 bits with Pillow's fixed-point weight.
func boxBlur3(img *image.NRGBA) []uint8 {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	const ww = (1 << 24) / 3 // Pillow: (UINT32)(1 << 24) / (radius*2 + 1)
	avg := func(s uint32) uint8 { return uint8((s*ww + 1<<23) >> 24) }
	tmp := make([]uint8, 3*w*h)
	for y := 0; y < h; y++ {
		p := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):]
		o := tmp[3*w*y:]
		for x := 0; x < w; x++ {
			l, r := max(x-1, 0), min(x+1, w-1)
			for c := 0; c < 3; c++ {
				o[3*x+c] = avg(uint32(p[4*l+c]) + uint32(p[4*x+c]) + uint32(p[4*r+c]))
			}
		}
	}
	out := make([]uint8, 3*w*h)
	row := 3 * w
	for y := 0; y < h; y++ {
		up, dn := max(y-1, 0), min(y+1, h-1)
		a, m, z, o := tmp[up*row:], tmp[y*row:], tmp[dn*row:], out[y*row:]
		for i := 0; i < row; i++ {
			o[i] = avg(uint32(a[i]) + uint32(m[i]) + uint32(z[i]))
		}
	}
	return out
}

// ChangedMask marks the pixels the redaction visibly changed: after a 3x3
// box blur of both images, the summed |difference| over R, G and B is above
// 3 x diffLevels. Pixels that are not fully opaque in the input have no
// defined colour and never count. in and out must be the same size; the
// mask is row-major over that size.
func ChangedMask(in, out *image.NRGBA) []bool {
	b := in.Bounds()
	w, h := b.Dx(), b.Dy()
	if out.Bounds().Dx() != w || out.Bounds().Dy() != h {
		panic("bench: ChangedMask needs images of the same size")
	}
	bi, bo := boxBlur3(in), boxBlur3(out)
	m := make([]bool, w*h)
	for y := 0; y < h; y++ {
		alpha := in.Pix[in.PixOffset(b.Min.X, b.Min.Y+y)+3:]
		for x := 0; x < w; x++ {
			i := y*w + x
			d := absd(bi[3*i], bo[3*i]) + absd(bi[3*i+1], bo[3*i+1]) + absd(bi[3*i+2], bo[3*i+2])
			m[i] = d > 3*diffLevels && alpha[4*x] == 255
		}
	}
	return m
}

// ChangedBlock returns the largest share of changed pixels in any whole
// block of side max(16, shorter side / 40) on a grid from the top left
// (blocks cut by the right or bottom edge are left out). An image smaller
// than one block gives its overall share.
func ChangedBlock(changed []bool, w, h int) float64 {
	side := max(16, min(w, h)/40)
	bw, bh := w/side, h/side
	if bw == 0 || bh == 0 {
		return share(count(changed), len(changed))
	}
	sums := make([]int, bw)
	best := 0
	for by := 0; by < bh; by++ {
		clear(sums)
		for y := by * side; y < (by+1)*side; y++ {
			row := changed[y*w : y*w+bw*side]
			for x, c := range row {
				if c {
					sums[x/side]++
				}
			}
		}
		for _, s := range sums {
			best = max(best, s)
		}
	}
	return float64(best) / float64(side*side)
}

func count(m []bool) int {
	n := 0
	for _, v := range m {
		if v {
			n++
		}
	}
	return n
}

// Otsu returns the threshold t that best splits the grey values v into two
// classes (class 0: values <= t), maximising the between-class variance.
// Ties go to the lowest t. With no values it returns 127.
func Otsu(v []uint8) int {
	var hist [256]float64
	for _, g := range v {
		hist[g]++
	}
	tot := float64(len(v))
	if tot == 0 {
		return 127
	}
	// The sums are built and combined in the scorer's order (numpy's
	// cumsum, then mt*w0/tot - m), so the same threshold wins a near tie.
	var w0, m [256]float64
	var cw, cm float64
	for i := range hist {
		cw += hist[i]
		cm += hist[i] * float64(i)
		w0[i], m[i] = cw, cm
	}
	mt := m[255]
	best, bestT := 0.0, 0
	for t := range hist {
		w1 := tot - w0[t]
		d := mt*w0[t]/tot - m[t]
		sb := d * d / (w0[t] * w1)
		if math.IsNaN(sb) || math.IsInf(sb, 0) {
			sb = -1
		}
		if t == 0 || sb > best {
			best, bestT = sb, t
		}
	}
	return bestT
}

// InkMask estimates which pixels of box in grey are an item's ink: the
// minority side of an Otsu split (dark text on a light ground, or light on
// dark). The mask is row-major over box, which must lie inside grey. A box
// of nearly flat grey (range under 24 levels), or a split leaving under 4
// pixels, counts as all ink. With a quad (the corners of rotated text, in
// image pixels) only pixels whose centres lie inside it are considered.
// It returns nil for an empty box.
func InkMask(grey *image.Gray, box image.Rectangle, quad [][2]float64) []bool {
	if box.Empty() {
		return nil
	}
	w, h := box.Dx(), box.Dy()
	region := make([]bool, w*h)
	for i := range region {
		region[i] = true
	}
	if len(quad) >= 3 {
		inside := make([]bool, w*h)
		n := 0
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				if inPolygon(float64(box.Min.X+x)+0.5, float64(box.Min.Y+y)+0.5, quad) {
					inside[y*w+x] = true
					n++
				}
			}
		}
		if n >= 4 {
			region = inside
		}
	}
	vals := make([]uint8, 0, w*h)
	lo, hi := uint8(255), uint8(0)
	for y := 0; y < h; y++ {
		row := grey.Pix[grey.PixOffset(box.Min.X, box.Min.Y+y):]
		for x := 0; x < w; x++ {
			if region[y*w+x] {
				v := row[x]
				vals = append(vals, v)
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	if int(hi)-int(lo) < 24 {
		return region
	}
	t := uint8(Otsu(vals))
	dark := 0
	for _, v := range vals {
		if v <= t {
			dark++
		}
	}
	// The scorer compares the dark share with 0.5; 2*dark <= n is the same
	// test without the rounding of a division.
	inkDark := 2*dark <= len(vals)
	ink := make([]bool, w*h)
	n := 0
	for y := 0; y < h; y++ {
		row := grey.Pix[grey.PixOffset(box.Min.X, box.Min.Y+y):]
		for x := 0; x < w; x++ {
			if region[y*w+x] && (row[x] <= t) == inkDark {
				ink[y*w+x] = true
				n++
			}
		}
	}
	if n < 4 {
		return region
	}
	return ink
}

// inPolygon reports whether (x, y) lies inside the polygon (even-odd rule).
func inPolygon(x, y float64, poly [][2]float64) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		xi, yi, xj, yj := poly[i][0], poly[i][1], poly[j][0], poly[j][1]
		if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}
