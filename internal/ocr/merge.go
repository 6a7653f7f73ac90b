package ocr

import (
	"image"
	"sort"
	"unicode"
)

// merge combines the words of several passes and strips: where two reads
// cover the same ink the more confident one wins, then the surviving words
// are regrouped into lines.
func merge(words []rawWord) *Page {
	order := make([]int, len(words))
	for i := range order {
		order[i] = i
	}
	// A confident long read ("07.16.1953") beats the confident fragments
	// another pass split it into ("071" "6.1" "953"): each character
	// counts for two points of confidence.
	score := func(w rawWord) float64 { return w.Conf + 2*float64(alnumCount(w.Text)) }
	sort.SliceStable(order, func(a, b int) bool { return score(words[order[a]]) > score(words[order[b]]) })
	var kept []rawWord
	grid := newBoxGrid(256)
	for _, i := range order {
		w := words[i]
		if grid.overlaps(w.Box, 0.5) {
			continue
		}
		grid.add(w.Box)
		kept = append(kept, w)
	}

	// Group by the line Tesseract gave each word.
	byKey := map[lineKey][]Word{}
	var keys []lineKey
	for _, w := range kept {
		if _, ok := byKey[w.key]; !ok {
			keys = append(keys, w.key)
		}
		byKey[w.key] = append(byKey[w.key], w.Word)
	}
	lines := make([]Line, 0, len(keys))
	for _, k := range keys {
		lines = append(lines, newLine(byKey[k]))
	}
	lines = joinRows(lines)
	sort.SliceStable(lines, func(a, b int) bool {
		la, lb := lines[a].Box, lines[b].Box
		if sameBand(la, lb) {
			return la.Min.X < lb.Min.X
		}
		return la.Min.Y < lb.Min.Y
	})
	return &Page{Lines: lines}
}

func newLine(ws []Word) Line {
	sort.SliceStable(ws, func(a, b int) bool { return ws[a].Box.Min.X < ws[b].Box.Min.X })
	var box image.Rectangle
	for i, w := range ws {
		if i == 0 {
			box = w.Box
		} else {
			box = box.Union(w.Box)
		}
	}
	return Line{Words: ws, Box: box}
}

// sameBand reports whether two boxes sit on the same text row: their
// vertical extents overlap by at least half the smaller height.
func sameBand(a, b image.Rectangle) bool {
	ov := min(a.Max.Y, b.Max.Y) - max(a.Min.Y, b.Min.Y)
	h := min(a.Dy(), b.Dy())
	return h > 0 && ov*2 >= h
}

// joinRows merges lines that sit on the same row, so that the cells of a
// whiteboard row (bed, name, notes), read as separate blocks, form one line
// and a name keeps the bed number beside it as context.
func joinRows(lines []Line) []Line {
	sort.SliceStable(lines, func(a, b int) bool { return lines[a].Box.Min.X < lines[b].Box.Min.X })
	used := make([]bool, len(lines))
	var out []Line
	for i := range lines {
		if used[i] {
			continue
		}
		cur := lines[i]
		used[i] = true
		for {
			best := -1
			for j := range lines {
				if used[j] || !sameBand(cur.Box, lines[j].Box) {
					continue
				}
				h := max(cur.Box.Dy(), lines[j].Box.Dy())
				hr := float64(cur.Box.Dy()) / float64(max(1, lines[j].Box.Dy()))
				gap := lines[j].Box.Min.X - cur.Box.Max.X
				if gap < -h || gap > 8*h || hr > 2.5 || hr < 0.4 {
					continue
				}
				if best < 0 || lines[j].Box.Min.X < lines[best].Box.Min.X {
					best = j
				}
			}
			if best < 0 {
				break
			}
			used[best] = true
			cur = newLine(append(append([]Word{}, cur.Words...), lines[best].Words...))
		}
		out = append(out, cur)
	}
	return out
}

// boxGrid finds overlapping boxes quickly by bucketing them into cells.
type boxGrid struct {
	cell  int
	cells map[[2]int][]image.Rectangle
}

func newBoxGrid(cell int) *boxGrid {
	return &boxGrid{cell: cell, cells: map[[2]int][]image.Rectangle{}}
}

func (g *boxGrid) span(r image.Rectangle, fn func(k [2]int) bool) {
	for cy := r.Min.Y / g.cell; cy <= (r.Max.Y-1)/g.cell; cy++ {
		for cx := r.Min.X / g.cell; cx <= (r.Max.X-1)/g.cell; cx++ {
			if !fn([2]int{cx, cy}) {
				return
			}
		}
	}
}

func (g *boxGrid) add(r image.Rectangle) {
	g.span(r, func(k [2]int) bool { g.cells[k] = append(g.cells[k], r); return true })
}

// overlaps reports whether r shares more than frac of the smaller box's area
// with a box already added.
func (g *boxGrid) overlaps(r image.Rectangle, frac float64) bool {
	found := false
	g.span(r, func(k [2]int) bool {
		for _, o := range g.cells[k] {
			in := r.Intersect(o)
			if in.Empty() {
				continue
			}
			small := min(area(r), area(o))
			if float64(area(in)) > frac*float64(small) {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

func area(r image.Rectangle) int { return r.Dx() * r.Dy() }

func alnumCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
