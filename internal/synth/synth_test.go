package synth

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

var dumpDir = flag.String("dump", "", "write each kind's level-1 and level-3 corpus images as PNG to this directory")

// testSpec is a small spec for fast tests.
func testSpec(kind string, d int) Spec {
	return Spec{Name: fmt.Sprintf("t-%s-%d", kind, d), Kind: kind, Seed: int64(len(kind)*131 + d), Width: 1024, Height: 768, Difficulty: d}
}

func TestEveryKindRendersWithConsistentGroundTruth(t *testing.T) {
	for _, kind := range Kinds() {
		for d := 1; d <= 3; d++ {
			t.Run(fmt.Sprintf("%s/d%d", kind, d), func(t *testing.T) {
				t.Parallel()
				s, err := Render(testSpec(kind, d))
				if err != nil {
					t.Fatal(err)
				}
				checkScene(t, s)
			})
		}
	}
}

// checkScene verifies the invariants every consumer relies on.
func checkScene(t *testing.T, s *Scene) {
	t.Helper()
	b := s.Image.Rect
	if b.Dx() != s.Width || b.Dy() != s.Height || s.Ink.Rect != b {
		t.Fatalf("image %v ink %v, want %dx%d", b, s.Ink.Rect, s.Width, s.Height)
	}
	if len(s.Items) == 0 {
		t.Fatal("no items")
	}
	for i := 3; i < len(s.Image.Pix); i += 4 {
		if s.Image.Pix[i] != 255 {
			t.Fatalf("pixel %d not opaque", i/4)
		}
	}
	boxes, counts := inkBoxes(s.Ink, len(s.Items))
	// No label outside the item range.
	for i := 0; i < len(s.Ink.Pix); i += 2 {
		if v := int(s.Ink.Pix[i])<<8 | int(s.Ink.Pix[i+1]); v > len(s.Items) {
			t.Fatalf("ink value %d with %d items", v, len(s.Items))
		}
	}
	pii := 0
	for i, it := range s.Items {
		r := image.Rect(it.Box[0], it.Box[1], it.Box[2], it.Box[3])
		if r.Empty() || !r.In(b) {
			t.Errorf("item %d %q: box %v empty or outside %v", i, it.Text, r, b)
		}
		if counts[i] == 0 {
			t.Errorf("item %d %q has no ink", i, it.Text)
		}
		if !boxes[i].In(r) {
			t.Errorf("item %d %q: ink %v not inside box %v", i, it.Text, boxes[i], r)
		}
		if it.Text == "" || strings.TrimSpace(it.Text) != it.Text || it.Kind == "" || it.Rule == "" {
			t.Errorf("item %d incomplete: %+v", i, it)
		}
		if _, ok := rules[it.Kind]; !ok {
			t.Errorf("item %d %q: unknown kind %q", i, it.Text, it.Kind)
		}
		if it.PII != piiKinds[it.Kind] {
			t.Errorf("item %d %q: PII %v for kind %s", i, it.Text, it.PII, it.Kind)
		}
		if it.PII {
			pii++
		}
		if it.Kind == "nhs-number" {
			if !validNHS(it.Text) || !strings.HasPrefix(it.Text, "999") {
				t.Errorf("NHS number %q invalid or outside the 999 range", it.Text)
			}
		}
	}
	if isNegative(s.Kind) && pii > 0 {
		t.Errorf("negative kind %s has %d PII items", s.Kind, pii)
	}
	if !isNegative(s.Kind) && pii == 0 {
		t.Errorf("kind %s has no PII items", s.Kind)
	}
}

func hashScene(s *Scene) string {
	h := sha256.New()
	h.Write(s.Image.Pix)
	h.Write(s.Ink.Pix)
	fmt.Fprintf(h, "%+v", s.Items)
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestDeterministic(t *testing.T) {
	for _, kind := range []string{"whiteboard", "selfie", "xray", "letter"} {
		spec := testSpec(kind, 3)
		a, err := Render(spec)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Render(spec)
		if err != nil {
			t.Fatal(err)
		}
		if hashScene(a) != hashScene(b) {
			t.Errorf("%s: two renders of the same spec differ", kind)
		}
		spec.Seed++
		c, err := Render(spec)
		if err != nil {
			t.Fatal(err)
		}
		if hashScene(a) == hashScene(c) {
			t.Errorf("%s: a different seed gave the same scene", kind)
		}
	}
}

// TestDeterministicAcrossCPUCounts guards the parallel passes (warp, blur,
// noise, banded JPEG): their output must not depend on how rows are split.
func TestDeterministicAcrossCPUCounts(t *testing.T) {
	spec := testSpec("whiteboard", 3)
	spec.Width, spec.Height = 1000, 700 // not a multiple of the JPEG MCU
	var hashes []string
	for _, n := range []int{1, 2, 3} {
		prev := runtime.GOMAXPROCS(n)
		s, err := Render(spec)
		runtime.GOMAXPROCS(prev)
		if err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, hashScene(s))
	}
	if hashes[0] != hashes[1] || hashes[0] != hashes[2] {
		t.Errorf("output depends on GOMAXPROCS: %v", hashes)
	}
}

func TestNHSNumbers(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		n := nhsNumber(r)
		if len(n) != 10 || !strings.HasPrefix(n, "999") || !validNHS(n) {
			t.Fatalf("bad NHS number %q", n)
		}
	}
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"943 476 5919", true}, // the NHS's published example
		{"9434765919", true},
		{"9434765918", false},
		{"999 000 000", false},
		{"99900000a0", false},
	} {
		if got := validNHS(tc.in); got != tc.want {
			t.Errorf("validNHS(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestCorpus(t *testing.T) {
	c := Corpus()
	if len(c) < 44 {
		t.Fatalf("corpus has %d specs, want at least 44", len(c))
	}
	names := map[string]bool{}
	kinds := map[string]bool{}
	large := 0
	for _, s := range c {
		if names[s.Name] {
			t.Errorf("duplicate name %s", s.Name)
		}
		names[s.Name] = true
		kinds[s.Kind] = true
		mp := float64(s.Width*s.Height) / 1e6
		switch {
		case mp >= 8 && mp <= 12.2:
			large++
		case mp < 0.5 || mp > 4:
			t.Errorf("%s: %.2f MP is neither 0.5-4 nor 8-12", s.Name, mp)
		}
		if s.Difficulty < 1 || s.Difficulty > 3 {
			t.Errorf("%s: difficulty %d", s.Name, s.Difficulty)
		}
	}
	if large*3 < len(c) {
		t.Errorf("%d of %d specs are 8-12 MP, want at least a third", large, len(c))
	}
	for _, k := range Kinds() {
		if !kinds[k] {
			t.Errorf("kind %s missing from corpus", k)
		}
	}
	if !slices.Equal(specNames(c), specNames(Corpus())) {
		t.Error("Corpus is not deterministic")
	}
}

func specNames(c []Spec) []string {
	var out []string
	for _, s := range c {
		out = append(out, fmt.Sprintf("%+v", s))
	}
	return out
}

func TestRenderRejectsBadSpecs(t *testing.T) {
	for _, s := range []Spec{
		{Kind: "nope", Width: 800, Height: 600, Difficulty: 1},
		{Kind: "whiteboard", Width: 10, Height: 600, Difficulty: 1},
		{Kind: "whiteboard", Width: 9000, Height: 9000, Difficulty: 1},
		{Kind: "whiteboard", Width: 800, Height: 600, Difficulty: 4},
	} {
		if _, err := Render(s); err == nil {
			t.Errorf("Render(%+v) succeeded", s)
		}
	}
}

// TestTextHeights checks that rendered text spans small and large sizes
// across photo sizes, as the benchmark needs.
func TestTextHeights(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 12 MP scenes")
	}
	lo, hi := 1<<30, 0
	for _, spec := range []Spec{
		{Kind: "epr-screen", Seed: 3, Width: 960, Height: 720, Difficulty: 1},
		{Kind: "name-card", Seed: 3, Width: 4000, Height: 3000, Difficulty: 1},
	} {
		s, err := Render(spec)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range s.Items {
			h := it.Box[3] - it.Box[1]
			lo, hi = min(lo, h), max(hi, h)
		}
	}
	if lo > 14 || lo < 7 || hi < 70 || hi > 160 {
		t.Errorf("item box heights span %d-%d px, want about 10-100", lo, hi)
	}
}

// TestDump writes the corpus's level-1 and level-3 scenes of every kind
// for a person to look at: go test ./internal/synth -run Dump -dump DIR
func TestDump(t *testing.T) {
	if *dumpDir == "" {
		t.Skip("no -dump directory")
	}
	if err := os.MkdirAll(*dumpDir, 0o755); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, spec := range Corpus() {
		key := fmt.Sprintf("%s-%d", spec.Kind, spec.Difficulty)
		if spec.Difficulty == 2 || seen[key] {
			continue
		}
		seen[key] = true
		s, err := Render(spec)
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(filepath.Join(*dumpDir, spec.Name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, s.Image); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d items", spec.Name, len(s.Items))
	}
}

func BenchmarkRender12MP(b *testing.B) {
	spec := Spec{Name: "bench", Kind: "whiteboard", Seed: 7, Width: 4000, Height: 3000, Difficulty: 3}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(spec); err != nil {
			b.Fatal(err)
		}
	}
}
