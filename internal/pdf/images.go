package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"strings"

	"github.com/jung-kurt/gofpdf"
	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
	"golang.org/x/image/webp"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
)

const (
	// svgDPI is the resolution SVG pictures are rasterised at: print quality
	// for their printed size.
	svgDPI = 300
	// maxSide and maxPixels refuse images that would take unreasonable
	// memory to decode (a few bytes of PNG can claim to be enormous).
	maxSide   = 6000
	maxPixels = 40_000_000
)

// picture is an asset prepared for painting.
type picture struct {
	name   string // gofpdf image name; "" when it cannot be drawn
	kind   string // gofpdf image type: "png", "jpg", "gif"
	reason string // why it cannot be drawn
}

// prepareImages registers every picture's asset with gofpdf once, before
// any page, converting what gofpdf cannot read (WebP, SVG, 16-bit or
// interlaced PNG, unusual JPEG) into PNG. Identical data is registered once.
func (p *painter) prepareImages() error {
	type placement struct{ w, h float64 }
	largest := map[*doc.Asset]placement{}
	var order []*doc.Asset
	for _, page := range p.d.Pages {
		if page == nil {
			continue
		}
		for _, it := range page.Items {
			pic, ok := it.(*layout.Picture)
			if !ok || pic.Asset == nil {
				continue
			}
			pl, seen := largest[pic.Asset]
			if !seen {
				order = append(order, pic.Asset)
			}
			if finite(pic.W, pic.H) {
				largest[pic.Asset] = placement{math.Max(pl.w, math.Abs(pic.W)), math.Max(pl.h, math.Abs(pic.H))}
			}
		}
	}
	byContent := map[string]*picture{}
	for _, a := range order {
		sum := sha256.Sum256(a.Data)
		key := hex.EncodeToString(sum[:12])
		mt, _ := media.Sniff(a.Data)
		size := largest[a]
		if mt == media.SVG {
			// An SVG is rasterised for its printed size, so its name says it.
			key += fmt.Sprintf("-%.0fx%.0f", size.w*100, size.h*100)
		}
		if pic, ok := byContent[key]; ok {
			p.images[a] = pic
			continue
		}
		pic := p.register("img-"+key, mt, a, size.w, size.h)
		if err := p.gofpdfErr("registering images"); err != nil {
			return err
		}
		byContent[key] = pic
		p.images[a] = pic
	}
	return nil
}

func (p *painter) register(name, mt string, a *doc.Asset, w, h float64) *picture {
	fail := func(format string, args ...any) *picture {
		return &picture{reason: fmt.Sprintf(format, args...)}
	}
	switch mt {
	case media.PNG, media.JPEG, media.GIF:
		img, err := decodeRaster(mt, a.Data)
		if err != nil {
			return fail("%v", err)
		}
		kind := map[string]string{media.PNG: "png", media.JPEG: "jpg", media.GIF: "gif"}[mt]
		if p.tryRegister(name, kind, a.Data) == nil {
			return &picture{name: name, kind: kind}
		}
		// gofpdf reads only 8-bit, non-interlaced PNG and plain JPEG
		// colour models; anything else goes in as a PNG we encode.
		return p.registerImage(name, img)
	case media.WebP:
		img, err := decodeRaster(mt, a.Data)
		if err != nil {
			return fail("%v", err)
		}
		return p.registerImage(name, img)
	case media.SVG:
		img, err := rasterizeSVG(a, w, h)
		if err != nil {
			return fail("%v", err)
		}
		return p.registerImage(name, img)
	case "":
		_, what := media.Sniff(a.Data)
		return fail("unsupported image data (%s)", what)
	}
	return fail("unsupported image type %s", mt)
}

// registerImage encodes img as PNG and registers it.
func (p *painter) registerImage(name string, img image.Image) *picture {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, eightBit(img)); err != nil {
		return &picture{reason: fmt.Sprintf("re-encoding: %v", err)}
	}
	if err := p.tryRegister(name, "png", buf.Bytes()); err != nil {
		return &picture{reason: err.Error()}
	}
	return &picture{name: name, kind: "png"}
}

// tryRegister registers an image, turning gofpdf's sticky error into a
// returned one so a bad picture does not fail the book.
func (p *painter) tryRegister(name, kind string, data []byte) error {
	if p.f.Err() {
		return p.f.Error()
	}
	p.f.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: kind}, bytes.NewReader(data))
	if p.f.Err() {
		err := p.f.Error()
		p.f.ClearError()
		return err
	}
	return nil
}

// decodeRaster fully decodes a raster image, so corrupt data is found here
// rather than by a reader of the PDF.
// rasterCodecs decode the raster formats the painter draws, by media type.
var rasterCodecs = map[string]struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}{
	media.PNG:  {png.DecodeConfig, png.Decode},
	media.JPEG: {jpeg.DecodeConfig, jpeg.Decode},
	media.GIF:  {gif.DecodeConfig, gif.Decode},
	media.WebP: {webp.DecodeConfig, webp.Decode},
}

func decodeRaster(mt string, data []byte) (image.Image, error) {
	codec, ok := rasterCodecs[mt]
	if !ok {
		return nil, fmt.Errorf("unsupported image type %s", mt)
	}
	// Read the size first, so a decompression bomb is refused before it
	// is decoded.
	cfg, err := codec.config(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("cannot decode: %v", err)
	}
	if err := checkSize(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	img, err := codec.decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("cannot decode: %v", err)
	}
	return img, nil
}

func checkSize(w, h int) error {
	if w <= 0 || h <= 0 {
		return errors.New("image has no pixels")
	}
	if w > maxSide*4 || h > maxSide*4 || w*h > maxPixels {
		return fmt.Errorf("image of %d x %d pixels is too large to embed", w, h)
	}
	return nil
}

// eightBit converts img to 8 bits per channel (gofpdf reads no more),
// keeping grey images grey.
func eightBit(img image.Image) image.Image {
	switch img := img.(type) {
	case *image.Gray, *image.NRGBA, *image.RGBA, *image.Paletted:
		return img
	case *image.Gray16:
		out := image.NewGray(img.Bounds())
		draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
		return out
	}
	out := image.NewNRGBA(img.Bounds())
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	return out
}

// rasterizeSVG draws an SVG at svgDPI for a printed size of w x h points.
// oksvg is a third-party parser fed with book content, so a panic in it is
// turned into an error: a picture must never stop the book.
func rasterizeSVG(a *doc.Asset, w, h float64) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("SVG renderer failed: %v", r)
		}
	}()
	icon, err := oksvg.ReadIconStream(bytes.NewReader(a.Data), oksvg.IgnoreErrorMode)
	if err != nil {
		return nil, fmt.Errorf("cannot read SVG: %v", err)
	}
	if !(icon.ViewBox.W > 0 && icon.ViewBox.H > 0) {
		if a.Width <= 0 || a.Height <= 0 {
			return nil, errors.New("SVG has no size (no width, height or viewBox)")
		}
		icon.ViewBox.W, icon.ViewBox.H = float64(a.Width), float64(a.Height)
	}
	if !(w > 0 && h > 0) {
		// Not placed with a size: use the SVG's own, in CSS pixels.
		w, h = icon.ViewBox.W*0.75, icon.ViewBox.H*0.75
	}
	pw := int(math.Ceil(w / 72 * svgDPI))
	ph := int(math.Ceil(h / 72 * svgDPI))
	if pw > maxSide || ph > maxSide {
		scale := float64(maxSide) / math.Max(float64(pw), float64(ph))
		pw, ph = int(float64(pw)*scale), int(float64(ph)*scale)
	}
	if pw < 1 || ph < 1 {
		return nil, errors.New("SVG placed at no size")
	}
	icon.SetTarget(0, 0, float64(pw), float64(ph))
	rgba := image.NewRGBA(image.Rect(0, 0, pw, ph))
	scanner := rasterx.NewScannerGV(pw, ph, rgba, rgba.Bounds())
	icon.Draw(rasterx.NewDasher(pw, ph, scanner), 1)
	return rgba, nil
}

// placeholder frames the picture's place and writes its description in
// it, for a picture that cannot be drawn.
func (p *painter) placeholder(page int, pic *layout.Picture, reason string) {
	label := strings.TrimSpace(pic.Alt)
	src := ""
	if pic.Asset != nil {
		src = pic.Asset.Path
	}
	switch {
	case src != "":
		p.warn(page, pic.Pos, "image.undecodable", "picture %s: %s; drawn as a placeholder", src, reason)
	default:
		p.warn(page, pic.Pos, "image.undecodable", "picture %q: %s; drawn as a placeholder", clip(label), reason)
	}
	if label == "" {
		label = src
	}
	if label == "" {
		label = "picture"
	}
	p.box(&layout.Box{Rect: pic.Rect, Stroke: true, LineWidth: 0.5, Gray: 0.5, Fill: true, FillGray: 0.95})
	face := fonts.Face{Family: fonts.Serif, Style: fonts.Italic}
	if _, err := p.family(face); err != nil {
		return
	}
	const pad = 4.0
	size := math.Min(9, pic.H/3)
	if size < 4 || pic.W < 3*pad {
		return
	}
	lines := p.wrap(face, label, size, pic.W-2*pad, int((pic.H-2*pad)/(size*1.25)))
	lead := size * 1.25
	top := pic.Y + (pic.H-float64(len(lines))*lead)/2 + size*0.9
	for i, line := range lines {
		width := p.faces.Width(face, line) * size
		t := &layout.Text{X: pic.X + (pic.W-width)/2, Y: top + float64(i)*lead, Face: face, Size: size, Text: line, Gray: 0.3}
		p.text(page, t)
	}
}

// wrap breaks s into at most max lines of width w, ending the last with an
// ellipsis when the text does not fit.
func (p *painter) wrap(face fonts.Face, s string, size, w float64, max int) []string {
	if max < 1 {
		return nil
	}
	width := func(t string) float64 { return p.faces.Width(face, t) * size }
	var lines []string
	cur, curW := "", 0.0
	space := width(" ")
	for _, word := range strings.Fields(s) {
		ww := width(word)
		if ww > w {
			word = p.cut(face, word, size, w, false)
			ww = width(word)
		}
		switch {
		case cur == "":
			cur, curW = word, ww
		case curW+space+ww <= w:
			cur, curW = cur+" "+word, curW+space+ww
		default:
			lines = append(lines, cur)
			cur, curW = word, ww
		}
		if len(lines) > max {
			break
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) > max {
		lines = lines[:max]
		lines[max-1] = p.cut(face, lines[max-1], size, w, true)
	}
	return lines
}

// cut shortens s to fit width w with an ellipsis (always added when
// truncated is set), measuring each character once.
func (p *painter) cut(face fonts.Face, s string, size, w float64, truncated bool) string {
	ellipsis := p.faces.Advance(face, '…') * size
	total := 0.0
	for i, r := range s {
		total += p.faces.Advance(face, r) * size
		if total+ellipsis > w {
			return s[:i] + "…"
		}
	}
	if truncated {
		return s + "…"
	}
	return s
}

func (p *painter) picture(page int, pic *layout.Picture) {
	if !finite(pic.X, pic.Y, pic.W, pic.H) || pic.W <= 0 || pic.H <= 0 {
		return
	}
	if pic.Asset == nil {
		p.placeholder(page, pic, "no image data (a remote or missing image)")
		return
	}
	pp := p.images[pic.Asset]
	if pp == nil || pp.name == "" {
		reason := "cannot be drawn"
		if pp != nil {
			reason = pp.reason
		}
		p.placeholder(page, pic, reason)
		return
	}
	p.endText()
	p.f.ImageOptions(pp.name, pic.X, pic.Y, pic.W, pic.H, false,
		gofpdf.ImageOptions{ImageType: pp.kind, AllowNegativePosition: true}, 0, "")
}
