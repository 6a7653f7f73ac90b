package imageio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"image"
	"image/color"
	"image/draw"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/disintegration/imaging"
	"github.com/gen2brain/heic"
)

var updateHEIC = flag.Bool("update-heic", false, "regenerate the HEIC fixtures in testdata (needs heif-enc from libheif-examples)")

// Quadrant colours of the HEIC fixtures: far apart, so lossy HEVC cannot
// confuse them.
var (
	quadTL = color.NRGBA{0xff, 0, 0, 0xff}
	quadTR = color.NRGBA{0, 0xff, 0, 0xff}
	quadBL = color.NRGBA{0, 0, 0xff, 0xff}
	quadBR = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// quadImage is w×h with red, lime, blue and white quadrants (top left,
// top right, bottom left, bottom right).
func quadImage(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for _, q := range []struct {
		r image.Rectangle
		c color.NRGBA
	}{
		{image.Rect(0, 0, w/2, h/2), quadTL}, {image.Rect(w/2, 0, w, h/2), quadTR},
		{image.Rect(0, h/2, w/2, h), quadBL}, {image.Rect(w/2, h/2, w, h), quadBR},
	} {
		draw.Draw(img, q.r, image.NewUniform(q.c), image.Point{}, draw.Src)
	}
	return img
}

// TestHEICFixtures regenerates the committed fixtures with -update-heic:
//
//	quad.heic        512×384 quadrants, no orientation
//	quad_irot.heic   the quadrants stored turned a quarter anticlockwise
//	                 (384×512) with irot = 3 (three quarter turns
//	                 anticlockwise), as an iPhone held upright writes
//	quad_exif6.heic  the same stored pixels with EXIF orientation 6 and no
//	                 irot, as some converters write
//
// heif-enc (libheif 1.15) writes no irot, so quad_irot.heic is made by
// adding the property with withTransforms. All content is synthetic.
func TestHEICFixtures(t *testing.T) {
	if !*updateHEIC {
		t.Skip("run with -update-heic to regenerate")
	}
	enc, err := exec.LookPath("heif-enc")
	if err != nil {
		t.Fatal("heif-enc not found: apt-get install libheif-examples")
	}
	dir := t.TempDir()
	run := func(in []byte, name, out string) []byte {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, in, 0o600); err != nil {
			t.Fatal(err)
		}
		o := filepath.Join(dir, out)
		if b, err := exec.Command(enc, "-q", "90", "-o", o, p).CombinedOutput(); err != nil {
			t.Fatalf("heif-enc: %v\n%s", err, b)
		}
		b, err := os.ReadFile(o)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	plain := run(encodePNG(t, quadImage(512, 384)), "quad.png", "quad.heic")
	stored := imaging.Rotate90(quadImage(512, 384)) // a quarter turn anticlockwise
	turned := run(encodePNG(t, stored), "stored.png", "stored.heic")
	exif6 := run(spliceAPP1(encodeJPEG(t, stored), exifAPP1(orientationTIFF(binary.BigEndian, 6))), "stored.jpg", "exif6.heic")
	irot, err := withTransforms(turned, heifTransform{Rot: 3})
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"quad.heic": plain, "quad_irot.heic": irot, "quad_exif6.heic": exif6} {
		if err := os.WriteFile(filepath.Join("testdata", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkQuad fails unless img shows the quadrant pattern upright at w×h.
func checkQuad(t *testing.T, img *image.NRGBA, w, h int) {
	t.Helper()
	if got := img.Bounds(); got != image.Rect(0, 0, w, h) {
		t.Fatalf("bounds %v, want %dx%d", got, w, h)
	}
	for _, p := range []struct {
		at   image.Point
		want color.NRGBA
	}{
		{image.Pt(w/4, h/4), quadTL}, {image.Pt(3*w/4, h/4), quadTR},
		{image.Pt(w/4, 3*h/4), quadBL}, {image.Pt(3*w/4, 3*h/4), quadBR},
	} {
		if got := img.NRGBAAt(p.at.X, p.at.Y); !near(got, p.want, 48) {
			t.Errorf("pixel at %v = %v, want %v", p.at, got, p.want)
		}
	}
}

func TestDecodeHEIC(t *testing.T) {
	t.Logf("libheif loaded: %v (nil means the fast path)", heic.Dynamic())
	tests := []struct {
		file        string
		orientation int
	}{
		{"quad.heic", 1},
		{"quad_irot.heic", 6},  // irot 3 = a quarter turn clockwise = EXIF 6
		{"quad_exif6.heic", 6}, // EXIF alone
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			img, err := Decode(tt.file, readFixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if img.Format != "heic" || img.Orientation != tt.orientation || img.Frames != 1 {
				t.Errorf("Format, Orientation, Frames = %q, %d, %d; want heic, %d, 1", img.Format, img.Orientation, img.Frames, tt.orientation)
			}
			checkQuad(t, img.Pixels, 512, 384)
		})
	}
}

// TestHEICTransforms adds every irot/imir combination to the plain fixture
// and checks that what libheif shows matches the EXIF orientation SafePost
// reports for it: the same pattern as applying that orientation to the
// stored pixels.
func TestHEICTransforms(t *testing.T) {
	plain := readFixture(t, "quad.heic")
	base, err := Decode("quad.heic", plain)
	if err != nil {
		t.Fatal(err)
	}
	var combos [][]heifTransform
	for rot := 0; rot < 4; rot++ {
		combos = append(combos, []heifTransform{{Rot: rot}})
		for axis := 0; axis < 2; axis++ {
			combos = append(combos,
				[]heifTransform{{Rot: rot}, {Mirror: true, Axis: axis}},
				[]heifTransform{{Mirror: true, Axis: axis}, {Rot: rot}})
		}
	}
	seen := map[int]bool{}
	for _, ts := range combos {
		data, err := withTransforms(plain, ts...)
		if err != nil {
			t.Fatal(err)
		}
		img, err := Decode("t.heic", data)
		if err != nil {
			t.Fatalf("%+v: %v", ts, err)
		}
		seen[img.Orientation] = true
		want := applyOrientation(base.Pixels, img.Orientation)
		if img.Pixels.Bounds() != want.Bounds() {
			t.Errorf("%+v: orientation %d: bounds %v, want %v", ts, img.Orientation, img.Pixels.Bounds(), want.Bounds())
			continue
		}
		b := want.Bounds()
		for _, p := range []image.Point{{b.Dx() / 4, b.Dy() / 4}, {3 * b.Dx() / 4, b.Dy() / 4}, {b.Dx() / 4, 3 * b.Dy() / 4}} {
			if got, w := img.Pixels.NRGBAAt(p.X, p.Y), want.NRGBAAt(p.X, p.Y); !near(got, w, 48) {
				t.Errorf("%+v: orientation %d: pixel %v = %v, want %v", ts, img.Orientation, p, got, w)
			}
		}
	}
	if len(seen) != 8 {
		t.Errorf("the combinations gave orientations %v, want all 8", seen)
	}
}

func TestHEICSizeGuard(t *testing.T) {
	data := withSize(t, readFixture(t, "quad.heic"), 20000, 20000)
	_, err := Decode("huge.heic", data)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge before decoding", err)
	}
	h, err := parseHEIF(data)
	if err != nil || h.Width != 20000 {
		t.Fatalf("parseHEIF = %+v, %v", h, err)
	}
}

func TestHEICDamaged(t *testing.T) {
	plain := readFixture(t, "quad.heic")
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"ftyp only", plain[:32]},
		{"half", plain[:len(plain)/2]},
		{"no mdat", plain[:len(plain)-200]},
	} {
		t.Run(tt.name, func(t *testing.T) {
			img, err := Decode(tt.name+".heic", tt.data)
			if err == nil {
				t.Fatalf("decoded a damaged file: %v", img.Pixels.Bounds())
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("err = %v, want ErrCorrupt", err)
			}
		})
	}
}

func TestIsHEIC(t *testing.T) {
	ftyp := func(major string, compat ...string) []byte {
		b := []byte{0, 0, 0, 0}
		b = append(b, "ftyp"+major+"\x00\x00\x00\x00"...)
		for _, c := range compat {
			b = append(b, c...)
		}
		binary.BigEndian.PutUint32(b, uint32(len(b)))
		return append(b, make([]byte, 8)...)
	}
	for _, tt := range []struct {
		data []byte
		want bool
	}{
		{ftyp("heic", "mif1", "heic"), true},
		{ftyp("mif1", "heix"), true},
		{ftyp("mif1", "miaf"), true},
		{ftyp("avif", "mif1", "avif"), false},
		{ftyp("mif1", "avif"), false},
		{ftyp("isom", "mp41"), false}, // a video
		{[]byte("RIFF\x00\x00\x00\x00WEBPVP8 "), false},
	} {
		if got := isHEIC(tt.data); got != tt.want {
			t.Errorf("isHEIC(%q) = %v", tt.data[:16], got)
		}
	}
}

func BenchmarkDecodeHEIC12MP(b *testing.B) {
	p := filepath.Join(os.TempDir(), "safepost-bench-12mp.heic")
	data, err := os.ReadFile(p)
	if err != nil {
		b.Skipf("no %s (make one with heif-enc from a 4000x3000 photo)", p)
	}
	b.Logf("libheif loaded: %v", heic.Dynamic())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode("12mp.heic", data); err != nil {
			b.Fatal(err)
		}
	}
}

// --- Editing HEIF boxes, for fixtures and fuzz seeds ---

// withTransforms returns a copy of a HEIF file whose primary image also
// has the given irot/imir properties, in that order: the boxes are added
// to ipco, associated (as essential) in ipma, the enclosing sizes grown,
// and iloc's file offsets moved past the longer meta box.
func withTransforms(data []byte, ts ...heifTransform) ([]byte, error) {
	return editMeta(data, func(meta []box, primary uint64) ([]box, error) {
		iprpI := boxIndex(meta, "iprp")
		if iprpI < 0 {
			return nil, errHEIF
		}
		ip := boxes(meta[iprpI].body)
		ci, mi := boxIndex(ip, "ipco"), boxIndex(ip, "ipma")
		if ci < 0 || mi < 0 {
			return nil, errHEIF
		}
		props := boxes(ip[ci].body)
		var idx []int
		for _, t := range ts {
			if t.Mirror {
				props = append(props, box{"imir", []byte{byte(t.Axis)}})
			} else {
				props = append(props, box{"irot", []byte{byte(t.Rot)}})
			}
			idx = append(idx, len(props))
		}
		ip[ci].body = joinBoxes(props)
		ipma, err := addAssociations(ip[mi].body, primary, idx)
		if err != nil {
			return nil, err
		}
		ip[mi].body = ipma
		meta[iprpI].body = joinBoxes(ip)
		return meta, nil
	})
}

// withSize returns a copy of a HEIF file whose primary image's ispe claims
// w×h (the coded data is untouched).
func withSize(t testing.TB, data []byte, w, h uint32) []byte {
	t.Helper()
	out, err := editMeta(data, func(meta []box, primary uint64) ([]box, error) {
		iprpI := boxIndex(meta, "iprp")
		ip := boxes(meta[iprpI].body)
		ci, mi := boxIndex(ip, "ipco"), boxIndex(ip, "ipma")
		props := boxes(ip[ci].body)
		for _, i := range associations(ip[mi].body, primary) {
			if props[i-1].typ == "ispe" {
				b := append([]byte{}, props[i-1].body[:4]...)
				b = binary.BigEndian.AppendUint32(b, w)
				props[i-1].body = binary.BigEndian.AppendUint32(b, h)
			}
		}
		ip[ci].body = joinBoxes(props)
		meta[iprpI].body = joinBoxes(ip)
		return meta, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// editMeta rewrites the children of the top-level meta box with edit and
// moves iloc's file offsets by however much meta grew.
func editMeta(data []byte, edit func(meta []box, primary uint64) ([]box, error)) ([]byte, error) {
	top := boxes(data)
	mi := boxIndex(top, "meta")
	if mi < 0 {
		return nil, errHEIF
	}
	for _, b := range top[:mi] {
		if b.typ == "mdat" {
			return nil, errors.New("mdat before meta is not supported")
		}
	}
	fullHdr := top[mi].body[:4]
	children := boxes(top[mi].body[4:])
	pitm, ok := find(children, "pitm")
	if !ok {
		return nil, errHEIF
	}
	primary := uint64(binary.BigEndian.Uint16(pitm.body[4:]))
	oldLen := len(top[mi].body)
	children, err := edit(children, primary)
	if err != nil {
		return nil, err
	}
	newLen := 4 + len(joinBoxes(children))
	delta := uint64(newLen - oldLen)
	if li := boxIndex(children, "iloc"); li >= 0 {
		children[li].body, err = shiftIloc(children[li].body, delta)
		if err != nil {
			return nil, err
		}
	}
	top[mi].body = append(append([]byte{}, fullHdr...), joinBoxes(children)...)
	return joinBoxes(top), nil
}

// shiftIloc adds delta to every file offset (construction method 0) in an
// iloc box body.
func shiftIloc(body []byte, delta uint64) ([]byte, error) {
	out := append([]byte{}, body...)
	version := int(out[0])
	offSize, lenSize, baseSize := int(out[4]>>4), int(out[4]&15), int(out[5]>>4)
	idxSize := 0
	if version == 1 || version == 2 {
		idxSize = int(out[5] & 15)
	}
	p := 6
	rd := func(n int) uint64 {
		var v uint64
		for _, c := range out[p : p+n] {
			v = v<<8 | uint64(c)
		}
		p += n
		return v
	}
	wr := func(at, n int, v uint64) {
		for i := n - 1; i >= 0; i-- {
			out[at+i] = byte(v)
			v >>= 8
		}
	}
	count := int(rd(2))
	if version == 2 {
		p -= 2
		count = int(rd(4))
	}
	for e := 0; e < count; e++ {
		if version < 2 {
			rd(2)
		} else {
			rd(4)
		}
		method := 0
		if version == 1 || version == 2 {
			method = int(rd(2) & 15)
		}
		rd(2)
		baseAt := p
		base := rd(baseSize)
		extents := int(rd(2))
		if method == 0 && baseSize > 0 && base > 0 {
			wr(baseAt, baseSize, base+delta)
		}
		for k := 0; k < extents; k++ {
			rd(idxSize)
			offAt := p
			off := rd(offSize)
			rd(lenSize)
			if method == 0 && (baseSize == 0 || base == 0) {
				if offSize == 0 {
					return nil, errors.New("iloc without offsets")
				}
				wr(offAt, offSize, off+delta)
			}
		}
	}
	return out, nil
}

func addAssociations(body []byte, item uint64, idx []int) ([]byte, error) {
	version, flags := body[0], body[3]
	r := &reader{b: body[4:]}
	count := r.u32()
	out := append([]byte{}, body[:8]...)
	found := false
	for e := uint64(0); e < count; e++ {
		var id uint64
		if version < 1 {
			id = uint64(r.u16())
			out = binary.BigEndian.AppendUint16(out, uint16(id))
		} else {
			id = r.u32()
			out = binary.BigEndian.AppendUint32(out, uint32(id))
		}
		n := r.u8()
		size := 1
		if flags&1 != 0 {
			size = 2
		}
		assoc := r.bytes(n * size)
		extra := 0
		if id == item {
			found = true
			extra = len(idx)
		}
		out = append(out, byte(n+extra))
		out = append(out, assoc...)
		if id == item {
			for _, i := range idx {
				if size == 1 {
					out = append(out, 0x80|byte(i))
				} else {
					out = binary.BigEndian.AppendUint16(out, 0x8000|uint16(i))
				}
			}
		}
	}
	if r.bad || !found {
		return nil, errHEIF
	}
	return out, nil
}

func boxIndex(bs []box, typ string) int {
	for i, b := range bs {
		if b.typ == typ {
			return i
		}
	}
	return -1
}

func joinBoxes(bs []box) []byte {
	var out bytes.Buffer
	for _, b := range bs {
		var hdr [8]byte
		binary.BigEndian.PutUint32(hdr[:], uint32(8+len(b.body)))
		copy(hdr[4:], b.typ)
		out.Write(hdr[:])
		out.Write(b.body)
	}
	return out.Bytes()
}
