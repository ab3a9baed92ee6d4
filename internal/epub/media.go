package epub

import (
	"bytes"
	"crypto/sha256"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"runtime"
	"strings"

	"github.com/samizdat-press/samizdat/internal/cover"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/parallel"
	"github.com/samizdat-press/samizdat/internal/xhtml"
)

// imageSet packages each distinct image once, named after its file.
type imageSet struct {
	files  []*packagedFile
	byKey  map[[32]byte]*packagedFile
	failed map[*doc.Asset]string
	// added is the file an asset placed before became: a picture placed
	// many times is neither reduced nor digested again.
	added map[*doc.Asset]*packagedFile
	names xhtml.NameSet
	// maxPixels bounds a raster picture's pixels (0: none); cache holds
	// the pictures reduced for other editions.
	maxPixels int
	cache     *media.Cache
	store     media.Store // reductions kept between builds
	// maxDecoded bounds the memory a picture may take decoded.
	maxDecoded int64
	// workers reduce pictures at once.
	workers int
}

func newImageSet(maxPixels int, maxDecoded int64, cache *media.Cache, store media.Store, workers int) *imageSet {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &imageSet{byKey: map[[32]byte]*packagedFile{}, failed: map[*doc.Asset]string{}, added: map[*doc.Asset]*packagedFile{}, names: xhtml.NameSet{},
		maxPixels: maxPixels, maxDecoded: maxDecoded, cache: cache, store: store, workers: workers}
}

// reduced is a raster picture as packaged: its bytes, of mediaType, and
// its size in pixels.
type reduced struct {
	mediaType     string
	data          []byte
	width, height int
	err           error
}

// reduce returns a raster picture with at most s.maxPixels pixels: as it
// is when it has no more, otherwise reduced by the smallest whole factor
// that brings it within (each 2 × 2 block of pixels averaged into one, or
// 3 × 3 …) and encoded again in its own format (a JPEG as a JPEG;
// anything else as a PNG, which has no alpha channel when the picture is
// opaque). Reading systems cannot show more pixels than a screen has, and
// some refuse large pictures. A whole factor is exact and cheap, and the
// PDF asks for the same one when it prints the picture at about that
// size, so both outputs share one reduction.
//
// A picture with an Exif orientation (media.Orientation) other than 1 is
// turned and mirrored upright as it is reduced, or on its own when it
// needs no reducing, and encoded again: reading systems differ on Exif,
// and older ones show such a photograph on its side.
//
// A TIFF or BMP, which EPUB 3 does not list among its core media types,
// is always decoded, reduced when it has too many pixels, and stored as
// a PNG (media.Converts), through the same cache and store.
func (s *imageSet) reduce(mediaType string, data []byte, orientation int) *reduced {
	cfg, err := media.DecodeConfig(mediaType, data, s.maxDecoded)
	if err != nil {
		return &reduced{err: err}
	}
	k := media.FactorWithin(cfg.Width, cfg.Height, s.maxPixels)
	if k == 1 && orientation <= 1 && !media.Converts(mediaType) {
		return &reduced{mediaType: mediaType, data: data, width: cfg.Width, height: cfg.Height}
	}
	r := s.cache.Upright(mediaType, data, k, orientation, s.maxDecoded, s.store)
	if r.Err != nil && k == 1 && !media.Converts(mediaType) {
		// A picture that cannot be turned goes as it is, for the
		// reading systems that follow its Exif data, as before.
		w, h := media.Shown(cfg.Width, cfg.Height, orientation)
		return &reduced{mediaType: mediaType, data: data, width: w, height: h}
	}
	if r.Err != nil {
		return &reduced{err: r.Err}
	}
	return &reduced{mediaType: r.MediaType, data: r.Data, width: r.Width, height: r.Height}
}

// prepare reduces, all at once on every core, the pictures of the book
// that have too many pixels or must be turned upright, so that packaging
// them in reading order finds them ready.
func (s *imageSet) prepare(book *doc.Book) {
	var large []*doc.Asset
	seen := map[*doc.Asset]bool{}
	doc.WalkImages(book.Chapters(), func(img *doc.Image) {
		if a := img.Asset; a != nil && !seen[a] {
			seen[a] = true
			if a.MediaType != media.SVG && (s.maxPixels > 0 && a.Width*a.Height > s.maxPixels || a.Orientation > 1 || media.Converts(a.MediaType)) {
				large = append(large, a)
			}
		}
	})
	parallel.For(len(large), s.workers, func(_, i int) {
		if mt, data, err := s.checkImage(large[i]); err == nil {
			s.reduce(mt, data, large[i].Orientation)
		}
	})
}

// add packages an asset and returns its file, or nil and why not.
func (s *imageSet) add(a *doc.Asset) (*packagedFile, string) {
	if a == nil {
		return nil, ""
	}
	if problem, ok := s.failed[a]; ok {
		return nil, problem
	}
	if f, ok := s.added[a]; ok {
		return f, ""
	}
	mediaType, data, err := s.checkImage(a)
	width, height := 0, 0 // an SVG scales
	if mediaType != media.SVG {
		width, height = a.Width, a.Height
	}
	if err == nil && mediaType != media.SVG && (s.maxPixels > 0 || a.Orientation > 1 || media.Converts(mediaType)) {
		r := s.reduce(mediaType, data, a.Orientation)
		mediaType, data, width, height, err = r.mediaType, r.data, r.width, r.height, r.err
	}
	if err != nil {
		s.failed[a] = err.Error()
		return nil, err.Error()
	}
	h := sha256.New()
	h.Write([]byte(mediaType + "\x00"))
	h.Write(data)
	var key [32]byte
	h.Sum(key[:0])
	if f, ok := s.byKey[key]; ok {
		s.added[a] = f
		return f, ""
	}
	stem := strings.TrimSuffix(path.Base(a.Path), path.Ext(a.Path))
	f := &packagedFile{
		href:      imageDir + s.names.Claim(xhtml.FileBase(stem, "doc"), imageExt[mediaType]),
		id:        fmt.Sprintf("img-%d", len(s.files)+1),
		mediaType: mediaType,
		data:      data,
		width:     width,
		height:    height,
	}
	s.files = append(s.files, f)
	s.byKey[key] = f
	s.added[a] = f
	return f, ""
}

var imageExt = map[string]string{
	"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/svg+xml": ".svg",
}

// checkImage returns the bytes to package and their media type, judged by
// the data rather than the declared type: a reading system trusts the
// manifest, and EPUBCheck checks it against the bytes. WebP, not a core
// type of EPUB 3.2, is converted to PNG here, decoded as the PDF decodes
// it (media.Decode, through the build's cache): a lossy one's colours in
// the studio range libwebp reads them in, an animated one's first frame;
// TIFF and BMP, which are not core types either, when they are packaged
// (reduce).
func (s *imageSet) checkImage(a *doc.Asset) (mediaType string, data []byte, err error) {
	data = a.Data
	if len(data) == 0 {
		return "", nil, errors.New("has no data")
	}
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png", data, nil
	case bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff}):
		return "image/jpeg", data, nil
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "image/gif", data, nil
	case len(data) > 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		img, err := s.cache.Decode(media.WebP, data, s.maxDecoded)
		if err != nil {
			return "", nil, fmt.Errorf("is not a readable WebP image: %v", strings.TrimPrefix(err.Error(), "cannot decode: "))
		}
		png, err := media.EncodePNG(img)
		if err != nil {
			return "", nil, fmt.Errorf("could not be converted to PNG: %v", err)
		}
		// its colour profile with it, as a reduction carries it
		return "image/png", media.WithProfile(media.PNG, png, media.CarriedProfile(media.WebP, data)), nil
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return media.TIFF, data, nil
	case bytes.HasPrefix(data, []byte("BM")):
		return media.BMP, data, nil
	}
	svg, err := checkSVG(data)
	if err != nil {
		if strings.Contains(a.MediaType, "svg") {
			return "", nil, fmt.Errorf("is not usable SVG: %v", err)
		}
		return "", nil, fmt.Errorf("is not PNG, JPEG, GIF, WebP, TIFF, BMP or SVG (declared %q)", xhtml.OneLine(a.MediaType))
	}
	return "image/svg+xml", svg, nil
}

// checkSVG accepts well-formed XML whose root is an SVG element. A DOCTYPE
// is removed (EPUB forbids external entities), and with it any internal
// entity a document relies on, which then fails the check.
func checkSVG(data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if i, j, ok := doctypeSpan(data); ok {
		data = append(append([]byte{}, data[:i]...), data[j:]...)
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := true
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok && root {
			if se.Name.Local != "svg" || se.Name.Space != "http://www.w3.org/2000/svg" {
				return nil, fmt.Errorf("root element is %q, not svg", se.Name.Local)
			}
			root = false
		}
	}
	if root {
		return nil, errors.New("no root element")
	}
	return data, nil
}

// doctypeSpan finds the byte range of a <!DOCTYPE …> declaration.
func doctypeSpan(data []byte) (start, end int, ok bool) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		before := dec.InputOffset()
		tok, err := dec.RawToken()
		if err != nil {
			return 0, 0, false
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) {
				return int(before), int(dec.InputOffset()), true
			}
		case xml.StartElement:
			return 0, 0, false
		}
	}
}

// packageCover packages the configured cover image, or draws one.
func (b *builder) packageCover() error {
	if c := b.opts.Cover; c != nil {
		mediaType, data, err := b.images.checkImage(c)
		if err == nil && mediaType != media.SVG && (b.images.maxPixels > 0 || c.Orientation > 1 || media.Converts(mediaType)) {
			r := b.images.reduce(mediaType, data, c.Orientation)
			mediaType, data, err = r.mediaType, r.data, r.err
		}
		if err == nil {
			b.cover = &packagedFile{href: imageDir + b.images.names.Claim("cover", imageExt[mediaType]), id: "cover-image", mediaType: mediaType, data: data}
			b.facts.images++
			b.facts.imagesWithAlt++
			return nil
		}
		b.warn(doc.Pos{File: c.Path}, "cover.undecodable", fmt.Sprintf("cover image %q %v; drawing one instead", xhtml.OneLine(c.Path), err))
	}
	if b.fonts == nil {
		set, err := fonts.Load(fonts.EmbeddedFiles())
		if err != nil {
			return fmt.Errorf("epub: %w", err)
		}
		b.fonts = set
	}
	data, deflated, err := drawCover(b.opts.Pictures, b.opts.PictureStore, b.fonts, b.coverText())
	if err != nil {
		return fmt.Errorf("epub: drawing the cover: %w", err)
	}
	b.cover = &packagedFile{href: imageDir + b.images.names.Claim("cover", ".png"), id: "cover-image", mediaType: "image/png", data: data, deflated: deflated}
	b.coverDrawn = true
	b.facts.images++
	b.facts.imagesWithAlt++
	return nil
}

// coverText is what a drawn cover says.
func (b *builder) coverText() cover.Book {
	if t := b.opts.CoverText; t != nil {
		return *t
	}
	return cover.Book{Title: b.bookTitle(), Subtitle: xhtml.OneLine(b.book.Meta.Subtitle), Creators: b.creatorLines()}
}

// creatorLines are the names printed on a drawn cover: authors first, then
// the other creators with their role phrases.
func (b *builder) creatorLines() []string {
	var lines []string
	for _, g := range xhtml.CreatorGroups(b.book.Meta.Creators) {
		names := strings.Join(g.Names, ", ")
		if g.Role != "aut" {
			if phrase := b.words.Roles[g.Role]; phrase != "" {
				names = phrase + " " + names
			}
		}
		lines = append(lines, names)
	}
	return lines
}

// subsetFonts cuts each packaged TrueType face down to the characters
// the book's documents and stylesheet hold (printable ASCII always, for
// what reading systems write themselves), so that the e-book carries no
// glyph it never shows: the six faces come to a few tens of kilobytes
// instead of 3.5 MB. A face that cannot be cut is packaged whole.
func (b *builder) subsetFonts(texts ...[]byte) {
	runes := fonts.TextRunes(texts...)
	for i := range b.fontsOut {
		f := &b.fontsOut[i]
		if f.mediaType != "font/ttf" {
			continue // the stylesheet names the file by its kind
		}
		data, err := b.fonts.Subset(b.fontFaces[i], runes)
		if err != nil {
			b.warn(doc.Pos{}, "font.subset", fmt.Sprintf("font %s could not be cut to the characters used (%v); packaged whole", b.fontFaces[i], err))
			continue
		}
		f.data = data
	}
}

// packageFonts adds each distinct face file once; a face that falls back
// to another's file is left for the reading system to synthesise.
func (b *builder) packageFonts() {
	var css bytes.Buffer
	css.WriteString("/* Faces packaged with this book. */\n")
	seen := map[[32]byte]bool{}
	for _, ff := range fonts.WebFaces {
		data := b.fonts.Data(ff.Face)
		mediaType, _, ext := fonts.FileFormat(data)
		if mediaType == "" {
			b.warn(doc.Pos{}, "font.unsupported", fmt.Sprintf("font %s is not TrueType, OpenType or WOFF; not embedded", ff.Face))
			continue
		}
		key := sha256.Sum256(data)
		if seen[key] {
			continue
		}
		seen[key] = true
		f := packagedFile{href: fontDir + ff.File + ext, id: "font-" + ff.File, mediaType: mediaType, data: data}
		b.fontsOut = append(b.fontsOut, f)
		b.fontFaces = append(b.fontFaces, ff.Face)
		fmt.Fprintf(&css, "@font-face {\n  font-family: %q;\n  font-weight: %s;\n  font-style: %s;\n  src: url(\"../%s\");\n}\n",
			ff.Family, ff.Weight, ff.Style, f.href)
	}
	if len(b.fontsOut) == 0 {
		return
	}
	css.WriteString("body { font-family: \"Samizdat Serif\", serif; }\n")
	css.WriteString("code, kbd, pre, samp { font-family: \"Samizdat Mono\", monospace; }\n")
	b.fontCSS = css.Bytes()
}
