package ui

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"

	"safepost/assets"
)

// Icon returns SafePost's icon, assets/icon.png embedded in the binary:
// the same file `fyne package` puts in the Linux package, so the window,
// the launcher and the package agree.
func Icon() fyne.Resource {
	return fyne.NewStaticResource("icon.png", assets.Icon)
}

// IconImage draws the icon at size x size pixels: a blue shield with a
// blurred bar across it. assets/icon.png is IconImage(512).
func IconImage(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	s := float64(size)
	blue := color.NRGBA{0x00, 0x5e, 0xb8, 0xff} // NHS blue
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			fx, fy := (float64(x)+0.5)/s, (float64(y)+0.5)/s
			// Shield: straight sides down to 55%, then curving to a point.
			half := 0.38
			if fy > 0.55 {
				t := (fy - 0.55) / 0.37
				half = 0.38 * math.Sqrt(math.Max(0, 1-t*t))
			}
			inside := fy > 0.08 && fy < 0.92 && math.Abs(fx-0.5) < half
			if fy < 0.14 {
				// Rounded top corners.
				inside = inside && math.Abs(fx-0.5) < half-(0.14-fy)*0.6
			}
			if !inside {
				continue
			}
			c := blue
			// The blurred bar: soft white band with a pixel-block texture.
			if fy > 0.40 && fy < 0.56 && math.Abs(fx-0.5) < 0.27 {
				bx, by := int(fx*s)/(size/16+1), int(fy*s)/(size/16+1)
				v := uint8(200 + (bx*37+by*91)%56)
				edge := math.Min(math.Min(fy-0.40, 0.56-fy), 0.27-math.Abs(fx-0.5)) / 0.03
				a := math.Min(1, edge)
				c = color.NRGBA{mix(blue.R, v, a), mix(blue.G, v, a), mix(blue.B, v, a), 0xff}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func mix(a, b uint8, t float64) uint8 { return uint8(float64(a)*(1-t) + float64(b)*t) }
