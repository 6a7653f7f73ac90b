package checks

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// findingKey is what the post-level tests compare: check and words.
type findingKey struct{ Check, Words string }

func keys(doc Document, fs []Finding) []findingKey {
	out := []findingKey{}
	for _, f := range fs {
		var ws []string
		for _, r := range f.Words {
			ws = append(ws, doc.Lines[r.Line].Words[r.Word].Text)
		}
		out = append(out, findingKey{f.Check, strings.Join(ws, " ")})
	}
	return out
}

// typedOnly are findings of TestPosts's posts in typed text only, after
// the others (see BedNumber).
var typedOnly = map[string][]findingKey{
	"Happy 90th to Mrs Okafor in bed 4!": {{"bed-number", "bed 4!"}},
}

// TestPosts runs whole posts through the scanner: what a nurse types.
func TestPosts(t *testing.T) {
	cases := []struct {
		text string
		want []findingKey
	}{
		{"Ward 7 hit 100 days without a fall!", nil},
		{"Huge thanks to the team on Ward 7 #NHS #TeamWard7 @NHSEngland", nil},
		{"Visiting times 2pm - 8pm", nil},
		{"Hand hygiene saves lives", nil},
		{"Thanks Amy! Great shift today", nil},
		{"Happy 90th to Mrs Okafor in bed 4!", []findingKey{{"age", "90th"}, {"person-name", "Mrs Okafor"}}},
		{"Bed 3 Tomasz KOWALCZYK NBM EDD 14/11", []findingKey{
			{"patient-list", "Bed 3 Tomasz KOWALCZYK NBM EDD 14/11"}, {"person-name", "Tomasz KOWALCZYK"}}},
		{"DOB 12/03/1948", []findingKey{{"date-of-birth", "12/03/1948"}}},
		{"Joan Okafor, NHS 999 000 0018, DOB 12/03/1948, 12 Elm Road LS1 4AP, 07700 900123", []findingKey{
			{"person-name", "Joan Okafor,"}, {"nhs-number", "999 000 0018,"}, {"date-of-birth", "12/03/1948,"},
			{"address", "12 Elm Road"}, {"postcode", "LS1 4AP,"}, {"phone", "07700 900123"}}},
	}
	s, err := NewScanner(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		for _, doc := range []Document{FromText(tc.text), ocrDoc(tc.text)} {
			got := keys(doc, s.Scan(doc))
			want := append([]findingKey{}, tc.want...)
			if doc.Source == SourceText {
				want = append(want, typedOnly[tc.text]...)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s %q (-want +got):\n%s", doc.Source, tc.text, diff)
			}
		}
	}
}

func TestScannerSourceAndSpan(t *testing.T) {
	s, _ := NewScanner(DefaultConfig())
	text := "Mrs Okafor\nDOB 12/03/1948"
	doc := FromText(text)
	fs := s.Scan(doc)
	if len(fs) != 2 {
		t.Fatalf("got %v", fs)
	}
	for _, f := range fs {
		if f.Source != SourceText {
			t.Errorf("%v: source %q", f, f.Source)
		}
		a, b, ok := f.Span(doc)
		if !ok || text[a:b] != f.Match {
			t.Errorf("%v: span %d-%d %v does not give the match", f, a, b, ok)
		}
	}
	ocr := ocrDoc("Mrs Okafor")
	for _, f := range s.Scan(ocr) {
		if f.Source != SourceOCR || f.Box(ocr).Empty() {
			t.Errorf("%v: source %q box %v", f, f.Source, f.Box(ocr))
		}
	}
}

func TestScannerAllowList(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Allow.StaffNames = []string{"Amy Clarke"}
	cfg.Allow.WardNames = []string{"Okafor Ward"}
	s, err := NewScanner(cfg)
	if err != nil {
		t.Fatal(err)
	}
	doc := FromText("Well done Amy Clarke and AMY CLARKE! Mrs Clarke in bed 2, Amy Smith too")
	got := matchesOf(s.Scan(doc), "person-name", doc)
	want := []string{"Amy Smith", "Mrs Clarke"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("allow-list (-want +got):\n%s", diff)
	}
}

func TestScannerMinConfidence(t *testing.T) {
	doc := FromText("Fun run on 12/03/2025")
	for _, tc := range []struct {
		min  float64
		want int
	}{{0, 1}, {0.5, 1}, {0.7, 0}} {
		s, _ := NewScanner(Config{MinConfidence: tc.min})
		if got := len(s.Scan(doc)); got != tc.want {
			t.Errorf("min %.1f: %d findings, want %d", tc.min, got, tc.want)
		}
	}
}

func TestScannerExtraPattern(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Patterns = []Pattern{{ID: "local-id", Regex: `\bLTH\d{5}\b`, Reason: "Local trust number", Confidence: 0.9}}
	s, err := NewScanner(cfg)
	if err != nil {
		t.Fatal(err)
	}
	doc := ocrDoc("ref LTH12345 ok")
	if got := matchesOf(s.Scan(doc), "local-id", doc); !cmp.Equal(got, []string{"LTH12345"}) {
		t.Errorf("got %v", got)
	}
	for _, bad := range []Pattern{{ID: "nhs-number", Regex: "x"}, {ID: "Bad ID", Regex: "x"}, {ID: "ok", Regex: "("}} {
		if _, err := NewScanner(Config{Patterns: []Pattern{bad}}); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

// A panicking check must not let text through: the scanner reports the
// whole document.
func TestScannerFailsClosed(t *testing.T) {
	s := &Scanner{checks: []Check{panicky{}}, minConf: 0.5}
	doc := FromText("two words")
	fs := s.Scan(doc)
	if len(fs) != 1 || fs[0].Check != ScanErrorID || len(fs[0].Words) != 2 {
		t.Errorf("got %v", fs)
	}
}

type panicky struct{}

func (panicky) ID() string              { return "panicky" }
func (panicky) Description() string     { return "panics" }
func (panicky) Find(Document) []Finding { panic("boom") }

func BenchmarkScan300Lines(b *testing.B) {
	var ls []string
	for i := 0; i < 300; i++ {
		ls = append(ls, "4 OKAFOR J 84y NBM 999 000 0018 DOB 12/03/1948 LS1 4AP Welcome to Ward 7")
	}
	doc := ocrDoc(ls...)
	s, _ := NewScanner(DefaultConfig())
	b.ReportAllocs()
	for b.Loop() {
		s.Scan(doc)
	}
}
