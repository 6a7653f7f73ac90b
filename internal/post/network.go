// Package post is SafePost's model of a social-media post: which network it
// goes to, how that network counts characters and images, and how the text
// breaks into plain words, hashtags, mentions and links for the preview. It
// has no UI imports, so the rules are tested on their own.
package post

import (
	"fmt"
	"unicode/utf8"
)

// Network is a social network SafePost can preview a post for.
type Network string

// The networks, in the order the picker shows them.
const (
	X         Network = "x"
	Mastodon  Network = "mastodon"
	Bluesky   Network = "bluesky"
	Threads   Network = "threads"
	Instagram Network = "instagram"
	LinkedIn  Network = "linkedin"
	Facebook  Network = "facebook"
)

// Counting is how a network measures the length of a post.
type Counting int

// The ways networks count.
const (
	// CodePoints counts Unicode code points (after NFC-like handling of
	// nothing: a composed character typed as two code points counts two).
	CodePoints Counting = iota
	// Weighted is X's rule: most Latin, Greek, Cyrillic and general
	// punctuation count 1, everything else (CJK, emoji) counts 2.
	Weighted
	// Graphemes counts user-perceived characters (Bluesky).
	Graphemes
)

// Rules are one network's limits.
type Rules struct {
	Network Network
	Name    string // as the network spells itself
	Limit   int    // most characters (in the network's counting)
	Count   Counting
	// URLLength is how much any link counts for; 0 means a link counts
	// as its own length.
	URLLength int
	// MaxImages is the most images in one post; 0 means no practical limit.
	MaxImages int
	// NeedsImage is true when a post must carry at least one image.
	NeedsImage bool
	// Grid is how the network lays out several images.
	Grid GridStyle
	// AltLimit is the most characters an image description (alt text)
	// may have, counted by AltLength. 0 means SafePost knows no published
	// limit and enforces none: every network here takes descriptions,
	// so 0 does not mean the field should be hidden.
	AltLimit int
}

// GridStyle names a network's multi-image layout.
type GridStyle int

// The layouts.
const (
	// GridTiles is the 1 / 2 side by side / 1 big + 2 / 2x2 layout of X,
	// Mastodon and Bluesky.
	GridTiles GridStyle = iota
	// GridCarousel shows the first image with dots for the rest
	// (Instagram, Threads).
	GridCarousel
	// GridCollage is a big first image with smaller ones beneath
	// (Facebook, LinkedIn), the last tile showing "+N" when there are more.
	GridCollage
)

// The alt-text limits are the ones the networks' own composers apply (the
// person pastes each description there): X 1,000, Mastodon 1,500 (the
// server's default), Bluesky 2,000, LinkedIn 1,000 and Threads 1,000.
// Instagram and Facebook publish none, and guides disagree (100, 1,000,
// none at all; Facebook only warns past 100), so SafePost enforces none
// for them rather than refuse a post over a guess.
var rules = []Rules{
	{Network: X, Name: "X", Limit: 280, Count: Weighted, URLLength: 23, MaxImages: 4, Grid: GridTiles, AltLimit: 1000},
	{Network: Mastodon, Name: "Mastodon", Limit: 500, Count: CodePoints, URLLength: 23, MaxImages: 4, Grid: GridTiles, AltLimit: 1500},
	{Network: Bluesky, Name: "Bluesky", Limit: 300, Count: Graphemes, MaxImages: 4, Grid: GridTiles, AltLimit: 2000},
	{Network: Threads, Name: "Threads", Limit: 500, Count: CodePoints, MaxImages: 10, Grid: GridCarousel, AltLimit: 1000},
	{Network: Instagram, Name: "Instagram", Limit: 2200, Count: CodePoints, MaxImages: 10, NeedsImage: true, Grid: GridCarousel},
	{Network: LinkedIn, Name: "LinkedIn", Limit: 3000, Count: CodePoints, MaxImages: 9, Grid: GridCollage, AltLimit: 1000},
	{Network: Facebook, Name: "Facebook", Limit: 63206, Count: CodePoints, Grid: GridCollage},
}

// AltLength is the length of an image description as AltLimit counts it:
// Unicode code points, as Mastodon counts. X, LinkedIn and Threads count
// alt text by character too; Bluesky counts graphemes, which code points
// can only overcount, so a description that passes here passes there.
func (r Rules) AltLength(alt string) int { return utf8.RuneCountInString(alt) }

// Networks returns every network's rules in picker order.
func Networks() []Rules { return append([]Rules(nil), rules...) }

// RulesFor returns the rules of network n.
func RulesFor(n Network) (Rules, error) {
	for _, r := range rules {
		if r.Network == n {
			return r, nil
		}
	}
	return Rules{}, fmt.Errorf("unknown network %q", string(n))
}

// ByName returns the rules of the network with display name name (as the
// picker shows it), or X's when there is none.
func ByName(name string) Rules {
	for _, r := range rules {
		if r.Name == name || string(r.Network) == name {
			return r
		}
	}
	return rules[0]
}
