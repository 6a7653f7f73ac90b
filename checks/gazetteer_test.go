package checks

import (
	"bytes"
	"compress/gzip"
	"slices"
	"testing"
	"testing/fstest"
	"unicode"
)

func TestFoldName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"okafor", "okafor"},
		{"O'Brien", "obrien"},
		{"O’Brien", "obrien"},
		{"Mary-Jane", "maryjane"},
		{"Siobhán", "siobhan"},
		{"Przemysław", "przemyslaw"},
		{"Nguyễn", "nguyen"},
		{"Strauß", "strauss"},
		{"Ægir", "aegir"},
		{"Øyvind", "oyvind"},
		{"Şükrü", "sukru"},
		{"KOWALCZYK", "kowalczyk"},
		{"Mc2", "mc"},
		{"", ""},
		{"Иван", ""},
	}
	for _, tt := range tests {
		if got := foldName(tt.in); got != tt.want {
			t.Errorf("foldName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestGazetteerLookup checks what the shipped lists say of names that are
// also English words: they are listed but ambiguous, so they count as
// names only with context.
func TestGazetteerLookup(t *testing.T) {
	g := names()
	tests := []struct {
		word                        string
		listed, ambiguous           bool
		englishWord, common, ownist bool // isWord; class >= classCommon; in the project's own lists
	}{
		{"Okafor", true, false, false, true, true},
		{"Siobhán", true, false, false, true, true},
		{"Carmelina", true, false, false, false, false},
		{"john", true, false, false, true, true}, // a word only in the larger list, and a frequent name
		{"Max", true, false, false, true, false},
		{"Green", true, true, false, true, false},
		{"Hope", true, true, false, true, false},
		{"May", true, true, false, true, false},
		{"Smith", true, true, false, true, true},
		{"Council", true, true, false, true, false}, // a surname, but a word first
		{"Dose", true, true, false, false, false},
		{"oxygen", false, false, true, false, false},
		{"discharged", false, false, true, false, false},
		{"Qwerlin", false, false, false, false, false},
		{"Odukoya", true, false, false, true, true}, // only in surnames.txt
	}
	for _, tt := range tests {
		n := g.lookup(tt.word)
		l := foldName(tt.word)
		got := []bool{n.listed(), n.ambiguous(), g.isWord(tt.word), max(n.fore, n.sur) >= classCommon,
			g.forenames[l] || g.surnames[l]}
		want := []bool{tt.listed, tt.ambiguous, tt.englishWord, tt.common, tt.ownist}
		if !slices.Equal(got, want) {
			t.Errorf("%s: got listed, ambiguous, word, common, own = %v, want %v (%+v)", tt.word, got, want, n)
		}
	}
	if g.names.len() < 200_000 || g.words.len() < 40_000 || g.trigram == nil {
		t.Errorf("lists too small: %d names, %d words, model loaded %v", g.names.len(), g.words.len(), g.trigram != nil)
	}
}

func TestKeySet(t *testing.T) {
	fsys := fstest.MapFS{"k.gz": {Data: gzipped(t, "# comment\nbeta\t1\nalpha\t2\nBAD\t3\nalpha\t4\ngamma\ndelta\t5\t6\n\n")}}
	s, vals := readKeys(fsys, "k.gz", func(rest []byte) (string, bool) {
		return string(rest), len(rest) > 0 && !bytes.Contains(rest, []byte{'\t'})
	})
	var got []string
	for i := range s.len() {
		got = append(got, s.key(i)+"="+vals[i])
	}
	if want := []string{"alpha=2", "beta=1"}; !slices.Equal(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
	for _, k := range []string{"", "a", "alph", "alphaa", "gamma", "zeta"} {
		if _, ok := s.find(k); ok {
			t.Errorf("find(%q) found it", k)
		}
	}
	if i, ok := s.find("beta"); !ok || vals[i] != "1" {
		t.Errorf("find(beta) = %d, %v", i, ok)
	}
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	if _, err := z.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGazetteerMissing checks that missing or damaged files leave the
// lists empty rather than failing: the context rules still find names.
func TestGazetteerMissing(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"empty": {},
		"damaged": {
			"names/names.tsv.gz":  {Data: []byte("not gzip")},
			"names/words.txt.gz":  {Data: []byte{0x1f, 0x8b}},
			"names/namelike.bin":  {Data: []byte(trigramMagic + "short")},
			"names/forenames.txt": {Data: []byte("# comment\n\nAmy\n")},
		},
	} {
		g := loadGazetteer(fsys)
		if g.names.len() != 0 || g.words.len() != 0 || g.trigram != nil || g.nameLikeness("okafor") != 0 {
			t.Errorf("%s: got %d names, %d words, model %v", name, g.names.len(), g.words.len(), g.trigram != nil)
		}
		if name == "damaged" && (!g.forenames["amy"] || !g.lookup("Amy").listed()) {
			t.Errorf("%s: the project's own list was not read", name)
		}
	}
}

func FuzzFoldName(f *testing.F) {
	for _, s := range []string{"", "O'Brien", "Przemysław", "Nguyễn", "\xff\xfe", "ǅ", "ﬁ", "İ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := foldName(s)
		for _, r := range k {
			if r < 'a' || r > 'z' {
				t.Fatalf("foldName(%q) = %q: not a-z", s, k)
			}
		}
		if foldName(k) != k {
			t.Fatalf("foldName not idempotent on %q", s)
		}
		var letters int
		for _, r := range s {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if len(k) > 2*letters {
			t.Fatalf("foldName(%q) = %q: longer than its letters allow", s, k)
		}
		names().nameLikeness(k)
	})
}
