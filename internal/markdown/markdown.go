// Package markdown turns one Markdown file into the format-neutral document
// tree of package doc.
//
// It is the only package that knows goldmark. Raw HTML found in the Markdown
// is parsed with an HTML5 parser and converted into tree nodes as well, so the
// renderers never see markup they would have to trust: known elements become
// their tree equivalents, unknown ones keep their content in a classed span or
// div, and active content (scripts, frames, plugins, form controls) is dropped
// with a warning.
package markdown

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/texmath"
)

// Chapter is one parsed Markdown file.
type Chapter struct {
	Blocks []doc.Block
	// Notes are the footnote definitions ([^label]: …) in definition order,
	// each of Kind doc.FootnoteNote with Name, Pos, Blocks and Refs set. ID
	// and Label are left to the resolve pass, which numbers them. A note
	// nothing refers to has Refs == 0.
	Notes []*doc.Note
	// Warnings are problems worth telling the author, in source order.
	Warnings []diag.Diagnostic
	// Front is what the file's YAML front matter gives; empty in a
	// fragment, which has none.
	Front FrontMatter
}

// Parser converts Markdown into document trees. It holds a configured
// goldmark instance and is safe for concurrent use.
type Parser struct {
	md    goldmark.Markdown
	vault *Vault
	// site is the Hugo site's params, after the page's; siteName is
	// the config file that gives them, for messages.
	site     map[string]any
	siteName string
	// vitepress reads the pages as a VitePress site's (vitepress.go).
	vitepress bool
	// carpentries reads them as a Carpentries lesson's (carpentries.go).
	carpentries bool
	// jekyll is the Jekyll site the pages are of, whose Liquid they
	// hold (liquid.go); nil for any other book.
	jekyll *JekyllSite
	// macros are the book's own TeX commands (markdown.math_macros)
	macros texmath.Macros
}

// WithVitePress is p reading pages as a VitePress site's: its
// containers, Vue blocks and [[toc]] (vitepress.go).
func (p *Parser) WithVitePress() *Parser {
	q := *p
	q.vitepress = true
	return &q
}

// WithCarpentries is p reading pages as a Carpentries lesson's: its
// fenced divs are the lesson's titled boxes (carpentries.go).
func (p *Parser) WithCarpentries() *Parser {
	q := *p
	q.carpentries = true
	return &q
}

// WithJekyllSite is p reading pages of the Jekyll site s: their Liquid
// is read (liquid.go).
func (p *Parser) WithJekyllSite(s *JekyllSite) *Parser {
	q := *p
	q.jekyll = s
	return &q
}

// WithHugoSite is p answering Hugo's param shortcode from the site's
// params (s.Params, named in messages by name) after the page's.
func (p *Parser) WithHugoSite(params map[string]any, name string) *Parser {
	q := *p
	q.site, q.siteName = params, name
	return &q
}

// New returns a Parser for samizdat's Markdown dialect: CommonMark with GFM
// tables, strikethrough, task lists and autolinks, footnotes, definition
// lists, dashes and ellipses, heading attributes, YAML front matter, and
// pandoc's fenced divs, bracketed spans, link attributes and citations.
// Also pandoc's line blocks, raw attributes, superscripts and numbered
// example lists, and MkDocs' admonitions, collapsible blocks and content
// tabs, and the rest of the MkDocs syntax the mkdocs*.go files read (keys,
// icons, attribute lists, abbreviations, mkdocstrings' directives…),
// GitHub's alerts, mdbook-spec's rules, MyST's directives, roles and
// targets (myst.go), Obsidian's wikilinks (wikilink.go), and CriticMarkup,
// shown.
func New() *Parser { return NewWith(Options{}) }

// Options are how a Parser reads what a book's settings choose.
type Options struct {
	// Critic is how CriticMarkup is read (markdown.critic).
	Critic CriticMode
	// Vault is the book folder's files, where wikilinks ([[Note]],
	// ![[picture.png]]) find what they name; nil finds nothing.
	Vault *Vault
	// MathBackslash is which of TeX's own delimiters, \(…\) and \[…\],
	// are formulas (markdown.math_backslash).
	MathBackslash MathBackslash
	// MathMacros are the book's own TeX commands, by name without the
	// backslash: what each stands for, #1 … #9 its arguments
	// (markdown.math_macros).
	MathMacros map[string]string
}

// NewWith returns a Parser for samizdat's Markdown dialect (see New),
// reading it as o says.
func NewWith(o Options) *Parser {
	typo := map[extension.TypographicPunctuation][]byte{
		extension.EnDash:   []byte("\u2013"),
		extension.EmDash:   []byte("\u2014"),
		extension.Ellipsis: []byte("\u2026"),
		// Quotation marks and apostrophes stay straight: they depend on
		// the language of the text, which the resolve pass knows
		// (notes.Punctuation). << and >> stay as written, as in pandoc.
		extension.LeftSingleQuote:  nil,
		extension.RightSingleQuote: nil,
		extension.LeftDoubleQuote:  nil,
		extension.RightDoubleQuote: nil,
		extension.Apostrophe:       nil,
		extension.LeftAngleQuote:   nil,
		extension.RightAngleQuote:  nil,
	}
	// goldmark's own block parsers, its list and quote parsers bounded.
	blocks := parser.DefaultBlockParsers()
	for i, p := range blocks {
		bp, ok := p.Value.(parser.BlockParser)
		switch {
		case !ok:
		case bp == parser.NewListParser() || bp == parser.NewBlockquoteParser():
			blocks[i].Value = shallowParser{bp}
		case isHeadingParser(bp):
			blocks[i].Value = headingRecorder{bp}
		}
	}
	md := goldmark.New(
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(blocks...),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		)),
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.TaskList,
			extension.Linkify,
			extension.NewTypographer(extension.WithTypographicSubstitutions(typo)),
		),
		goldmark.WithParserOptions(
			parser.WithHeadingAttribute(),
			// Footnotes without goldmark's AST transformer: it would drop
			// unreferenced definitions and reorder the rest, and we number
			// notes ourselves.
			parser.WithBlockParsers(
				// PHP Markdown Extra's and pandoc's definition lists
				// (goldmark's extension.DefinitionList without its HTML
				// renderer), the lists bounded like the others
				util.Prioritized(captionGuard{commentTermParser{shallowParser{extension.NewDefinitionListParser()}}}, 101),
				util.Prioritized(extension.NewDefinitionDescriptionParser(), 102),
				util.Prioritized(footnoteDefParser{extension.NewFootnoteBlockParser()}, 999),
				util.Prioritized(fencedDivParser{}, 750),
				// before fenced divs: ::: a.b is mkdocstrings'
				util.Prioritized(autodocParser{}, 745),
				util.Prioritized(mkdocsBlockParser{}, 760),
				// SVG is markup to its end tag, never Markdown
				util.Prioritized(svgBlockParser{}, 850),
				util.Prioritized(lineBlockParser{}, 860),
				// pandoc's tables: those starting with dashes or a
				// border before thematic breaks and setext headings
				// (100), those starting with a header line before
				// paragraphs
				util.Prioritized(pandocTableParser{dashed: true}, 90),
				util.Prioritized(pandocTableParser{}, 950),
				// before lists: *[HTML]: … defines an abbreviation
				util.Prioritized(abbrDefParser{}, 250),
				// pandoc's numbered examples, (@) and (@label)
				util.Prioritized(shallowParser{exampleListParser{}}, 310),
				util.Prioritized(exampleItemParser{}, 410),
				// mdbook-spec's rules, r[name] on a line of its own
				util.Prioritized(ruleParser{}, 80),
				// MyST's directives, before fenced code (700) and
				// fenced divs, and its (label)= targets
				util.Prioritized(mystDirectiveParser{}, 690),
				util.Prioritized(mystTargetParser{}, 85),
				util.Prioritized(mystMathParser{}, 86),
			),
			parser.WithInlineParsers(
				util.Prioritized(footnoteRefParser{}, 101),
				// before goldmark's code span parser (100)
				util.Prioritized(rawInlineParser{}, 99),
				// TeX, before all that reads its characters as Markdown
				util.Prioritized(mathParser{}, 90),
				// \(…\) and \[…\], before escapes and \index
				util.Prioritized(mathBackslashParser{o.MathBackslash}, 91),
				// MyST's roles, {name}`…`, before attribute lists
				util.Prioritized(mystRoleParser{}, 98),
				// d2lbook's roles, :numref:`…`, before MkDocs' icons
				util.Prioritized(d2lRoleParser{}, 159),
				// bookdown's \@ref(label), before "\@" is an escape
				util.Prioritized(bookdownRefParser{}, 150),
				// Eloquent JavaScript's {{index …}}, before attribute lists
				util.Prioritized(ejsIndexParser{}, 149),
				// LaTeX's \index{…} in .Rmd and .qmd chapters
				util.Prioritized(latexIndexParser{}, 151),
				// LaTeX's \eqref{label} and \ref{label}
				util.Prioritized(texRefParser{}, 152),
				util.Prioritized(svgInlineParser{}, 350),
				// before goldmark's link parser (200): citations and
				// bracketed spans start with "[" too
				util.Prioritized(bracketParser{}, 150),
				util.Prioritized(atParser{}, 150),
				util.Prioritized(attrParser{}, 150),
				// kramdown's span IALs, after the link's own
				util.Prioritized(spanIALParser{}, 151),
				util.Prioritized(superscriptParser{}, 500),
				// MkDocs' keys and icons, Material's names in comments
				util.Prioritized(keysParser{}, 160),
				util.Prioritized(iconParser{}, 160),
				// GitHub's emoji shortcodes, after Material's icons,
				// whose names they never take
				util.Prioritized(emojiParser{}, 161),
				util.Prioritized(mkdocsShortcodeParser{}, 390),
				// pymdownx's ==mark== and ^^insert^^, before superscripts
				util.Prioritized(markParser, 490),
				util.Prioritized(insertParser, 490),
				// CriticMarkup's ends, before attribute lists ({…}),
				// keys (++…++), marks, dashes and raw HTML
				util.Prioritized(criticParser{}, 140),
				// MDN's KumaScript macros, {{name(args)}}, before
				// attribute lists and CriticMarkup
				util.Prioritized(macroParser{}, 135),
				// Obsidian's [[wikilinks]], before citations and
				// spans ([[@x]] is a link) and goldmark's links
				util.Prioritized(wikilinkParser{}, 102),
			),
			// Python-Markdown's attribute list on a paragraph's last line
			parser.WithParagraphTransformers(util.Prioritized(attrLineTransformer{}, 300)),
			// GitHub's alerts, > [!NOTE], after pipe tables (200)
			parser.WithParagraphTransformers(util.Prioritized(alertTransformer{}, 250)),
			// CriticMarkup's marks are paired first: what they leave out
			// holds no span, raw block or reference to resolve
			parser.WithASTTransformers(util.Prioritized(ialBlocks{}, 98), util.Prioritized(criticPairer{o.Critic}, 99), util.Prioritized(spanPairer{}, 100), util.Prioritized(rawBlocks{}, 101), util.Prioritized(autorefs{}, 102), util.Prioritized(exampleNumbers{}, 103)),
		),
	)
	var macros texmath.Macros
	if len(o.MathMacros) > 0 {
		macros = texmath.Macros{}
		for name, body := range o.MathMacros {
			macros[strings.TrimPrefix(name, `\`)] = texmath.NewMacro(body)
		}
	}
	return &Parser{md: md, vault: o.Vault, macros: macros}
}

// Parse parses a Markdown file with a new Parser; file names the file in
// positions and warnings. To parse many files, make one Parser with New and
// reuse it.
func Parse(src []byte, file string) (*Chapter, error) {
	return New().Parse(src, file)
}

// ParseFragment parses Markdown held somewhere else (an editorial note body
// in a YAML file) with a new Parser, reporting positions relative to pos:
// pos.Line is the line of src's first line.
func ParseFragment(src []byte, pos doc.Pos) (*Chapter, error) {
	return New().ParseFragment(src, pos)
}

// Parse parses a Markdown file. file names the file in positions and
// warnings. Any input gives a tree: problems become warnings.
func (p *Parser) Parse(src []byte, file string) (*Chapter, error) {
	return p.parse(src, file, 0, false, nil)
}

// SourceMap places each line of a source assembled from several files (a
// chapter whose includes were expanded): the file it came from, relative
// to the book folder as file is, its line there, and the bytes put before
// its own text. A line it does not know ("" for file) is the chapter's.
type SourceMap interface {
	Origin(line int) (file string, fileLine, shift int)
}

// ParseMapped parses a Markdown file whose lines m places: positions and
// warnings name the file and line each came from.
func (p *Parser) ParseMapped(src []byte, file string, m SourceMap) (*Chapter, error) {
	return p.parse(src, file, 0, false, m)
}

// ParseGlued parses a chapter as ParseMapped does (m may be nil), its
// {glue} roles and directives pasting the values glue finds.
func (p *Parser) ParseGlued(src []byte, file string, m SourceMap, glue Glue) (*Chapter, error) {
	return p.parseWith(src, file, 0, false, m, glue)
}

// ParseFragment parses Markdown that starts at pos (pos.Line is the line of
// src's first line) in the file pos.File.
func (p *Parser) ParseFragment(src []byte, pos doc.Pos) (*Chapter, error) {
	offset := 0
	if pos.Line > 1 {
		offset = pos.Line - 1
	}
	return p.parse(src, pos.File, offset, true, nil)
}

func (p *Parser) parse(src []byte, file string, lineOffset int, fragment bool, m SourceMap) (ch *Chapter, err error) {
	return p.parseWith(src, file, lineOffset, fragment, m, nil)
}

func (p *Parser) parseWith(src []byte, file string, lineOffset int, fragment bool, m SourceMap, glue Glue) (ch *Chapter, err error) {
	// No input may bring the build down: a panic in a dependency on some
	// unforeseen input becomes an error naming the file.
	defer func() {
		if r := recover(); r != nil {
			ch = nil
			err = diag.Errorf(file, 0, "markdown.internal", "internal error while parsing Markdown: %v", r)
		}
	}()
	source, notUTF8 := prepareSource(src)
	c := newConverter(source, file, lineOffset)
	c.fragment = fragment
	c.glue = glue
	c.parser = p.md.Parser()
	c.origins = m
	c.site, c.siteName = p.site, p.siteName
	c.vault = p.vault
	c.carpentries = p.carpentries
	c.jekyll = p.jekyll
	// a file's definitions hold for its formulas after them, the book's
	// for all
	c.mathMacros = texmath.Macros{}
	for name, m := range p.macros {
		c.mathMacros[name] = m
	}
	var front FrontMatter
	ejs := false // an Eloquent JavaScript chapter, its marks rewritten
	if !fragment {
		// the block's lines are blanked, never removed: lines and
		// offsets after it stay the file's
		front, c.src = c.frontMatter(source)
		// Jekyll's Liquid, before the Markdown as Jekyll reads it
		c.liquid(source)
		// Hugo's shortcodes, before the Markdown as Hugo reads them
		c.hugoShortcodes(source)
		// kramdown's comments and options
		c.src = kramdownSource(c.src)
		// MDX's imports and exports, Docusaurus's mdx-code-block fences
		c.src = mdxSource(c.src, file)
		// R Markdown's chunks shown as written, `r ''````{r}
		c.src = rmdVerbatim(c.src, file)
		// Eloquent JavaScript's own marks
		if isEJSChapter(c.src) {
			// line for line, but not byte for byte: positions are the
			// rewritten lines'
			c.src = ejsSource(c.src)
			c.lines = newLineIndex(c.src)
			ejs = true
		}
		if p.vitepress {
			c.src = c.vitepressSource(c.src)
		}
	}
	pc := newRefContext(c.src)
	if ejs {
		pc.Set(ejsKey, true)
	}
	if p.vitepress {
		pc.Set(vitepressKey, true)
	}
	if p.carpentries {
		pc.Set(carpentriesKey, true)
	}
	var mdn *mdnMacros
	if !fragment && isMDNPage(source) {
		mdn = &mdnMacros{}
		pc.Set(mdnKey, mdn)
		c.mdn = true
	}
	c.refs = pc
	// a Jupyter notebook's Markdown cells are read as a MyST notebook's
	// .md file is (internal/notebook)
	wc := &wikiContext{file: file, vault: p.vault, mystMath: !fragment && (mystNotebook(source) || strings.HasSuffix(strings.ToLower(file), ".ipynb"))}
	pc.Set(wikiKey, wc)
	root := p.md.Parser().Parse(text.NewReader(c.src), parser.WithContext(pc))
	c.collectFootnotes(root)
	if notUTF8 >= 0 {
		c.warnAt(notUTF8, "markdown.not-utf8", "bytes that are not UTF-8 text, each shown as a replacement character (save the file as UTF-8)")
	}
	for _, w := range pendingWarnings(pc) {
		c.warnAt(w.offset, w.code, w.msg)
	}
	c.mdnUnknownWarning(mdn)
	if wc.embeds > 0 {
		c.warnAt(wc.embedAt, "wikilink.embed", embedWarning(wc))
	}
	ch = &Chapter{Blocks: c.blocks(root), Front: front}
	ch.Notes = c.noteBlocks()
	mkdocsPass(ch.Blocks, newAbbreviations(pc))
	c.useTextRefs(ch)
	c.finish(ch)
	ch.Warnings = c.diagnostics()
	return ch, nil
}

// prepareSource makes the input safe for goldmark without moving any line:
// NUL and invalid UTF-8 become U+FFFD (as CommonMark asks), and a lone
// carriage return, an old line ending goldmark does not know, becomes a line
// feed. notUTF8 is the offset in the prepared source of the first bytes
// that were not UTF-8, -1 if none.
func prepareSource(src []byte) (prepared []byte, notUTF8 int) {
	notUTF8 = -1
	clean := true
	for i, b := range src {
		if b == 0 || b >= utf8.RuneSelf || (b == '\r' && (i+1 == len(src) || src[i+1] != '\n')) {
			clean = false
			break
		}
	}
	if clean {
		return src, notUTF8
	}
	out := make([]byte, 0, len(src)+16)
	for i := 0; i < len(src); {
		b := src[i]
		switch {
		case b == 0:
			out = append(out, "\uFFFD"...)
			i++
		case b == '\r' && (i+1 == len(src) || src[i+1] != '\n'):
			out = append(out, '\n')
			i++
		case b < utf8.RuneSelf:
			out = append(out, b)
			i++
		default:
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size <= 1 {
				if notUTF8 < 0 {
					notUTF8 = len(out)
				}
				out = append(out, "\uFFFD"...)
				i++
				continue
			}
			out = append(out, src[i:i+size]...)
			i += size
		}
	}
	return out, notUTF8
}

// lineIndex maps byte offsets of the prepared source to 1-based lines.
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	starts := lineIndex{0}
	for i := 0; i < len(src); {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return starts
}

func (li lineIndex) line(offset int) int {
	if offset < 0 {
		return 0
	}
	return sort.Search(len(li), func(i int) bool { return li[i] > offset })
}
