// Package export writes images to disk with no metadata at all, atomically,
// so a redacted copy can never carry the original's EXIF, GPS position or
// embedded thumbnail, and a failed write never leaves a half-written file
// where a clean one is expected.
package export

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// JPEGQuality is high enough that re-encoding an unredacted photo does not
// visibly degrade it, and low enough to keep files postable.
const JPEGQuality = 92

// OutputPath returns where the redacted copy of input goes in dir:
// DIR/<base name>.<ext>. JPEG and PNG keep their extension (lower-cased);
// every other format becomes .jpg, since photos are what SafePost exports and
// social sites take JPEG everywhere.
func OutputPath(dir, input string) string {
	base := filepath.Base(input)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	if stem == "" || stem == "." || base == string(filepath.Separator) {
		// ".jpg" or "/" would give a hidden or nameless output file.
		stem = "image"
	}
	switch e := strings.ToLower(ext); e {
	case ".jpg", ".jpeg", ".png":
		ext = e
	default:
		ext = ".jpg"
	}
	return filepath.Join(dir, stem+ext)
}

// formatFor maps an output file name to an Encode format.
func formatFor(path string) (string, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jpg", ".jpeg":
		return "jpeg", true
	case ".png":
		return "png", true
	}
	return "", false
}

// Encode writes img to w as "jpeg" (quality JPEGQuality) or "png". Only the
// standard library encoders are used because they write pixels and nothing
// else: no EXIF, XMP, ICC profile, comment or thumbnail.
func Encode(w io.Writer, img image.Image, format string) error {
	if img == nil || img.Bounds().Empty() {
		return errors.New("image has no pixels")
	}
	switch format {
	case "jpeg", "jpg":
		return jpeg.Encode(w, opaqueOverWhite(img), &jpeg.Options{Quality: JPEGQuality})
	case "png":
		enc := png.Encoder{CompressionLevel: png.DefaultCompression}
		return enc.Encode(w, img)
	}
	return fmt.Errorf("cannot save as %q: only JPEG and PNG are supported", format)
}

// opaqueOverWhite flattens transparency before JPEG encoding. The stdlib
// encoder drops alpha from premultiplied values, which turns transparent
// pixels black; white matches what imageio does on input.
func opaqueOverWhite(img image.Image) image.Image {
	if o, ok := img.(interface{ Opaque() bool }); ok && o.Opaque() {
		return img
	}
	b := img.Bounds()
	dst := image.NewRGBA(b)
	draw.Draw(dst, b, image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(dst, b, img, b.Min, draw.Over)
	return dst
}

// encode is the encoder WriteFile uses; tests replace it to make encoding
// fail part-way through.
var encode = Encode

// WriteFile encodes img into path, choosing JPEG or PNG from the extension.
// It writes a temporary file in the same folder, syncs it, makes it
// world-readable (0644) and renames it over path, so readers see either the
// old file or the complete new one. On any error the temporary file is
// removed and path is left as it was.
func WriteFile(path string, img image.Image) error {
	format, ok := formatFor(path)
	if !ok {
		return fmt.Errorf("cannot write to %s: the name must end in .jpg, .jpeg or .png", path)
	}
	return writeAtomic(path, func(w io.Writer) error { return encode(w, img, format) })
}

// TextPath returns where the description of the image at path goes: the
// same folder and base name, ending in .txt ("01-ward.jpg" -> "01-ward.txt").
func TextPath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".txt"
}

// WriteText writes text into path as UTF-8, atomically like WriteFile:
// a temporary file in the same folder, synced, made 0644 and renamed over
// path, so a failed write leaves path as it was.
func WriteText(path, text string) error {
	return writeAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	})
}

// writeAtomic writes path through write into a temporary file beside it
// and renames it into place; see WriteFile.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	if fi, statErr := os.Stat(path); statErr == nil && fi.IsDir() {
		return fmt.Errorf("cannot write to %s: a folder has that name", path)
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".safepost-*")
	if err != nil {
		return fmt.Errorf("cannot write to %s: %w", path, describe(err))
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close() // may already be closed; the error is irrelevant then
			os.Remove(tmp)
		}
	}()

	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(bw); err != nil {
		return fmt.Errorf("cannot write to %s: %w", path, describe(err))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("cannot write to %s: %w", path, describe(err))
	}
	// Sync before rename: otherwise a crash can leave the new name
	// pointing at an empty file on some filesystems.
	if err := f.Sync(); err != nil {
		return fmt.Errorf("cannot write to %s: %w", path, describe(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot write to %s: %w", path, describe(err))
	}
	// CreateTemp makes the file 0600; an exported file is meant to be
	// shared, like any file the user saves.
	if err := os.Chmod(tmp, 0o644); err != nil {
		return fmt.Errorf("cannot write to %s: %w", path, describe(err))
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("cannot write to %s: %w", path, describe(err))
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable where the platform allows it. It is best
// effort: the file is already complete, and Windows cannot open folders.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	d.Close()
}

// EnsureDir creates dir and any missing parents.
func EnsureDir(dir string) error {
	if dir == "" {
		return errors.New("no output folder given")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create output folder %s: %w", dir, describe(err))
	}
	return nil
}

// describe turns OS errors into words a nurse can act on, dropping the
// path (the caller's message already names it) but keeping the original
// error for errors.Is.
func describe(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	var msg string
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		msg = "not a folder"
	case errors.Is(err, syscall.EISDIR):
		msg = "a folder has that name"
	case errors.Is(err, fs.ErrNotExist):
		msg = "the folder does not exist"
	case errors.Is(err, fs.ErrPermission):
		msg = "permission denied"
	case errors.Is(err, syscall.ENOSPC):
		msg = "the disk is full"
	case errors.Is(err, syscall.EROFS):
		msg = "the disk is read-only"
	case errors.Is(err, fs.ErrExist):
		msg = "a file is in the way"
	default:
		return err
	}
	return &friendlyError{msg: msg, err: err}
}

type friendlyError struct {
	msg string
	err error
}

func (e *friendlyError) Error() string { return e.msg }
func (e *friendlyError) Unwrap() error { return e.err }
