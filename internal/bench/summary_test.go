package bench

import (
	"bytes"
	"strings"
	"testing"
)

// TestSummariesCountFillsAndProcessorTime: both summaries count the images
// and areas the verifier filled solid, and the corpus's sums processor
// time over the images the baseline timed.
func TestSummariesCountFillsAndProcessorTime(t *testing.T) {
	tests := []struct {
		name                 string
		escalated            []int
		wantImages, wantArea int
	}{
		{"none filled", []int{0, 0}, 0, 0},
		{"one image, two areas", []int{0, 2}, 1, 2},
		{"every image", []int{1, 3, 1}, 3, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c Report
			var r RealReport
			for _, e := range tt.escalated {
				c.Images = append(c.Images, ImageScore{Verified: true, Escalated: e, Seconds: 2, CPUSeconds: 3, TessSeconds: 1, TessCPUSeconds: 1})
				r.Images = append(r.Images, RealImage{Escalated: e})
			}
			cs, rs := c.Summarise(), r.Summarise()
			if cs.Escalated != tt.wantImages || cs.EscalatedAreas != tt.wantArea {
				t.Errorf("corpus: %d images, %d areas; want %d, %d", cs.Escalated, cs.EscalatedAreas, tt.wantImages, tt.wantArea)
			}
			if rs.Escalated != tt.wantImages || rs.EscalatedAreas != tt.wantArea {
				t.Errorf("real: %d images, %d areas; want %d, %d", rs.Escalated, rs.EscalatedAreas, tt.wantImages, tt.wantArea)
			}
			if cs.CPURatio != 3 || cs.CoresBusy != 1.5 {
				t.Errorf("corpus: processor-time ratio %v, cores busy %v; want 3, 1.5", cs.CPURatio, cs.CoresBusy)
			}
			var buf bytes.Buffer
			rs.Print(&buf)
			if got := strings.Contains(buf.String(), "filled solid by the verifier"); got != (tt.wantImages > 0) {
				t.Errorf("real summary mentions fills: %v, want %v:\n%s", got, tt.wantImages > 0, buf.String())
			}
		})
	}
}
