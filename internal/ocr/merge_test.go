package ocr

import (
	"image"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func rw(text string, conf float64, x0, y0, x1, y1, job, line int) rawWord {
	return rawWord{Word: Word{Text: text, Box: image.Rect(x0, y0, x1, y1), Conf: conf}, key: lineKey{job: job, line: line}}
}

func lineTexts(p *Page) [][]string {
	var out [][]string
	for _, l := range p.Lines {
		var ws []string
		for _, w := range l.Words {
			ws = append(ws, w.Text)
		}
		out = append(out, ws)
	}
	return out
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name  string
		words []rawWord
		want  [][]string
	}{
		{
			name: "more confident read of the same ink wins",
			words: []rawWord{
				rw("SM1TH", 40, 100, 10, 200, 40, 0, 1),
				rw("SMITH", 92, 102, 11, 198, 41, 1, 1),
			},
			want: [][]string{{"SMITH"}},
		},
		{
			name: "split number read whole by another pass",
			words: []rawWord{
				rw("943", 60, 0, 0, 30, 20, 0, 1), rw("476", 60, 40, 0, 70, 20, 0, 1), rw("5919", 60, 80, 0, 120, 20, 0, 1),
				rw("9434765919", 90, 0, 0, 120, 20, 1, 1),
			},
			want: [][]string{{"9434765919"}},
		},
		{
			name: "cells of a whiteboard row read as separate blocks join one line",
			words: []rawWord{
				rw("Bed", 90, 0, 100, 40, 130, 0, 1), rw("4", 90, 50, 100, 60, 130, 0, 1),
				rw("Mrs", 90, 200, 102, 240, 132, 0, 2), rw("Okafor", 90, 250, 102, 330, 132, 0, 2),
				rw("NBM", 90, 500, 98, 560, 128, 0, 3),
			},
			want: [][]string{{"Bed", "4", "Mrs", "Okafor", "NBM"}},
		},
		{
			name: "far apart or differently sized text stays apart; lines sorted top to bottom",
			words: []rawWord{
				rw("Ward", 90, 0, 200, 400, 300, 0, 2),
				rw("Bed", 90, 0, 100, 40, 130, 0, 1), rw("4", 90, 50, 100, 60, 130, 0, 1),
				rw("Exit", 90, 2000, 100, 2040, 130, 0, 3),
			},
			want: [][]string{{"Bed", "4"}, {"Exit"}, {"Ward"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lineTexts(merge(tt.words))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("merge lines (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPrepKeepsSizeAndInverts(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 50, 30))
	for i := range g.Pix {
		g.Pix[i] = uint8(i % 256)
	}
	if inv := invert(g); inv.Pix[10] != 255-g.Pix[10] {
		t.Errorf("invert: got %d want %d", inv.Pix[10], 255-g.Pix[10])
	}
	if s := stretch(g, 16); s.Rect != g.Rect {
		t.Errorf("stretch changed size: %v", s.Rect)
	}
	for _, f := range []float64{0.5, 1.0 / 3, 2} {
		s := scaleGray(g, f)
		if want := int(50*f + 0.5); s.Rect.Dx() != want {
			t.Errorf("scale %.2f: width %d want %d", f, s.Rect.Dx(), want)
		}
	}
	p := padded(g, 10)
	if p.Rect.Dx() != 70 || p.Rect.Dy() != 50 || p.Pix[10*p.Stride+10] != g.Pix[0] {
		t.Errorf("padded: size %v, corner %d want %d", p.Rect, p.Pix[10*p.Stride+10], g.Pix[0])
	}
}
