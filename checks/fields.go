package checks

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"safepost/assets"
)

// FieldLabel is one personal field label of the lexicon in
// assets/fields/labels.tsv ("Date of birth", "NHS No", "Address"): the
// value printed beside or below it is personal whatever it reads.
type FieldLabel struct {
	Label string // as written in the lexicon
	Kind  string // what the value is: name, dob, id, address, phone, email, age
	// NeedsColon marks short, common words ("Code", "Ref") that are a
	// label only with a colon after them, or alone at the head of a
	// column.
	NeedsColon bool
}

// Fields is the lexicon of personal field labels, matched on the words of
// a line with case, accents, spaces and punctuation ignored. It is safe
// for concurrent use once built.
type Fields struct {
	byKey    map[string]FieldLabel
	maxWords int
}

// The kinds of field value, as written in the lexicon.
var fieldKinds = setOf("name", "dob", "id", "address", "phone", "email", "age")

// ParseFields reads a lexicon: one label per line, label<TAB>kind<TAB>mode
// with mode "any" or "colon"; blank lines and lines starting with # are
// skipped. name is used in error messages.
func ParseFields(name string, data []byte) (*Fields, error) {
	f := &Fields{byKey: map[string]FieldLabel{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 || !fieldKinds[cols[1]] || cols[2] != "any" && cols[2] != "colon" {
			return nil, fmt.Errorf("%s line %d: want label<TAB>kind<TAB>any|colon with a kind of name, dob, id, address, phone, email or age", name, n)
		}
		if err := f.add(FieldLabel{Label: cols[0], Kind: cols[1], NeedsColon: cols[2] == "colon"}); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", name, n, err)
		}
	}
	return f, sc.Err()
}

func (f *Fields) add(l FieldLabel) error {
	key := foldLabel(l.Label)
	if key == "" {
		return fmt.Errorf("label %q has no letters", l.Label)
	}
	f.byKey[key] = l
	f.maxWords = max(f.maxWords, len(strings.Fields(l.Label)))
	return nil
}

// DefaultFields returns the lexicon bundled in the binary.
func DefaultFields() *Fields {
	f, err := ParseFields("assets/fields/labels.tsv", assets.Fields)
	if err != nil {
		// The bundled file is tested; a broken build must not scan with
		// no labels at all.
		panic(err)
	}
	return f
}

// withExtra returns a copy of f with the trust's own labels added (kind
// "id", mode any: a trust's own label is usually for its own numbers).
func (f *Fields) withExtra(labels []string) (*Fields, error) {
	out := &Fields{byKey: make(map[string]FieldLabel, len(f.byKey)+len(labels)), maxWords: f.maxWords}
	for k, v := range f.byKey {
		out.byKey[k] = v
	}
	for _, l := range labels {
		if err := out.add(FieldLabel{Label: l, Kind: "id"}); err != nil {
			return nil, fmt.Errorf("field_labels: %w", err)
		}
	}
	return out, nil
}

// Match finds the longest label starting at words[i]. It returns how many
// words the label takes and whether its last word ends with a colon.
// Words are matched whole: "Name:" and "Name" match, "Names" does not.
func (f *Fields) Match(words []string, i int) (l FieldLabel, n int, colon bool) {
	if f == nil {
		return FieldLabel{}, 0, false
	}
	key := ""
	for k := i; k < len(words) && k < i+f.maxWords; k++ {
		w := words[k]
		part := foldLabel(w)
		if part == "" {
			break // punctuation ("|", "-") ends a label
		}
		key += part
		if got, ok := f.byKey[key]; ok {
			l, n, colon = got, k-i+1, strings.HasSuffix(strings.TrimRight(w, " *"), ":")
		}
		// A colon ends a label: "Name: Okafor" never reads as "Name Okafor".
		if strings.Contains(w, ":") {
			break
		}
	}
	return l, n, colon
}

// foldLabel lower-cases s, strips accents and keeps letters and digits
// and "&", so "D.O.B." is "dob", "Ffôn" is "ffon" and "H&C No" is "h&cno".
// OCR's commonest misreading, "rn" as "m", is folded away on both sides:
// "Sumame" is "Surname".
func foldLabel(s string) string {
	return strings.ReplaceAll(foldLetters(s), "rn", "m")
}

func foldLetters(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
		case r == '&':
			b.WriteRune(r)
		}
	}
	return b.String()
}
