package codes

import (
	"context"
	"image"
	"math"

	"github.com/makiuchi-d/gozxing"
	mdetector "github.com/makiuchi-d/gozxing/multi/qrcode/detector"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// binarize returns gozxing's locally thresholded black/white matrix of g.
func binarize(g *image.Gray) (*gozxing.BitMatrix, error) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	src, err := gozxing.NewPlanarYUVLuminanceSource(g.Pix, g.Stride, h, 0, 0, w, h, false)
	if err != nil {
		return nil, err
	}
	return gozxing.NewHybridBinarizer(src).GetBlackMatrix()
}

// findQR finds QR codes by their finder patterns. A code whose three
// finder patterns are found is returned with its full box even when its
// modules cannot be read. Photos of up to smallPhoto pixels are searched a
// second time smoothed and at twice the size: in them a label's QR code
// has modules of two or three pixels, which noise and JPEG break up.
func findQR(ctx context.Context, g *image.Gray) ([]Code, error) {
	codes, err := findQRAt(ctx, g)
	if err != nil || g.Rect.Dx()*g.Rect.Dy() > smallPhoto {
		return codes, err
	}
	more, err := findQRAt(ctx, double(smooth(g)))
	if err != nil {
		return nil, err
	}
	for _, c := range more {
		c.Box = image.Rect(c.Box.Min.X/2, c.Box.Min.Y/2, (c.Box.Max.X+1)/2, (c.Box.Max.Y+1)/2)
		codes = append(codes, c)
	}
	return mergeCodes(codes), nil
}

// smallPhoto is the size (pixels) up to which findQR looks twice.
const smallPhoto = 4_000_000

func findQRAt(ctx context.Context, g *image.Gray) (codes []Code, err error) {
	if g.Rect.Dx() < 21 || g.Rect.Dy() < 21 {
		return nil, nil
	}
	bm, err := binarize(g)
	if err != nil {
		// gozxing reports an image with too little contrast to split
		// into black and white as "not found": it holds no code.
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var infos []*detector.FinderPatternInfo
	func() {
		// gozxing is a port of Java code that signals some failures by
		// panicking on an index; a photo must not crash the scan.
		defer func() { _ = recover() }()
		hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
		infos, _ = mdetector.NewMultiFinderPatternFinder(bm, nil).FindMulti(hints)
	}()
	for _, info := range infos {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		c, ok := qrFromFinders(bm, info)
		if ok {
			codes = append(codes, c)
		}
	}
	return mergeCodes(codes), nil
}

// qrFromFinders builds a code from three finder patterns and tries to
// decode it.
func qrFromFinders(bm *gozxing.BitMatrix, info *detector.FinderPatternInfo) (Code, bool) {
	tl, tr, bl := info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()
	ms := (tl.GetEstimatedModuleSize() + tr.GetEstimatedModuleSize() + bl.GetEstimatedModuleSize()) / 3
	c := Code{Kind: KindQR, Box: qrBox(tl, tr, bl, ms)}
	func() {
		defer func() { _ = recover() }()
		dr, err := detector.NewDetector(bm).ProcessFinderPatternInfo(info)
		if err != nil {
			return
		}
		res, err := decoder.NewDecoder().Decode(dr.GetBits(), nil)
		if err != nil {
			return
		}
		c.Format, c.Payload = gozxing.BarcodeFormat_QR_CODE.String(), res.GetText()
	}()
	if !c.Decoded() && (tl.GetCount() < 2 || tr.GetCount() < 2 || bl.GetCount() < 2) {
		// Three patterns each seen on a single scanned row are more
		// likely texture than a code nobody can read anyway.
		return c, false
	}
	return c, !c.Box.Empty()
}

// qrBox returns the axis-aligned box around a QR code's symbol from its
// finder pattern centres: each centre sits 3.5 modules in from the
// symbol's edges, so moving the corners out by 3.5 modules along both of
// the code's axes gives its exact outline; one more module of margin
// covers rounding and blur.
func qrBox(tl, tr, bl gozxing.ResultPoint, module float64) image.Rectangle {
	ux, uy := tr.GetX()-tl.GetX(), tr.GetY()-tl.GetY()
	vx, vy := bl.GetX()-tl.GetX(), bl.GetY()-tl.GetY()
	lu, lv := math.Hypot(ux, uy), math.Hypot(vx, vy)
	if lu == 0 || lv == 0 || module <= 0 {
		return image.Rectangle{}
	}
	ux, uy, vx, vy = ux/lu, uy/lu, vx/lv, vy/lv
	d := 4.5 * module
	corners := [4][2]float64{
		{tl.GetX() - d*ux - d*vx, tl.GetY() - d*uy - d*vy},
		{tr.GetX() + d*ux - d*vx, tr.GetY() + d*uy - d*vy},
		{bl.GetX() - d*ux + d*vx, bl.GetY() - d*uy + d*vy},
		{tr.GetX() + bl.GetX() - tl.GetX() + d*ux + d*vx, tr.GetY() + bl.GetY() - tl.GetY() + d*uy + d*vy},
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range corners {
		x0, y0 = math.Min(x0, p[0]), math.Min(y0, p[1])
		x1, y1 = math.Max(x1, p[0]), math.Max(y1, p[1])
	}
	return image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1)))
}

// smooth returns g blurred with a 3×3 binomial kernel.
func smooth(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	tmp := make([]uint16, w*h)
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		for x := range row {
			l, r := row[max(0, x-1)], row[min(w-1, x+1)]
			tmp[y*w+x] = uint16(l) + 2*uint16(row[x]) + uint16(r)
		}
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		up, dn := max(0, y-1), min(h-1, y+1)
		for x := 0; x < w; x++ {
			out.Pix[y*out.Stride+x] = uint8((tmp[up*w+x] + 2*tmp[y*w+x] + tmp[dn*w+x] + 8) / 16)
		}
	}
	return out
}

// double returns g at twice the size, bilinearly.
func double(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, 2*w, 2*h))
	for v := 0; v < 2*h; v++ {
		y := max(0, float64(v)/2-0.25)
		y0 := min(int(y), h-1)
		y1 := min(y0+1, h-1)
		fy := y - float64(y0)
		for u := 0; u < 2*w; u++ {
			x := max(0, float64(u)/2-0.25)
			x0 := min(int(x), w-1)
			x1 := min(x0+1, w-1)
			fx := x - float64(x0)
			a := float64(g.Pix[y0*g.Stride+x0])*(1-fx) + float64(g.Pix[y0*g.Stride+x1])*fx
			b := float64(g.Pix[y1*g.Stride+x0])*(1-fx) + float64(g.Pix[y1*g.Stride+x1])*fx
			out.Pix[v*out.Stride+u] = uint8(a*(1-fy) + b*fy + 0.5)
		}
	}
	return out
}
