package synth

import (
	"errors"
	"image"
	"math"
	"runtime"
	"sync"
)

// mat3 is a row-major 3x3 projective transform.
type mat3 [9]float64

func (m mat3) apply(x, y float64) (float64, float64) {
	w := m[6]*x + m[7]*y + m[8]
	return (m[0]*x + m[1]*y + m[2]) / w, (m[3]*x + m[4]*y + m[5]) / w
}

type pt struct{ x, y float64 }

// homography returns the transform that maps src[i] to dst[i].
func homography(src, dst [4]pt) (mat3, error) {
	var a [8][9]float64
	for i := 0; i < 4; i++ {
		x, y, u, v := src[i].x, src[i].y, dst[i].x, dst[i].y
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for col := 0; col < 8; col++ {
		p := col
		for r := col + 1; r < 8; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[p][col]) {
				p = r
			}
		}
		if math.Abs(a[p][col]) < 1e-12 {
			return mat3{}, errors.New("synth: degenerate quad")
		}
		a[col], a[p] = a[p], a[col]
		for r := 0; r < 8; r++ {
			if r == col {
				continue
			}
			f := a[r][col] / a[col][col]
			for k := col; k < 9; k++ {
				a[r][k] -= f * a[col][k]
			}
		}
	}
	var m mat3
	for i := 0; i < 8; i++ {
		m[i] = a[i][8] / a[i][i]
	}
	m[8] = 1
	return m, nil
}

func (m mat3) inverse() mat3 {
	a, b, c, d, e, f, g, h, i := m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]
	A, B, C := e*i-f*h, -(d*i - f*g), d*h-e*g
	det := a*A + b*B + c*C
	return mat3{
		A / det, -(b*i - c*h) / det, (b*f - c*e) / det,
		B / det, (a*i - c*g) / det, -(a*f - c*d) / det,
		C / det, -(a*h - b*g) / det, (a*e - b*d) / det,
	}
}

// parallelRows runs fn over [0,n) split into contiguous bands, one per CPU.
// Each band writes disjoint rows, so the result does not depend on timing.
func parallelRows(n int, fn func(y0, y1 int)) {
	p := runtime.GOMAXPROCS(0)
	if p > n {
		p = n
	}
	if p <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for i := 0; i < p; i++ {
		y0, y1 := n*i/p, n*(i+1)/p
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(y0, y1)
		}()
	}
	wg.Wait()
}

// warpInto maps the board (src, slab) into dst and dlab through h (board to
// photo). Colours are sampled bilinearly, labels with nearest neighbour so
// every label pixel keeps a valid item index. Only dst pixels whose centre
// falls on the board are written.
func warpInto(dst *image.NRGBA, dlab *image.Gray16, src *image.NRGBA, slab *image.Gray16, h mat3) {
	inv := h.inverse()
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	// Only visit the bounding box of the board's outline in the photo.
	bx0, by0, bx1, by1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range [4]pt{{0, 0}, {float64(sw), 0}, {0, float64(sh)}, {float64(sw), float64(sh)}} {
		x, y := h.apply(p.x, p.y)
		bx0, by0, bx1, by1 = math.Min(bx0, x), math.Min(by0, y), math.Max(bx1, x), math.Max(by1, y)
	}
	box := image.Rect(int(bx0)-1, int(by0)-1, int(bx1)+2, int(by1)+2).Intersect(dst.Rect)
	if box.Empty() {
		return
	}
	maxX, maxY := float64(sw)-0.5, float64(sh)-0.5
	parallelRows(box.Dy(), func(r0, r1 int) {
		for y := box.Min.Y + r0; y < box.Min.Y+r1; y++ {
			fy := float64(y) + 0.5
			fx := float64(box.Min.X) + 0.5
			X := inv[0]*fx + inv[1]*fy + inv[2]
			Y := inv[3]*fx + inv[4]*fy + inv[5]
			W := inv[6]*fx + inv[7]*fy + inv[8]
			di := dst.PixOffset(box.Min.X, y)
			li := dlab.PixOffset(box.Min.X, y)
			for x := box.Min.X; x < box.Max.X; x, di, li = x+1, di+4, li+2 {
				sx, sy := X/W, Y/W
				X += inv[0]
				Y += inv[3]
				W += inv[6]
				if sx < 0 || sy < 0 || sx >= float64(sw) || sy >= float64(sh) {
					continue
				}
				// Nearest neighbour for the label.
				nx, ny := int(sx), int(sy)
				so := ny*slab.Stride + nx*2
				dlab.Pix[li], dlab.Pix[li+1] = slab.Pix[so], slab.Pix[so+1]
				// Bilinear for colour, on pixel centres.
				px, py := sx-0.5, sy-0.5
				if px < 0 {
					px = 0
				} else if px > maxX-0.5 {
					px = maxX - 0.5
				}
				if py < 0 {
					py = 0
				} else if py > maxY-0.5 {
					py = maxY - 0.5
				}
				x0, y0 := int(px), int(py)
				ax, ay := px-float64(x0), py-float64(y0)
				x1, y1 := min(x0+1, sw-1), min(y0+1, sh-1)
				o00 := y0*src.Stride + x0*4
				o01 := y0*src.Stride + x1*4
				o10 := y1*src.Stride + x0*4
				o11 := y1*src.Stride + x1*4
				w00 := (1 - ax) * (1 - ay)
				w01 := ax * (1 - ay)
				w10 := (1 - ax) * ay
				w11 := ax * ay
				sp := src.Pix
				for c := 0; c < 3; c++ {
					v := w00*float64(sp[o00+c]) + w01*float64(sp[o01+c]) + w10*float64(sp[o10+c]) + w11*float64(sp[o11+c])
					dst.Pix[di+c] = uint8(v + 0.5)
				}
				dst.Pix[di+3] = 255
			}
		}
	})
}

// inkBoxes returns, for labels 1..n, the tight bounding box of their pixels
// (Max exclusive) and their pixel counts.
func inkBoxes(lab *image.Gray16, n int) ([]image.Rectangle, []int) {
	boxes := make([]image.Rectangle, n)
	counts := make([]int, n)
	w, h := lab.Rect.Dx(), lab.Rect.Dy()
	for y := 0; y < h; y++ {
		row := lab.Pix[y*lab.Stride : y*lab.Stride+2*w]
		for x := 0; x < w; x++ {
			v := int(row[2*x])<<8 | int(row[2*x+1])
			if v == 0 || v > n {
				continue
			}
			i := v - 1
			if counts[i] == 0 {
				boxes[i] = image.Rect(x, y, x+1, y+1)
			} else {
				b := &boxes[i]
				if x < b.Min.X {
					b.Min.X = x
				}
				if x >= b.Max.X {
					b.Max.X = x + 1
				}
				if y >= b.Max.Y {
					b.Max.Y = y + 1
				}
			}
			counts[i]++
		}
	}
	return boxes, counts
}

// relabel rewrites label values through m (old index+1 -> new index+1, 0 to
// clear).
func relabel(lab *image.Gray16, m []uint16) {
	for i := 0; i+1 < len(lab.Pix); i += 2 {
		v := int(lab.Pix[i])<<8 | int(lab.Pix[i+1])
		if v == 0 {
			continue
		}
		nv := uint16(0)
		if v < len(m) {
			nv = m[v]
		}
		lab.Pix[i], lab.Pix[i+1] = uint8(nv>>8), uint8(nv)
	}
}
