package checks

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"safepost/assets"
)

// gazetteer holds the name lists bundled in assets/names: open lists of
// forenames and surnames (names.tsv.gz, with a frequency class and a flag
// for names that are also English words), the project's own short lists
// (forenames.txt, surnames.txt), English words that are not names
// (words.txt.gz) and the name-likeness model (namelike.bin). Names outside
// the lists are still caught from context (titles, bed numbers, labels).
type gazetteer struct {
	// forenames and surnames are the project's own lists, keyed as
	// classify looks them up (lower case). Their names count as names
	// wherever they are, even those that are also words ("White").
	forenames, surnames map[string]bool
	// names and info are the open lists: sorted folded keys and what the
	// lists say of each. own holds the project's names, which win.
	names keySet
	info  []nameInfo
	own   map[string]nameInfo
	// words holds lower-case English words that are no listed name.
	words keySet
	// trigram is the name-likeness model; nil if it failed to load.
	trigram []int8
}

// nameInfo is what the lists say of one name.
type nameInfo struct {
	// fore and sur are the frequency class as a forename and as a
	// surname: -1 not listed, else floor(log10(people per million))+3,
	// 0 (rarer than 1 in 100 million) to 6 (1 in 1,000 or more).
	fore, sur int8
	// word is 1 for a name that is also a lower-case word of wbritish,
	// 2 for one in wbritish-small (a common word), else 0.
	word int8
}

// notListed is the nameInfo of a word in no list.
var notListed = nameInfo{fore: -1, sur: -1}

// Frequency classes that decide how far a listed name is trusted.
const (
	classAny    = 0 // listed at all
	classRare   = 2 // at least 1 person in 10 million
	classCommon = 4 // at least 10 people per million
	classTop    = 5 // at least 100 people per million
)

// ambiguous reports whether a listed name is also an ordinary English word
// ("Green", "Hope", "Smith"): such a name counts only with a title, in a
// name field or next to another name. A word found only in the larger
// word list that is a frequent name ("john", "max", "rogers") is a name
// first.
func (n nameInfo) ambiguous() bool {
	return n.word == 2 || n.word == 1 && max(n.fore, n.sur) < classTop
}

// listed reports whether the name is in either list.
func (n nameInfo) listed() bool { return n.fore >= 0 || n.sur >= 0 }

var (
	gazOnce sync.Once
	gaz     gazetteer
)

// names loads the gazetteer once. A missing or unreadable file leaves that
// part empty rather than failing: context rules still find names.
func names() gazetteer {
	gazOnce.Do(func() { gaz = loadGazetteer(assets.Names) })
	return gaz
}

func loadGazetteer(fsys fs.FS) gazetteer {
	g := gazetteer{
		forenames: map[string]bool{},
		surnames:  map[string]bool{},
		own:       map[string]nameInfo{},
		trigram:   readTrigram(fsys, "names/namelike.bin"),
	}
	g.names, g.info = readNameInfo(fsys, "names/names.tsv.gz")
	g.words, _ = readKeys[struct{}](fsys, "names/words.txt.gz", nil)
	// The project's own lists add names the open lists lack and count
	// their names as very common.
	for _, l := range []struct {
		path string
		set  map[string]bool
	}{{"names/forenames.txt", g.forenames}, {"names/surnames.txt", g.surnames}} {
		for _, k := range readLines(fsys, l.path) {
			l.set[k] = true
			k = foldName(k)
			n := g.lookupKey(k)
			if l.path == "names/surnames.txt" {
				n.sur = max(n.sur, classTop)
			} else {
				n.fore = max(n.fore, classTop)
			}
			g.own[k] = n
		}
	}
	return g
}

// lookupKey returns what the lists say of a folded key.
func (g gazetteer) lookupKey(k string) nameInfo {
	if n, ok := g.own[k]; ok {
		return n
	}
	if i, ok := g.names.find(k); ok {
		return g.info[i]
	}
	return notListed
}

// lookup returns what the lists say of a word, folded first.
func (g gazetteer) lookup(w string) nameInfo { return g.lookupKey(foldName(w)) }

// isWord reports whether w is an ordinary English word and no listed name.
func (g gazetteer) isWord(w string) bool {
	_, ok := g.words.find(foldName(w))
	return ok
}

// keySet is a sorted set of lower-case keys held in one string, so the
// quarter of a million names take a few megabytes.
type keySet struct {
	keys string
	ends []uint32 // key i is keys[ends[i-1]:ends[i]]
}

func (s keySet) len() int { return len(s.ends) }

func (s keySet) key(i int) string {
	var a uint32
	if i > 0 {
		a = s.ends[i-1]
	}
	return s.keys[a:s.ends[i]]
}

// find returns the index of k, and whether it is there.
func (s keySet) find(k string) (int, bool) {
	i := sort.Search(len(s.ends), func(i int) bool { return s.key(i) >= k })
	return i, i < len(s.ends) && s.key(i) == k
}

// readNameInfo reads names.tsv.gz: name, forename class, surname class,
// word flag, tab-separated, with # comment lines.
func readNameInfo(fsys fs.FS, path string) (keySet, []nameInfo) {
	return readKeys(fsys, path, func(rest []byte) (nameInfo, bool) {
		if len(rest) != 5 || rest[1] != '\t' || rest[3] != '\t' {
			return nameInfo{}, false
		}
		return nameInfo{fore: digitClass(rest[0]), sur: digitClass(rest[2]), word: digitClass(rest[4])}, true
	})
}

// readKeys reads a gzipped list of lower-case a-z keys, one a line, with #
// comment lines; with parse set, the rest of each line after the key and a
// tab is turned into a value (lines it rejects are skipped). It returns
// nothing if the file cannot be read. The list is read as a stream and
// kept compact, as it holds a quarter of a million names.
func readKeys[V any](fsys fs.FS, path string, parse func(rest []byte) (V, bool)) (keySet, []V) {
	f, err := fsys.Open(path)
	if err != nil {
		return keySet{}, nil
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return keySet{}, nil
	}
	defer z.Close()
	var (
		keys   strings.Builder
		s      keySet
		vals   []V
		last   []byte
		sorted = true
	)
	sc := bufio.NewScanner(io.LimitReader(z, 64<<20))
	for sc.Scan() {
		line := bytes.TrimRight(sc.Bytes(), "\r")
		k, rest, _ := bytes.Cut(line, []byte{'\t'})
		if !isKey(k) || bytes.Equal(k, last) {
			continue
		}
		if parse != nil {
			v, ok := parse(rest)
			if !ok {
				continue
			}
			vals = append(vals, v)
		}
		sorted = sorted && bytes.Compare(k, last) > 0
		keys.Write(k)
		s.ends = append(s.ends, uint32(keys.Len()))
		last = append(last[:0], k...)
	}
	if sc.Err() != nil {
		return keySet{}, nil
	}
	s.keys = keys.String()
	if !sorted {
		s, vals = sortKeys(s, vals)
	}
	return s, vals
}

// sortKeys sorts a key set built from a list that was not in order, and
// drops repeated keys (the first one stays).
func sortKeys[V any](s keySet, vals []V) (keySet, []V) {
	idx := make([]int, s.len())
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return s.key(idx[a]) < s.key(idx[b]) })
	var out keySet
	var keys strings.Builder
	var outVals []V
	for n, i := range idx {
		if n > 0 && s.key(i) == s.key(idx[n-1]) {
			continue
		}
		keys.WriteString(s.key(i))
		out.ends = append(out.ends, uint32(keys.Len()))
		if vals != nil {
			outVals = append(outVals, vals[i])
		}
	}
	out.keys = keys.String()
	return out, outVals
}

// isKey reports whether k is a name-list key: a-z only.
func isKey(k []byte) bool {
	for i := 0; i < len(k); i++ {
		if k[i] < 'a' || k[i] > 'z' {
			return false
		}
	}
	return len(k) > 0
}

// digitClass turns a class digit into its value, and "-" into -1.
func digitClass(c byte) int8 {
	if c >= '0' && c <= '9' {
		return int8(c - '0')
	}
	return -1
}

// readLines returns the non-empty, non-comment lines of a text file in
// lower case, or nothing if it cannot be read.
func readLines(fsys fs.FS, path string) []string {
	f, err := fsys.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.ToLower(line))
	}
	if sc.Err() != nil {
		return nil
	}
	return out
}

// foldName turns a word into a name-list key the way the lists were built
// (build.py's fold): lower case, accents stripped, a few letters spelt out
// (ß ss, æ ae, ł l), everything but a-z dropped. "O'Brien" is "obrien",
// "Przemysław" "przemyslaw", "Nguyễn" "nguyen".
func foldName(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	var b strings.Builder
	for _, r := range w {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		case r >= 0xC0:
			b.WriteString(foldTable[r])
		}
	}
	return b.String()
}

// foldTable maps the accented and special Latin letters the name lists
// fold (Latin-1, Latin Extended-A and -B, Latin Extended Additional).
var foldTable = func() map[rune]string {
	m := map[rune]string{}
	for _, g := range []struct{ to, from string }{
		{"a", "ÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎǞǟǠǡǺǻȀȁȂȃȦȧḀḁẚẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặ"},
		{"b", "ḂḃḄḅḆḇ"},
		{"c", "ÇçĆćĈĉĊċČčḈḉ"},
		{"d", "ÐðĎďĐđḊḋḌḍḎḏḐḑḒḓ"},
		{"e", "ÈÉÊËèéêëĒēĔĕĖėĘęĚěȄȅȆȇȨȩḔḕḖḗḘḙḚḛḜḝẸẹẺẻẼẽẾếỀềỂểỄễỆệ"},
		{"f", "ƒḞḟ"},
		{"g", "ĜĝĞğĠġĢģǦǧǴǵḠḡ"},
		{"h", "ĤĥĦħȞȟḢḣḤḥḦḧḨḩḪḫẖ"},
		{"i", "ÌÍÎÏìíîïĨĩĪīĬĭĮįİıǏǐȈȉȊȋḬḭḮḯỈỉỊị"},
		{"j", "Ĵĵǰ"},
		{"k", "ĶķǨǩḰḱḲḳḴḵ"},
		{"l", "ĹĺĻļĽľĿŀŁłḶḷḸḹḺḻḼḽ"},
		{"m", "ḾḿṀṁṂṃ"},
		{"n", "ÑñŃńŅņŇňŉǸǹṄṅṆṇṈṉṊṋ"},
		{"o", "ÒÓÔÕÖØòóôõöøŌōŎŏŐőƠơǑǒǪǫǬǭȌȍȎȏȪȫȬȭȮȯȰȱṌṍṎṏṐṑṒṓỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợ"},
		{"p", "ṔṕṖṗ"},
		{"r", "ŔŕŖŗŘřȐȑȒȓṘṙṚṛṜṝṞṟ"},
		{"s", "ŚśŜŝŞşŠšſȘșṠṡṢṣṤṥṦṧṨṩẛ"},
		{"t", "ŢţŤťȚțṪṫṬṭṮṯṰṱẗ"},
		{"u", "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜȔȕȖȗṲṳṴṵṶṷṸṹṺṻỤụỦủỨứỪừỬửỮữỰự"},
		{"v", "ṼṽṾṿ"},
		{"w", "ŴŵẀẁẂẃẄẅẆẇẈẉẘ"},
		{"x", "ẊẋẌẍ"},
		{"y", "ÝýÿŶŷŸȲȳẎẏẙỲỳỴỵỶỷỸỹ"},
		{"z", "ŹźŻżŽžẐẑẒẓẔẕ"},
		{"ae", "Ææ"},
		{"dz", "ǄǅǆǱǲǳ"},
		{"ij", "Ĳĳ"},
		{"lj", "Ǉǈǉ"},
		{"ng", "Ŋŋ"},
		{"nj", "Ǌǋǌ"},
		{"oe", "Œœ"},
		{"ss", "ß"},
		{"th", "Þþ"},
	} {
		for _, r := range g.from {
			m[r] = g.to
		}
	}
	return m
}()

// assetsFS is here so tests can check the embedded files exist.
var assetsFS fs.FS = assets.Names
