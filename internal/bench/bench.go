// Package bench measures the engine on the generated corpus: how much of
// each patient item's ink the redaction destroyed, how much ordinary text
// it blurred, whether an independent Tesseract pass can still read patient
// items, time against a plain Tesseract pass, and peak memory. RunReal does
// the same on real images with hand-made ground truth, with the figures of
// the reference scorer shared/tools/realscore.py.
package bench

import (
	"context"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"
	"unicode"

	"safepost/internal/export"
	"safepost/internal/ocr"
	"safepost/internal/pipeline"
	"safepost/internal/scan"
	"safepost/internal/synth"
)

// Options select what to run.
type Options struct {
	// Limit keeps only the first N specs of the corpus (0: all).
	Limit int
	// Kinds keeps only specs of these scene kinds (empty: all).
	Kinds []string
	// Baseline runs the plain `tesseract IMG stdout` pass for the ratio.
	Baseline bool
	// Attack runs the independent Tesseract pass over each output.
	Attack bool
	// Verbose prints one line per image.
	Verbose bool
	// Dump, when set, is a folder that receives each redacted output (the
	// corpus is synthetic, so this writes no patient data).
	Dump string
}

// ordinaryKinds are the items the "ordinary text blurred" figure counts:
// headings, signage and ward names, which should stay readable. Staff
// names, bed numbers and clinical notes inside a patient-list row are
// blurred with the row on purpose and are reported separately.
var ordinaryKinds = map[string]bool{"heading": true, "signage": true, "ward-name": true}

// ItemScore is one ground-truth item's outcome.
type ItemScore struct {
	Scene    string
	Kind     string
	PII      bool
	Ink      int
	Changed  int
	Readable bool
}

// ImageScore is one scene's outcome.
type ImageScore struct {
	Name        string
	Kind        string
	Megapixels  float64
	Seconds     float64
	TessSeconds float64
	// CPUSeconds and TessCPUSeconds are the processor time each used
	// (see cpuSeconds).
	CPUSeconds, TessCPUSeconds float64
	PeakRSSMB                  float64
	Verified                   bool
	// Escalated is how many areas the verifier filled solid because
	// something was still read in or beside them.
	Escalated int
	Regions   int
	Items     []ItemScore
	Err       error
}

// Report is the whole run.
type Report struct {
	Images []ImageScore
}

// Run renders the corpus and measures eng on it, writing progress to w.
func Run(ctx context.Context, eng *pipeline.Engine, opts Options, w io.Writer) (*Report, error) {
	specs := synth.Corpus()
	if len(opts.Kinds) > 0 {
		keep := map[string]bool{}
		for _, k := range opts.Kinds {
			keep[k] = true
		}
		var s []synth.Spec
		for _, sp := range specs {
			if keep[sp.Kind] {
				s = append(s, sp)
			}
		}
		specs = s
	}
	if opts.Limit > 0 && opts.Limit < len(specs) {
		specs = specs[:opts.Limit]
	}
	tmp, err := os.MkdirTemp("", "safepost-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if opts.Dump != "" {
		if err := export.EnsureDir(opts.Dump); err != nil {
			return nil, err
		}
	}
	rep := &Report{}
	for _, sp := range specs {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		scene, err := synth.Render(sp)
		if err != nil {
			return rep, fmt.Errorf("rendering %s: %w", sp.Name, err)
		}
		is := measure(ctx, eng, scene, opts, tmp)
		rep.Images = append(rep.Images, is)
		if opts.Verbose {
			printImage(w, is)
		}
	}
	return rep, nil
}

func measure(ctx context.Context, eng *pipeline.Engine, sc *synth.Scene, opts Options, tmp string) ImageScore {
	b := sc.Image.Bounds()
	is := ImageScore{Name: sc.Name, Kind: sc.Kind, Megapixels: float64(b.Dx()*b.Dy()) / 1e6}
	// Memory the previous photo left behind (Go garbage, glibc's freed
	// arenas) is not this photo's: hand it back first, so the peak below
	// is what this photo needs on top of what is live.
	debug.FreeOSMemory()
	ocr.ReleaseMemory()
	resetPeakRSS()
	start, cpu0 := time.Now(), cpuNow()
	out, err := eng.Process(ctx, sc.Image)
	is.Seconds, is.CPUSeconds = time.Since(start).Seconds(), cpuNow()-cpu0
	is.PeakRSSMB = peakRSSMB()
	if err != nil {
		is.Err = err
		return is
	}
	is.Verified, is.Regions, is.Escalated = out.Verified, len(out.Scan.Regions), out.Escalated
	if opts.Dump != "" {
		_ = export.WriteFile(filepath.Join(opts.Dump, sc.Name+".jpg"), out.Redacted)
	}
	changed := changedInk(sc, out.Redacted)
	var readable string
	if opts.Attack {
		readable = attack(out.Redacted, tmp)
	}
	for i, it := range sc.Items {
		s := ItemScore{Scene: sc.Name, Kind: it.Kind, PII: it.PII, Ink: changed[i][0], Changed: changed[i][1]}
		if it.Kind == "face" {
			s.Ink, s.Changed = boxCovered(it.Box, out.Scan.Regions)
		}
		if opts.Attack && it.PII && !pictureKinds[it.Kind] {
			s.Readable = Readable(it.Text, readable)
		}
		is.Items = append(is.Items, s)
	}
	if opts.Baseline {
		in := filepath.Join(tmp, "in.png")
		if err := export.WriteFile(in, sc.Image); err == nil {
			// The tesseract command is a child process: its processor
			// time is counted as the children's.
			_, k0 := cpuSeconds()
			start := time.Now()
			if _, err := tesseract(in, "3"); err == nil {
				_, k1 := cpuSeconds()
				is.TessSeconds, is.TessCPUSeconds = time.Since(start).Seconds(), k1-k0
			}
		}
	}
	return is
}

// pictureKinds are patient items that are not text: an OCR pass cannot
// "read" them, so the attacker figure leaves them out.
var pictureKinds = map[string]bool{"face": true, "barcode": true, "qr-code": true}

// boxCovered returns the area of an item's box and how much of it lies
// inside the redaction regions. Faces are scored this way rather than by
// changed ink: a blurred cheek barely changes colour, yet the face is gone
// once its whole box is blurred.
func boxCovered(box [4]int, regions []scan.Region) (area, covered int) {
	r := image.Rect(box[0], box[1], box[2], box[3])
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			area++
			p := image.Pt(x, y)
			for _, reg := range regions {
				if p.In(reg.Box) {
					covered++
					break
				}
			}
		}
	}
	return area, covered
}

// changedInk returns, per item, its ink pixel count and how many of those
// pixels the redaction changed visibly.
func changedInk(sc *synth.Scene, red *image.NRGBA) [][2]int {
	res := make([][2]int, len(sc.Items))
	src := sc.Image
	b := src.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			id := int(sc.Ink.Gray16At(x, y).Y)
			if id == 0 || id > len(res) {
				continue
			}
			res[id-1][0]++
			i, j := src.PixOffset(x, y), red.PixOffset(x, y)
			d := absd(src.Pix[i], red.Pix[j]) + absd(src.Pix[i+1], red.Pix[j+1]) + absd(src.Pix[i+2], red.Pix[j+2])
			if d > 24 {
				res[id-1][1]++
			}
		}
	}
	return res
}

func absd(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// attack reads the redacted image with two plain Tesseract passes (page
// layout and sparse text), as someone trying to read the output would.
func attack(img *image.NRGBA, tmp string) string {
	p := filepath.Join(tmp, "out.png")
	if err := export.WriteFile(p, img); err != nil {
		return ""
	}
	a, _ := tesseract(p, "3")
	s, _ := tesseract(p, "11")
	return Normalise(a + " " + s)
}

func tesseract(path, psm string) (string, error) {
	cmd := exec.Command("tesseract", path, "stdout", "--psm", psm)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	out, err := cmd.Output()
	return string(out), err
}

// Readable reports whether text (three or more letters or digits) appears
// in read, an attacker's normalised OCR output, ignoring case, spaces and
// punctuation.
func Readable(text, read string) bool {
	n := Normalise(text)
	n = strings.ReplaceAll(n, " ", "")
	if len([]rune(n)) < 3 {
		return false
	}
	return strings.Contains(strings.ReplaceAll(read, " ", ""), n)
}

// Normalise lowers case and turns everything but letters and digits into
// single spaces, so OCR output and expected text compare fairly.
func Normalise(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteRune(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// resetPeakRSS resets the kernel's high-water mark of this process's
// resident memory (Linux); elsewhere it does nothing.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSSMB reads the high-water mark of resident memory in MB (Linux).
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:")), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}

func printImage(w io.Writer, is ImageScore) {
	if is.Err != nil {
		fmt.Fprintf(w, "%-28s ERROR %v\n", is.Name, is.Err)
		return
	}
	pii, red, neg, blurred, readable := 0, 0, 0, 0, 0
	for _, it := range is.Items {
		if it.PII {
			pii++
			if it.fullyRedacted() {
				red++
			}
			if it.Readable {
				readable++
			}
		} else if ordinaryKinds[it.Kind] {
			neg++
			if it.blurred() {
				blurred++
			}
		}
	}
	fmt.Fprintf(w, "%-28s %5.1f MP %6.2fs tess %6.2fs rss %4.0fMB regions %2d pii %2d/%2d readable %d ordinary blurred %d/%d verified %v\n",
		is.Name, is.Megapixels, is.Seconds, is.TessSeconds, is.PeakRSSMB, is.Regions, red, pii, readable, blurred, neg, is.Verified)
}

func (it ItemScore) fullyRedacted() bool {
	return it.Ink > 0 && float64(it.Changed) >= 0.9*float64(it.Ink)
}
func (it ItemScore) blurred() bool { return it.Ink > 0 && float64(it.Changed) >= 0.5*float64(it.Ink) }

// Summary holds the headline figures.
type Summary struct {
	Images, LargeImages     int
	PIIItems, OrdinaryItems int
	ContextItems            int // non-patient text that shares rows with patients
	ContextBlurredShare     float64
	RedactedShare           float64 // PII items with >= 90% of ink changed
	OrdinaryBlurredShare    float64 // ordinary items with >= 50% of ink changed
	ReadableShare           float64 // PII items read by the attacker pass
	MedianSeconds12MP       float64
	RatioToTesseract        float64 // sum of SafePost time / sum of plain Tesseract time, large images
	RatioAll                float64
	// CPURatio is SafePost's processor time over plain Tesseract's, on
	// all images: the work each did, which the machine's load moves much
	// less than wall time. CoresBusy is SafePost's processor time over
	// its wall time: how many cores it kept busy on average.
	CPURatio, CoresBusy float64
	PeakRSSMB12MP       float64
	Errors, Unverified  int
	// Escalated counts the images where the verifier filled an area
	// solid, and EscalatedAreas the areas it filled.
	Escalated, EscalatedAreas int
	MissedByKind              map[string]int
	PIIByKind                 map[string]int
}

// Summarise computes the headline figures.
func (r *Report) Summarise() Summary {
	s := Summary{MissedByKind: map[string]int{}, PIIByKind: map[string]int{}}
	var large []float64
	var sp, st, spAll, stAll, cpuSP, cpuT, cpuAll, wallAll float64
	red, blurred, readable, ctxBlurred := 0, 0, 0, 0
	for _, is := range r.Images {
		s.Images++
		if is.Err != nil {
			s.Errors++
			continue
		}
		if is.Escalated > 0 {
			s.Escalated++
			s.EscalatedAreas += is.Escalated
		}
		if !is.Verified {
			s.Unverified++
		}
		if is.Megapixels >= 8 {
			s.LargeImages++
			large = append(large, is.Seconds)
			s.PeakRSSMB12MP = max(s.PeakRSSMB12MP, is.PeakRSSMB)
			if is.TessSeconds > 0 {
				sp += is.Seconds
				st += is.TessSeconds
			}
		}
		cpuAll += is.CPUSeconds
		wallAll += is.Seconds
		if is.TessCPUSeconds > 0 {
			cpuSP += is.CPUSeconds
			cpuT += is.TessCPUSeconds
		}
		if is.TessSeconds > 0 {
			spAll += is.Seconds
			stAll += is.TessSeconds
		}
		for _, it := range is.Items {
			if it.PII {
				s.PIIItems++
				s.PIIByKind[it.Kind]++
				if it.fullyRedacted() {
					red++
				} else {
					s.MissedByKind[it.Kind]++
				}
				if it.Readable {
					readable++
				}
			} else if ordinaryKinds[it.Kind] {
				s.OrdinaryItems++
				if it.blurred() {
					blurred++
				}
			} else {
				s.ContextItems++
				if it.blurred() {
					ctxBlurred++
				}
			}
		}
	}
	s.RedactedShare = share(red, s.PIIItems)
	s.OrdinaryBlurredShare = share(blurred, s.OrdinaryItems)
	s.ReadableShare = share(readable, s.PIIItems)
	s.ContextBlurredShare = share(ctxBlurred, s.ContextItems)
	sort.Float64s(large)
	if len(large) > 0 {
		s.MedianSeconds12MP = large[len(large)/2]
	}
	if st > 0 {
		s.RatioToTesseract = sp / st
	}
	if stAll > 0 {
		s.RatioAll = spAll / stAll
	}
	if cpuT > 0 {
		s.CPURatio = cpuSP / cpuT
	}
	if wallAll > 0 {
		s.CoresBusy = cpuAll / wallAll
	}
	return s
}

// pictureFigures lists, for faces and codes, how many of the corpus items
// were fully redacted.
func pictureFigures(s Summary) string {
	var b strings.Builder
	for _, k := range []string{"face", "barcode", "qr-code"} {
		if n := s.PIIByKind[k]; n > 0 {
			fmt.Fprintf(&b, " %s %d/%d", k, n-s.MissedByKind[k], n)
		}
	}
	return b.String()
}

func share(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// Print writes the summary for people.
func (s Summary) Print(w io.Writer) {
	fmt.Fprintf(w, "images: %d (%d of 8-12 MP), errors %d, unverified %d, filled solid by the verifier %d (%d areas)\n", s.Images, s.LargeImages, s.Errors, s.Unverified, s.Escalated, s.EscalatedAreas)
	fmt.Fprintf(w, "patient items fully redacted (>=90%% ink changed): %.3f (%d items; target >= 0.98)\n", s.RedactedShare, s.PIIItems)
	fmt.Fprintf(w, "ordinary-text items (headings, signage, ward names) blurred: %.3f (%d items; target <= 0.10)\n", s.OrdinaryBlurredShare, s.OrdinaryItems)
	fmt.Fprintf(w, "staff names, bed numbers and care notes blurred (within patient rows, on purpose): %.3f (%d items)\n", s.ContextBlurredShare, s.ContextItems)
	fmt.Fprintf(w, "patient items readable by an independent Tesseract pass: %.3f (target <= 0.02)\n", s.ReadableShare)
	fmt.Fprintf(w, "median seconds per 8-12 MP photo: %.2f\n", s.MedianSeconds12MP)
	fmt.Fprintf(w, "time ratio SafePost / plain single-threaded Tesseract: %.2f on 8-12 MP photos, %.2f on all (target <= 1.5)\n", s.RatioToTesseract, s.RatioAll)
	if s.CPURatio > 0 || s.CoresBusy > 0 {
		fmt.Fprintf(w, "processor time ratio SafePost / plain Tesseract: %.2f on all (SafePost kept %.2f cores busy on average)\n", s.CPURatio, s.CoresBusy)
	}
	fmt.Fprintf(w, "peak memory (RSS) on an 8-12 MP photo: %.0f MB (target <= 400)\n", s.PeakRSSMB12MP)
	if parts := pictureFigures(s); parts != "" {
		fmt.Fprintf(w, "faces and codes fully redacted (faces: >=90%% of the box blurred):%s\n", parts)
	}
	if len(s.MissedByKind) > 0 {
		var ks []string
		for k := range s.PIIByKind {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		fmt.Fprintf(w, "not fully redacted, by kind:")
		for _, k := range ks {
			fmt.Fprintf(w, " %s %d/%d", k, s.MissedByKind[k], s.PIIByKind[k])
		}
		fmt.Fprintln(w)
	}
}
