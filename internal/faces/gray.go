package faces

import (
	"image"
	"image/color"
	"math"
)

// Gray returns img's luma (BT.601, as OpenCV's BGR2GRAY) with origin
// (0,0). NRGBA and RGBA inputs, what SafePost passes, take a fast path.
// A *image.Gray that already has origin (0,0) and no row padding is
// returned as it is: callers only read it.
func Gray(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok && g.Rect.Min == (image.Point{}) && g.Stride == g.Rect.Dx() {
		return g
	}
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	luma := func(r, gg, bb uint32) uint8 {
		return uint8((r*4899 + gg*9617 + bb*1868 + 8192) >> 14)
	}
	switch src := img.(type) {
	case *image.NRGBA:
		// Alpha is ignored: SafePost's images are opaque.
		for y := 0; y < b.Dy(); y++ {
			s := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):]
			d := g.Pix[y*g.Stride : y*g.Stride+b.Dx()]
			for x := range d {
				d[x] = luma(uint32(s[4*x]), uint32(s[4*x+1]), uint32(s[4*x+2]))
			}
		}
	case *image.RGBA:
		for y := 0; y < b.Dy(); y++ {
			s := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):]
			d := g.Pix[y*g.Stride : y*g.Stride+b.Dx()]
			for x := range d {
				d[x] = luma(uint32(s[4*x]), uint32(s[4*x+1]), uint32(s[4*x+2]))
			}
		}
	case *image.Gray:
		for y := 0; y < b.Dy(); y++ {
			copy(g.Pix[y*g.Stride:y*g.Stride+b.Dx()], src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):])
		}
	default:
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				c := color.NRGBAModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.NRGBA)
				g.Pix[y*g.Stride+x] = luma(uint32(c.R), uint32(c.G), uint32(c.B))
			}
		}
	}
	return g
}

// resizeBilinear computes the part r of g scaled to w×h, into dst
// (reused when large enough; r.Dx()×r.Dy(), row by row), with OpenCV's
// INTER_LINEAR sampling (pixel centres aligned, edges clamped, 11-bit
// weights), which is how the cascade was meant to be applied.
func resizeBilinear(dst []uint8, g *image.Gray, w, h int, r image.Rectangle) []uint8 {
	if cap(dst) < r.Dx()*r.Dy() {
		dst = make([]uint8, r.Dx()*r.Dy())
	}
	dst = dst[:r.Dx()*r.Dy()]
	sw, sh := g.Rect.Dx(), g.Rect.Dy()
	const bits = 11
	const one = 1 << bits
	xi, xw := axis(sw, w)
	yi, yw := axis(sh, h)
	xi, xw = xi[r.Min.X:r.Max.X], xw[r.Min.X:r.Max.X]
	yi, yw = yi[r.Min.Y:r.Max.Y], yw[r.Min.Y:r.Max.Y]
	w, h = r.Dx(), r.Dy()
	for y := 0; y < h; y++ {
		r0 := g.Pix[yi[y]*g.Stride:]
		r1 := g.Pix[min(yi[y]+1, sh-1)*g.Stride:]
		fy := yw[y]
		d := dst[y*w : (y+1)*w]
		for x := range d {
			i := xi[x]
			fx := xw[x]
			i1 := min(i+1, sw-1)
			top := int32(r0[i])*(one-fx) + int32(r0[i1])*fx
			bot := int32(r1[i])*(one-fx) + int32(r1[i1])*fx
			d[x] = uint8((top*(one-fy) + bot*fy + 1<<(2*bits-1)) >> (2 * bits))
		}
	}
	return dst
}

// axis returns, for each of n output samples over a source of length src,
// the left source index and the 11-bit weight of the one to its right.
func axis(src, n int) ([]int, []int32) {
	idx := make([]int, n)
	wt := make([]int32, n)
	scale := float64(src) / float64(n)
	for i := 0; i < n; i++ {
		f := (float64(i)+0.5)*scale - 0.5
		s := int(math.Floor(f))
		f -= float64(s)
		if s < 0 {
			s, f = 0, 0
		}
		if s >= src-1 {
			s, f = src-1, 0
		}
		idx[i] = s
		wt[i] = int32(math.Round(f * (1 << 11)))
	}
	return idx, wt
}

// group merges overlapping raw windows into faces as OpenCV's
// groupRectangles does: windows whose corners all lie within eps of each
// other's size join one class, a class needs more than minNeighbors
// members, its box is the members' average, and a class lying inside a
// stronger one is dropped.
func group(rects []image.Rectangle, minNeighbors int, eps float64) []Face {
	n := len(rects)
	if n == 0 {
		return nil
	}
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	similar := func(a, b image.Rectangle) bool {
		delta := eps * float64(min(a.Dx(), b.Dx())+min(a.Dy(), b.Dy())) * 0.5
		return math.Abs(float64(a.Min.X-b.Min.X)) <= delta && math.Abs(float64(a.Min.Y-b.Min.Y)) <= delta &&
			math.Abs(float64(a.Max.X-b.Max.X)) <= delta && math.Abs(float64(a.Max.Y-b.Max.Y)) <= delta
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if similar(rects[i], rects[j]) {
				if ri, rj := find(i), find(j); ri != rj {
					parent[rj] = ri
				}
			}
		}
	}
	type class struct {
		x, y, w, h, n int
	}
	idx := map[int]int{}
	var cls []class
	for i, r := range rects {
		root := find(i)
		k, ok := idx[root]
		if !ok {
			k = len(cls)
			idx[root] = k
			cls = append(cls, class{})
		}
		c := &cls[k]
		c.x += r.Min.X
		c.y += r.Min.Y
		c.w += r.Dx()
		c.h += r.Dy()
		c.n++
	}
	boxes := make([]image.Rectangle, len(cls))
	for i, c := range cls {
		s := 1 / float64(c.n)
		x, y := int(math.Round(float64(c.x)*s)), int(math.Round(float64(c.y)*s))
		boxes[i] = image.Rect(x, y, x+int(math.Round(float64(c.w)*s)), y+int(math.Round(float64(c.h)*s)))
	}
	var out []Face
	for i, r1 := range boxes {
		n1 := cls[i].n
		if n1 <= minNeighbors {
			continue
		}
		inside := false
		for j, r2 := range boxes {
			n2 := cls[j].n
			if j == i || n2 <= minNeighbors {
				continue
			}
			dx, dy := int(math.Round(float64(r2.Dx())*eps)), int(math.Round(float64(r2.Dy())*eps))
			if r1.Min.X >= r2.Min.X-dx && r1.Min.Y >= r2.Min.Y-dy && r1.Max.X <= r2.Max.X+dx && r1.Max.Y <= r2.Max.Y+dy &&
				(n2 > max(3, n1) || n1 < 3) {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, Face{Box: r1, Neighbors: n1})
		}
	}
	return out
}

// halve returns g at half size, each pixel the mean of a 2×2 block.
func halve(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx()/2, g.Rect.Dy()/2
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		r0 := g.Pix[2*y*g.Stride:]
		r1 := g.Pix[(2*y+1)*g.Stride:]
		o := out.Pix[y*out.Stride : y*out.Stride+w]
		for x := range o {
			o[x] = uint8((int(r0[2*x]) + int(r0[2*x+1]) + int(r1[2*x]) + int(r1[2*x+1]) + 2) / 4)
		}
	}
	return out
}

// turned is an image turned about its centre, with the map back.
type turned struct {
	img    *image.Gray
	cs, sn float64
	cx, cy float64
}

// turn returns g turned by deg degrees about its centre, the same size;
// what comes from outside g is mid grey.
func turn(g *image.Gray, deg float64) turned {
	a := deg * math.Pi / 180
	w, h := g.Rect.Dx(), g.Rect.Dy()
	t := turned{img: image.NewGray(g.Rect), cs: math.Cos(a), sn: math.Sin(a), cx: float64(w) / 2, cy: float64(h) / 2}
	for v := 0; v < h; v++ {
		o := t.img.Pix[v*t.img.Stride : v*t.img.Stride+w]
		for u := range o {
			x, y := t.source(float64(u)+0.5, float64(v)+0.5)
			x, y = x-0.5, y-0.5
			x0, y0 := int(math.Floor(x)), int(math.Floor(y))
			if x0 < 0 || y0 < 0 || x0+1 >= w || y0+1 >= h {
				o[u] = 128
				continue
			}
			fx, fy := x-float64(x0), y-float64(y0)
			i := y0*g.Stride + x0
			p00, p01 := float64(g.Pix[i]), float64(g.Pix[i+1])
			p10, p11 := float64(g.Pix[i+g.Stride]), float64(g.Pix[i+g.Stride+1])
			o[u] = uint8((p00*(1-fx)+p01*fx)*(1-fy) + (p10*(1-fx)+p11*fx)*fy + 0.5)
		}
	}
	return t
}

// source maps a point of the turned image to the original.
func (t turned) source(u, v float64) (float64, float64) {
	du, dv := u-t.cx, v-t.cy
	return t.cx + du*t.cs - dv*t.sn, t.cy + du*t.sn + dv*t.cs
}

// back returns the box, in the original's pixels times scale, around r
// of the turned image.
func (t turned) back(r image.Rectangle, scale float64) image.Rectangle {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range [4]image.Point{r.Min, {r.Max.X, r.Min.Y}, {r.Min.X, r.Max.Y}, r.Max} {
		x, y := t.source(float64(p.X), float64(p.Y))
		x0, y0, x1, y1 = math.Min(x0, x), math.Min(y0, y), math.Max(x1, x), math.Max(y1, y)
	}
	return image.Rect(int(x0*scale), int(y0*scale), int(math.Ceil(x1*scale)), int(math.Ceil(y1*scale)))
}
