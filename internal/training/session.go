package training

import (
	"sort"
	"time"
)

// kindLabels name the kinds of information in words a room understands.
var kindLabels = map[string]string{
	"person-name":     "Patient names",
	"nhs-number":      "NHS numbers",
	"chi-number":      "CHI numbers",
	"hospital-number": "Hospital numbers",
	"date-of-birth":   "Dates of birth",
	"age":             "Ages",
	"address":         "Addresses",
	"postcode":        "Postcodes",
	"phone":           "Phone numbers",
	"email":           "Email addresses",
	"staff-name":      "Staff names",
	"ward-name":       "Ward and hospital names",
	"heading":         "Headings and labels",
	"signage":         "Signs and banners",
	"clinical-note":   "Clinical shorthand",
	"bed-number":      "Bed numbers",
	"face":            "Faces",
	"barcode":         "Barcodes",
	"qr-code":         "QR codes",
	"":                "Empty space",
}

// KindLabel names a kind of information for people, e.g. "NHS numbers".
func KindLabel(kind string) string {
	if l, ok := kindLabels[kind]; ok {
		return l
	}
	return kind
}

// Session is one trainee's (or one room's) run through the deck. Its
// methods are not safe for concurrent use; the UI calls them on its own
// goroutine.
type Session struct {
	// Trainee is a name only if someone typed one in.
	Trainee string
	Started time.Time
	results []SceneResult
	writes  map[string]bool // exercise ID -> passed
	order   []string        // exercise IDs in the order first tried
}

// NewSession starts an empty session.
func NewSession(now time.Time) *Session {
	return &Session{Started: now, writes: map[string]bool{}}
}

// Record keeps a scene's result; a second attempt at the same scene
// replaces the first.
func (s *Session) Record(r SceneResult) {
	for i := range s.results {
		if s.results[i].Scene == r.Scene {
			s.results[i] = r
			return
		}
	}
	s.results = append(s.results, r)
}

// Result returns the recorded result for a scene.
func (s *Session) Result(scene string) (SceneResult, bool) {
	for _, r := range s.results {
		if r.Scene == scene {
			return r, true
		}
	}
	return SceneResult{}, false
}

// Results are the recorded scenes in the order first answered.
func (s *Session) Results() []SceneResult { return append([]SceneResult(nil), s.results...) }

// RecordWrite notes a "Write it" attempt; once passed, an exercise stays
// passed.
func (s *Session) RecordWrite(id string, passed bool) {
	if s.writes == nil {
		s.writes = map[string]bool{}
	}
	if _, seen := s.writes[id]; !seen {
		s.order = append(s.order, id)
	}
	s.writes[id] = s.writes[id] || passed
}

// Tally counts one kind of information across a session.
type Tally struct {
	Kind  string
	Label string
	Total int // patient-information items of this kind, or false alarms on it
	Found int
}

// Missed is Total - Found.
func (t Tally) Missed() int { return t.Total - t.Found }

// Percent is Found / Total as a whole percentage (100 when Total is 0).
func (t Tally) Percent() int { return percent(t.Found, t.Total) }

// Summary is what a session adds up to: scores only, no scene text.
type Summary struct {
	Trainee string
	Started time.Time
	Scenes  []SceneResult
	// ByKind counts patient information found and missed, per kind,
	// commonest first.
	ByKind []Tally
	// FalseAlarms counts what false alarms were on (staff names, headings,
	// empty space), commonest first; Total is the count.
	FalseAlarms []Tally

	Found, Missed, FalseAlarmCount int
	// CleanScenes is how many scenes had no patient information;
	// CleanKept is how many of those the trainee rightly left unmarked.
	CleanScenes, CleanKept int
	// Written and WrittenPassed count "Write it" exercises tried and passed.
	Written, WrittenPassed int
}

// Score is the session's overall found / (patient information + false
// alarms), as for a scene.
func (s Summary) Score() float64 {
	r := SceneResult{Found: s.Found, Missed: s.Missed, FalseAlarms: s.FalseAlarmCount}
	return r.Score()
}

// Percent is Score as a whole percentage.
func (s Summary) Percent() int {
	r := SceneResult{Found: s.Found, Missed: s.Missed, FalseAlarms: s.FalseAlarmCount}
	return r.Percent()
}

// Summary adds up the session. Scenes lists the scenes whose items the
// results refer to, to name what false alarms were on; a result for a
// scene not in it still counts.
func (s *Session) Summary(deck *Deck) Summary {
	sum := Summary{Trainee: s.Trainee, Started: s.Started, Scenes: s.Results()}
	kinds := map[string]*Tally{}
	alarms := map[string]*Tally{}
	tally := func(m map[string]*Tally, kind string) *Tally {
		t := m[kind]
		if t == nil {
			t = &Tally{Kind: kind, Label: KindLabel(kind)}
			m[kind] = t
		}
		return t
	}
	for _, r := range s.results {
		sum.Found += r.Found
		sum.Missed += r.Missed
		sum.FalseAlarmCount += r.FalseAlarms
		if r.Total() == 0 {
			sum.CleanScenes++
			if r.FalseAlarms == 0 {
				sum.CleanKept++
			}
		}
		for _, ir := range r.Items {
			t := tally(kinds, ir.Item.Kind)
			t.Total++
			if ir.Found() {
				t.Found++
			}
		}
		var sc *Scene
		if deck != nil {
			sc = deck.Scene(r.Scene)
		}
		for _, mr := range r.Marks {
			if !mr.FalseAlarm() {
				continue
			}
			kind := ""
			if len(mr.Others) > 0 && sc != nil && mr.Others[0] < len(sc.Items) {
				kind = sc.Items[mr.Others[0]].Kind
			}
			tally(alarms, kind).Total++
		}
	}
	sum.ByKind = sorted(kinds)
	sum.FalseAlarms = sorted(alarms)
	for _, id := range s.order {
		sum.Written++
		if s.writes[id] {
			sum.WrittenPassed++
		}
	}
	return sum
}

func sorted(m map[string]*Tally) []Tally {
	out := make([]Tally, 0, len(m))
	for _, t := range m {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Total != out[j].Total {
			return out[i].Total > out[j].Total
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

func percent(a, b int) int {
	if b == 0 {
		return 100
	}
	return (200*a + b) / (2 * b) // rounded half up, in integers
}
