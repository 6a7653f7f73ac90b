package ui

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safepost/checks"
	"safepost/internal/review"
)

// HoldButton runs OnDown while the mouse button is held on it and OnUp
// when it is let go: the before/after control shows the original only
// while held, never as a toggle.
type HoldButton struct {
	widget.BaseWidget
	Text         string
	OnDown, OnUp func()
	held         bool
}

var (
	_ desktop.Mouseable = (*HoldButton)(nil)
	_ desktop.Hoverable = (*HoldButton)(nil)
)

// NewHoldButton makes a hold-to-show button.
func NewHoldButton(text string, down, up func()) *HoldButton {
	b := &HoldButton{Text: text, OnDown: down, OnUp: up}
	b.ExtendBaseWidget(b)
	return b
}

// MouseDown starts showing.
func (b *HoldButton) MouseDown(*desktop.MouseEvent) {
	b.held = true
	if b.OnDown != nil {
		b.OnDown()
	}
	b.Refresh()
}

// MouseUp stops showing.
func (b *HoldButton) MouseUp(*desktop.MouseEvent) { b.release() }

// MouseIn does nothing.
func (b *HoldButton) MouseIn(*desktop.MouseEvent) {}

// MouseMoved does nothing.
func (b *HoldButton) MouseMoved(*desktop.MouseEvent) {}

// MouseOut releases: dragging off the button must not leave the original
// on screen.
func (b *HoldButton) MouseOut() { b.release() }

// Held reports whether the button is down.
func (b *HoldButton) Held() bool { return b.held }

func (b *HoldButton) release() {
	if !b.held {
		return
	}
	b.held = false
	if b.OnUp != nil {
		b.OnUp()
	}
	b.Refresh()
}

// CreateRenderer draws the button.
func (b *HoldButton) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameButton))
	bg.CornerRadius = theme.InputRadiusSize()
	label := canvas.NewText(b.Text, theme.Color(theme.ColorNameForeground))
	label.Alignment = fyne.TextAlignCenter
	r := &holdRenderer{b: b, bg: bg, label: label}
	return r
}

type holdRenderer struct {
	b     *HoldButton
	bg    *canvas.Rectangle
	label *canvas.Text
}

func (r *holdRenderer) Layout(s fyne.Size) {
	r.bg.Resize(s)
	ts := r.label.MinSize()
	r.label.Move(fyne.NewPos((s.Width-ts.Width)/2, (s.Height-ts.Height)/2))
	r.label.Resize(ts)
}

func (r *holdRenderer) MinSize() fyne.Size {
	ts := r.label.MinSize()
	p := theme.InnerPadding()
	return fyne.NewSize(ts.Width+2*p, ts.Height+p)
}

func (r *holdRenderer) Refresh() {
	r.label.Text = r.b.Text
	r.bg.FillColor = theme.Color(theme.ColorNameButton)
	if r.b.held {
		r.bg.FillColor = theme.Color(theme.ColorNamePressed)
	}
	r.label.Color = theme.Color(theme.ColorNameForeground)
	r.bg.Refresh()
	r.label.Refresh()
}

func (r *holdRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.label} }
func (r *holdRenderer) Destroy()                     {}

// groupColours are the outline colours of the kinds registry's colour
// groups (checks.ColourGroups).
var groupColours = map[string]color.NRGBA{
	"name":    {0xe5, 0x39, 0x35, 0xff},
	"number":  {0xfb, 0x8c, 0x00, 0xff},
	"date":    {0x8e, 0x24, 0xaa, 0xff},
	"list":    {0x1e, 0x88, 0xe5, 0xff},
	"contact": {0x00, 0x89, 0x7b, 0xff},
	"manual":  {0x43, 0xa0, 0x47, 0xff},
	"other":   {0x75, 0x75, 0x75, 0xff},
}

// kindColour is the outline colour of a region by what it holds: the
// colour group of its first kind in the kinds registry (assets/kinds.tsv).
func kindColour(kinds []string) color.NRGBA {
	if c, ok := groupColours[checks.KindColour(kinds)]; ok {
		return c
	}
	return groupColours["other"]
}

// RegionView shows an image with outlines over its regions. Hovering or
// tapping a region reports it; dragging draws a new one.
type RegionView struct {
	widget.BaseWidget
	// Image is the photo; regions and drawing are in its pixels.
	Image image.Image
	// Display, if set, is Image scaled down, drawn instead when fitting:
	// Fyne scales a picture to its size on screen on the CPU, on the UI
	// goroutine, which for a 12 MP photo takes about a second.
	Display image.Image
	Regions []review.Region
	// OneToOne shows image pixels at screen pixels; otherwise fit.
	OneToOne bool
	OnHover  func(i int) // -1 when over no region
	OnDraw   func(r image.Rectangle)

	drag
}

var (
	_ fyne.Draggable    = (*RegionView)(nil)
	_ fyne.Tappable     = (*RegionView)(nil)
	_ desktop.Hoverable = (*RegionView)(nil)
)

// NewRegionView makes an empty view.
func NewRegionView() *RegionView {
	v := &RegionView{}
	v.ExtendBaseWidget(v)
	return v
}

// geometry returns the scale from image pixels to widget units and the
// image's top-left in the widget.
func (v *RegionView) geometry(size fyne.Size) (scale float32, off fyne.Position) {
	if v.Image == nil {
		return 1, fyne.Position{}
	}
	b := v.Image.Bounds()
	iw, ih := float32(b.Dx()), float32(b.Dy())
	if v.OneToOne {
		scale = 1 / v.canvasScale()
	} else {
		scale = min(size.Width/iw, size.Height/ih)
	}
	return scale, fyne.NewPos((size.Width-iw*scale)/2, (size.Height-ih*scale)/2)
}

func (v *RegionView) canvasScale() float32 {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil && c.Scale() > 0 {
		return c.Scale()
	}
	return 1
}

// picture is what is drawn: Display when fitting, else Image at 1:1.
func (v *RegionView) picture() image.Image {
	if v.OneToOne || v.Display == nil {
		return v.Image
	}
	return v.Display
}

// ToImage converts a widget position to image pixels.
func (v *RegionView) ToImage(p fyne.Position) image.Point {
	s, off := v.geometry(v.Size())
	return image.Pt(int((p.X-off.X)/s), int((p.Y-off.Y)/s))
}

func (v *RegionView) regionAt(p fyne.Position) int {
	pt := v.ToImage(p)
	for i := len(v.Regions) - 1; i >= 0; i-- {
		if v.Regions[i].Contains(pt) {
			return i
		}
	}
	return -1
}

// Tapped reports the region under the tap (touch screens have no hover).
func (v *RegionView) Tapped(e *fyne.PointEvent) {
	if v.OnHover != nil {
		v.OnHover(v.regionAt(e.Position))
	}
}

// MouseIn reports the region under the pointer.
func (v *RegionView) MouseIn(e *desktop.MouseEvent) { v.MouseMoved(e) }

// MouseMoved reports the region under the pointer.
func (v *RegionView) MouseMoved(e *desktop.MouseEvent) {
	if v.OnHover != nil {
		v.OnHover(v.regionAt(e.Position))
	}
}

// MouseOut clears the report.
func (v *RegionView) MouseOut() {
	if v.OnHover != nil {
		v.OnHover(-1)
	}
}

// Dragged draws the rectangle being added.
func (v *RegionView) Dragged(e *fyne.DragEvent) {
	v.move(e)
	v.Refresh()
}

// DragEnd adds the drawn rectangle as a region.
func (v *RegionView) DragEnd() {
	from, to, ok := v.end()
	if !ok {
		return
	}
	a, b := v.ToImage(from), v.ToImage(to)
	v.Refresh()
	if v.OnDraw != nil {
		v.OnDraw(image.Rectangle{Min: a, Max: b}.Canon())
	}
}

// drag follows a mouse drag that draws a box over a view, in widget
// coordinates; the views' renderers draw it while dragging is set.
type drag struct {
	dragFrom, dragTo fyne.Position
	dragging         bool
}

// move records a drag event, starting the box on the first one.
func (d *drag) move(e *fyne.DragEvent) {
	if !d.dragging {
		d.dragging = true
		d.dragFrom = e.Position.Subtract(e.Dragged)
	}
	d.dragTo = e.Position
}

// end finishes the drag and returns its corners, or false if none began.
func (d *drag) end() (from, to fyne.Position, ok bool) {
	if !d.dragging {
		return from, to, false
	}
	d.dragging = false
	return d.dragFrom, d.dragTo, true
}

// MinSize is the image's size at 1:1, or small when fitting.
func (v *RegionView) MinSize() fyne.Size {
	if v.OneToOne && v.Image != nil {
		b := v.Image.Bounds()
		s := 1 / v.canvasScale()
		return fyne.NewSize(float32(b.Dx())*s, float32(b.Dy())*s)
	}
	return fyne.NewSize(320, 240)
}

// CreateRenderer draws the image and outlines.
func (v *RegionView) CreateRenderer() fyne.WidgetRenderer {
	img := &canvas.Image{FillMode: canvas.ImageFillStretch}
	drag := canvas.NewRectangle(color.NRGBA{0x43, 0xa0, 0x47, 0x40})
	drag.StrokeColor = color.NRGBA{0x43, 0xa0, 0x47, 0xff}
	drag.StrokeWidth = 2
	r := &regionRenderer{v: v, img: img, drag: drag}
	r.Refresh()
	return r
}

// outline is one region's outline: Box as a rectangle, or a turned
// region's Quad as four lines. Only one of the two shows.
type outline struct {
	box   *canvas.Rectangle
	sides [4]*canvas.Line
}

func newOutline() *outline {
	o := &outline{box: canvas.NewRectangle(color.Transparent)}
	for i := range o.sides {
		o.sides[i] = canvas.NewLine(color.Transparent)
	}
	return o
}

func (o *outline) hide() {
	o.box.Hide()
	for _, l := range o.sides {
		l.Hide()
	}
}

type regionRenderer struct {
	v       *RegionView
	img     *canvas.Image
	outline []*outline
	drag    *canvas.Rectangle
	objs    []fyne.CanvasObject
}

func (r *regionRenderer) Layout(size fyne.Size) {
	s, off := r.v.geometry(size)
	if r.v.Image != nil {
		b := r.v.Image.Bounds()
		r.img.Move(off)
		r.img.Resize(fyne.NewSize(float32(b.Dx())*s, float32(b.Dy())*s))
	}
	at := func(p image.Point) fyne.Position {
		return fyne.NewPos(off.X+float32(p.X)*s, off.Y+float32(p.Y)*s)
	}
	for i, o := range r.outline {
		if i >= len(r.v.Regions) {
			o.hide()
			continue
		}
		reg := r.v.Regions[i]
		if reg.Turned() {
			for j, l := range o.sides {
				l.Position1, l.Position2 = at(reg.Quad[j]), at(reg.Quad[(j+1)%4])
			}
			continue
		}
		bx := reg.Box
		o.box.Move(at(bx.Min))
		o.box.Resize(fyne.NewSize(float32(bx.Dx())*s, float32(bx.Dy())*s))
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

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

func (r *regionRenderer) MinSize() fyne.Size { return r.v.MinSize() }

func (r *regionRenderer) Refresh() {
	if pic := r.v.picture(); r.img.Image != pic {
		r.img.Image = pic
		r.img.Refresh()
	}
	for len(r.outline) < len(r.v.Regions) {
		r.outline = append(r.outline, newOutline())
	}
	for i, o := range r.outline {
		if i >= len(r.v.Regions) {
			o.hide()
			continue
		}
		reg := r.v.Regions[i]
		stroke, width := color.Color(kindColour(reg.Kinds)), float32(2)
		if reg.Off {
			stroke, width = color.NRGBA{0x9e, 0x9e, 0x9e, 0xc0}, 1
		}
		o.hide()
		if reg.Turned() {
			for _, l := range o.sides {
				l.StrokeColor, l.StrokeWidth = stroke, width
				l.Show()
				l.Refresh()
			}
			continue
		}
		o.box.StrokeColor, o.box.StrokeWidth = stroke, width
		o.box.Show()
		o.box.Refresh()
	}
	r.objs = []fyne.CanvasObject{r.img}
	for _, o := range r.outline {
		r.objs = append(r.objs, o.box)
		for _, l := range o.sides {
			r.objs = append(r.objs, l)
		}
	}
	r.objs = append(r.objs, r.drag)
	r.Layout(r.v.Size())
	canvas.Refresh(r.v)
}

func (r *regionRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *regionRenderer) Destroy()                     {}

// legendWords name the outline colours' groups as a reviewer reads them.
var legendWords = []struct{ group, words string }{
	{"name", "Names"},
	{"number", "Numbers"},
	{"date", "Dates"},
	{"contact", "Contacts"},
	{"list", "Lists, boards"},
	{"manual", "Drawn by you"},
	{"other", "Other"},
}

// outlineLegend says what each outline colour means (grey: left clear).
func outlineLegend() fyne.CanvasObject {
	item := func(c color.NRGBA, words string) fyne.CanvasObject {
		sw := canvas.NewRectangle(color.Transparent)
		sw.StrokeColor, sw.StrokeWidth = c, 2
		sw.SetMinSize(fyne.NewSize(14, 14))
		t := canvas.NewText(words, theme.Color(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize()
		return container.NewHBox(container.NewCenter(sw), t)
	}
	var items []fyne.CanvasObject
	for _, l := range legendWords {
		items = append(items, item(groupColours[l.group], l.words))
	}
	items = append(items, item(color.NRGBA{0x9e, 0x9e, 0x9e, 0xc0}, "Left clear"))
	return container.NewGridWrap(fyne.NewSize(104, 18), items...)
}
