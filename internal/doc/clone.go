package doc

import "slices"

// CloneChapter deep-copies a parsed chapter's blocks and notes, so a
// parse kept for the next build (the preview's, or a watched build's)
// survives the resolve pass, which edits the tree it is given. Note
// references to the chapter's own notes point at the copies; pictures'
// assets, never edited, are shared.
func CloneChapter(blocks []Block, notes []*Note) ([]Block, []*Note) {
	c := cloner{notes: map[*Note]*Note{}}
	outNotes := make([]*Note, len(notes))
	for i, n := range notes {
		cp := *n
		outNotes[i] = &cp
		c.notes[n] = &cp
	}
	for _, n := range outNotes {
		n.Blocks = c.blocks(n.Blocks)
	}
	return c.blocks(blocks), outNotes
}

type cloner struct {
	notes map[*Note]*Note
}

func (c cloner) blocks(bs []Block) []Block {
	if bs == nil {
		return nil
	}
	out := make([]Block, len(bs))
	for i, b := range bs {
		out[i] = c.block(b)
	}
	return out
}

func (c cloner) base(b BlockBase) BlockBase {
	b.Tags = slices.Clone(b.Tags)
	return b
}

func (c cloner) block(b Block) Block {
	switch b := b.(type) {
	case *Paragraph:
		cp := *b
		cp.BlockBase, cp.Content, cp.Classes = c.base(b.BlockBase), c.inlines(b.Content), slices.Clone(b.Classes)
		return &cp
	case *Heading:
		cp := *b
		cp.BlockBase, cp.Content, cp.Classes = c.base(b.BlockBase), c.inlines(b.Content), slices.Clone(b.Classes)
		return &cp
	case *BlockQuote:
		cp := *b
		cp.BlockBase, cp.Blocks, cp.Classes = c.base(b.BlockBase), c.blocks(b.Blocks), slices.Clone(b.Classes)
		return &cp
	case *List:
		cp := *b
		cp.BlockBase, cp.Classes = c.base(b.BlockBase), slices.Clone(b.Classes)
		cp.Items = make([]*ListItem, len(b.Items))
		for i, it := range b.Items {
			cp.Items[i] = &ListItem{Blocks: c.blocks(it.Blocks), Task: it.Task}
		}
		return &cp
	case *CodeBlock:
		cp := *b
		cp.BlockBase, cp.Classes = c.base(b.BlockBase), slices.Clone(b.Classes)
		return &cp
	case *ThematicBreak:
		return &ThematicBreak{BlockBase: c.base(b.BlockBase)}
	case *Table:
		cp := &Table{BlockBase: c.base(b.BlockBase), Align: slices.Clone(b.Align), Widths: slices.Clone(b.Widths), Header: c.cells(b.Header),
			Caption: c.inlines(b.Caption), ID: b.ID, Classes: slices.Clone(b.Classes)}
		for _, g := range b.Groups {
			cg := &ColumnGroup{Span: g.Span, Classes: slices.Clone(g.Classes)}
			for _, col := range g.Columns {
				cg.Columns = append(cg.Columns, &Column{Span: col.Span, Classes: slices.Clone(col.Classes)})
			}
			cp.Groups = append(cp.Groups, cg)
		}
		if b.Rows != nil {
			cp.Rows = make([][]*TableCell, len(b.Rows))
			for i, row := range b.Rows {
				cp.Rows[i] = c.cells(row)
			}
		}
		return cp
	case *Figure:
		cp := *b
		cp.BlockBase, cp.Caption = c.base(b.BlockBase), c.inlines(b.Caption)
		switch {
		case b.Link != nil:
			cp.Link = c.inline(b.Link).(*Link)
			if len(cp.Link.Content) == 1 {
				cp.Image, _ = cp.Link.Content[0].(*Image)
			}
		case b.Image != nil:
			cp.Image = c.inline(b.Image).(*Image)
		}
		return &cp
	case *Div:
		cp := *b
		cp.BlockBase, cp.Classes, cp.Blocks = c.base(b.BlockBase), slices.Clone(b.Classes), c.blocks(b.Blocks)
		return &cp
	case *Index:
		cp := &Index{BlockBase: c.base(b.BlockBase)}
		for _, g := range b.Groups {
			cp.Groups = append(cp.Groups, &IndexGroup{Label: g.Label, Entries: c.indexEntries(g.Entries)})
		}
		return cp
	}
	return b // nil
}

func (c cloner) indexEntries(es []*IndexEntry) []*IndexEntry {
	if es == nil {
		return nil
	}
	out := make([]*IndexEntry, len(es))
	for i, e := range es {
		out[i] = &IndexEntry{ID: e.ID, Term: c.inlines(e.Term), Locators: slices.Clone(e.Locators),
			See: c.indexRefs(e.See), SeeAlso: c.indexRefs(e.SeeAlso), Sub: c.indexEntries(e.Sub)}
	}
	return out
}

func (c cloner) indexRefs(rs []IndexRef) []IndexRef {
	if rs == nil {
		return nil
	}
	out := make([]IndexRef, len(rs))
	for i, r := range rs {
		out[i] = IndexRef{Term: c.inlines(r.Term), ID: r.ID}
	}
	return out
}

func (c cloner) cells(cells []*TableCell) []*TableCell {
	if cells == nil {
		return nil
	}
	out := make([]*TableCell, len(cells))
	for i, cell := range cells {
		cp := *cell
		cp.Content = c.inlines(cell.Content)
		out[i] = &cp
	}
	return out
}

func (c cloner) inlines(ins []Inline) []Inline {
	if ins == nil {
		return nil
	}
	out := make([]Inline, len(ins))
	for i, in := range ins {
		out[i] = c.inline(in)
	}
	return out
}

func (c cloner) inline(in Inline) Inline {
	switch in := in.(type) {
	case *Text:
		cp := *in
		return &cp
	case *Code:
		cp := *in
		return &cp
	case *Math:
		cp := *in
		cp.Tree = in.Tree.Copy()
		return &cp
	case *Emph:
		return &Emph{Content: c.inlines(in.Content)}
	case *Strong:
		return &Strong{Content: c.inlines(in.Content)}
	case *Strike:
		return &Strike{Content: c.inlines(in.Content)}
	case *Link:
		cp := *in
		cp.Content, cp.Classes = c.inlines(in.Content), slices.Clone(in.Classes)
		return &cp
	case *Cite:
		cp := *in
		cp.Items = slices.Clone(in.Items)
		return &cp
	case *Image:
		cp := *in
		return &cp
	case *Break:
		return &Break{}
	case *NoteRef:
		cp := *in
		if n, ok := c.notes[in.Note]; ok {
			cp.Note = n
		}
		return &cp
	case *Span:
		cp := *in
		cp.Classes, cp.Attrs, cp.Content = slices.Clone(in.Classes), slices.Clone(in.Attrs), c.inlines(in.Content)
		return &cp
	}
	return in // nil
}
