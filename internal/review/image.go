package review

import (
	"context"
	"errors"
	"fmt"
	"image"

	"safepost/internal/decisions"
	"safepost/internal/export"
	"safepost/internal/pipeline"
	"safepost/internal/redact"
	"safepost/internal/scan"
)

// Engine is what an image's life needs of pipeline.Engine: the scan, and
// redaction with verification. Tests pass a pipeline.Engine on a fake OCR,
// or a stub.
type Engine interface {
	Scan(ctx context.Context, img *image.NRGBA) (*scan.Result, error)
	Redact(ctx context.Context, img *image.NRGBA, areas []redact.Area) (*pipeline.Outcome, error)
}

var _ Engine = (*pipeline.Engine)(nil)

// Unavailable is the engine when the real one could not start (missing
// Tesseract data, say): every image fails closed with err.
func Unavailable(err error) Engine {
	if err == nil {
		err = errors.New("the checker is not available")
	}
	return unavailable{err}
}

type unavailable struct{ err error }

func (u unavailable) Scan(context.Context, *image.NRGBA) (*scan.Result, error) { return nil, u.err }

func (u unavailable) Redact(context.Context, *image.NRGBA, []redact.Area) (*pipeline.Outcome, error) {
	return nil, u.err
}

// ErrChanged is returned when a file's bytes no longer match the hash it
// was checked under: its review is about other pixels.
var ErrChanged = errors.New("the file changed after it was checked; check it again")

// Checked is the result of checking one image: its item and, unless
// nothing could be blurred, its redaction (which never leaves memory
// until exported).
type Checked struct {
	Item
	Redacted *image.NRGBA
}

// Check scans img, lays the stored review rec (nil for none) over what it
// found as use allows, and redacts and verifies the result once. Regions
// the scan finds are blurred in style. When the engine fails, the image is
// unchecked (Err set); if a person had blurred it by hand before (rec's
// check state says so), their drawn areas are blurred here, unverified,
// and the item is marked reviewed as they left it.
func Check(ctx context.Context, eng Engine, img *image.NRGBA, style redact.Style, rec *decisions.Record, use Use) Checked {
	res, err := eng.Scan(ctx, img)
	if err == nil && res == nil {
		err = errors.New("the engine returned nothing")
	}
	if err != nil {
		c := Checked{Item: Item{State: Failed, Err: err}}
		if rec != nil && rec.Check == decisions.ReviewedByHand {
			c.Regions = DrawnOnly(rec)
			if HasDrawn(c.Regions) {
				c.Redacted, c.Reviewed = redactorOf(eng).Apply(img, Areas(c.Regions)), true
			}
		}
		return c
	}
	regions := Reapply(FromScan(res.Regions, style), rec, use)
	out, err := eng.Redact(ctx, img, Areas(regions))
	if err != nil {
		return Checked{Item: Item{State: Failed, Err: err, Regions: regions}}
	}
	return Checked{Item: Item{State: Done, Regions: regions, Verified: out.Verified}, Redacted: out.Redacted}
}

// Reblur redacts img again with regions after a person's edit. When the
// engine cannot verify the result, the areas are blurred here, unverified,
// so a person can still review the image by hand: err then says why, and
// the image counts as unchecked. A cancelled job returns no image.
func Reblur(ctx context.Context, eng Engine, img *image.NRGBA, regions []Region) (red *image.NRGBA, verified bool, err error) {
	areas := Areas(regions)
	out, err := eng.Redact(ctx, img, areas)
	if err == nil {
		return out.Redacted, out.Verified, nil
	}
	if ctx.Err() != nil {
		return nil, false, err
	}
	return redactorOf(eng).Apply(img, areas), false, err
}

// redactorOf is how eng redacts (a pipeline.Engine's, with this
// computer's key, so that blurring the same photo by hand again gives the
// same pixels), or fresh randomness for an engine without one.
func redactorOf(eng Engine) redact.Redactor {
	if r, ok := eng.(interface{ Redactor() redact.Redactor }); ok {
		return r.Redactor()
	}
	return redact.Redactor{}
}

// Reopen reads the file at path again for a person's review or an export:
// its pixels, refused if they no longer hash to hash, and their redaction
// with regions. An image the engine checked must verify again; one a
// person blurred by hand (checked false) gets exactly the blur they
// reviewed, or none (red nil) when they have drawn nothing yet.
func Reopen(ctx context.Context, eng Engine, path, hash string, regions []Region, checked bool) (orig, red *image.NRGBA, err error) {
	img, h, err := decisions.Load(path)
	if err != nil {
		return nil, nil, err
	}
	if h != hash {
		return nil, nil, ErrChanged
	}
	areas := Areas(regions)
	if !checked && len(areas) == 0 {
		return img.Pixels, nil, nil
	}
	red, _, err = Reblur(ctx, eng, img.Pixels, regions)
	if err != nil && (checked || red == nil) {
		return nil, nil, err
	}
	return img.Pixels, red, nil
}

// Export writes the file at path, redacted with regions as reviewed (see
// Reopen), to dst without metadata, atomically.
func Export(ctx context.Context, eng Engine, path, hash string, regions []Region, checked bool, dst string) error {
	_, red, err := Reopen(ctx, eng, path, hash, regions, checked)
	if err != nil {
		return err
	}
	if red == nil {
		return fmt.Errorf("nothing was blurred by hand in an image SafePost could not check")
	}
	return export.WriteFile(dst, red)
}
