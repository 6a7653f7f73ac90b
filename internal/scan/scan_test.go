package scan

import (
	"context"
	"errors"
	"image"
	"strings"
	"testing"

	"safepost/checks"
	"safepost/internal/ocr"
)

// row lays words out left to right on one line at y with text height h:
// each word is 12 px per character wide and separated by one space.
func row(y, h int, conf float64, text string) ocr.Line {
	var l ocr.Line
	x := 10
	for _, w := range strings.Fields(text) {
		wd := 12 * len(w)
		l.Words = append(l.Words, ocr.Word{Text: w, Box: image.Rect(x, y, x+wd, y+h), Conf: conf})
		x += wd + h/2
	}
	l.Box = image.Rect(10, y, x, y+h)
	return l
}

// cell is a row of words starting at x instead of the left margin.
func cell(x, y, h int, conf float64, text string) ocr.Line {
	l := row(y, h, conf, text)
	d := image.Pt(x-10, 0)
	for i := range l.Words {
		l.Words[i].Box = l.Words[i].Box.Add(d)
	}
	l.Box = l.Box.Add(d)
	return l
}

// sloped is a row whose words step down by dy pixels each, as on a board
// photographed at a slight angle: its line box is taller than its text.
func sloped(y, h, dy int, conf float64, text string) ocr.Line {
	l := row(y, h, conf, text)
	for i := range l.Words {
		l.Words[i].Box = l.Words[i].Box.Add(image.Pt(0, i*dy))
		l.Box = l.Box.Union(l.Words[i].Box)
	}
	return l
}

// tallWord stretches word i of l from y0 to y1, as OCR reads a table
// rule crossing the row.
func tallWord(l ocr.Line, i, y0, y1 int) ocr.Line {
	l.Words[i].Box.Min.Y, l.Words[i].Box.Max.Y = y0, y1
	l.Box = l.Box.Union(l.Words[i].Box)
	return l
}

// widen stretches word i of l to end at x1, as OCR reads a word over the
// ink after it.
func widen(l ocr.Line, i, x1 int) ocr.Line {
	l.Words[i].Box.Max.X = x1
	l.Box = l.Box.Union(l.Words[i].Box)
	return l
}

// extend stretches l's box to end at x1, past its last word, as OCR boxes
// a line whose end it could not read.
func extend(l ocr.Line, x1 int) ocr.Line {
	l.Box.Max.X = x1
	return l
}

// confs sets the confidences of l's words in order.
func confs(l ocr.Line, c ...float64) ocr.Line {
	for i := range c {
		l.Words[i].Conf = c[i]
	}
	return l
}

// withConf sets the confidence of word i of l.
func withConf(l ocr.Line, i int, conf float64) ocr.Line {
	l.Words[i].Conf = conf
	return l
}

func newChecks(t testing.TB) *checks.Scanner {
	t.Helper()
	cs, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// covered reports whether every box is inside some region.
func covered(regions []Region, boxes ...image.Rectangle) bool {
	for _, b := range boxes {
		ok := false
		for _, r := range regions {
			if b.In(r.Box) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// analyseCase is a page and what Analyse must make of it; each rule's
// test file holds its own table of them.
type analyseCase struct {
	name       string
	lines      []ocr.Line
	mustCover  func(p *ocr.Page) []image.Rectangle
	mustNotHit func(p *ocr.Page) []image.Rectangle
	// keepReadable are words whose centre no region may cover.
	keepReadable func(p *ocr.Page) []image.Rectangle
	wantRegions  bool
	// readings are the passes' own readings of the page, if any.
	readings [][]ocr.Line
}

// analyseBounds is the image the cases' pages lie in.
var analyseBounds = image.Rect(0, 0, 2000, 1500)

// page is the case's OCR page.
func (tt analyseCase) page() *ocr.Page {
	page := &ocr.Page{Lines: tt.lines}
	for _, r := range tt.readings {
		page.Readings = append(page.Readings, ocr.Page{Lines: r})
	}
	return page
}

// runAnalyse runs Analyse over each case's page and checks the regions.
func runAnalyse(t *testing.T, tests []analyseCase) {
	t.Helper()
	bounds := analyseBounds
	cs := newChecks(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := tt.page()
			res := Analyse(cs, page, bounds)
			if (len(res.Regions) > 0) != tt.wantRegions {
				t.Fatalf("got %d regions, want regions: %v (findings %v)", len(res.Regions), tt.wantRegions, res.Findings)
			}
			if tt.mustCover != nil && !covered(res.Regions, tt.mustCover(page)...) {
				t.Errorf("regions %v do not cover %v", boxes(res.Regions), tt.mustCover(page))
			}
			if tt.mustNotHit != nil {
				for _, b := range tt.mustNotHit(page) {
					for _, r := range res.Regions {
						if r.Box.Overlaps(b) {
							t.Errorf("region %v (%v) covers ordinary text at %v", r.Box, r.Kinds, b)
						}
					}
				}
			}
			if tt.keepReadable != nil {
				for _, b := range tt.keepReadable(page) {
					c := image.Pt((b.Min.X+b.Max.X)/2, (b.Min.Y+b.Max.Y)/2)
					for _, r := range res.Regions {
						if c.In(r.Box) {
							t.Errorf("region %v (%v) covers the label at %v", r.Box, r.Kinds, b)
						}
					}
				}
			}
			for _, r := range res.Regions {
				if !r.Box.In(bounds) || r.TextHeight <= 0 || r.Reason == "" || len(r.Kinds) == 0 {
					t.Errorf("bad region %+v", r)
				}
			}
		})
	}
}

var analyseCases = []analyseCase{
	{
		name:        "signage has no regions",
		lines:       []ocr.Line{row(100, 40, 95, "Hand hygiene saves lives"), row(200, 40, 95, "Visiting times 2pm - 8pm")},
		wantRegions: false,
	},
	{
		name:        "title and name",
		lines:       []ocr.Line{row(100, 30, 95, "Happy birthday Mrs Joan Okafor")},
		wantRegions: true,
		mustCover: func(p *ocr.Page) []image.Rectangle {
			return []image.Rectangle{p.Lines[0].Words[2].Box, p.Lines[0].Words[4].Box}
		},
		mustNotHit: func(p *ocr.Page) []image.Rectangle { return []image.Rectangle{p.Lines[0].Words[0].Box} },
	},
	{
		// The same-value rule: the viewer's tab repeats the name the
		// label gave away.
		name:        "a name repeated in a tab",
		lines:       []ocr.Line{row(100, 30, 95, "Patient: Qwerlin Trebor"), row(300, 30, 95, "Viewer qwerlin")},
		wantRegions: true,
		mustCover:   func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[1].Words[1:]) },
		mustNotHit:  func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[1].Words[:1]) },
	},
	{
		name:        "a letter to a surname in capitals",
		lines:       []ocr.Line{row(100, 30, 95, "Dear QWERLIN,"), row(140, 30, 95, "Thank you for coming to clinic.")},
		wantRegions: true,
		mustCover:   func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[0].Words[1:]) },
	},
	{
		name: "a line a pass's own reading flagged counts as flagged on the page",
		lines: []ocr.Line{
			row(100, 20, 95, "Qwxyz"),
			row(135, 20, 95, "2 KOWALCZYK, Tomasz 01/02/1950 75 TTO"),
			row(170, 20, 95, "3 MENSAH, Kwame 05/06/1941 84 falls"),
		},
		readings:    [][]ocr.Line{{row(100, 20, 90, "Mrs Joan Okafor")}},
		wantRegions: true,
		// The rest of the first row, which no reading read.
		mustCover: func(p *ocr.Page) []image.Rectangle { return []image.Rectangle{image.Rect(300, 102, 400, 118)} },
	},
	{
		name: "a list row found only in a pass's own reading joins the page's list",
		lines: []ocr.Line{
			row(100, 20, 95, "1 OKAFOR, Joan 12/03/1948 77 NBM"),
			row(135, 20, 95, "Qwerty Zxcvb"),
			row(170, 20, 95, "Qwerty Zxcvb"),
			row(205, 20, 95, "Qwerty Zxcvb"),
			row(240, 20, 95, "Mensah Kwame 84 falls"),
		},
		readings:    [][]ocr.Line{{row(240, 20, 90, "5 MENSAH, Kwame 05/06/1941 84 falls")}},
		wantRegions: true,
		mustCover:   func(p *ocr.Page) []image.Rectangle { return lineBoxes(p.Lines) },
	},
}

func TestAnalyse(t *testing.T) { runAnalyse(t, analyseCases) }

func lineBoxes(ls []ocr.Line) []image.Rectangle {
	var out []image.Rectangle
	for _, l := range ls {
		out = append(out, l.Box)
	}
	return out
}

func boxesOf(ws []ocr.Word) []image.Rectangle {
	var out []image.Rectangle
	for _, w := range ws {
		out = append(out, w.Box)
	}
	return out
}

func boxes(rs []Region) []image.Rectangle {
	var out []image.Rectangle
	for _, r := range rs {
		out = append(out, r.Box)
	}
	return out
}

func TestScanFailsClosed(t *testing.T) {
	s := &Scanner{OCR: &ocr.Fake{Err: errors.New("no data")}, Checks: newChecks(t)}
	if _, err := s.Scan(context.Background(), image.NewNRGBA(image.Rect(0, 0, 10, 10))); err == nil {
		t.Error("an OCR error must be an error, not an empty result")
	}
	var empty Scanner
	if _, err := empty.Scan(context.Background(), image.NewNRGBA(image.Rect(0, 0, 10, 10))); err == nil {
		t.Error("an unset scanner must fail")
	}
}

// TestAnalyseTurnedPage: on a photo read straightened, a name's region is
// a turned rectangle around the name in the photo, not the much taller
// box that holds the turned row.
func TestAnalyseTurnedPage(t *testing.T) {
	const w, h = 1000, 800
	turn := ocr.NewTurn(w, h, -8, image.Point{})
	straight := row(400, 30, 95, "Mrs Joan Okafor")
	// Move the row to the middle of the straightened frame.
	shift := image.Pt(turn.Bounds().Dx()/2-straight.Box.Dx()/2, 0)
	for i := range straight.Words {
		straight.Words[i].Box = straight.Words[i].Box.Add(shift)
	}
	straight.Box = straight.Box.Add(shift)
	page := &ocr.Page{Turn: turn}
	var l ocr.Line
	for _, wd := range straight.Words {
		q := turn.Quad(wd.Box)
		l.Words = append(l.Words, ocr.Word{Text: wd.Text, Conf: wd.Conf, Straight: wd.Box, Box: quadBounds(q[:])})
	}
	l.Straight = straight.Box
	l.Box = quadBounds(func() []image.Point { q := turn.Quad(straight.Box); return q[:] }())
	page.Lines = append(page.Lines, l)

	res := Analyse(newChecks(t), page, image.Rect(0, 0, w, h))
	if len(res.Regions) != 1 {
		t.Fatalf("got %d regions, want 1: %+v", len(res.Regions), res.Regions)
	}
	r := res.Regions[0]
	if r.Quad == ([4]image.Point{}) {
		t.Fatal("the region of a turned page has no outline")
	}
	// Every corner of the name in the photo lies inside the outline, and
	// the outline is far slimmer than its bounding box.
	name := straight.Words[0].Box.Union(straight.Words[2].Box)
	nameQuad := turn.Quad(name)
	for _, p := range nameQuad {
		if !p.In(r.Box.Inset(-1)) {
			t.Errorf("name corner %v outside the region box %v", p, r.Box)
		}
	}
	area := func(q [4]image.Point) float64 {
		s := 0
		for i := range q {
			a, b := q[i], q[(i+1)%4]
			s += a.X*b.Y - b.X*a.Y
		}
		return float64(max(s, -s)) / 2
	}
	if got, box := area(r.Quad), float64(r.Box.Dx()*r.Box.Dy()); got > 0.7*box {
		t.Errorf("outline covers %.0f px² of its %.0f px² box: not turned", got, box)
	}
	if !res.Findings[0].Box.In(image.Rect(0, 0, w, h)) {
		t.Errorf("finding box %v outside the photo", res.Findings[0].Box)
	}
}

// TestAnalyseChecksEachReading: a name the merged page lost (fragments won
// the merge) is still found in the pass that read it whole.
func TestAnalyseChecksEachReading(t *testing.T) {
	whole := row(100, 30, 90, "Mrs Joan Okafor")
	merged := row(100, 30, 92, "m1s jo4n 0ka f0r")
	page := &ocr.Page{Lines: []ocr.Line{merged}, Readings: []ocr.Page{{Lines: []ocr.Line{merged}}, {Lines: []ocr.Line{whole}}}}
	res := Analyse(newChecks(t), page, image.Rect(0, 0, 1000, 500))
	if !covered(res.Regions, whole.Words[1].Box, whole.Words[2].Box) {
		t.Errorf("regions %v miss the name read whole by one pass", boxes(res.Regions))
	}
	names := 0
	for _, f := range res.Findings {
		if f.Check == "person-name" {
			names++
		}
	}
	if names != 1 {
		t.Errorf("got %d person-name findings, want the one name once", names)
	}
}

// TestRegionsListTheirWords: each region lists the boxes of the findings
// inside it (the redaction picks its tint from their pixels), and no
// other region's.
func TestRegionsListTheirWords(t *testing.T) {
	name := row(100, 30, 92, "Mrs Joan Okafor")
	nhs := cell(900, 600, 30, 93, "NHS 999 000 0018")
	page := &ocr.Page{Lines: []ocr.Line{row(20, 30, 95, "Ward seven visiting times"), name, nhs}}
	res := Analyse(newChecks(t), page, image.Rect(0, 0, 1600, 1000))
	if len(res.Regions) != 2 || len(res.Findings) < 2 {
		t.Fatalf("got %d regions and %d findings, want 2 and at least 2: %+v", len(res.Regions), len(res.Findings), res.Regions)
	}
	for _, r := range res.Regions {
		if len(r.Words) == 0 {
			t.Errorf("region %v lists no words", r.Box)
		}
		for _, w := range r.Words {
			if !w.In(r.Box) {
				t.Errorf("word %v lies outside its region %v", w, r.Box)
			}
		}
	}
	for _, f := range res.Findings {
		n := 0
		for _, r := range res.Regions {
			for _, w := range r.Words {
				if w == f.Box {
					n++
				}
			}
		}
		if n != 1 {
			t.Errorf("finding %s %v is listed by %d regions, want 1", f.Check, f.Box, n)
		}
	}
}

// FuzzAnalyse feeds Analyse pages of arbitrary text laid out in arbitrary
// boxes (OCR output is untrusted: any text, boxes out of order, sloping,
// overlapping, wider than their text), read upright or straightened, and
// checks it neither panics nor leaves a finding outside every region (the
// redaction must cover what the checks found), that regions lie in the
// image, and that every region's kind is registered.
func FuzzAnalyse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s.text, s.h, s.wide, s.slope)
	}
	f.Fuzz(func(t *testing.T, text string, h, wide uint16, slope int16) {
		page, bounds := fuzzPage(text, h, wide, slope)
		res := Analyse(newChecks(t), page, bounds)
		for _, r := range res.Regions {
			if r.Box.Empty() || !r.Box.In(bounds) {
				t.Fatalf("region %v is empty or outside %v", r.Box, bounds)
			}
			for _, k := range r.Kinds {
				if !registeredKind(k) {
					t.Fatalf("region %v has kind %q, which is neither a check's ID nor a layout kind", r.Box, k)
				}
			}
		}
		for _, fd := range res.Findings {
			if !fd.Box.Overlaps(bounds) {
				continue // wholly outside the image: nothing to cover
			}
			covered := false
			for _, r := range res.Regions {
				covered = covered || r.Box.Overlaps(fd.Box)
			}
			if !covered {
				t.Fatalf("finding %s at %v is in no region: %v", fd.Check, fd.Box, boxes(res.Regions))
			}
		}
	})
}

// fuzzSeed is one input of FuzzAnalyse.
type fuzzSeed struct {
	text    string
	h, wide uint16
	slope   int16
}

var fuzzSeeds = []fuzzSeed{
	{"Bed 4 Mrs Joan Okafor 999 000 0018 NBM\nDear\nName: \nDOB: 07.16.1953", 30, 7, 3},
	{"Ward seven visiting times\n1 KOWALCZYK, Emeka 47yo NEWS 3", 12, 200, -9},
	{"\n\n::::\n|||", 1, 0, 0},
}

// fuzzPage lays text out as FuzzAnalyse's page: a line of text per line,
// th high with rows 1.5 th apart, words stepping down by slope pixels,
// every third word wide pixels wider than its text, read straightened if
// slope is odd. It returns the page and the photo's bounds.
func fuzzPage(text string, h, wide uint16, slope int16) (*ocr.Page, image.Rectangle) {
	bounds := image.Rect(0, 0, 1200, 900)
	th := 1 + int(h%120)
	var page ocr.Page
	frame := bounds // where OCR reads: the photo, or the photo straightened
	if slope%2 != 0 {
		page.Turn = ocr.NewTurn(bounds.Dx(), bounds.Dy(), float64(slope%15), image.Point{})
		frame = page.Turn.Bounds()
	}
	for i, ln := range strings.Split(text, "\n") {
		if i >= 40 {
			break
		}
		l := row(i*th*3/2, th, float64((i*37)%101), ln)
		for j := range l.Words {
			l.Words[j].Box = l.Words[j].Box.Add(image.Pt(0, j*int(slope)))
			if j%3 == 0 {
				l.Words[j].Box.Max.X += int(wide)
			}
			l.Words[j].Box = l.Words[j].Box.Intersect(frame)
			l.Words[j].Straight = l.Words[j].Box
			l.Box = l.Box.Union(l.Words[j].Box)
		}
		l.Box.Max.X += int(wide) / 2
		l.Box = l.Box.Intersect(frame)
		l.Straight = l.Box
		page.Lines = append(page.Lines, l)
	}
	page.Readings = []ocr.Page{{Lines: page.Lines, Turn: page.Turn}}
	return &page, bounds
}
