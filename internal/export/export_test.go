package export

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"safepost/internal/imageio"
)

func pattern(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, color.NRGBA{R: uint8(x * 255 / w), G: uint8(y * 255 / h), B: 0x80, A: 0xff})
		}
	}
	return img
}

func stdJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func stdPNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dirEntries lists dir's names, so tests can assert nothing was left behind.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestOutputPath(t *testing.T) {
	out := filepath.FromSlash("/out")
	tests := []struct{ input, want string }{
		{"photo.jpg", "photo.jpg"},
		{"in/photo.JPG", "photo.jpg"},
		{"in/photo.jpeg", "photo.jpeg"},
		{"in/Photo.JPEG", "Photo.jpeg"},
		{"board.png", "board.png"},
		{"board.PNG", "board.png"},
		{"scan.tiff", "scan.jpg"},
		{"scan.tif", "scan.jpg"},
		{"anim.gif", "anim.jpg"},
		{"old.bmp", "old.jpg"},
		{"phone.webp", "phone.jpg"},
		{"no-extension", "no-extension.jpg"},
		{"ward.7.team.png", "ward.7.team.png"},
		{"archive.tar.gz", "archive.tar.jpg"},
		{".jpg", "image.jpg"},
		{"in/dir with space/bed 3.jpg", "bed 3.jpg"},
	}
	for _, tt := range tests {
		if got, want := OutputPath(out, filepath.FromSlash(tt.input)), filepath.Join(out, tt.want); got != want {
			t.Errorf("OutputPath(%q) = %q, want %q", tt.input, got, want)
		}
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	src := pattern(37, 23) // odd sizes catch off-by-one in block handling
	for _, format := range []string{"jpeg", "png"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Encode(&buf, src, format); err != nil {
				t.Fatal(err)
			}
			if has, what := HasMetadata(buf.Bytes()); has {
				t.Errorf("fresh %s has metadata: %s", format, what)
			}
			got, gotFormat, err := image.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if gotFormat != format {
				t.Errorf("format = %s", gotFormat)
			}
			if got.Bounds() != src.Bounds() {
				t.Errorf("bounds = %v, want %v", got.Bounds(), src.Bounds())
			}
			if format == "png" {
				for y := range 23 {
					for x := range 37 {
						if color.NRGBAModel.Convert(got.At(x, y)) != src.NRGBAAt(x, y) {
							t.Fatalf("PNG pixel %d,%d changed", x, y)
						}
					}
				}
			}
		})
	}
}

func TestEncodeErrors(t *testing.T) {
	tests := []struct {
		name   string
		img    image.Image
		format string
		want   string
	}{
		{"nil", nil, "jpeg", "no pixels"},
		{"empty bounds", image.NewNRGBA(image.Rect(5, 5, 5, 9)), "png", "no pixels"},
		{"gif", pattern(4, 4), "gif", `cannot save as "gif"`},
		{"too wide for JPEG", image.NewGray(image.Rect(0, 0, 70000, 1)), "jpeg", "jpeg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Encode(io.Discard, tt.img, tt.format)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Encode error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestEncodeJPEGFlattensAlpha: a transparent image must come out white in
// JPEG, as imageio does on input, not black.
func TestEncodeJPEGFlattensAlpha(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 16, 16)) // all transparent black
	var buf bytes.Buffer
	if err := Encode(&buf, img, "jpeg"); err != nil {
		t.Fatal(err)
	}
	got, err := jpeg.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if r, g, b, _ := got.At(8, 8).RGBA(); r>>8 < 250 || g>>8 < 250 || b>>8 < 250 {
		t.Errorf("transparent pixel encoded as %v, want white", got.At(8, 8))
	}
}

// exifWithGPS builds an EXIF APP1 body (little-endian TIFF) with an
// orientation, a GPS IFD holding a latitude, and an IFD1 thumbnail, the
// three things a phone photo leaks most.
func exifWithGPS(t *testing.T, orientation uint16) []byte {
	le := binary.LittleEndian
	thumb := stdJPEG(t, pattern(8, 8))
	const (
		ifd0    = 8
		gpsIFD  = ifd0 + 2 + 2*12 + 4
		latAt   = gpsIFD + 2 + 2*12 + 4
		ifd1    = latAt + 24
		thumbAt = ifd1 + 2 + 2*12 + 4
	)
	b := []byte("II")
	b = le.AppendUint16(b, 42)
	b = le.AppendUint32(b, ifd0)
	entry := func(b []byte, tag, typ uint16, count, value uint32) []byte {
		b = le.AppendUint16(b, tag)
		b = le.AppendUint16(b, typ)
		b = le.AppendUint32(b, count)
		return le.AppendUint32(b, value)
	}
	// IFD0: orientation, GPS pointer; next IFD is IFD1 (the thumbnail).
	b = le.AppendUint16(b, 2)
	b = entry(b, 0x0112, 3, 1, uint32(orientation))
	b = entry(b, 0x8825, 4, 1, gpsIFD)
	b = le.AppendUint32(b, ifd1)
	// GPS IFD: latitude ref "N" inline, latitude as three rationals.
	b = le.AppendUint16(b, 2)
	b = entry(b, 0x0001, 2, 2, 'N')
	b = entry(b, 0x0002, 5, 3, latAt)
	b = le.AppendUint32(b, 0)
	for _, r := range [][2]uint32{{53, 1}, {48, 1}, {1234, 100}} { // 53°48'12.34"
		b = le.AppendUint32(b, r[0])
		b = le.AppendUint32(b, r[1])
	}
	// IFD1: JPEGInterchangeFormat and its length.
	b = le.AppendUint16(b, 2)
	b = entry(b, 0x0201, 4, 1, thumbAt)
	b = entry(b, 0x0202, 4, 1, uint32(len(thumb)))
	b = le.AppendUint32(b, 0)
	if len(b) != thumbAt {
		t.Fatalf("layout: thumbnail at %d, want %d", len(b), thumbAt)
	}
	b = append(b, thumb...)
	return append([]byte("Exif\x00\x00"), b...)
}

// withSegments inserts marker segments right after SOI.
func withSegments(jpg []byte, segs ...[]byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, jpg[2:]...)
}

func segment(marker byte, body []byte) []byte {
	s := []byte{0xFF, marker}
	s = binary.BigEndian.AppendUint16(s, uint16(len(body)+2))
	return append(s, body...)
}

// TestWriteFileStripsMetadata takes a phone-style JPEG (EXIF with GPS and a
// thumbnail, XMP, IPTC, a comment), decodes it the way the app does and
// writes it out: the output must be upright and carry none of it.
func TestWriteFileStripsMetadata(t *testing.T) {
	src := withSegments(stdJPEG(t, pattern(40, 24)),
		segment(0xE1, exifWithGPS(t, 6)),
		segment(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>Bed 3</x:xmpmeta>")),
		segment(0xED, []byte("Photoshop 3.0\x008BIM")),
		segment(0xFE, []byte("Mrs Joan Okafor DOB 12/03/1948")),
	)
	has, what := HasMetadata(src)
	for _, want := range []string{"EXIF", "XMP", "IPTC", "comment"} {
		if !has || !strings.Contains(what, want) {
			t.Errorf("HasMetadata(input) = %v, %q; want it to report %s", has, what, want)
		}
	}
	decoded, err := imageio.Decode("phone.jpg", src)
	if err != nil {
		t.Fatal(err)
	}
	if decoded.Orientation != 6 {
		t.Fatalf("test input orientation read as %d, want 6", decoded.Orientation)
	}

	dir := t.TempDir()
	for _, name := range []string{"phone.jpg", "phone.png"} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(dir, name)
			if err := WriteFile(out, decoded.Pixels); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if has, what := HasMetadata(data); has {
				t.Errorf("output has metadata: %s", what)
			}
			for _, leak := range []string{"Exif", "Okafor", "xmpmeta", "8BIM"} {
				if bytes.Contains(data, []byte(leak)) {
					t.Errorf("output contains %q", leak)
				}
			}
			cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Width != 24 || cfg.Height != 40 {
				t.Errorf("output is %dx%d, want the upright 24x40", cfg.Width, cfg.Height)
			}
		})
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.png")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	img := pattern(10, 6)
	if err := WriteFile(path, img); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, stdPNG(t, img)) {
		t.Error("existing file was not replaced with the PNG encoding")
	}
	if runtime.GOOS != "windows" {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("mode = %v, want 0644", fi.Mode().Perm())
		}
	}
	if got := dirEntries(t, dir); !slices.Equal(got, []string{"out.png"}) {
		t.Errorf("folder holds %q, want only out.png", got)
	}
}

// TestWriteFileFailures: every failure names the path, says what went wrong
// and leaves the folder exactly as it was (no temp file, old file intact).
func TestWriteFileFailures(t *testing.T) {
	dir := t.TempDir()
	notADir := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notADir, []byte("a regular file"), 0o644); err != nil {
		t.Fatal(err)
	}
	existing := filepath.Join(dir, "keep.jpg")
	if err := os.WriteFile(existing, []byte("previous export"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "taken.jpg"), 0o755); err != nil {
		t.Fatal(err)
	}
	before := dirEntries(t, dir)

	tests := []struct {
		name    string
		path    string
		img     image.Image
		wantMsg string
	}{
		{"parent is a file", filepath.Join(notADir, "out.jpg"), pattern(4, 4),
			"cannot write to " + filepath.Join(notADir, "out.jpg") + ": not a folder"},
		{"missing folder", filepath.Join(dir, "nope", "out.jpg"), pattern(4, 4),
			"cannot write to " + filepath.Join(dir, "nope", "out.jpg") + ": the folder does not exist"},
		{"empty image", existing, image.NewNRGBA(image.Rectangle{}),
			"cannot write to " + existing + ": image has no pixels"},
		{"unknown extension", filepath.Join(dir, "out.gif"), pattern(4, 4),
			"cannot write to " + filepath.Join(dir, "out.gif") + ": the name must end in .jpg, .jpeg or .png"},
		{"path is a folder", filepath.Join(dir, "taken.jpg"), pattern(4, 4),
			"cannot write to " + filepath.Join(dir, "taken.jpg") + ": a folder has that name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteFile(tt.path, tt.img)
			if err == nil || err.Error() != tt.wantMsg {
				t.Errorf("WriteFile error = %v, want %q", err, tt.wantMsg)
			}
			if got := dirEntries(t, dir); !slices.Equal(got, before) {
				t.Errorf("folder changed: %q, want %q", got, before)
			}
		})
	}
	if data, _ := os.ReadFile(existing); string(data) != "previous export" {
		t.Errorf("failed write changed the existing file to %q", data)
	}
}

// TestWriteFileEncoderFailsPartWay makes the encoder write part of a file
// and then fail, as a full disk would: nothing may be left behind, and an
// existing output must survive untouched.
func TestWriteFileEncoderFailsPartWay(t *testing.T) {
	boom := errors.New("disk on fire")
	orig := encode
	t.Cleanup(func() { encode = orig })
	encode = func(w io.Writer, img image.Image, format string) error {
		// More than the bufio buffer, so bytes really reach the temp file.
		if _, err := w.Write(make([]byte, 200<<10)); err != nil {
			return err
		}
		return boom
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "out.jpg")
	if err := os.WriteFile(path, []byte("previous export"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(path, pattern(8, 8))
	if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "cannot write to "+path+": ") {
		t.Errorf("WriteFile error = %v, want one naming %s and wrapping the cause", err, path)
	}
	if got := dirEntries(t, dir); !slices.Equal(got, []string{"out.jpg"}) {
		t.Errorf("folder holds %q, want only the old out.jpg", got)
	}
	if data, _ := os.ReadFile(path); string(data) != "previous export" {
		t.Errorf("existing file changed to %d bytes", len(data))
	}
}

// TestWriteText: a description replaces the old file whole, readable by
// anyone, with nothing left beside it; a failure leaves the folder as it was.
func TestWriteText(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "01-ward.txt")
	if err := os.WriteFile(path, []byte("an older, longer description"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteText(path, "Ward 7’s team\n"); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "Ward 7’s team\n" {
		t.Errorf("file holds %q", data)
	}
	if fi, err := os.Stat(path); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o644) {
		t.Errorf("stat: %v, %v", fi.Mode(), err)
	}
	if got := dirEntries(t, dir); !slices.Equal(got, []string{"01-ward.txt"}) {
		t.Errorf("folder holds %q", got)
	}
	if err := os.Mkdir(filepath.Join(dir, "taken.txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	before := dirEntries(t, dir)
	for _, tt := range []struct{ path, want string }{
		{filepath.Join(dir, "taken.txt"), "cannot write to " + filepath.Join(dir, "taken.txt") + ": a folder has that name"},
		{filepath.Join(dir, "nope", "a.txt"), "cannot write to " + filepath.Join(dir, "nope", "a.txt") + ": the folder does not exist"},
	} {
		if err := WriteText(tt.path, "x"); err == nil || err.Error() != tt.want {
			t.Errorf("WriteText error = %v, want %q", err, tt.want)
		}
	}
	if got := dirEntries(t, dir); !slices.Equal(got, before) {
		t.Errorf("folder changed: %q, want %q", got, before)
	}
}

func TestTextPath(t *testing.T) {
	for in, want := range map[string]string{
		filepath.Join("out", "01-ward.jpg"):  filepath.Join("out", "01-ward.txt"),
		filepath.Join("out", "02-a.b.png"):   filepath.Join("out", "02-a.b.txt"),
		filepath.Join("out", "03-team.jpeg"): filepath.Join("out", "03-team.txt"),
	} {
		if got := TextPath(in); got != want {
			t.Errorf("TextPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEnsureDir(t *testing.T) {
	dir := t.TempDir()
	nested := filepath.Join(dir, "a", "b", "c")
	if err := EnsureDir(nested); err != nil {
		t.Fatal(err)
	}
	if err := EnsureDir(nested); err != nil {
		t.Errorf("EnsureDir on an existing folder: %v", err)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ dir, want string }{
		{file, "cannot create output folder " + file + ": not a folder"},
		{filepath.Join(file, "sub"), "cannot create output folder " + filepath.Join(file, "sub") + ": not a folder"},
		{"", "no output folder given"},
	}
	for _, tt := range tests {
		if err := EnsureDir(tt.dir); err == nil || err.Error() != tt.want {
			t.Errorf("EnsureDir(%q) = %v, want %q", tt.dir, err, tt.want)
		}
	}
}

func pngChunk(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// afterIHDR inserts chunks after the signature and IHDR.
func afterIHDR(p []byte, chunks ...[]byte) []byte {
	out := append([]byte{}, p[:33]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, p[33:]...)
}

func TestHasMetadata(t *testing.T) {
	jpg := stdJPEG(t, pattern(16, 16))
	pngData := stdPNG(t, pattern(16, 16))
	jfif := []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
	jfifThumb := append([]byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x01\x01"), 0, 0, 0)
	// A progressive JPEG (convert -interlace JPEG -strip) has many scans
	// with tables between them, so the scan-skipping is exercised.
	progressive, err := os.ReadFile("testdata/progressive.jpg")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want string // "" means clean
	}{
		{"stdlib jpeg", jpg, ""},
		{"stdlib png", pngData, ""},
		{"progressive jpeg", progressive, ""},
		{"progressive with comment", withSegments(progressive, segment(0xFE, []byte("x"))), "comment (COM)"},
		{"JFIF header", withSegments(jpg, segment(0xE0, jfif)), ""},
		{"Adobe APP14", withSegments(jpg, segment(0xEE, []byte("Adobe\x00\x64\x00\x00\x00\x00\x01"))), ""},
		{"JFIF thumbnail", withSegments(jpg, segment(0xE0, jfifThumb)), "JFIF thumbnail (APP0)"},
		{"JFXX", withSegments(jpg, segment(0xE0, []byte("JFXX\x00\x10"))), "JFIF thumbnail (APP0)"},
		{"EXIF", withSegments(jpg, segment(0xE1, exifWithGPS(t, 1))), "EXIF (APP1)"},
		{"XMP", withSegments(jpg, segment(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x/>"))), "XMP (APP1)"},
		{"ICC", withSegments(jpg, segment(0xE2, []byte("ICC_PROFILE\x00\x01\x01"))), "ICC profile (APP2)"},
		{"MPF", withSegments(jpg, segment(0xE2, []byte("MPF\x00II*\x00"))), "multi-picture data (APP2)"},
		{"IPTC", withSegments(jpg, segment(0xED, []byte("Photoshop 3.0\x00"))), "IPTC/Photoshop (APP13)"},
		{"APP5", withSegments(jpg, segment(0xE5, []byte("x"))), "APP5 data"},
		{"comment", withSegments(jpg, segment(0xFE, []byte("hello"))), "comment (COM)"},
		{"two", withSegments(jpg, segment(0xE1, exifWithGPS(t, 1)), segment(0xFE, nil)), "EXIF (APP1), comment (COM)"},
		{"jpeg trailer", append(append([]byte{}, jpg...), "hidden"...), "data after end of image"},
		{"jpeg truncated", jpg[:len(jpg)-10], "JPEG ends without an end-of-image marker"},
		{"jpeg bad length", withSegments(jpg, []byte{0xFF, 0xE1, 0xFF, 0xFF}), "malformed JPEG structure"},
		{"eXIf", afterIHDR(pngData, pngChunk("eXIf", []byte("II*\x00"))), `"eXIf" chunk`},
		{"tEXt", afterIHDR(pngData, pngChunk("tEXt", []byte("Comment\x00Bed 3"))), `"tEXt" chunk`},
		{"iTXt", afterIHDR(pngData, pngChunk("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00<x/>"))), `"iTXt" chunk`},
		{"zTXt", afterIHDR(pngData, pngChunk("zTXt", []byte("k\x00\x00x"))), `"zTXt" chunk`},
		{"tIME", afterIHDR(pngData, pngChunk("tIME", []byte{7, 0xE9, 1, 2, 3, 4, 5})), `"tIME" chunk`},
		{"iCCP", afterIHDR(pngData, pngChunk("iCCP", []byte("p\x00\x00x"))), `"iCCP" chunk`},
		{"private", afterIHDR(pngData, pngChunk("prVt", []byte("x"))), `"prVt" chunk`},
		{"benign png", afterIHDR(pngData, pngChunk("gAMA", []byte{0, 0, 0xb1, 0x8f}), pngChunk("pHYs", make([]byte, 9))), ""},
		{"png trailer", append(append([]byte{}, pngData...), "hidden"...), "data after end of image"},
		{"png truncated in IEND", pngData[:len(pngData)-6], "PNG ends without an IEND chunk"},
		{"png truncated", pngData[:len(pngData)-20], "malformed PNG structure"},
		{"empty", nil, "not a JPEG or PNG file"},
		{"gif", []byte("GIF89a"), "not a JPEG or PNG file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			has, what := HasMetadata(tt.data)
			if has != (tt.want != "") || what != tt.want {
				t.Errorf("HasMetadata = %v, %q; want %v, %q", has, what, tt.want != "", tt.want)
			}
		})
	}
}

func FuzzHasMetadata(f *testing.F) {
	f.Add(stdJPEG(f, pattern(8, 8)))
	f.Add(stdPNG(f, pattern(8, 8)))
	if p, err := os.ReadFile("testdata/progressive.jpg"); err == nil {
		f.Add(p)
	}
	f.Add(withSegments(stdJPEG(f, pattern(8, 8)), segment(0xE1, []byte("Exif\x00\x00II*\x00"))))
	f.Fuzz(func(t *testing.T, data []byte) {
		has, what := HasMetadata(data)
		if has != (what != "") {
			t.Fatalf("HasMetadata = %v, %q: the answer and the reason disagree", has, what)
		}
		if !has && !bytes.HasPrefix(data, []byte{0xFF, 0xD8}) && !bytes.HasPrefix(data, pngSignature) {
			t.Fatal("clean verdict for a file that is neither JPEG nor PNG")
		}
	})
}
