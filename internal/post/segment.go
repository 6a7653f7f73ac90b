package post

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SegmentKind says how a piece of post text is shown.
type SegmentKind int

// The kinds of text.
const (
	Plain SegmentKind = iota
	Hashtag
	Mention
	Link
)

// Segment is a run of post text of one kind. Start and End are byte
// offsets into the text.
type Segment struct {
	Kind       SegmentKind
	Text       string
	Start, End int
}

// Segments splits text into plain runs, hashtags, mentions and links, in
// order; joining their Text gives back text exactly.
func Segments(text string) []Segment {
	var out []Segment
	plainStart := 0
	flush := func(end int) {
		if end > plainStart {
			out = append(out, Segment{Kind: Plain, Text: text[plainStart:end], Start: plainStart, End: end})
		}
	}
	i := 0
	for i < len(text) {
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		atStart := i == 0 || !(isWordRune(prev) || prev == '@' || prev == '#' || prev == '/' || prev == '.')
		kind, n := Plain, 0
		if atStart {
			switch {
			case text[i] == '#':
				kind, n = Hashtag, hashtagLen(text[i:])
			case text[i] == '@':
				kind, n = Mention, mentionLen(text[i:])
			default:
				kind, n = Link, linkLen(text[i:])
			}
		}
		if n == 0 {
			_, w := utf8.DecodeRuneInString(text[i:])
			i += w
			continue
		}
		flush(i)
		out = append(out, Segment{Kind: kind, Text: text[i : i+n], Start: i, End: i + n})
		i += n
		plainStart = i
	}
	flush(len(text))
	return out
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// hashtagLen is the length of a hashtag at the start of s: '#' then word
// characters, at least one a letter (so "#1" is not a tag).
func hashtagLen(s string) int {
	i, letter := 1, false
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		letter = letter || unicode.IsLetter(r)
		i += w
	}
	if !letter {
		return 0
	}
	return i
}

// mentionLen is the length of a mention: @name, @name@server.tld
// (Mastodon) or @handle.bsky.social (Bluesky).
func mentionLen(s string) int {
	i := 1
	ats := 1
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == '@' && ats == 1 && i > 1 {
			ats++
			i += w
			continue
		}
		if !(isWordRune(r) || r == '.' || r == '-') {
			break
		}
		i += w
	}
	for i > 1 && strings.ContainsRune(".-@", rune(s[i-1])) {
		i--
	}
	if i <= 1 {
		return 0
	}
	return i
}

// tlds are the top-level domains a bare "example.com" link is recognised
// with; links with a scheme or "www." need none.
var tlds = []string{"com", "org", "net", "uk", "io", "social", "gov", "edu", "info", "app", "dev", "me", "co", "nhs.uk"}

// linkLen is the length of a link at the start of s, without trailing
// punctuation that ends a sentence.
func linkLen(s string) int {
	lower := strings.ToLower(s)
	end := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '<' || r == '>' || r == '"' })
	if end < 0 {
		end = len(s)
	}
	cand := s[:end]
	switch {
	case strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://"):
		if len(cand) <= strings.Index(lower, "://")+3 {
			return 0
		}
	case strings.HasPrefix(lower, "www.") && len(cand) > 4:
	default:
		host := cand
		if j := strings.IndexAny(host, "/?#"); j >= 0 {
			host = host[:j]
		}
		host = strings.TrimRight(host, ".,;:!?)]}'")
		if !bareDomain(host) {
			return 0
		}
	}
	cand = strings.TrimRight(cand, ".,;:!?'")
	// A closing bracket belongs to the link only when it opened one.
	for strings.HasSuffix(cand, ")") && strings.Count(cand, "(") < strings.Count(cand, ")") {
		cand = strings.TrimRight(cand[:len(cand)-1], ".,;:!?'")
	}
	return len(cand)
}

func bareDomain(host string) bool {
	labels := strings.Split(strings.ToLower(host), ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || strings.IndexFunc(l, func(r rune) bool {
			return !(r == '-' || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9'))
		}) >= 0 {
			return false
		}
	}
	for _, t := range tlds {
		if strings.HasSuffix(strings.ToLower(host), "."+t) {
			return true
		}
	}
	return false
}
