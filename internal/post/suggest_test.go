package post

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"safepost/checks"
)

// marked splits a case's text at its ⟦finding⟧ into the text and the
// finding's byte span.
func marked(t testing.TB, s string) (string, int, int) {
	t.Helper()
	a := strings.Index(s, "⟦")
	b := strings.Index(s, "⟧")
	if a < 0 || b < a {
		t.Fatalf("no ⟦finding⟧ in %q", s)
	}
	text := s[:a] + s[a+len("⟦"):b] + s[b+len("⟧"):]
	return text, a, b - len("⟦")
}

// suggestCases are synthetic posts with one finding marked, the rule that
// should fire and the post as the suggestion leaves it ("" for none).
var suggestCases = []struct {
	rule string // "" when no rule fits
	kind string
	text string
	want string
}{
	// person-name
	{"name-pair-after", checks.KindPersonName, "Congratulations ⟦Doris⟧ & Sam on the wedding", ""},
	{"name-pair-after", checks.KindPersonName, "Our triplets Ivy, ⟦Rose⟧ and Lily went home", ""},
	{"name-pair-before", checks.KindPersonName, "Thank you to Mr and ⟦Mrs Patel⟧ for the flowers", ""},
	{"name-list", checks.KindPersonName, "Our triplets ⟦Ivy⟧, Rose and Lily went home", ""},
	{"name-relative-apposition", checks.KindPersonName, "Thank you to ⟦Brenda⟧, Stan's wife, for the cake", ""},
	{"name-of-place", checks.KindPersonName, "Mrs ⟦Doris Hill⟧ of Leeds, we miss you", ""},
	{"name-of-place", checks.KindPersonName, "Our patient of the week is ⟦Frank⟧ from Whitby", ""},
	{"name-possessive-our", checks.KindPersonName, "So proud of our lovely ⟦Doris⟧’s progress 💪", "So proud of our lovely patient’s progress 💪"},
	{"name-possessive", checks.KindPersonName, "Shout out to ⟦Doris's⟧ daughter for the cake", "Shout out to a patient's daughter for the cake"},
	{"name-possessive", checks.KindPersonName, "⟦Mr Patel⟧'s family brought samosas 😋", "A patient's family brought samosas 😋"},
	{"name-family", checks.KindPersonName, "Thank you to the ⟦Okoro⟧ family for the chocolates 🍫", "Thank you to a patient's family for the chocolates 🍫"},
	{"name-relative", checks.KindPersonName, "Shoutout to his wife ⟦Maureen⟧ who visits every day", "Shoutout to his wife who visits every day"},
	{"name-relative", checks.KindPersonName, "We couldn't be happier for him and his wife ⟦Maureen⟧", "We couldn't be happier for him and his wife"},
	{"name-called", checks.KindPersonName, "Hugs to a 90 year old called ⟦Doris⟧ 😂 she's a star", "Hugs to a 90 year old 😂 she's a star"},
	{"name-our", checks.KindPersonName, "Our lovely ⟦Doris⟧ turns 100 today 🎂", "Our lovely patient turns 100 today 🎂"},
	{"name-our", checks.KindPersonName, "The lovely ⟦Mr Patel⟧ (bay 4, bed 3) wants to say thanks", "The lovely patient wants to say thanks"},
	{"name-apposition", checks.KindPersonName, "Our 'Queen of the Bay', ⟦Mrs Doris Hill⟧, turns 99 🎩", "Our 'Queen of the Bay' turns 99 🎩"},
	{"name-apposition", checks.KindPersonName, "Welcome back to our regular, ⟦Tommy⟧ (bed 3), who loves tea", "Welcome back to our regular who loves tea"},
	{"name-vocative-start", checks.KindPersonName, "We said goodbye today. ⟦Doris⟧, you were a star", "We said goodbye today. You were a star"},
	{"name-subject", checks.KindPersonName, "⟦Mrs Patel⟧ in bed 5 has asked for her tea", "One of our patients has asked for her tea"},
	{"name-subject", checks.KindPersonName, "Out today! 🎉 ⟦Tony Okoro⟧, 58, walked out of ICU", "Out today! 🎉 One of our patients walked out of ICU"},
	{"name-subject", checks.KindPersonName, "Proud moment: ⟦Doris⟧ (91) in Bay 1 walking again", "Proud moment: one of our patients walking again"},
	{"name-subject-clause", checks.KindPersonName, "That moment when ⟦Mr Patel⟧ in bed 11 finally gets his tea", "That moment when one of our patients finally gets his tea"},
	{"name-subject-clause", checks.KindPersonName, "Delighted that ⟦Doris⟧, 19, is going home", "Delighted that one of our patients is going home"},
	{"name-vocative", checks.KindPersonName, "Congratulations ⟦Doris⟧ on beating sepsis!", "Congratulations to one of our patients on beating sepsis!"},
	{"name-vocative", checks.KindPersonName, "Happy 100th birthday ⟦Doris!⟧ 🎉", "Happy 100th birthday to one of our patients! 🎉"},
	{"name-object", checks.KindPersonName, "Happy 100th to ⟦Doris⟧ in bay 3!", "Happy 100th to one of our patients!"},
	{"name-object", checks.KindPersonName, "Lovely to see ⟦Mrs Patel⟧ back on her feet", "Lovely to see one of our patients back on her feet"},
	{"name-object", checks.KindPersonName, "Well, goodbye to ⟦Mr Doris Hill⟧, 84, who we'll miss", "Well, goodbye to one of our patients, who we'll miss"},
	{"name-object", checks.KindPersonName, "Sing-song led by 96-year-old ⟦Vera⟧ 🎤", "Sing-song led by one of our patients 🎤"},
	{"", checks.KindPersonName, "RIP ⟦Doris⟧. You were the heart of the ward", ""},
	{"", checks.KindPersonName, "Copying this so I don't lose it: ⟦Doris Hill⟧ 12/03/1948", ""},
	{"", checks.KindPersonName, "10 years ago today ⟦Dan⟧ came to us", ""},

	// age, and bed-number in brackets
	{"bracketed", checks.KindAge, "Volunteers took Doris ⟦(88)⟧ out to the garden 🌸", "Volunteers took Doris out to the garden 🌸"},
	{"bracketed", checks.KindAge, "Big cheers as Stan (bed 7, ⟦88 years⟧ young) did 100 laps", "Big cheers as Stan did 100 laps"},
	{"bracketed", checks.KindBedNumber, "The lovely Mr Patel ⟦(bay 4,⟧ bed 3) says thanks", "The lovely Mr Patel says thanks"},
	{"bracketed", checks.KindBedNumber, "Mr Patel ⟦(SR3)⟧ asked us to post this", "Mr Patel asked us to post this"},
	{"age-ordinal", checks.KindAge, "Happy ⟦21st⟧ to Doris on the unit 🎈", "Happy birthday to Doris on the unit 🎈"},
	{"age-ordinal", checks.KindAge, "Happy ⟦18th birthday⟧ Doris! 🎉", "Happy birthday Doris! 🎉"},
	{"age-turns", checks.KindAge, "Our lovely Doris turns ⟦103⟧ today 🎉", "Our lovely Doris has a birthday today 🎉"},
	{"age-turned", checks.KindAge, "Doris turned ⟦100⟧ on the ward", "Doris had a birthday on the ward"},
	{"age-turning", checks.KindAge, "Doris is turning ⟦100⟧ tomorrow!", "Doris is having a birthday tomorrow!"},
	{"age-is-today", checks.KindAge, "Say hello to Doris, who is ⟦100 years old⟧ today 👵", "Say hello to Doris, who has a birthday today 👵"},
	{"age-apposition-before-number", checks.KindAge, "Goodbye to Sid today, ⟦89 years⟧ young, 3 weeks on Oak Ward", "Goodbye to Sid today, 3 weeks on Oak Ward"},
	{"age-apposition", checks.KindAge, "Tony Okoro, ⟦58,⟧ walked out of ICU", "Tony Okoro walked out of ICU"},
	{"age-apposition", checks.KindAge, "Doris, ⟦aged 87⟧, went home", "Doris went home"},
	{"age-at", checks.KindAge, "So proud of Doris who, at ⟦101,⟧ made a video call", "So proud of Doris who made a video call"},
	{"age-pronoun", checks.KindAge, "His name is Bob, he's ⟦73⟧, he's had both knees done", "His name is Bob, he's had both knees done"},
	{"age-aged-before", checks.KindAge, "Doris aged ⟦87⟧ went home today", "Doris went home today"},
	{"age-aged", checks.KindAge, "Lovely chat with Doris ⟦aged 87⟧.", "Lovely chat with Doris."},
	{"age-adjective", checks.KindAge, "Our patient of the week is ⟦84-year-old⟧ Frank", "Our patient of the week is Frank"},
	{"age-adjective", checks.KindAge, "Spotted: ⟦102-year-old⟧ Hilda doing the conga", "Spotted: Hilda doing the conga"},
	{"", checks.KindAge, "So this is what it looks like to a ⟦91 year old⟧ called Doris", ""},
	{"", checks.KindAge, "Had a chat today — she's ⟦94⟧ and still marks my grammar", ""},
	{"", checks.KindAge, "Bay 7 bed 2 – ⟦86yo⟧ lady with #NOF", ""},

	// date-of-birth
	{"dob-label-apposition", checks.KindDateOfBirth, "Doris Hill, DOB ⟦12/03/1948⟧, is on the ward", "Doris Hill is on the ward"},
	{"dob-born-apposition", checks.KindDateOfBirth, "Doris, born ⟦12 March 1948⟧, is 78 today", "Doris is 78 today"},
	{"dob-parenthesis", checks.KindDateOfBirth, "Doris Hill (DOB ⟦12.03.48⟧) needs her results", "Doris Hill needs her results"},
	{"dob-label", checks.KindDateOfBirth, "DOB ⟦07.08.1948⟧ hosp no RTH7734129 – results please", "Hosp no RTH7734129 – results please"},
	{"dob-born", checks.KindDateOfBirth, "Welcome baby Doris born on ⟦02/06/2026⟧!", "Welcome baby Doris!"},
	{"dob-on", checks.KindDateOfBirth, "Baby Doris, born at 03:14 on ⟦02/06/2026⟧ weighing 7lb", "Baby Doris, born at 03:14 weighing 7lb"},
	{"", checks.KindDateOfBirth, "Admitted ⟦03/02/2026⟧, home 14/03/2026 – well done", ""},
	{"", checks.KindDateOfBirth, "Happy birthday! 🎂 Born ⟦14 March 1923⟧ in Leeds, she's a star", ""},

	// bed-number
	{"bed-apposition", checks.KindBedNumber, "Doris, in ⟦bay 3⟧, says thank you", "Doris says thank you"},
	{"bed-in", checks.KindBedNumber, "Happy 100th to Doris in ⟦bay 3⟧!", "Happy 100th to Doris!"},
	{"bed-in", checks.KindBedNumber, "The gentleman in ⟦side room 2⟧ who was an engineer", "The gentleman who was an engineer"},
	{"bed-in", checks.KindBedNumber, "Doris (99) in ⟦Bay 1⟧ says hi", "Doris (99) says hi"},
	{"", checks.KindBedNumber, "⟦Bay 5⟧ had a sing-song this afternoon", ""},
	{"", checks.KindBedNumber, "Doris taught the whole of ⟦Bay 4⟧ to play cribbage", ""},

	// numbers and contact details
	{"id-label", checks.KindHospitalNumber, "DOB 07.08.1948 Hosp no ⟦RTH7734129⟧ – results please", "DOB 07.08.1948 – results please"},
	{"id-label", checks.KindNHSNumber, "Results for Doris, NHS no: ⟦943 476 5919⟧.", "Results for Doris."},
	{"contact-on", checks.KindPhone, "Please call his wife on ⟦07700 900315⟧ if he deteriorates", "Please call his wife if he deteriorates"},
	{"contact-on", checks.KindEmail, "She asked us to email the photos to ⟦doris@example.com⟧ – IT says no", "She asked us to email the photos – IT says no"},
	{"", checks.KindNHSNumber, "Anyone else got ⟦4673882105⟧ showing twice? 🤔", ""},

	// kinds no rule is for
	{"", checks.KindPatientList, "⟦Bay 7 bed 2 – Doris Hill, NBM⟧", ""},
	{"", "trust-pattern", "Happy 100th to ⟦Doris⟧ in bay 3!", ""},
}

func TestSuggest(t *testing.T) {
	for _, c := range suggestCases {
		text, a, b := marked(t, c.text)
		s, rule, ok := suggest(text, a, b, []string{c.kind})
		got := ""
		if ok {
			got = Apply(text, s)
		}
		// A case with no suggestion names the veto that stops it, or none.
		if got != c.want || rule != c.rule {
			t.Errorf("%s %q:\n got %q (rule %q)\nwant %q (rule %q)", c.kind, c.text, got, rule, c.want, c.rule)
		}
		if ok {
			checkSuggestion(t, text, a, b, s)
		}
	}
}

// checkSuggestion asserts what every suggestion must be: a span holding the
// finding, on rune boundaries, whose replacement drops the finding and adds
// no double space or space before punctuation.
func checkSuggestion(t *testing.T, text string, a, b int, s Suggestion) {
	t.Helper()
	fa, fb := trimFinding(text, a, b)
	finding := text[fa:fb]
	out := Apply(text, s)
	switch {
	case s.Start < 0 || s.End > len(text) || s.Start > fa || s.End < fb:
		t.Errorf("%q: span %d-%d does not hold the finding at %d-%d", text, s.Start, s.End, fa, fb)
	case !runeStart(text, s.Start) || !runeStart(text, s.End):
		t.Errorf("%q: span %d-%d splits a character", text, s.Start, s.End)
	case strings.Count(out, finding) >= strings.Count(text, finding):
		t.Errorf("%q -> %q keeps the flagged text", text, out)
	case strings.Count(out, "  ") > strings.Count(text, "  "):
		t.Errorf("%q -> %q adds a double space", text, out)
	}
	for _, p := range []string{" ,", " .", " !", " ?"} {
		if strings.Count(out, p) > strings.Count(text, p) {
			t.Errorf("%q -> %q adds %q", text, out, p)
		}
	}
}

// TestSuggestRulesTested holds each rule of suggest.tsv to a case above.
func TestSuggestRulesTested(t *testing.T) {
	tested := map[string]bool{}
	for _, c := range suggestCases {
		tested[c.rule] = true
	}
	for _, r := range suggestRules {
		if !tested[r.id] {
			t.Errorf("rule %s has no case in suggestCases", r.id)
		}
		for _, k := range r.kinds {
			if _, ok := checks.Kind(k); !ok {
				t.Errorf("rule %s names kind %q, which checks does not register", r.id, k)
			}
		}
	}
	if len(suggestCases) < 20 {
		t.Errorf("only %d cases", len(suggestCases))
	}
}

func TestParseSuggestRulesErrors(t *testing.T) {
	for _, in := range []string{
		"id\tage\t[[{}]]",                         // three columns
		"id\tage\t[[ {}]]\t",                      // empty replacement
		"id\tage\t[[ on {} ]]\t-\nid\tage\t{}\t-", // listed twice
		"id\tage\t[[ on ]]\t-",                    // no finding
		"id\tage\t{} {}\t-",                       // two findings
		"id\tage\t]] {} [[\t-",                    // markers the wrong way round
		"id\tage\t{NOPE} {}\t-",                   // undefined macro
		"id\tage\t{:(} on\t-",                     // bad finding regexp
		"id\tage\t(( {}\t-",                       // bad regexp
		"@X\ta\tb",                                // macro with three columns
	} {
		if _, err := parseSuggestRules("test", []byte(in)); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
	rs, err := parseSuggestRules("test", []byte("# c\n\n@P\t(?:in|on)\nr\tage,bed-number\t[[ {P} {}]]\t-\n"))
	if err != nil || len(rs) != 1 || len(rs[0].kinds) != 2 || !rs[0].before.MatchString("Doris in ") {
		t.Errorf("macro rule: %v, %+v", err, rs)
	}
}

func TestApply(t *testing.T) {
	text := "Happy 100th to Doris in bay 3!"
	for _, c := range []struct {
		s    Suggestion
		want string
	}{
		{Suggestion{15, 29, "one of our patients"}, "Happy 100th to one of our patients!"},
		{Suggestion{20, 29, ""}, "Happy 100th to Doris!"},
		{Suggestion{-1, 3, "x"}, text},
		{Suggestion{3, 99, "x"}, text},
		{Suggestion{5, 3, "x"}, text},
	} {
		if got := Apply(text, c.s); got != c.want {
			t.Errorf("Apply(%+v) = %q, want %q", c.s, got, c.want)
		}
	}
}

func TestSuggestBadSpans(t *testing.T) {
	text := "Happy 100th to Dóris 🎂"
	emoji := strings.Index(text, "🎂")
	for _, sp := range [][2]int{{-1, 3}, {3, 3}, {5, 2}, {0, len(text) + 1}, {16, 18}, {emoji + 1, len(text)}, {11, 12}} {
		if s, ok := Suggest(text, sp[0], sp[1], []string{checks.KindPersonName}); ok {
			t.Errorf("span %v: got %+v", sp, s)
		}
	}
}

// TestSuggestPostsSet runs the real checks over the shared posts set and
// asks for a suggestion for every finding: each one made must drop the
// flagged text and leave clean seams.
func TestSuggestPostsSet(t *testing.T) {
	posts := readPosts(t)
	sc, err := checks.NewScanner(checks.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	total, suggested := 0, 0
	byRule := map[string]int{}
	kindTotal, kindSuggested := map[string]int{}, map[string]int{}
	for _, p := range posts {
		doc := checks.FromText(p.Text)
		for _, f := range sc.Scan(doc) {
			a, b, ok := f.Span(doc)
			if !ok {
				t.Errorf("%s: %s has no span in post text", p.ID, f.Check)
				continue
			}
			total++
			kindTotal[f.Check]++
			s, rule, ok := suggest(p.Text, a, b, []string{f.Check})
			if !ok {
				continue
			}
			suggested++
			kindSuggested[f.Check]++
			byRule[rule]++
			checkSuggestion(t, p.Text, a, b, s)
		}
	}
	t.Logf("posts set: findings with a suggestion %d/%d = %.3f", suggested, total, ratio(suggested, total))
	for _, k := range slices.Sorted(maps.Keys(kindTotal)) {
		t.Logf("  %s: %d/%d", k, kindSuggested[k], kindTotal[k])
	}
	t.Logf("by rule: %v", byRule)
	if total > 0 && ratio(suggested, total) < floorSuggested {
		t.Errorf("findings with a suggestion %.3f, below %.3f", ratio(suggested, total), floorSuggested)
	}
}

// floorSuggested is the share of the posts set's findings that get a
// suggestion now; raise it as rules are added.
const floorSuggested = 0.65

// FuzzSuggest asks for suggestions at arbitrary spans of arbitrary text: it
// must not panic, and a suggestion must lie inside the text on rune
// boundaries.
func FuzzSuggest(f *testing.F) {
	kinds := []string{checks.KindPersonName, checks.KindAge, checks.KindBedNumber, checks.KindDateOfBirth, checks.KindPhone, checks.KindHospitalNumber}
	for _, c := range suggestCases {
		text, a, b := marked(f, c.text)
		f.Add(text, a, b, uint8(0))
	}
	f.Add("\xff\xfe Mr \xc3 to Doris's", 9, 14, uint8(0))
	f.Add("Doris, ,  in bay 3 ,", 11, 18, uint8(2))
	f.Fuzz(func(t *testing.T, text string, a, b int, k uint8) {
		s, ok := Suggest(text, a, b, []string{kinds[int(k)%len(kinds)]})
		if !ok {
			return
		}
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			t.Fatalf("span %d-%d outside %d bytes", s.Start, s.End, len(text))
		}
		if !runeStart(text, s.Start) || !runeStart(text, s.End) {
			t.Fatalf("span %d-%d splits a character of %q", s.Start, s.End, text)
		}
		if fa, fb := trimFinding(text, a, b); s.Start > fa || s.End < fb {
			t.Fatalf("span %d-%d does not hold the finding at %d-%d", s.Start, s.End, fa, fb)
		}
		if out := Apply(text, s); strings.Count(out, "  ") > strings.Count(text, "  ") {
			t.Fatalf("%q -> %q adds a double space", text, out)
		}
	})
}
