package pdf

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	"image/png"
	"math"
	"slices"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/parallel"
	"github.com/samizdat-press/samizdat/internal/svg"
)

// picture is an asset prepared for painting: a raster image registered
// with gofpdf, or an SVG drawing painted as vectors.
type picture struct {
	name          string // gofpdf image name; "" when it is not a raster image
	kind          string // gofpdf image type: "png", "jpg"
	width, height int    // raster size in pixels
	// orientation is the Exif orientation the raster's pixels are drawn
	// in (orientedImage); 0 or 1 as stored.
	orientation int
	svg         *svg.Drawing
	// svgImages are the raster images inside svg, registered when the
	// drawing is first painted (svgImagesOf) from the jobs in nested.
	svgImages map[*svg.Image]*picture
	nested    []*pictureJob
	reason    string // why it cannot be drawn
	// quiet: the problem was reported when the picture was loaded (an SVG
	// with content the PDF cannot show), so the placeholder says nothing.
	quiet bool
}

// pictureJob is one distinct picture to prepare: its bytes, and the
// largest size it is placed at, in points.
type pictureJob struct {
	key       string // a digest of the bytes
	mediaType string
	data      []byte
	w, h      float64
	// orientation is the picture's Exif orientation: its pixels are
	// prepared as stored, and turned where they are drawn.
	orientation int
	// one of these is made, in parallel with the other jobs
	raster *raster
	svg    *svg.Drawing
	svgErr error
	nested []*pictureJob // the raster images inside svg
	// ready is closed once a raster job is prepared, in the background
	// while the pages are painted; registered is its picture once the
	// painter has handed it to gofpdf.
	ready      chan struct{}
	registered *picture
}

// prepareImages makes every picture ready to paint, each distinct picture
// once, on every core (through the cache, once for all the editions built
// together). The SVG pictures are parsed before any page is painted, as
// their labels' characters must be known before a font is embedded. The
// raster pictures, most of the work, are reduced and encoded in the
// background, largest first (longestFirst), while the painter paints:
// it waits for one only when it reaches its first page (rasterPicture),
// and registers it with gofpdf then, so the file does not depend on which
// was ready first.
func (p *painter) prepareImages() {
	var jobs []*pictureJob
	byKey := map[string]*pictureJob{}
	assetKey := map[*doc.Asset]string{}
	for _, page := range p.d.Pages {
		if page == nil {
			continue
		}
		for _, it := range page.Items {
			pic, ok := it.(*layout.Picture)
			if !ok || pic.Asset == nil {
				continue
			}
			key, ok := assetKey[pic.Asset]
			if !ok {
				key = p.opts.Pictures.Digest(pic.Asset.Data)
				assetKey[pic.Asset] = key
			}
			j := byKey[key]
			if j == nil {
				mt, _ := media.Sniff(pic.Asset.Data)
				j = &pictureJob{key: key, mediaType: mt, data: pic.Asset.DrawingData(), orientation: pic.Asset.Orientation}
				byKey[key] = j
				jobs = append(jobs, j)
			}
			j.w, j.h = math.Max(j.w, pic.W), math.Max(j.h, pic.H)
		}
	}
	var drawings []*pictureJob
	for _, j := range jobs {
		if j.mediaType == media.SVG {
			drawings = append(drawings, j)
		}
	}
	parallel.For(len(drawings), p.workers, func(_, i int) { p.prepare(drawings[i]) })
	// The raster work in the order it is first painted. A picture
	// embedded in several places, in one drawing or in several, is one
	// job at the largest size it is placed at, as a picture of the text
	// is.
	var rasters []*pictureJob
	nestedByKey := map[string]*pictureJob{}
	for _, j := range jobs {
		if isRaster(j.mediaType) {
			rasters = append(rasters, j)
		}
		for i, n := range j.nested {
			if first := nestedByKey[n.key]; first != nil {
				first.w, first.h = math.Max(first.w, n.w), math.Max(first.h, n.h)
				j.nested[i] = first
				continue
			}
			nestedByKey[n.key] = n
			rasters = append(rasters, n)
		}
	}
	for _, j := range rasters {
		j.ready = make(chan struct{})
	}
	rasters = longestFirst(rasters, p.opts.MaxDecoded)
	p.preparing.Add(1)
	go func() {
		defer p.preparing.Done()
		parallel.For(len(rasters), p.workers, func(_, i int) {
			p.cores.do(func() { p.prepare(rasters[i]) })
			close(rasters[i].ready)
		})
	}()
	for a, key := range assetKey {
		p.jobs[a] = byKey[key]
	}
}

// longestFirst orders the raster jobs by the memory each takes decoded
// (media.DecodedSize), most first, in page order among equals. In page
// order, a large picture late in the book was reduced alone at the end,
// one core idle while the painter waited for it; started first, it is
// reduced while the other core prepares the small ones and paints the
// text ahead. The order changes only when each picture is ready, not
// what is made of it: the painter registers every picture when it first
// reaches it.
func longestFirst(jobs []*pictureJob, maxDecoded int64) []*pictureJob {
	size := make(map[*pictureJob]int64, len(jobs))
	for _, j := range jobs {
		// a picture that cannot be decoded fails fast: last
		if cfg, err := media.DecodeConfig(j.mediaType, j.data, maxDecoded); err == nil {
			size[j] = media.DecodedSize(cfg)
		}
	}
	out := slices.Clone(jobs)
	slices.SortStableFunc(out, func(a, b *pictureJob) int { return cmp.Compare(size[b], size[a]) })
	return out
}

// isRaster says a picture of the media type is one prepare reduces.
func isRaster(mediaType string) bool {
	switch mediaType {
	case media.PNG, media.JPEG, media.GIF, media.WebP, media.TIFF, media.BMP:
		return true
	}
	return false
}

// pictureOf is an asset's picture, registered with gofpdf on first use;
// nil for an asset no page shows. A raster picture still being prepared
// is waited for.
func (p *painter) pictureOf(a *doc.Asset) *picture {
	j := p.jobs[a]
	if j == nil {
		return nil
	}
	if j.registered == nil {
		if j.ready != nil {
			<-j.ready
		}
		j.registered = p.register(j)
	}
	return j.registered
}

// svgImagesOf registers, on a drawing's first painting, the raster images
// inside it.
func (p *painter) svgImagesOf(pp *picture) map[*svg.Image]*picture {
	if pp.svgImages != nil || len(pp.nested) == 0 {
		return pp.svgImages
	}
	pp.svgImages = map[*svg.Image]*picture{}
	i := 0
	var walk func(items []svg.Item)
	walk = func(items []svg.Item) {
		for _, it := range items {
			switch it := it.(type) {
			case *svg.Image:
				n := pp.nested[i]
				<-n.ready
				if n.registered == nil {
					n.registered = p.registerRaster("svgimg-"+n.key, n)
				}
				pp.svgImages[it] = n.registered
				i++
			case *svg.Group:
				if it.Mask != nil {
					walk(it.Mask.Items)
				}
				walk(it.Items)
			}
		}
	}
	walk(pp.svg.Items)
	return pp.svgImages
}

// prepare does a job's work, which touches no painter state but the fonts
// SVG text is measured with.
func (p *painter) prepare(j *pictureJob) {
	switch {
	case isRaster(j.mediaType):
		tw, th := neededPixels(j.w, j.h, p.opts.ImageDPI)
		if media.Transposes(j.orientation) {
			// placed on its side: its stored width is the height placed
			tw, th = th, tw
		}
		j.raster = p.opts.Pictures.Do(rasterKey(j.key, tw, th, p.opts.MaxDecoded), func() any {
			return withProfile(storedRaster(p.opts.Pictures, p.opts.PictureStore, j.mediaType, j.data, tw, th, p.opts.MaxDecoded), j)
		}).(*raster)
	case j.mediaType == media.SVG:
		j.svg, j.svgErr = p.parseSVG(j.data)
		if j.svgErr == nil {
			j.nested = svgImageJobs(j.svg.Items, j.w/j.svg.Width, j.h/j.svg.Height, nil)
		}
	}
}

// svgImageJobs are the jobs of the raster images an SVG embeds, each
// with the size its box is printed at when the drawing's user units are
// sx × sy points (the drawing at its largest), so that it is reduced to
// the resolution it is printed at as a picture of the text is; a box
// larger than the pixels fill (preserveAspectRatio) only keeps more of
// them.
func svgImageJobs(items []svg.Item, sx, sy float64, out []*pictureJob) []*pictureJob {
	for _, it := range items {
		switch it := it.(type) {
		case *svg.Image:
			mt := map[string]string{"image/png": media.PNG, "image/jpeg": media.JPEG, "image/gif": media.GIF}[it.MediaType]
			m := it.Transform
			w := it.W * math.Hypot(m[0], m[1]) * sx
			h := it.H * math.Hypot(m[2], m[3]) * sy
			out = append(out, &pictureJob{key: media.Digest(it.Data), mediaType: mt, data: it.Data, w: w, h: h})
		case *svg.Group:
			if it.Mask != nil {
				out = svgImageJobs(it.Mask.Items, sx, sy, out)
			}
			out = svgImageJobs(it.Items, sx, sy, out)
		}
	}
	return out
}

// register hands a prepared job to gofpdf.
func (p *painter) register(j *pictureJob) *picture {
	fail := func(format string, args ...any) *picture {
		return &picture{reason: fmt.Sprintf(format, args...)}
	}
	switch {
	case j.raster != nil:
		pp := p.registerRaster("img-"+j.key, j)
		pp.orientation = j.orientation
		return pp
	case j.mediaType == media.SVG:
		if j.svgErr != nil {
			return fail("%v", j.svgErr)
		}
		if len(j.svg.Lost) > 0 {
			return &picture{reason: "the SVG has " + strings.Join(j.svg.Lost, ", "), quiet: true}
		}
		pp := &picture{svg: j.svg, nested: j.nested}
		return pp
	case j.mediaType == "":
		_, what := media.Sniff(j.data)
		return fail("unsupported image data (%s)", what)
	}
	return fail("unsupported image type %s", j.mediaType)
}

// registerRaster registers a prepared raster picture under name, with its
// soft mask for the finishing pass.
func (p *painter) registerRaster(name string, j *pictureJob) *picture {
	r := j.raster
	if r == nil {
		return &picture{reason: fmt.Sprintf("unsupported image type %s", j.mediaType)}
	}
	if r.reason != "" {
		return &picture{reason: r.reason}
	}
	if err := p.tryRegister(name, r.kind, r.data); err != nil {
		// gofpdf reads only plain JPEG colour models: anything else goes
		// in as a PNG of its pixels.
		img, derr := media.Decode(j.mediaType, j.data, p.opts.MaxDecoded)
		if derr != nil {
			return &picture{reason: err.Error()}
		}
		colours, _ := splitOpacity(p.opts.Pictures.InSRGB(img, j.mediaType, j.data))
		return p.registerPixels(name, colours, r.width, r.height, r.profile)
	}
	if r.mask != nil {
		if m, ok := p.masks[r.colours]; ok && !bytes.Equal(m.data, r.mask) || p.opaque[r.colours] {
			// Two pictures of the same colours and different opacity
			// would share gofpdf's image (it keeps one of equal data):
			// this one keeps its mask in a PNG gofpdf splits itself.
			return p.registerRGBA(name+"-a", j)
		}
		p.masks[r.colours] = softMask{width: r.width, height: r.height, data: r.mask}
	} else if r.kind == "png" {
		if _, ok := p.masks[r.colours]; ok {
			// An opaque picture of the colours of one with
			// transparency (a TIFF or BMP, and the same picture with an
			// alpha channel, both encoded by EncodePNG) would be
			// painted through its mask: encoded otherwise, its data is
			// its own.
			return p.registerReencoded(name+"-o", j)
		}
		p.opaque[r.colours] = true
	}
	if !p.noteProfile(r) {
		return p.registerOwnProfile(name+"-p", j)
	}
	return &picture{name: name, kind: r.kind, width: r.width, height: r.height}
}

// registerReencoded registers an opaque PNG raster encoded by image/png,
// whose data then differs from the same colours encoded by EncodePNG.
func (p *painter) registerReencoded(name string, j *pictureJob) *picture {
	r := j.raster
	img, err := png.Decode(bytes.NewReader(r.data))
	if err != nil {
		return &picture{reason: err.Error()}
	}
	return p.registerPixels(name, img, r.width, r.height, r.profile)
}

// registerRGBA registers a picture with transparency as one PNG with an
// alpha channel, which gofpdf splits itself.
func (p *painter) registerRGBA(name string, j *pictureJob) *picture {
	r := j.raster
	img, err := media.Decode(j.mediaType, j.data, p.opts.MaxDecoded)
	if err != nil {
		return &picture{reason: err.Error()}
	}
	return p.registerPixels(name, media.Downsample(img, r.width, r.height), r.width, r.height, r.profile)
}

// registerPixels registers img as a PNG encoded by image/png, which
// gofpdf reads, shown at width × height pixels, its samples in profile.
func (p *painter) registerPixels(name string, img image.Image, width, height int, profile media.Profile) *picture {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return &picture{reason: err.Error()}
	}
	if err := p.tryRegister(name, "png", buf.Bytes()); err != nil {
		return &picture{reason: err.Error()}
	}
	p.notePixelsProfile(buf.Bytes(), profile)
	return &picture{name: name, kind: "png", width: width, height: height}
}

// softMask is a picture's opacity, deflated, which the finishing pass
// gives to the image of its colours.
type softMask struct {
	width, height int
	data          []byte
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
	pp := p.pictureOf(pic.Asset)
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
	p.handOver()
	turned := pp.orientation > 1
	if turned {
		_, pageH := p.f.GetPageSize()
		p.f.TransformBegin()
		p.f.Transform(orientedImage(pic.X, pageH-pic.Y-pic.H, pic.W, pic.H, pp.orientation))
	}
	p.f.ImageOptions(pp.name, pic.X, pic.Y, pic.W, pic.H, false,
		gofpdf.ImageOptions{ImageType: pp.kind, AllowNegativePosition: true}, 0, "")
	if turned {
		p.f.TransformEnd()
	}
}
