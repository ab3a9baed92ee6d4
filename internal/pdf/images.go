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
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/webp"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/infile"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/svg"
)

// printDPI is the resolution pictures are kept at for their printed size:
// one with more than twice as many pixels as that needs, both ways, is
// scaled down to it before it is embedded, which keeps both the file and
// the memory gofpdf takes to embed it in proportion to the page.
const printDPI = 300

// picture is an asset prepared for painting: a raster image registered
// with gofpdf, or an SVG drawing painted as vectors.
type picture struct {
	name          string // gofpdf image name; "" when it is not a raster image
	kind          string // gofpdf image type: "png", "jpg", "gif"
	width, height int    // raster size in pixels
	svg           *svg.Drawing
	svgImages     map[*svg.Image]*picture // the raster images inside svg
	reason        string                  // why it cannot be drawn
	// quiet: the problem was reported when the picture was loaded (an SVG
	// with content the PDF cannot show), so the placeholder says nothing.
	quiet bool
}

// prepareImages registers every picture's asset with gofpdf once, before
// any page, converting what gofpdf cannot read (WebP, 16-bit or interlaced
// PNG, unusual JPEG) into PNG, and parses SVG pictures for drawing.
// Identical data is prepared once.
func (p *painter) prepareImages() error {
	// The largest size each picture's data is printed at, in points.
	type size struct{ w, h float64 }
	largest := map[string]size{}
	keys := map[*doc.Asset]string{}
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
			key, seen := keys[pic.Asset]
			if !seen {
				sum := sha256.Sum256(pic.Asset.Data)
				key = hex.EncodeToString(sum[:12])
				keys[pic.Asset] = key
				order = append(order, pic.Asset)
			}
			if finite(pic.W, pic.H) {
				sz := largest[key]
				largest[key] = size{math.Max(sz.w, math.Abs(pic.W)), math.Max(sz.h, math.Abs(pic.H))}
			}
		}
	}
	byContent := map[string]*picture{}
	for _, a := range order {
		key := keys[a]
		if pp, ok := byContent[key]; ok {
			p.images[a] = pp
			continue
		}
		mt, _ := media.Sniff(a.Data)
		sz := largest[key]
		pp := p.register("img-"+key, mt, a.Data, pixelsFor(sz.w), pixelsFor(sz.h))
		if err := p.gofpdfErr("registering images"); err != nil {
			return err
		}
		byContent[key] = pp
		p.images[a] = pp
	}
	return nil
}

// pixelsFor is how many pixels printDPI gives a length in points; 0 for
// none.
func pixelsFor(pt float64) int {
	return int(math.Ceil(pt / 72 * printDPI))
}

// register prepares a picture's data; a raster image printed at most
// w × h pixels at printDPI (0 when unknown) is scaled down to that if it
// has more than twice as many both ways.
func (p *painter) register(name, mt string, data []byte, w, h int) *picture {
	fail := func(format string, args ...any) *picture {
		return &picture{reason: fmt.Sprintf(format, args...)}
	}
	switch mt {
	case media.PNG, media.JPEG, media.GIF, media.WebP:
		img, err := p.decodeRaster(mt, data)
		if err != nil {
			return fail("%v", err)
		}
		if small := downsample(img, w, h); small != nil {
			return p.registerImage(name, small, mt == media.JPEG)
		}
		kind := map[string]string{media.PNG: "png", media.JPEG: "jpg", media.GIF: "gif"}[mt]
		b := img.Bounds()
		if kind != "" {
			if used, err := p.tryRegister(name, kind, data); err == nil {
				return &picture{name: used, kind: kind, width: b.Dx(), height: b.Dy()}
			}
		}
		// gofpdf reads only 8-bit, non-interlaced PNG and plain JPEG
		// colour models; anything else goes in as a PNG we encode.
		return p.registerImage(name, img, false)
	case media.SVG:
		d, err := p.parseSVG(data)
		if err != nil {
			return fail("%v", err)
		}
		if len(d.Lost) > 0 {
			return &picture{reason: "the SVG has " + strings.Join(d.Lost, ", "), quiet: true}
		}
		return &picture{svg: d, svgImages: p.registerSVGImages(name, d.Items, nil)}
	case "":
		_, what := media.Sniff(data)
		return fail("unsupported image data (%s)", what)
	}
	return fail("unsupported image type %s", mt)
}

// registerImage encodes img as PNG (as JPEG when photo is set and it has
// no transparency) and registers it.
func (p *painter) registerImage(name string, img image.Image, photo bool) *picture {
	var buf bytes.Buffer
	kind := "png"
	if o, ok := img.(interface{ Opaque() bool }); photo && ok && o.Opaque() {
		kind = "jpg"
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
			return &picture{reason: fmt.Sprintf("re-encoding: %v", err)}
		}
	} else {
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(&buf, eightBit(img)); err != nil {
			return &picture{reason: fmt.Sprintf("re-encoding: %v", err)}
		}
	}
	used, err := p.tryRegister(name, kind, buf.Bytes())
	if err != nil {
		return &picture{reason: err.Error()}
	}
	b := img.Bounds()
	return &picture{name: used, kind: kind, width: b.Dx(), height: b.Dy()}
}

// downsample scales img down to fit w × h pixels, keeping its shape, when
// it has more than twice as many both ways; otherwise it returns nil.
func downsample(img image.Image, w, h int) image.Image {
	b := img.Bounds()
	if w <= 0 || h <= 0 || b.Dx() <= 2*w || b.Dy() <= 2*h {
		return nil
	}
	scale := math.Max(float64(w)/float64(b.Dx()), float64(h)/float64(b.Dy()))
	dw, dh := max(1, int(math.Round(float64(b.Dx())*scale))), max(1, int(math.Round(float64(b.Dy())*scale)))
	var out draw.Image
	switch img.(type) {
	case *image.Gray, *image.Gray16:
		out = image.NewGray(image.Rect(0, 0, dw, dh))
	default:
		out = image.NewNRGBA(image.Rect(0, 0, dw, dh))
	}
	xdraw.BiLinear.Scale(out, out.Bounds(), img, b, draw.Src, nil)
	return out
}

// tryRegister registers an image and returns the name to draw it by,
// turning gofpdf's sticky error into a returned one so a bad picture does
// not fail the book.
func (p *painter) tryRegister(name, kind string, data []byte) (string, error) {
	if p.f.Err() {
		return "", p.f.Error()
	}
	p.f.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: kind}, bytes.NewReader(data))
	if p.f.Err() {
		err := p.f.Error()
		p.f.ClearError()
		return "", err
	}
	return name, nil
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

func (p *painter) decodeRaster(mt string, data []byte) (image.Image, error) {
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
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, errors.New("image has no pixels")
	}
	limit := p.opts.MaxDecoded
	if limit <= 0 {
		limit = DefaultMaxDecoded
	}
	if n := media.DecodedSize(cfg); n > limit {
		return nil, fmt.Errorf("%d × %d pixels would take %s decoded, more than allowed (%s)", cfg.Width, cfg.Height, infile.Size(n), infile.Size(limit))
	}
	img, err := codec.decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("cannot decode: %v", err)
	}
	return img, nil
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

// placeholderFace sets the descriptions of pictures that cannot be drawn.
var placeholderFace = fonts.Face{Family: fonts.Serif, Style: fonts.Italic}

// placeholder frames the picture's place and writes its description in
// it, for a picture that cannot be drawn.
func (p *painter) placeholder(page int, pic *layout.Picture, reason string, quiet bool) {
	label := strings.TrimSpace(pic.Alt)
	src := ""
	if pic.Asset != nil {
		src = pic.Asset.Path
	}
	switch {
	case quiet:
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
	face := placeholderFace
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
		p.placeholder(page, pic, "no image data (a remote or missing image)", false)
		return
	}
	pp := p.images[pic.Asset]
	if pp != nil && pp.svg != nil {
		p.drawSVG(page, pp, pic)
		return
	}
	if pp == nil || pp.name == "" {
		reason, quiet := "cannot be drawn", false
		if pp != nil {
			reason, quiet = pp.reason, pp.quiet
		}
		p.placeholder(page, pic, reason, quiet)
		return
	}
	p.endText()
	p.f.ImageOptions(pp.name, pic.X, pic.Y, pic.W, pic.H, false,
		gofpdf.ImageOptions{ImageType: pp.kind, AllowNegativePosition: true}, 0, "")
}
