package ocr

import (
	"encoding/binary"
	"fmt"
	"image"
	"image/draw"
	"math"
)

// gray converts img to 8-bit luminance without going through the
// per-pixel interface for the common NRGBA/RGBA cases.
func gray(img image.Image) *image.Gray {
	b := img.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	switch src := img.(type) {
	case *image.NRGBA:
		for y := 0; y < b.Dy(); y++ {
			si := src.PixOffset(b.Min.X, b.Min.Y+y)
			row := src.Pix[si : si+4*b.Dx()]
			orow := out.Pix[y*out.Stride : y*out.Stride+b.Dx()]
			for x := range orow {
				p := row[4*x : 4*x+4]
				// Composite over white: transparent pixels read as paper.
				a := uint32(p[3])
				l := (299*uint32(p[0]) + 587*uint32(p[1]) + 114*uint32(p[2])) / 1000
				orow[x] = uint8((l*a + 255*(255-a)) / 255)
			}
		}
	case *image.Gray:
		for y := 0; y < b.Dy(); y++ {
			copy(out.Pix[y*out.Stride:y*out.Stride+b.Dx()], src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):])
		}
	default:
		draw.Draw(out, out.Bounds(), img, b.Min, draw.Src)
	}
	return out
}

// invert returns the negative of g, so light text on a dark screen or X-ray
// reads as dark ink on paper.
func invert(g *image.Gray) *image.Gray {
	out := image.NewGray(g.Rect)
	for i, v := range g.Pix {
		out.Pix[i] = 255 - v
	}
	return out
}

// stretch normalises local contrast: each pixel is rescaled against the
// min/max of its neighbourhood (computed on a coarse grid and interpolated),
// which lifts faint burned-in text and evens out glare and shadow.
func stretch(g *image.Gray, cell int) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	if cell < 8 {
		cell = 8
	}
	gw, gh := (w+cell-1)/cell, (h+cell-1)/cell
	lo := make([]float32, gw*gh)
	hi := make([]float32, gw*gh)
	for cy := 0; cy < gh; cy++ {
		for cx := 0; cx < gw; cx++ {
			mn, mx := uint8(255), uint8(0)
			for y := cy * cell; y < min(h, (cy+1)*cell); y += 2 {
				row := g.Pix[y*g.Stride:]
				for x := cx * cell; x < min(w, (cx+1)*cell); x += 2 {
					v := row[x]
					mn = min(mn, v)
					mx = max(mx, v)
				}
			}
			lo[cy*gw+cx], hi[cy*gw+cx] = float32(mn), float32(mx)
		}
	}
	// Widen each cell's range to its neighbours' so a cell of flat paper
	// next to text is not stretched into noise.
	lo2, hi2 := make([]float32, len(lo)), make([]float32, len(hi))
	for cy := 0; cy < gh; cy++ {
		for cx := 0; cx < gw; cx++ {
			mn, mx := float32(255), float32(0)
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					x, y := cx+dx, cy+dy
					if x < 0 || y < 0 || x >= gw || y >= gh {
						continue
					}
					mn = min(mn, lo[y*gw+x])
					mx = max(mx, hi[y*gw+x])
				}
			}
			lo2[cy*gw+cx], hi2[cy*gw+cx] = mn, mx
		}
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		fy := (float32(y)+0.5)/float32(cell) - 0.5
		y0 := int(math.Floor(float64(fy)))
		ty := fy - float32(y0)
		y0c, y1c := clampi(y0, 0, gh-1), clampi(y0+1, 0, gh-1)
		for x := 0; x < w; x++ {
			fx := (float32(x)+0.5)/float32(cell) - 0.5
			x0 := int(math.Floor(float64(fx)))
			tx := fx - float32(x0)
			x0c, x1c := clampi(x0, 0, gw-1), clampi(x0+1, 0, gw-1)
			l := bilerp(lo2, gw, x0c, x1c, y0c, y1c, tx, ty)
			hv := bilerp(hi2, gw, x0c, x1c, y0c, y1c, tx, ty)
			rng := hv - l
			v := float32(g.Pix[y*g.Stride+x])
			if rng < 24 { // flat area: leave it near paper white
				out.Pix[y*out.Stride+x] = 255
				continue
			}
			n := (v - l) / rng * 255
			out.Pix[y*out.Stride+x] = uint8(min(255, max(0, n)))
		}
	}
	return out
}

func bilerp(a []float32, stride, x0, x1, y0, y1 int, tx, ty float32) float32 {
	top := a[y0*stride+x0]*(1-tx) + a[y0*stride+x1]*tx
	bot := a[y1*stride+x0]*(1-tx) + a[y1*stride+x1]*tx
	return top*(1-ty) + bot*ty
}

func clampi(v, lo, hi int) int { return max(lo, min(hi, v)) }

// scaleGray resizes g by factor f with box filtering (f < 1) or bilinear
// interpolation (f > 1).
func scaleGray(g *image.Gray, f float64) *image.Gray {
	if f == 1 {
		return g
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	nw, nh := max(1, int(math.Round(float64(w)*f))), max(1, int(math.Round(float64(h)*f)))
	out := image.NewGray(image.Rect(0, 0, nw, nh))
	if f < 1 {
		// Area average: each output pixel averages the source pixels it covers.
		for y := 0; y < nh; y++ {
			sy0, sy1 := y*h/nh, max(y*h/nh+1, (y+1)*h/nh)
			for x := 0; x < nw; x++ {
				sx0, sx1 := x*w/nw, max(x*w/nw+1, (x+1)*w/nw)
				sum, n := 0, 0
				for sy := sy0; sy < sy1; sy++ {
					row := g.Pix[sy*g.Stride:]
					for sx := sx0; sx < sx1; sx++ {
						sum += int(row[sx])
						n++
					}
				}
				out.Pix[y*out.Stride+x] = uint8(sum / n)
			}
		}
		return out
	}
	for y := 0; y < nh; y++ {
		fy := (float64(y)+0.5)/f - 0.5
		y0 := clampi(int(math.Floor(fy)), 0, h-1)
		y1 := clampi(y0+1, 0, h-1)
		ty := fy - math.Floor(fy)
		for x := 0; x < nw; x++ {
			fx := (float64(x)+0.5)/f - 0.5
			x0 := clampi(int(math.Floor(fx)), 0, w-1)
			x1 := clampi(x0+1, 0, w-1)
			tx := fx - math.Floor(fx)
			a := float64(g.Pix[y0*g.Stride+x0])*(1-tx) + float64(g.Pix[y0*g.Stride+x1])*tx
			b := float64(g.Pix[y1*g.Stride+x0])*(1-tx) + float64(g.Pix[y1*g.Stride+x1])*tx
			out.Pix[y*out.Stride+x] = uint8(a*(1-ty) + b*ty + 0.5)
		}
	}
	return out
}

// pgm encodes g as a binary PGM, which Leptonica reads without the cost of
// PNG compression.
func pgm(g *image.Gray) []byte {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	head := fmt.Sprintf("P5\n%d %d\n255\n", w, h)
	buf := make([]byte, 0, len(head)+w*h)
	buf = append(buf, head...)
	for y := 0; y < h; y++ {
		buf = append(buf, g.Pix[y*g.Stride:y*g.Stride+w]...)
	}
	return buf
}

// bmp encodes g as an uncompressed 8-bit BMP with a grey palette, the one
// format Leptonica decodes straight from memory where the C library has no
// fmemopen (Windows): it hands PNM and the others to a temporary file
// first, which would put patient pixels on disk.
func bmp(g *image.Gray) []byte {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	const fileHeader, infoHeader, palette = 14, 40, 256 * 4
	stride := (w + 3) &^ 3 // rows are padded to 4 bytes
	off := fileHeader + infoHeader + palette
	buf := make([]byte, off+stride*h)
	le := binary.LittleEndian
	copy(buf, "BM")
	le.PutUint32(buf[2:], uint32(len(buf)))
	le.PutUint32(buf[10:], uint32(off))
	info := buf[fileHeader:]
	le.PutUint32(info[0:], infoHeader)
	le.PutUint32(info[4:], uint32(w))
	le.PutUint32(info[8:], uint32(h)) // positive: rows run bottom to top
	le.PutUint16(info[12:], 1)        // planes
	le.PutUint16(info[14:], 8)        // bits per pixel
	le.PutUint32(info[20:], uint32(stride*h))
	// No resolution (0 pixels per metre), as PGM has none: Tesseract then
	// estimates it from the text. Given one (72 dpi), it reads pages
	// differently, so Windows would find other things than Linux.
	le.PutUint32(info[32:], 256) // colours used
	pal := buf[fileHeader+infoHeader:]
	for i := 0; i < 256; i++ {
		pal[4*i], pal[4*i+1], pal[4*i+2] = byte(i), byte(i), byte(i)
	}
	for y := 0; y < h; y++ {
		row := g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y):]
		copy(buf[off+(h-1-y)*stride:], row[:w])
	}
	return buf
}
