// Package pdf paints a laid-out book (layout.Document) into a print-ready
// PDF with gofpdf: embedded, subset fonts with a Unicode map so the text can
// be searched and copied, the print boxes (media, bleed, trim) and crop
// marks, pictures, links, bookmarks, page labels and metadata. The layout
// decides where everything goes; this package only draws.
//
// Everything gofpdf has an API for is done through it. What it cannot do
// (page labels, the document language, bytes that do not depend on map
// order, a file identifier) or does slowly (the pages' text, the embedded
// fonts) is done by content.go, fontobjects.go and finish.go on the
// objects of gofpdf's file, read and written again by package pdffile.
package pdf

import (
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/svg"
)

// Options tune the output.
type Options struct {
	// Compress deflates page contents and embedded streams. DefaultOptions
	// turns it on; tests turn it off to read the content streams.
	Compress bool
	// ReleaseItems lets Write drop each page's items once the page is
	// painted, so that a long book's items need not be held beside the
	// file being written. The pages keep their labels and anchors, but d
	// cannot be painted again.
	ReleaseItems bool
	// MaxDecoded is the most memory, in bytes, a raster picture may take
	// decoded (see media.DecodedSize); a larger one is drawn as a
	// placeholder. 0 allows DefaultMaxDecoded. The pictures of a book were
	// checked when it was loaded; this bounds those inside SVG drawings.
	MaxDecoded int64
	// ImageDPI is the resolution raster pictures are embedded at: one with
	// more pixels than its placed size needs at it is reduced. 0 keeps
	// every picture's pixels.
	ImageDPI float64
	// Pictures holds the pictures prepared for other editions built with
	// this one; nil prepares them all here.
	Pictures *media.Cache
	// PictureStore keeps reduced pictures between builds; nil keeps none.
	PictureStore media.Store
	// Tagged writes a tagged PDF: the document's structure (see
	// tagged.go), when the layout gives one.
	Tagged bool
}

// DefaultMaxDecoded is the default of limits.image_memory.
const DefaultMaxDecoded = media.DefaultMaxDecoded

// DefaultOptions are the options of a normal build.
func DefaultOptions() Options { return Options{Compress: true, ImageDPI: 300, Tagged: true} }

// Write paints d into w. Problems that do not stop the build (a picture
// that cannot be decoded, a link to an unknown anchor, a character no PDF
// font encoding can carry) are returned as warnings, each naming the source
// file (and line where the layout knows it) and the page; the error is for
// a document that cannot be written at all.
func Write(w io.Writer, d *layout.Document, meta doc.Meta, faces *fonts.Set, opts Options) (warnings []diag.Diagnostic, err error) {
	if d == nil {
		return nil, errors.New("pdf: no document")
	}
	if faces == nil {
		return nil, errors.New("pdf: no fonts")
	}
	g := d.Geometry
	if !(g.MediaWidth > 0 && g.MediaHeight > 0) || math.IsInf(g.MediaWidth, 0) || math.IsInf(g.MediaHeight, 0) {
		return nil, fmt.Errorf("pdf: media size %g x %g pt is not a page", g.MediaWidth, g.MediaHeight)
	}
	p := newPainter(d, faces, opts)
	p.language = meta.Language // for the SVG pictures' systemLanguage
	defer p.streams.wait()
	// no picture is still being made once Write returns, even on an error
	defer p.preparing.Wait()
	p.describe(printableMeta(meta))
	if err := p.paint(); err != nil {
		return p.warnings, err
	}
	var raw borrowed
	if err := p.f.Output(&raw); err != nil {
		return p.warnings, fmt.Errorf("pdf: gofpdf: %w", err)
	}
	// gofpdf holds its whole file, which raw holds now, and the content of
	// the pages it drew; let the rest go while the file is finished.
	p.f = nil
	notUA, err := finish(w, raw.b, p.finishing(meta))
	if err != nil {
		return p.warnings, fmt.Errorf("pdf: finishing: %w", err)
	}
	if len(notUA) > 0 {
		p.warn(-1, doc.Pos{}, "pdf.ua", "the PDF is tagged but not declared PDF/UA-1, as ISO 14289-1 asks otherwise: %s", strings.Join(notUA, "; "))
	}
	return p.warnings, nil
}

// borrowed takes the file gofpdf's Output writes without copying it: gofpdf
// 1.16.2 builds the whole file in a buffer, writes it with one call
// (bytes.Buffer.WriteTo) and never touches that buffer again; the painter
// lets gofpdf go once Output returns (TestGofpdfWritesOnce). Copying would
// hold the file twice while it is finished. Were the file written in
// parts, each part would be copied.
type borrowed struct {
	b     []byte
	calls int
}

func (r *borrowed) Write(p []byte) (int, error) {
	r.calls++
	if r.calls == 1 {
		r.b = p
		return len(p), nil
	}
	// the borrowed part may have been reused for this one: none is kept
	return 0, errors.New("gofpdf wrote its file in parts")
}

// painter holds the state of one Write.
type painter struct {
	d     *layout.Document
	faces *fonts.Set
	opts  Options
	f     *gofpdf.Fpdf
	// standard: the standard fonts' widths SVG labels are fitted to.
	standard standardWidths

	// fonts maps each face to its embedded font; faces that share a font
	// share it, so the font is embedded once.
	fonts    map[fonts.Face]*embedded
	families []*embedded
	// drawn are the characters each face draws, gathered before painting:
	// a face embedded as a font written for its glyphs needs them all
	// before its first use.
	drawn map[fonts.Face]map[rune]bool

	// current graphics state, to avoid writing operators that change nothing
	curFamily string
	curSize   float64
	curFill   int // gray 0..255, an RGB colour's rgbKey, -1 unknown
	curDraw   int
	curLine   float64

	// buf is the current page's content as the painter writes it (see
	// content.go); handedOver says gofpdf draws on the page, and holds its
	// content. inText says a text object is open, textX and textY are the
	// position of its last run in hundredths of a point.
	buf          []byte
	handedOver   bool
	streams      *pageStreams
	inText       bool
	textX, textY int64

	// jobs are the pictures to paint, by asset; preparing counts the
	// background work preparing them (prepareImages).
	jobs      map[*doc.Asset]*pictureJob
	preparing sync.WaitGroup
	masks     map[[32]byte]softMask // by the digest of the image data they belong to
	// opaque holds the digests of the image data of opaque PNG rasters,
	// which a picture with transparency must not share.
	opaque map[[32]byte]bool
	// profiles are the ICC profiles of raster images, by the digest of
	// their image data (icc.go).
	profiles map[[32]byte]media.Profile
	// groups are the templates of SVG groups composited at an opacity
	// (svgdraw.go's composite), by gofpdf's ID, and groupAlphas the
	// opacities their content sets, which finish makes transparency
	// groups and graphics states.
	groups      []string
	groupAlphas map[float64]bool
	// groupBlends are the blend modes set inside them (svgdraw.go's
	// blend).
	groupBlends map[string]bool
	// language is the book's, which SVG pictures' systemLanguage
	// attributes are matched against.
	language string
	// svgMasks are the masks SVG pictures set (svgdraw.go's maskState),
	// numbered in the order drawn, which finish writes as graphics
	// states with soft masks.
	svgMasks     []svgMask
	svgMaskIndex map[svgMask]int
	// svgShadings are the shadings SVG pictures name themselves (see
	// svgdraw.go's shading), numbered in the order drawn, and ramps the
	// gradients' functions of those that have one.
	svgShadings map[shading]int
	ramps       []ramp
	workers     int   // pictures prepared at once: one per core
	cores       cores // shared by pictures and pages painted ahead (prepaint.go)
	// aheadWorkers paint pages ahead of the painter (prepaint.go): one
	// per core; with none, the painter paints every page in turn.
	aheadWorkers int
	anchors      map[string]int // anchor name -> gofpdf link id
	uris         uriLinks

	warned   map[diag.Diagnostic]bool
	warnings []diag.Diagnostic
	// ownUsed, for a painter painting pages ahead (prepaint.go), holds
	// the codes it draws with each font, which the painter adds to the
	// fonts' once every page is painted; nil: the codes are marked in the
	// fonts themselves.
	ownUsed map[*embedded]*[0x10000]bool
	// pageFiles names the source file each page shows, for messages.
	pageFiles []string
	// tags records the marked content and links of a tagged PDF; nil
	// when it is not tagged. marking says a marked-content sequence is
	// open, of markElem (nil: an artifact).
	// markInText says the sequence began inside the open text object,
	// whose "BT" is at btPos in buf.
	tags       *tagging
	marking    bool
	markElem   *layout.Elem
	markInText bool
	btPos      int
	// next is the text item after the one being painted, if it is one.
	next *layout.Text
	// info is the document information describe wrote.
	info docInfo
	// wordTail is the text the run being painted reads as, when it
	// begins with the end of a word hyphenated on the line before (see
	// wholeWord), and tailOf that run.
	wordTail string
	tailOf   *layout.Text
}

// embedded is one font embedded in the document.
type embedded struct {
	family string // its name in the content, "face0"…
	face   fonts.Face
	emb    *fonts.Embedding
	prog   *fontProgram
	used   [0x10000]bool // character codes drawn with it
}

func newPainter(d *layout.Document, faces *fonts.Set, opts Options) *painter {
	f := gofpdf.NewCustom(&gofpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           gofpdf.SizeType{Wd: d.Geometry.MediaWidth, Ht: d.Geometry.MediaHeight},
	})
	// The painter compresses the pages it writes, finish() the rest of the
	// streams, with one reused compressor: gofpdf allocates a new one for
	// every page, which on a 600-page book allocates six times the memory
	// and takes twice the time.
	f.SetCompression(false)
	// Sorted resources make most of gofpdf's output reproducible; finish()
	// settles the rest.
	f.SetCatalogSort(true)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	var tags *tagging
	if opts.Tagged && d.Structure != nil {
		tags = newTagging(d)
	}
	return &painter{
		d: d, faces: faces, opts: opts, f: f, tags: tags,
		fonts:        map[fonts.Face]*embedded{},
		jobs:         map[*doc.Asset]*pictureJob{},
		masks:        map[[32]byte]softMask{},
		opaque:       map[[32]byte]bool{},
		workers:      runtime.GOMAXPROCS(0),
		cores:        newCores(runtime.GOMAXPROCS(0)),
		aheadWorkers: runtime.GOMAXPROCS(0),
		anchors:      map[string]int{},
		warned:       map[diag.Diagnostic]bool{},
		pageFiles:    pageFiles(d),
		streams:      newPageStreams(max(len(d.Pages), 1), opts.Compress),
		curFill:      -1, curDraw: -1, curLine: -1,
	}
}

// warn records a problem on page (0-based; -1 for none) at pos, or, when
// pos names no file, in the file the page shows. The message starts with
// the page number, which is where a reader of the PDF finds the problem.
func (p *painter) warn(page int, pos doc.Pos, code, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if page >= 0 {
		msg = fmt.Sprintf("page %d: %s", page+1, msg)
		if pos.File == "" && page < len(p.pageFiles) {
			pos = doc.Pos{File: p.pageFiles[page]}
		}
	}
	d := diag.Warnf(pos.File, pos.Line, code, "%s", msg)
	d.Column = pos.Column
	if !p.warned[d] {
		p.warned[d] = true
		p.warnings = append(p.warnings, d)
	}
}

// pageFiles finds, through the page map, the entry file each page begins
// in; a page the map does not name continues the page before it.
func pageFiles(d *layout.Document) []string {
	byLabel := map[string]string{}
	for _, b := range d.PageMap.Breaks {
		if b.Entry != nil {
			if _, ok := byLabel[b.Label]; !ok {
				byLabel[b.Label] = b.Entry.File
			}
		}
	}
	out := make([]string, len(d.Pages))
	prev := ""
	for i, pg := range d.Pages {
		if pg != nil {
			if f, ok := byLabel[pg.Label]; ok {
				prev = f
			}
		}
		out[i] = prev
	}
	return out
}

// printableMeta drops control characters from the metadata, which a PDF
// text string could carry but no viewer shows sensibly (and which would
// let metadata forge line breaks in tools that print the info dictionary).
func printableMeta(m doc.Meta) doc.Meta {
	m.Title = printable(m.Title)
	m.Subtitle = printable(m.Subtitle)
	m.Description = printable(m.Description)
	m.Generator = printable(m.Generator)
	m.Date = printable(m.Date)
	m.Creators = slices.Clone(m.Creators)
	for i := range m.Creators {
		m.Creators[i].Name = printable(m.Creators[i].Name)
		m.Creators[i].Role = printable(m.Creators[i].Role)
	}
	m.Keywords = printableAll(m.Keywords)
	m.Subjects = printableAll(m.Subjects)
	return m
}

func printableAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = printable(s)
	}
	return out
}

// printable replaces each run of C0 and C1 control characters (line breaks
// and tabs included) with one space.
func printable(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsControl(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// gofpdfErr reports gofpdf's accumulated error, if any.
func (p *painter) gofpdfErr(doing string) error {
	if p.f.Err() {
		return fmt.Errorf("pdf: %s: %w", doing, p.f.Error())
	}
	return nil
}

func (p *painter) paint() error {
	g := p.d.Geometry
	// Page boxes set before the first page apply to every page. gofpdf
	// takes them bottom-up, as PDF does.
	box := func(kind string, r layout.Rect) {
		p.f.SetPageBox(kind, r.X, g.MediaHeight-r.Y-r.H, r.W, r.H)
	}
	if validRect(g.Trim) {
		box("trim", g.Trim)
		bleed := g.Bleed
		if !validRect(bleed) {
			bleed = g.Trim
		}
		box("bleed", bleed)
	}
	if err := p.gofpdfErr("page boxes"); err != nil {
		return err
	}

	p.prepareImages()
	p.collectAnchors()
	p.gatherCharacters()
	ahead := p.prepaint()
	defer ahead.wait()

	for i, page := range p.d.Pages {
		p.f.AddPage()
		if ahead.painted(i) {
			p.takePrepainted(ahead, i, page)
			if err := p.gofpdfErr(fmt.Sprintf("page %d", i+1)); err != nil {
				return err
			}
			continue
		}
		p.startPage()
		if page != nil {
			for k, it := range page.Items {
				p.next = nextText(page.Items, k)
				p.item(i, it)
			}
			if p.opts.ReleaseItems {
				page.Items = nil
			}
		}
		p.endText()
		if g.CropMarks {
			p.mark(i, nil)
			p.cropMarks()
		}
		p.endMark()
		p.endPage(i)
		if err := p.gofpdfErr(fmt.Sprintf("page %d", i+1)); err != nil {
			return err
		}
	}
	if len(p.d.Pages) == 0 {
		p.f.AddPage()
	}
	ahead.wait()
	if err := p.outline(); err != nil {
		return err
	}
	return p.gofpdfErr("closing")
}

func validRect(r layout.Rect) bool {
	return r.W > 0 && r.H > 0 && !math.IsInf(r.W, 0) && !math.IsInf(r.H, 0) && !math.IsNaN(r.X) && !math.IsNaN(r.Y)
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

func (p *painter) item(page int, it layout.Item) {
	switch it.(type) {
	case *layout.Link, *layout.Text:
		// a link is no content, and a run is marked as it is placed
	default:
		p.mark(page, itemElem(it))
	}
	switch it := it.(type) {
	case *layout.Text:
		p.text(page, it)
	case *layout.Rule:
		p.rule(it)
	case *layout.Box:
		p.box(it)
	case *layout.Picture:
		p.picture(page, it)
	case *layout.Link:
		p.link(page, it)
	}
}

// gatherCharacters lists the characters each face draws: the text, and
// the descriptions of pictures that may be drawn as placeholders.
func (p *painter) gatherCharacters() {
	p.drawn = map[fonts.Face]map[rune]bool{}
	add := func(f fonts.Face, s string) {
		m := p.drawn[f]
		if m == nil {
			m = map[rune]bool{}
			p.drawn[f] = m
		}
		for _, r := range s {
			if r >= 0x20 && r != 0x7f {
				m[r] = true
			}
		}
	}
	for _, page := range p.d.Pages {
		if page == nil {
			continue
		}
		for _, it := range page.Items {
			switch it := it.(type) {
			case *layout.Text:
				add(it.Face, it.Text)
				if p.tags != nil {
					add(it.Face, " ") // see spaceAfter
				}
			case *layout.Picture:
				src := ""
				if it.Asset != nil {
					src = it.Asset.Path
				}
				add(placeholderFace, it.Alt+src+"picture…")
				if j := p.jobs[it.Asset]; j != nil && j.svg != nil {
					svgTexts(j.svg.Items, p.faces, add)
				}
			}
		}
	}
}

// svgTexts lists the labels of an SVG drawing with the faces that set
// them: the label's own, and the fallback or mono faces that stand in for
// characters it lacks (svgSegments).
func svgTexts(items []svg.Item, faces *fonts.Set, add func(fonts.Face, string)) {
	for _, it := range items {
		switch it := it.(type) {
		case *svg.Text:
			for _, sg := range svgSegments(faces, svgFace(it.Font), it.Text) {
				add(sg.face, sg.text)
			}
		case *svg.Group:
			if it.Mask != nil {
				svgTexts(it.Mask.Items, faces, add)
			}
			svgTexts(it.Items, faces, add)
		}
	}
}

// family returns the embedded font of face, made on first use so only the
// faces the book uses are embedded.
func (p *painter) family(face fonts.Face) (*embedded, error) {
	if e, ok := p.fonts[face]; ok {
		return e, nil
	}
	if !p.faces.Known(face) {
		return nil, fmt.Errorf("unknown face %s", face)
	}
	for _, e := range p.families {
		if p.faces.Same(e.face, face) {
			p.fonts[face] = e
			return e, nil
		}
	}
	// Faces that share the font draw from one embedding.
	var runes []rune
	seen := map[rune]bool{}
	for f, drawn := range p.drawn {
		if !p.faces.Same(f, face) {
			continue
		}
		for r := range drawn {
			if !seen[r] {
				seen[r] = true
				runes = append(runes, r)
			}
		}
	}
	emb, err := p.faces.Embedding(face, runes)
	if err != nil {
		return nil, fmt.Errorf("font for %s (%s): %w", face, p.faces.Describe(face).Name, err)
	}
	prog, err := programOf(emb)
	if err != nil {
		return nil, fmt.Errorf("font for %s (%s): %w", face, p.faces.Describe(face).Name, err)
	}
	e := &embedded{family: fmt.Sprintf("face%d", len(p.families)), face: face, emb: emb, prog: prog}
	p.families = append(p.families, e)
	p.fonts[face] = e
	return e, nil
}

// setFont sets the font, named by its family (see content.go), at size
// rounded to hundredths of a point.
func (p *painter) setFont(e *embedded, size float64) {
	if e.family != p.curFamily || size != p.curSize {
		p.endText()
		b := append(p.buf, '/')
		b = append(b, e.family...)
		b = append(b, ' ')
		b = appendReal(b, size, 2)
		p.buf = append(b, " Tf\n"...)
		p.curFamily, p.curSize = e.family, size
	}
}

func grayLevel(g float64) int {
	if !(g > 0) {
		return 0
	}
	if g >= 1 {
		return 255
	}
	return int(math.Round(g * 255))
}

// setFill sets the fill colour, which is also the text colour.
func (p *painter) setFill(gray int) {
	if gray != p.curFill {
		p.endText()
		p.buf = appendColor(p.buf, gray, gray, gray, "g", "rg")
		p.curFill = gray
	}
}

// setFillColor sets an RGB fill (and text) colour, or the gray when c is
// nil.
func (p *painter) setFillColor(c *layout.Color, gray float64) {
	if c == nil {
		p.setFill(grayLevel(gray))
		return
	}
	r, g, b := grayLevel(c.R), grayLevel(c.G), grayLevel(c.B)
	// 256 and up: no gray has the key
	if key := 256 + r<<16 | g<<8 | b; key != p.curFill {
		p.endText()
		p.buf = appendColor(p.buf, r, g, b, "g", "rg")
		p.curFill = key
	}
}

func (p *painter) setDraw(gray int, width float64) {
	p.endText()
	if gray != p.curDraw {
		p.buf = appendColor(p.buf, gray, gray, gray, "G", "RG")
		p.curDraw = gray
	}
	if width != p.curLine {
		p.buf = append(appendReal(p.buf, width, 2), " w\n"...)
		p.curLine = width
	}
}

func (p *painter) text(page int, t *layout.Text) {
	if !drawable(t) {
		return
	}
	e, err := p.family(t.Face)
	if err != nil {
		p.warn(page, doc.Pos{}, "pdf.text", "text %q not drawn: %v", clip(t.Text), err)
		return
	}
	s := p.encodable(page, t.Text, e)
	if s == "" {
		return
	}
	p.noteMissing(page, t)
	p.setFont(e, t.Size)
	p.setFillColor(t.Color(), t.Gray)
	if t.Angle() != 0 {
		p.turnedText(page, t, s, e)
		return
	}
	// The text operators are written directly: gofpdf's Text formats with
	// fmt and converts and escapes the string on every call, which made it
	// the slowest part of painting a book.
	// Runs in a row share one text object, each placed by a move relative
	// to the one before, counted in hundredths of a point so the moves add
	// up exactly to the layout's positions.
	x, y := hundredths(t.X), hundredths(p.d.Geometry.MediaHeight-t.Y)
	p.markText(page, t.Elem)
	b := p.buf
	if !p.inText {
		p.btPos = len(b)
		b = append(b, "BT "...)
		b = appendFixed(b, x)
		b = append(b, ' ')
		b = appendFixed(b, y)
		p.inText = true
	} else {
		b = append(b, ' ')
		b = appendFixed(b, x-p.textX)
		b = append(b, ' ')
		b = appendFixed(b, y-p.textY)
	}
	p.textX, p.textY = x, y
	b = append(b, " Td"...)
	if t.Hidden() {
		// invisible (rendering mode 3), for copying only, scaled to the
		// width it stands for so that readers keep it in its place
		b = append(b, " 3 Tr"...)
		// In a tagged PDF, a run its face lacks a character of (a colour
		// emoji's, drawn as a picture) is shown as a space read as the
		// run, since PDF/UA forbids showing a font's missing glyph.
		shown, shownS, read := t, s, p.readAsSpace(page, t, e)
		if read != "" {
			shown = &layout.Text{Face: t.Face, Size: t.Size, Text: " "}
			shownS = p.encodable(page, " ", e)
		}
		scale := 100.0
		if natural := p.naturalWidth(shown); natural > 0 && t.Extra.Width > 0 {
			scale = 100 * t.Extra.Width / natural
			b = append(b, ' ')
			b = strconv.AppendFloat(b, scale, 'f', 2, 64)
			b = append(b, " Tz"...)
		}
		show := func(b []byte) []byte { return p.appendShow(b, page, shown, shownS, e) }
		switch {
		case read != "" && p.marking && p.markElem != nil:
			p.buf = b
			p.showRead(page, read, show)
			b = p.buf
		case read != "":
			b = append(show(appendActualText(b, read)), " EMC"...)
		default:
			b = show(b)
		}
		if scale != 100 {
			b = append(b, " 100 Tz"...)
		}
		p.buf = append(b, " 0 Tr"...)
		return
	}
	actual, read := p.wholeWord(t)
	switch {
	case read && p.marking && p.markElem != nil:
		p.buf = b
		p.showRead(page, actual, func(b []byte) []byte { return p.appendShow(b, page, t, s, e) })
		if p.spaceAfter(t, p.next) {
			p.markText(page, t.Elem)
		}
		b = p.buf
	case read:
		b = appendActualText(b, actual)
		b = append(p.appendShow(b, page, t, s, e), " EMC"...)
	default:
		b = p.appendShow(b, page, t, s, e)
	}
	if p.spaceAfter(t, p.next) {
		b = p.appendSpace(b, page, e)
	}
	p.buf = b
	p.drawMarks(page, t)
}

// appendActualText begins a span of marked content read as text.
func appendActualText(b []byte, text string) []byte {
	b = append(b, " /Span << /ActualText <FEFF"...)
	for _, u := range utf16.Encode([]rune(text)) {
		b = fmt.Appendf(b, "%04X", u)
	}
	return append(b, "> >> BDC"...)
}

// naturalWidth is run t's width in points as the PDF's font sets it: a
// character the face lacks is its .notdef, which the font's widths leave
// out, so it takes the default width, 1 em.
func (p *painter) naturalWidth(t *layout.Text) float64 {
	if p.faces == nil {
		return 0
	}
	w := 0.0
	for _, r := range t.Text {
		if p.faces.HasGlyph(t.Face, r) {
			w += p.faces.Advance(t.Face, r) * t.Size
		} else {
			w += t.Size
		}
	}
	return w
}

// turnedText draws a run turned about its origin, in a text object of its
// own placed by a text matrix.
func (p *painter) turnedText(page int, t *layout.Text, s string, e *embedded) {
	p.endText()
	p.mark(page, t.Elem)
	rad := t.Angle() * math.Pi / 180
	cos, sin := math.Cos(rad), math.Sin(rad)
	b := append(p.buf, "BT "...)
	for _, v := range []float64{cos, sin, -sin, cos} {
		b = strconv.AppendFloat(b, v, 'f', 5, 64)
		b = append(b, ' ')
	}
	b = appendFixed(b, hundredths(t.X))
	b = append(b, ' ')
	b = appendFixed(b, hundredths(p.d.Geometry.MediaHeight-t.Y))
	b = append(b, " Tm"...)
	p.buf = append(p.appendShow(b, page, t, s, e), " ET\n"...)
}

// appendShow writes the operator showing run t, whose text s is encodable
// in e: one string, or for a kerned run one TJ array of the strings
// between kerns, each kern as the adjustment between them, in thousandths
// of the font size, positive to the left.
func (p *painter) appendShow(b []byte, page int, t *layout.Text, s string, e *embedded) []byte {
	if len(t.Actual()) > 0 || len(t.Marks()) > 0 {
		return p.appendShowMarked(b, page, t, e)
	}
	if len(t.Kerns) == 0 {
		b = append(b, " <"...)
		b = appendCodes(b, s, e)
		return append(b, "> Tj"...)
	}
	b = append(b, " [<"...)
	from := 0
	for _, k := range t.Kerns {
		if k.At <= from || k.At >= len(t.Text) || !finite(k.Dx) {
			continue
		}
		b = appendCodes(b, p.encodable(page, t.Text[from:k.At], e), e)
		b = append(b, "> "...)
		b = appendFixed(b, hundredths(-k.Dx/t.Size*1000))
		b = append(b, " <"...)
		from = k.At
	}
	b = appendCodes(b, p.encodable(page, t.Text[from:], e), e)
	return append(b, ">] TJ"...)
}

// appendShowMarked shows a run with characters drawn for others or drawn
// elsewhere: each character drawn for another is marked content whose
// ActualText is what it stands for (a mirrored bracket copies as the
// bracket written), each mark drawn elsewhere (drawMarks) is shown
// invisible (text rendering mode 3) where it stands, and the rest around
// them, with the run's kerns.
func (p *painter) appendShowMarked(b []byte, page int, t *layout.Text, e *embedded) []byte {
	show := func(b []byte, from, to int) []byte {
		if from >= to {
			return b
		}
		b = append(b, " ["...)
		for _, k := range t.Kerns {
			if k.At < from || k.At >= to || k.At == 0 || !finite(k.Dx) {
				continue
			}
			if k.At > from {
				b = append(b, '<')
				b = appendCodes(b, p.encodable(page, t.Text[from:k.At], e), e)
				b = append(b, "> "...)
			}
			b = appendFixed(b, hundredths(-k.Dx/t.Size*1000))
			b = append(b, ' ')
			from = k.At
		}
		b = append(b, '<')
		b = appendCodes(b, p.encodable(page, t.Text[from:to], e), e)
		return append(b, ">] TJ"...)
	}
	// the runs of text between where a span of ActualText or a rise
	// begins or ends
	var actual []layout.Actual
	from := 0
	for _, a := range t.Actual() {
		if a.At < from || a.End > len(t.Text) || a.At >= a.End {
			continue
		}
		actual = append(actual, a)
		from = a.End
	}
	cuts := []int{0, len(t.Text)}
	for _, a := range actual {
		cuts = append(cuts, a.At, a.End)
	}
	for _, m := range t.Marks() {
		if drawnApart(t, m) {
			cuts = append(cuts, m.At, m.End)
		}
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	hiddenAt := func(i int) bool {
		for _, m := range t.Marks() {
			if m.At <= i && i < m.End && drawnApart(t, m) {
				return true
			}
		}
		return false
	}
	hidden, next := false, 0
	for c := 0; c+1 < len(cuts); c++ {
		at, end := cuts[c], cuts[c+1]
		for next < len(actual) && actual[next].End <= at {
			next++
		}
		open := next < len(actual) && actual[next].At == at
		if open {
			b = appendActualText(b, actual[next].Text)
		}
		if h := hiddenAt(at); h != hidden {
			hidden = h
			if h {
				b = append(b, " 3 Tr"...)
			} else {
				b = append(b, " 0 Tr"...)
			}
		}
		b = show(b, at, end)
		if next < len(actual) && actual[next].End == end {
			b = append(b, " EMC"...)
		}
	}
	if hidden {
		b = append(b, " 0 Tr"...)
	}
	return b
}

// drawnApart reports whether mark m of run t is drawn apart from the text,
// as its outline where the shaper places it.
func drawnApart(t *layout.Text, m layout.Mark) bool {
	return t.Angle() == 0 && m.At >= 0 && m.At < m.End && m.End <= len(t.Text) && finite(m.Dx, m.Dy)
}

// drawMarks draws the marks of run t that the shaper places on their
// letters as their outlines, each where the pen stands before it in the
// run, moved as the mark says; the run's text holds them, invisible, for
// copying: drawn as text where they are seen, they would be copied apart
// from their letters by readers that order characters by their places.
func (p *painter) drawMarks(page int, t *layout.Text) {
	if len(t.Marks()) == 0 || t.Angle() != 0 || p.faces == nil {
		return
	}
	p.mark(page, t.Elem)
	b := p.buf
	pen, from := 0.0, 0
	for _, m := range t.Marks() {
		if !drawnApart(t, m) || m.At < from {
			continue
		}
		for _, r := range t.Text[from:m.At] {
			pen += p.faces.Advance(t.Face, r) * t.Size
		}
		// the kerns the painter draws between the characters passed
		for _, k := range t.Kerns {
			if k.At > from && k.At <= m.At && finite(k.Dx) {
				pen += k.Dx
			}
		}
		from = m.At
		outline := p.faces.Outline(t.Face, m.Glyph) // none for glyph 0
		if len(outline) == 0 {
			continue
		}
		x := t.X + pen + m.Dx
		y := p.d.Geometry.MediaHeight - t.Y + m.Dy
		pt := func(b []byte, q [2]float64) []byte {
			b = appendFixed(b, hundredths(x+q[0]*t.Size))
			b = append(b, ' ')
			return appendFixed(b, hundredths(y+q[1]*t.Size))
		}
		var cur [2]float64
		for _, sg := range outline {
			b = append(b, ' ')
			switch sg.Op {
			case 'M':
				b = append(pt(b, sg.P[0]), " m"...)
				cur = sg.P[0]
			case 'L':
				b = append(pt(b, sg.P[0]), " l"...)
				cur = sg.P[0]
			case 'Q':
				// a quadratic curve as the cubic that draws it
				c1 := [2]float64{cur[0] + 2.0/3*(sg.P[0][0]-cur[0]), cur[1] + 2.0/3*(sg.P[0][1]-cur[1])}
				c2 := [2]float64{sg.P[1][0] + 2.0/3*(sg.P[0][0]-sg.P[1][0]), sg.P[1][1] + 2.0/3*(sg.P[0][1]-sg.P[1][1])}
				b = append(pt(append(pt(b, c1), ' '), c2), ' ')
				b = append(pt(b, sg.P[1]), " c"...)
				cur = sg.P[1]
			case 'C':
				b = append(pt(append(pt(b, sg.P[0]), ' '), sg.P[1]), ' ')
				b = append(pt(b, sg.P[2]), " c"...)
				cur = sg.P[2]
			}
		}
		b = append(b, " f"...)
	}
	p.buf = append(b, '\n')
}

// appendCodes writes s in the encoding of the embedded fonts (Identity-H):
// each character as its code in two bytes, in hex. The code is the code point,
// but for characters beyond U+FFFF, which the embedding gives codes of its
// own.
func appendCodes(b []byte, s string, e *embedded) []byte {
	const hexDigits = "0123456789ABCDEF"
	for _, r := range s {
		c := uint16(r)
		if r > 0xFFFF || e.emb.Codes != nil {
			c = e.emb.Code(r)
		}
		b = append(b, hexDigits[c>>12&15], hexDigits[c>>8&15], hexDigits[c>>4&15], hexDigits[c&15])
	}
	return b
}

// endText closes the open text object, before any other operator.
func (p *painter) endText() {
	if p.inText {
		if p.marking && p.markInText {
			p.buf = append(p.buf, " EMC"...)
			p.marking, p.markElem, p.markInText = false, nil, false
		}
		p.buf = append(p.buf, " ET\n"...)
		p.inText = false
	}
}

func hundredths(v float64) int64 { return int64(math.Round(v * 100)) }

// appendFixed writes v hundredths as a decimal number, without trailing
// zeros: text moves are most of a book's content stream.
func appendFixed(b []byte, v int64) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	b = strconv.AppendInt(b, v/100, 10)
	switch frac := v % 100; {
	case frac == 0:
		return b
	case frac%10 == 0:
		return append(b, '.', byte('0'+frac/10))
	default:
		return append(b, '.', byte('0'+frac/10), byte('0'+frac%10))
	}
}

// encodable returns s without control characters, which no font draws,
// and records the codes drawn with e.
func (p *painter) encodable(page int, s string, e *embedded) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0xF0 {
			clean = false
			break
		}
	}
	used := p.usedCodes(e)
	if clean && utf8.ValidString(s) && e.emb.Codes == nil {
		for _, r := range s {
			used[r] = true
		}
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			continue
		}
		used[e.emb.Code(r)] = true
		b.WriteRune(r)
	}
	return b.String()
}

func clip(s string) string {
	n := 0
	for i := range s {
		if n == 40 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

func (p *painter) rule(r *layout.Rule) {
	if !finite(r.X1, r.Y1, r.X2, r.Y2, r.Width) {
		return
	}
	w := r.Width
	if !(w > 0) {
		w = 0.5
	}
	p.endText()
	p.setDraw(grayLevel(r.Gray), w)
	p.line(r.X1, r.Y1, r.X2, r.Y2)
}

func (p *painter) box(b *layout.Box) {
	if !finite(b.X, b.Y, b.W, b.H, b.LineWidth) || (!b.Stroke && !b.Fill) {
		return
	}
	p.endText()
	op := "S"
	if b.Fill {
		p.setFillColor(b.FillColor, b.FillGray)
		op = "f"
	}
	if b.Stroke {
		w := b.LineWidth
		if !(w > 0) {
			w = 0.5
		}
		p.setDraw(grayLevel(b.Gray), w)
		if b.Fill {
			op = "B"
		}
	}
	p.rect(b.X, b.Y, b.W, b.H, op)
}

// collectAnchors registers every anchor of every page as a link target
// before any page is painted, so links may point forwards.
func (p *painter) collectAnchors() {
	for i, page := range p.d.Pages {
		if page == nil {
			continue
		}
		for _, a := range page.Anchors {
			if a.Name == "" {
				continue
			}
			if _, dup := p.anchors[a.Name]; dup {
				continue // the first target of a name wins, as in HTML
			}
			y := a.Y
			if !(y >= 0) || math.IsInf(y, 0) {
				y = 0
			}
			id := p.f.AddLink()
			p.f.SetLink(id, y, i+1)
			p.anchors[a.Name] = id
		}
	}
}

func (p *painter) link(page int, l *layout.Link) {
	if !finite(l.X, l.Y, l.W, l.H) || l.W == 0 || l.H == 0 {
		return
	}
	switch {
	case l.Anchor != "":
		id, ok := p.anchors[l.Anchor]
		if !ok {
			p.warn(page, doc.Pos{}, "link.dangling", "link to unknown anchor #%s left inactive", l.Anchor)
			return
		}
		p.f.Link(l.X, l.Y, l.W, l.H, id)
		p.noteLink(page, l)
	case l.URL != "":
		standIn, ok := p.uris.standIn(l.URL)
		if !ok {
			p.warn(page, doc.Pos{}, "link.scheme", "link to %q left inactive: only web, mail and similar links are allowed", clip(l.URL))
			return
		}
		p.f.LinkString(l.X, l.Y, l.W, l.H, standIn)
		p.noteLink(page, l)
	}
}

// linkURL makes a URL safe for a PDF URI action: 7-bit ASCII with spaces
// and other bytes percent-encoded. Script URLs are refused.
func linkURL(u string) (string, bool) {
	u = strings.TrimSpace(u)
	var scheme strings.Builder
	for _, r := range u {
		if r <= ' ' {
			continue
		}
		if r == ':' {
			break
		}
		scheme.WriteRune(r)
	}
	switch strings.ToLower(scheme.String()) {
	case "javascript", "vbscript", "data", "file":
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c >= 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), b.Len() > 0
}

// cropMarks draws the printer's trim marks: at each corner of the trim box,
// two short lines in the margin outside the bleed box.
func (p *painter) cropMarks() {
	g := p.d.Geometry
	if !validRect(g.Trim) {
		return
	}
	bleed := g.Bleed
	if !validRect(bleed) {
		bleed = g.Trim
	}
	const gap, maxLen, width = 3.0, 18.0, 0.25
	p.endText()
	left, right := g.Trim.X, g.Trim.X+g.Trim.W
	top, bottom := g.Trim.Y, g.Trim.Y+g.Trim.H
	// Marks start a little outside the bleed (at least gap from the trim)
	// and stop short of the sheet's edge.
	startL := math.Min(bleed.X, left-gap) - gap
	startR := math.Max(bleed.X+bleed.W, right+gap) + gap
	startT := math.Min(bleed.Y, top-gap) - gap
	startB := math.Max(bleed.Y+bleed.H, bottom+gap) + gap
	lenL := math.Min(maxLen, startL-1)
	lenR := math.Min(maxLen, g.MediaWidth-startR-1)
	lenT := math.Min(maxLen, startT-1)
	lenB := math.Min(maxLen, g.MediaHeight-startB-1)
	p.setDraw(0, width)
	for _, y := range []float64{top, bottom} {
		if lenL > 2 {
			p.line(startL-lenL, y, startL, y)
		}
		if lenR > 2 {
			p.line(startR, y, startR+lenR, y)
		}
	}
	for _, x := range []float64{left, right} {
		if lenT > 2 {
			p.line(x, startT-lenT, x, startT)
		}
		if lenB > 2 {
			p.line(x, startB, x, startB+lenB)
		}
	}
}

// outline adds the bookmarks in document order. gofpdf files a bookmark
// under the current page, so each is added with its page made current.
func (p *painter) outline() error {
	if len(p.d.Outline) == 0 {
		return nil
	}
	last := p.f.PageNo()
	prev := -1
	for _, o := range p.d.Outline {
		if o.Page < 0 || o.Page >= len(p.d.Pages) {
			p.warn(-1, doc.Pos{}, "pdf.outline", "outline entry %q points to page %d of %d; left out", clip(o.Title), o.Page+1, len(p.d.Pages))
			continue
		}
		// gofpdf links an entry to the last one of the level above, so a
		// level may only go one deeper than the previous entry.
		level := o.Level
		if level < 0 {
			level = 0
		}
		if level > prev+1 {
			level = prev + 1
		}
		prev = level
		y := o.Y
		if !(y >= 0) || math.IsInf(y, 0) {
			y = 0
		}
		p.f.SetPage(o.Page + 1)
		p.f.Bookmark(utf16Title(plainTitle(o.Title)), level, y)
	}
	p.f.SetPage(last)
	return p.gofpdfErr("outline")
}

// utf16Title is s in UTF-16BE with a byte order mark, a PDF text string.
// gofpdf 1.16.2 converts a bookmark's title so only while a Unicode font
// is set, and no font is set with it (see fontobjects.go); a title given
// converted it only escapes, as any string.
func utf16Title(s string) string {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}

// plainTitle keeps bookmark titles to one line of text.
func plainTitle(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f || r > 0xFFFF:
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// finishing gathers what finish() adds to gofpdf's file.
func (p *painter) finishing(meta doc.Meta) finishing {
	fin := finishing{
		language: meta.Language,
		date:     buildDate(meta),
		compress: p.opts.Compress,
		uris:     p.uris.uris,
		masks:    p.masks,
		profiles: p.profiles,
		contents: p.streams.wait(),
		groups:   p.groups,
		svgMasks: p.svgMasks,
		info:     p.info,
	}
	if p.tags != nil {
		fin.tags, fin.structure = p.tags, p.d.Structure
	}
	for a := range p.groupAlphas {
		fin.groupAlphas = append(fin.groupAlphas, a)
	}
	sort.Float64s(fin.groupAlphas)
	for m := range p.groupBlends {
		fin.groupBlends = append(fin.groupBlends, m)
	}
	sort.Strings(fin.groupBlends)
	fin.shadings = make([]shading, len(p.svgShadings))
	for sh, n := range p.svgShadings {
		fin.shadings[n] = sh
	}
	fin.ramps = p.ramps
	for _, pg := range p.d.Pages {
		label := ""
		if pg != nil {
			label = pg.Label
		}
		fin.labels = append(fin.labels, label)
	}
	if len(p.d.Pages) == 0 {
		fin.labels = []string{""}
	}
	// The layout sets the standard ligatures as their presentation forms;
	// copied, they are their letters. (Shaped words, Arabic among them,
	// copy out from their ActualText.) Characters beyond U+FFFF are drawn
	// with codes of the Private Use Area.
	for _, e := range p.families {
		var codes []uint16
		for c, used := range e.used {
			if used {
				codes = append(codes, uint16(c))
			}
		}
		if len(codes) == 0 {
			continue // named by no content
		}
		text := map[uint16]string{}
		for _, l := range fonts.StandardLigatures {
			text[uint16(l.Form)] = l.Letters
		}
		for r, c := range e.emb.Codes {
			// a shaped glyph copies out as the characters of its
			// run, the ActualText the layout gives it
			if c >= 0xE000 && c <= 0xF8FF && !fonts.IsGlyphRune(r) {
				text[c] = string(r)
			}
		}
		fin.fonts = append(fin.fonts, fontUse{family: e.family, prog: e.prog, codes: codes, text: text})
	}
	return fin
}

// describe sets the document information dictionary from the book's
// metadata.
func (p *painter) describe(m doc.Meta) {
	// Printable ASCII is written as it is; anything else gofpdf converts
	// to UTF-16.
	set := func(field string, setter func(string, bool), value string) string {
		if value = strings.TrimSpace(value); value == "" {
			return ""
		}
		value = p.metaText(field, value)
		setter(value, !printableASCII(value))
		return value
	}
	title := m.Title
	if m.Subtitle != "" {
		if title != "" {
			title += ": "
		}
		title += m.Subtitle
	}
	p.info.title = set("title", p.f.SetTitle, title)
	var authors []string
	for _, c := range m.Creators {
		if (c.Role == "aut" || c.Role == "") && strings.TrimSpace(c.Name) != "" {
			authors = append(authors, strings.TrimSpace(c.Name))
		}
	}
	if set("author", p.f.SetAuthor, strings.Join(authors, "; ")) != "" {
		for _, a := range authors {
			p.info.authors = append(p.info.authors, p.metaText("author", a))
		}
	}
	subject := m.Description
	if subject == "" {
		subject = m.Subtitle
	}
	p.info.subject = set("subject", p.f.SetSubject, subject)
	var keywords []string
	seen := map[string]bool{}
	for _, k := range append(append([]string(nil), m.Keywords...), m.Subjects...) {
		k = strings.TrimSpace(k)
		if k != "" && !seen[strings.ToLower(k)] {
			seen[strings.ToLower(k)] = true
			keywords = append(keywords, k)
		}
	}
	p.info.keywords = set("keywords", p.f.SetKeywords, strings.Join(keywords, ", "))
	creator := strings.TrimSpace(m.Generator)
	if creator == "" {
		creator = "samizdat"
	}
	p.info.creator = set("creator", p.f.SetCreator, creator)
	p.info.producer = set("producer", p.f.SetProducer, creator+" (gofpdf 1.16.2)")
	// finish() writes the dates again with their time zone, which gofpdf
	// leaves out; set here, they keep gofpdf from reading the clock.
	date := buildDate(m)
	p.f.SetCreationDate(date)
	p.f.SetModificationDate(date)
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// metaText makes s safe for gofpdf's UTF-16 conversion, which reads only
// well-formed UTF-8 of the Basic Multilingual Plane: anything else becomes
// U+FFFD, with a warning for characters the file cannot carry.
func (p *painter) metaText(field, s string) string {
	clean := utf8.ValidString(s)
	for _, r := range s {
		clean = clean && r <= 0xFFFF
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			p.warn(-1, doc.Pos{}, "metadata.unembeddable", "metadata %s: character U+%04X cannot be carried by the PDF's document information (outside the Basic Multilingual Plane); written as U+FFFD", field, r)
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// buildDate is the metadata's build date; without one, the publication
// date, and without that the Unix epoch: never the clock.
func buildDate(m doc.Meta) time.Time {
	if !m.Modified.IsZero() {
		return m.Modified.UTC()
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, strings.TrimSpace(m.Date)); err == nil {
			return t.UTC()
		}
	}
	return time.Unix(0, 0).UTC()
}
