package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// decodeMarkdown resolves backslash escapes and character references in
// Markdown text, as CommonMark defines them (references need their
// semicolon; a reference to code point 0 or beyond Unicode gives U+FFFD).
func decodeMarkdown(b []byte) string {
	if bytes.IndexByte(b, '\\') < 0 && bytes.IndexByte(b, '&') < 0 {
		return string(b)
	}
	var out strings.Builder
	out.Grow(len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\\' && i+1 < len(b) && util.IsPunct(b[i+1]):
			out.WriteByte(b[i+1])
			i++
		case c == '&':
			if s, n := characterReference(b[i:]); n > 0 {
				out.WriteString(s)
				i += n - 1
			} else {
				out.WriteByte(c)
			}
		default:
			out.WriteByte(c)
		}
	}
	return out.String()
}

// characterReference decodes the reference at the start of b ("&amp;",
// "&#35;", "&#x22;") and returns its text and length, or 0 if there is none.
func characterReference(b []byte) (string, int) {
	if len(b) < 3 || b[0] != '&' {
		return "", 0
	}
	if b[1] == '#' {
		i, base, maxDigits := 2, 10, 7
		if i < len(b) && (b[i] == 'x' || b[i] == 'X') {
			i, base, maxDigits = 3, 16, 6
		}
		start := i
		for i < len(b) && i-start < maxDigits && isDigit(b[i], base) {
			i++
		}
		if i == start || i >= len(b) || b[i] != ';' {
			return "", 0
		}
		v, err := strconv.ParseUint(string(b[start:i]), base, 32)
		r := rune(v)
		if err != nil || v == 0 || v > unicode.MaxRune || (r >= 0xD800 && r <= 0xDFFF) {
			r = utf8.RuneError
		}
		return string(r), i + 1
	}
	i := 1
	for i < len(b) && i < 40 && (isASCIILetter(b[i]) || (b[i] >= '0' && b[i] <= '9')) {
		i++
	}
	if i == 1 || i >= len(b) || b[i] != ';' {
		return "", 0
	}
	e, ok := util.LookUpHTML5EntityByName(string(b[1:i]))
	if !ok {
		return "", 0
	}
	return string(e.Characters), i + 1
}

func isDigit(c byte, base int) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	return base == 16 && (c|0x20 >= 'a' && c|0x20 <= 'f')
}

// collapseSpace turns each run of HTML white space into one space, as HTML
// rendering does outside preformatted text.
func collapseSpace(s string) string {
	i := strings.IndexAny(s, "\t\n\f\r ")
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\f', '\r':
			if !space {
				b.WriteByte(' ')
			}
			space = true
		default:
			b.WriteRune(r)
			space = false
		}
	}
	return b.String()
}

// cleanText makes text safe for every output: valid UTF-8 without NUL or the
// control characters XML forbids (each becomes U+FFFD; form feed and
// vertical tab, which are white space, become a space).
func cleanText(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= utf8.RuneSelf {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case r == '\f' || r == '\v':
			b.WriteByte(' ')
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// slug makes a heading ID the way GitHub does: lower case, letters, digits,
// marks, '_' and '-' kept, and the zero-width joiner and non-joiner inside
// Persian and Indic words ("نرم‌افزار"), spaces turned into '-', everything
// else dropped.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Nl, unicode.No, unicode.Pc):
			b.WriteRune(r)
		case r == '-', r == '\u200c', r == '\u200d':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte('-')
		}
	}
	return b.String()
}

// unsafeURL reports whether a URL runs script or embeds data: javascript:
// and vbscript: always, data: unless it is an image for an image. Browsers
// ignore tabs and newlines inside URLs and spaces before them, so those do
// not hide the scheme.
func unsafeURL(u string, image bool) (scheme string, bad bool) {
	s := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	s = strings.TrimLeft(s, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return "", false
	}
	scheme = strings.ToLower(s[:i])
	switch scheme {
	case "javascript", "vbscript":
		return scheme, true
	case "data":
		if image && strings.HasPrefix(strings.ToLower(strings.TrimSpace(s[i+1:])), "image/") {
			return "", false
		}
		return scheme, true
	}
	return "", false
}
