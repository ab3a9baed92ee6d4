package markdown

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// bookdown's Markdown extensions, read in .Rmd chapters only (a Quarto
// book's ::: {.example} is a plain div):
//
//	See Figure \@ref(fig:cars) and Theorem \@ref(thm:pyth).
//
//	(ref:cars) A scatterplot of the data `cars`.
//
//	::: {.theorem #pyth name="Pythagorean theorem"}
//	For a right triangle, …
//	:::
//
//	```{lemma chf-pdf}
//	…
//	```
//
//	# (PART) Part I {-}
//	# (APPENDIX) Appendix {-}
//
// A reference is the span doc.BookdownRef makes, resolved by the resolve
// pass; a text reference's definition is left out and its text put
// wherever (ref:label) is written in the chapter; a theorem environment
// is the Div doc/bookdown.go describes, numbered by the resolve pass.

// rmdFile reports whether name is an R Markdown file.
func rmdFile(name string) bool { return strings.EqualFold(path.Ext(name), ".rmd") }

// parsingRmd reports whether the file being parsed is R Markdown's.
func parsingRmd(pc parser.Context) bool {
	wc, _ := pc.Get(wikiKey).(*wikiContext)
	return wc != nil && rmdFile(wc.file)
}

// bookdownRef is a reference, \@ref(label), as written.
type bookdownRef struct {
	ast.BaseInline
	label, written string
	at             int // offset of the "\"
}

var kindBookdownRef = ast.NewNodeKind("BookdownRef")

func (n *bookdownRef) Kind() ast.NodeKind { return kindBookdownRef }

func (n *bookdownRef) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.label}, nil)
}

func (n *bookdownRef) convert(c *converter, line int) []doc.Inline {
	if n.at >= 0 && n.at <= len(c.src) {
		line = c.lines.line(n.at)
	}
	return []doc.Inline{doc.BookdownRef(n.label, n.written, c.pos(line))}
}

// bookdownRefParser reads \@ref(label), before goldmark takes "\@" for
// an escaped "@". A label is what bookdown allows, letters, digits, "-",
// ":", "/", and what chunk labels and pandoc's IDs add, "_" and ".".
type bookdownRefParser struct{}

func (bookdownRefParser) Trigger() []byte { return []byte{'\\'} }

func (bookdownRefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	const open = `\@ref(`
	if !bytes.HasPrefix(line, []byte(open)) || !parsingRmd(pc) {
		return nil
	}
	n := len(open)
	for n < len(line) && n < 256 && bookdownLabelByte(line[n]) {
		n++
	}
	if n == len(open) || n >= len(line) || line[n] != ')' {
		return nil
	}
	block.Advance(n + 1)
	return &bookdownRef{label: string(line[len(open):n]), written: string(line[:n+1]), at: seg.Start}
}

func bookdownLabelByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || strings.IndexByte("-:/_.", b) >= 0
}

// textRefDefinition reads a paragraph that defines a text reference,
// (ref:label) text, into the chapter's text references; ok is false for
// any other paragraph. bookdown asks for one line, but a paragraph of
// several is read whole.
func (c *converter) textRefDefinition(n ast.Node, line int) bool {
	lines := n.Lines()
	if !rmdFile(c.file) || lines.Len() == 0 {
		return false
	}
	first := c.src[lines.At(0).Start:lines.At(0).Stop]
	label, size := textRefLabel(first)
	if size == 0 || size >= len(first) || first[size] != ' ' && first[size] != '\t' {
		return false
	}
	content := normInlines(trimInlines(flattenItems(c.inlineItems(n, line))))
	if len(content) == 0 {
		return false
	}
	t, ok := content[0].(*doc.Text)
	if !ok || !strings.HasPrefix(t.Text, "(ref:"+label+")") {
		return false
	}
	t.Text = strings.TrimLeft(t.Text[size:], " \t")
	if c.textRefs == nil {
		c.textRefs = map[string][]doc.Inline{}
	}
	if _, seen := c.textRefs[label]; seen {
		c.warn(line, "bookdown.text-ref", fmt.Sprintf("text reference (ref:%s) is defined again; the later text is used", label))
	}
	c.textRefs[label] = trimInlines(content)
	return true
}

// textRefLabel reads "(ref:label)" at the start of s: the label and the
// bytes it takes, 0 when s starts otherwise.
func textRefLabel(s []byte) (string, int) {
	const open = "(ref:"
	if !bytes.HasPrefix(s, []byte(open)) {
		return "", 0
	}
	n := len(open)
	for n < len(s) && n < 256 && bookdownLabelByte(s[n]) {
		n++
	}
	if n == len(open) || n >= len(s) || s[n] != ')' {
		return "", 0
	}
	return string(s[len(open):n]), n + 1
}

// useTextRefs puts the chapter's text references' text wherever
// (ref:label) is written in its text (a caption's, most often), as
// bookdown does before pandoc reads the chapter.
func (c *converter) useTextRefs(ch *Chapter) {
	if len(c.textRefs) == 0 {
		return
	}
	// at is the place of the block whose text is being read; warned the
	// labels told of
	var at doc.Pos
	warned := map[string]bool{}
	// inserted are the definitions' inlines put in the text, not read
	// again: a definition naming itself would never end
	inserted := map[doc.Inline]bool{}
	fix := func(list []doc.Inline) []doc.Inline {
		var out []doc.Inline
		changed := false
		for _, in := range list {
			t, ok := in.(*doc.Text)
			if !ok || !strings.Contains(t.Text, "(ref:") {
				out = append(out, in)
				continue
			}
			rest := t.Text
			for {
				i := strings.Index(rest, "(ref:")
				if i < 0 {
					break
				}
				label, size := textRefLabel([]byte(rest[i:]))
				def, ok := c.textRefs[label]
				if size > 0 && !ok && !warned[label] {
					warned[label] = true
					c.warnPos(at, "bookdown.text-ref", fmt.Sprintf("no text reference (ref:%s) is defined in the chapter; printed as written", label))
				}
				if size == 0 || !ok {
					out = append(out, &doc.Text{Text: rest[:i+1]})
					rest = rest[i+1:]
					continue
				}
				if i > 0 {
					out = append(out, &doc.Text{Text: rest[:i]})
				}
				clone, _ := doc.CloneChapter([]doc.Block{&doc.Paragraph{Content: def}}, nil)
				for _, x := range clone[0].(*doc.Paragraph).Content {
					inserted[x] = true
				}
				out = append(out, clone[0].(*doc.Paragraph).Content...)
				rest = rest[i+size:]
				changed = true
			}
			if rest != "" {
				out = append(out, &doc.Text{Text: rest})
			}
		}
		if !changed {
			return list
		}
		return out
	}
	var inlines func(list []doc.Inline) []doc.Inline
	inlines = func(list []doc.Inline) []doc.Inline {
		// goldmark may have cut "(ref:x)" into several texts
		list = fix(normInlines(list))
		for _, in := range list {
			if inserted[in] {
				continue
			}
			switch x := in.(type) {
			case *doc.Emph:
				x.Content = inlines(x.Content)
			case *doc.Strong:
				x.Content = inlines(x.Content)
			case *doc.Strike:
				x.Content = inlines(x.Content)
			case *doc.Link:
				x.Content = inlines(x.Content)
			case *doc.Span:
				x.Content = inlines(x.Content)
			}
		}
		return list
	}
	var blocks func([]doc.Block)
	blocks = func(bs []doc.Block) {
		for _, b := range bs {
			at = b.Position()
			switch b := b.(type) {
			case *doc.Paragraph:
				b.Content = inlines(b.Content)
			case *doc.Heading:
				b.Content = inlines(b.Content)
			case *doc.Figure:
				b.Caption = inlines(b.Caption)
				if label, size := textRefLabel([]byte(b.Image.Alt)); size > 0 && size == len(b.Image.Alt) && c.textRefs[label] != nil {
					// the caption as the picture's description
					b.Image.Alt = collapseSpace(doc.PlainText(c.textRefs[label]))
				}
			case *doc.Table:
				b.Caption = inlines(b.Caption)
				for _, row := range append([][]*doc.TableCell{b.Header}, b.Rows...) {
					for _, cell := range row {
						cell.Content = inlines(cell.Content)
					}
				}
			}
			blocks(doc.BlockChildren(b))
		}
	}
	blocks(ch.Blocks)
	for _, n := range ch.Notes {
		blocks(n.Blocks)
	}
}

// theoremDiv converts a fenced div of a theorem environment's class,
// ::: {.theorem #pyth name="Pythagorean theorem"}; ok is false for any
// other div, and outside R Markdown.
func (c *converter) theoremDiv(n *fencedDiv, base doc.BlockBase) ([]doc.Block, bool) {
	if !rmdFile(c.file) || len(n.classes) == 0 {
		return nil, false
	}
	env, ok := doc.TheoremByName(n.classes[0])
	if !ok {
		return nil, false
	}
	return []doc.Block{c.theorem(env, n.id, n.name, c.blocks(n), base)}, true
}

// theoremChunk converts bookdown's older form of a theorem environment,
// a chunk of its engine, ```{theorem pyth, name="…"}, whose code is
// Markdown; ok is false for a chunk of any other engine.
func (c *converter) theoremChunk(ch chunk, code string, base doc.BlockBase) ([]doc.Block, bool) {
	env, ok := doc.TheoremByName(ch.engine)
	if !ok || !rmdFile(c.file) || c.parser == nil {
		return nil, false
	}
	// the code starts on the line after the fence's
	sub := newConverter([]byte(code), base.Pos.File, base.Pos.Line)
	sub.fragment, sub.parser, sub.vault = true, c.parser, c.vault
	pc := newRefContext(sub.src)
	sub.refs = pc
	pc.Set(wikiKey, &wikiContext{file: c.file, vault: c.vault})
	root := c.parser.Parse(text.NewReader(sub.src), parser.WithContext(pc))
	blocks := sub.blocks(root)
	for i, w := range sub.warnings {
		p := sub.pos(w.line)
		if w.placed {
			p = w.at
		}
		if w.code == "chunk.inline-r" && i == sub.inlineRWarning {
			// told of in the chapter's one warning
			c.addInlineR(sub.inlineR, func() { c.warnings = append(c.warnings, warning{at: p, placed: true, column: w.column, code: w.code}) })
			continue
		}
		c.warnPos(p, w.code, w.msg)
	}
	for k, v := range sub.textRefs {
		if c.textRefs == nil {
			c.textRefs = map[string][]doc.Inline{}
		}
		c.textRefs[k] = v
	}
	return []doc.Block{c.theorem(env, ch.opts["label"], ch.opts["name"], blocks, base)}, true
}

// theorem is a theorem environment: a Div of class doc.TheoremClass
// whose first paragraph opens with its head, "Theorem ?? (name).", the
// resolve pass writing the word and the number. A numbered environment
// labelled label has the ID prefix:label (thm:pyth), which \@ref()
// names; a proof ends with the end-of-proof mark.
func (c *converter) theorem(env doc.TheoremEnv, label, name string, body []doc.Block, base doc.BlockBase) *doc.Div {
	base.Tags = nil // its class is its kind, no edition's tag
	id := label
	if env.Prefix != "" && label != "" {
		id = env.Prefix + ":" + label
	}
	head := []doc.Inline{doc.CrossrefLabel(env.Kind())}
	if name = collapseSpace(strings.TrimSpace(name)); name != "" {
		head = append(head, &doc.Text{Text: " (" + name + ")"})
	}
	head = append(head, &doc.Text{Text: "."})
	var run doc.Inline = &doc.Strong{Content: head}
	if env.Prefix == "" {
		run = &doc.Emph{Content: head}
	}
	if p, ok := runInParagraph(body); ok {
		p.Content = append([]doc.Inline{run, &doc.Text{Text: " "}}, p.Content...)
	} else {
		body = append([]doc.Block{&doc.Paragraph{BlockBase: base, Content: []doc.Inline{run}}}, body...)
	}
	if env.Name == "proof" {
		// amsthm's and bookdown's end of a proof, an open box at the end
		// of its last line
		mark := &doc.Span{Classes: []string{"qed"}, Content: []doc.Inline{&doc.Text{Text: "\u25a1"}}}
		if p, ok := body[len(body)-1].(*doc.Paragraph); ok && !p.Lines && p.Align == doc.AlignDefault {
			p.Content = append(p.Content, &doc.Text{Text: "\u00a0"}, mark)
		} else {
			body = append(body, &doc.Paragraph{BlockBase: base, Align: doc.AlignRight, Content: []doc.Inline{mark}})
		}
	}
	return &doc.Div{BlockBase: base, ID: id, Classes: []string{doc.TheoremClass, env.Name}, Blocks: body}
}

// runInParagraph is the body's first block when the head can run into
// it: a plain paragraph of text.
func runInParagraph(body []doc.Block) (*doc.Paragraph, bool) {
	if len(body) == 0 {
		return nil, false
	}
	p, ok := body[0].(*doc.Paragraph)
	if !ok || p.Lines || p.ID != "" || len(p.Classes) > 0 || p.Align != doc.AlignDefault || len(p.Content) == 0 {
		return nil, false
	}
	if t, ok := p.Content[0].(*doc.Text); ok && strings.HasPrefix(strings.TrimSpace(t.Text), "$$") {
		return nil, false // display math on a line of its own
	}
	return p, true
}

// bookdownHeading reads bookdown's special level-1 headings, "(PART)
// Part I {-}" (or "(PART\*)", a part not numbered) and "(APPENDIX)
// Appendix {-}", giving h the class part or appendix and the title
// without its token. The build makes a chapter that opens with one a
// part (build/bookdown.go).
func (c *converter) bookdownHeading(h *doc.Heading) {
	if h.Level != 1 || !rmdFile(c.file) || len(h.Content) == 0 {
		return
	}
	t, ok := h.Content[0].(*doc.Text)
	if !ok {
		return
	}
	for _, tok := range []struct{ token, class string }{{"(PART)", "part"}, {"(PART*)", "part"}, {"(APPENDIX)", "appendix"}} {
		rest, ok := strings.CutPrefix(t.Text, tok.token)
		if !ok {
			continue
		}
		t.Text = strings.TrimLeft(rest, " \t")
		h.Classes = append(h.Classes, tok.class)
		return
	}
}

// countInlineR counts a code span of inline R code, `r expr`, at byte
// offset at (line when unknown), which samizdat does not run: printed as
// code, told of in one warning per chapter, at the first.
func (c *converter) countInlineR(code string, at, line int) {
	if !isQuartoFile(c.file) || !strings.HasPrefix(code, "r ") && !strings.HasPrefix(code, "{r} ") {
		return
	}
	c.addInlineR(1, func() { c.warnNear(at, line, "chunk.inline-r", "") })
}

// addInlineR counts n code spans of inline R code, warn making the
// chapter's warning at the first.
func (c *converter) addInlineR(n int, warn func()) {
	if n == 0 {
		return
	}
	if c.inlineR == 0 {
		c.inlineRWarning = len(c.warnings)
		warn()
	}
	c.inlineR += n
	more := ""
	if c.inlineR > 1 {
		more = " (and " + strconv.Itoa(c.inlineR-1) + " more)"
	}
	c.warnings[c.inlineRWarning].msg = "inline R code `r …`" + more + " not run: printed as code"
}

// bookdownEqLabel is bookdown's equation label, (\#eq:label), written
// inside the equation.
var bookdownEqLabel = regexp.MustCompile(`\(\\#(eq:[A-Za-z0-9:/_.-]+)\)`)

// bookdownEquation converts a paragraph that is an equation bookdown
// numbers, LaTeX's equation (align, gather…) environment or display math
// holding its label,
//
//	\begin{equation}
//	f(k) = \binom{n}{k} p^k (1-p)^{n-k} (\#eq:binom)
//	\end{equation}
//
// into a numbered equation as Quarto's are (crossref.go): its formula
// typeset (or its TeX as written), without the label, centred, its
// number after it. An environment that opens a line is read as a block
// of display math before it is a paragraph (mystmath.go), so this reads
// what that left, display math and an environment within a paragraph.
// ok is false for any other paragraph, and outside R Markdown.
func (c *converter) bookdownEquation(n ast.Node, base doc.BlockBase) (*doc.Paragraph, bool) {
	lines := n.Lines()
	if !rmdFile(c.file) || lines.Len() == 0 || lines.Len() > 200 {
		return nil, false
	}
	first := bytes.TrimLeft(c.src[lines.At(0).Start:lines.At(0).Stop], " \t")
	if !bytes.HasPrefix(first, []byte(`\begin{`)) && !bytes.HasPrefix(first, []byte("$$")) {
		return nil, false
	}
	var src []byte
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		src = append(src, c.src[seg.Start:seg.Stop]...)
	}
	s := strings.TrimSpace(string(src))
	m := bookdownEqLabel.FindAllStringSubmatchIndex(s, -1)
	if len(m) != 1 {
		return nil, false // none, or several lines numbered: left as written
	}
	closed := strings.HasPrefix(s, "$$") && strings.HasSuffix(s, "$$") && len(s) > 4 ||
		strings.HasPrefix(s, `\begin{`) && strings.Contains(s[strings.LastIndex(s, "\n")+1:], `\end{`)
	if !closed {
		return nil, false
	}
	id := s[m[0][2]:m[0][3]]
	tex, after := strings.TrimSpace(s[:m[0][0]]), strings.TrimSpace(s[m[0][1]:])
	if after != "$$" {
		tex += " "
	}
	tex = collapseLines(tex + after)
	content := []doc.Inline{&doc.Text{Text: tex + " "}}
	if inner, ok := strings.CutPrefix(tex, "$$"); ok && strings.HasSuffix(inner, "$$") && len(inner) > 2 {
		// typeset as any display, or printed as written
		content = append(c.math(inner[:len(inner)-2], true, lines.At(0).Start), &doc.Text{Text: " "})
	}
	return &doc.Paragraph{BlockBase: base, ID: id, Classes: []string{"equation"}, Align: doc.AlignCenter,
		Content: append(content, doc.CrossrefLabel(doc.CrossrefEquation))}, true
}

// kableCall is knitr's kable() called with a caption, the table bookdown
// numbers and labels tab:label after its chunk.
var (
	kableCall       = regexp.MustCompile(`\bkable\s*\(`)
	kableCaptionArg = regexp.MustCompile(`\bcaption\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')`)
)

// kableCaption is the caption a chunk's kable() call gives its table.
func kableCaption(code string) (string, bool) {
	if !kableCall.MatchString(code) {
		return "", false
	}
	m := kableCaptionArg.FindStringSubmatch(code)
	if m == nil || m[1]+m[2] == "" {
		return "", false
	}
	return unquoteChunk(`"` + m[1] + m[2] + `"`), true
}

// bookdownTableLabel takes the label bookdown writes at the start of a
// Markdown table's caption, "Table: (\\#tab:label) Caption", off the
// caption and makes the table the numbered table tab:label.
func (c *converter) bookdownTableLabel(t *doc.Table) {
	if !rmdFile(c.file) || t.ID != "" {
		return
	}
	t.Caption = normInlines(t.Caption)
	if len(t.Caption) == 0 {
		return
	}
	first, ok := t.Caption[0].(*doc.Text)
	if !ok || !strings.HasPrefix(first.Text, "(#tab:") {
		return
	}
	n := len("(#")
	for n < len(first.Text) && n < 256 && bookdownLabelByte(first.Text[n]) {
		n++
	}
	if n == len("(#tab:") || n >= len(first.Text) || first.Text[n] != ')' {
		return
	}
	t.ID = first.Text[len("(#"):n]
	first.Text = strings.TrimLeft(first.Text[n+1:], " ")
	t.Caption = append([]doc.Inline{doc.CrossrefLabel(doc.CrossrefTable)}, trimInlines(t.Caption)...)
}

// pipeTableCaption takes a pipe table's caption written on the line
// right under it, "Table: Caption", which GFM reads as a row of one cell
// and pandoc (so R Markdown and Quarto) as the caption, off its rows.
func (c *converter) pipeTableCaption(t *doc.Table) {
	if len(t.Rows) < 2 || t.Caption != nil {
		return
	}
	last := t.Rows[len(t.Rows)-1]
	for _, cell := range last[1:] {
		if len(cell.Content) > 0 {
			return
		}
	}
	content := normInlines(last[0].Content)
	if len(content) == 0 {
		return
	}
	first, ok := content[0].(*doc.Text)
	if !ok || !strings.HasPrefix(first.Text, "Table: ") {
		return
	}
	first.Text = strings.TrimLeft(first.Text[len("Table:"):], " ")
	t.Rows = t.Rows[:len(t.Rows)-1]
	t.Caption = trimInlines(content)
	c.bookdownTableLabel(t)
}
