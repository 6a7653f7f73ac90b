package imageio

import "testing"

// TestWebPFromImageMagick decodes a WebP written by a real tool rather
// than assembled by the tests: ImageMagick 6.9 (libwebp 1.2.4) turned a
// JPEG whose pixels are stored a quarter turn anticlockwise, with EXIF
// orientation 6, into an extended (VP8X) lossy WebP that keeps the EXIF:
//
//	convert stored6.jpg -quality 90 quad_exif6.webp
//
// It must come out as the upright 512×384 quadrant pattern.
func TestWebPFromImageMagick(t *testing.T) {
	img, err := Decode("quad_exif6.webp", readFixture(t, "quad_exif6.webp"))
	if err != nil {
		t.Fatal(err)
	}
	if img.Format != "webp" || img.Orientation != 6 {
		t.Errorf("Format, Orientation = %q, %d; want webp, 6", img.Format, img.Orientation)
	}
	checkQuad(t, img.Pixels, 512, 384)
}
