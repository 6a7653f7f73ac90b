package attack

import (
	"image"
	"math"
)

// sigmas are the blurs the attacker tries on the clear label, in pixels:
// a little past the cameras' 0.6-1.2 on either side.
var sigmas = []float64{0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4}

// calibration is what the attacker learns from the label SafePost leaves
// clear ("Name:"): how blurred the photo is and how its contrast moved.
// He draws the label alone at every quarter-pixel offset, blurs it by
// each of sigmas, and keeps the luma of a window around it.
type calibration struct {
	window image.Rectangle
	lumas  [][]float32 // [offset*len(sigmas)+sigma]
}

// newCalibration draws prefix in l. The window is the label's ink box and
// three pixels around it, except on the right, where the redaction may
// start a pixel after the ink.
func newCalibration(l layout, prefix string) calibration {
	box := l.render(prefix, "").page.Lines[0].Words[0].Box
	c := calibration{window: image.Rect(box.Min.X-3, box.Min.Y-3, box.Max.X, box.Max.Y+3)}
	for _, o := range quarterPixels {
		img := l.shifted(o[0], o[1]).render(prefix, "").img
		for _, s := range sigmas {
			c.lumas = append(c.lumas, lumaIn(blurIn(img, c.window, s), c.window))
		}
	}
	return c
}

// fit returns the blur (an index into sigmas) and the contrast (photo =
// gain*drawing + bias) that best explain the label in photo, by least
// squares over every offset and blur.
func (c calibration) fit(photo *image.NRGBA) (sigma int, gain, bias float64) {
	y := lumaIn(photo, c.window)
	best := math.Inf(1)
	for i, x := range c.lumas {
		g, b, sse := linearFit(x, y)
		if sse < best && g > 0 {
			best, sigma, gain, bias = sse, i%len(sigmas), g, b
		}
	}
	return sigma, gain, bias
}

// linearFit fits y = g*x + b and returns the residual sum of squares.
func linearFit(x, y []float32) (g, b, sse float64) {
	n := float64(len(x))
	var sx, sy, sxx, sxy float64
	for i := range x {
		sx += float64(x[i])
		sy += float64(y[i])
		sxx += float64(x[i]) * float64(x[i])
		sxy += float64(x[i]) * float64(y[i])
	}
	if v := sxx - sx*sx/n; v > 0 {
		g = (sxy - sx*sy/n) / v
	}
	b = (sy - g*sx) / n
	for i := range x {
		r := float64(y[i]) - g*float64(x[i]) - b
		sse += r * r
	}
	return g, b, sse
}

func lumaIn(img *image.NRGBA, r image.Rectangle) []float32 {
	r = r.Intersect(img.Bounds())
	out := make([]float32, 0, r.Dx()*r.Dy())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := img.Pix[img.PixOffset(x, y):]
			out = append(out, 0.299*float32(p[0])+0.587*float32(p[1])+0.114*float32(p[2]))
		}
	}
	return out
}

// quarterPixels are the sixteen offsets a quarter pixel apart.
var quarterPixels = grid(4, 4)

// grid returns nx by ny offsets evenly spread over a pixel.
func grid(nx, ny int) [][2]float64 {
	var out [][2]float64
	for j := range ny {
		for i := range nx {
			out = append(out, [2]float64{float64(i) / float64(nx), float64(j) / float64(ny)})
		}
	}
	return out
}
