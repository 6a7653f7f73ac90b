package attack

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"

	"golang.org/x/image/math/fixed"
)

// camera is what a phone does to a printed label before SafePost sees it:
// the lens blurs it (Gaussian, sigma pixels), exposure and white balance
// move its contrast (each channel v -> gain*v + bias), the sensor adds
// noise (Gaussian, noise grey levels) and the phone saves a JPEG.
type camera struct {
	sigma, gain, bias, noise float64
}

// jpegQuality is the quality a phone saves at and a posting service
// re-encodes at.
const jpegQuality = 85

// newCamera draws one photo set-up: blur 0.6-1.2 px, contrast cut by up
// to a third, paper shifted by up to 10 grey levels, noise 2-4 levels.
func newCamera(r *rand.Rand) camera {
	g := 0.67 + 0.33*r.Float64()
	return camera{
		sigma: 0.6 + 0.6*r.Float64(),
		gain:  g,
		bias:  (1-g)*128 + 20*r.Float64() - 10,
		noise: 2 + 2*r.Float64(),
	}
}

// shoot returns the photo of img, whose ink lies inside ink: blurred, its
// contrast moved, noisy, and through a JPEG round trip. A camera with no
// noise (the attacker's model of it) draws nothing from r.
func (c camera) shoot(img *image.NRGBA, ink image.Rectangle, r *rand.Rand) (*image.NRGBA, error) {
	// Blurring plain paper changes nothing: only the ink and a margin of
	// the kernel's reach around it are blurred.
	out := blurIn(img, ink.Inset(-int(3*c.sigma)-2), c.sigma)
	if c.gain != 1 || c.bias != 0 || c.noise > 0 {
		for i := 0; i < len(out.Pix); i += 4 {
			for k := range 3 {
				v := c.gain*float64(out.Pix[i+k]) + c.bias
				if c.noise > 0 {
					v += c.noise * r.NormFloat64()
				}
				out.Pix[i+k] = clampByte(v)
			}
		}
	}
	return jpegTrip(out)
}

// jpegTrip encodes img as a JPEG and decodes it again, as saving or
// posting a photo does. img is opaque, so its pixels are RGBA as they
// are, which the encoder reads several times faster than NRGBA.
func jpegTrip(img *image.NRGBA) (*image.NRGBA, error) {
	var buf bytes.Buffer
	opaque := &image.RGBA{Pix: img.Pix, Stride: img.Stride, Rect: img.Rect}
	if err := jpeg.Encode(&buf, opaque, &jpeg.Options{Quality: jpegQuality}); err != nil {
		return nil, fmt.Errorf("encoding the photo: %w", err)
	}
	out, err := jpeg.Decode(&buf)
	if err != nil {
		return nil, fmt.Errorf("decoding the photo: %w", err)
	}
	yc, ok := out.(*image.YCbCr)
	if !ok {
		return nil, fmt.Errorf("decoding the photo: a %T, not colour", out)
	}
	return fromYCbCr(yc), nil
}

// fromYCbCr converts a decoded JPEG to NRGBA in one goroutine (the race
// detector makes imaging's goroutine per row many times slower).
func fromYCbCr(src *image.YCbCr) *image.NRGBA {
	b := src.Bounds()
	out := image.NewNRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			yi, ci := src.YOffset(x, y), src.COffset(x, y)
			r, g, bl := color.YCbCrToRGB(src.Y[yi], src.Cb[ci], src.Cr[ci])
			p := out.Pix[out.PixOffset(x, y):]
			p[0], p[1], p[2], p[3] = r, g, bl, 255
		}
	}
	return out
}

// blurIn returns a copy of img with r blurred (Gaussian, sigma pixels),
// reading the pixels around r as they are and clamping at the image's
// edges.
func blurIn(img *image.NRGBA, r image.Rectangle, sigma float64) *image.NRGBA {
	out := image.NewNRGBA(img.Bounds())
	copy(out.Pix, img.Pix)
	b := img.Bounds()
	r = r.Intersect(b)
	if r.Empty() || sigma <= 0 {
		return out
	}
	rad := int(math.Ceil(3 * sigma))
	kernel := make([]float64, 2*rad+1)
	sum := 0.0
	for i := range kernel {
		d := float64(i - rad)
		kernel[i] = math.Exp(-d * d / (2 * sigma * sigma))
		sum += kernel[i]
	}
	for i := range kernel {
		kernel[i] /= sum
	}
	// Along rows over r grown by the kernel's reach above and below, so
	// that the pass down the columns reads blurred rows.
	tall := image.Rect(r.Min.X, r.Min.Y-rad, r.Max.X, r.Max.Y+rad).Intersect(b)
	rows := make([]float64, 3*tall.Dx()*tall.Dy())
	for y := tall.Min.Y; y < tall.Max.Y; y++ {
		for x := tall.Min.X; x < tall.Max.X; x++ {
			var acc [3]float64
			for k, w := range kernel {
				p := img.Pix[img.PixOffset(min(max(x+k-rad, b.Min.X), b.Max.X-1), y):]
				acc[0] += w * float64(p[0])
				acc[1] += w * float64(p[1])
				acc[2] += w * float64(p[2])
			}
			copy(rows[3*((y-tall.Min.Y)*tall.Dx()+x-tall.Min.X):], acc[:])
		}
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			var acc [3]float64
			for k, w := range kernel {
				yy := min(max(y+k-rad, tall.Min.Y), tall.Max.Y-1)
				q := rows[3*((yy-tall.Min.Y)*tall.Dx()+x-tall.Min.X):]
				acc[0] += w * q[0]
				acc[1] += w * q[1]
				acc[2] += w * q[2]
			}
			p := out.Pix[out.PixOffset(x, y):]
			p[0], p[1], p[2] = clampByte(acc[0]), clampByte(acc[1]), clampByte(acc[2])
		}
	}
	return out
}

// shifted is l with its labels moved right and down by a fraction of a
// pixel: where a photo puts a label on the sensor is not on the pixel grid.
func (l layout) shifted(dx, dy float64) layout {
	l.origin.X += fixed.Int26_6(dx * 64)
	l.origin.Y += fixed.Int26_6(dy * 64)
	return l
}

func clampByte(v float64) uint8 {
	return uint8(max(0, min(255, v+0.5)))
}
