package markdown

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// MDN's pages (mdn/content: front matter with a page-type) call
// KumaScript macros, which the site's build expands:
//
//	{{HTMLElement("p")}}  {{cssxref("color")}}  {{glossary("HTTP", "HTTP's")}}
//	{{Compat}}  {{EmbedLiveSample("Example", 400, 200)}}  {{LearnSidebar}}
//
// Those with an obvious text are that text: an element's, a property's
// or an interface's name as code (the label given, if one is), a
// glossary term as the term, a badge as a word in parentheses. Those that
// show the site's own furniture (sidebars, previous and next links,
// compatibility tables, live samples) print nothing: a book has its own.
// Any other is left as written, reported once for the file.
//
// MDN also writes definition lists as nested lists, each definition an
// item opening with a colon:
//
//	- term
//	  - : definition
//
// which is a list of terms and definitions (mdnTermList).

// mdnKey marks a parse of an MDN page in the parser context, with the
// unknown macros met (*mdnMacros).
var mdnKey = parser.NewContextKey()

type mdnMacros struct {
	unknown []string // names, first of each, in order
	first   int      // offset of the first unknown
}

// isMDNPage reports a page of MDN by its front matter, whose page-type
// no other site's pages give.
func isMDNPage(src []byte) bool {
	if !bytes.HasPrefix(src, []byte("---")) {
		return false
	}
	end := bytes.Index(src[3:], []byte("\n---"))
	if end < 0 {
		return false
	}
	return bytes.Contains(src[:3+end], []byte("\npage-type:"))
}

var kindMacro = ast.NewNodeKind("KumaMacro")

// macroNode is a KumaScript call as its text: code or words, or nothing.
type macroNode struct {
	ast.BaseInline
	text string
	code bool
}

func (n *macroNode) Kind() ast.NodeKind            { return kindMacro }
func (n *macroNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

func (n *macroNode) convert(*converter, int) []doc.Inline {
	switch {
	case n.text == "":
		return nil
	case n.code:
		return []doc.Inline{&doc.Code{Text: n.text}}
	}
	return []doc.Inline{&doc.Text{Text: n.text}}
}

// macroCall is {{ name }} or {{ name(args) }}, the arguments strings in
// single or double quotes, numbers or words, separated by commas.
var macroCall = regexp.MustCompile(`^\{\{\s*([A-Za-z][\w-]*)\s*(?:\(((?:\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[\w.+-]+)\s*,?)*)\))?\s*\}\}`)

// macroArg is one argument of a call.
var macroArg = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([\w.+-]+)`)

type macroParser struct{}

func (macroParser) Trigger() []byte { return []byte{'{'} }

func (macroParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	m, _ := pc.Get(mdnKey).(*mdnMacros)
	if m == nil {
		return nil
	}
	line, seg := block.PeekLine()
	call := macroCall.FindSubmatch(line)
	if call == nil {
		return nil
	}
	var args []string
	for _, a := range macroArg.FindAllSubmatch(call[2], -1) {
		v := string(a[1]) + string(a[2]) + string(a[3])
		args = append(args, strings.ReplaceAll(strings.ReplaceAll(v, `\"`, `"`), `\'`, `'`))
	}
	txt, code, known := expandMacro(string(call[1]), args)
	if !known {
		name := string(call[1])
		if len(m.unknown) == 0 {
			m.first = seg.Start
		}
		if !slices.Contains(m.unknown, name) {
			m.unknown = append(m.unknown, name)
		}
		return nil
	}
	block.Advance(len(call[0]))
	return &macroNode{text: txt, code: code}
}

// expandMacro is a call's text and whether it is code; known is false
// for a macro this package does not know.
func expandMacro(name string, args []string) (txt string, code, known bool) {
	arg := func(i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	// label is the text a call gives to show instead of its target,
	// which MDN writes as HTML at times (<code>&lt;h1&gt;</code>)
	label := func(i int) string {
		return strings.TrimSpace(html.UnescapeString(htmlTag.ReplaceAllString(arg(i), "")))
	}
	lower := strings.ToLower(name)
	switch lower {
	case "htmlelement", "svgelement", "mathmlelement":
		if l := label(1); l != "" {
			return l, true, true
		}
		return "<" + arg(0) + ">", true, true
	case "cssxref", "jsxref", "domxref", "httpheader", "httpmethod", "svgattr", "webextapiref", "htmlattrdef", "htmlattrxref", "jsxref2", "csp", "mathmlattr":
		if l := label(1); l != "" && lower != "htmlattrxref" {
			return l, true, true
		}
		t := arg(0)
		if lower == "domxref" || lower == "jsxref" {
			// an interface's member is written Interface.member()
			// as MDN shows it
			t = strings.TrimSuffix(t, "()")
			if strings.HasSuffix(arg(0), "()") {
				t += "()"
			}
		}
		return t, true, true
	case "httpstatus":
		return arg(0), true, true
	case "glossary":
		if l := label(1); l != "" {
			return l, false, true
		}
		return arg(0), false, true
	case "rfc":
		t := "RFC " + arg(0)
		if l := label(1); l != "" {
			t += ", " + l
		}
		return t, false, true
	case "optional_inline":
		return "(optional)", false, true
	case "deprecated_inline":
		return "(deprecated)", false, true
	case "experimental_inline":
		return "(experimental)", false, true
	case "non-standard_inline":
		return "(non-standard)", false, true
	case "readonlyinline":
		return "(read-only)", false, true
	case "securecontext_inline":
		return "(secure context)", false, true
	case "compat", "specifications", "embedlivesample", "embedghlivesample", "embedinteractiveexample",
		"interactiveexample", "embedyoutube", "next", "previous", "previousnext", "previousmenu", "previousmenunext",
		"nextmenu", "seecompattable", "deprecated_header", "non-standard_header", "experimental_header",
		"securecontext_header", "availableinworkers", "listsubpages", "listsubpagesforsidebar", "quicklinkswithsubpages",
		"subpageswithsummaries", "draft", "cssinfo", "csssyntax", "csssyntaxraw", "jsref", "cssref", "apiref",
		"httpsidebar", "svgref", "glossarydisambiguation", "page":
		return "", false, true
	}
	if strings.HasSuffix(lower, "sidebar") || strings.HasSuffix(lower, "ref") && len(args) == 0 {
		// the site's navigation: LearnSidebar, HTMLSidebar, JSRef
		return "", false, true
	}
	return "", false, false
}

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// mdnUnknownWarning reports the macros of the page no rule renders.
func (c *converter) mdnUnknownWarning(m *mdnMacros) {
	if m == nil || len(m.unknown) == 0 {
		return
	}
	names := make([]string, len(m.unknown))
	for i, n := range m.unknown {
		names[i] = "{{" + n + "}}"
	}
	c.warnAt(m.first, "mdn.macro", fmt.Sprintf("MDN macro %s printed as written: its text depends on the site's build", strings.Join(names, ", ")))
}

// mdnTermList converts a list MDN writes for a definition list, each
// item a term whose nested list's items each open with ": ", into a
// list of terms and definitions; ok is false for any other list.
func (c *converter) mdnTermList(n *ast.List, base doc.BlockBase) (doc.Block, bool) {
	if n.IsOrdered() {
		return nil, false
	}
	for li := n.FirstChild(); li != nil; li = li.NextSibling() {
		term := li.FirstChild()
		if term == nil || term.NextSibling() == nil || term.NextSibling().NextSibling() != nil {
			return nil, false
		}
		if term.Kind() != ast.KindParagraph && term.Kind() != ast.KindTextBlock {
			return nil, false
		}
		defs, ok := term.NextSibling().(*ast.List)
		if !ok || defs.IsOrdered() {
			return nil, false
		}
		for d := defs.FirstChild(); d != nil; d = d.NextSibling() {
			if c.definitionColon(d) == nil {
				return nil, false
			}
		}
	}
	list := &doc.Div{BlockBase: base, Kind: doc.DivTermList}
	for li := n.FirstChild(); li != nil; li = li.NextSibling() {
		term := li.FirstChild()
		line := c.nodeLine(term)
		t := &doc.Div{BlockBase: doc.BlockBase{Pos: c.pos(line)}, Kind: doc.DivTerm}
		if p := c.paragraph(flattenItems(c.inlineItems(term, line)), line); p != nil {
			t.Blocks = []doc.Block{p}
		}
		list.Blocks = append(list.Blocks, t)
		for d := term.NextSibling().FirstChild(); d != nil; d = d.NextSibling() {
			txt := c.definitionColon(d)
			txt.Segment = txt.Segment.WithStart(txt.Segment.Start + 1)
			for txt.Segment.Len() > 0 && (c.src[txt.Segment.Start] == ' ' || c.src[txt.Segment.Start] == '\t') {
				txt.Segment = txt.Segment.WithStart(txt.Segment.Start + 1)
			}
			dl := c.nodeLine(d)
			list.Blocks = append(list.Blocks, &doc.Div{BlockBase: doc.BlockBase{Pos: c.pos(dl)}, Kind: doc.DivTermDefinition, Blocks: c.blocks(d)})
		}
	}
	return list, true
}

// definitionColon is the text opening a list item with ": ", nil if the
// item opens otherwise.
func (c *converter) definitionColon(item ast.Node) *ast.Text {
	p := item.FirstChild()
	if p == nil || p.Kind() != ast.KindParagraph && p.Kind() != ast.KindTextBlock {
		return nil
	}
	t, ok := p.FirstChild().(*ast.Text)
	if !ok {
		return nil
	}
	v := t.Segment.Value(c.src)
	if len(v) == 0 || v[0] != ':' || len(v) > 1 && v[1] != ' ' && v[1] != '\t' {
		return nil
	}
	return t
}
