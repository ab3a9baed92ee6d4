package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/samizdat-press/samizdat/internal/config"
	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/epub"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/infile"
	"github.com/samizdat-press/samizdat/internal/labels"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/pdf"
	"github.com/samizdat-press/samizdat/internal/site"
)

// output is one file a build writes.
type output struct {
	Format string // the format's name: "epub"
	Path   string
	Folder bool // Path is a folder of files
	Bytes  int64
	Pages  int // for a format with pages
	Took   time.Duration
	// Fonts are the fallback fonts it embeds, beyond the book's own.
	Fonts []string
}

// describe says what an output holds: "19 pages, 80 KB in 0.31s".
func (o output) describe() string {
	d := humanBytes(o.Bytes)
	switch {
	case o.Pages == 1:
		d = "1 page, " + d
	case o.Pages > 1:
		d = fmt.Sprintf("%d pages, %s", o.Pages, d)
	}
	d = fmt.Sprintf("%s in %.2fs", d, o.Took.Seconds())
	if len(o.Fonts) > 0 {
		d += "; also set in " + strings.Join(o.Fonts, ", ")
	}
	return d
}

// baseName is the outputs' file name without extension: the configured
// name or the manifest's slug, with the edition's name appended.
func (p *project) baseName() string {
	name := p.cfg.Name
	if name == "" {
		name = p.man.Slug
	}
	if p.cfg.Edition != "" {
		name += "-" + p.cfg.Edition
	}
	return name
}

// Format is one kind of output. A format is a package that writes it, an
// adapter here that hands it the edition and its settings, and a line in
// formats.
type Format interface {
	// Name is the format's word in the formats setting: "epub".
	Name() string
	// Extension is the output file's extension, with its dot: ".epub";
	// or "/" for a format that writes a folder of files.
	Extension() string
	// Prepare loads and checks what the format needs besides the tree
	// (a cover image), reporting problems to the edition. It runs while
	// the book loads, so `check` finds them as `build` does.
	Prepare(ed *Edition)
	// Render writes the edition to out, reporting its progress through
	// ed.Status.
	Render(ctx context.Context, ed *Edition, out Output) (Rendered, error)
}

// formats are the formats a build can write.
var formats = []Format{pdfFormat{}, epubFormat{}, htmlFormat{}, coverFormat{}}

// formatTable is the table of formats this build writes from: formats,
// unless the options give another.
func (p *project) formatTable() []Format {
	if p.opts.formats != nil {
		return p.opts.formats
	}
	return formats
}

// folderExtension is the Extension of a format that writes a folder.
const folderExtension = "/"

// Output is where a format writes: the bytes of its one file, or the files
// of its folder.
type Output interface {
	io.Writer
	// File writes one file of a folder, named by its slash-separated path
	// in the folder.
	File(name string, data []byte) error
}

// Rendered is what a format says about the file it wrote.
type Rendered struct {
	Diagnostics []diag.Diagnostic // files relative to the book folder
	Pages       int               // 0 for a format without pages
	Fonts       []string          // fallback fonts used, for the summary
}

// Edition is what a format renders: one edition of the book, resolved,
// with its settings, fonts and the typeset pages the formats share.
type Edition struct {
	*project
	// Status reports the output's progress ("typesetting").
	Status func(msg string)
}

// typesetting lays the book out once, for the first format that asks,
// while any other waits for it.
type typesetting struct {
	once sync.Once
	doc  *layout.Document
	ok   bool
}

// errTypesetting stands for a layout that failed; its problems are
// reported once, by the format that ran it.
var errTypesetting = errors.New("the book could not be typeset")

// Layout returns the book's pages, typesetting them on the first call.
// The PDF format empties the pages' items as it paints them.
func (ed *Edition) Layout() (*layout.Document, error) {
	t := ed.typeset
	t.once.Do(func() {
		laid, err := layout.Layout(ed.book, ed.faces, ed.layoutOptions())
		if err != nil {
			ed.diags.Add(diag.Errorf("", 0, "layout", "layout: %v", err))
			return
		}
		ws := laid.Warnings
		if !slices.Contains(ed.cfg.Formats, "pdf") {
			// Only the EPUB's page list asked for the layout: what the
			// PDF could not print is no problem of this edition's.
			ws = slices.DeleteFunc(slices.Clone(ws), func(d diag.Diagnostic) bool { return printOnly[d.Code] })
		}
		ed.inBook(ws...)
		t.doc, t.ok = laid, true
	})
	if !t.ok {
		return nil, errTypesetting
	}
	return t.doc, nil
}

// printOnly are the layout's diagnostics about printing characters, which
// concern the PDF alone.
var printOnly = map[string]bool{"glyph.missing": true, "script.rtl": true, "script.shaping": true}

// formatNames are the formats the edition asks for: those of the formats
// setting, and the printed cover when cover.paper is set.
func (p *project) formatNames() []string {
	if p.cfg.Cover.Wanted() {
		return append(slices.Clip(p.cfg.Formats), coverFormat{}.Name())
	}
	return p.cfg.Formats
}

// chosen are the formats of the table the edition asks for.
func (p *project) chosen(table []Format) []Format {
	var out []Format
	for _, f := range table {
		if slices.Contains(p.formatNames(), f.Name()) {
			out = append(out, f)
		}
	}
	return out
}

// prepareRender loads what the renderers need besides the tree: the fonts,
// and what each format asks for. It is part of load, so `check` reports a
// broken font or a missing cover as `build` does.
func (p *project) prepareRender(context.Context) {
	p.faces = p.loadFonts()
	p.typeset = &typesetting{}
	for _, f := range p.chosen(p.formatTable()) {
		f.Prepare(&Edition{project: p})
	}
}

// loadFonts reads the faces config names, falling back to the embedded
// ones. Each file that cannot be read or used is reported with its name
// and the setting that names it.
func (p *project) loadFonts() *fonts.Set {
	f := p.cfg.Fonts
	faces := []struct {
		key  string
		face fonts.Face
		path string
	}{
		{"fonts.serif_regular", fonts.Face{Family: fonts.Serif, Style: fonts.Regular}, f.SerifRegular},
		{"fonts.serif_italic", fonts.Face{Family: fonts.Serif, Style: fonts.Italic}, f.SerifItalic},
		{"fonts.serif_bold", fonts.Face{Family: fonts.Serif, Style: fonts.Bold}, f.SerifBold},
		{"fonts.serif_bold_italic", fonts.Face{Family: fonts.Serif, Style: fonts.BoldItalic}, f.SerifBoldItalic},
		{"fonts.mono_regular", fonts.Face{Family: fonts.Mono, Style: fonts.Regular}, f.MonoRegular},
		{"fonts.mono_bold", fonts.Face{Family: fonts.Mono, Style: fonts.Bold}, f.MonoBold},
	}
	own := fonts.Files{}
	ok := true
	for _, c := range faces {
		if c.path == "" {
			continue
		}
		data, err := p.env.files(p.limit("limits.font")).ReadFile(c.path)
		code := "font.unreadable"
		if err == nil {
			err, code = fonts.Check(data), "font.invalid"
		}
		if err != nil {
			p.diags.Add(diag.Errorf(c.path, 0, code, "%s font (%s, %s): %v", c.face, c.key, p.cfg.Origin(c.key), unwrapPath(err)))
			ok = false
			continue
		}
		own[c.face] = data
	}
	// The book's fallback fonts: a collection's fonts are checked when a
	// character is first looked for in them.
	var fallback []fonts.File
	for _, path := range f.Fallback {
		data, err := p.env.files(p.limit("limits.font")).ReadFile(path)
		code := "font.unreadable"
		if err == nil && (len(data) < 4 || string(data[:4]) != "ttcf") {
			err, code = fonts.Check(data), "font.invalid"
		}
		if err != nil {
			p.diags.Add(diag.Errorf(path, 0, code, "fallback font (fonts.fallback, %s): %v", p.cfg.Origin("fonts.fallback"), unwrapPath(err)))
			ok = false
			continue
		}
		fallback = append(fallback, fonts.File{Name: path, Data: data})
	}
	if !ok {
		return nil
	}
	// Editions built together that name the same font files share their
	// parsed faces.
	key := "fonts"
	for _, c := range faces {
		if data, ok := own[c.face]; ok {
			key += " " + c.face.String() + "=" + media.Digest(data)
		}
	}
	loaded := p.opts.shared.Do(key, func() any {
		files := fonts.EmbeddedFiles()
		maps.Copy(files, own)
		set, err := fonts.Load(files)
		return loadedFonts{set, err}
	}).(loadedFonts)
	if loaded.err != nil {
		p.diags.Add(diag.Errorf("", 0, "font.invalid", "%v", loaded.err))
		return nil
	}
	set := loaded.set.Copy()
	// An installed font may be a collection of tens of megabytes (CJK)
	// of which the book draws a few glyphs: it is mapped, not read, and
	// let go when the edition is done.
	readFont := func(path string) ([]byte, error) {
		data, release, err := infile.MapPath(path, p.limit("limits.font"))
		if err == nil {
			p.mapped.add(release)
		}
		return data, err
	}
	set.SetFallback(fonts.Fallback{Fonts: fallback, Installed: p.env.Fonts, Read: readFont, Language: p.book.Meta.Language,
		KeepMisshaped: p.cfg.Fonts.KeepMisshaped})
	return set
}

type loadedFonts struct {
	set *fonts.Set
	err error
}

// loadCover reads the EPUB's cover image, reported at the setting naming it.
func (p *project) loadCover() {
	cover, err := media.LoadFile(p.limited("limits.image"), p.cfg.EPUB.Cover, p.pictureLimits())
	if err != nil {
		file, line, column := p.cfg.Place("epub.cover")
		code := "cover.invalid"
		if errors.Is(err, fs.ErrNotExist) {
			code = "cover.missing"
		}
		d := diag.Errorf(file, line, code, "epub.cover: %v", err)
		d.Column = column
		p.diags.Add(d)
		return
	}
	p.cover = cover
}

func (p *project) layoutOptions() layout.Options {
	o := layoutOptions(p.cfg)
	o.Language = p.book.Meta.Language
	o.EditionTitle = p.book.Meta.ShownEditionTitle()
	switch form := p.cfg.PDF.PageReferences; form {
	case "auto":
		o.PageReferences = labels.For(o.Language).PageRef
	case "off":
	default:
		o.PageReferences = form
	}
	o.Punctuation = p.punct.Conventions
	return o
}

// layoutOptions are the page layout's options as the config sets them,
// every one taken as it is.
func layoutOptions(cfg *config.Config) layout.Options {
	c := cfg.PDF
	return layout.Options{
		TrimWidth:       c.PageWidth,
		TrimHeight:      c.PageHeight,
		MarginTop:       c.MarginTop,
		MarginBottom:    c.MarginBottom,
		MarginInner:     c.MarginInner,
		MarginOuter:     c.MarginOuter,
		Gutter:          c.Gutter,
		GutterAuto:      c.GutterAuto,
		Bleed:           c.Bleed,
		CropMarks:       c.CropMarks,
		FontSize:        c.FontSize,
		Leading:         c.Leading,
		Hyphenate:       c.Hyphenate,
		LineNumbers:     c.LineNumbers,
		LineNumberEvery: c.LineNumberEvery,
		Endnotes:        cfg.Notes.Placement == "endnotes",
		URLFootnotes:    c.URLFootnotes,
		RectoChapters:   c.RectoChapters,
		Front: layout.FrontMatter{HalfTitle: c.HalfTitle, TitlePage: c.TitlePage, Copyright: c.CopyrightPage,
			Contents: c.Contents, PartPages: c.PartPages, BlankPages: c.BlankPages},
		ContentsDepth: c.TOCDepth,
		PageMultiple:  c.PageMultiple,
		SetOff:        cfg.SetOff,
	}
}

// pdfMeta is the book's metadata as the PDF gives it: the edition's title
// after the title and subtitle when the edition shows it.
func pdfMeta(m doc.Meta) doc.Meta {
	t := m.ShownEditionTitle()
	switch {
	case t == "":
	case m.Subtitle != "":
		m.Subtitle += " (" + t + ")"
	default:
		m.Title += " (" + t + ")"
	}
	return m
}

// target is an output being written, closed when its format is done.
type target interface {
	Output
	Close() error
}

// sink gives the target an output is written to (a folder when folder is
// set), and the pending file to commit when every output is ready (nil
// when nothing is kept).
type sink func(final string, folder bool) (target, *pendingFile, error)

// toNowhere renders without keeping anything, for `check`.
func toNowhere(string, bool) (target, *pendingFile, error) { return discard{}, nil, nil }

type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) File(string, []byte) error   { return nil }
func (discard) Close() error                { return nil }

// oneFile is the target of a format that writes one file, a temporary
// file its problems call by the final name.
type oneFile struct {
	f     *os.File
	final string
}

func (o oneFile) Write(b []byte) (int, error) {
	n, err := o.f.Write(b)
	if err != nil {
		err = fmt.Errorf("write %s: %w", o.final, unwrapPath(err))
	}
	return n, err
}

func (o oneFile) Close() error {
	if err := o.f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", o.final, unwrapPath(err))
	}
	return nil
}

func (o oneFile) File(name string, _ []byte) error {
	return fmt.Errorf("%s: a format writing one file cannot write %s", o.f.Name(), name)
}

// render writes the formats of the table the edition asks for, in
// parallel, through out, and returns the pending files, uncommitted, with
// what they hold. Problems go to p.diags; render returns whether the
// outputs are complete.
//
// status reports each output's progress ("typesetting", "done: …"); it
// must be safe for concurrent use.
func (p *project) render(ctx context.Context, table []Format, out sink, status func(format, msg string)) ([]*pendingFile, []output, bool) {
	chosen := p.chosen(table)
	files := make([]*pendingFile, len(chosen))
	outs := make([]output, len(chosen))
	var wg sync.WaitGroup
	for i, f := range chosen {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := f.Name()
			ed := &Edition{project: p, Status: func(msg string) { status(name, msg) }}
			start := time.Now()
			folder := f.Extension() == folderExtension
			final := p.outputPath(f)
			w, pending, err := out(final, folder)
			if err != nil {
				p.diags.Add(diag.Errorf("", 0, "output.create", "%v", err))
				return
			}
			files[i] = pending
			counted := &countingWriter{w: w}
			res, err := f.Render(ctx, ed, counted)
			p.inBook(res.Diagnostics...)
			if cerr := w.Close(); err == nil && cerr != nil {
				err = cerr
			}
			switch {
			case errors.Is(err, errTypesetting) || err != nil && ctx.Err() != nil:
				return // reported once, by Layout or below
			case err != nil:
				p.diags.Add(diag.Errorf("", 0, name+".write", "%v", err))
				return
			}
			outs[i] = output{Format: name, Path: final, Folder: folder, Bytes: counted.n, Pages: res.Pages, Took: time.Since(start), Fonts: res.Fonts}
			ed.Status("done: " + outs[i].describe())
		}()
	}
	wg.Wait()
	if err := cancelled(ctx); err != nil {
		p.diags.AddError(err)
	}
	if p.failed() {
		removeTemps(files)
		return nil, nil, false
	}
	return files, outs, true
}

// outputPath is where the edition's output in format f goes: a file, or
// a folder named without extension.
func (p *project) outputPath(f Format) string {
	final := filepath.Join(p.env.abs(p.cfg.Out), p.baseName())
	if f.Extension() != folderExtension {
		final += f.Extension()
	}
	return final
}

// pdfFormat is the print-ready PDF.
type pdfFormat struct{}

func (pdfFormat) Name() string      { return "pdf" }
func (pdfFormat) Extension() string { return ".pdf" }
func (pdfFormat) Prepare(*Edition)  {}

func (pdfFormat) Render(ctx context.Context, ed *Edition, w Output) (Rendered, error) {
	ed.Status("typesetting")
	laid, err := ed.Layout()
	if err != nil {
		return Rendered{}, err
	}
	if err := cancelled(ctx); err != nil {
		return Rendered{}, err
	}
	ed.Status("writing")
	// The PDF is the only format that reads the pages' items (the EPUB
	// reads the page map), so it lets each go once painted: the fonts they
	// are set in are named before.
	used := fallbackFonts(laid, ed.faces)
	ds, err := pdf.Write(w, laid, pdfMeta(ed.book.Meta), ed.faces, pdf.Options{Compress: true, ReleaseItems: true,
		MaxDecoded: ed.cfg.Limits.ImageMemory, ImageDPI: float64(ed.cfg.PDF.ImageDPI), Pictures: ed.pictures, PictureStore: ed.pictureStore(),
		Tagged: ed.cfg.PDF.Tagged})
	for _, f := range ed.faces.PassedOver() {
		// one warning a font, for the whole book
		ds = append(ds, diag.Warnf("", 0, "font.misshaped",
			"%s (%s) is not used for Arabic-script text: the shaper (go-text v0.3.5) skips glyphs its lookups cover, so its letters would leave their slanting baseline; the next font is used instead (set fonts.keep_misshaped: true to use it anyway)", f.Name, f.Path))
	}
	return Rendered{Diagnostics: ds, Pages: len(laid.Pages), Fonts: used}, err
}

// epubFormat is the EPUB 3, with the print edition's page numbers when the
// edition asks for them.
type epubFormat struct{}

func (epubFormat) Name() string      { return "epub" }
func (epubFormat) Extension() string { return ".epub" }

func (epubFormat) Prepare(ed *Edition) {
	if ed.cfg.EPUB.Cover != "" {
		ed.loadCover()
	}
}

func (epubFormat) Render(ctx context.Context, ed *Edition, w Output) (Rendered, error) {
	c := ed.cfg.EPUB
	opts := epub.Options{Fonts: ed.faces, EmbedFonts: c.EmbedFonts, TocDepth: c.TOCDepth, Cover: ed.cover,
		MaxImagePixels: int(c.MaxImageMegapixels * 1e6), Pictures: ed.pictures, PictureStore: ed.pictureStore(), MaxDecoded: ed.cfg.Limits.ImageMemory,
		Identifier: c.Identifier, TitleSuffix: titleSuffix(c.TitleSuffix, ed.cfg.Edition, ed.book.Meta.EditionTitle)}
	// a drawn cover is the printed cover's front
	text := coverBook(ed)
	opts.CoverText = &text
	if c.PageList {
		pm, err := ed.printedPages(ctx)
		if err != nil {
			return Rendered{}, err
		}
		opts.PageMap = pm
	}
	if err := cancelled(ctx); err != nil {
		return Rendered{}, err
	}
	ed.Status("writing")
	ds, err := epub.Write(w, ed.book, opts)
	return Rendered{Diagnostics: ds}, err
}

// htmlFormat is the static web site, with the print edition's page
// numbers in the margin when the edition builds the PDF too.
type htmlFormat struct{}

func (htmlFormat) Name() string      { return "html" }
func (htmlFormat) Extension() string { return folderExtension }
func (htmlFormat) Prepare(*Edition)  {}

func (htmlFormat) Render(ctx context.Context, ed *Edition, out Output) (Rendered, error) {
	opts := site.Options{Fonts: ed.faces, TocDepth: 1, Script: ed.script,
		Pictures: ed.pictures, PictureStore: ed.pictureStore(), MaxDecoded: ed.cfg.Limits.ImageMemory}
	if slices.Contains(ed.cfg.Formats, "pdf") {
		ed.Status("waiting for the print page numbers")
		laid, err := ed.Layout()
		if err != nil {
			return Rendered{}, err
		}
		opts.PageMap = &laid.PageMap
	}
	if err := cancelled(ctx); err != nil {
		return Rendered{}, err
	}
	ed.Status("writing")
	files, ds, err := site.Write(ed.book, opts)
	if err != nil {
		return Rendered{Diagnostics: ds}, err
	}
	pages := 0
	for _, f := range files {
		if err := out.File(f.Name, f.Data); err != nil {
			return Rendered{Diagnostics: ds}, err
		}
		if strings.HasSuffix(f.Name, ".html") {
			pages++
		}
	}
	return Rendered{Diagnostics: ds, Pages: pages}, nil
}

// countingWriter counts the bytes of an output as they are written.
type countingWriter struct {
	w target
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

func (c *countingWriter) File(name string, data []byte) error {
	err := c.w.File(name, data)
	if err == nil {
		c.n += int64(len(data))
	}
	return err
}

// titleSuffix is what follows the title in the e-book's metadata, from
// epub.title_suffix: "auto" is the edition's title in parentheses for a
// named edition, "off" nothing.
func titleSuffix(setting, edition, editionTitle string) string {
	switch setting = strings.TrimSpace(setting); setting {
	case "off", "":
		return ""
	case "auto":
		if edition == "" || strings.TrimSpace(editionTitle) == "" {
			return ""
		}
		return "(" + strings.TrimSpace(editionTitle) + ")"
	}
	return setting
}

// printSource names the print edition the EPUB's page numbers come from.
func (p *project) printSource() string {
	if p.man.PrintSource != "" {
		return p.man.PrintSource
	}
	m := p.book.Meta
	s := m.Title + ", print edition"
	if m.EditionTitle != "" {
		s = m.Title + ", " + m.EditionTitle + " (print)"
	}
	return s
}

// fallbackFonts names the fallback fonts the pages are set in, with their
// files, in order of name.
func fallbackFonts(d *layout.Document, faces *fonts.Set) []string {
	seen := map[string]bool{}
	var out []string
	for _, pg := range d.Pages {
		for _, it := range pg.Items {
			t, ok := it.(*layout.Text)
			if !ok || t.Face.Family < fonts.FirstFallback {
				continue
			}
			info := faces.Describe(t.Face)
			name := info.Name + " (" + info.Path + ")"
			if !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	slices.Sort(out)
	return out
}

// pictureStore is where reduced pictures are kept between builds
// (cache_dir): the user's cache folder, found from the environment, unless
// the setting names another or is off; nil keeps none.
func (p *project) pictureStore() media.Store {
	dir := p.cfg.CacheDir
	switch dir {
	case "off":
		return nil
	case "":
		dir = media.UserCacheDir(p.env.Environ)
	default:
		dir = p.env.abs(dir)
	}
	if dir == "" {
		return nil
	}
	return media.DirStore{Dir: dir}
}
