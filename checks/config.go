package checks

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
)

// Config is a trust's settings for the checks: what is not patient
// information (allow-lists), how sure a finding must be to be shown, and
// extra patterns.
type Config struct {
	// MinConfidence drops findings below it; 0 means the default, 0.5.
	MinConfidence float64   `toml:"min_confidence"`
	Allow         AllowList `toml:"allow"`
	Patterns      []Pattern `toml:"pattern"`
	// FieldLabels are the trust's own labels of personal fields ("Unit
	// ref", "Client no"): the value beside or below them is blurred
	// whatever it reads, like the bundled lexicon's.
	FieldLabels []string `toml:"field_labels"`
}

// AllowList names things that look like patient information but are not.
// Matching is by word, case-insensitive: a finding is dropped when every one
// of its words appears in some entry.
type AllowList struct {
	WardNames     []string `toml:"ward_names"`
	HospitalNames []string `toml:"hospital_names"`
	StaffNames    []string `toml:"staff_names"` // staff who consented to being named
	Hashtags      []string `toml:"hashtags"`
	Words         []string `toml:"words"`
	// PhoneNumbers, Postcodes and Emails are the trust's own: its
	// switchboard's and wards' numbers, its sites' postcodes, its shared
	// mailboxes. A finding that reads as one of them is dropped, however
	// it is spaced or cased.
	PhoneNumbers []string `toml:"phone_numbers"`
	Postcodes    []string `toml:"postcodes"`
	Emails       []string `toml:"emails"`
}

// Pattern is an extra check from the config file.
type Pattern struct {
	ID         string  `toml:"id"`
	Regex      string  `toml:"regex"`
	Reason     string  `toml:"reason"`
	Confidence float64 `toml:"confidence"`
}

// DefaultMinConfidence is used when the config does not set min_confidence.
const DefaultMinConfidence = 0.5

// DefaultConfig returns the settings used when there is no config file.
func DefaultConfig() Config { return Config{MinConfidence: DefaultMinConfidence} }

// DefaultConfigPath returns where SafePost looks for its config file:
// <user config dir>/safepost/config.toml.
func DefaultConfigPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the settings folder: %w", err)
	}
	return filepath.Join(dir, "safepost", "config.toml"), nil
}

// LoadConfig reads the config file at path. A missing file is not an error:
// it returns DefaultConfig. A malformed file or a bad pattern is an error
// naming the file and line.
func LoadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return DefaultConfig(), nil
	}
	if err != nil {
		return Config{}, fmt.Errorf("reading settings: %w", err)
	}
	return ParseConfig(path, data)
}

// ParseConfig parses config file data; name is used in error messages.
func ParseConfig(name string, data []byte) (Config, error) {
	cfg := DefaultConfig()
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Config{}, fmt.Errorf("%s:%d: %s", name, pe.Position.Line, pe.Message)
		}
		return Config{}, fmt.Errorf("%s: %w", name, err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		k := keys[0].String()
		return Config{}, fmt.Errorf("%s:%d: unknown setting %q", name, lineOf(data, keys[0][len(keys[0])-1], 0), k)
	}
	if cfg.MinConfidence < 0 || cfg.MinConfidence > 1 {
		return Config{}, fmt.Errorf("%s:%d: min_confidence must be between 0 and 1", name, lineOf(data, "min_confidence", 0))
	}
	builtin := map[string]bool{}
	for _, c := range All() {
		builtin[c.ID()] = true
	}
	seen := map[string]bool{}
	for i, p := range cfg.Patterns {
		line := lineOf(data, "[[pattern]]", i)
		if builtin[p.ID] || seen[p.ID] {
			return Config{}, fmt.Errorf("%s:%d: pattern id %q is already used", name, line, p.ID)
		}
		seen[p.ID] = true
		if _, err := NewExtra(p); err != nil {
			return Config{}, fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	return cfg, nil
}

// lineOf returns the 1-based line of the nth (0-based) line containing s,
// or 0 if there is none. TOML decoding does not report positions of valid
// values, so errors about them point at the line by search.
func lineOf(data []byte, s string, nth int) int {
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, s) {
			if nth == 0 {
				return i + 1
			}
			nth--
		}
	}
	return 0
}

// allowList is the compiled form of AllowList: a set of lower-case words.
type allowList map[string]bool

func compileAllow(a AllowList) allowList {
	m := allowList{}
	for _, list := range [][]string{a.WardNames, a.HospitalNames, a.StaffNames, a.Hashtags, a.Words} {
		for _, entry := range list {
			for _, w := range strings.Fields(entry) {
				if k := allowKey(w); k != "" {
					m[k] = true
				}
			}
		}
	}
	return m
}

// orgValues is the compiled form of an AllowList's phone numbers,
// postcodes and mailboxes: their normal forms (see valueKey).
type orgValues map[string]bool

func compileOrgValues(a AllowList) orgValues {
	m := orgValues{}
	for _, l := range []struct {
		kind string
		vals []string
	}{{KindPhone, a.PhoneNumbers}, {KindPostcode, a.Postcodes}, {KindEmail, a.Emails}} {
		for _, v := range l.vals {
			if k := valueKey(l.kind, v); k != "" {
				m[k] = true
			}
		}
	}
	return m
}

// valueKey is the normal form of a phone number (its digits, +44 as 0),
// postcode (upper case, no spaces) or email address (lower case), keyed by
// kind; "" for anything else.
func valueKey(kind, v string) string {
	switch kind {
	case KindPhone, KindLongNumber:
		var b strings.Builder
		for _, r := range v {
			if r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		d := b.String()
		if strings.HasPrefix(strings.TrimSpace(v), "+44") {
			d = "0" + strings.TrimPrefix(strings.TrimPrefix(d, "44"), "0")
		}
		if len(d) < 6 {
			return ""
		}
		return "phone:" + d
	case KindPostcode:
		k := strings.ToUpper(strings.Join(strings.Fields(strings.Trim(v, " .,;:()")), ""))
		if k == "" {
			return ""
		}
		return "postcode:" + k
	case KindEmail:
		k := strings.ToLower(strings.Trim(v, " .,;:()<>"))
		if k == "" {
			return ""
		}
		return "email:" + k
	}
	return ""
}

// allowKey normalises a word for allow-list matching: lower case without
// surrounding punctuation, but keeping a leading # for hashtags.
func allowKey(w string) string {
	k := strings.ToLower(clean(w))
	if strings.HasPrefix(strings.TrimSpace(w), "#") && k != "" {
		return "#" + k
	}
	return k
}
