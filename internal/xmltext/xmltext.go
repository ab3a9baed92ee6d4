// Package xmltext writes text into XML documents that must stay
// well-formed whatever the text holds: SVG taken from raw HTML or from a
// book's image files, before it is packaged.
package xmltext

import (
	"bytes"
	"unicode/utf8"
)

// Char reports whether XML 1.0 allows r in a document (its Char production).
func Char(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// Escape appends s to b as character data, or as an attribute value
// (without its quotes) when attr is set. Markup characters become
// references, white space an attribute would normalise away becomes
// character references, and invalid UTF-8 and characters XML forbids are
// dropped.
func Escape(b *bytes.Buffer, s string, attr bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case r == '\t' && attr:
			b.WriteString("&#x9;")
		case r == '\n' && attr:
			b.WriteString("&#xA;")
		case r == '\r':
			b.WriteString("&#xD;") // a literal CR would be read back as a line end
		case !Char(r):
		default:
			b.WriteRune(r)
		}
	}
}
