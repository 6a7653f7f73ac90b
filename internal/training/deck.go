// Package training is SafePost's training mode without the screens: the
// bundled deck of generated ward photos with their ground truth, the
// scoring of a trainee's marks against it, session summaries and their
// export, and the post-writing exercises. It imports no Fyne, so every
// rule here is tested on its own.
package training

//go:generate go run ./cmd/gendeck -o ../../assets/training

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // the deck's photos
	_ "image/png"
	"io/fs"
	"path"
	"sort"
	"strings"

	"safepost/assets"
	"safepost/internal/imageio"
)

// Item is one piece of text in a scene and its ground truth, as the deck's
// JSON files hold it.
type Item struct {
	Text string `json:"text"`
	// Kind is a check ID for patient information (person-name,
	// nhs-number, ...) or what other text is (staff-name, heading, ...).
	Kind string `json:"kind"`
	PII  bool   `json:"pii"`
	// Box is x0,y0,x1,y1 in upright-image pixels; x1 and y1 are exclusive.
	Box [4]int `json:"box"`
	// Rule is the one sentence a trainee reads about this item.
	Rule string `json:"rule"`
}

// Rect returns the item's box as a rectangle.
func (it Item) Rect() image.Rectangle {
	return image.Rect(it.Box[0], it.Box[1], it.Box[2], it.Box[3])
}

// Scene is one photo of the deck with its ground truth.
type Scene struct {
	// Name is the file name without extension, e.g. "01-whiteboard".
	Name string `json:"-"`
	// Kind is the generator's scene kind, e.g. "whiteboard".
	Kind       string `json:"scene"`
	Title      string `json:"title,omitempty"`
	Tip        string `json:"tip,omitempty"`
	Difficulty int    `json:"difficulty"`
	Width      int    `json:"width"`
	Height     int    `json:"height"`
	Items      []Item `json:"items"`

	fsys      fs.FS
	imagePath string
}

// Label is the scene's title, or its name when it has none.
func (s *Scene) Label() string {
	if s.Title != "" {
		return s.Title
	}
	return s.Name
}

// PIICount is how many items in the scene are patient information.
func (s *Scene) PIICount() int {
	n := 0
	for _, it := range s.Items {
		if it.PII {
			n++
		}
	}
	return n
}

// Clean reports whether the scene has no patient information at all.
func (s *Scene) Clean() bool { return s.PIICount() == 0 }

// Bounds is the scene's image rectangle.
func (s *Scene) Bounds() image.Rectangle { return image.Rect(0, 0, s.Width, s.Height) }

// Image decodes the scene's photo.
func (s *Scene) Image() (*image.NRGBA, error) {
	if s.fsys == nil {
		return nil, fmt.Errorf("scene %s has no image", s.Name)
	}
	data, err := fs.ReadFile(s.fsys, s.imagePath)
	if err != nil {
		return nil, fmt.Errorf("scene %s: %w", s.Name, err)
	}
	// The same decoder as any photo: upright, opaque, origin (0,0).
	img, err := imageio.Decode(s.imagePath, data)
	if err != nil {
		return nil, fmt.Errorf("scene %s: %w", s.Name, err)
	}
	if b := img.Pixels.Rect; b != s.Bounds() {
		return nil, fmt.Errorf("scene %s: image is %dx%d, ground truth says %dx%d", s.Name, b.Dx(), b.Dy(), s.Width, s.Height)
	}
	return img.Pixels, nil
}

// Validate checks the ground truth on its own: difficulty 1-3, a size, and
// every item complete with a box inside the image.
func (s *Scene) Validate() error {
	var errs []error
	if s.Kind == "" {
		errs = append(errs, errors.New("no scene kind"))
	}
	if s.Difficulty < 1 || s.Difficulty > 3 {
		errs = append(errs, fmt.Errorf("difficulty %d not in 1-3", s.Difficulty))
	}
	if s.Width <= 0 || s.Height <= 0 {
		errs = append(errs, fmt.Errorf("size %dx%d", s.Width, s.Height))
	}
	for i, it := range s.Items {
		r := it.Rect()
		switch {
		case it.Kind == "":
			errs = append(errs, fmt.Errorf("item %d has no kind", i))
		case it.Rule == "":
			errs = append(errs, fmt.Errorf("item %d (%s) has no rule", i, it.Kind))
		case r.Empty() || r != r.Canon():
			errs = append(errs, fmt.Errorf("item %d (%s): empty box %v", i, it.Kind, it.Box))
		case !r.In(s.Bounds()):
			errs = append(errs, fmt.Errorf("item %d (%s): box %v outside the %dx%d image", i, it.Kind, it.Box, s.Width, s.Height))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("scene %s: %w", s.Name, err)
	}
	return nil
}

// Deck is an ordered set of scenes.
type Deck struct {
	Scenes []*Scene
}

// Scene returns the scene called name, or nil.
func (d *Deck) Scene(name string) *Scene {
	for _, s := range d.Scenes {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// imageExts are the photo formats a deck may hold, in order of preference.
var imageExts = []string{".jpg", ".jpeg", ".png"}

// LoadDeck reads every NAME.json in the top folder of fsys with the photo
// beside it (NAME.jpg, .jpeg or .png), in name order. It checks the ground
// truth and each photo's size (from its header, without decoding it) and
// fails naming every scene that is wrong.
func LoadDeck(fsys fs.FS) (*Deck, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("reading the training deck: %w", err)
	}
	files := map[string]bool{}
	for _, e := range entries {
		if !e.IsDir() {
			files[e.Name()] = true
		}
	}
	d := &Deck{}
	var errs []error
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || path.Ext(name) != ".json" {
			continue
		}
		s, err := loadScene(fsys, strings.TrimSuffix(name, ".json"), files)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		d.Scenes = append(d.Scenes, s)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("the training deck is damaged: %w", err)
	}
	if len(d.Scenes) == 0 {
		return nil, errors.New("the training deck has no scenes")
	}
	sort.Slice(d.Scenes, func(i, j int) bool { return d.Scenes[i].Name < d.Scenes[j].Name })
	return d, nil
}

func loadScene(fsys fs.FS, name string, files map[string]bool) (*Scene, error) {
	data, err := fs.ReadFile(fsys, name+".json")
	if err != nil {
		return nil, fmt.Errorf("scene %s: %w", name, err)
	}
	s := &Scene{Name: name, fsys: fsys}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(s); err != nil {
		return nil, fmt.Errorf("scene %s: reading %s.json: %w", name, name, err)
	}
	for _, ext := range imageExts {
		if files[name+ext] {
			s.imagePath = name + ext
			break
		}
	}
	if s.imagePath == "" {
		return nil, fmt.Errorf("scene %s: no %s.jpg or %s.png beside %s.json", name, name, name, name)
	}
	f, err := fsys.Open(s.imagePath)
	if err != nil {
		return nil, fmt.Errorf("scene %s: %w", name, err)
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		return nil, fmt.Errorf("scene %s: reading %s: %w", name, s.imagePath, err)
	}
	switch {
	case s.Width == 0 && s.Height == 0:
		// The size is optional in the JSON: boxes are then checked against
		// the photo itself.
		s.Width, s.Height = cfg.Width, cfg.Height
	case cfg.Width != s.Width || cfg.Height != s.Height:
		return nil, fmt.Errorf("scene %s: %s is %dx%d, ground truth says %dx%d", name, s.imagePath, cfg.Width, cfg.Height, s.Width, s.Height)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// BuiltIn loads the deck bundled into the binary from assets/training.
func BuiltIn() (*Deck, error) {
	sub, err := fs.Sub(assets.Training, "training")
	if err != nil {
		return nil, err
	}
	return LoadDeck(sub)
}
