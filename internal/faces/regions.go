package faces

import (
	"context"
	"image"

	"safepost/checks"
	"safepost/internal/scan"
)

// CheckID is the check ID of a face finding, and Reason what the review
// and `safepost check` say about it.
const (
	CheckID = checks.KindFace
	Reason  = "A face can identify a patient"
	// Source marks findings that came from the picture itself rather
	// than from text.
	Source checks.Source = "image"
)

// Kinds returns the kinds of finding and region the detector emits.
func Kinds() []string { return []string{CheckID} }

// HeadBox returns the area to blur for a face window: the cascade's window
// runs from the brows to the mouth and cheek to cheek, so it is widened to
// the whole head, whose hair, ears and jaw also identify someone (a head
// is about twice the window's height, most of the extra above it), and
// clipped to bounds.
func HeadBox(win, bounds image.Rectangle) image.Rectangle {
	w, h := win.Dx(), win.Dy()
	return image.Rect(win.Min.X-w*9/20, win.Min.Y-h*4/5, win.Max.X+w*9/20, win.Max.Y+h*9/20).Intersect(bounds)
}

// blurCell is the redaction's "text height" for a face: the blur averages
// cells this big, so a face's features merge into a few blocks that no
// longer identify it (people can still recognise familiar faces at about
// 7×10 pixels, so the head gets fewer cells than that).
func blurCell(win image.Rectangle) int { return max(8, win.Dy()/2) }

// Scan finds the faces in img as scan findings (one per face, with the
// head box) and regions to blur. luma, if not nil, is img's grey version,
// used instead of making another.
func (d *Detector) Scan(ctx context.Context, img *image.NRGBA, luma *image.Gray) ([]scan.Finding, []scan.Region, error) {
	var src image.Image = img
	if luma != nil && luma.Rect.Size() == img.Rect.Size() {
		src = luma
	}
	fs, err := d.Detect(ctx, src)
	if err != nil {
		return nil, nil, err
	}
	var finds []scan.Finding
	var regions []scan.Region
	for _, f := range fs {
		box := HeadBox(f.Box.Add(img.Rect.Min.Sub(src.Bounds().Min)), img.Bounds())
		if box.Empty() {
			continue
		}
		conf := min(0.99, 0.6+0.02*float64(f.Neighbors))
		finds = append(finds, scan.Finding{
			Finding: checks.Finding{Check: CheckID, Reason: Reason, Confidence: conf, Source: Source},
			Box:     box,
		})
		regions = append(regions, scan.Region{Box: box, Kinds: []string{CheckID}, Reason: Reason,
			Confidence: conf, TextHeight: blurCell(f.Box), Source: string(Source)})
	}
	return finds, regions, nil
}
