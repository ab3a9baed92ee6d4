package xhtml

import (
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// UsedFaces lists the faces of the serif and mono families that the
// documents of blocks and notes show, as the book's stylesheet sets them:
// the serif's regular, italic and bold always (headings, captions, the
// title page), its bold italic and the mono faces only where the text
// calls for them, so that a web site need not ship faces no page uses.
func UsedFaces(blocks []doc.Block, notes []*doc.Note) map[fonts.Face]bool {
	u := faceUse{used: map[fonts.Face]bool{
		{Family: fonts.Serif, Style: fonts.Regular}: true,
		{Family: fonts.Serif, Style: fonts.Italic}:  true,
		{Family: fonts.Serif, Style: fonts.Bold}:    true,
	}}
	u.blocks(blocks, faceCtx{})
	for _, n := range notes {
		if n.Kind == doc.AnnotationNote {
			// an annotation's backlink is bold in italic
			u.mark(faceCtx{bold: true, italic: true})
		}
		u.blocks(n.Blocks, faceCtx{})
	}
	return u.used
}

type faceCtx struct{ bold, italic, mono bool }

type faceUse struct{ used map[fonts.Face]bool }

func (u faceUse) mark(c faceCtx) {
	f := fonts.Face{Family: fonts.Serif, Style: fonts.Regular}
	if c.mono {
		f.Family = fonts.Mono
	}
	switch {
	case c.bold && c.italic:
		f.Style = fonts.BoldItalic
	case c.bold:
		f.Style = fonts.Bold
	case c.italic:
		f.Style = fonts.Italic
	}
	u.used[f] = true
}

func (u faceUse) blocks(bs []doc.Block, c faceCtx) {
	for _, bl := range bs {
		switch bl := bl.(type) {
		case *doc.Paragraph:
			u.inlines(bl.Content, c)
		case *doc.Heading:
			// h5 and h6 are italic too; a heading's level may rise by
			// one when the document is planned
			u.inlines(bl.Content, faceCtx{bold: true, italic: c.italic || bl.Level >= 4})
		case *doc.CodeBlock:
			u.mark(faceCtx{mono: true, bold: c.bold, italic: c.italic})
		case *doc.BlockQuote:
			u.blocks(bl.Blocks, c)
		case *doc.List:
			for _, it := range bl.Items {
				u.blocks(it.Blocks, c)
			}
		case *doc.Table:
			u.inlines(bl.Caption, c)
			for _, cell := range bl.Header {
				u.inlines(cell.Content, faceCtx{bold: true, italic: c.italic})
			}
			for _, row := range bl.Rows {
				for _, cell := range row {
					u.inlines(cell.Content, c)
				}
			}
		case *doc.Figure:
			u.inlines(bl.Caption, faceCtx{bold: c.bold, italic: true})
		case *doc.Div:
			dc := c
			switch bl.Kind {
			case doc.DivSummary:
				dc.bold = true
			case doc.DivCaption:
				dc.italic = true
			}
			u.blocks(bl.Blocks, dc)
		case *doc.Index:
			for _, g := range bl.Groups {
				if g != nil {
					u.indexEntries(g.Entries, c)
				}
			}
		}
	}
}

func (u faceUse) indexEntries(es []*doc.IndexEntry, c faceCtx) {
	for _, e := range es {
		if e == nil {
			continue
		}
		u.inlines(e.Term, c)
		for _, r := range append(append([]doc.IndexRef{}, e.See...), e.SeeAlso...) {
			u.inlines(r.Term, c)
		}
		u.indexEntries(e.Sub, c)
	}
}

func (u faceUse) inlines(ins []doc.Inline, c faceCtx) {
	for _, in := range ins {
		ic := c
		switch in := in.(type) {
		case *doc.Text:
			u.mark(c)
		case *doc.Code:
			ic.mono = true
			u.mark(ic)
		case *doc.Emph:
			ic.italic = true
		case *doc.Strong:
			ic.bold = true
		case *doc.Span:
			switch in.Kind {
			case doc.SpanCitation, doc.SpanDefinition, doc.SpanVariable, doc.SpanAlternate:
				ic.italic = true
			case doc.SpanAttention:
				ic.bold = true
			case doc.SpanKeyboard, doc.SpanSample:
				ic.mono = true
			}
		}
		u.inlines(doc.InlineChildren(in), ic)
	}
}
