package cli

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"safepost/checks"
	"safepost/internal/export"
	"safepost/internal/ocr"
	"safepost/internal/pipeline"
)

// fakeEnv runs commands with a fake OCR engine that "reads" a patient's
// name on every image whose top-left pixel is dark, and nothing otherwise.
func fakeEnv(t *testing.T, ocrErr error) (Env, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	var out, errb bytes.Buffer
	fake := &ocr.Fake{Err: ocrErr, ReadFunc: func(img image.Image) *ocr.Page {
		r, _, _, _ := img.At(img.Bounds().Min.X, img.Bounds().Min.Y).RGBA()
		if r > 0x8000 {
			return &ocr.Page{}
		}
		words := []ocr.Word{
			{Text: "Mrs", Box: image.Rect(10, 10, 40, 30), Conf: 95},
			{Text: "Joan", Box: image.Rect(45, 10, 90, 30), Conf: 95},
			{Text: "Okafor", Box: image.Rect(95, 10, 160, 30), Conf: 95},
		}
		return &ocr.Page{Lines: []ocr.Line{{Words: words, Box: image.Rect(10, 10, 160, 30)}}}
	}}
	cs, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	env := Env{Stdout: &out, Stderr: &errb, NewEngine: func(o pipeline.Options) (*pipeline.Engine, error) {
		return pipeline.With(fake, cs, o.Style), nil
	}}
	return env, &out, &errb
}

func writeImage(t *testing.T, path string, dark bool, w, h int) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	c := color.NRGBA{240, 240, 240, 255}
	if dark {
		c = color.NRGBA{10, 10, 10, 255}
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetNRGBA(x, y, c)
		}
	}
	img.SetNRGBA(w-1, h-1, color.NRGBA{255, 0, 0, 255}) // mark the corner
	var buf bytes.Buffer
	var err error
	if strings.HasSuffix(path, ".png") {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// hugePNG is a PNG header that claims 20000x20000 pixels.
func hugePNG() []byte {
	var buf bytes.Buffer
	small := image.NewGray(image.Rect(0, 0, 1, 1))
	_ = png.Encode(&buf, small)
	b := buf.Bytes()
	// IHDR width and height sit at bytes 16..24, its CRC at 29..33.
	copy(b[16:24], []byte{0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20})
	binary.BigEndian.PutUint32(b[29:33], crc32.ChecksumIEEE(b[12:29]))
	return b
}

func mixedFolder(t *testing.T) string {
	dir := t.TempDir()
	writeImage(t, filepath.Join(dir, "a_patient.png"), true, 200, 60)
	writeImage(t, filepath.Join(dir, "b_clean.jpg"), false, 200, 60)
	must(t, os.WriteFile(filepath.Join(dir, "c_empty.png"), nil, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "d_text.jpg"), []byte("not an image at all"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "e_huge.png"), hugePNG(), 0o644))
	good, _ := os.ReadFile(filepath.Join(dir, "b_clean.jpg"))
	must(t, os.WriteFile(filepath.Join(dir, "f_truncated.jpg"), good[:len(good)/2], 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("ignored"), 0o644))
	return dir
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestCheckMixedFolderJSON(t *testing.T) {
	env, out, errb := fakeEnv(t, nil)
	dir := mixedFolder(t)
	code := Run(env, []string{"check", "--json", dir})
	if code != ExitError {
		t.Errorf("exit %d, want %d (some files could not be read)", code, ExitError)
	}
	var got []jsonImage
	dec := json.NewDecoder(out)
	for dec.More() {
		var j jsonImage
		must(t, dec.Decode(&j))
		got = append(got, j)
	}
	if len(got) != 6 {
		t.Fatalf("got %d JSON objects, want 6 (one per image file):\n%s", len(got), out)
	}
	wantErr := map[string]string{"c_empty.png": "empty", "d_text.jpg": "not an image", "e_huge.png": "100 megapixel", "f_truncated.jpg": "damaged"}
	for _, j := range got {
		base := filepath.Base(j.File)
		if want, bad := wantErr[base]; bad {
			if !strings.Contains(j.Error, want) || !strings.Contains(j.Error, base) {
				t.Errorf("%s: error %q, want it to name the file and say %q", base, j.Error, want)
			}
			if !strings.Contains(errb.String(), base) {
				t.Errorf("stderr does not name %s", base)
			}
			continue
		}
		if j.Error != "" || !j.Verified || j.Width != 200 || j.Height != 60 {
			t.Errorf("%s: %+v", base, j)
		}
		if base == "a_patient.png" && (len(j.Findings) == 0 || j.Findings[0].Check != "person-name" || j.Findings[0].Box != [4]int{10, 10, 160, 30}) {
			t.Errorf("a_patient.png findings = %+v", j.Findings)
		}
		if base == "b_clean.jpg" && len(j.Findings) != 0 {
			t.Errorf("b_clean.jpg findings = %+v", j.Findings)
		}
		for _, f := range j.Findings {
			if f.Text != "" {
				t.Errorf("patient text printed without --show-text: %+v", f)
			}
		}
	}
	if strings.Contains(out.String(), "Okafor") || strings.Contains(errb.String(), "Okafor") {
		t.Error("patient text printed without --show-text")
	}
}

func TestCheckExitCodes(t *testing.T) {
	dir := t.TempDir()
	clean, patient := filepath.Join(dir, "clean.png"), filepath.Join(dir, "patient.png")
	writeImage(t, clean, false, 50, 40)
	writeImage(t, patient, true, 200, 40)
	tests := []struct {
		name   string
		ocrErr error
		args   []string
		want   int
	}{
		{"nothing found", nil, []string{"check", clean}, ExitClean},
		{"found", nil, []string{"check", patient}, ExitFound},
		{"flags after paths", nil, []string{"check", patient, "--json"}, ExitFound},
		{"ocr fails closed", errors.New("boom"), []string{"check", clean}, ExitError},
		{"missing file", nil, []string{"check", filepath.Join(dir, "nope.jpg")}, ExitError},
		{"no paths", nil, []string{"check"}, ExitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, errb := fakeEnv(t, tt.ocrErr)
			if got := Run(env, tt.args); got != tt.want {
				t.Errorf("exit %d, want %d; stderr: %s", got, tt.want, errb)
			}
		})
	}
}

// TestCheckHumanWords: people read the kinds registry's words ("Name"),
// never raw IDs ("person-name"); --json keeps the IDs for scripts.
func TestCheckHumanWords(t *testing.T) {
	patient := filepath.Join(t.TempDir(), "patient.png")
	writeImage(t, patient, true, 200, 40)
	env, out, _ := fakeEnv(t, nil)
	Run(env, []string{"check", patient})
	if s := out.String(); !strings.Contains(s, "Name (") || strings.Contains(s, "person-name") {
		t.Errorf("human output:\n%s", s)
	}
	env, out, _ = fakeEnv(t, nil)
	Run(env, []string{"check", "--json", patient})
	if !strings.Contains(out.String(), `"person-name"`) {
		t.Errorf("JSON output lost the IDs:\n%s", out)
	}
}

func TestRedactWritesCleanCopies(t *testing.T) {
	env, _, errb := fakeEnv(t, nil)
	src := mixedFolder(t)
	out := filepath.Join(t.TempDir(), "new", "out")
	code := Run(env, []string{"redact", "-o", out, src})
	if code != ExitError {
		t.Errorf("exit %d, want %d because of the bad files", code, ExitError)
	}
	entries, err := os.ReadDir(out)
	must(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "a_patient.png,b_clean.jpg" {
		t.Fatalf("written %v; want only the two good images and no temp files", names)
	}
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(out, n))
		must(t, err)
		if has, what := export.HasMetadata(data); has {
			t.Errorf("%s carries metadata: %s", n, what)
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		must(t, err)
		if cfg.Width != 200 || cfg.Height != 60 {
			t.Errorf("%s is %dx%d, want 200x60", n, cfg.Width, cfg.Height)
		}
	}
	if !strings.Contains(errb.String(), "e_huge.png") {
		t.Errorf("stderr does not name the refused file: %s", errb)
	}
}

func TestRedactRefusesUnverifiedAndUnwritable(t *testing.T) {
	dir := t.TempDir()
	img := filepath.Join(dir, "p.png")
	writeImage(t, img, true, 200, 40)

	t.Run("ocr error writes nothing", func(t *testing.T) {
		env, _, _ := fakeEnv(t, errors.New("tesseract crashed"))
		out := filepath.Join(dir, "out1")
		if code := Run(env, []string{"redact", "-o", out, img}); code != ExitError {
			t.Errorf("exit %d, want %d", code, ExitError)
		}
		if entries, _ := os.ReadDir(out); len(entries) != 0 {
			t.Errorf("wrote %d files for an image that could not be checked", len(entries))
		}
	})
	t.Run("output folder under a file", func(t *testing.T) {
		env, _, errb := fakeEnv(t, nil)
		blocker := filepath.Join(dir, "blocker")
		must(t, os.WriteFile(blocker, []byte("x"), 0o644))
		if code := Run(env, []string{"redact", "-o", filepath.Join(blocker, "out"), img}); code != ExitError {
			t.Errorf("exit %d, want %d", code, ExitError)
		}
		if !strings.Contains(errb.String(), "blocker") {
			t.Errorf("error does not name the folder: %s", errb)
		}
	})
	t.Run("no -o", func(t *testing.T) {
		env, _, _ := fakeEnv(t, nil)
		if code := Run(env, []string{"redact", img}); code != ExitError {
			t.Errorf("exit %d, want %d", code, ExitError)
		}
	})
}

func TestRunDispatch(t *testing.T) {
	env, out, _ := fakeEnv(t, nil)
	if got := Run(env, nil); got != -1 {
		t.Errorf("no args: %d, want -1 (open the app)", got)
	}
	if got := Run(env, []string{"photo.jpg"}); got != -1 {
		t.Errorf("a photo: %d, want -1 (open the app)", got)
	}
	if got := Run(env, []string{"help"}); got != ExitClean || !strings.Contains(out.String(), "safepost check") {
		t.Errorf("help: %d %q", got, out)
	}
	if got := Run(env, []string{"--bogus"}); got != ExitError {
		t.Errorf("unknown flag: %d", got)
	}
}
