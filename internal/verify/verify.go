// Package verify checks a redacted image the way an attacker would: it reads
// the redacted areas again with OCR, re-runs the checks, and fills solid any
// area where text is still readable.
package verify

import (
	"context"
	"fmt"
	"image"
	"image/draw"
	"strings"
	"unicode"

	"github.com/disintegration/imaging"

	"safepost/checks"
	"safepost/internal/ocr"
	"safepost/internal/redact"
	"safepost/internal/scan"
)

// Report says what verification did.
type Report struct {
	// Verified is true when every area was read again and nothing flagged
	// is readable in the returned image.
	Verified bool
	// Escalated counts areas that were filled solid because text was
	// still readable after the first redaction.
	Escalated int
}

// Verifier re-reads redacted areas.
type Verifier struct {
	OCR    ocr.Engine
	Checks *checks.Scanner
	// Redactor fills the areas still readable; its zero value draws fresh
	// randomness from crypto/rand (see redact.Redactor).
	Redactor redact.Redactor
}

// Verify reads the areas of redacted again. Where OCR still reads a
// confident word inside an area, or the checks flag anything in or next to
// it (unless all they read inside it is a one-letter speck), that area
// (widened to cover the finding) is filled solid. The fills are painted
// on redacted itself, which is returned: a 12 MP photo's copy is 48 MB,
// and the caller's redacted copy is its own (see pipeline.Engine.Redact).
func (v *Verifier) Verify(ctx context.Context, redacted *image.NRGBA, areas []redact.Area) (*image.NRGBA, Report, error) {
	// A solid fill leaves nothing to read; only blurred and pixelated
	// areas are read again.
	var check []redact.Area
	for _, a := range areas {
		if a.Style != redact.Fill {
			check = append(check, a)
		}
	}
	areas = check
	if len(areas) == 0 {
		return redacted, Report{Verified: true}, nil
	}
	m := newMosaic(redacted, areas)
	page, err := v.OCR.Read(ctx, m.img)
	if err != nil {
		return redacted, Report{}, fmt.Errorf("verifying redaction: %w", err)
	}
	// Escalated areas are filled in their own outline; a finding that
	// reaches past its area is filled over its own box as well.
	escalate := map[int]bool{}
	var extra []image.Rectangle
	for _, l := range page.Lines {
		for _, w := range l.Words {
			ai, r, ok := m.back(w.Box)
			if !ok {
				continue
			}
			c := r.Min.Add(r.Max).Div(2)
			if inArea(areas[ai], c) && w.Conf >= 60 && alnum(w.Text) >= 3 {
				escalate[ai] = true
			}
		}
	}
	res := scan.Analyse(v.Checks, page, m.img.Bounds())
	for _, f := range res.Findings {
		if ai, r, ok := m.back(f.Box); ok && !m.speckOnly(page, f.Box, ai, areas[ai]) {
			escalate[ai] = true
			if !r.In(areas[ai].Box) || areas[ai].Quad != ([4]image.Point{}) {
				extra = append(extra, r)
			}
		}
	}
	if len(escalate) == 0 {
		return redacted, Report{Verified: true}, nil
	}
	var fills []redact.Area
	for ai := range escalate {
		fills = append(fills, redact.Area{Box: areas[ai].Box, Quad: areas[ai].Quad, TextHeight: areas[ai].TextHeight, Style: redact.Fill, Fixed: areas[ai].Fixed})
	}
	// A finding's own box follows its text, so it is grown like any
	// area before it is filled.
	for _, r := range extra {
		fills = append(fills, redact.Area{Box: r, Style: redact.Fill, Words: []image.Rectangle{r}})
	}
	v.Redactor.Paint(redacted, fills)
	return redacted, Report{Verified: true, Escalated: len(escalate)}, nil
}

// inArea reports whether p lies inside the area's outline.
func inArea(a redact.Area, p image.Point) bool {
	if !p.In(a.Box) {
		return false
	}
	return a.Quad == ([4]image.Point{}) || redact.InQuad(a.Quad, p.X, p.Y)
}

// mosaic stacks the areas' surroundings into one image so that one OCR call
// reads them all. Each crop is shrunk until its text is about 32 px tall:
// Tesseract reads text of that size best, and a blurred area that yields
// nothing at that scale yields nothing larger either.
type mosaic struct {
	img    *image.NRGBA
	tiles  []image.Rectangle // where each crop sits in the mosaic
	source []image.Rectangle // where it came from in the redacted image
	scale  []float64         // mosaic pixels per source pixel
}

const (
	gap        = 24
	readHeight = 32
)

func newMosaic(src *image.NRGBA, areas []redact.Area) *mosaic {
	m := &mosaic{}
	var crops []*image.NRGBA
	w, y := 0, gap
	for _, a := range areas {
		margin := max(8, a.TextHeight)
		r := a.Box.Inset(-margin).Intersect(src.Bounds())
		s := 1.0
		if a.TextHeight > readHeight {
			s = float64(readHeight) / float64(a.TextHeight)
		}
		cw, ch := max(1, int(float64(r.Dx())*s)), max(1, int(float64(r.Dy())*s))
		crop := imaging.Crop(src, r)
		if a.Quad != ([4]image.Point{}) {
			// Only the turned area was redacted: the rest of its box
			// is untouched text that is not this area's to judge.
			for y := 0; y < crop.Rect.Dy(); y++ {
				for x := 0; x < crop.Rect.Dx(); x++ {
					if !redact.InQuad(a.Quad, r.Min.X+x, r.Min.Y+y) {
						copy(crop.Pix[crop.PixOffset(x, y):], []uint8{255, 255, 255, 255})
					}
				}
			}
		}
		if s < 1 {
			crop = imaging.Resize(crop, cw, ch, imaging.Box)
		}
		crops = append(crops, crop)
		m.source = append(m.source, r)
		m.scale = append(m.scale, float64(cw)/float64(max(1, r.Dx())))
		m.tiles = append(m.tiles, image.Rect(gap, y, gap+cw, y+ch))
		y += ch + gap
		w = max(w, cw+2*gap)
	}
	m.img = image.NewNRGBA(image.Rect(0, 0, w, y))
	draw.Draw(m.img, m.img.Bounds(), image.White, image.Point{}, draw.Src)
	for i, t := range m.tiles {
		draw.Draw(m.img, t, crops[i], image.Point{}, draw.Src)
	}
	return m
}

// back maps a box in the mosaic to the area it came from, in the redacted
// image's coordinates.
func (m *mosaic) back(r image.Rectangle) (int, image.Rectangle, bool) {
	c := r.Min.Add(r.Max).Div(2)
	for i, t := range m.tiles {
		if !c.In(t) {
			continue
		}
		s := m.scale[i]
		o := m.source[i].Min
		out := image.Rect(
			o.X+int(float64(r.Min.X-t.Min.X)/s), o.Y+int(float64(r.Min.Y-t.Min.Y)/s),
			o.X+int(float64(r.Max.X-t.Min.X)/s+0.999), o.Y+int(float64(r.Max.Y-t.Min.Y)/s+0.999))
		return i, out.Intersect(m.source[i]), true
	}
	return 0, image.Rectangle{}, false
}

// speckOnly reports whether the only part of a finding read in the
// mosaic at box that lies inside area ai is a speck of the blurred area
// read as a single letter: "J" beside a heading the scan left readable
// makes "J Ward" look like a name, but nothing in the area was read. Any
// other finding, including one wholly beside the area or one with a
// digit inside it, is filled.
func (m *mosaic) speckOnly(page *ocr.Page, box image.Rectangle, ai int, a redact.Area) bool {
	pages := append([]ocr.Page{*page}, page.Readings...)
	specks := 0
	for _, p := range pages {
		for _, l := range p.Lines {
			for _, w := range l.Words {
				if !w.Box.Min.Add(w.Box.Max).Div(2).In(box) {
					continue
				}
				i, r, ok := m.back(w.Box)
				if !ok || i != ai || !inArea(a, r.Min.Add(r.Max).Div(2)) {
					continue
				}
				if alnum(w.Text) > 1 || strings.ContainsAny(w.Text, "0123456789") {
					return false
				}
				if alnum(w.Text) == 1 {
					specks++
				}
			}
		}
	}
	return specks > 0
}

func alnum(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
