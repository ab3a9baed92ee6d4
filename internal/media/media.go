// Package media loads the book's pictures: it finds every image the tree
// refers to, reads local files through the book folder's fs.FS, recognises
// their type from their bytes, measures them, and cleans SVG so it is safe
// to package and to draw. Remote images are never fetched.
package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/infile"
	"github.com/samizdat-press/samizdat/internal/suggest"
)

// Media types of the pictures a book may contain: the EPUB 3 core image
// types, and TIFF and BMP (tiff.go), which the EPUB converts.
const (
	PNG  = "image/png"
	JPEG = "image/jpeg"
	GIF  = "image/gif"
	WebP = "image/webp"
	SVG  = "image/svg+xml"
)

// DataDir is the folder, relative to the book folder, that assets from
// data: URLs are named into; their file name is a digest of their bytes.
const DataDir = "data-uri"

// Load finds every image in the book (chapter blocks and titles, figures,
// notes, tables, provenance citations, the colophon), resolves its Src
// relative to its entry's file and sets Image.Asset. Images that point to
// the same file share one Asset.
//
// Remote images (http, https, ftp, protocol-relative) are not fetched: the
// Asset stays nil and a warning names the chapter. Missing or unreadable
// files, paths leaving the book folder and unsupported file types are
// errors naming the chapter file and the image; all of them are reported
// together. An image whose bytes cannot be decoded, or an SVG that cannot
// be cleaned, keeps a nil Asset and gets a warning. Images that already
// carry an Asset (inline SVG from raw HTML) are cleaned and measured.
//
// The warnings are diagnostics; err joins the error diagnostics. Codes:
// image.remote, image.undecodable, image.svg-unsupported, image.damaged
// (warnings),
// image.missing, image.path, image.unsupported, image.unreadable (errors).
func Load(book *doc.Book, fsys fs.FS, opts Options) (warnings []diag.Diagnostic, err error) {
	l := &loader{fsys: fsys, cache: map[string]cached{}, svgChecked: map[*doc.Asset]bool{}, opts: opts, described: map[string]bool{}, pictures: map[string]bool{}}
	for _, e := range book.Chapters() {
		l.entry = e.File
		l.block = doc.Pos{File: e.File}
		l.context = ""
		if e.File == "" {
			l.context = "entry " + e.ID + ": "
		}
		l.inlines(e.Title)
		l.blocks(e.Blocks)
		for _, n := range e.Notes {
			l.blocks(n.Blocks)
		}
		if e.Provenance != nil {
			l.inlines(e.Provenance.Citation)
		}
	}
	l.entry = ""
	l.block = doc.Pos{}
	l.context = "colophon: "
	l.blocks(book.Colophon)
	for _, name := range slices.Sorted(maps.Keys(opts.AltText)) {
		if !l.described[name] {
			at := opts.AltText[name].Pos
			hint := ""
			if near := suggest.ClosestFile(name, slices.Sorted(maps.Keys(l.pictures))); near != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", near)
			}
			l.warnings = append(l.warnings, diag.Warnf(at.File, at.Line, "image.alt-unused", "alt_text: no picture of the book is the file %q%s", name, hint))
		}
	}
	return condenseRemote(l.warnings), errors.Join(l.errs...)
}

// LoadFile loads one picture named by the configuration (a cover image),
// relative to the book folder, by the same rules as Load; a remote URL, an
// undecodable picture or a malformed SVG is an error here.
func LoadFile(fsys fs.FS, name string, opts Options) (*doc.Asset, error) {
	l := &loader{fsys: fsys, cache: map[string]cached{}, strict: true, opts: opts}
	a, err := l.load(name)
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Options bound what a picture may cost.
type Options struct {
	// MaxDecoded is the most memory, in bytes, a raster picture may take
	// decoded (width × height × bytes per pixel), read from its header
	// before anything is decoded; a larger picture is left out. Setting
	// names the setting that raises it, for messages.
	MaxDecoded int64
	Setting    string
	// AltText describes pictures by file (a path in the book folder), for
	// books whose text cannot give them a description; an empty Text
	// marks a picture as decorative.
	AltText map[string]AltText
	// Pictures holds what the build's outputs prepare from the pictures;
	// nil for none.
	Pictures *Cache
	// SiteStatic is the static folder of the site the book is part of
	// (Hugo's static/ beside content/, for a book of content/en), read
	// for a picture named from the site's root that neither the book
	// folder nor its own static/ holds; nil for none. SiteStaticPath
	// names it from the book folder ("../../static"): the pictures read
	// there are named by it, and so are the places a missing one was
	// looked for.
	SiteStatic     fs.FS
	SiteStaticPath string
	// PageFolders are folders of the book (slash paths) whose files a
	// site made from it serves beside every page: a relative picture not
	// beside its chapter is looked for in each, in order (a Carpentries
	// lesson's episodes/, whose fig/ its learners' pages name too).
	PageFolders []string
}

// AltText is a description given to a picture file outside the text, and
// where it is given, for messages.
type AltText struct {
	Text string
	Pos  doc.Pos
}

type cached struct {
	asset *doc.Asset
	err   error
}

type loader struct {
	fsys     fs.FS
	entry    string  // the file the images being resolved belong to
	where    doc.Pos // for messages: the picture's place
	block    doc.Pos // the entry's file and the line of the block being read
	context  string  // for messages about images in no file: "colophon: "
	cache    map[string]cached
	strict   bool // decoding problems are errors (LoadFile)
	opts     Options
	warnings []diag.Diagnostic
	errs     []error

	// svgChecked holds the SVG pictures whose drawing problems were
	// reported, so each is reported once.
	svgChecked map[*doc.Asset]bool
	// pagesChecked holds the TIFF pictures whose pages were counted.
	pagesChecked map[*doc.Asset]bool
	// jpegChecked holds the JPEG pictures checked for damage.
	jpegChecked map[*doc.Asset]bool
	// profilesChecked holds the pictures whose colour profile was read.
	profilesChecked map[*doc.Asset]bool
	// cleaned holds what cleaning removed from each SVG picture.
	cleaned map[*doc.Asset][]string
	// described holds the files of Options.AltText that a picture is.
	described map[string]bool
	// pictures holds the files the book's pictures are, found or not, to
	// suggest one for a description given to a file no picture is.
	pictures map[string]bool
}

func (l *loader) warn(code, format string, args ...any) {
	l.warnings = append(l.warnings, l.at(diag.Warning, code, fmt.Sprintf(format, args...)))
}

// at is a diagnostic at l.where, the picture's own place when the parser
// gave it one.
func (l *loader) at(severity diag.Severity, code, msg string) diag.Diagnostic {
	return diag.Diagnostic{Severity: severity, File: l.where.File, Line: l.where.Line, Column: l.where.Column, Code: code, Message: l.context + msg}
}

func (l *loader) blocks(bs []doc.Block) {
	doc.Walk(bs, doc.Visitor{
		Block: func(b doc.Block) bool {
			if p := b.Position(); p.File != "" {
				l.block = p
			} else {
				l.block.Line = p.Line
			}
			return true
		},
		Inline: l.visit,
	})
}

func (l *loader) inlines(ins []doc.Inline) {
	doc.WalkInlines(ins, doc.Visitor{Inline: l.visit})
}

func (l *loader) visit(in doc.Inline) bool {
	img, ok := in.(*doc.Image)
	if !ok {
		return true
	}
	l.where = img.Place(l.block)
	if img.Asset != nil {
		l.measureInline(img)
		l.checkDescription(img)
		return true
	}
	a, err := l.resolve(img.Src)
	switch {
	case errors.Is(err, errRemote):
		l.warn("image.remote", "remote image %q not fetched (a build reads no network): save it in the book folder and give its path; a placeholder stands in", img.Src)
	case errors.Is(err, errUndecodable), errors.Is(err, errTooLarge):
		l.warn(warningCode(err), "image %s: %v; a placeholder stands in", shownSrc(img.Src), err)
	case err != nil && errorCode(err) == "image.unreadable":
		// A file that is there and cannot be read (a folder, a pipe, one
		// too large) is refused.
		l.errs = append(l.errs, l.at(diag.Error, errorCode(err), fmt.Sprintf("image %s: %v", shownSrc(img.Src), err)))
	case err != nil:
		// A picture that is not there, or not where the book may read it,
		// or of a kind no format shows: the book is built all the same,
		// with a placeholder showing its description, so Markdown written
		// beside pictures kept elsewhere still builds; --strict makes it
		// an error.
		l.warn(errorCode(err), "image %s: %v; a placeholder stands in", shownSrc(img.Src), err)
	default:
		img.Asset = a
		l.checkSVGDrawing(a, img.Src)
		l.checkPages(a, img.Src)
		l.checkJPEGDamage(a, img.Src)
		l.checkProfile(a, img.Src)
	}
	l.checkDescription(img)
	return true
}

// shownSrc is a picture's source as messages quote it. A data: URL is
// the picture's bytes: its type names it well enough beside the line,
// and the whole would be a page of base64 (a notebook's plot).
func shownSrc(src string) string {
	if strings.HasPrefix(strings.ToLower(src), "data:") && len(src) > 64 {
		if semi := strings.IndexAny(src, ";,"); semi > 0 {
			return fmt.Sprintf("%q (%d bytes of data)", src[:semi], len(src))
		}
	}
	return fmt.Sprintf("%q", src)
}

// checkDescription gives a picture the description the manifest has for
// its file, and warns of a picture that has none: a reader who cannot see
// it learns nothing of it.
func (l *loader) checkDescription(img *doc.Image) {
	name := ""
	if img.Asset != nil {
		name = img.Asset.Path
	} else if p, err := l.bookPath(strings.TrimSpace(img.Src)); err == nil && !strings.Contains(img.Src, ":") {
		name = p
	}
	if name != "" {
		l.pictures[name] = true
	}
	if alt, ok := l.opts.AltText[name]; ok && name != "" {
		l.described[name] = true
		img.Alt, img.Decorative = alt.Text, alt.Text == ""
	}
	if img.Decorative || strings.TrimSpace(img.Alt) != "" {
		return
	}
	what := shownSrc(img.Src)
	if img.Src == "" {
		what = "in the text"
	}
	l.warn("image.alt", "picture %s has no description (alt text) for readers who cannot see it; write one, or give one under alt_text: in the manifest (\"\" if it only decorates)", what)
}

// checkPages warns, once per file, of a TIFF of several pages (a scanned
// letter or pamphlet): both outputs show its first page alone.
func (l *loader) checkPages(a *doc.Asset, src string) {
	if a.MediaType != TIFF || l.pagesChecked[a] {
		return
	}
	if l.pagesChecked == nil {
		l.pagesChecked = map[*doc.Asset]bool{}
	}
	l.pagesChecked[a] = true
	if n := TIFFPages(a.Data); n > 1 {
		others := "the other page is"
		if n > 2 {
			others = fmt.Sprintf("the other %d pages are", n-1)
		}
		l.warn("image.pages", "image %q: %s has %d pages; only the first is shown, %s left out (give each page as a picture of its own)", src, a.Path, n, others)
	}
}

// errorCode names the kind of a problem with a picture's file.
func errorCode(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "image.missing"
	case errors.Is(err, errPath):
		return "image.path"
	case errors.Is(err, errUnsupported):
		return "image.unsupported"
	}
	return "image.unreadable"
}

// measureInline cleans and measures an asset the parser made from markup.
func (l *loader) measureInline(img *doc.Image) {
	a := img.Asset
	notes, err := fill(a, l.opts)
	if err != nil {
		l.warn(warningCode(err), "inline image: %v; a placeholder stands in", err)
		img.Asset = nil
		return
	}
	l.noteCleaned(a, notes)
	l.checkSVGDrawing(a, "")
}

var (
	errRemote      = errors.New("remote image")
	errUndecodable = errors.New("cannot be decoded")
	// errPath marks a source that cannot name a file in the book folder.
	errPath = errors.New("not a path in the book folder")
)

// staticFolder is where a picture named from the site's root
// ("/img/logo.png") is looked for when the book folder's root has none.
const staticFolder = "static"

// publicFolder is VitePress's static folder, in the book folder (its
// srcDir), looked for after staticFolder.
const publicFolder = "public"

// errLeaves is a path that leads out of the book folder.
var errLeaves = pathError("path leaves the book folder")

// pathError is a source that cannot name a file in the book folder; its
// message says why.
type pathError string

func (e pathError) Error() string        { return string(e) }
func (e pathError) Is(target error) bool { return target == errPath }

// notFound is a missing file; it is fs.ErrNotExist to errors.Is.
type notFound string

func (e notFound) Error() string        { return "file " + string(e) + " not found" }
func (e notFound) Is(target error) bool { return target == fs.ErrNotExist }

// notFoundAtRoot is a picture named from the site's root found neither in
// the book folder nor in the static folders; the message names each, so a
// book whose site keeps static/ elsewhere learns where it was looked for.
type notFoundAtRoot struct {
	name   string
	static []string
}

func (e notFoundAtRoot) Error() string {
	return "file " + e.name + " not found, nor " + strings.Join(e.static, ", nor ")
}
func (e notFoundAtRoot) Is(target error) bool { return target == fs.ErrNotExist }

// resolve turns an image source into an asset, loading each file once.
func (l *loader) resolve(src string) (*doc.Asset, error) {
	src = strings.TrimSpace(src)
	if src == "" {
		return nil, pathError("empty image source")
	}
	if strings.HasPrefix(strings.ToLower(src), "data:") {
		return l.cachedLoad("data\x00"+src, func() (*doc.Asset, error) {
			a, notes, err := dataAsset(src, l.opts)
			l.noteCleaned(a, notes)
			return a, err
		})
	}
	if strings.HasPrefix(src, "//") {
		return nil, errRemote
	}
	u, err := url.Parse(src)
	if err == nil && u.Scheme != "" && len(u.Scheme) > 1 {
		switch strings.ToLower(u.Scheme) {
		case "http", "https", "ftp":
			return nil, errRemote
		}
		return nil, pathError(fmt.Sprintf("unsupported URL scheme %q: give a path relative to the chapter file", u.Scheme))
	}
	name, err := l.bookPath(src)
	var a *doc.Asset
	if err == nil {
		a, err = l.cachedLoad(name, func() (*doc.Asset, error) { return l.readAsset(name) })
	}
	if err != nil && errors.Is(err, fs.ErrNotExist) && strings.HasPrefix(filePart(src), "/") {
		// Docusaurus and Hugo serve their static/ folder at the site's
		// root: "/img/logo.png" is static/img/logo.png there.
		alt := path.Join(staticFolder, name)
		b, altErr := l.cachedLoad(alt, func() (*doc.Asset, error) { return l.readAsset(alt) })
		if errors.Is(altErr, fs.ErrNotExist) {
			// VitePress serves its srcDir's public/ there
			pub := path.Join(publicFolder, name)
			if c, pubErr := l.cachedLoad(pub, func() (*doc.Asset, error) { return l.readAsset(pub) }); pubErr == nil {
				return c, nil
			}
		}
		if errors.Is(altErr, fs.ErrNotExist) && l.opts.SiteStatic != nil {
			// A book of Hugo's content/en is below the site, whose
			// static/ is beside content/, outside the book folder.
			site := path.Join(l.opts.SiteStaticPath, name)
			b, err = l.cachedLoad(site, func() (*doc.Asset, error) { return l.read(l.opts.SiteStatic, name, site) })
			if errors.Is(err, fs.ErrNotExist) {
				err = notFoundAtRoot{name, []string{alt, site}}
			}
			return b, err
		}
		switch {
		case altErr == nil:
			return b, nil
		case errors.Is(altErr, fs.ErrNotExist):
			err = notFoundAtRoot{name, []string{alt}}
		}
	}
	if err != nil && (errors.Is(err, fs.ErrNotExist) || errors.Is(err, errLeaves)) {
		if alt, ok := l.pageFolderPath(src); ok && alt != name {
			// Only a picture read whole stands in: what is wrong with
			// another file there is no concern of this one's.
			if b, altErr := l.cachedLoad(alt, func() (*doc.Asset, error) { return l.readAsset(alt) }); altErr == nil {
				return b, nil
			}
		}
		if p := filePart(src); p != "" && !strings.HasPrefix(p, "/") && !isDrive(p) {
			for _, folder := range l.opts.PageFolders {
				alt := path.Join(folder, p)
				if alt == name || !fs.ValidPath(alt) || !strings.HasPrefix(alt, path.Clean(folder)+"/") {
					continue
				}
				if b, altErr := l.cachedLoad(alt, func() (*doc.Asset, error) { return l.readAsset(alt) }); altErr == nil {
					return b, nil
				}
			}
		}
	}
	return a, err
}

// pageFolderPath resolves a relative src as a website made from the book
// with a folder for each page (MkDocs' default) reads it in the page's raw
// HTML: from the chapter's folder URL, setup/social/ for setup/social.md.
// ok is false when that is the chapter's own folder (an index or README
// page) or the path is not a relative one inside the book.
func (l *loader) pageFolderPath(src string) (string, bool) {
	base := path.Base(l.entry)
	stem := strings.TrimSuffix(base, path.Ext(base))
	if l.entry == "" || strings.EqualFold(stem, "index") || strings.EqualFold(stem, "readme") {
		return "", false
	}
	p := filePart(src)
	if p == "" || strings.HasPrefix(p, "/") || isDrive(p) {
		return "", false
	}
	joined := path.Join(path.Dir(l.entry), stem, p)
	if joined == ".." || strings.HasPrefix(joined, "../") || !fs.ValidPath(joined) {
		return "", false
	}
	return joined, true
}

func (l *loader) cachedLoad(key string, load func() (*doc.Asset, error)) (*doc.Asset, error) {
	if c, ok := l.cache[key]; ok {
		return c.asset, c.err
	}
	a, err := load()
	l.cache[key] = cached{a, err}
	return a, err
}

// bookPath resolves src against the current entry's folder (or the book
// folder, for "/images/x.png") into a path inside the book folder.
func (l *loader) bookPath(src string) (string, error) {
	p := filePart(src)
	if p == "" {
		return "", pathError("empty image path")
	}
	if isDrive(p) {
		return "", pathError("absolute path; give a path relative to the chapter file")
	}
	// A leading slash means the book folder's root, as it does for links
	// between chapters (and on a website built from the same Markdown).
	joined := path.Join(path.Dir(l.entry), p)
	if strings.HasPrefix(p, "/") {
		joined = path.Clean(strings.TrimLeft(p, "/"))
	}
	if joined == ".." || strings.HasPrefix(joined, "../") {
		return "", errLeaves
	}
	if !fs.ValidPath(joined) {
		return "", pathError(fmt.Sprintf("invalid path %q", joined))
	}
	return joined, nil
}

// filePart is the file a picture's reference names: without a URL's query
// and fragment, which are not part of it, unescaped, with forward slashes.
func filePart(src string) string {
	p := src
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if unescaped, err := url.PathUnescape(p); err == nil {
		p = unescaped
	}
	return strings.ReplaceAll(p, `\`, "/")
}

// isDrive spots a Windows drive path ("C:/x.png", "C:"); "a:b.png" is a
// file name.
func isDrive(p string) bool {
	return len(p) >= 2 && p[1] == ':' && (len(p) == 2 || p[2] == '/')
}

func (l *loader) readAsset(name string) (*doc.Asset, error) { return l.read(l.fsys, name, name) }

// read reads the picture file of fsys, naming it name in the tree and in
// messages.
func (l *loader) read(fsys fs.FS, file, name string) (*doc.Asset, error) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, notFound(name)
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot read %s: %w", name, err)
	}
	sum := sha256.Sum256(data)
	a := &doc.Asset{Path: name, Data: data, Digest: hex.EncodeToString(sum[:])}
	notes, err := fill(a, l.opts)
	l.noteCleaned(a, notes)
	if err != nil {
		if errors.Is(err, errUnsupported) || errors.Is(err, errTooLarge) {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return nil, fmt.Errorf("%s %w: %v", name, errUndecodable, err)
	}
	return a, nil
}

// load is LoadFile's single-picture path.
func (l *loader) load(name string) (*doc.Asset, error) {
	a, err := l.resolve(name)
	switch {
	case errors.Is(err, errRemote):
		return nil, fmt.Errorf("image %q: remote images are not fetched; give a file in the book folder", name)
	case err != nil:
		return nil, fmt.Errorf("image %q: %w", name, err)
	}
	return a, nil
}

// dataAsset decodes a data: URL. Its asset is named by a digest of its
// bytes, so the same picture gets the same name in every build.
func dataAsset(src string, opts Options) (a *doc.Asset, notes []string, err error) {
	comma := strings.IndexByte(src, ',')
	if comma < 0 {
		return nil, nil, fmt.Errorf("data URL %w: no comma before the data", errUndecodable)
	}
	header, payload := src[len("data:"):comma], src[comma+1:]
	var data []byte
	if strings.HasSuffix(strings.ToLower(header), ";base64") {
		clean := strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
				return -1
			}
			return r
		}, payload)
		if unescaped, err := url.PathUnescape(clean); err == nil {
			clean = unescaped
		}
		data, err = base64.StdEncoding.DecodeString(clean)
		if err != nil {
			data, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(clean, "="))
		}
		if err != nil {
			return nil, nil, fmt.Errorf("data URL %w: bad base64: %v", errUndecodable, err)
		}
	} else {
		s, err := url.PathUnescape(payload)
		if err != nil {
			return nil, nil, fmt.Errorf("data URL %w: %v", errUndecodable, err)
		}
		data = []byte(s)
	}
	a = &doc.Asset{Data: data}
	if notes, err = fill(a, opts); err != nil {
		if errors.Is(err, errUnsupported) || errors.Is(err, errTooLarge) {
			return nil, nil, fmt.Errorf("data URL: %w", err)
		}
		return nil, nil, fmt.Errorf("data URL %w: %v", errUndecodable, err)
	}
	sum := sha256.Sum256(a.Data)
	a.Path = DataDir + "/" + hex.EncodeToString(sum[:8]) + extension(a.MediaType)
	return a, notes, nil
}

func extension(mediaType string) string {
	switch mediaType {
	case PNG:
		return ".png"
	case JPEG:
		return ".jpg"
	case GIF:
		return ".gif"
	case WebP:
		return ".webp"
	case SVG:
		return ".svg"
	case TIFF:
		return ".tif"
	case BMP:
		return ".bmp"
	}
	return ""
}

var errUnsupported = errors.New("unsupported image type")

// htmlLabels reports whether an SVG file holds HTML content, which is how
// draw.io and Mermaid write their labels; cleaning sets their text as SVG
// text, without the book's font metrics.
func htmlLabels(svg []byte) bool {
	return bytes.Contains(svg, []byte("foreignObject"))
}

// svgFonts reports whether an SVG file carries SVG <font> elements, as
// dvisvgm and LibreOffice write the fonts of their text: its labels were
// placed measured in them, and the EPUB's cleaned copy has none.
func svgFonts(svg []byte) bool {
	for rest := svg; ; {
		i := bytes.Index(rest, []byte("font"))
		if i < 0 {
			return false
		}
		before, after := byte(0), byte(0)
		if i > 0 {
			before = rest[i-1]
		}
		if i+4 < len(rest) {
			after = rest[i+4]
		}
		// <font …> or <svg:font …>, not <font-face> or a font-size
		if (before == '<' || before == ':') && strings.IndexByte(" \t\r\n>/", after) >= 0 && after != 0 {
			return true
		}
		rest = rest[i+4:]
	}
}

// fill sets the asset's media type from its bytes and its size in pixels;
// SVG data is replaced by its cleaned form, and notes say what cleaning
// removed that the picture may miss.
func fill(a *doc.Asset, opts Options) (notes []string, err error) {
	mt, what := Sniff(a.Data)
	if mt == "" {
		return nil, fmt.Errorf("%w (%s); use PNG, JPEG, GIF, WebP, TIFF, BMP or SVG", errUnsupported, what)
	}
	a.MediaType = mt
	if mt == SVG {
		clean, w, h, notes, sized, err := cleanSVG(a.Data, opts)
		if err != nil {
			return nil, err
		}
		a.Unsized = !sized
		if htmlLabels(a.Data) || svgFonts(a.Data) {
			// The PDF sets an HTML label's text (internal/svg) with
			// its own fonts, and measures text in the SVG fonts the
			// picture carries, from the file as read: cleaning removes
			// both.
			a.Drawing = a.Data
		}
		a.Data = clean
		a.Width, a.Height = int(w+0.5), int(h+0.5)
		a.DrawnWidth, a.DrawnHeight = w, h
		return notes, nil
	}
	cfg, err := headerConfig(mt, a.Data)
	if err != nil {
		return nil, cutShort(mt, a.Data, err, "")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, errors.New("image has no pixels")
	}
	if err := damaged(mt, a.Data); err != nil {
		return nil, cutShort(mt, a.Data, err, "")
	}
	// The size the picture is shown at, which every output sizes it by:
	// a phone's portrait photograph is stored as landscape pixels.
	if o := Orientation(mt, a.Data); o != 1 {
		a.Orientation = o
		cfg.Width, cfg.Height = Shown(cfg.Width, cfg.Height, o)
	}
	if n := DecodedSize(cfg); n > opts.MaxDecoded {
		return nil, tooLarge{cfg: cfg, size: n, opts: opts}
	}
	a.Width, a.Height = cfg.Width, cfg.Height
	return nil, nil
}

// damaged finds, without decoding the pixels, a raster picture the
// decoders would refuse because its file is cut short or its structure
// broken: a PNG whose chunks do not all come whole, their checksums right,
// up to IEND (image/png checks every one); a JPEG whose segments run past
// its end or with no end-of-image marker after its scan; a WebP shorter
// than its RIFF header says; a GIF that ends inside a block. Found when
// the book is read, such a picture is left out of every output with one
// warning, where the EPUB packaged it as it was (a reading system shows a
// broken image) and only the PDF, decoding it, drew a placeholder. Damage
// inside the compressed pixels is left to the decoders.
func damaged(mediaType string, data []byte) error {
	switch mediaType {
	case PNG:
		for at := 8; ; {
			if len(data)-at < 12 {
				return io.ErrUnexpectedEOF
			}
			n := binary.BigEndian.Uint32(data[at:])
			if n > 0x7fffffff || int(n) > len(data)-at-12 {
				return io.ErrUnexpectedEOF
			}
			end := at + 8 + int(n)
			if crc32.ChecksumIEEE(data[at+4:end]) != binary.BigEndian.Uint32(data[end:]) {
				return fmt.Errorf("png: invalid format: invalid checksum of chunk %q", data[at+4:at+8])
			}
			if string(data[at+4:at+8]) == "IEND" {
				return nil
			}
			at = end + 4
		}
	case JPEG:
		for at := 2; ; {
			if at+4 > len(data) {
				return io.ErrUnexpectedEOF
			}
			if data[at] != 0xff {
				return nil // left to image/jpeg, which names what is wrong
			}
			marker := data[at+1]
			switch {
			case marker == 0xff:
				at++ // fill byte
				continue
			case marker == 0x01 || marker >= 0xd0 && marker <= 0xd7:
				at += 2 // no length
				continue
			case marker == 0xda:
				// An embedded thumbnail's end-of-image marker comes
				// before the scan; the picture's own after it.
				if !bytes.Contains(data[at:], []byte{0xff, 0xd9}) {
					return io.ErrUnexpectedEOF
				}
				return nil
			}
			at += 2 + (int(data[at+2])<<8 | int(data[at+3]))
		}
	case WebP:
		if len(data) >= 8 && int64(binary.LittleEndian.Uint32(data[4:]))+8 > int64(len(data)) {
			return io.ErrUnexpectedEOF
		}
	case GIF:
		// one that ends after a whole block with no trailer is taken, as
		// browsers show it (some encoders leave the trailer out)
		if _, _, end := gifBlocks(data); end == gifCut {
			return io.ErrUnexpectedEOF
		}
	}
	return nil
}

// errTooLarge marks a picture that would take more memory decoded than
// Options.MaxDecoded allows.
var errTooLarge = errors.New("picture too large")

type tooLarge struct {
	cfg  image.Config
	size int64
	opts Options
}

func (e tooLarge) Error() string {
	return fmt.Sprintf("%d × %d pixels would take %s decoded, more than %s allows (%s)",
		e.cfg.Width, e.cfg.Height, infile.Size(e.size), e.opts.Setting, infile.Size(e.opts.MaxDecoded))
}

func (tooLarge) Is(target error) bool { return target == errTooLarge }

// warningCode names a problem that leaves a picture out.
func warningCode(err error) string {
	if errors.Is(err, errTooLarge) {
		return "image.too-large"
	}
	return "image.undecodable"
}

// DecodedSize is how many bytes a raster picture with the header cfg takes
// decoded by Go's decoders: its pixels times the bytes of each in the
// colour model they decode to (a JPEG's chroma counted in full).
func DecodedSize(cfg image.Config) int64 {
	per := int64(4)
	if _, ok := cfg.ColorModel.(color.Palette); ok {
		per = 1
	} else {
		switch cfg.ColorModel {
		case color.GrayModel, color.AlphaModel:
			per = 1
		case color.Gray16Model, color.Alpha16Model:
			per = 2
		case color.YCbCrModel, color.NYCbCrAModel:
			per = 3
		case color.RGBA64Model, color.NRGBA64Model:
			per = 8
		}
	}
	return int64(cfg.Width) * int64(cfg.Height) * per
}

// Sniff recognises a picture's media type from its first bytes. For data it
// does not accept it returns "" and a short description for messages.
func Sniff(data []byte) (mediaType, description string) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, "PNG"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG, "JPEG"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return GIF, "GIF"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return WebP, "WebP"
	case looksLikeSVG(data):
		return SVG, "SVG"
	case bytes.HasPrefix(data, []byte("BM")):
		return BMP, "BMP"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return TIFF, "TIFF"
	case bytes.HasPrefix(data, []byte("II+\x00")), bytes.HasPrefix(data, []byte("MM\x00+")):
		return "", "BigTIFF"
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "", "PDF"
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		return "", "HEIF/AVIF"
	case len(data) == 0:
		return "", "empty file"
	}
	return "", "unknown format"
}

// looksLikeSVG skips a byte order mark, white space, the XML declaration,
// comments and a DOCTYPE, and checks that the first element is svg.
func looksLikeSVG(data []byte) bool {
	s := data
	if len(s) > 4096 {
		s = s[:4096]
	}
	s = bytes.TrimPrefix(s, []byte("\ufeff"))
	for {
		s = bytes.TrimLeft(s, " \t\r\n")
		switch {
		case bytes.HasPrefix(s, []byte("<?")):
			i := bytes.Index(s, []byte("?>"))
			if i < 0 {
				return false
			}
			s = s[i+2:]
		case bytes.HasPrefix(s, []byte("<!--")):
			i := bytes.Index(s, []byte("-->"))
			if i < 0 {
				return false
			}
			s = s[i+3:]
		case bytes.HasPrefix(s, []byte("<!")):
			// A DOCTYPE, possibly with an internal subset in brackets.
			depth := 0
			i := 2
			for ; i < len(s); i++ {
				if s[i] == '[' {
					depth++
				} else if s[i] == ']' {
					depth--
				} else if s[i] == '>' && depth <= 0 {
					break
				}
			}
			if i >= len(s) {
				return false
			}
			s = s[i+1:]
		case bytes.HasPrefix(s, []byte("<")):
			name := s[1:]
			end := bytes.IndexAny(name, " \t\r\n/>")
			if end < 0 {
				return false
			}
			name = name[:end]
			if i := bytes.IndexByte(name, ':'); i >= 0 {
				name = name[i+1:]
			}
			return string(name) == "svg"
		default:
			return false
		}
	}
}
