package faces

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Cascade is a boosted cascade of LBP decision stumps in OpenCV's
// "new" XML format (the one opencv_traincascade writes): a window of
// W×H pixels passes when every stage's sum of stump outputs reaches the
// stage threshold.
type Cascade struct {
	W, H   int
	stages []stage
	stumps []stump
	rects  []lbpRect
}

type stage struct {
	first, count int
	threshold    float64
}

// stump is a depth-1 categorical tree: the LBP code of feature picks a bit
// in subset; a set bit gives left, a clear one right.
type stump struct {
	feature     int
	subset      [8]uint32
	left, right float64
	// bestRest is the most the stage's later stumps can add.
	bestRest float64
}

// lbpRect is the top-left cell of a multi-block LBP feature: a 3×3 grid of
// W×H cells starting at X, Y inside the window.
type lbpRect struct{ X, Y, W, H int }

type xmlCascade struct {
	Cascade struct {
		StageType     string `xml:"stageType"`
		FeatureType   string `xml:"featureType"`
		Height        int    `xml:"height"`
		Width         int    `xml:"width"`
		FeatureParams struct {
			MaxCatCount int `xml:"maxCatCount"`
		} `xml:"featureParams"`
		StageParams struct {
			MaxDepth int `xml:"maxDepth"`
		} `xml:"stageParams"`
		Stages []struct {
			Threshold string `xml:"stageThreshold"`
			Weak      []struct {
				Nodes  string `xml:"internalNodes"`
				Leaves string `xml:"leafValues"`
			} `xml:"weakClassifiers>_"`
		} `xml:"stages>_"`
		Features []struct {
			Rect string `xml:"rect"`
		} `xml:"features>_"`
	} `xml:"cascade"`
}

// maxWindow bounds a cascade's window so that a damaged file cannot make
// the detector allocate or loop without end.
const maxWindow = 256

// ParseCascade reads an OpenCV LBP cascade (stageType BOOST, featureType
// LBP, depth-1 trees over 256 categories). Other cascade kinds (Haar, HOG,
// the old Haar format) are refused with an error.
func ParseCascade(r io.Reader) (*Cascade, error) {
	var x xmlCascade
	if err := xml.NewDecoder(r).Decode(&x); err != nil {
		return nil, fmt.Errorf("face cascade: %w", err)
	}
	xc := x.Cascade
	if xc.StageType != "BOOST" || xc.FeatureType != "LBP" {
		return nil, fmt.Errorf("face cascade: want a BOOST/LBP cascade, got %q/%q", xc.StageType, xc.FeatureType)
	}
	if xc.FeatureParams.MaxCatCount != 256 || xc.StageParams.MaxDepth > 1 {
		return nil, errors.New("face cascade: only depth-1 trees over 256 LBP codes are supported")
	}
	if xc.Width < 8 || xc.Height < 8 || xc.Width > maxWindow || xc.Height > maxWindow {
		return nil, fmt.Errorf("face cascade: window %dx%d out of range", xc.Width, xc.Height)
	}
	c := &Cascade{W: xc.Width, H: xc.Height}
	for i, f := range xc.Features {
		v, err := ints(f.Rect, 4)
		if err != nil {
			return nil, fmt.Errorf("face cascade: feature %d: %w", i, err)
		}
		r := lbpRect{int(v[0]), int(v[1]), int(v[2]), int(v[3])}
		if r.X < 0 || r.Y < 0 || r.W < 1 || r.H < 1 || r.X+3*r.W > c.W || r.Y+3*r.H > c.H {
			return nil, fmt.Errorf("face cascade: feature %d %v outside the %dx%d window", i, r, c.W, c.H)
		}
		c.rects = append(c.rects, r)
	}
	if len(xc.Stages) == 0 {
		return nil, errors.New("face cascade: no stages")
	}
	for si, s := range xc.Stages {
		th, err := strconv.ParseFloat(strings.TrimSpace(s.Threshold), 32)
		if err != nil || math.IsNaN(th) || math.IsInf(th, 0) {
			return nil, fmt.Errorf("face cascade: stage %d threshold %q", si, s.Threshold)
		}
		// OpenCV keeps the threshold as a float32 lowered by 1e-5 so that
		// sums equal to it pass despite rounding.
		st := stage{first: len(c.stumps), count: len(s.Weak), threshold: float64(float32(th) - 1e-5)}
		for wi, w := range s.Weak {
			// internalNodes: left child, right child, feature index, then
			// the 8 words of the category subset.
			v, err := ints(w.Nodes, 11)
			if err != nil {
				return nil, fmt.Errorf("face cascade: stage %d stump %d: %w", si, wi, err)
			}
			leaves, err := floats(w.Leaves, 2)
			if err != nil {
				return nil, fmt.Errorf("face cascade: stage %d stump %d: %w", si, wi, err)
			}
			f := int(v[2])
			if f < 0 || f >= len(c.rects) {
				return nil, fmt.Errorf("face cascade: stage %d stump %d: feature %d of %d", si, wi, f, len(c.rects))
			}
			sp := stump{feature: f, left: leaves[0], right: leaves[1]}
			for k := 0; k < 8; k++ {
				sp.subset[k] = uint32(int32(v[3+k]))
			}
			c.stumps = append(c.stumps, sp)
		}
		rest := 0.0
		for k := len(c.stumps) - 1; k >= st.first; k-- {
			c.stumps[k].bestRest = rest
			rest += max(c.stumps[k].left, c.stumps[k].right)
		}
		c.stages = append(c.stages, st)
	}
	return c, nil
}

func ints(s string, n int) ([]int64, error) {
	f := strings.Fields(s)
	if len(f) != n {
		return nil, fmt.Errorf("want %d numbers, got %d", n, len(f))
	}
	out := make([]int64, n)
	for i, t := range f {
		v, err := strconv.ParseInt(t, 10, 64)
		if err != nil || v < math.MinInt32 || v > math.MaxUint32 {
			return nil, fmt.Errorf("bad number %q", t)
		}
		out[i] = v
	}
	return out, nil
}

func floats(s string, n int) ([]float64, error) {
	f := strings.Fields(s)
	if len(f) != n {
		return nil, fmt.Errorf("want %d numbers, got %d", n, len(f))
	}
	out := make([]float64, n)
	for i, t := range f {
		// OpenCV stores leaves as float32; round the same way.
		v, err := strconv.ParseFloat(t, 32)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("bad number %q", t)
		}
		out[i] = v
	}
	return out, nil
}
