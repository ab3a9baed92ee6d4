package layout

// This file is the contract between the layout engine and the PDF painter:
// the layout decides where everything goes, the painter only draws it.
// Fields may be added; none may change meaning.

import (
	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// Units are PDF points (1/72 in). Coordinates have their origin at the top
// left corner of the media box and y grows downwards, as gofpdf's are.

// Metrics is all the layout knows about fonts: widths, pair kerning and
// vertical extents in ems. *fonts.Set implements it.
type Metrics interface {
	Advance(f fonts.Face, r rune) float64
	// HasGlyph reports whether f can draw r. The standard ligatures
	// (fonts.StandardLigatures) are formed where f can draw their
	// presentation forms.
	HasGlyph(f fonts.Face, r rune) bool
	// Kern is the adjustment between a and b set side by side in f:
	// negative brings them closer.
	Kern(f fonts.Face, a, b rune) float64
	// FallbackFor returns a face that can draw r when neither f nor the
	// book's other faces can (a font chosen for r's script, f's family
	// and style, and the language of the text, lang, which chooses the
	// regional forms of ideographs), and false when no font can.
	FallbackFor(f fonts.Face, r rune, lang string) (fonts.Face, bool)
	Ascent(f fonts.Face) float64
	Descent(f fonts.Face) float64
}

// ColorEmojiMetrics is what a Metrics may also do (*fonts.Set does): find
// the emoji of a run of text that a colour bitmap font draws, which the
// layout sets as pictures in the line.
type ColorEmojiMetrics interface {
	ColorEmojis(f fonts.Face, text string) []fonts.EmojiSpan
}

// BoundsMetrics is what a Metrics may also do (*fonts.Set does): say how
// far the glyph of r reaches above and below the baseline, in ems, which
// formulas are set by. Without it, the layout assumes a book face's.
type BoundsMetrics interface {
	Bounds(f fonts.Face, r rune) (top, bottom float64, ok bool)
}

// Document is a laid-out book, ready to paint.
type Document struct {
	Geometry Geometry
	Pages    []*Page
	// Outline mirrors the contents, for PDF bookmarks, in document order.
	Outline []OutlineEntry
	// PageMap says where each page begins in the tree, for the EPUB page-list.
	PageMap doc.PageMap
	// Structure is the book's structure (see structure.go), its root a
	// RoleDocument element, which the items of the pages point into.
	Structure *Elem
	// Warnings are problems that did not stop the layout (a figure that could
	// not be drawn, a glyph no face has), each naming the file and line
	// where known.
	Warnings []diag.Diagnostic
}

// Geometry is the page size and the print boxes, the same for every page.
type Geometry struct {
	// MediaWidth and MediaHeight are the whole sheet: the trim size plus
	// bleed on every side (and room for crop marks when they are on).
	MediaWidth, MediaHeight float64
	// Trim is the finished page inside the media box.
	Trim Rect
	// Bleed is the trim box grown by the bleed; equal to Trim without bleed.
	Bleed Rect
	// CropMarks asks the painter to draw crop marks outside the bleed box.
	CropMarks bool
}

// Rect is a rectangle: top-left corner, width and height.
type Rect struct {
	X, Y, W, H float64
}

// Page is one physical page.
type Page struct {
	// Label is the folio as printed ("iv", "12"), also when the page shows no
	// folio (a chapter opening or a blank verso); used for page labels and the
	// page map.
	Label string
	// Recto is true for right-hand (odd) pages.
	Recto bool
	Items []Item
	// Anchors are link targets on this page: heading IDs, note IDs and
	// note-reference IDs, the same IDs as in the document tree.
	Anchors []Anchor
}

// Anchor is a named destination at height Y on its page.
type Anchor struct {
	Name string
	Y    float64
}

// Item is something painted on a page. The set is sealed.
type Item interface{ item() }

// Text is a run of characters in one face and size, drawn from its
// baseline-left point. The layout places each word (or part of a justified
// word) as its own run, so the painter never re-measures text.
type Text struct {
	X, Y float64
	Face fonts.Face
	Size float64
	// Text is what is drawn: the standard ligatures appear as their
	// presentation forms (U+FB00–FB04), which the painter maps back to
	// their letters for copying.
	Text string
	// Kerns are the pair kerning the layout measured the run with; each
	// character is drawn at the sum of the advances and kerns before it.
	Kerns []Kern
	// Gray is the ink: 0 black, 1 white. Folios and line numbers may be grey.
	Gray float64
	// Extra is what few runs have, nil for the rest: a book holds a
	// hundred thousand runs, and every field here is a megabyte or more.
	Extra *TextExtra
	// Elem is the element of the structure the run belongs to; nil for
	// an artifact (a running head, a folio).
	Elem *Elem
}

// TextExtra is what few runs of text carry.
type TextExtra struct {
	// Color, when not nil, is the ink instead of Gray (a cover's).
	Color *Color
	// Angle turns the run about (X, Y), in degrees counterclockwise: a
	// spine's title runs down at -90.
	Angle float64
	// Actual lists characters drawn for others, in order: a bracket of
	// right-to-left text is drawn as its mirror image, and copied as the
	// bracket it is.
	Actual []Actual
	// Marks are combining marks of right-to-left text that the shaper
	// places on their letters, in order.
	Marks []Mark
	// Hidden draws the run invisible, squeezed or stretched to Width
	// points when that is more than 0: it is there to be copied, the
	// characters of an emoji drawn as a picture, where the picture is.
	Hidden bool
	Width  float64
	// SoftHyphen says the run ends in a hyphen the line break added: the
	// word goes on in the next line's first run, and is read whole.
	SoftHyphen bool
}

// Mark says that Text[At:End] of a Text, a combining mark, is drawn as
// glyph Glyph of the face Dx points to the right of where it stands in the
// run and Dy points up; it is copied out where it stands, among the
// characters around it. Glyph 0 says it is drawn by the glyph of a mark
// before it.
type Mark struct {
	At, End int
	Glyph   uint16
	Dx, Dy  float64
}

// Color is the run's ink when it is not Gray's, or nil.
func (t *Text) Color() *Color {
	if t.Extra == nil {
		return nil
	}
	return t.Extra.Color
}

// Angle is the run's turn in degrees, counterclockwise.
func (t *Text) Angle() float64 {
	if t.Extra == nil {
		return 0
	}
	return t.Extra.Angle
}

// Actual lists the characters the run draws for others.
func (t *Text) Actual() []Actual {
	if t.Extra == nil {
		return nil
	}
	return t.Extra.Actual
}

// Marks lists the run's combining marks the shaper places.
// Hidden reports whether the run is drawn invisible (TextExtra.Hidden).
func (t *Text) Hidden() bool { return t.Extra != nil && t.Extra.Hidden }

// SoftHyphen says the run ends in a hyphen its line's break added.
func (t *Text) SoftHyphen() bool { return t.Extra != nil && t.Extra.SoftHyphen }

func (t *Text) Marks() []Mark {
	if t.Extra == nil {
		return nil
	}
	return t.Extra.Marks
}

// Actual says that Text[At:End] of a Text stands for Text.
type Actual struct {
	At, End int
	Text    string
}

// Color is an ink in RGB, each part from 0 to 1.
type Color struct{ R, G, B float64 }

// Kern moves the characters of a Text from byte At of its text on by Dx
// points (negative: to the left).
type Kern struct {
	At int
	Dx float64
}

// Rule is a straight line, for the footnote rule, table borders and
// thematic breaks.
type Rule struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Gray           float64
	// Elem is the element the rule belongs to; nil for an artifact.
	Elem *Elem
}

// Box is a rectangle, stroked and/or filled: frames for figure placeholders,
// shading behind code blocks.
type Box struct {
	Rect
	Stroke    bool
	LineWidth float64
	Fill      bool
	FillGray  float64
	// FillColor, when not nil, is the fill instead of FillGray.
	FillColor *Color
	Gray      float64 // stroke ink
	// Elem is the element the box belongs to; nil for an artifact.
	Elem *Elem
}

// Picture is an image scaled into its rectangle. The painter decodes the
// asset (PNG, JPEG, GIF; SVG drawn or rasterised at print resolution).
type Picture struct {
	Rect
	Asset *doc.Asset
	Alt   string
	// Pos is where the picture is in the source, for messages.
	Pos doc.Pos
	// Elem is the element the picture belongs to (a figure); nil for an
	// artifact.
	Elem *Elem
}

// Link is a clickable area: an external URL, or an anchor in this document.
type Link struct {
	Rect
	URL    string
	Anchor string
	// Elem is the link's element (RoleLink), which holds its annotation
	// and its runs.
	Elem *Elem
	// Runs is how many of the items just before it in its line are
	// what it covers (its words, a picture or a formula in it), which
	// belong to its element: a reader reads a link's text as the link's.
	// Rules among them (an underline) stay artifacts.
	Runs int
}

// OutlineEntry is one PDF bookmark.
type OutlineEntry struct {
	Title string
	Level int // 0 for top-level entries
	Page  int // index into Document.Pages
	Y     float64
}

func (*Text) item()    {}
func (*Rule) item()    {}
func (*Box) item()     {}
func (*Picture) item() {}
func (*Link) item()    {}
