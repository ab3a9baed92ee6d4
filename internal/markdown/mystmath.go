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
	// env is an amsmath environment's name, for one written without
	// $$ (\begin{align} … \end{align})
	env string
}

// amsEnvs are the environments MyST's amsmath extension reads as
// display math on their own, and the environment of TeX's math mode
// samizdat typesets each as ("" for the body alone).
var amsEnvs = map[string]string{
	"equation": "", "equation*": "", "align": "aligned", "align*": "aligned",
	"alignat": "aligned", "alignat*": "aligned", "flalign": "aligned", "flalign*": "aligned",
	"eqnarray": "aligned", "eqnarray*": "aligned", "gather": "gathered", "gather*": "gathered",
	"multline": "gathered", "multline*": "gathered",
}

// amsBegin reads \begin{env} at the start of s, env one of amsEnvs.
func amsBegin(s []byte) (string, bool) {
	rest, ok := bytes.CutPrefix(s, []byte(`\begin{`))
	if !ok {
		return "", false
	}
	end := bytes.IndexByte(rest, '}')
	if end < 0 {
		return "", false
	}
	env := string(rest[:end])
	_, known := amsEnvs[env]
	return env, known
}

// amsLabel matches what an amsmath environment's body holds that math
// mode does not: its label (LaTeX's, or bookdown's (\#eq:label)), and
// \nonumber or \notag.
var amsLabel = regexp.MustCompile(`\\label\{([^{}]*)\}|\(\\#(eq:[A-Za-z0-9:/_.-]+)\)|\\nonumber\b|\\notag\b`)

// amsTeX is an amsmath environment's text as samizdat typesets it: its
// body in the environment of math mode that sets it so, without its
// label, which it returns.
func amsTeX(env, text string) (tex, label string) {
	body := strings.TrimPrefix(strings.TrimSpace(text), `\begin{`+env+`}`)
	if i := strings.LastIndex(body, `\end{`+env+`}`); i >= 0 {
		// what follows the \end: a label as dollarmath writes it, or nothing
		after := strings.TrimSpace(body[i+len(`\end{`+env+`}`):])
		if l, ok := strings.CutPrefix(after, "("); ok && strings.HasSuffix(l, ")") && mystEquationLabel(l[:len(l)-1]) {
			label = l[:len(l)-1]
		}
		body = body[:i]
	}
	if strings.HasPrefix(env, "alignat") && strings.HasPrefix(strings.TrimSpace(body), "{") {
		// alignat's number of columns
		b := strings.TrimSpace(body)
		if i := strings.IndexByte(b, '}'); i > 0 {
			body = b[i+1:]
		}
	}
	body = amsLabel.ReplaceAllStringFunc(body, func(m string) string {
		if sub := amsLabel.FindStringSubmatch(m); sub[1]+sub[2] != "" && label == "" {
			label = strings.TrimSpace(sub[1] + sub[2])
		}
		return ""
	})
	if inner := amsEnvs[env]; inner != "" {
		body = `\begin{` + inner + `}` + body + `\end{` + inner + `}`
	}
	return strings.TrimSpace(body), label
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

func (mystMathParser) Trigger() []byte { return []byte{'$', '\\'} }

func (mystMathParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	wc, _ := pc.Get(wikiKey).(*wikiContext)
	// pandoc reads amsmath's environments in R Markdown and Quarto too,
	// where MathJax typesets them
	if wc == nil || !wc.mystMath && !isQuartoFile(wc.file) {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	if env, ok := amsBegin(line[pos:]); ok {
		if !wc.mystMath && !afterBlankLine(reader.Source(), seg.Start) {
			// pandoc reads an environment inside a paragraph, as in
			// "$$\n\begin{align}…", as the paragraph's
			return nil, parser.NoChildren
		}
		return openAms(env, line[pos:], seg.Start+pos-seg.Padding, reader)
	}
	if !wc.mystMath || !bytes.HasPrefix(line[pos:], []byte("$$")) {
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

// openAms opens an amsmath environment at the start of line, when its
// \end follows before a heading or a fence.
func openAms(env string, line []byte, at int, reader text.Reader) (ast.Node, parser.State) {
	end := []byte(`\end{` + env + `}`)
	n := &mystMath{env: env, tex: string(trimLineEnd(line)) + "\n"}
	n.SetPos(at)
	if bytes.Contains(line, end) {
		n.closed = true
		reader.AdvanceToEOL()
		return n, parser.NoChildren
	}
	_, seg := reader.PeekLine()
	rest := reader.Source()[min(seg.Stop, len(reader.Source())):]
	for i := 0; ; i++ {
		l, next, _ := bytes.Cut(rest, []byte("\n"))
		t := bytes.TrimLeft(l, " \t")
		if i == maxMystMathLines || len(rest) == 0 || bytes.HasPrefix(t, []byte("#")) || bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte(":::")) {
			return nil, parser.NoChildren
		}
		if bytes.Contains(l, end) {
			break
		}
		rest = next
	}
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

// afterBlankLine reports whether the line at offset at is the source's
// first or follows one of white space alone.
func afterBlankLine(src []byte, at int) bool {
	at = min(at, len(src))
	start := bytes.LastIndexByte(src[:at], '\n')
	if start < 0 {
		return true
	}
	prev := bytes.LastIndexByte(src[:start], '\n')
	return len(bytes.TrimSpace(src[prev+1:start])) == 0
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
	if n.env != "" {
		n.tex += string(l) + "\n"
		reader.AdvanceToEOL()
		if bytes.Contains(l, []byte(`\end{`+n.env+`}`)) {
			n.closed = true
			return parser.Close
		}
		return parser.Continue | parser.NoChildren
	}
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
	if n.env != "" {
		tex, n.label = amsTeX(n.env, tex)
	}
	if tex == "" {
		return nil
	}
	content := c.math(tex, true, n.Pos())
	p := &doc.Paragraph{BlockBase: base, Align: doc.AlignCenter, Content: content}
	if n.label != "" && mystEquationLabel(n.label) {
		p.ID, p.Classes = n.label, []string{"equation"}
		if m, ok := displayMath(p.Content); !ok || m.Tree == nil || m.Tree.Tag == "" {
			// numbered, unless its \tag is its number
			p.Content = append(p.Content, &doc.Text{Text: " "}, doc.CrossrefLabel(doc.CrossrefEquation))
		}
	} else {
		labelEquation(p)
	}
	return []doc.Block{p}
}
