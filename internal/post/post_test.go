package post

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLength(t *testing.T) {
	x, _ := RulesFor(X)
	masto, _ := RulesFor(Mastodon)
	sky, _ := RulesFor(Bluesky)
	threads, _ := RulesFor(Threads)
	long := "https://example.com/" + strings.Repeat("a", 100)
	tests := []struct {
		name string
		r    Rules
		text string
		want int
	}{
		{"x ascii", x, "Ward 7: 100 days without a fall!", 32},
		{"x empty", x, "", 0},
		{"x url counts 23", x, "see " + long, 4 + 23},
		{"x bare domain counts 23", x, "see nhs.uk today", 4 + 23 + 6},
		{"x www counts 23", x, "www.example.org.", 23 + 1},
		{"x cjk counts 2", x, "病院", 4},
		{"x emoji counts 2", x, "🎉", 2},
		{"x zwj family counts 2", x, "👩‍⚕️", 2},
		{"x skin tone counts 2", x, "👍🏽", 2},
		{"x flag counts 2", x, "🇬🇧", 2},
		{"x accented latin counts 1", x, "café", 4},
		{"x combining counts per code point", x, "e\u0301", 2},
		{"x curly quotes count 1", x, "\u201chi\u201d", 4},
		{"mastodon url 23", masto, long, 23},
		{"mastodon remote mention counts user part", masto, "@ward7@mastodon.social hi", 6 + 3},
		{"mastodon emoji by code point", masto, "👍🏽", 2},
		{"bluesky graphemes", sky, "👩‍⚕️ café e\u0301", 1 + 1 + 4 + 1 + 1},
		{"bluesky url is its length", sky, "https://a.co", 12},
		{"bluesky flags", sky, "🇬🇧🇫🇷", 2},
		{"threads code points", threads, "héllo", 5},
		{"crlf one grapheme", sky, "a\r\nb", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.Length(tt.text); got != tt.want {
				t.Errorf("%s Length(%q) = %d, want %d", tt.r.Name, tt.text, got, tt.want)
			}
		})
	}
}

func TestSegments(t *testing.T) {
	tests := []struct {
		text string
		want []string // kind:text for non-plain segments
	}{
		{"Ward 7 #TeamNHS @matron thanks", []string{"#:#TeamNHS", "@:@matron"}},
		{"visit https://nhs.uk/ward7. Now", []string{"L:https://nhs.uk/ward7"}},
		{"(see www.example.com)", []string{"L:www.example.com"}},
		{"mail me@nhs.net #1 no", []string{}},
		{"@ward7@mastodon.social.", []string{"@:@ward7@mastodon.social"}},
		{"@nurse.bsky.social hi", []string{"@:@nurse.bsky.social"}},
		{"price 3.50 and e.g. this", []string{}},
		{"https://en.wikipedia.org/wiki/Foo_(bar))", []string{"L:https://en.wikipedia.org/wiki/Foo_(bar)"}},
	}
	mark := map[SegmentKind]string{Hashtag: "#", Mention: "@", Link: "L"}
	for _, tt := range tests {
		segs := Segments(tt.text)
		var got []string
		var joined strings.Builder
		for _, s := range segs {
			joined.WriteString(s.Text)
			if s.Text != tt.text[s.Start:s.End] {
				t.Errorf("%q: segment %q has wrong offsets", tt.text, s.Text)
			}
			if s.Kind != Plain {
				got = append(got, mark[s.Kind]+":"+s.Text)
			}
		}
		if joined.String() != tt.text {
			t.Errorf("%q: segments join to %q", tt.text, joined.String())
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Segments(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name string
		p    Post
		want int
	}{
		{"fine", Post{Text: "hello", Network: X, Images: 4}, 0},
		{"too long", Post{Text: strings.Repeat("a", 281), Network: X}, 1},
		{"too many images", Post{Text: "hi", Network: Bluesky, Images: 5}, 1},
		{"instagram needs image", Post{Text: "hi", Network: Instagram}, 1},
		{"facebook many images", Post{Text: "hi", Network: Facebook, Images: 40}, 0},
		{"unknown network", Post{Network: "myspace"}, 1},
	}
	for _, tt := range tests {
		if got := tt.p.Problems(); len(got) != tt.want {
			t.Errorf("%s: Problems() = %v, want %d", tt.name, got, tt.want)
		}
	}
}

func TestInitials(t *testing.T) {
	for in, want := range map[string]string{"": "?", "ward seven": "WS", "Sister Mary Jones": "SJ", "Ward7": "W", "  ": "?", "Élodie": "É"} {
		if got := Initials(in); got != want {
			t.Errorf("Initials(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLayout(t *testing.T) {
	for _, r := range Networks() {
		for n := 0; n <= 12; n++ {
			cells := r.Layout(n)
			if n == 0 && cells != nil {
				t.Errorf("%s: layout of 0 images is %v", r.Name, cells)
			}
			area := 0.0
			hidden := 0
			for _, c := range cells {
				if c.X < 0 || c.Y < 0 || c.X+c.W > 1.0001 || c.Y+c.H > 1.0001 {
					t.Errorf("%s n=%d: cell %+v outside the grid", r.Name, n, c)
				}
				area += c.W * c.H
				hidden += c.More
			}
			if n > 0 && (area < 0.999 || area > 1.001) {
				t.Errorf("%s n=%d: cells cover %.3f of the grid", r.Name, n, area)
			}
			shown := min(n, r.MaxImages)
			if r.MaxImages == 0 {
				shown = n
			}
			if n > 0 && len(cells)+hidden != shown {
				t.Errorf("%s n=%d: %d cells + %d hidden, want %d", r.Name, n, len(cells), hidden, shown)
			}
		}
	}
}

func TestNetworks(t *testing.T) {
	seen := map[Network]bool{}
	for _, r := range Networks() {
		if seen[r.Network] || r.Name == "" || r.Limit <= 0 {
			t.Errorf("bad rules %+v", r)
		}
		seen[r.Network] = true
		if ByName(r.Name).Network != r.Network {
			t.Errorf("ByName(%q) is wrong", r.Name)
		}
	}
	if len(seen) != 7 {
		t.Errorf("%d networks, want 7", len(seen))
	}
}

func FuzzLength(f *testing.F) {
	for _, s := range []string{"", "hello #tag @a@b.social https://x.com/a?b=c", "👩‍⚕️🇬🇧e\u0301", "\xff\xfe", "www.", "@@@", "#_", "a\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var joined strings.Builder
		end := 0
		for _, seg := range Segments(s) {
			if seg.Start != end || seg.End <= seg.Start || s[seg.Start:seg.End] != seg.Text {
				t.Fatalf("bad segment %+v in %q", seg, s)
			}
			end = seg.End
			joined.WriteString(seg.Text)
		}
		if joined.String() != s {
			t.Fatalf("segments do not rebuild %q", s)
		}
		cl := strings.Join(Clusters(s), "")
		if cl != s {
			t.Fatalf("clusters do not rebuild %q", s)
		}
		runes := utf8.RuneCountInString(s)
		for _, r := range Networks() {
			n := r.Length(s)
			if n < 0 {
				t.Fatalf("%s: negative length for %q", r.Name, s)
			}
			if r.URLLength == 0 && r.Count == CodePoints && n != runes {
				t.Fatalf("%s: Length(%q) = %d, want %d code points", r.Name, s, n, runes)
			}
			if r.Count == Weighted && n > 2*runes+23*len(Segments(s)) {
				t.Fatalf("%s: Length(%q) = %d is too big", r.Name, s, n)
			}
		}
	})
}

// TestAltLimits: each network's description limit is the published one
// (0 where none is published), and descriptions count by code point.
func TestAltLimits(t *testing.T) {
	tests := []struct {
		network Network
		limit   int
	}{
		{X, 1000},
		{Mastodon, 1500},
		{Bluesky, 2000},
		{Threads, 1000},
		{LinkedIn, 1000},
		{Instagram, 0},
		{Facebook, 0},
	}
	seen := map[Network]bool{}
	for _, tt := range tests {
		seen[tt.network] = true
		r, err := RulesFor(tt.network)
		if err != nil {
			t.Fatal(err)
		}
		if r.AltLimit != tt.limit {
			t.Errorf("%s: AltLimit %d, want %d", r.Name, r.AltLimit, tt.limit)
		}
	}
	for _, r := range Networks() {
		if !seen[r.Network] {
			t.Errorf("%s has no row here", r.Name)
		}
	}
	x, _ := RulesFor(X)
	for alt, want := range map[string]int{"": 0, "Ward 7 team": 11, "café": 4, "e\u0301": 2, "👩‍⚕️": 4, "病院": 2} {
		if got := x.AltLength(alt); got != want {
			t.Errorf("AltLength(%q) = %d, want %d", alt, got, want)
		}
	}
}
