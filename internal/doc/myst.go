package doc

// MyST Markdown (Jupyter Book, Sphinx's myst-parser) names targets with
// (label)= lines and refers to them by label alone from any page
// ({ref}`label`, {numref}`label`, {eq}`label`, {doc}`path`). The parser of
// one chapter cannot know another's labels, so it writes such a reference
// as the span MystRef makes, its link pointing at the label in its own
// chapter; the resolve pass, which knows every label of the book, points
// it at the chapter holding the label and gives a reference written
// without text the target's title, or prints it as text when the book
// has no such label.

// MystRefClass is the class of the span around a MyST reference.
const MystRefClass = "myst-ref"

// MystRef is the span of a reference of role kind ("ref", "numref", "eq",
// "doc") to label. text is what the author wrote to show, nil for none:
// the link then shows the label until the resolve pass gives it the
// target's title.
func MystRef(kind, label string, text []Inline, pos Pos) *Span {
	explicit := "1"
	if len(text) == 0 {
		explicit = ""
		text = []Inline{&Text{Text: label}}
	}
	url := "#" + label
	if kind == "doc" {
		url = label
	}
	return &Span{Classes: []string{MystRefClass},
		Attrs:   []Attr{{Key: "role", Value: kind}, {Key: "label", Value: label}, {Key: "text", Value: explicit}},
		Content: []Inline{&Link{URL: url, Pos: pos, Content: text}}}
}

// MystRefWritten records on a span MystRef made the reference as its
// author wrote it, where that is not MyST's syntax (d2lbook's
// :numref:`fig_x`), so that messages name what is in the file.
func MystRefWritten(s *Span, written string) {
	s.Attrs = append(s.Attrs, Attr{Key: "written", Value: written})
}

// WrittenMystRef is what MystRefWritten recorded, "" for a reference
// written as MyST writes it.
func WrittenMystRef(s *Span) string {
	if len(s.Attrs) == 4 && s.Attrs[3].Key == "written" {
		return s.Attrs[3].Value
	}
	return ""
}

// ParseMystRef reads a span MystRef made: the role, the label, whether the
// author wrote the text shown, and the link.
func ParseMystRef(s *Span) (kind, label string, explicit bool, link *Link, ok bool) {
	if s == nil || len(s.Classes) != 1 || s.Classes[0] != MystRefClass || len(s.Attrs) < 3 || len(s.Attrs) > 4 || len(s.Content) != 1 {
		return "", "", false, nil, false
	}
	l, isLink := s.Content[0].(*Link)
	if !isLink {
		return "", "", false, nil, false
	}
	return s.Attrs[0].Value, s.Attrs[1].Value, s.Attrs[2].Value != "", l, true
}
