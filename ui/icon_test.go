package ui

import (
	"bytes"
	"flag"
	"image"
	"image/draw"
	"image/png"
	"os"
	"testing"
)

var writeIcon = flag.String("write-icon", "", "write the app icon PNG to this path (for assets/icon.png)")

// TestIcon checks the embedded icon is a usable square PNG and is what
// IconImage draws, so the code and assets/icon.png do not drift apart.
func TestIcon(t *testing.T) {
	if *writeIcon != "" {
		var buf bytes.Buffer
		if err := png.Encode(&buf, IconImage(512)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*writeIcon, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	res := Icon()
	img, err := png.Decode(bytes.NewReader(res.Content()))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() != 512 || b.Dy() != 512 {
		t.Fatalf("icon is %v, want 512x512", b)
	}
	if _, _, _, a := img.At(256, 256).RGBA(); a == 0 {
		t.Error("icon centre is transparent")
	}
	if _, _, _, a := img.At(4, 4).RGBA(); a != 0 {
		t.Error("icon corner is not transparent")
	}
	got := image.NewNRGBA(b)
	draw.Draw(got, b, img, b.Min, draw.Src)
	if want := IconImage(512); !bytes.Equal(got.Pix, want.Pix) {
		t.Error("assets/icon.png is not IconImage(512): redraw it with go test ./ui -run TestIcon -write-icon ../assets/icon.png")
	}
}
