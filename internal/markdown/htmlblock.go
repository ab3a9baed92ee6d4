package markdown

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/samizdat-press/samizdat/internal/doc"
)

var bodyContext = &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}

// htmlRaw is the source text of an HTML block.
func (c *converter) htmlRaw(hb *ast.HTMLBlock) string {
	var b bytes.Buffer
	lines := hb.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(c.src))
	}
	if hb.HasClosure() {
		b.Write(hb.ClosureLine.Value(c.src))
	}
	return b.String()
}

// writeHTMLRaw writes the source text of an HTML block to b, and where
// each of its lines is in the source to m.
func (c *converter) writeHTMLRaw(b *strings.Builder, m *sourceMap, hb *ast.HTMLBlock) {
	lines := hb.Lines()
	for i := 0; i < lines.Len(); i++ {
		m.copySegment(b, c.src, lines.At(i))
	}
	if hb.HasClosure() {
		m.copySegment(b, c.src, hb.ClosureLine)
	}
}

func parseHTML(s string, context *html.Node) ([]*html.Node, error) {
	return html.ParseFragmentWithOptions(strings.NewReader(s), context, html.ParseOptionEnableScripting(false))
}

// unparsedHTML reports raw HTML the HTML parser refused, which happens
// when its elements nest more than 512 deep, and keeps its text as a
// paragraph, so that no word of it is lost.
func (c *converter) unparsedHTML(line int, raw string) []doc.Block {
	c.warn(line, "html.too-deep", "raw HTML nests elements deeper than the HTML parser allows (512 levels); its markup is dropped and its text kept")
	text := collapseSpace(strings.TrimSpace(htmlText(raw)))
	if text == "" {
		return nil
	}
	return []doc.Block{&doc.Paragraph{BlockBase: doc.BlockBase{Pos: c.pos(line)}, Content: []doc.Inline{&doc.Text{Text: text}}}}
}

// htmlText is the text of raw HTML, read token by token without building
// a tree: its tags become spaces; scripts, styles and comments go.
func htmlText(raw string) string {
	z := html.NewTokenizer(strings.NewReader(raw))
	var b strings.Builder
	hidden := 0
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if hidden == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script, atom.Style, atom.Template, atom.Noscript:
				if tt == html.StartTagToken {
					hidden++
				} else if hidden > 0 {
					hidden--
				}
			default:
				b.WriteByte(' ')
			}
		}
	}
}

// htmlBlock converts one HTML block on its own. A block that ends inside a
// tag ("<div class" with no ">") is not HTML a browser would show, but it
// is the author's text: the unfinished part is kept as text.
func (c *converter) htmlBlock(hb *ast.HTMLBlock) []doc.Block {
	line := c.nodeLine(hb)
	h := newHTMLConv(c, line)
	var whole strings.Builder
	var at sourceMap
	c.writeHTMLRaw(&whole, &at, hb)
	raw := skipDoctype(whole.String())
	at = at.shift(whole.Len() - len(raw))
	scan := scanHTML(raw)
	var rest string
	switch {
	case scan.openComment:
		c.warnNear(at.offset(scan.commentAt), line, "html.comment-unclosed", "HTML comment is never closed; everything after <!-- is hidden")
	case scan.complete < len(raw):
		c.warnNear(at.offset(scan.complete), line, "html.tag-unfinished", "raw HTML tag is never closed with \">\"; kept as text")
		raw, rest = raw[:scan.complete], raw[scan.complete:]
	}
	if name, start := scan.openRawText(); name != "" {
		c.warnNear(at.offset(start), line, "html.unclosed", "raw HTML <"+name+"> is never closed; all text after it is part of it")
	}
	nodes, err := c.parseMarked(raw, at, bodyContext)
	if err != nil {
		return c.unparsedHTML(line, raw+rest)
	}
	items := h.list(nodes)
	if t := strings.TrimSpace(rest); t != "" {
		items = append(items, item{bl: &doc.Paragraph{BlockBase: doc.BlockBase{Pos: c.pos(line)}, Content: []doc.Inline{&doc.Text{Text: collapseSpace(t)}}}})
	}
	return c.itemsToBlocks(items)
}

// skipDoctype removes a leading document type declaration, with its
// internal subset ("<!DOCTYPE svg [<!ENTITY …>]>"), which the HTML parser
// would end at the first ">" and leave the rest as text. Nothing of it is
// kept: entity declarations are never honoured.
func skipDoctype(raw string) string {
	s := strings.TrimLeft(raw, " \t\n")
	if len(s) < 9 || !strings.EqualFold(s[:9], "<!doctype") {
		return raw
	}
	depth := 0
	var quote byte
	for i := 9; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth = max(depth-1, 0)
		case c == '>' && depth == 0:
			return s[i+1:]
		}
	}
	return ""
}

// tagEvent is a start or end tag in an HTML block, for pairing blocks.
type tagEvent struct {
	name string
	end  bool
}

// unpairable marks a block that ends inside a comment or a tag: what
// follows it would be swallowed, so it is never joined with later blocks.
var unpairable = tagEvent{name: "\x00unpairable"}

func (c *converter) events(hb *ast.HTMLBlock) []tagEvent {
	if ev, ok := c.htmlEvents[hb]; ok {
		return ev
	}
	ev := scanHTML(c.htmlRaw(hb)).events
	c.htmlEvents[hb] = ev
	return ev
}

type htmlScan struct {
	events      []tagEvent
	complete    int  // bytes read as whole tokens; less than all when a tag is unfinished
	openComment bool // the text ends inside a comment
	// lastStartAt and commentAt are the offsets of the last start tag and
	// of the last comment, for messages about them.
	lastStartAt, commentAt int
}

// rawTextElements hold raw text up to their end tag.
var rawTextElements = setOf("script", "style", "textarea", "title", "xmp", "iframe",
	"noembed", "noframes", "noscript", "plaintext")

// openRawText names a raw-text element the text leaves open, or "", and
// the offset of its start tag.
func (s htmlScan) openRawText() (string, int) {
	if n := len(s.events); n > 0 && !s.events[n-1].end && rawTextElements[s.events[n-1].name] {
		return s.events[n-1].name, s.lastStartAt
	}
	return "", -1
}

func scanHTML(raw string) htmlScan {
	var s htmlScan
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF || s.complete < len(raw) || s.openComment {
				s.events = append(s.events, unpairable)
			}
			return s
		}
		r := z.Raw()
		start := s.complete
		s.complete += len(r)
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				s.events = append(s.events, tagEvent{name: string(name)})
				s.lastStartAt = start
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			s.events = append(s.events, tagEvent{name: string(name), end: true})
		case html.CommentToken:
			if bytes.HasPrefix(r, []byte("<!--")) && !bytes.HasSuffix(r, []byte(">")) {
				s.openComment, s.commentAt = true, start
			}
		}
	}
}

// Pairing looks ahead from every HTML block that leaves an element open,
// so many unclosed blocks would make it quadratic. It examines at most
// pairingBudget tag events per block and pairingTotal per file; past that,
// blocks are converted on their own.
const (
	pairingBudget = 20000
	pairingTotal  = 1 << 20
)

// htmlGroupEnd looks for the sibling HTML block that closes what the HTML
// block kids[i] leaves open, and returns its index, or -1. The open elements
// are tracked on a stack the way browsers close them (an end tag closes the
// nearest open element of its name and all inside it; stray end tags are
// ignored). A group is refused when an element that swallows content would
// stay open across Markdown.
func (c *converter) htmlGroupEnd(kids []ast.Node, i int) int {
	var stack []string
	swallowed := 0 // swallowing elements on the stack
	budget := pairingBudget
	apply := func(hb *ast.HTMLBlock) bool {
		for _, ev := range c.events(hb) {
			budget--
			c.pairingSpent++
			if budget < 0 || c.pairingSpent > pairingTotal || ev == unpairable {
				return false
			}
			if !ev.end {
				stack = append(stack, ev.name)
				if swallowing[ev.name] {
					swallowed++
				}
				continue
			}
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k] == ev.name {
					for _, name := range stack[k:] {
						if swallowing[name] {
							swallowed--
						}
					}
					stack = stack[:k]
					break
				}
			}
		}
		return swallowed == 0
	}
	if !apply(kids[i].(*ast.HTMLBlock)) || len(stack) == 0 {
		return -1
	}
	for k := i + 1; k < len(kids); k++ {
		hb, ok := kids[k].(*ast.HTMLBlock)
		if !ok {
			continue
		}
		if !apply(hb) {
			return -1
		}
		if len(stack) == 0 {
			return k
		}
	}
	return -1
}

// htmlGroup parses a run of sibling blocks that starts and ends with HTML
// blocks as one piece of HTML, the Markdown blocks between standing in as
// placeholder elements, so `<details>` … Markdown … `</details>` becomes a
// div holding the Markdown's blocks.
func (c *converter) htmlGroup(nodes []ast.Node) []doc.Block {
	h := newHTMLConv(c, c.nodeLine(nodes[0]))
	var b strings.Builder
	var at sourceMap
	for _, n := range nodes {
		if hb, ok := n.(*ast.HTMLBlock); ok {
			// Marks where each block starts, so blocks made from its
			// elements get its line.
			b.WriteString("<!--" + c.markers().line + strconv.Itoa(c.nodeLine(hb)) + "-->")
			c.writeHTMLRaw(&b, &at, hb)
			continue
		}
		i := h.addBlocks(c.block(n))
		name := c.markers().block
		b.WriteString("<" + name + " " + indexAttr + `="` + strconv.Itoa(i) + `"></` + name + ">\n")
	}
	parsed, err := c.parseMarked(b.String(), at, bodyContext)
	if err != nil {
		return append(c.unparsedHTML(c.nodeLine(nodes[0]), b.String()), c.itemsToBlocks(h.leftovers())...)
	}
	items := h.list(parsed)
	return c.itemsToBlocks(append(items, h.leftovers()...))
}
