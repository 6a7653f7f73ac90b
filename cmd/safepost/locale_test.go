package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestCommandLineQuietInCLocale runs the built binary's command-line
// subcommands under the C locales of containers and CI machines: stderr
// holds nothing but the command's own output (Fyne is linked for the app
// but must not complain about the locale; see internal/earlylocale).
func TestCommandLineQuietInCLocale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the app")
	}
	bin := buildApp(t)
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  int // exit code
	}{
		{"help", []string{"help"}, "", 0},
		{"check-text clean", []string{"check-text", "-"}, "A lovely morning on the ward.\n", 0},
		{"check-text found", []string{"check-text", "-"}, "Happy 100th to Doris in bay 3!\n", 1},
	}
	for _, locale := range []string{"C", "C.UTF-8", "C.utf8", "POSIX", "en_GB.UTF-8"} {
		for _, tt := range tests {
			t.Run(locale+"/"+tt.name, func(t *testing.T) {
				cmd := exec.Command(bin, tt.args...)
				cmd.Env = []string{"LANG=" + locale, "HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
				cmd.Stdin = strings.NewReader(tt.stdin)
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				err := cmd.Run()
				code := 0
				if ee, ok := err.(*exec.ExitError); ok {
					code = ee.ExitCode()
				} else if err != nil {
					t.Fatal(err)
				}
				if code != tt.want {
					t.Errorf("exit %d, want %d; stdout %q stderr %q", code, tt.want, stdout.String(), stderr.String())
				}
				if stderr.Len() != 0 {
					t.Errorf("stderr is not empty:\n%s", stderr.String())
				}
				if stdout.Len() == 0 {
					t.Error("printed nothing")
				}
			})
		}
	}
}
