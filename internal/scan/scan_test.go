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

func newChecks(t *testing.T) *checks.Scanner {
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

func TestAnalyse(t *testing.T) {
	bounds := image.Rect(0, 0, 2000, 1500)
	tests := []struct {
		name       string
		lines      []ocr.Line
		mustCover  func(p *ocr.Page) []image.Rectangle
		mustNotHit func(p *ocr.Page) []image.Rectangle
		// keepReadable are words whose centre no region may cover.
		keepReadable func(p *ocr.Page) []image.Rectangle
		wantRegions  bool
		// readings are the passes' own readings of the page, if any.
		readings [][]ocr.Line
	}{
		{
			name:        "signage has no regions",
			lines:       []ocr.Line{row(100, 40, 95, "Hand hygiene saves lives"), row(200, 40, 95, "Visiting times 2pm - 8pm")},
			wantRegions: false,
		},
		{
			// letter-d3-3456x2592-v1: Tesseract read "Dear" over
			// "Dear Mr Oduya," and returned nothing else on the line.
			name:        "a salutation read over the name after it",
			lines:       []ocr.Line{widen(row(100, 30, 95, "Dear"), 0, 233), row(160, 30, 95, "Thank you for seeing")},
			wantRegions: true,
			mustCover:   func(p *ocr.Page) []image.Rectangle { return []image.Rectangle{image.Rect(110, 100, 233, 130)} },
			keepReadable: func(p *ocr.Page) []image.Rectangle {
				return []image.Rectangle{image.Rect(10, 100, 66, 130), p.Lines[1].Words[0].Box}
			},
		},
		{
			name:         "a label with unread ink after it on its line",
			lines:        []ocr.Line{extend(row(100, 30, 95, "Name:"), 400)},
			wantRegions:  true,
			mustCover:    func(p *ocr.Page) []image.Rectangle { return []image.Rectangle{image.Rect(80, 100, 400, 130)} },
			keepReadable: func(p *ocr.Page) []image.Rectangle { return []image.Rectangle{p.Lines[0].Words[0].Box} },
		},
		{
			// Capitals are about as wide as they are tall: "MRS" at 30 px
			// in a common sans font is about 93 px wide.
			name:        "a title in capitals as wide as a common font's is left alone",
			lines:       []ocr.Line{widen(row(100, 30, 95, "MRS"), 0, 10+93), widen(row(160, 30, 95, "DOB:"), 0, 10+98)},
			wantRegions: false,
		},
		{
			name:        "a salutation as wide as its letters is left alone",
			lines:       []ocr.Line{row(100, 30, 95, "Dear colleague,"), extend(row(160, 30, 95, "Ward"), 400)},
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
			name: "misread name beside a date of birth on an X-ray label is covered",
			lines: []ocr.Line{
				row(0, 30, 40, "VMIFYER PHAN [F] 02.25.2012"),
				row(45, 30, 96, "DOB: 07.16.1953"),
				row(600, 30, 96, "Portable"),
			},
			wantRegions: true,
			mustCover: func(p *ocr.Page) []image.Rectangle {
				return []image.Rectangle{p.Lines[0].Words[0].Box, p.Lines[0].Words[1].Box, p.Lines[1].Words[1].Box}
			},
			mustNotHit: func(p *ocr.Page) []image.Rectangle { return []image.Rectangle{p.Lines[2].Words[0].Box} },
		},
		{
			name: "the name line above an X-ray's ID and DOB lines is covered, the labels are not",
			lines: []ocr.Line{
				row(0, 30, 90, "ZYXWUBRIDE wer"),
				row(40, 30, 90, "1D: K760444"),
				row(80, 30, 90, "DOB: 08.26.1942"),
				row(600, 30, 96, "Portable"),
			},
			wantRegions: true,
			mustCover: func(p *ocr.Page) []image.Rectangle {
				return []image.Rectangle{p.Lines[0].Words[0].Box, p.Lines[0].Words[1].Box, p.Lines[1].Words[1].Box}
			},
			keepReadable: func(p *ocr.Page) []image.Rectangle {
				return []image.Rectangle{p.Lines[1].Words[0].Box, p.Lines[3].Words[0].Box}
			},
		},
		{
			name: "a heading above a table's first row is not a name above details",
			lines: []ocr.Line{
				row(0, 30, 95, "Zyxwu Unit"),
				row(40, 30, 95, "Trebor Qwerlin 12/03/1948 999 000 0077 NBM falls"),
			},
			wantRegions: true,
			keepReadable: func(p *ocr.Page) []image.Rectangle {
				return []image.Rectangle{p.Lines[0].Words[0].Box, p.Lines[0].Words[1].Box}
			},
		},
		{
			name: "a top row read as ordinary words on a steep board is a row, not a heading",
			lines: []ocr.Line{
				sloped(100, 20, 10, 95, "May GREEN DNACPR TTO falls risk"),
				sloped(135, 20, 10, 95, "2 KOWALCZYK, Tomasz 01/02/1950 75 TTO"),
				sloped(170, 20, 10, 95, "3 MENSAH, Kwame 05/06/1941 84 falls"),
			},
			wantRegions: true,
			mustCover:   func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[0].Words[:2]) },
		},
		{
			name: "name cells beside bed numbers do not shrink the row pitch",
			lines: []ocr.Line{
				row(100, 30, 92, "1 DNACPR"),
				cell(600, 103, 30, 92, "QWERLIN, Trebor 83y"),
				row(200, 30, 92, "2 TTO"),
				cell(600, 203, 30, 92, "ZYXWU, Joan 79y"),
				row(300, 30, 92, "3 NBM"),
				cell(600, 303, 30, 92, "OKAFOR, Amy 88y"),
				row(400, 30, 35, "Xqrt Plvn ~~ f3"),
				row(1200, 30, 95, "Ward 7 Elm Unit"),
			},
			wantRegions: true,
			mustCover:   func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[6].Words[:2]) },
		},
		{
			name:        "a letter to a surname in capitals",
			lines:       []ocr.Line{row(100, 30, 95, "Dear QWERLIN,"), row(140, 30, 95, "Thank you for coming to clinic.")},
			wantRegions: true,
			mustCover:   func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[0].Words[1:]) },
		},
		{
			name:         "a champions board is not a patient list",
			lines:        []ocr.Line{row(100, 30, 95, "Falls: Joan Okafor"), row(140, 30, 95, "Pressure care: Amy Clarke"), row(180, 30, 95, "Proud to care")},
			wantRegions:  true,
			keepReadable: func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[2].Words) },
		},
		{
			name: "field labels on a wristband stay readable",
			lines: []ocr.Line{
				row(100, 40, 95, "OKAFOR, Joan DOB: 12/03/1948 NHS No: 999 000 0077"),
			},
			wantRegions: true,
			mustCover: func(p *ocr.Page) []image.Rectangle {
				w := p.Lines[0].Words
				return []image.Rectangle{w[0].Box, w[1].Box, w[3].Box, w[6].Box, w[7].Box, w[8].Box}
			},
			keepReadable: func(p *ocr.Page) []image.Rectangle {
				w := p.Lines[0].Words
				return []image.Rectangle{w[2].Box, w[4].Box, w[5].Box}
			},
		},
		{
			name: "a surname that is also a label word is still covered",
			lines: []ocr.Line{
				row(100, 30, 95, "DOB 12/03/1948 WARD JOHN"),
			},
			wantRegions: true,
			mustCover: func(p *ocr.Page) []image.Rectangle {
				w := p.Lines[0].Words
				return []image.Rectangle{w[1].Box, w[2].Box}
			},
		},
		{
			name: "an unknown name between flagged details is not left out of the merge",
			lines: []ocr.Line{
				row(100, 30, 95, "JOHN 943 476 5919"),
				row(140, 30, 95, "12/03/1948 Okafor"),
			},
			wantRegions: true,
			mustCover: func(p *ocr.Page) []image.Rectangle {
				return []image.Rectangle{p.Lines[1].Words[1].Box}
			},
		},
		{
			name: "texture read as words beside a label row stays out",
			lines: []ocr.Line{
				row(100, 30, 95, "DOB: 12/03/1948"),
				{Words: []ocr.Word{{Text: "RRR", Box: image.Rect(250, 60, 330, 190), Conf: 20}}, Box: image.Rect(250, 60, 330, 190)},
				{Words: []ocr.Word{{Text: "TEENG", Box: image.Rect(60, 150, 200, 153), Conf: 15}}, Box: image.Rect(60, 150, 200, 153)},
			},
			wantRegions: true,
			mustCover: func(p *ocr.Page) []image.Rectangle {
				return []image.Rectangle{p.Lines[0].Words[1].Box}
			},
			keepReadable: func(p *ocr.Page) []image.Rectangle {
				return []image.Rectangle{p.Lines[1].Box, p.Lines[2].Box}
			},
		},
		{
			name: "a misread row inside a patient list is covered",
			lines: []ocr.Line{
				row(100, 30, 92, "Bed Name EDD Notes"),
				row(150, 30, 92, "1 Mrs J. OKAFOR EDD 14/11 NBM"),
				row(200, 30, 35, "2 Xqrt Plvn ~~ f3"),
				row(250, 30, 92, "3 KOWALCZYK, Tomasz DNACPR falls risk"),
				row(900, 30, 95, "Ward 7 Elm Unit"),
			},
			wantRegions: true,
			mustCover:   func(p *ocr.Page) []image.Rectangle { return lineBoxes(p.Lines[1:4]) },
			mustNotHit:  func(p *ocr.Page) []image.Rectangle { return []image.Rectangle{p.Lines[4].Box} },
		},
		{
			name: "cells of a patient-list row read as separate lines are covered",
			lines: []ocr.Line{
				row(150, 30, 92, "1 Mrs J. OKAFOR NBM"),
				cell(700, 150, 30, 91, "00080700"),
				cell(1000, 152, 30, 93, "27"),
				row(200, 30, 92, "2 KOWALCZYK, Tomasz DNACPR"),
				cell(700, 201, 30, 88, "00836361"),
				cell(1000, 199, 30, 90, "43"),
				row(900, 30, 95, "Ward 7 Elm Unit"),
			},
			wantRegions: true,
			mustCover:   func(p *ocr.Page) []image.Rectangle { return lineBoxes(p.Lines[:6]) },
			mustNotHit:  func(p *ocr.Page) []image.Rectangle { return []image.Rectangle{p.Lines[6].Box} },
		},
		{
			name: "a misread row below a patient list whose words are also ordinary words is covered",
			lines: []ocr.Line{
				row(100, 20, 95, "1 OKAFOR, Joan 12/03/1948 77 NBM"),
				row(135, 20, 95, "2 KOWALCZYK, Tomasz 01/02/1950 75 TTO"),
				row(170, 20, 95, "3 MENSAH, Kwame 05/06/1941 84 falls"),
				row(205, 20, 92, "GREEN, May NBM falls"),
			},
			wantRegions: true,
			mustCover:   func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[3].Words[:2]) },
		},
		{
			name: "an unsure name above a label row is covered even if it reads as ordinary words",
			lines: []ocr.Line{
				row(100, 20, 50, "GREEN May"),
				row(125, 20, 95, "DOB: 12/03/1948 NHS: 999 000 0077"),
			},
			wantRegions: true,
			mustCover:   func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[0].Words) },
		},
		{
			name: "a surname whose comma OCR read as a colon is not a field label",
			lines: []ocr.Line{
				row(100, 40, 95, "WARD: JOAN DOB: 12/03/1948"),
			},
			wantRegions: true,
			mustCover:   func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[0].Words[:2]) },
		},
		{
			name: "column headings and a status line around a sloping patient list stay readable",
			lines: []ocr.Line{
				sloped(100, 20, 4, 95, "Bed Name DOB Age Plan"),
				sloped(135, 20, 4, 95, "1 OKAFOR, Joan 12/03/1948 77 NBM"),
				sloped(170, 20, 4, 95, "2 KOWALCZYK, Tomasz 01/02/1950 75 TTO"),
				sloped(205, 20, 4, 95, "3 MENSAH, Kwame 05/06/1941 84 falls"),
				row(290, 20, 95, "Connected Northbridge EPR"),
			},
			wantRegions: true,
			mustCover:   func(p *ocr.Page) []image.Rectangle { return lineBoxes(p.Lines[1:4]) },
			keepReadable: func(p *ocr.Page) []image.Rectangle {
				return append(boxesOf(p.Lines[0].Words), boxesOf(p.Lines[4].Words)...)
			},
		},
		{
			name: "a misread heading row above a list stays readable",
			lines: []ocr.Line{
				row(100, 20, 45, "8ED PATENT WHS Mo Diagnoele"),
				row(135, 20, 95, "1 OKAFOR, Joan 12/03/1948 999 000 0077 NBM"),
				row(170, 20, 95, "2 KOWALCZYK, Tomasz 01/02/1950 999 000 0085 TTO"),
			},
			wantRegions:  true,
			mustCover:    func(p *ocr.Page) []image.Rectangle { return lineBoxes(p.Lines[1:]) },
			keepReadable: func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[0].Words) },
		},
		{
			name: "a misread row above a list that kept a digit joins it",
			lines: []ocr.Line{
				row(100, 20, 45, "4 Qxvbn Zzlrt awating"),
				row(135, 20, 95, "1 OKAFOR, Joan 12/03/1948 77 NBM"),
				row(170, 20, 95, "2 KOWALCZYK, Tomasz 01/02/1950 75 TTO"),
			},
			wantRegions: true,
			mustCover:   func(p *ocr.Page) []image.Rectangle { return lineBoxes(p.Lines) },
		},
		{
			name: "a column heading row with a misread digit is still a heading",
			lines: []ocr.Line{
				withConf(row(100, 20, 90, "Bed Patient 008 NHS No Plan"), 2, 40),
				row(135, 20, 95, "1 OKAFOR, Joan 12/03/1948 77 NBM"),
				row(170, 20, 95, "2 KOWALCZYK, Tomasz 01/02/1950 75 TTO"),
			},
			wantRegions: true,
			mustCover:   func(p *ocr.Page) []image.Rectangle { return lineBoxes(p.Lines[1:]) },
			keepReadable: func(p *ocr.Page) []image.Rectangle {
				return append(boxesOf(p.Lines[0].Words[:2]), boxesOf(p.Lines[0].Words[3:])...)
			},
		},
		{
			// The status bar is further below than one row, but closer
			// than two: the pitch of the flagged rows alone.
			name: "rows the checks passed over set the list's pitch with the rest",
			lines: []ocr.Line{
				row(100, 20, 95, "1 OKAFOR, Joan 12/03/1948 77 NBM"),
				row(135, 20, 95, "Side room"),
				row(170, 20, 95, "3 MENSAH, Kwame 05/06/1941 84 falls"),
				row(205, 20, 95, "Side room"),
				row(240, 20, 95, "5 KOWALCZYK, Tomasz 01/02/1950 75 TTO"),
				row(312, 20, 95, "Connected Northbridge EPR"),
			},
			wantRegions:  true,
			mustCover:    func(p *ocr.Page) []image.Rectangle { return lineBoxes(p.Lines[:5]) },
			keepReadable: func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[5].Words) },
		},
		{
			name: "a list takes in the columns of cells OCR read as lines of their own",
			lines: []ocr.Line{
				row(100, 20, 95, "1 OKAFOR, Joan 12/03/1948"),
				cell(900, 100, 20, 95, "77 NBM"),
				row(135, 20, 95, "2 KOWALCZYK, Tomasz 01/02/1950"),
				cell(900, 135, 20, 95, "75 TTO"),
				// The third row's right-hand cell was not read at all.
				row(170, 20, 95, "3 MENSAH, Kwame 05/06/1941"),
			},
			wantRegions: true,
			mustCover: func(p *ocr.Page) []image.Rectangle {
				return append(lineBoxes(p.Lines), image.Rect(900, 170, 960, 190))
			},
		},
		{
			name: "a flagged title above a list's misread heading row does not join the list",
			lines: []ocr.Line{
				row(78, 20, 95, "Ward board, nurse in charge: Joan Okafor"),
				withConf(withConf(row(100, 20, 95, "BXD PATENT nurse PLAN"), 0, 30), 1, 30),
				row(125, 20, 95, "1 MENSAH, Kwame 05/06/1941 84 falls"),
				row(160, 20, 95, "2 KOWALCZYK, Tomasz 01/02/1950 75 TTO"),
			},
			wantRegions: true,
			mustCover:   func(p *ocr.Page) []image.Rectangle { return lineBoxes(p.Lines[2:]) },
			keepReadable: func(p *ocr.Page) []image.Rectangle {
				return append(boxesOf(p.Lines[0].Words[:2]), p.Lines[1].Words[3].Box)
			},
		},
		{
			name: "a speck level with a list row does not widen the list",
			lines: []ocr.Line{
				row(100, 20, 95, "1 OKAFOR, Joan 12/03/1948 77 NBM"),
				row(135, 20, 95, "2 KOWALCZYK, Tomasz 01/02/1950 75 TTO"),
				cell(1800, 135, 20, 10, ";"),
				cell(1500, 175, 20, 95, "Visiting 2pm"),
			},
			wantRegions: true,
			mustCover:   func(p *ocr.Page) []image.Rectangle { return lineBoxes(p.Lines[:2]) },
			mustNotHit:  func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[3].Words) },
		},
		{
			name: "a tall speck beside a list's first row does not lift the list over its headings",
			lines: []ocr.Line{
				row(100, 20, 95, "Bed Name DOB Plan"),
				row(130, 20, 95, "1 OKAFOR, Joan 12/03/1948 77 NBM"),
				row(165, 20, 95, "2 KOWALCZYK, Tomasz 01/02/1950 75 TTO"),
				cell(600, 112, 40, 12, "ie"),
			},
			wantRegions:  true,
			mustCover:    func(p *ocr.Page) []image.Rectangle { return lineBoxes(p.Lines[1:3]) },
			keepReadable: func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[0].Words) },
		},
		{
			name: "an address block's town and misread postcode are covered, the letter after a blank line is not",
			lines: []ocr.Line{
				row(100, 20, 95, "Mr Chidi Oduya"),
				row(125, 20, 95, "13 Station Terrace"),
				row(150, 20, 95, "Ashworth Qwerton"),
				row(175, 20, 60, "LS} 8GG"),
				row(230, 20, 95, "Dear"),
				row(300, 20, 95, "Thank you for coming to the clinic"),
			},
			wantRegions:  true,
			mustCover:    func(p *ocr.Page) []image.Rectangle { return boxesOf(append(p.Lines[2].Words, p.Lines[3].Words...)) },
			keepReadable: func(p *ocr.Page) []image.Rectangle { return boxesOf(append(p.Lines[4].Words, p.Lines[5].Words...)) },
		},
		{
			name: "ordinary words right below an address end its block",
			lines: []ocr.Line{
				row(100, 20, 95, "12 Elm Road"),
				row(125, 20, 95, "Visiting times"),
			},
			wantRegions:  true,
			keepReadable: func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[1].Words) },
		},
		{
			name: "a flagged row whose sloping box reaches into the list's top joins it",
			lines: []ocr.Line{
				sloped(100, 20, 6, 95, "Ms Joan Okafor 999 000 0077 mark margins"),
				row(140, 20, 95, "2 KOWALCZYK, Tomasz 01/02/1950 75 TTO"),
				row(175, 20, 95, "3 MENSAH, Kwame 05/06/1941 84 falls"),
			},
			wantRegions: true,
			mustCover:   func(p *ocr.Page) []image.Rectangle { return lineBoxes(p.Lines) },
		},
		{
			name: "a table rule read as '|' in a row does not pad the row over the headings",
			lines: []ocr.Line{
				row(100, 20, 95, "Bed Name DOB Plan"),
				tallWord(row(135, 20, 95, "1 | OKAFOR, Joan 12/03/1948 77 NBM"), 1, 125, 185),
				row(190, 20, 95, "2 KOWALCZYK, Tomasz 01/02/1950 75 TTO"),
			},
			wantRegions:  true,
			mustCover:    func(p *ocr.Page) []image.Rectangle { return lineBoxes(p.Lines[1:]) },
			keepReadable: func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[0].Words) },
		},
		{
			// OCR read most of the row clearly but for its name and the
			// NHS number's check digit, so no check flags it.
			name: "a row of numbers read clearly right above a list joins it",
			lines: []ocr.Line{
				row(60, 20, 95, "Bed Name NHS No DOB"),
				confs(row(100, 20, 80, "it WHITTAKER mon 999 423 6708 5 2006 1972"), 64, 74, 42, 23, 82, 81, 38, 83, 83),
				row(135, 20, 95, "2 KOWALCZYK, Tomasz 01/02/1950 75 TTO"),
				row(170, 20, 95, "3 MENSAH, Kwame 05/06/1941 84 falls"),
			},
			wantRegions:  true,
			mustCover:    func(p *ocr.Page) []image.Rectangle { return lineBoxes(p.Lines[1:]) },
			keepReadable: func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[0].Words) },
		},
		{
			name: "a date line right above a list stays out of it",
			lines: []ocr.Line{
				row(100, 20, 95, "Date: 14/11/2025 Nurse in charge: Grace"),
				row(135, 20, 95, "2 KOWALCZYK, Tomasz 01/02/1950 75 TTO"),
				row(170, 20, 95, "3 MENSAH, Kwame 05/06/1941 84 falls"),
			},
			wantRegions:  true,
			keepReadable: func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[0].Words[:4]) },
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
	cs := newChecks(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := &ocr.Page{Lines: tt.lines}
			for _, r := range tt.readings {
				page.Readings = append(page.Readings, ocr.Page{Lines: r})
			}
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

func TestMergePadsClipsAndJoins(t *testing.T) {
	bounds := image.Rect(0, 0, 500, 500)
	in := []Region{
		{Box: image.Rect(10, 10, 100, 40), TextHeight: 30, Kinds: []string{"person-name"}, Source: "ocr", Reason: "name"},
		{Box: image.Rect(105, 12, 200, 40), TextHeight: 28, Kinds: []string{"date-of-birth"}, Source: "ocr", Reason: "dob"},
		{Box: image.Rect(0, 480, 50, 520), TextHeight: 20, Kinds: []string{"age"}, Source: "ocr", Reason: "age"},
	}
	got := Merge(in, bounds, nil)
	if len(got) != 2 {
		t.Fatalf("got %d regions, want 2: %+v", len(got), got)
	}
	if got[0].Box != image.Rect(1, 1, 208, 49) || strings.Join(got[0].Kinds, ",") != "date-of-birth,person-name" {
		t.Errorf("merged region %+v", got[0])
	}
	if !got[1].Box.In(bounds) {
		t.Errorf("region not clipped: %v", got[1].Box)
	}
}

func TestMergeKeepsLShapesApart(t *testing.T) {
	bounds := image.Rect(0, 0, 1000, 1000)
	// A long row and a word that touches its left end from below: their
	// bounding box would blur the empty corner under the row.
	in := []Region{
		{Box: image.Rect(100, 100, 900, 140), TextHeight: 40, Kinds: []string{"patient-list"}, Source: "layout"},
		{Box: image.Rect(100, 150, 200, 190), TextHeight: 40, Kinds: []string{"age"}, Source: "ocr"},
	}
	got := Merge(in, bounds, nil)
	if len(got) != 2 {
		t.Fatalf("got %d regions, want the two kept apart: %+v", len(got), got)
	}
	for _, r := range in {
		covered := false
		for _, g := range got {
			covered = covered || r.Box.In(g.Box)
		}
		if !covered {
			t.Errorf("%v is no longer covered by %+v", r.Box, got)
		}
	}
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

func TestMergeLeavesClearTextOut(t *testing.T) {
	bounds := image.Rect(0, 0, 2000, 2000)
	// A table of rows and a date box that touches its top-left corner: the
	// union would take in the table's heading row, which OCR read clearly.
	in := []Region{
		{Box: image.Rect(100, 200, 1500, 900), TextHeight: 30, Kinds: []string{"patient-list"}, Source: "layout"},
		{Box: image.Rect(60, 150, 200, 190), TextHeight: 30, Kinds: []string{"date-of-birth"}, Source: "ocr"},
	}
	heading := []image.Rectangle{image.Rect(600, 165, 700, 192)}
	if got := Merge(in, bounds, heading); len(got) != 2 {
		t.Fatalf("got %d regions, want 2: %+v", len(got), got)
	}
	// With nothing readable in the corner they join.
	if got := Merge(in, bounds, nil); len(got) != 1 {
		t.Errorf("got %d regions, want 1 without clear text between", len(got))
	}
	// Rows of one table stacked with overlapping padding join.
	rows := []Region{
		{Box: image.Rect(100, 200, 1500, 230), TextHeight: 30, Kinds: []string{"patient-list"}, Source: "layout"},
		{Box: image.Rect(100, 240, 1500, 270), TextHeight: 30, Kinds: []string{"patient-list"}, Source: "layout"},
		{Box: image.Rect(100, 280, 1500, 310), TextHeight: 30, Kinds: []string{"patient-list"}, Source: "layout"},
	}
	if got := Merge(rows, bounds, heading); len(got) != 1 {
		t.Errorf("stacked rows gave %d regions, want 1", len(got))
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
// redaction must cover what the checks found), and that regions lie in
// the image.
func FuzzAnalyse(f *testing.F) {
	f.Add("Bed 4 Mrs Joan Okafor 999 000 0018 NBM\nDear\nName: \nDOB: 07.16.1953", uint16(30), uint16(7), int16(3))
	f.Add("Ward seven visiting times\n1 KOWALCZYK, Emeka 47yo NEWS 3", uint16(12), uint16(200), int16(-9))
	f.Add("\n\n::::\n|||", uint16(1), uint16(0), int16(0))
	f.Fuzz(func(t *testing.T, text string, h, wide uint16, slope int16) {
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
		res := Analyse(newChecks(t), &page, bounds)
		for _, r := range res.Regions {
			if r.Box.Empty() || !r.Box.In(bounds) {
				t.Fatalf("region %v is empty or outside %v", r.Box, bounds)
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
