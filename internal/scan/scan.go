// Package scan ties OCR and the checks together: it reads an image, runs the
// checks on each line and across neighbouring lines, and maps the findings
// back to padded, merged pixel regions in upright-image coordinates.
package scan

import (
	"context"
	"errors"
	"fmt"
	"image"
	"sort"
	"strings"
	"unicode"

	"safepost/checks"
	"safepost/internal/ocr"
)

// Finding is one check's finding with its pixel box.
type Finding struct {
	checks.Finding
	Box image.Rectangle
}

// Region is an area of the image to redact.
type Region struct {
	Box image.Rectangle
	// Kinds lists the check IDs that put words in this region.
	Kinds      []string
	Reason     string
	Confidence float64
	// TextHeight is the tallest text line inside, in pixels; redaction
	// strength scales with it.
	TextHeight int
	// Source is "ocr" for check findings, "layout" for text covered because
	// of where it sits (a patient-list row, a misread word next to a
	// finding) and "manual" for regions a person drew.
	Source string
}

// Result is what a scan found in one image. It holds no patient text except
// inside Findings[i].Match, which callers must not write to disk or logs.
type Result struct {
	Width, Height int
	Findings      []Finding
	Regions       []Region
	// Words is how many words OCR read, for reports.
	Words int
}

// Scanner reads images and finds patient information in them.
type Scanner struct {
	OCR    ocr.Engine
	Checks *checks.Scanner
}

// Scan reads img and returns its findings and regions.
func (s *Scanner) Scan(ctx context.Context, img image.Image) (*Result, error) {
	if s.OCR == nil || s.Checks == nil {
		return nil, errors.New("scan: scanner is not set up")
	}
	page, err := s.OCR.Read(ctx, img)
	if err != nil {
		return nil, fmt.Errorf("reading text: %w", err)
	}
	b := img.Bounds()
	res := Analyse(s.Checks, page, b)
	return res, nil
}

// Analyse runs the checks over an OCR page and builds regions clipped to
// bounds. It is separate from Scan so the verifier and tests can reuse it.
func Analyse(cs *checks.Scanner, page *ocr.Page, bounds image.Rectangle) *Result {
	doc := Document(page)
	found := cs.Scan(doc)
	res := &Result{Width: bounds.Dx(), Height: bounds.Dy()}
	for _, l := range doc.Lines {
		res.Words += len(l.Words)
	}
	lineFlag := make([]bool, len(doc.Lines))
	lineStrong := make([]bool, len(doc.Lines))
	listRows := map[int]bool{}
	var regions []Region
	for _, f := range found {
		box := rect(f.Box(doc))
		if box.Empty() {
			continue
		}
		res.Findings = append(res.Findings, Finding{Finding: f, Box: box})
		regions = append(regions, Region{Box: box, Kinds: []string{f.Check}, Reason: f.Reason,
			Confidence: f.Confidence, TextHeight: textHeight(doc, f.Words), Source: "ocr"})
		for _, r := range f.Words {
			lineFlag[r.Line] = true
			if strongKinds[f.Check] || f.Confidence >= 0.8 {
				lineStrong[r.Line] = true
			}
			if f.Check == "patient-list" {
				listRows[r.Line] = true
			}
		}
	}
	regions = append(regions, contextRegions(doc, lineStrong, listRows)...)
	res.Regions = Merge(regions, bounds)
	return res
}

// strongKinds are findings that make the rest of their line suspect: a line
// with a date of birth or an NHS number usually also holds the name.
var strongKinds = map[string]bool{
	"nhs-number": true, "chi-number": true, "hc-number": true, "hospital-number": true,
	"date-of-birth": true, "patient-list": true,
}

// contextRegions covers text that the checks did not flag but whose place
// makes it patient information: misread or capitalised words on a line with
// a strong finding, low-confidence words on the lines next to it, and whole
// lines inside a patient list (between or beside flagged rows).
func contextRegions(doc checks.Document, strong []bool, listRows map[int]bool) []Region {
	var out []Region
	add := func(li, wi int, why string) {
		w := doc.Lines[li].Words[wi]
		out = append(out, Region{Box: rect(w.Box), Kinds: []string{"context"}, Reason: why,
			Confidence: 0.6, TextHeight: w.Box.Height(), Source: "layout"})
	}
	for li, l := range doc.Lines {
		if !strong[li] {
			continue
		}
		for wi, w := range l.Words {
			if w.Conf < 70 || shoutedWord(w.Text) {
				add(li, wi, "Text on the same line as patient details")
			}
		}
		for _, nj := range neighbours(doc, li) {
			for wi, w := range doc.Lines[nj].Words {
				if w.Conf < 60 && alnum(w.Text) >= 3 {
					add(nj, wi, "Unclear text next to patient details")
				}
			}
		}
	}
	if len(listRows) > 0 {
		out = append(out, listRegions(doc, listRows)...)
	}
	return out
}

// listRegions covers the lines that sit within a patient list: any line
// whose middle lies between the top and bottom of flagged rows and that
// overlaps them horizontally, so a row OCR misread is still covered.
func listRegions(doc checks.Document, rows map[int]bool) []Region {
	var board checks.Box
	var rowH []int
	for li := range rows {
		board = board.Union(doc.Lines[li].Box)
		rowH = append(rowH, doc.Lines[li].Box.Height())
	}
	h := median(rowH)
	board.Y0 -= h / 2
	board.Y1 += h / 2
	var out []Region
	for li, l := range doc.Lines {
		lb := l.Box
		if lb.Empty() {
			continue
		}
		mid := (lb.Y0 + lb.Y1) / 2
		if mid < board.Y0 || mid > board.Y1 || lb.X1 < board.X0 || lb.X0 > board.X1 {
			continue
		}
		// A whole row of the list, widened to the board so cells OCR did
		// not read at all are covered too.
		r := checks.Box{X0: min(lb.X0, board.X0), Y0: lb.Y0, X1: max(lb.X1, board.X1), Y1: lb.Y1}
		if !rows[li] && len(l.Words) == 1 && l.Words[0].Conf >= 85 && !hasDigit(l.Words[0].Text) {
			// A single clean word (a heading) inside the board's span is
			// still covered, but only its own box.
			r = lb
		}
		out = append(out, Region{Box: rect(r), Kinds: []string{"patient-list"},
			Reason: "Part of a patient list or whiteboard", Confidence: 0.8, TextHeight: lb.Height(), Source: "layout"})
	}
	return out
}

// neighbours returns the lines directly above and below line li: close
// vertically (within a line height) and overlapping horizontally.
func neighbours(doc checks.Document, li int) []int {
	a := doc.Lines[li].Box
	h := a.Height()
	var out []int
	for j, l := range doc.Lines {
		b := l.Box
		if j == li || b.Empty() || b.X1 < a.X0 || b.X0 > a.X1 {
			continue
		}
		gapAbove, gapBelow := a.Y0-b.Y1, b.Y0-a.Y1
		if (gapAbove >= -h/2 && gapAbove <= h) || (gapBelow >= -h/2 && gapBelow <= h) {
			out = append(out, j)
		}
	}
	return out
}

// Document converts an OCR page to the checks' text model.
func Document(page *ocr.Page) checks.Document {
	doc := checks.Document{Source: checks.SourceOCR}
	if page == nil {
		return doc
	}
	for _, l := range page.Lines {
		var line checks.Line
		for _, w := range l.Words {
			line.Words = append(line.Words, checks.Word{Text: w.Text, Box: box(w.Box), Conf: w.Conf, Start: -1, End: -1})
		}
		line.Box = box(l.Box)
		doc.Lines = append(doc.Lines, line)
	}
	return doc
}

// Merge pads each region in proportion to its text height, clips it to
// bounds and merges regions that overlap, so a redaction never leaves a
// readable sliver between two boxes.
func Merge(regions []Region, bounds image.Rectangle) []Region {
	var rs []Region
	for _, r := range regions {
		th := r.TextHeight
		if th <= 0 {
			th = r.Box.Dy()
		}
		pad := max(4, th*3/10)
		r.Box = image.Rect(r.Box.Min.X-pad, r.Box.Min.Y-pad, r.Box.Max.X+pad, r.Box.Max.Y+pad).Intersect(bounds)
		if r.Box.Empty() {
			continue
		}
		r.TextHeight = max(th, 1)
		rs = append(rs, r)
	}
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(rs); i++ {
			for j := i + 1; j < len(rs); j++ {
				if !rs[i].Box.Overlaps(rs[j].Box) {
					continue
				}
				rs[i] = union(rs[i], rs[j])
				rs = append(rs[:j], rs[j+1:]...)
				merged = true
				j--
			}
		}
	}
	sort.Slice(rs, func(a, b int) bool {
		if rs[a].Box.Min.Y != rs[b].Box.Min.Y {
			return rs[a].Box.Min.Y < rs[b].Box.Min.Y
		}
		return rs[a].Box.Min.X < rs[b].Box.Min.X
	})
	return rs
}

func union(a, b Region) Region {
	out := a
	out.Box = a.Box.Union(b.Box)
	out.TextHeight = max(a.TextHeight, b.TextHeight)
	out.Confidence = max(a.Confidence, b.Confidence)
	seen := map[string]bool{}
	out.Kinds = nil
	for _, k := range append(append([]string{}, a.Kinds...), b.Kinds...) {
		if !seen[k] {
			seen[k] = true
			out.Kinds = append(out.Kinds, k)
		}
	}
	sort.Strings(out.Kinds)
	// Keep the reason of the check finding over a layout reason.
	if a.Source != "ocr" && b.Source == "ocr" {
		out.Reason, out.Source = b.Reason, b.Source
	}
	return out
}

func textHeight(doc checks.Document, refs []checks.Ref) int {
	h := 0
	for _, r := range refs {
		if r.Line < len(doc.Lines) && r.Word < len(doc.Lines[r.Line].Words) {
			h = max(h, doc.Lines[r.Line].Words[r.Word].Box.Height())
		}
	}
	return h
}

func box(r image.Rectangle) checks.Box {
	return checks.Box{X0: r.Min.X, Y0: r.Min.Y, X1: r.Max.X, Y1: r.Max.Y}
}

func rect(b checks.Box) image.Rectangle { return image.Rect(b.X0, b.Y0, b.X1, b.Y1) }

func median(v []int) int {
	if len(v) == 0 {
		return 0
	}
	s := append([]int{}, v...)
	sort.Ints(s)
	return s[len(s)/2]
}

// shoutedWord reports an all-capitals word of three or more letters, the
// way names are printed on labels and X-rays.
func shoutedWord(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			letters++
		}
	}
	return letters >= 3 && !commonCaps[strings.Trim(s, ".:,;()[]")]
}

// commonCaps are capitalised labels that sit next to patient details but
// are not themselves identifying.
var commonCaps = map[string]bool{
	"DOB": true, "NHS": true, "MRN": true, "AGE": true, "SEX": true, "WARD": true, "BED": true,
	"NAME": true, "DATE": true, "HOSP": true, "UNIT": true, "NO": true, "ID": true, "PORTABLE": true,
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

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }
