package imageio

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"testing"
)

// Colours of the orientation test pattern. They are far apart so that JPEG
// loss cannot confuse them.
var (
	markerRed = color.NRGBA{R: 0xff, A: 0xff}
	bgGrey    = color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
)

// markerImage is a w×h grey image with an 8×8 red block in its top-left
// corner: asymmetric under all 8 orientations once its size is non-square.
func markerImage(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := bgGrey
			if x < 8 && y < 8 {
				c = markerRed
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// byteOrder is what binary.LittleEndian and binary.BigEndian both are.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// ifdEntry is one 12-byte TIFF directory entry whose value fits inline.
type ifdEntry struct {
	tag, typ uint16
	count    uint32
	value    uint32 // SHORT values go in the first two bytes
}

// tiffBlock builds a TIFF structure (as found after "Exif\0\0") with one IFD
// holding entries.
func tiffBlock(bo byteOrder, entries ...ifdEntry) []byte {
	var b []byte
	if bo.String() == binary.LittleEndian.String() {
		b = append(b, 'I', 'I')
	} else {
		b = append(b, 'M', 'M')
	}
	b = bo.AppendUint16(b, 42)
	b = bo.AppendUint32(b, 8)
	b = bo.AppendUint16(b, uint16(len(entries)))
	for _, e := range entries {
		b = bo.AppendUint16(b, e.tag)
		b = bo.AppendUint16(b, e.typ)
		b = bo.AppendUint32(b, e.count)
		if e.typ == 3 {
			b = bo.AppendUint16(b, uint16(e.value))
			b = bo.AppendUint16(b, 0)
		} else {
			b = bo.AppendUint32(b, e.value)
		}
	}
	return bo.AppendUint32(b, 0) // no next IFD
}

func orientationTIFF(bo byteOrder, o int) []byte {
	return tiffBlock(bo, ifdEntry{tag: 0x0112, typ: 3, count: 1, value: uint32(o)})
}

// spliceAPP1 inserts an APP1 segment with payload right after the SOI marker.
func spliceAPP1(jpg, payload []byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	out = append(out, 0xFF, 0xE1)
	out = binary.BigEndian.AppendUint16(out, uint16(len(payload)+2))
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

func exifAPP1(tiff []byte) []byte {
	return append([]byte("Exif\x00\x00"), tiff...)
}

// pngChunk encodes one PNG chunk with a correct CRC.
func pngChunk(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	return binary.BigEndian.AppendUint32(b, crc.Sum32())
}

// insertPNGChunk places chunk right after IHDR (signature 8 + IHDR 25 bytes).
func insertPNGChunk(p, chunk []byte) []byte {
	const afterIHDR = 8 + 25
	out := append([]byte{}, p[:afterIHDR]...)
	out = append(out, chunk...)
	return append(out, p[afterIHDR:]...)
}

// pngHeaderOnly is a PNG signature and IHDR claiming w×h (8-bit RGBA) and
// nothing else: enough for DecodeConfig, fatal for a decoder that trusted it.
func pngHeaderOnly(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // depth, colour type RGBA, compression, filter, interlace
	return append(append([]byte{}, pngSignature...), pngChunk("IHDR", ihdr)...)
}

// webpVP8X wraps a simple (VP8 or VP8L) WebP in an extended file with the
// given canvas size and optional EXIF chunk.
func webpVP8X(t testing.TB, simple []byte, w, h int, exif []byte) []byte {
	t.Helper()
	if string(simple[:4]) != "RIFF" || string(simple[8:12]) != "WEBP" {
		t.Fatal("not a simple WebP")
	}
	var flags byte
	if exif != nil {
		flags |= 0x08
	}
	body := []byte("WEBP")
	x := []byte{flags, 0, 0, 0}
	x = append(x, byte(w-1), byte((w-1)>>8), byte((w-1)>>16))
	x = append(x, byte(h-1), byte((h-1)>>8), byte((h-1)>>16))
	body = appendRIFFChunk(body, "VP8X", x)
	body = append(body, simple[12:]...) // the VP8/VP8L chunk, already padded
	if exif != nil {
		body = appendRIFFChunk(body, "EXIF", exif)
	}
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	return append(out, body...)
}

func appendRIFFChunk(b []byte, id string, data []byte) []byte {
	b = append(b, id...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	if len(data)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// near reports whether two colours are within tol on every channel.
func near(a, b color.NRGBA, tol int) bool {
	d := func(x, y uint8) bool { return abs(int(x)-int(y)) <= tol }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B) && d(a.A, b.A)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
