package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/epub"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/pdf"
)

// output is one file a build writes.
type output struct {
	Format string // "epub" or "pdf"
	Path   string
	Bytes  int64
	Pages  int // PDF only
	Took   time.Duration
}

// describe says what an output holds: "19 pages, 80 KB in 0.31s".
func (o output) describe() string {
	d := humanBytes(o.Bytes)
	if o.Pages > 0 {
		d = fmt.Sprintf("%d pages, %s", o.Pages, d)
	}
	return fmt.Sprintf("%s in %.2fs", d, o.Took.Seconds())
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

func (p *project) wants(format string) bool { return slices.Contains(p.cfg.Formats, format) }

// prepareRender loads what the renderers need besides the tree: the
// fonts and the EPUB's cover. It is part of load, so `check` reports a
// broken font or a missing cover as `build` does.
func (p *project) prepareRender(context.Context) {
	p.faces = p.loadFonts()
	if p.wants("epub") && p.cfg.EPUB.Cover != "" {
		p.loadCover()
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
	files := fonts.EmbeddedFiles()
	ok := true
	for _, c := range faces {
		if c.path == "" {
			continue
		}
		var data []byte
		var err error
		if filepath.IsAbs(c.path) {
			data, err = os.ReadFile(c.path)
		} else {
			data, err = fs.ReadFile(os.DirFS(p.env.dir()), c.path)
		}
		code := "font.unreadable"
		if err == nil {
			err, code = fonts.Check(data), "font.invalid"
		}
		if err != nil {
			p.diags.Add(diag.Errorf(c.path, 0, code, "%s font (%s, %s): %v", c.face, c.key, p.cfg.Origin(c.key), unwrapPath(err)))
			ok = false
			continue
		}
		files[c.face] = data
	}
	if !ok {
		return nil
	}
	set, err := fonts.Load(files)
	if err != nil {
		p.diags.Add(diag.Errorf("", 0, "font.invalid", "%v", err))
		return nil
	}
	return set
}

// loadCover reads the EPUB's cover image, reported at the setting naming it.
func (p *project) loadCover() {
	cover, err := media.LoadFile(p.bookFS, p.cfg.EPUB.Cover)
	if err != nil {
		file, line := originPlace(p.cfg.Origin("epub.cover"))
		code := "cover.invalid"
		if errors.Is(err, fs.ErrNotExist) {
			code = "cover.missing"
		}
		p.diags.Add(diag.Errorf(file, line, code, "epub.cover: %v", err))
		return
	}
	p.cover = cover
}

func (p *project) layoutOptions() layout.Options {
	c := p.cfg.PDF
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
		Language:        p.book.Meta.Language,
		LineNumbers:     c.LineNumbers,
		LineNumberEvery: c.LineNumberEvery,
		Endnotes:        p.cfg.Notes.Placement == "endnotes",
		URLFootnotes:    c.URLFootnotes,
		RectoChapters:   c.RectoChapters,
	}
}

// sink gives the writer an output is written to, and the pending file to
// commit when every output is ready (nil when nothing is kept).
type sink func(final string) (io.WriteCloser, *pendingFile, error)

// toFiles writes each output to a temporary file beside its final name.
func toFiles(final string) (io.WriteCloser, *pendingFile, error) { return createPending(final) }

// toNowhere renders without keeping anything, for `check`.
func toNowhere(string) (io.WriteCloser, *pendingFile, error) { return discard{}, nil, nil }

type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) Close() error                { return nil }

// render writes the edition's formats through out and returns the pending
// files, uncommitted, with what they hold. The EPUB takes its print page
// numbers from the PDF's layout, so the layout runs first; then both
// formats are written in parallel from the same tree. Problems go to
// p.diags; render returns whether the outputs are complete.
//
// status reports each output's progress ("typesetting", "done: …"); it
// must be safe for concurrent use.
func (p *project) render(ctx context.Context, out sink, status func(format, msg string)) ([]*pendingFile, []output, bool) {
	faces := p.faces
	var laid *layout.Document
	if p.wants("pdf") || (p.wants("epub") && p.cfg.EPUB.PageList) {
		status("pdf", "typesetting")
		if p.cfg.EPUB.PageList {
			status("epub", "waiting for the print page numbers")
		}
		start := time.Now()
		var err error
		laid, err = layout.Layout(p.book, faces, p.layoutOptions())
		if err != nil {
			p.diags.Add(diag.Errorf("", 0, "layout", "layout: %v", err))
			return nil, nil, false
		}
		p.inBook(laid.Warnings...)
		p.layoutTook = time.Since(start)
	}
	if err := cancelled(ctx); err != nil {
		p.diags.AddError(err)
		return nil, nil, false
	}

	type job struct {
		format string
		write  func(io.Writer) ([]diag.Diagnostic, error)
	}
	var jobs []job
	if p.wants("pdf") {
		jobs = append(jobs, job{"pdf", func(w io.Writer) ([]diag.Diagnostic, error) {
			return pdf.Write(w, laid, p.book.Meta, faces, pdf.Options{Compress: true})
		}})
	}
	if p.wants("epub") {
		opts := epub.Options{Fonts: faces, EmbedFonts: p.cfg.EPUB.EmbedFonts, TocDepth: p.cfg.EPUB.TOCDepth, Cover: p.cover}
		if laid != nil && p.cfg.EPUB.PageList {
			pm := laid.PageMap
			if pm.Source == "" {
				pm.Source = p.printSource()
			}
			opts.PageMap = &pm
		}
		jobs = append(jobs, job{"epub", func(w io.Writer) ([]diag.Diagnostic, error) {
			return epub.Write(w, p.book, opts)
		}})
	}

	files := make([]*pendingFile, len(jobs))
	outs := make([]output, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status(j.format, "writing")
			start := time.Now()
			final := filepath.Join(p.env.abs(p.cfg.Out), p.baseName()+"."+j.format)
			f, pending, err := out(final)
			if err != nil {
				p.diags.Add(diag.Errorf("", 0, "output.create", "%v", err))
				return
			}
			files[i] = pending
			counted := &countingWriter{w: f}
			ws, err := j.write(counted)
			p.inBook(ws...)
			if cerr := f.Close(); err == nil && cerr != nil {
				err = cerr
			}
			if err != nil {
				p.diags.Add(diag.Errorf("", 0, j.format+".write", "%v", err))
				return
			}
			outs[i] = output{Format: j.format, Path: final, Bytes: counted.n, Took: time.Since(start)}
			if j.format == "pdf" {
				outs[i].Pages = len(laid.Pages)
				outs[i].Took += p.layoutTook // typesetting is the PDF's work
			}
			status(j.format, "done: "+outs[i].describe())
		}()
	}
	wg.Wait()
	if err := cancelled(ctx); err != nil {
		p.diags.AddError(err)
	}
	if p.failed() {
		discardAll(files)
		return nil, nil, false
	}
	return files, outs, true
}

// countingWriter counts the bytes of an output as they are written.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
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
