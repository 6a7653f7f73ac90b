package ui

import (
	"bytes"
	"flag"
	"image/png"
	"os"
	"testing"
)

var writeIcon = flag.String("write-icon", "", "write the app icon PNG to this path (for assets/icon.png)")

func TestIcon(t *testing.T) {
	res := Icon()
	img, err := png.Decode(bytes.NewReader(res.Content()))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 256 || b.Dy() != 256 {
		t.Errorf("icon is %v", b)
	}
	if _, _, _, a := img.At(128, 128).RGBA(); a == 0 {
		t.Error("icon centre is transparent")
	}
	if _, _, _, a := img.At(2, 2).RGBA(); a != 0 {
		t.Error("icon corner is not transparent")
	}
	if *writeIcon != "" {
		var buf bytes.Buffer
		if err := png.Encode(&buf, IconImage(512)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*writeIcon, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
