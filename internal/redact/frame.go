package redact

import (
	"image"
	"math"
)

// frame is an area's rectangle in its own axes: from corner o, length l
// along u (the direction its text runs) and height h along v (down the
// page). An upright area has u = (1, 0) and v = (0, 1); a turned row of a
// photo read straightened has them turned.
type frame struct {
	ox, oy float64
	ux, uy float64
	vx, vy float64
	l, h   float64
	turned bool
}

// frameOf is the frame of a's outline: its Quad when set, else its Box.
func frameOf(a Area) frame {
	if a.Quad == ([4]image.Point{}) {
		b := a.Box
		return frame{ox: float64(b.Min.X), oy: float64(b.Min.Y), ux: 1, vy: 1, l: float64(b.Dx()), h: float64(b.Dy())}
	}
	q := a.Quad
	f := frame{ox: float64(q[0].X), oy: float64(q[0].Y), turned: true}
	f.ux, f.uy, f.l = unit(q[1].Sub(q[0]))
	f.vx, f.vy, f.h = unit(q[3].Sub(q[0]))
	if f.l == 0 || f.h == 0 {
		// A degenerate outline: its box is all there is.
		return frameOf(Area{Box: a.Box})
	}
	return f
}

func unit(p image.Point) (x, y, n float64) {
	x, y = float64(p.X), float64(p.Y)
	n = math.Hypot(x, y)
	if n == 0 {
		return 0, 0, 0
	}
	return x / n, y / n, n
}

// at is the image point s along and t down from the frame's corner.
func (f frame) at(s, t float64) (x, y float64) {
	return f.ox + s*f.ux + t*f.vx, f.oy + s*f.uy + t*f.vy
}

// coords is the inverse of at.
func (f frame) coords(x, y float64) (s, t float64) {
	dx, dy := x-f.ox, y-f.oy
	return dx*f.ux + dy*f.uy, dx*f.vx + dy*f.vy
}

// holds reports whether the pixel (x, y) has its centre inside the frame.
func (f frame) holds(x, y int) bool {
	s, t := f.coords(float64(x)+0.5, float64(y)+0.5)
	return s >= 0 && s < f.l && t >= 0 && t < f.h
}

// grown is f with left, right, top and bottom added to its sides.
func (f frame) grown(left, right, top, bottom float64) frame {
	f.ox, f.oy = f.at(-left, -top)
	f.l += left + right
	f.h += top + bottom
	return f
}

// quad is f's outline, corners in order around the edge.
func (f frame) quad() [4]image.Point {
	var q [4]image.Point
	for i, c := range [4][2]float64{{0, 0}, {f.l, 0}, {f.l, f.h}, {0, f.h}} {
		x, y := f.at(c[0], c[1])
		q[i] = image.Pt(int(math.Round(x)), int(math.Round(y)))
	}
	return q
}

// bounds is the smallest rectangle of pixels holding f.
func (f frame) bounds() image.Rectangle {
	if !f.turned {
		return image.Rect(int(math.Floor(f.ox)), int(math.Floor(f.oy)), int(math.Ceil(f.ox+f.l)), int(math.Ceil(f.oy+f.h)))
	}
	q := f.quad()
	r := image.Rectangle{Min: q[0], Max: q[0]}
	for _, p := range q[1:] {
		r.Min.X, r.Min.Y = min(r.Min.X, p.X), min(r.Min.Y, p.Y)
		r.Max.X, r.Max.Y = max(r.Max.X, p.X), max(r.Max.Y, p.Y)
	}
	return r
}

// area is a with f as its outline.
func (f frame) area(a Area, bounds image.Rectangle) Area {
	a.Box = f.bounds().Intersect(bounds)
	if f.turned {
		a.Quad = f.quad()
	}
	return a
}
