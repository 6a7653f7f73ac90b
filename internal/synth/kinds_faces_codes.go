package synth

import (
	"bytes"
	_ "embed"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"sync"

	"github.com/disintegration/imaging"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/oned"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// Scenes whose patient information is not text: a patient's face, the
// barcode on a wristband and QR codes on labels. Codes are real symbols
// (gozxing's writers) encoding synthetic 999-range NHS numbers and hospital
// numbers, so a reader can decode them; the face is one public-domain
// portrait (faces/README.md) varied in size, mirror, light and tilt.

//go:embed faces/astronaut_head.jpg
var headJPEG []byte

var headImage = sync.OnceValue(func() *image.NRGBA {
	img, err := jpeg.Decode(bytes.NewReader(headJPEG))
	if err != nil {
		panic("synth: bundled face: " + err.Error())
	}
	return imaging.Clone(img)
})

func init() {
	// Appended after the text kinds so that existing corpus specs keep
	// their names, seeds and sizes.
	kindTable = append(kindTable,
		kindDef{name: "bedside", place: flat(0, 1), draw: drawBedside, background: clutterBackground},
		kindDef{name: "specimen-codes", zoom: 0.4, place: flat(0, 1), draw: drawSpecimenCodes, background: deskBackground},
	)
	for k, rule := range map[string]string{
		"face":    "A face identifies a patient as surely as a name: it is blurred unless the person has agreed to be shown.",
		"barcode": "A barcode on a wristband or label encodes the NHS or hospital number: blur the whole code, even if you cannot read it.",
		"qr-code": "A QR code on a label can hold the patient's details: blur the whole code.",
	} {
		piiKinds[k] = true
		rules[k] = rule
	}
}

// drawBedside is a patient in bed: a face on the pillow, sometimes a
// visitor's face, a wristband with a Code 128 barcode and an infusion bag
// label with a QR code. Nothing is drawn over a face or a code, so every
// item's ink stays visible.
func drawBedside(c *canvas) {
	W, H := float64(c.w()), float64(c.h())
	clutterBackground(c.img, c.rng)
	p := newPerson(c.rng)
	// Bed: a pillow and a sheet across the lower part.
	bedTop := H * (0.5 + 0.1*c.rng.Float64())
	sheet := pick(c.rng, []color.NRGBA{rgb(226, 234, 246), rgb(244, 244, 240), rgb(210, 226, 236)})
	headW := c.sz(150, 560) * (0.8 + 0.5*c.rng.Float64())
	headW = math.Min(headW, math.Min(W, H)*0.4)
	hx := W * (0.25 + 0.5*c.rng.Float64())
	hy := bedTop - headW*0.35
	heads := []image.Rectangle{headRect(hx, hy, headW)}
	// A visitor or nurse beside the bed, further back: smaller.
	var vx, vy, vw float64
	if c.rng.IntN(2) == 0 {
		vw = math.Max(c.sz(130, 300), headW*(0.5+0.3*c.rng.Float64()))
		vx = hx + W*0.32
		if vx > W-vw {
			vx = hx - W*0.32
		}
		vy = bedTop - headW*1.2 - vw*0.6
		if vy > vw && vx > vw && vx < W-vw && !headRect(vx, vy, vw).Overlaps(heads[0]) {
			heads = append(heads, headRect(vx, vy, vw))
		} else {
			vw = 0
		}
	}
	free := func(r image.Rectangle) bool {
		for _, h := range heads {
			if h.Overlaps(r) {
				return false
			}
		}
		return r.In(c.img.Rect)
	}

	roundRect(c.img, image.Rect(int(hx-headW*1.3), int(hy-headW*0.2), int(hx+headW*1.3), int(bedTop+headW*0.5)), int(headW*0.3), shade(sheet, 1.04))
	gradientRect(c.img, image.Rect(0, int(bedTop), int(W), int(H)), sheet, shade(sheet, 0.86))
	// Infusion bag label with a QR code in a top corner.
	qr := c.qr(fmt.Sprintf("NHS:%s;MRN:%s;DOB:%s", p.nhs, p.mrn, p.dob.Format("2006-01-02")), math.Max(2, c.sz(3, 8)))
	if qr != nil {
		qw := float64(qr.Rect.Dx())
		for _, lx := range []float64{W * 0.06, W*0.94 - qw*1.3} {
			ly := H * 0.08
			lab := image.Rect(int(lx), int(ly), int(lx+qw*1.3), int(ly+qw*1.5))
			if !free(lab) {
				continue
			}
			fillRect(c.img, lab, rgb(246, 248, 250))
			st := style{font: fSansBold, size: qw * 0.1, col: rgb(30, 30, 40)}
			c.text(lx+qw*0.15, ly+qw*0.2, st, "Sodium Chloride 0.9%", "clinical-note")
			c.pasteCode(qr, int(lx+qw*0.15), int(ly+qw*0.3), "qr-code", "")
			break
		}
	}
	// Wristband on an arm lying on the sheet.
	if band := c.code128(p.nhs, math.Max(2, c.sz(2, 5))); band != nil {
		bw, bh := float64(band.Rect.Dx()), float64(band.Rect.Dy())
		ax := W*0.1 + (W*0.8-bw*1.6)*c.rng.Float64()
		ay := bedTop + (H-bedTop)*0.35
		arm := image.Rect(int(ax-bh), int(ay-bh*0.4), int(ax+bw*1.8), int(ay+bh*1.6))
		if free(arm) {
			skin := pick(c.rng, []color.NRGBA{rgb(238, 200, 172), rgb(196, 146, 110), rgb(140, 96, 66)})
			gradientRect(c.img, arm, shade(skin, 1.05), shade(skin, 0.82))
			fillRect(c.img, image.Rect(int(ax), int(ay-bh*0.1), int(ax+bw*1.4), int(ay+bh*1.1)), rgb(250, 250, 250))
			c.pasteCode(band, int(ax+bw*0.2), int(ay), "barcode", "")
		}
	}
	if vw > 0 {
		roundRect(c.img, image.Rect(int(vx-vw), int(vy+vw*0.5), int(vx+vw), int(bedTop)),
			int(vw*0.4), pick(c.rng, []color.NRGBA{rgb(30, 50, 110), rgb(110, 160, 210), rgb(120, 40, 90)}))
		c.face(vx, vy, vw)
	}
	c.face(hx, hy, headW)
}

// headRect bounds a head headW wide centred on (cx, cy), with room for its
// tilt and its shoulders.
func headRect(cx, cy, headW float64) image.Rectangle {
	return image.Rect(int(cx-headW*0.9), int(cy-headW*0.8), int(cx+headW*0.9), int(cy+headW*1.6))
}

// drawSpecimenCodes is a tray of specimen bags and labels, each with a
// barcode or a QR code.
func drawSpecimenCodes(c *canvas) {
	W, H := float64(c.w()), float64(c.h())
	deskBackground(c.img, c.rng)
	n := 2 + c.rng.IntN(3)
	var used []image.Rectangle
	for i := 0; i < n; i++ {
		p := newPerson(c.rng)
		var code *image.NRGBA
		kind := "barcode"
		if i%2 == 1 {
			kind = "qr-code"
			code = c.qr(fmt.Sprintf("MRN:%s;NHS:%s", p.mrn, nhsSpaced(p.nhs)), math.Max(2, c.sz(3, 9)))
		} else {
			payload := p.nhs
			if c.rng.IntN(2) == 0 {
				payload = p.mrn
			}
			code = c.code128(payload, math.Max(2, c.sz(2, 6)))
		}
		if code == nil {
			continue
		}
		cw, ch := float64(code.Rect.Dx()), float64(code.Rect.Dy())
		lw, lh := cw*1.25, ch+cw*0.35
		var r image.Rectangle
		ok := false
		for try := 0; try < 20 && !ok; try++ {
			x := W*0.04 + (W*0.92-lw)*c.rng.Float64()
			y := H*0.04 + (H*0.92-lh)*c.rng.Float64()
			r = image.Rect(int(x), int(y), int(x+lw), int(y+lh))
			ok = r.In(c.img.Rect)
			for _, u := range used {
				if u.Inset(-int(cw * 0.1)).Overlaps(r) {
					ok = false
				}
			}
		}
		if !ok {
			continue
		}
		used = append(used, r)
		fillRect(c.img, r.Add(image.Pt(int(cw*0.02), int(cw*0.02))), color.NRGBA{0, 0, 0, 40})
		fillRect(c.img, r, rgb(252, 252, 248))
		st := style{font: fSansBold, size: math.Max(c.sz(14, 40), cw*0.07), col: rgb(20, 40, 110)}
		head := pick(c.rng, []string{"Pathology", "Blood sciences", "Microbiology", "Pharmacy"})
		st = c.fit(st, head, lw*0.9)
		c.text(float64(r.Min.X)+cw*0.12, float64(r.Min.Y)+st.size*1.3, st, head, "heading")
		c.pasteCode(code, r.Min.X+int(cw*0.12), r.Min.Y+int(cw*0.25), kind, "")
	}
}

// code128 renders payload as a Code 128 symbol with modules of m board
// pixels, bars about a third as tall as the symbol is wide, and the
// standard 10-module quiet zone.
func (c *canvas) code128(payload string, m float64) *image.NRGBA {
	bm, err := oned.NewCode128Writer().Encode(payload, gozxing.BarcodeFormat_CODE_128, 0, 0, nil)
	if err != nil {
		return nil
	}
	mod := max(1, int(math.Round(m)))
	w := bm.GetWidth() * mod
	h := max(8, w/3)
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	fillRect(img, img.Rect, rgb(255, 255, 255))
	ink := rgb(18, 18, 24)
	for x := 0; x < bm.GetWidth(); x++ {
		if bm.Get(x, 0) {
			fillRect(img, image.Rect(x*mod, 0, (x+1)*mod, h), ink)
		}
	}
	return img
}

// qr renders payload as a QR code with modules of m board pixels and a
// 4-module quiet zone.
func (c *canvas) qr(payload string, m float64) *image.NRGBA {
	hints := map[gozxing.EncodeHintType]interface{}{gozxing.EncodeHintType_MARGIN: 4}
	bm, err := qrcode.NewQRCodeWriter().Encode(payload, gozxing.BarcodeFormat_QR_CODE, 0, 0, hints)
	if err != nil {
		return nil
	}
	mod := max(1, int(math.Round(m)))
	n := bm.GetWidth()
	img := image.NewNRGBA(image.Rect(0, 0, n*mod, n*mod))
	fillRect(img, img.Rect, rgb(255, 255, 255))
	ink := rgb(18, 18, 24)
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if bm.Get(x, y) {
				fillRect(img, image.Rect(x*mod, y*mod, (x+1)*mod, (y+1)*mod), ink)
			}
		}
	}
	return img
}

// pasteCode draws a rendered code at (x, y) as an item of kind whose ink
// is the code's dark modules. text is the item's text ("" for the
// kind's name).
func (c *canvas) pasteCode(code *image.NRGBA, x, y int, kind, text string) {
	r := code.Rect.Add(image.Pt(x, y))
	if !c.inside(r) {
		return
	}
	if text == "" {
		text = "(" + kind + ")"
	}
	c.items = append(c.items, Item{Text: text, Kind: kind, PII: piiKinds[kind], Rule: rules[kind]})
	idx := len(c.items)
	for yy := 0; yy < code.Rect.Dy(); yy++ {
		for xx := 0; xx < code.Rect.Dx(); xx++ {
			s := code.Pix[code.PixOffset(xx, yy):]
			di := c.img.PixOffset(x+xx, y+yy)
			copy(c.img.Pix[di:di+4], s[:4])
			if s[0] < 128 {
				li := c.lab.PixOffset(x+xx, y+yy)
				c.lab.Pix[li], c.lab.Pix[li+1] = uint8(idx>>8), uint8(idx)
			}
		}
	}
}

// face draws the bundled face as a head headW board pixels wide centred on
// (cx, cy), varied by the scene's random source, with a body below it.
// The head oval is the item's ink.
func (c *canvas) face(cx, cy, headW float64) {
	src := headImage()
	w := max(8, int(headW))
	h := w * src.Rect.Dy() / src.Rect.Dx()
	head := imaging.Resize(src, w, h, imaging.Linear)
	if c.rng.IntN(2) == 0 {
		head = imaging.FlipH(head)
	}
	head = imaging.AdjustBrightness(head, (c.rng.Float64()*2-1)*20)
	head = imaging.AdjustContrast(head, -c.rng.Float64()*25)
	// Keep the head oval (hair to chin) and drop the portrait's
	// background, with a soft edge.
	ex, ey, rx, ry := float64(w)*0.5, float64(h)*0.41, float64(w)*0.44, float64(h)*0.42
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := (float64(x)+0.5-ex)/rx, (float64(y)+0.5-ey)/ry
			d := math.Sqrt(dx*dx + dy*dy)
			a := math.Max(0, math.Min(1, (1-d)*8))
			head.Pix[head.PixOffset(x, y)+3] = uint8(255 * a)
		}
	}
	head = imaging.Rotate(head, (c.rng.Float64()*2-1)*8, color.NRGBA{})
	r := head.Rect.Add(image.Pt(int(cx)-head.Rect.Dx()/2, int(cy)-head.Rect.Dy()/2))
	if !c.inside(r) {
		return
	}
	// Neck and shoulders first, so the head sits on them.
	body := pick(c.rng, []color.NRGBA{rgb(160, 190, 220), rgb(200, 200, 210), rgb(120, 150, 120)})
	roundRect(c.img, image.Rect(int(cx-headW*0.9), int(cy+headW*0.45), int(cx+headW*0.9), int(cy+headW*1.6)), int(headW*0.35), body)
	c.items = append(c.items, Item{Text: "(face)", Kind: "face", PII: true, Rule: rules["face"]})
	idx := len(c.items)
	for y := 0; y < head.Rect.Dy(); y++ {
		for x := 0; x < head.Rect.Dx(); x++ {
			s := head.Pix[head.PixOffset(x, y):]
			a := int(s[3])
			if a == 0 {
				continue
			}
			px, py := r.Min.X+x, r.Min.Y+y
			if !image.Pt(px, py).In(c.img.Rect) {
				continue
			}
			d := c.img.Pix[c.img.PixOffset(px, py):]
			for k := 0; k < 3; k++ {
				d[k] = uint8((int(d[k])*(255-a) + int(s[k])*a) / 255)
			}
			if a > 128 {
				li := c.lab.PixOffset(px, py)
				c.lab.Pix[li], c.lab.Pix[li+1] = uint8(idx>>8), uint8(idx)
			}
		}
	}
}
