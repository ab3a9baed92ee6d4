// Package xhtml writes the document tree as XHTML: the one writer the
// EPUB's content documents and any other (X)HTML output share. Every text
// and attribute value is cleaned and escaped, so no input can break the
// markup; markup only ever comes from the element names this code passes.
//
// What differs between outputs — where a link or a picture leads, which
// IDs and heading levels were planned, where print pages start — a Document
// answers; Options choose the EPUB's extra semantics.
package xhtml

import (
	"strings"
	"unicode/utf8"
)

// CleanText makes s safe as XML character data: invalid UTF-8 becomes
// U+FFFD, line ends become "\n", and characters XML forbids or HTML calls
// non-characters or controls are dropped.
func CleanText(s string) string {
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

// OneLine cleans s and folds every run of white space to one space, for
// titles, labels and metadata.
func OneLine(s string) string {
	return strings.Join(strings.Fields(CleanText(s)), " ")
}

// ClassList joins class names, cleaned, into one attribute value; a name
// holding spaces becomes several.
func ClassList(classes ...string) string {
	var out []string
	for _, c := range classes {
		out = append(out, strings.Fields(CleanText(c))...)
	}
	return strings.Join(out, " ")
}
