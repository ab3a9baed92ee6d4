package tocimport

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// mkDocsConfigs lists the project's MkDocs configurations by name: a
// project may split one over several files (mkdocs-common.yml,
// mkdocs-nav.yml…) that a build joins.
func (r *reader) mkDocsConfigs() []string {
	entries, err := fs.ReadDir(r.fsys, ".")
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, "mkdocs") && (strings.HasSuffix(n, ".yml") || strings.HasSuffix(n, ".yaml")) && !e.IsDir() {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// mkConfig is one MkDocs configuration with the files it inherits from.
type mkConfig struct {
	name  string
	files []string         // the file and those it inherits from, base first
	roots []*yamlfile.Node // their top nodes, in the same order
}

// lookup finds a key's value, the file giving it last winning, as
// MkDocs merges INHERIT; keys name nested mappings' keys ("theme",
// "language").
func (c *mkConfig) lookup(keys ...string) (*yamlfile.Node, string) {
	for i := len(c.roots) - 1; i >= 0; i-- {
		n := c.roots[i]
		for _, k := range keys {
			n = field(n, k)
		}
		if n != nil {
			return n, c.files[i]
		}
	}
	return nil, ""
}

func (c *mkConfig) text(keys ...string) string {
	n, _ := c.lookup(keys...)
	if n == nil || n.Kind != yamlfile.Scalar {
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// field is a mapping's value for key, nil when none.
func field(n *yamlfile.Node, key string) *yamlfile.Node {
	if n == nil || n.Kind != yamlfile.Map {
		return nil
	}
	for _, f := range n.Fields {
		if f.Name() == key {
			return f.Value
		}
	}
	return nil
}

// loadMkDocs reads a MkDocs configuration and those it inherits from
// (INHERIT, a path relative to the file), tolerating the tags MkDocs'
// loader knows (!ENV, !!python/name:…), whose values are not needed.
func (r *reader) loadMkDocs(name string) (*mkConfig, error) {
	c := &mkConfig{name: name}
	for at := name; at != ""; {
		if slices.Contains(c.files, at) || len(c.files) > 10 {
			return nil, fmt.Errorf("%s: INHERIT goes round in a circle (%s)", r.show(name), strings.Join(append(c.files, at), " -> "))
		}
		data, err := r.readFile(at)
		if err != nil {
			if len(c.files) > 0 {
				return nil, fmt.Errorf("%s: INHERIT: %v", r.show(c.files[0]), unwrap(err))
			}
			return nil, fmt.Errorf("%s: %v", r.show(at), unwrap(err))
		}
		f := yamlfile.Parse(r.show(at), data)
		if f.Root == nil {
			if err := f.Err(); err != nil {
				return nil, err
			}
		}
		if f.Root != nil && f.Root.Kind != yamlfile.Map {
			return nil, fmt.Errorf("%s: not a MkDocs configuration (expected \"key: value\" lines)", r.show(at))
		}
		c.files = append([]string{at}, c.files...)
		c.roots = append([]*yamlfile.Node{f.Root}, c.roots...)
		next := ""
		if n := field(f.Root, "INHERIT"); n != nil && n.Kind == yamlfile.Scalar && strings.TrimSpace(n.Value) != "" {
			next = path.Join(path.Dir(at), strings.TrimSpace(n.Value))
		}
		at = next
	}
	return c, nil
}

// mkDocs reads a MkDocs project: site_name, site_author, theme.language,
// docs_dir and nav, from config or, when it is "", from mkdocs.yml, else
// from the project's mkdocs*.yml files together.
func (r *reader) mkDocs(config string) (*project, error) {
	var configs []*mkConfig
	names := []string{config}
	if config == "" {
		names = nil
		for _, n := range []string{"mkdocs.yml", "mkdocs.yaml"} {
			if r.exists(n) {
				names = []string{n}
				break
			}
		}
		if names == nil {
			names = r.mkDocsConfigs()
		}
	}
	for _, n := range names {
		c, err := r.loadMkDocs(n)
		if err != nil {
			return nil, err
		}
		configs = append(configs, c)
	}
	p := &project{kind: KindMkDocs}
	// The configuration with a nav gives it; the others (when the
	// project splits its configuration) give what it lacks.
	var main *mkConfig
	for _, c := range configs {
		if n, _ := c.lookup("nav"); n != nil {
			if main == nil {
				main = c
			} else {
				p.notef("%s has a nav too: name it with --from to read it instead", r.show(c.name))
			}
		}
	}
	if main == nil {
		main = configs[0]
	}
	ordered := append([]*mkConfig{main}, slices.DeleteFunc(slices.Clone(configs), func(c *mkConfig) bool { return c == main })...)
	first := func(keys ...string) (string, string) {
		for _, c := range ordered {
			if s := c.text(keys...); s != "" {
				n, file := c.lookup(keys...)
				return s, fmt.Sprintf("%s:%d", r.show(file), n.Line)
			}
		}
		return "", ""
	}
	for _, c := range ordered {
		for _, f := range c.files {
			if !slices.Contains(p.read, f) {
				p.read = append(p.read, f)
			}
		}
	}
	p.title, _ = first("site_name")
	p.siteURL, _ = first("site_url")
	if a, _ := first("site_author"); a != "" {
		p.authors = []string{a}
	}
	p.language, p.langFrom = first("theme", "language")
	docsDir, _ := first("docs_dir")
	if docsDir == "" {
		docsDir = "docs"
	}
	p.book = path.Join(path.Dir(main.name), docsDir)
	if err := r.checkBook(p); err != nil {
		return nil, err
	}
	for _, c := range ordered[1:] {
		if d := c.text("docs_dir"); d != "" && path.Join(path.Dir(c.name), d) != p.book {
			return nil, fmt.Errorf("%s and %s name different docs_dir: name the configuration to read with --from", r.show(main.name), r.show(c.name))
		}
	}
	nav, navFile := main.lookup("nav")
	if nav == nil || nav.Kind == yamlfile.Null {
		p.notef("%s: no nav: the docs folder's pages in MkDocs' own order (index first, then by name, folders after their pages, each top folder a part)", r.show(main.name))
		entries, err := r.mkDocsTree(p.book)
		if err != nil {
			return nil, err
		}
		p.entries = entries
		return p, nil
	}
	if nav.Kind != yamlfile.List {
		return nil, fmt.Errorf("%s:%d: nav: expected a list of pages and sections", r.show(navFile), nav.Line)
	}
	n := &navReader{file: r.show(navFile), p: p}
	for _, item := range nav.Items {
		n.top(item)
	}
	return p, nil
}

// navReader reads MkDocs' nav: top sections are parts, sections inside
// them are flattened into the part in order.
type navReader struct {
	file string
	p    *project
}

func (n *navReader) at(node *yamlfile.Node) string { return fmt.Sprintf("%s:%d", n.file, node.Line) }

// item reads one entry: a page ("file.md", "Title: file.md") or a
// section ("Title: [entries]"), returning its title, its page, or its
// entries.
func (n *navReader) item(node *yamlfile.Node) (title string, page *entry, section []*yamlfile.Node, ok bool) {
	switch node.Kind {
	case yamlfile.Scalar:
		return "", &entry{File: node.Value, At: n.at(node)}, nil, true
	case yamlfile.Map:
		if len(node.Fields) == 1 {
			f := node.Fields[0]
			switch f.Value.Kind {
			case yamlfile.Scalar:
				return f.Name(), &entry{File: f.Value.Value, Label: f.Name(), At: n.at(node)}, nil, true
			case yamlfile.List:
				return f.Name(), nil, f.Value.Items, true
			}
		}
	case yamlfile.List:
		return "", nil, node.Items, true
	}
	n.p.notef("%s: not a page or a section of nav: left out", n.at(node))
	return "", nil, nil, false
}

func (n *navReader) top(node *yamlfile.Node) {
	title, page, section, ok := n.item(node)
	switch {
	case !ok:
	case page != nil:
		n.p.entries = append(n.p.entries, *page)
	default:
		part := entry{Part: strings.TrimSpace(title), At: n.at(node)}
		if part.Part == "" {
			part.Part = "Part"
		}
		n.flatten(section, &part.Chapters)
		n.p.entries = append(n.p.entries, part)
	}
}

func (n *navReader) flatten(items []*yamlfile.Node, out *[]entry) {
	for _, node := range items {
		_, page, section, ok := n.item(node)
		switch {
		case !ok:
		case page != nil:
			*out = append(*out, *page)
		default:
			n.flatten(section, out)
		}
	}
}

// mkDocsTree lists the docs folder's pages as MkDocs does without a nav:
// in each folder its index (or README) first, then its pages by name,
// then its folders by name; each folder of the docs folder is a part.
func (r *reader) mkDocsTree(docs string) ([]entry, error) {
	var out []entry
	err := r.walkPages(docs, func(rel, top string) {
		e := entry{File: rel, At: r.show(path.Join(docs, rel))}
		if top == "" {
			out = append(out, e)
			return
		}
		if len(out) == 0 || out[len(out)-1].At != r.show(path.Join(docs, top)) {
			out = append(out, entry{Part: titleFromName(top), At: r.show(path.Join(docs, top))})
		}
		out[len(out)-1].Chapters = append(out[len(out)-1].Chapters, e)
	})
	return out, err
}

// walkPages calls page for each Markdown file under dir in MkDocs' order:
// in each folder its index first (a README when it has no index), then
// its files by name, then its folders by name. Hidden files and folders
// are skipped, and so are those whose names start with "_" (partials,
// build folders) and node_modules. rel is the file's path in dir, top
// its first folder ("" at dir's top).
func (r *reader) walkPages(dir string, page func(rel, top string)) error {
	var walk func(sub string) error
	walk = func(sub string) error {
		entries, err := fs.ReadDir(r.fsys, path.Join(dir, sub))
		if err != nil {
			return fmt.Errorf("%s: %v", r.show(path.Join(dir, sub)), unwrap(err))
		}
		var files, dirs []string
		for _, e := range entries {
			n := e.Name()
			if strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") || n == "node_modules" {
				continue
			}
			if e.IsDir() {
				dirs = append(dirs, n)
			} else if ext := strings.ToLower(path.Ext(n)); ext == ".md" || ext == ".markdown" || ext == ".ipynb" && r.notebooks {
				files = append(files, n)
			}
		}
		if r.notebooks {
			files = r.pairedNotebooks(path.Join(dir, sub), files)
		}
		slices.SortFunc(files, func(a, b string) int {
			ia, ib := isIndex(a), isIndex(b)
			switch {
			case ia && !ib:
				return -1
			case ib && !ia:
				return 1
			}
			return strings.Compare(a, b)
		})
		hasIndex := slices.ContainsFunc(files, func(f string) bool { return strings.TrimSuffix(f, path.Ext(f)) == "index" })
		top := ""
		if sub != "" {
			top = strings.Split(sub, "/")[0]
		}
		for _, f := range files {
			if hasIndex && strings.EqualFold(strings.TrimSuffix(f, path.Ext(f)), "readme") {
				continue // MkDocs takes index.md over README.md
			}
			page(path.Join(sub, f), top)
		}
		slices.Sort(dirs)
		for _, d := range dirs {
			if err := walk(path.Join(sub, d)); err != nil {
				return err
			}
		}
		return nil
	}
	return walk("")
}

// isIndex reports whether a file is its folder's index page.
func isIndex(name string) bool {
	stem := strings.ToLower(strings.TrimSuffix(name, path.Ext(name)))
	return stem == "index" || stem == "readme"
}

// pairedNotebooks leaves out the Markdown twin of a notebook in folder
// (jupytext's pairing, name.md beside name.ipynb): the notebook holds
// the outputs, its twin the code alone.
func (r *reader) pairedNotebooks(folder string, files []string) []string {
	stems := map[string]bool{}
	for _, f := range files {
		if strings.EqualFold(path.Ext(f), ".ipynb") {
			stems[strings.TrimSuffix(f, path.Ext(f))] = true
		}
	}
	var paired []string
	out := files[:0]
	for _, f := range files {
		if ext := strings.ToLower(path.Ext(f)); ext != ".ipynb" && stems[strings.TrimSuffix(f, path.Ext(f))] {
			paired = append(paired, r.show(path.Join(folder, f)))
			continue
		}
		out = append(out, f)
	}
	if len(paired) > 0 {
		r.paired = append(r.paired, paired...)
	}
	return out
}
