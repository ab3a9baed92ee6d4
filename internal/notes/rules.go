package notes

import (
	"fmt"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// A specification's rules (doc/rule.go) are anchors any chapter may link
// to by name alone, as mdbook-spec defines a link reference for every
// rule in every chapter. The parser of one chapter cannot know another's
// rules, so it leaves such links for this pass, which knows the book's.

// ruleTarget is where a rule is: the file of its entry, its name as
// written, and where it is written.
type ruleTarget struct {
	file, name string
	pos        doc.Pos
}

// linkRules points every link naming a rule at the rule: those the parser
// wrote as doc.RuleRefURL ([items.fn.intro], [text][items.fn.intro]) and
// those whose URL is a rule's name ([text]: items.fn.intro), as "/file#r-
// name", which resolveLinks then resolves as any link to an anchor. A
// reference naming no rule is printed as it was written, and a
// mkdocstrings cross-reference as its text with one warning for its
// chapter, as the parser prints them in a book without rules. It runs
// before the anchors are renamed, so rule anchors still have their own
// IDs, and before conditions, so links to a rule the edition leaves out
// say so. A rule's name written twice is a warning; links lead to the
// first.
func (r *resolver) linkRules(anns []*annotation) {
	rules := map[string]ruleTarget{}
	for _, e := range r.entries() {
		file := cleanPath(e.File)
		for _, blocks := range entryBlockSets(e) {
			walkInlinesAt(blocks, e.File, func(in doc.Inline, pos doc.Pos) bool {
				sp, ok := in.(*doc.Span)
				if !ok {
					return true
				}
				name, ok := doc.RuleName(sp)
				if !ok {
					return true
				}
				at := pos
				if len(sp.Content) > 0 {
					if l, ok := sp.Content[0].(*doc.Link); ok {
						at = l.Place(pos)
					}
				}
				key := strings.ToLower(name)
				if first, dup := rules[key]; dup {
					r.warnf(at, "rule.duplicate", "rule %s is named twice, first at %s; links to it lead there", name, first.pos)
					return true
				}
				rules[key] = ruleTarget{file: file, name: name, pos: at}
				return true
			})
		}
	}
	for _, e := range r.entries() {
		w := &ruleLinker{r: r, rules: rules}
		for _, blocks := range entryBlockSets(e) {
			w.blocks(blocks, e.File)
		}
	}
	for _, a := range anns {
		if a.note != nil {
			w := &ruleLinker{r: r, rules: rules}
			w.blocks(a.note.Blocks, a.file)
		}
	}
}

// ruleLinker rewrites the links to rules of one chapter.
type ruleLinker struct {
	r     *resolver
	rules map[string]ruleTarget
	pos   doc.Pos
	// autoref is the chapter's warning about mkdocstrings'
	// cross-references, one for all: its index in r.warns, the first
	// label and how many.
	autoref      int
	autorefFirst string
	autorefs     int
}

func (w *ruleLinker) blocks(bs []doc.Block, file string) {
	for _, b := range bs {
		if b == nil {
			continue
		}
		w.pos = posIn(b.Position(), file)
		switch b := b.(type) {
		case *doc.Paragraph:
			w.inlines(&b.Content)
		case *doc.Heading:
			w.inlines(&b.Content)
		case *doc.Figure:
			w.inlines(&b.Caption)
		case *doc.Table:
			w.inlines(&b.Caption)
			for _, cell := range b.Header {
				if cell != nil {
					w.inlines(&cell.Content)
				}
			}
			for _, row := range b.Rows {
				for _, cell := range row {
					if cell != nil {
						w.inlines(&cell.Content)
					}
				}
			}
		default:
			w.blocks(doc.BlockChildren(b), file)
		}
	}
}

// inlines rewrites the links of one inline list. A list where a
// reference is printed as written is built again, its texts joined as
// the parser joins them.
func (w *ruleLinker) inlines(list *[]doc.Inline) {
	in := *list
	var out []doc.Inline
	for i, x := range in {
		switch x := x.(type) {
		case *doc.Emph:
			w.inlines(&x.Content)
		case *doc.Strong:
			w.inlines(&x.Content)
		case *doc.Strike:
			w.inlines(&x.Content)
		case *doc.Span:
			w.inlines(&x.Content)
		case *doc.Link:
			w.inlines(&x.Content)
			if text, ok := w.link(x); !ok {
				if out == nil {
					out = append(make([]doc.Inline, 0, len(in)), in[:i]...)
				}
				for _, t := range text {
					out = appendJoined(out, t)
				}
				continue
			}
		}
		if out != nil {
			out = appendJoined(out, x)
		}
	}
	if out != nil {
		*list = out
	}
}

// link points l at its rule; ok false gives what it is printed as
// instead.
func (w *ruleLinker) link(l *doc.Link) (text []doc.Inline, ok bool) {
	label, form, isRef := doc.ParseRuleRef(l.URL)
	if !isRef {
		if t, found := w.rules[strings.ToLower(strings.TrimSpace(l.URL))]; found && !strings.ContainsAny(l.URL, "/#") {
			l.URL = t.url()
		}
		return nil, true
	}
	if t, found := w.rules[strings.ToLower(label)]; found {
		l.URL = t.url()
		return nil, true
	}
	open := []doc.Inline{&doc.Text{Text: "["}}
	switch form {
	case doc.RuleRefShortcut:
		return append(append(open, l.Content...), &doc.Text{Text: "]"}), false
	case doc.RuleRefCollapsed:
		return append(append(open, l.Content...), &doc.Text{Text: "][]"}), false
	case doc.RuleRefFull:
		return append(append(open, l.Content...), &doc.Text{Text: "][" + label + "]"}), false
	}
	w.autorefWarning(l.Place(w.pos), label)
	return l.Content, false
}

// autorefWarning tells of a mkdocstrings cross-reference printed as its
// text, in the chapter's one warning, as the parser words it.
func (w *ruleLinker) autorefWarning(pos doc.Pos, label string) {
	w.autorefs++
	if w.autorefs == 1 {
		w.autoref, w.autorefFirst = len(w.r.warns), label
		w.r.warnf(pos, "mkdocs.autoref", "")
	}
	more := ""
	if w.autorefs > 1 {
		more = fmt.Sprintf(" (and %d more)", w.autorefs-1)
	}
	w.r.warns[w.autoref].Message = fmt.Sprintf("reference link to %s%s has no definition: printed as its text (a dotted label is how mkdocstrings links into the API documentation it generates, which the book does not have), or define it in a file appended with markdown.include_append", w.autorefFirst, more)
}

// url is the link to the rule from anywhere in the book.
func (t ruleTarget) url() string { return "/" + t.file + "#" + doc.RuleAnchor(t.name) }

// appendJoined appends x to out, joining it to a text that ends out.
func appendJoined(out []doc.Inline, x doc.Inline) []doc.Inline {
	if t, ok := x.(*doc.Text); ok && len(out) > 0 {
		if prev, ok := out[len(out)-1].(*doc.Text); ok {
			out[len(out)-1] = &doc.Text{Text: prev.Text + t.Text}
			return out
		}
	}
	return append(out, x)
}
