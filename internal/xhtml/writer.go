package xhtml

import "bytes"

// Writer builds XML with every text and attribute value cleaned and
// escaped.
type Writer struct {
	b bytes.Buffer
}

// Attr is one attribute. An empty value is written only when the
// attribute was made with Keep (alt="" is meaningful, class="" is not).
type Attr struct {
	name, value string
	keep        bool
}

// A is an attribute left out when its value is empty.
func A(name, value string) Attr { return Attr{name: name, value: value} }

// Keep is an attribute written even when its value is empty.
func Keep(name, value string) Attr { return Attr{name: name, value: value, keep: true} }

// Raw writes s as it is: for declarations and white space only.
func (w *Writer) Raw(s string) { w.b.WriteString(s) }

// Write appends markup another Writer made.
func (w *Writer) Write(p []byte) { w.b.Write(p) }

// Bytes returns what was written.
func (w *Writer) Bytes() []byte { return w.b.Bytes() }

// Len is the number of bytes written.
func (w *Writer) Len() int { return w.b.Len() }

// Open writes a start tag.
func (w *Writer) Open(name string, attrs ...Attr) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.attrs(attrs)
	w.b.WriteByte('>')
}

// Empty writes an empty-element tag.
func (w *Writer) Empty(name string, attrs ...Attr) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.attrs(attrs)
	w.b.WriteString("/>")
}

// Close writes an end tag.
func (w *Writer) Close(name string) {
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteByte('>')
}

// NL writes a line end.
func (w *Writer) NL() { w.b.WriteByte('\n') }

// Element writes <name attrs>text</name>.
func (w *Writer) Element(name, text string, attrs ...Attr) {
	w.Open(name, attrs...)
	w.Text(text)
	w.Close(name)
}

// Text writes character data.
func (w *Writer) Text(s string) { escape(&w.b, CleanText(s), false) }

// Written reports whether any of attrs would be written.
func Written(attrs []Attr) bool {
	for _, at := range attrs {
		if at.value != "" || at.keep {
			return true
		}
	}
	return false
}

func (w *Writer) attrs(attrs []Attr) {
	for _, at := range attrs {
		if at.value == "" && !at.keep {
			continue
		}
		w.b.WriteByte(' ')
		w.b.WriteString(at.name)
		w.b.WriteString(`="`)
		escape(&w.b, CleanText(at.value), true)
		w.b.WriteByte('"')
	}
}

// escape writes clean text (see CleanText) as character data, or as an
// attribute value when attr is set. The fast path copies runs of ordinary
// bytes in one write.
func escape(b *bytes.Buffer, s string, attr bool) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch c := s[i]; {
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case attr && c == '"':
			esc = "&quot;"
		case attr && c == '\t':
			esc = "&#9;"
		case attr && c == '\n':
			esc = "&#10;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}
