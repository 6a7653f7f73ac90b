package post

import (
	"fmt"
	"strings"
	"unicode"
)

// Post is what the person is about to share: text, a network and how many
// images go with it.
type Post struct {
	Text    string
	Network Network
	Images  int
}

// Problem is something about a post the network would refuse.
type Problem struct {
	Message string
}

// Problems lists what the network would refuse about p, in words for the
// person writing it. An unknown network is reported too.
func (p Post) Problems() []Problem {
	r, err := RulesFor(p.Network)
	if err != nil {
		return []Problem{{Message: err.Error()}}
	}
	var out []Problem
	if over := -r.Remaining(p.Text); over > 0 {
		out = append(out, Problem{fmt.Sprintf("The text is %d %s too long for %s (limit %d).", over, plural(over, "character"), r.Name, r.Limit)})
	}
	if r.MaxImages > 0 && p.Images > r.MaxImages {
		out = append(out, Problem{fmt.Sprintf("%s takes at most %d images; this post has %d.", r.Name, r.MaxImages, p.Images)})
	}
	if r.NeedsImage && p.Images == 0 {
		out = append(out, Problem{fmt.Sprintf("%s needs at least one image.", r.Name)})
	}
	return out
}

// Counter is the text a character counter shows, e.g. "42 / 280".
func (r Rules) Counter(text string) string {
	return fmt.Sprintf("%d / %d", r.Length(text), r.Limit)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Initials returns up to two capital letters for an avatar: the first
// letters of the first and last words of name, or "?" for no name.
func Initials(name string) string {
	f := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(f) == 0 {
		return "?"
	}
	first := []rune(f[0])[0]
	if len(f) == 1 {
		return strings.ToUpper(string(first))
	}
	last := []rune(f[len(f)-1])[0]
	return strings.ToUpper(string(first) + string(last))
}

// Cell is where one image sits in a preview grid, as fractions of the
// grid's width and height (0..1). More > 0 on the last shown cell means
// "+More" images are hidden behind it.
type Cell struct {
	Index      int
	X, Y, W, H float64
	More       int
}

// Layout returns where each of n images is shown in network r's grid.
// Images beyond what the grid shows are not placed (carousels show the
// first only; see Cell.More).
func (r Rules) Layout(n int) []Cell {
	if n <= 0 {
		return nil
	}
	if r.MaxImages > 0 && n > r.MaxImages {
		n = r.MaxImages
	}
	switch r.Grid {
	case GridCarousel:
		return []Cell{{Index: 0, W: 1, H: 1, More: n - 1}}
	case GridCollage:
		switch n {
		case 1:
			return []Cell{{Index: 0, W: 1, H: 1}}
		case 2:
			return []Cell{{0, 0, 0, 0.5, 1, 0}, {1, 0.5, 0, 0.5, 1, 0}}
		}
		cells := []Cell{{Index: 0, W: 1, H: 0.6}}
		shown := min(n-1, 3)
		for i := 0; i < shown; i++ {
			cells = append(cells, Cell{Index: i + 1, X: float64(i) / float64(shown), Y: 0.6, W: 1 / float64(shown), H: 0.4})
		}
		cells[len(cells)-1].More = n - 1 - shown
		return cells
	default:
		switch n {
		case 1:
			return []Cell{{Index: 0, W: 1, H: 1}}
		case 2:
			return []Cell{{0, 0, 0, 0.5, 1, 0}, {1, 0.5, 0, 0.5, 1, 0}}
		case 3:
			return []Cell{{0, 0, 0, 0.5, 1, 0}, {1, 0.5, 0, 0.5, 0.5, 0}, {2, 0.5, 0.5, 0.5, 0.5, 0}}
		}
		cells := []Cell{{0, 0, 0, 0.5, 0.5, 0}, {1, 0.5, 0, 0.5, 0.5, 0}, {2, 0, 0.5, 0.5, 0.5, 0}, {3, 0.5, 0.5, 0.5, 0.5, 0}}
		cells[3].More = n - 4
		return cells
	}
}
