package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"

	"safepost/internal/synth"
)

// jpegQuality keeps the deck small (about 5 MB for all scenes; the
// generator's sensor noise is what costs bytes) while text
// stays as legible as the generator drew it.
const jpegQuality = 80

// entry is one scene of the deck: what to render and how to present it.
type entry struct {
	name  string
	spec  synth.Spec
	title string
	tip   string // the teaching point shown after the reveal
}

func e(name, kind string, seed int64, w, h, d int, title, tip string) entry {
	return entry{name: name, spec: synth.Spec{Name: name, Kind: kind, Seed: seed, Width: w, Height: h, Difficulty: d}, title: title, tip: tip}
}

// deck is the training deck in teaching order: easy scenes of each kind
// first, then harder ones, with clean negatives mixed in so trainees learn
// that not every photo needs blurring. Sizes stay around 1-2 megapixels,
// enough to read every item on a projector.
var deck = []entry{
	e("01-whiteboard", "whiteboard", 101, 1280, 960, 1, "Patient board on the ward",
		"Every row of a patient board is patient information: names, ages or dates of birth, and the plan beside them. The nurse's first name is not."),
	e("02-wristband", "wristband", 102, 1280, 960, 1, "Wristband close-up",
		"A wristband holds the patient's name, date of birth, NHS number and hospital number: each identifies them on its own."),
	e("03-team-banner", "team-banner", 103, 1440, 900, 1, "Celebration banner",
		"Nothing here identifies a patient: ward names and staff first names are fine to share."),
	e("04-name-card", "name-card", 104, 1280, 960, 1, "Bedside name card",
		"The patient's name above the bed is patient information; the named nurse and consultant are staff."),
	e("05-letter", "letter", 105, 960, 1280, 1, "Clinic letter on a desk",
		"A letter carries a whole identity: name, address, postcode, date of birth, NHS and hospital numbers, phone and email."),
	e("06-epr-screen", "epr-screen", 106, 1440, 900, 1, "Computer screen (EPR)",
		"A screen in the background of a photo is easy to miss: every row on it is a patient."),
	e("07-signage", "signage", 107, 1280, 960, 1, "Ward sign",
		"Signs, visiting times and ward names are not patient information."),
	e("08-handover-sheet", "handover-sheet", 108, 960, 1280, 1, "Handover sheet",
		"Handover sheets list every patient with numbers and dates of birth: never photograph one, even by accident."),
	e("09-xray", "xray", 109, 1024, 1280, 1, "X-ray with burnt-in details",
		"Images from scanners have the patient's name, ID and date of birth burnt into the corner."),
	e("10-label", "label", 110, 1280, 960, 1, "Pharmacy or specimen label",
		"Small labels on bags and bottles carry a name, date of birth and NHS number."),
	e("11-selfie", "selfie", 111, 1280, 960, 1, "Team selfie in front of the board",
		"The board behind a team photo is the commonest leak: look past the smiles."),
	e("12-whiteboard", "whiteboard", 212, 1280, 960, 2, "Patient board, another shift",
		"Different writers, different formats: SMITH, John and J. Smith are both names."),
	e("13-wristband", "wristband", 213, 1280, 960, 2, "Wristband on a bed sheet",
		"Numbers split with spaces (999 123 4567) are still NHS numbers."),
	e("14-epr-screen", "epr-screen", 214, 1440, 900, 2, "EPR screen, dark mode",
		"Dark screens and glare hide details from a quick glance, not from a zoom."),
	e("15-letter", "letter", 215, 960, 1280, 2, "Letter, different layout",
		"The patient's address block and the 'Re:' line both identify them; the hospital letterhead does not."),
	e("16-team-banner", "team-banner", 216, 1440, 810, 2, "Thank-you banner",
		"Thanking staff by first name is fine: this photo has no patient information."),
	e("17-name-card", "name-card", 217, 960, 1280, 2, "Name card, handwritten",
		"Handwritten names count just as much as printed ones."),
	e("18-handover-sheet", "handover-sheet", 218, 1280, 960, 2, "Handover sheet on a desk",
		"Even a sheet photographed at an angle can be zoomed and read."),
	e("19-xray", "xray", 219, 1024, 1280, 2, "X-ray, faint burn-in",
		"Faint grey text on film is still readable once the photo is brightened."),
	e("20-selfie", "selfie", 220, 1280, 960, 2, "Selfie, board at an angle",
		"A board seen at an angle behind people can still be read."),
	e("21-signage", "signage", 221, 1280, 960, 3, "Sign, hard to read",
		"Nothing to blur here: knowing when a photo is safe matters as much as spotting a risk."),
	e("22-whiteboard", "whiteboard", 322, 1280, 960, 3, "Patient board, faded and skewed",
		"Faded marker and glare make a board hard to read for SafePost too; a person zooming in can still read it."),
	e("23-label", "label", 323, 1200, 900, 3, "Label in poor light",
		"Poor light is no protection: assume anything a person can read, a stranger can."),
	e("24-selfie", "selfie", 324, 960, 1280, 3, "Portrait selfie with the board behind",
		"Small text behind people still counts; ages and plans next to names identify patients too."),
	e("25-bedside", "bedside", 425, 1280, 960, 1, "Patient in bed",
		"A patient's face identifies them as surely as their name. The barcode on the wristband and the QR code on the drip label hold their numbers: blur the whole code."),
	e("26-specimen-codes", "specimen-codes", 426, 1280, 960, 1, "Specimen tubes on the desk",
		"Every barcode and QR code on a specimen or drug label encodes the patient's numbers, even if you cannot read them."),
	e("27-bedside", "bedside", 527, 1280, 960, 2, "Bedside, with a visitor",
		"Visitors' faces need their consent too; small codes in the corner of a photo still scan."),
	e("28-specimen-codes", "specimen-codes", 528, 960, 1280, 2, "Labels in a tray",
		"Codes photographed at an angle or in poor light can still be decoded by a phone."),
}

// Generate renders every scene of the deck into dir and removes deck files
// there that are no longer in the list. It returns how many scenes it wrote.
func Generate(dir string, quality int, progress func(name string)) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	keep := map[string]bool{}
	for _, en := range deck {
		if progress != nil {
			progress(en.name)
		}
		img, js, err := render(en, quality)
		if err != nil {
			return 0, err
		}
		for name, data := range map[string][]byte{en.name + ".jpg": img, en.name + ".json": js} {
			keep[name] = true
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				return 0, err
			}
		}
	}
	old, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	for _, f := range old {
		n := f.Name()
		ext := strings.ToLower(filepath.Ext(n))
		if !f.IsDir() && !keep[n] && (ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".json") {
			if err := os.Remove(filepath.Join(dir, n)); err != nil {
				return 0, err
			}
		}
	}
	return len(deck), nil
}

// sceneFile is the JSON layout internal/training reads.
type sceneFile struct {
	Scene      string            `json:"scene"`
	Title      string            `json:"title"`
	Tip        string            `json:"tip"`
	Difficulty int               `json:"difficulty"`
	Width      int               `json:"width"`
	Height     int               `json:"height"`
	Items      []json.RawMessage `json:"items"`
}

// render returns a scene's JPEG and JSON bytes.
func render(en entry, quality int) (img, js []byte, err error) {
	sc, err := synth.Render(en.spec)
	if err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, sc.Image, &jpeg.Options{Quality: quality}); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", en.name, err)
	}
	f := sceneFile{Scene: en.spec.Kind, Title: en.title, Tip: en.tip, Difficulty: en.spec.Difficulty,
		Width: sc.Image.Rect.Dx(), Height: sc.Image.Rect.Dy()}
	for _, it := range sc.Items {
		b, err := json.Marshal(it)
		if err != nil {
			return nil, nil, err
		}
		f.Items = append(f.Items, b)
	}
	js, err = marshalScene(f)
	return buf.Bytes(), js, err
}

// marshalScene indents the file but keeps each item on one line, so a diff
// of a regenerated deck shows one line per changed item.
func marshalScene(f sceneFile) ([]byte, error) {
	var b bytes.Buffer
	head, err := json.Marshal(struct {
		Scene      string `json:"scene"`
		Title      string `json:"title"`
		Tip        string `json:"tip"`
		Difficulty int    `json:"difficulty"`
		Width      int    `json:"width"`
		Height     int    `json:"height"`
	}{f.Scene, f.Title, f.Tip, f.Difficulty, f.Width, f.Height})
	if err != nil {
		return nil, err
	}
	var hb bytes.Buffer
	if err := json.Indent(&hb, head, "", "  "); err != nil {
		return nil, err
	}
	h := strings.TrimSuffix(strings.TrimSpace(hb.String()), "}")
	b.WriteString(strings.TrimRight(h, "\n") + ",\n  \"items\": [\n")
	for i, it := range f.Items {
		b.WriteString("    ")
		b.Write(it)
		if i < len(f.Items)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("  ]\n}\n")
	return b.Bytes(), nil
}
