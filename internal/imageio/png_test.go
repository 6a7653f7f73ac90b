package imageio

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"testing"
)

// pngSpec describes a PNG built by hand, so that tests can choose every
// row's filter and break the file in ways encoders never do.
type pngSpec struct {
	w, h      int
	colour    byte // 2 RGB, 6 RGBA, ...
	depth     byte // 8 unless set
	interlace byte
	raw       []byte   // the filtered rows (filter byte, then the row), before zlib
	tail      []byte   // appended to the zlib stream, after its checksum
	idatSize  int      // IDAT chunks of at most this many bytes (0: one chunk)
	before    [][]byte // chunks between IHDR and the first IDAT
	between   [][]byte // chunks between the first IDAT and the rest
	after     [][]byte // chunks between the last IDAT and IEND
	noIEND    bool
	dict      bool // set zlib's preset-dictionary flag
	badAdler  bool
}

func (s pngSpec) build(t testing.TB) []byte {
	t.Helper()
	depth := s.depth
	if depth == 0 {
		depth = 8
	}
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(s.w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(s.h))
	ihdr = append(ihdr, depth, s.colour, 0, 0, s.interlace)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	if _, err := zw.Write(s.raw); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	stream := z.Bytes()
	if s.dict {
		// FLG with FDICT set and FCHECK fixed so the header is still valid.
		flg := stream[1]&0xc0 | 0x20
		stream[1] = flg | byte((31-(uint(stream[0])<<8|uint(flg))%31)%31)
	}
	if s.badAdler {
		stream[len(stream)-1] ^= 1
	}
	stream = append(stream, s.tail...)
	out := append([]byte{}, pngSignature...)
	out = append(out, pngChunk("IHDR", ihdr)...)
	for _, c := range s.before {
		out = append(out, c...)
	}
	size := s.idatSize
	if size <= 0 {
		size = len(stream)
	}
	for i := 0; i < len(stream) || i == 0; i += size {
		out = append(out, pngChunk("IDAT", stream[i:min(i+size, len(stream))])...)
		if i == 0 {
			for _, c := range s.between {
				out = append(out, c...)
			}
		}
	}
	for _, c := range s.after {
		out = append(out, c...)
	}
	if !s.noIEND {
		out = append(out, pngChunk("IEND", nil)...)
	}
	return out
}

// randomRows is h rows of bpp·w random bytes, each after a filter byte
// from filters in turn. Any bytes are valid filtered data.
func randomRows(seed uint64, w, h, bpp int, filters ...byte) []byte {
	rng := rand.New(rand.NewPCG(seed, 2))
	var raw []byte
	for y := range h {
		raw = append(raw, filters[y%len(filters)])
		for range bpp * w {
			raw = append(raw, uint8(rng.Uint32()))
		}
	}
	return raw
}

// sameAsStdlib fails unless decodePNG decodes data and image/png returns
// the same image for it.
func sameAsStdlib(t *testing.T, data []byte) {
	t.Helper()
	got, ok := decodePNG(data)
	if !ok {
		t.Fatal("decodePNG left a plain PNG to image/png")
	}
	want, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("image/png fails where decodePNG did not: %v", err)
	}
	if !samePixels(got, want) {
		t.Fatalf("got %T %v, want the %T image/png returns, pixel for pixel", got, got.Bounds(), want)
	}
}

func TestDecodePNGMatchesStdlib(t *testing.T) {
	all := []byte{0, 1, 2, 3, 4}
	opaque := image.NewNRGBA(image.Rect(0, 0, 97, 70))
	noise(opaque.Pix, 11, opaqueAlpha)
	translucent := image.NewNRGBA(image.Rect(0, 0, 97, 70))
	noise(translucent.Pix, 12, someClear)
	big := image.NewNRGBA(image.Rect(0, 0, 300, 200)) // several IDAT chunks from image/png
	noise(big.Pix, 13, opaqueAlpha)
	tEXt := pngChunk("tEXt", []byte("Comment\x00synthetic"))

	type pngCase struct {
		name string
		data []byte
	}
	tests := []pngCase{
		{"encoded RGB", encodePNG(t, opaque)},
		{"encoded RGBA", encodePNG(t, translucent)},
		{"encoded RGB, many IDATs", encodePNG(t, big)},
		{"encoded 1x1", encodePNG(t, markerImage(1, 1))},
		{"encoded with eXIf", insertPNGChunk(encodePNG(t, markerImage(8, 4)), pngChunk("eXIf", orientationTIFF(binary.BigEndian, 6)))},
	}
	for _, colour := range []struct {
		name   string
		colour byte
		bpp    int
	}{{"RGB", 2, 3}, {"RGBA", 6, 4}} {
		for _, f := range []struct {
			name    string
			filters []byte
		}{{"none", []byte{0}}, {"sub", []byte{1}}, {"up", []byte{2}}, {"average", []byte{3}}, {"paeth", []byte{4}}, {"mixed", all}} {
			for _, size := range []struct{ w, h int }{{1, 1}, {1, 9}, {5, 3}, {33, 70}} {
				spec := pngSpec{w: size.w, h: size.h, colour: colour.colour, raw: randomRows(uint64(size.w*size.h), size.w, size.h, colour.bpp, f.filters...)}
				tests = append(tests, pngCase{fmt.Sprintf("%s %s %dx%d", colour.name, f.name, size.w, size.h), spec.build(t)})
			}
		}
		raw := randomRows(3, 40, 50, colour.bpp, all...)
		spec := pngSpec{w: 40, h: 50, colour: colour.colour, raw: raw}
		tiny, ancillary, emptyFirst := spec, spec, spec
		tiny.idatSize = 7
		ancillary.before, ancillary.after = [][]byte{tEXt}, [][]byte{tEXt}
		emptyFirst.before = [][]byte{pngChunk("IDAT", nil)}
		tests = append(tests,
			pngCase{colour.name + " tiny IDATs", tiny.build(t)},
			pngCase{colour.name + " ancillary chunks", ancillary.build(t)},
			pngCase{colour.name + " empty IDAT first", emptyFirst.build(t)},
		)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { sameAsStdlib(t, tt.data) })
	}
}

// TestDecodePNGLeavesToStdlib checks that every PNG decodePNG does not
// handle, damaged or merely different, goes to image/png, so Decode's
// result and error for it are as they were.
func TestDecodePNGLeavesToStdlib(t *testing.T) {
	rgb := func(w, h int) []byte { return randomRows(5, w, h, 3, 0, 1, 2, 3, 4) }
	good := pngSpec{w: 20, h: 10, colour: 2, raw: rgb(20, 10)}
	with := func(f func(*pngSpec)) []byte {
		s := good
		f(&s)
		return s.build(t)
	}
	tEXt := pngChunk("tEXt", []byte("Comment\x00synthetic"))
	badFilter := rgb(20, 10)
	badFilter[5*(1+3*20)] = 5
	badCRC := good.build(t)
	badCRC[len(badCRC)-12-5] ^= 1 // last byte of the IDAT data
	gray := image.NewGray(image.Rect(0, 0, 6, 4))
	gray16 := image.NewGray16(image.Rect(0, 0, 6, 4))
	nrgba64 := image.NewNRGBA64(image.Rect(0, 0, 6, 4))

	tests := []struct {
		name  string
		data  []byte
		valid bool // image/png decodes it
	}{
		{"bad filter type", with(func(s *pngSpec) { s.raw = badFilter }), false},
		{"a row short", with(func(s *pngSpec) { s.raw = s.raw[:len(s.raw)-1] }), false},
		{"a row too many", with(func(s *pngSpec) { s.raw = append(s.raw, rgb(20, 1)...) }), false},
		{"bad IDAT CRC", badCRC, false},
		{"bad Adler-32", with(func(s *pngSpec) { s.badAdler = true }), false},
		{"data after the zlib stream", with(func(s *pngSpec) { s.tail = []byte{0, 0} }), true}, // image/png's read-ahead swallows it
		{"preset dictionary", with(func(s *pngSpec) { s.dict = true }), false},
		{"no IEND", with(func(s *pngSpec) { s.noIEND = true }), false},
		{"IDATs split by another chunk", with(func(s *pngSpec) { s.idatSize = 50; s.between = [][]byte{tEXt} }), false},
		{"chunk before IHDR", append(append(append([]byte{}, pngSignature...), tEXt...), good.build(t)[8:]...), true},
		{"tRNS", with(func(s *pngSpec) { s.before = [][]byte{pngChunk("tRNS", []byte{0, 1, 0, 2, 0, 3})} }), true},
		{"PLTE", with(func(s *pngSpec) { s.before = [][]byte{pngChunk("PLTE", []byte{1, 2, 3})} }), true},
		{"interlaced", with(func(s *pngSpec) { s.interlace = 1 }), false},
		{"16-bit", encodePNG(t, nrgba64), true},
		{"grey", encodePNG(t, gray), true},
		{"grey 16-bit", encodePNG(t, gray16), true},
		{"paletted", with(func(s *pngSpec) {
			s.colour = 3
			s.before = [][]byte{pngChunk("PLTE", []byte{1, 2, 3})}
			s.raw = make([]byte, 10*21)
		}), true},
		{"header only", pngHeaderOnly(20, 10), false},
		{"not a PNG", encodeJPEG(t, markerImage(8, 8)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := decodePNG(tt.data); ok {
				t.Fatal("decodePNG took it")
			}
			if _, _, err := image.Decode(bytes.NewReader(tt.data)); (err == nil) != tt.valid {
				t.Errorf("image.Decode error %v, want valid = %v (the case is not what it says)", err, tt.valid)
			}
		})
	}
}

// FuzzDecodePNGRows wraps fuzzed filtered rows in an otherwise valid PNG, so
// the fuzzer reaches the unfiltering, which CRCs keep FuzzDecodePNG from.
func FuzzDecodePNGRows(f *testing.F) {
	f.Add(uint8(5), uint8(4), false, randomRows(1, 5, 4, 3, 0, 1, 2, 3, 4))
	f.Add(uint8(3), uint8(6), true, randomRows(2, 3, 6, 4, 4, 3, 2, 1, 0))
	f.Fuzz(func(t *testing.T, w, h uint8, alpha bool, raw []byte) {
		if w == 0 || h == 0 {
			return
		}
		colour := byte(2)
		if alpha {
			colour = 6
		}
		data := pngSpec{w: int(w), h: int(h), colour: colour, raw: raw}.build(t)
		got, ok := decodePNG(data)
		want, err := png.Decode(bytes.NewReader(data))
		if !ok {
			if err == nil && len(raw) == int(h)*(1+int(w)*(3+int(colour)/6)) {
				t.Fatal("decodePNG left a plain PNG to image/png")
			}
			return
		}
		if err != nil {
			t.Fatalf("decodePNG decoded what image/png rejects: %v", err)
		}
		if !samePixels(got, want) {
			t.Fatal("pixels differ from image/png's")
		}
	})
}

// samePixels reports whether a and b are both RGBA or both NRGBA with the
// same bounds and bytes.
func samePixels(a, b image.Image) bool {
	switch a := a.(type) {
	case *image.RGBA:
		b, ok := b.(*image.RGBA)
		return ok && a.Rect == b.Rect && a.Stride == b.Stride && bytes.Equal(a.Pix, b.Pix)
	case *image.NRGBA:
		b, ok := b.(*image.NRGBA)
		return ok && a.Rect == b.Rect && a.Stride == b.Stride && bytes.Equal(a.Pix, b.Pix)
	}
	return false
}

func FuzzDecodePNG(f *testing.F) {
	f.Add(encodePNG(f, markerImage(8, 4)))
	translucent := image.NewNRGBA(image.Rect(0, 0, 9, 7))
	noise(translucent.Pix, 14, someClear)
	f.Add(encodePNG(f, translucent))
	f.Add(pngSpec{w: 6, h: 5, colour: 2, raw: randomRows(1, 6, 5, 3, 0, 1, 2, 3, 4), idatSize: 9}.build(f))
	f.Add(pngSpec{w: 6, h: 5, colour: 6, raw: randomRows(2, 6, 5, 4, 4, 3, 2, 1, 0)}.build(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		if cfg, err := png.DecodeConfig(bytes.NewReader(data)); err == nil && cfg.Width*cfg.Height > 1<<20 {
			return // as FuzzDecode: not hundreds of megabytes per run
		}
		got, ok := decodePNG(data)
		if !ok {
			return
		}
		want, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("decodePNG decoded what image/png rejects: %v", err)
		}
		if !samePixels(got, want) {
			t.Fatalf("got %T, want the %T image/png returns, pixel for pixel", got, want)
		}
	})
}
