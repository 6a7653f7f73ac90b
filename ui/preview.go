package ui

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safepost/internal/compose"
	"safepost/internal/post"
)

// Preview shows the post as the chosen network would, built only from
// redacted images.
type Preview struct {
	Content *fyne.Container
	Banner  *fyne.Container
	Avatar  *canvas.Text
	Name    *widget.Label
	Body    *widget.RichText
	Grid    *fyne.Container
	// Alts shows each photo's description, as a screen reader would read
	// it out.
	Alts *fyne.Container
	// Images are the images in the grid, in cell order (for tests).
	Images []*canvas.Image

	// issues is the banner's text as last shown.
	issues string
	// shown keeps each image's canvas object between updates: the model
	// changes on every keystroke, and a new object would make Fyne scale
	// and upload the picture again.
	shown map[*image.NRGBA]*canvas.Image
}

const gridW, gridH = 420, 300

// NewPreview builds an empty preview.
func NewPreview() *Preview {
	p := &Preview{}
	p.Banner = container.NewVBox()
	circle := canvas.NewCircle(theme.Color(theme.ColorNamePrimary))
	p.Avatar = canvas.NewText("?", color.White)
	p.Avatar.TextStyle.Bold = true
	p.Avatar.Alignment = fyne.TextAlignCenter
	avatar := container.NewGridWrap(fyne.NewSize(44, 44), container.NewStack(circle, container.NewCenter(p.Avatar)))
	p.Name = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.Body = widget.NewRichText()
	p.Body.Wrapping = fyne.TextWrapWord
	p.Grid = container.New(&cellLayout{})
	p.Alts = container.NewVBox()
	header := container.NewBorder(nil, nil, avatar, nil, p.Name)
	card := container.NewVBox(header, p.Body, container.NewCenter(container.NewGridWrap(fyne.NewSize(gridW, gridH), p.Grid)), p.Alts)
	p.Content = container.NewVBox(p.Banner, widget.NewCard("", "Preview", card))
	return p
}

// Update rebuilds the preview from the model.
func (p *Preview) Update(m *compose.Model, displayName string) {
	if displayName == "" {
		displayName = "Your ward"
	}
	r, _ := post.RulesFor(m.Network)
	p.Avatar.Text = post.Initials(displayName)
	p.Avatar.Refresh()
	p.Name.SetText(fmt.Sprintf("%s · %s", displayName, r.Name))

	var issues []string
	if why := m.Blocked(); why != "" {
		issues = append(issues, why)
	}
	for _, pr := range m.Post().Problems() {
		issues = append(issues, pr.Message)
	}
	if key := strings.Join(issues, "\n"); key != p.issues {
		p.issues = key
		p.Banner.RemoveAll()
		for _, s := range issues {
			l := widget.NewLabel("⚠ " + s)
			l.Wrapping = fyne.TextWrapWord
			l.Importance = widget.WarningImportance
			bg := canvas.NewRectangle(color.NRGBA{0xff, 0xc1, 0x07, 0x40})
			bg.CornerRadius = 4
			p.Banner.Add(container.NewStack(bg, l))
		}
		// The pane lays its rows out again: the banner's new height
		// used to be drawn over the "Preview" heading under it.
		p.Content.Refresh()
	}

	var segs []widget.RichTextSegment
	for _, s := range post.Segments(m.Text()) {
		st := widget.RichTextStyleInline
		if s.Kind != post.Plain {
			st.ColorName = theme.ColorNamePrimary
			st.TextStyle.Bold = s.Kind != post.Link
		}
		segs = append(segs, &widget.TextSegment{Text: s.Text, Style: st})
	}
	if len(segs) == 0 {
		segs = []widget.RichTextSegment{&widget.TextSegment{Text: "Your post text appears here.", Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, Inline: true}}}
	}
	p.Body.Segments = segs
	p.Body.Refresh()

	p.Grid.RemoveAll()
	p.Images = nil
	shown := map[*image.NRGBA]*canvas.Image{}
	cells := r.Layout(len(m.Photos))
	lay := p.Grid.Layout.(*cellLayout)
	lay.cells = cells
	for _, c := range cells {
		ph := m.Photos[c.Index]
		var obj fyne.CanvasObject
		if ph.Exportable() && ph.Small != nil {
			img := p.shown[ph.Small]
			if img == nil {
				img = canvas.NewImageFromImage(ph.Small)
				img.FillMode = canvas.ImageFillContain
			}
			shown[ph.Small] = img
			p.Images = append(p.Images, img)
			obj = img
		} else {
			// Never the original: a grey tile saying why.
			l := widget.NewLabel(ph.Status())
			l.Wrapping = fyne.TextWrapWord
			l.Alignment = fyne.TextAlignCenter
			// In a VBox the label gets the tile's width: centred alone it
			// got its narrowest and drew one letter per line.
			obj = container.NewStack(canvas.NewRectangle(color.NRGBA{0x80, 0x80, 0x80, 0x60}),
				container.NewVBox(layout.NewSpacer(), l, layout.NewSpacer()))
		}
		if c.More > 0 {
			more := canvas.NewText(fmt.Sprintf("+%d", c.More), color.White)
			more.TextSize = 28
			more.TextStyle.Bold = true
			if r.Grid == post.GridCarousel {
				more.Text = fmt.Sprintf("1 / %d", c.More+1)
				more.TextSize = 16
			}
			obj = container.NewStack(obj, container.NewCenter(more))
		}
		p.Grid.Add(obj)
	}
	p.shown = shown
	p.Grid.Refresh()

	p.Alts.RemoveAll()
	for i, ph := range m.Photos {
		alt := strings.TrimSpace(ph.Alt)
		text := fmt.Sprintf("Image %d description: %s", i+1, alt)
		if alt == "" {
			text = fmt.Sprintf("Image %d has no description: people using a screen reader hear only “image”.", i+1)
		}
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.LowImportance
		p.Alts.Add(l)
	}
}

// cellLayout places objects in post.Cell fractions of its size.
type cellLayout struct{ cells []post.Cell }

func (l *cellLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	const gap = 2
	for i, o := range objs {
		if i >= len(l.cells) {
			o.Hide()
			continue
		}
		c := l.cells[i]
		o.Move(fyne.NewPos(float32(c.X)*size.Width+gap/2, float32(c.Y)*size.Height+gap/2))
		o.Resize(fyne.NewSize(float32(c.W)*size.Width-gap, float32(c.H)*size.Height-gap))
	}
}

func (l *cellLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(gridW, gridH) }

// OpenPreview shows the post beside its preview, closing a review.
func (u *UI) OpenPreview() {
	if u.Review != nil {
		u.Review.Close()
	}
	u.Modes.Select(u.PostTab)
}

// PreviewImageRect returns, as a JSON array [x, y, w, h] in window pixels,
// where the preview's first image is drawn ("null" when there is none). The
// window test uses it to find a known region in a screenshot.
func PreviewImageRect(u *UI) string {
	if len(u.Preview.Images) == 0 {
		return "null"
	}
	img := u.Preview.Images[0]
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(img)
	size := img.Size()
	b := img.Image.Bounds()
	s := min(size.Width/float32(b.Dx()), size.Height/float32(b.Dy()))
	w, h := float32(b.Dx())*s, float32(b.Dy())*s
	x, y := pos.X+(size.Width-w)/2, pos.Y+(size.Height-h)/2
	scale := u.Win.Canvas().Scale()
	return fmt.Sprintf("[%.1f, %.1f, %.1f, %.1f]", x*scale, y*scale, w*scale, h*scale)
}
