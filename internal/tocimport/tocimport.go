// Package tocimport makes a manifest for a book written for another tool
// (mdBook, MkDocs, a Quarto book, a bookdown book, a Jupyter Book) or
// for none (a folder
// of Markdown), from the project's own table of contents.
//
// Import reads the project through an fs.FS rooted at its folder and
// returns the manifest's text, the book folder it belongs in (the folder
// the contents' paths are relative to) and notes on what it left out: a
// file the contents name that does not exist, a draft chapter, an
// external link, a redirect stub. It writes nothing.
package tocimport

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/include"
	"github.com/samizdat-press/samizdat/internal/markdown"
	"github.com/samizdat-press/samizdat/internal/notebook"
)

// Kinds of project Import reads.
const (
	KindMdBook   = "mdBook"
	KindMkDocs   = "MkDocs"
	KindQuarto   = "Quarto book"
	KindBookdown = "bookdown book"
	KindFolder   = "folder of Markdown"
	// KindJupyterBook is a Jupyter Book of version 1 (_toc.yml), KindMyST
	// a MyST project, Jupyter Book 2's (myst.yml).
	KindJupyterBook = "Jupyter Book"
	KindMyST        = "MyST project"
)

// Options say what to read.
type Options struct {
	// Config is the project file to read (book.toml, mkdocs.yml,
	// _quarto.yml, _bookdown.yml), a slash path in the project; "" finds
	// it.
	Config string
	// Title, when set, titles the book instead of the project's title.
	Title string
	// Dir is the project folder as notes and errors name it ("" for
	// none): their paths are Dir's files.
	Dir string
	// Name is the project folder's name, which titles a book whose
	// project gives no title.
	Name string
	// FileLimit is the largest file read, in bytes (0: 16 MB).
	FileLimit int64
}

// Result is a manifest made from a project's contents.
type Result struct {
	Kind string
	// Read lists the project's files that gave the contents, in the order
	// read.
	Read []string
	// Book is the book folder, a slash path in the project ("." for its
	// root); the manifest's paths are relative to it.
	Book string
	// Manifest is the manifest's text.
	Manifest []byte
	// Chapters counts the chapters listed, Parts the parts.
	Chapters, Parts int
	// Notes say what was left out or assumed, one line each, with the
	// file and line that named it.
	Notes []string
	// SiteURL is the web address the project publishes the book at, an
	// absolute http or https address, "" when it gives none: the address
	// markdown.site_url takes, so links leaving the book lead there.
	SiteURL string
	// CitationStyle is the citation.style the project's citations ask
	// for ("chicago-author-date" for a Jupyter Book's author_year), ""
	// when it names none.
	CitationStyle string
	// Intersphinx are the other projects' sites by name that a Jupyter
	// Book's intersphinx_mapping gives: what markdown.intersphinx takes.
	Intersphinx map[string]string
}

// entry is one line of a project's contents: a chapter (File) or a part
// (Part with Chapters).
type entry struct {
	File  string // slash path relative to the book folder, as written
	Label string // the contents' name for it, "" when none
	Kind  string // "front", "back" or "" (chapter)
	Part  string // a part's title
	// PartFile is a Quarto part's file, whose title is the part's.
	PartFile string
	Chapters []entry
	// Numbered is the manifest's numbered: for a part or chapter,
	// "true" or a number of heading levels; "" for none (Jupyter Book's
	// numbered toctree).
	Numbered string
	// Level is 2 for a section of the chapter before it (Jupyter
	// Book's sections:), 3 for one of that section…; 0 or 1 a chapter.
	Level int
	At    string // "file:line" naming it, for notes
	// Skip, when set, is why the line is no chapter: noted in order.
	Skip string
	// Sourced marks a page of a transcribed e-book, which carries the
	// project's provenance whatever its kind.
	Sourced bool
}

// project is what a reader found, before the files are checked.
type project struct {
	kind     string
	read     []string
	book     string // the book folder in the project
	title    string
	authors  []string
	language string
	langFrom string // where the language was read, for notes
	// provenance, when set, is given to every entry of kind source
	provenance []provField
	entries    []entry
	notes      []string
	siteURL    string // as the project writes it
	// citationStyle is the citation.style the project asks for
	citationStyle string
	// intersphinx are other projects' sites by name
	intersphinx map[string]string
	// bibliography lists the project's bibliography files, relative to
	// the book folder
	bibliography []string
}

func (p *project) notef(format string, args ...any) {
	p.notes = append(p.notes, fmt.Sprintf(format, args...))
}

// Import reads the project rooted at fsys and makes its manifest.
func Import(fsys fs.FS, opts Options) (*Result, error) {
	r := &reader{fsys: fsys, limit: opts.FileLimit, dir: opts.Dir}
	if r.limit <= 0 {
		r.limit = 16 << 20
	}
	p, err := r.detect(opts.Config)
	if err != nil {
		return nil, err
	}
	if err := r.checkBook(p); err != nil {
		return nil, err
	}
	if info, err := fs.Stat(fsys, p.book); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("%s: the book folder %s is not a folder", r.show(p.read[0]), r.show(p.book))
	}
	if opts.Title != "" {
		p.title = opts.Title
	}
	return r.finish(p, opts.Name)
}

// checkBook refuses a book folder outside the project.
func (r *reader) checkBook(p *project) error {
	if p.book != "." && !fs.ValidPath(p.book) {
		return fmt.Errorf("%s: the book folder %q is outside the project folder", r.show(p.read[0]), p.book)
	}
	return nil
}

// reader reads the project's files.
type reader struct {
	fsys  fs.FS
	limit int64
	dir   string // the project as messages name it
	// notebooks: a folder's Jupyter notebooks are pages (a folder of
	// Markdown, a MyST project without a toc), not for MkDocs
	notebooks bool
	// paired are the Markdown twins of notebooks left out (jupytext's)
	paired []string
	// epubTemplate is a container.xml in a folder of the project whose
	// package document is not there, which is not read as the book
	epubTemplate string
}

// notePaired says which notebooks' Markdown twins were left out.
func (r *reader) notePaired(p *project) {
	if len(r.paired) > 0 {
		p.notef("%s: the Markdown twin of a notebook beside it (jupytext's pairing), which holds its code but not its outputs: left out", andList(r.paired))
	}
}

// show names a file of the project in messages.
func (r *reader) show(name string) string {
	if r.dir == "" {
		return name
	}
	return path.Join(r.dir, name)
}

// readFile reads a regular file of at most r.limit bytes.
func (r *reader) readFile(name string) ([]byte, error) {
	f, err := r.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	data, err := io.ReadAll(io.LimitReader(f, r.limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > r.limit {
		return nil, fmt.Errorf("%s is larger than %d bytes", name, r.limit)
	}
	return data, nil
}

func (r *reader) exists(name string) bool {
	info, err := fs.Stat(r.fsys, name)
	return err == nil && !info.IsDir()
}

// detect finds the project's kind from config, the file named, or else
// from the files the project's folder holds.
func (r *reader) detect(config string) (*project, error) {
	if config != "" {
		base := path.Base(config)
		switch {
		case base == "book.toml" || base == "SUMMARY.md":
			return r.mdBook(config)
		case base == "_quarto.yml" || base == "_quarto.yaml":
			return r.quarto(config)
		case base == "_bookdown.yml" || base == "_bookdown.yaml":
			return r.bookdown(config)
		case base == "_toc.yml" || base == "_toc.yaml":
			return r.jupyterBook(config)
		case base == "_config.yml" && r.exists(path.Join(path.Dir(config), "_toc.yml")):
			return r.jupyterBook(path.Join(path.Dir(config), "_toc.yml"))
		case base == "myst.yml" || base == "myst.yaml":
			return r.mystProject(config)
		case base == "config.yaml" && r.isCarpentriesConfig(config):
			return r.carpentries(config)
		case base == "container.xml":
			return r.epubContainer(config)
		case strings.HasSuffix(base, ".opf"):
			return r.epubPackage(config)
		case base == "_config.yml" && r.isCarpentriesJekyll(config):
			return r.carpentriesJekyll(config)
		case strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml"):
			return r.mkDocs(config)
		}
		return nil, fmt.Errorf("%s: not a project file samizdat reads (book.toml, SUMMARY.md, mkdocs.yml, _quarto.yml, _bookdown.yml, _toc.yml, myst.yml, a Carpentries config.yaml, an EPUB's container.xml or .opf)", r.show(config))
	}
	var found []string
	for _, name := range []string{"book.toml", "mkdocs.yml", "mkdocs.yaml", "_quarto.yml", "_quarto.yaml", "_bookdown.yml", "_toc.yml", "myst.yml"} {
		if r.exists(name) {
			found = append(found, name)
		}
	}
	if !slices.Contains(found, "mkdocs.yml") && !slices.Contains(found, "mkdocs.yaml") {
		if names := r.mkDocsConfigs(); len(names) > 0 {
			found = append(found, names[0])
		}
	}
	if len(found) == 0 {
		// a Jupyter Book is most often a folder of its repository
		// (book/, lectures/, docs/)
		for _, pattern := range []string{"*/_toc.yml", "*/myst.yml"} {
			if m, _ := fs.Glob(r.fsys, pattern); len(m) == 1 {
				found = append(found, m[0])
				break
			}
		}
	}
	if len(found) == 0 {
		if r.exists("config.yaml") && r.isCarpentriesConfig("config.yaml") {
			return r.carpentries("config.yaml")
		}
		if c := r.findContainer(); c != "" {
			return r.epubContainer(c)
		}
		if r.exists("_config.yml") && r.isCarpentriesJekyll("_config.yml") {
			return r.carpentriesJekyll("_config.yml")
		}
		if r.exists("SUMMARY.md") {
			// an mdBook's src folder, named without its project
			return r.mdBook("SUMMARY.md")
		}
		if r.exists("index.Rmd") {
			return r.bookdown("")
		}
		for _, c := range vitePressConfigs {
			if r.exists(c) {
				return r.vitePress(c)
			}
		}
		for _, c := range docusaurusConfigs {
			if r.exists(c) {
				if info, err := fs.Stat(r.fsys, "docs"); err == nil && info.IsDir() {
					return r.docusaurus(c, "docs")
				}
			}
		}
		if r.isDocusaurusDocs(".") {
			return r.docusaurus("", ".")
		}
		return r.folder()
	}
	var p *project
	var err error
	switch first := found[0]; {
	case first == "book.toml":
		p, err = r.mdBook(first)
	case strings.HasPrefix(first, "mkdocs"):
		p, err = r.mkDocs("")
	case strings.HasPrefix(first, "_quarto"):
		p, err = r.quarto(first)
	case path.Base(first) == "_toc.yml":
		p, err = r.jupyterBook(first)
	case path.Base(first) == "myst.yml":
		p, err = r.mystProject(first)
	default:
		p, err = r.bookdown(first)
	}
	if err != nil {
		return nil, err
	}
	for _, other := range found[1:] {
		if strings.HasPrefix(other, "mkdocs") && strings.HasPrefix(found[0], "mkdocs") {
			continue
		}
		p.notef("%s is here too: name it with --from to read it instead", r.show(other))
	}
	return p, nil
}

// finish checks every file the contents name and writes the manifest.
func (r *reader) finish(p *project, name string) (*Result, error) {
	res := &Result{Kind: p.kind, Read: p.read, Book: p.book, SiteURL: webAddress(p.siteURL), CitationStyle: p.citationStyle, Intersphinx: p.intersphinx}
	f := &finisher{r: r, p: p, listed: map[string]string{}}
	var entries []*yaml.Node
	for _, e := range p.entries {
		if e.Part == "" && e.PartFile == "" {
			if e.Numbered == "" {
				e.Level = 0 // a level says where a number goes, in a numbered book
			}
			if n, _ := f.chapter(e); n != nil {
				entries = append(entries, n)
				res.Chapters++
			}
			continue
		}
		var chapters []*yaml.Node
		title := e.Part
		if e.PartFile != "" {
			// A Quarto part file opens its part: its title is the part's.
			if n, name := f.chapter(entry{File: e.PartFile, Label: e.Part, At: e.At}); n != nil {
				chapters = append(chapters, n)
				if title == "" {
					title = f.titleOf(name)
				}
			}
		}
		for _, c := range e.Chapters {
			if e.Numbered == "" && c.Numbered == "" {
				c.Level = 0
			}
			if n, _ := f.chapter(c); n != nil {
				chapters = append(chapters, n)
			}
		}
		if title == "" {
			title = titleFromName(strings.TrimSuffix(path.Base(e.PartFile), path.Ext(e.PartFile)))
		}
		if len(chapters) == 0 {
			p.notef("%s: part %q left out: none of its chapters is a Markdown file of the book", e.At, title)
			continue
		}
		res.Chapters += len(chapters)
		res.Parts++
		part := []*yaml.Node{str("part"), str(title)}
		if e.Numbered != "" {
			part = append(part, str("numbered"), numberedNode(e.Numbered))
		}
		entries = append(entries, mapping(append(part, str("chapters"), seq(chapters...))...))
	}
	from := andList(p.read)
	if from == "" {
		from = "the folder's files"
	}
	if len(entries) == 0 {
		var shown []string
		for _, f := range p.read {
			shown = append(shown, r.show(f))
		}
		if len(shown) == 0 {
			shown = []string{r.show(".")}
		}
		return nil, errors.New(strings.Join(append([]string{fmt.Sprintf("%s: no chapter to list: the contents name no Markdown file of the book", andList(shown))}, p.notes...), "\n"))
	}
	if p.title == "" && p.kind == KindFolder && len(p.entries) > 0 && (isIndex(p.entries[0].File) || len(p.entries) == 1 && p.entries[0].File != "") {
		// a folder's README or index titles it, as a repository's does,
		// and so does its one page (a book converted into one file)
		if t := f.titleOf(path.Clean(p.entries[0].File)); t != "" {
			p.title = t
			p.notef("title: %q, from %s", t, r.show(p.entries[0].File))
		}
	}
	if p.title == "" {
		p.title = titleFromName(projectName(p, name))
		p.notef("title: %q, from the folder's name (the project gives none)", p.title)
	}
	if g := scriptLanguage(p.title); p.language == "" && g != "" {
		p.language = g
		p.notef("language: %s, from the script of the title, as the project names none (change it in the manifest if need be)", g)
	}
	lang, note := canonicalLanguage(p.language, p.langFrom)
	if note != "" {
		p.notef("%s", note)
	}
	top := []*yaml.Node{str("title"), str(p.title)}
	if len(p.authors) > 0 {
		list := seq()
		for _, a := range p.authors {
			list.Content = append(list.Content, str(a))
		}
		list.Style = yaml.FlowStyle
		top = append(top, str("authors"), list)
	}
	top = append(top, str("language"), str(lang))
	if len(p.bibliography) > 0 {
		list := seq()
		for _, b := range p.bibliography {
			list.Content = append(list.Content, str(b))
		}
		list.Style = yaml.FlowStyle
		top = append(top, str("bibliography"), list)
	}
	top = append(top, str("chapters"), seq(entries...))
	root := &yaml.Node{Kind: yaml.MappingNode, Content: top,
		HeadComment: fmt.Sprintf("Made by samizdat init --from, from %s (%s).\nEdit it as any manifest: see the README's \"The manifest\".", from, p.kind)}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	enc.Close()
	res.Manifest = buf.Bytes()
	res.Notes = p.notes
	return res, nil
}

// finisher turns entries into the manifest's, checking their files.
type finisher struct {
	r      *reader
	p      *project
	listed map[string]string // clean path -> where first listed
	prov   *yaml.Node        // the shared provenance, once written
	titles map[string]string
}

// chapter returns the manifest's entry for e and its file, nil (with a
// note) when its file cannot be listed.
func (f *finisher) chapter(e entry) (*yaml.Node, string) {
	if e.Skip != "" {
		f.p.notef("%s: %s", e.At, e.Skip)
		return nil, ""
	}
	name, ok := f.resolve(e)
	if !ok {
		return nil, ""
	}
	var fields []*yaml.Node
	if e.Kind != "" {
		fields = append(fields, str("kind"), str(e.Kind))
	}
	if e.Numbered != "" {
		fields = append(fields, str("numbered"), numberedNode(e.Numbered))
	}
	if e.Level > 1 {
		fields = append(fields, str("level"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(e.Level)})
	}
	if (e.Kind == "source" || e.Sourced) && len(f.p.provenance) > 0 {
		fields = append(fields, str("provenance"), f.provenanceNode())
	}
	if f.titleOf(name) == "" {
		label := strings.TrimSpace(e.Label)
		if label == "" {
			label = titleFromName(strings.TrimSuffix(path.Base(name), path.Ext(name)))
			f.p.notef("%s: %s has no heading and the contents no name for it: titled %q", e.At, name, label)
		}
		fields = append(fields, str("title"), str(label))
	}
	if len(fields) == 0 {
		return str(name), name
	}
	return mapping(append([]*yaml.Node{str("file"), str(name)}, fields...)...), name
}

// provenanceNode is the provenance every source shares: written once,
// with an anchor, and named by an alias after that, so the manifest
// states it once and an edit changes every chapter.
func (f *finisher) provenanceNode() *yaml.Node {
	if f.prov != nil {
		return &yaml.Node{Kind: yaml.AliasNode, Alias: f.prov, Value: f.prov.Anchor}
	}
	var kv []*yaml.Node
	for _, fd := range f.p.provenance {
		kv = append(kv, str(fd.key), str(fd.value))
	}
	f.prov = mapping(kv...)
	f.prov.Anchor = "source"
	return f.prov
}

// markdownExts are the files a manifest lists as chapters (manifest's
// own list).
var markdownExts = []string{".md", ".markdown", ".mdx", ".qmd", ".rmd", ".ipynb"}

// chapterExts are the files a contents may list as chapters: an EPUB's
// pages are HTML. A folder of Markdown lists no HTML file of its own,
// which is a site's template or snippet more often than a page.
var chapterExts = append(slices.Clone(markdownExts), ".html", ".htm", ".xhtml")

// resolve finds e's file in the book folder: its clean path, or false
// with a note saying why it is left out.
func (f *finisher) resolve(e entry) (string, bool) {
	target := strings.TrimSpace(e.File)
	shown := target
	if e.Label != "" {
		shown = fmt.Sprintf("%q (%s)", e.Label, target)
	}
	if target == "" {
		f.p.notef("%s: %q is a draft, with no file: left out", e.At, e.Label)
		return "", false
	}
	if isExternal(target) {
		f.p.notef("%s: %s is a web address, not a file of the book: left out", e.At, shown)
		return "", false
	}
	if i := strings.IndexAny(target, "#?"); i >= 0 {
		target = target[:i]
	}
	target = strings.TrimPrefix(target, "/")
	name := path.Clean(target)
	if target == "" || !fs.ValidPath(name) || name == "." {
		f.p.notef("%s: %s is outside the book folder: left out", e.At, shown)
		return "", false
	}
	full := path.Join(f.p.book, name)
	if !f.r.exists(full) {
		if dec, err := url.PathUnescape(name); err == nil && dec != name && f.r.exists(path.Join(f.p.book, dec)) {
			name, full = dec, path.Join(f.p.book, dec)
		} else {
			f.p.notef("%s: %s does not exist: left out", e.At, f.r.show(path.Join(f.p.book, name)))
			return "", false
		}
	}
	if ext := strings.ToLower(path.Ext(name)); !slices.Contains(chapterExts, ext) {
		f.p.notef("%s: %s is not a Markdown file or a notebook: left out", e.At, name)
		return "", false
	}
	if first, dup := f.listed[name]; dup {
		f.p.notef("%s: %s is listed already (%s): left out here", e.At, name, first)
		return "", false
	}
	f.listed[name] = e.At
	if src, err := f.r.readFile(full); err != nil {
		f.p.notef("%s: %s cannot be read (%v): left out", e.At, name, unwrap(err))
		return "", false
	} else if redirectStub(src) {
		f.p.notef("%s: %s is a redirect to another page (template: redirect.html): left out", e.At, name)
		return "", false
	}
	return name, true
}

// titleOf is the title samizdat gives the chapter name (in the book
// folder) when the manifest gives none: its front matter's title, else
// its first heading, else mdBook's {{#title}} when it has no heading,
// read by the parser the build uses, its includes expanded as the build
// expands them. "" when it has none.
func (f *finisher) titleOf(name string) string {
	if t, ok := f.titles[name]; ok {
		return t
	}
	if f.titles == nil {
		f.titles = map[string]string{}
	}
	title := ""
	if src, err := f.r.readFile(path.Join(f.p.book, name)); err == nil {
		title = chapterTitle(f.r.fsys, f.p.book, name, src, f.p.kind)
	}
	f.titles[name] = title
	return title
}

// chapterTitle reads a chapter's title as the build does; book is the
// book folder in fsys, name the chapter in it, kind the project's (a
// Carpentries lesson's boxes hold headings that title no chapter).
func chapterTitle(fsys fs.FS, book, name string, src []byte, kind string) string {
	opt := include.Options{FS: fsys, Book: book, Roots: []string{book}, Setting: "markdown.include_paths", Allowed: "[]"}
	if book != "." {
		// the build reads includes from the project's folder too when it
		// holds the book folder (book.toml's src, mkdocs.yml's docs_dir)
		opt.Roots = append(opt.Roots, ".")
	}
	p := markdown.New()
	if kind == KindCarpentries {
		p = p.WithCarpentries()
	}
	if notebook.IsNotebook(name) {
		nb, err := notebook.Convert(src, name, notebook.Options{})
		if err != nil {
			return ""
		}
		ch, err := p.ParseMapped(nb.Source, name, nb)
		if err != nil {
			return ""
		}
		return headingTitle(ch)
	}
	inc := include.Expand(src, name, opt)
	var ch *markdown.Chapter
	var err error
	if inc.Origins == nil {
		ch, err = p.Parse(src, name)
	} else {
		ch, err = p.ParseMapped(inc.Source, name, inc)
	}
	if err != nil {
		return ""
	}
	if t := headingTitle(ch); t != "" {
		return t
	}
	return strings.TrimSpace(inc.Title)
}

// headingTitle is a parsed chapter's front matter title, else its first
// heading's text; "" for neither.
func headingTitle(ch *markdown.Chapter) string {
	if t := strings.TrimSpace(ch.Front.Title); t != "" {
		return t
	}
	title := ""
	doc.Walk(ch.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
		if h, ok := b.(*doc.Heading); ok && title == "" {
			title = strings.Join(strings.Fields(doc.PlainText(h.Content)), " ")
		}
		return title == ""
	}})
	return title
}

// redirectStub reports whether a page is only a redirect, MkDocs'
// front matter "template: redirect.html".
func redirectStub(src []byte) bool {
	fm, ok := frontMatter(src)
	if !ok {
		return false
	}
	var m struct {
		Template string `yaml:"template"`
	}
	if yaml.Unmarshal(fm, &m) != nil {
		return false
	}
	return path.Base(strings.TrimSpace(m.Template)) == "redirect.html"
}

// frontMatter returns the YAML between a first line "---" and the next
// "---" or "...".
func frontMatter(src []byte) ([]byte, bool) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	nl := bytes.IndexByte(src, '\n')
	if nl < 0 || strings.TrimRight(string(src[:nl]), " \t\r") != "---" {
		return nil, false
	}
	rest := src[nl+1:]
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if end >= 0 {
			line = rest[off : off+end]
		}
		if l := strings.TrimRight(string(line), " \t\r"); l == "---" || l == "..." {
			return rest[:off], true
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return nil, false
}

func isExternal(s string) bool {
	if i := strings.Index(s, ":"); i > 1 {
		scheme := s[:i]
		return !strings.ContainsAny(scheme, "/.#?") && strings.IndexFunc(scheme, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '+' || r == '-')
		}) < 0
	}
	return strings.HasPrefix(s, "//")
}

// andList joins names: "a", "a and b", "a, b and c".
func andList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// canonicalLanguage makes a BCP 47 tag of what the project gives ("en"
// when nothing), and a note when it had to assume.
func canonicalLanguage(s, from string) (string, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "en", "language: en, as the project names none (change it in the manifest if need be)"
	}
	tag, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err != nil {
		return "en", fmt.Sprintf("%s: language %q is not a BCP 47 tag: en written instead (change it in the manifest if need be)", from, s)
	}
	return tag.String(), ""
}

// scriptLanguage is the language a title's letters plainly tell: Chinese
// for Han characters alone, Japanese when kana are among them, Korean for
// Hangul, when these outnumber the Latin letters ("Rust 程序设计语言");
// "" otherwise, a script many languages share telling none.
func scriptLanguage(title string) string {
	var han, kana, hangul, latin int
	for _, r := range title {
		switch {
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	switch {
	case hangul > latin && hangul >= han+kana:
		return "ko"
	case kana > 0 && han+kana > latin:
		return "ja"
	case han > latin:
		return "zh"
	}
	return ""
}

// projectName is the name of the folder the book is named after: the
// project's.
func projectName(p *project, name string) string {
	switch {
	case name != "":
		return name
	case p.book != ".":
		return path.Base(p.book)
	}
	return "book"
}

// titleFromName makes a title of a file or folder name: "getting_started"
// is "Getting started", as MkDocs titles pages without a heading.
func titleFromName(name string) string {
	s := strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || unicode.IsSpace(r) }), " ")
	if s == "" {
		return "Untitled"
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// unwrap says what went wrong with a file, in the same words on every
// system.
func unwrap(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("does not exist")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("cannot be read (permission denied)")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// numberedNode is numbered:'s value, true or a number, written bare.
func numberedNode(v string) *yaml.Node {
	if v == "true" {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: v}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: v}
}

func seq(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Content: items}
}

func mapping(kv ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Content: kv}
}

// webAddress is s when it is an absolute http or https address (mdBook's
// site-url is most often a path on the server, which says nothing of
// where links out of the book lead), else "".
func webAddress(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return ""
	}
	return s
}
