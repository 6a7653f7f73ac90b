package ui

import (
	"image"
	"runtime"
	"sync"
)

// shrink returns img scaled down by a whole factor, averaging each k x k
// block, so that its longest side is at least long and under twice long.
// An image already under twice long is returned as it is (images here are
// never changed once made, so sharing is safe).
//
// The app shows photos far smaller than they are, and Fyne scales an image
// to its on-screen size on the CPU, on the UI goroutine, with Catmull-Rom:
// a 12 MP photo costs about a second each time. A block average is an
// exact, alias-free downscale at a whole factor, and costs one pass over
// the pixels: tens of milliseconds for 12 MP where imaging.Fit takes a few
// hundred, and it sits between the scan and the preview.
func shrink(img *image.NRGBA, long int) *image.NRGBA {
	if img == nil || long < 1 {
		return img
	}
	b := img.Bounds()
	k := max(b.Dx(), b.Dy()) / long
	if k < 2 {
		return img
	}
	w, h := b.Dx()/k, b.Dy()/k
	if w < 1 || h < 1 {
		return img
	}
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	opaque := img.Opaque()
	bands := min(runtime.GOMAXPROCS(0), h)
	var wg sync.WaitGroup
	for i := range bands {
		wg.Add(1)
		go func(y0, y1 int) {
			defer wg.Done()
			shrinkRows(out, img, k, y0, y1, opaque)
		}(i*h/bands, (i+1)*h/bands)
	}
	wg.Wait()
	return out
}

// shrinkRows fills rows [y0, y1) of out with k x k block averages of src,
// weighting colour by alpha so transparent pixels do not darken edges.
// Photos here are opaque (imageio flattens them), which has a plain sum.
func shrinkRows(out, src *image.NRGBA, k, y0, y1 int, opaque bool) {
	b := src.Bounds()
	w := out.Rect.Dx()
	sums := make([]uint64, 4*w)
	n := uint64(k * k)
	for y := y0; y < y1; y++ {
		clear(sums)
		for sy := b.Min.Y + y*k; sy < b.Min.Y+(y+1)*k; sy++ {
			off := src.PixOffset(b.Min.X, sy)
			row := src.Pix[off : off+4*k*w]
			for x := range w {
				// One block row of k pixels; 255*255*k fits in 32 bits.
				px := row[4*k*x : 4*k*(x+1)]
				var r, g, bl, a uint32
				if opaque {
					for ; len(px) >= 4; px = px[4:] {
						r += uint32(px[0])
						g += uint32(px[1])
						bl += uint32(px[2])
					}
					r, g, bl, a = r*0xff, g*0xff, bl*0xff, uint32(k)*0xff
				} else {
					for ; len(px) >= 4; px = px[4:] {
						pa := uint32(px[3])
						r += uint32(px[0]) * pa
						g += uint32(px[1]) * pa
						bl += uint32(px[2]) * pa
						a += pa
					}
				}
				s := sums[4*x : 4*x+4 : 4*x+4]
				s[0] += uint64(r)
				s[1] += uint64(g)
				s[2] += uint64(bl)
				s[3] += uint64(a)
			}
		}
		dst := out.Pix[out.PixOffset(0, y):]
		for x := range w {
			s := sums[4*x : 4*x+4 : 4*x+4]
			a := s[3]
			if a == 0 {
				continue // fully transparent: leave zero
			}
			dst[4*x] = uint8((s[0] + a/2) / a)
			dst[4*x+1] = uint8((s[1] + a/2) / a)
			dst[4*x+2] = uint8((s[2] + a/2) / a)
			dst[4*x+3] = uint8((a + n/2) / n)
		}
	}
}
