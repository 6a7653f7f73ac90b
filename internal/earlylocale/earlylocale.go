// Package earlylocale makes a C locale readable to Fyne before Fyne starts.
//
// Fyne's lang package reads the user's locale when it is initialised and
// logs six lines of "Fyne error: Error parsing user locale C" on stderr
// when it is "C.UTF-8" (the default in containers and many CI machines):
// every `safepost check` would print them. Go initialises packages that do
// not depend on each other in the order of their import paths, so this
// package (its own small module, "earlylocale", which sorts before
// "fyne.io") runs first, as long as cmd/safepost imports it. It sets
// LANGUAGE=en when the locale is C or POSIX with an encoding: the C locale
// ignores LANGUAGE, so nothing else changes, and Fyne reads "en".
package earlylocale

import "os"

func init() { Fix(os.Getenv, os.Setenv) }

// Fix sets LANGUAGE through setenv when the locale getenv reports is a C
// or POSIX locale with an encoding ("C.UTF-8", "POSIX.utf8") and LANGUAGE
// is not set. It reads the variables in the order gettext does.
func Fix(getenv func(string) string, setenv func(string, string) error) {
	if getenv("LANGUAGE") != "" {
		return
	}
	loc := ""
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = getenv(v); loc != "" {
			break
		}
	}
	base, _, hasEnc := cut(loc, '.')
	if hasEnc && (base == "C" || base == "POSIX") {
		_ = setenv("LANGUAGE", "en")
	}
}

func cut(s string, sep byte) (before, after string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
