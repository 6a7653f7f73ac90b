package synth

import (
	"fmt"
	"image"
	"image/color"
	"math"
)

// Objects on a surface: a bedside card, a sign, a banner, a label. The
// board is the whole photo (the wall or bag around the object included),
// and the object is sized to its text, so text size follows the photo size
// the same way it does for the other kinds.

// placeObject returns the object rectangle of size w x h, centred with a
// little random offset, clamped inside the board with margin m.
func (c *canvas) placeObject(w, h, m float64) image.Rectangle {
	W, H := float64(c.w()), float64(c.h())
	x := (W-w)/2 + (c.rng.Float64()*2-1)*math.Max(0, (W-w)/2-m)*0.5
	y := (H-h)/2 + (c.rng.Float64()*2-1)*math.Max(0, (H-h)/2-m)*0.5
	return image.Rect(int(x), int(y), int(x+w), int(y+h))
}

func drawNameCard(c *canvas) {
	W, H := float64(c.w()), float64(c.h())
	wallBackground(c.img, c.rng)
	bg, fg, strip := rgb(252, 252, 250), rgb(16, 24, 60), rgb(0, 94, 184)
	if c.dark {
		bg, fg, strip = rgb(20, 40, 92), rgb(250, 250, 250), rgb(250, 200, 40)
	}
	fg = c.faded(fg, bg)
	p := newPerson(c.rng)
	name := p.name([]int{0, 2, 5, 6}[c.rng.IntN(4)])
	big := style{font: fSansBold, size: c.sz(40, 100), col: fg}
	nameSt := big
	if c.rng.IntN(2) == 0 { // often handwritten on a printed card
		nameSt.font, nameSt.jitter = fMarker, 0.015
	}
	small := style{font: fSans, size: c.sz(16, 48), col: fg}
	rows := []row{
		{st: big.with(big.size * 0.85), segs: []seg{{fmt.Sprintf("Bed %d", 1+c.rng.IntN(28)), "bed-number"}}},
		{st: nameSt, segs: []seg{{name, "person-name"}}, gap: 0.3},
		{st: small, segs: []seg{{"Named nurse:", "heading"}, {staffName(c.rng), "staff-name"}}, gap: 1.2},
		{st: small, segs: []seg{{"Consultant:", "heading"}, {doctorName(c.rng), "staff-name"}}},
	}
	if c.rng.IntN(3) == 0 {
		red := style{font: fSansBold, size: small.size * 1.2, col: c.faded(rgb(200, 20, 30), bg)}
		rows = append(rows, row{st: red, segs: []seg{{"Nil by mouth", "clinical-note"}}, gap: 0.4})
	}
	pad := big.size * 0.6
	c.fitBlock(rows, W*0.86-2*pad, H*0.75-2*pad)
	bw, bh := c.blockSize(rows)
	hosp := pick(c.rng, hospitals)
	hs := style{font: fSansBold, size: rows[2].st.size * 0.9, col: bg}
	hs = c.fit(hs, hosp, bw)
	stripH := hs.size * 2
	card := c.placeObject(bw+2*pad, bh+2*pad+stripH, W*0.04)
	fillRect(c.img, card.Add(image.Pt(int(pad/5), int(pad/5))), color.NRGBA{0, 0, 0, 50}) // shadow
	fillRect(c.img, card, bg)
	fillRect(c.img, image.Rect(card.Min.X, card.Min.Y, card.Max.X, card.Min.Y+int(stripH)), strip)
	c.text(float64(card.Min.X)+pad, float64(card.Min.Y)+stripH/2+hs.size*0.36, hs, hosp, "ward-name")
	c.drawBlock(float64(card.Min.X)+pad, float64(card.Min.Y)+stripH+pad*0.7, bw, rows)
}

func drawBanner(c *canvas) {
	W, H := float64(c.w()), float64(c.h())
	partyBackground(c.img, c.rng)
	bg := pick(c.rng, []color.NRGBA{rgb(255, 236, 120), rgb(200, 240, 235), rgb(255, 255, 255), rgb(255, 214, 230)})
	fg, accent := rgb(20, 40, 120), rgb(200, 30, 60)
	if c.dark {
		bg, fg, accent = rgb(24, 30, 80), rgb(250, 250, 250), rgb(255, 210, 60)
	}
	fg, accent = c.faded(fg, bg), c.faded(accent, bg)
	ward := pick(c.rng, wards)
	font := pick(c.rng, []string{fSansBold, fMarker, fFreeBold})
	st := style{font: font, size: c.sz(34, 110), col: accent}
	names := []seg{{"With thanks to", "signage"}}
	used := map[string]bool{}
	for len(names) < 5 {
		if n := staffName(c.rng); !used[n] {
			used[n] = true
			names = append(names, seg{n, "staff-name"})
		}
	}
	names = append(names[:4], seg{"and", "signage"}, names[4])
	rows := []row{
		{st: st, align: 1, segs: []seg{{fmt.Sprintf("%s - %d days without a fall!", ward, []int{100, 150, 200, 365}[c.rng.IntN(4)]), "signage"}}},
		{st: style{font: font, size: st.size * 0.75, col: fg}, align: 1, segs: []seg{{"Well done Team " + ward, "signage"}}, gap: 0.3},
		{st: style{font: font, size: st.size * 0.45, col: fg}, align: 1, segs: names, gap: 0.6},
	}
	pad := st.size * 0.8
	c.fitBlock(rows, W*0.9-2*pad, H*0.8-2*pad)
	bw, bh := c.blockSize(rows)
	ban := c.placeObject(bw+2*pad, bh+2*pad, W*0.03)
	fillRect(c.img, ban, bg)
	for i := 0; i < 18; i++ { // confetti
		r := float64(ban.Dy()) * (0.01 + 0.02*c.rng.Float64())
		ellipse(c.img, float64(ban.Min.X)+float64(ban.Dx())*c.rng.Float64(), float64(ban.Min.Y)+float64(ban.Dy())*c.rng.Float64(),
			r, r, color.NRGBA{accent.R, accent.G, accent.B, 60}, 0)
	}
	c.drawBlock(float64(ban.Min.X)+pad, float64(ban.Min.Y)+pad*0.8, bw, rows)
}

var signLines = []string{
	"Hand hygiene saves lives", "Visiting times 2pm - 8pm", "Please ask staff for help",
	"Protected mealtimes 12pm - 1pm", "Please use the hand gel", "Quiet please - patients resting",
}

func drawSignage(c *canvas) {
	W, H := float64(c.w()), float64(c.h())
	wallBackground(c.img, c.rng)
	bg, fg, head := rgb(252, 252, 250), rgb(20, 30, 40), rgb(0, 122, 83)
	if c.dark {
		bg, fg, head = rgb(0, 70, 50), rgb(250, 250, 250), rgb(0, 40, 30)
	}
	fg = c.faded(fg, bg)
	title := pick(c.rng, wards) + " " + pick(c.rng, units)
	ts := style{font: fSansBold, size: c.sz(30, 100), col: rgb(250, 250, 250)}
	st := style{font: pick(c.rng, []string{fSans, fLibSans, fFreeSans}), size: ts.size * 0.7, col: fg}
	rows := []row{{st: ts, segs: []seg{{title, "ward-name"}}}}
	start := c.rng.IntN(len(signLines))
	for i := 0; i < 3; i++ {
		rows = append(rows, row{st: st, segs: []seg{{signLines[(start+i*2)%len(signLines)], "signage"}}, gap: 0.3})
	}
	rows[1].gap = 1.2
	pad := ts.size * 0.8
	c.fitBlock(rows, W*0.86-2*pad, H*0.8-2*pad)
	bw, bh := c.blockSize(rows)
	sign := c.placeObject(bw+2*pad, bh+2*pad, W*0.04)
	fillRect(c.img, sign, bg)
	headH := rowHeight(rows[0]) + pad*1.1
	fillRect(c.img, image.Rect(sign.Min.X, sign.Min.Y, sign.Max.X, sign.Min.Y+int(headH)), head)
	c.drawBlock(float64(sign.Min.X)+pad, float64(sign.Min.Y)+pad*0.7, bw, rows)
}

func drawLabel(c *canvas) {
	W, H := float64(c.w()), float64(c.h())
	// A pharmacy bag or a specimen bag under the sticker.
	surf := pick(c.rng, []color.NRGBA{rgb(236, 226, 206), rgb(214, 228, 236), rgb(240, 240, 238)})
	gradientRect(c.img, c.img.Rect, shade(surf, 1.03), shade(surf, 0.88))
	smudges(c.img, c.rng, 6, color.NRGBA{80, 70, 60, 20})
	paper := rgb(253, 253, 250)
	fonts := []string{fMonoBold, fLibMono, fFreeMonoBd, fSans, fLibSans}
	f := fonts[c.rng.IntN(len(fonts))]
	ink := c.faded(rgb(16, 16, 20), paper)
	p := newPerson(c.rng)
	st := style{font: f, size: c.sz(14, 60), col: ink}
	big := st.with(st.size * 1.15)
	if f == fSans || f == fLibSans {
		big.font = fSansBold
	}
	r := func(st style, segs ...seg) row { return row{st: st, segs: segs} }
	var rows []row
	if c.rng.IntN(2) == 0 { // pharmacy label
		rows = []row{
			r(big, seg{pick(c.rng, []string{"Amoxicillin 500mg capsules", "Paracetamol 500mg tablets", "Ramipril 5mg capsules"}), "clinical-note"}),
			r(st, seg{"Take ONE THREE times a day", "clinical-note"}),
			r(big, seg{p.name(1 + 3*c.rng.IntN(2)), "person-name"}),
			r(st, seg{"DOB:", "heading"}, seg{p.dobText(0), "date-of-birth"}),
			r(st, seg{"NHS:", "heading"}, seg{nhsSpaced(p.nhs), "nhs-number"}),
			r(st, seg{pick(c.rng, wards), "ward-name"}, seg{"Pharmacy 14/11/25", "heading"}),
		}
	} else { // specimen label
		rows = []row{
			r(big, seg{upper(p.name(1)), "person-name"}),
			r(st, seg{"DOB:", "heading"}, seg{p.dobText(0), "date-of-birth"}),
			r(st, seg{"MRN:", "heading"}, seg{p.mrn, "hospital-number"}),
			r(st, seg{"NHS:", "heading"}, seg{p.nhs, "nhs-number"}),
			r(st, seg{pick(c.rng, []string{"FBC U&E CRP", "Blood culture", "MSU M/C/S", "Coag LFT"}), "clinical-note"}),
			r(st, seg{pick(c.rng, wards), "ward-name"}, seg{"14/11/25 08:40", "heading"}),
		}
	}
	pad := st.size * 0.8
	c.fitBlock(rows, W*0.62-2*pad, H*0.8-2*pad)
	bw, bh := c.blockSize(rows)
	barW := bw * 0.35
	lab := c.placeObject(bw+barW+3*pad, bh+2*pad, W*0.04)
	fillRect(c.img, lab.Add(image.Pt(int(pad/6), int(pad/6))), color.NRGBA{0, 0, 0, 40})
	fillRect(c.img, lab, paper)
	barcode(c.img, image.Rect(lab.Max.X-int(pad+barW), lab.Min.Y+int(pad), lab.Max.X-int(pad), lab.Max.Y-int(pad)), c.rng, ink)
	c.drawBlock(float64(lab.Min.X)+pad, float64(lab.Min.Y)+pad*0.7, bw, rows)
}
