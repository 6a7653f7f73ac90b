// Package synth generates deterministic, labelled, ward-like photos for
// tests, benchmarks and training: whiteboards, wristbands, screens, letters
// and the like, filled with synthetic patient details, plus the ground truth
// of where every piece of text is.
//
// A scene is drawn flat on a "board" (the whiteboard, sheet or screen),
// with every item's glyph ink written into a label map as it is drawn; the
// board is then placed in the photo by a projective transform applied
// identically to the image (bilinear) and the labels (nearest neighbour),
// and the photo is degraded (light, blur, noise, JPEG) without moving
// pixels. Item boxes are measured from the warped labels, so they are tight
// around the ink in the final image.
//
// All identities are synthetic: NHS numbers in the 999 test range with valid
// check digits, Ofcom drama-range phone numbers, example.com addresses.
package synth

import (
	"errors"
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"slices"
)

// Item is one piece of text in a scene and its ground truth.
type Item struct {
	Text string `json:"text"` // exact text rendered
	// Kind is the check ID for patient information (nhs-number,
	// hospital-number, date-of-birth, age, person-name, postcode, address,
	// phone, email) or one of heading, signage, staff-name, ward-name,
	// clinical-note, bed-number for text that is not patient information.
	// A whiteboard row's cells are separate items.
	Kind string `json:"kind"`
	PII  bool   `json:"pii"`
	// Box is x0,y0,x1,y1 in final image pixels, tight around the item's ink
	// pixels in Scene.Ink; x1 and y1 are exclusive.
	Box  [4]int `json:"box"`
	Rule string `json:"rule"` // one sentence for trainees
}

// Spec says which scene to draw. Kind is one of Kinds(); Difficulty is 1
// (comfortably readable by OCR) to 3 (hard, still legible to a person).
type Spec struct {
	Name       string
	Kind       string
	Seed       int64
	Width      int
	Height     int
	Difficulty int
}

// Scene is a rendered photo with its ground truth.
type Scene struct {
	Spec
	Image *image.NRGBA
	Items []Item
	// Ink is the same size as Image; a pixel is i+1 where Items[i]'s glyph
	// ink is and 0 elsewhere.
	Ink *image.Gray16
}

// Limits on Spec sizes, so a typo cannot allocate gigabytes.
const (
	minSide   = 256
	maxPixels = 40_000_000
)

// piiKinds marks the item kinds that are patient information.
var piiKinds = map[string]bool{
	"nhs-number": true, "hospital-number": true, "date-of-birth": true, "age": true,
	"person-name": true, "postcode": true, "address": true, "phone": true, "email": true,
}

// rules explain each kind to a trainee in one sentence.
var rules = map[string]string{
	"nhs-number":      "A 10-digit number with a valid check digit is an NHS number, which identifies a patient on its own.",
	"hospital-number": "A hospital number (letters and digits such as RTH1234567 or K123456, or a long MRN) identifies a patient.",
	"date-of-birth":   "A full date next to a patient's name or a DOB label is a date of birth, which is patient information.",
	"age":             "A patient's age next to their name or bed helps identify them.",
	"person-name":     "A patient's name in any format, such as Mrs J. OKAFOR or KOWALCZYK, Tomasz, is patient information.",
	"postcode":        "A postcode in a patient's address narrows them down to a handful of homes.",
	"address":         "A house number and street, or the town in a patient's address, is patient information.",
	"phone":           "A patient's phone number identifies them.",
	"email":           "A patient's email address identifies them.",
	"heading":         "Headings, field labels and form words are not patient information on their own.",
	"signage":         "Ward signs, notices and celebration banners are not patient information.",
	"staff-name":      "Staff names, such as a first name with a role, are not patient information.",
	"ward-name":       "Ward, unit and hospital names are not patient information.",
	"clinical-note":   "Clinical shorthand such as NBM or DNACPR does not name anyone by itself, but never post it next to a name.",
	"bed-number":      "A bed number alone does not identify a patient.",
}

// Kinds lists the scene kinds Render accepts.
func Kinds() []string {
	out := make([]string, len(kindTable))
	for i, k := range kindTable {
		out[i] = k.name
	}
	return out
}

// negativeKinds are scenes with no patient information at all.
var negativeKinds = []string{"team-banner", "signage"}

func findKind(name string) (*kindDef, bool) {
	for i := range kindTable {
		if kindTable[i].name == name {
			return &kindTable[i], true
		}
	}
	return nil, false
}

// Render draws the scene described by spec. The same spec always gives the
// same pixels and items.
func Render(spec Spec) (*Scene, error) {
	kd, ok := findKind(spec.Kind)
	if !ok {
		return nil, fmt.Errorf("synth: unknown scene kind %q (want one of %v)", spec.Kind, Kinds())
	}
	if spec.Width < minSide || spec.Height < minSide || spec.Width*spec.Height > maxPixels {
		return nil, fmt.Errorf("synth: scene %q: size %dx%d outside %d px per side to %d px in all",
			spec.Name, spec.Width, spec.Height, minSide, maxPixels)
	}
	if spec.Difficulty < 1 || spec.Difficulty > 3 {
		return nil, fmt.Errorf("synth: scene %q: difficulty %d not in 1-3", spec.Name, spec.Difficulty)
	}
	if err := loadAllFonts(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(uint64(spec.Seed), 0x5afe9057))
	W, H := spec.Width, spec.Height
	deg := degradeFor(spec, rng)

	pl := kd.place(spec, deg, rng)
	hm, err := homography([4]pt{{0, 0}, {float64(pl.bw), 0}, {float64(pl.bw), float64(pl.bh)}, {0, float64(pl.bh)}}, pl.quad)
	if err != nil {
		return nil, fmt.Errorf("synth: scene %q: %w", spec.Name, err)
	}
	footprint := math.Sqrt(quadArea(pl.quad))
	c := &canvas{
		img:   image.NewNRGBA(image.Rect(0, 0, pl.bw, pl.bh)),
		lab:   image.NewGray16(image.Rect(0, 0, pl.bw, pl.bh)),
		faces: newFaceSet(),
		rng:   rng,
		diff:  spec.Difficulty,
		k:     math.Max(0, math.Min(1, (footprint-700)/(3464-700))),
		scale: footprint / math.Sqrt(float64(pl.bw*pl.bh)),
	}
	c.zoom = 1 + kd.zoom*rng.Float64()
	c.dark = kd.darkChance > 0 && rng.Float64() < kd.darkChance*(0.5+0.5*float64(spec.Difficulty-1))
	c.inside = func(r image.Rectangle) bool {
		const m = 2
		for _, p := range [4]pt{{float64(r.Min.X), float64(r.Min.Y)}, {float64(r.Max.X), float64(r.Min.Y)},
			{float64(r.Min.X), float64(r.Max.Y)}, {float64(r.Max.X), float64(r.Max.Y)}} {
			x, y := hm.apply(p.x, p.y)
			if x < m || y < m || x > float64(W-m) || y > float64(H-m) {
				return false
			}
		}
		return r.In(c.img.Rect)
	}
	kd.draw(c)
	if len(c.items) > 65535 {
		return nil, errors.New("synth: too many items")
	}

	photo := image.NewNRGBA(image.Rect(0, 0, W, H))
	kd.background(photo, rng)
	ink := image.NewGray16(photo.Rect)
	warpInto(photo, ink, c.img, c.lab, hm)
	if kd.foreground != nil {
		kd.foreground(photo, ink, pl.quad, rng)
	}
	// The board is no longer needed: its pixels serve as blur scratch space.
	if err := degrade(photo, deg, rng, c.img.Pix); err != nil {
		return nil, fmt.Errorf("synth: scene %q: %w", spec.Name, err)
	}

	items := finishItems(c.items, ink)
	return &Scene{Spec: spec, Image: photo, Items: items, Ink: ink}, nil
}

// finishItems measures each item's box from the warped ink, drops items
// that lost all their ink and renumbers the ink map to match.
func finishItems(items []Item, ink *image.Gray16) []Item {
	boxes, counts := inkBoxes(ink, len(items))
	out := make([]Item, 0, len(items))
	m := make([]uint16, len(items)+1)
	changed := false
	for i, it := range items {
		if counts[i] == 0 {
			changed = true
			continue
		}
		b := boxes[i]
		it.Box = [4]int{b.Min.X, b.Min.Y, b.Max.X, b.Max.Y}
		out = append(out, it)
		m[i+1] = uint16(len(out))
		if m[i+1] != uint16(i+1) {
			changed = true
		}
	}
	if changed {
		relabel(ink, m)
	}
	return out
}

func quadArea(q [4]pt) float64 {
	a := 0.0
	for i := 0; i < 4; i++ {
		j := (i + 1) % 4
		a += q[i].x*q[j].y - q[j].x*q[i].y
	}
	return math.Abs(a) / 2
}

// degradation holds the difficulty-dependent damage done to a photo.
type degradation struct {
	rot   float64 // radians
	persp float64 // corner jitter as a fraction of the short side
	blur  float64 // Gaussian sigma in pixels
	noise float64
	light lighting
	jpegQ int // 0: no JPEG round trip
}

func degradeFor(spec Spec, rng *rand.Rand) degradation {
	W, H := float64(spec.Width), float64(spec.Height)
	d := spec.Difficulty
	// Blur and noise scale with the photo, as text does.
	bs := math.Max(0.7, math.Sqrt(W*H)/1600)
	sign := 1.0
	if rng.IntN(2) == 0 {
		sign = -1
	}
	var g degradation
	g.light = lighting{contrast: 1, g0: 1, tint: [3]float64{1, 1, 1}, glareR: 1}
	switch d {
	case 1:
		g.rot = sign * rng.Float64() * 1.5
		g.blur = 0.35 * bs
		g.noise = 2 + 2*rng.Float64()
		g.light.gx = 0.08 * (rng.Float64()*2 - 1)
	case 2:
		g.rot = sign * (1 + 3*rng.Float64())
		g.persp = 0.03
		g.blur = 0.7 * bs
		g.noise = 5 + 3*rng.Float64()
		g.light.contrast = 0.85 + 0.1*rng.Float64()
		g.light.gx = 0.2 * (rng.Float64()*2 - 1)
		g.light.gy = 0.15 * (rng.Float64()*2 - 1)
		if rng.IntN(2) == 0 {
			g.light.glare = 60
		}
		g.jpegQ = 75 + rng.IntN(11)
	default:
		g.rot = sign * (4 + 4*rng.Float64())
		g.persp = 0.06
		g.blur = 1.05 * bs
		g.noise = 9 + 4*rng.Float64()
		g.light.contrast = 0.68 + 0.1*rng.Float64()
		g.light.gx = 0.35 * (rng.Float64()*2 - 1)
		g.light.gy = 0.25 * (rng.Float64()*2 - 1)
		g.light.glare = 90 + 40*rng.Float64()
		g.jpegQ = 60 + rng.IntN(11)
	}
	g.rot *= math.Pi / 180
	// Keep the gradient centred on 1 so the average brightness holds.
	g.light.g0 = 1 - g.light.gx/2 - g.light.gy/2
	g.light.glareX = W * (0.2 + 0.6*rng.Float64())
	g.light.glareY = H * (0.2 + 0.6*rng.Float64())
	g.light.glareR = math.Min(W, H) * (0.12 + 0.1*rng.Float64())
	warm := 0.03 * float64(d) * (rng.Float64()*2 - 1)
	g.light.tint = [3]float64{1 + warm, 1, 1 - warm}
	return g
}

func degrade(img *image.NRGBA, g degradation, rng *rand.Rand, scratch []uint8) error {
	applyLighting(img, g.light)
	gaussianBlur(img, g.blur, scratch)
	addNoise(img, g.noise, rng.Uint64())
	if g.jpegQ > 0 {
		return jpegRoundTrip(img, g.jpegQ)
	}
	return nil
}

// placement says how big the board is and where its corners land in the
// photo (clockwise from top left).
type placement struct {
	bw, bh int
	quad   [4]pt
}

// flatPlacement fits a board of the given aspect (0: the photo's) into the
// photo at the given fill fraction, rotated and with perspective jitter.
func flatPlacement(spec Spec, g degradation, rng *rand.Rand, aspect, fill float64) placement {
	W, H := float64(spec.Width), float64(spec.Height)
	if aspect <= 0 {
		aspect = W / H
	}
	bw, bh := W, W/aspect
	if bh > H {
		bh, bw = H, H*aspect
	}
	// Scale so the rotated board still fits.
	cs, sn := math.Abs(math.Cos(g.rot)), math.Abs(math.Sin(g.rot))
	s := fill * math.Min(W/(bw*cs+bh*sn), H/(bw*sn+bh*cs))
	s = math.Min(s, 1)
	cx := W/2 + (rng.Float64()*2-1)*W*(1-fill)*0.3
	cy := H/2 + (rng.Float64()*2-1)*H*(1-fill)*0.3
	var q [4]pt
	jit := g.persp * math.Min(W, H)
	for i, p := range [4]pt{{-bw / 2, -bh / 2}, {bw / 2, -bh / 2}, {bw / 2, bh / 2}, {-bw / 2, bh / 2}} {
		x, y := p.x*s, p.y*s
		q[i] = pt{cx + x*math.Cos(g.rot) - y*math.Sin(g.rot) + (rng.Float64()*2-1)*jit,
			cy + x*math.Sin(g.rot) + y*math.Cos(g.rot) + (rng.Float64()*2-1)*jit}
	}
	return placement{bw: int(bw), bh: int(bh), quad: q}
}

// kindDef is one scene kind: how its board sits in the photo, what is
// drawn on it and what surrounds it.
type kindDef struct {
	name       string
	darkChance float64 // chance of a light-on-dark variant (scaled by difficulty)
	zoom       float64 // text may be up to 1+zoom times the usual size (close-ups)
	place      func(Spec, degradation, *rand.Rand) placement
	draw       func(*canvas)
	background func(*image.NRGBA, *rand.Rand)
	foreground func(*image.NRGBA, *image.Gray16, [4]pt, *rand.Rand) // optional, after the warp
}

func flat(aspect, fill float64) func(Spec, degradation, *rand.Rand) placement {
	return func(s Spec, g degradation, r *rand.Rand) placement {
		return flatPlacement(s, g, r, aspect, fill)
	}
}

// paperPlacement lays a sheet on a desk, turned to match the photo's
// orientation as people do when they photograph a page.
func paperPlacement(aspect float64) func(Spec, degradation, *rand.Rand) placement {
	return func(s Spec, g degradation, r *rand.Rand) placement {
		a := aspect
		if (s.Height > s.Width) != (a < 1) {
			a = 1 / a
		}
		return flatPlacement(s, g, r, a, 0.94)
	}
}

// kindTable is ordered: Kinds() and the corpus follow this order.
var kindTable = []kindDef{
	{name: "whiteboard", darkChance: 0.15, place: flat(0, 0.96), draw: drawWhiteboard, background: wallBackground},
	{name: "wristband", zoom: 0.6, place: flat(0, 1), draw: drawWristband, background: sheetBackground},
	{name: "epr-screen", darkChance: 0.5, place: flat(16.0/10, 0.9), draw: drawEPR, background: officeBackground},
	{name: "handover-sheet", place: paperPlacement(math.Sqrt2), draw: drawHandover, background: deskBackground},
	{name: "name-card", zoom: 0.6, darkChance: 0.3, place: flat(0, 1), draw: drawNameCard, background: wallBackground},
	{name: "letter", place: paperPlacement(1 / math.Sqrt2), draw: drawLetter, background: deskBackground},
	{name: "label", zoom: 0.6, place: flat(0, 1), draw: drawLabel, background: deskBackground},
	{name: "xray", place: flat(0, 1), draw: drawXray, background: blackBackground},
	{name: "team-banner", zoom: 0.6, darkChance: 0.4, place: flat(0, 1), draw: drawBanner, background: partyBackground},
	{name: "signage", zoom: 0.6, darkChance: 0.4, place: flat(0, 1), draw: drawSignage, background: wallBackground},
	{name: "selfie", place: selfiePlacement, draw: drawSelfieBoard, background: clutterBackground, foreground: drawPeople},
}

func init() {
	// Guard against typos in the tables above.
	for _, k := range kindTable {
		if k.place == nil || k.draw == nil || k.background == nil {
			panic("synth: incomplete kind " + k.name)
		}
	}
	for _, n := range negativeKinds {
		if !slices.Contains(Kinds(), n) {
			panic("synth: unknown negative kind " + n)
		}
	}
}
