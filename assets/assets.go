// Package assets holds data files bundled into the binary, so SafePost runs
// from anywhere without a data directory next to it.
package assets

import "embed"

// Names holds the name lists used by the person-name check: the open
// lists names/names.tsv.gz, names/words.txt.gz and names/namelike.bin,
// rebuilt from ../shared/data/names by go generate (see names/README.md),
// and the project's own names/forenames.txt and names/surnames.txt, one
// common name per line. These are common names, not identities.
//
//go:generate go run ./names/gen -data ../../shared/data/names -out names
//go:embed names/*.gz names/*.bin names/*.txt names/*.md
var Names embed.FS

// Fields holds the lexicon of personal field labels (fields/labels.tsv):
// the value beside or below such a label is personal whatever it reads.
//
//go:embed fields/labels.tsv
var Fields []byte

// Kinds is the registry of kinds of patient information (kinds.tsv): each
// ID a finding or region can carry, with the words a nurse reads for it.
//
//go:embed kinds.tsv
var Kinds []byte

// Cascades holds the face detector's trained cascade (OpenCV's LBP
// frontal-face cascade, with its licence in the file's header); see
// cascades/README.md.
//
//go:embed cascades/*.xml
var Cascades embed.FS

// Training holds the training deck: training/NAME.jpg, a generated ward
// photo, and training/NAME.json, its ground truth. Regenerate it with
// go generate ./internal/training.
//
//go:embed training
var Training embed.FS

// Icon is the app icon, a 512x512 PNG drawn by ui.IconImage; redraw it with
// go test ./ui -run TestIcon -write-icon ../assets/icon.png.
//
//go:embed icon.png
var Icon []byte
