package checks

import (
	"os"
	"path/filepath"
	"testing"
)

var fuzzSeeds = []string{
	"", "Mrs Okafor", "Bed 3 Tomasz KOWALCZYK NBM EDD 14/11", "DOB 12/03/1948", "999 000 0018",
	"+44 (0)113 496 0000", "(212) 555-1234", "12 Elm Road LS1 4AP", "a@b.co", "MRN 00123456",
	"84y (84) aged 84 Happy 90th", "OKAFOR, Joan\n2 SMITH J DNACPR", "\xff\xfe 1\n\n\t", "999 OOO 0077",
	"Bed", "1 2 3 4 5 6 7 8 9 0", "B4 (", "+", "((((", "12th March '48", "Name:", "Mr.",
	"Derek, 71, Ivy (6) turns 103 at 101,", "Mohammed's wife Fatima, the Nowak family", "Tommy (bed 3), (SR3) side room 2",
	"john at gmail.com jo(at)nhs.net ward.manager@nhs.net", "2024-03-15T14:30Z 5-MAY-2021 eh12ng GIR 0AA",
	"Happy 78th birthday to the NHS! Aneurin Bevan", "ring the ward on 0113 496 0782", "Thursday 9 October 2025",
}

// fuzzCheck runs one check on fuzzed text, as typed text and as an OCR
// document, and checks it does not panic and its refs point at real words.
func fuzzCheck(f *testing.F, c Check) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, doc := range []Document{FromText(s), ocrDoc(splitLines(s)...)} {
			for _, fd := range c.Find(doc) {
				if len(fd.Words) == 0 {
					t.Fatalf("%s: finding with no words on %q", c.ID(), s)
				}
				for _, r := range fd.Words {
					if !validRef(doc, r) {
						t.Fatalf("%s: ref %v out of range on %q", c.ID(), r, s)
					}
				}
				if fd.Confidence < 0 || fd.Confidence > 1 {
					t.Fatalf("%s: confidence %v", c.ID(), fd.Confidence)
				}
				if doc.Source == SourceText {
					a, b, ok := fd.Span(doc)
					if !ok || a < 0 || b > len(s) || a > b {
						t.Fatalf("%s: bad span %d-%d %v on %q", c.ID(), a, b, ok, s)
					}
				}
			}
		}
	})
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func FuzzNHSNumber(f *testing.F)      { fuzzCheck(f, &NHSNumber{}) }
func FuzzCHINumber(f *testing.F)      { fuzzCheck(f, &CHINumber{}) }
func FuzzHCNumber(f *testing.F)       { fuzzCheck(f, &HCNumber{}) }
func FuzzHospitalNumber(f *testing.F) { fuzzCheck(f, &HospitalNumber{}) }
func FuzzDateOfBirth(f *testing.F)    { fuzzCheck(f, &DateOfBirth{}) }
func FuzzAge(f *testing.F)            { fuzzCheck(f, &Age{}) }
func FuzzBedNumber(f *testing.F)      { fuzzCheck(f, &BedNumber{}) }
func FuzzPersonName(f *testing.F)     { fuzzCheck(f, &PersonName{}) }
func FuzzPostcode(f *testing.F)       { fuzzCheck(f, &Postcode{}) }
func FuzzAddress(f *testing.F)        { fuzzCheck(f, &Address{}) }
func FuzzPhone(f *testing.F)          { fuzzCheck(f, &Phone{}) }
func FuzzEmail(f *testing.F)          { fuzzCheck(f, &Email{}) }
func FuzzPatientList(f *testing.F)    { fuzzCheck(f, &PatientList{}) }

func FuzzExtra(f *testing.F) {
	e, err := NewExtra(Pattern{ID: "local-id", Regex: `\bLTH\d{5}\b|x*`})
	if err != nil {
		f.Fatal(err)
	}
	fuzzCheck(f, e)
}

// FuzzScan runs the whole scanner, including dedupe and allow-lists.
func FuzzScan(f *testing.F) {
	cfg := DefaultConfig()
	cfg.Allow.StaffNames = []string{"Amy Clarke"}
	s, err := NewScanner(cfg)
	if err != nil {
		f.Fatal(err)
	}
	fuzzCheck(f, scanCheck{s})
}

// scanCheck lets the fuzz helper drive a Scanner.
type scanCheck struct{ s *Scanner }

func (scanCheck) ID() string                    { return "scan" }
func (scanCheck) Description() string           { return "the whole scanner" }
func (c scanCheck) Find(doc Document) []Finding { return c.s.Scan(doc) }

func FuzzLoadConfig(f *testing.F) {
	example, _ := os.ReadFile(filepath.Join("testdata", "config.example.toml"))
	for _, s := range []string{string(example), "", "min_confidence = 0.9", "[[pattern]]\nid='a'\nregex='('",
		"[allow]\nwords=['x']", "[[pattern]]\nid='x-y'\nregex='\\\\d+'\nconfidence=7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		cfg, err := ParseConfig("fuzz.toml", []byte(data))
		if err != nil {
			return
		}
		s, err := NewScanner(cfg)
		if err != nil {
			t.Fatalf("ParseConfig accepted a config NewScanner rejects: %v", err)
		}
		s.Scan(FromText("Mrs Okafor DOB 12/03/1948 x"))
	})
}
