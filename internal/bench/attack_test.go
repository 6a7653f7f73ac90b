package bench

import (
	"bytes"
	"strings"
	"testing"

	deredact "safepost/internal/attack"
	"safepost/internal/redact"
)

func TestPrintAttack(t *testing.T) {
	tests := []struct {
		name   string
		res    deredact.Result
		wantOK bool
		want   string
	}{
		{"at chance", deredact.Result{Kind: "names", Style: redact.Blur, Method: deredact.Cells, Candidates: 200, Trials: 1000, First: 5}, true, "ok"},
		{"well above twice chance", deredact.Result{Kind: "names", Style: redact.Fill, Method: deredact.Box, Candidates: 200, Trials: 1000, First: 40}, false, "BEATEN"},
		{"ink left", deredact.Result{Kind: "dates", Style: redact.Blur, Method: deredact.Cells, Candidates: 366, Trials: 100, Uncovered: 1}, false, "kept some of their ink"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if ok := printAttack(&buf, []deredact.Result{tt.res}); ok != tt.wantOK {
				t.Errorf("ok = %v, want %v", ok, tt.wantOK)
			}
			if !strings.Contains(buf.String(), tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, buf.String())
			}
		})
	}
}
