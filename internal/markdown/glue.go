package markdown

import (
	"encoding/base64"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Glue finds the value a notebook glued under key (MyST-NB's
// glue("key", value)); the error says why there is none. key may name
// another notebook, "path::key", as MyST-NB's roles allow.
type Glue func(key string) (GlueValue, error)

// GlueValue is a glued output's data by MIME type, as the notebook saved
// it: text as text, pictures other than SVG as base64.
type GlueValue map[string]string

// gluePictures are the MIME types of a glued picture, most preferred
// first, as a notebook's outputs are printed.
var gluePictures = []string{"image/svg+xml", "image/png", "image/jpeg", "image/gif"}

// dataURL is a glued picture as a data: URL; "" when the value is none.
func (v GlueValue) dataURL() string {
	for _, mt := range gluePictures {
		d, ok := v[mt]
		if !ok {
			continue
		}
		if mt == "image/svg+xml" {
			return "data:" + mt + ";base64," + base64.StdEncoding.EncodeToString([]byte(d))
		}
		return "data:" + mt + ";base64," + strings.Join(strings.Fields(d), "")
	}
	return ""
}

// latex is a glued value's LaTeX without its math delimiters; false when
// it holds none that is math.
func (v GlueValue) latex() (string, bool) {
	t := strings.TrimSpace(v["text/latex"])
	for _, d := range [][2]string{{"$$", "$$"}, {`\[`, `\]`}, {"$", "$"}} {
		if len(t) > len(d[0])+len(d[1]) && strings.HasPrefix(t, d[0]) && strings.HasSuffix(t, d[1]) {
			return strings.TrimSpace(t[len(d[0]) : len(t)-len(d[1])]), true
		}
	}
	if strings.HasPrefix(t, `\begin{`) {
		return t, true
	}
	return "", false
}

// glueKey splits a role's text into the key looked up (with its
// notebook, "path::key") and, for {glue:text}, a format spec.
func glueKey(content string, withSpec bool) (key, spec string) {
	content = strings.TrimSpace(content)
	nb := ""
	if i := strings.Index(content, "::"); i >= 0 {
		nb, content = content[:i+2], content[i+2:]
	}
	if withSpec {
		if i := strings.LastIndexByte(content, ':'); i >= 0 {
			content, spec = content[:i], content[i+1:]
		}
	}
	return nb + content, spec
}

// glueAlt describes a glued picture by its key, without the notebook
// that glued it.
func glueAlt(key string) string {
	if i := strings.Index(key, "::"); i >= 0 {
		return key[i+2:]
	}
	return key
}

// glueLookup finds a key, warning when it cannot.
func (c *converter) glueLookup(at int, what, key string) (GlueValue, bool) {
	if c.glue == nil {
		c.warnAt(at, "myst.glue", what+": a value glued from a notebook's outputs, and no notebook of the book glued one; left out")
		return nil, false
	}
	v, err := c.glue(key)
	if err != nil {
		c.warnAt(at, "myst.glue", fmt.Sprintf("%s: %v; left out", what, err))
		return nil, false
	}
	return v, true
}

func (c *converter) glueRole(n *mystRole, name string) []doc.Inline {
	what := fmt.Sprintf("{%s}`%s`", n.name, n.content)
	// {glue:md}'s suffix is its Markdown's flavour, :myst or
	// :commonmark, read alike here
	key, spec := glueKey(n.content, name == "glue:text" || name == "glue:md")
	v, ok := c.glueLookup(n.at, what, key)
	if !ok {
		return nil
	}
	plain, hasPlain := v["text/plain"]
	switch name {
	case "glue:text", "glue:md":
		if md, ok := v["text/markdown"]; ok && name == "glue:md" {
			return c.glueInlineMarkdown(md, n.at, what)
		}
		if !hasPlain {
			c.warnAt(n.at, "myst.glue", what+": the value glued has no text/plain to paste; left out")
			return nil
		}
		s := strings.Trim(strings.TrimSpace(plain), "'")
		if spec != "" {
			f, err := pyFormat(s, spec)
			if err != nil {
				c.warnAt(n.at, "myst.glue", fmt.Sprintf("%s: %v; the value is pasted as it was glued", what, err))
			} else {
				s = f
			}
		}
		return []doc.Inline{&doc.Text{Text: s}}
	}
	if u := v.dataURL(); u != "" {
		return []doc.Inline{&doc.Image{Src: u, Alt: glueAlt(key), Pos: c.posAt(n.at, 0)}}
	}
	if tex, ok := v.latex(); ok {
		return c.math(tex, false, -1)
	}
	if !hasPlain {
		c.warnAt(n.at, "myst.glue", what+": the value glued has neither a picture, math nor text/plain to paste; left out")
		return nil
	}
	return []doc.Inline{&doc.Code{Text: strings.Join(strings.Fields(plain), " ")}}
}

func (c *converter) glueDirective(n *mystDirective, name string, base doc.BlockBase, id string) []doc.Block {
	what := fmt.Sprintf("directive {%s} %s", n.name, n.arg)
	key := strings.TrimSpace(n.arg)
	if d := strings.TrimSpace(n.option("doc")); d != "" {
		// a directive's :doc: names the notebook as a role's path:: does
		key = d + "::" + key
	}
	v, ok := c.glueLookup(n.Pos(), what, key)
	if !ok {
		return nil
	}
	switch name {
	case "glue:figure":
		if u := v.dataURL(); u != "" {
			n.arg = u
			if n.option("alt") == "" {
				n.options = append(n.options, mystOption{key: "alt", value: glueAlt(key)})
			}
			return c.mystFigure(n, base, id, true)
		}
		// a table or a text glued as a figure: the value, its caption
		// under it, numbered as a figure is
		body := append(c.glueBlocks(v, base, c.nodeLine(n)), c.blocks(n)...)
		return []doc.Block{numberMyst(&doc.Div{BlockBase: base, ID: id, Classes: []string{"figure"}, Blocks: body})}
	case "glue:math":
		tex, ok := v.latex()
		if !ok {
			c.warnAt(n.Pos(), "myst.glue", what+": the value glued is not math (text/latex between $ or $$); left out")
			return nil
		}
		bs := c.mathBlock(tex, base, id)
		if p, ok := bs[0].(*doc.Paragraph); ok && id != "" {
			p.Classes = []string{"equation"}
			p.Content = append(p.Content, &doc.Text{Text: " "}, doc.CrossrefLabel(doc.CrossrefEquation))
		}
		return bs
	}
	if u := v.dataURL(); u != "" {
		n.arg = u
		if n.option("alt") == "" {
			n.options = append(n.options, mystOption{key: "alt", value: glueAlt(key)})
		}
		return c.mystFigure(n, base, id, false)
	}
	if md, ok := v["text/markdown"]; ok && name == "glue:md" {
		// :format: commonmark, gfm or myst: read alike, as the page's
		// Markdown is
		return c.glueMarkdown(md, n.Pos(), what)
	}
	return c.glueBlocks(v, base, c.nodeLine(n))
}

// maxGlueDepth bounds glued Markdown pasting glued Markdown, which a
// value pasting itself would make endless.
const maxGlueDepth = 8

// glueMarkdown reads glued Markdown ({glue:md}) as the page's own, its
// roles and directives too, placing its problems at the role or
// directive that pastes it (at, an offset in the source).
func (c *converter) glueMarkdown(md string, at int, what string) []doc.Block {
	if c.parser == nil {
		return []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: strings.Join(strings.Fields(md), " ")}}}}
	}
	if c.glueDepth >= maxGlueDepth {
		c.warnAt(at, "myst.glue", what+": glued Markdown pasting glued Markdown too deep (a value pasting itself?); left out")
		return nil
	}
	pos := c.posAt(at, 0)
	sub := newConverter([]byte(md), pos.File, max(pos.Line-1, 0))
	sub.fragment, sub.parser, sub.vault, sub.cellDepth = true, c.parser, c.vault, c.cellDepth
	sub.glue, sub.glueDepth, sub.mathMacros = c.glue, c.glueDepth+1, c.mathMacros
	pc := newRefContext(sub.src)
	sub.refs = pc
	mystMath := false
	if wc, ok := c.refs.Get(wikiKey).(*wikiContext); ok && wc != nil {
		mystMath = wc.mystMath
	}
	pc.Set(wikiKey, &wikiContext{file: c.file, vault: c.vault, mystMath: mystMath})
	root := c.parser.Parse(text.NewReader(sub.src), parser.WithContext(pc))
	blocks := sub.blocks(root)
	for _, w := range sub.warnings {
		// the glued text is not in the file: every problem is the
		// pasting role's or directive's
		c.warnAt(at, w.code, what+": "+w.msg)
	}
	return blocks
}

// glueInlineMarkdown is glued Markdown pasted by the {glue:md} role: its
// text inline, the inline content of its paragraphs joined by spaces, as
// MyST-NB reads it with its inline rules alone.
func (c *converter) glueInlineMarkdown(md string, at int, what string) []doc.Inline {
	var out []doc.Inline
	var walk func([]doc.Block)
	walk = func(bs []doc.Block) {
		for _, b := range bs {
			if len(out) > 0 {
				out = append(out, &doc.Text{Text: " "})
			}
			switch b := b.(type) {
			case *doc.Paragraph:
				out = append(out, b.Content...)
			case *doc.Heading:
				out = append(out, b.Content...)
			default:
				if kids := doc.BlockChildren(b); len(kids) > 0 {
					walk(kids)
				} else if lists := doc.BlockInlines(b); len(lists) > 0 {
					for _, l := range lists {
						out = append(out, l...)
					}
				} else if cb, ok := b.(*doc.CodeBlock); ok {
					out = append(out, &doc.Code{Text: strings.Join(strings.Fields(cb.Text), " ")})
				}
			}
		}
	}
	walk(c.glueMarkdown(md, at, what))
	return trimInlines(out)
}

// glueParagraph reads a paragraph that is a {glue} role alone pasting a
// value whose HTML is a table, a DataFrame glued: the table, as the
// notebook's output prints it and the page shows it; false for any
// other paragraph, read as such.
func (c *converter) glueParagraph(n ast.Node, base doc.BlockBase) ([]doc.Block, bool) {
	var role *mystRole
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		if t, ok := k.(*ast.Text); ok && strings.TrimSpace(string(t.Segment.Value(c.src))) == "" {
			continue
		}
		r, ok := k.(*mystRole)
		if !ok || role != nil {
			return nil, false
		}
		role = r
	}
	if role == nil || c.glue == nil {
		return nil, false
	}
	if name := strings.ToLower(role.name); name != "glue" && name != "glue:" && name != "glue:any" {
		return nil, false
	}
	v, err := c.glue(glueKeyOf(role.content))
	if err != nil || v.dataURL() != "" || !strings.Contains(strings.ToLower(v["text/html"]), "<table") {
		return nil, false // the role says why, or pastes what it has
	}
	bs, ok := c.glueHTML(v["text/html"], c.nodeLine(n))
	return bs, ok
}

// glueKeyOf is the key a {glue} role's text names.
func glueKeyOf(content string) string {
	key, _ := glueKey(content, false)
	return key
}

// glueBlocks is a glued value that is no picture as blocks, in the
// order a notebook's output is printed: its HTML (a DataFrame's table),
// math, else its text as a notebook's result. line is the directive's.
func (c *converter) glueBlocks(v GlueValue, base doc.BlockBase, line int) []doc.Block {
	if bs, ok := c.glueHTML(v["text/html"], line); ok {
		return bs
	}
	if tex, ok := v.latex(); ok {
		return c.mathBlock(tex, base, "")
	}
	plain := strings.TrimRight(v["text/plain"], "\n")
	if strings.TrimSpace(plain) == "" {
		return nil
	}
	return []doc.Block{&doc.CodeBlock{BlockBase: base, Classes: []string{"nb-output", "nb-result"}, Text: plain}}
}

// pyRepr matches a number as NumPy 2 shows it, np.float64(0.5).
var pyRepr = regexp.MustCompile(`^[A-Za-z_][\w.]*\((.*)\)$`)

// formatSpec is Python's format-spec mini-language, the part numbers use.
var formatSpec = regexp.MustCompile(`^(?:(.)?([<>^=]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$`)

// pyFormat formats a glued number as Python's format(value, spec) does,
// for the types a book prints: d, f, e, g, % and s.
func pyFormat(value, spec string) (string, error) {
	if m := pyRepr.FindStringSubmatch(value); m != nil {
		value = m[1]
	}
	m := formatSpec.FindStringSubmatch(spec)
	if m == nil {
		return "", fmt.Errorf("format spec %q is not one Python reads", spec)
	}
	fill, align, sign, zero, width, group, prec, typ := m[1], m[2], m[3], m[5], m[6], m[7], m[8], m[9]
	var s string
	if typ == "s" {
		s = value
	} else {
		f, err := strconv.ParseFloat(strings.ReplaceAll(value, "_", ""), 64)
		if err != nil {
			return "", fmt.Errorf("format spec %q is for numbers, and %q is none", spec, value)
		}
		p := 6
		if prec != "" {
			p, _ = strconv.Atoi(prec)
		}
		neg := math.Signbit(f)
		a := math.Abs(f)
		switch typ {
		case "d", "n":
			if a != math.Trunc(a) {
				return "", fmt.Errorf("format spec %q is for whole numbers, and %s is not one", spec, value)
			}
			s = strconv.FormatFloat(a, 'f', 0, 64)
		case "f", "F":
			s = strconv.FormatFloat(a, 'f', p, 64)
		case "e", "E":
			s = pyExp(strconv.FormatFloat(a, 'e', p, 64))
		case "%":
			s = strconv.FormatFloat(a*100, 'f', p, 64) + "%"
		case "g", "G", "":
			if prec == "" && typ == "" {
				s = strings.TrimPrefix(strings.TrimPrefix(value, "-"), "+")
			} else {
				s = pyExp(strconv.FormatFloat(a, 'g', max(p, 1), 64))
			}
		default:
			return "", fmt.Errorf("format spec %q: type %q is not one samizdat formats", spec, typ)
		}
		if typ == "E" || typ == "G" {
			s = strings.ToUpper(s)
		}
		if group != "" {
			s = groupDigits(s, group)
		}
		switch {
		case neg:
			s = "-" + s
		case sign == "+":
			s = "+" + s
		case sign == " ":
			s = " " + s
		}
	}
	w, _ := strconv.Atoi(width)
	if pad := w - len([]rune(s)); pad > 0 {
		if fill == "" {
			fill = " "
			if zero != "" && align == "" {
				fill, align = "0", "="
			}
		}
		if align == "" {
			align = ">"
			if typ == "s" {
				align = "<"
			}
		}
		f := strings.Repeat(fill, pad)
		switch align {
		case "<":
			s += f
		case "^":
			s = strings.Repeat(fill, pad/2) + s + strings.Repeat(fill, pad-pad/2)
		case "=":
			if s != "" && strings.ContainsAny(s[:1], "+- ") {
				s = s[:1] + f + s[1:]
			} else {
				s = f + s
			}
		default:
			s = f + s
		}
	}
	return s, nil
}

// pyExp writes an exponent as Python does, two digits at least: 1e-05.
func pyExp(s string) string {
	i := strings.IndexAny(s, "eE")
	if i < 0 {
		return s
	}
	exp := s[i+1:]
	sign := "+"
	if exp != "" && (exp[0] == '-' || exp[0] == '+') {
		sign, exp = exp[:1], exp[1:]
	}
	if len(exp) < 2 {
		exp = "0" + exp
	}
	return s[:i+1] + sign + exp
}

// groupDigits puts sep between thousands of a number's whole part.
func groupDigits(s, sep string) string {
	end := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		end = len(s)
	}
	whole := s[:end]
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String() + s[end:]
}

// glueStyle matches a style sheet in glued HTML: pandas styles its
// tables for the notebook's page, and the book styles its own.
var glueStyle = regexp.MustCompile(`(?is)<style\b[^>]*>.*?</style\s*>`)

// glueHTML reads glued HTML as the chapter's raw HTML is read; false
// when there is none, or it needs a browser running a script.
func (c *converter) glueHTML(s string, line int) ([]doc.Block, bool) {
	l := strings.ToLower(s)
	if strings.TrimSpace(s) == "" || strings.Contains(l, "<script") || strings.Contains(l, "<iframe") {
		return nil, false
	}
	h := newHTMLConv(c, line)
	// the HTML is not in the file: its problems are placed at the
	// directive's line
	nodes, err := c.parseMarked(glueStyle.ReplaceAllString(s, ""), nil, bodyContext)
	if err != nil {
		return nil, false
	}
	bs := c.itemsToBlocks(h.list(nodes))
	return bs, len(bs) > 0
}
