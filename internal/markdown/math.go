package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/texmath"
)

// Mathematics in pandoc's syntax: $…$ in the text, $$…$$ displayed. An
// opening $ has a non-space after it, a closing one a non-space before it
// and no digit after it, so that prices ($5 and $10) stay text. The TeX
// is read before any other Markdown, so that its underscores and stars
// are never emphasis. A formula samizdat cannot typeset (texmath.Parse
// refuses it) is printed as written, and the first of a file is named
// in a warning (math.unsupported). In a MyST notebook's file (mystmath.go)
// a formula may start and end with a space, $ x $, as MyST's dollarmath
// reads it.

var kindMath = ast.NewNodeKind("Math")

// mathNode is a formula: tex without its delimiters, at byte offset at
// of the source (its first dollar sign).
type mathNode struct {
	ast.BaseInline
	tex     string
	display bool
	at      int
	// open and close are its delimiters when not dollars: \( and \)
	open, close string
}

func (n *mathNode) Kind() ast.NodeKind            { return kindMath }
func (n *mathNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// maxMathLines bounds how far a formula is looked for, so that a lone
// dollar sign costs time in proportion to a few lines.
const maxMathLines = 60

type mathParser struct{}

func (mathParser) Trigger() []byte { return []byte{'$'} }

func (mathParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if block.PrecendingCharacter() == '$' {
		return nil
	}
	line, seg := block.PeekLine()
	display := len(line) > 1 && line[1] == '$'
	open := 1
	if display {
		open = 2
	}
	wc, _ := pc.Get(wikiKey).(*wikiContext)
	spaced := wc != nil && wc.mystMath
	if !display && (len(line) < 2 || !spaced && (line[1] == ' ' || line[1] == '\t') || line[1] == '\n' || line[1] == '\r') {
		return nil
	}
	tex, ok := scanFormula(block, open, open, func(rest []byte) int {
		return closingDollars(rest, display, spaced)
	})
	if !ok {
		return nil
	}
	return &mathNode{tex: tex, display: display, at: seg.Start}
}

// noFormula is what a formula's closing rule answers when what it reads
// can be no formula's inside.
const noFormula = -2

// scanFormula reads the TeX of a formula whose opening delimiter, open
// bytes long, is at the reader's position, over at most maxMathLines
// lines: closing says where in the rest of a line the closing delimiter
// starts (-1 when not in it, noFormula when there is no formula),
// closeLen how long that delimiter is. ok is false, the reader where it
// was, when no formula closes or it holds only spaces; else the reader
// is past the closing delimiter.
func scanFormula(block text.Reader, open, closeLen int, closing func(rest []byte) int) (string, bool) {
	startLine, startSeg := block.Position()
	line, _ := block.PeekLine()
	var tex []byte
	rest := line[open:]
	for n := 0; n < maxMathLines; n++ {
		end := closing(rest)
		if end == noFormula {
			break
		}
		if end >= 0 {
			tex = append(tex, rest[:end]...)
			block.Advance(len(line) - len(rest) + end + closeLen)
			if len(bytes.TrimSpace(tex)) == 0 {
				break
			}
			return string(tex), true
		}
		tex = append(tex, rest...)
		block.AdvanceLine()
		line, _ = block.PeekLine()
		if line == nil {
			break
		}
		rest = line
	}
	block.SetPosition(startLine, startSeg)
	return "", false
}

func (mathParser) CloseBlock(parent ast.Node, pc parser.Context) {}

// closingDollars is the index in s of the dollar sign(s) that close a
// formula, or -1. A backslash escapes the character after it; a
// backtick ends the search, TeX having none and code spans many dollars.
func closingDollars(s []byte, display, spaced bool) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '`':
			// a dollar sign in code closes no formula: "$HOME … `$PATH`"
			return -1
		case '$':
			if display {
				if i+1 < len(s) && s[i+1] == '$' {
					return i
				}
				continue
			}
			if i == 0 || !spaced && (s[i-1] == ' ' || s[i-1] == '\t') || s[i-1] == '\n' {
				continue
			}
			if i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				continue
			}
			return i
		}
	}
	return -1
}

func (n *mathNode) convert(c *converter, line int) []doc.Inline {
	if n.open != "" {
		return c.mathDelimited(n.tex, n.display && n.alone(c.src), n.at, n.open, n.close)
	}
	return c.math(n.tex, n.display && n.alone(c.src), n.at)
}

// alone reports whether the formula is all its paragraph holds, but for
// white space: $$…$$ is then displayed, and elsewhere set in the text.
func (n *mathNode) alone(src []byte) bool {
	p := n.Parent()
	switch p.(type) {
	case *ast.Paragraph, *ast.TextBlock:
	default:
		return false
	}
	for s := p.FirstChild(); s != nil; s = s.NextSibling() {
		if s == ast.Node(n) {
			continue
		}
		t, ok := s.(*ast.Text)
		if !ok || len(bytes.TrimSpace(t.Value(src))) > 0 {
			return false
		}
	}
	return true
}

// math is a formula as the tree holds it: doc.Math when texmath reads
// it, else its TeX as written between its delimiters. at is the source
// offset of its opening delimiter (-1 when not known).
func (c *converter) math(tex string, display bool, at int) []doc.Inline {
	if display {
		return c.mathDelimited(tex, true, at, "$$", "$$")
	}
	return c.mathDelimited(tex, false, at, "$", "$")
}

// mathDelimited is math, a formula printed as written between open and
// close, the delimiters it was written with.
func (c *converter) mathDelimited(tex string, display bool, at int, open, close string) []doc.Inline {
	tex = strings.TrimSpace(tex)
	if cmd, label, ok := texRefFormula(tex); ok {
		return []doc.Inline{c.texRef(cmd, label, c.posAt(at, 0))}
	}
	tree, blank, err := c.parseMath(tex)
	if blank {
		return nil
	}
	if err == nil {
		return []doc.Inline{&doc.Math{TeX: tex, Display: display, Tree: tree}}
	}
	c.mathUnsupported(err, tex, at, nil)
	return []doc.Inline{&doc.Text{Text: open + tex + close}}
}

// parseMath reads a formula, the book's and the file's own commands
// replaced; blank is true for one that holds only definitions
// (\newcommand…), which prints nothing.
func (c *converter) parseMath(tex string) (tree *texmath.Node, blank bool, err error) {
	if c.mathMacros == nil {
		c.mathMacros = texmath.Macros{}
	}
	expanded, err := texmath.Expand(tex, c.mathMacros)
	if err != nil {
		return nil, false, err
	}
	if strings.TrimSpace(expanded) == "" {
		return nil, strings.TrimSpace(tex) != "", nil
	}
	tree, err = texmath.Parse(expanded)
	return tree, false, err
}

// mathUnsupported warns of a formula printed as written: the first of
// the file by name, the others counted in the same warning.
func (c *converter) mathUnsupported(err error, tex string, at int, place *doc.Pos) {
	what := err.Error()
	if e, ok := err.(*texmath.Error); ok {
		what = e.Msg
		if e.Construct != "" {
			what = e.Construct + " is not typeset"
		}
	}
	if c.mathWarned > 0 {
		c.mathWarned++
		w := &c.warnings[c.mathWarning]
		first, _, _ := strings.Cut(w.msg, "; ")
		w.msg = fmt.Sprintf("%s; %d formulas in this file are printed as written", first, c.mathWarned)
		return
	}
	c.mathWarned = 1
	c.mathWarning = len(c.warnings)
	msg := fmt.Sprintf("formula %s: %s; it is printed as written", shortTeX(tex), what)
	switch {
	case place != nil:
		c.warnPos(*place, "math.unsupported", msg)
	case at >= 0:
		c.warnAt(at, "math.unsupported", msg)
	default:
		c.warn(0, "math.unsupported", msg)
	}
}

// mathUnsupportedAt is mathUnsupported at a position of the tree.
func (c *converter) mathUnsupportedAt(err error, tex string, pos doc.Pos) {
	c.mathUnsupported(err, tex, -1, &pos)
}

// shortTeX is tex quoted, its first 40 bytes or so.
func shortTeX(tex string) string {
	tex = strings.Join(strings.Fields(tex), " ")
	if len(tex) > 40 {
		cut := 40
		for cut < len(tex) && tex[cut]&0xC0 == 0x80 {
			cut++
		}
		tex = tex[:cut] + "…"
	}
	return fmt.Sprintf("%q", tex)
}

// centreDisplayMath centres the paragraphs that are display math, and
// numbers those with a \label (labelEquation).
func centreDisplayMath(bs []doc.Block) {
	for _, b := range bs {
		if p, ok := b.(*doc.Paragraph); ok {
			if _, ok := displayMath(p.Content); ok {
				p.Align = doc.AlignCenter
				labelEquation(p)
			}
		}
	}
}

// displayMath is the formula of a paragraph that is display math alone
// (and white space); ok is false for any other.
func displayMath(ins []doc.Inline) (*doc.Math, bool) {
	var m *doc.Math
	for _, in := range ins {
		switch in := in.(type) {
		case *doc.Math:
			if m != nil || !in.Display {
				return nil, false
			}
			m = in
		case *doc.Text:
			if len(bytes.TrimSpace([]byte(in.Text))) > 0 {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return m, m != nil
}

// mathBlock is a block of display math (MyST's math directive, a fenced
// block of language math): a centred paragraph of the formula, ID id,
// or, when samizdat cannot typeset it, a code block of class math of its
// TeX as written.
func (c *converter) mathBlock(text string, base doc.BlockBase, id string) []doc.Block {
	tex := strings.TrimSpace(text)
	tree, blank, err := c.parseMath(tex)
	if blank {
		return nil
	}
	if err != nil {
		c.mathUnsupportedAt(err, tex, base.Pos)
		return []doc.Block{&doc.CodeBlock{BlockBase: base, Language: "latex", Classes: []string{"math"}, ID: id, Text: text}}
	}
	p := &doc.Paragraph{BlockBase: base, ID: id, Align: doc.AlignCenter,
		Content: []doc.Inline{&doc.Math{TeX: tex, Display: true, Tree: tree}}}
	labelEquation(p)
	return []doc.Block{p}
}
