package notes

import (
	"path"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// MyST's references by label (doc/myst.go) may lead into any chapter, as
// a Jupyter Book's labels are the book's, not a page's. The parser left
// each pointing into its own chapter; this pass, which knows every
// chapter's IDs, points it at the chapter that has the label, gives one
// written without text its target's title (a heading's, a figure's
// caption, a page's title), and prints one naming no label as its text,
// with a warning. It runs before the anchors are renamed, so the labels
// are still as written.

// mystTarget is where a label is and what its target is titled.
type mystTarget struct {
	file  string
	id    string
	title string
}

func (r *resolver) linkMyst(anns []*annotation) {
	var refs []*doc.Span
	var places []doc.Pos
	var files []string
	for _, e := range r.entries() {
		for _, blocks := range entryBlockSets(e) {
			r.mystRefsIn(blocks, e.File, &refs, &places, &files)
		}
	}
	for _, a := range anns {
		if a.note != nil {
			r.mystRefsIn(a.note.Blocks, a.file, &refs, &places, &files)
		}
	}
	if len(refs) == 0 {
		return // a book without MyST's roles: its links are left as they are
	}
	targets, folded := map[string]mystTarget{}, map[string]mystTarget{}
	pages := map[string]string{}
	own := map[string]bool{} // file + "#" + ID
	add := func(id, file, title string) {
		own[file+"#"+id] = true
		t := mystTarget{file: file, id: id, title: title}
		if _, seen := targets[id]; !seen {
			targets[id] = t
		}
		if _, seen := folded[strings.ToLower(id)]; !seen {
			folded[strings.ToLower(id)] = t
		}
	}
	for _, e := range r.entries() {
		if e.File == "" {
			continue
		}
		file := cleanPath(e.File)
		pages[file] = plainTrim(e.Title)
		for _, blocks := range entryBlockSets(e) {
			var heading string
			doc.Walk(blocks, doc.Visitor{
				Block: func(b doc.Block) bool {
					heading = ""
					var title string
					switch b := b.(type) {
					case *doc.Heading:
						heading = plainTrim(b.Content)
						title = heading
						if pages[file] == "" {
							pages[file] = heading
						}
					case *doc.Figure:
						title = plainTrim(b.Caption)
					case *doc.Table:
						title = plainTrim(b.Caption)
					}
					if id := doc.BlockID(b); id != "" {
						add(id, file, title)
					}
					return true
				},
				Inline: func(in doc.Inline) bool {
					if sp, ok := in.(*doc.Span); ok && sp.ID != "" {
						add(sp.ID, file, heading)
					}
					return true
				},
			})
		}
	}
	// MyST also reads a link whose address is a label, [text](label) or
	// [text](#label), as a reference to it, wherever it is
	for _, e := range r.entries() {
		file := cleanPath(e.File)
		for _, blocks := range entryBlockSets(e) {
			doc.Walk(blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
				l, ok := in.(*doc.Link)
				if !ok || strings.ContainsAny(l.URL, "/.") || doc.HasURLScheme(l.URL) {
					return true
				}
				label := strings.TrimPrefix(l.URL, "#")
				switch t, ok := targets[label]; {
				case label == "" || !ok && !own[file+"#"+label]:
				case own[file+"#"+label]:
					l.URL = "#" + label
				default:
					l.URL = "/" + t.file + "#" + t.id
				}
				return true
			}})
		}
	}
	for i, sp := range refs {
		kind, label, explicit, l, _ := doc.ParseMystRef(sp)
		at := l.Place(places[i])
		if kind == "doc" {
			file := path.Clean(path.Join(path.Dir(cleanPath(files[i])), label))
			if strings.HasPrefix(label, "/") {
				file = path.Clean(strings.TrimLeft(label, "/"))
			}
			title, ok := pages[file]
			if !ok {
				r.warnf(at, "myst.doc", "{doc} %q: %s is not a chapter of the book; printed as text", label, file)
				sp.Content = l.Content
				continue
			}
			l.URL = "/" + file
			if !explicit && title != "" {
				l.Content = []doc.Inline{&doc.Text{Text: title}}
			}
			continue
		}
		t, ok := targets[label]
		if !ok {
			t, ok = folded[strings.ToLower(label)]
		}
		if !ok {
			r.warnf(at, "myst.ref", "{%s} %q: no (label)=, :name: or :label: of that name in the book; printed as text", kind, label)
			sp.Content = l.Content
			continue
		}
		l.URL = "/" + t.file + "#" + t.id
		if !explicit && t.title != "" && kind != "eq" {
			l.Content = []doc.Inline{&doc.Text{Text: t.title}}
		}
	}
}

// mystRefsIn gathers the MyST references in blocks, with the place of
// the block each is in and its file.
func (r *resolver) mystRefsIn(blocks []doc.Block, file string, refs *[]*doc.Span, places *[]doc.Pos, files *[]string) {
	walkInlinesAt(blocks, file, func(in doc.Inline, pos doc.Pos) bool {
		if sp, ok := in.(*doc.Span); ok {
			if _, _, _, _, isRef := doc.ParseMystRef(sp); isRef {
				*refs = append(*refs, sp)
				*places = append(*places, pos)
				*files = append(*files, file)
			}
		}
		return true
	})
}
