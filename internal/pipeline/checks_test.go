package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"safepost/checks"
)

// TestChecksWithoutOCR: the trust's configuration is read apart from
// starting Tesseract, so a front end whose OCR cannot start still checks
// post text with the trust's allow-list and patterns, and a config that
// cannot be read is an error of its own.
func TestChecksWithoutOCR(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	cfg := "[allow]\nstaff_names = [\"Amy Clarke\"]\n\n[[pattern]]\nid = \"local-patient-id\"\nregex = '\\bKX-\\d{3}\\b'\nreason = \"Looks like a local patient ID\"\nconfidence = 0.9\n"
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	cs, err := Checks(path)
	if err != nil {
		t.Fatal(err)
	}
	defaults, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	found := func(cs *checks.Scanner, text string) []string {
		var ids []string
		for _, f := range cs.Scan(checks.FromText(text)) {
			ids = append(ids, f.Check)
		}
		return ids
	}
	cases := []struct {
		text             string
		trust, byDefault bool
	}{
		{"Well done Amy Clarke on your MSc!", false, true},
		{"Ask about KX-421 today", true, false},
	}
	for _, c := range cases {
		if got := found(cs, c.text); (len(got) > 0) != c.trust {
			t.Errorf("%q with the trust's config: %v", c.text, got)
		}
		if got := found(defaults, c.text); (len(got) > 0) != c.byDefault {
			t.Errorf("%q with the defaults: %v", c.text, got)
		}
	}

	// OCR cannot start: Start fails, the checks stay as loaded.
	if _, err := Start(cs, Options{DataPath: filepath.Join(dir, "no-tessdata")}); err == nil {
		t.Error("Start succeeded with no language data")
	}
	if got := found(cs, cases[0].text); len(got) != 0 {
		t.Errorf("the allow-list was lost after OCR failed: %v", got)
	}

	// A broken config is refused, not silently replaced by the defaults.
	if err := os.WriteFile(path, []byte("[allow\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Checks(path); err == nil || !strings.Contains(err.Error(), "config") {
		t.Errorf("a broken config: %v", err)
	}
}
