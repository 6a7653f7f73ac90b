package attack

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"safepost/internal/ocr"
)

// Font is a typeface the attack renders labels in, from a Debian package.
type Font struct {
	Name, Path, Package string
}

// Fonts are the typefaces of the full run: print (sans, serif) and
// handwriting-like (Humor Sans, Comic Neue).
var Fonts = []Font{
	{"dejavu-sans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "fonts-dejavu-core"},
	{"liberation-serif", "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", "fonts-liberation2"},
	{"humor-sans", "/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf", "fonts-humor-sans"},
	{"comic-neue-bold", "/usr/share/fonts/opentype/comic-neue/ComicNeue-Bold.otf", "fonts-comic-neue"},
	{"free-sans", "/usr/share/fonts/truetype/freefont/FreeSans.ttf", "fonts-freefont-ttf"},
}

var (
	parsedMu sync.Mutex
	parsed   = map[string]*sfnt.Font{}
)

func load(f Font) (*sfnt.Font, error) {
	parsedMu.Lock()
	defer parsedMu.Unlock()
	if p := parsed[f.Path]; p != nil {
		return p, nil
	}
	b, err := os.ReadFile(f.Path)
	if err != nil {
		return nil, fmt.Errorf("font %s missing (install the Debian package %s): %w", f.Path, f.Package, err)
	}
	p, err := opentype.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("reading font %s: %w", f.Path, err)
	}
	parsed[f.Path] = p
	return p, nil
}

// newFace returns a face of f whose capital letters are capH pixels tall.
// Faces are not safe for concurrent use: make one per goroutine.
func newFace(f Font, capH int) (font.Face, error) {
	p, err := load(f)
	if err != nil {
		return nil, err
	}
	probe, err := opentype.NewFace(p, &opentype.FaceOptions{Size: 100, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, err
	}
	ch := float64(probe.Metrics().CapHeight) / 64
	probe.Close()
	if ch <= 0 {
		ch = 70
	}
	return opentype.NewFace(p, &opentype.FaceOptions{Size: 100 * float64(capH) / ch, DPI: 72, Hinting: font.HintingNone})
}

// Paper and ink are a printed label's colours.
var (
	paper = color.NRGBA{236, 233, 226, 255}
	ink   = color.NRGBA{28, 28, 40, 255}
)

// layout fixes where a kind's labels sit, so that every candidate of one
// font and size is drawn on the same canvas at the same place, as the
// attacker who knows the photo's label would draw them.
type layout struct {
	face   font.Face
	capH   int
	size   image.Point // canvas
	origin fixed.Point26_6
}

func newLayout(face font.Face, capH int, prefix string, values []string) layout {
	widest := fixed.Int26_6(0)
	for _, v := range values {
		widest = max(widest, font.MeasureString(face, prefix+" "+v))
	}
	// Room to the right for the redaction to grow into, and above and
	// below for the lines it could grow over.
	w := 2*capH + widest.Ceil() + 16*capH
	return layout{face: face, capH: capH, size: image.Pt(w, 5*capH), origin: fixed.P(2*capH, 3*capH)}
}

// label is one rendered label and what an ideal OCR pass reads in it:
// every word with its ink box.
type label struct {
	img   *image.NRGBA
	page  *ocr.Page
	value image.Rectangle // the value's words' boxes
}

// render draws prefix and value ("DOB:", "12/03/1948") on paper, one word
// at a time so that each word's box is known.
func (l layout) render(prefix, value string) label {
	img := image.NewNRGBA(image.Rectangle{Max: l.size})
	draw.Draw(img, img.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)
	d := font.Drawer{Dst: img, Src: image.NewUniform(ink), Face: l.face, Dot: l.origin}
	space := font.MeasureString(l.face, " ")
	var line ocr.Line
	var out label
	words := append(strings.Fields(prefix), strings.Fields(value)...)
	nPrefix := len(strings.Fields(prefix))
	for i, w := range words {
		b, _ := font.BoundString(l.face, w)
		box := image.Rect(b.Min.X.Floor(), b.Min.Y.Floor(), b.Max.X.Ceil(), b.Max.Y.Ceil()).
			Add(image.Pt(d.Dot.X.Round(), d.Dot.Y.Round()))
		d.DrawString(w)
		d.Dot.X += space
		line.Words = append(line.Words, ocr.Word{Text: w, Box: box, Straight: box, Conf: 95})
		line.Box = line.Box.Union(box)
		if i >= nPrefix {
			out.value = out.value.Union(box)
		}
	}
	line.Straight = line.Box
	out.img, out.page = img, &ocr.Page{Lines: []ocr.Line{line}}
	return out
}
