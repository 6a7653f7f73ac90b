package synth

import (
	"fmt"
	"hash/fnv"
)

// Photo sizes in the corpus: large ones are typical phone cameras (8-12 MP),
// small ones are what messaging apps and screenshots leave (0.5-4 MP).
var (
	largeSizes = [][2]int{{4000, 3000}, {3000, 4000}, {3456, 2592}, {2592, 3456}, {4000, 2250}}
	smallSizes = [][2]int{{960, 720}, {1280, 960}, {1600, 1200}, {1920, 1080}, {1080, 1440}, {2048, 1536}, {1200, 1600}}
)

// Corpus returns the benchmark corpus: every kind at difficulties 1-3, plus
// a second large photo at levels 2 and 3 for every kind except the two
// negatives. The list is fixed, so figures are comparable between runs.
func Corpus() []Spec {
	var out []Spec
	add := func(kind string, d int, size [2]int, variant int) {
		name := fmt.Sprintf("%s-d%d-%dx%d", kind, d, size[0], size[1])
		if variant > 0 {
			name += fmt.Sprintf("-v%d", variant)
		}
		h := fnv.New64a()
		h.Write([]byte(name))
		out = append(out, Spec{Name: name, Kind: kind, Seed: int64(h.Sum64() >> 1), Width: size[0], Height: size[1], Difficulty: d})
	}
	for i, kind := range Kinds() {
		add(kind, 1, smallSizes[i%len(smallSizes)], 0)
		add(kind, 2, largeSizes[i%len(largeSizes)], 0)
		add(kind, 3, smallSizes[(i+3)%len(smallSizes)], 0)
	}
	for i, kind := range Kinds() {
		if isNegative(kind) {
			continue
		}
		add(kind, 1+i%3, largeSizes[(i+2)%len(largeSizes)], 1)
		if i%2 == 0 {
			add(kind, 3-i%3, smallSizes[(i+5)%len(smallSizes)], 1)
		}
	}
	return out
}

func isNegative(kind string) bool {
	for _, n := range negativeKinds {
		if n == kind {
			return true
		}
	}
	return false
}
