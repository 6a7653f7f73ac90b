package training

import (
	"strings"
	"unicode"

	"safepost/checks"
)

// Exercise is a "Write it" task: a risky post to rewrite until SafePost's
// checks pass, keeping the news it was meant to share.
type Exercise struct {
	ID    string
	Risky string
	// Keep lists words of which the rewrite must still hold one (any
	// case), so deleting the whole post does not pass.
	Keep []string
	// Goal says in words what the rewrite should still say.
	Goal string
	// Lesson is shown once the rewrite passes.
	Lesson string
}

// Exercises are the built-in "Write it" tasks. Every name and number is
// made up.
var Exercises = []Exercise{
	{
		ID:     "birthday",
		Risky:  "Happy 90th to Mrs Okafor in bed 4!",
		Keep:   []string{"happy", "birthday", "celebrat"},
		Goal:   "Still wish a patient a happy birthday.",
		Lesson: "A title and surname, an age and a bed number together point to one person. \"Happy birthday to one of our patients!\" shares the joy without the person.",
	},
	{
		ID:     "walking",
		Risky:  "Lovely to see Joan Okafor (DOB 12/03/1935) walking again after her hip op",
		Keep:   []string{"walk"},
		Goal:   "Still celebrate a patient walking again.",
		Lesson: "A date of birth with a name is exactly what identity checks use. Leave both out; the good news stands on its own.",
	},
	{
		ID:     "discharge",
		Risky:  "Mr T. Brennan, 84y, discharged home today after 3 months with us!",
		Keep:   []string{"home", "discharg"},
		Goal:   "Still share that a long-stay patient went home.",
		Lesson: "An initial and surname is still a name, and an age narrows it down further.",
	},
	{
		ID:     "milestone",
		Risky:  "Congratulations to Mrs Ada Nwosu of 12 Elm Road, LS1 4AP, our 1000th hip replacement",
		Keep:   []string{"1000", "thousand"},
		Goal:   "Still celebrate the 1000th hip replacement.",
		Lesson: "An address and postcode find a home in minutes. Celebrate the team's milestone, not the patient's details.",
	},
	{
		ID:     "thanks",
		Risky:  "Thanks to Sam and Priya for covering nights! Bed 4 Mr Kowalczyk says hi",
		Keep:   []string{"Sam", "Priya"},
		Goal:   "Still thank Sam and Priya by name.",
		Lesson: "Staff first names are fine to share; the patient's name and bed are not.",
	},
	{
		ID:     "get-well",
		Risky:  "Get well soon to Dorothy on Ward 7, who turns 100 on Friday! Call her daughter on 07700 900123",
		Keep:   []string{"well", "100"},
		Goal:   "Still send get-well wishes.",
		Lesson: "The checks catch the phone number, but a first name, a ward and a 100th birthday can still point to one person. Passing the checks is the floor, not the ceiling: read your post as a stranger would.",
	},
}

// ExerciseByID returns the built-in exercise with id, or false.
func ExerciseByID(id string) (Exercise, bool) {
	for _, e := range Exercises {
		if e.ID == id {
			return e, true
		}
	}
	return Exercise{}, false
}

// Problem is something in a rewrite that stops it passing.
type Problem struct {
	// Check is the check ID, or "keep" / "unchanged" / "empty" for the
	// exercise's own conditions.
	Check  string
	Reason string
	// Start and End are the byte span in the text, when known.
	Start, End int
}

// Attempt is a checked rewrite.
type Attempt struct {
	Text     string
	Problems []Problem
}

// Passed reports whether the rewrite passes.
func (a Attempt) Passed() bool { return len(a.Problems) == 0 }

// Check runs SafePost's text checks on a rewrite and the exercise's own
// conditions: some words left, changed from the risky post, and one of the
// Keep words still there.
func (e Exercise) Check(cs *checks.Scanner, text string) Attempt {
	a := Attempt{Text: text}
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	switch {
	case len(words) < 3:
		a.Problems = append(a.Problems, Problem{Check: "empty", Reason: "Write a post of a few words: " + e.Goal})
		return a
	case strings.TrimSpace(text) == strings.TrimSpace(e.Risky):
		a.Problems = append(a.Problems, Problem{Check: "unchanged", Reason: "Rewrite the post: it still says exactly what it said."})
	}
	if cs != nil {
		doc := checks.FromText(text)
		for _, f := range cs.Scan(doc) {
			start, end, ok := f.Span(doc)
			if !ok {
				start, end = 0, 0
			}
			a.Problems = append(a.Problems, Problem{Check: f.Check, Reason: f.Reason, Start: start, End: end})
		}
	}
	if len(e.Keep) > 0 {
		lower := strings.ToLower(text)
		kept := false
		for _, k := range e.Keep {
			if strings.Contains(lower, strings.ToLower(k)) {
				kept = true
				break
			}
		}
		if !kept {
			a.Problems = append(a.Problems, Problem{Check: "keep", Reason: "Keep the news: " + e.Goal})
		}
	}
	return a
}
