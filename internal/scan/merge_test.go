package scan

import (
	"image"
	"strings"
	"testing"
)

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

// TestMergePadding: a region alone is padded by 30% of its text height
// (4 px at least), less towards a clear word in smaller print beside it,
// and clipped to the image.
func TestMergePadding(t *testing.T) {
	bounds := image.Rect(0, 0, 1000, 1000)
	tests := []struct {
		name  string
		box   image.Rectangle
		th    int
		clear []image.Rectangle
		want  image.Rectangle
	}{
		{"small text keeps the least padding", image.Rect(100, 100, 200, 110), 10, nil, image.Rect(96, 96, 204, 114)},
		{"padding grows with the text", image.Rect(100, 100, 300, 140), 40, nil, image.Rect(88, 88, 312, 152)},
		{"no text height: the box's height", image.Rect(100, 100, 300, 140), 0, nil, image.Rect(88, 88, 312, 152)},
		{"a label in smaller print just below", image.Rect(100, 100, 300, 140), 40,
			[]image.Rectangle{image.Rect(120, 145, 200, 165)}, image.Rect(88, 88, 312, 145)},
		{"a third of the padding is kept", image.Rect(100, 100, 300, 140), 40,
			[]image.Rectangle{image.Rect(120, 141, 200, 161)}, image.Rect(88, 88, 312, 144)},
		{"a label in smaller print just left", image.Rect(100, 100, 300, 140), 40,
			[]image.Rectangle{image.Rect(40, 110, 95, 130)}, image.Rect(95, 88, 312, 152)},
		{"text of the same size keeps all of it", image.Rect(100, 100, 300, 140), 40,
			[]image.Rectangle{image.Rect(120, 145, 200, 175)}, image.Rect(88, 88, 312, 152)},
		{"clipped to the image", image.Rect(0, 980, 100, 1000), 20, nil, image.Rect(0, 974, 106, 1000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Merge([]Region{{Box: tt.box, TextHeight: tt.th, Kinds: []string{"age"}}}, bounds, tt.clear)
			if len(got) != 1 || got[0].Box != tt.want {
				t.Errorf("got %+v, want one region at %v", got, tt.want)
			}
		})
	}
}

// TestMergeJoinsWordsOfALine: words of one line a word space apart are one
// region whatever rule flagged each (a forename found by a check, the
// particle and surname by the field rule), with every word's box; words
// further apart, on other lines, or with a clear word between them stay
// apart.
func TestMergeJoinsWordsOfALine(t *testing.T) {
	bounds := image.Rect(0, 0, 2000, 1000)
	word := func(x0, y0, x1, y1 int, src string) Region {
		b := image.Rect(x0, y0, x1, y1)
		return Region{Box: b, TextHeight: y1 - y0, Kinds: []string{"person-name"}, Source: src, Words: []image.Rectangle{b}}
	}
	tests := []struct {
		name  string
		in    []Region
		clear []image.Rectangle
		want  int
	}{
		// 40 px text, 12 px padding: 28 px between the words leaves 4 px
		// between the padded boxes.
		{"a wide word space", []Region{word(262, 79, 430, 121, "ocr"), word(458, 80, 518, 121, "layout"), word(546, 80, 649, 121, "layout")}, nil, 1},
		{"a gap of one text height", []Region{word(100, 100, 300, 140, "ocr"), word(340, 100, 500, 140, "layout")}, nil, 1},
		{"a gap of two text heights", []Region{word(100, 100, 300, 140, "ocr"), word(380, 100, 500, 140, "layout")}, nil, 2},
		{"the next line", []Region{word(100, 100, 300, 140, "ocr"), word(310, 160, 500, 200, "layout")}, nil, 2},
		{"a clear label between", []Region{word(100, 100, 300, 140, "ocr"), word(340, 100, 500, 140, "ocr")},
			[]image.Rectangle{image.Rect(305, 105, 335, 135)}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Merge(tt.in, bounds, tt.clear)
			if len(got) != tt.want {
				t.Fatalf("got %d regions, want %d: %+v", len(got), tt.want, got)
			}
			words := 0
			for _, g := range got {
				for _, w := range g.Words {
					if !w.In(g.Box) {
						t.Errorf("word %v outside its region %v", w, g.Box)
					}
				}
				words += len(g.Words)
			}
			if words != len(tt.in) {
				t.Errorf("%d words kept, want %d", words, len(tt.in))
			}
		})
	}
}
