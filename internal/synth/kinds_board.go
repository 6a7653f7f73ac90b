package synth

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
)

// faded pulls an ink colour towards the background at difficulty 3, the way
// a drying marker or a washed-out print looks.
func (c *canvas) faded(ink, bg color.NRGBA) color.NRGBA {
	switch c.diff {
	case 3:
		return lerpCol(ink, bg, 0.3)
	case 2:
		return lerpCol(ink, bg, 0.1)
	}
	return ink
}

// writer is one person's handwriting on a board: font, wobble and pen.
type writer struct {
	font   string
	jitter float64
	col    color.NRGBA
}

func (c *canvas) newWriter(pens []color.NRGBA, bg color.NRGBA) writer {
	w := writer{col: c.faded(pens[c.rng.IntN(len(pens))], bg)}
	switch r := c.rng.IntN(20); {
	case r < 9:
		w.font, w.jitter = fMarker, 0.015
	case r < 16:
		w.font, w.jitter = fHand, 0.035
	default:
		w.font, w.jitter = fMarkerReg, 0.02
	}
	return w
}

func (w writer) style(size float64) style {
	return style{font: w.font, size: size, col: w.col, jitter: w.jitter}
}

func drawWhiteboard(c *canvas) { whiteboard(c, 12) }

// drawSelfieBoard is the board behind the team in a selfie: the same
// patient board, fewer rows.
func drawSelfieBoard(c *canvas) { whiteboard(c, 8) }

func whiteboard(c *canvas, maxRows int) {
	W, H := float64(c.w()), float64(c.h())
	bg := rgb(246, 247, 243)
	pens := []color.NRGBA{rgb(28, 28, 34), rgb(24, 58, 160), rgb(28, 28, 34), rgb(24, 58, 160), rgb(170, 28, 36), rgb(18, 110, 60)}
	grid := rgb(70, 72, 80)
	ghost := color.NRGBA{150, 155, 165, 28}
	if c.dark { // glass board with chalk pens
		bg = rgb(30, 44, 40)
		pens = []color.NRGBA{rgb(240, 240, 235), rgb(250, 225, 90), rgb(240, 240, 235), rgb(140, 220, 240)}
		grid = rgb(190, 195, 190)
		ghost = color.NRGBA{200, 210, 205, 22}
	}
	fillRect(c.img, c.img.Rect, bg)
	smudges(c.img, c.rng, 14, ghost)
	frame := max(3, int(math.Min(W, H)/70))
	frameCol := rgb(176, 179, 184)
	fillRect(c.img, image.Rect(0, 0, int(W), frame), frameCol)
	fillRect(c.img, image.Rect(0, int(H)-frame, int(W), int(H)), frameCol)
	fillRect(c.img, image.Rect(0, 0, frame, int(H)), frameCol)
	fillRect(c.img, image.Rect(int(W)-frame, 0, int(W), int(H)), frameCol)

	m := float64(frame) + math.Min(W, H)*0.035
	lead := c.newWriter(pens[:2], bg)
	head := lead.style(c.sz(30, 100))
	title, kind := pick(c.rng, wards)+" - Patient Board", "heading"
	if c.rng.IntN(3) == 0 {
		title, kind = pick(c.rng, wards)+" "+pick(c.rng, units), "ward-name"
	}
	head = c.fit(head, title, (W-2*m)*0.55)
	y := m + head.size*0.85
	c.text(m, y, head, title, kind)
	nic := lead.style(c.sz(18, 55))
	segs := []seg{{"Nurse in charge:", "heading"}, {staffName(c.rng), "staff-name"}}
	nic = c.fit(nic, "Nurse in charge: Marcus", (W-2*m)*0.38)
	c.line(W-m-lineWidth(c, nic, segs...), y, nic, segs...)

	// The table.
	top := y + head.size*0.45
	fracs := []float64{0.08, 0.31, 0.15, 0.29, 0.17}
	useDOB := c.rng.IntN(3) == 0
	headers := []string{"Bed", "Patient", "Age", "Plan", "Nurse"}
	if useDOB {
		headers[2] = "DOB"
	}
	em := c.sz(20, 80)
	rowH := em * 1.7
	avail := H - m - top
	n := int(avail/rowH) - 1
	if n > maxRows {
		n = maxRows
		rowH = math.Min(avail/float64(n+1), em*2.4)
	}
	if n < 4 {
		n = 4
		rowH = avail / float64(n+1)
		em = rowH / 1.7
	}
	t := max(2, int(em*0.07))
	xs := []float64{m}
	for _, f := range fracs {
		xs = append(xs, xs[len(xs)-1]+f*(W-2*m))
	}
	bottom := top + rowH*float64(n+1)
	for i := 0; i <= n+1; i++ {
		hline(c.img, int(m), int(W-m), int(top+rowH*float64(i)), t, grid)
	}
	for _, x := range xs {
		vline(c.img, int(x), int(top), int(bottom), t, grid)
	}
	pad := em * 0.3
	baseline := func(row int, size float64) float64 {
		return top + rowH*float64(row) + rowH/2 + size*0.36
	}
	hs := lead.style(em * 0.8)
	for i, hd := range headers {
		c.text(xs[i]+pad, baseline(0, hs.size), hs, hd, "heading")
	}
	pts := people(c.rng, n)
	cell := func(col, row int, st style, s, kind string) float64 {
		st = c.fit(st, s, xs[col+1]-xs[col]-2*pad)
		return c.text(xs[col]+pad, baseline(row, st.size), st, s, kind)
	}
	sideRooms := 0
	for i, p := range pts {
		row := i + 1
		w := c.newWriter(pens, bg)
		st := w.style(em * (0.92 + 0.16*c.rng.Float64()))
		bed := fmt.Sprint(i + 1)
		if c.rng.IntN(10) == 0 {
			sideRooms++
			bed = fmt.Sprintf("SR%d", sideRooms)
		}
		cell(0, row, lead.style(em), bed, "bed-number")
		if c.rng.IntN(9) == 0 {
			continue // empty bed
		}
		cell(1, row, st, p.name(c.rng.IntN(7)), "person-name")
		if useDOB {
			cell(2, row, st, p.dobText(c.rng.IntN(4)), "date-of-birth")
		} else {
			cell(2, row, st, p.ageText(c.rng.IntN(3)), "age")
		}
		note := clinicalNote(c.rng)
		x := xs[3] + pad
		ns := c.fit(st, note, xs[4]-xs[3]-2*pad)
		x += c.text(x, baseline(row, ns.size), ns, note, "clinical-note")
		if note2 := clinicalNote(c.rng); note2 != note && c.rng.IntN(2) == 0 {
			x += c.measure(ns, "  ")
			if x+c.measure(ns, note2) < xs[4]-pad {
				c.text(x, baseline(row, ns.size), ns, note2, "clinical-note")
			}
		}
		cell(4, row, st, staffName(c.rng), "staff-name")
	}
}

// selfiePlacement puts a smaller board in the upper middle of the photo,
// turned away from the camera.
func selfiePlacement(spec Spec, g degradation, rng *rand.Rand) placement {
	W, H := float64(spec.Width), float64(spec.Height)
	frac := 0.42 + 0.14*rng.Float64()
	if H > W {
		frac = 0.62 + 0.12*rng.Float64()
	}
	bw := W * frac
	bh := bw / 1.5
	cx := W * (0.4 + 0.2*rng.Float64())
	cy := H*0.08 + bh/2 + rng.Float64()*H*0.08
	yaw := (0.06 + 0.08*float64(spec.Difficulty)) * (rng.Float64()*0.5 + 0.5)
	if rng.IntN(2) == 0 {
		yaw = -yaw
	}
	hl, hr := bh*(1+yaw/2), bh*(1-yaw/2)
	wtop := bw * (1 - math.Abs(yaw)*0.3)
	corners := [4]pt{{-wtop / 2, -hl / 2}, {wtop / 2, -hr / 2}, {wtop / 2, hr / 2}, {-wtop / 2, hl / 2}}
	var q [4]pt
	cs, sn := math.Cos(g.rot*0.6), math.Sin(g.rot*0.6)
	for i, p := range corners {
		q[i] = pt{cx + p.x*cs - p.y*sn, cy + p.x*sn + p.y*cs}
	}
	return placement{bw: int(bw * 1.05), bh: int(bh * (1 + math.Abs(yaw)/2)), quad: q}
}
