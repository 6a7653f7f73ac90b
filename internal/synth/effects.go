package synth

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"runtime"
)

// Photometric degradations. None of them moves pixels, so the ink map is
// untouched; all work on Pix slices in place.

type lighting struct {
	contrast       float64 // 1 = unchanged; lower pulls towards mid grey
	gx, gy, g0     float64 // multiplicative gradient g0 + gx*x/W + gy*y/H
	glare          float64 // peak added brightness of the glare spot (0-255)
	glareX, glareY float64
	glareR         float64
	tint           [3]float64 // per-channel white balance
}

func applyLighting(img *image.NRGBA, l lighting) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	// Glare falloff exp(-d²/r²) via a lookup table on d²/r² in [0, 4).
	var lut [1024]float64
	for i := range lut {
		lut[i] = l.glare * math.Exp(-float64(i)/256)
	}
	mid := 128 * (1 - l.contrast)
	parallelRows(h, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			i := img.PixOffset(0, y)
			dy := (float64(y) - l.glareY) / l.glareR
			for x := 0; x < w; x, i = x+1, i+4 {
				g := l.g0 + l.gx*float64(x)/float64(w) + l.gy*float64(y)/float64(h)
				add := 0.0
				if l.glare > 0 {
					dx := (float64(x) - l.glareX) / l.glareR
					if d2 := dx*dx + dy*dy; d2 < 4 {
						add = lut[int(d2*256)]
					}
				}
				for c := 0; c < 3; c++ {
					v := (float64(img.Pix[i+c])*l.contrast+mid)*g*l.tint[c] + add
					img.Pix[i+c] = clamp8(v)
				}
			}
		}
	})
}

func clamp8(v float64) uint8 {
	if v <= 0 {
		return 0
	}
	if v >= 255 {
		return 255
	}
	return uint8(v + 0.5)
}

// boxSizes returns n box widths whose successive application approximates
// a Gaussian of the given sigma (Kutskir's construction).
func boxSizes(sigma float64, n int) []int {
	fn := float64(n)
	wIdeal := math.Sqrt(12*sigma*sigma/fn + 1)
	wl := int(wIdeal)
	if wl%2 == 0 {
		wl--
	}
	wu := wl + 2
	m := int(math.Round((12*sigma*sigma - fn*float64(wl*wl) - 4*fn*float64(wl) - 3*fn) / (-4*float64(wl) - 4)))
	s := make([]int, n)
	for i := range s {
		if i < m {
			s[i] = wl
		} else {
			s[i] = wu
		}
	}
	return s
}

// gaussianBlur blurs the image in place with box passes in each direction
// (running sums, so the cost does not grow with sigma): three for small
// sigmas, where the kernel shape shows, two for large ones. Alpha is
// averaged too, which keeps an opaque image opaque. tmp, if long enough, is
// used as scratch space.
func gaussianBlur(img *image.NRGBA, sigma float64, tmp []uint8) {
	if sigma < 0.4 {
		return
	}
	w, h := img.Rect.Dx(), img.Rect.Dy()
	if img.Stride != 4*w {
		panic("synth: gaussianBlur needs a packed image")
	}
	if len(tmp) < len(img.Pix) {
		tmp = make([]uint8, len(img.Pix))
	}
	tmp = tmp[:len(img.Pix)]
	passes := 3
	if sigma > 1.5 {
		passes = 2
	}
	for _, size := range boxSizes(sigma, passes) {
		r := (size - 1) / 2
		if r < 1 {
			continue
		}
		boxH(tmp, img.Pix, w, h, r)
		boxV(img.Pix, tmp, w, h, r)
	}
}

// boxH writes to dst the horizontal box average (radius r, edges clamped)
// of src; both are packed 4-byte pixels, w by h.
func boxH(dst, src []uint8, w, h, r int) {
	div := 2*r + 1
	inv := (1 << 24) / div
	parallelRows(h, func(y0, y1 int) {
		// The row padded with r copies of its edge pixels on each side.
		pad := make([]uint8, 4*(w+2*r+1))
		for y := y0; y < y1; y++ {
			row := src[4*w*y : 4*w*(y+1)]
			out := dst[4*w*y : 4*w*(y+1)]
			for k := 0; k < r; k++ {
				copy(pad[4*k:4*k+4], row[:4])
				copy(pad[4*(w+r+k):4*(w+r+k)+4], row[4*w-4:])
			}
			copy(pad[4*r:], row)
			copy(pad[4*(w+2*r):], row[4*w-4:])
			var s [4]int
			for k := 0; k < div; k++ {
				for c := 0; c < 4; c++ {
					s[c] += int(pad[4*k+c])
				}
			}
			for x := 0; x < w; x++ {
				o := out[4*x : 4*x+4 : 4*x+4]
				add := pad[4*(x+div) : 4*(x+div)+4 : 4*(x+div)+4]
				sub := pad[4*x : 4*x+4 : 4*x+4]
				for c := 0; c < 4; c++ {
					o[c] = uint8((s[c]*inv + 1<<23) >> 24)
					s[c] += int(add[c]) - int(sub[c])
				}
			}
		}
	})
}

// boxV writes to dst the vertical box average of src, in strips of columns
// so each worker walks memory row by row.
func boxV(dst, src []uint8, w, h, r int) {
	div := 2*r + 1
	inv := (1 << 24) / div
	const strip = 256 // pixels
	n := (w + strip - 1) / strip
	stride := 4 * w
	parallelRows(n, func(s0, s1 int) {
		sum := make([]int, 4*strip)
		for s := s0; s < s1; s++ {
			x0, x1 := 4*s*strip, min(4*(s+1)*strip, stride)
			sm := sum[:x1-x0]
			for i := range sm {
				v := (r + 1) * int(src[x0+i])
				for k := 1; k <= r; k++ {
					v += int(src[min(k, h-1)*stride+x0+i])
				}
				sm[i] = v
			}
			for y := 0; y < h; y++ {
				out := dst[y*stride+x0 : y*stride+x1]
				add := src[min(y+r+1, h-1)*stride+x0 : min(y+r+1, h-1)*stride+x1]
				sub := src[max(y-r, 0)*stride+x0 : max(y-r, 0)*stride+x1]
				add, sub = add[:len(out)], sub[:len(out)]
				sm := sm[:len(out)]
				for i := range out {
					out[i] = uint8((sm[i]*inv + 1<<23) >> 24)
					sm[i] += int(add[i]) - int(sub[i])
				}
			}
		}
	})
}

// addNoise adds luminance noise with standard deviation sigma plus a little
// chroma noise, from a hash of the pixel position so bands can run in
// parallel and still give the same image.
func addNoise(img *image.NRGBA, sigma float64, seed uint64) {
	if sigma <= 0 {
		return
	}
	w, h := img.Rect.Dx(), img.Rect.Dy()
	// Triangular noise from two bytes has sd ~104 on a ±255 range.
	lum := sigma / 104
	chroma := sigma / 3 / 74
	parallelRows(h, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			i := img.PixOffset(0, y)
			state := seed ^ uint64(y)*0x9E3779B97F4A7C15
			for x := 0; x < w; x, i = x+1, i+4 {
				state += 0x9E3779B97F4A7C15
				z := state
				z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
				z = (z ^ (z >> 27)) * 0x94D049BB133111EB
				z ^= z >> 31
				n := float64(int(z&0xff)+int(z>>8&0xff)-255) * lum
				for c := 0; c < 3; c++ {
					cn := float64(int(z>>(16+8*c)&0xff)-128) * chroma
					img.Pix[i+c] = clamp8(float64(img.Pix[i+c]) + n + cn)
				}
			}
		}
	})
}

// jpegRoundTrip encodes at the given quality and decodes again, leaving the
// block and ringing artefacts a phone photo or a messaging app adds. The
// image is coded in bands whose heights are multiples of the 16-pixel MCU,
// one per CPU, so the blocks are the same as for a single encode.
func jpegRoundTrip(img *image.NRGBA, quality int) error {
	h := img.Rect.Dy()
	bands := runtime.GOMAXPROCS(0)
	rowsPer := (h/bands + 15) / 16 * 16
	if rowsPer < 16 {
		rowsPer = 16
	}
	n := (h + rowsPer - 1) / rowsPer
	errs := make([]error, n)
	parallelRows(n, func(b0, b1 int) {
		for b := b0; b < b1; b++ {
			y0 := img.Rect.Min.Y + b*rowsPer
			y1 := min(y0+rowsPer, img.Rect.Max.Y)
			errs[b] = jpegBand(img.SubImage(image.Rect(img.Rect.Min.X, y0, img.Rect.Max.X, y1)).(*image.NRGBA), quality)
		}
	})
	return errors.Join(errs...)
}

func jpegBand(img *image.NRGBA, quality int) error {
	// The image is opaque, so its NRGBA bytes are also valid premultiplied
	// RGBA, which hits the encoder's fast path.
	rgba := &image.RGBA{Pix: img.Pix, Stride: img.Stride, Rect: img.Rect}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, rgba, &jpeg.Options{Quality: quality}); err != nil {
		return fmt.Errorf("synth: jpeg encode: %w", err)
	}
	dec, err := jpeg.Decode(&buf)
	if err != nil {
		return fmt.Errorf("synth: jpeg decode: %w", err)
	}
	yc, ok := dec.(*image.YCbCr)
	if !ok {
		return fmt.Errorf("synth: jpeg decoded to %T", dec)
	}
	w, h := img.Rect.Dx(), img.Rect.Dy()
	for y := 0; y < h; y++ {
		i := y * img.Stride
		for x := 0; x < w; x, i = x+1, i+4 {
			yi := yc.YOffset(x, y)
			ci := yc.COffset(x, y)
			r, g, b := color.YCbCrToRGB(yc.Y[yi], yc.Cb[ci], yc.Cr[ci])
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = r, g, b, 255
		}
	}
	return nil
}
