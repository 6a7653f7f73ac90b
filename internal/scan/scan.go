// Package scan ties OCR and the checks together: it reads an image, runs the
// checks on each line and across neighbouring lines, and maps the findings
// back to padded, merged pixel regions in upright-image coordinates.
package scan

import (
	"context"
	"errors"
	"fmt"
	"image"

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
	Kinds []string
	// Reason says why, in words for a person; no rule may read it.
	Reason string
	// Field, for a field's value, is what its label says the value is
	// (name, dob, id, address, phone, email, age): rules read this.
	Field      string
	Confidence float64
	// TextHeight is the tallest text line inside, in pixels; redaction
	// strength scales with it.
	TextHeight int
	// Source is "ocr" for check findings, "layout" for text covered because
	// of where it sits (a patient-list row, a misread word next to a
	// finding) and "manual" for regions a person drew.
	Source string
	// Quad, when set, is the region's outline on a photo that was read
	// straightened: four corners in image pixels, in order around the
	// edge. Box is then the smallest rectangle holding it. The zero value
	// means the region is Box itself.
	Quad [4]image.Point
	// Words are the boxes of the flagged text inside the region, each
	// finding's and each layout rule's before padding: where its text is.
	// The redaction chooses its tint from their pixels, and a region of
	// one line of words grows along its field (redact.Area.Words).
	Words []image.Rectangle
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
	res := &Result{Width: bounds.Dx(), Height: bounds.Dy()}
	doc := Document(page)
	for _, l := range doc.Lines {
		res.Words += len(l.Words)
	}
	merged := findIn(cs, doc, res)
	regions := merged.regions
	if page != nil {
		// Each pass's own reading too: what the merge lost is still found
		// and the layout rules (Rules) run over it as well.
		// A reading's list rows and flagged lines carry over to the
		// merged page, whose list is grown there: a pass's own line boxes
		// (a coarse pass's boxes take in table rules and the slope of a
		// row) measure a list's rows and gaps worse than the merged
		// page's.
		for i := range page.Readings {
			r := findIn(cs, Document(&page.Readings[i]), res)
			regions = append(regions, r.regions...)
			regions = append(regions, cover(r, false)...)
			merged.carryOver(r)
			merged.others = append(merged.others, r.doc)
		}
	}
	merged.prior = regions
	regions = append(regions, cover(merged, true)...)
	return place(res, regions, page, bounds)
}

// found is what the checks found in one reading of a page: what the
// layout rules read.
type found struct {
	doc      checks.Document
	fields   *checks.Fields // the personal fields' labels
	regions  []Region       // the findings' own
	strong   []strongHit
	listRows map[int]bool // lines holding a patient-list row
	flagged  map[int]bool // lines holding a finding
	address  map[int]bool // lines holding an address
	// For the page-only rules, on the merged page: the other readings,
	// the regions found before the rules ran and those the rules have
	// added so far.
	others       []checks.Document
	prior, sofar []Region
}

// findIn runs the checks over one reading, adds findings not already in
// res, and returns them with the lines they make suspect.
func findIn(cs *checks.Scanner, doc checks.Document, res *Result) *found {
	out := &found{doc: doc, fields: cs.Fields(), listRows: map[int]bool{}, flagged: map[int]bool{}, address: map[int]bool{}}
	for _, f := range cs.Scan(doc) {
		if f.Check == checks.KindPersonName && meanConf(doc, f.Words) < textureNameConf {
			// A "name" made of words OCR was unsure of is usually texture
			// read as letters; real misread names are covered by their
			// context (rows, labels) instead.
			f.Confidence *= textureNameFactor
			if f.Confidence < cs.MinConfidence() {
				continue
			}
		}
		box := rect(f.Box(doc))
		if box.Empty() {
			continue
		}
		if !seen(res.Findings, f.Check, box) {
			res.Findings = append(res.Findings, Finding{Finding: f, Box: box})
		}
		out.regions = append(out.regions, Region{Box: box, Kinds: []string{f.Check}, Reason: f.Reason,
			Confidence: f.Confidence, TextHeight: textHeight(doc, f.Words), Source: "ocr"})
		for _, r := range f.Words {
			out.flagged[r.Line] = true
		}
		if f.Check == "address" {
			out.address[f.Words[0].Line] = true
		}
		if f.Check == checks.KindPatientList {
			for _, r := range f.Words {
				out.listRows[r.Line] = true
			}
		} else if strongKinds[f.Check] || f.Confidence >= strongConf {
			out.strong = append(out.strong, strongHit{box: f.Box(doc), line: f.Words[0].Line, digits: hasDigit(f.Match), kind: f.Check})
		}
	}
	return out
}

// carryOver carries another reading's findings (o, of the same page in the
// same frame) over to f: the lines of f that sit on a line o flagged are
// flagged too, and list rows if o's line was one. A line sits on another
// when its centre is level with that line's centre (within half its text
// height) and they overlap horizontally. Centres, not edges: a coarse
// reading's boxes are padded evenly by the rules and the slope around the
// row, so its edges reach into the rows either side.
func (f *found) carryOver(o *found) {
	for ri := range o.flagged {
		rb := o.doc.Lines[ri].Box
		rmid := (rb.Y0 + rb.Y1) / 2
		for li, l := range f.doc.Lines {
			lb := l.Box
			mid, th := (lb.Y0+lb.Y1)/2, lineTextHeight(l)
			if lb.Empty() || lb.X1 <= rb.X0 || lb.X0 >= rb.X1 || 2*(mid-rmid) > th || 2*(rmid-mid) > th {
				continue
			}
			if o.listRows[ri] {
				f.listRows[li] = true
			}
			f.flagged[li] = true
		}
	}
}

// seen reports whether fs already holds a finding of this check over most
// of box.
func seen(fs []Finding, check string, box image.Rectangle) bool {
	for _, f := range fs {
		in := f.Box.Intersect(box)
		if f.Check == check && 2*in.Dx()*in.Dy() >= min(box.Dx()*box.Dy(), f.Box.Dx()*f.Box.Dy()) {
			return true
		}
	}
	return false
}

// place merges the regions and, for a page read straightened, maps them and
// the findings back onto the photo.
func place(res *Result, regions []Region, page *ocr.Page, bounds image.Rectangle) *Result {
	clear := clearWords(Document(page), regions)
	// Each region's own box, before padding, is where its flagged text is.
	own := make([]Region, len(regions))
	for i, r := range regions {
		own[i] = r
		own[i].Words = []image.Rectangle{r.Box}
	}
	regions = own
	if page == nil || page.Turn == nil {
		res.Regions = Merge(regions, bounds, clear)
		return res
	}
	// The page was read straightened: everything above is in that frame,
	// where rows run level. Map findings and regions back onto the photo,
	// regions as turned rectangles so they cover the rows, not the
	// triangles between them.
	turn := page.Turn
	for i := range res.Findings {
		q := turn.Quad(res.Findings[i].Box)
		res.Findings[i].Box = quadBounds(q[:]).Intersect(bounds)
	}
	for _, r := range Merge(regions, turn.Bounds(), clear) {
		r.Quad = turn.Quad(r.Box)
		r.Box = quadBounds(r.Quad[:]).Intersect(bounds)
		if r.Box.Empty() {
			continue
		}
		words := r.Words
		r.Words = nil
		for _, w := range words {
			q := turn.Quad(w)
			if b := quadBounds(q[:]).Intersect(r.Box); !b.Empty() {
				r.Words = append(r.Words, b)
			}
		}
		res.Regions = append(res.Regions, r)
	}
	return res
}

// quadBounds is the smallest rectangle holding the points.
func quadBounds(q []image.Point) image.Rectangle {
	r := image.Rectangle{Min: q[0], Max: q[0]}
	for _, p := range q[1:] {
		r.Min.X, r.Min.Y = min(r.Min.X, p.X), min(r.Min.Y, p.Y)
		r.Max.X, r.Max.Y = max(r.Max.X, p.X), max(r.Max.Y, p.Y)
	}
	return r
}

// Document converts an OCR page to the checks' text model.
func Document(page *ocr.Page) checks.Document {
	doc := checks.Document{Source: checks.SourceOCR}
	if page == nil {
		return doc
	}
	// A straightened page is analysed in its straightened frame, where
	// rows, columns and neighbours line up.
	straight := page.Turn != nil
	for _, l := range page.Lines {
		var line checks.Line
		for _, w := range l.Words {
			b := w.Box
			if straight {
				b = w.Straight
			}
			line.Words = append(line.Words, checks.Word{Text: w.Text, Box: box(b), Conf: w.Conf, Start: -1, End: -1})
		}
		line.Box = box(l.Box)
		if straight {
			line.Box = box(l.Straight)
		}
		doc.Lines = append(doc.Lines, line)
	}
	return doc
}

// textHeight is the height of the tallest of a finding's words that holds
// a letter or digit: a table rule read as "|" inside a row is not text,
// and its height would pad the region over the rows around it. Without
// such words it is the tallest word.
func textHeight(doc checks.Document, refs []checks.Ref) int {
	h, any := 0, 0
	for _, r := range refs {
		if r.Line < len(doc.Lines) && r.Word < len(doc.Lines[r.Line].Words) {
			w := doc.Lines[r.Line].Words[r.Word]
			any = max(any, w.Box.Height())
			if alnum(w.Text) > 0 {
				h = max(h, w.Box.Height())
			}
		}
	}
	if h == 0 {
		return any
	}
	return h
}

func meanConf(doc checks.Document, refs []checks.Ref) float64 {
	sum, n := 0.0, 0
	for _, r := range refs {
		if r.Line < len(doc.Lines) && r.Word < len(doc.Lines[r.Line].Words) {
			sum += doc.Lines[r.Line].Words[r.Word].Conf
			n++
		}
	}
	if n == 0 {
		return 100
	}
	return sum / float64(n)
}
