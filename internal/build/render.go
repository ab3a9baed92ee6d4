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

// loadFonts reads the faces config names, falling back to the embedded ones.
func (p *project) loadFonts() (*fonts.Set, error) {
	f := p.cfg.Fonts
	paths := map[fonts.Face]string{
		{Family: fonts.Serif, Style: fonts.Regular}:    f.SerifRegular,
		{Family: fonts.Serif, Style: fonts.Italic}:     f.SerifItalic,
		{Family: fonts.Serif, Style: fonts.Bold}:       f.SerifBold,
		{Family: fonts.Serif, Style: fonts.BoldItalic}: f.SerifBoldItalic,
		{Family: fonts.Mono, Style: fonts.Regular}:     f.MonoRegular,
		{Family: fonts.Mono, Style: fonts.Bold}:        f.MonoBold,
	}
	files := fonts.EmbeddedFiles()
	var errs []error
	for face, path := range paths {
		if path == "" {
			continue
		}
		var data []byte
		var err error
		if filepath.IsAbs(path) {
			data, err = os.ReadFile(path)
		} else {
			data, err = fs.ReadFile(os.DirFS(p.env.dir()), path)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("font %s (%s): %w", path, face, unwrapPath(err)))
			continue
		}
		files[face] = data
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	set, err := fonts.Load(files)
	if err != nil {
		return nil, fmt.Errorf("fonts: %w", err)
	}
	return set, nil
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

// render writes the edition's formats to temporary files in the output
// folder and returns them, uncommitted, with what they hold. The EPUB takes
// its print page numbers from the PDF's layout, so the layout runs first;
// then both formats are written in parallel from the same tree.
//
// status reports each output's progress ("typesetting", "done: …"); it
// must be safe for concurrent use.
func (p *project) render(ctx context.Context, status func(format, msg string)) ([]*pendingFile, []output, error) {
	faces, err := p.loadFonts()
	if err != nil {
		return nil, nil, err
	}
	var laid *layout.Document
	if p.wants("pdf") || (p.wants("epub") && p.cfg.EPUB.PageList) {
		status("pdf", "typesetting")
		if p.cfg.EPUB.PageList {
			status("epub", "waiting for the print page numbers")
		}
		start := time.Now()
		laid, err = layout.Layout(p.book, faces, p.layoutOptions())
		if err != nil {
			return nil, nil, fmt.Errorf("layout: %w", err)
		}
		p.warn(laid.Warnings...)
		p.layoutTook = time.Since(start)
	}
	if err := cancelled(ctx); err != nil {
		return nil, nil, err
	}

	type job struct {
		format string
		write  func(io.Writer) ([]string, error)
	}
	var jobs []job
	if p.wants("pdf") {
		jobs = append(jobs, job{"pdf", func(w io.Writer) ([]string, error) {
			return pdf.Write(w, laid, p.book.Meta, faces, pdf.Options{Compress: true})
		}})
	}
	if p.wants("epub") {
		opts := epub.Options{Fonts: faces, EmbedFonts: p.cfg.EPUB.EmbedFonts, TocDepth: p.cfg.EPUB.TOCDepth}
		if laid != nil && p.cfg.EPUB.PageList {
			pm := laid.PageMap
			if pm.Source == "" {
				pm.Source = p.printSource()
			}
			opts.PageMap = &pm
		}
		if p.cfg.EPUB.Cover != "" {
			cover, err := media.LoadFile(p.bookFS, p.cfg.EPUB.Cover)
			if err != nil {
				return nil, nil, fmt.Errorf("epub.cover (%s): %w", p.cfg.Origin("epub.cover"), err)
			}
			opts.Cover = cover
		}
		jobs = append(jobs, job{"epub", func(w io.Writer) ([]string, error) {
			return epub.Write(w, p.book, opts)
		}})
	}

	files := make([]*pendingFile, len(jobs))
	outs := make([]output, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status(j.format, "writing")
			start := time.Now()
			final := filepath.Join(p.env.abs(p.cfg.Out), p.baseName()+"."+j.format)
			f, pending, err := createPending(final)
			if err != nil {
				errs[i] = err
				return
			}
			files[i] = pending
			ws, err := j.write(f)
			p.warn(ws...)
			if cerr := f.Close(); err == nil && cerr != nil {
				err = cerr
			}
			if err != nil {
				errs[i] = fmt.Errorf("%s: %w", j.format, err)
				return
			}
			info, err := os.Stat(pending.tmp)
			if err != nil {
				errs[i] = err
				return
			}
			outs[i] = output{Format: j.format, Path: final, Bytes: info.Size(), Took: time.Since(start)}
			if j.format == "pdf" {
				outs[i].Pages = len(laid.Pages)
				outs[i].Took += p.layoutTook // typesetting is the PDF's work
			}
			status(j.format, "done: "+outs[i].describe())
		}()
	}
	wg.Wait()
	if err := errors.Join(append(errs, cancelled(ctx))...); err != nil {
		discardAll(files)
		return nil, nil, err
	}
	return files, outs, nil
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
