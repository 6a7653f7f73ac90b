package checks

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// AllowKeys are the lists of the config file's [allow] table, by their
// key: what AddToAllowList may add to.
var AllowKeys = []string{"ward_names", "hospital_names", "staff_names", "hashtags", "words", "phone_numbers",
	"postcodes", "emails"}

// AddToAllowList adds entry to the [allow] list key of the config file at
// path, as a person does from the app on a false alarm ("Add to my ward's
// list"). The file keeps its comments and layout; it is created if
// missing, and replaced atomically (a new file renamed over it), so a
// crash leaves the old settings or the new, never half of them. An entry
// already listed (in any case) is not added twice. A config file with a
// mistake in it is left alone: the error says where.
func AddToAllowList(path, key, entry string) error {
	known := false
	for _, k := range AllowKeys {
		known = known || k == key
	}
	if !known {
		return fmt.Errorf("no allow-list called %q", key)
	}
	entry = strings.TrimSpace(strings.ToValidUTF8(entry, ""))
	if entry == "" || strings.ContainsAny(entry, "\r\n") {
		return errors.New("nothing to add to the allow-list")
	}
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("reading settings: %w", err)
	}
	cfg, err := ParseConfig(path, data)
	if err != nil {
		return fmt.Errorf("the settings file has a mistake; fix it first: %w", err)
	}
	if listed(allowEntries(&cfg.Allow, key), entry) {
		return nil
	}
	out := insertAllow(data, key, entry)
	if got, err := ParseConfig(path, out); err != nil || !listed(allowEntries(&got.Allow, key), entry) {
		// A layout the edit does not understand: write the settings out
		// afresh (comments are lost, the settings are not).
		l := allowEntries(&cfg.Allow, key)
		*l = append(*l, entry)
		var b bytes.Buffer
		if err := toml.NewEncoder(&b).Encode(cfg); err != nil {
			return fmt.Errorf("writing settings: %w", err)
		}
		out = b.Bytes()
	}
	return writeAtomic(path, out)
}

// allowEntries returns the list of a with key.
func allowEntries(a *AllowList, key string) *[]string {
	switch key {
	case "ward_names":
		return &a.WardNames
	case "hospital_names":
		return &a.HospitalNames
	case "staff_names":
		return &a.StaffNames
	case "hashtags":
		return &a.Hashtags
	case "phone_numbers":
		return &a.PhoneNumbers
	case "postcodes":
		return &a.Postcodes
	case "emails":
		return &a.Emails
	}
	return &a.Words
}

func listed(l *[]string, entry string) bool {
	for _, e := range *l {
		if strings.EqualFold(strings.TrimSpace(e), entry) {
			return true
		}
	}
	return false
}

// insertAllow adds entry to the list key of data's [allow] table by
// editing the text: into the list before its closing bracket, as a new
// key under [allow], or in a new [allow] table at the end.
func insertAllow(data []byte, key, entry string) []byte {
	q := tomlQuote(entry)
	s := string(data)
	lines := strings.SplitAfter(s, "\n")
	offset := 0
	header := -1 // byte offset just past the [allow] header line
	for _, l := range lines {
		t := strings.TrimSpace(stripComment(l))
		switch {
		case t == "[allow]":
			header = offset + len(l)
		case header >= 0 && strings.HasPrefix(t, "["):
			// The next table: key is not in [allow].
			return []byte(s[:header] + key + " = [" + q + "]\n" + s[header:])
		case header >= 0 && strings.HasPrefix(t, key) && strings.HasPrefix(strings.TrimSpace(t[len(key):]), "="):
			eq := offset + strings.Index(l, "=")
			if end, prev, ok := arrayEnd(s, eq+1); ok {
				sep := ", "
				if prev == '[' || prev == ',' {
					sep = ""
				}
				return []byte(s[:end] + sep + q + s[end:])
			}
			return data
		}
		offset += len(l)
	}
	if header >= 0 {
		if !strings.HasSuffix(s, "\n") {
			s += "\n"
		}
		return []byte(s + key + " = [" + q + "]\n")
	}
	if s != "" && !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return []byte(s + "\n[allow]\n" + key + " = [" + q + "]\n")
}

// arrayEnd finds, from position i of s (after a key's "="), the closing
// bracket of the array there, skipping strings and comments. It returns
// the bracket's offset and the last character before it that is no space
// or comment.
func arrayEnd(s string, i int) (end int, prev byte, ok bool) {
	depth := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			continue
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(s) && s[j] != c && s[j] != '\n' {
				if c == '"' && s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) || s[j] != c {
				return 0, 0, false
			}
			i = j + 1
			prev = c
			continue
		case c == '[':
			depth++
		case c == ']':
			depth--
			if depth == 0 {
				return i, prev, true
			}
			if depth < 0 {
				return 0, 0, false
			}
		case depth == 0 && c != ' ' && c != '\t':
			return 0, 0, false // not an array
		}
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			prev = c
		}
		i++
	}
	return 0, 0, false
}

// stripComment drops a # comment from a line, outside strings.
func stripComment(l string) string {
	var quote byte
	for i := 0; i < len(l); i++ {
		switch c := l[i]; {
		case quote != 0 && c == '\\' && quote == '"':
			i++
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && c == '#':
			return l[:i]
		}
	}
	return l
}

// tomlQuote writes s as a TOML basic string.
func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		case r == utf8.RuneError:
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// writeAtomic writes data to path through a temporary file in the same
// folder, synced and renamed over path, creating the folder if need be.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("saving settings: %w", err)
	}
	f, err := os.CreateTemp(dir, ".config-*.toml")
	if err != nil {
		return fmt.Errorf("saving settings: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a successful rename there is nothing there
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("saving settings: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("saving settings: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("saving settings: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("saving settings: %w", err)
	}
	return nil
}
