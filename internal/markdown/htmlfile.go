package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// An HTML or XHTML file listed as a chapter (a source saved from the web,
// a Standard Ebooks or Project Gutenberg chapter, a page of an EPUB) is
// read as raw HTML in Markdown is read, its <body> being one HTML block:
// the same elements keep the same meaning in both formats. Its <title>
// titles the chapter when its body has no heading, and the language of
// its <html> element (lang, or XHTML's xml:lang) is the chapter's.
// Nothing of its <head> is kept: style sheets and scripts are the site's.
//
// The HTML parser keeps no positions, so a comment naming its line is
// put before each block element's start tag, as HTML blocks of Markdown
// carry theirs (htmlGroup), and placed tags carry their offsets
// (markPictures): a problem is reported at its own line.

// htmlChapterExts are the extensions of HTML chapter files.
var htmlChapterExts = []string{".html", ".htm", ".xhtml"}

// IsHTMLChapter reports whether a chapter file is read as HTML.
func IsHTMLChapter(name string) bool {
	lower := strings.ToLower(name)
	for _, ext := range htmlChapterExts {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// htmlLineTags are the start tags a line comment goes before: those
// that begin the blocks a message may be about.
var htmlLineTags = setOf("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote",
	"pre", "table", "tr", "figure", "div", "section", "article", "aside", "hr", "ol", "ul", "dl",
	"header", "footer", "hgroup", "details", "address", "nav", "main", "img", "svg", "math")

// ParseHTML reads an HTML or XHTML file as a chapter.
func (p *Parser) ParseHTML(src []byte, file string) (ch *Chapter, err error) {
	defer func() {
		if r := recover(); r != nil {
			ch = nil
			err = diag.Errorf(file, 0, "markdown.internal", "internal error while reading HTML: %v", r)
		}
	}()
	source, notUTF8 := prepareSource(src)
	c := newConverter(source, file, 0)
	c.parser = p.md.Parser()
	c.site, c.siteName = p.site, p.siteName
	c.vault = p.vault
	if notUTF8 >= 0 {
		c.warnAt(notUTF8, "markdown.not-utf8", "bytes that are not UTF-8 text, each shown as a replacement character (save the file as UTF-8)")
	}
	parts := htmlDocumentParts(source)
	c.htmlFile = true
	if cut := findGutenberg(string(source[parts.bodyStart:parts.bodyEnd])); cut.header || cut.footer {
		c.warnAt(parts.bodyStart+max(cut.headerAt, 0), "html.gutenberg", gutenbergMessage(c, parts.bodyStart, cut))
		parts.bodyStart, parts.bodyEnd = parts.bodyStart+cut.start, parts.bodyStart+cut.end
	}
	body := string(source[parts.bodyStart:parts.bodyEnd])
	line := c.lines.line(parts.bodyStart)
	text, at := c.markHTMLLines(body, parts.bodyStart)
	var blocks []doc.Block
	if nodes, err := c.parseMarked(text, at, bodyContext); err != nil {
		blocks = c.unparsedHTML(line, body)
	} else {
		nodes = dropNavigation(nodes)
		h := newHTMLConv(c, line)
		items := h.list(nodes)
		blocks = c.itemsToBlocks(append(items, h.leftovers()...))
	}
	ch = &Chapter{Blocks: blocks}
	if parts.lang != "" {
		ch.Front.Language = c.langTag(parts.lang, c.lines.line(parts.langAt))
	}
	if title := collapseSpace(strings.TrimSpace(parts.title)); title != "" && !blocksHaveHeading(blocks) {
		ch.Front.Title, ch.Front.TitleLine = escapeMarkdown(title), c.lines.line(parts.titleAt)
	}
	ch.Notes = c.noteBlocks()
	c.finish(ch)
	ch.Warnings = c.diagnostics()
	return ch, nil
}

// gutenbergMessage says which of a Project Gutenberg file's header and
// footer were left out, at which lines, and where what they said
// belongs.
func gutenbergMessage(c *converter, from int, cut gutenbergCut) string {
	lines := func(a, b int) string {
		la, lb := c.lines.line(from+a), c.lines.line(from+b)
		if la == lb {
			return "line " + strconv.Itoa(la)
		}
		return "lines " + strconv.Itoa(la) + "–" + strconv.Itoa(lb)
	}
	var parts []string
	if cut.header {
		parts = append(parts, "header ("+lines(cut.headerAt, cut.headerEndAt)+")")
	}
	if cut.footer {
		parts = append(parts, "footer ("+lines(cut.footerAt, cut.footerEndAt)+")")
	}
	return "the Project Gutenberg " + strings.Join(parts, " and ") +
		" left out: the terms and credits they hold are the source's provenance, which the manifest gives (kind: source)"
}

// htmlParts are where an HTML document's parts are in its source.
type htmlParts struct {
	bodyStart, bodyEnd int    // the body's content
	title              string // the <title>'s text, "" if none
	titleAt            int
	lang               string // the <html> element's language, "" if none
	langAt             int
}

// htmlDocumentParts finds the content of an HTML document's <body> (after
// its start tag, up to its end tag), its title and its language, reading
// it token by token as the HTML parser would. A fragment with no <body>
// tag is its content, less a <head> and what comes before it.
func htmlDocumentParts(src []byte) htmlParts {
	parts := htmlParts{bodyEnd: len(src)}
	z := html.NewTokenizer(bytes.NewReader(src))
	offset := 0
	inTitle, bodyFound := false, false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := len(z.Raw())
		start := offset
		offset += raw
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "html":
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if key := string(k); (key == "lang" || key == "xml:lang") && parts.lang == "" {
						parts.lang, parts.langAt = strings.TrimSpace(string(v)), start
					}
				}
				if !bodyFound {
					parts.bodyStart = offset
				}
			case "title":
				inTitle = !bodyFound && parts.title == ""
				parts.titleAt = start
			case "body":
				if !bodyFound {
					bodyFound = true
					parts.bodyStart = offset
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "title":
				inTitle = false
			case "head":
				if !bodyFound {
					parts.bodyStart = offset
				}
			case "body", "html":
				if bodyFound && parts.bodyEnd == len(src) {
					parts.bodyEnd = start
				}
			}
		case html.TextToken:
			if inTitle {
				parts.title += html.UnescapeString(string(z.Raw()))
			}
		}
	}
	if parts.bodyEnd < parts.bodyStart {
		parts.bodyEnd = parts.bodyStart
	}
	return parts
}

// markHTMLLines copies body, which starts at offset from in the source,
// with a comment naming the source line before each start tag in
// htmlLineTags, and returns it with the map of its copied bytes.
func (c *converter) markHTMLLines(body string, from int) (string, sourceMap) {
	var out strings.Builder
	var at sourceMap
	copied := 0 // of body
	flush := func(to int) {
		if to > copied {
			at = append(at, sourceSpan{at: out.Len(), src: from + copied, n: to - copied})
			out.WriteString(body[copied:to])
			copied = to
		}
	}
	z := html.NewTokenizer(strings.NewReader(body))
	offset := 0
	last := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := offset
		offset += len(z.Raw())
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, _ := z.TagName()
		if !htmlLineTags[string(name)] {
			continue
		}
		line := c.lines.line(from + start)
		if line == last {
			continue
		}
		last = line
		flush(start)
		out.WriteString("<!--" + c.markers().line + strconv.Itoa(line) + "-->")
	}
	flush(len(body))
	return out.String(), at
}

// blocksHaveHeading reports whether a heading is among blocks, at any
// depth.
func blocksHaveHeading(blocks []doc.Block) bool {
	found := false
	doc.Walk(blocks, doc.Visitor{Block: func(b doc.Block) bool {
		if _, ok := b.(*doc.Heading); ok {
			found = true
		}
		return !found
	}})
	return found
}

// dropNavigation takes the page's navigation out of nodes: <nav> and any
// element of role navigation, the site's links to the pages around
// (texinfo's "Next: 1.2, Prev: Chapter 1, Up: Top"), which a book has in
// its contents and page order.
func dropNavigation(nodes []*html.Node) []*html.Node {
	isNav := func(n *html.Node) bool {
		return n.Type == html.ElementNode && (n.Data == "nav" || strings.EqualFold(strings.TrimSpace(attrOr(n, "role")), "navigation"))
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; {
			next := ch.NextSibling
			if isNav(ch) {
				n.RemoveChild(ch)
			} else {
				walk(ch)
			}
			ch = next
		}
	}
	out := nodes[:0]
	for _, n := range nodes {
		if !isNav(n) {
			walk(n)
			out = append(out, n)
		}
	}
	return out
}
