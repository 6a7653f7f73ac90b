package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runText runs check-text with in as standard input and no trust config.
func runText(t *testing.T, in string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	old := stdin
	stdin = strings.NewReader(in)
	defer func() { stdin = old }()
	var out, errb bytes.Buffer
	cfg := filepath.Join(t.TempDir(), "none.toml")
	code = Run(Env{Stdout: &out, Stderr: &errb}, append([]string{"check-text", "--config", cfg}, args...))
	return out.String(), errb.String(), code
}

func TestCheckTextJSON(t *testing.T) {
	// "Née" puts a two-byte letter before the name, so byte and code-point
	// offsets differ.
	in := "Née Okafor here. Mrs Joan Okafor in bed 4, NHS 943 476 5919"
	out, errs, code := runText(t, in, "--json")
	if code != ExitFound || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var p jsonPost
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	runes := []rune(in)
	got := map[string]string{}
	for _, f := range p.Findings {
		if f.Text != "" {
			t.Errorf("patient text printed without --show-text: %+v", f)
		}
		if f.Start < 0 || f.End > len(runes) || f.Start >= f.End || f.Reason == "" || f.Confidence <= 0 {
			t.Fatalf("bad finding %+v", f)
		}
		got[f.Check] = string(runes[f.Start:f.End])
	}
	if got["nhs-number"] != "943 476 5919" || !strings.Contains(got["person-name"], "Joan Okafor") {
		t.Errorf("findings by code point = %q", got)
	}
	if strings.Contains(out, "Okafor") {
		t.Errorf("output holds patient text: %s", out)
	}
	out, _, _ = runText(t, in, "--json", "--show-text")
	if !strings.Contains(out, "943 476 5919") {
		t.Errorf("--show-text does not print the text: %s", out)
	}
}

func TestCheckTextLinesAndExitCodes(t *testing.T) {
	in := "Ward 7 hit 100 days without a fall!\nMrs Joan Okafor says thanks\r\n\nWell done team\n"
	out, _, code := runText(t, in, "--lines", "--json")
	if code != ExitFound {
		t.Fatalf("exit %d", code)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	var found []int
	n := 0
	for dec.More() {
		var p jsonPost
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		n++
		if p.Post != n {
			t.Errorf("post %d numbered %d", n, p.Post)
		}
		if len(p.Findings) > 0 {
			found = append(found, p.Post)
		}
	}
	if n != 4 || len(found) != 1 || found[0] != 2 {
		t.Errorf("%d posts, found in %v; want 4, [2]", n, found)
	}
	out, _, code = runText(t, in, "--lines")
	if code != ExitFound || !strings.HasPrefix(out, "line 2: ") || strings.Contains(out, "Okafor") {
		t.Errorf("exit %d, text output %q", code, out)
	}

	out, _, code = runText(t, "Ward 7 hit 100 days without a fall!")
	if code != ExitClean || strings.TrimSpace(out) != "nothing found" {
		t.Errorf("clean post: exit %d, %q", code, out)
	}

	file := filepath.Join(t.TempDir(), "post.txt")
	if err := os.WriteFile(file, []byte("DOB 12/03/1948"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, code = runText(t, "", file); code != ExitFound {
		t.Errorf("file: exit %d", code)
	}
	for _, args := range [][]string{{filepath.Join(t.TempDir(), "missing.txt")}, {file, file}, {"--nope"}} {
		if _, errs, code := runText(t, "", args...); code != ExitError || errs == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, errs)
		}
	}
	if _, _, code = runText(t, "a\x00b"); code != ExitError {
		t.Errorf("NUL bytes: exit %d", code)
	}
	bad := filepath.Join(t.TempDir(), "bad.toml")
	if err := os.WriteFile(bad, []byte("min_confidence = 7\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var o, e bytes.Buffer
	stdin = strings.NewReader("x")
	defer func() { stdin = os.Stdin }()
	if code := Run(Env{Stdout: &o, Stderr: &e}, []string{"check-text", "--config", bad}); code != ExitError || !strings.Contains(e.String(), "bad.toml") {
		t.Errorf("bad config: exit %d, %q", code, e.String())
	}
}
