package post

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Length returns the length of text as network r counts it.
func (r Rules) Length(text string) int {
	n := 0
	for _, seg := range Segments(text) {
		if seg.Kind == Link && r.URLLength > 0 {
			n += r.URLLength
			continue
		}
		if seg.Kind == Mention && r.Network == Mastodon {
			// Mastodon counts only the user part of @user@server.
			if j := strings.IndexByte(seg.Text[1:], '@'); j >= 0 {
				n += r.measure(seg.Text[:j+1])
				continue
			}
		}
		n += r.measure(seg.Text)
	}
	return n
}

// Remaining is how many characters are left (negative when over).
func (r Rules) Remaining(text string) int { return r.Limit - r.Length(text) }

func (r Rules) measure(s string) int {
	switch r.Count {
	case Graphemes:
		return len(Clusters(s))
	case Weighted:
		n := 0
		for _, c := range Clusters(s) {
			n += xWeight(c)
		}
		return n
	default:
		return utf8.RuneCountInString(s)
	}
}

// xWeight is X's weight of one grapheme cluster: an emoji sequence counts
// 2 however many code points make it; otherwise each code point counts 1
// inside X's light ranges and 2 outside (twitter-text configuration v3).
func xWeight(cluster string) int {
	if isEmojiCluster(cluster) {
		return 2
	}
	n := 0
	for _, c := range cluster {
		if xLight(c) {
			n++
		} else {
			n += 2
		}
	}
	return n
}

func xLight(c rune) bool {
	return c <= 0x10FF || (c >= 0x2000 && c <= 0x200D) || (c >= 0x2010 && c <= 0x201F) || (c >= 0x2032 && c <= 0x2037)
}

func isEmojiCluster(s string) bool {
	for _, c := range s {
		if isEmoji(c) || c == 0xFE0F || c == 0x200D || isRegional(c) {
			return true
		}
	}
	return false
}

// isEmoji covers the pictographic blocks; it is an approximation of
// Extended_Pictographic good enough for counting.
func isEmoji(c rune) bool {
	return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
		(c >= 0x2B00 && c <= 0x2BFF) || c == 0x00A9 || c == 0x00AE || c == 0x203C || c == 0x2049 ||
		(c >= 0x2190 && c <= 0x21FF) || (c >= 0x2300 && c <= 0x23FF) || (c >= 0x25A0 && c <= 0x25FF) ||
		c == 0x3030 || c == 0x303D || c == 0x3297 || c == 0x3299
}

func isRegional(c rune) bool { return c >= 0x1F1E6 && c <= 0x1F1FF }

// extends reports a code point that joins the cluster before it: combining
// marks, variation selectors, skin-tone modifiers, tags and the
// zero-width joiner.
func extends(c rune) bool {
	return unicode.In(c, unicode.Mn, unicode.Me, unicode.Mc) || c == 0x200D ||
		(c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F)
}

// Clusters splits s into grapheme clusters. It follows the parts of
// Unicode's rules (UAX #29) that matter for posts: CR LF, combining marks,
// emoji modifier and ZWJ sequences, flag pairs and tag sequences. Invalid
// UTF-8 bytes are one cluster each.
func Clusters(s string) []string {
	var out []string
	i := 0
	for i < len(s) {
		start := i
		c, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if c == '\r' && i < len(s) && s[i] == '\n' {
			i++
			out = append(out, s[start:i])
			continue
		}
		if c == utf8.RuneError && w == 1 {
			out = append(out, s[start:i])
			continue
		}
		regional := isRegional(c)
		for i < len(s) {
			n, nw := utf8.DecodeRuneInString(s[i:])
			if n == utf8.RuneError && nw == 1 {
				break
			}
			switch {
			case extends(n):
				i += nw
				if n == 0x200D && i < len(s) {
					// The joiner glues the next pictograph on.
					m, mw := utf8.DecodeRuneInString(s[i:])
					if isEmoji(m) {
						i += mw
					}
				}
				continue
			case regional && isRegional(n):
				i += nw
				regional = false
				continue
			}
			break
		}
		out = append(out, s[start:i])
	}
	return out
}
