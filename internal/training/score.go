package training

import (
	"image"
	"math"
)

// Mark is one place a trainee marked as patient information, in image
// pixels: a dragged box, or a tap (a small square round the point).
type Mark struct {
	Box image.Rectangle
	Tap bool
}

// TapMark is a tap at p on a w x h photo: a square of TapSide pixels
// centred on it, so it can be drawn and stored like any other mark. The
// square is not clipped to the photo, so its centre stays the tapped point.
func TapMark(p image.Point, w, h int) Mark {
	half := TapSide(w, h) / 2
	return Mark{Box: image.Rect(p.X-half, p.Y-half, p.X+half, p.Y+half), Tap: true}
}

// TapSide is how big a tap's square is on a w x h photo: about a fingertip
// on a phone photo shown full screen.
func TapSide(w, h int) int { return max(12, min(w, h)/40) }

// Centre is the mark's middle: where the tap was.
func (m Mark) Centre() image.Point {
	return image.Pt((m.Box.Min.X+m.Box.Max.X)/2, (m.Box.Min.Y+m.Box.Max.Y)/2)
}

// Rules say when a mark finds an item. The rule has two ways in, because
// trainees mark in two ways:
//
//   - Covering: a box that covers at least Cover of an item's box finds
//     it. This is intersection over the item, not IoU: one box round a
//     whole wristband or a whole whiteboard row finds every detail inside,
//     as blurring that box would protect them; IoU would punish it for
//     being bigger than each detail.
//   - Pointing: a tap whose point lies on the item, or a box lying at least
//     Point of its own area on the item, finds it, both after growing the
//     item's box by Slack of the photo's short side (ink boxes are tight;
//     fingers are not). A small box drawn inside a long name points at it.
//
// A mark bigger than MaxMark of the photo finds nothing: marking the whole
// photo is not spotting, and would score every scene but the clean ones.
// The limit (60%) still lets a trainee box a whole EPR screen or handover
// table, which is the right call for those. A mark that finds no patient
// information is a false alarm, whatever else it covers.
type Rules struct {
	Cover   float64
	Point   float64
	Slack   float64
	MaxMark float64 // 0 means no limit
}

// DefaultRules are the rules trainees are scored by.
var DefaultRules = Rules{Cover: 0.5, Point: 0.5, Slack: 0.01, MaxMark: 0.6}

// ScannerRules score SafePost's own regions against the ground truth: the
// scanner may rightly blur a whole patient board, so no size limit.
var ScannerRules = Rules{Cover: 0.5, Point: 0.5, Slack: 0.01}

// ItemResult is one patient-information item and whether it was found.
type ItemResult struct {
	Item  Item
	Index int   // in Scene.Items
	Marks []int // the marks that found it
}

// Found reports whether any mark found the item.
func (r ItemResult) Found() bool { return len(r.Marks) > 0 }

// MarkResult is one mark and what it found.
type MarkResult struct {
	Mark Mark
	// Hits are the patient-information items it found (indexes into
	// Scene.Items).
	Hits []int
	// Others are the other items it covers or points at: what a false
	// alarm mistook for patient information.
	Others []int
	// TooBig is set when the mark covers more than Rules.MaxMark of the
	// photo and so counts for nothing.
	TooBig bool
}

// FalseAlarm reports whether the mark found no patient information.
func (r MarkResult) FalseAlarm() bool { return len(r.Hits) == 0 }

// SceneResult is how one attempt at a scene went.
type SceneResult struct {
	Scene      string
	Kind       string
	Difficulty int
	Items      []ItemResult // the scene's patient information only
	Marks      []MarkResult
	Found      int
	Missed     int
	// FalseAlarms counts marks that found no patient information.
	FalseAlarms int
}

// Total is how many patient-information items the scene holds.
func (r SceneResult) Total() int { return r.Found + r.Missed }

// Score is found / (patient information + false alarms), 0..1: a miss and
// a false alarm cost the same, and a clean scene left unmarked scores 1.
// (This is the critical success index; it needs no weights to explain.)
func (r SceneResult) Score() float64 {
	d := r.Total() + r.FalseAlarms
	if d == 0 {
		return 1
	}
	return float64(r.Found) / float64(d)
}

// Percent is Score rounded to a whole percentage.
func (r SceneResult) Percent() int { return int(math.Round(r.Score() * 100)) }

// Score marks a trainee's attempt at a scene.
func Score(s *Scene, marks []Mark, rules Rules) SceneResult {
	res := SceneResult{Scene: s.Name, Kind: s.Kind, Difficulty: s.Difficulty}
	byItem := map[int]int{} // item index -> position in res.Items
	for i, it := range s.Items {
		if it.PII {
			byItem[i] = len(res.Items)
			res.Items = append(res.Items, ItemResult{Item: it, Index: i})
		}
	}
	photo := s.Bounds()
	slack := int(math.Round(rules.Slack * float64(min(s.Width, s.Height))))
	for mi, m := range marks {
		mr := MarkResult{Mark: m}
		if rules.MaxMark > 0 && area(m.Box.Intersect(photo)) > rules.MaxMark*area(photo) {
			mr.TooBig = true
		} else {
			for i, it := range s.Items {
				if !rules.finds(m, it.Rect(), slack) {
					continue
				}
				if it.PII {
					mr.Hits = append(mr.Hits, i)
					ir := &res.Items[byItem[i]]
					ir.Marks = append(ir.Marks, mi)
				} else {
					mr.Others = append(mr.Others, i)
				}
			}
		}
		if mr.FalseAlarm() {
			res.FalseAlarms++
		}
		res.Marks = append(res.Marks, mr)
	}
	for _, ir := range res.Items {
		if ir.Found() {
			res.Found++
		} else {
			res.Missed++
		}
	}
	return res
}

// finds reports whether mark m finds an item whose box is item.
func (r Rules) finds(m Mark, item image.Rectangle, slack int) bool {
	grown := item.Inset(-slack)
	if m.Tap {
		return m.Centre().In(grown)
	}
	if a := area(item); a > 0 && area(m.Box.Intersect(item)) >= r.Cover*a {
		return true
	}
	a := area(m.Box)
	return a > 0 && area(m.Box.Intersect(grown)) >= r.Point*a
}

func area(r image.Rectangle) float64 {
	if r.Empty() {
		return 0
	}
	return float64(r.Dx()) * float64(r.Dy())
}
