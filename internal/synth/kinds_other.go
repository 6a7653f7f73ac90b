package synth

import (
	"fmt"
	"image"
	"image/color"
	"math"
)

func drawWristband(c *canvas) {
	W, H := float64(c.w()), float64(c.h())
	// Bed sheet, then the forearm across the frame.
	sheet := pick(c.rng, []color.NRGBA{rgb(228, 236, 246), rgb(240, 240, 236)})
	fillRect(c.img, c.img.Rect, sheet)
	smudges(c.img, c.rng, 5, color.NRGBA{60, 70, 90, 25})
	skin := pick(c.rng, []color.NRGBA{rgb(238, 200, 172), rgb(196, 146, 110), rgb(140, 96, 66), rgb(96, 64, 46)})
	em := c.sz(16, 70)
	bandH := math.Min(em*8.6, H*0.62)
	em = bandH / 8.6
	cy := H * (0.45 + 0.1*c.rng.Float64())
	armH := bandH * 1.5
	gradientRect(c.img, image.Rect(0, int(cy-armH/2), int(W), int(cy+armH/2)), shade(skin, 1.08), shade(skin, 0.8))
	bandCol := pick(c.rng, []color.NRGBA{rgb(250, 250, 250), rgb(232, 242, 252), rgb(250, 250, 250)})
	band := image.Rect(int(W*0.03), int(cy-bandH/2), int(W*0.97), int(cy+bandH/2))
	roundRect(c.img, band, int(bandH/3), bandCol)
	// Shading along the band's lower edge suggests its curve round the arm.
	fillRect(c.img, image.Rect(band.Min.X+int(bandH/3), band.Max.Y-int(bandH/10), band.Max.X-int(bandH/3), band.Max.Y),
		color.NRGBA{0, 0, 0, 18})
	ink := c.faded(rgb(14, 14, 18), bandCol)
	p := newPerson(c.rng)
	fam := printFamilies[c.rng.IntN(len(printFamilies))]
	st := style{font: fam[0], size: em, col: ink}
	bold := style{font: fam[1], size: em * 1.2, col: ink}
	x := float64(band.Min.X) + bandH*0.45
	textW := W*0.62 - x
	barcode(c.img, image.Rect(int(W*0.68), band.Min.Y+int(bandH*0.18), int(W*0.9), band.Max.Y-int(bandH*0.18)), c.rng, ink)
	y := float64(band.Min.Y) + em*1.4
	ln := func(st style, segs ...seg) {
		if w := lineWidth(c, st, segs...); w > textW {
			st = st.with(st.size * textW / w)
		}
		c.line(x, y, st, segs...)
		y += em * 1.35
	}
	ln(st.with(em*0.8), seg{pick(c.rng, hospitals), "ward-name"})
	y += em * 0.15
	ln(bold, seg{p.name(1 + 3*c.rng.IntN(2)), "person-name"})
	ln(st, seg{"DOB:", "heading"}, seg{p.dobText(c.rng.IntN(3)), "date-of-birth"}, seg{"  " + p.ageText(0), "age"})
	ln(st, seg{"NHS No:", "heading"}, seg{nhsSpaced(p.nhs), "nhs-number"})
	ln(st, seg{"Hosp No:", "heading"}, seg{p.mrn, "hospital-number"})
}

var eprStatus = []string{"Awaiting bed", "NBM", "TTO ready", "Obs due 14:00", "For discharge", "IV fluids", "Falls risk", "Side room"}

func drawEPR(c *canvas) {
	W, H := float64(c.w()), float64(c.h())
	fillRect(c.img, c.img.Rect, rgb(24, 24, 28))
	bez := W * 0.03
	scr := image.Rect(int(bez), int(bez), int(W-bez), int(H-bez*1.6))
	bg, fg, bar, alt, grid := rgb(250, 251, 252), rgb(24, 26, 30), rgb(0, 94, 184), rgb(234, 241, 249), rgb(205, 210, 218)
	if c.dark {
		bg, fg, bar, alt, grid = rgb(28, 31, 36), rgb(222, 226, 232), rgb(36, 66, 108), rgb(38, 42, 50), rgb(60, 64, 72)
	}
	fillRect(c.img, scr, bg)
	fg = c.faded(fg, bg)
	fam := printFamilies[c.rng.IntN(3)] // sans serif, as screens use
	em := c.sz(15, 34)
	st := style{font: fam[0], size: em, col: fg}
	bold := style{font: fam[1], size: em, col: fg}
	sx0, sx1 := float64(scr.Min.X)+em*0.6, float64(scr.Max.X)-em*0.6
	// Title bar.
	barH := em * 2.2
	fillRect(c.img, image.Rect(scr.Min.X, scr.Min.Y, scr.Max.X, scr.Min.Y+int(barH)), bar)
	white := style{font: fam[1], size: em * 1.05, col: rgb(250, 250, 250)}
	by := float64(scr.Min.Y) + barH/2 + em*0.38
	title := "EPR - " + pick(c.rng, wards) + " " + pick(c.rng, units)
	c.text(sx0, by, white, title, "ward-name")
	user := []seg{{"User:", "heading"}, {staffName(c.rng), "staff-name"}, {"(Staff Nurse)", "heading"}}
	c.line(sx1-lineWidth(c, white, user...), by, white, user...)

	headers := []string{"Bed", "Name", "NHS No", "DOB", "Age", "Hosp No", "Status"}
	fracs := []float64{0.06, 0.24, 0.15, 0.12, 0.07, 0.14, 0.22}
	xs := []float64{sx0}
	for _, f := range fracs {
		xs = append(xs, xs[len(xs)-1]+f*(sx1-sx0))
	}
	top := float64(scr.Min.Y) + barH + em*1.2
	rowH := em * 1.9
	n := min(18, int((float64(scr.Max.Y)-top-em*2)/rowH)-1)
	if n < 3 {
		n = 3
		rowH = (float64(scr.Max.Y) - top) / float64(n+1)
	}
	pad := em * 0.3
	cell := func(col, row int, st style, s, kind string) {
		st = c.fit(st, s, xs[col+1]-xs[col]-2*pad)
		c.text(xs[col]+pad, top+rowH*float64(row)+rowH/2+em*0.36, st, s, kind)
	}
	hline(c.img, int(sx0), int(sx1), int(top+rowH), max(1, int(em*0.1)), grid)
	for i, h := range headers {
		cell(i, 0, bold, h, "heading")
	}
	for i, p := range people(c.rng, n) {
		row := i + 1
		if i%2 == 1 {
			fillRect(c.img, image.Rect(int(sx0), int(top+rowH*float64(row)), int(sx1), int(top+rowH*float64(row+1))), alt)
		}
		cell(0, row, st, fmt.Sprint(1+i+c.rng.IntN(2)*10), "bed-number")
		cell(1, row, st, p.name(1+3*(i%2)), "person-name")
		cell(2, row, st, nhsSpaced(p.nhs), "nhs-number")
		cell(3, row, st, p.dobText(0), "date-of-birth")
		cell(4, row, st, fmt.Sprint(p.age()), "age")
		cell(5, row, st, p.mrn, "hospital-number")
		cell(6, row, st, pick(c.rng, eprStatus), "clinical-note")
	}
	foot := st.with(em * 0.8)
	c.text(sx0, float64(scr.Max.Y)-em*0.5, foot, "Connected - Northbridge EPR 4.2", "heading")
}

func drawXray(c *canvas) {
	W, H := float64(c.w()), float64(c.h())
	// Anatomy at quarter resolution, scaled up: cheap at 12 MP and soft,
	// as film is.
	lw, lh := max(8, int(W/4)), max(8, int(H/4))
	lo := image.NewNRGBA(image.Rect(0, 0, lw, lh))
	fillRect(lo, lo.Rect, gray(uint8(14+c.rng.IntN(10))))
	fw, fh := float64(lw), float64(lh)
	cx := fw * (0.45 + 0.1*c.rng.Float64())
	ellipse(lo, cx, fh*0.6, fw*0.36, fh*0.55, gray(105), 0.25)                           // body
	ellipse(lo, cx-fw*0.14, fh*0.52, fw*0.12, fh*0.3, color.NRGBA{20, 20, 20, 170}, 0.4) // lungs
	ellipse(lo, cx+fw*0.14, fh*0.52, fw*0.12, fh*0.3, color.NRGBA{20, 20, 20, 170}, 0.4)
	ellipse(lo, cx, fh*0.55, fw*0.03, fh*0.6, color.NRGBA{190, 190, 190, 110}, 0.5)         // spine
	ellipse(lo, cx+fw*0.05, fh*0.68, fw*0.1, fh*0.13, color.NRGBA{150, 150, 150, 140}, 0.5) // heart
	for i := 0; i < 8; i++ {                                                                // ribs: thin bright arcs
		ry := fh * (0.3 + 0.06*float64(i))
		for _, side := range []float64{-1, 1} {
			ellipse(lo, cx+side*fw*0.13, ry, fw*0.13, fh*0.03, color.NRGBA{200, 200, 200, 70}, 0.35)
			ellipse(lo, cx+side*fw*0.13, ry+fh*0.008, fw*0.12, fh*0.022, color.NRGBA{60, 60, 60, 70}, 0.35)
		}
	}
	upscale(c.img, lo)

	lev := []uint8{175, 150, 125}[c.diff-1]
	col := gray(lev)
	f := pick(c.rng, []string{fSans, fLibSans, fMono, fLibMono})
	st := style{font: f, size: c.sz(14, 48), col: col}
	m := math.Min(W, H) * 0.04
	p := newPerson(c.rng)
	y := m + st.size
	step := st.size * 1.35
	c.text(m, y, st, upper(p.last+" "+p.first), "person-name")
	y += step
	c.line(m, y, st, seg{"ID:", "heading"}, seg{p.mrn, "hospital-number"})
	y += step
	c.line(m, y, st, seg{"DOB:", "heading"}, seg{p.dob.Format("01.02.2006"), "date-of-birth"})
	// Top right: site and study time.
	site := upper(pick(c.rng, hospitals))
	stR := c.fit(st, site, W*0.4)
	c.text(W-m-c.measure(stR, site), m+st.size, stR, site, "ward-name")
	when := refDate.Add(9*3600e9 + 32*60e9).Format("01.02.2006 15:04")
	c.text(W-m-c.measure(st, when), m+st.size+step, st, when, "clinical-note")
	// Bottom left: projection notes.
	yb := H - m - step
	c.text(m, yb, st, "Portable", "clinical-note")
	c.text(m, yb+step, st, pick(c.rng, []string{"Semi-Upright", "Supine", "Erect"}), "clinical-note")
	big := style{font: fSansBold, size: st.size * 2.2, col: gray(lev + 30)}
	c.text(W-m-c.measure(big, "AP"), H-m, big, "AP", "clinical-note")
}

// upscale fills dst with src enlarged bilinearly.
func upscale(dst, src *image.NRGBA) {
	dw, dh := dst.Rect.Dx(), dst.Rect.Dy()
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	fx, fy := float64(sw)/float64(dw), float64(sh)/float64(dh)
	parallelRows(dh, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			sy := math.Max(0, (float64(y)+0.5)*fy-0.5)
			iy := min(int(sy), sh-1)
			iy1 := min(iy+1, sh-1)
			ay := sy - float64(iy)
			di := dst.PixOffset(0, y)
			for x := 0; x < dw; x, di = x+1, di+4 {
				sx := math.Max(0, (float64(x)+0.5)*fx-0.5)
				ix := min(int(sx), sw-1)
				ix1 := min(ix+1, sw-1)
				ax := sx - float64(ix)
				for ch := 0; ch < 3; ch++ {
					v := (1-ax)*(1-ay)*float64(src.Pix[iy*src.Stride+ix*4+ch]) +
						ax*(1-ay)*float64(src.Pix[iy*src.Stride+ix1*4+ch]) +
						(1-ax)*ay*float64(src.Pix[iy1*src.Stride+ix*4+ch]) +
						ax*ay*float64(src.Pix[iy1*src.Stride+ix1*4+ch])
					dst.Pix[di+ch] = uint8(v + 0.5)
				}
				dst.Pix[di+3] = 255
			}
		}
	})
}
