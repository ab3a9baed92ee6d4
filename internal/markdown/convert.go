package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/texmath"
)

// converter turns one goldmark document into tree nodes. It lives for one
// parse.
type converter struct {
	// htmlFile is set for an HTML chapter file, whose page-number spans
	// are dropped (gutenberg.go).
	htmlFile bool
	// mdn is set for an MDN page, whose nested lists may be
	// definition lists (mdn.go).
	mdn bool
	// carpentries is set for a Carpentries lesson's page (carpentries.go).
	carpentries bool
	// jekyll is the Jekyll site of the page (liquid.go), nil if none.
	jekyll     *JekyllSite
	src        []byte
	file       string
	lineOffset int // added to every line: the first line of a fragment
	lines      lineIndex
	fragment   bool // src is part of another file: columns are unknown
	// glue finds the values {glue} pastes; nil: none are known.
	// glueDepth counts the glued Markdown being read ({glue:md}), which
	// may paste glued values in its turn.
	glue      Glue
	glueDepth int
	// origins places the lines of a chapter whose includes were
	// expanded; nil when every line is the file's own.
	origins SourceMap
	// site and siteName are the Hugo site's params (see Parser).
	site     map[string]any
	siteName string
	warnings []warning

	footnotes    []footnoteDef
	notesByIndex map[int]*doc.Note
	// htmlEvents caches the tag events of HTML blocks for pairing.
	htmlEvents   map[*ast.HTMLBlock][]tagEvent
	pairingSpent int // tag events examined for pairing so far
	marks        *markers
	urls         map[string]string // link destinations as written -> decoded
	// nestingWarned is set once blocks nested too deep were reported.
	nestingWarned bool
	// inlineNestingWarned is set once inlines nested too deep were
	// reported.
	inlineNestingWarned bool
	// refs is the parse's context; when it has made implicit heading
	// references, headingOf maps goldmark's headings to the tree's and
	// implicit lists the links waiting for their IDs.
	refs      *refContext
	headingOf map[*ast.Heading]*doc.Heading
	implicit  []implicitLink
	// parser parses a grid table's cells, cellDepth deep in such cells.
	parser    parser.Parser
	cellDepth int
	// emptyCode is, for each class, the warning about the first empty
	// code block of that class left out, and how many followed it.
	emptyCode map[string]*emptyCodeWarning
	// mystUses counts the uses of each unknown MyST directive and role
	// (myst.go); mystCells the code cells, told of in the warning at
	// index mystCellWarning.
	mystUses                   map[string]*mystUse
	mystCells, mystCellWarning int
	// mathWarned counts the formulas printed as written, told of in the
	// warning at index mathWarning (math.go).
	mathWarned, mathWarning int
	// mathmlWarned is, for each MathML element kind a formula was
	// printed as text for, its warning's index and how many such
	// formulas followed (mathml.go).
	mathmlWarned map[string]*mathmlWarning
	// mathMacros are the TeX commands defined so far: the book's, and
	// the file's own from its formulas (\newcommand)
	mathMacros texmath.Macros
	// figureLabels are the pictures labelled as Quarto's and
	// pandoc-crossref's figures ({#fig-x}, {#fig:x}), with their labels
	// and their descriptions as inline content, the caption they get
	// when alone in a paragraph.
	figureLabels map[*doc.Image]figureLabel
	// chunks counts the code chunks (chunk.go), told of in the warning
	// at index chunkWarning; vault finds the pictures Quarto rendered.
	chunks, chunkWarning int
	vault                *Vault
	// textRefs are bookdown's text references, (ref:label) text, by
	// label (bookdown.go); inlineR counts the inline R code, told of in
	// the warning at index inlineRWarning.
	textRefs                map[string][]doc.Inline
	inlineR, inlineRWarning int
}

type figureLabel struct {
	id      string
	caption []doc.Inline
}

type emptyCodeWarning struct{ warning, more int }

type warning struct {
	line, column int // in the source, before lineOffset; 0 if unknown
	code, msg    string
	// at, when placed, is the position already in the file's terms (a
	// block's), which line and column are not
	at     doc.Pos
	placed bool
}

func newConverter(src []byte, file string, lineOffset int) *converter {
	return &converter{
		src:          src,
		file:         file,
		lineOffset:   lineOffset,
		lines:        newLineIndex(src),
		notesByIndex: map[int]*doc.Note{},
		htmlEvents:   map[*ast.HTMLBlock][]tagEvent{},
	}
}

func (c *converter) warn(line int, code, msg string) {
	c.warnings = append(c.warnings, warning{line: line, code: code, msg: msg})
}

// warnPos warns at a position of the tree, already placed in its file.
func (c *converter) warnPos(pos doc.Pos, code, msg string) {
	c.warnings = append(c.warnings, warning{at: pos, placed: true, code: code, msg: msg})
}

// warnAt warns at a byte offset of the source, which gives the column too
// (in bytes, 1-based, as Go's own tools count).
func (c *converter) warnAt(offset int, code, msg string) {
	line, column := c.lineColumn(offset)
	c.warnings = append(c.warnings, warning{line: line, column: column, code: code, msg: msg})
}

// warnNear warns at a byte offset of the source, or at the line fallback
// when the offset is unknown (negative).
func (c *converter) warnNear(offset, fallback int, code, msg string) {
	if offset < 0 || offset > len(c.src) {
		c.warn(fallback, code, msg)
		return
	}
	c.warnAt(offset, code, msg)
}

// lineColumn is the line and column of a byte offset of the source, before
// lineOffset; the column is 0 in a fragment, whose lines are indented in
// their own file by an amount the parser does not know.
func (c *converter) lineColumn(offset int) (line, column int) {
	line = c.lines.line(offset)
	if line > 0 && !c.fragment {
		column = offset - c.lines[line-1] + 1
		if c.origins != nil {
			// an included line's indentation is the directive's, not its file's
			_, _, shift := c.origins.Origin(line)
			column = max(column-shift, 1)
		}
	}
	return line, column
}

// posAt is the position in the file of a byte offset of the source, or of
// the line fallback when the offset is unknown (negative).
func (c *converter) posAt(offset, fallback int) doc.Pos {
	if offset < 0 || offset > len(c.src) {
		return c.pos(fallback)
	}
	line, column := c.lineColumn(offset)
	p := c.pos(line)
	p.Column = column
	return p
}

// pos is the position of a source line in the file.
func (c *converter) pos(line int) doc.Pos {
	if line > 0 && c.origins != nil {
		if file, at, _ := c.origins.Origin(line); file != "" {
			return doc.Pos{File: file, Line: at}
		}
	}
	if line > 0 {
		line += c.lineOffset
	}
	return doc.Pos{File: c.file, Line: line}
}

// diagnostics returns the warnings in source order without repeats.
func (c *converter) diagnostics() []diag.Diagnostic {
	out := make([]diag.Diagnostic, 0, len(c.warnings))
	for _, w := range c.warnings {
		p := c.pos(w.line)
		if w.placed {
			p = w.at
		}
		out = append(out, diag.Diagnostic{Severity: diag.Warning, File: p.File, Line: p.Line, Column: w.column, Code: w.code, Message: w.msg})
	}
	return diag.Normalize(out)
}

// nodeLine is the 1-based line where a block node starts, or 0.
func (c *converter) nodeLine(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return c.lines.line(p)
	}
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return c.lines.line(l.At(0).Start)
		}
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if l := c.nodeLine(ch); l > 0 {
			return l
		}
	}
	if p := n.Parent(); p != nil && p.Type() != ast.TypeDocument {
		return c.nodeLine(p)
	}
	return 0
}

// blocks converts the block children of a goldmark container. HTML blocks
// that open an element closed by a later sibling HTML block are parsed
// together, with the Markdown blocks between them inside.
func (c *converter) blocks(parent ast.Node) []doc.Block {
	var kids []ast.Node
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		kids = append(kids, n)
	}
	kids = mystGates(parent, kids)
	var out []doc.Block
	// rules are the rule markers (rule.go) waiting for the block they
	// are shown with
	var rules ruleQueue
	// targets are MyST's (label)= lines waiting for their block
	var targets []*mystTarget
	emit := func(bs []doc.Block) {
		if len(targets) > 0 && len(bs) > 0 {
			bs, targets = c.mystLabels(bs, targets), nil
		}
		out = c.placeRules(out, &rules, bs)
	}
	caps := tableCaptions(kids, c.src)
	for i := 0; i < len(kids); {
		if m, ok := kids[i].(*ruleMarker); ok {
			rules.own = append(rules.own, m)
			i++
			continue
		}
		if t, ok := kids[i].(*mystTarget); ok {
			targets = append(targets, t)
			i++
			continue
		}
		if caps != nil {
			if bs, ok := c.captioned(kids[i], caps); ok {
				emit(bs)
				i++
				continue
			}
		}
		if hb, ok := kids[i].(*ast.HTMLBlock); ok {
			if j := c.htmlGroupEnd(kids, i); j > i {
				emit(c.htmlGroup(kids[i : j+1]))
				i = j + 1
				continue
			}
			emit(c.htmlBlock(hb))
			i++
			continue
		}
		if label, ok := c.d2lLabel(kids[i]); ok && len(out) > 0 {
			if _, isPara := kids[i].(*ast.Paragraph); isPara {
				last := len(out) - 1
				out = append(out[:last], c.mystLabels(out[last:], []*mystTarget{{label: label}})...)
				i++
				continue
			}
		}
		if _, isPara := kids[i].(*ast.Paragraph); isPara && len(out) > 0 {
			if label := c.d2lLeadingLabel(kids[i]); label != "" {
				last := len(out) - 1
				out = append(out[:last], c.mystLabels(out[last:], []*mystTarget{{label: label}})...)
			}
		}
		bs := c.block(kids[i])
		if _, ok := kids[i].(*ast.Paragraph); ok && i+1 < len(kids) && kids[i+1].Kind() == ast.KindBlockquote {
			q := c.block(kids[i+1])
			if !c.quotedCaption(kids[i], bs, q, kids[i+1]) {
				emit(bs)
				bs = q
			}
			i++
		}
		emit(bs)
		i++
	}
	if len(targets) > 0 {
		bs := c.mystLabels(nil, targets)
		targets = nil
		emit(bs)
	}
	return c.flushRules(out, &rules)
}

// block converts one goldmark block (not an HTML block in a sequence; see
// blocks) into zero or more tree blocks.
func (c *converter) block(n ast.Node) []doc.Block {
	line := c.nodeLine(n)
	base := doc.BlockBase{Pos: c.pos(line)}
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		if label := c.d2lTrailingLabel(n); label != "" {
			// d2lbook's equation labels, :eqlabel:`eq_x` under $$…$$
			return c.mystLabels(c.block(n), []*mystTarget{{label: label}})
		}
		if c.textRefDefinition(n, line) {
			return nil // bookdown's (ref:label) text: used where named
		}
		if p, ok := c.bookdownEquation(n, base); ok {
			return []doc.Block{p}
		}
		if p, ok := c.equation(n, base); ok {
			return []doc.Block{p}
		}
		if f, ok := c.d2lFigure(n, base, line); ok {
			return []doc.Block{f}
		}
		if img, caption, ok := c.captionedImage(n); ok {
			if pic, ok := single[*doc.Image](c.inline(img, line)); ok {
				return []doc.Block{&doc.Figure{BlockBase: base, Image: pic, Caption: trimInlines(c.inlines(caption, line))}}
			}
		}
		if bs, ok := c.glueParagraph(n, base); ok {
			return bs
		}
		bs := c.itemsToBlocks(c.inlineItems(n, line))
		centreDisplayMath(bs)
		if a := blockIAL(n); a != nil && len(bs) > 0 {
			if p, ok := bs[0].(*doc.Paragraph); ok && p.ID == "" {
				p.ID, p.Classes = a.id, append(p.Classes, a.classes...)
			}
		}
		return bs
	case *ast.Heading:
		return c.heading(n, line)
	case *ast.ThematicBreak:
		return []doc.Block{&doc.ThematicBreak{BlockBase: base}}
	case *ast.CodeBlock:
		cb := &doc.CodeBlock{BlockBase: base, Text: c.codeText(n)}
		if a := blockIAL(n); a != nil {
			cb.Language, cb.ID = ialLanguage(a, c.carpentries), a.id
		}
		return []doc.Block{cb}
	case *ast.FencedCodeBlock:
		lang := ""
		if n.Info != nil {
			lang = infoLanguage(decodeMarkdown(n.Info.Segment.Value(c.src)))
		}
		if lang == "" {
			// kramdown's ~~~ then {: .language-bash}
			lang = ialLanguage(blockIAL(n), c.carpentries)
		}
		text := c.codeText(n)
		if c.origins != nil {
			text = c.trimIncluded(n, text)
		}
		if lang == "" && n.Info != nil {
			// Quarto's and knitr's code chunks, ```{r label, …}
			if bs, ok := c.codeChunk(decodeMarkdown(n.Info.Segment.Value(c.src)), text, base); ok {
				return bs
			}
		}
		if strings.TrimSpace(text) == "" {
			c.leaveOutEmptyCode(base.Pos, lang)
			return nil
		}
		if lang == "math" {
			// GitLab's and GitHub's display math
			return c.mathBlock(text, base, "")
		}
		if lang == "rust" {
			text = hideRustLines(text)
		}
		text = dropMagicComments(lang, text)
		return []doc.Block{titledCode(base, infoTitle(n, c.src), &doc.CodeBlock{BlockBase: base, Language: lang, Text: text})}
	case *ast.Blockquote:
		if m, ok := n.FirstChild().(*alertMarker); ok {
			return c.alert(n, m, base)
		}
		q := &doc.BlockQuote{BlockBase: base, Blocks: c.blocks(n)}
		if a := blockIAL(n); a != nil {
			q.ID, q.Classes = a.id, a.classes
		}
		return []doc.Block{q}
	case *ast.List:
		if c.mdn {
			if l, ok := c.mdnTermList(n, base); ok {
				return []doc.Block{l}
			}
		}
		return []doc.Block{c.list(n, base)}
	case *exampleList:
		return []doc.Block{c.exampleList(n, base)}
	case *ast.HTMLBlock:
		return c.htmlBlock(n)
	case *east.Table:
		return c.table(n, line)
	case *pandocTable:
		return c.pandocTable(n, line)
	case *east.DefinitionList:
		return []doc.Block{c.termList(n, base)}
	case *fencedDiv:
		base.Tags = append([]string(nil), n.classes...)
		base.Lang = c.langTag(n.lang, line)
		if n.admonition != "" {
			return c.docusaurusAdmonition(n, base)
		}
		if bs, ok := c.callout(n, base); ok {
			return bs
		}
		if c.carpentries {
			if d, ok := c.carpentriesBox(n, base); ok {
				return []doc.Block{d}
			}
		}
		if bs, ok := c.theoremDiv(n, base); ok {
			return bs
		}
		return []doc.Block{&doc.Div{
			BlockBase: base,
			ID:        n.id,
			Classes:   append([]string(nil), n.classes...),
			Blocks:    c.blocks(n),
		}}
	case *lineBlock:
		return c.lineBlock(n, base)
	case *mkdocsBlock:
		return c.mkdocsBlock(n, base)
	case *mystDirective:
		return c.mystDirective(n, base)
	case *mystMath:
		return c.mystMathBlock(n, base)
	case *east.FootnoteList, *east.Footnote, *ast.LinkReferenceDefinition:
		// Footnotes are collected separately; link references are resolved
		// by goldmark.
		return nil
	}
	if n.Type() == ast.TypeBlock {
		// A block kind this converter does not know: keep what is inside.
		return c.blocks(n)
	}
	return nil
}

// leaveOutEmptyCode reports an empty fenced code block, of class lang,
// left out: MkDocs sites write such fences (```{.textual path="app.py"})
// as directives to a plugin that puts a screenshot there, which neither
// output can make, and an empty code block shows nothing but its frame. A
// chapter's blocks of one class are one warning, at the first.
func (c *converter) leaveOutEmptyCode(pos doc.Pos, lang string) {
	what := "empty code block"
	if lang != "" {
		what += " of class " + strconv.Quote(lang)
	}
	if w, ok := c.emptyCode[lang]; ok {
		w.more++
		c.warnings[w.warning].msg = fmt.Sprintf("%s (and %d more) left out", what, w.more)
		return
	}
	if c.emptyCode == nil {
		c.emptyCode = map[string]*emptyCodeWarning{}
	}
	c.emptyCode[lang] = &emptyCodeWarning{warning: len(c.warnings)}
	c.warnPos(pos, "code.empty", what+" left out")
}

func (c *converter) codeText(n ast.Node) string {
	var b bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(c.src))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// trimIncluded drops the blank lines an include left at the end of a
// fenced code block, text: a snippet's file ends in a line break, which
// pymdownx.snippets keeps as an empty line and MkDocs' highlighter then
// drops (Pygments' stripnl), as a reader of the site sees it.
func (c *converter) trimIncluded(n *ast.FencedCodeBlock, text string) string {
	lines := n.Lines()
	for i := lines.Len() - 1; i >= 0; i-- {
		seg := lines.At(i)
		if len(bytes.TrimSpace(seg.Value(c.src))) != 0 {
			break
		}
		file, _, _ := c.origins.Origin(c.lines.line(seg.Start))
		if file == "" || file == c.file {
			break
		}
		text = strings.TrimSuffix(text, "\n"+strings.TrimSuffix(string(seg.Value(c.src)), "\n"))
	}
	return text
}

// hideRustLines leaves out the lines mdBook and rustdoc hide in Rust code,
// as the book's readers see it: a line whose first non-blank character is
// "#" followed by a space or nothing. "##" shows a literal "#"; "#[" and
// "#!" (attributes) and any other "#…" stay as written. This is mdBook's
// rule (its hide_lines_rust), which also allows the blanks before "#".
func hideRustLines(text string) string {
	if !strings.Contains(text, "#") {
		return text
	}
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for _, l := range lines {
		rest := strings.TrimLeft(l, " \t\v\f\r")
		if after, ok := strings.CutPrefix(rest, "#"); ok {
			switch {
			case after == "" || after[0] == ' ':
				continue
			case after[0] == '#':
				l = l[:len(l)-len(rest)] + after
			}
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// titledCode is code given a title: a listing, a figure whose caption,
// above it, is the title; code alone when title is "".
func titledCode(base doc.BlockBase, title string, code *doc.CodeBlock) doc.Block {
	if title == "" {
		return code
	}
	caption := &doc.Div{BlockBase: base, Kind: doc.DivCaption, Blocks: []doc.Block{&doc.Paragraph{BlockBase: base, Content: []doc.Inline{&doc.Text{Text: title}}}}}
	return &doc.Div{BlockBase: base, Kind: doc.DivFigure, Classes: []string{"code-title"}, Blocks: []doc.Block{caption, code}}
}

// infoTitleAttr is a title="…" (or '…') attribute in a fence's info
// string, after the language or among pandoc's attributes.
var infoTitleAttr = regexp.MustCompile(`(?:^|[\s{])title=(?:"([^"]*)"|'([^']*)')`)

// infoLabel is a label in brackets after a fence's language and line
// highlights (```ts{2} [main.ts]), as VitePress writes it.
var infoLabel = regexp.MustCompile(`^[\w+#.-]+(?:\{[^}]*\})?\s+\[([^\]]+)\]\s*(?:\{|$)`)

// infoTitle is the title a fence's info string gives its code, as
// Docusaurus and Material for MkDocs write it (```js title="app.js"), with
// its white space collapsed; "" if none.
func infoTitle(n *ast.FencedCodeBlock, src []byte) string {
	if n.Info == nil {
		return ""
	}
	info := decodeMarkdown(n.Info.Segment.Value(src))
	m := infoTitleAttr.FindStringSubmatch(info)
	if m == nil {
		// VitePress's label in brackets after the language,
		// ```js [vite.config.js]: a code group's tab, else a title
		if l := infoLabel.FindStringSubmatch(info); l != nil {
			return collapseSpace(strings.TrimSpace(l[1]))
		}
		return ""
	}
	return collapseSpace(strings.TrimSpace(m[1] + m[2]))
}

// infoLanguage picks the language from a fence's info string: its first
// word ("go", "python {.numberLines}"), up to a comma for the attributes
// mdBook and rustdoc add ("rust,ignore"), or, pandoc style, the first class
// of an attribute list ("{.python .numberLines}").
func infoLanguage(info string) string {
	info = strings.TrimSpace(info)
	if strings.HasPrefix(info, "{") {
		for _, f := range strings.Fields(strings.Trim(info, "{}")) {
			if strings.HasPrefix(f, ".") && len(f) > 1 {
				return f[1:]
			}
		}
		return ""
	}
	if i := strings.IndexAny(info, " \t{,"); i >= 0 {
		info = info[:i]
	}
	if strings.Contains(info, "=") {
		// an attribute with no language before it (``` title="x")
		return ""
	}
	return info
}

func (c *converter) heading(n *ast.Heading, line int) []doc.Block {
	h := &doc.Heading{BlockBase: doc.BlockBase{Pos: c.pos(line)}, Level: n.Level}
	if c.refs != nil && c.refs.used {
		if c.headingOf == nil {
			c.headingOf = map[*ast.Heading]*doc.Heading{}
		}
		c.headingOf[n] = h
	}
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			h.ID = string(b)
		}
	}
	if v, ok := n.AttributeString("class"); ok {
		if b, ok := v.([]byte); ok {
			h.Classes = strings.Fields(string(b))
		}
	}
	if v, ok := n.AttributeString("lang"); ok {
		if b, ok := v.([]byte); ok {
			h.Lang = c.langTag(string(b), line)
		}
	}
	var rest []doc.Block
	for _, it := range c.inlineItems(n, line) {
		if it.bl != nil {
			rest = append(rest, it.bl)
		} else {
			h.Content = append(h.Content, it.in)
		}
	}
	h.Content = normInlines(trimInlines(h.Content))
	// pandoc's shorthand for an unnumbered heading: "# Preface {-}".
	if k := len(h.Content); k > 0 {
		if t, ok := h.Content[k-1].(*doc.Text); ok && strings.HasSuffix(t.Text, "{-}") {
			t.Text = strings.TrimRight(strings.TrimSuffix(t.Text, "{-}"), " \t")
			h.Classes = append(h.Classes, "unnumbered")
		}
	}
	c.bookdownHeading(h)
	return append([]doc.Block{h}, rest...)
}

// termList makes a definition list (`Term` then `: definition`) the term
// list raw HTML's <dl> makes: each term one paragraph, each definition its
// blocks. finish shapes it as the tree wants (shapeTermList).
func (c *converter) termList(n *east.DefinitionList, base doc.BlockBase) doc.Block {
	list := &doc.Div{BlockBase: base, Kind: doc.DivTermList}
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		line := c.nodeLine(k)
		part := &doc.Div{BlockBase: doc.BlockBase{Pos: c.pos(line)}}
		switch k.(type) {
		case *east.DefinitionTerm:
			part.Kind = doc.DivTerm
			if p := c.paragraph(flattenItems(c.inlineItems(k, line)), line); p != nil {
				if f, ok := p.(*doc.Figure); ok {
					// a term is a line: a picture alone in it (a logo
					// defined by the text under it) stays in the line
					var pic doc.Inline = f.Image
					if f.Link != nil {
						pic = f.Link
					}
					p = &doc.Paragraph{BlockBase: f.BlockBase, Content: []doc.Inline{pic}}
				}
				part.Blocks = []doc.Block{p}
				if a := blockIAL(n); a != nil && a.autoIDs {
					part.ID = kramdownID(doc.PlainText(flattenItems(c.inlineItems(k, line))))
				}
			}
		case *east.DefinitionDescription:
			part.Kind = doc.DivTermDefinition
			part.Blocks = c.blocks(k)
		default:
			continue
		}
		list.Blocks = append(list.Blocks, part)
	}
	return list
}

func (c *converter) list(n *ast.List, base doc.BlockBase) doc.Block {
	l := &doc.List{BlockBase: base, Ordered: n.IsOrdered(), Tight: n.IsTight}
	if l.Ordered {
		l.Start = n.Start
	}
	for li := n.FirstChild(); li != nil; li = li.NextSibling() {
		item := &doc.ListItem{}
		if fc := li.FirstChild(); fc != nil {
			if cb, ok := fc.FirstChild().(*east.TaskCheckBox); ok {
				item.Task = doc.TaskOpen
				if cb.IsChecked {
					item.Task = doc.TaskDone
				}
				fc.RemoveChild(fc, cb)
			}
		}
		item.Blocks = c.blocks(li)
		l.Items = append(l.Items, item)
	}
	return l
}

func (c *converter) table(n *east.Table, line int) []doc.Block {
	// The table starts at its head row: the paragraph goldmark made it
	// from may hold lines of text before it.
	at := -1
	if head := n.FirstChild(); head != nil {
		at = head.Pos()
	}
	t := &doc.Table{BlockBase: doc.BlockBase{Pos: c.posAt(at, line)}}
	for _, a := range n.Alignments {
		t.Align = append(t.Align, [...]doc.Align{doc.AlignDefault, doc.AlignLeft, doc.AlignRight, doc.AlignCenter, doc.AlignDefault}[min(int(a), 4)])
	}
	row := func(r ast.Node) []*doc.TableCell {
		var cells []*doc.TableCell
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, &doc.TableCell{Content: flattenItems(c.inlineItems(cell, line))})
		}
		return cells
	}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		switch r.(type) {
		case *east.TableHeader:
			t.Header = row(r)
		case *east.TableRow:
			if r.NextSibling() == nil {
				if label, ok := c.d2lLabelRow(r); ok {
					t.ID = label
					continue
				}
			}
			t.Rows = append(t.Rows, row(r))
		}
	}
	if !slices.ContainsFunc(t.Header, func(cell *doc.TableCell) bool { return len(cell.Content) > 0 }) {
		// a header row of blank cells is how a pipe table is written
		// without one (pandoc's manual says so, and its writers print
		// none): a heading row of nothing would be read out as one
		t.Header = nil
	}
	if isQuartoFile(c.file) {
		c.pipeTableCaption(t)
	}
	padTable(t)
	return []doc.Block{t}
}

// padTable makes every row as wide as the alignment list, widening that
// to the widest row.
func padTable(t *doc.Table) {
	width := len(t.Align)
	width = max(width, len(t.Header))
	for _, r := range t.Rows {
		width = max(width, len(r))
	}
	for len(t.Align) < width {
		t.Align = append(t.Align, doc.AlignDefault)
	}
	if len(t.Widths) != len(t.Align) {
		t.Widths = nil // they were for other columns
	}
	pad := func(r []*doc.TableCell) []*doc.TableCell {
		for len(r) < width {
			r = append(r, &doc.TableCell{})
		}
		return r
	}
	if t.Header != nil {
		t.Header = pad(t.Header)
	}
	for i := range t.Rows {
		t.Rows[i] = pad(t.Rows[i])
	}
}

// itemsToBlocks groups runs of inline items into paragraphs.
func (c *converter) itemsToBlocks(items []item) []doc.Block {
	var out []doc.Block
	var run []doc.Inline
	runLine := 0
	flush := func() {
		if b := c.paragraph(run, runLine); b != nil {
			out = append(out, b)
		}
		run = nil
	}
	for _, it := range items {
		if it.bl != nil {
			flush()
			out = append(out, it.bl)
			continue
		}
		if len(run) == 0 {
			runLine = it.line
		}
		run = append(run, it.in)
	}
	flush()
	return out
}

// paragraph makes a paragraph of inline content, or a figure when the
// content is one image alone, or nothing when it is empty.
func (c *converter) paragraph(content []doc.Inline, line int) doc.Block {
	content = trimInlines(content)
	if len(content) == 0 {
		return nil
	}
	base := doc.BlockBase{Pos: c.pos(line)}
	if len(content) > 1 && onlyStrayMarks(content[1:]) {
		// "![Kibana](shot.png)." ends a sentence leading to the
		// picture; a browser shows the picture at its size with the mark
		// after it, which a figure has no place for.
		if img, _ := linkedPicture(content[0]); img != nil {
			content = content[:1]
		}
	}
	if len(content) == 1 {
		if img, link := linkedPicture(content[0]); img != nil {
			f := &doc.Figure{BlockBase: base, Image: img, Link: link}
			if img.Title != "" {
				f.Caption = []doc.Inline{&doc.Text{Text: img.Title}}
			}
			if l, ok := c.figureLabels[img]; ok {
				// Quarto's and pandoc's figure: its description is its
				// caption, after its number
				f.ID = l.id
				f.Caption = append([]doc.Inline{doc.CrossrefLabel(doc.CrossrefFigure)}, l.caption...)
			}
			return f
		}
	}
	return &doc.Paragraph{BlockBase: base, Content: content}
}

// strayMarks end or break off a sentence: after a picture alone in its
// paragraph they are only the end of the sentence that leads to it.
const strayMarks = ".,;:!?…。、，：；！？"

// onlyStrayMarks reports whether inline content is text of strayMarks and
// white space alone.
func onlyStrayMarks(content []doc.Inline) bool {
	for _, in := range content {
		switch in := in.(type) {
		case *doc.Break:
		case *doc.Text:
			if strings.Trim(in.Text, strayMarks+" \t\n") != "" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// linkedPicture reports whether in is a picture, or a link whose content
// is a picture alone ([![Screenshot](shot.png)](https://…), or <a> around
// an <img>): alone in a paragraph, either is a figure, which keeps the
// link.
func linkedPicture(in doc.Inline) (*doc.Image, *doc.Link) {
	switch in := in.(type) {
	case *doc.Image:
		return in, nil
	case *doc.Link:
		content := trimInlines(in.Content)
		if len(content) != 1 {
			return nil, nil
		}
		if img, ok := content[0].(*doc.Image); ok {
			// A link to the picture itself, which books written for
			// mdBook give a screenshot to show it whole, leads nowhere a
			// book does not show already.
			if strings.TrimSpace(in.URL) == strings.TrimSpace(img.Src) {
				return img, nil
			}
			in.Content = content
			return img, in
		}
	}
	return nil, nil
}

// trimInlines removes white space and line breaks at both ends of inline
// content, looking inside containers at the edges.
func trimInlines(in []doc.Inline) []doc.Inline { return trimSides(in, true, true) }

// trimSides trims the white space at the start (left) and the end (right)
// of inline content, inside the markup it starts or ends with. A lone
// container is entered once for both sides, so nested markup costs time
// in proportion to its depth, not two to the power of it.
func trimSides(in []doc.Inline, left, right bool) []doc.Inline {
	var entered doc.Inline
	for left && len(in) > 0 {
		switch n := in[0].(type) {
		case *doc.Break:
			in = in[1:]
			continue
		case *doc.Text:
			n.Text = strings.TrimLeft(n.Text, " \t\n")
			if n.Text == "" {
				in = in[1:]
				continue
			}
		default:
			if kids := doc.InlineChildren(n); kids != nil {
				both := right && len(in) == 1
				setInlineChildren(n, trimSides(kids, true, both))
				if both {
					entered = n
				}
			}
		}
		break
	}
	for right && len(in) > 0 {
		switch n := in[len(in)-1].(type) {
		case *doc.Break:
			in = in[:len(in)-1]
			continue
		case *doc.Text:
			n.Text = strings.TrimRight(n.Text, " \t\n")
			if n.Text == "" {
				in = in[:len(in)-1]
				continue
			}
		default:
			if kids := doc.InlineChildren(n); kids != nil && n != entered {
				setInlineChildren(n, trimSides(kids, false, true))
			}
		}
		break
	}
	return in
}

func setInlineChildren(n doc.Inline, kids []doc.Inline) {
	switch n := n.(type) {
	case *doc.Emph:
		n.Content = kids
	case *doc.Strong:
		n.Content = kids
	case *doc.Strike:
		n.Content = kids
	case *doc.Link:
		n.Content = kids
	case *doc.Span:
		n.Content = kids
	}
}

// flattenItems turns mixed content into inline content for places that hold
// only inlines (table cells): blocks give their inline content, separated by
// line breaks.
func flattenItems(items []item) []doc.Inline {
	var out []doc.Inline
	lastBlock := false
	for _, it := range items {
		if it.bl != nil {
			in := blockInlines(it.bl)
			if len(in) == 0 {
				continue
			}
			if len(out) > 0 {
				out = append(out, &doc.Break{})
			}
			out = append(out, in...)
			lastBlock = true
			continue
		}
		if lastBlock {
			out = append(out, &doc.Break{})
			lastBlock = false
		}
		out = append(out, it.in)
	}
	return trimInlines(out)
}

// blockInlines is the inline content of a block, for flattening.
func blockInlines(b doc.Block) []doc.Inline {
	var parts [][]doc.Inline
	switch b := b.(type) {
	case *doc.Paragraph:
		return b.Content
	case *doc.Heading:
		return b.Content
	case *doc.CodeBlock:
		return []doc.Inline{&doc.Code{Text: strings.ReplaceAll(b.Text, "\n", " ")}}
	case *doc.Figure:
		parts = append(parts, []doc.Inline{b.Image})
		if len(b.Caption) > 0 {
			parts = append(parts, b.Caption)
		}
	case *doc.Table:
		var cells []doc.Inline
		for _, row := range append([][]*doc.TableCell{b.Header}, b.Rows...) {
			for _, cell := range row {
				if len(cell.Content) == 0 {
					continue
				}
				if len(cells) > 0 {
					cells = append(cells, &doc.Text{Text: " "})
				}
				cells = append(cells, cell.Content...)
			}
		}
		return cells
	case *doc.List:
		for _, it := range b.Items {
			for _, ib := range it.Blocks {
				parts = append(parts, blockInlines(ib))
			}
		}
	default:
		for _, ch := range doc.BlockChildren(b) {
			parts = append(parts, blockInlines(ch))
		}
	}
	var out []doc.Inline
	for _, p := range parts {
		if len(p) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, &doc.Break{})
		}
		out = append(out, p...)
	}
	return out
}

// captionedImage recognises the Markdown caption of a picture: a picture
// alone on the first line of its paragraph, the next line all in
// emphasis, which becomes the figure's caption:
//
//	![The pipeline, from Markdown to PDF](pipeline.svg)
//	*Figure 3: How a book is built*
func (c *converter) captionedImage(p ast.Node) (*ast.Image, *ast.Emphasis, bool) {
	var img *ast.Image
	var caption *ast.Emphasis
	broken := false // a line break after the picture
	for n := p.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Image:
			if img != nil || caption != nil {
				return nil, nil, false
			}
			img = n
		case *ast.Emphasis:
			if img == nil || !broken || caption != nil || n.Level != 1 {
				return nil, nil, false
			}
			caption = n
		case *attrNode: // the picture's size
		case *ast.Text:
			if len(bytes.TrimSpace(n.Value(c.src))) > 0 || img == nil {
				return nil, nil, false
			}
			if caption == nil && (n.SoftLineBreak() || n.HardLineBreak()) {
				broken = true
			}
		default:
			return nil, nil, false
		}
	}
	return img, caption, img != nil && caption != nil
}

// single returns the one inline of ins when it is a T.
func single[T doc.Inline](ins []doc.Inline) (T, bool) {
	var zero T
	if len(ins) != 1 {
		return zero, false
	}
	t, ok := ins[0].(T)
	return t, ok
}
