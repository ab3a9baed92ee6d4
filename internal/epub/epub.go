// Package epub turns a resolved, validated doc.Book into an EPUB 3
// publication.
//
// internal/xhtml writes the tree's content (every text and attribute
// escaped, so no input can break the markup); this package plans the
// documents, IDs and navigation, and frames each document. go-epub
// packages the resources (stylesheets, fonts, images) into an OCF
// container in memory; pack then adds what go-epub cannot express — the
// package document with its full metadata, the navigation documents,
// content documents that declare their language — and a drawn cover,
// which go-epub would only deflate again, checks that the package is
// complete and well-formed, and writes it byte for byte reproducibly,
// copying go-epub's compressed resources as they are.
package epub

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/samizdat-press/samizdat/internal/labels"
	"io"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/samizdat-press/samizdat/assets"
	"github.com/samizdat-press/samizdat/internal/cover"
	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/xhtml"
)

// Options adjust how a book is written.
type Options struct {
	// Stylesheet is the CSS of every page; nil means assets.EPUBStylesheet.
	Stylesheet []byte
	// Cover is the cover image; nil means one is drawn from the title,
	// subtitle and creators.
	Cover *doc.Asset
	// CoverText is what a drawn cover says, the printed cover's words, so
	// that the e-book's cover is the printed one's front; nil: the title,
	// subtitle and creators.
	CoverText *cover.Book
	// Fonts draws the generated cover and supplies the embedded faces; nil
	// means the fonts compiled into the binary.
	Fonts *fonts.Set
	// EmbedFonts packages the text faces and declares them with @font-face
	// as "Samizdat Serif" and "Samizdat Mono".
	EmbedFonts bool
	// TocDepth is how many heading levels below each entry the contents
	// list, as given: 0 (or less) lists the entries alone.
	TocDepth int
	// PageMap, when set, adds print page numbers: a page-list, page-break
	// markers in the text and the page source in the metadata.
	PageMap *doc.PageMap
	// Identifier is the edition's dc:identifier; "" takes the book's, made
	// the edition's own when the book's Meta names one.
	Identifier string
	// TitleSuffix follows the title in the metadata and the NCX, so that
	// a library tells editions apart; "" for none.
	TitleSuffix string
	// MaxImagePixels bounds the pixels of a raster picture: one with more
	// is reduced. 0 keeps every picture's pixels.
	MaxImagePixels int
	// Pictures holds the pictures reduced, and the covers drawn, for
	// other editions built with this one; nil prepares them all here.
	Pictures *media.Cache
	// PictureStore keeps reduced pictures between builds; nil keeps none.
	PictureStore media.Store
	// MaxDecoded is the most memory, in bytes, a raster picture may take
	// decoded to be reduced (limits.image_memory); 0 allows
	// media.DefaultMaxDecoded.
	MaxDecoded int64

	// workers is how many pictures are reduced at once; 0: one per core.
	workers int
}

// Write writes book as an EPUB 3 to w. The book must have passed
// doc.Validate: the writer trusts the tree's invariants. Problems the book
// survives (a missing image, a link to nowhere) come back as warnings,
// each naming the file and line where known; err means no usable EPUB was
// written.
func Write(w io.Writer, book *doc.Book, opts Options) (warnings []diag.Diagnostic, err error) {
	if !book.Validated() {
		return nil, errors.New("epub: the book has not passed doc.Validate")
	}
	b, err := newBuilder(book, opts)
	if err != nil {
		return nil, err
	}
	plan, err := b.build()
	if err != nil {
		return b.warnings, err
	}
	archive, err := container(b.bookTitle(), plan.items)
	if err != nil {
		return b.warnings, fmt.Errorf("epub: packaging resources with go-epub: %w", err)
	}
	if err := pack(w, archive, plan); err != nil {
		return b.warnings, fmt.Errorf("epub: packing: %w", err)
	}
	return b.warnings, nil
}

// Folder layout inside the container, matching go-epub's.
const (
	contentDir = "EPUB/"
	xhtmlDir   = "xhtml/"
	imageDir   = "images/"
	cssDir     = "css/"
	fontDir    = "fonts/"
	navHref    = "nav.xhtml"
	ncxHref    = "toc.ncx"
	cssHref    = cssDir + "epub.css"
	fontCSS    = cssDir + "fonts.css"
)

// fallbackModified stamps books without a build date, so that output
// stays reproducible rather than taking the clock.
var fallbackModified = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// builder holds everything learnt about one book while it is written.
type builder struct {
	book     *doc.Book
	opts     Options
	lang     string
	rtl      bool // the language is written right to left
	words    labels.Labels
	modified time.Time
	fonts    *fonts.Set
	tocDepth int

	warnings []diag.Diagnostic

	css      []byte
	fontCSS  []byte
	fontsOut []packagedFile
	// fontFaces are the faces of fontsOut, in order.
	fontFaces []fonts.Face
	images    *imageSet
	cover     *packagedFile // the cover image
	// coverDrawn: the cover is drawn from coverText, not supplied
	coverDrawn bool

	// docs are the XHTML documents in reading order, nav excluded.
	docs      []*xdoc
	navAt     int // index in docs before which the nav document comes
	entryDoc  map[*doc.Entry]*xdoc
	entryByID map[string]*xdoc
	// ids are the XML IDs in use: unique across the book, not merely in
	// each document, so that an ID names one place.
	ids *xhtml.IDSet
	// anchors maps an ID from the tree to where it ended up.
	anchors     map[string]anchor
	blockDoc    map[doc.Block]*xdoc
	pages       []*pageMarker
	marks       map[doc.Block][]*pageMarker
	markerOf    map[*xhtml.PageMark]*pageMarker
	placedMarks int

	facts facts
}

// anchor is a link target: a document and an ID in it.
type anchor struct {
	doc *xdoc
	id  string
}

// packagedFile is a resource other than a document.
type packagedFile struct {
	href      string // relative to the package folder: "images/map.png"
	id        string
	mediaType string
	data      []byte
	// width and height of a raster picture, in pixels
	width, height int
	// deflated is a drawn picture's data deflated, as the archive holds it
	deflated []byte
}

// facts are what the accessibility metadata states about the book.
type facts struct {
	images        int // packaged images, cover included
	imagesWithAlt int // decorative ones included
	decorative    int // marked as needing no description
	pageList      bool
	// langKnown: the book's language and every entry's is a valid tag, so
	// every document and every part of one declares its language.
	langKnown bool
}

func newBuilder(book *doc.Book, opts Options) (*builder, error) {
	b := &builder{
		book:      book,
		opts:      opts,
		entryDoc:  map[*doc.Entry]*xdoc{},
		entryByID: map[string]*xdoc{},
		anchors:   map[string]anchor{},
		blockDoc:  map[doc.Block]*xdoc{},
		marks:     map[doc.Block][]*pageMarker{},
		markerOf:  map[*xhtml.PageMark]*pageMarker{},
		images:    newImageSet(opts.MaxImagePixels, opts.MaxDecoded, opts.Pictures, opts.PictureStore, opts.workers),
		// The IDs of the generated pages and the navigation document.
		ids: xhtml.NewIDSet("book-title", "toc", "toc-title", "landmarks", "landmarks-title", "page-list", "page-list-title"),
	}
	b.lang = b.bookLanguage()
	b.rtl = rightToLeft(b.lang)
	b.words = labels.For(b.lang)
	b.modified = book.Meta.Modified.UTC().Truncate(time.Second)
	if book.Meta.Modified.IsZero() {
		b.modified = fallbackModified
		b.warn(b.metaPos(), "metadata.modified", "the book has no modification date; using "+fallbackModified.Format(time.RFC3339))
	}
	b.tocDepth = opts.TocDepth
	b.css = opts.Stylesheet
	if b.css == nil {
		b.css = assets.MustRead(assets.EPUBStylesheet)
	}
	b.fonts = opts.Fonts
	if b.fonts == nil && (opts.EmbedFonts || opts.Cover == nil) {
		set, err := fonts.Load(fonts.EmbeddedFiles())
		if err != nil {
			return nil, fmt.Errorf("epub: %w", err)
		}
		b.fonts = set
	}
	return b, nil
}

// bookLanguage is the book's language as a canonical BCP 47 tag; "und"
// when it is missing or malformed.
func (b *builder) bookLanguage() string {
	raw := strings.TrimSpace(b.book.Meta.Language)
	if raw == "" {
		b.warn(b.metaPos(), "metadata.language", "the book has no language; declaring it undetermined (und)")
		return "und"
	}
	tag, ok := xhtml.ParseLang(raw)
	if !ok {
		b.warn(b.metaPos(), "metadata.language", fmt.Sprintf("language %q is not a BCP 47 tag; declaring it undetermined (und)", xhtml.OneLine(raw)))
		return "und"
	}
	return tag
}

// rightToLeft reports whether a language is written in a right-to-left
// script, as its likely script says.
func rightToLeft(lang string) bool {
	tag, err := language.Parse(lang)
	if err != nil {
		return false
	}
	script, _ := tag.Script()
	switch script.String() {
	case "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr":
		return true
	}
	return false
}

func (b *builder) warn(pos doc.Pos, code, msg string) {
	b.warnings = append(b.warnings, diag.Diagnostic{Severity: diag.Warning, File: pos.File, Line: pos.Line, Column: pos.Column, Code: code, Message: msg})
}

// metaPos is where the book's metadata was given, for messages about it.
func (b *builder) metaPos() doc.Pos { return doc.Pos{File: b.book.Meta.File} }

// build renders every document and returns the plan of the finished package.
func (b *builder) build() (*packagePlan, error) {
	if b.opts.EmbedFonts {
		b.packageFonts()
	}
	if err := b.packageCover(); err != nil {
		return nil, err
	}
	b.images.prepare(b.book)
	b.planDocuments()
	b.planPages()
	for _, d := range b.docs {
		d.render(b)
	}
	if b.fontsOut != nil {
		// The navigation documents, written later, hold the titles and
		// the book's words for its parts ("Contents").
		texts := [][]byte{b.css, []byte(b.metaTitle()), []byte(fmt.Sprint(b.words))}
		for _, d := range b.docs {
			texts = append(texts, d.data)
		}
		b.subsetFonts(texts...)
	}
	b.orderPages()
	return b.plan(), nil
}

// orderPages puts the page list in reading order, which is the order the
// markers were rendered in; a page whose block was never rendered has no
// marker to point at and is left out.
func (b *builder) orderPages() {
	var placed []*pageMarker
	for _, m := range b.pages {
		if m.placed {
			placed = append(placed, m)
		} else {
			b.warn(doc.Pos{}, "pagemap.unrendered", fmt.Sprintf("page %s: its block was not rendered; left out of the page list", m.Label))
		}
	}
	sort.SliceStable(placed, func(i, j int) bool { return placed[i].order < placed[j].order })
	b.pages = placed
	b.facts.pageList = len(placed) > 0
}

// languagesKnown reports whether every document can declare its
// language: the book's is known and no entry names one that is not.
func (b *builder) languagesKnown() bool {
	if b.lang == "und" {
		return false
	}
	for _, d := range b.docs {
		if d.entry == nil || strings.TrimSpace(d.entry.Language) == "" {
			continue
		}
		if _, ok := xhtml.ParseLang(d.entry.Language); !ok {
			return false
		}
	}
	return true
}

// mathMarker opens every formula the documents hold (texmath.MathML);
// raw HTML cannot write it, its markup being escaped or dropped.
var mathMarker = []byte(`<math xmlns="http://www.w3.org/1998/Math/MathML"`)

// plan lists the finished package: manifest with every file's bytes,
// spine and metadata.
func (b *builder) plan() *packagePlan {
	p := &packagePlan{modified: b.modified, lang: b.lang, rtl: b.rtl}
	add := func(it planItem) { p.items = append(p.items, it) }
	resource := func(f *packagedFile, properties string) {
		add(planItem{id: f.id, href: f.href, mediaType: f.mediaType, properties: properties, data: f.data, resource: true})
	}
	// A raster picture is written by pack: go-epub would deflate its
	// compressed bytes again at the standard library's default level, one
	// book at a time (see container), to save about 2% of them.
	picture := func(f *packagedFile, properties string) {
		if f.mediaType == media.SVG {
			resource(f, properties)
			return
		}
		add(planItem{id: f.id, href: f.href, mediaType: f.mediaType, properties: properties, data: f.data, raster: true})
	}
	add(planItem{id: "nav", href: navHref, mediaType: mediaXHTML, properties: "nav", data: b.navDocument()})
	add(planItem{id: "ncx", href: ncxHref, mediaType: mediaNCX, data: b.ncxDocument()})
	resource(&packagedFile{id: "css", href: cssHref, mediaType: "text/css", data: b.css}, "")
	if b.fontCSS != nil {
		resource(&packagedFile{id: "css-fonts", href: fontCSS, mediaType: "text/css", data: b.fontCSS}, "")
	}
	for i := range b.fontsOut {
		resource(&b.fontsOut[i], "")
	}
	switch {
	case b.cover != nil && b.coverDrawn:
		// drawn here, like the documents: go-epub would only deflate it
		// again, one book at a time (see container)
		add(planItem{id: b.cover.id, href: b.cover.href, mediaType: b.cover.mediaType, properties: "cover-image", data: b.cover.data, drawn: true, deflated: b.cover.deflated})
	case b.cover != nil:
		picture(b.cover, "cover-image")
	}
	for _, f := range b.images.files {
		picture(f, "")
	}
	for i, d := range b.docs {
		if i == b.navAt {
			p.spine = append(p.spine, "nav")
		}
		props := ""
		if bytes.Contains(d.data, mathMarker) {
			// a reading system asked to show MathML must be told where
			props = "mathml"
		}
		add(planItem{id: d.manifestID, href: d.href(), mediaType: mediaXHTML, properties: props, data: d.data})
		p.spine = append(p.spine, d.manifestID)
	}
	if b.navAt >= len(b.docs) {
		p.spine = append(p.spine, "nav")
	}
	p.ncxID = "ncx"
	p.metadata = b.metadata()
	return p
}
