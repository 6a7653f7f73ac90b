package compose

import (
	"image"
	"runtime"
	"sync"

	"safepost/internal/imageio"
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
	bands := min(runtime.GOMAXPROCS(0), h)
	var wg sync.WaitGroup
	for i := range bands {
		wg.Go(func() { shrinkRows(out, img, k, i*h/bands, (i+1)*h/bands) })
	}
	wg.Wait()
	return out
}

// shrinkRows fills rows [y0, y1) of out with k x k block averages of src,
// weighting colour by alpha so transparent pixels do not darken edges.
// Photos here are opaque (imageio flattens them), and an opaque block row
// has a plain sum and 32-bit division, which give the same bytes: with
// every alpha 255 and n = k², the weighted mean ⌊(255·S + ⌊255·n/2⌋) / 255·n⌋
// equals ⌊(S + ⌊n/2⌋) / n⌋ for odd and even n alike. Opacity is checked per
// block row, inside the bands, rather than over the whole image first.
func shrinkRows(out, src *image.NRGBA, k, y0, y1 int) {
	w := out.Rect.Dx()
	var plain []uint32
	var weighted []uint64
	for y := y0; y < y1; y++ {
		dst := out.Pix[out.PixOffset(0, y):][:4*w]
		if k <= 4096 && blockRowOpaque(src, k, y, w) { // 255·k² fits in 32 bits
			if plain == nil {
				plain = make([]uint32, 3*w)
			}
			shrinkOpaqueRow(dst, plain, src, k, y)
			continue
		}
		if weighted == nil {
			weighted = make([]uint64, 4*w)
		}
		shrinkRow(dst, weighted, src, k, y)
	}
}

// blockRowOpaque reports whether the k rows of src behind output row y
// (the first k·w pixels of each) are all opaque.
func blockRowOpaque(src *image.NRGBA, k, y, w int) bool {
	b := src.Bounds()
	for sy := b.Min.Y + y*k; sy < b.Min.Y+(y+1)*k; sy++ {
		off := src.PixOffset(b.Min.X, sy)
		row := src.Pix[off : off+4*k*w]
		for i := 3; i < len(row); i += 4 {
			if row[i] != 0xff {
				return false
			}
		}
	}
	return true
}

// shrinkOpaqueRow is shrinkRow for an opaque block row; sums holds 3 per
// output pixel.
func shrinkOpaqueRow(dst []uint8, sums []uint32, src *image.NRGBA, k, y int) {
	b := src.Bounds()
	w := len(dst) / 4
	clear(sums)
	for sy := b.Min.Y + y*k; sy < b.Min.Y+(y+1)*k; sy++ {
		off := src.PixOffset(b.Min.X, sy)
		row := src.Pix[off : off+4*k*w]
		for x := range w {
			px := row[4*k*x : 4*k*(x+1)]
			var r, g, bl uint32
			for i := 0; i+3 < len(px); i += 4 {
				r += uint32(px[i])
				g += uint32(px[i+1])
				bl += uint32(px[i+2])
			}
			s := sums[3*x : 3*x+3 : 3*x+3]
			s[0] += r
			s[1] += g
			s[2] += bl
		}
	}
	n := uint32(k * k)
	for x := range w {
		s := sums[3*x : 3*x+3 : 3*x+3]
		d := dst[4*x : 4*x+4 : 4*x+4]
		d[0] = uint8((s[0] + n/2) / n)
		d[1] = uint8((s[1] + n/2) / n)
		d[2] = uint8((s[2] + n/2) / n)
		d[3] = 0xff
	}
}

// shrinkRow fills output row dst (row y) with the alpha-weighted k x k
// block averages of src; sums holds 4 per output pixel.
func shrinkRow(dst []uint8, sums []uint64, src *image.NRGBA, k, y int) {
	b := src.Bounds()
	w := len(dst) / 4
	n := uint64(k * k)
	clear(sums)
	for sy := b.Min.Y + y*k; sy < b.Min.Y+(y+1)*k; sy++ {
		off := src.PixOffset(b.Min.X, sy)
		row := src.Pix[off : off+4*k*w]
		for x := range w {
			// One block row of k pixels; 255*255*k fits in 32 bits.
			px := row[4*k*x : 4*k*(x+1)]
			var r, g, bl, a uint32
			for ; len(px) >= 4; px = px[4:] {
				pa := uint32(px[3])
				r += uint32(px[0]) * pa
				g += uint32(px[1]) * pa
				bl += uint32(px[2]) * pa
				a += pa
			}
			s := sums[4*x : 4*x+4 : 4*x+4]
			s[0] += uint64(r)
			s[1] += uint64(g)
			s[2] += uint64(bl)
			s[3] += uint64(a)
		}
	}
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

// ThumbOf reads the photo at path and returns it scaled down so its longer
// side is about long pixels, for the photo picker's tiles; the full-size
// pixels are dropped as soon as it returns. Nothing is written anywhere.
func ThumbOf(path string, long int) (*image.NRGBA, error) {
	img, err := imageio.Load(path)
	if err != nil {
		return nil, err
	}
	return shrink(img.Pixels, long), nil
}
