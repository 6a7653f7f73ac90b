package ocr

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDataDirsOrder(t *testing.T) {
	exe := filepath.Join("opt", "SafePost", "SafePost.exe")
	beside := filepath.Join("opt", "SafePost", "tessdata")
	tests := []struct {
		name                   string
		dataPath, exe, environ string
		want                   []string
	}{
		{"a chosen folder is the only one", "chosen", exe, "env", []string{"chosen", filepath.Join("chosen", "tessdata")}},
		{"beside the executable, then the system's", "", exe, "", append([]string{beside}, systemDataDirs...)},
		{"beside the executable before TESSDATA_PREFIX", "", exe, "env", append([]string{beside, "env", filepath.Join("env", "tessdata")}, systemDataDirs...)},
		{"no executable path", "", "", "", systemDataDirs},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, dataDirs(tt.dataPath, tt.exe, tt.environ)); diff != "" {
			t.Errorf("%s: dataDirs (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestFindLanguageDataBesideExecutable copies the test binary into a
// folder with tessdata/eng.traineddata beside it, as the Windows zip lays
// it out, and checks that the copy finds that folder first even with
// TESSDATA_PREFIX pointing elsewhere.
func TestFindLanguageDataBesideExecutable(t *testing.T) {
	if dir := os.Getenv("SAFEPOST_TESSDATA_CHILD"); dir != "" {
		got, err := findLanguageData("")
		if err != nil || got != dir {
			t.Fatalf("findLanguageData = %q, %v; want %q", got, err, dir)
		}
		return
	}
	self, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	root := t.TempDir()
	data := filepath.Join(root, "tessdata")
	other := filepath.Join(root, "other")
	for _, d := range []string{data, other} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "eng.traineddata"), []byte("model"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bin, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(root, filepath.Base(self))
	if err := os.WriteFile(exe, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := execCommand(exe, "-test.run=^TestFindLanguageDataBesideExecutable$")
	cmd.Env = append(os.Environ(), "SAFEPOST_TESSDATA_CHILD="+data, "TESSDATA_PREFIX="+other)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}
