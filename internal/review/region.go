// Package review owns one image's life in SafePost, for every front end
// (the app's composer and folder review, training's answer and the
// command line): load and hash, scan, lay a stored review over the scan,
// a person's edits, redact and verify, the fail-closed rules of what may
// leave the machine, and export. It imports no user-interface package.
package review

import (
	"image"
	"slices"

	"safepost/checks"
	"safepost/internal/redact"
	"safepost/internal/scan"
)

// SourceManual is the Source of an area a person drew.
const SourceManual = "manual"

// Region is one area of an image to blur: what the scan found there (or a
// person drew), how it is blurred, and a person's choice about it. It is
// the one region type of the app, the folder review, the decisions store
// (see Stored) and the command line; redaction takes Areas of it.
type Region struct {
	scan.Region
	Style redact.Style
	// Off is a person's deliberate choice to leave this area clear.
	Off bool
	// Why is the person's short reason for drawing the area or turning it
	// off (the folder review asks for one; the composer does not).
	Why string
}

// Turned reports whether the region is a turned outline (a row of a
// photo read straightened) rather than its Box.
func (r Region) Turned() bool { return r.Quad != ([4]image.Point{}) }

// Contains reports whether image pixel pt lies in the region: inside its
// turned outline when it has one, not just its bounding box.
func (r Region) Contains(pt image.Point) bool {
	if r.Turned() {
		return pt.In(r.Box) && redact.InQuad(r.Quad, pt.X, pt.Y)
	}
	return pt.In(r.Box)
}

// Drawn reports whether a person drew the area.
func (r Region) Drawn() bool { return r.Source == SourceManual }

// Changed reports whether a person changed the area: drew it or turned it
// off.
func (r Region) Changed() bool { return r.Off || r.Drawn() }

// FromScan makes regions, all on, in one style, from a scan's regions.
func FromScan(regions []scan.Region, style redact.Style) []Region {
	out := make([]Region, len(regions))
	for i, r := range regions {
		out[i] = Region{Region: r, Style: style}
	}
	return out
}

// Draw makes the region of an area a person drew over box.
func Draw(box image.Rectangle, style redact.Style) Region {
	return Region{Region: scan.Region{Box: box, Kinds: []string{checks.KindManual}, Reason: "Drawn by you",
		Confidence: 1, TextHeight: box.Dy(), Source: SourceManual}, Style: style}
}

// HasDrawn reports whether a person drew an area that is on.
func HasDrawn(regions []Region) bool {
	return slices.ContainsFunc(regions, func(r Region) bool { return r.Drawn() && !r.Off })
}

// Changes lists the indexes of the regions a person drew or turned off.
func Changes(regions []Region) []int {
	var out []int
	for i, r := range regions {
		if r.Changed() {
			out = append(out, i)
		}
	}
	return out
}

// On counts the regions that are blurred.
func On(regions []Region) int {
	n := 0
	for _, r := range regions {
		if !r.Off {
			n++
		}
	}
	return n
}

// Areas turns the regions that are on into redaction areas, keeping the
// outline and word boxes so every front end paints the same shapes.
func Areas(regions []Region) []redact.Area {
	var out []redact.Area
	for _, r := range regions {
		if !r.Off {
			out = append(out, redact.Area{Box: r.Box, TextHeight: r.TextHeight, Style: r.Style, Quad: r.Quad, Words: r.Words})
		}
	}
	return out
}

// SameAreas reports whether a and b paint the same shapes in the same
// styles.
func SameAreas(a, b []redact.Area) bool {
	return slices.EqualFunc(a, b, func(x, y redact.Area) bool {
		return x.Box == y.Box && x.TextHeight == y.TextHeight && x.Style == y.Style && x.Quad == y.Quad &&
			slices.Equal(x.Words, y.Words) && x.Fixed == y.Fixed
	})
}
