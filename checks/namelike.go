package checks

import (
	"io"
	"io/fs"
)

// The name-likeness model is a character-trigram log-likelihood ratio of
// the open name lists against English words, learned by assets/names/gen
// and shipped as names/namelike.bin: a header line, then one signed byte per
// trigram (in eighths of a nat) indexed (a*27+b)*27+c, where 0 is the word
// boundary and 1..26 are a..z. It tells "Okonkwo" from "Oxygen" for words in
// no list and for rare listed names, and is used only where a name is
// expected: after a title or a name label, in the SURNAME, Forename shapes,
// and after a forename (see nameSpans).
const (
	trigramMagic = "safepost namelike trigram v1\n"
	trigramSyms  = 27
)

// nameLikeMin is the score above which a word counts as name-like: a tenth
// of the names and words was held out of training, and at 0 about nine in
// ten of each are told apart (TestNameLike measures it).
const nameLikeMin = 0.0

// nameLikeMinLen is the shortest key scored: two or three letters say too
// little to tell a name from an abbreviation.
const nameLikeMinLen = 4

// readTrigram reads namelike.bin, or returns nil if it is missing or not
// the expected size.
func readTrigram(fsys fs.FS, path string) []int8 {
	f, err := fsys.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 1<<20))
	n := trigramSyms * trigramSyms * trigramSyms
	if err != nil || len(b) != len(trigramMagic)+n || string(b[:len(trigramMagic)]) != trigramMagic {
		return nil
	}
	t := make([]int8, n)
	for i, v := range b[len(trigramMagic):] {
		t[i] = int8(v)
	}
	return t
}

// nameLikeness scores a folded key (a-z only): the mean log-likelihood
// ratio per letter of it being a name rather than an English word. Above 0
// leans to a name. Without the model every key scores 0.
func (g gazetteer) nameLikeness(key string) float64 {
	if g.trigram == nil || key == "" {
		return 0
	}
	a, b, s := 0, 0, 0
	for i := 0; i <= len(key); i++ {
		c := 0
		if i < len(key) {
			if key[i] < 'a' || key[i] > 'z' {
				return 0
			}
			c = int(key[i]-'a') + 1
		}
		s += int(g.trigram[(a*trigramSyms+b)*trigramSyms+c])
		a, b = b, c
	}
	return float64(s) / 8 / float64(len(key)+1)
}

// nameLike reports whether a word looks like a name to the trigram model.
// Only words the lists say little of are scored: one in no list that is
// no English word, or a rare listed name; the lists decide the rest.
func (g gazetteer) nameLike(w string) bool {
	k := foldName(w)
	if n := g.lookupKey(k); n.listed() && (max(n.fore, n.sur) >= classCommon || n.ambiguous()) {
		return false
	} else if _, word := g.words.find(k); !n.listed() && word {
		return false
	}
	return len(k) >= nameLikeMinLen && isLetters(w) && g.nameLikeness(k) > nameLikeMin
}
