package doc

import "strconv"

// bookdown (R Markdown's books) refers to a labelled item with
// \@ref(label): a figure's fig:x, a table's tab:x, an equation's eq:x, a
// theorem's thm:x (lem:x, def:x…), or any heading's ID. It prints the
// item's number alone ("Figure \@ref(fig:x)" reads "Figure 2.1"), or a
// heading's. The parser cannot know another chapter's labels, so it writes
// such a reference as the span BookdownRef makes, holding the reference as
// written; the resolve pass, which knows the book, makes it a link
// showing the number, or leaves what was written with a warning.
//
// Its theorem environments (::: {.theorem #pyth name="…"}, or the older
// ```{theorem pyth, name="…"} chunk) are a Div of class TheoremClass and
// of the environment's name, whose first paragraph opens with the
// environment's head: a Strong (an Emph for a proof, a remark or a
// solution) holding the span CrossrefLabel makes for its kind (the
// environment's label prefix, or its name when it is unnumbered), then
// the name in parentheses, then a full stop. The resolve pass writes the
// word and the number into the span.

// BookdownRefClass is the class of the span around a bookdown reference.
const BookdownRefClass = "bookdown-ref"

// BookdownRef is the span of a reference to label written at pos as
// written ("\@ref(fig:x)"), which it shows until the resolve pass
// resolves it.
func BookdownRef(label, written string, pos Pos) *Span {
	return &Span{Classes: []string{BookdownRefClass},
		Attrs:   []Attr{{Key: "label", Value: label}, {Key: "line", Value: strconv.Itoa(pos.Line)}},
		Content: []Inline{&Text{Text: written}}}
}

// ParseBookdownRef reports whether s is a span BookdownRef made, the
// label it refers to and the line it is written on (0 if unknown).
func ParseBookdownRef(s *Span) (label string, line int, ok bool) {
	if s == nil || len(s.Classes) != 1 || s.Classes[0] != BookdownRefClass || len(s.Attrs) != 2 || s.Attrs[0].Key != "label" || s.Attrs[1].Key != "line" {
		return "", 0, false
	}
	line, _ = strconv.Atoi(s.Attrs[1].Value)
	return s.Attrs[0].Value, line, true
}

// TheoremClass is the class of a bookdown theorem environment's Div.
const TheoremClass = "theorem-env"

// TheoremEnv is one of bookdown's theorem environments.
type TheoremEnv struct {
	// Name is the environment's ("theorem"), its class and chunk engine.
	Name string
	// Prefix is its labels' ("thm" for thm:pyth), "" for an unnumbered
	// one, which cannot be referred to.
	Prefix string
	// Style is amsthm's, as bookdown gives the environment in LaTeX:
	// "plain" sets the body in italics, "definition" upright, "remark"
	// upright under a head in italics.
	Style string
}

// TheoremEnvs are bookdown's environments, in its order.
var TheoremEnvs = []TheoremEnv{
	{"theorem", "thm", "plain"},
	{"lemma", "lem", "plain"},
	{"corollary", "cor", "plain"},
	{"proposition", "prp", "plain"},
	{"conjecture", "cnj", "plain"},
	{"definition", "def", "definition"},
	{"example", "exm", "definition"},
	{"exercise", "exr", "definition"},
	{"hypothesis", "hyp", "definition"},
	{"proof", "", "remark"},
	{"remark", "", "remark"},
	{"solution", "", "remark"},
}

// TheoremByName is the environment named name.
func TheoremByName(name string) (TheoremEnv, bool) {
	for _, t := range TheoremEnvs {
		if t.Name == name {
			return t, true
		}
	}
	return TheoremEnv{}, false
}

// TheoremByKind is the environment whose head's span is of kind: a
// numbered one's label prefix, an unnumbered one's name.
func TheoremByKind(kind string) (TheoremEnv, bool) {
	for _, t := range TheoremEnvs {
		if t.Prefix == kind || t.Prefix == "" && t.Name == kind {
			return t, true
		}
	}
	return TheoremEnv{}, false
}

// Kind is what the environment's head's span and its labels' kind are.
func (t TheoremEnv) Kind() string {
	if t.Prefix == "" {
		return t.Name
	}
	return t.Prefix
}

// TheoremHead is the span that holds a theorem environment's word and
// number, and the environment; ok is false for any other block.
func TheoremHead(b Block) (sp *Span, env TheoremEnv, ok bool) {
	d, isDiv := b.(*Div)
	if !isDiv || len(d.Blocks) == 0 || len(d.Classes) == 0 || d.Classes[0] != TheoremClass {
		return nil, env, false
	}
	p, isPara := d.Blocks[0].(*Paragraph)
	if !isPara || len(p.Content) == 0 {
		return nil, env, false
	}
	var head []Inline
	switch h := p.Content[0].(type) {
	case *Strong:
		head = h.Content
	case *Emph:
		head = h.Content
	}
	if len(head) == 0 {
		return nil, env, false
	}
	s, isSpan := head[0].(*Span)
	kind, isLabel := ParseCrossrefLabel(s)
	if !isSpan || !isLabel {
		return nil, env, false
	}
	env, ok = TheoremByKind(kind)
	return s, env, ok
}
