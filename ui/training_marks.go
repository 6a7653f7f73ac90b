package ui

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"safepost/internal/training"
)

// Colours of the training overlays. Found and missed differ in hue and in
// fill, so they stay apart for colour-blind trainees too (a missed item is
// filled, a found one only outlined).
var (
	colFound   = color.NRGBA{0x2e, 0x7d, 0x32, 0xff} // green outline
	colMissed  = color.NRGBA{0xd3, 0x2f, 0x2f, 0xff} // red outline and fill
	colAlarm   = color.NRGBA{0xf5, 0x7c, 0x00, 0xff} // amber outline and fill
	colMark    = color.NRGBA{0x15, 0x65, 0xc0, 0xff} // a trainee's mark before the reveal
	colScanner = color.NRGBA{0x8e, 0x24, 0xaa, 0xff} // SafePost's regions
)

func withAlpha(c color.NRGBA, a uint8) color.NRGBA { c.A = a; return c }

// Overlay is one outline drawn over a scene.
type Overlay struct {
	Box    image.Rectangle
	Stroke color.NRGBA
	Fill   color.NRGBA
	Width  float32
	Round  bool // drawn as a circle: a tap
	// Quad, when set, is a turned outline in image pixels (corners in
	// order) drawn as four lines instead of Box; Box still bounds it.
	Quad [4]image.Point
}

func (o Overlay) turned() bool { return o.Quad != ([4]image.Point{}) }

// MarkView shows a training scene, lets a trainee tap or drag marks on it
// and draws overlays over it after the reveal.
type MarkView struct {
	widget.BaseWidget
	Image    image.Image
	Overlays []Overlay
	// OnTap and OnBox receive taps and dragged boxes in image pixels.
	OnTap func(p image.Point)
	OnBox func(r image.Rectangle)
	// Locked stops drawing boxes (after the reveal); taps still report.
	Locked bool

	drag
}

var (
	_ fyne.Draggable = (*MarkView)(nil)
	_ fyne.Tappable  = (*MarkView)(nil)
)

// NewMarkView makes an empty view.
func NewMarkView() *MarkView {
	v := &MarkView{}
	v.ExtendBaseWidget(v)
	return v
}

// geometry returns the scale from image pixels to widget units and the
// image's top-left in the widget (the image is fitted, centred).
func (v *MarkView) geometry(size fyne.Size) (float32, fyne.Position) {
	if v.Image == nil {
		return 1, fyne.Position{}
	}
	b := v.Image.Bounds()
	iw, ih := float32(b.Dx()), float32(b.Dy())
	s := min(size.Width/iw, size.Height/ih)
	if s <= 0 {
		s = 1
	}
	return s, fyne.NewPos((size.Width-iw*s)/2, (size.Height-ih*s)/2)
}

// ToImage converts a widget position to image pixels.
func (v *MarkView) ToImage(p fyne.Position) image.Point {
	s, off := v.geometry(v.Size())
	return image.Pt(int((p.X-off.X)/s), int((p.Y-off.Y)/s))
}

// ToWidget converts image pixels to a widget position.
func (v *MarkView) ToWidget(p image.Point) fyne.Position {
	s, off := v.geometry(v.Size())
	return fyne.NewPos(off.X+float32(p.X)*s, off.Y+float32(p.Y)*s)
}

// ImageArea is where the image is drawn inside the widget.
func (v *MarkView) ImageArea() (fyne.Position, fyne.Size) {
	s, off := v.geometry(v.Size())
	if v.Image == nil {
		return off, fyne.Size{}
	}
	b := v.Image.Bounds()
	return off, fyne.NewSize(float32(b.Dx())*s, float32(b.Dy())*s)
}

func (v *MarkView) onImage(p fyne.Position) bool {
	if v.Image == nil {
		return false
	}
	return v.ToImage(p).In(v.Image.Bounds())
}

// Tapped reports a tap on the image.
func (v *MarkView) Tapped(e *fyne.PointEvent) {
	if v.OnTap != nil && v.onImage(e.Position) {
		v.OnTap(v.ToImage(e.Position))
	}
}

// Dragged shows the box being drawn.
func (v *MarkView) Dragged(e *fyne.DragEvent) {
	if v.Image == nil || v.Locked {
		return
	}
	v.move(e)
	v.Refresh()
}

// DragEnd reports the drawn box, clipped to the image.
func (v *MarkView) DragEnd() {
	from, to, ok := v.end()
	if !ok {
		return
	}
	v.Refresh()
	r := image.Rectangle{Min: v.ToImage(from), Max: v.ToImage(to)}.Canon()
	if v.Image != nil {
		r = r.Intersect(v.Image.Bounds())
	}
	if v.OnBox != nil && !r.Empty() {
		v.OnBox(r)
	}
}

// MinSize is small: the view fills what its container gives it.
func (v *MarkView) MinSize() fyne.Size { return fyne.NewSize(360, 270) }

// CreateRenderer draws the image, the overlays and the box being dragged.
func (v *MarkView) CreateRenderer() fyne.WidgetRenderer {
	img := &canvas.Image{FillMode: canvas.ImageFillStretch, ScaleMode: canvas.ImageScaleSmooth}
	drag := canvas.NewRectangle(withAlpha(colMark, 0x40))
	drag.StrokeColor = colMark
	drag.StrokeWidth = 2
	bg := canvas.NewRectangle(color.NRGBA{0x30, 0x30, 0x30, 0xff})
	r := &markRenderer{v: v, bg: bg, img: img, drag: drag}
	r.Refresh()
	return r
}

type markRenderer struct {
	v     *MarkView
	bg    *canvas.Rectangle
	img   *canvas.Image
	shown []fyne.CanvasObject // one per overlay
	drag  *canvas.Rectangle
	objs  []fyne.CanvasObject
}

func (r *markRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	s, off := r.v.geometry(size)
	if r.v.Image != nil {
		b := r.v.Image.Bounds()
		r.img.Move(off)
		r.img.Resize(fyne.NewSize(float32(b.Dx())*s, float32(b.Dy())*s))
	}
	for i, o := range r.shown {
		if i >= len(r.v.Overlays) {
			break
		}
		ov := r.v.Overlays[i]
		if ov.turned() {
			// A container without layout spanning the view, holding
			// four lines placed in view coordinates.
			o.Move(fyne.NewPos(0, 0))
			o.Resize(size)
			at := func(p image.Point) fyne.Position {
				return fyne.NewPos(off.X+float32(p.X)*s, off.Y+float32(p.Y)*s)
			}
			for j, l := range o.(*fyne.Container).Objects {
				ln := l.(*canvas.Line)
				ln.Position1, ln.Position2 = at(ov.Quad[j]), at(ov.Quad[(j+1)%4])
			}
			continue
		}
		bx := ov.Box
		o.Move(fyne.NewPos(off.X+float32(bx.Min.X)*s, off.Y+float32(bx.Min.Y)*s))
		o.Resize(fyne.NewSize(max(float32(bx.Dx())*s, 4), max(float32(bx.Dy())*s, 4)))
	}
	if r.v.dragging {
		a, b := r.v.dragFrom, r.v.dragTo
		r.drag.Move(fyne.NewPos(min(a.X, b.X), min(a.Y, b.Y)))
		r.drag.Resize(fyne.NewSize(abs32(b.X-a.X), abs32(b.Y-a.Y)))
		r.drag.Show()
	} else {
		r.drag.Hide()
	}
}

func (r *markRenderer) MinSize() fyne.Size { return r.v.MinSize() }

func (r *markRenderer) Refresh() {
	if r.img.Image != r.v.Image {
		r.img.Image = r.v.Image
		r.img.Refresh()
	}
	show(r.img, r.v.Image != nil)
	// Fresh slices: Fyne may still hold the previous Objects slice.
	r.shown = make([]fyne.CanvasObject, 0, len(r.v.Overlays))
	for _, o := range r.v.Overlays {
		var obj fyne.CanvasObject
		if o.turned() {
			sides := make([]fyne.CanvasObject, 4)
			for j := range sides {
				ln := canvas.NewLine(o.Stroke)
				ln.StrokeWidth = o.Width
				sides[j] = ln
			}
			obj = container.NewWithoutLayout(sides...)
		} else if o.Round {
			c := canvas.NewCircle(o.Fill)
			c.StrokeColor, c.StrokeWidth = o.Stroke, o.Width
			obj = c
		} else {
			rc := canvas.NewRectangle(o.Fill)
			rc.StrokeColor, rc.StrokeWidth = o.Stroke, o.Width
			obj = rc
		}
		r.shown = append(r.shown, obj)
	}
	r.objs = append([]fyne.CanvasObject{r.bg, r.img}, r.shown...)
	r.objs = append(r.objs, r.drag)
	r.Layout(r.v.Size())
	canvas.Refresh(r.v)
}

func (r *markRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *markRenderer) Destroy()                     {}

// markOverlay draws a trainee's mark before the reveal.
func markOverlay(m training.Mark) Overlay {
	return Overlay{Box: m.Box, Stroke: colMark, Fill: withAlpha(colMark, 0x38), Width: 2, Round: m.Tap}
}
