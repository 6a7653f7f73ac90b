package pipeline

import (
	"context"
	"errors"
	"image"
	"testing"

	"safepost/checks"
	"safepost/internal/codes"
	"safepost/internal/decisions"
	"safepost/internal/faces"
	"safepost/internal/ocr"
	"safepost/internal/redact"
	"safepost/internal/scan"
	"safepost/internal/synth"
)

// inkChanged returns, per item, the share of its ink pixels that changed.
func inkChanged(sc *synth.Scene, out *image.NRGBA) []float64 {
	ink := make([]int, len(sc.Items))
	changed := make([]int, len(sc.Items))
	for y := 0; y < sc.Image.Rect.Dy(); y++ {
		for x := 0; x < sc.Image.Rect.Dx(); x++ {
			id := int(sc.Ink.Gray16At(x, y).Y)
			if id == 0 || id > len(ink) {
				continue
			}
			ink[id-1]++
			i := sc.Image.PixOffset(x, y)
			d := 0
			for c := 0; c < 3; c++ {
				v := int(sc.Image.Pix[i+c]) - int(out.Pix[i+c])
				d += max(v, -v)
			}
			if d > 24 {
				changed[id-1]++
			}
		}
	}
	share := make([]float64, len(ink))
	for i := range ink {
		if ink[i] > 0 {
			share[i] = float64(changed[i]) / float64(ink[i])
		}
	}
	return share
}

// TestRealEngineOnGeneratedScenes runs real Tesseract over readable
// generated scenes: every patient item must lose at least 90% of its ink,
// and a clean sign must come out with nothing blurred.
func TestRealEngineOnGeneratedScenes(t *testing.T) {
	if testing.Short() {
		t.Skip("real OCR")
	}
	// The engine makes its redaction key here, not in the user's folder.
	t.Setenv(decisions.EnvDataDir, t.TempDir())
	eng, err := New(Options{ConfigPath: t.TempDir() + "/none.toml"})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if err := eng.KeyErr(); err != nil {
		t.Errorf("the engine has no redaction key: %v", err)
	}
	type scene struct {
		synth.Spec
		floor float64 // share of patient items that must be fully redacted
	}
	tests := []scene{
		{synth.Spec{Name: "card", Kind: "name-card", Seed: 11, Width: 1080, Height: 1440, Difficulty: 1}, 1},
		{synth.Spec{Name: "band", Kind: "wristband", Seed: 12, Width: 1280, Height: 960, Difficulty: 1}, 1},
		{synth.Spec{Name: "board", Kind: "whiteboard", Seed: 7, Width: 1280, Height: 960, Difficulty: 1}, 0.9},
		{synth.Spec{Name: "sign", Kind: "signage", Seed: 3, Width: 1280, Height: 960, Difficulty: 1}, 1},
	}
	for _, spec := range tests {
		t.Run(spec.Name, func(t *testing.T) {
			sc, err := synth.Render(spec.Spec)
			if err != nil {
				t.Fatal(err)
			}
			out, err := eng.Process(context.Background(), sc.Image)
			if err != nil {
				t.Fatal(err)
			}
			if !out.Verified {
				t.Error("not verified")
			}
			if out.Redacted.Bounds() != sc.Image.Bounds() {
				t.Errorf("output %v, input %v", out.Redacted.Bounds(), sc.Image.Bounds())
			}
			share := inkChanged(sc, out.Redacted)
			pii, done := 0, 0
			for i, it := range sc.Items {
				if !it.PII {
					continue
				}
				pii++
				if share[i] >= 0.9 {
					done++
				} else {
					t.Logf("%s item %d (%s) only %.0f%% redacted", spec.Name, i, it.Kind, 100*share[i])
				}
			}
			// Level-1 scenes are the easy ones; the engine does not yet
			// reach every item on a handwritten board (see the bench
			// figures), so this is a floor against regressions.
			if pii > 0 && float64(done) < spec.floor*float64(pii) {
				t.Errorf("%s: %d of %d patient items fully redacted, want at least %.0f%%", spec.Name, done, pii, 100*spec.floor)
			}
			if spec.Kind == "signage" && len(out.Scan.Regions) != 0 {
				t.Errorf("clean sign got %d regions", len(out.Scan.Regions))
				for _, r := range out.Scan.Regions {
					t.Logf("region %v %v %s", r.Box, r.Kinds, r.Reason)
				}
				for _, f := range out.Scan.Findings {
					t.Logf("finding %s %.2f %q", f.Check, f.Confidence, f.Match)
				}
			}
		})
	}
}

func TestProcessFailsClosed(t *testing.T) {
	cs, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	eng := With(&ocr.Fake{Err: errors.New("no language data")}, cs, redact.Blur)
	if _, err := eng.Process(context.Background(), image.NewNRGBA(image.Rect(0, 0, 20, 20))); err == nil {
		t.Error("an OCR failure must fail the image, not pass it as clean")
	}
}

// --- Faces and codes (issue 6) ---

// picture returns an engine with no text (fake OCR) and the real face and
// code detectors.
func picture(t *testing.T) *Engine {
	t.Helper()
	cs, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	fd, err := faces.New()
	if err != nil {
		t.Fatal(err)
	}
	eng := With(&ocr.Fake{}, cs, redact.Blur)
	eng.detectors = []Detector{fd, &codes.Scanner{Checks: cs}}
	return eng
}

// TestProcessBlursFacesAndCodes runs generated bedside photos (a face, a
// wristband barcode holding the NHS number, a QR label) through Process:
// each appears as a finding with a box and is blurred whole, and the
// barcode's NHS number is reported from source "barcode".
func TestProcessBlursFacesAndCodes(t *testing.T) {
	eng := picture(t)
	for _, spec := range []synth.Spec{
		{Name: "bedside", Kind: "bedside", Seed: 21, Width: 1600, Height: 1200, Difficulty: 1},
		{Name: "bedside2", Kind: "bedside", Seed: 22, Width: 2048, Height: 1536, Difficulty: 2},
	} {
		sc, err := synth.Render(spec)
		if err != nil {
			t.Fatal(err)
		}
		out, err := eng.Process(context.Background(), sc.Image)
		if err != nil {
			t.Fatal(err)
		}
		if !out.Verified {
			t.Errorf("%s: not verified", spec.Name)
		}
		found := map[string]bool{}
		for _, f := range out.Scan.Findings {
			found[f.Check+"/"+string(f.Source)] = true
			if f.Box.Empty() {
				t.Errorf("%s: %s finding without a box", spec.Name, f.Check)
			}
		}
		share := inkChanged(sc, out.Redacted)
		for i, it := range sc.Items {
			if !it.PII {
				continue
			}
			found[it.Kind+"?"] = true
			switch it.Kind {
			case "face":
				box := image.Rect(it.Box[0], it.Box[1], it.Box[2], it.Box[3])
				ok := false
				for _, r := range out.Scan.Regions {
					ok = ok || box.In(r.Box) && r.Kinds[0] == "face"
				}
				if !ok {
					t.Errorf("%s: face %v not inside a face region", spec.Name, box)
				}
			default:
				if share[i] < 0.9 {
					t.Errorf("%s: %s only %.0f%% redacted", spec.Name, it.Kind, 100*share[i])
				}
			}
		}
		// Every code in these scenes holds the patient's NHS number.
		want := []string{"face/image", "nhs-number/barcode"}
		if found["barcode?"] {
			want = append(want, "barcode/barcode")
		}
		if found["qr-code?"] {
			want = append(want, "qr-code/barcode")
		}
		for _, w := range want {
			if !found[w] {
				t.Errorf("%s: no %s finding; got %v", spec.Name, w, found)
			}
		}
	}
}

type failingDetector struct{}

func (failingDetector) Scan(context.Context, *image.NRGBA, *image.Gray) ([]scan.Finding, []scan.Region, error) {
	return nil, nil, errors.New("cascade missing")
}

func TestDetectorFailureFailsTheImage(t *testing.T) {
	eng := picture(t)
	eng.detectors = append(eng.detectors, failingDetector{})
	if _, err := eng.Process(context.Background(), image.NewNRGBA(image.Rect(0, 0, 64, 64))); err == nil {
		t.Error("a failed detector must fail the image, not pass it as clean")
	}
}

// BenchmarkAddedCost12MP measures what faces and codes add to processing a
// 12 MP photo: the same generated bedside photo with and without the
// detectors, real OCR. Compare the two sub-benchmarks.
func BenchmarkAddedCost12MP(b *testing.B) {
	b.Setenv(decisions.EnvDataDir, b.TempDir())
	eng, err := New(Options{ConfigPath: b.TempDir() + "/none.toml"})
	if err != nil {
		b.Skip(err)
	}
	defer eng.Close()
	sc, err := synth.Render(synth.Spec{Name: "bench", Kind: "bedside", Seed: 5, Width: 4000, Height: 3000, Difficulty: 2})
	if err != nil {
		b.Fatal(err)
	}
	dets := eng.detectors
	for _, on := range []bool{false, true} {
		name := "text-only"
		if on {
			name = "with-faces-and-codes"
		}
		b.Run(name, func(b *testing.B) {
			eng.detectors = nil
			if on {
				eng.detectors = dets
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := eng.Process(context.Background(), sc.Image); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	eng.detectors = dets
}
