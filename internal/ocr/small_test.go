package ocr

import (
	"context"
	"image"
	"image/color"
	"testing"
)

func TestPrintHeight(t *testing.T) {
	word := func(text string, conf float64, h int) rawWord {
		return rawWord{Word: Word{Text: text, Conf: conf, Box: image.Rect(0, 0, 10*len(text), h)}}
	}
	many := func(n, h int) []rawWord {
		var ws []rawWord
		for i := 0; i < n; i++ {
			ws = append(ws, word("Okafor", 90, h))
		}
		return ws
	}
	tests := []struct {
		name   string
		words  []rawWord
		want   int
		wantOK bool
	}{
		{"nothing read", nil, 0, false},
		{"too few clear words", many(4, 11), 0, false},
		{"small print", many(9, 11), 11, true},
		{"the median, not the mean", append(many(5, 11), word("HEADING", 95, 60), word("Title", 95, 60)), 11, true},
		{"unsure reads do not count", append(many(5, 30), word("lll", 20, 9), word("Iii", 40, 9), word("rnm", 59, 9), word("ooo", 10, 9), word("ccc", 0, 9), word("eee", 5, 9)), 30, true},
		{"nor marks and short words", append(many(5, 30), word("|", 95, 9), word("--", 95, 9), word("a.", 95, 9), word("i", 95, 9), word("|||", 95, 9), word("/.,", 95, 9)), 30, true},
	}
	for _, tt := range tests {
		h, ok := printHeight(tt.words)
		if h != tt.want || ok != tt.wantOK {
			t.Errorf("%s: printHeight = %d, %v; want %d, %v", tt.name, h, ok, tt.want, tt.wantOK)
		}
	}
}

// TestTesseractHoldsBackPasses checks that a pass with MaxText runs only
// after the others have found print that small.
func TestTesseractHoldsBackPasses(t *testing.T) {
	passes := []Pass{
		{Name: "first", Scale: 1, PSM: 11},
		{Name: "small print", Scale: 2, PSM: 11, MaxText: 15},
	}
	eng, err := NewTesseract(Options{Workers: 2, Passes: passes})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	dark, light := color.NRGBA{25, 25, 35, 255}, color.NRGBA{235, 235, 228, 255}
	text := "Mrs Joan OKAFOR admitted Tuesday from home with her daughter"
	tests := []struct {
		name string
		img  *image.NRGBA
		runs bool
	}{
		{"small print", render(t, text, 11, dark, light, 700, 200), true},
		{"ordinary print", render(t, text, 30, dark, light, 1400, 300), false},
		{"no text", render(t, "", 11, dark, light, 700, 200), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := eng.Read(context.Background(), tt.img)
			if err != nil {
				t.Fatal(err)
			}
			// One reading per pass that read something, once two did.
			if ran := len(p.Readings) == 2; ran != tt.runs {
				t.Errorf("held-back pass ran: %v, want %v (%d readings)", ran, tt.runs, len(p.Readings))
			}
		})
	}
}
