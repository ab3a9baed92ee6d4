package notes

import (
	"fmt"
	"path"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/labels"
)

// MyST's references by label (doc/myst.go) may lead into any chapter, as
// a Jupyter Book's labels are the book's, not a page's. The parser left
// each pointing into its own chapter; this pass, which knows every
// chapter's IDs, points it at the chapter that has the label, gives one
// written without text its target's title (a heading's, a figure's
// caption, a page's title), and prints one naming no label as its text,
// with a warning. It runs before the anchors are renamed, so the labels
// are still as written.
//
// A title is the text its target prints, without the full stop a caption
// ends with (the sentence the reference is in has its own). A caption
// that cites a work prints the citation rendered, which it is only once
// the citations are resolved: titleMystRefs writes such titles then.

// mystTarget is where a label is and what its target is titled: title,
// and the block whose text it is (a heading, a figure, a table).
type mystTarget struct {
	file  string
	id    string
	title string
	block doc.Block
}

// mystTitle is a reference's text taken from a caption or heading that
// cites a work, written again once the citation is rendered.
type mystTitle struct {
	text   *doc.Text
	block  doc.Block
	before string // the text linkMyst gave it
}

func (r *resolver) linkMyst(anns []*annotation) {
	var refs []*doc.Span
	var places []doc.Pos
	var files []string
	var inMath []mathRef
	for _, e := range r.entries() {
		for _, blocks := range entryBlockSets(e) {
			r.mystRefsIn(blocks, e.File, &refs, &places, &files)
			mathRefsIn(blocks, e.File, &inMath)
		}
	}
	for _, a := range anns {
		if a.note != nil {
			r.mystRefsIn(a.note.Blocks, a.file, &refs, &places, &files)
			mathRefsIn(a.note.Blocks, a.file, &inMath)
		}
	}
	if len(refs) == 0 && len(inMath) == 0 {
		return // a book without MyST's roles: its links are left as they are
	}
	targets, folded := map[string]mystTarget{}, map[string]mystTarget{}
	pages := map[string]string{}
	// numberedFiles are the entries whose headings are numbered
	numberedFiles := map[string]bool{}
	own := map[string]bool{} // file + "#" + ID
	add := func(id, file, title string, block doc.Block) {
		own[file+"#"+id] = true
		t := mystTarget{file: file, id: id, title: title, block: block}
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
		numberedFiles[file] = e.Numbered > 0
		for _, blocks := range entryBlockSets(e) {
			var heading string
			var headingBlock doc.Block
			doc.Walk(blocks, doc.Visitor{
				Block: func(b doc.Block) bool {
					heading, headingBlock = "", nil
					title := refTitle(b)
					if h, ok := b.(*doc.Heading); ok {
						heading, headingBlock = title, b
						if pages[file] == "" {
							pages[file] = plainTrim(h.Content)
						}
					}
					if id := doc.BlockID(b); id != "" {
						add(id, file, title, b)
					}
					return true
				},
				Inline: func(in doc.Inline) bool {
					if sp, ok := in.(*doc.Span); ok && sp.ID != "" {
						add(sp.ID, file, heading, headingBlock)
					}
					return true
				},
			})
		}
	}
	r.linkMathRefs(inMath, targets, folded)
	// MyST also reads a link whose address is a label, [text](label) or
	// [text](#label), as a reference to it, wherever it is: in a book
	// that uses MyST's roles, not one with LaTeX's \eqref alone
	roles := mystRoles(refs)
	for _, e := range r.entries() {
		if !roles {
			break
		}
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
				if len(l.Content) == 0 {
					// [](#label) shows what {numref} or {ref} would
					if t, ok := targets[label]; ok && (t.file == file || !own[file+"#"+label]) {
						r.mystEmptyLink(l, t)
					}
				}
				return true
			}})
		}
	}
	// {numref}s to headings: one warning for the book, at the first,
	// since a d2lbook book refers to its sections hundreds of times
	var headingRef struct {
		at    doc.Pos
		what  string
		count int
		files map[string]bool
	}
	headingRef.files = map[string]bool{}
	defer func() {
		if headingRef.count == 0 {
			return
		}
		more := ""
		if n, f := headingRef.count, len(headingRef.files); n > 1 && f > 1 {
			more = fmt.Sprintf(" (one of %d, in %d files)", n, f)
		} else if n > 1 {
			more = fmt.Sprintf(" (one of %d)", n)
		}
		r.warnf(headingRef.at, "myst.numref", "%s%s: a heading of a chapter the manifest does not number (numbered: true); the heading's text is printed where its number would be", headingRef.what, more)
	}()
	for i, sp := range refs {
		kind, label, explicit, l, _ := doc.ParseMystRef(sp)
		at := l.Place(places[i])
		if kind == "doc" {
			if url, page, ok := r.intersphinxPage(label); ok {
				// a page of another project's site, as Sphinx's
				// intersphinx links it
				l.URL = url
				if !explicit {
					l.Content = []doc.Inline{&doc.Text{Text: page}}
				}
				continue
			}
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
		if kind == "eqref" || kind == "texref" {
			r.linkTexRef(sp, kind, label, l, at, targets, folded)
			continue
		}
		var template string
		if kind == "numref" && explicit {
			// Sphinx's %s (or {number}) and {name}, filled once the
			// target is numbered; without a number they print nothing
			template = plainTrim(l.Content)
			l.Content = []doc.Inline{&doc.Text{Text: strings.TrimSpace(numrefText(template, "", ""))}}
		}
		t, ok := targets[label]
		if !ok {
			t, ok = folded[strings.ToLower(label)]
		}
		if ok && kind == "numref" {
			if k := crossrefLabelKind(t.block); k == doc.CrossrefFigure || k == doc.CrossrefTable {
				l.URL = "/" + t.file + "#" + t.id
				r.mystNumrefs = append(r.mystNumrefs, mystNumref{l, t.block, template})
				continue
			}
		}
		if !ok {
			what := fmt.Sprintf("{%s} %q", kind, label)
			if w := doc.WrittenMystRef(sp); w != "" {
				what = w // d2lbook's :numref:`x`, as the file has it
			}
			r.warnf(at, "myst.ref", "%s: no (label)=, :name: or :label: of that name in the book; printed as text", what)
			sp.Content = l.Content
			continue
		}
		l.URL = "/" + t.file + "#" + t.id
		if h, heading := t.block.(*doc.Heading); heading && kind == "numref" && numberedFiles[t.file] {
			// numbered once the edition's headings are
			r.mystSections = append(r.mystSections, mystSection{link: l, heading: h, template: template, title: t.title, at: at, what: numrefWhat(sp, label)})
			continue
		}
		if _, heading := t.block.(*doc.Heading); heading && kind == "numref" {
			// Sphinx numbers a section only in a book whose table of
			// contents is numbered; this chapter is not (the manifest's
			// numbered:), so the heading's text stands where its number
			// would
			if headingRef.count == 0 {
				headingRef.at = at
				headingRef.what = numrefWhat(sp, label)
			}
			headingRef.count++
			headingRef.files[at.File] = true
			if explicit {
				l.Content = []doc.Inline{&doc.Text{Text: numrefText(template, t.title, t.title)}}
			} else if t.title != "" {
				l.Content = []doc.Inline{&doc.Text{Text: t.title}}
			}
			continue
		}
		if tag := equationTag(t.block); kind == "eq" && !explicit && tag != "" {
			l.Content = []doc.Inline{&doc.Text{Text: tag}}
			continue
		}
		if kind == "eq" && !explicit && crossrefLabelKind(t.block) == doc.CrossrefEquation {
			// a numbered equation's number, once numberCrossrefs has it
			r.mystEquations = append(r.mystEquations, mystEquation{l, t.block, false})
			continue
		}
		if _, _, ok := doc.TheoremHead(t.block); ok && !explicit {
			// an exercise's or theorem's word and number, "Exercise 3"
			r.mystEquations = append(r.mystEquations, mystEquation{l, t.block, false})
			continue
		}
		if !explicit && t.title != "" && kind != "eq" {
			text := &doc.Text{Text: t.title}
			l.Content = []doc.Inline{text}
			if citesIn(titleContent(t.block)) {
				r.mystTitles = append(r.mystTitles, mystTitle{text, t.block, t.title})
			}
		}
	}
}

// mystRoles reports whether refs hold a reference written as MyST's
// role, not as LaTeX's \eqref or \ref.
func mystRoles(refs []*doc.Span) bool {
	for _, sp := range refs {
		if kind, _, _, _, _ := doc.ParseMystRef(sp); kind != "eqref" && kind != "texref" {
			return true
		}
	}
	return false
}

// mystEmptyLink gives a link to t written without text, [](#label),
// the text mystmd gives it: a numbered figure's or table's word and
// number, once numbered, else its target's title.
func (r *resolver) mystEmptyLink(l *doc.Link, t mystTarget) {
	if k := crossrefLabelKind(t.block); k == doc.CrossrefFigure || k == doc.CrossrefTable {
		r.mystNumrefs = append(r.mystNumrefs, mystNumref{link: l, block: t.block})
		return
	}
	if t.title != "" {
		l.Content = []doc.Inline{&doc.Text{Text: t.title}}
	}
}

// mystEquation is an {eq} reference to a numbered equation, which
// prints its number, or a reference to a theorem environment (an
// exercise, sphinx-proof's directives), which prints its word and number.
type mystEquation struct {
	link  *doc.Link
	block doc.Block
	// bare drops the parentheses around an equation's number (\ref)
	bare bool
}

// linkTexRef points LaTeX's \eqref{label} or \ref{label} (kind "eqref",
// "texref") at its label: an equation prints its number, "(3)" or "3",
// once numberCrossrefs has it, or its \tag; a figure or table its
// number; any other target its title, as {ref} does. A label the book
// does not have prints "(??)" or "??", as LaTeX prints it.
func (r *resolver) linkTexRef(sp *doc.Span, kind, label string, l *doc.Link, at doc.Pos, targets, folded map[string]mystTarget) {
	bare := kind == "texref"
	t, ok := targets[label]
	if !ok {
		t, ok = folded[strings.ToLower(label)]
	}
	if !ok {
		r.warnf(at, "math.ref", "%s: no equation or other target of that label in the book; printed as %s", doc.WrittenMystRef(sp), unnumbered(bare))
		sp.Content = []doc.Inline{&doc.Text{Text: unnumbered(bare)}}
		return
	}
	l.URL = "/" + t.file + "#" + t.id
	if tag := equationTag(t.block); tag != "" {
		if bare && strings.HasPrefix(tag, "(") && strings.HasSuffix(tag, ")") {
			tag = tag[1 : len(tag)-1]
		}
		l.Content = []doc.Inline{&doc.Text{Text: tag}}
		return
	}
	switch crossrefLabelKind(t.block) {
	case doc.CrossrefEquation:
		r.mystEquations = append(r.mystEquations, mystEquation{l, t.block, bare})
		return
	case doc.CrossrefFigure, doc.CrossrefTable:
		template := "%s"
		if !bare {
			template = "(%s)"
		}
		r.mystNumrefs = append(r.mystNumrefs, mystNumref{l, t.block, template})
		return
	}
	if t.title != "" {
		l.Content = []doc.Inline{&doc.Text{Text: t.title}}
	}
}

// unnumbered is what a reference to a label the book lacks prints.
func unnumbered(bare bool) string {
	if bare {
		return "??"
	}
	return "(??)"
}

// equationTag is the \tag of a paragraph that is a display formula, ""
// for any other block.
func equationTag(b doc.Block) string {
	p, ok := b.(*doc.Paragraph)
	if !ok {
		return ""
	}
	for _, in := range p.Content {
		if m, ok := in.(*doc.Math); ok && m.Display && m.Tree != nil {
			return m.Tree.Tag
		}
	}
	return ""
}

// intersphinxPage is the address of the page a {doc} reference into
// another project names (intro:ar1_processes), on the site
// markdown.intersphinx gives that project, as Sphinx names its pages
// (ar1_processes.html), and the page's name; ok false for a project not
// mapped.
func (r *resolver) intersphinxPage(label string) (url, page string, ok bool) {
	project, page, found := strings.Cut(strings.TrimSuffix(label, ".md"), ":")
	site := r.in.Intersphinx[project]
	if !found || site == "" || page == "" {
		return "", "", false
	}
	return strings.TrimSuffix(site, "/") + "/" + strings.TrimPrefix(page, "/") + ".html", page, true
}

// mystNumref is a {numref} reference to a numbered figure or table, and
// the text its author wrote, "" for none.
type mystNumref struct {
	link     *doc.Link
	block    doc.Block
	template string
}

// numrefText is a {numref}'s text with the target's number and caption
// in it, as Sphinx fills "Fig. %s" or "{number}: {name}".
func numrefText(template, number, name string) string {
	return strings.NewReplacer("%s", number, "{number}", number, "{name}", name).Replace(template)
}

// numberMystNumrefs writes the text of each {numref} to a numbered figure
// or table: "Figure 3" (the word Quarto's references print, in the book's
// language) when its author wrote none, else the author's text with the
// number and caption in it. One whose target the edition left out keeps
// its caption, or the author's text without the number.
func (r *resolver) numberMystNumrefs() {
	words := labels.For(r.book.Meta.Language)
	for _, m := range r.mystNumrefs {
		num, ok := r.xrefNumbers[m.block]
		var text string
		switch {
		case m.template != "" && ok:
			text = numrefText(m.template, num, refTitle(m.block))
		case m.template != "":
			text = strings.TrimSpace(numrefText(m.template, "", refTitle(m.block)))
		case ok && crossrefLabelKind(m.block) == doc.CrossrefTable:
			text = words.Table + "\u00a0" + num
		case ok:
			text = words.Figure + "\u00a0" + num
		default:
			text = refTitle(m.block)
		}
		m.link.Content = []doc.Inline{&doc.Text{Text: text}}
	}
}

// mystSection is a {numref} to a heading of a numbered entry: its link,
// the author's text ("" for none), the heading's title, and where it is
// and how it is written, for a warning.
type mystSection struct {
	link     *doc.Link
	heading  *doc.Heading
	template string
	title    string
	at       doc.Pos
	what     string
}

// numrefWhat names a {numref} in a warning: as the file writes it
// (d2lbook's :numref:`x`), else as MyST's role.
func numrefWhat(sp *doc.Span, label string) string {
	if w := doc.WrittenMystRef(sp); w != "" {
		return w
	}
	return fmt.Sprintf("{numref} %q", label)
}

// numberMystSections writes the text of each {numref} to a heading of a
// numbered entry: "Section 3.1" (Sphinx's numfig_format, in the book's
// language) when its author wrote none, else the author's text with the
// number and the heading's title in it. A heading deeper than the entry
// numbers, or one the edition leaves out, prints its title, with a
// warning.
func (r *resolver) numberMystSections() {
	words := labels.For(r.book.Meta.Language)
	for _, m := range r.mystSections {
		num := r.sectionNumbers[m.heading]
		switch {
		case num == "":
			r.warnf(m.at, "myst.numref", "%s: a heading the book does not number (deeper than the chapter's numbered: levels, or left out); its text is printed", m.what)
			if m.template != "" {
				m.link.Content = []doc.Inline{&doc.Text{Text: numrefText(m.template, m.title, m.title)}}
			} else if m.title != "" {
				m.link.Content = []doc.Inline{&doc.Text{Text: m.title}}
			}
		case m.template != "":
			m.link.Content = []doc.Inline{&doc.Text{Text: numrefText(m.template, num, m.title)}}
		default:
			m.link.Content = []doc.Inline{&doc.Text{Text: words.Section + "\u00a0" + num}}
		}
	}
}

// numberMystEquations gives each {eq} reference to a numbered equation
// the equation's number, "(3)", as Jupyter Book prints it.
func (r *resolver) numberMystEquations() {
	for _, m := range r.mystEquations {
		if head, _, ok := doc.TheoremHead(m.block); ok {
			if text := plainTrim(head.Content); !strings.HasSuffix(text, "??") {
				m.link.Content = []doc.Inline{&doc.Text{Text: text}}
			}
			continue
		}
		p, ok := m.block.(*doc.Paragraph)
		if !ok || len(p.Content) == 0 {
			continue
		}
		if sp, ok := p.Content[len(p.Content)-1].(*doc.Span); ok {
			if num := plainTrim(sp.Content); num != "" && !strings.HasSuffix(num, "??") {
				if m.bare {
					num = strings.TrimSuffix(strings.TrimPrefix(num, "("), ")")
				}
				m.link.Content = []doc.Inline{&doc.Text{Text: num}}
			}
		}
	}
}

// titleMystRefs writes again, once the citations are resolved, the
// references whose text is a caption or heading that cites a work: the
// citation as the caption prints it ("Field (1987)", or "Field" where a
// note holds the rest), not as it was written. A text an annotation or
// an index entry has since been anchored in keeps what it was.
func (r *resolver) titleMystRefs() {
	for _, m := range r.mystTitles {
		if citesIn(titleContent(m.block)) {
			continue // left out of the edition, its citations unresolved
		}
		if title := refTitle(m.block); title != "" && m.text.Text == m.before {
			m.text.Text = title
		}
	}
}

// refTitle is the text a reference to b shows: a heading's, or a
// figure's or table's caption, without the caption's number (Quarto's)
// and without the full stop it ends with, which the reference's own
// sentence has ("see Identify a wake word." not "word..").
func refTitle(b doc.Block) string {
	var parts []doc.Inline
	for _, in := range titleContent(b) {
		if sp, ok := in.(*doc.Span); ok {
			if _, ok := doc.ParseCrossrefLabel(sp); ok {
				continue
			}
		}
		parts = append(parts, in)
	}
	title := plainTrim(parts)
	if strings.HasSuffix(title, ".") && !strings.HasSuffix(title, "..") {
		title = strings.TrimSpace(strings.TrimSuffix(title, "."))
	}
	return title
}

// titleContent is the text that titles a block.
func titleContent(b doc.Block) []doc.Inline {
	switch b := b.(type) {
	case *doc.Heading:
		return b.Content
	case *doc.Figure:
		return b.Caption
	case *doc.Table:
		return b.Caption
	case *doc.Div:
		if p := doc.FigureCaption(b); p != nil {
			return p.Content
		}
	}
	return nil
}

// citesIn reports whether in holds a citation not yet resolved.
func citesIn(in []doc.Inline) bool {
	found := false
	doc.WalkInlines(in, doc.Visitor{Inline: func(x doc.Inline) bool {
		if _, ok := x.(*doc.Cite); ok {
			found = true
		}
		return !found
	}})
	return found
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
