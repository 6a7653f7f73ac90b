package decisions

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"
)

func hashOf(s string) string { return HashBytes([]byte(s)) }

func sample(hash string) Record {
	return Record{
		Hash:     hash,
		Decision: Approved,
		Check:    Verified,
		Regions: []Region{
			{Box: [4]int{10, 20, 110, 40}, Kinds: []string{"person-name"}, Source: "ocr", TextHeight: 18, Style: "blur"},
			{Box: [4]int{10, 50, 90, 70}, Kinds: []string{"person-name"}, Source: "ocr", TextHeight: 18, Style: "blur", Off: true, Reason: "Staff name badge, consented"},
			{Box: [4]int{200, 20, 260, 60}, Kinds: []string{"manual"}, Source: "manual", TextHeight: 40, Style: "fill", Added: true, Reason: "Wristband the scan missed"},
		},
		Reason:   "Checked the whiteboard",
		Reviewer: "Alex Reviewer",
		Time:     time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC),
	}
}

func TestPersistsAcrossReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	want := sample(hashOf("photo one"))
	if err := s.Put(want); err != nil {
		t.Fatal(err)
	}
	other := Record{Hash: hashOf("photo two"), Decision: Rejected, Reviewer: "Alex Reviewer"}
	if err := s.Put(other); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// A second process (here: a second open) sees the same records.
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Get(want.Hash)
	if err != nil || !ok {
		t.Fatalf("Get after reopen: ok=%v err=%v", ok, err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("record after reopen (-want +got):\n%s", diff)
	}
	got2, _, _ := s.Get(other.Hash)
	if got2.Decision != Rejected || got2.Time.IsZero() {
		t.Errorf("second record: %+v (a zero time must be set to now)", got2)
	}
	if n, _ := s.Len(); n != 2 {
		t.Errorf("Len = %d, want 2", n)
	}
	if _, ok, _ := s.Get(hashOf("never stored")); ok {
		t.Error("found a record that was never stored")
	}
	if err := s.Delete(other.Hash); err != nil {
		t.Fatal(err)
	}
	s.Close()

	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, ok, _ := ro.Get(other.Hash); ok {
		t.Error("deleted record came back")
	}
	if err := ro.Put(sample(hashOf("x"))); err == nil {
		t.Error("Put on a read-only store succeeded")
	}
}

func TestFileHoldsNoPatientText(t *testing.T) {
	// The reasons are the only free text; the file must not contain
	// anything else a test could mistake for a name or number.
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(sample(hashOf("p"))); err != nil {
		t.Fatal(err)
	}
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"Okafor", "943 476", "9434765919", "photo"} {
		if strings.Contains(string(data), bad) {
			t.Errorf("database file contains %q", bad)
		}
	}
}

func TestValidate(t *testing.T) {
	good := sample(hashOf("v"))
	cases := map[string]func(r *Record){
		"bad hash":               func(r *Record) { r.Hash = "photo.jpg" },
		"upper-case hash":        func(r *Record) { r.Hash = strings.ToUpper(r.Hash) },
		"auto stored":            func(r *Record) { r.Decision = Auto },
		"unknown decision":       func(r *Record) { r.Decision = "maybe" },
		"unknown check":          func(r *Record) { r.Check = "fine" },
		"text in a kind":         func(r *Record) { r.Regions[0].Kinds = []string{"Joan Okafor"} },
		"text in a source":       func(r *Record) { r.Regions[0].Source = "Mrs Okafor" },
		"text in a style":        func(r *Record) { r.Regions[0].Style = "943 476 5919" },
		"long reason":            func(r *Record) { r.Reason = strings.Repeat("x", MaxReason+1) },
		"two-line reason":        func(r *Record) { r.Regions[1].Reason = "line one\nline two" },
		"long reviewer":          func(r *Record) { r.Reviewer = strings.Repeat("x", MaxReviewer+1) },
		"invalid utf8":           func(r *Record) { r.Reason = "\xff" },
		"nul in the reason":      func(r *Record) { r.Reason = "a\x00b" },
		"three-corner quad":      func(r *Record) { r.Regions[0].Quad = []int{1, 2, 3, 4, 5, 6} },
		"long engine reason":     func(r *Record) { r.Regions[0].Found = strings.Repeat("x", maxFound+1) },
		"two-line engine reason": func(r *Record) { r.Regions[0].Found = "a\nb" },
		"too many words":         func(r *Record) { r.Regions[0].Words = make([][4]int, maxWords+1) },
	}
	if err := good.Validate(); err != nil {
		t.Fatalf("the sample is invalid: %v", err)
	}
	// Every source the engine gives a region is storable: a reviewer
	// who leaves a colleague's face clear must be able to save it.
	for _, src := range []string{"ocr", "layout", "image", "barcode", "manual"} {
		r := sample(hashOf("v"))
		r.Regions[0].Source = src
		r.Regions[0].Quad = []int{1, 2, 3, 2, 3, 4, 1, 4}
		r.Regions[0].Words = [][4]int{{1, 2, 3, 4}}
		r.Regions[0].Found = "Looks like a face"
		if err := r.Validate(); err != nil {
			t.Errorf("source %s: %v", src, err)
		}
	}
	s, err := Open(filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for name, mutate := range cases {
		r := sample(hashOf("v"))
		mutate(&r)
		if err := s.Put(r); err == nil {
			t.Errorf("%s: Put accepted it", name)
		}
	}
	if n, _ := s.Len(); n != 0 {
		t.Errorf("%d invalid records were stored", n)
	}
}

func TestCleanReason(t *testing.T) {
	got := CleanReason("  staff\nname \x00 badge  ")
	if got != "staff name badge" {
		t.Errorf("CleanReason = %q", got)
	}
	if n := len([]rune(CleanReason(strings.Repeat("é", 500)))); n != MaxReason {
		t.Errorf("CleanReason kept %d characters", n)
	}
}

func TestConcurrentUse(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				h := hashOf(fmt.Sprintf("img-%d", i))
				r := sample(h)
				r.Reviewer = fmt.Sprintf("reviewer %d", g)
				if err := s.Put(r); err != nil {
					errs <- err
					return
				}
				if _, ok, err := s.Get(h); err != nil || !ok {
					errs <- fmt.Errorf("get after put: ok=%v err=%v", ok, err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, _ := s.Len(); n != 10 {
		t.Errorf("Len = %d, want 10", n)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := OpenReadOnly(filepath.Join(dir, FileName)); !errors.Is(err, ErrNoStore) {
		t.Errorf("read-only open of a missing file: %v, want ErrNoStore", err)
	}
	old := lockWait
	lockWait = 50 * time.Millisecond
	defer func() { lockWait = old }()
	path := filepath.Join(dir, FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Something (an older SafePost, a stuck process) holds the file's lock
	// past the wait: every way in says so in words a user can act on.
	held, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, openErr := Open(path)
	_, roErr := OpenReadOnly(path)
	_, _, getErr := s.Get(hashOf("x"))
	putErr := s.Put(sample(hashOf("x")))
	held.Close()
	for name, err := range map[string]error{"Open": openErr, "OpenReadOnly": roErr, "Get": getErr, "Put": putErr} {
		if err == nil || !strings.Contains(err.Error(), "in use by another SafePost") || !strings.Contains(err.Error(), "try again") {
			t.Errorf("%s while the lock is held: %v", name, err)
		}
	}
	// Once it lets go, the same Store works again.
	if err := s.Put(sample(hashOf("x"))); err != nil {
		t.Errorf("Put after the lock is released: %v", err)
	}
	s.Close()
	if _, _, err := s.Get(hashOf("x")); err == nil {
		t.Error("Get on a closed Store succeeded")
	}
	// A file that is not a database.
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("not a database, just some words in a file"), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, open := range map[string]func(string) (*Store, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
		if _, err := open(junk); err == nil || !strings.Contains(err.Error(), "not a SafePost decisions file") {
			t.Errorf("%s of a junk file: %v", name, err)
		}
	}
}

func TestHashAndDefaultPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.jpg")
	if err := os.WriteFile(path, []byte("pixels"), 0o600); err != nil {
		t.Fatal(err)
	}
	h, err := HashFile(path)
	if err != nil || h != HashBytes([]byte("pixels")) || len(h) != 64 {
		t.Errorf("HashFile = %q, %v", h, err)
	}
	if _, err := HashFile(path + ".missing"); err == nil {
		t.Error("hashing a missing file succeeded")
	}
	t.Setenv(EnvDataDir, "/some/dir")
	if p, _ := DefaultPath(); p != filepath.Join("/some/dir", FileName) {
		t.Errorf("DefaultPath with %s = %q", EnvDataDir, p)
	}
	t.Setenv(EnvDataDir, "")
	if p, err := DefaultPath(); err == nil && !strings.HasSuffix(p, filepath.Join("safepost", FileName)) {
		t.Errorf("DefaultPath = %q", p)
	}
}

func TestReapply(t *testing.T) {
	name := Region{Box: [4]int{0, 0, 10, 10}, Kinds: []string{"person-name"}, Source: "ocr", Style: "blur"}
	nhs := Region{Box: [4]int{0, 20, 10, 30}, Kinds: []string{"nhs-number"}, Source: "ocr", Style: "blur"}
	offName := name
	offName.Off, offName.Reason = true, "staff badge"
	drawn := Region{Box: [4]int{50, 50, 60, 60}, Kinds: []string{"manual"}, Source: "manual", Added: true, Style: "fill", Reason: "missed"}
	gone := Region{Box: [4]int{70, 70, 80, 80}, Kinds: []string{"date-of-birth"}, Source: "ocr", Style: "pixelate"}
	goneOff := gone
	goneOff.Off = true
	otherKinds := offName
	otherKinds.Kinds = []string{"person-name", "age"}

	cases := []struct {
		name            string
		scanned, stored []Region
		want            []Region
	}{
		{"nothing stored", []Region{name, nhs}, nil, []Region{name, nhs}},
		{"un-blur kept on the same region", []Region{name, nhs}, []Region{offName, nhs}, []Region{offName, nhs}},
		{"added regions appended", []Region{name}, []Region{name, drawn}, []Region{name, drawn}},
		{"a blurred region the new scan misses stays blurred", []Region{name}, []Region{name, gone}, []Region{name, gone}},
		{"an un-blur of a region the new scan misses is dropped", []Region{name}, []Region{name, goneOff}, []Region{name}},
		{"an un-blur with other kinds does not match", []Region{name}, []Region{otherKinds}, []Region{name}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Reapply(c.scanned, c.stored)
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadHashesTheBytesDecoded(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	path := filepath.Join(dir, "one.png")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	img, hash, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if hash != HashBytes(data) || img.Pixels.Bounds().Dx() != 1 {
		t.Errorf("hash %s, image %v", hash, img.Pixels.Bounds())
	}
	// Not an image: still hashed (so a decision can be found), with the
	// decoder's error.
	junk := filepath.Join(dir, "junk.jpg")
	if err := os.WriteFile(junk, []byte("junk"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, h, err := Load(junk); err == nil || h != HashBytes([]byte("junk")) {
		t.Errorf("junk: hash %q err %v", h, err)
	}
	// A folder is refused without reading, by both.
	if _, h, err := Load(dir); err == nil || h != "" {
		t.Errorf("folder: hash %q err %v", h, err)
	}
	if _, err := HashFile(dir); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("HashFile of a folder: %v", err)
	}
}
