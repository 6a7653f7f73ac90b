package attack

import (
	"fmt"
	"testing"

	"safepost/internal/pipeline"
	"safepost/internal/redact"
	"safepost/internal/scan"
)

// TestOneAreaPerValue: a value of several words is redacted as one area in
// every font and size, however wide the font's word space and whichever
// rule flagged each word. "Callum Da silva" in Comic Neue at 40 px was
// three areas (the forename found as a name, the rest by the field rule,
// their padded boxes 4 px apart), the last one's outline ended where the
// surname did, and the attack put it first in every trial.
func TestOneAreaPerValue(t *testing.T) {
	cs, _ := scannerAndNames(t)
	values := []Kind{
		{Name: "names", Prefix: "Name:", Values: []string{"Callum Da silva", "Anna van der Berg", "Jean de la Cruz", "Mo Li"}},
		{Name: "dates", Prefix: "DOB:", Values: []string{"12 March 1948", "03/11/1948"}},
	}
	for _, f := range Fonts {
		for _, capH := range []int{12, 24, 40, 60} {
			face, err := newFace(f, capH)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range values {
				lay := newLayout(face, capH, k.Prefix, k.Values)
				lay.face = face
				for _, v := range k.Values {
					t.Run(fmt.Sprintf("%s/%d/%s", f.Name, capH, v), func(t *testing.T) {
						lab := lay.render(k.Prefix, v)
						areas := pipeline.Areas(scan.Analyse(cs, lab.page, lab.img.Bounds()).Regions, redact.Fill)
						if len(areas) != 1 {
							t.Fatalf("%d areas, want 1: %+v", len(areas), areas)
						}
						if !lab.value.In(areas[0].Box) {
							t.Errorf("area %v does not hold the value %v", areas[0].Box, lab.value)
						}
					})
				}
			}
			face.Close()
		}
	}
}
