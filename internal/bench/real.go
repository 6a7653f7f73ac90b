package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/disintegration/imaging"
	"github.com/otiai10/gosseract/v2"

	"safepost/internal/export"
	"safepost/internal/imageio"
	"safepost/internal/pipeline"
)

// Truth is one real image's ground truth (NAME.json beside NAME.ext; the
// format is described in the set's README.md).
type Truth struct {
	File     string      `json:"file"`
	Width    int         `json:"width"`
	Height   int         `json:"height"`
	Category string      `json:"category"`
	Digital  bool        `json:"digital"`
	Items    []TruthItem `json:"items"`
}

// TruthItem is one labelled piece of text. Kind "keep" marks ordinary text
// whose blurring counts as over-blurring; label, date and other count
// neither way.
type TruthItem struct {
	Text    string       `json:"text"`
	Kind    string       `json:"kind"`
	PII     bool         `json:"pii"`
	Box     [4]float64   `json:"box"` // x0, y0, x1, y1 (exclusive), upright pixels
	Hand    bool         `json:"hand"`
	Surname string       `json:"surname"`
	Quad    [][2]float64 `json:"quad"`
}

// LoadTruth reads every NAME.json in dir, in name order.
func LoadTruth(dir string) ([]*Truth, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no ground truth (NAME.json) in %s", dir)
	}
	sort.Strings(paths)
	var set []*Truth
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var t Truth
		if err := json.Unmarshal(data, &t); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if t.File == "" || filepath.Base(t.File) != t.File {
			return nil, fmt.Errorf("%s: \"file\" must name an image in the same folder", p)
		}
		set = append(set, &t)
	}
	return set, nil
}

// RealOptions select what a run over a real image set does.
type RealOptions struct {
	// Dir holds NAME.ext + NAME.json.
	Dir string
	// Match, when set, keeps only images whose file name matches this
	// filepath.Match pattern.
	Match string
	// Redacted, when set, is a folder of outputs already written (by
	// `safepost redact` or any other tool) to score instead of running the
	// engine; outputs are found as NAME.png/.jpg/.jpeg as the scorer does.
	Redacted string
	// Leak runs the independent Tesseract reading of each original and
	// output; LeakPSMs are its page segmentation modes (default 11 and 6)
	// and Leak2x adds the same reads at twice the size.
	Leak     bool
	LeakPSMs []gosseract.PageSegMode
	Leak2x   bool
	// Baseline times a plain single-threaded Tesseract read (psm 3) of each
	// original, for the time ratio.
	Baseline bool
	// DataPath is the Tesseract data folder (empty: the default).
	DataPath string
	// Workers is how many leak readings run at once (default 1).
	Workers int
	// Concurrent is how many images are measured at once (default 1).
	// Above 1 the engine's time and plain Tesseract's overlap, so leave
	// Baseline off: the time ratio would mean nothing.
	Concurrent int
	// Verbose prints a line per image and each uncovered patient item;
	// ShowText adds the item's text (patient text: off by default).
	Verbose, ShowText bool
}

// RealItem is one ground-truth item's outcome.
type RealItem struct {
	Kind       string
	PII, Hand  bool
	Box        [4]int
	text       string // shown only on request
	InkPixels  int
	InkChanged float64 // share of the item's ink changed
	BoxChanged float64 // share of its whole box changed
	Keyed      bool    // it has leak keys
	Readable   bool    // a key was read in the original
	FoundOut   bool    // a key was read in the output
	Leaked     bool    // readable and found in the output
}

// Covered is the recall test: 90% of the item's ink changed.
func (it RealItem) Covered() bool { return it.InkChanged >= coverShare }

// RealImage is one image's outcome.
type RealImage struct {
	Name, Category string
	Digital        bool
	Width, Height  int
	// Missing means there is no output to score (not verified, an error,
	// or no file in Redacted): its patient items count as uncovered and,
	// where readable in the original, as leaked.
	Missing      bool
	Err          string
	ChangedShare float64 // of all pixels
	ChangedBlock float64 // densest block
	Seconds      float64 // SafePost's processing
	TessSeconds  float64 // plain Tesseract's
	// CPUSeconds and TessCPUSeconds are the processor time each used
	// (see cpuSeconds).
	CPUSeconds, TessCPUSeconds float64
	// Escalated is how many areas the verifier filled solid.
	Escalated    int
	Items        []RealItem
	leakMeasured bool
}

// RealReport is a whole run over a set.
type RealReport struct {
	Dir      string
	Images   []RealImage
	Leak     bool
	LeakRuns []string // e.g. "psm11", "psm6x2"
}

type leakRun struct {
	name  string
	psm   gosseract.PageSegMode
	scale int
}

func (o RealOptions) leakRuns() []leakRun {
	psms := o.LeakPSMs
	if len(psms) == 0 {
		psms = []gosseract.PageSegMode{gosseract.PSM_SPARSE_TEXT, gosseract.PSM_SINGLE_BLOCK}
	}
	var runs []leakRun
	scales := []int{1}
	if o.Leak2x {
		scales = append(scales, 2)
	}
	for _, s := range scales {
		for _, p := range psms {
			n := fmt.Sprintf("psm%d", p)
			if s > 1 {
				n += fmt.Sprintf("x%d", s)
			}
			runs = append(runs, leakRun{n, p, s})
		}
	}
	return runs
}

// RunReal measures eng (or, with opts.Redacted, the outputs in that folder)
// on the real images in opts.Dir. Nothing is written to disk: outputs are
// encoded and decoded in memory, exactly as `safepost redact` would write
// them, and every OCR reading is from memory.
func RunReal(ctx context.Context, eng *pipeline.Engine, opts RealOptions, w io.Writer) (*RealReport, error) {
	if eng == nil && opts.Redacted == "" {
		return nil, fmt.Errorf("no engine and no folder of outputs to score")
	}
	set, err := LoadTruth(opts.Dir)
	if err != nil {
		return nil, err
	}
	rep := &RealReport{Dir: opts.Dir, Leak: opts.Leak}
	var reader *plainOCR
	if opts.Leak || (opts.Baseline && opts.Redacted == "") {
		reader = newPlainOCR(opts.DataPath, opts.Workers)
		defer reader.Close()
	}
	runs := opts.leakRuns()
	if opts.Leak {
		for _, r := range runs {
			rep.LeakRuns = append(rep.LeakRuns, r.name)
		}
	}
	var todo []*Truth
	for _, gt := range set {
		if ok, _ := filepath.Match(opts.Match, gt.File); ok || opts.Match == "" {
			todo = append(todo, gt)
		}
	}
	// Images are measured Concurrent at a time and reported in set order.
	type result struct {
		ri   RealImage
		err  error
		done chan struct{}
	}
	results := make([]*result, len(todo))
	for i := range results {
		results[i] = &result{done: make(chan struct{})}
	}
	// On an early return, stop the workers (cancel) before waiting for them.
	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range todo {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range max(1, opts.Concurrent) {
		wg.Go(func() {
			for i := range next {
				r := results[i]
				if r.err = ctx.Err(); r.err == nil {
					r.ri, r.err = measureReal(ctx, eng, reader, todo[i], opts, runs)
				}
				close(r.done)
			}
		})
	}
	for _, r := range results {
		select {
		case <-r.done:
		case <-ctx.Done():
			return rep, ctx.Err()
		}
		if r.err != nil {
			return rep, r.err
		}
		rep.Images = append(rep.Images, r.ri)
		if opts.Verbose {
			printRealImage(w, r.ri, opts.ShowText)
		}
	}
	return rep, nil
}

// measureReal scores one image. Only a failure of the measurement itself
// (OCR for the leak figure, cancellation) is returned as an error; the
// engine's own failures make the image missing, as `redact` would not
// write it.
func measureReal(ctx context.Context, eng *pipeline.Engine, reader *plainOCR, gt *Truth, opts RealOptions, runs []leakRun) (RealImage, error) {
	ri := RealImage{Name: gt.File, Category: gt.Category, Digital: gt.Digital}
	path := filepath.Join(opts.Dir, gt.File)
	data, err := os.ReadFile(path)
	if err != nil {
		return ri, err
	}
	img, err := imageio.Decode(path, data)
	if err != nil {
		return ri, err
	}
	raw, err := rawPixels(data, img.Orientation)
	if err != nil {
		return ri, fmt.Errorf("%s: %w", path, err)
	}
	in := upright(raw, data, img.Orientation)
	var out pixels
	if opts.Redacted != "" {
		if p := findOutput(opts.Redacted, strings.TrimSuffix(gt.File, filepath.Ext(gt.File))); p == "" {
			ri.Err = "no output"
		} else if od, err := os.ReadFile(p); err != nil {
			ri.Err = err.Error()
		} else if oi, err := imageio.Decode(p, od); err != nil {
			ri.Err = "unreadable output: " + err.Error()
		} else {
			out = upright(oi.Pixels, od, oi.Orientation)
		}
	} else {
		start, cpu0 := time.Now(), cpuNow()
		res, err := eng.Process(ctx, img.Pixels)
		ri.Seconds, ri.CPUSeconds = time.Since(start).Seconds(), cpuNow()-cpu0
		switch {
		case ctx.Err() != nil:
			return ri, ctx.Err()
		case err != nil:
			ri.Err = "could not check: " + err.Error()
		case !res.Verified:
			ri.Err = "redaction not verified (redact would not write it)"
		default:
			ri.Escalated = res.Escalated
			if out, err = roundTrip(gt.File, res.Redacted); err != nil {
				return ri, fmt.Errorf("%s: %w", path, err)
			}
		}
	}
	img = nil // the engine's copy is not needed for scoring
	if o, i := out.img, in.img; o != nil && o.Bounds().Size() != i.Bounds().Size() {
		// SafePost keeps the upright size; the scorer would realign another
		// tool's rotated or resized output, which is not ported.
		ri.Err = fmt.Sprintf("output is %dx%d, input %dx%d", o.Bounds().Dx(), o.Bounds().Dy(), i.Bounds().Dx(), i.Bounds().Dy())
		out = pixels{}
	}
	if opts.Baseline && opts.Redacted == "" {
		start, cpu0 := time.Now(), cpuNow()
		if _, err := reader.text(data, gosseract.PSM_AUTO); err != nil {
			return ri, fmt.Errorf("%s: plain Tesseract: %w", path, err)
		}
		ri.TessSeconds, ri.TessCPUSeconds = time.Since(start).Seconds(), cpuNow()-cpu0
	}
	var origRead, outRead []string
	if opts.Leak {
		if origRead, outRead, err = readBoth(reader, in, out, runs); err != nil {
			return ri, fmt.Errorf("%s: leak OCR: %w", path, err)
		}
	}
	scoreReal(&ri, gt, in.img, out.img, opts.Leak, origRead, outRead)
	return ri, nil
}

// roundTrip encodes a redacted image as `redact` writes it for the input
// name (JPEG or PNG by extension) and decodes it again, in memory. PNG
// gives back the same pixels, so only JPEG is encoded.
func roundTrip(name string, img *image.NRGBA) (pixels, error) {
	if filepath.Ext(export.OutputPath(".", name)) == ".png" {
		return pixels{img: img}, nil
	}
	var buf bytes.Buffer
	if err := export.Encode(&buf, img, "jpeg"); err != nil {
		return pixels{}, err
	}
	dec, err := imageio.Decode(name, buf.Bytes())
	if err != nil {
		return pixels{}, err
	}
	return upright(dec.Pixels, buf.Bytes(), dec.Orientation), nil
}

// outputExts are the names the scorer looks for, in its order.
var outputExts = []string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG", ".Png", ".Jpg", ".Jpeg"}

func findOutput(dir, base string) string {
	for _, e := range outputExts {
		p := filepath.Join(dir, base+e)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// rawPixels decodes data keeping colour and alpha apart, as the scorer sees
// an input: a transparent pixel keeps its own RGB (SafePost's imageio
// composites it over white for OCR), and the alpha says which pixels can
// count as changed. orientation is the EXIF orientation imageio read.
func rawPixels(data []byte, orientation int) (*image.NRGBA, error) {
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	b := src.Bounds()
	dst := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	switch s := src.(type) {
	case *image.NRGBA:
		for y := 0; y < b.Dy(); y++ {
			copy(dst.Pix[y*dst.Stride:(y+1)*dst.Stride], s.Pix[s.PixOffset(b.Min.X, b.Min.Y+y):])
		}
	case *image.Paletted, *image.NRGBA64:
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				dst.SetNRGBA(x, y, color.NRGBAModel.Convert(src.At(b.Min.X+x, b.Min.Y+y)).(color.NRGBA))
			}
		}
	default:
		if o, ok := src.(interface{ Opaque() bool }); ok && o.Opaque() {
			// Opaque premultiplied bytes are the straight ones; draw has
			// fast, exact paths for YCbCr and grey.
			rgba := &image.RGBA{Pix: dst.Pix, Stride: dst.Stride, Rect: dst.Rect}
			draw.Draw(rgba, rgba.Rect, src, b.Min, draw.Src)
		} else {
			for y := 0; y < b.Dy(); y++ {
				for x := 0; x < b.Dx(); x++ {
					dst.SetNRGBA(x, y, color.NRGBAModel.Convert(src.At(b.Min.X+x, b.Min.Y+y)).(color.NRGBA))
				}
			}
		}
	}
	return imageio.Upright(dst, orientation), nil
}

// pixels is an image to read: its colour and, for a JPEG that needs no
// turning, the file's bytes. Tesseract is given those bytes, so libjpeg
// decodes them as it does for the tesseract command (and for the scorer,
// whose Pillow uses the same libjpeg); Go's decoder differs by a level or
// two here and there, enough to change what Tesseract reads now and then.
// Everything else is handed over as decoded colour.
type pixels struct {
	img  *image.NRGBA
	jpeg []byte
}

func upright(img *image.NRGBA, data []byte, orientation int) pixels {
	p := pixels{img: img}
	if orientation <= 1 && bytes.HasPrefix(data, []byte{0xff, 0xd8}) {
		p.jpeg = withoutDensity(data)
	}
	return p
}

// withoutDensity returns data, or a copy with the JFIF header's pixel
// density unit cleared. Leptonica takes a JPEG's dots per inch from it, and
// Tesseract then trusts that instead of estimating the size of the text;
// the scorer's copy (a PNG written by Pillow) has no density, so neither
// may this.
func withoutDensity(data []byte) []byte {
	const unit = 13 // SOI, APP0 marker and length, "JFIF\0", version
	if len(data) <= unit || data[2] != 0xff || data[3] != 0xe0 || string(data[6:11]) != "JFIF\x00" || data[unit] == 0 {
		return data
	}
	c := append([]byte(nil), data...)
	c[unit] = 0
	return c
}

// readBoth reads the original and the output with each leak run, the
// reads shared among the reader's clients. An output with the same colour
// as the input is not read again. Readings come back normalised (KeyText).
func readBoth(reader *plainOCR, in, out pixels, runs []leakRun) (origRead, outRead []string, err error) {
	same := out.img != nil && sameColour(in.img, out.img)
	type task struct {
		src  pixels
		run  leakRun
		dest *string
	}
	origRead = make([]string, len(runs))
	var tasks []task
	for i, r := range runs {
		tasks = append(tasks, task{in, r, &origRead[i]})
	}
	if out.img != nil && !same {
		outRead = make([]string, len(runs))
		for i, r := range runs {
			tasks = append(tasks, task{out, r, &outRead[i]})
		}
	}
	type key struct {
		img   *image.NRGBA
		scale int
	}
	encoded := map[key][]byte{}
	for _, t := range tasks {
		k := key{t.src.img, t.run.scale}
		switch {
		case encoded[k] != nil:
		case t.run.scale > 1:
			// Pillow's bicubic is Catmull-Rom too; imaging rounds
			// differently, so the 2x figure is close, not exact.
			img := t.src.img
			encoded[k] = ppm(imaging.Resize(opaque(img), img.Bounds().Dx()*t.run.scale, img.Bounds().Dy()*t.run.scale, imaging.CatmullRom))
		case t.src.jpeg != nil:
			encoded[k] = t.src.jpeg
		default:
			encoded[k] = ppm(t.src.img)
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, len(tasks))
	for i, t := range tasks {
		wg.Go(func() {
			s, err := reader.text(encoded[key{t.src.img, t.run.scale}], t.run.psm)
			*t.dest, errs[i] = KeyText(s), err
		})
	}
	wg.Wait()
	for _, e := range errs {
		if e != nil {
			return nil, nil, e
		}
	}
	if same {
		outRead = origRead
	}
	return origRead, outRead, nil
}

// opaque returns img's colour with every alpha at 255, so resampling does
// not weigh colours by an alpha the scorer drops.
func opaque(img *image.NRGBA) *image.NRGBA {
	c := &image.NRGBA{Pix: append([]uint8(nil), img.Pix...), Stride: img.Stride, Rect: img.Rect}
	for i := 3; i < len(c.Pix); i += 4 {
		c.Pix[i] = 255
	}
	return c
}

func sameColour(a, b *image.NRGBA) bool {
	if a.Bounds().Size() != b.Bounds().Size() {
		return false
	}
	w, h := a.Bounds().Dx(), a.Bounds().Dy()
	for y := 0; y < h; y++ {
		pa, pb := a.Pix[a.PixOffset(a.Rect.Min.X, a.Rect.Min.Y+y):], b.Pix[b.PixOffset(b.Rect.Min.X, b.Rect.Min.Y+y):]
		for x := 0; x < w; x++ {
			if pa[4*x] != pb[4*x] || pa[4*x+1] != pb[4*x+1] || pa[4*x+2] != pb[4*x+2] {
				return false
			}
		}
	}
	return true
}

// scoreReal fills ri from the input, the output (nil: missing) and the leak
// readings.
func scoreReal(ri *RealImage, gt *Truth, in, out *image.NRGBA, leak bool, origRead, outRead []string) {
	W, H := in.Bounds().Dx(), in.Bounds().Dy()
	ri.Width, ri.Height = W, H
	ri.Missing = out == nil
	ri.leakMeasured = leak
	var nonPII []string
	for _, it := range gt.Items {
		if !it.PII {
			nonPII = append(nonPII, KeyText(it.Text))
		}
	}
	sep, cat := strings.Join(nonPII, "|"), strings.Join(nonPII, "")
	grey := Grey(in)
	var changed []bool
	if out != nil {
		changed = ChangedMask(in, out)
		ri.ChangedShare = share(count(changed), len(changed))
		ri.ChangedBlock = ChangedBlock(changed, W, H)
	}
	for _, it := range gt.Items {
		r := RealItem{Kind: it.Kind, PII: it.PII, Hand: it.Hand, text: it.Text}
		for i, v := range it.Box {
			r.Box[i] = int(v)
		}
		// Not image.Rect, which would swap an inverted box's corners.
		box := image.Rectangle{Min: image.Pt(max(0, r.Box[0]), max(0, r.Box[1])), Max: image.Pt(min(W, r.Box[2]), min(H, r.Box[3]))}
		if box.Max.X <= box.Min.X || box.Max.Y <= box.Min.Y {
			box = image.Rectangle{}
		}
		ink := InkMask(grey, box, it.Quad)
		r.InkPixels = count(ink)
		if changed != nil && ink != nil {
			n, nb := 0, 0
			for y := 0; y < box.Dy(); y++ {
				row := changed[(box.Min.Y+y)*W+box.Min.X:]
				for x := 0; x < box.Dx(); x++ {
					if row[x] {
						nb++
						if ink[y*box.Dx()+x] {
							n++
						}
					}
				}
			}
			r.InkChanged = share(n, r.InkPixels)
			r.BoxChanged = share(nb, box.Dx()*box.Dy())
		}
		if it.PII && leak {
			keys := LeakKeys(it.Text, it.Kind, it.Surname, sep, cat)
			r.Keyed = len(keys) > 0
			r.Readable = foundIn(keys, origRead)
			if out == nil {
				r.FoundOut, r.Leaked = true, r.Readable
			} else {
				r.FoundOut = foundIn(keys, outRead)
				r.Leaked = r.Readable && r.FoundOut
			}
		}
		ri.Items = append(ri.Items, r)
	}
}

// Tally counts items of one group.
type Tally struct {
	PII, Covered            int
	Readable, Leaked, Keyed int
	NewLeaks                int // found in the output but not readable in the original
	Keep, KeepOver          int
}

// Recall is the share of patient items covered.
func (t Tally) Recall() float64 { return share(t.Covered, t.PII) }

// Leak is the share of readable patient items still read in the output.
func (t Tally) Leak() float64 { return share(t.Leaked, t.Readable) }

// OverblurKeep is the share of keep items at least half blurred.
func (t Tally) OverblurKeep() float64 { return share(t.KeepOver, t.Keep) }

// RealSummary holds a run's figures.
type RealSummary struct {
	Dir                   string
	Images, Missing       int
	Total                 Tally
	Groups                map[string]map[string]*Tally // group -> value -> tally
	Negatives, NegChanged int
	NegDetail             []RealImage
	Leak                  bool
	LeakRuns              []string
	Seconds, TessSeconds  float64 // summed over images with both
	// CPUSeconds and TessCPUSeconds are the processor time each used,
	// summed over images with both.
	CPUSeconds, TessCPUSeconds float64
	// Escalated counts the images where the verifier filled an area
	// solid, and EscalatedAreas the areas it filled.
	Escalated, EscalatedAreas int
}

// realGroups are the breakdowns, in print order.
var realGroups = []string{"category", "kind", "script", "capture"}

// TimeRatio is SafePost's time over plain Tesseract's (0 when not timed).
func (s RealSummary) TimeRatio() float64 {
	if s.TessSeconds == 0 {
		return 0
	}
	return s.Seconds / s.TessSeconds
}

// Summarise aggregates the run as the scorer does.
func (r *RealReport) Summarise() RealSummary {
	s := RealSummary{Dir: r.Dir, Leak: r.Leak, LeakRuns: r.LeakRuns, Groups: map[string]map[string]*Tally{}}
	for _, g := range realGroups {
		s.Groups[g] = map[string]*Tally{}
	}
	group := func(g, v string) *Tally {
		t := s.Groups[g][v]
		if t == nil {
			t = &Tally{}
			s.Groups[g][v] = t
		}
		return t
	}
	for _, im := range r.Images {
		s.Images++
		if im.Missing {
			s.Missing++
		}
		if im.TessSeconds > 0 {
			s.Seconds += im.Seconds
			s.TessSeconds += im.TessSeconds
		}
		if im.Escalated > 0 {
			s.Escalated++
			s.EscalatedAreas += im.Escalated
		}
		if im.TessCPUSeconds > 0 {
			s.CPUSeconds += im.CPUSeconds
			s.TessCPUSeconds += im.TessCPUSeconds
		}
		if im.Category == "negative" {
			s.Negatives++
			if im.Missing || im.ChangedBlock >= negBlockShare {
				s.NegChanged++
			}
			s.NegDetail = append(s.NegDetail, im)
		}
		capture := "photo/scan"
		if im.Digital {
			capture = "digital"
		}
		for _, it := range im.Items {
			switch {
			case it.PII:
				script := "print"
				if it.Hand {
					script = "hand"
				}
				cov := !im.Missing && it.Covered()
				for _, t := range []*Tally{&s.Total, group("category", im.Category), group("kind", it.Kind), group("script", script), group("capture", capture)} {
					t.PII++
					t.Covered += b2i(cov)
					if r.Leak {
						t.Readable += b2i(it.Readable)
						t.Leaked += b2i(it.Leaked)
						t.Keyed += b2i(it.Keyed)
						t.NewLeaks += b2i(!it.Readable && it.Keyed && it.FoundOut && !im.Missing)
					}
				}
			case it.Kind == "keep" && !im.Missing:
				for _, t := range []*Tally{&s.Total, group("category", im.Category)} {
					t.Keep++
					t.KeepOver += b2i(it.InkChanged >= keepShare)
				}
			}
		}
	}
	return s
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Line is the scorer's last line:
// recall=R leak=L overblur_keep=K negatives_changed=A/B missing=N images=N.
func (s RealSummary) Line() string {
	leak := "nan"
	if s.Leak {
		leak = fmt.Sprintf("%.3f", s.Total.Leak())
	}
	return fmt.Sprintf("recall=%.3f leak=%s overblur_keep=%.3f negatives_changed=%d/%d missing=%d images=%d",
		s.Total.Recall(), leak, s.Total.OverblurKeep(), s.NegChanged, s.Negatives, s.Missing, s.Images)
}

// LeakMethod says how the leak figure was read.
func (s RealSummary) LeakMethod() string {
	if !s.Leak {
		return "leak not measured"
	}
	scale := "at 1x only"
	for _, r := range s.LeakRuns {
		if strings.HasSuffix(r, "x2") {
			scale = "at 1x and 2x"
		}
	}
	var psms []string
	for _, r := range s.LeakRuns {
		if !strings.HasSuffix(r, "x2") {
			psms = append(psms, "psm "+strings.TrimPrefix(r, "psm"))
		}
	}
	return "leak read by plain Tesseract (in process) with " + strings.Join(psms, " and ") + " " + scale
}

// Print writes the figures for people: totals, each breakdown, the
// negatives and the time ratio.
func (s RealSummary) Print(w io.Writer) {
	fmt.Fprintf(w, "real images (%s): %d images, %d missing; %s\n", s.Dir, s.Images, s.Missing, s.LeakMethod())
	t := s.Total
	fmt.Fprintf(w, "patient items covered (>=90%% of ink changed): %.3f (%d/%d)\n", t.Recall(), t.Covered, t.PII)
	if s.Leak {
		fmt.Fprintf(w, "patient items still readable, of those readable in the original: %.3f (%d/%d; %d have keys; %d read only in the output)\n",
			t.Leak(), t.Leaked, t.Readable, t.Keyed, t.NewLeaks)
	}
	fmt.Fprintf(w, "keep items over-blurred (>=50%% of ink changed): %.3f (%d/%d)\n", t.OverblurKeep(), t.KeepOver, t.Keep)
	fmt.Fprintf(w, "negatives changed (a block >=50%% changed): %d/%d\n", s.NegChanged, s.Negatives)
	for _, g := range realGroups {
		fmt.Fprintf(w, "\n%-16s %9s %7s %11s %7s %9s\n", g, "covered", "recall", "leak/read", "leak", "keep>=50")
		var vals []string
		for v := range s.Groups[g] {
			vals = append(vals, v)
		}
		sort.Strings(vals)
		for _, v := range vals {
			t := s.Groups[g][v]
			lr, lk, ko := "-", "-", "-"
			if s.Leak {
				lr, lk = fmt.Sprintf("%d/%d", t.Leaked, t.Readable), fmt.Sprintf("%.3f", t.Leak())
			}
			if t.Keep > 0 {
				ko = fmt.Sprintf("%d/%d", t.KeepOver, t.Keep)
			}
			fmt.Fprintf(w, "%-16s %9s %7.3f %11s %7s %9s\n", v, fmt.Sprintf("%d/%d", t.Covered, t.PII), t.Recall(), lr, lk, ko)
		}
	}
	if len(s.NegDetail) > 0 {
		fmt.Fprintln(w, "\nnegatives (changed pixels / densest block):")
	}
	for _, n := range s.NegDetail {
		switch {
		case n.Missing:
			fmt.Fprintf(w, "  %-32s MISSING %s\n", n.Name, n.Err)
		default:
			mark := ""
			if n.ChangedBlock >= negBlockShare {
				mark = "  CHANGED"
			}
			fmt.Fprintf(w, "  %-32s %.4f / %.2f%s\n", n.Name, n.ChangedShare, n.ChangedBlock, mark)
		}
	}
	if s.TessSeconds > 0 {
		fmt.Fprintf(w, "time: SafePost %.1f s, plain single-threaded Tesseract (psm 3) %.1f s on the same images: ratio %.2f\n",
			s.Seconds, s.TessSeconds, s.TimeRatio())
	}
	if s.Escalated > 0 {
		fmt.Fprintf(w, "filled solid by the verifier (something still read in or beside a blurred area): %d images, %d areas\n", s.Escalated, s.EscalatedAreas)
	}
	if s.TessCPUSeconds > 0 {
		fmt.Fprintf(w, "processor time: SafePost %.1f s (%.2f cores busy on average), plain Tesseract %.1f s: ratio %.2f\n",
			s.CPUSeconds, s.CPUSeconds/max(s.Seconds, 1e-9), s.TessCPUSeconds, s.CPUSeconds/s.TessCPUSeconds)
	}
	fmt.Fprintln(w, s.Line())
}

// printRealImage writes one image's line and its uncovered patient items.
// Patient text is printed only when showText is set.
func printRealImage(w io.Writer, im RealImage, showText bool) {
	var pii, cov, keep, over, leaked, readable int
	for _, it := range im.Items {
		if it.PII {
			pii++
			cov += b2i(!im.Missing && it.Covered())
			leaked += b2i(it.Leaked)
			readable += b2i(it.Readable)
		} else if it.Kind == "keep" {
			keep++
			over += b2i(it.InkChanged >= keepShare)
		}
	}
	lr, ko, ch := "-", "-", "-"
	if im.leakMeasured {
		lr = fmt.Sprintf("%d/%d", leaked, readable)
	}
	notes := ""
	if im.Missing {
		notes = strings.TrimSpace("MISSING " + im.Err)
	} else {
		if im.Escalated > 0 {
			notes = fmt.Sprintf("filled %d", im.Escalated)
		}
		ko, ch = fmt.Sprintf("%d/%d", over, keep), fmt.Sprintf("%.4f", im.ChangedShare)
	}
	tm := ""
	if im.Seconds > 0 {
		tm = fmt.Sprintf("%6.2fs", im.Seconds)
		if im.TessSeconds > 0 {
			tm += fmt.Sprintf(" tess %5.2fs", im.TessSeconds)
		}
	}
	fmt.Fprintf(w, "%-32s %-11s covered %7s leak/read %7s keep>=50 %7s changed %6s %s %s\n",
		trunc(im.Name, 32), im.Category, fmt.Sprintf("%d/%d", cov, pii), lr, ko, ch, tm, notes)
	var miss []RealItem
	for _, it := range im.Items {
		if it.PII && (im.Missing || !it.Covered()) {
			miss = append(miss, it)
		}
	}
	sort.SliceStable(miss, func(a, b int) bool {
		if miss[a].Box[1] != miss[b].Box[1] {
			return miss[a].Box[1] < miss[b].Box[1]
		}
		return miss[a].Box[0] < miss[b].Box[0]
	})
	for _, it := range miss {
		hand, tag, text := "", "", ""
		if it.Hand {
			hand = "hand"
		}
		switch {
		case it.Leaked:
			tag = "  [readable, leaked]"
		case it.Readable:
			tag = "  [readable]"
		}
		if showText {
			text = "  " + trunc(it.text, 48)
		}
		fmt.Fprintf(w, "  MISS %-15s %-22s %-4s ink %5.1f%%%s%s\n", it.Kind,
			fmt.Sprintf("[%d,%d,%d,%d]", it.Box[0], it.Box[1], it.Box[2], it.Box[3]), hand, 100*it.InkChanged, tag, text)
	}
}

func trunc(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}
