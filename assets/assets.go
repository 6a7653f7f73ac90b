// Package assets holds data files bundled into the binary, so SafePost runs
// from anywhere without a data directory next to it.
package assets

import "embed"

// Names holds the name gazetteer used by the person-name check:
// names/forenames.txt and names/surnames.txt, one common name per line.
// These are common names, not identities.
//
//go:embed names
var Names embed.FS
