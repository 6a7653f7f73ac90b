package checks

import (
	"hash/fnv"
	"testing"
)

// heldOut is assets/names/gen's HeldOut: the tenth of names and words
// kept out of the trigram model's training.
func heldOut(key string) bool {
	h := fnv.New32a()
	h.Write([]byte(key))
	return h.Sum32()%10 == 0
}

func TestNameLikeExamples(t *testing.T) {
	g := names()
	tests := []struct {
		word string
		name bool
	}{
		// Names in no list (invented, or from published sample data).
		{"Qwerlin", true},
		{"Zazou", true},
		{"Kellop", true},
		{"Hucklington", true},
		{"Rickember", true},
		// Ordinary words, and words that are listed names are not scored.
		{"Oxygen", false},
		{"Discharged", false},
		{"Transferred", false},
		{"Hospital", false},
		{"Document", false},
		{"Smith", false}, // listed: the lists decide, not the model
		{"Amy", false},   // listed
		{"Ngo", false},   // too short to score
	}
	for _, tt := range tests {
		if got := g.nameLike(tt.word); got != tt.name {
			t.Errorf("nameLike(%q) = %v (score %.2f), want %v", tt.word, got, g.nameLikeness(foldName(tt.word)), tt.name)
		}
	}
}

// TestNameLike measures the model on the held-out tenth of the shipped
// names (those that are no English word) and of the English words.
func TestNameLike(t *testing.T) {
	g := names()
	var names, namesOK, words, wordsOK int
	for i := range g.names.len() {
		k, n := g.names.key(i), g.info[i]
		if n.word != 0 || len(k) < nameLikeMinLen || !heldOut(k) {
			continue
		}
		names++
		if g.nameLikeness(k) > nameLikeMin {
			namesOK++
		}
	}
	for i := range g.words.len() {
		k := g.words.key(i)
		if len(k) < nameLikeMinLen || !heldOut(k) {
			continue
		}
		words++
		if g.nameLikeness(k) <= nameLikeMin {
			wordsOK++
		}
	}
	if names < 1000 || words < 1000 {
		t.Fatalf("too few held-out keys: %d names, %d words", names, words)
	}
	nameAcc, wordAcc := float64(namesOK)/float64(names), float64(wordsOK)/float64(words)
	t.Logf("held-out accuracy: names %.3f (%d), words %.3f (%d), balanced %.3f",
		nameAcc, names, wordAcc, words, (nameAcc+wordAcc)/2)
	if nameAcc < 0.85 || wordAcc < 0.85 {
		t.Errorf("name-likeness below the floor of 0.85: names %.3f, words %.3f", nameAcc, wordAcc)
	}
}

func BenchmarkNameLikeness(b *testing.B) {
	g := names()
	b.ReportAllocs()
	for b.Loop() {
		g.nameLikeness("hucklington")
	}
}
