package ui

import (
	"testing"

	"safepost/checks"
)

// Every colour group of the kinds registry has an outline colour, and the
// groups have different colours, so no registered kind is drawn in a
// colour the review does not define.
func TestKindColours(t *testing.T) {
	seen := map[[4]uint8]string{}
	for _, g := range checks.ColourGroups {
		c, ok := groupColours[g]
		if !ok {
			t.Errorf("colour group %q has no colour", g)
			continue
		}
		if o, dup := seen[[4]uint8{c.R, c.G, c.B, c.A}]; dup {
			t.Errorf("colour groups %q and %q share a colour", o, g)
		}
		seen[[4]uint8{c.R, c.G, c.B, c.A}] = g
	}
	if len(groupColours) != len(checks.ColourGroups) {
		t.Errorf("%d colours for %d colour groups", len(groupColours), len(checks.ColourGroups))
	}
	if kindColour([]string{checks.KindPatientList}) != groupColours["list"] || kindColour([]string{"local-mrn"}) != groupColours["other"] {
		t.Error("kindColour does not follow the registry's colour groups")
	}
}
