package attack

import (
	"context"
	"image"
	"os"
	"testing"

	"safepost/internal/redact"
)

// lightBlur is the control, a deliberately weak redaction: SafePost's
// outline with the text inside blurred by a quarter of its height, as
// redaction tools commonly do.
func lightBlur(seed uint64, img *image.NRGBA, areas []redact.Area) *image.NRGBA {
	out := img
	for _, a := range redactNow(seed).Cover(img, areas) {
		out = blurIn(out, a.Box, float64(max(4, a.TextHeight))/4)
	}
	return out
}

// TestPhotoMatching: in a photo (unknown sub-pixel offset, optical blur,
// noise, JPEG before and after), with the attacker calibrating blur and
// contrast on the clear label, the right candidate comes first no more
// often than twice chance in any style; against the control, a light
// blur, it comes first far more often (names, 100% of 60), so the test
// can fail. The quick run is one font at 12 px, 180 trials a kind; -full
// runs three fonts at 12 and 24 px, as safepost bench -attack does.
func TestPhotoMatching(t *testing.T) {
	cs, names := scannerAndNames(t)
	tests := []struct {
		name  string
		paint Painter
		// control, when set, limits the run to 60 trials of names in one
		// style (the control has a style of its own): enough to show it
		// beaten.
		control bool
		beaten  bool
	}{
		{"safepost", Redactor(redactNow).Paint, false, false},
		{"light blur control", lightBlur, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := PhotoShort(names, 16)
			if *full {
				opts = PhotoFull(names, 16)
			}
			if tt.control {
				opts.Styles, opts.Kinds, opts.Trials = opts.Styles[:1], opts.Kinds[:1], 60
			}
			opts.Verbose = testing.Verbose()
			res, err := Photo(context.Background(), cs, tt.paint, opts, os.Stdout)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range res {
				lo, hi := Interval(r.First, r.Trials)
				lim := Limit(r.Trials, 2*r.Chance(), alpha)
				t.Logf("%-5s %-8s photo: first %5.1f of %d trials: %.2f%% (95%% interval %.2f-%.2f%%, chance %.2f%%, limit %.0f)", r.Kind, r.Style, r.First, r.Trials, 100*r.Rate(), 100*lo, 100*hi, 100*r.Chance(), lim)
				if beaten := r.First >= lim; beaten != tt.beaten {
					t.Errorf("%s, %s, %s: the right candidate came first in %.1f of %d trials (%.1f%%); beyond twice chance (%.2f%%, at %.0f or more): %v, want %v", tt.name, r.Kind, r.Style, r.First, r.Trials, 100*r.Rate(), 200*r.Chance(), lim, beaten, tt.beaten)
				}
			}
		})
	}
}
