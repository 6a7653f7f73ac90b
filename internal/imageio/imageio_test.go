package imageio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
)

func TestDecodeErrors(t *testing.T) {
	goodJPEG := encodeJPEG(t, markerImage(64, 48))
	goodPNG := encodePNG(t, markerImage(64, 48))
	tests := []struct {
		name    string
		data    []byte
		want    error
		wantMsg string
	}{
		{"empty.jpg", nil, ErrEmpty, "empty.jpg: file is empty"},
		{"notes.jpg", []byte("Ward 7 handover notes\nBed 3: NBM\n"), ErrUnsupported, "notes.jpg: not an image SafePost can read"},
		{"random.png", bytes.Repeat([]byte{0x13, 0x37, 0x42}, 100), ErrUnsupported, "random.png: not an image"},
		{"soi-garbage.jpg", append([]byte{0xFF, 0xD8}, bytes.Repeat([]byte{0x55}, 64)...), ErrCorrupt, "soi-garbage.jpg: image is damaged"},
		{"truncated.jpg", goodJPEG[:len(goodJPEG)/2], ErrCorrupt, "truncated.jpg: image is damaged or incomplete"},
		{"header-only.jpg", goodJPEG[:200], ErrCorrupt, "header-only.jpg: image is damaged"},
		{"truncated.png", goodPNG[:len(goodPNG)/2], ErrCorrupt, "truncated.png: image is damaged or incomplete"},
		{"sig-only.png", goodPNG[:12], ErrCorrupt, "sig-only.png: image is damaged"},
		{"bad-crc.png", func() []byte {
			b := append([]byte{}, goodPNG...)
			b[20] ^= 0xff // inside IHDR data, so its CRC no longer matches
			return b
		}(), ErrCorrupt, "bad-crc.png: image is damaged"},
		{"huge.png", pngHeaderOnly(20000, 20000), ErrTooLarge, "huge.png: 20000×20000 is over the 100 megapixel limit"},
		{"zero.png", pngHeaderOnly(0, 100), ErrCorrupt, "zero.png: "},
		{"huge.gif", []byte("GIF89a\x20\x4e\x20\x4e\x00\x00\x00;"), ErrTooLarge, "huge.gif: 20000×20000 is over"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := Decode(tt.name, tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Decode error = %v, want %v", err, tt.want)
			}
			if img != nil {
				t.Errorf("Decode returned an image with an error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.wantMsg) {
				t.Errorf("message %q does not start with %q", msg, tt.wantMsg)
			}
			if strings.ContainsAny(msg, "\n\r") {
				t.Errorf("message is not one line: %q", msg)
			}
			if !strings.Contains(msg, "; ") {
				t.Errorf("message %q does not say what to do", msg)
			}
			var e *Error
			if !errors.As(err, &e) || e.Name != tt.name {
				t.Errorf("error is not an *Error naming %q: %#v", tt.name, err)
			}
		})
	}
}

// TestTooLargeRefusedBeforeDecoding checks that a header claiming 400 MP is
// refused without allocating anything near its pixel buffer.
func TestTooLargeRefusedBeforeDecoding(t *testing.T) {
	data := pngHeaderOnly(20000, 20000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Decode("huge.png", data)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("refusing a 20000×20000 header allocated %d bytes", got)
	}
}

// TestWebPBitstreamLargerThanCanvas: a VP8X canvas of 16×16 must not hide a
// VP8L bitstream that claims 16384×16384.
func TestWebPBitstreamLargerThanCanvas(t *testing.T) {
	simple := readFixture(t, "quad.webp")
	big := append([]byte{}, simple...)
	// VP8L header: signature at 20, then 14-bit width-1, 14-bit height-1.
	v := binary.LittleEndian.Uint32(big[21:])
	v = v&^(1<<28-1) | 0x3fff | 0x3fff<<14
	binary.LittleEndian.PutUint32(big[21:], v)
	data := webpVP8X(t, big, 16, 16, nil)
	_, err := Decode("sneaky.webp", data)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if !strings.Contains(err.Error(), "16384×16384") {
		t.Errorf("message %q does not give the size", err)
	}
}

func TestDecodeFormats(t *testing.T) {
	opaque := markerImage(24, 16)

	gray16 := image.NewGray16(image.Rect(0, 0, 24, 16))
	for i := range gray16.Pix {
		gray16.Pix[i] = 0x80 // 0x8080 everywhere
	}
	nrgba64 := image.NewNRGBA64(image.Rect(0, 0, 24, 16))
	for y := range 16 {
		for x := range 24 {
			nrgba64.SetNRGBA64(x, y, color.NRGBA64{R: 0xffff, G: 0x8000, A: 0xffff})
		}
	}
	// Fully transparent "red" must come out white, not red or black.
	transparent := image.NewNRGBA(image.Rect(0, 0, 24, 16))
	for i := 0; i < len(transparent.Pix); i += 4 {
		copy(transparent.Pix[i:], []byte{0xff, 0, 0, 0})
	}
	// Half-transparent black over white is mid grey.
	halfBlack := image.NewNRGBA(image.Rect(0, 0, 24, 16))
	for i := 0; i < len(halfBlack.Pix); i += 4 {
		copy(halfBlack.Pix[i:], []byte{0, 0, 0, 0x80})
	}
	paletted := image.NewPaletted(image.Rect(0, 0, 24, 16), palette.Plan9)
	for i := range paletted.Pix {
		paletted.Pix[i] = uint8(paletted.Palette.Index(color.RGBA{B: 0xff, A: 0xff}))
	}
	gray := image.NewGray(image.Rect(0, 0, 24, 16))
	for i := range gray.Pix {
		gray.Pix[i] = 0x40
	}
	var gifBuf, bmpBuf, tiffBuf bytes.Buffer
	if err := gif.Encode(&gifBuf, paletted, nil); err != nil {
		t.Fatal(err)
	}
	if err := bmp.Encode(&bmpBuf, opaque); err != nil {
		t.Fatal(err)
	}
	if err := tiff.Encode(&tiffBuf, opaque, &tiff.Options{Compression: tiff.Deflate}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		data   []byte
		format string
		w, h   int
		at     image.Point
		want   color.NRGBA
		tol    int
	}{
		{"nrgba.png", encodePNG(t, opaque), "png", 24, 16, image.Pt(2, 2), markerRed, 0},
		{"gray16.png", encodePNG(t, gray16), "png", 24, 16, image.Pt(5, 5), color.NRGBA{0x80, 0x80, 0x80, 0xff}, 0},
		{"nrgba64.png", encodePNG(t, nrgba64), "png", 24, 16, image.Pt(5, 5), color.NRGBA{0xff, 0x80, 0, 0xff}, 0},
		{"transparent.png", encodePNG(t, transparent), "png", 24, 16, image.Pt(5, 5), color.NRGBA{0xff, 0xff, 0xff, 0xff}, 0},
		{"half.png", encodePNG(t, halfBlack), "png", 24, 16, image.Pt(5, 5), color.NRGBA{0x7f, 0x7f, 0x7f, 0xff}, 1},
		{"paletted.png", encodePNG(t, paletted), "png", 24, 16, image.Pt(5, 5), color.NRGBA{0, 0, 0xff, 0xff}, 0},
		{"gray.jpg", encodeJPEG(t, gray), "jpeg", 24, 16, image.Pt(5, 5), color.NRGBA{0x40, 0x40, 0x40, 0xff}, 2},
		{"ycbcr.jpg", encodeJPEG(t, opaque), "jpeg", 24, 16, image.Pt(20, 12), bgGrey, 4},
		{"still.gif", gifBuf.Bytes(), "gif", 24, 16, image.Pt(5, 5), color.NRGBA{0, 0, 0xff, 0xff}, 0},
		{"pattern.bmp", bmpBuf.Bytes(), "bmp", 24, 16, image.Pt(2, 2), markerRed, 0},
		{"pattern.tiff", tiffBuf.Bytes(), "tiff", 24, 16, image.Pt(2, 2), markerRed, 0},
		{"quad.webp", readFixture(t, "quad.webp"), "webp", 16, 16, image.Pt(12, 3), color.NRGBA{0, 0xff, 0, 0xff}, 0},
		{"quad_lossy.webp", readFixture(t, "quad_lossy.webp"), "webp", 16, 16, image.Pt(3, 12), color.NRGBA{0, 0, 0xff, 0xff}, 40},
		// convert -colorspace CMYK: the stdlib returns *image.CMYK, which
		// must come out as the original RGB quadrants.
		{"cmyk.jpg red", readFixture(t, "cmyk.jpg"), "jpeg", 16, 16, image.Pt(3, 3), color.NRGBA{0xff, 0, 0, 0xff}, 24},
		{"cmyk.jpg lime", readFixture(t, "cmyk.jpg"), "jpeg", 16, 16, image.Pt(12, 3), color.NRGBA{0, 0xff, 0, 0xff}, 24},
		{"cmyk.jpg blue", readFixture(t, "cmyk.jpg"), "jpeg", 16, 16, image.Pt(3, 12), color.NRGBA{0, 0, 0xff, 0xff}, 24},
		{"cmyk.jpg white", readFixture(t, "cmyk.jpg"), "jpeg", 16, 16, image.Pt(12, 12), color.NRGBA{0xff, 0xff, 0xff, 0xff}, 24},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := Decode(tt.name, tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if img.Format != tt.format {
				t.Errorf("Format = %q, want %q", img.Format, tt.format)
			}
			b := img.Pixels.Bounds()
			if b != image.Rect(0, 0, tt.w, tt.h) {
				t.Errorf("bounds = %v, want 0,0-%d,%d", b, tt.w, tt.h)
			}
			if img.Orientation != 1 || img.Frames != 1 {
				t.Errorf("Orientation, Frames = %d, %d, want 1, 1", img.Orientation, img.Frames)
			}
			if got := img.Pixels.NRGBAAt(tt.at.X, tt.at.Y); !near(got, tt.want, tt.tol) {
				t.Errorf("pixel at %v = %v, want %v ±%d", tt.at, got, tt.want, tt.tol)
			}
			for i := 3; i < len(img.Pixels.Pix); i += 4 {
				if img.Pixels.Pix[i] != 0xff {
					t.Fatalf("pixel %d has alpha %d; output must be opaque", i/4, img.Pixels.Pix[i])
				}
			}
		})
	}
}

func TestCMYKFixtureIsCMYK(t *testing.T) {
	// Guards the fixture: if it were re-made as RGB the test above would
	// pass without exercising the CMYK path.
	m, _, err := image.Decode(bytes.NewReader(readFixture(t, "cmyk.jpg")))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.(*image.CMYK); !ok {
		t.Fatalf("testdata/cmyk.jpg decodes to %T, want *image.CMYK", m)
	}
}

func TestAnimatedGIF(t *testing.T) {
	pal := color.Palette{color.RGBA{0xff, 0, 0, 0xff}, color.RGBA{0, 0, 0xff, 0xff}}
	frame := func(idx uint8) *image.Paletted {
		p := image.NewPaletted(image.Rect(0, 0, 20, 10), pal)
		for i := range p.Pix {
			p.Pix[i] = idx
		}
		return p
	}
	var buf bytes.Buffer
	err := gif.EncodeAll(&buf, &gif.GIF{
		Image: []*image.Paletted{frame(0), frame(1), frame(1)},
		Delay: []int{10, 10, 10},
	})
	if err != nil {
		t.Fatal(err)
	}
	img, err := Decode("wave.gif", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if img.Frames != 3 {
		t.Errorf("Frames = %d, want 3", img.Frames)
	}
	if got := img.Pixels.NRGBAAt(5, 5); got != (color.NRGBA{0xff, 0, 0, 0xff}) {
		t.Errorf("pixel = %v, want the first frame's red", got)
	}
}

// TestEXIFOrientation encodes a non-square image with a red block in its
// stored top-left corner, labels it with each EXIF orientation in both byte
// orders, and checks where the block ends up. The (corner, size swapped)
// pair differs for each of the 8 orientations, so a mix-up between any two
// is caught.
func TestEXIFOrientation(t *testing.T) {
	const w, h = 48, 32
	base := encodeJPEG(t, markerImage(w, h))
	type corner int
	const (
		topLeft corner = iota
		topRight
		bottomLeft
		bottomRight
	)
	tests := []struct {
		o       int
		swapped bool
		corner  corner
	}{
		{1, false, topLeft},
		{2, false, topRight},    // mirrored horizontally
		{3, false, bottomRight}, // rotated 180
		{4, false, bottomLeft},  // mirrored vertically
		{5, true, topLeft},      // transposed
		{6, true, topRight},     // needs 90° clockwise
		{7, true, bottomRight},  // transversed
		{8, true, bottomLeft},   // needs 90° anticlockwise
	}
	for _, bo := range []byteOrder{binary.LittleEndian, binary.BigEndian} {
		for _, tt := range tests {
			t.Run(bo.String()+"/"+string(rune('0'+tt.o)), func(t *testing.T) {
				data := spliceAPP1(base, exifAPP1(orientationTIFF(bo, tt.o)))
				img, err := Decode("rotated.jpg", data)
				if err != nil {
					t.Fatal(err)
				}
				if img.Orientation != tt.o {
					t.Errorf("Orientation = %d, want %d", img.Orientation, tt.o)
				}
				ww, wh := w, h
				if tt.swapped {
					ww, wh = h, w
				}
				if got := img.Pixels.Bounds(); got != image.Rect(0, 0, ww, wh) {
					t.Fatalf("bounds = %v, want %dx%d", got, ww, wh)
				}
				// Centre of the 8×8 marker in each corner.
				pts := map[corner]image.Point{
					topLeft:     {3, 3},
					topRight:    {ww - 4, 3},
					bottomLeft:  {3, wh - 4},
					bottomRight: {ww - 4, wh - 4},
				}
				for c, p := range pts {
					got := img.Pixels.NRGBAAt(p.X, p.Y)
					isRed := near(got, markerRed, 40)
					if isRed != (c == tt.corner) {
						t.Errorf("corner %d at %v: %v, red=%v; want the marker only in corner %d", c, p, got, isRed, tt.corner)
					}
				}
			})
		}
	}
}

func TestOrientationContainers(t *testing.T) {
	le := binary.LittleEndian
	png6 := insertPNGChunk(encodePNG(t, markerImage(24, 16)), pngChunk("eXIf", orientationTIFF(le, 6)))
	webpBare := webpVP8X(t, readFixture(t, "quad.webp"), 16, 16, orientationTIFF(binary.BigEndian, 8))
	webpPrefixed := webpVP8X(t, readFixture(t, "quad.webp"), 16, 16, exifAPP1(orientationTIFF(le, 3)))
	tests := []struct {
		name         string
		data         []byte
		want         int
		wantW, wantH int
	}{
		{"exif.png", png6, 6, 16, 24},
		{"exif.webp", webpBare, 8, 16, 16},
		{"exif-prefixed.webp", webpPrefixed, 3, 16, 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := Decode(tt.name, tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if img.Orientation != tt.want {
				t.Errorf("Orientation = %d, want %d", img.Orientation, tt.want)
			}
			if got := img.Pixels.Bounds(); got != image.Rect(0, 0, tt.wantW, tt.wantH) {
				t.Errorf("bounds = %v", got)
			}
		})
	}
	// Orientation 8 turns the quad anticlockwise: lime (top right) ends
	// up top left.
	img, err := Decode("exif.webp", webpBare)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Pixels.NRGBAAt(3, 3); got != (color.NRGBA{0, 0xff, 0, 0xff}) {
		t.Errorf("top-left after orientation 8 = %v, want lime", got)
	}
}

// TestMalformedEXIF: broken EXIF never fails the image; it is read as 1.
func TestMalformedEXIF(t *testing.T) {
	base := encodeJPEG(t, markerImage(24, 16))
	le, be := binary.LittleEndian, binary.BigEndian
	good := orientationTIFF(le, 6)
	tests := []struct {
		name string
		tiff []byte
	}{
		{"empty", nil},
		{"short header", good[:6]},
		{"bad byte order", append([]byte("IM"), good[2:]...)},
		{"bad magic", append([]byte("II\x2b\x00"), good[4:]...)},
		{"IFD offset past end", append(append([]byte{}, good[:4]...), 0xff, 0xff, 0xff, 0x7f)},
		{"IFD offset inside header", append(append([]byte{}, good[:4]...), 2, 0, 0, 0)},
		{"entry count past end", func() []byte {
			b := tiffBlock(le, ifdEntry{tag: 0x010f, typ: 4, count: 1, value: 0})
			b[8], b[9] = 0xff, 0xff
			return b
		}()},
		{"truncated entry", good[:14]},
		{"value 0", orientationTIFF(be, 0)},
		{"value 9", orientationTIFF(be, 9)},
		{"value 65535", orientationTIFF(le, 65535)},
		{"ASCII type", tiffBlock(le, ifdEntry{tag: 0x0112, typ: 2, count: 1, value: '6'})},
		{"count 2", tiffBlock(le, ifdEntry{tag: 0x0112, typ: 3, count: 2, value: 6})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := Decode("odd.jpg", spliceAPP1(base, exifAPP1(tt.tiff)))
			if err != nil {
				t.Fatalf("malformed EXIF failed the image: %v", err)
			}
			if img.Orientation != 1 {
				t.Errorf("Orientation = %d, want 1", img.Orientation)
			}
		})
	}
	// An APP1 whose length runs past the end of the file is a corrupt
	// JPEG, but the orientation reader alone must still answer 1.
	bad := spliceAPP1(base, exifAPP1(good))
	binary.BigEndian.PutUint16(bad[4:], 0xffff)
	if o := jpegOrientation(bad[:100]); o != 1 {
		t.Errorf("jpegOrientation of overlong APP1 = %d, want 1", o)
	}
	// LONG instead of SHORT is tolerated, as some tools write it.
	if o := tiffOrientation(tiffBlock(be, ifdEntry{tag: 0x0112, typ: 4, count: 1, value: 6})); o != 6 {
		t.Errorf("LONG orientation = %d, want 6", o)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.png")
	if err := os.WriteFile(good, encodePNG(t, markerImage(24, 16)), 0o644); err != nil {
		t.Fatal(err)
	}
	img, err := Load(good)
	if err != nil {
		t.Fatal(err)
	}
	if img.Path != good || img.Format != "png" || img.Pixels.Bounds().Dx() != 24 {
		t.Errorf("Load = %+v", img)
	}

	// A sparse file is instant to make and must be refused from its size
	// alone, without being read.
	huge := filepath.Join(dir, "video.jpg")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()

	tests := []struct {
		path    string
		want    error
		wantMsg string
	}{
		{huge, ErrTooLarge, huge + ": file is 512 MiB, over the 512 MiB limit"},
		{filepath.Join(dir, "missing.jpg"), fs.ErrNotExist, filepath.Join(dir, "missing.jpg") + ": cannot open the file"},
		{dir, ErrUnsupported, dir + ": is a folder"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			_, err := Load(tt.path)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.wantMsg) {
				t.Errorf("message %q does not start with %q", err, tt.wantMsg)
			}
			if strings.Count(err.Error(), tt.path) != 1 {
				t.Errorf("message %q should name the file exactly once", err)
			}
		})
	}
}

func TestIsImagePath(t *testing.T) {
	tests := map[string]bool{
		"a.jpg": true, "a.JPG": true, "a.jpeg": true, "A.Jpeg": true, "a.png": true,
		"a.gif": true, "a.bmp": true, "a.tif": true, "a.TIFF": true, "a.webp": true,
		"dir.d/a.png": true, "a.heic": true, "a.HEIF": true, "a.pdf": false, "a": false, "jpg": false,
		"a.jpg.txt": false, "a.png/": false, ".png": true,
	}
	for path, want := range tests {
		if got := IsImagePath(path); got != want {
			t.Errorf("IsImagePath(%q) = %v, want %v", path, got, want)
		}
	}
}

// panicFormat is registered only in this test binary: a "decoder" that
// panics, standing in for a bug in a third-party decoder.
func init() {
	image.RegisterFormat("panicky", "PANIC!", func(io.Reader) (image.Image, error) {
		panic("index out of range in some decoder")
	}, func(io.Reader) (image.Config, error) {
		return image.Config{ColorModel: color.NRGBAModel, Width: 4, Height: 4}, nil
	})
}

func TestDecodeRecoversDecoderPanic(t *testing.T) {
	img, err := Decode("bomb.jpg", []byte("PANIC!...."))
	if !errors.Is(err, ErrCorrupt) || img != nil {
		t.Fatalf("Decode = %v, %v; want nil, ErrCorrupt", img, err)
	}
	if !strings.HasPrefix(err.Error(), "bomb.jpg: image is damaged or incomplete (decoder failed: index out of range") {
		t.Errorf("message = %q", err)
	}
}

func TestTIFFOrientationTag(t *testing.T) {
	// A TIFF file is itself the structure EXIF embeds, so its own IFD0
	// orientation is honoured.
	for o := 1; o <= 8; o++ {
		if got := readOrientation("tiff", orientationTIFF(binary.BigEndian, o)); got != o {
			t.Errorf("readOrientation(tiff, %d) = %d", o, got)
		}
	}
	if got := readOrientation("bmp", orientationTIFF(binary.BigEndian, 6)); got != 1 {
		t.Errorf("BMP has no EXIF, got orientation %d", got)
	}
}

// BenchmarkDecodeJPEG12MP decodes a phone-sized photo with an EXIF rotation,
// the common case on the ward.
func BenchmarkDecodeJPEG12MP(b *testing.B) {
	data := spliceAPP1(encodeJPEG(b, markerImage(4000, 3000)), exifAPP1(orientationTIFF(binary.LittleEndian, 6)))
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode("bench.jpg", data); err != nil {
			b.Fatal(err)
		}
	}
}
