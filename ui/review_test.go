package ui

import (
	"context"
	"image"
	"image/color"
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"safepost/checks"
	"safepost/internal/review"
	"safepost/internal/scan"
)

// turnedRow is a 200x50 row centred at (200, 150) turned by 15 degrees,
// as a scan of a photo read straightened reports it, with its bounding box.
func turnedRow() ([4]image.Point, image.Rectangle) {
	const cx, cy, hw, hh = 200.0, 150.0, 100.0, 25.0
	sin, cos := math.Sincos(15 * math.Pi / 180)
	var q [4]image.Point
	for i, c := range [4][2]float64{{-hw, -hh}, {hw, -hh}, {hw, hh}, {-hw, hh}} {
		q[i] = image.Pt(int(math.Round(cx+c[0]*cos-c[1]*sin)), int(math.Round(cy+c[0]*sin+c[1]*cos)))
	}
	var b image.Rectangle
	for _, p := range q {
		b = b.Union(image.Rectangle{Min: p, Max: p.Add(image.Pt(1, 1))})
	}
	return q, b
}

func grey(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xf0
	}
	return img
}

// TestRegionViewDrawsTurnedRegions checks a region with a Quad is drawn
// as its four sides, not its bounding box, that a box region is still a
// rectangle, and that pointing uses the turned outline.
func TestRegionViewDrawsTurnedRegions(t *testing.T) {
	test.NewTempApp(t)
	q, bounds := turnedRow()
	v := NewRegionView()
	v.Image = grey(400, 300)
	v.Regions = []review.Region{
		{Region: scan.Region{Box: bounds, Quad: q, Kinds: []string{checks.KindPatientList}, Reason: "row"}},
		{Region: scan.Region{Box: image.Rect(10, 10, 60, 40), Kinds: []string{checks.KindManual}, Reason: "drawn"}},
	}
	w := test.NewWindow(v)
	defer w.Close()
	w.SetPadded(false)
	w.Resize(fyne.NewSize(400, 300))
	v.Refresh()
	if s := v.Size(); s.Width != 400 || s.Height != 300 {
		t.Fatalf("view is %v, want the image at 1:1 for this test", s)
	}

	var lines []*canvas.Line
	var rects []*canvas.Rectangle
	for _, o := range test.WidgetRenderer(v).Objects() {
		if !o.Visible() {
			continue
		}
		switch o := o.(type) {
		case *canvas.Line:
			lines = append(lines, o)
		case *canvas.Rectangle:
			rects = append(rects, o)
		}
	}
	if len(lines) != 4 {
		t.Fatalf("%d lines shown, want the 4 sides of the turned region", len(lines))
	}
	for i, l := range lines {
		a, b := q[i], q[(i+1)%4]
		if l.Position1 != fyne.NewPos(float32(a.X), float32(a.Y)) || l.Position2 != fyne.NewPos(float32(b.X), float32(b.Y)) {
			t.Errorf("side %d runs %v-%v, want %v-%v", i, l.Position1, l.Position2, a, b)
		}
		if l.StrokeColor != kindColour([]string{checks.KindPatientList}) {
			t.Errorf("side %d colour %v", i, l.StrokeColor)
		}
	}
	if len(rects) != 1 || rects[0].Position() != fyne.NewPos(10, 10) || rects[0].Size() != fyne.NewSize(50, 30) {
		t.Errorf("box outlines %v, want the drawn region's rectangle only", rects)
	}

	// On screen: the middle of the top side is outlined; the corner of
	// the bounding box, outside the turned row, is not.
	shot := w.Canvas().Capture()
	mid := image.Pt((q[0].X+q[1].X)/2, (q[0].Y+q[1].Y)/2)
	if !near(shot, mid, kindColour([]string{checks.KindPatientList})) {
		t.Errorf("no outline drawn at %v (top side's middle)", mid)
	}
	if near(shot, bounds.Min.Add(image.Pt(2, 2)), kindColour([]string{checks.KindPatientList})) {
		t.Errorf("outline drawn at the bounding box's corner %v", bounds.Min)
	}

	hovered := -2
	v.OnHover = func(i int) { hovered = i }
	for _, c := range []struct {
		name string
		at   image.Point
		want int
	}{
		{"inside the turned row", image.Pt(200, 150), 0},
		{"bounding box corner, outside the turned row", bounds.Min.Add(image.Pt(3, 3)), -1},
		{"other bounding box corner", image.Pt(bounds.Max.X-3, bounds.Min.Y+3), -1},
		{"inside the drawn box", image.Pt(30, 20), 1},
		{"nothing", image.Pt(380, 20), -1},
	} {
		pos := fyne.NewPos(float32(c.at.X)+0.5, float32(c.at.Y)+0.5)
		v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
		if hovered != c.want {
			t.Errorf("hover %s %v: region %d, want %d", c.name, c.at, hovered, c.want)
		}
		hovered = -2
		v.Tapped(&fyne.PointEvent{Position: pos})
		if hovered != c.want {
			t.Errorf("tap %s %v: region %d, want %d", c.name, c.at, hovered, c.want)
		}
	}

	// Turned off, the sides stay (grey) so it can be turned on again.
	v.Regions[0].Off = true
	v.Refresh()
	n := 0
	for _, o := range test.WidgetRenderer(v).Objects() {
		if l, ok := o.(*canvas.Line); ok && l.Visible() {
			n++
			if l.StrokeWidth != 1 {
				t.Errorf("an off region's side is %v wide", l.StrokeWidth)
			}
		}
	}
	if n != 4 {
		t.Errorf("%d sides shown for an off region", n)
	}
}

// near reports whether a pixel within 1 of p has roughly colour c.
func near(img image.Image, p image.Point, c color.NRGBA) bool {
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			g := color.NRGBAModel.Convert(img.At(p.X+dx, p.Y+dy)).(color.NRGBA)
			if diff(g.R, c.R) < 40 && diff(g.G, c.G) < 40 && diff(g.B, c.B) < 40 {
				return true
			}
		}
	}
	return false
}

func diff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// turnedEngine finds one turned whiteboard row in every photo.
type turnedEngine struct{ stub }

func (e *turnedEngine) Scan(ctx context.Context, img *image.NRGBA) (*scan.Result, error) {
	if _, err := e.stub.Scan(ctx, img); err != nil {
		return nil, err
	}
	q, b := turnedRow()
	r := scan.Region{Box: b, Quad: q, Kinds: []string{checks.KindPatientList}, Reason: "A row of the patient board", Source: "layout", TextHeight: 20}
	return &scan.Result{Width: img.Bounds().Dx(), Height: img.Bounds().Dy(), Regions: []scan.Region{r}}, nil
}

// TestReviewTurnedRegion opens a photo whose scan found a turned row: the
// review outlines the row's sides and gives its reason only when pointing
// inside the row; a region drawn by hand is still a box.
func TestReviewTurnedRegion(t *testing.T) {
	h := newHarness(t, &turnedEngine{}, 1)
	h.u.AddPaths([]string{writePhoto(t, "board.png", 400, 300)})
	h.waitFor("scan", 10*time.Second, func() bool { return h.u.Model.Photos[0].State == review.Done })
	p := h.u.Model.Photos[0]
	q, _ := turnedRow()
	if len(p.Regions) != 1 || p.Regions[0].Quad != q {
		t.Fatalf("regions = %+v, want the turned row", p.Regions)
	}
	rv := h.u.OpenReview(p.ID)
	defer rv.Close()
	rv.View.Resize(fyne.NewSize(400, 300))
	point := func(x, y float32) string {
		rv.View.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, y)}})
		return rv.Reason.Text
	}
	if got := point(200, 150); !strings.Contains(got, "A row of the patient board") {
		t.Errorf("pointing inside the row: %q", got)
	}
	if got := point(float32(q[3].X)+2, float32(q[0].Y)+2); strings.Contains(got, "A row of the patient board") {
		t.Errorf("pointing at the bounding box's corner, outside the row: %q", got)
	}

	rv.View.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(380, 290)}, Dragged: fyne.NewDelta(60, 40)})
	rv.View.DragEnd()
	h.waitFor("drawn region", 10*time.Second, func() bool { return len(p.Regions) == 2 && p.State == review.Done && !p.Redoing })
	if p.Regions[1].Turned() {
		t.Errorf("a drawn region has a quad: %+v", p.Regions[1].Quad)
	}
	if p.Regions[0].Quad != q {
		t.Errorf("re-blurring lost the turned outline: %+v", p.Regions[0].Quad)
	}
	lines, rects := 0, 0
	for _, o := range test.WidgetRenderer(rv.View).Objects() {
		switch o := o.(type) {
		case *canvas.Line:
			if o.Visible() {
				lines++
			}
		case *canvas.Rectangle:
			if o.Visible() && o.StrokeColor == kindColour([]string{checks.KindManual}) {
				rects++
			}
		}
	}
	if lines != 4 || rects != 1 {
		t.Errorf("%d sides and %d boxes shown, want 4 and 1", lines, rects)
	}
}
