package attack

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"

	"github.com/disintegration/imaging"
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

// shoot returns the photo of img: blurred, its contrast moved, noisy, and
// through a JPEG round trip. A camera with no noise (the attacker's model
// of it) draws nothing from r.
func (c camera) shoot(img *image.NRGBA, r *rand.Rand) (*image.NRGBA, error) {
	out := imaging.Blur(img, c.sigma)
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
	return imaging.Clone(out), nil
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
