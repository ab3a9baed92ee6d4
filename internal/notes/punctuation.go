package notes

import (
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/lang"
)

// Punctuation sets the book's text in each language's punctuation:
// quotation marks and apostrophes (with SmartQuotes) and the no-break
// spaces some languages set around punctuation, by the language of each
// entry, block, span and note. A passage in another language keeps its
// own rules inside a paragraph; code keeps what was typed.
type Punctuation struct {
	// SmartQuotes turns straight quotation marks into the language's.
	SmartQuotes bool
	// Conventions are the book's; nil is the built-in ones.
	Conventions *lang.Conventions
}

// Book sets the punctuation of every text of the book: entries, their
// titles and notes, and the colophon.
func (p Punctuation) Book(b *doc.Book) {
	book := b.Meta.Language
	for _, e := range b.Chapters() {
		tag := book
		if e.Language != "" {
			tag = e.Language
		}
		p.Inlines(e.Title, tag)
		if pr := e.Provenance; pr != nil {
			// the editors' words, in the book's language
			p.Inlines(pr.Citation, book)
			p.Inlines(pr.Reference, book)
		}
		p.Blocks(e.Blocks, tag)
		for _, n := range e.Notes {
			nt := tag
			if n.Lang != "" {
				nt = n.Lang
			}
			p.Blocks(n.Blocks, nt)
		}
	}
	p.Blocks(b.Colophon, book)
}

// Text sets the punctuation of a plain text in language tag (a title in
// the book's metadata).
func (p Punctuation) Text(s, tag string) string {
	return p.apply(p.Conventions.For(tag), s, &lang.Context{})
}

func (p Punctuation) apply(r lang.Rules, s string, c *lang.Context) string {
	if p.SmartQuotes {
		return r.Apply(s, c)
	}
	return r.Space(s, c)
}

// Blocks sets the punctuation of blocks in language tag.
func (p Punctuation) Blocks(bs []doc.Block, tag string) {
	for _, b := range bs {
		t := tag
		if l := b.Base().Lang; l != "" {
			t = l
		}
		switch b := b.(type) {
		case *doc.Paragraph:
			p.Inlines(b.Content, t)
		case *doc.Heading:
			p.Inlines(b.Content, t)
		case *doc.BlockQuote:
			p.Blocks(b.Blocks, t)
		case *doc.List:
			for _, it := range b.Items {
				p.Blocks(it.Blocks, t)
			}
		case *doc.Table:
			p.Inlines(b.Caption, t)
			for _, c := range b.Header {
				p.Inlines(c.Content, t)
			}
			for _, row := range b.Rows {
				for _, c := range row {
					p.Inlines(c.Content, t)
				}
			}
		case *doc.Figure:
			if b.Image != nil {
				b.Image.Alt = p.Text(b.Image.Alt, t)
			}
			p.Inlines(b.Caption, t)
		case *doc.Div:
			p.Blocks(b.Blocks, t)
		case *doc.Index:
			for _, g := range b.Groups {
				p.indexEntries(g.Entries, t)
			}
		}
	}
}

func (p Punctuation) indexEntries(es []*doc.IndexEntry, tag string) {
	for _, e := range es {
		p.Inlines(e.Term, tag)
		for _, r := range e.See {
			p.Inlines(r.Term, tag)
		}
		for _, r := range e.SeeAlso {
			p.Inlines(r.Term, tag)
		}
		p.indexEntries(e.Sub, tag)
	}
}

// Inlines sets the punctuation of one run of inline content (a paragraph,
// a heading) in language tag, as one text.
func (p Punctuation) Inlines(ins []doc.Inline, tag string) {
	p.inlines(ins, p.Conventions.For(tag), &lang.Context{})
}

func (p Punctuation) inlines(ins []doc.Inline, r lang.Rules, c *lang.Context) {
	for _, in := range ins {
		switch in := in.(type) {
		case *doc.Text:
			in.Text = p.apply(r, in.Text, c)
		case *doc.Code:
			c.Verbatim(in.Text)
		case *doc.Math:
			c.Verbatim("x") // a word, as a picture is
		case *doc.Break:
			c.Verbatim("\n")
		case *doc.Image:
			in.Alt = p.apply(r, in.Alt, &lang.Context{})
			c.Verbatim("x") // a word
		case *doc.Span:
			switch {
			case in.Kind == doc.SpanKeyboard || in.Kind == doc.SpanSample:
				c.Verbatim(doc.PlainText(in.Content))
			case in.Lang != "":
				inner := c.Enter()
				p.inlines(in.Content, p.Conventions.For(in.Lang), inner)
				c.Leave(inner)
			default:
				p.inlines(in.Content, r, c)
			}
		case *doc.NoteRef:
			// a marker, no text: the notes are set with their entry
		default:
			p.inlines(doc.InlineChildren(in), r, c)
		}
	}
}
