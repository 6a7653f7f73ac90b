package attack

import (
	"bytes"
	"image"
	"testing"

	"golang.org/x/image/math/fixed"

	"safepost/internal/pipeline"
	"safepost/internal/redact"
	"safepost/internal/scan"
)

// exports is how many times TestRepeatedExports exports one label.
const exports = 8

// TestRepeatedExports: an attacker with several exports of the same photo
// (the app blurs again after each edit; the folder review and safepost
// redact export again) averages them. With fresh randomness every export
// drew new margins and grain, and the margins averaged over a few exports
// follow the text's length. With this computer's key (what the engine
// redacts with) the exports are identical, pixel for pixel, so averaging
// them gains nothing over one; the control, fresh randomness, shows there
// was something to average.
func TestRepeatedExports(t *testing.T) {
	cs, names := scannerAndNames(t)
	key := []byte("a key for the test, 32 bytes....")
	for _, f := range Fonts[:3] {
		for _, capH := range []int{12, 24} {
			face, err := newFace(f, capH)
			if err != nil {
				t.Fatal(err)
			}
			lay := newLayout(face, capH, names.Prefix, names.Values[:1])
			// Paper all round, far enough that the margins end on it
			// rather than at the canvas's edge, where every export's
			// would be the same.
			lay.size = image.Pt(lay.size.X+120*capH, 30*capH)
			lay.origin.Y = fixed.I(15 * capH)
			lab := lay.render(names.Prefix, names.Values[0])
			face.Close()
			regions := scan.Analyse(cs, lab.page, lab.img.Bounds()).Regions
			if len(regions) == 0 {
				t.Fatalf("%s at %d px: the name was not found", f.Name, capH)
			}
			for _, s := range []redact.Style{redact.Blur, redact.Pixelate, redact.Fill} {
				areas := pipeline.Areas(regions, s)
				first := redact.Redactor{Key: key}.Apply(lab.img, areas)
				for i := 1; i < exports; i++ {
					if out := (redact.Redactor{Key: key}).Apply(lab.img, areas); !bytes.Equal(out.Pix, first.Pix) {
						t.Errorf("%s at %d px, %s: export %d of the same photo differs from the first", f.Name, capH, s, i+1)
					}
				}
			}
			// The control: the outline does not depend on the style, so
			// one style's will do.
			areas := pipeline.Areas(regions, redact.Fill)
			distinct := map[image.Rectangle]bool{}
			var lo, hi image.Rectangle
			for i := range exports {
				b := outline(redact.Redactor{}, lab.img, areas)
				if i == 0 {
					lo, hi = b, b
				}
				lo.Min.X, hi.Min.X = min(lo.Min.X, b.Min.X), max(hi.Min.X, b.Min.X)
				lo.Max.X, hi.Max.X = min(lo.Max.X, b.Max.X), max(hi.Max.X, b.Max.X)
				distinct[b] = true
			}
			t.Logf("%s at %d px: %d exports with fresh randomness: %d outlines, left edge %d-%d, right edge %d-%d; with the key: one", f.Name, capH, exports, len(distinct), lo.Min.X, hi.Min.X, lo.Max.X, hi.Max.X)
			if len(distinct) < 2 {
				t.Errorf("%s at %d px: %d exports with fresh randomness gave one outline; the control shows nothing to average", f.Name, capH, exports)
			}
		}
	}
}
