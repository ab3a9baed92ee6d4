package markdown

import (
	"bytes"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
)

// The HTML parser keeps no positions, so a picture tag, and every other
// tag a message may be about (placedTags), carries its source offset
// through it in an attribute (markers.at) added to the tag before parsing;
// the element is then reported at its own line and column, not at the
// first line of the HTML block or paragraph that holds it.

// sourceSpan says that n bytes of the text handed to the HTML parser,
// from at, are a copy of the source from src.
type sourceSpan struct{ at, src, n int }

// sourceMap ties the text handed to the HTML parser to the source, in
// order of the text.
type sourceMap []sourceSpan

// copySegment writes a segment of the source to b and records where it
// came from, when a tag may start in it: a tag's name is on the line of
// its "<", so the map need hold no other segment. A segment's
// padding (spaces standing for part of a tab) has no bytes of its own in
// the source.
func (m *sourceMap) copySegment(b *strings.Builder, src []byte, seg text.Segment) {
	start := b.Len() + seg.Padding
	v := seg.Value(src)
	b.Write(v)
	if bytes.IndexByte(v, '<') >= 0 {
		*m = append(*m, sourceSpan{at: start, src: seg.Start, n: seg.Stop - seg.Start})
	}
}

// mayHoldPlacedTag reports whether s may hold the start of a tag in
// placedTags, in any letter case: HTML with none, most of it, is left as
// it is without being read token by token.
func mayHoldPlacedTag(s string) bool {
	var name [len("codeblock")]byte // as long as the longest placed tag's name
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return false
		}
		i += j + 1
		n := 0
		for ; i+n < len(s) && (isASCIILetter(s[i+n]) || '0' <= s[i+n] && s[i+n] <= '9'); n++ {
			if n < len(name) {
				name[n] = s[i+n] | 0x20 // lower case; digits are unchanged
			}
		}
		if n > 0 && n <= len(name) && placedTags[string(name[:n])] {
			return true
		}
	}
}

// shift is the map of the text with its first n bytes cut off.
func (m sourceMap) shift(n int) sourceMap {
	out := make(sourceMap, 0, len(m))
	for _, s := range m {
		if s.at+s.n <= n {
			continue
		}
		if s.at < n {
			s.src, s.n, s.at = s.src+n-s.at, s.n-(n-s.at), n
		}
		s.at -= n
		out = append(out, s)
	}
	return out
}

// offset is the source offset of byte i of the text, or -1 if it is no
// copy of the source. The spans are in order of the text, so the one
// holding i is found by halving: an HTML block of many lines with a link
// on each asks once a line.
func (m sourceMap) offset(i int) int {
	k := sort.Search(len(m), func(k int) bool { return m[k].at+m[k].n > i })
	if k < len(m) && i >= m[k].at {
		return m[k].src + i - m[k].at
	}
	return -1
}

// pictureTags are the start tags whose elements become pictures. The
// parser reads <image> as <img>.
var pictureTags = setOf("img", "image", "svg")

// placedTags are the start tags whose source offset markPictures adds:
// pictures, links, tables and the elements dropped with a warning. Each is taken
// off again by tagOffset where the element is converted, so none is left
// in what the book prints.
var placedTags = func() map[string]bool {
	// MDX's <Tabs>, whose values prop is JavaScript (tabValues), and
	// Docusaurus's <CodeBlock>, whose code is (codeBlockContent)
	m := setOf("a", "table", "tabs", "codeblock")
	for k := range pictureTags {
		m[k] = true
	}
	for k := range droppedElements {
		m[k] = true
	}
	return m
}()

// foreignBreakout are the start tags that end SVG or MathML content in the
// HTML parser, which goes back to HTML at them.
var foreignBreakout = setOf("b", "big", "blockquote", "body", "br", "center", "code",
	"dd", "div", "dl", "dt", "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head",
	"hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby",
	"s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var")

// markPictures adds the source offset of each picture tag of s, and of
// each other tag in placedTags, as the attribute named attr. It reads s token by token the way the HTML parser
// will (raw text, comments, CDATA in SVG and MathML), so that no attribute
// is added to what the parser takes for text.
func markPictures(s string, m sourceMap, attr string) string {
	if len(m) == 0 || !mayHoldPlacedTag(s) {
		return s
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	done, pos := 0, 0
	// foreign holds the svg and math elements open, innermost last: the
	// parser reads text as SVG or MathML while it is not empty.
	var foreign []string
	for {
		z.AllowCDATA(len(foreign) > 0)
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := pos
		pos += len(z.Raw())
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			nameBytes, _ := z.TagName()
			name := string(nameBytes)
			switch {
			case len(foreign) > 0 && foreignBreakout[name]:
				foreign = foreign[:0]
			case len(foreign) > 0 && rawTextElements[name]:
				// In SVG and MathML, <title> or <style> hold markup.
				z.NextIsNotRawText()
			}
			outside := len(foreign) == 0
			if (name == "svg" || name == "math") && tt == html.StartTagToken {
				foreign = append(foreign, name)
			}
			// Inside SVG, <image> and <svg> are parts of the picture,
			// <a> and <script> parts of it too.
			if !placedTags[name] || !outside {
				continue
			}
			src := m.offset(start)
			if src < 0 {
				continue
			}
			cut := start + 1 + len(name)
			b.WriteString(s[done:cut])
			b.WriteString(" " + attr + `="` + strconv.Itoa(src) + `"`)
			done = cut
		case html.EndTagToken:
			// In SVG and MathML an end tag closes the nearest open element
			// of its name and is ignored when none is open (</math> inside
			// an <svg>); </p> and </br> go back to HTML.
			name, _ := z.TagName()
			switch string(name) {
			case "svg", "math":
				for k := len(foreign) - 1; k >= 0; k-- {
					if foreign[k] == string(name) {
						foreign = foreign[:k]
						break
					}
				}
			case "p", "br":
				foreign = foreign[:0]
			}
		}
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// parseMarked parses s as HTML in context, with the source offsets of its
// placed tags added (markPictures), and takes off every marker the parser
// did not read as markup. markPictures and the placeholders foresee how the
// parser will read the text, token by token; where it reads otherwise (a
// <plaintext> that raw HTML's rules did not show turns the rest into text,
// an <svg> markPictures took for closed is still open), a marker would
// reach the book. Their stem occurs nowhere in the source, so each
// is found and cut out exactly, leaving the author's text as it was.
func (c *converter) parseMarked(s string, at sourceMap, context *html.Node) ([]*html.Node, error) {
	m := c.markers()
	nodes, err := parseHTML(markPictures(s, at, m.at), context)
	if err != nil {
		return nil, err
	}
	var walk func(n *html.Node, foreign bool)
	walk = func(n *html.Node, foreign bool) {
		switch n.Type {
		case html.TextNode:
			n.Data = m.cut(n.Data)
		case html.CommentNode:
			// A comment ends at the first "-->" (a bogus one, such as
			// <![CDATA[ in HTML, at the first ">"), which may be inside a
			// marker: what is left of it ends the comment.
			if rest, ok := strings.CutPrefix(n.Data, m.line); ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
				break // a line comment, which the converter reads
			}
			n.Data = m.cut(n.Data)
			if i := strings.Index(n.Data, m.stem); i >= 0 {
				n.Data = n.Data[:max(strings.LastIndexByte(n.Data[:i], '<'), 0)]
			}
		case html.ElementNode:
			// An SVG picture is serialised with its attributes and
			// elements; only its root's offset is taken off (tagOffset).
			if foreign {
				n.Attr = slices.DeleteFunc(n.Attr, func(a html.Attribute) bool { return a.Key == m.at || a.Key == m.link })
			}
			foreign = n.Namespace != ""
		}
		for ch := n.FirstChild; ch != nil; {
			next := ch.NextSibling
			if foreign && ch.Type == html.ElementNode && (ch.Data == m.inline || ch.Data == m.block) {
				n.RemoveChild(ch) // its content is placed after, as leftovers
			} else {
				walk(ch, foreign)
			}
			ch = next
		}
	}
	for _, n := range nodes {
		walk(n, false)
	}
	return nodes, nil
}

// cut removes from text that the HTML parser read out of markup every
// marker it holds: placeholder elements (whose content the converter
// places after, as leftovers), line comments and added attributes.
func (m markers) cut(s string) string {
	if !strings.Contains(s, m.stem) {
		return s
	}
	for _, f := range [...][2]string{
		{"<" + m.inline + " " + indexAttr + `="`, `"></` + m.inline + ">"},
		{"<" + m.block + " " + indexAttr + `="`, `"></` + m.block + ">"},
		{"<!--" + m.line, "-->"},
		{" " + m.at + `="`, `"`},
		{" " + m.link + `="`, `"`},
	} {
		s = cutNumbered(s, f[0], f[1])
	}
	return s
}

// cutNumbered removes from s every occurrence of pre, a number and post.
func cutNumbered(s, pre, post string) string {
	var b strings.Builder
	done := 0
	for from := 0; ; {
		i := strings.Index(s[from:], pre)
		if i < 0 {
			break
		}
		i += from
		j := i + len(pre)
		for j < len(s) && '0' <= s[j] && s[j] <= '9' {
			j++
		}
		if j == i+len(pre) || !strings.HasPrefix(s[j:], post) {
			from = i + 1
			continue
		}
		b.WriteString(s[done:i])
		done = j + len(post)
		from = done
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// tagOffset takes the source offset markPictures gave an element off it,
// or -1 if it has none.
func (h *htmlConv) tagOffset(n *html.Node) int {
	key := h.c.markers().at
	for i, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			n.Attr = append(n.Attr[:i:i], n.Attr[i+1:]...)
			if off, err := strconv.Atoi(a.Val); err == nil {
				return off
			}
			return -1
		}
	}
	return -1
}
