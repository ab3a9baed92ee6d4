package markdown

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Quarto's and knitr's (R Markdown's, bookdown's) executable code chunks:
//
//	```{r cars-plot, echo=FALSE, fig.cap="Speed and distance"}
//	```{python}
//	#| label: fig-growth
//	#| fig-cap: "Growth by year"
//
// samizdat runs no code: a chunk prints as code in its engine's language,
// its option lines (#| key: value) left out, and as nothing when its
// options hide it (echo: false, include: false). What running it would
// show is not there, which one warning per chapter says. A chunk
// labelled as a figure (fig-x) or a table (tbl-x) that has a caption is
// that figure or table all the same, so references to it resolve: the
// figure shows the picture Quarto or knitr left in the book folder when
// it rendered the book, else a placeholder naming the chunk; the table is
// a placeholder.

// chunkFile reports whether the file being parsed is Quarto's (.qmd) or
// R Markdown's (.Rmd), where ```{name} opens a code chunk, not one of
// MyST's directives.
func chunkFile(pc parser.Context) bool {
	wc, _ := pc.Get(wikiKey).(*wikiContext)
	if wc == nil {
		return false
	}
	ext := strings.ToLower(path.Ext(wc.file))
	return ext == ".qmd" || ext == ".rmd"
}

// chunk is a code chunk's engine and options.
type chunk struct {
	engine string
	// opts are the header's and the option lines', keys in Quarto's
	// spelling (fig-cap for knitr's fig.cap); values are text, "true"
	// and "false" for knitr's TRUE and FALSE
	opts map[string]string
	// literal is Quarto's ```{{python}}: a chunk shown as written, fence
	// and all, and never run
	literal bool
}

// chunkHeader reads a fence's info string as a chunk's header, {engine
// label, key=value, …}; ok is false for any other info string (a
// language, pandoc's {.class #id} or raw {=html}).
func chunkHeader(info string) (ch chunk, ok bool) {
	s := strings.TrimSpace(info)
	if strings.HasPrefix(s, "{{") && strings.HasSuffix(s, "}}") {
		ch.literal = true
		s = s[1 : len(s)-1]
	}
	if len(s) < 3 || s[0] != '{' || s[len(s)-1] != '}' {
		return chunk{}, false
	}
	s = s[1 : len(s)-1]
	i := 0
	for i < len(s) && (s[i] == '_' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || i > 0 && (s[i] >= '0' && s[i] <= '9' || s[i] == '-')) {
		i++
	}
	if i == 0 || i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != ',' {
		return chunk{}, false
	}
	ch.engine = strings.ToLower(s[:i])
	ch.opts = map[string]string{}
	for n, arg := range splitChunkArgs(s[i:]) {
		k, v, named := strings.Cut(arg, "=")
		if !named {
			if n == 0 {
				ch.opts["label"] = unquoteChunk(arg)
			}
			continue
		}
		ch.opts[chunkKey(strings.TrimSpace(k))] = unquoteChunk(strings.TrimSpace(v))
	}
	return ch, true
}

// splitChunkArgs splits a header's options at the commas outside quotes
// and parentheses (fig.dim=c(6, 4)), and, before the first comma, at
// white space (```{r label echo=FALSE}, which knitr reads too).
func splitChunkArgs(s string) []string {
	var out []string
	depth, quote, start := 0, byte(0), 0
	flush := func(end int) {
		if a := strings.TrimSpace(s[start:end]); a != "" {
			out = append(out, a)
		}
		start = end + 1
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case quote != 0:
			if b == '\\' {
				i++
			} else if b == quote {
				quote = 0
			}
		case b == '"' || b == '\'':
			quote = b
		case b == '(':
			depth++
		case b == ')':
			depth = max(depth-1, 0)
		case b == ',' && depth == 0:
			flush(i)
		case (b == ' ' || b == '\t') && depth == 0 && !strings.Contains(s[:i], ","):
			// "label key=v": the label ends at a blank; a blank inside
			// key = value is not an end
			if rest := strings.TrimSpace(s[i:]); rest != "" && rest[0] != '=' && !strings.HasSuffix(strings.TrimSpace(s[start:i]), "=") {
				flush(i)
			}
		}
	}
	flush(len(s))
	return out
}

// chunkKey is an option's name as Quarto spells it: knitr's fig.cap is
// Quarto's fig-cap.
func chunkKey(k string) string { return strings.ReplaceAll(strings.ToLower(k), ".", "-") }

// unquoteChunk is an R value as text: a string without its quotes,
// TRUE/T and FALSE/F as true and false, anything else as written.
func unquoteChunk(v string) string {
	switch v {
	case "TRUE", "T":
		return "true"
	case "FALSE", "F":
		return "false"
	}
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		if u, err := strconv.Unquote(`"` + strings.ReplaceAll(v[1:len(v)-1], `"`, `\"`) + `"`); err == nil {
			return u
		}
		return v[1 : len(v)-1]
	}
	return v
}

// chunkOptionLines takes the option lines that open a chunk's code
// (#| key: value; //| in JavaScript and OJS, --| in SQL, %%| in Mermaid),
// YAML once their marks are off, into ch.opts, and returns the code
// without them. bad is the YAML's problem, "" if none.
func chunkOptionLines(ch *chunk, code string) (rest, bad string) {
	lines := strings.Split(code, "\n")
	var yamlLines []string
	n := 0
	for _, l := range lines {
		t := strings.TrimLeft(l, " \t")
		mark := ""
		for _, m := range []string{"#|", "//|", "--|", "%%|"} {
			if strings.HasPrefix(t, m) {
				mark = m
				break
			}
		}
		if mark == "" {
			break
		}
		body := t[len(mark):]
		body = strings.TrimPrefix(body, " ")
		yamlLines = append(yamlLines, body)
		n++
	}
	if n == 0 {
		return code, ""
	}
	var m map[string]any
	if err := yaml.Unmarshal([]byte(strings.Join(yamlLines, "\n")), &m); err != nil {
		bad = strings.TrimPrefix(err.Error(), "yaml: ")
	}
	for k, v := range m {
		ch.opts[chunkKey(k)] = chunkValue(v)
	}
	return strings.Join(lines[n:], "\n"), bad
}

// chunkValue is an option's YAML value as text; a list (fig-cap: [a, b],
// subfigures' captions) is its first item.
func chunkValue(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case []any:
		if len(v) > 0 {
			return chunkValue(v[0])
		}
		return ""
	}
	return fmt.Sprint(v)
}

// isFalse reports whether an option is given and false.
func (ch chunk) isFalse(key string) bool {
	v, ok := ch.opts[key]
	return ok && (v == "false" || v == "no")
}

// codeChunk converts a fenced code block whose info string is a chunk
// header; ok is false for any other block.
func (c *converter) codeChunk(info, text string, base doc.BlockBase) ([]doc.Block, bool) {
	ch, ok := chunkHeader(info)
	if !ok {
		return nil, false
	}
	if ch.literal {
		// shown as Quarto shows it: the chunk as written, never run
		info = strings.TrimSpace(info)
		return []doc.Block{&doc.CodeBlock{BlockBase: base, Language: ch.engine,
			Text: "```" + info[1:len(info)-1] + "\n" + text + "\n```"}}, true
	}
	if bs, ok := c.theoremChunk(ch, text, base); ok {
		return bs, true
	}
	code, bad := chunkOptionLines(&ch, text)
	if bad != "" {
		c.warnPos(base.Pos, "chunk.options", fmt.Sprintf("code chunk's option lines (#| key: value) are not YAML (%s); left out", bad))
	}
	c.countChunk(base.Pos)
	if ch.isFalse("include") {
		return nil, true
	}
	var out []doc.Block
	if !ch.isFalse("echo") && strings.TrimSpace(code) != "" {
		out = append(out, &doc.CodeBlock{BlockBase: base, Language: ch.engine, Text: strings.Trim(code, "\n")})
	}
	if ch.isFalse("eval") {
		return out, true
	}
	label := ch.opts["label"]
	kind, _, _ := doc.CrossrefKind(label)
	if kind == "" && label != "" && ch.opts["fig-cap"] != "" && strings.EqualFold(path.Ext(c.file), ".rmd") {
		// bookdown numbers every captioned figure, labelled fig:label
		label, kind = "fig:"+label, doc.CrossrefFigure
	}
	switch {
	case kind == doc.CrossrefFigure && label[0] == 'f' || kind == "" && (ch.opts["fig-cap"] != "" || includedGraphic(code) != ""):
		if f := c.chunkFigure(ch, label, kind != "", includedGraphic(code), base); f != nil {
			out = append(out, f)
		}
	case kind == doc.CrossrefTable && label[0] == 't':
		out = append(out, c.chunkTable(ch, label, base))
	case kind == "" && label != "" && rmdFile(c.file):
		if caption, ok := kableCaption(code); ok {
			// knitr labels the table kable() captions tab:label
			ch.opts["tbl-cap"] = caption
			out = append(out, c.chunkTable(ch, "tab:"+label, base))
		}
	}
	return out, true
}

// countChunk counts the chapter's chunks, told of in one warning at the
// first.
func (c *converter) countChunk(pos doc.Pos) {
	c.chunks++
	if c.chunks == 1 {
		c.chunkWarning = len(c.warnings)
		c.warnPos(pos, "chunk.not-run", "")
	}
	more := ""
	if c.chunks > 1 {
		more = fmt.Sprintf(" (and %d more)", c.chunks-1)
	}
	c.warnings[c.chunkWarning].msg = "code chunk" + more + " not run: printed as its code without its output; a figure it labels shows the picture Quarto left, else a placeholder"
}

// chunkFigure is the figure a chunk draws: numbered when labelled fig-x
// (or, in R Markdown, fig:label, as bookdown labels it),
// captioned by fig-cap; nil when it has neither label nor caption.
func (c *converter) chunkFigure(ch chunk, label string, numbered bool, graphic string, base doc.BlockBase) *doc.Figure {
	caption := ch.opts["fig-cap"]
	if !numbered && caption == "" && graphic == "" {
		return nil
	}
	name := ch.opts["label"]
	if name == "" {
		name = "unnamed-chunk"
	}
	img := &doc.Image{Alt: strings.TrimSpace(ch.opts["fig-alt"]), Pos: base.Pos}
	src, ok := graphic, graphic != ""
	if !ok {
		src, ok = c.renderedPicture(name)
	}
	if ok {
		img.Src = src
		if img.Alt == "" {
			img.Alt = caption
		}
	} else {
		// no quotation marks: a screen reader would read them out
		img.Alt = "Placeholder for the figure that code chunk " + name + " draws, which was not run"
		img.Asset = chunkPlaceholder("Figure drawn by code chunk", name)
	}
	f := &doc.Figure{BlockBase: base, Image: img}
	if caption != "" {
		f.Caption = c.captionInlines(caption, base)
	}
	if numbered {
		f.ID = label
		f.Caption = append([]doc.Inline{doc.CrossrefLabel(doc.CrossrefFigure)}, f.Caption...)
	}
	return f
}

// chunkTable is the table a chunk labelled tbl-x prints: a placeholder
// of one cell naming the chunk, captioned by tbl-cap, numbered.
func (c *converter) chunkTable(ch chunk, label string, base doc.BlockBase) *doc.Table {
	cell := &doc.TableCell{Content: []doc.Inline{&doc.Emph{Content: []doc.Inline{&doc.Text{Text: "Table printed by code chunk " + strconv.Quote(label) + ", which was not run"}}}}}
	t := &doc.Table{BlockBase: base, Align: []doc.Align{doc.AlignDefault}, Rows: [][]*doc.TableCell{{cell}}, ID: label}
	t.Caption = append([]doc.Inline{doc.CrossrefLabel(doc.CrossrefTable)}, c.captionInlines(ch.opts["tbl-cap"], base)...)
	return t
}

// captionInlines parses a caption option's Markdown, as Quarto does; a
// caption that is not one paragraph is its text.
func (c *converter) captionInlines(s string, base doc.BlockBase) []doc.Inline {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if c.parser != nil {
		sub := newConverter([]byte(s), base.Pos.File, max(base.Pos.Line-1, 0))
		sub.fragment, sub.parser, sub.cellDepth = true, c.parser, c.cellDepth
		pc := newRefContext(sub.src)
		sub.refs = pc
		pc.Set(wikiKey, &wikiContext{file: c.file, vault: c.vault})
		root := c.parser.Parse(text.NewReader(sub.src), parser.WithContext(pc))
		if bs := sub.blocks(root); len(bs) == 1 {
			if p, ok := bs[0].(*doc.Paragraph); ok {
				return p.Content
			}
		}
	}
	return []doc.Inline{&doc.Text{Text: collapseSpace(s)}}
}

// includeGraphicsCall is a chunk's code that only shows a picture,
// knitr::include_graphics("diagrams/cycle.png", dpi = 270).
var includeGraphicsCall = regexp.MustCompile(`^\s*(?:knitr::)?include_graphics\(\s*(?:path\s*=\s*)?(?:"([^"\\]+)"|'([^'\\]+)')\s*(?:,[^()]*(?:\([^()]*\)[^()]*)*)?\)\s*$`)

// includedGraphic is the picture a chunk's code only shows, as a source
// relative to the chapter (as knitr reads it); "" when the code does
// more, or names a picture on the web.
func includedGraphic(code string) string {
	m := includeGraphicsCall.FindStringSubmatch(code)
	if m == nil {
		return ""
	}
	src := m[1] + m[2]
	if strings.Contains(src, "://") {
		return ""
	}
	return src
}

// renderedPicture is the picture Quarto or knitr wrote for the chunk
// labelled label of this chapter when it rendered the book, as a source
// relative to the chapter: <name>_files/figure-html/<label>-1.png beside
// it, or the same under Quarto's _freeze/ or bookdown's
// _bookdown_files/ at the book folder's root.
func (c *converter) renderedPicture(label string) (string, bool) {
	if c.vault == nil || c.file == "" {
		return "", false
	}
	dir := path.Dir(c.file)
	stem := strings.TrimSuffix(path.Base(c.file), path.Ext(c.file))
	for _, folder := range []string{
		path.Join(dir, stem+"_files"),
		path.Join("_freeze", dir, stem),
		path.Join("_bookdown_files", stem+"_files"),
	} {
		for _, ext := range []string{".png", ".svg", ".jpeg", ".jpg"} {
			name := path.Join(folder, "figure-html", label+"-1"+ext)
			if found, ok := c.vault.has(name); ok {
				return relativeTo(dir, found), true
			}
		}
	}
	return "", false
}

// relativeTo is the slash path from folder dir to file p, both relative
// to the book folder.
func relativeTo(dir, p string) string {
	if dir == "." {
		return p
	}
	if rest, ok := strings.CutPrefix(p, dir+"/"); ok {
		return rest
	}
	return strings.Repeat("../", strings.Count(dir, "/")+1) + p
}

// chunkPlaceholder is a drawing standing for what a chunk would make: a
// dashed frame with two lines of text, what and the chunk's name.
func chunkPlaceholder(what, name string) *doc.Asset {
	const w, h = 480, 150
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="%s" width="%d" height="%d" viewBox="0 0 %d %d">`, svgNamespace, w, h, w, h)
	fmt.Fprintf(&b, `<rect x="1" y="1" width="%d" height="%d" fill="#f4f4f4" stroke="#777" stroke-width="2" stroke-dasharray="8 5"/>`, w-2, h-2)
	for i, line := range []string{what, strconv.Quote(name) + " (not run)"} {
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-family="sans-serif" font-size="20" text-anchor="middle" fill="#333">%s</text>`, w/2, h/2-6+i*30, xmlEscape(line))
	}
	b.WriteString(`</svg>`)
	return &doc.Asset{MediaType: "image/svg+xml", Data: []byte(b.String()), Width: w, Height: h}
}

// xmlEscape escapes text for an XML element's content.
func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// rmdVerbatim rewrites R Markdown's way of showing a chunk as written, a
// fence after an inline R expression that prints nothing,
//
//	`r ''````{r label, echo=FALSE}
//
// as Quarto's, ```{{r label, echo=FALSE}}, padded with spaces to the
// line's length so that every offset after it stays the file's. Only in
// .Rmd and .qmd files; src is copied before it is changed.
func rmdVerbatim(src []byte, file string) []byte {
	const mark = "`r ''`"
	if !isQuartoFile(file) || !bytes.Contains(src, []byte(mark+"```")) {
		return src
	}
	out := bytes.Clone(src)
	for off := 0; off < len(out); {
		line, rest, _ := cutLine(out[off:])
		next := len(out) - len(rest)
		t := bytes.TrimLeft(line, " ")
		if indent := len(line) - len(t); indent < 4 && bytes.HasPrefix(t, []byte(mark+"```")) {
			fence := t[len(mark):]
			n := 0
			for n < len(fence) && fence[n] == '`' {
				n++
			}
			info := bytes.TrimRight(fence[n:], " \t\r")
			if len(info) > 2 && info[0] == '{' && info[len(info)-1] == '}' {
				repl := append(append(append([]byte{}, fence[:n]...), '{'), info...)
				repl = append(repl, '}')
				for len(repl) < len(t) {
					repl = append(repl, ' ')
				}
				copy(out[off+indent:], repl[:len(t)])
			}
		}
		off = next
	}
	return out
}
