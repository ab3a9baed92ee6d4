package markdown

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// finish completes a converted chapter: text cleaned and merged, empty nodes
// removed, heading IDs made, and note references counted in reading order
// (after the HTML conversions, which may have moved or dropped some).
func (c *converter) finish(ch *Chapter) {
	ch.Blocks = normBlocks(c.boundInlineNesting(c.boundNesting(ch.Blocks, 0)))
	for _, n := range ch.Notes {
		n.Name = cleanText(n.Name)
		n.Blocks = normBlocks(c.boundInlineNesting(c.boundNesting(n.Blocks, 0)))
	}
	c.headingIDs(ch)
	c.resolveImplicit()
	for _, n := range ch.Notes {
		n.Refs = 0
	}
	count := func(blocks []doc.Block) {
		doc.Walk(blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
			if r, ok := in.(*doc.NoteRef); ok {
				r.Index = r.Note.Refs
				r.Note.Refs++
			}
			return true
		}})
	}
	count(ch.Blocks)
	for _, n := range ch.Notes {
		count(n.Blocks)
	}
	// A chapter's unused notes are reported by the resolve pass, which
	// drops them and knows what every edition keeps; a fragment's notes
	// never reach it, so only this parse can tell.
	for _, n := range ch.Notes {
		if n.Refs == 0 && c.fragment {
			c.warnPos(n.Pos, "footnote.unused", fmt.Sprintf("footnote [^%s] is never referenced", n.Name))
		}
	}
}

func normBlocks(bs []doc.Block) []doc.Block {
	// A new slice, not bs[:0]: a term list may hand back more blocks
	// than it was.
	out := make([]doc.Block, 0, len(bs))
	for _, b := range bs {
		if id := doc.IDOf(b); id != nil {
			*id = cleanID(*id)
		}
		switch b := b.(type) {
		case *doc.Paragraph:
			b.Content = normInlines(b.Content)
			b.Classes = cleanList(b.Classes)
			if len(b.Content) == 0 {
				continue
			}
		case *doc.Heading:
			b.Content = normInlines(b.Content)
			b.ID = cleanID(b.ID)
			b.Classes = cleanList(b.Classes)
		case *doc.BlockQuote:
			b.Blocks = normBlocks(b.Blocks)
			b.Classes = cleanList(b.Classes)
		case *doc.List:
			for _, it := range b.Items {
				it.Blocks = normBlocks(it.Blocks)
			}
			b.Classes = cleanList(b.Classes)
		case *doc.CodeBlock:
			b.Text = cleanText(b.Text)
			b.Language = cleanText(b.Language)
			b.Classes = cleanList(b.Classes)
		case *doc.Table:
			b.Classes = cleanList(b.Classes)
			b.Caption = normInlines(b.Caption)
			for _, g := range b.Groups {
				g.Classes = cleanList(g.Classes)
				for _, c := range g.Columns {
					c.Classes = cleanList(c.Classes)
				}
			}
			for _, cell := range b.Header {
				cell.Content = normInlines(cell.Content)
			}
			for _, row := range b.Rows {
				for _, cell := range row {
					cell.Content = normInlines(cell.Content)
				}
			}
		case *doc.Figure:
			cleanImage(b.Image)
			if b.Link != nil {
				b.Link.URL, b.Link.Title = cleanText(b.Link.URL), cleanText(b.Link.Title)
			}
			b.Caption = normInlines(b.Caption)
			b.ID = cleanID(b.ID)
		case *doc.Div:
			b.Classes = cleanList(b.Classes)
			b.Blocks = normBlocks(b.Blocks)
			switch b.Kind {
			case doc.DivTerm:
				if len(b.Blocks) == 0 {
					continue // nothing left to define
				}
			case doc.DivTermList:
				// Terms left empty are gone: what is left before the
				// first term goes before the list.
				before := shapeTermList(b)
				out = append(out, before...)
				if len(b.Blocks) == 0 {
					continue
				}
			}
		}
		if base := baseOf(b); base != nil {
			base.Tags = cleanList(base.Tags)
		}
		if k := len(out) - 1; k >= 0 && takeCaption(out[k], b) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// takeCaption makes b the caption of fig when fig is a figure without one
// and b a paragraph of one span classed "caption", as books written for
// mdBook caption their pictures:
//
//	<img src="img/trpl15-01.svg" alt="…">
//
//	<span class="caption">Figure 15-1: An infinite list</span>
func takeCaption(fig, b doc.Block) bool {
	f, ok := fig.(*doc.Figure)
	if !ok || len(f.Caption) > 0 {
		return false
	}
	p, ok := b.(*doc.Paragraph)
	if !ok || len(p.Content) != 1 {
		return false
	}
	sp, ok := p.Content[0].(*doc.Span)
	if !ok || sp.Kind != doc.SpanPlain || sp.ID != "" || !slices.Contains(sp.Classes, "caption") || len(sp.Content) == 0 {
		return false
	}
	f.Caption = sp.Content
	return true
}

// normInlines cleans text, merges adjacent Text nodes and drops empty text
// and empty formatting.
func normInlines(in []doc.Inline) []doc.Inline {
	var out []doc.Inline
	// Texts in a row are joined in one buffer, the first of them taking it
	// when the row ends: adding each to the one before would copy a
	// paragraph of n lines (a Text each) n times.
	var run strings.Builder
	var runHead *doc.Text
	endRun := func() {
		if runHead != nil {
			runHead.Text = run.String()
			runHead = nil
		}
	}
	for _, n := range in {
		switch n := n.(type) {
		case *doc.Text:
			n.Text = cleanText(n.Text)
			if n.Text == "" {
				continue
			}
			if k := len(out); k > 0 {
				if prev, ok := out[k-1].(*doc.Text); ok {
					if runHead == nil {
						runHead = prev
						run.Reset()
						run.WriteString(prev.Text)
					}
					// Where markup was removed between two spaces, one is enough.
					if strings.HasSuffix(run.String(), " ") && strings.HasPrefix(n.Text, " ") {
						n.Text = n.Text[1:]
					}
					run.WriteString(n.Text)
					continue
				}
			}
		case *doc.Code:
			n.Text = cleanText(n.Text)
		case *doc.Emph:
			if n.Content = normInlines(n.Content); len(n.Content) == 0 {
				continue
			}
		case *doc.Strong:
			if n.Content = normInlines(n.Content); len(n.Content) == 0 {
				continue
			}
		case *doc.Strike:
			if n.Content = normInlines(n.Content); len(n.Content) == 0 {
				continue
			}
		case *doc.Span:
			n.Classes = cleanList(n.Classes)
			n.Title = cleanText(n.Title)
			n.Lang = cleanText(n.Lang)
			n.ID = cleanID(n.ID)
			// An empty span is kept only as an anchor point, or as the
			// place of an index entry, which the resolve pass anchors.
			if n.Content = normInlines(n.Content); len(n.Content) == 0 && n.ID == "" && !indexPoint(n) {
				continue
			}
		case *doc.Link:
			if label, form, ok := doc.ParseRuleRef(n.URL); ok {
				// the resolve pass's to read, never printed as it is
				n.URL = doc.RuleRefURL(cleanText(label), form)
			} else {
				n.URL = cleanText(n.URL)
			}
			n.Title = cleanText(n.Title)
			n.Content = normInlines(n.Content)
		case *doc.Image:
			cleanImage(n)
		case *doc.NoteRef:
			if n.Note == nil {
				continue
			}
		}
		endRun()
		out = append(out, n)
	}
	endRun()
	return out
}

func cleanImage(img *doc.Image) {
	img.Src = cleanText(img.Src)
	img.Alt = cleanText(img.Alt)
	img.Title = cleanText(img.Title)
}

func cleanList(list []string) []string {
	for i, s := range list {
		list[i] = cleanText(s)
	}
	return list
}

// cleanID keeps an ID as written, but an ID may not hold white space.
func cleanID(id string) string {
	id = cleanText(id)
	out := []rune{}
	changed := false
	for _, r := range id {
		switch r {
		case ' ', '\t', '\n', '\r':
			r = '-'
			changed = true
		}
		out = append(out, r)
	}
	if changed {
		return string(out)
	}
	return id
}

// headingIDs gives every heading without an ID one made from its text,
// unique in the file among all IDs, and reports IDs written twice.
func (c *converter) headingIDs(ch *Chapter) {
	used := map[string]int{} // ID -> line of first use
	var missing []*doc.Heading
	visit := func(blocks []doc.Block) {
		doc.Walk(blocks, doc.Visitor{Block: func(b doc.Block) bool {
			id := ""
			switch b := b.(type) {
			case *doc.Heading:
				if b.ID == "" {
					missing = append(missing, b)
					return true
				}
				id = b.ID
			case *doc.Div:
				id = b.ID
			case *doc.Figure:
				id = b.ID
			}
			if id == "" {
				return true
			}
			line := b.Position().Line
			if first, dup := used[id]; dup {
				c.warnPos(doc.Pos{File: b.Position().File, Line: line}, "id.duplicate", fmt.Sprintf("id %q is used again (first at line %d)", id, first))
			} else {
				used[id] = line
			}
			return true
		}})
	}
	visit(ch.Blocks)
	for _, n := range ch.Notes {
		visit(n.Blocks)
	}
	next := map[string]int{}
	for _, h := range missing {
		base := slug(doc.PlainText(h.Content))
		if base == "" {
			base = "section"
		}
		id := base
		for i := next[base]; ; i++ {
			if i > 0 {
				id = base + "-" + strconv.Itoa(i)
			}
			if _, taken := used[id]; !taken {
				next[base] = i + 1
				break
			}
		}
		used[id] = h.Pos.Line
		h.ID = id
	}
}

// baseOf returns the common fields of a block, or nil for a nil block.
func baseOf(b doc.Block) *doc.BlockBase {
	if b == nil {
		return nil
	}
	return b.Base()
}

// indexPoint reports an empty span marking an index entry's place, as
// LaTeX's \index{term} does: it names its term.
func indexPoint(s *doc.Span) bool {
	term, ok := s.Attr("term")
	return ok && strings.TrimSpace(term) != "" && slices.Contains(s.Classes, "index")
}
