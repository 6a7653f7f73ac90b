package review

import (
	"image"
	"reflect"
	"testing"

	"safepost/checks"
	"safepost/internal/decisions"
	"safepost/internal/redact"
	"safepost/internal/scan"
)

func face() Region {
	return Region{Region: scan.Region{Box: image.Rect(300, 50, 360, 120), Kinds: []string{checks.KindFace},
		Reason: "Looks like a face", Confidence: 0.8, TextHeight: 12, Source: "image"}, Style: redact.Blur}
}

// TestStoredRoundTrip: a region stored for a decision comes back as it
// was, outline and word boxes included (the command line used to lose
// them and blur whole bounding boxes).
func TestStoredRoundTrip(t *testing.T) {
	leftClear := face()
	leftClear.Off, leftClear.Why = true, "Colleague, consented"
	drawn := Draw(image.Rect(5, 5, 25, 15), redact.Fill)
	drawn.Why = "Wristband the scan missed"
	value := Region{Region: scan.Region{Box: image.Rect(40, 60, 120, 74), Kinds: []string{checks.KindFieldValue},
		Reason: "Looks like a name after the label “Surname”", Field: "name", Confidence: 0.8, TextHeight: 14, Source: "layout"},
		Style: redact.Blur}
	cases := map[string][]Region{
		"a field's value":     {value},
		"turned row":          {turned()},
		"face left clear":     {leftClear},
		"drawn with a reason": {drawn},
		"all three, in order": {turned(), leftClear, drawn},
		"none":                {},
	}
	for name, regions := range cases {
		stored := Stored(regions)
		r := decisions.Record{Hash: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", Decision: decisions.Approved, Regions: stored}
		if err := r.Validate(); err != nil {
			t.Errorf("%s: the store refuses it: %v", name, err)
		}
		if got := FromStored(stored); !reflect.DeepEqual(got, regions) {
			t.Errorf("%s: round trip\n got %+v\nwant %+v", name, got, regions)
		}
	}
}

// TestFromStoredOldRecord: a record from before the engine's reason and
// outline were kept still reads sensibly and is blurred over its box.
func TestFromStoredOldRecord(t *testing.T) {
	got := FromStored([]decisions.Region{
		{Box: [4]int{0, 0, 10, 10}, Kinds: []string{"person-name"}, Source: "ocr", Style: "blur"},
		{Box: [4]int{0, 20, 10, 30}, Kinds: []string{"manual"}, Source: "manual", Added: true, Style: "sparkle"},
	})
	if got[0].Reason != "Blurred in an earlier review" || got[0].Turned() || got[0].Words != nil {
		t.Errorf("old scanned region: %+v", got[0])
	}
	if got[1].Reason != "Drawn by you" || !got[1].Drawn() || got[1].Style != redact.Blur {
		t.Errorf("old drawn region with an unknown style: %+v", got[1])
	}
}

// TestReapply: what of a stored review reaches a new scan, by decision
// and use.
func TestReapply(t *testing.T) {
	name := Region{Region: scan.Region{Box: image.Rect(0, 0, 10, 10), Kinds: []string{"person-name"}, Source: "ocr", Reason: "Looks like a name"}, Style: redact.Blur}
	nhs := Region{Region: scan.Region{Box: image.Rect(0, 20, 10, 30), Kinds: []string{"nhs-number"}, Source: "ocr", Reason: "NHS number"}, Style: redact.Blur}
	unblurred := name
	unblurred.Off, unblurred.Why = true, "Staff badge"
	drawn := Draw(image.Rect(50, 50, 60, 60), redact.Fill)
	drawn.Why = "missed"
	gone := Region{Region: scan.Region{Box: image.Rect(70, 70, 80, 80), Kinds: []string{"date-of-birth"}, Source: "ocr"}, Style: redact.Pixelate}
	stored := Stored([]Region{unblurred, nhs, drawn, gone})
	scanned := []Region{name, nhs}
	cases := []struct {
		name     string
		decision decisions.Decision
		use      Use
		off      bool // the name is left clear
		n        int  // regions after
	}{
		{"reviewing, undecided", decisions.Undecided, Reviewing, true, 4},
		{"reviewing, needs changes", decisions.NeedsChanges, Reviewing, true, 4},
		{"exporting, approved", decisions.Approved, Exporting, true, 4},
		{"exporting, needs changes", decisions.NeedsChanges, Exporting, false, 3},
		{"exporting, rejected", decisions.Rejected, Exporting, false, 3},
		{"exporting, undecided", decisions.Undecided, Exporting, false, 3},
	}
	for _, c := range cases {
		rec := &decisions.Record{Decision: c.decision, Regions: stored}
		got := Reapply(scanned, rec, c.use)
		if len(got) != c.n {
			t.Fatalf("%s: %d regions, want %d", c.name, len(got), c.n)
		}
		if got[0].Off != c.off {
			t.Errorf("%s: name left clear = %v, want %v", c.name, got[0].Off, c.off)
		}
		if c.off && got[0].Why != "Staff badge" {
			t.Errorf("%s: the un-blur's reason was lost: %q", c.name, got[0].Why)
		}
		if got[0].Reason != "Looks like a name" {
			t.Errorf("%s: the scan's reason was lost: %q", c.name, got[0].Reason)
		}
		if d := got[2]; !d.Drawn() || d.Style != redact.Fill || d.Off {
			t.Errorf("%s: the drawn area is %+v", c.name, d)
		}
		if c.n == 4 && (got[3].Box != gone.Box || got[3].Off) {
			t.Errorf("%s: an area the new scan no longer finds is not kept blurred: %+v", c.name, got[3])
		}
	}
	if got := Reapply(scanned, nil, Exporting); !reflect.DeepEqual(got, scanned) {
		t.Error("no record changed the scan")
	}
	if got := DrawnOnly(&decisions.Record{Regions: stored}); len(got) != 1 || !got[0].Drawn() {
		t.Errorf("DrawnOnly = %+v", got)
	}
}
