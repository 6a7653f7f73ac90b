package attack

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"

	"safepost/assets"
)

// Kind is one sort of patient value the attack guesses: the label drawn
// before it ("Name:") and every candidate value.
type Kind struct {
	Name   string
	Prefix string
	Values []string
}

// Names returns n full names ("Aisha Brennan") made from the project's own
// lists of common forenames and surnames (assets/names), in a fixed order
// for seed: common names, not identities.
func Names(n int, seed uint64) (Kind, error) {
	fore, err := nameList("names/forenames.txt")
	if err != nil {
		return Kind{}, err
	}
	sur, err := nameList("names/surnames.txt")
	if err != nil {
		return Kind{}, err
	}
	r := rand.New(rand.NewPCG(seed, 16))
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		v := fore[r.IntN(len(fore))] + " " + sur[r.IntN(len(sur))]
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return Kind{Name: "names", Prefix: "Name:", Values: out}, nil
}

// Dates returns every date of year as a date of birth, dd/mm/yyyy.
func Dates(year int) Kind {
	var out []string
	for d := time.Date(year, 1, 1, 12, 0, 0, 0, time.UTC); d.Year() == year; d = d.AddDate(0, 0, 1) {
		out = append(out, d.Format("02/01/2006"))
	}
	return Kind{Name: "dates", Prefix: "DOB:", Values: out}
}

func nameList(path string) ([]string, error) {
	b, err := assets.Names.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the name list %s: %w", path, err)
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		out = append(out, string(r))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the name list %s is empty", path)
	}
	return out, nil
}
