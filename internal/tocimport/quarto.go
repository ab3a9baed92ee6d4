package tocimport

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// quarto reads a Quarto book's _quarto.yml: book.title, book.author, lang,
// book.chapters (files, and parts titled by a file or a title, each with
// its chapters) and book.appendices (a part "Appendices").
func (r *reader) quarto(config string) (*project, error) {
	root, err := r.yamlConfig(config)
	if err != nil {
		return nil, err
	}
	book := field(root, "book")
	if book == nil || book.Kind != yamlfile.Map {
		kind := "with no book:"
		if t := field(field(root, "project"), "type"); t != nil && t.Kind == yamlfile.Scalar {
			kind = fmt.Sprintf("of type %s", t.Value)
		}
		return nil, fmt.Errorf("%s: a Quarto project %s, not a book: samizdat init --from reads Quarto books, whose _quarto.yml lists book: chapters:", r.show(config), kind)
	}
	p := &project{kind: KindQuarto, read: []string{config}, book: path.Dir(config), langFrom: r.show(config)}
	p.title = scalar(field(book, "title"))
	p.siteURL = scalar(field(book, "site-url"))
	p.authors = people(field(book, "author"))
	p.language = scalar(field(root, "lang"))
	q := &quartoReader{file: r.show(config), p: p}
	chapters := field(book, "chapters")
	if chapters == nil || chapters.Kind != yamlfile.List {
		return nil, fmt.Errorf("%s: book.chapters: expected the list of the book's chapters", r.show(config))
	}
	for _, item := range chapters.Items {
		q.top(item)
	}
	if apx := field(book, "appendices"); apx != nil && apx.Kind == yamlfile.List && len(apx.Items) > 0 {
		part := entry{Part: "Appendices", At: q.at(apx)}
		q.flatten(apx.Items, &part.Chapters)
		p.entries = append(p.entries, part)
	}
	return p, nil
}

type quartoReader struct {
	file string
	p    *project
}

func (q *quartoReader) at(n *yamlfile.Node) string { return fmt.Sprintf("%s:%d", q.file, n.Line) }

// chapter reads a chapter: a file, or {href: file, text: label}.
func (q *quartoReader) chapter(n *yamlfile.Node) (entry, bool) {
	switch n.Kind {
	case yamlfile.Scalar:
		return entry{File: n.Value, At: q.at(n)}, true
	case yamlfile.Map:
		file := scalar(field(n, "href"))
		if file == "" {
			file = scalar(field(n, "file"))
		}
		if file != "" {
			return entry{File: file, Label: scalar(field(n, "text")), At: q.at(n)}, true
		}
	}
	q.p.notef("%s: not a chapter file: left out", q.at(n))
	return entry{}, false
}

func (q *quartoReader) top(n *yamlfile.Node) {
	part := field(n, "part")
	if part == nil {
		if e, ok := q.chapter(n); ok {
			q.p.entries = append(q.p.entries, e)
		}
		return
	}
	e := entry{At: q.at(n)}
	title := scalar(part)
	if slices.Contains(markdownExts, strings.ToLower(path.Ext(title))) || strings.HasSuffix(strings.ToLower(title), ".ipynb") {
		// a part file: its title is the part's, its text the part's first chapter
		e.PartFile = title
	} else {
		e.Part = title
		if e.Part == "" {
			e.Part = "Part"
		}
	}
	if ch := field(n, "chapters"); ch != nil && ch.Kind == yamlfile.List {
		q.flatten(ch.Items, &e.Chapters)
	}
	q.p.entries = append(q.p.entries, e)
}

// flatten adds chapters in order; a part inside a part (which Quarto
// does not make) gives its chapters.
func (q *quartoReader) flatten(items []*yamlfile.Node, out *[]entry) {
	for _, n := range items {
		if part := field(n, "part"); part != nil {
			if f := scalar(part); slices.Contains(markdownExts, strings.ToLower(path.Ext(f))) {
				*out = append(*out, entry{File: f, At: q.at(n)})
			}
			if ch := field(n, "chapters"); ch != nil && ch.Kind == yamlfile.List {
				q.flatten(ch.Items, out)
			}
			continue
		}
		if e, ok := q.chapter(n); ok {
			*out = append(*out, e)
		}
	}
}

// yamlConfig reads a project's YAML file, tolerating what yamlfile
// reports of keys given twice (the first is kept).
func (r *reader) yamlConfig(name string) (*yamlfile.Node, error) {
	data, err := r.readFile(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", r.show(name), unwrap(err))
	}
	f := yamlfile.Parse(r.show(name), data)
	if f.Root == nil {
		if err := f.Err(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%s: empty", r.show(name))
	}
	if f.Root.Kind != yamlfile.Map {
		return nil, fmt.Errorf("%s: expected \"key: value\" lines", r.show(name))
	}
	return f.Root, nil
}

// scalar is a node's text, "" for anything but one value.
func scalar(n *yamlfile.Node) string {
	if n == nil || n.Kind != yamlfile.Scalar {
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// people reads authors as Quarto and pandoc write them: a name, a list
// of names, or of {name: …} (name itself a text or {given, family}).
func people(n *yamlfile.Node) []string {
	if n == nil {
		return nil
	}
	items := []*yamlfile.Node{n}
	if n.Kind == yamlfile.List {
		items = n.Items
	}
	var out []string
	for _, it := range items {
		name := scalar(it)
		if it.Kind == yamlfile.Map {
			nm := field(it, "name")
			name = scalar(nm)
			if nm != nil && nm.Kind == yamlfile.Map {
				name = strings.TrimSpace(scalar(field(nm, "given")) + " " + scalar(field(nm, "family")))
				if lit := scalar(field(nm, "literal")); lit != "" {
					name = lit
				}
			}
		}
		if name != "" {
			out = append(out, name)
		}
	}
	return out
}
