package epub

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// cleanText makes s safe as XML character data: invalid UTF-8 becomes
// U+FFFD, line ends become "\n", and characters XML forbids or HTML calls
// non-characters or controls are dropped.
func cleanText(s string) string {
	if isClean(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == '\r' {
			b.WriteByte('\n')
			if i < len(s) && s[i] == '\n' {
				i++
			}
			continue
		}
		if allowedRune(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f {
			return isCleanSlow(s)
		}
	}
	return true
}

func isCleanSlow(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r == '\r' || !allowedRune(r) {
			return false
		}
	}
	return true
}

// allowedRune reports whether r may appear in our XHTML: XML 1.0 Char minus
// C0/C1 controls other than tab and newline, and minus Unicode non-characters.
func allowedRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return true
	case r < 0x20 || (r >= 0x7f && r <= 0x9f):
		return false
	case r >= 0xd800 && r <= 0xdfff:
		return false
	case r >= 0xfdd0 && r <= 0xfdef:
		return false
	case r&0xfffe == 0xfffe: // U+xFFFE and U+xFFFF in every plane
		return false
	case r > utf8.MaxRune:
		return false
	}
	return true
}

// oneLine cleans s and folds every run of white space to one space, for
// titles, labels and metadata.
func oneLine(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// xmlWriter builds XML with every text and attribute value cleaned and
// escaped; markup only ever comes from the element names our code passes.
type xmlWriter struct {
	b bytes.Buffer
}

// attr is one attribute; attributes with an empty value are written only
// when keep is set (alt="" is meaningful, class="" is not).
type attr struct {
	name, value string
	keep        bool
}

func av(name, value string) attr     { return attr{name: name, value: value} }
func avKeep(name, value string) attr { return attr{name: name, value: value, keep: true} }

func (w *xmlWriter) raw(s string) { w.b.WriteString(s) }

func (w *xmlWriter) open(name string, attrs ...attr) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.attrs(attrs)
	w.b.WriteByte('>')
}

func (w *xmlWriter) empty(name string, attrs ...attr) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.attrs(attrs)
	w.b.WriteString("/>")
}

func (w *xmlWriter) close(name string) {
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteByte('>')
}

func (w *xmlWriter) nl() { w.b.WriteByte('\n') }

// element writes <name attrs>text</name>.
func (w *xmlWriter) element(name, text string, attrs ...attr) {
	w.open(name, attrs...)
	w.text(text)
	w.close(name)
}

func (w *xmlWriter) attrs(attrs []attr) {
	for _, at := range attrs {
		if at.value == "" && !at.keep {
			continue
		}
		w.b.WriteByte(' ')
		w.b.WriteString(at.name)
		w.b.WriteString(`="`)
		escape(&w.b, cleanText(at.value), true)
		w.b.WriteByte('"')
	}
}

func (w *xmlWriter) text(s string) { escape(&w.b, cleanText(s), false) }

// escape writes clean text (see cleanText) as character data, or as an
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
