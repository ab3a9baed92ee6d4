package notes

import (
	"slices"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// assignTitles gives every entry a title: the manifest's, else the content
// of its first heading. Titles are shown in contents and running heads, so
// note markers are dropped, links unwrapped and line breaks become spaces.
func (r *resolver) assignTitles() {
	r.dropBanners()
	for _, e := range r.entries() {
		if plainTrim(e.Title) == "" {
			e.Title = nil
			doc.Walk(e.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
				if h, ok := b.(*doc.Heading); ok && e.Title == nil {
					e.Title = titleInlines(h.Content)
				}
				return e.Title == nil
			}})
		} else {
			e.Title = titleInlines(e.Title)
		}
		if plainTrim(e.Title) == "" {
			e.Title = nil
			if e.Kind == doc.KindPart {
				r.errorf(entryPos(e), "title.missing", "part has no title: give it one in the manifest")
			} else {
				r.errorf(entryPos(e), "title.missing", "no title: the manifest gives none and the file has no heading")
			}
		}
	}
}

// insertTitleHeadings makes every entry but parts begin with a level-1
// heading: the file's own when it starts with one (a first heading of
// another level is promoted when its text is the entry's title; one of
// several level-1 headings that is not the title is a part of the file,
// under a heading made from the title), or when
// its first heading, written with the entry's title, is a level-1 heading
// after some lines (a README's badges and language links, mdBook's rule
// markers) or comes before anything else in groups of blocks (a README
// wrapped in <div dir="rtl">): that heading then moves to the top, so the
// title is not printed twice. Otherwise it is a heading made from the
// entry's title.
func (r *resolver) insertTitleHeadings() {
	for _, e := range r.entries() {
		if e.Kind == doc.KindPart || e.Title == nil {
			continue
		}
		if len(e.Blocks) > 0 {
			if h, ok := e.Blocks[0].(*doc.Heading); ok {
				if h.Level == 1 && (sameInlineText(titleInlines(h.Content), e.Title) || levelOneHeadings(e.Blocks) == 1) {
					continue
				}
				if sameInlineText(titleInlines(h.Content), e.Title) {
					h.Level = 1
					continue
				}
			}
		}
		if h := titleHeadingLater(e); h != nil {
			h.Level = 1
			e.Blocks = append([]doc.Block{h}, e.Blocks...)
			continue
		}
		h := &doc.Heading{
			BlockBase: doc.BlockBase{Pos: doc.Pos{File: e.File}},
			Level:     1,
			Content:   cloneInlines(e.Title),
		}
		h.ID = r.ids.unique(nameSlug(plainTrim(h.Content)))
		r.keptAnchors[h.ID] = true
		r.titleHeadings[h] = true
		e.Blocks = append([]doc.Block{h}, e.Blocks...)
	}
}

// levelOneHeadings counts the level-1 headings among blocks, not inside
// groups: a file whose parts are of level 1 under a title of its own (the
// pandoc manual's "# Synopsis", "# Description"… under its front matter's
// title) opens with a part, not with its title.
func levelOneHeadings(blocks []doc.Block) int {
	n := 0
	for _, b := range blocks {
		if h, ok := b.(*doc.Heading); ok && h.Level == 1 {
			n++
		}
	}
	return n
}

// titleHeadingLater finds the heading that titles e further down its
// blocks, as insertTitleHeadings describes, and takes it out of them; nil
// when there is none.
func titleHeadingLater(e *doc.Entry) *doc.Heading {
	var first *doc.Heading
	doc.Walk(e.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
		if h, ok := b.(*doc.Heading); ok && first == nil {
			first = h
		}
		return first == nil
	}})
	if first == nil || !sameInlineText(titleInlines(first.Content), e.Title) {
		return nil
	}
	if first.Level == 1 {
		if i := slices.Index(e.Blocks, doc.Block(first)); i > 0 {
			e.Blocks = slices.Delete(e.Blocks, i, i+1)
			return first
		}
	}
	// down the first block of plain groups: nothing comes before it
	blocks := &e.Blocks
	for len(*blocks) > 0 {
		switch b := (*blocks)[0].(type) {
		case *doc.Heading:
			if b != first {
				return nil
			}
			*blocks = (*blocks)[1:]
			return first
		case *doc.Div:
			if b.Kind != doc.DivPlain && b.Kind != doc.DivSection && b.Kind != doc.DivArticle && b.Kind != doc.DivHeader {
				return nil
			}
			blocks = &b.Blocks
		default:
			return nil
		}
	}
	return nil
}

func sameInlineText(a, b []doc.Inline) bool {
	return plainTrim(a) == plainTrim(b)
}

// titleInlines copies inline content for use as a title.
func titleInlines(in []doc.Inline) []doc.Inline {
	out := titleCopy(in)
	if len(out) > 0 {
		if t, ok := out[0].(*doc.Text); ok {
			t.Text = strings.TrimLeft(t.Text, " \t\n")
		}
		if t, ok := out[len(out)-1].(*doc.Text); ok {
			t.Text = strings.TrimRight(t.Text, " \t\n")
		}
	}
	return out
}

func titleCopy(in []doc.Inline) []doc.Inline {
	var b inlineBuilder
	var add func([]doc.Inline)
	add = func(ins []doc.Inline) {
		for _, x := range ins {
			switch x := x.(type) {
			case nil, *doc.NoteRef:
			case *doc.Break:
				b.text(" ")
			case *doc.Text:
				b.text(x.Text)
			case *doc.Link:
				add(x.Content)
			case *doc.Emph:
				b.add(&doc.Emph{Content: titleCopy(x.Content)})
			case *doc.Strong:
				b.add(&doc.Strong{Content: titleCopy(x.Content)})
			case *doc.Strike:
				b.add(&doc.Strike{Content: titleCopy(x.Content)})
			case *doc.Span:
				if slices.Contains(x.Classes, "noteref") {
					// an e-book's note reference, a note marker as a
					// NoteRef is
					continue
				}
				// the heading keeps the span's ID, the one place a link
				// to it leads: a copy with it would be a second target
				s := *x
				s.ID = ""
				s.Content = titleCopy(x.Content)
				if s.Kind != doc.SpanPlain || len(s.Content) > 0 || len(s.Classes) > 0 || s.Lang != "" {
					b.add(&s)
				}
			default:
				b.add(cloneInline(x))
			}
		}
	}
	add(in)
	return b.out
}

// inlineBuilder accumulates inline content, merging adjacent text.
type inlineBuilder struct {
	out []doc.Inline
}

func (b *inlineBuilder) text(s string) {
	if s == "" {
		return
	}
	if n := len(b.out); n > 0 {
		if t, ok := b.out[n-1].(*doc.Text); ok {
			t.Text += s
			return
		}
	}
	b.out = append(b.out, &doc.Text{Text: s})
}

func (b *inlineBuilder) emph(s string) {
	if s != "" {
		b.out = append(b.out, &doc.Emph{Content: []doc.Inline{&doc.Text{Text: s}}})
	}
}

func (b *inlineBuilder) add(in ...doc.Inline) {
	for _, x := range in {
		if t, ok := x.(*doc.Text); ok {
			b.text(t.Text)
			continue
		}
		b.out = append(b.out, x)
	}
}

// cloneInlines deep-copies inline content; note references keep pointing
// at the same notes.
func cloneInlines(in []doc.Inline) []doc.Inline {
	if in == nil {
		return nil
	}
	out := make([]doc.Inline, 0, len(in))
	for _, x := range in {
		if x != nil {
			out = append(out, cloneInline(x))
		}
	}
	return out
}

func cloneInline(x doc.Inline) doc.Inline {
	switch x := x.(type) {
	case *doc.Text:
		c := *x
		return &c
	case *doc.Code:
		c := *x
		return &c
	case *doc.Break:
		return &doc.Break{}
	case *doc.Emph:
		return &doc.Emph{Content: cloneInlines(x.Content)}
	case *doc.Strong:
		return &doc.Strong{Content: cloneInlines(x.Content)}
	case *doc.Strike:
		return &doc.Strike{Content: cloneInlines(x.Content)}
	case *doc.Link:
		c := *x
		c.Content = cloneInlines(x.Content)
		return &c
	case *doc.Image:
		c := *x
		return &c
	case *doc.Math:
		c := *x
		c.Tree = x.Tree.Copy()
		return &c
	case *doc.NoteRef:
		c := *x
		return &c
	case *doc.Span:
		c := *x
		c.Classes = append([]string(nil), x.Classes...)
		c.Content = cloneInlines(x.Content)
		return &c
	}
	return x
}

// dropBanners takes out of their chapters the headings that name the book
// over each of its files: the same heading opening several chapters, each
// time right before a heading of the same level that names the chapter
// ("# You Don't Know JS Yet: Get Started" over "# Chapter 1: What Is
// JavaScript?"). Titled by it, every such chapter would be listed, and
// headed, by the book's name; the title page and running heads say it
// already. A link to a banner leads to its chapter. One warning a banner.
func (r *resolver) dropBanners() {
	type banner struct {
		entries []*doc.Entry
		pos     doc.Pos
	}
	banners := map[string]*banner{}
	var order []string
	for _, e := range r.entries() {
		if e.Kind == doc.KindPart || plainTrim(e.Title) != "" || len(e.Blocks) < 2 {
			continue
		}
		h, ok := e.Blocks[0].(*doc.Heading)
		next, ok2 := e.Blocks[1].(*doc.Heading)
		if !ok || !ok2 || h.Level != next.Level || plainTrim(next.Content) == "" {
			continue
		}
		text := plainTrim(h.Content)
		b := banners[text]
		if b == nil {
			b = &banner{pos: posIn(h.Pos, e.File)}
			banners[text] = b
			order = append(order, text)
		}
		b.entries = append(b.entries, e)
	}
	for _, text := range order {
		b := banners[text]
		if len(b.entries) < 2 {
			continue
		}
		for _, e := range b.entries {
			h := e.Blocks[0].(*doc.Heading)
			if h.ID != "" {
				delete(r.keptAnchors, h.ID)
				r.bannerAnchors[h.ID] = true
			}
			e.Blocks = e.Blocks[1:]
		}
		r.warnf(b.pos, "title.banner", "%d chapters open with the heading %q over their own; it is left out of them, and each takes its title from the heading after it (a title in the manifest chooses otherwise)", len(b.entries), text)
	}
}
