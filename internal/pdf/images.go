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
	"golang.org/x/image/webp"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/svg"
)

const (
	// maxSide and maxPixels refuse images that would take unreasonable
	// memory to decode (a few bytes of PNG can claim to be enormous).
	maxSide   = 6000
	maxPixels = 40_000_000
)

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
	seen := map[*doc.Asset]bool{}
	byContent := map[string]*picture{}
	for _, page := range p.d.Pages {
		if page == nil {
			continue
		}
		for _, it := range page.Items {
			pic, ok := it.(*layout.Picture)
			if !ok || pic.Asset == nil || seen[pic.Asset] {
				continue
			}
			a := pic.Asset
			seen[a] = true
			sum := sha256.Sum256(a.Data)
			key := hex.EncodeToString(sum[:12])
			if pp, ok := byContent[key]; ok {
				p.images[a] = pp
				continue
			}
			mt, _ := media.Sniff(a.Data)
			pp := p.register("img-"+key, mt, a.Data)
			if err := p.gofpdfErr("registering images"); err != nil {
				return err
			}
			byContent[key] = pp
			p.images[a] = pp
		}
	}
	return nil
}

func (p *painter) register(name, mt string, data []byte) *picture {
	fail := func(format string, args ...any) *picture {
		return &picture{reason: fmt.Sprintf(format, args...)}
	}
	switch mt {
	case media.PNG, media.JPEG, media.GIF:
		img, err := decodeRaster(mt, data)
		if err != nil {
			return fail("%v", err)
		}
		kind := map[string]string{media.PNG: "png", media.JPEG: "jpg", media.GIF: "gif"}[mt]
		b := img.Bounds()
		if p.tryRegister(name, kind, data) == nil {
			return &picture{name: name, kind: kind, width: b.Dx(), height: b.Dy()}
		}
		// gofpdf reads only 8-bit, non-interlaced PNG and plain JPEG
		// colour models; anything else goes in as a PNG we encode.
		return p.registerImage(name, img)
	case media.WebP:
		img, err := decodeRaster(mt, data)
		if err != nil {
			return fail("%v", err)
		}
		return p.registerImage(name, img)
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
	b := img.Bounds()
	return &picture{name: name, kind: "png", width: b.Dx(), height: b.Dy()}
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
