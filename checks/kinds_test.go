package checks

import (
	"strings"
	"testing"

	"safepost/assets"
)

// The bundled registry parses, and each line is well-formed: a kebab-case
// ID listed once, a label that is not the ID, a known family and colour
// group, and picture kinds only in the picture family.
func TestKindsRegistry(t *testing.T) {
	ks, err := ParseKinds("assets/kinds.tsv", assets.Kinds)
	if err != nil {
		t.Fatal(err)
	}
	if len(ks) < 20 {
		t.Fatalf("%d kinds registered, want every kind SafePost emits", len(ks))
	}
	for _, k := range ks {
		if strings.Contains(k.Label, "-") && !strings.Contains(k.Label, " ") {
			t.Errorf("%s: label %q reads like an ID", k.ID, k.Label)
		}
		if k.Picture != (k.Family == "picture") {
			t.Errorf("%s: picture %v but family %q", k.ID, k.Picture, k.Family)
		}
		if got, ok := Kind(k.ID); !ok || got != k {
			t.Errorf("Kind(%q) = %+v, %v", k.ID, got, ok)
		}
		if KindLabel(k.ID) != k.Label {
			t.Errorf("KindLabel(%q) = %q, want %q", k.ID, KindLabel(k.ID), k.Label)
		}
	}
	// Every built-in check's ID is registered (the detectors' and layout
	// rules' are checked in internal/pipeline, which sees them all).
	for _, c := range All() {
		if _, ok := Kind(c.ID()); !ok {
			t.Errorf("check %s is not in assets/kinds.tsv", c.ID())
		}
	}
	if _, ok := Kind(ScanErrorID); !ok {
		t.Errorf("%s is not in assets/kinds.tsv", ScanErrorID)
	}
}

func TestParseKindsRejects(t *testing.T) {
	for _, tt := range []struct{ name, line string }{
		{"columns", "face\tFace\tpicture\tother"},
		{"kebab", "Face\tFace\tpicture\tother\tyes"},
		{"label", "face\t \tpicture\tother\tyes"},
		{"label is the ID", "face\tface\tpicture\tother\tyes"},
		{"family", "face\tFace\tphoto\tother\tyes"},
		{"colour", "face\tFace\tpicture\tpink\tyes"},
		{"picture", "face\tFace\tpicture\tother\ttrue"},
		{"duplicate", "face\tFace\tpicture\tother\tyes\nface\tA face\tpicture\tother\tyes"},
	} {
		if _, err := ParseKinds("test", []byte("# comment\n\n"+tt.line+"\n")); err == nil {
			t.Errorf("%s: %q accepted", tt.name, tt.line)
		}
	}
}

// A kind the registry does not hold (a trust's own pattern) reads as words,
// never as its ID; a region's labels are listed once each.
func TestKindLabel(t *testing.T) {
	if got := KindLabel("local-mrn"); got != OtherKindLabel {
		t.Errorf("KindLabel(local-mrn) = %q", got)
	}
	if got := KindLabels([]string{KindPersonName, KindDateOfBirth, "local-mrn", "other-ref"}); got != "Name, Date of birth, "+OtherKindLabel {
		t.Errorf("KindLabels = %q", got)
	}
	for _, tt := range []struct {
		ids  []string
		want string
	}{{nil, "other"}, {[]string{KindPersonName, KindAge}, "name"}, {[]string{KindManual}, "manual"}, {[]string{"local-mrn"}, "other"}} {
		if got := KindColour(tt.ids); got != tt.want {
			t.Errorf("KindColour(%v) = %q, want %q", tt.ids, got, tt.want)
		}
	}
}
