package codes

import (
	"image"
	"math"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/oned"
)

// rowReaders are the 1-D symbologies tried on each row: those used for
// patient identifiers on UK wristbands and labels (Code 128 above all;
// Code 39 and 93 on older systems; ITF and Codabar on some lab and blood
// labels). EAN/UPC, the retail codes on medicine packs, hold no patient
// data and their short forms decode from random stripes too easily; such
// codes are still found and blurred as bar-like areas.
func rowReaders() []oned.RowDecoder {
	var out []oned.RowDecoder
	for _, r := range []gozxing.Reader{
		oned.NewCode128Reader(),
		oned.NewCode39Reader(),
		oned.NewCode93Reader(),
		oned.NewITFReader(),
		oned.NewCodaBarReader(),
	} {
		if rd, ok := r.(oned.RowDecoder); ok {
			out = append(out, rd)
		}
	}
	return out
}

// decodeBars returns the barcode in area, decoded if any row of it reads.
// The area is turned so its bars stand upright, and read across.
func decodeBars(g *image.Gray, area barArea) Code {
	c := Code{Kind: KindBarcode, Box: area.box}
	// Readers need the quiet zone beside the bars, and the bars may run
	// on past the part that looked bar-like.
	pad := max(area.box.Dx(), area.box.Dy()) / 2
	src := area.box.Inset(-pad).Intersect(g.Rect)
	// Small codes are turned onto a doubled grid: fine modules survive
	// the resampling better.
	scale := 1.0
	if max(src.Dx(), src.Dy()) < 800 {
		scale = 2
	}
	rot := rotated(g, src, area.angle, scale)
	if rot.img.Rect.Dx() < 20 || rot.img.Rect.Dy() < 4 {
		return c
	}
	u0, u1, v0, v1 := rot.span(area.box)
	if b, ok := barsExtent(rot.img, int(u0), int(math.Ceil(u1)), int(v0), int(math.Ceil(v1)), scale); ok {
		// The bars as measured upright, turned back to the photo.
		c.Box = c.Box.Union(rot.back(float64(b.Min.X), float64(b.Min.Y), float64(b.Max.X), float64(b.Max.Y)).Intersect(g.Rect))
		u0, u1, v0, v1 = float64(b.Min.X), float64(b.Max.X), float64(b.Min.Y), float64(b.Max.Y)
	}
	// Read only across the bars: a reader takes the first start pattern
	// in a row, and text or edges beside the code can look like one.
	m := (u1 - u0) * 0.12
	res, rows, ok := readRows(rot.img, int(u0-m), int(math.Ceil(u1+m)), int(v0), int(math.Ceil(v1)))
	if !ok {
		return c
	}
	c.Format, c.Payload = res.GetBarcodeFormat().String(), res.GetText()
	// The decoded rows and the row's ends, turned back to the photo.
	pts := res.GetResultPoints()
	if len(pts) >= 2 {
		x0, x1 := math.Min(pts[0].GetX(), pts[1].GetX()), math.Max(pts[0].GetX(), pts[1].GetX())
		// The points are the centres of the start and stop patterns;
		// reach past them to the quiet zone.
		m := (x1 - x0) * 0.08
		box := rot.back(x0-m, float64(rows[0])-m/2, x1+m, float64(rows[1])+m/2)
		c.Box = c.Box.Union(box.Intersect(g.Rect))
	}
	return c
}

// barsExtent measures the bars in an image where they stand upright:
// starting from the guess u0-u1 × v0-v1, it takes the band of rows crossed
// by most vertical edges, then the run of columns with edges down most of
// that band, bridging gaps narrower than a quiet zone. It returns the bars'
// box with a small margin.
func barsExtent(img *image.Gray, u0, u1, v0, v1 int, scale float64) (image.Rectangle, bool) {
	W, H := img.Rect.Dx(), img.Rect.Dy()
	u0, u1, v0, v1 = max(1, u0), min(W-1, u1), max(0, v0), min(H, v1)
	if u1-u0 < 8 || v1-v0 < 2 {
		return image.Rectangle{}, false
	}
	edge := func(u, v int) bool {
		p := img.Pix[v*img.Stride+u-1 : v*img.Stride+u+2]
		d := int(p[2]) - int(p[0])
		return d > 40 || d < -40
	}
	// Rows: edges counted across the guessed columns.
	rows := make([]int, H)
	best := 0
	for v := 0; v < H; v++ {
		for u := u0; u < u1; u++ {
			if edge(u, v) {
				rows[v]++
			}
		}
		if v >= v0 && v < v1 && rows[v] > rows[best] {
			best = v
		}
	}
	if rows[best] < 8 {
		return image.Rectangle{}, false
	}
	top, bot := best, best
	for top > 0 && rows[top-1] >= rows[best]/2 {
		top--
	}
	for bot < H-1 && rows[bot+1] >= rows[best]/2 {
		bot++
	}
	// Columns: edges down the band.
	band := bot - top + 1
	active := make([]bool, W)
	first, last := -1, -1
	for u := 1; u < W-1; u++ {
		n := 0
		for v := top; v <= bot; v++ {
			if edge(u, v) {
				n++
			}
		}
		if n*10 >= band*4 {
			active[u] = true
			if u >= u0 && u < u1 {
				if first < 0 {
					first = u
				}
				last = u
			}
		}
	}
	if first < 0 {
		return image.Rectangle{}, false
	}
	gap := max(int(4*scale), (last-first)*6/100)
	for lo := first - 1; lo > 0 && first-lo <= gap; lo-- {
		if active[lo] {
			first = lo
		}
	}
	for hi := last + 1; hi < W-1 && hi-last <= gap; hi++ {
		if active[hi] {
			last = hi
		}
	}
	m := int(3 * scale)
	return image.Rect(first-m, top-m, last+1+m, bot+1+m), true
}

// readRows reads rows y0 to y1 of img, between columns x0 and x1, from
// the middle outwards until one decodes, then follows the code up and
// down. It returns the result and the first and last rows that gave the
// same text.
func readRows(img *image.Gray, x0, x1, y0, y1 int) (*gozxing.Result, [2]int, bool) {
	bm, err := binarize(img)
	if err != nil {
		return nil, [2]int{}, false
	}
	readers := rowReaders()
	h := img.Rect.Dy()
	x0, x1 = max(0, x0), min(bm.GetWidth(), x1)
	y0, y1 = max(0, y0), min(h, y1)
	// Every other row: a blurred or tilted code may read on a band of
	// only a few rows.
	step := max(2, (y1-y0)/150)
	full := gozxing.NewBitArray(bm.GetWidth())
	try := func(rd oned.RowDecoder, y int) (res *gozxing.Result) {
		defer func() {
			if recover() != nil {
				res = nil
			}
		}()
		full = bm.GetRow(y, full)
		row := gozxing.NewBitArray(bm.GetWidth())
		for x := x0; x < x1; x++ {
			if full.Get(x) {
				row.Set(x)
			}
		}
		if r, err := rd.DecodeRow(y, row, nil); err == nil {
			return r
		}
		// Upside-down codes read backwards.
		row.Reverse()
		r, err := rd.DecodeRow(y, row, nil)
		if err != nil {
			return nil
		}
		pts := r.GetResultPoints()
		w := float64(bm.GetWidth())
		for i := range pts {
			pts[i] = gozxing.NewResultPoint(w-pts[i].GetX()-1, pts[i].GetY())
		}
		return r
	}
	mid := (y0 + y1) / 2
	for k := 0; k <= 2*((y1-y0)/step+1); k++ {
		y := mid + (k+1)/2*step
		if k%2 == 1 {
			y = mid - (k+1)/2*step
		}
		if y < y0 || y >= y1 {
			continue
		}
		for _, rd := range readers {
			res := try(rd, y)
			if res == nil {
				continue
			}
			text := res.GetText()
			extent := [2]int{y, y}
			for dir := -1; dir <= 1; dir += 2 {
				miss := 0
				for yy := y + dir; yy >= 0 && yy < h && miss < 4; yy += dir {
					if r := try(rd, yy); r != nil && r.GetText() == text {
						miss = 0
						if dir < 0 {
							extent[0] = yy
						} else {
							extent[1] = yy
						}
					} else {
						miss++
					}
				}
			}
			return res, extent, true
		}
	}
	return nil, [2]int{}, false
}

// turnedCrop is a crop of a photo turned by an angle and enlarged by a
// scale, with the mappings between the two.
type turnedCrop struct {
	img    *image.Gray
	angle  float64
	scale  float64 // turned pixels per photo pixel
	cx, cy float64 // centre of the crop in the photo
	ox, oy float64 // centre of img
}

// rotated returns the src part of g turned by -angle about its centre and
// enlarged scale times, so that direction angle in the photo runs along +x
// in the result.
func rotated(g *image.Gray, src image.Rectangle, angle, scale float64) turnedCrop {
	t := turnedCrop{angle: angle, scale: scale,
		cx: float64(src.Min.X+src.Max.X) / 2, cy: float64(src.Min.Y+src.Max.Y) / 2}
	cs, sn := math.Cos(angle), math.Sin(angle)
	w, h := float64(src.Dx())*scale, float64(src.Dy())*scale
	W := int(math.Ceil(math.Abs(w*cs) + math.Abs(h*sn)))
	H := int(math.Ceil(math.Abs(w*sn) + math.Abs(h*cs)))
	t.img = image.NewGray(image.Rect(0, 0, W, H))
	t.ox, t.oy = float64(W)/2, float64(H)/2
	for v := 0; v < H; v++ {
		for u := 0; u < W; u++ {
			du, dv := (float64(u)+0.5-t.ox)/scale, (float64(v)+0.5-t.oy)/scale
			x := t.cx + du*cs - dv*sn - 0.5
			y := t.cy + du*sn + dv*cs - 0.5
			t.img.Pix[v*t.img.Stride+u] = sample(g, src, x, y)
		}
	}
	return t
}

// sample reads g bilinearly at (x, y), white outside r.
func sample(g *image.Gray, r image.Rectangle, x, y float64) uint8 {
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	if x0 < r.Min.X || y0 < r.Min.Y || x0+1 >= r.Max.X || y0+1 >= r.Max.Y {
		return 255
	}
	fx, fy := x-float64(x0), y-float64(y0)
	i := y0*g.Stride + x0
	a, b := float64(g.Pix[i]), float64(g.Pix[i+1])
	c, d := float64(g.Pix[i+g.Stride]), float64(g.Pix[i+g.Stride+1])
	return uint8((a*(1-fx)+b*fx)*(1-fy) + (c*(1-fx)+d*fx)*fy + 0.5)
}

// span returns the ranges of x and y that the photo box r covers in the
// turned image.
func (t turnedCrop) span(r image.Rectangle) (u0, u1, v0, v1 float64) {
	cs, sn := math.Cos(t.angle), math.Sin(t.angle)
	u0, v0, u1, v1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range [4][2]float64{{float64(r.Min.X), float64(r.Min.Y)}, {float64(r.Max.X), float64(r.Min.Y)},
		{float64(r.Min.X), float64(r.Max.Y)}, {float64(r.Max.X), float64(r.Max.Y)}} {
		dx, dy := p[0]-t.cx, p[1]-t.cy
		u := t.ox + (dx*cs+dy*sn)*t.scale
		v := t.oy + (-dx*sn+dy*cs)*t.scale
		u0, u1 = math.Min(u0, u), math.Max(u1, u)
		v0, v1 = math.Min(v0, v), math.Max(v1, v)
	}
	return u0, u1, v0, v1
}

// back maps the box x0,y0-x1,y1 of the turned image to the bounding box
// of its corners in the photo.
func (t turnedCrop) back(x0, y0, x1, y1 float64) image.Rectangle {
	cs, sn := math.Cos(t.angle), math.Sin(t.angle)
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range [4][2]float64{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
		du, dv := (p[0]-t.ox)/t.scale, (p[1]-t.oy)/t.scale
		x := t.cx + du*cs - dv*sn
		y := t.cy + du*sn + dv*cs
		minX, minY = math.Min(minX, x), math.Min(minY, y)
		maxX, maxY = math.Max(maxX, x), math.Max(maxY, y)
	}
	return image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY)))
}
