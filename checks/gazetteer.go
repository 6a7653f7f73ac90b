package checks

import (
	"bufio"
	"io/fs"
	"strings"
	"sync"

	"safepost/assets"
)

// gazetteer is the list of common UK forenames and surnames bundled in
// assets/names. It helps confidence; names outside it are still caught
// from context (titles, bed numbers, labels).
type gazetteer struct {
	forenames, surnames map[string]bool
}

var (
	gazOnce sync.Once
	gaz     gazetteer
)

// names loads the gazetteer once. A missing or unreadable file leaves that
// list empty rather than failing: context rules still find names.
func names() gazetteer {
	gazOnce.Do(func() {
		gaz = gazetteer{
			forenames: readNames("names/forenames.txt"),
			surnames:  readNames("names/surnames.txt"),
		}
	})
	return gaz
}

func readNames(path string) map[string]bool {
	m := map[string]bool{}
	f, err := assets.Names.Open(path)
	if err != nil {
		return m
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m[strings.ToLower(line)] = true
	}
	return m
}

// assetsFS is here so tests can check the embedded files exist.
var assetsFS fs.FS = assets.Names
