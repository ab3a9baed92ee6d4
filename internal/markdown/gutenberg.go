package markdown

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// A Project Gutenberg HTML file wraps the book in the project's header
// (title, credits, the terms of use) and footer (the full licence). Newer
// files put them in elements with the IDs pg-header and pg-footer; older
// ones only have the lines "*** START OF THE PROJECT GUTENBERG EBOOK …
// ***" and "*** END OF …" (or "THIS PROJECT"), the header being all
// before the first and the footer all after the second. Neither is the
// book's text: what it says of the edition and its licence is the
// source's provenance, which the manifest gives. Page-number spans
// (<span class="pagenum">) carry the printed edition's page numbers in
// the text: they are dropped, their IDs kept as link targets
// (pageNumberSpan).

// gutenbergCut is where the book's own text is in a body: from start to
// end (byte offsets into the body), and the lines of the header and
// footer left out (0 for none).
type gutenbergCut struct {
	start, end            int
	headerAt, headerEndAt int // offsets of the header's first and last byte
	footerAt, footerEndAt int
	header, footer        bool
}

var (
	gutenbergStart = [][]byte{[]byte("*** START OF THE PROJECT GUTENBERG"), []byte("*** START OF THIS PROJECT GUTENBERG"),
		[]byte("***START OF THE PROJECT GUTENBERG"), []byte("***START OF THIS PROJECT GUTENBERG")}
	gutenbergEnd = [][]byte{[]byte("*** END OF THE PROJECT GUTENBERG"), []byte("*** END OF THIS PROJECT GUTENBERG"),
		[]byte("***END OF THE PROJECT GUTENBERG"), []byte("***END OF THIS PROJECT GUTENBERG")}
)

// hasMarker reports whether text holds one of markers, in any case.
func hasMarker(text []byte, markers [][]byte) bool {
	upper := bytes.ToUpper(text)
	for _, m := range markers {
		if bytes.Contains(upper, m) {
			return true
		}
	}
	return false
}

// findGutenberg finds the Project Gutenberg header and footer in body,
// reading it token by token: an element with the ID pg-header or
// pg-footer, else the innermost element holding a START or END line.
// A body with neither is all the book's (header and footer false).
func findGutenberg(body string) gutenbergCut {
	cut := gutenbergCut{end: len(body)}
	if !strings.Contains(body, "pg-header") && !strings.Contains(body, "pg-footer") &&
		!strings.Contains(strings.ToUpper(body), "PROJECT GUTENBERG") {
		return cut // the common case, a chapter of any other book
	}
	var stack []openTag
	// the element with the ID, while its end is sought
	var (
		boxID    string
		boxStart int
		boxDepth = -1
	)
	headerDone, footerFound := false, false
	z := html.NewTokenizer(strings.NewReader(body))
	offset := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := offset
		offset += len(z.Raw())
		switch tt {
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			id := ""
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if string(k) == "id" {
					id = strings.TrimSpace(string(v))
				}
			}
			if voidElements[string(name)] {
				continue
			}
			stack = append(stack, openTag{string(name), start})
			if boxDepth < 0 && (id == "pg-header" && !headerDone || id == "pg-footer" && !footerFound) {
				boxID, boxStart, boxDepth = id, start, len(stack)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			// close up to the innermost element of that name, as the
			// parser would; a stray end tag closes nothing
			i := len(stack) - 1
			for i >= 0 && stack[i].name != string(name) {
				i--
			}
			if i < 0 {
				continue
			}
			stack = stack[:i]
			if boxDepth >= 0 && len(stack) < boxDepth {
				if boxID == "pg-header" {
					cut.header, headerDone = true, true
					cut.start, cut.headerAt, cut.headerEndAt = offset, boxStart, offset-1
				} else {
					cut.footer, footerFound = true, true
					cut.end, cut.footerAt, cut.footerEndAt = boxStart, boxStart, len(body)-1
				}
				boxDepth = -1
			}
		case html.TextToken:
			if boxDepth >= 0 {
				continue // inside the header or footer already
			}
			text := z.Raw()
			switch {
			case !headerDone && hasMarker(text, gutenbergStart):
				// the header ends with the element holding the line
				end := offset
				if i := innermostBlock(stack); i >= 0 {
					end = elementEnd(body, stack[i].name, offset)
				}
				cut.header, headerDone = true, true
				cut.start, cut.headerAt, cut.headerEndAt = end, 0, end-1
			case !footerFound && hasMarker(text, gutenbergEnd):
				at := start
				if i := innermostBlock(stack); i >= 0 {
					at = stack[i].start
				}
				cut.footer, footerFound = true, true
				cut.end, cut.footerAt, cut.footerEndAt = at, at, len(body)-1
			}
		}
		if footerFound {
			if !headerDone && hasMarker([]byte(body[offset:]), gutenbergStart) {
				// the END line before the START: not a Gutenberg
				// file's layout, so the file is left as it is
				return gutenbergCut{end: len(body)}
			}
			break
		}
	}
	if cut.end < cut.start {
		// a footer before the header: leave the file as it is
		return gutenbergCut{end: len(body)}
	}
	// name the lines of the header and footer, not the space around them
	for cut.header && cut.headerAt < cut.headerEndAt && isHTMLSpace(body[cut.headerAt]) {
		cut.headerAt++
	}
	for cut.footer && cut.footerEndAt > cut.footerAt && isHTMLSpace(body[cut.footerEndAt]) {
		cut.footerEndAt--
	}
	return cut
}

// openTag is an element open while a body is read: its name and where
// its start tag is.
type openTag struct {
	name  string
	start int
}

// innermostBlock is the index in stack of the innermost element that is
// not phrasing (a span, a link), -1 for none: the line is cut out with
// its paragraph, not only its span.
func innermostBlock(stack []openTag) int {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].name; {
		case hasKey(spanElements, n), n == "a", n == "em", n == "strong", n == "font", n == "big", n == "tt", n == "code":
		default:
			return i
		}
	}
	return -1
}

func isHTMLSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f'
}

// elementEnd is the offset after the end tag closing the element named
// name that is open at from in body, or from when it is never closed.
func elementEnd(body, name string, from int) int {
	z := html.NewTokenizer(strings.NewReader(body[from:]))
	offset, depth := from, 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return from
		}
		offset += len(z.Raw())
		if tt != html.StartTagToken && tt != html.EndTagToken {
			continue
		}
		if n, _ := z.TagName(); string(n) != name {
			continue
		}
		if tt == html.StartTagToken {
			depth++
			continue
		}
		if depth--; depth == 0 {
			return offset
		}
	}
}

// isPageNumber reports a span holding a printed page's number, as
// Project Gutenberg and Distributed Proofreaders mark them.
func isPageNumber(n *html.Node) bool {
	if n.Data != "span" {
		return false
	}
	for _, c := range classes(n) {
		if c == "pagenum" {
			return true
		}
	}
	return false
}

// pageNumberSpan drops a page number's text, keeping the IDs in it
// (<a id="page_12">) as link targets: an index or a table of contents
// may lead to them.
func (h *htmlConv) pageNumberSpan(n *html.Node) []item {
	var out []item
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		id := attrOr(n, "id")
		if id == "" && n.Data == "a" {
			id = attrOr(n, "name")
		}
		out = append(out, h.anchorPoint(id)...)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}
