package doc

import (
	"fmt"

	"github.com/samizdat-press/samizdat/internal/texmath"
)

// Block is a block-level node. The set is sealed.
type Block interface {
	blockNode()
	// Position is where the block starts in its source file.
	Position() Pos
	// Base returns the fields every block has, for passes that edit them
	// (tags, positions) whatever the block's type.
	Base() *BlockBase
}

// Inline is an inline node. The set is sealed.
type Inline interface {
	inlineNode()
}

// BlockBase carries what every block has.
type BlockBase struct {
	Pos Pos
	// Tags are edition condition tags from a fenced div (`::: {.teacher}`);
	// the resolve pass removes blocks whose tags the edition excludes.
	Tags []string
	// Lang is the language of the block's text when the author marked it
	// (`::: {lang=ru}`, `# Title {lang=ru}`, raw HTML's lang), as a
	// canonical BCP 47 tag; "" inherits the language around it.
	Lang string
}

func (b *BlockBase) blockNode()       {}
func (b *BlockBase) Position() Pos    { return b.Pos }
func (b *BlockBase) Base() *BlockBase { return b }

// Paragraph is a run of inline content.
type Paragraph struct {
	BlockBase
	Content []Inline
	// Lines marks a block of lines whose breaks are meaning (a poem, a
	// song, an address: pandoc's line block): each Break ends a line,
	// set on a line of its own, a long one wrapping with its continuation
	// hanging; two Breaks in a row leave an empty line; no-break spaces
	// at a line's start indent it.
	Lines bool
	// ID and Classes as raw HTML gave them (<p id="…" class="…">).
	ID      string
	Classes []string
	// Align is how its lines are aligned when raw HTML asked
	// (<p align="center">, text-align in its style); AlignDefault sets
	// them as the text around it.
	Align Align
}

// Heading is a section title. Level 1 is an entry's title.
type Heading struct {
	BlockBase
	Level   int
	Content []Inline
	// ID is unique in the book after the resolve pass.
	ID string
	// Classes from an attribute list (`# Title {.unnumbered}`).
	Classes []string
	// Align is as a Paragraph's (<h1 align="center">).
	Align Align
}

// BlockQuote holds quoted blocks.
type BlockQuote struct {
	BlockBase
	Blocks  []Block
	ID      string
	Classes []string
}

// List is an ordered or bulleted list.
type List struct {
	BlockBase
	Ordered bool
	Start   int // first number of an ordered list
	// Tight lists have no space between items.
	Tight   bool
	Items   []*ListItem
	ID      string
	Classes []string
}

// TaskState is the checkbox of a GFM task list item.
type TaskState int

const (
	NoTask TaskState = iota
	TaskOpen
	TaskDone
)

// ListItem is one item of a List.
type ListItem struct {
	Blocks []Block
	Task   TaskState
}

// CodeBlock is preformatted text, typically program code.
type CodeBlock struct {
	BlockBase
	Language string
	Text     string // without the final newline
	ID       string
	Classes  []string
}

// ThematicBreak is a scene break or horizontal rule.
type ThematicBreak struct {
	BlockBase
}

// Align is the alignment of a table column, or of a block's lines.
type Align int

// AlignOf is the alignment a paragraph, heading or div asks for.
func AlignOf(b Block) Align {
	switch b := b.(type) {
	case *Paragraph:
		return b.Align
	case *Heading:
		return b.Align
	case *Div:
		return b.Align
	}
	return AlignDefault
}

const (
	AlignDefault Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Table is a GFM table or raw HTML's. Every row has len(Align) cells.
type Table struct {
	BlockBase
	Align []Align
	// Widths, when the source gave them (pandoc's multiline and grid
	// tables, HTML's col widths), are the share of the text's measure
	// each column takes with its padding, one per column, each in (0, 1];
	// nil leaves the columns to their content.
	Widths []float64
	// Header is the row of column headings, if any.
	Header []*TableCell
	Rows   [][]*TableCell
	// Caption is the table's title; print sets it above the table.
	Caption []Inline
	// Groups are raw HTML's column groups (<colgroup>), in order; they
	// cover the first columns, the rest belonging to none.
	Groups  []*ColumnGroup
	ID      string
	Classes []string
}

// TableCell is one cell of a table.
type TableCell struct {
	Content []Inline
	// Header marks a cell of a body row that heads others (<th>); cells
	// of Table.Header always do.
	Header bool
	// Scope is what a heading cell heads, when the author said.
	Scope CellScope
	// SpannedBy is the cell above or before it that spans its place (an
	// HTML rowspan or colspan), nil for a cell of its own: the place is
	// left empty, and heads, or is headed, as that cell. The tree keeps
	// no spans; these stand-ins keep the columns aligned.
	SpannedBy *TableCell
}

// CellScope is what a heading cell heads.
type CellScope uint8

const (
	ScopeAuto        CellScope = iota // its column in the header row, its row elsewhere
	ScopeColumn                       // the cells below it
	ScopeRow                          // the cells beside it
	ScopeColumnGroup                  // the columns of its column group
	ScopeRowGroup                     // the rows of its row group
)

var scopeNames = [...]string{"auto", "col", "row", "colgroup", "rowgroup"}

func (s CellScope) String() string {
	if int(s) < len(scopeNames) {
		return scopeNames[s]
	}
	return fmt.Sprintf("CellScope(%d)", int(s))
}

// ColumnGroup is a group of adjacent columns: Span of them, or, when it
// has Columns, theirs.
type ColumnGroup struct {
	Span    int
	Classes []string
	Columns []*Column
}

// Column is Span adjacent columns of a group, styled alike.
type Column struct {
	Span    int
	Classes []string
}

// Width is how many columns the group covers.
func (g *ColumnGroup) Width() int {
	if len(g.Columns) == 0 {
		return g.Span
	}
	n := 0
	for _, c := range g.Columns {
		n += c.Span
	}
	return n
}

// Figure is an image standing alone as a block, with an optional caption.
type Figure struct {
	BlockBase
	Image *Image
	// Link, when the author made the picture a link
	// ([![Screenshot](shot.png)](https://…)), is that link, whose content
	// is Image alone.
	Link    *Link
	Caption []Inline
	ID      string
}

// Div groups blocks: a fenced div (`::: {.teacher #q1}`) or a block element
// of raw HTML kept for its structure. Classes are kept in the EPUB's markup;
// the PDF lays the blocks out in order.
type Div struct {
	BlockBase
	ID      string
	Classes []string
	// Kind is what the group is, when it is more than a group.
	Kind   DivKind
	Blocks []Block
	// Open: a disclosure (DivDetails) is shown open at first, as its
	// author asked (<details open>, MkDocs' ???+). Print shows every
	// disclosure open.
	Open bool
	// Align is how the lines of the blocks in it are aligned when raw
	// HTML asked (<div align="center">, <center>), as a Paragraph's.
	Align Align
	// HeldNote marks the body of a note kept apart from its references
	// (an e-book's endnote or footnote, ID its ID): the resolve pass makes
	// it the referencing entry's note and takes it out of the text; a
	// note nothing references stays where it is.
	HeldNote bool
}

// DivKind is the meaning of a group of blocks. Each renderer decides how
// to show it: an element, an indent, nothing.
type DivKind int

const (
	DivPlain          DivKind = iota // a group and nothing more
	DivSection                       // a thematic section
	DivArticle                       // a complete, self-contained composition
	DivAside                         // tangential content: a sidebar, a box
	DivHeader                        // introductory content of its section
	DivFooter                        // closing content of its section
	DivAddress                       // contact information
	DivDetails                       // a disclosure: its first paragraph sums up the rest
	DivSummary                       // the summary of a disclosure
	DivFigure                        // pictures and their caption, as one figure
	DivTermList                      // a list of terms and their definitions: terms and definitions alone, a term first
	DivTerm                          // a term of a term list: one paragraph
	DivTermDefinition                // the definition of the terms before it
	DivReference                     // an entry of a list of references: a bibliography's
	DivCaption                       // the caption of the figure around it, its first or last block
)

// LastDivKind is the last kind of group, for checks.
const LastDivKind = DivCaption

var divKindNames = [...]string{"plain", "section", "article", "aside", "header", "footer", "address",
	"details", "summary", "figure", "term-list", "term", "term-definition", "reference", "caption"}

func (k DivKind) String() string {
	if k >= 0 && int(k) < len(divKindNames) {
		return divKindNames[k]
	}
	return fmt.Sprintf("DivKind(%d)", int(k))
}

// Index is the index of the book, made by the resolve pass: its terms in
// groups by initial letter, each with the places in the text it refers
// to. The PDF prints the pages of those places; the EPUB links to them.
type Index struct {
	BlockBase
	Groups []*IndexGroup
}

// IndexGroup is the terms that start with one letter, in collation order.
type IndexGroup struct {
	// Label is the group's letter ("K"), or "" for terms starting with
	// digits or symbols.
	Label   string
	Entries []*IndexEntry
}

// IndexEntry is one term of the index with its sub-entries.
type IndexEntry struct {
	// ID makes the entry a target of see and see-also references.
	ID   string
	Term []Inline
	// Locators are the term's occurrences, in book order.
	Locators []IndexLocator
	// See sends the reader to other terms instead; SeeAlso to related ones.
	See, SeeAlso []IndexRef
	Sub          []*IndexEntry
}

// IndexLocator is one occurrence of a term: the anchor in Entry where it
// is.
type IndexLocator struct {
	Entry, Anchor string
}

// IndexRef names another entry of the index.
type IndexRef struct {
	Term []Inline
	// ID is the index entry referred to ("" when the term is not itself
	// in the index).
	ID string
}

// Text is literal text. Soft line breaks in the source become a space.
type Text struct {
	Text string
}

// Emph is emphasis (italics).
type Emph struct {
	Content []Inline
}

// Strong is strong importance (bold).
type Strong struct {
	Content []Inline
}

// Strike is struck-out text.
type Strike struct {
	Content []Inline
}

// Code is inline code.
type Code struct {
	Text string
}

// Math is a formula in TeX: in the text, or (Display) set apart on a
// line of its own, which the parser makes only as the whole content of
// a paragraph. Tree is the formula read, never nil: a formula samizdat
// does not typeset stays text, its TeX as written. TeX is the source
// without its delimiters, the formula's text wherever text is asked for.
type Math struct {
	TeX     string
	Display bool
	Tree    *texmath.Node
}

// Link is a hyperlink. The parser sets URL; the resolve pass sets either
// External, or Entry and Anchor for links inside the book.
type Link struct {
	URL     string
	Title   string
	Content []Inline
	// External is true for links that leave the book (http:, mailto:, …).
	External bool
	// Entry is the ID of the target entry for internal links, and Anchor the
	// ID inside it ("" for the entry's start).
	Entry  string
	Anchor string
	// Classes from an attribute list ([text](#x){.page}).
	Classes []string
	// Page says whether the print edition names the page an internal
	// link leads to.
	Page PageRef
	// Pos is where the link is written: the "[" of Markdown, the "<" of
	// an autolink, so that a link leading nowhere is named at its own
	// line and column rather than at its paragraph's first line.
	Pos Pos
	// NoteRole is what the link is to a note, as HTML marked it
	// (epub:type, role): its reference, or its way back.
	NoteRole NoteRole
}

// NoteRole is what a link is to a note.
type NoteRole uint8

const (
	NoteRoleNone NoteRole = iota
	NoteRoleRef           // leads to a note: the resolve pass makes it a NoteRef when it can
	NoteRoleBack          // leads from a note back to its reference
)

// Place is where the link is written, for messages, as Image.Place.
func (l *Link) Place(block Pos) Pos {
	if l == nil {
		return block
	}
	return placeIn(l.Pos, block)
}

// PageRef is what the print edition adds to an internal link: paper has no
// links, so it names the page the target is on.
type PageRef uint8

const (
	PageNone  PageRef = iota // nothing: links the build makes (citations, the index, the contents)
	PageAfter                // "(p. 42)" after the link's text, when the target is on another page
	PageOnly                 // the page number in place of the link's text
)

// Cite is a citation of works in the book's bibliography, as the author
// wrote it ("[see @serge1963, 85–86; @kollontai1921]", "@serge1963
// says"). The resolve pass replaces it with the citation in the book's
// style, or with Text when the book has no bibliography; renderers never
// see one.
type Cite struct {
	Items []CiteItem
	// AuthorInText is a citation written into the sentence (@serge1963
	// without brackets): the authors' names are part of the text.
	AuthorInText bool
	// Text is the citation as written.
	Text string
	// Line is where it is written.
	Line int
}

// CiteItem is one work of a citation.
type CiteItem struct {
	Key string
	// Prefix and Suffix are the author's words around the work ("see",
	// "and passim"); Locator is the place in it ("p. 3", "85–86").
	Prefix, Locator, Suffix string
	// SuppressAuthor leaves the authors' names out ([-@key]).
	SuppressAuthor bool
}

// Attr is a key-value attribute from an attribute list ({term="…"}).
type Attr struct {
	Key, Value string
}

// Image is a picture. Src is as written; the build sets Asset for local
// images it found.
type Image struct {
	Src   string
	Alt   string
	Title string
	// Width and Height are the size the author gave, when any: HTML's
	// width and height attributes or style, or Markdown attributes
	// ({width=50%}). Either may be set alone; the other keeps the
	// picture's proportions.
	Width, Height Length
	// Decorative says the author meant the picture to need no
	// description: HTML's alt="", or an empty alt_text in the manifest.
	Decorative bool
	// Styled says the author gave the picture a class (<img class="…">,
	// {.class}), which the book's own stylesheet sizes as a rule: a mark
	// such as the Rust book's Ferris, drawn 1259 pixels wide and shown
	// 100 wide. The build does not read that stylesheet.
	Styled bool
	Asset  *Asset
	// Pos is where the picture is written: the "![" of Markdown, the
	// "<img" or "<svg" of raw HTML, so that a problem with it names its
	// own line rather than its paragraph's or HTML block's first.
	Pos Pos
}

// SizedInLine reports whether the picture, set in a line of text, is set
// at the size its author gave rather than at the height of the text: it
// has a width, or a height not in percent, which CSS ignores where the
// height around the picture is the line's own.
func (im *Image) SizedInLine() bool {
	return !im.Width.IsZero() || !im.Height.IsZero() && im.Height.Unit != "%"
}

// IconHeight is the tallest, in CSS pixels, a picture given no size may be
// and still be taken, in a line of text, for an icon or a mark set at the
// height of the text: icons are drawn 16 to 48 pixels tall, and a picture
// taller than three lines of text or so (two thirds of an inch at 96
// pixels an inch) is a screenshot, a chart or a photograph.
const IconHeight = 64

// ApartInLine reports whether the picture, set in a line of text, is set
// apart from it rather than at the height of the text: given no size
// (SizedInLine) and taller than an icon (IconHeight), it is set at its own
// size, as a browser shows it, no wider than the text, on a line of its
// own between the text before it and the text after it. A drawing with no
// size of its own (Asset.Unsized), as icon sets draw theirs, stays an
// icon.
func (im *Image) ApartInLine() bool {
	a := im.Asset
	return a != nil && !a.Unsized && a.Height > IconHeight && a.Width > 0 && !im.SizedInLine()
}

// ApartInCell reports whether the picture, set in a table's cell, is set
// at its own size on a line of its own, no wider than its column, rather
// than at the height of the text: as in a line of text (ApartInLine), but
// one its book's stylesheet sizes (Styled) stays at the height of the
// text, a mark beside the cell's words.
func (im *Image) ApartInCell() bool {
	return im.ApartInLine() && !im.Styled
}

// Place is where the picture is written, for messages: its own position
// when the parser gave it one, else block's, the position of the block
// holding it. A position of its own without a file is in block's file.
func (img *Image) Place(block Pos) Pos {
	if img == nil {
		return block
	}
	return placeIn(img.Pos, block)
}

// placeIn is own when it names a line, else block; own without a file is
// in block's file.
func placeIn(own, block Pos) Pos {
	if own.Line <= 0 {
		return block
	}
	if own.File == "" {
		own.File = block.File
	}
	return own
}

// Asset is a local file packaged with the book.
type Asset struct {
	// Path is relative to the book folder, slash-separated.
	Path      string
	MediaType string // "image/png", "image/jpeg", "image/svg+xml", "image/gif", "image/webp"
	Data      []byte
	// Drawing is an SVG picture as the PDF draws it, when cleaning it
	// for the EPUB removed what the drawing can use: the file as read,
	// whose HTML labels (<foreignObject>) EPUB's SVG does not allow. nil:
	// Data.
	Drawing []byte
	// Digest is the hex SHA-256 of the file as it was read, before any
	// cleaning changed Data ("" for a picture not read from a file).
	Digest string
	// Width and Height in pixels when known (0 otherwise), as the picture
	// is shown: a photograph stored on its side with an Orientation has
	// them swapped from its pixels'.
	Width, Height int
	// Orientation is the picture's Exif orientation, 2 to 8, which says
	// how its stored pixels are turned or mirrored to show it upright; 0
	// or 1 when they are shown as stored.
	Orientation int
	// Unsized says the picture has proportions but no size of its own:
	// an SVG drawing sized by its viewBox alone, which a browser draws at
	// the size its place gives it. Width and Height are its viewBox's.
	Unsized bool
	// DrawnWidth and DrawnHeight are an SVG drawing's size in CSS pixels
	// as it is drawn, which Width and Height round to whole pixels; 0 for
	// other pictures. See Shape.
	DrawnWidth, DrawnHeight float64
}

// Shape is the picture's size in CSS pixels that the box it is printed in
// takes its proportions from: an SVG drawing's size as drawn, unrounded,
// so that one whose viewBox is not whole pixels (2.4 × 1.1, or 994 ×
// 635.6) is not stretched or squeezed to a rounded shape; a raster
// picture's pixels as shown.
func (a *Asset) Shape() (w, h float64) {
	if a.DrawnWidth > 0 && a.DrawnHeight > 0 {
		return a.DrawnWidth, a.DrawnHeight
	}
	return float64(a.Width), float64(a.Height)
}

// DrawingData is the picture's bytes as the PDF draws them: Drawing, or
// Data when it has none.
func (a *Asset) DrawingData() []byte {
	if a.Drawing != nil {
		return a.Drawing
	}
	return a.Data
}

// Break is a hard line break.
type Break struct{}

// NoteRef is the marker of a note: a footnote, annotation or provenance note.
type NoteRef struct {
	Note *Note
	// Index is which reference to the note this is (0 for the first), so the
	// marker's ID is Note.RefID(Index).
	Index int
}

// Span is phrasing content with a meaning the tree keeps: superscripts,
// abbreviations, keyboard input, a language change, or raw HTML's unknown
// element kept as its text in a classed span.
type Span struct {
	// Kind is what the content is; SpanPlain carries only classes, a
	// language or an ID.
	Kind SpanKind
	// ID makes the span a link target; an empty span with an ID is an
	// anchor point (raw HTML's <a id="…"> or <a name="…">).
	ID      string
	Classes []string
	Title   string // e.g. an abbreviation's expansion
	Lang    string
	// Attrs are the other attributes of a bracketed span
	// ([Kronstadt]{.index term="Kronstadt rising"}), for the resolve pass.
	Attrs   []Attr
	Content []Inline
}

// Attr returns the value of the span's attribute key.
func (s *Span) Attr(key string) (string, bool) {
	for _, a := range s.Attrs {
		if a.Key == key {
			return a.Value, true
		}
	}
	return "", false
}

// SpanKind is the meaning of a span. Each renderer decides how to show
// it: an element, a face, a raised baseline.
type SpanKind int

const (
	SpanPlain        SpanKind = iota
	SpanSuperscript           // raised: exponents, ordinals
	SpanSubscript             // lowered: chemical formulas
	SpanSmall                 // side comments, small print
	SpanAbbreviation          // its Title gives the expansion
	SpanCitation              // the title of a work
	SpanQuotation             // a quotation within the text
	SpanKeyboard              // what a user types
	SpanSample                // what a program prints
	SpanVariable              // a variable, in mathematics or programming
	SpanDefinition            // the defining instance of a term
	SpanHighlight             // marked for reference
	SpanUnderlined            // an unarticulated annotation: a misspelling, a proper name
	SpanInserted              // an addition to the text
	SpanTime                  // a date or a time
	SpanIsolated              // text isolated from the direction of its surroundings
	SpanAlternate             // another voice, set apart but not stressed: a ship's name, a foreign word, a thought
	SpanAttention             // drawn attention to without added importance: a keyword, a product's name
)

// LastSpanKind is the last kind of span, for checks.
const LastSpanKind = SpanAttention

var spanKindNames = [...]string{"span", "superscript", "subscript", "small", "abbreviation", "citation",
	"quotation", "keyboard", "sample", "variable", "definition", "highlight", "underlined", "inserted",
	"time", "isolated", "alternate", "attention"}

func (k SpanKind) String() string {
	if k >= 0 && int(k) < len(spanKindNames) {
		return spanKindNames[k]
	}
	return fmt.Sprintf("SpanKind(%d)", int(k))
}

func (*Text) inlineNode()    {}
func (*Emph) inlineNode()    {}
func (*Strong) inlineNode()  {}
func (*Strike) inlineNode()  {}
func (*Code) inlineNode()    {}
func (*Math) inlineNode()    {}
func (*Link) inlineNode()    {}
func (*Image) inlineNode()   {}
func (*Break) inlineNode()   {}
func (*NoteRef) inlineNode() {}
func (*Span) inlineNode()    {}
func (*Cite) inlineNode()    {}
