package scan

import (
	"image"
	"sort"
	"strings"
	"unicode"

	"safepost/checks"
)

// lineTextHeight is the median height of a line's words of two or more
// letters or digits: its text height, which on a sloping line is less
// than the line box's. A line without such words gives its box height.
func lineTextHeight(l checks.Line) int {
	var hs []int
	for _, w := range l.Words {
		if alnum(w.Text) >= 2 && !w.Box.Empty() {
			hs = append(hs, w.Box.Height())
		}
	}
	if len(hs) == 0 {
		return l.Box.Height()
	}
	return min(l.Box.Height(), median(hs))
}

// textSized reports whether w is about as tall as the text of box (half
// to twice its height). Shapes OCR reads as words in a photo's texture,
// table rules and screen bezels are usually far taller or flatter than
// the text beside them.
func textSized(w, box checks.Box) bool {
	h := box.Height()
	return 2*w.Height() >= h && w.Height() <= 2*h
}

func sameBand(a, b checks.Box) bool {
	ov := min(a.Y1, b.Y1) - max(a.Y0, b.Y0)
	h := min(a.Height(), b.Height())
	return h > 0 && ov*2 >= h
}

// lettersOnly reports whether s is letters, apostrophes and hyphens.
func lettersOnly(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-' {
			return false
		}
	}
	return true
}

func alnum(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

func median(v []int) int {
	if len(v) == 0 {
		return 0
	}
	s := append([]int{}, v...)
	sort.Ints(s)
	return s[len(s)/2]
}

func box(r image.Rectangle) checks.Box {
	return checks.Box{X0: r.Min.X, Y0: r.Min.Y, X1: r.Max.X, Y1: r.Max.Y}
}

func rect(b checks.Box) image.Rectangle { return image.Rect(b.X0, b.Y0, b.X1, b.Y1) }
