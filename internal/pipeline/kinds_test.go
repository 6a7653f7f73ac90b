package pipeline

import (
	"testing"

	"safepost/checks"
	"safepost/internal/codes"
	"safepost/internal/faces"
	"safepost/internal/scan"
)

// TestKindsEmitted: every kind a check, a layout rule or a picture
// detector emits is in the kinds registry (assets/kinds.tsv), so the UI and
// the reports always have words for it; and every registered kind is
// emitted by one of them, or is the kind of an area a person draws.
func TestKindsEmitted(t *testing.T) {
	emitters := map[string][]string{} // kind -> who emits it
	add := func(who string, kinds ...string) {
		for _, k := range kinds {
			emitters[k] = append(emitters[k], who)
		}
	}
	for _, c := range checks.All() {
		add("check "+c.ID(), c.ID())
	}
	add("the checks' scanner, when a check fails", checks.ScanErrorID)
	for _, r := range scan.Rules() {
		add("layout rule "+r.Name, r.Kinds...)
	}
	add("the face detector", faces.Kinds()...)
	add("the code scanner", codes.Kinds()...)

	for k, who := range emitters {
		info, ok := checks.Kind(k)
		if !ok {
			t.Errorf("%q (emitted by %v) is not in assets/kinds.tsv", k, who)
			continue
		}
		if info.Family == "manual" {
			t.Errorf("%q is emitted by %v but its family is manual (drawn by a person)", k, who)
		}
	}
	for _, k := range checks.Kinds() {
		if len(emitters[k.ID]) == 0 && k.Family != "manual" {
			t.Errorf("%q is in assets/kinds.tsv but nothing emits it; remove it, or mark it family manual if only a person makes it", k.ID)
		}
		if want := k.Family == "picture"; want != k.Picture {
			t.Errorf("%q: picture %v, family %q", k.ID, k.Picture, k.Family)
		}
	}
	for _, k := range append(faces.Kinds(), codes.Kinds()...) {
		if info, _ := checks.Kind(k); !info.Picture {
			t.Errorf("%q comes from the picture but is not marked picture in assets/kinds.tsv", k)
		}
	}
	if info, ok := checks.Kind(checks.KindManual); !ok || info.Family != "manual" {
		t.Errorf("%q, the kind of a drawn area, is not registered as family manual", checks.KindManual)
	}
}
