package checks

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"safepost/assets"
)

// The IDs of the kinds of patient information, as they appear in
// Finding.Check and a region's kinds. Each is a line of assets/kinds.tsv,
// which holds the words people read for it.
const (
	KindPersonName     = "person-name"
	KindNHSNumber      = "nhs-number"
	KindCHINumber      = "chi-number"
	KindHCNumber       = "hc-number"
	KindHospitalNumber = "hospital-number"
	KindLongNumber     = "long-number"
	KindDateOfBirth    = "date-of-birth"
	KindAge            = "age"
	KindBedNumber      = "bed-number"
	KindAddress        = "address"
	KindPostcode       = "postcode"
	KindPhone          = "phone"
	KindEmail          = "email"
	KindPatientList    = "patient-list"
	// Layout kinds: text covered because of where it sits (internal/scan).
	KindContext    = "context"
	KindFieldValue = "field-value"
	KindSameValue  = "same-value"
	// Picture kinds (internal/faces, internal/codes).
	KindFace    = "face"
	KindBarcode = "barcode"
	KindQRCode  = "qr-code"
	// KindManual marks an area a person drew.
	KindManual = "manual"
	// KindScanError is ScanErrorID: a check failed, so the whole reading
	// is treated as patient information.
	KindScanError = ScanErrorID
)

// KindInfo is one kind of patient information in the registry.
type KindInfo struct {
	ID string
	// Label is what a nurse reads for it, singular: "Name", "NHS number".
	Label string
	// Family is what the detail is: name, identifier, date, place,
	// contact, list, nearby, picture, manual or error.
	Family string
	// Colour is the review's outline colour group: name, number, date,
	// list, contact, manual or other.
	Colour string
	// Picture marks kinds found in the picture itself (a face, a code).
	Picture bool
}

// KindFamilies and ColourGroups are the values the registry may use.
var (
	KindFamilies = []string{"name", "identifier", "date", "place", "contact", "list", "nearby", "picture", "manual", "error"}
	ColourGroups = []string{"name", "number", "date", "list", "contact", "manual", "other"}
)

// OtherKindLabel is what is shown for a kind the registry does not hold: a
// trust's own pattern from its config file.
const OtherKindLabel = "Matches a pattern from your trust's settings"

// ParseKinds reads a kinds registry: one kind per line,
// id<TAB>label<TAB>family<TAB>colour<TAB>yes|no; blank lines and lines
// starting with # are skipped. name is used in error messages.
func ParseKinds(name string, data []byte) ([]KindInfo, error) {
	var out []KindInfo
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 5 {
			return nil, fmt.Errorf("%s line %d: want id<TAB>label<TAB>family<TAB>colour<TAB>yes|no, got %d columns", name, n, len(cols))
		}
		k := KindInfo{ID: cols[0], Label: strings.TrimSpace(cols[1]), Family: cols[2], Colour: cols[3], Picture: cols[4] == "yes"}
		switch {
		case !kebab.MatchString(k.ID):
			return nil, fmt.Errorf("%s line %d: ID %q is not kebab-case", name, n, k.ID)
		case seen[k.ID]:
			return nil, fmt.Errorf("%s line %d: ID %q is listed twice", name, n, k.ID)
		case k.Label == "" || k.Label == k.ID:
			return nil, fmt.Errorf("%s line %d: %q needs a label a nurse can read", name, n, k.ID)
		case !contains(KindFamilies, k.Family):
			return nil, fmt.Errorf("%s line %d: family %q is not one of %s", name, n, k.Family, strings.Join(KindFamilies, ", "))
		case !contains(ColourGroups, k.Colour):
			return nil, fmt.Errorf("%s line %d: colour %q is not one of %s", name, n, k.Colour, strings.Join(ColourGroups, ", "))
		case cols[4] != "yes" && cols[4] != "no":
			return nil, fmt.Errorf("%s line %d: picture must be yes or no, not %q", name, n, cols[4])
		}
		seen[k.ID] = true
		out = append(out, k)
	}
	return out, sc.Err()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// registry is the bundled assets/kinds.tsv, in file order and by ID.
var registry, registryByID = func() ([]KindInfo, map[string]KindInfo) {
	ks, err := ParseKinds("assets/kinds.tsv", assets.Kinds)
	if err != nil {
		// The bundled file is tested; a broken build must not show raw
		// IDs or lose its colours.
		panic(err)
	}
	by := make(map[string]KindInfo, len(ks))
	for _, k := range ks {
		by[k.ID] = k
	}
	return ks, by
}()

// Kinds returns every registered kind, in the registry's order.
func Kinds() []KindInfo { return append([]KindInfo(nil), registry...) }

// Kind returns the registry's entry for id.
func Kind(id string) (KindInfo, bool) {
	k, ok := registryByID[id]
	return k, ok
}

// KindLabel returns the words a nurse reads for a kind ID ("Name" for
// "person-name"). An ID the registry does not hold, which only a trust's
// own config pattern can give, reads OtherKindLabel, never the raw ID.
func KindLabel(id string) string {
	if k, ok := registryByID[id]; ok {
		return k.Label
	}
	return OtherKindLabel
}

// KindLabels returns the labels of a region's kinds joined by ", ", each
// once, in the order given.
func KindLabels(ids []string) string {
	var out []string
	for _, id := range ids {
		if l := KindLabel(id); !contains(out, l) {
			out = append(out, l)
		}
	}
	return strings.Join(out, ", ")
}

// KindColour returns the outline colour group of a region with these
// kinds: its first kind's, or "other".
func KindColour(ids []string) string {
	if len(ids) > 0 {
		if k, ok := registryByID[ids[0]]; ok {
			return k.Colour
		}
	}
	return "other"
}
