package synth

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
)

// Photo backgrounds: what surrounds the board. They are drawn at photo
// size before the board is warped in, so they stay cheap (fills, gradients,
// a few soft shapes) even at 12 MP.

func shade(c color.NRGBA, f float64) color.NRGBA {
	return color.NRGBA{clamp8(float64(c.R) * f), clamp8(float64(c.G) * f), clamp8(float64(c.B) * f), c.A}
}

func wallBackground(img *image.NRGBA, rng *rand.Rand) {
	walls := []color.NRGBA{rgb(232, 226, 208), rgb(214, 228, 214), rgb(210, 222, 234), rgb(236, 230, 222)}
	wall := pick(rng, walls)
	b := img.Rect
	gradientRect(img, b, shade(wall, 1.04), shade(wall, 0.86))
	// A handrail and a skirting board.
	h := b.Dy()
	rail := int(float64(h) * (0.6 + 0.3*rng.Float64()))
	fillRect(img, image.Rect(0, rail, b.Dx(), rail+max(2, h/60)), shade(wall, 0.7))
	fillRect(img, image.Rect(0, h-h/25, b.Dx(), h), rgb(120, 118, 112))
	smudges(img, rng, 6, color.NRGBA{90, 90, 80, 16})
}

func sheetBackground(img *image.NRGBA, rng *rand.Rand) {
	sheet := pick(rng, []color.NRGBA{rgb(226, 236, 246), rgb(240, 240, 236), rgb(214, 232, 226)})
	gradientRect(img, img.Rect, shade(sheet, 1.02), shade(sheet, 0.9))
	w, h := float64(img.Rect.Dx()), float64(img.Rect.Dy())
	for i := 0; i < 7; i++ { // folds
		ellipse(img, w*rng.Float64(), h*rng.Float64(), w*(0.2+0.3*rng.Float64()), h*(0.02+0.04*rng.Float64()),
			color.NRGBA{60, 70, 90, 30}, 0.9)
	}
}

func officeBackground(img *image.NRGBA, rng *rand.Rand) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	wall := pick(rng, []color.NRGBA{rgb(200, 200, 192), rgb(180, 190, 200), rgb(150, 150, 146)})
	gradientRect(img, image.Rect(0, 0, w, h*2/3), shade(wall, 1), shade(wall, 0.8))
	gradientRect(img, image.Rect(0, h*2/3, w, h), rgb(70, 66, 62), rgb(40, 38, 36))
	// Keyboard and a mug at the bottom edge.
	fillRect(img, image.Rect(w/4, h*17/20, w*3/4, h), rgb(38, 38, 42))
	ellipse(img, float64(w)*0.88, float64(h)*0.9, float64(w)*0.04, float64(h)*0.08, rgb(170, 40, 50), 0)
}

func deskBackground(img *image.NRGBA, rng *rand.Rand) {
	desk := pick(rng, []color.NRGBA{rgb(150, 112, 78), rgb(190, 182, 168), rgb(112, 118, 124)})
	gradientRect(img, img.Rect, shade(desk, 1.08), shade(desk, 0.82))
	w, h := img.Rect.Dx(), img.Rect.Dy()
	// Grain: thin faint horizontal streaks.
	for i := 0; i < 40; i++ {
		y := rng.IntN(h)
		fillRect(img, image.Rect(0, y, w, y+1+rng.IntN(max(1, h/300))), color.NRGBA{40, 30, 20, uint8(8 + rng.IntN(14))})
	}
	// A pen lying about.
	pw := float64(w) * (0.1 + 0.1*rng.Float64())
	ellipse(img, float64(w)*rng.Float64(), float64(h)*rng.Float64(), pw, pw*0.04, rgb(20, 40, 120), 0)
}

func blackBackground(img *image.NRGBA, rng *rand.Rand) {
	v := uint8(6 + rng.IntN(10))
	fillRect(img, img.Rect, gray(v))
}

func partyBackground(img *image.NRGBA, rng *rand.Rand) {
	wallBackground(img, rng)
	w, h := float64(img.Rect.Dx()), float64(img.Rect.Dy())
	cols := []color.NRGBA{rgb(220, 40, 60), rgb(250, 190, 30), rgb(40, 120, 220), rgb(40, 170, 90), rgb(200, 80, 200)}
	for i := 0; i < 10; i++ {
		r := math.Min(w, h) * (0.04 + 0.03*rng.Float64())
		x := w * rng.Float64()
		y := h * (0.05 + 0.9*rng.Float64())
		vline(img, int(x), int(y+r), int(y+r*4), max(1, int(r/25)), rgb(90, 90, 90))
		ellipse(img, x, y, r*0.85, r, pick(rng, cols), 0)
		ellipse(img, x-r*0.3, y-r*0.35, r*0.18, r*0.25, color.NRGBA{255, 255, 255, 90}, 0.6)
	}
}

// clutterBackground is a ward corner: wall, floor, curtain, window,
// notice board and equipment, standing in for the busy background of a
// team photo.
func clutterBackground(img *image.NRGBA, rng *rand.Rand) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	fw, fh := float64(w), float64(h)
	wall := pick(rng, []color.NRGBA{rgb(226, 220, 200), rgb(206, 222, 210), rgb(200, 214, 228)})
	floor := int(fh * (0.72 + 0.08*rng.Float64()))
	gradientRect(img, image.Rect(0, 0, w, floor), shade(wall, 1.05), shade(wall, 0.85))
	gradientRect(img, image.Rect(0, floor, w, h), rgb(150, 150, 140), rgb(105, 108, 100))
	// Curtain: vertical stripes down one side.
	cx := 0
	if rng.IntN(2) == 0 {
		cx = int(fw * 0.82)
	}
	curtain := pick(rng, []color.NRGBA{rgb(90, 150, 190), rgb(120, 170, 140), rgb(170, 130, 170)})
	stripe := max(4, w/120)
	for x := cx; x < cx+int(fw*0.18); x += stripe {
		f := 0.8 + 0.25*math.Sin(float64(x)/float64(stripe)*1.3)
		fillRect(img, image.Rect(x, 0, x+stripe, floor+int(fh*0.05)), shade(curtain, f))
	}
	// Window with a bright sky.
	wx := int(fw * (0.05 + 0.7*rng.Float64()))
	fillRect(img, image.Rect(wx, int(fh*0.05), wx+int(fw*0.16), int(fh*0.35)), rgb(235, 242, 250))
	vline(img, wx+int(fw*0.08), int(fh*0.05), int(fh*0.35), max(2, w/300), rgb(200, 200, 200))
	// Notice board with pinned papers.
	nx, ny := int(fw*rng.Float64()*0.7), int(fh*(0.4+0.15*rng.Float64()))
	nb := image.Rect(nx, ny, nx+int(fw*0.2), ny+int(fh*0.15))
	fillRect(img, nb, rgb(170, 130, 90))
	for i := 0; i < 6; i++ {
		px := nb.Min.X + rng.IntN(max(1, nb.Dx()*3/4))
		py := nb.Min.Y + rng.IntN(max(1, nb.Dy()*2/3))
		fillRect(img, image.Rect(px, py, px+nb.Dx()/5, py+nb.Dy()/3), pick(rng, []color.NRGBA{rgb(250, 250, 240), rgb(250, 240, 150), rgb(200, 230, 250)}))
	}
	// Drip stand and monitor.
	ix := int(fw * rng.Float64())
	vline(img, ix, int(fh*0.15), floor, max(2, w/250), rgb(160, 160, 165))
	fillRect(img, image.Rect(ix-w/40, int(fh*0.3), ix+w/40, int(fh*0.38)), rgb(40, 44, 48))
	for i := 0; i < 8; i++ {
		ellipse(img, fw*rng.Float64(), fh*rng.Float64(), fw*(0.02+0.06*rng.Float64()), fh*(0.02+0.06*rng.Float64()),
			color.NRGBA{uint8(rng.IntN(255)), uint8(rng.IntN(255)), uint8(rng.IntN(255)), 60}, 0.7)
	}
}

// drawPeople paints simple figures (head and shoulders in scrubs) around
// the board after it is warped in. Figures never overlap the board, so no
// labelled ink is hidden.
func drawPeople(img *image.NRGBA, _ *image.Gray16, quad [4]pt, rng *rand.Rand) {
	w, h := float64(img.Rect.Dx()), float64(img.Rect.Dy())
	bx0, by0, bx1, by1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range quad {
		bx0, by0, bx1, by1 = math.Min(bx0, p.x), math.Min(by0, p.y), math.Max(bx1, p.x), math.Max(by1, p.y)
	}
	board := image.Rect(int(bx0)-4, int(by0)-4, int(bx1)+4, int(by1)+4)
	skins := []color.NRGBA{rgb(241, 206, 178), rgb(198, 148, 112), rgb(141, 94, 62), rgb(92, 60, 42), rgb(224, 180, 150)}
	scrubs := []color.NRGBA{rgb(30, 50, 110), rgb(110, 160, 210), rgb(40, 120, 110), rgb(120, 40, 90), rgb(80, 80, 90)}
	headR := math.Min(w, h) * 0.07
	for i := 0; i < 14; i++ {
		r := headR * (0.8 + 0.4*rng.Float64())
		x := w * rng.Float64()
		y := by1 + r*1.2 + rng.Float64()*(h-by1)*0.4
		if i < 6 { // some beside the board
			y = h * (0.3 + 0.4*rng.Float64())
		}
		body := image.Rect(int(x-r*1.9), int(y+r*0.9), int(x+r*1.9), int(h))
		fig := image.Rect(int(x-r*1.9), int(y-r*1.2), int(x+r*1.9), int(h))
		if fig.Overlaps(board) {
			continue
		}
		roundRect(img, body, int(r*0.8), pick(rng, scrubs))
		ellipse(img, x, y, r*0.85, r*1.05, pick(rng, skins), 0)
		ellipse(img, x, y-r*0.55, r*0.9, r*0.55, pick(rng, []color.NRGBA{rgb(30, 24, 20), rgb(90, 60, 30), rgb(200, 170, 110), rgb(60, 60, 60)}), 0)
	}
}
