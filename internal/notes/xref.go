package notes

import (
	"path"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// mystmd links into another project as xref:key/page#label, the key a
// project's references name, as Sphinx's intersphinx does; both come from
// markdown.intersphinx. linkXrefs leads such a link to the page on the
// project's site, as mystmd's sites name pages (site/page, no .html),
// showing the label or page's name when the link has no text. A link to a
// label alone (xref:key#label) names no page: only the project's
// inventory (myst.xref.json) knows it, so it is printed as its text with
// a warning. A key not mapped stays as it was (the EPUB's writer then
// prints it as text, warning of its scheme).
func (r *resolver) linkXrefs(anns []*annotation) {
	if len(r.in.Intersphinx) == 0 {
		return
	}
	visit := func(list []doc.Inline, pos doc.Pos, _ bool) {
		for i, in := range list {
			l, ok := in.(*doc.Link)
			if !ok || !strings.HasPrefix(l.URL, "xref:") {
				continue
			}
			ref := strings.TrimPrefix(l.URL, "xref:")
			rest, label, _ := strings.Cut(ref, "#")
			key, page, _ := strings.Cut(rest, "/")
			site := r.in.Intersphinx[key]
			if site == "" {
				continue
			}
			text := label
			if text == "" {
				text = path.Base(page)
			}
			if len(l.Content) == 0 || plainTrim(l.Content) == l.URL {
				// mystmd shows the target's title, which only its site has
				l.Content = []doc.Inline{&doc.Text{Text: text}}
			}
			if page == "" && label != "" {
				r.warnf(l.Place(pos), "myst.xref", "link %q: a label of %s's, whose page only that project's inventory names; printed as text", l.URL, key)
				list[i] = &doc.Span{Content: l.Content}
				continue
			}
			l.URL = strings.TrimSuffix(site, "/")
			if page != "" {
				l.URL += "/" + page
			}
			if label != "" {
				l.URL += "#" + label
			}
		}
	}
	for _, e := range r.entries() {
		for _, blocks := range entryBlockSets(e) {
			eachInlineList(blocks, e.File, visit)
		}
	}
	for _, a := range anns {
		if a.note != nil {
			eachInlineList(a.note.Blocks, a.file, visit)
		}
	}
}
