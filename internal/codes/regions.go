package codes

import (
	"context"
	"image"
	"slices"
	"sort"
	"strings"

	"safepost/checks"
	"safepost/internal/scan"
)

// Source marks findings read from a code's payload rather than from text
// in the picture.
const Source checks.Source = "barcode"

// Reasons shown in the review and by `safepost check`.
const (
	ReasonBarcode = "A barcode can hold the patient's NHS or hospital number"
	ReasonQR      = "A QR code can hold patient details"
)

// Scanner finds codes and runs the checks over what they hold.
type Scanner struct {
	Finder Finder
	// Checks, when set, reads decoded payloads: an NHS number in a
	// wristband's barcode is reported as nhs-number from source
	// "barcode", with the code's box.
	Checks *checks.Scanner
}

// Scan finds the codes in img. Each code gives a finding of its own kind
// (barcode or qr-code), one finding per check its payload trips, and one
// region covering the whole symbol. luma, if not nil, is img's grey
// version, used instead of making another.
func (s *Scanner) Scan(ctx context.Context, img *image.NRGBA, luma *image.Gray) ([]scan.Finding, []scan.Region, error) {
	var src image.Image = img
	if luma != nil && luma.Rect.Size() == img.Rect.Size() {
		src = luma
	}
	cs, err := s.Finder.Find(ctx, src)
	if err != nil {
		return nil, nil, err
	}
	off := img.Rect.Min.Sub(src.Bounds().Min)
	for i := range cs {
		cs[i].Box = cs[i].Box.Add(off)
	}
	var finds []scan.Finding
	var regions []scan.Region
	for _, c := range cs {
		reason := ReasonBarcode
		if c.Kind == KindQR {
			reason = ReasonQR
		}
		conf := 0.7
		if c.Decoded() {
			conf = 1
		}
		finds = append(finds, scan.Finding{
			Finding: checks.Finding{Check: c.Kind, Reason: reason, Confidence: conf, Source: Source, Match: c.Payload},
			Box:     c.Box,
		})
		kinds := []string{c.Kind}
		var holds []string
		for _, f := range s.payloadFindings(c) {
			finds = append(finds, f)
			if !slices.Contains(kinds, f.Check) {
				kinds = append(kinds, f.Check)
				holds = append(holds, f.Reason)
			}
		}
		sort.Strings(kinds[1:])
		if len(holds) > 0 {
			reason += "; this one holds: " + strings.Join(holds, "; ")
		}
		regions = append(regions, scan.Region{Box: c.Box, Kinds: kinds, Reason: reason, Confidence: conf,
			TextHeight: blurCell(c), Source: string(Source)})
	}
	return finds, regions, nil
}

// payloadSeparators split the fields of structured payloads (key:value
// pairs, HL7-like ^ and | fields, GS1 group separators) into words the
// checks can see.
var payloadSeparators = strings.NewReplacer(":", " ", ";", " ", ",", " ", "|", " ", "^", " ", "=", " ", "\x1d", " ")

// payloadFindings runs the checks over a decoded payload.
func (s *Scanner) payloadFindings(c Code) []scan.Finding {
	if s.Checks == nil || !c.Decoded() || strings.TrimSpace(c.Payload) == "" {
		return nil
	}
	doc := checks.FromText(payloadSeparators.Replace(c.Payload))
	doc.Source = Source
	var out []scan.Finding
	for _, f := range s.Checks.Scan(doc) {
		f.Source = Source
		out = append(out, scan.Finding{Finding: f, Box: c.Box})
	}
	return out
}

// blurCell is the redaction's "text height" for a code: a quarter of its
// short side, so no bar or module survives the blur.
func blurCell(c Code) int { return max(8, min(c.Box.Dx(), c.Box.Dy())/4) }
