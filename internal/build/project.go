package build

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/config"
	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/include"
	"github.com/samizdat-press/samizdat/internal/infile"
	"github.com/samizdat-press/samizdat/internal/lang"
	"github.com/samizdat-press/samizdat/internal/manifest"
	"github.com/samizdat-press/samizdat/internal/markdown"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/notebook"
	"github.com/samizdat-press/samizdat/internal/notes"
)

// project is one edition of a book, loaded and resolved, ready to render.
type project struct {
	env    Env
	opts   Options // as the build was asked for, to load another edition
	cfg    *config.Config
	man    *manifest.Manifest
	root   *os.Root
	bookFS fs.FS
	// includes say where chapters' file includes are read from; incRoot
	// is the folder above the book they need, when they need one.
	includes include.Options
	incRoot  *os.Root
	// hugoSite sums the Hugo site config read, if any (see readHugoSite).
	hugoSite [32]byte
	// glue is what the book's notebooks glued; nil when none glued
	// anything
	glue *bookGlue
	// vitepress is set when the book is a VitePress site's pages (see
	// findVitePress).
	vitepress bool
	// carpentries is set when the book is a Carpentries lesson (see
	// findCarpentries).
	carpentries bool
	// jekyllSite sums the Jekyll site's files the pages' Liquid reads
	// (findJekyllSite); zero when the book is no Jekyll site's.
	jekyllSite [32]byte
	// carpentriesJekyll: the lesson is of the older Jekyll template
	// (_config.yml, _episodes/).
	carpentriesJekyll bool
	// siteStatic is the static folder of the Hugo site above the book,
	// named siteStaticPath from the book folder (see readHugoSite).
	siteStatic     *os.Root
	siteStaticPath string
	book           *doc.Book
	parser         *markdown.Parser
	// vault is the book folder's files, listed when a wikilink first
	// needs them
	vault        []string
	vaultOnce    sync.Once
	vaultSum     []byte
	vaultSumOnce sync.Once
	// faces and cover are what the renderers need besides the tree.
	faces *fonts.Set
	cover *doc.Asset
	// diags gathers every problem found, from any goroutine.
	diags diag.List
	// typeset is the layout, made once for the formats that need it.
	typeset *typesetting
	// script and parsed are the session's (see Options).
	script string
	parsed *parseCache
	// pictures are the pictures prepared for output, shared by the
	// editions built together.
	pictures *media.Cache
	// punct sets the text's punctuation by language.
	punct notes.Punctuation
	// mapped are the files mapped into memory, released by close.
	mapped releases
	// together are the editions loaded in the same build, by name, so
	// that one whose EPUB follows another's pages reuses that edition's
	// layout instead of loading and typesetting it again.
	together map[string]*project
	// git answers what dating the book asks; dating is closed when the
	// questions asked while the chapters are parsed are answered.
	git    *gitAnswers
	dating chan struct{}
}

// releases are what close lets go, gathered from any goroutine.
type releases struct {
	mu  sync.Mutex
	fns []func()
}

func (r *releases) add(release func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fns = append(r.fns, release)
}

func (r *releases) release() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, f := range r.fns {
		f()
	}
	r.fns = nil
}

// manifestName is the manifest's name in the book folder.
const manifestName = "manifest.yaml"

// inBook records diagnostics whose files are relative to the book folder
// (those of the parser, the resolve pass and the renderers), naming each
// file as the user would type it.
func (p *project) inBook(ds ...diag.Diagnostic) {
	for i := range ds {
		ds[i].File = p.bookFile(ds[i].File)
	}
	p.diags.Add(ds...)
}

// bookErr records the problems of err, whose files are relative to the
// book folder, and returns whether there were any.
func (p *project) bookErr(err error) bool {
	p.inBook(diag.FromError(err)...)
	return err != nil
}

// bookFile names a file of the book folder relative to the working folder.
func (p *project) bookFile(name string) string {
	if name == "" {
		return ""
	}
	return path.Join(filepath.ToSlash(p.cfg.Book), name)
}

func (p *project) close() {
	p.mapped.release()
	if p.root != nil {
		p.root.Close()
	}
	if p.incRoot != nil {
		p.incRoot.Close()
	}
	if p.siteStatic != nil {
		p.siteStatic.Close()
	}
}

// loadConfig reads the layered config for one edition ("" for none), and
// checks that the page layout can honour its print settings, so a margin
// too narrow for what it holds is found before the book is read.
func loadConfig(env Env, opts Options, edition string) (*config.Config, error) {
	cfg, err := config.Load(config.LoadOptions{
		Files:       env.configFiles(opts),
		ConfigFile:  configFile(env, opts),
		Edition:     edition,
		Environ:     env.Environ,
		Flags:       opts.Flags,
		FlagOrigins: opts.FlagOrigins,
		Parsed:      opts.settings,
	})
	if err != nil {
		return nil, err
	}
	if slices.Contains(cfg.Formats, "pdf") || cfg.EPUB.PageList {
		if err := layoutOptions(cfg).Check(); err != nil {
			msg, _ := strings.CutPrefix(err.Error(), "layout: ")
			return nil, diag.Diagnostic{Severity: diag.Error, Code: config.CodeConflict, Message: "pdf settings: " + msg}
		}
	}
	return cfg, nil
}

// osFiles reads the files config names: relative to the working folder,
// or absolute, and none larger than limit.
type osFiles struct {
	dir   string
	limit infile.Limit
}

func (f osFiles) path(name string) string {
	p := filepath.FromSlash(name)
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(f.dir, p)
}

func (f osFiles) ReadFile(name string) ([]byte, error) {
	return infile.ReadPath(f.path(name), f.limit)
}
func (f osFiles) Stat(name string) (fs.FileInfo, error)      { return os.Stat(f.path(name)) }
func (f osFiles) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(f.path(name)) }

// files reads files by the names config and the command line give them,
// refusing any larger than limit.
func (env Env) files(limit infile.Limit) osFiles { return osFiles{dir: env.dir(), limit: limit} }

// configFiles reads the config files, with the limit the command line or
// the environment set.
func (env Env) configFiles(opts Options) osFiles {
	return env.files(infile.Limit{Bytes: config.ConfigLimit(env.Environ, opts.Flags), Setting: "limits.config"})
}

// limit is the limit a limits.* setting sets.
func (p *project) limit(key string) infile.Limit {
	l := p.cfg.Limits
	n := map[string]int64{
		"limits.manifest":    l.Manifest,
		"limits.chapter":     l.Chapter,
		"limits.annotations": l.Annotations,
		"limits.image":       l.Image,
		"limits.font":        l.Font,
		"limits.config":      l.Config,
	}[key]
	return infile.Limit{Bytes: n, Setting: key}
}

// pictureLimits bound what a picture may cost.
func (p *project) pictureLimits() media.Options {
	return media.Options{MaxDecoded: p.cfg.Limits.ImageMemory, Setting: "limits.image_memory", Pictures: p.opts.shared}
}

// limited is the book folder, its files read with the limit key sets.
func (p *project) limited(key string) fs.FS { return infile.FS(p.bookFS, p.limit(key)) }

// load runs every step that can find a problem before the outputs are
// written: manifest, parsing, images, the resolve pass, then the fonts and
// cover the renderers need, so `check` finds what `build` finds. Problems
// go to p.diags; the first step with errors stops the load, since later
// steps need its results. Warnings never stop it, even under --strict, so
// that every problem is reported at once. A nil project means the config
// itself could not be read, as err says.
func load(ctx context.Context, env Env, opts Options, edition string) (*project, error) {
	cfg, err := loadConfig(env, opts, edition)
	if err != nil {
		return nil, err
	}
	// editions built together are dated by much the same files
	opts.git.expect(env.dir(), settingsInputs(cfg))
	p := &project{env: env, opts: opts, cfg: cfg, script: opts.script, parsed: opts.parsed, git: opts.git}
	po := parseOptions(cfg)
	po.Vault = markdown.NewVault(p.vaultFiles)
	p.parser = markdown.NewWith(po)
	if p.git == nil {
		p.git = newGitAnswers(env.Git)
	}
	conv, err := lang.NewConventions(cfg.Typography.Languages)
	if err != nil {
		return nil, fmt.Errorf("typography.languages: %w", err) // config.Load checked them
	}
	p.punct = notes.Punctuation{SmartQuotes: cfg.Typography.SmartQuotes, Conventions: conv}
	for _, step := range []func(context.Context){p.loadManifest, p.startDating, p.parse, p.loadImages, p.dateBook, p.resolve, p.validate, p.prepareRender} {
		if err := cancelled(ctx); err != nil {
			p.diags.AddError(err)
		}
		if p.failed() {
			break
		}
		step(ctx)
	}
	if p.dating != nil {
		<-p.dating // git is not left running after a failed load
	}
	return p, nil
}

// failed reports whether a step found an error, which stops the next.
func (p *project) failed() bool { return p.diags.HasErrors() }

// report is the edition's problems, warnings made errors under --strict.
func (p *project) report() []diag.Diagnostic {
	ds := p.diags.Items()
	if p.cfg.Strict {
		ds = diag.Strict(ds)
	}
	return ds
}

func (p *project) loadManifest(context.Context) {
	root, err := p.env.openBook(p.cfg.Book)
	if err != nil {
		p.diags.AddError(err)
		return
	}
	p.root = root
	p.bookFS = root.FS()
	display := p.bookFile(manifestName)
	m, err := manifest.Load(p.limited("limits.manifest"), manifestName, manifest.Options{DisplayName: display})
	if err != nil {
		p.diags.AddError(err)
		return
	}
	p.man = m
	p.diags.Add(m.Warnings...)
	p.checkEdition()
}

// checkEdition warns about an edition's choice of conditions that cannot
// mean what was meant, at the line of config that makes it.
func (p *project) checkEdition() {
	for _, problem := range notes.CheckEdition(notes.Options{Conditions: p.man.Conditions, Include: p.cfg.Include, Exclude: p.cfg.Exclude}) {
		file, line, column := p.cfg.Place(problem.Key)
		d := diag.Warnf(file, line, problem.Code, "%s", problem.Message)
		d.Column = column
		p.diags.Add(d)
	}
}

// parse reads and parses every chapter file, in parallel, into the tree.
func (p *project) parse(ctx context.Context) {
	m := p.man
	// Positions in the tree are relative to the book folder, as the
	// chapters' are; inBook names them for messages.
	pos := doc.Pos{File: manifestName}
	text := p.printable
	// The metadata's text is in the book's language.
	markdown := func(key, s string) string {
		return p.punct.Text(doc.PlainText(p.inlineMarkdown(text(key, s), pos)), m.Language)
	}
	p.book = &doc.Book{Meta: doc.Meta{
		File:             manifestName,
		Title:            markdown("title", m.Title),
		Subtitle:         markdown("subtitle", m.Subtitle),
		Language:         m.Language,
		Identifier:       text("identifier", m.Identifier),
		Publisher:        text("publisher", m.Publisher),
		Date:             text("date", m.Date),
		Rights:           markdown("rights", m.Rights),
		Description:      markdown("description", m.Description),
		Modified:         p.cfg.Date.UTC().Truncate(time.Second), // zero: dated by dateBook
		Edition:          p.cfg.Edition,
		EditionTitle:     p.punct.Text(strings.TrimSpace(p.cfg.EditionTitle), m.Language),
		ShowEditionTitle: p.cfg.ShowEditionTitle,
		Generator:        strings.TrimSpace("samizdat " + p.env.Version),
	}}
	for _, s := range m.Subjects {
		p.book.Meta.Subjects = append(p.book.Meta.Subjects, text("subjects", s))
	}
	for _, k := range m.Keywords {
		p.book.Meta.Keywords = append(p.book.Meta.Keywords, text("keywords", k))
	}
	for _, c := range m.Creators {
		p.book.Meta.Creators = append(p.book.Meta.Creators, doc.Creator{Name: text("creators", c.Name), FileAs: text("creators", c.FileAs), Role: c.Role})
	}
	if p.book.Meta.Identifier == "" {
		p.book.Meta.Identifier = deriveIdentifier(p.book.Meta)
	}

	p.findCarpentries()
	p.includes = p.includeOptions()
	p.readHugoSite()
	p.findJekyllSite()
	p.findVitePress()
	var jobs []*doc.Entry
	var convert func([]*manifest.Entry) []*doc.Entry
	convert = func(es []*manifest.Entry) []*doc.Entry {
		var out []*doc.Entry
		for _, e := range es {
			de := &doc.Entry{
				Kind:       e.Kind,
				File:       e.File,
				Language:   e.Language,
				Tags:       e.Tags,
				Numbered:   max(e.Numbered, 0),
				Level:      e.Level,
				Provenance: e.Provenance,
				// running heads set the short title as it is, so its
				// quotation marks are set here, in its text's language
				ShortTitle: p.punct.Text(text("short_title", e.ShortTitle), cmp.Or(e.Language, m.Language)),
				Pos:        doc.Pos{File: manifestName, Line: e.Line},
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

	p.glue = p.collectGlue(jobs)
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, e := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if ctx.Err() != nil {
				return
			}
			p.parseEntry(e)
		}()
	}
	wg.Wait()
	var warns []diag.Diagnostic
	p.book.Entries, warns = bookdownParts(p.book.Entries)
	p.inBook(warns...)
}

func (p *project) parseEntry(e *doc.Entry) {
	src, err := fs.ReadFile(p.limited("limits.chapter"), e.File)
	if err != nil {
		p.inBook(diag.Errorf(e.File, 0, "chapter.unreadable", "%v", unwrapPath(err)))
		return
	}
	sum := sha256.Sum256(src)
	e.Digest = hex.EncodeToString(sum[:])
	if notebook.IsNotebook(e.File) {
		p.parseNotebook(e, src, sum)
		return
	}
	if markdown.IsHTMLChapter(e.File) {
		ch, err := p.parsed.parse(e.File, sum, func() (*markdown.Chapter, error) {
			return p.parser.ParseHTML(src, e.File)
		})
		if !p.bookErr(err) {
			p.takeChapter(e, ch)
		}
		return
	}
	inc := include.Expand(src, e.File, p.includes)
	p.inBook(inc.Warnings...)
	for _, f := range inc.Files {
		e.Included = append(e.Included, doc.Input{Path: f.Name, Digest: f.Digest})
		p.opts.included.add(p.env.abs(p.bookFile(f.Name)))
	}
	key := sum
	if inc.Origins != nil {
		key = expandedKey(inc)
	}
	if bytes.Contains(src, []byte("[[")) || bytes.Contains(inc.Source, []byte("[[")) || quartoFile(e.File) {
		// wikilinks name files found in the book folder, and a Quarto
		// chunk's figure is the picture Quarto left there: a file added or
		// moved changes where they lead
		key = sha256.Sum256(append(key[:], p.vaultDigest()...))
	}
	if c := p.cfg.Markdown.Critic; c != "" && c != "view" {
		// read otherwise than shown: a tree of its own
		key = sha256.Sum256(append(key[:], c...))
	}
	if p.vitepress {
		// containers and Vue blocks are read otherwise
		key = sha256.Sum256(append(key[:], "vitepress"...))
	}
	if p.carpentries {
		// a lesson's fenced divs are its boxes
		key = sha256.Sum256(append(key[:], "carpentries"...))
	}
	if m := mathSettings(p.cfg); m != "" {
		// formulas read with the book's delimiters and commands
		key = sha256.Sum256(append(key[:], m...))
	}
	if p.hugoSite != ([32]byte{}) {
		// the site's params answer the chapter's param shortcodes
		key = sha256.Sum256(append(key[:], p.hugoSite[:]...))
	}
	if p.jekyllSite != ([32]byte{}) {
		// the site's config, includes and pages answer its Liquid
		key = sha256.Sum256(append(key[:], p.jekyllSite[:]...))
	}
	key = p.glue.key(key)
	ch, err := p.parsed.parse(e.File, key, func() (*markdown.Chapter, error) {
		if inc.Origins == nil {
			return p.parser.ParseGlued(src, e.File, nil, p.glue.forPage(e.File))
		}
		return p.parser.ParseGlued(inc.Source, e.File, inc, p.glue.forPage(e.File))
	})
	if p.bookErr(err) {
		return
	}
	p.takeChapter(e, ch)
	if inc.Title != "" {
		e.PageTitle = p.punct.Text(inc.Title, cmp.Or(e.Language, p.man.Language))
		// mdBook's page title is the author's name for the page: better
		// than no title at all when nothing else gives one
		if e.Title == nil && !hasHeading(e.Blocks) {
			e.Title = []doc.Inline{&doc.Text{Text: inc.Title}}
		}
	}
}

// takeChapter gives the entry what its file holds.
func (p *project) takeChapter(e *doc.Entry, ch *markdown.Chapter) {
	e.Blocks = ch.Blocks
	e.Notes = ch.Notes
	p.inBook(ch.Warnings...)
	// The manifest's title and language come first; the file's front
	// matter stands in for them (and, for the title, before the file's
	// first heading, which the resolve pass takes when neither gives one).
	if e.Title == nil && ch.Front.Title != "" {
		e.Title = p.inlineMarkdown(ch.Front.Title, doc.Pos{File: e.File, Line: ch.Front.TitleLine})
	}
	if e.Language == "" {
		e.Language = ch.Front.Language
	}
}

// parseNotebook reads a Jupyter notebook's chapter: its JSON as
// Markdown (internal/notebook), parsed as a chapter's Markdown is, its
// lines placed in the notebook.
func (p *project) parseNotebook(e *doc.Entry, src []byte, sum [32]byte) {
	opt := notebook.Options{OutputLines: p.cfg.Markdown.NotebookOutputLines, Prompts: p.cfg.Markdown.NotebookPrompts}
	key := p.glue.key(sha256.Sum256(fmt.Appendf(sum[:], "\x00notebook\x00%d\x00%t\x00%s", opt.OutputLines, opt.Prompts, mathSettings(p.cfg))))
	ch, err := p.parsed.parse(e.File, key, func() (*markdown.Chapter, error) {
		nb, err := notebook.Convert(src, e.File, opt)
		if err != nil {
			return nil, err
		}
		ch, err := p.parser.ParseGlued(nb.Source, e.File, nb, p.glue.forPage(e.File))
		if err != nil {
			return nil, err
		}
		ch.Blocks = notebook.Finish(ch.Blocks)
		ch.Warnings = append(nb.Warnings, ch.Warnings...)
		return ch, nil
	})
	if p.bookErr(err) {
		return
	}
	p.takeChapter(e, ch)
}

// hasHeading reports whether blocks hold a heading, which titles an
// entry without a title of its own.
func hasHeading(blocks []doc.Block) bool {
	found := false
	doc.Walk(blocks, doc.Visitor{Block: func(b doc.Block) bool {
		if _, ok := b.(*doc.Heading); ok {
			found = true
		}
		return !found
	}})
	return found
}

// parseOptions are how cfg says the chapters are read.
func parseOptions(cfg *config.Config) markdown.Options {
	var o markdown.Options
	switch cfg.Markdown.Critic {
	case "accept":
		o.Critic = markdown.CriticAccept
	case "reject":
		o.Critic = markdown.CriticReject
	}
	switch cfg.Markdown.MathBackslash {
	case "single":
		o.MathBackslash = markdown.MathBackslashSingle
	case "double":
		o.MathBackslash = markdown.MathBackslashDouble
	case "off":
		o.MathBackslash = markdown.MathBackslashOff
	}
	o.MathMacros = cfg.Markdown.MathMacros
	return o
}

// mathSettings is how cfg's settings for formulas differ from the
// defaults, as text ("" when they do not), for the key of a parsed
// chapter.
func mathSettings(cfg *config.Config) string {
	var b strings.Builder
	if m := cfg.Markdown.MathBackslash; m != "" && m != "auto" {
		b.WriteString(m)
	}
	for _, name := range slices.Sorted(maps.Keys(cfg.Markdown.MathMacros)) {
		fmt.Fprintf(&b, "\x00%s\x00%s", name, cfg.Markdown.MathMacros[name])
	}
	return b.String()
}

// quartoFile reports whether a chapter is Quarto's (.qmd) or R
// Markdown's (.Rmd), whose code chunks' figures are found among the book
// folder's files.
func quartoFile(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".qmd" || ext == ".rmd"
}

// maxVaultFiles bounds the files wikilinks look among, so a book folder
// holding a whole disk is not read to its end.
const maxVaultFiles = 100000

// vaultFiles lists the book folder's files for wikilinks, skipping hidden
// folders (.obsidian, .git, .trash), once for the build.
func (p *project) vaultFiles() []string {
	p.vaultOnce.Do(func() {
		if p.bookFS == nil {
			return
		}
		fs.WalkDir(p.bookFS, ".", func(name string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return nil
			case name != "." && strings.HasPrefix(d.Name(), "."):
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			case len(p.vault) >= maxVaultFiles:
				return fs.SkipAll
			case d.Type().IsRegular():
				p.vault = append(p.vault, name)
			}
			return nil
		})
	})
	return slices.Clone(p.vault)
}

// vaultDigest sums the book folder's files as wikilinks see them, once.
func (p *project) vaultDigest() []byte {
	p.vaultSumOnce.Do(func() {
		h := sha256.New()
		for _, f := range p.vaultFiles() {
			h.Write([]byte(f + "\x00"))
		}
		p.vaultSum = h.Sum(nil)
	})
	return p.vaultSum
}

// expandedKey is what a chapter whose includes were expanded is parsed
// from: its text and where each line came from.
func expandedKey(r *include.Result) [32]byte {
	h := sha256.New()
	h.Write(r.Source)
	for _, o := range r.Origins {
		fmt.Fprintf(h, "\x00%s\x00%d\x00%d", o.File, o.Line, o.Shift)
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// includeOptions are where chapters' includes are read from: the folders
// markdown.include_paths names, relative to the book folder, confined
// with os.Root to the nearest folder holding them and the book, so no
// symlink leads further.
func (p *project) includeOptions() include.Options {
	paths := p.cfg.Markdown.IncludePaths
	opt := include.Options{Book: ".", Setting: "markdown.include_paths", Allowed: "[" + strings.Join(paths, ", ") + "]"}
	book := filepath.Clean(p.env.abs(p.cfg.Book))
	// A book built from inside its folder is "."; its parent, and the
	// folders above it that ".." in a setting names, are known only from
	// its absolute path.
	if a, err := filepath.Abs(book); err == nil {
		book = a
	}
	if p.cfg.Origin(opt.Setting) == "default" {
		if project := projectFile(book); project != "" {
			paths = append(slices.Clone(paths), "..")
			opt.Allowed += " and .., which holds " + project
		}
	}
	var roots []string
	base := book
	for _, ip := range paths {
		r := filepath.FromSlash(ip)
		if !filepath.IsAbs(r) {
			r = filepath.Join(book, r)
		}
		r = filepath.Clean(r)
		roots = append(roots, r)
		for !inside(base, r) && filepath.Dir(base) != base {
			base = filepath.Dir(base)
		}
	}
	fsys := p.bookFS
	if base != book {
		root, err := os.OpenRoot(base)
		if err != nil {
			p.inBook(diag.Warnf("", 0, "include.unreadable", "markdown.include_paths: cannot open %s: %v; includes are read from the book folder only", base, unwrapPath(err)))
			roots, base = []string{book}, book
		} else {
			p.incRoot = root
			fsys = root.FS()
		}
	}
	opt.FS = infile.FS(fsys, p.limit("limits.chapter"))
	rel := func(a string) string {
		r, _ := filepath.Rel(base, a)
		return filepath.ToSlash(r)
	}
	opt.Book = rel(book)
	for _, r := range roots {
		opt.Roots = append(opt.Roots, rel(r))
	}
	opt.AppendSetting = "markdown.include_append"
	for _, name := range p.cfg.Markdown.IncludeAppend {
		if t := include.Find(opt, filepath.ToSlash(name)); t != "" {
			opt.Append = append(opt.Append, t)
			continue
		}
		file, line, column := p.cfg.Place(opt.AppendSetting)
		d := diag.Warnf(file, line, include.CodeMissing, "%s: no file %q in the folders includes are read from (%s: %s); not appended", opt.AppendSetting, name, opt.Setting, opt.Allowed)
		d.Column = column
		p.diags.Add(d)
	}
	if p.carpentries && !p.carpentriesJekyll && len(p.cfg.Markdown.IncludeAppend) == 0 {
		// a lesson's links.md defines the links every page may use: its
		// site appends it to each
		if t := include.Find(opt, "links.md"); t != "" {
			opt.Append = append(opt.Append, t)
		}
	}
	return opt
}

// findJekyllSite reads the book's pages as a Jekyll site's, their
// Liquid made as the site makes it, when the book folder or one of the
// hugoSiteLevels folders above it holds a Jekyll site's _config.yml
// (markdown.FindJekyllSite). Read through an os.Root at the highest
// folder, as the Hugo site's config is.
func (p *project) findJekyllSite() {
	book, top, dirs := p.siteFolders()
	root, err := os.OpenRoot(top)
	if err != nil {
		return
	}
	defer root.Close()
	site := markdown.FindJekyllSite(infile.FS(root.FS(), p.limit("limits.config")), dirs)
	if site == nil {
		return
	}
	name := func(f string) string { return p.siteFileName(book, top, f) }
	for i := range site.Warnings {
		site.Warnings[i].File = name(site.Warnings[i].File)
	}
	p.diags.Add(site.Warnings...)
	p.opts.included.add(filepath.Join(top, filepath.FromSlash(site.Name)))
	site.Name = name(site.Name)
	p.jekyllSite = site.Digest
	p.parser = p.parser.WithJekyllSite(site)
}

// findVitePress reads the book as a VitePress site's pages when a
// folder .vitepress, the site's configuration, is in the book folder or
// one of the hugoSiteLevels folders above it (a site's srcDir is often
// a folder of its own, docs/ or src/).
func (p *project) findVitePress() {
	d := filepath.Clean(p.env.abs(p.cfg.Book))
	if a, err := filepath.Abs(d); err == nil {
		d = a
	}
	for range hugoSiteLevels + 1 {
		if fi, err := os.Stat(filepath.Join(d, ".vitepress")); err == nil && fi.IsDir() {
			p.vitepress = true
			p.parser = p.parser.WithVitePress()
			return
		}
		if filepath.Dir(d) == d {
			return
		}
		d = filepath.Dir(d)
	}
}

// findCarpentries reads the book as a Carpentries lesson (The
// Carpentries Workbench's) when the book folder holds the lesson's
// config.yaml, which names its carpentry, and its episodes/ folder: its
// fenced divs are the lesson's boxes, the figures of episodes/ are
// found from its other pages too, as the lesson's site serves them, and
// its links.md is appended to every chapter, unless
// markdown.include_append names files.
//
// A lesson of the older Jekyll template (_config.yml naming its
// carpentry, _episodes/ or _episodes_rmd/) is read so too: its boxes
// are quotations given their class by an IAL ({: .challenge}), and its
// pages include links.md themselves.
func (p *project) findCarpentries() {
	if p.root == nil {
		return
	}
	if p.isDir("episodes") && p.namesCarpentry("config.yaml") {
		p.carpentries = true
		p.parser = p.parser.WithCarpentries()
		return
	}
	if (p.isDir("_episodes") || p.isDir("_episodes_rmd")) && p.namesCarpentry("_config.yml") {
		p.carpentries, p.carpentriesJekyll = true, true
		p.parser = p.parser.WithCarpentries()
	}
}

func (p *project) isDir(name string) bool {
	fi, err := p.root.Stat(name)
	return err == nil && fi.IsDir()
}

// namesCarpentry reports whether the book folder's config file name has
// a top-level key carpentry.
func (p *project) namesCarpentry(name string) bool {
	f, err := p.root.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	// the key is near the top; a config is a few kilobytes
	sc := bufio.NewScanner(io.LimitReader(f, 64<<10))
	for sc.Scan() {
		if k, _, ok := strings.Cut(sc.Text(), ":"); ok && k == "carpentry" {
			return true
		}
	}
	return false
}

// pageFolders are the book's folders its site serves every page from,
// where pictures and links not found from their chapter are looked for.
func (p *project) pageFolders() []string {
	if p.carpentries && !p.carpentriesJekyll {
		return []string{"episodes"}
	}
	return nil
}

// siteFolders are where a site the book is part of may keep its config:
// top, the highest of the book folder (book, absolute) and the
// hugoSiteLevels folders above it, and those folders as slash paths from
// top, the book's first.
func (p *project) siteFolders() (book, top string, dirs []string) {
	book = filepath.Clean(p.env.abs(p.cfg.Book))
	if a, err := filepath.Abs(book); err == nil {
		book = a
	}
	top = book
	for range hugoSiteLevels {
		if filepath.Dir(top) == top {
			break
		}
		top = filepath.Dir(top)
	}
	for d := book; ; d = filepath.Dir(d) {
		r, _ := filepath.Rel(top, d)
		dirs = append(dirs, filepath.ToSlash(r))
		if d == top || filepath.Dir(d) == d {
			break
		}
	}
	return book, top, dirs
}

// siteFileName names a site's file f, a slash path from top, as messages
// name the book's files: from the book folder, then the working folder.
func (p *project) siteFileName(book, top, f string) string {
	r, err := filepath.Rel(book, filepath.Join(top, filepath.FromSlash(f)))
	if err != nil {
		return f
	}
	return p.bookFile(filepath.ToSlash(r))
}

// hugoSiteLevels is how many folders above the book a Hugo site's config
// is looked for: a book of content/en/section is three below the site.
const hugoSiteLevels = 3

// readHugoSite reads the params of the Hugo site the book's chapters come
// from, in the book folder or the nearest of the folders above it that
// holds a Hugo config, so that the param shortcode falls back on them as
// on the site. The folders are read through an os.Root at the highest, so
// no symlink leads further, and only regular files within limits.config.
func (p *project) readHugoSite() {
	book, top, dirs := p.siteFolders()
	root, err := os.OpenRoot(top)
	if err != nil {
		// an unreadable folder above the book holds no site to read
		return
	}
	defer root.Close()
	site := markdown.ReadHugoSite(infile.FS(root.FS(), p.limit("limits.config")), dirs)
	// names relative to the book folder, then to the working folder
	name := func(f string) string { return p.siteFileName(book, top, f) }
	for i := range site.Warnings {
		site.Warnings[i].File = name(site.Warnings[i].File)
	}
	p.diags.Add(site.Warnings...)
	for _, f := range site.Files {
		p.opts.included.add(filepath.Join(top, filepath.FromSlash(f)))
	}
	p.openSiteStatic(root, book, top, site, dirs)
	if len(site.Files) == 0 {
		return
	}
	p.hugoSite = site.Digest
	p.parser = p.parser.WithHugoSite(site.Params, name(site.Files[0]))
}

// openSiteStatic opens the static folder of the Hugo site found above the
// book, which Hugo serves at the site's root, for the pictures the book
// names from there (/images/docs/pod.svg, for a book of content/en). It is
// opened through the site's folder, so neither it nor a symlink in it
// leads out of the site. A site that is the book folder itself needs
// none: the book's own static/ is read anyway.
func (p *project) openSiteStatic(root *os.Root, book, top string, site markdown.HugoSite, dirs []string) {
	var files []string
	files = append(files, site.Files...)
	for _, w := range site.Warnings {
		// a config that cannot be read still says where the site is
		files = append(files, w.File)
	}
	dir := ""
	for _, d := range dirs {
		for _, f := range files {
			if f != "" && (path.Dir(f) == d || path.Dir(f) == path.Join(d, "config", "_default")) {
				dir = d
				break
			}
		}
		if dir != "" {
			break
		}
	}
	if dir == "" || filepath.Join(top, filepath.FromSlash(dir)) == book {
		return
	}
	siteRoot, err := root.OpenRoot(dir)
	if err != nil {
		return
	}
	defer siteRoot.Close()
	static, err := siteRoot.OpenRoot("static")
	if err != nil {
		// a site without static/ holds no pictures there
		return
	}
	rel, err := filepath.Rel(book, filepath.Join(top, filepath.FromSlash(dir), "static"))
	if err != nil {
		static.Close()
		return
	}
	p.siteStatic, p.siteStaticPath = static, filepath.ToSlash(rel)
}

// projectFile names the file in the book folder's parent that makes the
// parent the book's project, whose files includes may read by default:
// mdBook's book.toml or a MkDocs configuration (mkdocs.yml, or
// mkdocs-*.yml where a project has several) that names the book folder
// as its source (src, docs_dir, by default "src" and "docs"). Those are
// the folders mdBook's listings and pymdownx.snippets' base_path are read
// from. A folder is never allowed for merely being a repository's root:
// a home folder under version control would open every file in it to any
// book kept there. "" when the parent is no such project.
func projectFile(book string) string {
	parent := filepath.Dir(book)
	if parent == book {
		return ""
	}
	names := func(dir string) bool {
		return dir != "" && filepath.Clean(filepath.Join(parent, filepath.FromSlash(dir))) == book
	}
	if data, err := os.ReadFile(filepath.Join(parent, "book.toml")); err == nil && names(tomlBookSrc(string(data))) {
		return "book.toml"
	}
	configs, _ := filepath.Glob(filepath.Join(parent, "mkdocs*.y*ml"))
	for _, c := range configs {
		if ext := filepath.Ext(c); ext != ".yml" && ext != ".yaml" {
			continue
		}
		if data, err := os.ReadFile(c); err == nil && names(mkdocsDocsDir(string(data))) {
			return filepath.Base(c)
		}
	}
	return ""
}

var (
	tomlTable  = regexp.MustCompile(`^\s*\[\s*([^\]]*?)\s*\]\s*(?:#.*)?$`)
	tomlSrc    = regexp.MustCompile(`^\s*src\s*=\s*(?:"([^"]*)"|'([^']*)')\s*(?:#.*)?$`)
	mkdocsDocs = regexp.MustCompile(`^docs_dir\s*:\s*(?:"([^"]*)"|'([^']*)'|([^\s#'"][^#]*?))\s*(?:#.*)?$`)
)

// tomlBookSrc is the src of book.toml's [book] table, "src" when it
// gives none. Only that key is read, line by line.
func tomlBookSrc(text string) string {
	table := ""
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSuffix(l, "\r")
		if m := tomlTable.FindStringSubmatch(l); m != nil {
			table = m[1]
		} else if m := tomlSrc.FindStringSubmatch(l); m != nil && table == "book" {
			return m[1] + m[2]
		}
	}
	return "src"
}

// mkdocsDocsDir is a MkDocs configuration's docs_dir, "docs" when it
// gives none. Only that top-level key is read, line by line.
func mkdocsDocsDir(text string) string {
	for _, l := range strings.Split(text, "\n") {
		if m := mkdocsDocs.FindStringSubmatch(strings.TrimSuffix(l, "\r")); m != nil {
			return m[1] + m[2] + m[3]
		}
	}
	return "docs"
}

// inside reports whether path p is dir or lies in it.
func inside(dir, p string) bool {
	r, err := filepath.Rel(dir, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// printable drops control characters from a text of the manifest's
// metadata, with a warning: no format can show them, and in the PDF's
// document information they would reach every tool that prints it.
func (p *project) printable(key, s string) string {
	clean, bad := withoutControls(s)
	if bad != 0 {
		p.inBook(diag.Warnf(manifestName, 0, "metadata.control", "%s: control character %U removed", key, bad))
	}
	return clean
}

// withoutControls makes s one line: each run of line breaks and tabs
// becomes a space, other control characters go. It returns the first
// control character found, 0 if none.
func withoutControls(s string) (string, rune) {
	i := strings.IndexFunc(s, unicode.IsControl)
	if i < 0 {
		return s, 0
	}
	first, _ := utf8.DecodeRuneInString(s[i:])
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
			}
			space = true
		case unicode.IsControl(r):
		default:
			space = false
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String()), first
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

func (p *project) loadImages(context.Context) {
	opts := p.pictureLimits()
	if len(p.man.AltText) > 0 {
		opts.AltText = map[string]media.AltText{}
		for name, alt := range p.man.AltText {
			opts.AltText[name] = media.AltText{Text: alt.Text, Pos: doc.Pos{File: manifestName, Line: alt.Line}}
		}
	}
	if p.siteStatic != nil {
		opts.SiteStatic = infile.FS(p.siteStatic.FS(), p.limit("limits.image"))
		opts.SiteStaticPath = p.siteStaticPath
	}
	opts.PageFolders = p.pageFolders()
	ws, err := media.Load(p.book, p.limited("limits.image"), opts)
	p.inBook(ws...)
	p.bookErr(err)
}

// dateBook dates a book whose config sets no date by its files (see
// sourceDate), so that building the same files again, or a clone of them
// elsewhere, gives the same bytes. Only when no file can be dated is the
// clock used.
func (p *project) dateBook(ctx context.Context) {
	if !p.book.Meta.Modified.IsZero() {
		return
	}
	date := sourceDate(ctx, p.git, p.env.dir(), p.inputFiles())
	if date.IsZero() {
		date = p.env.now().UTC().Truncate(time.Second)
	}
	p.book.Meta.Modified = date
}

// startDating asks git, while the chapters are parsed and the pictures
// read, what dating the book will ask of the files known so far (all but
// the pictures): where the repository is, which of them are committed as
// they are, and their newest commit. dateBook finds the answers kept,
// asking only about what they leave out.
func (p *project) startDating(ctx context.Context) {
	if !p.cfg.Date.UTC().Truncate(time.Second).IsZero() || p.git == nil {
		return
	}
	files := p.inputs(nil)
	p.dating = make(chan struct{})
	go func() {
		defer close(p.dating)
		sourceDate(ctx, p.git, p.env.dir(), files)
	}()
}

// settingsInputs are the input files the settings name: the config
// files, the fonts and the e-book's cover.
func settingsInputs(cfg *config.Config) []string {
	files := slices.Clone(cfg.Files)
	f := cfg.Fonts
	for _, font := range []string{f.SerifRegular, f.SerifItalic, f.SerifBold, f.SerifBoldItalic, f.MonoRegular, f.MonoBold} {
		if font != "" {
			files = append(files, font)
		}
	}
	if cfg.EPUB.Cover != "" {
		files = append(files, path.Join(filepath.ToSlash(cfg.Book), cfg.EPUB.Cover))
	}
	return files
}

// inputFiles lists every file the build reads: config files, fonts, the
// manifest, chapters and the files they include, annotation files, the
// cover and pictures. Paths are relative to the working folder, or
// absolute.
func (p *project) inputFiles() []string {
	var read []string
	for _, e := range p.book.Chapters() {
		for _, f := range e.Included {
			read = append(read, f.Path)
		}
	}
	doc.WalkImages(p.book.Chapters(), func(img *doc.Image) {
		if img.Asset != nil && img.Asset.Path != "" {
			read = append(read, img.Asset.Path)
		}
	})
	return p.inputs(read)
}

// inputs are the input files the settings and the manifest name, with
// the files read (paths relative to the book folder: included files,
// pictures).
func (p *project) inputs(read []string) []string {
	files := settingsInputs(p.cfg)
	inBook := []string{"manifest.yaml"}
	for _, e := range p.man.Entries() {
		if e.File != "" {
			inBook = append(inBook, e.File)
		}
	}
	inBook = append(inBook, p.man.Notes...)
	inBook = append(inBook, read...)
	for _, name := range inBook {
		files = append(files, path.Join(filepath.ToSlash(p.cfg.Book), name))
	}
	slices.Sort(files)
	return slices.Compact(files)
}

func (p *project) resolve(context.Context) {
	cfg := p.cfg
	ws, err := notes.Resolve(p.book, notes.Input{
		FS:                p.limited("limits.annotations"),
		AnnotationFiles:   p.man.Notes,
		BibliographyFiles: p.man.Bibliography,
		IndexFile:         p.man.Index,
		Manifest:          manifestName,
		ManifestDigest:    p.man.Digest,
		ParseMarkdown: func(src []byte, pos doc.Pos) ([]doc.Block, error) {
			ch, err := p.parser.ParseFragment(src, pos)
			if err != nil {
				return nil, err
			}
			p.inBook(ch.Warnings...)
			return ch.Blocks, nil
		},
		Options: notes.Options{
			Numbering:     cfg.Notes.Numbering,
			Annotations:   cfg.Annotations,
			CitationStyle: cfg.Citation.Style,
			SiteURL:       cfg.Markdown.SiteURL,
			PageFolders:   p.pageFolders(),
			Intersphinx:   cfg.Markdown.Intersphinx,
			Conditions:    p.man.Conditions,
			Include:       cfg.Include,
			Exclude:       cfg.Exclude,
			Punctuation:   &p.punct,
			Build: notes.BuildInfo{
				Edition:      cfg.Edition,
				EditionTitle: cfg.EditionTitle,
				Version:      p.env.Version,
				Date:         p.book.Meta.Modified,
				ConfigDigest: cfg.Digest(),
			},
		},
	})
	p.inBook(ws...)
	p.bookErr(err)
}

// validate checks the resolved tree once, so that the renderers trust it.
// A problem here is a bug of the parser or the resolve pass, not of the book.
func (p *project) validate(context.Context) { p.bookErr(doc.Validate(p.book)) }

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
