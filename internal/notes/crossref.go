package notes

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/labels"
)

// Quarto's and pandoc-crossref's cross-references. The parser marks the
// figures, tables and equations labelled in their syntax with the span of
// their number (doc/crossref.go) and reads a reference, @fig-x or
// [@fig:x; @fig:y], as pandoc does, as a citation. linkCrossrefs, before
// the anchors are renamed (the labels are still as written), finds the
// labels of the whole book and turns each citation all of whose keys name
// one into a group of links to them; a key that names none but a
// bibliography's record stays a citation, and one that names neither is
// printed "??" with a warning. numberCrossrefs, once the edition's
// conditions have left out what they leave out, numbers the items in book
// order, one sequence for each kind (samizdat does not number chapters),
// and writes the captions' numbers and the references' text.

// xrefTarget is a labelled item.
type xrefTarget struct {
	kind  string // doc.CrossrefFigure, …, or "sec"
	file  string
	id    string
	block doc.Block
}

// xrefItem is one reference of a group: its target (nil when the label
// names nothing) and how it was written.
type xrefItem struct {
	target *xrefTarget
	label  string
	// pandoc is pandoc-crossref's syntax (fig:x), else Quarto's (fig-x);
	// capital a reference starting a sentence (@Fig-x).
	pandoc, capital bool
	item            doc.CiteItem
}

// xrefGroup is a citation made a cross-reference: the span standing for
// it and its items.
type xrefGroup struct {
	span  *doc.Span
	items []xrefItem
	pos   doc.Pos
	// inLink is set for one inside a link's text, which prints its
	// text without links of its own
	inLink bool
}

// xrefClass is the class of the span holding a reference's links.
const xrefClass = "crossref"

func (r *resolver) linkCrossrefs(anns []*annotation) {
	targets := map[string]*xrefTarget{}
	// headings are every heading with an ID, which bookdown's
	// \@ref(id) names, in an R Markdown book
	var headings map[string]*xrefTarget
	for _, e := range r.entries() {
		file := cleanPath(e.File)
		rmd := rmdEntry(e)
		for _, blocks := range entryBlockSets(e) {
			doc.Walk(blocks, doc.Visitor{Block: func(b doc.Block) bool {
				kind := crossrefLabelKind(b)
				// a proof's head has its word written too
				r.xrefNumbered = r.xrefNumbered || kind != ""
				id := doc.BlockID(b)
				if id == "" || targets[id] != nil {
					return true
				}
				if _, ok := b.(*doc.Heading); ok && rmd {
					if headings == nil {
						headings = map[string]*xrefTarget{}
					}
					if headings[id] == nil {
						headings[id] = &xrefTarget{kind: "sec", file: file, id: id, block: b}
					}
				}
				if h, ok := b.(*doc.Heading); ok {
					if k, _, ok := doc.CrossrefKind(h.ID); ok && k == "sec" && h.ID[0] == 's' {
						kind = k
					}
				}
				if kind != "" {
					targets[id] = &xrefTarget{kind: kind, file: file, id: id, block: b}
				}
				return true
			}})
		}
	}
	var bib func(string) bool
	if b := r.in.Bibliography; b != nil {
		bib = func(key string) bool { _, ok := b.Lookup(key); return ok }
	}
	visit := func(list []doc.Inline, pos doc.Pos, inLink bool) {
		for i, in := range list {
			c, ok := in.(*doc.Cite)
			if !ok {
				continue
			}
			g, ok := crossrefGroup(c, targets, bib)
			if !ok {
				continue
			}
			g.pos, g.inLink = pos, inLink
			if c.Line > 0 {
				g.pos.Line = c.Line
			}
			g.span = &doc.Span{Classes: []string{xrefClass}, Content: []doc.Inline{&doc.Text{Text: c.Text}}}
			list[i] = g.span
			r.xrefs = append(r.xrefs, g)
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
	r.linkBookdownRefs(targets, headings, anns)
}

// crossrefLabelKind is the kind of the number span a figure's or table's
// caption or an equation holds, "" when it holds none.
func crossrefLabelKind(b doc.Block) string {
	if _, env, ok := doc.TheoremHead(b); ok {
		return env.Kind()
	}
	var list []doc.Inline
	switch b := b.(type) {
	case *doc.Figure:
		list = b.Caption
	case *doc.Table:
		list = b.Caption
	case *doc.Div:
		if p := doc.FigureCaption(b); p != nil {
			list = p.Content
		}
	case *doc.Paragraph:
		if n := len(b.Content); n > 0 {
			list = b.Content[n-1:]
		}
	}
	if len(list) > 0 {
		if sp, ok := list[0].(*doc.Span); ok {
			kind, _ := doc.ParseCrossrefLabel(sp)
			return kind
		}
	}
	return ""
}

// crossrefGroup reads a citation as a cross-reference: ok when every key is
// a label's (doc.CrossrefKind) and each names a labelled item or, naming
// none, no record of the bibliography either.
func crossrefGroup(c *doc.Cite, targets map[string]*xrefTarget, bib func(string) bool) (*xrefGroup, bool) {
	g := &xrefGroup{}
	for _, it := range c.Items {
		kind, sep, ok := doc.CrossrefKind(it.Key)
		if !ok {
			return nil, false
		}
		label := it.Key
		capital := label[0] != kind[0]
		if capital {
			label = kind + label[len(kind):]
		}
		t := targets[label]
		if t == nil && bib != nil && bib(it.Key) {
			return nil, false // a work cited, whose key looks like a label
		}
		if t != nil && t.kind != kind {
			t = nil // @tbl-x naming a figure: no table of that label
		}
		g.items = append(g.items, xrefItem{target: t, label: label, pandoc: sep == ':', capital: capital, item: it})
	}
	return g, len(g.items) > 0
}

// eachInlineList calls fn with every list of inline content in blocks,
// inside links, emphasis and spans too, the place of the block it is in
// and whether it is inside a link, so fn can replace elements of the list
// in place.
func eachInlineList(blocks []doc.Block, file string, fn func([]doc.Inline, doc.Pos, bool)) {
	var inlines func([]doc.Inline, doc.Pos, bool)
	inlines = func(list []doc.Inline, pos doc.Pos, inLink bool) {
		fn(list, pos, inLink)
		for _, in := range list {
			if kids := doc.InlineChildren(in); len(kids) > 0 {
				_, isLink := in.(*doc.Link)
				inlines(kids, pos, inLink || isLink)
			}
		}
	}
	var walk func([]doc.Block)
	walk = func(bs []doc.Block) {
		for _, b := range bs {
			if b == nil {
				continue
			}
			pos := posIn(b.Position(), file)
			for _, list := range doc.BlockInlines(b) {
				inlines(list, pos, false)
			}
			walk(doc.BlockChildren(b))
		}
	}
	walk(blocks)
}

// numberCrossrefs numbers the labelled items the edition keeps, in book
// order, writes the number into each one's span ("Figure 2: " before a
// caption, "(3)" after an equation), and the text of every reference.
func (r *resolver) numberCrossrefs() {
	if !r.xrefNumbered && len(r.xrefs) == 0 && len(r.bookdownRefs) == 0 {
		return // a book without them: nothing to walk for
	}
	// section is the chapter number of a numbered entry's heading last
	// met, which numbers its items by chapter, "3.2", as Sphinx does
	// (numfig_secnum_depth 1); items of an entry not numbered share one
	// sequence
	section := ""
	words := labels.For(r.book.Meta.Language)
	numbers := map[doc.Block]int{}
	// numbered are the numbers as printed, "2.1" in R Markdown, for
	// bookdown's references
	numbered := map[doc.Block]string{}
	counts := map[string]int{}
	var chapters bookdownChapters
	for _, e := range r.entries() {
		rmd := rmdEntry(e)
		if e.Role == doc.RoleAppendix {
			chapters.startAppendix()
		}
		section = ""
		for _, blocks := range entryBlockSets(e) {
			doc.Walk(blocks, doc.Visitor{Block: func(b doc.Block) bool {
				kind := crossrefLabelKind(b)
				if h, ok := b.(*doc.Heading); ok && r.sectionNumbers[h] != "" {
					section = chapterNumber(r.sectionNumbers[h])
				}
				// prefix is the chapter an item is numbered in
				prefix := section
				if rmd {
					prefix = chapters.current
				}
				if kind == "" {
					if h, ok := b.(*doc.Heading); ok && rmd && !r.titleHeadings[h] {
						// a title the build gave a chapter is no chapter of
						// bookdown's
						chapters.heading(h)
					}
					if h, ok := b.(*doc.Heading); ok && h.ID != "" {
						numbers[b] = 0 // kept, for references to sections
					}
					return true
				}
				if head, env, ok := doc.TheoremHead(b); ok {
					num := ""
					if env.Prefix != "" {
						key := kind + "@" + prefix
						counts[key]++
						numbers[b] = counts[key]
						num = strconv.Itoa(counts[key])
						if prefix != "" {
							num = prefix + "." + num
						}
						numbered[b] = num
					}
					head.Content = []doc.Inline{&doc.Text{Text: theoremText(env, num, words)}}
					return true
				}
				key := kind + "@" + prefix
				counts[key]++
				n := counts[key]
				numbers[b] = n
				var sp []doc.Inline
				if p := doc.FigureCaption(b); p != nil {
					sp = p.Content // a figure of code, MyST's
				} else if lists := doc.BlockInlines(b); len(lists) > 0 {
					sp = lists[len(lists)-1]
					if _, ok := b.(*doc.Table); ok {
						sp = lists[0]
					}
				}
				num := strconv.Itoa(n)
				if prefix != "" {
					// bookdown's numbers, by chapter, and Sphinx's in a
					// numbered book
					num = prefix + "." + num
				}
				numbered[b] = num
				text := ""
				switch kind {
				case doc.CrossrefFigure:
					text = words.Figure + "\u00a0" + num + ": "
				case doc.CrossrefTable:
					text = words.Table + "\u00a0" + num + ": "
				case doc.CrossrefEquation:
					text = "(" + num + ")"
				}
				for _, in := range sp {
					if s, ok := in.(*doc.Span); ok {
						if _, ok := doc.ParseCrossrefLabel(s); ok {
							s.Content = []doc.Inline{&doc.Text{Text: text}}
							break
						}
					}
				}
				return true
			}})
		}
	}
	r.xrefNumbers = numbered
	for _, g := range r.xrefs {
		g.span.Content = r.crossrefText(g, numbers, numbered, words)
	}
	r.writeBookdownRefs(numbers, numbered)
}

// crossrefText is what a reference prints: Quarto's "Figure 2" (a prefix
// written before the key in its stead, the number alone for [-@fig-x]),
// pandoc-crossref's "fig. 2" and "figs. 2, 3", a section's title, each a
// link to its item; "??" for a label naming nothing the edition has.
func (r *resolver) crossrefText(g *xrefGroup, numbers map[doc.Block]int, numbered map[doc.Block]string, words labels.Labels) []doc.Inline {
	var out []doc.Inline
	sep := func(s string) {
		if len(out) > 0 {
			out = append(out, &doc.Text{Text: s})
		}
	}
	link := func(t *xrefTarget, text string) doc.Inline {
		if g.inLink {
			return &doc.Text{Text: text}
		}
		return &doc.Link{URL: "/" + t.file + "#" + t.id, Content: []doc.Inline{&doc.Text{Text: text}}, Pos: g.pos}
	}
	for i := 0; i < len(g.items); i++ {
		it := g.items[i]
		t := it.target
		n, kept := 0, false
		if t != nil {
			n, kept = numbers[t.block]
		}
		if !kept {
			r.crossrefMissing(g, it)
			sep(", ")
			out = append(out, &doc.Text{Text: "??"})
			continue
		}
		if t.kind == "sec" {
			sep(", ")
			h := t.block.(*doc.Heading)
			text := plainTrim(doc.WithoutSectionNumber(h.Content))
			if num := r.sectionNumbers[h]; num != "" {
				// a numbered book's "Section 3.1", as Quarto prints it
				// with number-sections (pandoc-crossref's "sec. 3.1")
				text = num
				word := words.Section
				if it.pandoc {
					word = crossrefWord("sec", true, false, it.capital, words)
				}
				if it.item.Prefix != "" {
					word = it.item.Prefix
				}
				if !it.item.SuppressAuthor || it.item.Prefix != "" {
					text = word + "\u00a0" + num
				}
			} else if p := it.item.Prefix; p != "" && !it.item.SuppressAuthor {
				text = p + " " + text
			}
			out = append(out, link(t, text))
			out = appendSuffix(out, it.item)
			continue
		}
		word := crossrefWord(t.kind, it.pandoc, false, it.capital, words)
		if it.item.Prefix != "" {
			word = it.item.Prefix
		}
		if !it.pandoc || it.item.SuppressAuthor {
			sep(", ")
			// [-@fig-x] drops the word, not one the author wrote
			// ([Fig. -@fig-x])
			text := numbered[t.block]
			if !it.item.SuppressAuthor || it.item.Prefix != "" {
				text = word + "\u00a0" + text
			}
			out = append(out, link(t, text))
			out = appendSuffix(out, it.item)
			continue
		}
		// pandoc-crossref: the items of one kind after this one share its
		// prefix, in its plural, their numbers listed, runs of three or
		// more as a range
		run := []xrefItem{it}
		nums := []int{n}
		for j := i + 1; j < len(g.items); j++ {
			nt := g.items[j].target
			if nt == nil || nt.kind != t.kind || !g.items[j].pandoc || g.items[j].item.SuppressAuthor || g.items[j].item.Prefix != "" {
				break
			}
			m, ok := numbers[nt.block]
			if !ok {
				break
			}
			run = append(run, g.items[j])
			nums = append(nums, m)
		}
		i += len(run) - 1
		if len(run) > 1 && it.item.Prefix == "" {
			word = crossrefWord(t.kind, true, true, it.capital, words)
		}
		sep(", ")
		if len(run) == 1 {
			out = append(out, link(t, word+"\u00a0"+numbered[t.block]))
			out = appendSuffix(out, it.item)
			continue
		}
		out = append(out, &doc.Text{Text: word + "\u00a0"})
		for k := 0; k < len(run); k++ {
			end := k
			for end+1 < len(run) && nums[end+1] == nums[end]+1 {
				end++
			}
			if k > 0 {
				out = append(out, &doc.Text{Text: ", "})
			}
			out = append(out, link(run[k].target, numbered[run[k].target.block]))
			if end-k >= 2 {
				out = append(out, &doc.Text{Text: "-"}, link(run[end].target, numbered[run[end].target.block]))
				k = end
			}
		}
		out = appendSuffix(out, run[len(run)-1].item)
	}
	return out
}

// appendSuffix adds what the author wrote after a key ([@fig-x, left]).
func appendSuffix(out []doc.Inline, it doc.CiteItem) []doc.Inline {
	s := strings.TrimSpace(strings.TrimSpace(it.Locator + " " + it.Suffix))
	if s == "" {
		return out
	}
	if !strings.HasPrefix(s, ",") {
		s = " " + s
	}
	return append(out, &doc.Text{Text: s})
}

// crossrefWord names an item of kind in a reference: Quarto's word in the
// book's language ("Figure"), or pandoc-crossref's default prefix ("fig.",
// "figs." for several), capitalised when the key was (@Fig:x).
func crossrefWord(kind string, pandoc, plural, capital bool, words labels.Labels) string {
	var w string
	switch {
	case !pandoc && kind == doc.CrossrefFigure:
		w = words.Figure
	case !pandoc && kind == doc.CrossrefTable:
		w = words.Table
	case !pandoc:
		w = words.Equation
	case kind == doc.CrossrefEquation && plural:
		w = "eqns."
	case plural:
		w = kind + "s."
	default:
		w = kind + "."
	}
	if capital {
		r, size := utf8.DecodeRuneInString(w)
		w = string(unicode.ToUpper(r)) + w[size:]
	}
	return w
}

// crossrefMissing warns of a reference to a label the book does not have,
// or whose item the edition left out.
func (r *resolver) crossrefMissing(g *xrefGroup, it xrefItem) {
	if it.target != nil {
		r.warnf(g.pos, "crossref.left-out", "@%s: the edition leaves out what it refers to; printed \"??\"", it.item.Key)
		return
	}
	what := map[string]string{doc.CrossrefFigure: "figure", doc.CrossrefTable: "table", doc.CrossrefEquation: "equation", "sec": "heading"}
	kind, _, _ := doc.CrossrefKind(it.label)
	r.warnf(g.pos, "crossref.missing", "@%s: no %s of the book is labelled {#%s}; printed \"??\"", it.item.Key, what[kind], it.label)
}
