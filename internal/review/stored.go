package review

import (
	"image"

	"safepost/internal/decisions"
	"safepost/internal/redact"
	"safepost/internal/scan"
)

// Stored is the decisions store's form of regions: the same areas, kinds,
// outlines, word boxes, styles and a person's choices and reasons, with
// no text read from the image. FromStored gives them back unchanged.
func Stored(regions []Region) []decisions.Region {
	out := make([]decisions.Region, len(regions))
	for i, r := range regions {
		g := decisions.Region{Box: rect4(r.Box), Kinds: r.Kinds, Source: r.Source, TextHeight: r.TextHeight,
			Style: r.Style.String(), Added: r.Drawn(), Off: r.Off, Reason: r.Why, Found: r.Reason, Conf: r.Confidence, Field: r.Field}
		if r.Quad != ([4]image.Point{}) {
			g.Quad = make([]int, 0, 8)
			for _, p := range r.Quad {
				g.Quad = append(g.Quad, p.X, p.Y)
			}
		}
		for _, w := range r.Words {
			g.Words = append(g.Words, rect4(w))
		}
		out[i] = g
	}
	return out
}

// FromStored turns stored regions back into regions. A record written
// before the engine's reason was kept reads "Blurred in an earlier
// review" (or "Drawn by you"); one with a style it does not know is
// blurred.
func FromStored(stored []decisions.Region) []Region {
	out := make([]Region, len(stored))
	for i, g := range stored {
		st, err := redact.ParseStyle(g.Style)
		if err != nil {
			st = redact.Blur
		}
		found := g.Found
		switch {
		case found != "":
		case g.Added:
			found = "Drawn by you"
		default:
			found = "Blurred in an earlier review"
		}
		r := Region{Region: scan.Region{Box: rectOf(g.Box), Kinds: g.Kinds, Reason: found, Field: g.Field, Confidence: g.Conf,
			TextHeight: g.TextHeight, Source: g.Source}, Style: st, Off: g.Off, Why: g.Reason}
		if g.Added {
			r.Source = SourceManual
		}
		if len(g.Quad) == 8 {
			for k := range r.Quad {
				r.Quad[k] = image.Pt(g.Quad[2*k], g.Quad[2*k+1])
			}
		}
		for _, w := range g.Words {
			r.Words = append(r.Words, rectOf(w))
		}
		out[i] = r
	}
	return out
}

// Use says how much of a stored review is laid over a new scan.
type Use int

const (
	// Reviewing lays the whole review over the scan: the person sees
	// their own un-blurs, drawn areas and reasons again, to go on with.
	Reviewing Use = iota
	// Exporting keeps a person's un-blurs only when the image was
	// approved: an un-blur nobody approved never reaches a file. Areas a
	// person drew are always kept (more blur is always safe).
	Exporting
)

// Reapply lays the stored review rec over regions freshly scanned (see
// decisions.Reapply: an un-blur applies only to the exact region the
// person saw; areas the new scan no longer finds stay blurred). A nil
// rec leaves the regions as they are.
func Reapply(scanned []Region, rec *decisions.Record, use Use) []Region {
	if rec == nil {
		return scanned
	}
	stored := rec.Regions
	if use == Exporting && rec.Decision != decisions.Approved {
		stored = drawnOn(rec.Regions)
	}
	return FromStored(decisions.Reapply(Stored(scanned), stored))
}

// DrawnOnly keeps the areas of a stored review that a person drew and
// left on: all that applies to an image the engine could not check.
func DrawnOnly(rec *decisions.Record) []Region {
	if rec == nil {
		return nil
	}
	return FromStored(drawnOn(rec.Regions))
}

func drawnOn(stored []decisions.Region) []decisions.Region {
	var out []decisions.Region
	for _, g := range stored {
		if g.Added && !g.Off {
			out = append(out, g)
		}
	}
	return out
}

func rect4(r image.Rectangle) [4]int { return [4]int{r.Min.X, r.Min.Y, r.Max.X, r.Max.Y} }

func rectOf(b [4]int) image.Rectangle { return image.Rect(b[0], b[1], b[2], b[3]) }
