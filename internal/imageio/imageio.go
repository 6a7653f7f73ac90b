// Package imageio turns photo files into upright NRGBA pixels for the rest of
// SafePost: it decodes the formats SafePost accepts, applies the EXIF
// orientation, refuses images too large to handle before decoding them, and
// describes every failure in one line that names the file.
package imageio

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"io"
	"io/fs"
	"os"
	"strings"

	// Decoders are registered for image.DecodeConfig and image.Decode. Only
	// the formats listed in ErrUnsupported's message are registered, so
	// anything else is reported as unsupported rather than half-read.
	_ "image/jpeg"
	_ "image/png"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"
)

// MaxPixels is the largest image (width × height) SafePost will decode. A
// 100 MP NRGBA buffer is already 400 MB; beyond that a crafted header could
// exhaust memory on a trust laptop.
const MaxPixels = 100_000_000

// MaxFileSize is the largest file Load will read. No real photo within
// MaxPixels is near it; it stops a stray video or disk image from being read
// into memory whole.
const MaxFileSize = 512 << 20

// Sentinel errors. Every error from Load and Decode wraps exactly one of these
// (or an fs error for files that cannot be opened), so callers can choose a
// state with errors.Is while showing Error() to the user.
var (
	ErrEmpty       = errors.New("file is empty")
	ErrTooLarge    = errors.New("image is too large")
	ErrUnsupported = errors.New("not an image SafePost can read (JPEG, PNG, GIF, BMP, TIFF, WebP, HEIC)")
	ErrCorrupt     = errors.New("image is damaged or incomplete")
)

// Error is the error returned by Load, Decode and Walk. Its message is one
// line: the file name, what is wrong and what to do about it.
type Error struct {
	Name   string // file name as given
	Kind   error  // one of the sentinel errors, or nil for I/O failures
	Detail string // replaces Kind's text when more specific (e.g. the size)
	Cause  error  // underlying decoder or I/O error, if any
	Hint   string // what the user can do
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Name)
	b.WriteString(": ")
	switch {
	case e.Detail != "":
		b.WriteString(e.Detail)
	case e.Kind != nil:
		b.WriteString(e.Kind.Error())
	}
	if e.Cause != nil {
		b.WriteString(" (")
		b.WriteString(oneLine(e.Cause.Error()))
		b.WriteString(")")
	}
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Unwrap exposes both the kind and the cause so errors.Is works for either
// (ErrCorrupt and io.ErrUnexpectedEOF, say, or fs.ErrNotExist).
func (e *Error) Unwrap() []error {
	var errs []error
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	if e.Cause != nil {
		errs = append(errs, e.Cause)
	}
	return errs
}

// oneLine keeps third-party messages from breaking the one-line promise.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const maxLen = 200
	if len(s) > maxLen {
		s = s[:maxLen] + "…"
	}
	return s
}

const (
	hintEmpty       = "copy or export the photo again"
	hintTooLarge    = "crop or resize the photo and try again"
	hintUnsupported = "save it as JPEG or PNG and try again"
	hintCorrupt     = "copy or export the photo again"
)

// Image is a decoded photo, upright and ready for OCR and redaction.
type Image struct {
	Path        string       // as given (for messages)
	Format      string       // "jpeg", "png", "gif", "bmp", "tiff", "webp", "heic"
	Pixels      *image.NRGBA // upright (EXIF orientation applied), origin (0,0), opaque
	Orientation int          // EXIF orientation read (1 if none)
	Frames      int          // >1 for animated GIF (only the first frame is used)
}

// Load reads the file at path and decodes it. Files larger than MaxFileSize
// are refused before any of them is read, and anything that is not a regular
// file (a folder, a pipe) is refused before it is opened, because opening a
// FIFO would block.
func Load(path string) (*Image, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, ioError(path, "cannot open the file", err)
	}
	if fi.IsDir() {
		return nil, &Error{Name: path, Kind: ErrUnsupported, Detail: "is a folder, not a photo", Hint: "choose the photos inside it"}
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{Name: path, Kind: ErrUnsupported, Detail: "is not a regular file", Hint: "choose a photo file"}
	}
	if fi.Size() > MaxFileSize {
		return nil, tooLargeFile(path, fi.Size())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, ioError(path, "cannot open the file", err)
	}
	defer f.Close()
	// The limit guards against the file growing between Stat and Read.
	// Room for the whole file up front saves io.ReadAll's growing copies
	// (tens of megabytes for a large PNG).
	buf := bytes.NewBuffer(make([]byte, 0, fi.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, ioError(path, "cannot read the file", err)
	}
	data := buf.Bytes()
	if int64(len(data)) > MaxFileSize {
		return nil, tooLargeFile(path, int64(len(data)))
	}
	return Decode(path, data)
}

func tooLargeFile(path string, size int64) error {
	return &Error{
		Name:   path,
		Kind:   ErrTooLarge,
		Detail: fmt.Sprintf("file is %d MiB, over the %d MiB limit", size>>20, MaxFileSize>>20),
		Hint:   hintTooLarge,
	}
}

// ioError strips the path from fs.PathError because Error already names the
// file, while keeping the cause for errors.Is(err, fs.ErrNotExist).
func ioError(path, what string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	hint := "check the file is still there and that you may read it"
	return &Error{Name: path, Detail: what, Cause: err, Hint: hint}
}

// Decode decodes data (the bytes of the file called name) into an upright
// NRGBA image. It never panics: a panic inside a third-party decoder is
// reported as ErrCorrupt.
func Decode(name string, data []byte) (img *Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img = nil
			err = &Error{Name: name, Kind: ErrCorrupt, Cause: fmt.Errorf("decoder failed: %v", r), Hint: hintCorrupt}
		}
	}()
	return decode(name, data)
}

func decode(name string, data []byte) (*Image, error) {
	if len(data) == 0 {
		return nil, &Error{Name: name, Kind: ErrEmpty, Hint: hintEmpty}
	}
	if isHEIC(data) {
		return decodeHEIF(name, data)
	}
	// DecodeConfig reads only the header, so an oversized image is refused
	// before the decoder allocates its pixel buffer.
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return nil, &Error{Name: name, Kind: ErrUnsupported, Hint: hintUnsupported}
		}
		return nil, &Error{Name: name, Kind: ErrCorrupt, Cause: err, Hint: hintCorrupt}
	}
	if err := checkSize(name, cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	if format == "webp" {
		// A WebP with a VP8X header reports the canvas size, but the
		// bitstream inside carries its own size, which is what the decoder
		// allocates; check that too.
		if w, h, ok := webpBitstreamSize(data); ok {
			if err := checkSize(name, w, h); err != nil {
				return nil, err
			}
		}
	}

	frames := 1
	var src image.Image
	if format == "gif" {
		// gif.Decode keeps only the first frame; counting the rest by
		// walking the block structure avoids decoding (and holding) every
		// frame of a long animation.
		src, err = gif.Decode(bytes.NewReader(data))
		frames = gifFrameCount(data)
	} else {
		var fast bool
		if format == "png" {
			src, fast = decodePNG(data)
		}
		if !fast {
			src, _, err = image.Decode(bytes.NewReader(data))
		}
	}
	if err != nil {
		return nil, &Error{Name: name, Kind: ErrCorrupt, Cause: err, Hint: hintCorrupt}
	}
	b := src.Bounds()
	if b.Empty() {
		return nil, &Error{Name: name, Kind: ErrCorrupt, Detail: "image has no pixels", Hint: hintCorrupt}
	}
	// Decoders should return what DecodeConfig promised, but a mismatch
	// must not let an oversized image through.
	if err := checkSize(name, b.Dx(), b.Dy()); err != nil {
		return nil, err
	}

	orientation := readOrientation(format, data)
	pix := applyOrientation(own(src), orientation)
	return &Image{
		Path:        name,
		Format:      format,
		Pixels:      pix,
		Orientation: orientation,
		Frames:      frames,
	}, nil
}

// decodeHEIF decodes an iPhone photo (see heif.go): size guard from our
// own header parser first, then libheif.
func decodeHEIF(name string, data []byte) (*Image, error) {
	h, err := parseHEIF(data)
	if err != nil {
		return nil, &Error{Name: name, Kind: ErrCorrupt, Cause: err, Hint: hintCorrupt}
	}
	if err := checkSize(name, h.Width, h.Height); err != nil {
		return nil, err
	}
	src, report, apply, err := decodeHEIC(data, h)
	if err != nil {
		return nil, &Error{Name: name, Kind: ErrCorrupt, Cause: err, Hint: hintCorrupt}
	}
	b := src.Bounds()
	if b.Empty() {
		return nil, &Error{Name: name, Kind: ErrCorrupt, Detail: "image has no pixels", Hint: hintCorrupt}
	}
	if err := checkSize(name, b.Dx(), b.Dy()); err != nil {
		return nil, err
	}
	// flatten, not own: the pixels are a view of the decoder's
	// WebAssembly memory, which is not SafePost's to keep.
	return &Image{Path: name, Format: "heic", Pixels: applyOrientation(flatten(src), apply), Orientation: report, Frames: 1}, nil
}

func checkSize(name string, w, h int) error {
	if w <= 0 || h <= 0 {
		return &Error{Name: name, Kind: ErrCorrupt, Detail: fmt.Sprintf("image claims to be %d×%d", w, h), Hint: hintCorrupt}
	}
	if int64(w)*int64(h) > MaxPixels {
		return &Error{
			Name:   name,
			Kind:   ErrTooLarge,
			Detail: fmt.Sprintf("%d×%d is over the %d megapixel limit", w, h, MaxPixels/1_000_000),
			Hint:   hintTooLarge,
		}
	}
	return nil
}
