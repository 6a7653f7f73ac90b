package synth

import (
	"fmt"
	"image"
	"math"
	"strings"
)

// Printed documents: handover sheet, clinic letter, specimen or pharmacy
// label.

var printFamilies = [][2]string{
	{fLibSans, fLibBold}, {fSans, fSansBold}, {fFreeSans, fFreeBold}, {fLibSerif, fLibBold},
}

// wrap breaks text into lines no wider than maxW.
func wrap(c *canvas, st style, text string, maxW float64) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(text) {
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if cur != "" && c.measure(st, next) > maxW {
			lines = append(lines, cur)
			next = w
		}
		cur = next
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

var planNotes = []string{
	"CAP - IV abx day 2, NBM for OGD", "Fall at home, awaiting OT", "AKI - fluids, daily U&E",
	"Post hip #, PT r/v, EDD Mon", "DNACPR in notes, comfort care", "COPD exac, nebs 4hrly, sats 88-92%",
	"UTI, catheter, MFFD", "Cellulitis L leg, mark margins", "Chest pain - trop x2, cardiology r/v",
	"Diabetic - BM QDS, insulin sliding scale", "Delirium, 1:1, falls risk", "TTO ready, transport booked",
}

func drawHandover(c *canvas) {
	W, H := float64(c.w()), float64(c.h())
	paper := rgb(250, 250, 246)
	fillRect(c.img, c.img.Rect, paper)
	fam := printFamilies[c.rng.IntN(len(printFamilies))]
	ink := c.faded(rgb(20, 20, 26), paper)
	m := W * 0.045
	em := c.sz(12, 36)
	body := style{font: fam[0], size: em, col: ink}
	bold := style{font: fam[1], size: em, col: ink}

	ward := pick(c.rng, wards)
	title := bold.with(em * 1.7)
	y := m + title.size
	c.text(m, y, title, ward+" Handover - "+pick(c.rng, []string{"Early", "Late", "Night"})+" Shift", "heading")
	y += em * 2
	x := m + c.line(m, y, body, seg{"Date:", "heading"}, seg{refDate.Format("02/01/2006"), "heading"})
	c.line(x+em*3, y, body, seg{"Nurse in charge:", "heading"}, seg{staffName(c.rng), "staff-name"})

	fracs := []float64{0.055, 0.2, 0.115, 0.15, 0.13, 0.35}
	headers := []string{"Bed", "Patient", "DOB", "NHS No", "Hosp No", "Diagnosis / plan"}
	xs := []float64{m}
	for _, f := range fracs {
		xs = append(xs, xs[len(xs)-1]+f*(W-2*m))
	}
	top := y + em*1.2
	rowH := em * 2
	n := min(16, int((H-m-em*2-top)/rowH)-1)
	if n < 3 {
		n = 3
		rowH = (H - m - top) / float64(n+1)
	}
	grid := c.faded(gray(120), paper)
	t := max(1, int(em*0.08))
	fillRect(c.img, image.Rect(int(m), int(top), int(W-m), int(top+rowH)), c.faded(rgb(215, 225, 238), paper))
	for i := 0; i <= n+1; i++ {
		hline(c.img, int(m), int(W-m), int(top+rowH*float64(i)), t, grid)
	}
	for _, x := range xs {
		vline(c.img, int(x), int(top), int(top+rowH*float64(n+1)), t, grid)
	}
	pad := em * 0.35
	cell := func(col, row int, st style, s, kind string) {
		st = c.fit(st, s, xs[col+1]-xs[col]-2*pad)
		c.text(xs[col]+pad, top+rowH*float64(row)+rowH/2+em*0.36, st, s, kind)
	}
	for i, h := range headers {
		cell(i, 0, bold, h, "heading")
	}
	for i, p := range people(c.rng, n) {
		row := i + 1
		cell(0, row, body, fmt.Sprint(i+1), "bed-number")
		cell(1, row, bold, p.name(c.rng.IntN(7)), "person-name")
		cell(2, row, body, p.dobText(0), "date-of-birth")
		cell(3, row, body, nhsSpaced(p.nhs), "nhs-number")
		cell(4, row, body, p.mrn, "hospital-number")
		cell(5, row, body, pick(c.rng, planNotes), "clinical-note")
	}
	foot := body.with(em * 0.8)
	c.text(m, H-m*0.6, foot, "Confidential - do not leave unattended", "heading")
}

var letterBodies = []string{
	"Thank you for attending the respiratory clinic today. Your breathing tests were stable and we will continue the current inhalers.",
	"Please have a blood test at your GP surgery two weeks before your next appointment, and bring your medicines with you.",
	"Your scan showed no new changes. We will see you again in the clinic in six months, sooner if your symptoms get worse.",
	"If your symptoms get worse, please contact the ward or call NHS 111 for advice out of hours.",
}

func drawLetter(c *canvas) {
	W, H := float64(c.w()), float64(c.h())
	paper := rgb(252, 252, 249)
	fillRect(c.img, c.img.Rect, paper)
	fam := printFamilies[c.rng.IntN(len(printFamilies))]
	ink := c.faded(rgb(18, 18, 22), paper)
	m := W * 0.09
	em := math.Min(c.sz(13, 40), H/42)
	lh := em * 1.5
	body := style{font: fam[0], size: em, col: ink}
	bold := style{font: fam[1], size: em, col: ink}
	p := newPerson(c.rng)

	// Letterhead, right aligned.
	y := m + em
	right := func(st style, s, kind string) {
		c.text(W-m-c.measure(st, s), y, st, s, kind)
		y += st.size * 1.5
	}
	hname := pick(c.rng, hospitals)
	right(c.fit(bold.with(em*1.35), hname, W*0.6), hname, "ward-name")
	right(body, pick(c.rng, units)+", "+pick(c.rng, wards), "ward-name")
	y += lh
	right(body, refDate.Format("2 January 2006"), "heading")

	// Address block.
	y += lh
	left := func(segs ...seg) {
		c.line(m, y, body, segs...)
		y += lh
	}
	left(seg{p.title + " " + p.first + " " + p.last, "person-name"})
	left(seg{fmt.Sprintf("%d %s", p.house, p.street), "address"})
	left(seg{p.town, "address"})
	left(seg{p.post, "postcode"})
	y += lh
	left(seg{"Dear", "heading"}, seg{p.title + " " + p.last, "person-name"})
	y += lh * 0.5
	c.line(m, y, bold, seg{"Re:", "heading"}, seg{p.first + " " + upper(p.last), "person-name"},
		seg{"DOB", "heading"}, seg{p.dobText(c.rng.IntN(3)), "date-of-birth"})
	y += lh
	left(seg{"NHS No:", "heading"}, seg{nhsSpaced(p.nhs), "nhs-number"}, seg{"  Hospital No:", "heading"}, seg{p.mrn, "hospital-number"})
	left(seg{"Tel:", "heading"}, seg{p.phone, "phone"})
	left(seg{"Email:", "heading"}, seg{p.email, "email"})
	y += lh * 0.5
	for i, b := range letterBodies {
		if i > 0 && c.rng.IntN(3) == 0 {
			continue
		}
		for _, l := range wrap(c, body, b, W-2*m) {
			left(seg{l, "clinical-note"})
		}
		y += lh * 0.4
	}
	y += lh * 0.5
	left(seg{"Yours sincerely,", "heading"})
	y += lh
	left(seg{doctorName(c.rng), "staff-name"})
	left(seg{"Consultant Physician", "heading"})
}
