package review

import (
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"safepost/internal/decisions"
	"safepost/internal/imageio"
	"safepost/internal/pipeline"
	"safepost/internal/redact"
	"safepost/internal/scan"
)

// fakeEngine finds the regions it is given and redacts with the real
// redaction; scanErr and redactErr make either part fail.
type fakeEngine struct {
	regions            []scan.Region
	scanErr, redactErr error
	mu                 sync.Mutex
	redacts            [][]redact.Area
}

func (e *fakeEngine) Scan(_ context.Context, img *image.NRGBA) (*scan.Result, error) {
	if e.scanErr != nil {
		return nil, e.scanErr
	}
	return &scan.Result{Width: img.Rect.Dx(), Height: img.Rect.Dy(), Regions: e.regions}, nil
}

func (e *fakeEngine) Redact(_ context.Context, img *image.NRGBA, areas []redact.Area) (*pipeline.Outcome, error) {
	e.mu.Lock()
	e.redacts = append(e.redacts, areas)
	e.mu.Unlock()
	if e.redactErr != nil {
		return nil, e.redactErr
	}
	return &pipeline.Outcome{Redacted: redact.Apply(img, areas), Verified: true}, nil
}

// stripes is a busy picture, so a blur shows.
func stripes(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(0)
			if (x/2)%2 == 0 {
				v = 255
			}
			img.SetNRGBA(x, y, color.NRGBA{v, v, v, 255})
		}
	}
	return img
}

func sameAt(a, b *image.NRGBA, pt image.Point) bool {
	return a.NRGBAAt(pt.X, pt.Y) == b.NRGBAAt(pt.X, pt.Y)
}

func TestCheck(t *testing.T) {
	img := stripes(120, 80)
	name := scan.Region{Box: image.Rect(10, 10, 50, 30), Kinds: []string{"person-name"}, Reason: "Looks like a name", Source: "ocr", TextHeight: 16}
	scanFail, redactFail := errors.New("tesseract is missing"), errors.New("verification failed")
	byHand := Stored([]Region{Draw(image.Rect(60, 40, 100, 70), redact.Fill)})
	left := Stored(FromScan([]scan.Region{name}, redact.Blur))
	left[0].Off, left[0].Reason = true, "Staff badge"
	cases := []struct {
		name     string
		eng      *fakeEngine
		rec      *decisions.Record
		state    State
		reviewed bool
		regions  int
		redacted bool
		areas    int // areas passed to the engine's one redaction; -1 none
	}{
		{"found and blurred", &fakeEngine{regions: []scan.Region{name}}, nil, Done, false, 1, true, 1},
		{"nothing found", &fakeEngine{}, nil, Done, false, 0, true, 0},
		{"the scan fails", &fakeEngine{scanErr: scanFail}, nil, Failed, false, 0, false, -1},
		{"the scan fails, blurred by hand before", &fakeEngine{scanErr: scanFail},
			&decisions.Record{Check: decisions.ReviewedByHand, Regions: byHand}, Failed, true, 1, true, -1},
		{"the scan fails, a record not by hand", &fakeEngine{scanErr: scanFail},
			&decisions.Record{Check: decisions.Verified, Regions: byHand}, Failed, false, 0, false, -1},
		{"verification fails", &fakeEngine{regions: []scan.Region{name}, redactErr: redactFail}, nil, Failed, false, 1, false, 1},
		{"approved un-blur", &fakeEngine{regions: []scan.Region{name}},
			&decisions.Record{Decision: decisions.Approved, Regions: left}, Done, false, 1, true, 0},
	}
	for _, c := range cases {
		got := Check(context.Background(), c.eng, img, redact.Blur, c.rec, Exporting)
		if got.State != c.state || got.Reviewed != c.reviewed || len(got.Regions) != c.regions || (got.Redacted != nil) != c.redacted {
			t.Errorf("%s: state %d reviewed %v regions %d redacted %v, err %v", c.name, got.State, got.Reviewed, len(got.Regions), got.Redacted != nil, got.Err)
		}
		if (got.State == Failed) != (got.Err != nil) {
			t.Errorf("%s: state %d with err %v", c.name, got.State, got.Err)
		}
		switch {
		case c.areas < 0 && len(c.eng.redacts) != 0:
			t.Errorf("%s: redacted %d times, want none", c.name, len(c.eng.redacts))
		case c.areas >= 0 && (len(c.eng.redacts) != 1 || len(c.eng.redacts[0]) != c.areas):
			t.Errorf("%s: redactions %v, want one with %d areas", c.name, c.eng.redacts, c.areas)
		}
	}
}

func TestReblur(t *testing.T) {
	img := stripes(120, 80)
	regions := []Region{Draw(image.Rect(10, 10, 60, 40), redact.Blur)}
	red, verified, err := Reblur(context.Background(), &fakeEngine{}, img, regions)
	if err != nil || !verified || red == nil || sameAt(red, img, image.Pt(30, 25)) {
		t.Errorf("a verified re-blur: verified %v err %v", verified, err)
	}
	// The engine cannot verify: blurred here so a person can still look,
	// with the error that makes the image unchecked.
	red, verified, err = Reblur(context.Background(), &fakeEngine{redactErr: errors.New("no OCR")}, img, regions)
	if err == nil || verified || red == nil || sameAt(red, img, image.Pt(30, 25)) {
		t.Errorf("an unverified re-blur: red %v verified %v err %v", red != nil, verified, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if red, _, err = Reblur(ctx, &fakeEngine{redactErr: context.Canceled}, img, regions); err == nil || red != nil {
		t.Error("a cancelled re-blur gave an image")
	}
}

// TestReopenAndExport: a file is read again under its hash; a changed
// file is refused, and an unchecked one is written only with the blur a
// person drew.
func TestReopenAndExport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "board.png")
	writePNG(t, path, stripes(120, 80))
	hash, err := decisions.HashFile(path)
	if err != nil {
		t.Fatal(err)
	}
	name := FromScan([]scan.Region{{Box: image.Rect(10, 10, 50, 30), Kinds: []string{"person-name"}, TextHeight: 16}}, redact.Blur)
	drawn := []Region{Draw(image.Rect(60, 40, 100, 70), redact.Fill)}
	noOCR := &fakeEngine{redactErr: errors.New("no OCR")}
	cases := []struct {
		name    string
		eng     Engine
		hash    string
		regions []Region
		checked bool
		err     bool
		blurred image.Point // a pixel that must differ from the original
	}{
		{"checked", &fakeEngine{}, hash, name, true, false, image.Pt(30, 20)},
		{"changed since", &fakeEngine{}, "00" + hash[2:], name, true, true, image.Point{}},
		{"checked, the engine fails now", noOCR, hash, name, true, true, image.Point{}},
		{"blurred by hand", noOCR, hash, drawn, false, false, image.Pt(80, 55)},
		{"unchecked, nothing drawn", noOCR, hash, nil, false, true, image.Point{}},
	}
	for i, c := range cases {
		dst := filepath.Join(dir, "out", string(rune('a'+i))+".png")
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		err := Export(context.Background(), c.eng, path, c.hash, c.regions, c.checked, dst)
		if (err != nil) != c.err {
			t.Errorf("%s: err %v", c.name, err)
			continue
		}
		if _, statErr := os.Stat(dst); (statErr == nil) == c.err {
			t.Errorf("%s: written %v though err %v", c.name, statErr == nil, err)
		}
		if c.err {
			continue
		}
		out, lerr := imageio.Load(dst)
		if lerr != nil {
			t.Fatal(lerr)
		}
		if sameAt(out.Pixels, stripes(120, 80), c.blurred) {
			t.Errorf("%s: %v is not blurred", c.name, c.blurred)
		}
	}
	if _, _, err := Reopen(context.Background(), &fakeEngine{}, path, "00"+hash[2:], name, true); !errors.Is(err, ErrChanged) {
		t.Errorf("Reopen of a changed file: %v", err)
	}
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
