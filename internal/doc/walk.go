package doc

import "strings"

// Visitor receives nodes in document order. A nil func skips that kind;
// returning false skips the node's children.
type Visitor struct {
	Block  func(Block) bool
	Inline func(Inline) bool
}

// Walk visits blocks and, inside them, their inline content, depth first.
// Notes are not visited through their references: walk Entry.Notes for them.
func Walk(blocks []Block, v Visitor) {
	for _, b := range blocks {
		walkBlock(b, v)
	}
}

// WalkInlines visits inline nodes depth first.
func WalkInlines(inlines []Inline, v Visitor) {
	for _, in := range inlines {
		if v.Inline != nil && !v.Inline(in) {
			continue
		}
		WalkInlines(InlineChildren(in), v)
	}
}

func walkBlock(b Block, v Visitor) {
	if v.Block != nil && !v.Block(b) {
		return
	}
	for _, content := range BlockInlines(b) {
		WalkInlines(content, v)
	}
	for _, child := range BlockChildren(b) {
		walkBlock(child, v)
	}
}

// BlockChildren returns the blocks directly inside b (list items' blocks
// included, in order), or nil for leaf blocks.
func BlockChildren(b Block) []Block {
	switch b := b.(type) {
	case *BlockQuote:
		return b.Blocks
	case *Div:
		return b.Blocks
	case *List:
		var out []Block
		for _, it := range b.Items {
			out = append(out, it.Blocks...)
		}
		return out
	}
	return nil
}

// BlockInlines returns the inline sequences held directly by b: a
// paragraph's content, a heading's, a figure's caption, each table cell.
func BlockInlines(b Block) [][]Inline {
	switch b := b.(type) {
	case *Paragraph:
		return [][]Inline{b.Content}
	case *Heading:
		return [][]Inline{b.Content}
	case *Figure:
		out := [][]Inline{{b.Image}}
		if b.Link != nil {
			out[0][0] = b.Link
		}
		if len(b.Caption) > 0 {
			out = append(out, b.Caption)
		}
		return out
	case *Table:
		var out [][]Inline
		if len(b.Caption) > 0 {
			out = append(out, b.Caption)
		}
		for _, c := range b.Header {
			out = append(out, c.Content)
		}
		for _, row := range b.Rows {
			for _, c := range row {
				out = append(out, c.Content)
			}
		}
		return out
	}
	return nil
}

// InlineChildren returns the inline content of a container inline, or nil.
func InlineChildren(in Inline) []Inline {
	switch in := in.(type) {
	case *Emph:
		return in.Content
	case *Strong:
		return in.Content
	case *Strike:
		return in.Content
	case *Link:
		return in.Content
	case *Span:
		return in.Content
	}
	return nil
}

// PlainText renders inline content as text: markup dropped, a hard break as
// "\n", note markers and images omitted. Layout and EPUB both count page-break
// offsets in runes of this text, so it must stay the one definition.
func PlainText(inlines []Inline) string {
	var sb strings.Builder
	appendPlain(&sb, inlines)
	return sb.String()
}

func appendPlain(sb *strings.Builder, inlines []Inline) {
	for _, in := range inlines {
		switch in := in.(type) {
		case *Text:
			sb.WriteString(in.Text)
		case *Code:
			sb.WriteString(in.Text)
		case *Math:
			sb.WriteString(in.TeX)
		case *Break:
			sb.WriteByte('\n')
		case *Cite:
			sb.WriteString(in.Text)
		case *NoteRef, *Image:
		default:
			appendPlain(sb, InlineChildren(in))
		}
	}
}

// BlockText is the plain text of a leaf block (paragraph, heading, code
// block, figure caption), the text page-break offsets count in. Containers
// give "".
func BlockText(b Block) string {
	switch b := b.(type) {
	case *Paragraph:
		return PlainText(b.Content)
	case *Heading:
		return PlainText(b.Content)
	case *CodeBlock:
		return b.Text
	case *Figure:
		return PlainText(b.Caption)
	}
	return ""
}

// IDOf returns where a block keeps its ID, for passes that read or rename
// IDs whatever the block's type; nil for blocks that have none.
func IDOf(b Block) *string {
	switch b := b.(type) {
	case *Paragraph:
		return &b.ID
	case *Heading:
		return &b.ID
	case *BlockQuote:
		return &b.ID
	case *List:
		return &b.ID
	case *CodeBlock:
		return &b.ID
	case *Table:
		return &b.ID
	case *Figure:
		return &b.ID
	case *Div:
		return &b.ID
	}
	return nil
}

// BlockID is a block's ID, "" when it has none.
func BlockID(b Block) string {
	if p := IDOf(b); p != nil {
		return *p
	}
	return ""
}

// ClassesOf returns the classes a block carries from its source.
func ClassesOf(b Block) []string {
	switch b := b.(type) {
	case *Paragraph:
		return b.Classes
	case *Heading:
		return b.Classes
	case *BlockQuote:
		return b.Classes
	case *List:
		return b.Classes
	case *CodeBlock:
		return b.Classes
	case *Table:
		return b.Classes
	case *Div:
		return b.Classes
	}
	return nil
}

// WalkImages calls fn for each picture in the entries, inline or a
// figure's, in reading order: an entry's blocks, then its notes.
func WalkImages(entries []*Entry, fn func(*Image)) {
	visit := Visitor{Inline: func(in Inline) bool {
		if img, ok := in.(*Image); ok && img != nil {
			fn(img)
		}
		return true
	}}
	for _, e := range entries {
		Walk(e.Blocks, visit)
		for _, n := range e.Notes {
			Walk(n.Blocks, visit)
		}
	}
}
