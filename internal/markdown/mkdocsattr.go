package markdown

import (
	"bytes"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Python-Markdown's attr_list gives a block its classes, ID and
// attributes with a list on the block's last line, alone:
//
//	Lorem ipsum dolor sit amet, (1) consectetur adipiscing elit.
//	{ .annotate }
//
// They style a web page (Material's annotations, cards, search), so the
// line is dropped rather than printed. It is taken only as Python-Markdown
// writes it, a space or a colon after the brace, with at least one class,
// ID or attribute, so that a pandoc book's "{x}" on a line stays text.
// kramdown's IALs are the same lines (kramdown.go reads both).
// isAttrListLine reports whether s is a Python-Markdown attribute list:
// "{:" or "{ ", then classes (.x), IDs (#x), keys with values (k=v,
// k="v") or bare keys (data-search-exclude), then "}".
func isAttrListLine(s []byte) bool {
	if len(s) < 4 || s[0] != '{' || s[len(s)-1] != '}' || s[1] != ':' && s[1] != ' ' {
		return false
	}
	inner := bytes.TrimPrefix(s[1:len(s)-1], []byte(":"))
	if bytes.ContainsAny(inner, "{}") {
		return false
	}
	a, ok := parseAttributes(inner)
	return ok && (a.id != "" || len(a.classes) > 0 || len(a.kv) > 0 || a.bare)
}

// trimHeadingAttrList drops an attribute list at the end of a heading
// that goldmark's heading attributes do not read, such as a bare key
// (## Changes { data-search-exclude }), after a space as Python-Markdown
// wants it.
func trimHeadingAttrList(h *doc.Heading) {
	if len(h.Content) == 0 {
		return
	}
	t, ok := h.Content[len(h.Content)-1].(*doc.Text)
	if !ok || !strings.HasSuffix(strings.TrimRight(t.Text, " \t"), "}") {
		return
	}
	s := strings.TrimRight(t.Text, " \t")
	i := strings.LastIndex(s, " {")
	if i < 0 || !isAttrListLine([]byte(s[i+1:])) {
		return
	}
	t.Text = strings.TrimRight(s[:i], " \t")
	if t.Text == "" {
		h.Content = h.Content[:len(h.Content)-1]
	}
}
