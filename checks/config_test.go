package checks

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadConfigExample(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join("testdata", "config.example.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MinConfidence != 0.5 || len(cfg.Patterns) != 1 || cfg.Patterns[0].ID != "local-patient-id" {
		t.Errorf("got %+v", cfg)
	}
	if diff := cmp.Diff([]string{"Amy Clarke", "Trebor Zyxwu"}, cfg.Allow.StaffNames); diff != "" {
		t.Error(diff)
	}
	s, err := NewScanner(cfg)
	if err != nil {
		t.Fatal(err)
	}
	doc := FromText("Well done Amy Clarke! Patient LTH1234567")
	got := keys(doc, s.Scan(doc))
	want := []findingKey{{"hospital-number", "LTH1234567"}, {"local-patient-id", "LTH1234567"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestLoadConfigMissing(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join(t.TempDir(), "nope.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DefaultConfig(), cfg); diff != "" {
		t.Error(diff)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	cases := []struct{ name, data, want string }{
		{"syntax", "min_confidence = 0.5\n[allow\n", "bad.toml:3"},
		{"type", "min_confidence = \"high\"\n", "bad.toml"},
		{"regex", "[[pattern]]\nid = \"a\"\nregex = \"x\"\n\n[[pattern]]\nid = \"b\"\nregex = \"(\"\n", "bad.toml:5"},
		{"clash", "[[pattern]]\nid = \"nhs-number\"\nregex = \"x\"\n", "bad.toml:1"},
		{"id", "[[pattern]]\nid = \"Local ID\"\nregex = \"x\"\n", "bad.toml:1"},
		{"unknown", "min_confidence = 0.5\n[allow]\nstaff = [\"Amy\"]\n", "bad.toml:3"},
		{"range", "min_confidence = 2\n", "bad.toml:1"},
	}
	for _, tc := range cases {
		path := filepath.Join(t.TempDir(), "bad.toml")
		if err := os.WriteFile(path, []byte(tc.data), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := LoadConfig(path)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got error %v, want it to mention %q", tc.name, err, tc.want)
		}
	}
}

func TestDefaultConfigPath(t *testing.T) {
	p, err := DefaultConfigPath()
	if err != nil {
		t.Skip("no user config dir here:", err)
	}
	if filepath.Base(p) != "config.toml" || filepath.Base(filepath.Dir(p)) != "safepost" {
		t.Errorf("got %q", p)
	}
}

// TestAllowOrganisationValues holds the trust's own numbers, postcodes and
// mailboxes out of the findings however they are written, and nothing
// else.
func TestAllowOrganisationValues(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join("testdata", "config.example.toml"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewScanner(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text string
		want []findingKey
	}{
		{"Mrs Okafor's number is 01134960000", []findingKey{{"person-name", "Mrs Okafor's"}}},
		{"Call +44 113 496 0000 for details", nil},
		{"Email WARD7.MANAGER@nhs.net", nil},
		{"Leeds General Infirmary ls1 3ex", nil},
		{"Her postcode is LS1 4AP, her number 0113 496 0123", []findingKey{{"postcode", "LS1 4AP,"}, {"phone", "0113 496 0123"}}},
	} {
		for _, doc := range []Document{FromText(tc.text), ocrDoc(tc.text)} {
			got := keys(doc, s.Scan(doc))
			want := append([]findingKey{}, tc.want...)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s %q (-want +got):\n%s", doc.Source, tc.text, diff)
			}
		}
	}
}
