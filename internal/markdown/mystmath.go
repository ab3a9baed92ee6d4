package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// MyST's dollarmath reads display math as a block, as markdown-it does:
//
//	such that
//	$$
//	- x'Px = \max_u \{…\}
//	$$ (bellman)
//
// from a line starting $$ to the line ending $$ (and its label), blank
// lines and lines that would be a list or a heading inside it. pandoc's
// Markdown, which samizdat reads elsewhere, has $$…$$ inside a paragraph
// instead, so the block is read only in a MyST notebook's file, one
// whose front matter has jupytext's or Jupyter's keys; and only when a
// closing $$ follows, else the lines are Markdown as before.

var kindMystMath = ast.NewNodeKind("MystMath")

// mystMath is a block of display math, its TeX between the $$ and its
// label ("" when none).
type mystMath struct {
	ast.BaseBlock
	tex, label string
	closed     bool
}

func (n *mystMath) Kind() ast.NodeKind { return kindMystMath }

func (n *mystMath) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.label}, nil)
}

// maxMystMathLines bounds how far a block of math is looked for its close.
const maxMystMathLines = 400

// mathClose matches a line closing a block: $$ at its end, then a label
// in parentheses or nothing.
var mathClose = regexp.MustCompile(`\$\$[ \t]*(?:\(([^()\s]+)\))?[ \t]*$`)

// notebookKeys finds jupytext's and Jupyter's keys in front matter.
var notebookKeys = regexp.MustCompile(`(?m)^(jupytext|kernelspec):`)

// mystNotebook reports whether a file's front matter is a MyST
// notebook's.
func mystNotebook(src []byte) bool {
	block, ok := findFrontMatter(src)
	return ok && notebookKeys.Match(block.yaml)
}

type mystMathParser struct{}

func (mystMathParser) Trigger() []byte { return []byte{'$'} }

func (mystMathParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	wc, _ := pc.Get(wikiKey).(*wikiContext)
	if wc == nil || !wc.mystMath {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) || !bytes.HasPrefix(line[pos:], []byte("$$")) {
		return nil, parser.NoChildren
	}
	for p := parent; p != nil; p = p.Parent() {
		if p.Kind() == ast.KindBlockquote {
			// a quotation's lines after the first may lack their "> ",
			// which a paragraph takes and a block would not
			return nil, parser.NoChildren
		}
	}
	first := trimLineEnd(line[pos+2:])
	n := &mystMath{}
	n.SetPos(seg.Start + pos - seg.Padding)
	if m := mathClose.FindSubmatchIndex(first); m != nil && len(bytes.TrimSpace(first[:m[0]])) > 0 {
		// $$ x $$ on one line
		n.tex, n.closed = string(first[:m[0]]), true
		if m[2] >= 0 {
			n.label = string(first[m[2]:m[3]])
		}
		if n.label != "" && !mystEquationLabel(n.label) || strings.Contains(n.tex, "$") {
			return nil, parser.NoChildren
		}
		reader.AdvanceToEOL()
		return n, parser.NoChildren
	}
	if !mathClosesAhead(reader.Source(), seg.Stop) || lazyQuote(reader.Source(), seg.Start) {
		return nil, parser.NoChildren
	}
	n.tex = string(first) + "\n"
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

// lazyQuote reports whether the line at offset at goes on a quotation
// whose "> " it lacks: a line of the lines above it, up to a blank
// one, starts with ">". A paragraph there is the quotation's.
func lazyQuote(src []byte, at int) bool {
	end := min(at, len(src))
	for i := 0; i < maxMystMathLines && end > 0; i++ {
		start := bytes.LastIndexByte(src[:end-1], '\n') + 1
		line := bytes.TrimLeft(src[start:end], " \t")
		if len(bytes.TrimSpace(line)) == 0 {
			return false
		}
		if line[0] == '>' {
			return true
		}
		end = start
	}
	return false
}

// mathClosesAhead reports whether a line closing a block of math comes
// in the lines after offset from, before any other $$ and before a line
// no TeX has (a heading, a fence, a target): a stray $$ then opens no
// block that would take the text after it.
func mathClosesAhead(src []byte, from int) bool {
	rest := src[min(from, len(src)):]
	for i := 0; i < maxMystMathLines && len(rest) > 0; i++ {
		line, next, _ := bytes.Cut(rest, []byte("\n"))
		if bytes.Contains(line, []byte("$$")) {
			return mathClose.Match(trimLineEnd(line))
		}
		if t := bytes.TrimLeft(line, " \t"); bytes.HasPrefix(t, []byte("# ")) || bytes.HasPrefix(t, []byte("## ")) ||
			bytes.HasPrefix(t, []byte("###")) || bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte(":::")) {
			return false
		}
		rest = next
	}
	return false
}

func (mystMathParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*mystMath)
	if n.closed {
		return parser.Close
	}
	line, _ := reader.PeekLine()
	l := trimLineEnd(line)
	if m := mathClose.FindSubmatchIndex(l); m != nil && bytes.Contains(l, []byte("$$")) {
		n.tex += string(l[:m[0]])
		if m[2] >= 0 {
			n.label = string(l[m[2]:m[3]])
		}
		n.closed = true
		reader.AdvanceToEOL()
		return parser.Close
	}
	n.tex += string(l) + "\n"
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (mystMathParser) Close(ast.Node, text.Reader, parser.Context) {}

func (mystMathParser) CanInterruptParagraph() bool { return true }

func (mystMathParser) CanAcceptIndentedLine() bool { return false }

// mystMathBlock is a block of display math: a centred paragraph of the
// formula, numbered when it has a label (as equation's are), or its TeX
// as written when samizdat cannot typeset it.
func (c *converter) mystMathBlock(n *mystMath, base doc.BlockBase) []doc.Block {
	tex := strings.TrimSpace(n.tex)
	if tex == "" {
		return nil
	}
	content := c.math(tex, true, n.Pos())
	p := &doc.Paragraph{BlockBase: base, Align: doc.AlignCenter, Content: content}
	if n.label != "" && mystEquationLabel(n.label) {
		p.ID, p.Classes = n.label, []string{"equation"}
		p.Content = append(p.Content, &doc.Text{Text: " "}, doc.CrossrefLabel(doc.CrossrefEquation))
	}
	return []doc.Block{p}
}
