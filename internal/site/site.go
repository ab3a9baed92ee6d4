// Package site writes a book as a static web site: index.html with the
// title page and the contents, one page per entry of the manifest, the
// stylesheets, the pictures and the fonts, every link relative, so the
// folder works from a file:// URL, from any static host, and zipped into
// a learning platform.
//
// The pages' content is the XHTML the EPUB uses, written by
// internal/xhtml; this package plans the pages (file names, IDs, heading
// levels, notes) and frames each one. Notes open in place as popovers,
// without scripts, and stay listed after the text for print and for
// browsers without popovers.
package site

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/samizdat-press/samizdat/assets"
	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/labels"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/xhtml"
)

// Options adjust how a book is written.
type Options struct {
	// Fonts supplies the faces packaged with the pages; nil packages none,
	// leaving the reader's serif and monospace.
	Fonts *fonts.Set
	// TocDepth is how many heading levels below each entry the contents
	// list: 0 lists the entries alone.
	TocDepth int
	// PageMap, when set, places the print edition's page numbers in the
	// margin.
	PageMap *doc.PageMap
	// Script, when set, is the address of a script every page loads (the
	// preview's live reload).
	Script string
	// Pictures and PictureStore hold the TIFF and BMP pictures converted
	// for the EPUB (either may be nil), which the site shows converted
	// the same way; MaxDecoded bounds the memory one may take decoded.
	Pictures     *media.Cache
	PictureStore media.Store
	MaxDecoded   int64
}

// File is one file of the site, named by its slash-separated path in the
// site's folder.
type File struct {
	Name string
	Data []byte
}

// Names of the files every site has.
const (
	IndexFile  = "index.html"
	bookCSS    = "css/book.css"
	siteCSS    = "css/site.css"
	fontCSS    = "css/fonts.css"
	imageDir   = "images/"
	fontDir    = "fonts/"
	mainID     = "main"
	bookTitle  = "book-title"
	tocID      = "toc"
	tocTitleID = "toc-title"
)

// Write returns the files of book's site, index.html first. The book must
// have passed doc.Validate. Problems the site survives (a missing picture,
// a link to nowhere) come back as warnings naming the file and line where
// known.
func Write(book *doc.Book, opts Options) ([]File, []diag.Diagnostic, error) {
	if !book.Validated() {
		return nil, nil, errors.New("site: the book has not passed doc.Validate")
	}
	b := newBuilder(book, opts)
	b.plan()
	b.planPages()
	files := []File{{Name: IndexFile, Data: b.render(b.index)}}
	for _, p := range b.pages {
		files = append(files, File{Name: p.file, Data: b.render(p)})
	}
	files = append(files,
		File{Name: bookCSS, Data: assets.MustRead(assets.EPUBStylesheet)},
		File{Name: siteCSS, Data: assets.MustRead(assets.SiteStylesheet)})
	// the faces are cut to the characters the pages and stylesheets hold
	var texts [][]byte
	for _, f := range files {
		texts = append(texts, f.Data)
	}
	files = append(files, b.fontFiles(fonts.TextRunes(texts...))...)
	files = append(files, b.images.files...)
	return files, b.warnings, nil
}

// builder holds what is learnt about the book while its site is written.
type builder struct {
	book  *doc.Book
	opts  Options
	lang  string
	dir   string // "rtl" for a right-to-left language
	words labels.Labels
	title string // the book's title as one line, never empty

	warnings []diag.Diagnostic

	index *page
	pages []*page // the entries' pages in reading order
	// ids are unique across the site, so an ID names one place.
	ids       *xhtml.IDSet
	pageOf    map[*doc.Entry]*page
	pageByID  map[string]*page
	anchors   map[string]anchor
	blockPage map[doc.Block]*page
	marks     map[doc.Block][]*mark
	images    imageSet
	fontsCSS  bool
}

// anchor is a link target: a page and an ID in it.
type anchor struct {
	page *page
	id   string
}

// mark is where a print page starts, on one page of the site.
type mark struct {
	xhtml.PageMark
	page *page
}

func newBuilder(book *doc.Book, opts Options) *builder {
	b := &builder{
		book:      book,
		opts:      opts,
		ids:       xhtml.NewIDSet(mainID, bookTitle, tocID, tocTitleID, "copyright-title"),
		pageOf:    map[*doc.Entry]*page{},
		pageByID:  map[string]*page{},
		anchors:   map[string]anchor{},
		blockPage: map[doc.Block]*page{},
		marks:     map[doc.Block][]*mark{},
		images: imageSet{byKey: map[[32]byte]string{}, names: xhtml.NameSet{}, converted: map[*doc.Asset]*media.Reduction{},
			cache: opts.Pictures, store: opts.PictureStore, maxDecoded: opts.MaxDecoded},
	}
	b.lang = b.language()
	if xhtml.Direction(b.lang) == "rtl" {
		b.dir = "rtl"
	}
	b.words = labels.For(b.lang)
	b.title = xhtml.OneLine(book.Meta.Title)
	if b.title == "" {
		b.title = "Untitled"
	}
	return b
}

func (b *builder) warn(pos doc.Pos, code, msg string) {
	b.warnings = append(b.warnings, diag.Diagnostic{Severity: diag.Warning, File: pos.File, Line: pos.Line, Column: pos.Column, Code: code, Message: msg})
}

// language is the book's language as a canonical BCP 47 tag; "und" when
// it is missing or malformed (the EPUB says so already).
func (b *builder) language() string {
	if tag, ok := xhtml.ParseLang(b.book.Meta.Language); ok {
		return tag
	}
	return "und"
}

// imageSet copies each distinct picture once, named after its file.
type imageSet struct {
	files []File
	byKey map[[32]byte]string
	names xhtml.NameSet
	// converted are the TIFF and BMP pictures as PNG or JPEG, each made
	// once however often it is placed, through the EPUB's cache and store.
	converted  map[*doc.Asset]*media.Reduction
	cache      *media.Cache
	store      media.Store
	maxDecoded int64
}

// imageExt are the picture types browsers show, by media type.
var imageExt = map[string]string{
	"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
	"image/webp": ".webp", "image/svg+xml": ".svg",
}

// add copies a picture into the site and returns its name there and its
// size in pixels as shown, or "" and why not. A TIFF or BMP, which
// browsers do not show, becomes the PNG or JPEG the EPUB holds
// (media.Converts), turned upright, with all its pixels.
func (s *imageSet) add(a *doc.Asset) (name string, width, height int, problem string) {
	if a == nil {
		return "", 0, 0, ""
	}
	if len(a.Data) == 0 {
		return "", 0, 0, "has no data"
	}
	mediaType, data, width, height := a.MediaType, a.Data, a.Width, a.Height
	if media.Converts(mediaType) {
		r, ok := s.converted[a]
		if !ok {
			r = s.cache.Upright(mediaType, data, 1, a.Orientation, s.maxDecoded, s.store)
			s.converted[a] = r
		}
		if r.Err != nil {
			return "", 0, 0, r.Err.Error()
		}
		mediaType, data, width, height = r.MediaType, r.Data, r.Width, r.Height
	}
	ext, ok := imageExt[mediaType]
	if !ok {
		return "", 0, 0, fmt.Sprintf("is of a type web browsers do not show (%s)", xhtml.OneLine(mediaType))
	}
	key := sha256.Sum256(append([]byte(mediaType+"\x00"), data...))
	if name, ok := s.byKey[key]; ok {
		return name, width, height, ""
	}
	stem := strings.TrimSuffix(path.Base(a.Path), path.Ext(a.Path))
	name = imageDir + s.names.Claim(xhtml.FileBase(stem, "page"), ext)
	s.byKey[key] = name
	s.files = append(s.files, File{Name: name, Data: data})
	return name, width, height, ""
}

// fontFiles are the faces the pages use, each cut to the characters
// runes (a face that cannot be cut goes whole), and the CSS declaring
// them; a face left out, or whose file is another's, is left for the
// browser to synthesise.
func (b *builder) fontFiles(runes []rune) []File {
	if b.opts.Fonts == nil {
		return nil
	}
	used := map[fonts.Face]bool{}
	for _, p := range append([]*page{b.index}, b.pages...) {
		for f := range xhtml.UsedFaces(p.blocks, p.Notes) {
			used[f] = true
		}
	}
	var css bytes.Buffer
	css.WriteString("/* The book's faces. */\n")
	var out []File
	seen := map[[32]byte]bool{}
	for _, ff := range fonts.WebFaces {
		if !used[ff.Face] {
			continue
		}
		data := b.opts.Fonts.Data(ff.Face)
		_, format, ext := fonts.FileFormat(data)
		if format == "" {
			continue
		}
		key := sha256.Sum256(data)
		if seen[key] {
			continue
		}
		seen[key] = true
		if format == "truetype" {
			if sub, err := b.opts.Fonts.Subset(ff.Face, runes); err != nil {
				b.warn(doc.Pos{}, "font.subset", fmt.Sprintf("font %s could not be cut to the characters used (%v); shipped whole", ff.Face, err))
			} else {
				data = sub
			}
		}
		name := fontDir + ff.File + ext
		out = append(out, File{Name: name, Data: data})
		fmt.Fprintf(&css, "@font-face {\n  font-family: %q;\n  font-weight: %s;\n  font-style: %s;\n  font-display: swap;\n  src: url(\"../%s\") format(%q);\n}\n",
			ff.Family, ff.Weight, ff.Style, name, format)
	}
	if len(out) == 0 {
		return nil
	}
	return append([]File{{Name: fontCSS, Data: css.Bytes()}}, out...)
}
