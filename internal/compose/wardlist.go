package compose

import (
	"fmt"
	"strings"
	"unicode"

	"safepost/checks"
)

// wardListEntry says which list of the trust's config file a false alarm
// in the text goes on, and what is added: a name (a colleague's, or a
// place's before "Ward" or "Unit") to the staff or ward names, a phone
// number, postcode or mailbox to the ward's own. Anything else (an NHS
// number, a date, an age) is never allow-listed from the app, nor is a
// name with a patient's title: ok is false.
func wardListEntry(f TextFinding, text string) (key, entry string, ok bool) {
	if f.Start < 0 || f.End > len(text) || f.Start >= f.End {
		return "", "", false
	}
	entry = strings.TrimFunc(text[f.Start:f.End], func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '#' && r != '+' && r != '('
	})
	if strings.Count(entry, "(") != strings.Count(entry, ")") {
		entry = strings.Trim(entry, "()")
	}
	entry = strings.TrimSuffix(strings.TrimSuffix(entry, "'s"), "’s")
	if entry == "" {
		return "", "", false
	}
	switch f.Check {
	case checks.KindPhone:
		return "phone_numbers", entry, true
	case checks.KindPostcode:
		return "postcodes", entry, true
	case checks.KindEmail:
		return "emails", entry, true
	case checks.KindPersonName:
		for _, w := range strings.Fields(entry) {
			if t := strings.ToLower(strings.TrimRight(w, ".")); t == "mr" || t == "mrs" || t == "ms" || t == "miss" || t == "mx" {
				return "", "", false
			}
		}
		if next := strings.Fields(text[f.End:]); len(next) > 0 {
			switch strings.ToLower(strings.Trim(next[0], ".,!?;:")) {
			case "ward", "unit", "wing", "bay", "suite", "centre", "clinic":
				return "ward_names", entry + " " + strings.Trim(next[0], ".,!?;:"), true
			}
		}
		return "staff_names", entry, true
	}
	return "", "", false
}

// CanAddToWardList reports whether finding i can go on the ward's list
// from the app.
func (m *Model) CanAddToWardList(i int) bool {
	if m.ConfigPath == "" || i < 0 || i >= len(m.Findings) {
		return false
	}
	_, _, ok := wardListEntry(m.Findings[i], m.text)
	return ok
}

// AddToWardList puts finding i on the ward's list in the trust's config
// file, so it is not flagged again, and checks the text and the photos'
// descriptions again with the new list. It returns what was added and to which list. Photos are checked
// with the new list the next time SafePost starts.
func (m *Model) AddToWardList(i int) (entry, list string, err error) {
	if m.ConfigPath == "" || i < 0 || i >= len(m.Findings) {
		return "", "", fmt.Errorf("nothing to add")
	}
	key, entry, ok := wardListEntry(m.Findings[i], m.text)
	if !ok {
		return "", "", fmt.Errorf("this kind of finding cannot go on the ward's list")
	}
	if err := checks.AddToAllowList(m.ConfigPath, key, entry); err != nil {
		return "", "", err
	}
	cfg, err := checks.LoadConfig(m.ConfigPath)
	if err != nil {
		return "", "", err
	}
	cs, err := checks.NewScanner(cfg)
	if err != nil {
		return "", "", err
	}
	m.checks = cs
	m.checkText(m.text)
	for _, p := range m.Photos {
		if strings.TrimSpace(p.Alt) != "" {
			m.checkAlt(p, p.Alt)
		}
	}
	return entry, strings.ReplaceAll(key, "_", " "), nil
}
