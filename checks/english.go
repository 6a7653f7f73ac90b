package checks

// EnglishWord reports whether w is an ordinary English word: one of the
// word list, or a name that is also a common word ("Scenario", "Render",
// "Green"), but not a name first ("Tamie", "John", "Rogers"). Case and
// accents are ignored; punctuation around the word is trimmed.
func EnglishWord(w string) bool {
	k := foldName(clean(w))
	if k == "" {
		return false
	}
	g := names()
	if n := g.lookupKey(k); n.listed() {
		return n.ambiguous()
	}
	_, ok := g.words.find(k)
	return ok
}
