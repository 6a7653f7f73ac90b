package synth

import (
	"fmt"
	"math"
	"os"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// Font names used by the scene kinds. Each maps to a file shipped by a
// Debian package, so a missing file can be fixed with one apt-get install.
const (
	fSans       = "sans"
	fSansBold   = "sans-bold"
	fSerif      = "serif"
	fMono       = "mono"
	fMonoBold   = "mono-bold"
	fLibSans    = "lib-sans"
	fLibBold    = "lib-sans-bold"
	fLibSerif   = "lib-serif"
	fLibMono    = "lib-mono"
	fHand       = "hand"
	fMarker     = "marker"
	fMarkerReg  = "marker-regular"
	fFreeSans   = "free-sans"
	fFreeBold   = "free-sans-bold"
	fFreeMonoBd = "free-mono-bold"
)

type fontFile struct {
	name, path, pkg string
}

var fontFiles = []fontFile{
	{fSans, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "fonts-dejavu-core"},
	{fSansBold, "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "fonts-dejavu-core"},
	{fSerif, "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "fonts-dejavu-core"},
	{fMono, "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", "fonts-dejavu-core"},
	{fMonoBold, "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf", "fonts-dejavu-core"},
	{fLibSans, "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", "fonts-liberation2"},
	{fLibBold, "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf", "fonts-liberation2"},
	{fLibSerif, "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", "fonts-liberation2"},
	{fLibMono, "/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf", "fonts-liberation2"},
	{fHand, "/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf", "fonts-humor-sans"},
	{fMarker, "/usr/share/fonts/opentype/comic-neue/ComicNeue-Bold.otf", "fonts-comic-neue"},
	{fMarkerReg, "/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf", "fonts-comic-neue"},
	{fFreeSans, "/usr/share/fonts/truetype/freefont/FreeSans.ttf", "fonts-freefont-ttf"},
	{fFreeBold, "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf", "fonts-freefont-ttf"},
	{fFreeMonoBd, "/usr/share/fonts/truetype/freefont/FreeMonoBold.ttf", "fonts-freefont-ttf"},
}

type parsedFont struct {
	once sync.Once
	f    *sfnt.Font
	err  error
}

// fontCache is filled once at init and only read afterwards, so concurrent
// Render calls share parsed fonts safely (sfnt.Font is safe for concurrent
// use; faces are not, and are made per scene).
var fontCache = func() map[string]*parsedFont {
	m := make(map[string]*parsedFont, len(fontFiles))
	for _, ff := range fontFiles {
		m[ff.name] = &parsedFont{}
	}
	return m
}()

func loadFont(name string) (*sfnt.Font, error) {
	var ff fontFile
	for _, x := range fontFiles {
		if x.name == name {
			ff = x
		}
	}
	pf, ok := fontCache[name]
	if !ok {
		return nil, fmt.Errorf("synth: unknown font %q", name)
	}
	pf.once.Do(func() {
		b, err := os.ReadFile(ff.path)
		if err != nil {
			pf.err = fmt.Errorf("synth: font %s missing (install the Debian package %s): %w", ff.path, ff.pkg, err)
			return
		}
		pf.f, pf.err = opentype.Parse(b)
		if pf.err != nil {
			pf.err = fmt.Errorf("synth: parse font %s (from %s): %w", ff.path, ff.pkg, pf.err)
		}
	})
	return pf.f, pf.err
}

// loadAllFonts parses every font up front so Render fails early, with the
// package to install, instead of midway through a scene.
func loadAllFonts() error {
	for _, ff := range fontFiles {
		if _, err := loadFont(ff.name); err != nil {
			return err
		}
	}
	return nil
}

type faceKey struct {
	name string
	size int // in 1/4 px
}

// faceSet holds the faces of one scene; opentype faces keep scratch buffers
// and must not be shared between goroutines.
type faceSet struct {
	m map[faceKey]font.Face
}

func newFaceSet() *faceSet { return &faceSet{m: map[faceKey]font.Face{}} }

func (fs *faceSet) get(name string, size float64) font.Face {
	k := faceKey{name, int(math.Round(size * 4))}
	if k.size < 16 {
		k.size = 16
	}
	if f, ok := fs.m[k]; ok {
		return f
	}
	f, err := loadFont(name)
	if err != nil {
		// loadAllFonts ran before any drawing, so this cannot happen.
		panic(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{
		Size: float64(k.size) / 4, DPI: 72, Hinting: font.HintingNone,
	})
	if err != nil {
		panic(fmt.Sprintf("synth: face %s %.1f: %v", name, size, err))
	}
	fs.m[k] = face
	return face
}
