package tocimport

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// Jupyter Book names its chapters without their extension ("file:
// intro"): the first of these that exists is the file, as Sphinx finds
// it.
var jbExts = []string{".md", ".ipynb", ".rst", ".markdown", ".myst"}

// jupyterBook reads a Jupyter Book (version 1): its _toc.yml (format
// jb-book, a root page then chapters or parts of chapters; jb-article,
// a root page then sections), and beside it _config.yml's title, author,
// language, bibtex_bibfiles and html.baseurl.
func (r *reader) jupyterBook(toc string) (*project, error) {
	dir := path.Dir(toc)
	root, err := r.yamlTOC(toc)
	if err != nil {
		return nil, err
	}
	p := &project{kind: KindJupyterBook, read: []string{toc}, book: dir}
	if cfg := path.Join(dir, "_config.yml"); r.exists(cfg) {
		if c, err := r.yamlConfig(cfg); err != nil {
			p.notef("%v: its title, authors and bibliography are not read", err)
		} else {
			p.read = append(p.read, cfg)
			p.langFrom = r.show(cfg)
			p.title = scalar(field(c, "title"))
			p.authors = splitAuthors(scalar(field(c, "author")))
			p.language = scalar(field(c, "language"))
			if p.language == "" {
				p.language = scalar(field(field(field(c, "sphinx"), "config"), "language"))
			}
			p.siteURL = scalar(field(field(c, "html"), "baseurl"))
			p.bibliography = r.bibFiles(p, cfg, field(c, "bibtex_bibfiles"))
			sphinx := field(field(c, "sphinx"), "config")
			if style := scalar(field(sphinx, "bibtex_reference_style")); len(p.bibliography) > 0 && (style == "author_year" || style == "author_year_round") {
				// sphinxcontrib-bibtex's (Author, Year) citations
				p.citationStyle = "chicago-author-date"
			}
			if m := field(sphinx, "intersphinx_mapping"); m != nil && m.Kind == yamlfile.Map {
				p.intersphinx = intersphinxSites(m, func(line int, name string) {
					p.notef("%s:%d: intersphinx_mapping: %s gives no web address of a site; references into it are printed as their text, with a warning", r.show(cfg), line, name)
				})
			}
		}
	}
	j := &jbReader{r: r, file: r.show(toc), dir: dir, p: p}
	// defaults: applies to every toctree, options: to the top-level
	// chapters' (and has no effect beside parts)
	if root.Kind == yamlfile.List {
		return j.legacy(root)
	}
	j.numbered = numberedOf(field(root, "defaults"))
	format := scalar(field(root, "format"))
	switch format {
	case "jb-book", "jb-article":
	case "":
		format = "jb-book"
		if field(root, "sections") != nil {
			format = "jb-article"
		}
		p.notef("%s: no format: read as %s", j.file, format)
	default:
		return nil, fmt.Errorf("%s: format %q: samizdat reads Jupyter Book's jb-book and jb-article", j.file, format)
	}
	rootNode := field(root, "root")
	if scalar(rootNode) == "" {
		return nil, fmt.Errorf("%s: root: expected the book's first page, a file", j.file)
	}
	p.entries = append(p.entries, j.file1(scalar(rootNode), "", rootNode))
	if format == "jb-article" {
		j.flatten(field(root, "sections"), &p.entries, 1)
		return p, nil
	}
	if parts := field(root, "parts"); parts != nil {
		if parts.Kind != yamlfile.List {
			return nil, fmt.Errorf("%s:%d: parts: expected a list of parts", j.file, parts.Line)
		}
		for _, part := range parts.Items {
			caption := scalar(field(part, "caption"))
			chapters := field(part, "chapters")
			numbered := cmp.Or(numberedOf(part), j.numbered)
			if caption == "" {
				// a part without a caption only groups its chapters
				j.chapters(chapters, numbered)
				continue
			}
			e := entry{Part: caption, Numbered: numbered, At: j.at(part)}
			j.flatten(chapters, &e.Chapters, 1)
			p.entries = append(p.entries, e)
		}
		if field(root, "chapters") != nil {
			p.notef("%s: chapters beside parts: only the parts read, as Jupyter Book reads them", j.file)
		}
		return p, nil
	}
	j.chapters(field(root, "chapters"), cmp.Or(numberedOf(field(root, "options")), j.numbered))
	return p, nil
}

// legacy reads a _toc.yml in the format before Jupyter Book 0.11 (The
// Turing Way's), a list: its first entry the book's first page, then
// chapters with their sections, and "header:" entries each starting a
// part of the chapters after it, as jupyter-book toc migrate reads it.
func (j *jbReader) legacy(list *yamlfile.Node) (*project, error) {
	p := j.p
	p.notef("%s: Jupyter Book's format before 0.11 (a list), read as jupyter-book toc migrate reads it", j.file)
	if len(list.Items) == 0 || scalar(field(list.Items[0], "file")) == "" {
		return nil, fmt.Errorf("%s:%d: expected the book's first page, a file, first", j.file, list.Line)
	}
	first := list.Items[0]
	p.entries = append(p.entries, j.file1(scalar(field(first, "file")), "", first))
	j.flatten(field(first, "sections"), &p.entries, 1)
	// the chapters before any header, each with sections a part of
	// its own as in the newer format; a header's part holds the entries
	// after it, their sections flattened into it
	var before []*yamlfile.Node
	var part *entry
	end := func() {
		if len(before) > 0 {
			j.chapters(&yamlfile.Node{Kind: yamlfile.List, Line: before[0].Line, Items: before}, "")
			before = nil
		}
		if part != nil && len(part.Chapters) > 0 {
			p.entries = append(p.entries, *part)
		}
	}
	for _, it := range list.Items[1:] {
		if h := scalar(field(it, "header")); h != "" {
			end()
			part = &entry{Part: h, At: j.at(it)}
			continue
		}
		if part == nil {
			before = append(before, it)
			continue
		}
		j.flatten(&yamlfile.Node{Kind: yamlfile.List, Line: it.Line, Items: []*yamlfile.Node{it}}, &part.Chapters, 1)
	}
	end()
	return p, nil
}

// numberedOf is the numbered: a _toc.yml's part, options or defaults
// give, as the manifest takes it: "true", a number of heading levels,
// or "" for none.
func numberedOf(n *yamlfile.Node) string {
	switch v := strings.ToLower(scalar(field(n, "numbered"))); v {
	case "true", "yes", "on":
		return "true"
	case "", "false", "no", "off", "0":
		return ""
	default:
		if d, err := strconv.Atoi(v); err == nil && d > 0 {
			return strconv.Itoa(min(d, 6))
		}
		return ""
	}
}

// yamlTOC reads a _toc.yml, whose older form (before Jupyter Book 0.11)
// is a list.
func (r *reader) yamlTOC(name string) (*yamlfile.Node, error) {
	data, err := r.readFile(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", r.show(name), unwrap(err))
	}
	f := yamlfile.Parse(r.show(name), data)
	switch {
	case f.Root == nil:
		if err := f.Err(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%s: empty", r.show(name))
	case f.Root.Kind != yamlfile.Map && f.Root.Kind != yamlfile.List:
		return nil, fmt.Errorf("%s: expected \"key: value\" lines", r.show(name))
	}
	return f.Root, nil
}

// jbReader reads the entries of a _toc.yml or a myst.yml.
type jbReader struct {
	r    *reader
	file string // as notes name it
	dir  string // the book folder
	p    *project
	// myst is set for a myst.yml, whose entries hold children, pattern
	// and title where a _toc.yml's hold sections, glob and title.
	myst bool
	// numbered is the defaults: numbered of a _toc.yml, for every part
	numbered string
}

func (j *jbReader) at(n *yamlfile.Node) string { return fmt.Sprintf("%s:%d", j.file, n.Line) }

func (j *jbReader) childKey() string {
	if j.myst {
		return "children"
	}
	return "sections"
}

// chapters reads top-level chapters: one with sections (children)
// opens a part of them titled by its title or heading, as the manifest
// nests no deeper than parts of chapters.
func (j *jbReader) chapters(n *yamlfile.Node, numbered string) {
	if n == nil {
		return
	}
	if n.Kind != yamlfile.List {
		j.p.notef("%s: expected a list of chapters: left out", j.at(n))
		return
	}
	for _, it := range n.Items {
		kids := field(it, j.childKey())
		file := scalar(field(it, "file"))
		if kids == nil || kids.Kind != yamlfile.List || len(kids.Items) == 0 {
			before := len(j.p.entries)
			j.item(it, &j.p.entries)
			for k := before; k < len(j.p.entries); k++ {
				j.p.entries[k].Numbered = numbered
			}
			continue
		}
		e := entry{Part: scalar(field(it, "title")), Numbered: numbered, At: j.at(it)}
		if file != "" {
			e.PartFile = j.file1(file, "", it).File
		} else if e.Part == "" {
			e.Part = "Part"
		}
		// the chapter is the part's first entry, its sections after it
		j.flatten(kids, &e.Chapters, 2)
		j.p.entries = append(j.p.entries, e)
	}
}

// flatten adds the entries of a list and their sections in order, the
// list's at level (1 chapters, 2 sections of the chapter before them),
// their sections one deeper.
func (j *jbReader) flatten(n *yamlfile.Node, out *[]entry, level int) {
	if n == nil {
		return
	}
	if n.Kind != yamlfile.List {
		j.p.notef("%s: expected a list of entries: left out", j.at(n))
		return
	}
	for _, it := range n.Items {
		before := len(*out)
		j.item(it, out)
		for k := before; k < len(*out); k++ {
			(*out)[k].Level = level
		}
		j.flatten(field(it, j.childKey()), out, level+1)
	}
}

// item reads one entry: a file, a glob (pattern) of files or a web
// address.
func (j *jbReader) item(it *yamlfile.Node, out *[]entry) {
	if it.Kind == yamlfile.Scalar && j.myst {
		*out = append(*out, j.file1(it.Value, "", it))
		return
	}
	title := scalar(field(it, "title"))
	globKey := "glob"
	if j.myst {
		globKey = "pattern"
	}
	switch {
	case scalar(field(it, "file")) != "":
		*out = append(*out, j.file1(scalar(field(it, "file")), title, it))
	case scalar(field(it, "url")) != "":
		*out = append(*out, entry{File: scalar(field(it, "url")), Label: title, At: j.at(it)})
	case scalar(field(it, globKey)) != "":
		j.glob(scalar(field(it, globKey)), it, out)
	case field(it, j.childKey()) != nil && !j.myst:
		j.p.notef("%s: sections with no file: read as the entries after it", j.at(it))
	case field(it, "children") != nil && j.myst:
		// a title over children: its children follow in place
	default:
		j.p.notef("%s: no file, %s or url: left out", j.at(it), globKey)
	}
}

// file1 is the entry of a file named as Jupyter Book names it, relative
// to the book folder and with or without its extension.
func (j *jbReader) file1(name, title string, n *yamlfile.Node) entry {
	name = strings.TrimPrefix(strings.TrimSpace(name), "/")
	ext := strings.ToLower(path.Ext(name))
	if !slices.Contains(jbExts, ext) && !slices.Contains(markdownExts, ext) && !isExternal(name) && !j.r.exists(path.Join(j.dir, name)) {
		for _, x := range jbExts {
			if j.r.exists(path.Join(j.dir, name+x)) {
				return entry{File: name + x, Label: title, At: j.at(n)}
			}
		}
		name += ".md" // which does not exist, as the note will say
	}
	return entry{File: name, Label: title, At: j.at(n)}
}

// glob adds the files a pattern matches, by name, those listed already
// left out as Jupyter Book leaves them out.
func (j *jbReader) glob(pattern string, n *yamlfile.Node, out *[]entry) {
	pattern = strings.TrimPrefix(pattern, "/")
	if strings.Contains(pattern, "**") {
		j.p.notef("%s: glob %q: ** is read as *, one folder deep", j.at(n), pattern)
		pattern = strings.ReplaceAll(pattern, "**", "*")
	}
	matches, err := fs.Glob(j.r.fsys, path.Join(j.dir, pattern))
	if err != nil {
		j.p.notef("%s: glob %q: %v: left out", j.at(n), pattern, err)
		return
	}
	listed := map[string]bool{}
	for _, e := range j.p.entries {
		listed[e.File], listed[e.PartFile] = true, true
		for _, c := range e.Chapters {
			listed[c.File] = true
		}
	}
	for _, e := range *out {
		listed[e.File] = true
	}
	found := 0
	for _, m := range matches {
		rel := strings.TrimPrefix(m, j.dir+"/")
		if j.dir == "." {
			rel = m
		}
		ext := strings.ToLower(path.Ext(rel))
		if !j.r.exists(m) || !slices.Contains(jbExts, ext) && !slices.Contains(markdownExts, ext) || listed[rel] {
			continue
		}
		found++
		*out = append(*out, entry{File: rel, At: j.at(n)})
	}
	if found == 0 {
		j.p.notef("%s: glob %q matches no page not listed already", j.at(n), pattern)
	}
}

// mystProject reads a MyST project's myst.yml (Jupyter Book 2, mystmd):
// project.title, authors, language and bibliography, and project.toc,
// whose entries are files, patterns, web addresses and titled groups of
// children.
func (r *reader) mystProject(config string) (*project, error) {
	root, err := r.yamlConfig(config)
	if err != nil {
		return nil, err
	}
	proj := field(root, "project")
	if proj == nil || proj.Kind != yamlfile.Map {
		return nil, fmt.Errorf("%s: no project: samizdat init --from reads a MyST project's myst.yml, whose project lists its toc", r.show(config))
	}
	dir := path.Dir(config)
	p := &project{kind: KindMyST, read: []string{config}, book: dir, langFrom: r.show(config)}
	p.title = scalar(field(proj, "title"))
	p.authors = people(field(proj, "authors"))
	p.language = scalar(field(proj, "language"))
	p.bibliography = r.bibFiles(p, config, field(proj, "bibliography"))
	if m := field(proj, "references"); m != nil && m.Kind == yamlfile.Map {
		// mystmd's other projects, which xref: links name
		p.intersphinx = intersphinxSites(m, func(line int, name string) {
			p.notef("%s:%d: references: %s gives no web address of a site; links into it are printed as their text, with a warning", r.show(config), line, name)
		})
	}
	toc := field(proj, "toc")
	if toc == nil || toc.Kind != yamlfile.List {
		p.notef("%s: no project.toc: the folder's Markdown files and notebooks, index first, then by name, each subfolder a part", r.show(config))
		r.notebooks = true
		entries, err := r.mkDocsTree(dir)
		if err != nil {
			return nil, err
		}
		r.notePaired(p)
		p.entries = entries
		return p, nil
	}
	if ext := field(root, "extends"); ext != nil {
		p.notef("%s:%d: extends: the files it names are not read", r.show(config), ext.Line)
	}
	j := &jbReader{r: r, file: r.show(config), dir: dir, p: p, myst: true}
	j.chapters(toc, "")
	return p, nil
}

// bibFiles reads a list of bibliography files (or one), relative to the
// config's folder, which is the book's.
func (r *reader) bibFiles(p *project, config string, n *yamlfile.Node) []string {
	if n == nil {
		return nil
	}
	items := []*yamlfile.Node{n}
	if n.Kind == yamlfile.List {
		items = n.Items
	}
	var out []string
	for _, it := range items {
		name := strings.TrimPrefix(scalar(it), "./")
		ext := strings.ToLower(path.Ext(name))
		switch {
		case name == "":
		case ext != ".bib" && ext != ".json":
			p.notef("%s:%d: bibliography %s is neither BibTeX (.bib) nor CSL-JSON (.json): left out", r.show(config), it.Line, name)
		case !fs.ValidPath(name) || !r.exists(path.Join(path.Dir(config), name)):
			p.notef("%s:%d: bibliography %s is not a file of the book folder: left out", r.show(config), it.Line, r.show(path.Join(path.Dir(config), name)))
		default:
			out = append(out, name)
		}
	}
	return out
}

// splitAuthors splits Jupyter Book's author, one text, into names:
// "A & B", "A, B and C".
func splitAuthors(s string) []string {
	var out []string
	for _, a := range strings.FieldsFunc(strings.ReplaceAll(s, " and ", "&"), func(r rune) bool { return r == '&' || r == ',' || r == ';' }) {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// intersphinxSites reads Sphinx's intersphinx_mapping, each project's
// name with its site's address (alone, or first of a list whose second
// item names an inventory): what markdown.intersphinx takes. bad is
// told of a project with no such address.
func intersphinxSites(m *yamlfile.Node, bad func(line int, name string)) map[string]string {
	out := map[string]string{}
	for _, f := range m.Fields {
		v := f.Value
		if v != nil && v.Kind == yamlfile.List && len(v.Items) > 0 {
			v = v.Items[0]
		}
		site := webAddress(scalar(v))
		if site == "" || strings.ContainsAny(f.Name(), ": \t/#") {
			bad(f.Value.Line, f.Name())
			continue
		}
		out[f.Name()] = site
	}
	return out
}
