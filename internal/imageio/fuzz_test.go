package imageio

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/gif"
	"testing"
)

// fuzzSeeds are small valid files of every format plus EXIF variants, so the
// fuzzer starts from structures the decoders accept.
func fuzzSeeds(t testing.TB) [][]byte {
	jpg := encodeJPEG(t, markerImage(16, 8))
	var g bytes.Buffer
	pal := image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.Black, color.RGBA{R: 0xff, A: 0xff}})
	if err := gif.EncodeAll(&g, &gif.GIF{Image: []*image.Paletted{pal, pal}, Delay: []int{1, 1}}); err != nil {
		t.Fatal(err)
	}
	heicPlain := readFixture(t, "quad.heic")
	heicMirror, err := withTransforms(heicPlain, heifTransform{Mirror: true, Axis: 1}, heifTransform{Rot: 1})
	if err != nil {
		t.Fatal(err)
	}
	return [][]byte{
		heicPlain,
		readFixture(t, "quad_irot.heic"),
		readFixture(t, "quad_exif6.heic"),
		readFixture(t, "quad_exif6.webp"),
		heicMirror,
		jpg,
		spliceAPP1(jpg, exifAPP1(orientationTIFF(binary.LittleEndian, 6))),
		spliceAPP1(jpg, exifAPP1(orientationTIFF(binary.BigEndian, 7))),
		encodePNG(t, markerImage(8, 4)),
		insertPNGChunk(encodePNG(t, markerImage(8, 4)), pngChunk("eXIf", orientationTIFF(binary.BigEndian, 8))),
		pngHeaderOnly(20000, 20000),
		g.Bytes(),
		readFixture(t, "cmyk.jpg"),
		readFixture(t, "quad.webp"),
		readFixture(t, "quad_lossy.webp"),
		webpVP8X(t, readFixture(t, "quad.webp"), 16, 16, orientationTIFF(binary.LittleEndian, 5)),
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Our own parsers are called directly, outside Decode's recover, so
		// a panic in them fails the fuzzer instead of being hidden.
		if o := readOrientation("jpeg", data); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
		if n := gifFrameCount(data); n < 1 {
			t.Fatalf("gifFrameCount = %d", n)
		}
		webpBitstreamSize(data)
		isHEIC(data)
		if h, err := parseHEIF(data); err == nil {
			if o := h.orientation(); o < 1 || o > 8 {
				t.Fatalf("HEIF orientation %d", o)
			}
			if h.Exif != nil {
				tiffOrientation(h.Exif)
			}
		}

		// Like image/png's fuzz test, skip inputs that would make the
		// fuzzer allocate hundreds of megabytes per run: the size guard
		// itself is covered by the unit tests.
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil && cfg.Width*cfg.Height > 1<<20 {
			return
		}
		if w, h, ok := webpBitstreamSize(data); ok && w*h > 1<<20 {
			return
		}
		if h, err := parseHEIF(data); err == nil && isHEIC(data) && h.Width*h.Height > 1<<20 {
			return
		}
		img, err := Decode("fuzz", data)
		if err != nil {
			if img != nil {
				t.Fatal("image returned with an error")
			}
			return
		}
		if img == nil || img.Pixels == nil || img.Pixels.Bounds().Empty() {
			t.Fatalf("nil error but no pixels: %+v", img)
		}
		if img.Pixels.Bounds().Min != (image.Point{}) {
			t.Fatalf("origin %v, want 0,0", img.Pixels.Bounds().Min)
		}
		if img.Orientation < 1 || img.Orientation > 8 || img.Frames < 1 {
			t.Fatalf("Orientation %d, Frames %d", img.Orientation, img.Frames)
		}
	})
}

func FuzzOrientation(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	for o := 1; o <= 8; o++ {
		f.Add(orientationTIFF(binary.LittleEndian, o))
		f.Add(exifAPP1(orientationTIFF(binary.BigEndian, o)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []string{"jpeg", "png", "webp", "tiff", "gif"} {
			if o := readOrientation(format, data); o < 1 || o > 8 {
				t.Fatalf("readOrientation(%s) = %d", format, o)
			}
		}
		// The same bytes as the body of an EXIF segment and an eXIf chunk,
		// so the TIFF parser sees fuzzed input directly too.
		jpg := spliceAPP1([]byte{0xFF, 0xD8, 0xFF, 0xD9}, exifAPP1(data))
		if len(data) < 0xfff0 {
			if o := jpegOrientation(jpg); o < 1 || o > 8 {
				t.Fatalf("jpegOrientation = %d", o)
			}
		}
		if o := tiffOrientation(data); o < 1 || o > 8 {
			t.Fatalf("tiffOrientation = %d", o)
		}
	})
}
