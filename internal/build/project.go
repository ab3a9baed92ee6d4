package build

import (
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/samizdat-press/samizdat/internal/config"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/manifest"
	"github.com/samizdat-press/samizdat/internal/markdown"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/notes"
)

// project is one edition of a book, loaded and resolved, ready to render.
type project struct {
	env      Env
	cfg      *config.Config
	man      *manifest.Manifest
	root     *os.Root
	bookFS   fs.FS
	book     *doc.Book
	parser   *markdown.Parser
	mu       sync.Mutex // guards warnings while chapters parse in parallel
	warnings []string
	// layoutTook is how long the page layout took, for the summary.
	layoutTook time.Duration
}

func (p *project) warn(ws ...string) {
	p.mu.Lock()
	p.warnings = append(p.warnings, ws...)
	p.mu.Unlock()
}

func (p *project) close() {
	if p.root != nil {
		p.root.Close()
	}
}

// loadConfig reads the layered config for one edition ("" for none).
func loadConfig(env Env, opts Options, edition string) (*config.Config, error) {
	file, err := configPath(env, opts.ConfigFile)
	if err != nil {
		return nil, err
	}
	return config.Load(config.LoadOptions{
		FS:          os.DirFS(env.dir()),
		ConfigFile:  file,
		Edition:     edition,
		Environ:     env.Environ,
		Flags:       opts.Flags,
		FlagOrigins: opts.FlagOrigins,
	})
}

// configPath makes a --config path relative to the working folder, which
// is the root of the file system config reads from.
func configPath(env Env, file string) (string, error) {
	if file == "" {
		return "", nil
	}
	if filepath.IsAbs(file) {
		wd, err := filepath.Abs(env.dir())
		if err != nil {
			return "", err
		}
		rel, err := filepath.Rel(wd, file)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return "", fmt.Errorf("config file %s: must be inside the working folder %s", file, wd)
		}
		file = rel
	}
	return filepath.ToSlash(filepath.Clean(file)), nil
}

// load runs every step up to and including the resolve pass. Problems of
// one step are all reported before the build stops.
func load(ctx context.Context, env Env, opts Options, edition string) (*project, error) {
	cfg, err := loadConfig(env, opts, edition)
	if err != nil {
		return nil, err
	}
	p := &project{env: env, cfg: cfg, parser: markdown.New()}
	if err := p.loadManifest(); err != nil {
		p.close()
		return nil, err
	}
	for _, step := range []func(context.Context) error{p.parse, p.loadImages, p.resolve} {
		if err := cancelled(ctx); err != nil {
			p.close()
			return nil, err
		}
		if err := step(ctx); err != nil {
			p.close()
			return nil, err
		}
	}
	if cfg.Strict && len(p.warnings) > 0 {
		errs := make([]error, len(p.warnings))
		for i, w := range p.warnings {
			errs[i] = fmt.Errorf("%s (strict: warnings are errors)", w)
		}
		p.close()
		return nil, errors.Join(errs...)
	}
	return p, nil
}

func (p *project) loadManifest() error {
	root, err := p.env.openBook(p.cfg.Book)
	if err != nil {
		return err
	}
	p.root = root
	p.bookFS = root.FS()
	display := path.Join(filepath.ToSlash(p.cfg.Book), "manifest.yaml")
	m, err := manifest.Load(p.bookFS, "manifest.yaml", manifest.Options{DisplayName: display})
	if err != nil {
		return err
	}
	p.man = m
	p.warn(m.Warnings...)
	return nil
}

// parse reads and parses every chapter file, in parallel, into the tree.
func (p *project) parse(ctx context.Context) error {
	m := p.man
	modified := p.cfg.Date
	if modified.IsZero() {
		modified = p.env.now()
	}
	pos := doc.Pos{File: m.File}
	p.book = &doc.Book{Meta: doc.Meta{
		Title:        doc.PlainText(p.inlineMarkdown(m.Title, pos)),
		Subtitle:     doc.PlainText(p.inlineMarkdown(m.Subtitle, pos)),
		Language:     m.Language,
		Identifier:   m.Identifier,
		Publisher:    m.Publisher,
		Date:         m.Date,
		Rights:       doc.PlainText(p.inlineMarkdown(m.Rights, pos)),
		Description:  doc.PlainText(p.inlineMarkdown(m.Description, pos)),
		Subjects:     m.Subjects,
		Keywords:     m.Keywords,
		Modified:     modified.UTC().Truncate(time.Second),
		Edition:      p.cfg.Edition,
		EditionTitle: p.cfg.EditionTitle,
		Generator:    "samizdat " + p.env.Version,
	}}
	for _, c := range m.Creators {
		p.book.Meta.Creators = append(p.book.Meta.Creators, doc.Creator{Name: c.Name, FileAs: c.FileAs, Role: c.Role})
	}
	if p.book.Meta.Identifier == "" {
		p.book.Meta.Identifier = deriveIdentifier(p.book.Meta)
	}

	var jobs []*doc.Entry
	var convert func([]*manifest.Entry) []*doc.Entry
	convert = func(es []*manifest.Entry) []*doc.Entry {
		var out []*doc.Entry
		for _, e := range es {
			de := &doc.Entry{
				Kind:       e.Kind,
				File:       e.File,
				Tags:       e.Tags,
				Provenance: e.Provenance,
				Pos:        doc.Pos{File: m.File, Line: e.Line},
			}
			if e.Title != "" {
				de.Title = p.inlineMarkdown(e.Title, de.Pos)
			}
			if e.Kind == doc.KindPart {
				de.Children = convert(e.Chapters)
			} else {
				jobs = append(jobs, de)
			}
			out = append(out, de)
		}
		return out
	}
	p.book.Entries = convert(m.Chapters)

	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, e := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if ctx.Err() != nil {
				return
			}
			errs[i] = p.parseEntry(e)
		}()
	}
	wg.Wait()
	if err := cancelled(ctx); err != nil {
		return err
	}
	return errors.Join(errs...)
}

func (p *project) parseEntry(e *doc.Entry) error {
	display := path.Join(filepath.ToSlash(p.cfg.Book), e.File)
	src, err := fs.ReadFile(p.bookFS, e.File)
	if err != nil {
		return fmt.Errorf("%s: %w", display, unwrapPath(err))
	}
	sum := sha256.Sum256(src)
	e.Digest = hex.EncodeToString(sum[:])
	ch, err := p.parser.Parse(src, e.File)
	if err != nil {
		return fmt.Errorf("%s: %w", display, err)
	}
	e.Blocks = ch.Blocks
	e.Notes = ch.Notes
	p.warn(ch.Warnings...)
	return nil
}

// inlineMarkdown reads a title from the manifest as Markdown inline text,
// so titles get the same typographic quotes and dashes as the chapters,
// and may use emphasis (*The Workers' Opposition*).
func (p *project) inlineMarkdown(text string, pos doc.Pos) []doc.Inline {
	if text == "" {
		return nil
	}
	ch, err := p.parser.ParseFragment([]byte(text), pos)
	if err == nil && len(ch.Blocks) == 1 {
		if para, ok := ch.Blocks[0].(*doc.Paragraph); ok {
			return para.Content
		}
	}
	return []doc.Inline{&doc.Text{Text: text}}
}

// unwrapPath drops the path an fs error repeats, since the caller names
// the file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (p *project) loadImages(context.Context) error {
	ws, err := media.Load(p.book, p.bookFS)
	p.warn(ws...)
	return err
}

func (p *project) resolve(context.Context) error {
	cfg := p.cfg
	ws, err := notes.Resolve(p.book, notes.Input{
		FS:              p.bookFS,
		AnnotationFiles: p.man.Notes,
		ParseMarkdown: func(src []byte, pos doc.Pos) ([]doc.Block, error) {
			ch, err := p.parser.ParseFragment(src, pos)
			if err != nil {
				return nil, err
			}
			p.warn(ch.Warnings...)
			return ch.Blocks, nil
		},
		Options: notes.Options{
			Numbering:     cfg.Notes.Numbering,
			Annotations:   cfg.Annotations,
			CitationStyle: cfg.Citation.Style,
			Conditions:    p.man.Conditions,
			Include:       cfg.Include,
			Exclude:       cfg.Exclude,
			Strict:        cfg.Strict,
			Build: notes.BuildInfo{
				Edition:      cfg.Edition,
				EditionTitle: cfg.EditionTitle,
				Version:      p.env.Version,
				Date:         p.book.Meta.Modified,
				ConfigDigest: cfg.Digest(),
			},
		},
	})
	p.warn(ws...)
	return err
}

// deriveIdentifier makes a stable URN for a book without one: a name-based
// (version 5) UUID of its title, language and creators, so every build of
// the same book carries the same identifier and reading systems keep
// readers' positions and notes across updates.
func deriveIdentifier(m doc.Meta) string {
	var sb strings.Builder
	sb.WriteString("samizdat:" + m.Title + "\x00" + m.Language)
	for _, c := range m.Creators {
		sb.WriteString("\x00" + c.Role + ":" + c.Name)
	}
	// RFC 4122 URL namespace, so the UUID is reproducible by other tools.
	ns := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(sb.String()))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	x := hex.EncodeToString(u)
	return fmt.Sprintf("urn:uuid:%s-%s-%s-%s-%s", x[0:8], x[8:12], x[12:16], x[16:20], x[20:32])
}
