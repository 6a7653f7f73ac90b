package checks

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAddToAllowList(t *testing.T) {
	example, err := os.ReadFile(filepath.Join("testdata", "config.example.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, file, key, entry string
		want                   []string // the list afterwards
		keep                   string   // text the file must keep
	}{
		{"new file", "", "ward_names", "Nightingale Ward", []string{"Nightingale Ward"}, ""},
		{"example, one-line list", string(example), "staff_names", "Jason Turner",
			[]string{"Amy Clarke", "Trebor Zyxwu", "Jason Turner"}, "# Staff who have agreed to be named in posts."},
		{"example, new key", string(example), "emails", "pals@nhs.net", []string{"ward7.manager@nhs.net", "pals@nhs.net"}, "[[pattern]]"},
		{"no allow table", "min_confidence = 0.6\n", "words", "Cedar", []string{"Cedar"}, "min_confidence = 0.6"},
		{"key missing, table present", "[allow]\nwords = [\"a\"]\n\n[[pattern]]\nid = \"x\"\nregex = \"y\"\n",
			"hashtags", "#Ward7", []string{"#Ward7"}, "regex = \"y\""},
		{"multi-line list with comments", "[allow]\nwords = [\n  \"a\", # one\n  \"b\" # two ]\n]\n", "words", `Qu"ote`,
			[]string{"a", "b", `Qu"ote`}, "# two ]"},
		{"trailing comma", "[allow]\nwords = [\"a\",]\n", "words", "Ünïcode", []string{"a", "Ünïcode"}, ""},
		{"already listed", "[allow]\nwords = [\"Cedar\"] # kept\n", "words", "cedar", []string{"Cedar"}, "# kept"},
		{"dotted keys", "allow.words = [\"a\"]\n", "words", "b", []string{"a", "b"}, ""},
	} {
		path := filepath.Join(t.TempDir(), "safepost", "config.toml")
		if tc.file != "" {
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(tc.file), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if err := AddToAllowList(path, tc.key, tc.entry); err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		cfg, err := LoadConfig(path)
		if err != nil {
			t.Errorf("%s: the file no longer loads: %v", tc.name, err)
			continue
		}
		if diff := cmp.Diff(tc.want, *allowEntries(&cfg.Allow, tc.key)); diff != "" {
			t.Errorf("%s: list (-want +got):\n%s", tc.name, diff)
		}
		data, _ := os.ReadFile(path)
		if !strings.Contains(string(data), tc.keep) {
			t.Errorf("%s: lost %q:\n%s", tc.name, tc.keep, data)
		}
		left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".config-*"))
		if len(left) > 0 {
			t.Errorf("%s: temporary files left: %v", tc.name, left)
		}
	}

	// The scanner built from the new file lets the entry through.
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := AddToAllowList(path, "staff_names", "Jason Turner"); err != nil {
		t.Fatal(err)
	}
	cfg, _ := LoadConfig(path)
	s, _ := NewScanner(cfg)
	if fs := s.Scan(FromText("Well done Jason Turner!")); len(fs) != 0 {
		t.Errorf("still flagged: %v", fs)
	}

	// Mistakes are reported and the file is left as it was.
	bad := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(bad, []byte("[allow\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := AddToAllowList(bad, "words", "x"); err == nil || !strings.Contains(err.Error(), "config.toml:") {
		t.Errorf("malformed file: %v", err)
	}
	if data, _ := os.ReadFile(bad); string(data) != "[allow\n" {
		t.Errorf("malformed file changed to %q", data)
	}
	for _, args := range [][2]string{{"nope", "x"}, {"words", "  "}, {"words", "a\nb"}} {
		if err := AddToAllowList(bad, args[0], args[1]); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

// FuzzAddToAllowList edits arbitrary config files: the result either
// loads with the entry listed, or the call fails and leaves the file.
func FuzzAddToAllowList(f *testing.F) {
	example, _ := os.ReadFile(filepath.Join("testdata", "config.example.toml"))
	f.Add(string(example), "Nightingale Ward")
	f.Add("[allow]\nwords = [\n\"a\", # c\n]\n", `x"y\z`)
	f.Add("", "#Ward7")
	f.Fuzz(func(t *testing.T, file, entry string) {
		path := filepath.Join(t.TempDir(), "config.toml")
		if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := AddToAllowList(path, "words", entry); err != nil {
			if data, _ := os.ReadFile(path); string(data) != file {
				t.Fatalf("failed (%v) but changed the file", err)
			}
			return
		}
		cfg, err := LoadConfig(path)
		if err != nil {
			t.Fatalf("file no longer loads: %v", err)
		}
		if !listed(&cfg.Allow.Words, strings.TrimSpace(strings.ToValidUTF8(entry, ""))) {
			t.Fatalf("%q not listed in %q", entry, cfg.Allow.Words)
		}
	})
}
