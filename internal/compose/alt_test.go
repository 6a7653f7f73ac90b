package compose

import (
	"image"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"safepost/checks"
	"safepost/internal/ocr"
	"safepost/internal/pipeline"
	"safepost/internal/post"
	"safepost/internal/redact"
	"safepost/internal/review"
)

// uiLoop stands in for the app's UI goroutine: background work queues
// its results with do, and the test runs them with until.
type uiLoop chan func()

func (l uiLoop) do(f func()) { l <- f }

// until runs queued UI work until cond holds.
func (l uiLoop) until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !cond() {
		select {
		case f := <-l:
			f()
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// newAltModel is a model with the real checks and a fake OCR that reads
// nothing, holding one
// checked, exportable photo for each name (IDs 1, 2, …), not yet looked
// at. The text checks run without a pause.
func newAltModel(t *testing.T, names ...string) (*Model, uiLoop) {
	t.Helper()
	cs, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	loop := make(uiLoop, 64)
	m := NewModel(pipeline.With(&ocr.Fake{}, cs, redact.Blur), cs, loop.do, 1)
	m.debounce = 0
	t.Cleanup(func() { m.Close(); m.Wait() })
	for _, name := range names {
		img := image.NewNRGBA(image.Rect(0, 0, 8, 6))
		for i := range img.Pix {
			img.Pix[i] = 0xff
		}
		m.Hold(name, review.Item{State: review.Done}, img, img)
	}
	return m, loop
}

const patientAlt = "Card from Mrs Joan Okafor in bed 4"

// TestAltFindingsBlockUntilAcknowledged: a description is checked like
// the post text; what it flags holds the export up until acknowledged,
// an acknowledgement survives edits elsewhere in that description (and
// only there), and taking it back blocks again.
func TestAltFindingsBlockUntilAcknowledged(t *testing.T) {
	m, loop := newAltModel(t, "ward.jpg", "team.jpg")
	for _, p := range m.Photos {
		m.SetLooked(p.ID, true)
	}
	if got := m.Blocked(); got != "" {
		t.Fatalf("blocked before any description: %q", got)
	}
	m.SetAlt(1, patientAlt)
	if m.AltChecked(1) {
		t.Fatal("a new description counts as checked before its check ran")
	}
	if got, want := m.Blocked(), "Checking the description of “ward.jpg”…"; got != want {
		t.Errorf("while checking: %q, want %q", got, want)
	}
	loop.until(t, "the description checked", func() bool { return m.AltChecked(1) })
	p := m.Photo(1)
	if len(p.AltFindings) == 0 {
		t.Fatalf("nothing flagged in %q", patientAlt)
	}
	var flagged []string
	for _, f := range p.AltFindings {
		if f.Start < 0 || f.End > len(p.Alt) || f.Start >= f.End {
			t.Fatalf("finding %s has span %d..%d in %q", f.Check, f.Start, f.End, p.Alt)
		}
		flagged = append(flagged, p.Alt[f.Start:f.End])
	}
	if !slices.ContainsFunc(flagged, func(s string) bool { return strings.Contains(s, "Okafor") }) {
		t.Errorf("flagged %q, not the name", flagged)
	}
	n := len(p.AltFindings)
	want := "The description of “ward.jpg” has 1 flagged item: change it or acknowledge it."
	if n > 1 {
		want = "The description of “ward.jpg” has " + strconv.Itoa(n) + " flagged items: change them or acknowledge them."
	}
	if got := m.Blocked(); got != want {
		t.Errorf("flagged: %q, want %q", got, want)
	}

	for i := range p.AltFindings {
		m.AcknowledgeAlt(1, i)
	}
	if got := m.Blocked(); got != "" {
		t.Errorf("all acknowledged: %q", got)
	}
	if len(m.Findings) != 0 || len(m.acked) != 0 {
		t.Error("acknowledging a description touched the post text's findings")
	}

	// An edit elsewhere keeps the acknowledgements.
	m.SetAlt(1, "Lovely! "+patientAlt)
	loop.until(t, "the edit checked", func() bool { return m.AltChecked(1) })
	if got := m.Blocked(); got != "" {
		t.Errorf("after an edit elsewhere: %q", got)
	}
	// The same words in another photo's description are not acknowledged.
	m.SetAlt(2, patientAlt)
	loop.until(t, "photo 2 checked", func() bool { return m.AltChecked(2) })
	if got := m.Blocked(); !strings.HasPrefix(got, "The description of “team.jpg” has") {
		t.Errorf("photo 2's description: %q", got)
	}
	m.SetAlt(2, "")
	if !m.AltChecked(2) || len(m.Photo(2).AltFindings) != 0 {
		t.Error("a cleared description is not checked at once")
	}

	m.UnacknowledgeAlt(1, 0)
	if got := m.Blocked(); !strings.HasPrefix(got, "The description of “ward.jpg” has 1 flagged item") {
		t.Errorf("after taking one back: %q", got)
	}
	m.AcknowledgeAlt(1, 0)
	m.AcknowledgeAlt(1, 99) // out of range: ignored
	m.AcknowledgeAlt(9, 0)  // no such photo: ignored
	if got := m.Blocked(); got != "" {
		t.Errorf("acknowledged again: %q", got)
	}
}

// TestAltCheckAfterRemove: a description's check that ends after its
// photo was removed changes nothing.
func TestAltCheckAfterRemove(t *testing.T) {
	m, loop := newAltModel(t, "ward.jpg")
	p := m.Photo(1)
	m.debounce = 50 * time.Millisecond
	m.SetAlt(1, patientAlt)
	m.Remove(1)
	time.Sleep(100 * time.Millisecond)
	for len(loop) > 0 {
		(<-loop)()
	}
	if p.AltFindings != nil || m.Blocked() != "" {
		t.Errorf("a removed photo's check applied: %v, %q", p.AltFindings, m.Blocked())
	}
}

// TestBlockedDescriptionsAndLooking: the limits are each network's, and
// the "Looked at it" mark comes last, when all else is fine.
func TestBlockedDescriptionsAndLooking(t *testing.T) {
	long := func(n int) string { return strings.Repeat("é", n) } // counted by character, not byte
	cases := []struct {
		name    string
		network post.Network
		alts    []string
		looked  []bool
		want    string
	}{
		{"X at its limit", post.X, []string{long(1000)}, []bool{true}, ""},
		{"X over", post.X, []string{long(1001)}, []bool{true},
			"The description of “a.jpg” is 1,001 characters; X takes at most 1,000: shorten it."},
		{"Mastodon takes 1,500", post.Mastodon, []string{long(1500)}, []bool{true}, ""},
		{"Mastodon over", post.Mastodon, []string{"", long(1501)}, []bool{true, true},
			"The description of “b.jpg” is 1,501 characters; Mastodon takes at most 1,500: shorten it."},
		{"Bluesky takes 2,000", post.Bluesky, []string{long(2000)}, []bool{true}, ""},
		{"Bluesky over", post.Bluesky, []string{long(12345)}, []bool{true},
			"The description of “a.jpg” is 12,345 characters; Bluesky takes at most 2,000: shorten it."},
		{"Facebook publishes no limit", post.Facebook, []string{long(5000)}, []bool{true}, ""},
		{"space around is not counted", post.X, []string{"\n  " + long(1000) + "  \n"}, []bool{true}, ""},
		{"too long comes before looking", post.X, []string{long(1001)}, []bool{false},
			"The description of “a.jpg” is 1,001 characters; X takes at most 1,000: shorten it."},
		{"one not looked at", post.X, []string{"", ""}, []bool{true, false},
			"Look at “b.jpg” at full size first: open Review and tick “Looked at it”."},
		{"three not looked at", post.X, []string{"", "", ""}, []bool{false, false, false},
			"Look at 3 photos at full size first: open each one's Review and tick “Looked at it”."},
		{"all looked at", post.X, []string{"", ""}, []bool{true, true}, ""},
	}
	read := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	for _, c := range cases {
		m := &Model{Network: c.network}
		for i, alt := range c.alts {
			m.Photos = append(m.Photos, &Photo{ID: i + 1, Name: string(rune('a'+i)) + ".jpg", Original: read, Redacted: read,
				Item: review.Item{State: review.Done}, Alt: alt, Looked: c.looked[i]})
		}
		if got := m.Blocked(); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// TestLookedIsRemembered: ticking "Looked at it" lets the export through;
// a re-blur keeps the mark; removing the photo forgets it.
func TestLookedIsRemembered(t *testing.T) {
	m, loop := newAltModel(t, "ward.jpg")
	want := "Look at “ward.jpg” at full size first: open Review and tick “Looked at it”."
	if got := m.Blocked(); got != want {
		t.Fatalf("not looked at: %q, want %q", got, want)
	}
	m.SetLooked(1, true)
	if got := m.Blocked(); got != "" {
		t.Fatalf("looked at: %q", got)
	}
	m.AddRegion(1, image.Rect(1, 1, 5, 5))
	loop.until(t, "the re-blur", func() bool { p := m.Photo(1); return !p.Redoing && !p.Busy() })
	if p := m.Photo(1); p.State != review.Done || !p.Looked {
		t.Errorf("after a re-blur: state %v, looked %v", p.State, p.Looked)
	}
	m.SetLooked(1, false)
	if got := m.Blocked(); got != want {
		t.Errorf("mark taken back: %q", got)
	}
	m.SetLooked(1, true)
	m.Remove(1)
	p := m.AddData("ward.jpg", nil)
	if p.Looked {
		t.Error("a photo attached again kept the old mark")
	}
}

// TestSaveWritesDescriptions: a described photo's text file sits beside
// its image with the description; an undescribed one gets none, and an
// old one under its name is removed.
func TestSaveWritesDescriptions(t *testing.T) {
	m, loop := newAltModel(t, "ward.jpg", "team.png", "sign.heic")
	m.SetAlt(1, "  The Ward 7 team with the cake.\nBalloons behind.  ")
	m.SetAlt(3, "A sign: 100 days without a fall")
	loop.until(t, "descriptions checked", func() bool { return m.AltChecked(1) && m.AltChecked(3) })
	for _, p := range m.Photos {
		m.SetLooked(p.ID, true)
	}
	if got := m.Blocked(); got != "" {
		t.Fatalf("blocked: %q", got)
	}
	dir := t.TempDir()
	stale := filepath.Join(dir, "02-team.txt")
	if err := os.WriteFile(stale, []byte("an older description"), 0o644); err != nil {
		t.Fatal(err)
	}
	var saved Saved
	var saveErr error
	finished := false
	m.Save(dir, func(s Saved, err error) { saved, saveErr, finished = s, err, true })
	loop.until(t, "the save", func() bool { return finished })
	if saveErr != nil {
		t.Fatal(saveErr)
	}
	in := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, filepath.Join(dir, n))
		}
		return out
	}
	if want := in("01-ward.jpg", "02-team.png", "03-sign.jpg"); !slices.Equal(saved.Images, want) {
		t.Errorf("images %q, want %q", saved.Images, want)
	}
	if want := in("01-ward.txt", "03-sign.txt"); !slices.Equal(saved.Descriptions, want) {
		t.Errorf("descriptions %q, want %q", saved.Descriptions, want)
	}
	for name, want := range map[string]string{
		"01-ward.txt": "The Ward 7 team with the cake.\nBalloons behind.\n",
		"03-sign.txt": "A sign: 100 days without a fall\n",
	} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(data) != want {
			t.Errorf("%s holds %q (%v), want %q", name, data, err, want)
		}
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the old 02-team.txt is still beside the new image (%v)", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 {
		t.Errorf("%d files in the folder, want 5", len(entries))
	}

	// SaveImages reports the images alone.
	var paths []string
	finished = false
	m.SaveImages(dir, func(p []string, err error) { paths, saveErr, finished = p, err, true })
	loop.until(t, "the second save", func() bool { return finished })
	if saveErr != nil || !slices.Equal(paths, saved.Images) {
		t.Errorf("SaveImages: %q, %v", paths, saveErr)
	}

	// Refused while anything blocks.
	m.SetLooked(2, false)
	m.Save(dir, func(s Saved, err error) { saved, saveErr = s, err })
	if saveErr == nil || saveErr.Error() != m.Blocked() || saved.Images != nil {
		t.Errorf("saved while blocked: %v, %v", saved, saveErr)
	}
}

func TestClipboardText(t *testing.T) {
	photos := func(alts ...string) []*Photo {
		var ps []*Photo
		for i, a := range alts {
			ps = append(ps, &Photo{ID: i + 1, Alt: a})
		}
		return ps
	}
	cases := []struct {
		name   string
		text   string
		photos []*Photo
		want   string
	}{
		{"no photos", "Ward 7: 100 days!", nil, "Ward 7: 100 days!"},
		{"no descriptions", "Ward 7: 100 days!\n", photos("", "  "), "Ward 7: 100 days!\n"},
		{"one described", "Ward 7: 100 days!", photos("The team"), "Ward 7: 100 days!\n\nImage 1: The team"},
		{"second of three described, numbered by place", "Hi", photos("", "A cake", "\n"), "Hi\n\nImage 2: A cake"},
		{"lines kept one each", "Hi\n\n", photos("The team\nwith a cake", " A  sign "),
			"Hi\n\nImage 1: The team with a cake\nImage 2: A sign"},
		{"no text", "", photos("The team"), "Image 1: The team"},
	}
	for _, c := range cases {
		m := &Model{text: c.text, Photos: c.photos}
		if got := m.ClipboardText(); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 12345: "12,345", 1234567: "1,234,567", -1500: "-1,500"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
