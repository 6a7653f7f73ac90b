package codes

import (
	"context"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/disintegration/imaging"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/oned"
	"github.com/makiuchi-d/gozxing/qrcode"

	"safepost/checks"
	"safepost/internal/synth"
)

var ink = color.NRGBA{18, 18, 24, 255}

// renderMatrix draws a gozxing symbol with modules of m pixels; a 1-D
// symbol's single row is stretched to height h.
func renderMatrix(bm *gozxing.BitMatrix, m, h int) *image.NRGBA {
	rows := bm.GetHeight()
	H := rows * m
	if h > 0 {
		H = h
	}
	img := image.NewNRGBA(image.Rect(0, 0, bm.GetWidth()*m, H))
	draw.Draw(img, img.Rect, image.White, image.Point{}, draw.Src)
	for y := 0; y < H; y++ {
		by := y / m
		if h > 0 {
			by = 0
		}
		for x := 0; x < img.Rect.Dx(); x++ {
			if bm.Get(x/m, by) {
				img.SetNRGBA(x, y, ink)
			}
		}
	}
	return img
}

func code128(t testing.TB, text string, m, h int) *image.NRGBA {
	t.Helper()
	bm, err := oned.NewCode128Writer().Encode(text, gozxing.BarcodeFormat_CODE_128, 0, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	return renderMatrix(bm, m, h)
}

func qr(t testing.TB, text string, m int) *image.NRGBA {
	t.Helper()
	hints := map[gozxing.EncodeHintType]interface{}{gozxing.EncodeHintType_MARGIN: 4}
	bm, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 0, 0, hints)
	if err != nil {
		t.Fatal(err)
	}
	return renderMatrix(bm, m, 0)
}

// stripes is a barcode-like pattern that is no symbology: it must be found
// and blurred, and cannot decode.
func stripes(w, h int, seed uint64) *image.NRGBA {
	rng := rand.New(rand.NewPCG(seed, 1))
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Rect, image.White, image.Point{}, draw.Src)
	for x := 12; x < w-12; {
		bw := 2 + rng.IntN(7)
		if rng.IntN(2) == 0 {
			draw.Draw(img, image.Rect(x, 0, x+bw, h), image.NewUniform(ink), image.Point{}, draw.Src)
		}
		x += bw
	}
	return img
}

// placed is a symbol drawn into a test photo: where its dark modules are.
type placed struct {
	kind, payload string
	ink           image.Rectangle
}

// paste draws sym turned by deg degrees with its centre at (cx, cy), and
// returns the bounds of its dark pixels in the photo.
func paste(dst *image.NRGBA, sym *image.NRGBA, deg float64, cx, cy int) image.Rectangle {
	if deg != 0 {
		sym = imaging.Rotate(sym, deg, color.NRGBA{255, 255, 255, 255})
	}
	sym = imaging.Blur(sym, 0.6)
	r := sym.Rect.Add(image.Pt(cx-sym.Rect.Dx()/2, cy-sym.Rect.Dy()/2))
	draw.Draw(dst, r, sym, image.Point{}, draw.Src)
	ink := image.Rectangle{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if dst.NRGBAAt(x, y).R < 100 {
				ink = ink.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return ink
}

func scene(t testing.TB, kind string, seed int64, w, h int) *image.NRGBA {
	t.Helper()
	sc, err := synth.Render(synth.Spec{Name: kind, Kind: kind, Seed: seed, Width: w, Height: h, Difficulty: 1})
	if err != nil {
		t.Fatal(err)
	}
	return sc.Image
}

// TestFindsCodes draws real symbols (upright, tilted, sideways, upside
// down) and undecodable stripes onto a generated photo: each must be
// covered whole by a code of its kind, and the real ones decoded.
func TestFindsCodes(t *testing.T) {
	photo := scene(t, "signage", 3, 2400, 1800)
	var want []placed
	add := func(kind, payload string, sym *image.NRGBA, deg float64, cx, cy int) {
		want = append(want, placed{kind, payload, paste(photo, sym, deg, cx, cy)})
	}
	add(KindBarcode, "9990001236", code128(t, "9990001236", 3, 90), 0, 300, 200)
	add(KindBarcode, "RTH1234567", code128(t, "RTH1234567", 2, 70), 20, 1000, 220)
	add(KindBarcode, "K123456", code128(t, "K123456", 4, 110), 90, 2150, 420)
	add(KindBarcode, "9990001244", code128(t, "9990001244", 3, 80), 180, 350, 1550)
	add(KindQR, "NHS:9990001236;MRN:K123456", qr(t, "NHS:9990001236;MRN:K123456", 6), 0, 800, 1450)
	add(KindQR, "MRN:RTH7654321", qr(t, "MRN:RTH7654321", 4), -25, 1500, 1400)
	add(KindBarcode, "", stripes(420, 110, 7), 8, 1900, 1650)

	got, err := (&Finder{}).Find(context.Background(), photo)
	if err != nil {
		t.Fatal(err)
	}
	used := make([]bool, len(got))
	for _, w := range want {
		found := false
		for i, c := range got {
			if c.Kind != w.kind || !w.ink.In(c.Box) {
				continue
			}
			found, used[i] = true, true
			if c.Payload != w.payload || c.Decoded() != (w.payload != "") {
				t.Errorf("%s at %v: payload %q (decoded %v), want %q", w.kind, w.ink, c.Payload, c.Decoded(), w.payload)
			}
			if c.Box.Dx()*c.Box.Dy() > 4*w.ink.Dx()*w.ink.Dy() {
				t.Errorf("%s at %v: box %v is far larger than the symbol", w.kind, w.ink, c.Box)
			}
		}
		if !found {
			t.Errorf("%s %q at %v not covered by any of %+v", w.kind, w.payload, w.ink, got)
		}
	}
	for i, c := range got {
		if !used[i] {
			t.Errorf("unexpected %s at %v", c.Kind, c.Box)
		}
	}
}

// TestUndecodableQRStillFound scrambles a QR code's data modules but keeps
// its finder patterns: it must be found with its full box, undecoded.
func TestUndecodableQRStillFound(t *testing.T) {
	sym := qr(t, "NHS:9990001236;MRN:K123456;DOB:1948-03-12", 6)
	n := sym.Rect.Dx() / 6
	rng := rand.New(rand.NewPCG(3, 4))
	for y := 4; y < n-4; y++ {
		for x := 4; x < n-4; x++ {
			inFinder := (x < 12 && y < 12) || (x >= n-12 && y < 12) || (x < 12 && y >= n-12)
			if inFinder {
				continue
			}
			c := color.NRGBA{255, 255, 255, 255}
			if rng.IntN(2) == 0 {
				c = ink
			}
			draw.Draw(sym, image.Rect(x*6, y*6, x*6+6, y*6+6), image.NewUniform(c), image.Point{}, draw.Src)
		}
	}
	photo := scene(t, "signage", 5, 1600, 1200)
	inkBox := paste(photo, sym, 10, 800, 600)
	got, err := (&Finder{}).Find(context.Background(), photo)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Kind != KindQR || got[0].Decoded() || !inkBox.In(got[0].Box) {
		t.Errorf("got %+v, want one undecoded QR code covering %v", got, inkBox)
	}
}

func TestQRBoxIsTheSymbol(t *testing.T) {
	// Version 1 (21 modules) with 10-pixel modules at (100, 50): finder
	// centres sit 3.5 modules in from the symbol's corners.
	tl, tr, bl := gozxing.NewResultPoint(135, 85), gozxing.NewResultPoint(275, 85), gozxing.NewResultPoint(135, 225)
	got := qrBox(tl, tr, bl, 10)
	want := image.Rect(100, 50, 310, 260).Inset(-10) // plus one module of margin
	if got != want {
		t.Errorf("qrBox = %v, want %v", got, want)
	}
}

// TestNoCodesInTextScenes: generated photos of text, boards, screens,
// banners and people have no codes.
func TestNoCodesInTextScenes(t *testing.T) {
	for i, kind := range []string{"whiteboard", "epr-screen", "handover-sheet", "letter", "team-banner", "signage", "selfie", "name-card", "xray"} {
		photo := scene(t, kind, int64(90+i), 1920, 1440)
		got, err := (&Finder{}).Find(context.Background(), photo)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) > 0 {
			t.Errorf("%s: %+v", kind, got)
		}
	}
}

// TestScanRunsChecksOnPayload: an NHS number in a barcode is reported as
// nhs-number from source "barcode" with the code's box, besides the
// barcode finding itself, and both are in one region.
func TestScanRunsChecksOnPayload(t *testing.T) {
	cs, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	photo := scene(t, "signage", 9, 1600, 1200)
	paste(photo, code128(t, "9434765919", 3, 90), 0, 500, 900)
	s := &Scanner{Checks: cs}
	finds, regions, err := s.Scan(context.Background(), photo, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range finds {
		ids = append(ids, f.Check)
		if f.Source != Source {
			t.Errorf("%s: source %q, want barcode", f.Check, f.Source)
		}
	}
	if !slices.Contains(ids, "barcode") || !slices.Contains(ids, "nhs-number") {
		t.Fatalf("findings %v, want barcode and nhs-number", ids)
	}
	if len(regions) != 1 || !slices.Equal(regions[0].Kinds, []string{"barcode", "nhs-number"}) || regions[0].Box != finds[0].Box {
		t.Errorf("regions %+v", regions)
	}
	if regions[0].TextHeight < regions[0].Box.Dy()/5 {
		t.Errorf("blur cell %d is too small to destroy a %v code", regions[0].TextHeight, regions[0].Box)
	}
}

func TestFindStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	photo := scene(t, "signage", 1, 1280, 960)
	if _, err := (&Finder{}).Find(ctx, photo); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// FuzzFind feeds arbitrary pixels to the finder and the decoders behind it:
// they must not panic and must return boxes inside the image.
func FuzzFind(f *testing.F) {
	f.Add(uint8(40), uint8(30), []byte{0, 255, 0, 255, 0, 0, 255, 255})
	f.Add(uint8(64), uint8(64), code128(f, "9990001236", 1, 20).Pix)
	f.Fuzz(func(t *testing.T, w, h uint8, pix []byte) {
		if w == 0 || h == 0 || len(pix) == 0 {
			return
		}
		img := image.NewGray(image.Rect(0, 0, int(w), int(h)))
		for i := range img.Pix {
			img.Pix[i] = pix[i%len(pix)]
		}
		got, err := (&Finder{}).Find(context.Background(), img)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range got {
			if !c.Box.In(img.Rect) || c.Box.Empty() {
				t.Fatalf("box %v outside %v", c.Box, img.Rect)
			}
		}
	})
}

// BenchmarkFind12MP is the code search on a generated 12 MP photo.
func BenchmarkFind12MP(b *testing.B) {
	sc, err := synth.Render(synth.Spec{Name: "bench", Kind: "bedside", Seed: 5, Width: 4000, Height: 3000, Difficulty: 2})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := (&Finder{}).Find(context.Background(), sc.Image); err != nil {
			b.Fatal(err)
		}
	}
}
