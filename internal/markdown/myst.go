package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// MyST Markdown (Jupyter Book, Sphinx's myst-parser) adds directives,
// roles and targets to CommonMark:
//
//	```{note} Title            :::{figure} pic.png        (label)=
//	:class: dropdown           :name: fig-x               # Heading
//	Markdown blocks            The caption.
//	```                        :::                        see {ref}`label`
//
// They are read only where they cannot be ordinary Markdown: a fence whose
// info string is a name in braces (CommonMark would make it a code block
// of class "{note}", pandoc's attributes start with "." or "#"), a line
// that is exactly (label)=, and a name in braces right before a code span.
// A directive's options (:key: value lines, or a --- YAML block) start its
// body; the rest of the body is Markdown, or code for the directives whose
// body is code (code-block, code-cell, math, raw…). A directive closes at
// a fence of its own character at least as long as its opener, whatever
// is open inside it, as markdown-it reads it.

var (
	kindMystDirective = ast.NewNodeKind("MystDirective")
	kindMystTarget    = ast.NewNodeKind("MystTarget")
	kindMystRole      = ast.NewNodeKind("MystRole")
)

// mystDirective is a directive; one whose body is code holds its lines,
// another its blocks as children.
type mystDirective struct {
	ast.BaseBlock
	name, arg string
	fence     byte
	fenceLen  int
	indent    int
	literal   bool
	options   []mystOption
	// inOptions is set while the lines read may still be options; yaml
	// while inside a --- block of them.
	inOptions, yaml bool
	closed          bool
}

type mystOption struct{ key, value string }

func (n *mystDirective) Kind() ast.NodeKind { return kindMystDirective }

func (n *mystDirective) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.name, "Arg": n.arg}, nil)
}

// option is the value of option key, "" if not given.
func (n *mystDirective) option(key string) string {
	for _, o := range n.options {
		if o.key == key {
			return o.value
		}
	}
	return ""
}

// literalDirectives hold code, not Markdown.
var literalDirectives = map[string]bool{
	"code": true, "code-block": true, "sourcecode": true, "code-cell": true,
	"math": true, "raw": true, "myst": true, "literalinclude": true, "index": true,
	"csv-table": true,
	"mermaid":   true, "graphviz": true,
}

// maxDirectiveName bounds a directive's or role's name.
const maxDirectiveName = 64

// parseMystOpener reads a directive's opening fence from its first
// character: the fence, the name and the argument.
func parseMystOpener(s []byte) (fence byte, n int, name, arg string, argAt int, ok bool) {
	s = trimLineEnd(s)
	if len(s) < 5 || (s[0] != '`' && s[0] != ':') {
		return 0, 0, "", "", 0, false
	}
	fence = s[0]
	n = countByte(s, fence)
	if n < 3 {
		return 0, 0, "", "", 0, false
	}
	rest := skipSpace(s[n:])
	name, size := mystName(rest)
	if size == 0 {
		return 0, 0, "", "", 0, false
	}
	a := skipSpace(rest[size:])
	argAt = len(s) - len(a)
	a = bytes.TrimSpace(a)
	if fence == '`' && bytes.IndexByte(a, '`') >= 0 {
		return 0, 0, "", "", 0, false // not even a code fence in CommonMark
	}
	return fence, n, name, string(a), argAt, true
}

// mystName reads {name} at the start of s: a letter, then letters,
// digits, '-', '_', ':' and '+'; size 0 if s does not start with one.
func mystName(s []byte) (name string, size int) {
	if len(s) < 3 || s[0] != '{' || !isASCIILetter(s[1]) {
		return "", 0
	}
	i := 2
	for i < len(s) && i <= maxDirectiveName && (isASCIILetter(s[i]) || '0' <= s[i] && s[i] <= '9' || s[i] == '-' || s[i] == '_' || s[i] == ':' || s[i] == '+') {
		i++
	}
	if i >= len(s) || s[i] != '}' {
		return "", 0
	}
	return string(s[1:i]), i + 1
}

type mystDirectiveParser struct{}

func (mystDirectiveParser) Trigger() []byte { return []byte{'`', ':'} }

func (mystDirectiveParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	fence, n, name, arg, argAt, ok := parseMystOpener(line[pos:])
	if !ok || chunkFile(pc) {
		// in Quarto's and R Markdown's files, ```{python} is a code chunk
		return nil, parser.NoChildren
	}
	if mystDepth(parent) >= maxNesting {
		// goldmark visits every open block on every line, so unbounded
		// nesting would make parsing quadratic.
		addPendingWarning(pc, seg.Start+pos-seg.Padding, "myst.too-deep", fmt.Sprintf("directives, divs, lists and quotes nested more than %d deep; this fence is read as code", maxNesting))
		return nil, parser.NoChildren
	}
	indent, _ := util.IndentWidth(line, reader.LineOffset())
	lname := strings.ToLower(name)
	d := &mystDirective{name: name, arg: arg, fence: fence, fenceLen: n, indent: indent,
		literal: literalDirectives[lname], inOptions: true}
	d.SetPos(seg.Start + pos - seg.Padding)
	reader.AdvanceToEOL()
	if d.literal {
		return d, parser.NoChildren
	}
	if arg != "" {
		// the argument, a title for most, is inline Markdown
		start := seg.Start + pos - seg.Padding + argAt
		t := &mkdocsTitle{}
		t.Lines().Append(text.NewSegment(start, start+len(arg)))
		d.AppendChild(d, t)
	}
	return d, parser.HasChildren
}

func (mystDirectiveParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	d := node.(*mystDirective)
	line, seg := reader.PeekLine()
	more := parser.HasChildren
	if d.literal {
		more = parser.NoChildren
	}
	if w, p := util.IndentWidth(line, reader.LineOffset()); w < 4 {
		if k := countByte(line[p:], d.fence); k >= d.fenceLen && util.IsBlank(line[p+k:]) {
			d.closed = true
			reader.AdvanceToEOL()
			return parser.Close
		}
	}
	if d.inOptions {
		t := bytes.TrimSpace(line)
		switch {
		case d.yaml:
			if string(t) == "---" {
				d.yaml, d.inOptions = false, false
			} else if k, v, ok := strings.Cut(string(t), ":"); ok {
				d.options = append(d.options, mystOption{strings.TrimSpace(k), strings.TrimSpace(v)})
			}
			reader.AdvanceToEOL()
			return parser.Continue | more
		case len(d.options) == 0 && string(t) == "---":
			d.yaml = true
			reader.AdvanceToEOL()
			return parser.Continue | more
		case len(t) > 2 && t[0] == ':':
			if k := bytes.IndexByte(t[1:], ':'); k > 0 && isOptionName(t[1:1+k]) {
				d.options = append(d.options, mystOption{string(t[1 : 1+k]), string(bytes.TrimSpace(t[2+k:]))})
				reader.AdvanceToEOL()
				return parser.Continue | more
			}
		}
		d.inOptions = false
	}
	if d.literal {
		pos, padding := util.IndentPositionPadding(line, reader.LineOffset(), seg.Padding, d.indent)
		if pos < 0 {
			pos, padding = 0, 0
		}
		d.Lines().Append(text.NewSegmentPadding(seg.Start+pos, seg.Stop, padding))
		reader.AdvanceToEOL()
	}
	return parser.Continue | more
}

func isOptionName(s []byte) bool {
	for _, c := range s {
		if !isASCIILetter(c) && !('0' <= c && c <= '9') && c != '-' && c != '_' {
			return false
		}
	}
	return len(s) > 0
}

func (mystDirectiveParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	if d := node.(*mystDirective); !d.closed {
		addPendingWarning(pc, d.Pos(), "myst.unclosed", fmt.Sprintf("directive {%s} is never closed with %s; it ends with its container", d.name, strings.Repeat(string(d.fence), d.fenceLen)))
	}
}

func (mystDirectiveParser) CanInterruptParagraph() bool { return true }

func (mystDirectiveParser) CanAcceptIndentedLine() bool { return false }

// mystDepth counts the containers n is in that the parsers bound.
func mystDepth(n ast.Node) int {
	d := mkdocsDepth(n)
	for ; n != nil; n = n.Parent() {
		if _, ok := n.(*mystDirective); ok {
			d++
		}
	}
	return d
}

// mystTarget is a (label)= line, the label of the block after it, or a
// cell break (+++), label "".
type mystTarget struct {
	ast.BaseBlock
	label string
}

func (n *mystTarget) Kind() ast.NodeKind { return kindMystTarget }

func (n *mystTarget) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.label}, nil)
}

type mystTargetParser struct{}

func (mystTargetParser) Trigger() []byte { return []byte{'(', '+'} }

func (mystTargetParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	label, ok := mystTargetLine(line[pos:])
	if !ok && !mystCellBreak(line[pos:]) {
		return nil, parser.NoChildren
	}
	n := &mystTarget{label: label}
	n.SetPos(seg.Start + pos - seg.Padding)
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (mystTargetParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}

func (mystTargetParser) Close(ast.Node, text.Reader, parser.Context) {}

func (mystTargetParser) CanInterruptParagraph() bool { return true }

func (mystTargetParser) CanAcceptIndentedLine() bool { return false }

// mystCellBreak reports whether a line is "+++", optionally followed by
// a cell's metadata in braces: where jupytext's MyST notebooks end one
// Markdown cell and start the next, which prints nothing.
func mystCellBreak(s []byte) bool {
	s = trimLineEnd(s)
	if !bytes.HasPrefix(s, []byte("+++")) {
		return false
	}
	rest := bytes.TrimSpace(s[3:])
	return len(rest) == 0 || rest[0] == '{' && rest[len(rest)-1] == '}'
}

// mystTargetLine reads "(label)=" and nothing else but spaces: a label
// without spaces, parentheses or backquotes.
func mystTargetLine(s []byte) (string, bool) {
	s = trimLineEnd(s)
	if len(s) < 4 || s[0] != '(' || !bytes.HasSuffix(s, []byte(")=")) {
		return "", false
	}
	label := s[1 : len(s)-2]
	if len(label) == 0 || len(label) > maxRuleName || bytes.ContainsAny(label, " \t()`[]") {
		return "", false
	}
	return string(label), true
}

// mystRole is {name}`content`.
type mystRole struct {
	ast.BaseInline
	name, content string
	at            int // offset of the "{"
	// d2l marks d2lbook's form of the role, :name:`content`
	d2l bool
}

// written is the role as its author wrote it.
func (n *mystRole) written() string {
	if n.d2l {
		name := n.name
		if name == "eq" {
			name = "eqref" // d2lbook's name for it
		}
		return ":" + name + ":`" + n.content + "`"
	}
	return "{" + n.name + "}`" + n.content + "`"
}

func (n *mystRole) Kind() ast.NodeKind { return kindMystRole }

func (n *mystRole) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.name, "Content": n.content}, nil)
}

type mystRoleParser struct{}

func (mystRoleParser) Trigger() []byte { return []byte{'{'} }

func (mystRoleParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	name, content, size := parseMystRole(line)
	if size == 0 {
		return nil
	}
	block.Advance(size)
	return &mystRole{name: name, content: content, at: seg.Start}
}

// parseMystRole reads {name}`content` at the start of s, the code span
// closed on the same line by a run of as many backquotes; its content is
// trimmed of one space at each end as a code span's is.
func parseMystRole(s []byte) (name, content string, size int) {
	name, n := mystName(s)
	if n == 0 || n >= len(s) || s[n] != '`' {
		return "", "", 0
	}
	ticks := countByte(s[n:], '`')
	body := n + ticks
	for i := body; i < len(s); {
		j := bytes.IndexByte(s[i:], '`')
		if j < 0 || s[i+j] == '\n' {
			return "", "", 0
		}
		if k := bytes.IndexByte(s[i:i+j], '\n'); k >= 0 {
			return "", "", 0
		}
		i += j
		run := countByte(s[i:], '`')
		if run == ticks {
			c := string(s[body:i])
			if len(c) > 2 && c[0] == ' ' && c[len(c)-1] == ' ' {
				c = c[1 : len(c)-1]
			}
			return name, c, i + run
		}
		i += run
	}
	return "", "", 0
}

// titledRef splits "text <label>" into its text and label; a content
// without one is the label alone.
func titledRef(s string) (text, label string) {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ">") {
		if k := strings.LastIndex(s, "<"); k > 0 {
			return strings.TrimSpace(s[:k]), strings.TrimSpace(s[k+1 : len(s)-1])
		}
	}
	return "", s
}

func (n *mystRole) convert(c *converter, line int) []doc.Inline {
	name := strings.ToLower(n.name)
	pos := c.posAt(n.at, line)
	txt := func(s string) []doc.Inline {
		if s == "" {
			return nil
		}
		return []doc.Inline{&doc.Text{Text: s}}
	}
	switch name {
	case "ref", "numref", "eq", "doc", "any", "std:ref", "std:doc", "prf:ref":
		t, label := titledRef(n.content)
		kind := strings.TrimPrefix(strings.TrimPrefix(name, "std:"), "prf:")
		if kind == "any" {
			kind = "ref"
		}
		// {numref}'s text keeps its %s, {number} and {name}, which the
		// resolve pass fills once the figures and tables are numbered
		if kind == "doc" && path0(label) {
			label = strings.TrimSuffix(label, ".md") + ".md"
		}
		if label == "" {
			return txt(n.content)
		}
		ref := doc.MystRef(kind, label, txt(t), pos)
		if n.d2l {
			doc.MystRefWritten(ref, n.written())
		}
		return []doc.Inline{ref}
	case "math":
		return c.math(n.content, false, -1)
	case "term":
		t, term := titledRef(n.content)
		if t == "" {
			t = term
		}
		return []doc.Inline{&doc.Span{Kind: doc.SpanDefinition, Classes: []string{"term"}, Content: txt(t)}}
	case "abbr":
		t, expansion := titledAbbr(n.content)
		return []doc.Inline{&doc.Span{Kind: doc.SpanAbbreviation, Title: expansion, Content: txt(t)}}
	case "sub", "subscript":
		return []doc.Inline{&doc.Span{Kind: doc.SpanSubscript, Content: txt(n.content)}}
	case "sup", "superscript":
		return []doc.Inline{&doc.Span{Kind: doc.SpanSuperscript, Content: txt(n.content)}}
	case "del", "delete", "strike":
		return []doc.Inline{&doc.Strike{Content: txt(n.content)}}
	case "u", "underline":
		return []doc.Inline{&doc.Span{Kind: doc.SpanUnderlined, Content: txt(n.content)}}
	case "kbd", "keys":
		return []doc.Inline{&doc.Span{Kind: doc.SpanKeyboard, Content: txt(n.content)}}
	case "sc", "smallcaps":
		return []doc.Inline{&doc.Span{Classes: []string{"smallcaps"}, Content: txt(n.content)}}
	case "strong":
		return []doc.Inline{&doc.Strong{Content: txt(n.content)}}
	case "emphasis", "emph", "dfn":
		return []doc.Inline{&doc.Emph{Content: txt(n.content)}}
	case "code", "samp", "file", "command", "envvar", "program", "option", "literal":
		return []doc.Inline{&doc.Code{Text: n.content}}
	case "index":
		t, _ := titledRef(n.content)
		return txt(t)
	case "download":
		t, target := titledRef(n.content)
		if t == "" {
			t = target
		}
		return []doc.Inline{&doc.Link{URL: target, Pos: pos, Content: txt(t)}}
	case "cite", "cite:p", "cite:t", "cite:ps", "cite:ts", "cite:author", "cite:year", "citet", "citep":
		var cite doc.Cite
		for _, k := range strings.Split(n.content, ",") {
			if k = strings.TrimSpace(k); k != "" {
				cite.Items = append(cite.Items, doc.CiteItem{Key: k})
			}
		}
		cite.AuthorInText = name == "cite:t" || name == "citet" || name == "cite:ts"
		cite.Text = n.written()
		cite.Line = pos.Line
		if len(cite.Items) == 0 {
			return nil
		}
		return []doc.Inline{&cite}
	}
	if name == "glue" || strings.HasPrefix(name, "glue:") {
		return c.glueRole(n, name)
	}
	if strings.Contains(name, ":") {
		// a domain's role (py:func, c:macro, rst:dir): the object's name
		t, target := titledRef(n.content)
		if t == "" {
			t = strings.TrimLeft(target, "~!.")
		}
		return []doc.Inline{&doc.Code{Text: t}}
	}
	c.mystUnknown(n.at, "role", n.name, "its text is printed")
	return txt(n.content)
}

// path0 reports whether a {doc} target names a page without its
// extension (Sphinx's way) rather than a file.
func path0(s string) bool {
	return !strings.Contains(s[strings.LastIndex(s, "/")+1:], ".") || strings.HasSuffix(s, ".md")
}

// titledAbbr splits "HTML (HyperText Markup Language)".
func titledAbbr(s string) (abbr, expansion string) {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ")") {
		if k := strings.Index(s, "("); k > 0 {
			return strings.TrimSpace(s[:k]), strings.TrimSpace(s[k+1 : len(s)-1])
		}
	}
	return s, ""
}

// mystUse counts the uses of one unknown directive or role in a file.
type mystUse struct {
	warning, count int
}

// mystUnknown warns of a directive or role this parser does not know:
// once per name and file, at its first use, counting the others.
func (c *converter) mystUnknown(at int, what, name, kept string) {
	key := what + ":" + strings.ToLower(name)
	if c.mystUses == nil {
		c.mystUses = map[string]*mystUse{}
	}
	u := c.mystUses[key]
	if u == nil {
		u = &mystUse{warning: len(c.warnings)}
		c.mystUses[key] = u
		c.warnAt(at, "myst."+what, "")
	}
	u.count++
	more := ""
	switch u.count {
	case 1:
	case 2:
		more = " (used once more in this file)"
	default:
		more = fmt.Sprintf(" (%d more uses in this file)", u.count-1)
	}
	c.warnings[u.warning].msg = fmt.Sprintf("MyST %s {%s} is not one samizdat reads: %s%s", what, name, kept, more)
}

// admonitionTitles are the admonitions MyST and Sphinx know, and the
// title each has when none is written.
var admonitionTitles = map[string]string{
	"note": "Note", "tip": "Tip", "warning": "Warning", "important": "Important",
	"caution": "Caution", "attention": "Attention", "danger": "Danger", "error": "Error",
	"hint": "Hint", "seealso": "See also", "admonition": "", "versionadded": "New",
	"versionchanged": "Changed", "deprecated": "Deprecated",
}

// boxTitles are directives of Sphinx's extensions Jupyter Books use that
// print as a box with a title: sphinx-exercise's and sphinx-proof's.
var boxTitles = map[string]string{
	"exercise": "Exercise", "solution": "Solution",
	"prf:theorem": "Theorem", "prf:lemma": "Lemma", "prf:definition": "Definition",
	"prf:proof": "Proof", "prf:example": "Example", "prf:remark": "Remark",
	"prf:corollary": "Corollary", "prf:proposition": "Proposition", "prf:conjecture": "Conjecture",
	"prf:axiom": "Axiom", "prf:criterion": "Criterion", "prf:algorithm": "Algorithm",
	"prf:property": "Property", "prf:observation": "Observation", "prf:assumption": "Assumption",
	"prf:notation": "Notation",
}

// mystTheorems are the directives of sphinx-proof and sphinx-exercise
// that are bookdown's theorem environments, numbered as those are.
var mystTheorems = map[string]doc.TheoremEnv{}

func init() {
	for _, name := range []string{"theorem", "lemma", "corollary", "proposition", "conjecture", "definition", "example", "proof", "remark"} {
		mystTheorems["prf:"+name], _ = doc.TheoremByName(name)
	}
	mystTheorems["exercise"], _ = doc.TheoremByName("exercise")
	mystTheorems["solution"], _ = doc.TheoremByName("solution")
}

// mystTheorem is a theorem environment (bookdown.go's theorem) of a
// directive: numbered, its argument its name, in parentheses after its
// number; a solution's argument is the exercise it solves, "Solution (to
// Exercise 3)". Its ID is its label as written, which {prf:ref} and
// {ref} name.
func (c *converter) mystTheorem(env doc.TheoremEnv, n *mystDirective, id string, arg []doc.Inline, base doc.BlockBase) *doc.Div {
	body := c.blocks(n)
	d := c.theorem(env, "", "", body, base)
	d.ID = id
	if env.Name == "solution" && strings.TrimSpace(n.arg) != "" {
		arg = []doc.Inline{&doc.Text{Text: "to "}, doc.MystRef("ref", strings.TrimSpace(n.arg), nil, c.posAt(n.Pos(), c.nodeLine(n)))}
	}
	if len(arg) == 0 {
		return d
	}
	p := d.Blocks[0].(*doc.Paragraph)
	var run *[]doc.Inline
	switch h := p.Content[0].(type) {
	case *doc.Strong:
		run = &h.Content
	case *doc.Emph:
		run = &h.Content
	}
	// the head is [number, "."]: the name goes between
	head := *run
	named := append([]doc.Inline{head[0], &doc.Text{Text: " ("}}, arg...)
	*run = append(named, &doc.Text{Text: ")."})
	return d
}

// mystGates makes sphinx-exercise's gated directives, ```{exercise-start}
// … ```{exercise-end} (and solution's), the directive they stand for,
// holding the blocks between them, as the ungated form holds its body. A
// start whose end does not follow among its siblings stays a title alone.
func mystGates(parent ast.Node, kids []ast.Node) []ast.Node {
	for i := 0; i < len(kids); i++ {
		d, ok := kids[i].(*mystDirective)
		if !ok {
			continue
		}
		base, start := strings.CutSuffix(strings.ToLower(d.name), "-start")
		if !start || base != "exercise" && base != "solution" {
			continue
		}
		j := i + 1
		for ; j < len(kids); j++ {
			if e, ok := kids[j].(*mystDirective); ok && strings.EqualFold(e.name, base+"-end") {
				break
			}
		}
		if j == len(kids) {
			continue
		}
		for _, k := range kids[i+1 : j] {
			parent.RemoveChild(parent, k)
			d.AppendChild(d, k)
		}
		parent.RemoveChild(parent, kids[j])
		d.name = base
		kids = append(kids[:i+1], kids[j+1:]...)
	}
	return kids
}

// leftOutDirectives make nothing in a book, which has its own contents,
// index and bibliography; a todo is the author's, which Sphinx shows
// only when asked (todo_include_todos), and nb-exec-table a table of a
// site's notebook runs.
var leftOutDirectives = map[string]bool{
	"toctree": true, "tableofcontents": true, "contents": true, "index": true,
	"exercise-end": true, "solution-end": true, "bibliography": true,
	"todo": true, "nb-exec-table": true,
}

// mystDirective converts a directive.
func (c *converter) mystDirective(n *mystDirective, base doc.BlockBase) []doc.Block {
	name := strings.ToLower(n.name)
	id := n.option("name")
	if id == "" {
		id = n.option("label")
	}
	classes := strings.Fields(n.option("class"))
	line := c.nodeLine(n)
	var argInlines []doc.Inline
	if t, ok := n.FirstChild().(*mkdocsTitle); ok {
		n.RemoveChild(n, t)
		argInlines = trimInlines(c.inlines(t, line))
	}
	inline := func(string) []doc.Inline { return argInlines }
	titled := func(title []doc.Inline, kind doc.DivKind, cls []string, body []doc.Block) *doc.Div {
		d := &doc.Div{BlockBase: base, ID: id, Kind: kind, Classes: cls}
		if len(title) > 0 {
			d.Blocks = append(d.Blocks, &doc.Paragraph{BlockBase: base, Classes: []string{"admonition-title"}, Content: []doc.Inline{&doc.Strong{Content: title}}})
		}
		d.Blocks = append(d.Blocks, body...)
		return d
	}
	details := func(title []doc.Inline, body []doc.Block) *doc.Div {
		if len(title) == 0 {
			title = []doc.Inline{&doc.Text{Text: "Details"}}
		}
		summary := &doc.Div{BlockBase: base, Kind: doc.DivSummary, Blocks: []doc.Block{&doc.Paragraph{BlockBase: base, Content: title}}}
		open := n.option("open") != "" || hasWord(classes, "toggle-shown")
		return &doc.Div{BlockBase: base, ID: id, Kind: doc.DivDetails, Open: open, Classes: append([]string{name}, classes...), Blocks: append([]doc.Block{summary}, body...)}
	}
	if def, ok := admonitionTitles[name]; ok {
		title := inline(n.arg)
		if len(title) == 0 && def != "" {
			title = []doc.Inline{&doc.Text{Text: def}}
		}
		body := c.blocks(n)
		if hasWord(classes, "dropdown") || n.option("dropdown") != "" {
			return []doc.Block{details(title, body)}
		}
		cls := []string{"admonition", name}
		if name == "admonition" {
			cls = cls[:1]
		}
		return []doc.Block{titled(title, doc.DivAside, append(cls, classes...), body)}
	}
	if env, ok := mystTheorems[name]; ok && !hasWord(classes, "dropdown") {
		return []doc.Block{c.mystTheorem(env, n, id, argInlines, base)}
	}
	if def, ok := boxTitles[name]; ok {
		title := []doc.Inline{&doc.Text{Text: def}}
		if name == "solution" && n.arg != "" {
			title = append(title, &doc.Text{Text: " to "}, doc.MystRef("ref", strings.TrimSpace(n.arg), nil, c.posAt(n.Pos(), line)))
		}
		if name != "solution" && n.arg != "" {
			title = append(append(title, &doc.Text{Text: " ("}), append(inline(n.arg), &doc.Text{Text: ")"})...)
		}
		cls := append([]string{"admonition", strings.ReplaceAll(name, ":", "-")}, classes...)
		body := c.blocks(n)
		if hasWord(classes, "dropdown") {
			return []doc.Block{details(title, body)}
		}
		return []doc.Block{titled(title, doc.DivAside, cls, body)}
	}
	switch name {
	case "exercise-start", "solution-start":
		// sphinx-exercise's gated form: the blocks up to the -end
		// directive are the exercise's; its title leads them
		title := boxTitles[strings.TrimSuffix(name, "-start")]
		content := []doc.Inline{&doc.Text{Text: title}}
		if name == "exercise-start" && n.arg != "" {
			content = append(append(content, &doc.Text{Text: " ("}), append(inline(n.arg), &doc.Text{Text: ")"})...)
		}
		return []doc.Block{&doc.Paragraph{BlockBase: base, ID: id, Classes: []string{"admonition-title"}, Content: []doc.Inline{&doc.Strong{Content: content}}}}
	case "dropdown", "toggle":
		return []doc.Block{details(inline(n.arg), c.blocks(n))}
	case "margin", "sidebar", "aside":
		return []doc.Block{titled(inline(n.arg), doc.DivAside, append([]string{name}, classes...), c.blocks(n))}
	case "epigraph", "pull-quote", "highlights", "blockquote":
		return []doc.Block{&doc.Div{BlockBase: base, ID: id, Classes: append([]string{name}, classes...),
			Blocks: []doc.Block{&doc.BlockQuote{BlockBase: base, Blocks: c.blocks(n)}}}}
	case "figure", "image":
		return c.mystFigure(n, base, id, name == "figure")
	case "code", "code-block", "sourcecode", "code-cell", "literalinclude":
		return c.mystCode(n, base, id, name)
	case "math":
		text := c.mystCodeText(n)
		if strings.TrimSpace(text) == "" {
			return nil
		}
		bs := c.mathBlock(text, base, id)
		if p, ok := bs[0].(*doc.Paragraph); ok && id != "" {
			// a labelled equation is numbered, as Jupyter Book numbers
			// it, unless its \tag is its number
			p.Classes = []string{"equation"}
			if m, ok := displayMath(p.Content); !ok || m.Tree == nil || m.Tree.Tag == "" {
				p.Content = append(p.Content, &doc.Text{Text: " "}, doc.CrossrefLabel(doc.CrossrefEquation))
			}
		}
		return bs
	case "myst":
		return []doc.Block{&doc.CodeBlock{BlockBase: base, Language: "markdown", ID: id, Text: c.mystCodeText(n)}}
	case "mermaid", "graphviz":
		return []doc.Block{&doc.CodeBlock{BlockBase: base, Language: name, ID: id, Text: c.mystCodeText(n)}}
	case "raw":
		if strings.EqualFold(strings.TrimSpace(n.arg), "html") {
			hb := ast.NewHTMLBlock(ast.HTMLBlockType7)
			hb.SetLines(n.Lines())
			if hb.Lines().Len() > 0 {
				return c.htmlBlock(hb)
			}
		}
		return nil
	case "youtube", "vimeo", "iframe":
		// a video or a page shown in a frame: a link to it, which a
		// book can follow, and the caption its body may give
		target := strings.TrimSpace(n.arg)
		switch {
		case target == "":
			return c.blocks(n)
		case name == "youtube":
			target = "https://www.youtube.com/watch?v=" + url.QueryEscape(target)
		case name == "vimeo":
			target = "https://vimeo.com/" + url.PathEscape(target)
		}
		if _, bad := unsafeURL(target, false); bad || !strings.HasPrefix(target, "https://") && !strings.HasPrefix(target, "http://") {
			c.warnAt(n.Pos(), "myst.frame", fmt.Sprintf("directive {%s} %s: not a web address; left out", n.name, n.arg))
			return c.blocks(n)
		}
		link := &doc.Paragraph{BlockBase: base, ID: id, Classes: []string{name}, Content: []doc.Inline{
			&doc.Link{URL: target, Pos: c.posAt(n.Pos(), line), Content: []doc.Inline{&doc.Text{Text: target}}}}}
		return append([]doc.Block{link}, c.blocks(n)...)
	case "tab-set", "grid", "card-carousel":
		return []doc.Block{&doc.Div{BlockBase: base, ID: id, Classes: append([]string{name}, classes...), Blocks: c.blocks(n)}}
	case "tab-item", "card", "grid-item-card":
		return []doc.Block{titled(inline(n.arg), doc.DivSection, append([]string{name}, classes...), c.blocks(n))}
	case "csv-table":
		return c.csvTable(n, base, id, classes)
	case "grid-item", "div", "container", "glossary", "only", "rubric", "centered", "list-table", "table":
		if name == "rubric" || name == "centered" {
			return []doc.Block{&doc.Paragraph{BlockBase: base, ID: id, Classes: []string{name}, Content: []doc.Inline{&doc.Strong{Content: inline(n.arg)}}}}
		}
		body := c.blocks(n)
		if name == "list-table" {
			if t := listTable(n, body); t != nil {
				t.BlockBase, t.ID, t.Classes, t.Caption = base, id, classes, inline(n.arg)
				return []doc.Block{numberMyst(t)}
			}
		}
		if t, ok := onlyTable(body); ok && name == "table" {
			// the table the directive captions, as Sphinx makes it
			t.ID, t.Classes = id, append(t.Classes, classes...)
			if len(argInlines) > 0 {
				t.Caption = argInlines
			}
			return []doc.Block{numberMyst(t)}
		}
		if (name == "table" || name == "list-table") && n.arg != "" {
			body = append([]doc.Block{&doc.Paragraph{BlockBase: base, Classes: []string{"caption"}, Content: []doc.Inline{&doc.Strong{Content: inline(n.arg)}}}}, body...)
		}
		return []doc.Block{&doc.Div{BlockBase: base, ID: id, Classes: append([]string{name}, classes...), Blocks: body}}
	}
	if leftOutDirectives[name] {
		return nil
	}
	if name == "glue" || strings.HasPrefix(name, "glue:") {
		return c.glueDirective(n, name, base, id)
	}
	if n.literal {
		return nil
	}
	c.mystUnknown(n.Pos(), "directive", n.name, "what it holds is kept")
	body := c.blocks(n)
	if len(body) == 0 {
		return nil
	}
	return []doc.Block{&doc.Div{BlockBase: base, ID: id, Classes: append([]string{strings.ReplaceAll(name, ":", "-")}, classes...), Blocks: body}}
}

// listTable makes the table a list-table directive writes as a list of
// rows, each a list of cells: its first header-rows rows head the columns,
// its first stub-columns cells head their rows, widths (as many numbers as
// columns) share out the measure. Nil when the body is not such a list, or
// a cell holds more than paragraphs and code, which a table's cell cannot;
// the directive's blocks then stay as they are.
func listTable(n *mystDirective, body []doc.Block) *doc.Table {
	if len(body) != 1 {
		return nil
	}
	rows, ok := body[0].(*doc.List)
	if !ok || len(rows.Items) == 0 {
		return nil
	}
	var cells [][]*doc.TableCell
	cols := 0
	for _, it := range rows.Items {
		if len(it.Blocks) != 1 {
			return nil
		}
		row, ok := it.Blocks[0].(*doc.List)
		if !ok {
			return nil
		}
		var r []*doc.TableCell
		for _, cell := range row.Items {
			content, ok := cellInlines(cell.Blocks)
			if !ok {
				return nil
			}
			r = append(r, &doc.TableCell{Content: content})
		}
		cols = max(cols, len(r))
		cells = append(cells, r)
	}
	// rows short of cells are filled, as every row has len(Align) cells
	for i := range cells {
		for len(cells[i]) < cols {
			cells[i] = append(cells[i], &doc.TableCell{})
		}
	}
	heads, _ := strconv.Atoi(strings.TrimSpace(n.option("header-rows")))
	return tableOf(n, cells, min(max(heads, 0), len(cells)), cols)
}

// tableOf is the table of a list-table's or csv-table's cells, rows of
// cols cells: the first heads rows head the columns, the directive's
// stub-columns cells head their rows, its widths share out the measure.
func tableOf(n *mystDirective, cells [][]*doc.TableCell, heads, cols int) *doc.Table {
	t := &doc.Table{Align: make([]doc.Align, cols)}
	if heads > 0 {
		// the first heading row heads the columns; later ones are rows of
		// heading cells
		t.Header = cells[0]
		for _, r := range cells[1:heads] {
			for _, c := range r {
				c.Header = true
			}
		}
		cells = cells[1:]
	}
	stubs, _ := strconv.Atoi(strings.TrimSpace(n.option("stub-columns")))
	for _, r := range cells {
		for j := 0; j < min(stubs, cols); j++ {
			r[j].Header = true
		}
	}
	t.Rows = cells
	if ws := strings.FieldsFunc(n.option("widths"), func(r rune) bool { return r == ' ' || r == ',' }); len(ws) == cols {
		sum, nums := 0.0, make([]float64, cols)
		for i, w := range ws {
			v, err := strconv.ParseFloat(w, 64)
			if err != nil || !(v > 0) || v > 1e6 {
				sum = 0
				break
			}
			nums[i], sum = v, sum+v
		}
		if sum > 0 {
			for i := range nums {
				nums[i] /= sum
			}
			t.Widths = nums
		}
	}
	return t
}

// cellInlines is a list-table cell's content as a table cell holds it:
// its paragraphs one after another, parted by a line break, and code as
// code.
func cellInlines(blocks []doc.Block) ([]doc.Inline, bool) {
	var out []doc.Inline
	for _, b := range blocks {
		if len(out) > 0 {
			out = append(out, &doc.Break{})
		}
		switch b := b.(type) {
		case *doc.Paragraph:
			out = append(out, b.Content...)
		case *doc.CodeBlock:
			out = append(out, &doc.Code{Text: strings.TrimRight(b.Text, "\n")})
		default:
			return nil, false
		}
	}
	return out, true
}

// mystCodeText is a directive's code without the blank lines that
// separate it from its options, as Sphinx prints it.
func (c *converter) mystCodeText(n *mystDirective) string {
	text := c.codeText(n)
	for {
		line, rest, ok := strings.Cut(text, "\n")
		if !ok || strings.TrimSpace(line) != "" {
			return text
		}
		text = rest
	}
}

// firstWord is s's first word in lower case, "" if none.
func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return strings.ToLower(f[0])
	}
	return ""
}

func hasWord(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// mystFigure is a figure or an image: the picture the argument names,
// sized and described by the options; a figure's caption is the first
// paragraph of its body, and the rest (its legend) follows it.
func (c *converter) mystFigure(n *mystDirective, base doc.BlockBase, id string, figure bool) []doc.Block {
	img := &doc.Image{Src: strings.TrimSpace(n.arg), Alt: n.option("alt"), Pos: c.posAt(n.Pos(), c.nodeLine(n))}
	for _, side := range []struct {
		key string
		to  *doc.Length
	}{{"width", &img.Width}, {"height", &img.Height}} {
		v := n.option(side.key)
		if v == "" {
			continue
		}
		l, ok := doc.ParseLength(v)
		if !ok {
			c.warnAt(n.Pos(), "image.size", fmt.Sprintf("picture :%s: %q is not a size (give a number and one of px, %%, em, in, cm, mm, pt); left out", side.key, v))
			continue
		}
		*side.to = l
	}
	var body []doc.Block
	if figure {
		body = c.blocks(n)
	}
	if img.Src == "" {
		c.warnAt(n.Pos(), "myst.figure", "directive {"+n.name+"} names no picture; its caption is kept")
		return body
	}
	if scheme, bad := unsafeURL(img.Src, true); bad {
		c.warnAt(n.Pos(), "image.unsafe", "image with a "+scheme+": source dropped, its description kept")
		return body
	}
	f := &doc.Figure{BlockBase: base, Image: img, ID: id}
	if len(body) > 0 {
		if p, ok := body[0].(*doc.Paragraph); ok && !p.Lines {
			f.Caption = p.Content
			body = body[1:]
		}
	}
	if img.Alt == "" && len(f.Caption) > 0 {
		img.Alt = strings.TrimSpace(doc.PlainText(f.Caption))
	}
	if figure {
		numberMyst(f)
	}
	return append([]doc.Block{f}, body...)
}

// mystCode is a code block: its language the argument (a code cell's
// kernel's, ipython3, is Python's). A code cell a Jupyter Book hides
// (the remove-cell or remove-input tag) is left out; the outputs of the
// others are not in the file to print, which one warning per file says.
func (c *converter) mystCode(n *mystDirective, base doc.BlockBase, id, name string) []doc.Block {
	lang := firstWord(n.arg)
	switch lang {
	case "ipython3", "ipython", "python3", "ipython2", "python2":
		lang = "python"
	}
	if name == "literalinclude" {
		c.warnAt(n.Pos(), "myst.literalinclude", "directive {literalinclude} "+n.arg+": include the file with markdown.include's syntax instead; left out")
		return nil
	}
	if name == "code-cell" {
		lang = firstWord(n.arg)
		if lang == "" || strings.HasPrefix(lang, "ipython") || strings.HasPrefix(lang, "python") {
			lang = "python"
		}
		tags := n.option("tags")
		if strings.Contains(tags, "remove-cell") || strings.Contains(tags, "remove-input") {
			return nil
		}
		c.mystCells++
		if c.mystCells == 1 {
			c.mystCellWarning = len(c.warnings)
			c.warnAt(n.Pos(), "myst.code-cell", "")
		}
		more := ""
		if c.mystCells > 1 {
			more = fmt.Sprintf(" (and %d more)", c.mystCells-1)
		}
		c.warnings[c.mystCellWarning].msg = "code cell" + more + " printed as its code alone: a MyST notebook's .md file holds no outputs (execute it with Jupyter to see them)"
	}
	text := c.mystCodeText(n)
	if strings.TrimSpace(text) == "" {
		c.leaveOutEmptyCode(base.Pos, lang)
		return nil
	}
	code := &doc.CodeBlock{BlockBase: base, Language: lang, ID: id, Text: text}
	if name == "code-cell" {
		return []doc.Block{c.mystCellFigure(n, code)}
	}
	return []doc.Block{code}
}

// mystLabels gives the blocks (label)= lines came before their labels:
// the first block's ID when it has none (a heading's, which links by its
// text's slug then do not find, as in Sphinx), else an anchor at the start
// of a paragraph's text, else a group around the block. Labels no block
// follows are anchors in a paragraph of their own (bs empty).
func (c *converter) mystLabels(bs []doc.Block, targets []*mystTarget) []doc.Block {
	if len(bs) == 0 {
		p := &doc.Paragraph{BlockBase: doc.BlockBase{Pos: c.pos(c.nodeLine(targets[0]))}}
		for _, t := range targets {
			if t.label != "" {
				p.Content = append(p.Content, &doc.Span{ID: t.label})
			}
		}
		if len(p.Content) == 0 {
			return nil
		}
		return []doc.Block{p}
	}
	for _, t := range targets {
		if t.label == "" {
			continue // a cell break
		}
		if p := doc.IDOf(bs[0]); p != nil && (*p == "" || *p == t.label) {
			*p = t.label
			numberMyst(bs[0])
			continue
		}
		if p, ok := bs[0].(*doc.Paragraph); ok {
			p.Content = append([]doc.Inline{&doc.Span{ID: t.label}}, p.Content...)
			continue
		}
		bs = append([]doc.Block{&doc.Div{BlockBase: doc.BlockBase{Pos: bs[0].Position()}, ID: t.label, Blocks: bs[:1]}}, bs[1:]...)
	}
	return bs
}
