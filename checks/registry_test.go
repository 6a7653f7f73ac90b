package checks

import (
	"io/fs"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Every check type in the package must be registered in All, with a unique
// kebab-case ID and a description. Add new checks to this list.
func TestRegistry(t *testing.T) {
	want := []string{"address", "age", "bed-number", "chi-number", "date-of-birth", "email", "hc-number", "hospital-number",
		"long-number", "nhs-number", "patient-list", "person-name", "phone", "postcode"}
	var got []string
	seen := map[string]bool{}
	for _, c := range All() {
		id := c.ID()
		if seen[id] {
			t.Errorf("duplicate ID %q", id)
		}
		seen[id] = true
		if !kebab.MatchString(id) {
			t.Errorf("ID %q is not kebab-case", id)
		}
		if c.Description() == "" {
			t.Errorf("%s has no description", id)
		}
		if _, ok := c.(lineFinder); !ok {
			t.Errorf("%s does not share the scanner's line index", id)
		}
		got = append(got, id)
	}
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("registered checks (-want +got):\n%s", diff)
	}
}

func TestGazetteer(t *testing.T) {
	for _, f := range []string{"names/forenames.txt", "names/surnames.txt"} {
		if _, err := fs.Stat(assetsFS, f); err != nil {
			t.Error(err)
		}
	}
	g := names()
	if len(g.forenames) < 400 || len(g.surnames) < 400 {
		t.Errorf("gazetteer too small: %d forenames, %d surnames", len(g.forenames), len(g.surnames))
	}
	for _, n := range []string{"siobhan", "priya", "chidi", "tomasz", "wei", "fatima", "hodan"} {
		if !g.forenames[n] {
			t.Errorf("forename %q missing", n)
		}
	}
}
