package training

import (
	"image"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testScene is a 1000x800 photo with two pieces of patient information and
// two of other text. The slack is 1% of 800 = 8 px.
func testScene() *Scene {
	return &Scene{Name: "t", Kind: "wristband", Difficulty: 1, Width: 1000, Height: 800, Items: []Item{
		{Text: "Mrs J. OKAFOR", Kind: "person-name", PII: true, Box: [4]int{100, 100, 300, 130}, Rule: "name rule"},
		{Text: "999 000 0000", Kind: "nhs-number", PII: true, Box: [4]int{100, 150, 280, 175}, Rule: "nhs rule"},
		{Text: "Marcus", Kind: "staff-name", Box: [4]int{500, 100, 580, 130}, Rule: "staff rule"},
		{Text: "NHS No:", Kind: "heading", Box: [4]int{20, 150, 90, 175}, Rule: "heading rule"},
	}}
}

func box(x0, y0, x1, y1 int) Mark { return Mark{Box: image.Rect(x0, y0, x1, y1)} }
func tap(x, y int) Mark           { return TapMark(image.Pt(x, y), 1000, 800) }

func TestScore(t *testing.T) {
	type want struct {
		found, missed, alarms int
		foundItems            []int // Scene.Items indexes found
		others                [][]int
		tooBig                []bool
	}
	tests := []struct {
		name  string
		marks []Mark
		want  want
	}{
		{"no marks", nil, want{0, 2, 0, nil, nil, nil}},
		{"box exactly on the name", []Mark{box(100, 100, 300, 130)},
			want{1, 1, 0, []int{0}, [][]int{nil}, []bool{false}}},
		{"box over 60% of the name", []Mark{box(100, 100, 220, 130)},
			want{1, 1, 0, []int{0}, [][]int{nil}, []bool{false}}},
		{"tall box over 40% of the name, mostly off it", []Mark{box(100, 20, 180, 400)},
			want{0, 2, 1, nil, [][]int{nil}, []bool{false}}},
		{"small box inside the name points at it", []Mark{box(150, 105, 170, 125)},
			want{1, 1, 0, []int{0}, [][]int{nil}, []bool{false}}},
		{"small box straddling the name's edge within the slack", []Mark{box(290, 110, 315, 125)},
			want{1, 1, 0, []int{0}, [][]int{nil}, []bool{false}}},
		{"tap on the name", []Mark{tap(200, 115)},
			want{1, 1, 0, []int{0}, [][]int{nil}, []bool{false}}},
		{"tap just below the name, within the slack", []Mark{tap(200, 136)},
			want{1, 1, 0, []int{0}, [][]int{nil}, []bool{false}}},
		{"tap between the lines, outside both slacks", []Mark{tap(200, 140)},
			want{0, 2, 1, nil, [][]int{nil}, []bool{false}}},
		{"tap on a staff name is a false alarm naming it", []Mark{tap(540, 115)},
			want{0, 2, 1, nil, [][]int{{2}}, []bool{false}}},
		{"one box round both details finds both", []Mark{box(90, 90, 300, 180)},
			want{2, 0, 0, []int{0, 1}, [][]int{nil}, []bool{false}}},
		{"box round the details and the label finds both, label not a false alarm", []Mark{box(10, 90, 310, 180)},
			want{2, 0, 0, []int{0, 1}, [][]int{{3}}, []bool{false}}},
		{"box over 44% of the photo still counts", []Mark{box(0, 0, 700, 500)},
			want{2, 0, 0, []int{0, 1}, [][]int{{2, 3}}, []bool{false}}},
		{"whole photo counts for nothing", []Mark{box(0, 0, 1000, 800)},
			want{0, 2, 1, nil, [][]int{nil}, []bool{true}}},
		{"box on the label, touching the number", []Mark{box(20, 150, 120, 175)},
			want{0, 2, 1, nil, [][]int{{3}}, []bool{false}}},
		{"two marks on one item: one find, no false alarm", []Mark{tap(150, 115), box(100, 100, 300, 130)},
			want{1, 1, 0, []int{0}, [][]int{nil, nil}, []bool{false, false}}},
		{"a find, a miss and a false alarm", []Mark{tap(150, 160), tap(900, 700)},
			want{1, 1, 1, []int{1}, [][]int{nil, nil}, []bool{false, false}}},
		{"empty drag is a false alarm", []Mark{box(400, 400, 400, 400)},
			want{0, 2, 1, nil, [][]int{nil}, []bool{false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(testScene(), tt.marks, DefaultRules)
			var found []int
			for _, ir := range r.Items {
				if ir.Found() {
					found = append(found, ir.Index)
				}
			}
			var others [][]int
			var tooBig []bool
			for _, mr := range r.Marks {
				others = append(others, mr.Others)
				tooBig = append(tooBig, mr.TooBig)
			}
			got := want{r.Found, r.Missed, r.FalseAlarms, found, others, tooBig}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(want{})); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
			if r.Total() != 2 {
				t.Errorf("Total = %d, want 2", r.Total())
			}
		})
	}
}

func TestSceneScore(t *testing.T) {
	tests := []struct {
		found, missed, alarms int
		want                  float64
	}{
		{0, 0, 0, 1}, // a clean scene left alone
		{0, 0, 1, 0}, // a clean scene marked
		{2, 0, 0, 1},
		{1, 1, 0, 0.5},
		{1, 1, 1, 1.0 / 3},
		{0, 3, 0, 0},
		{3, 1, 2, 0.5},
	}
	for _, tt := range tests {
		r := SceneResult{Found: tt.found, Missed: tt.missed, FalseAlarms: tt.alarms}
		if got := r.Score(); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Score(%d found, %d missed, %d alarms) = %v, want %v", tt.found, tt.missed, tt.alarms, got, tt.want)
		}
		if got, want := r.Percent(), int(math.Round(tt.want*100)); got != want {
			t.Errorf("Percent = %d, want %d", got, want)
		}
	}
}

func TestScannerRulesHaveNoSizeLimit(t *testing.T) {
	whole := []Mark{box(0, 0, 1000, 800)}
	if r := Score(testScene(), whole, ScannerRules); r.Found != 2 || r.FalseAlarms != 0 {
		t.Errorf("a region over the whole photo found %d, %d false alarms; want 2, 0", r.Found, r.FalseAlarms)
	}
}

func TestTapMark(t *testing.T) {
	if m := TapMark(image.Pt(5, 5), 1000, 800); !m.Tap || m.Centre() != image.Pt(5, 5) {
		t.Errorf("tap at the corner = %+v: want a tap centred on (5,5)", m)
	}
	if s := TapSide(4000, 3000); s != 75 {
		t.Errorf("TapSide(4000x3000) = %d, want 75", s)
	}
	if s := TapSide(300, 300); s != 12 {
		t.Errorf("TapSide(300x300) = %d, want the 12 px floor", s)
	}
	if c := TapMark(image.Pt(500, 400), 1000, 800).Centre(); c != image.Pt(500, 400) {
		t.Errorf("centre = %v, want (500,400)", c)
	}
}
