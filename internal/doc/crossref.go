package doc

// Quarto and pandoc-crossref number the figures, tables and display
// equations an author labels ({#fig-x}, {#tbl:x}, {#eq-x}) and print the
// number in the caption ("Figure 2: The chart"). The parser knows which
// items are labelled in those ways but not their numbers, which depend on
// the whole book and the edition; so it puts the span CrossrefLabel makes
// where the number goes (before a caption, after an equation), and the
// resolve pass, numbering the items in book order, gives the span its
// text. MyST's and raw HTML's labels are left without numbers, as their
// tools print none.

// CrossrefLabelClass is the class of the span that holds an item's number.
const CrossrefLabelClass = "crossref-label"

// Kinds of numbered items, as their labels' prefixes name them.
const (
	CrossrefFigure   = "fig"
	CrossrefTable    = "tbl"
	CrossrefEquation = "eq"
)

// CrossrefLabel is the span standing for the number of an item of kind
// (CrossrefFigure, CrossrefTable, CrossrefEquation); its text until the
// resolve pass numbers it is "kind ??".
func CrossrefLabel(kind string) *Span {
	return &Span{Classes: []string{CrossrefLabelClass}, Attrs: []Attr{{Key: "kind", Value: kind}},
		Content: []Inline{&Text{Text: kind + " ??"}}}
}

// ParseCrossrefLabel reports whether s is a span CrossrefLabel made, and
// the kind of its item.
func ParseCrossrefLabel(s *Span) (kind string, ok bool) {
	if s == nil || len(s.Classes) != 1 || s.Classes[0] != CrossrefLabelClass || len(s.Attrs) != 1 || s.Attrs[0].Key != "kind" {
		return "", false
	}
	return s.Attrs[0].Value, true
}

// CrossrefKind is the kind of item a Quarto or pandoc-crossref label
// names by its prefix ("fig-x" and "fig:x" a figure, "sec-x" a section),
// and the separator written after it ('-' Quarto's, ':'
// pandoc-crossref's); ok is false for other labels. The prefix may be
// capitalised, as a reference that starts a sentence writes it (@Fig-x).
func CrossrefKind(label string) (kind string, sep byte, ok bool) {
	for _, k := range []string{CrossrefFigure, CrossrefTable, CrossrefEquation, "sec"} {
		if len(label) > len(k)+1 && (label[:len(k)] == k || label[0] == k[0]-'a'+'A' && label[1:len(k)] == k[1:]) {
			if s := label[len(k)]; s == '-' || s == ':' {
				return k, s, true
			}
		}
	}
	return "", 0, false
}

// FigureCaption is the paragraph captioning a figure made of blocks (a
// Div of kind DivFigure whose first block is its caption, one paragraph),
// nil for any other block.
func FigureCaption(b Block) *Paragraph {
	d, ok := b.(*Div)
	if !ok || d.Kind != DivFigure || len(d.Blocks) == 0 {
		return nil
	}
	c, ok := d.Blocks[0].(*Div)
	if !ok || c.Kind != DivCaption || len(c.Blocks) != 1 {
		return nil
	}
	p, _ := c.Blocks[0].(*Paragraph)
	return p
}

// SectionNumberClass is the class of the span holding a numbered
// heading's number ("3.1 ") at the start of its text, and of the
// entry's title when the heading is the entry's title.
const SectionNumberClass = "section-number"

// SectionNumber is the span before a numbered heading's text.
func SectionNumber(num string) *Span {
	return &Span{Classes: []string{SectionNumberClass}, Content: []Inline{&Text{Text: num + " "}}}
}

// WithoutSectionNumber is a heading's or title's text without its
// number.
func WithoutSectionNumber(in []Inline) []Inline {
	if len(in) > 0 {
		if sp, ok := in[0].(*Span); ok && len(sp.Classes) == 1 && sp.Classes[0] == SectionNumberClass {
			return in[1:]
		}
	}
	return in
}
