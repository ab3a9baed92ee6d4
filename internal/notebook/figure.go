package notebook

import (
	"encoding/json"
	"fmt"
	"strings"
)

// cellFigure is what a code cell's metadata says of its picture:
// MyST-NB's mystnb.figure (caption, name) and mystnb.image (alt, width,
// height).
type cellFigure struct {
	figure               bool
	caption, name, alt   string
	width, height, align string
}

// figureMeta reads mystnb (or the older myst) options of a cell. A
// value of another type than MyST-NB's is passed over.
func figureMeta(m cellMeta) cellFigure {
	var f cellFigure
	for _, raw := range []json.RawMessage{m.Myst, m.MystNB} {
		var o struct {
			Figure map[string]any `json:"figure"`
			Image  map[string]any `json:"image"`
		}
		if len(raw) == 0 || json.Unmarshal(raw, &o) != nil {
			continue
		}
		str := func(m map[string]any, k string) string {
			switch v := m[k].(type) {
			case string:
				return v
			case float64:
				return fmt.Sprint(v)
			}
			return ""
		}
		if o.Figure != nil {
			f.figure = true
			f.caption = cmpOr(str(o.Figure, "caption"), f.caption)
			f.name = cmpOr(str(o.Figure, "name"), f.name)
			f.align = cmpOr(str(o.Figure, "align"), f.align)
		}
		if o.Image != nil {
			f.alt = cmpOr(str(o.Image, "alt"), f.alt)
			f.width = cmpOr(str(o.Image, "width"), f.width)
			f.height = cmpOr(str(o.Image, "height"), f.height)
		}
	}
	return f
}

// directive is the picture as a MyST figure directive, which the parser
// numbers when it has a name.
func (f cellFigure) directive(url, alt string) string {
	caption := strings.TrimSpace(strings.ReplaceAll(f.caption, "\r\n", "\n"))
	fence := "````"
	for strings.Contains(caption, fence) {
		fence += "`"
	}
	var b strings.Builder
	b.WriteString(fence + "{figure} " + url + "\n")
	opt := func(k, v string) {
		if v = strings.Join(strings.Fields(v), " "); v != "" {
			b.WriteString(":" + k + ": " + v + "\n")
		}
	}
	opt("name", f.name)
	opt("alt", alt)
	opt("width", f.width)
	opt("height", f.height)
	opt("align", f.align)
	if caption != "" {
		b.WriteString("\n" + caption + "\n")
	}
	b.WriteString(fence)
	return b.String()
}
