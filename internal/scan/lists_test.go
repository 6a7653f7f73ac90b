package scan

import (
	"image"
	"testing"

	"safepost/internal/ocr"
)

// listCases are pages for the patient-list rule, run through Analyse.
var listCases = []analyseCase{
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
		name:         "a champions board is not a patient list",
		lines:        []ocr.Line{row(100, 30, 95, "Falls: Joan Okafor"), row(140, 30, 95, "Pressure care: Amy Clarke"), row(180, 30, 95, "Proud to care")},
		wantRegions:  true,
		keepReadable: func(p *ocr.Page) []image.Rectangle { return boxesOf(p.Lines[2].Words) },
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
}

func TestPatientListRule(t *testing.T) { runAnalyse(t, listCases) }

// TestListLineMeasures: how the list rule reads a single line: as a
// heading row, by its numbers, as read unsurely or as legible text.
func TestListLineMeasures(t *testing.T) {
	tests := []struct {
		name    string
		line    ocr.Line
		heading bool
		numbers int
		unsure  bool
		legible bool
	}{
		{"column headings", row(100, 20, 95, "Bed Name DOB Plan"), true, 0, false, true},
		{"one heading is not a heading row", row(100, 20, 95, "Bed Qwerlin"), false, 0, false, true},
		{"a heading row with a misread digit", withConf(row(100, 20, 90, "Bed Patient 008 Plan"), 2, unsureConf-1), true, 1, false, true},
		{"a row read clearly", row(100, 20, 95, "1 OKAFOR, Joan 12/03/1948 77 NBM"), false, 3, false, true},
		{"a misread row", row(100, 20, 45, "4 Qxvbn Zzlrt awating"), false, 1, true, false},
		{"a heading word misread with a digit is not a number", row(100, 20, 45, "8ED PATENT"), false, 0, true, false},
		{"one unsure word in four is not an unsure line", withConf(row(100, 20, 95, "Side room Qwerlin Trebor"), 2, 30), false, 0, false, true},
		{"a speck", row(100, 20, 10, ";"), false, 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Document(&ocr.Page{Lines: []ocr.Line{tt.line}}).Lines[0]
			if got := headingLine(l); got != tt.heading {
				t.Errorf("headingLine = %v, want %v", got, tt.heading)
			}
			if got := numbers(l); got != tt.numbers {
				t.Errorf("numbers = %d, want %d", got, tt.numbers)
			}
			if got := unsure(l); got != tt.unsure {
				t.Errorf("unsure = %v, want %v", got, tt.unsure)
			}
			if got := legible(l); got != tt.legible {
				t.Errorf("legible = %v, want %v", got, tt.legible)
			}
		})
	}
}
