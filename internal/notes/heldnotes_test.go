package notes

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// noteref is an e-book's reference to a note, raised as the HTML reader
// raises it.
func noteref(url, label string) doc.Inline {
	return &doc.Span{Kind: doc.SpanSuperscript, Classes: []string{"noteref"},
		Content: []doc.Inline{&doc.Link{URL: url, NoteRole: doc.NoteRoleRef, Page: doc.PageNone, Content: []doc.Inline{txt(label)}}}}
}

// backlink is a note's way back to its reference.
func backlink(url string) doc.Inline {
	return &doc.Link{URL: url, NoteRole: doc.NoteRoleBack, Content: []doc.Inline{txt("↩")}}
}

// noteBody is a note's body as the HTML reader marks it.
func noteBody(file string, line int, id, text, back string) *doc.Div {
	p := para(file, line, txt(text))
	if back != "" {
		p.Content = append(p.Content, txt(" "), backlink(back))
	}
	return &doc.Div{BlockBase: doc.BlockBase{Pos: doc.Pos{File: file, Line: line}}, ID: id, HeldNote: true, Blocks: []doc.Block{p}}
}

// endnotesPage is an e-book's endnotes page holding notes.
func endnotesPage(notes ...*doc.Div) *doc.Entry {
	list := &doc.List{Ordered: true, Start: 1}
	for _, n := range notes {
		list.Items = append(list.Items, &doc.ListItem{Blocks: []doc.Block{n}})
	}
	e := chapter("text/endnotes.xhtml", &doc.Div{Kind: doc.DivSection, ID: "endnotes", Blocks: []doc.Block{
		heading("text/endnotes.xhtml", 2, 2, "endnotes-title", txt("Endnotes")), list}})
	e.Kind = doc.KindBackMatter
	return e
}

// summary writes each entry's file, its text with note markers as
// [label] and links as <text→target>, and its notes.
func summary(b *doc.Book) string {
	var sb strings.Builder
	var inl func([]doc.Inline)
	inl = func(ins []doc.Inline) {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.Text:
				sb.WriteString(in.Text)
			case *doc.NoteRef:
				sb.WriteString("[" + in.Note.Label + "]")
			case *doc.Link:
				sb.WriteString("<")
				inl(in.Content)
				sb.WriteString("→" + in.Entry + "#" + in.Anchor + ">")
			default:
				inl(doc.InlineChildren(in))
			}
		}
	}
	blocks := func(bs []doc.Block) {
		doc.Walk(bs, doc.Visitor{Block: func(b doc.Block) bool {
			for _, ins := range doc.BlockInlines(b) {
				sb.WriteString(" ")
				inl(ins)
				sb.WriteString(" /")
			}
			return true
		}})
	}
	for _, e := range b.Chapters() {
		if e.Generated {
			continue
		}
		sb.WriteString(e.File + ":")
		blocks(e.Blocks)
		for _, n := range e.Notes {
			if n.Kind == doc.FootnoteNote {
				sb.WriteString(" note " + n.Label + ":")
				blocks(n.Blocks)
			}
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

func TestHeldNotes(t *testing.T) {
	const ch1, ch2, en = "text/chapter-1.xhtml", "text/chapter-2.xhtml", "text/endnotes.xhtml"
	tests := []struct {
		name      string
		numbering string
		entries   func() []*doc.Entry
		want      string
		warnings  []string
		inputs    []string // files the colophon must list
	}{
		{
			name: "endnotes page taken whole",
			entries: func() []*doc.Entry {
				return []*doc.Entry{
					chapter(ch1, heading(ch1, 1, 1, "one", txt("One")),
						para(ch1, 3, txt("Bourgeoisie"), noteref("endnotes.xhtml#note-1", "1"), txt(" and proletariat"), noteref("endnotes.xhtml#note-2", "2"), txt("."))),
					chapter(ch2, heading(ch2, 1, 1, "two", txt("Two")),
						para(ch2, 3, txt("Guild-master"), noteref("endnotes.xhtml#note-3", "3"), txt("."))),
					endnotesPage(
						noteBody(en, 4, "note-1", "By bourgeoisie is meant the class of modern capitalists.", "chapter-1.xhtml#noteref-1"),
						noteBody(en, 5, "note-2", "By proletariat, the class of modern wage labourers.", "chapter-1.xhtml#noteref-2"),
						noteBody(en, 6, "note-3", "Guild-master, that is, a full member of a guild.", "chapter-2.xhtml#noteref-3")),
				}
			},
			want: ch1 + ": One / Bourgeoisie[1] and proletariat[2]. / note 1: By bourgeoisie is meant the class of modern capitalists. / note 2: By proletariat, the class of modern wage labourers. /\n" +
				ch2 + ": Two / Guild-master[1]. / note 1: Guild-master, that is, a full member of a guild. /\n",
			inputs: []string{ch1, ch2, en},
		},
		{
			name:      "numbered through the book",
			numbering: "book",
			entries: func() []*doc.Entry {
				return []*doc.Entry{
					chapter(ch1, heading(ch1, 1, 1, "one", txt("One")), para(ch1, 3, txt("A"), noteref("endnotes.xhtml#note-1", "1"))),
					chapter(ch2, heading(ch2, 1, 1, "two", txt("Two")), para(ch2, 3, txt("B"), noteref("endnotes.xhtml#note-2", "2"))),
					endnotesPage(noteBody(en, 4, "note-1", "First.", "chapter-1.xhtml#noteref-1"), noteBody(en, 5, "note-2", "Second.", "chapter-2.xhtml#noteref-2")),
				}
			},
			want:   ch1 + ": One / A[1] / note 1: First. /\n" + ch2 + ": Two / B[2] / note 2: Second. /\n",
			inputs: []string{en},
		},
		{
			name: "a note nothing references stays on its page",
			entries: func() []*doc.Entry {
				return []*doc.Entry{
					chapter(ch1, heading(ch1, 1, 1, "one", txt("One")), para(ch1, 3, txt("A"), noteref("endnotes.xhtml#note-1", "1"))),
					endnotesPage(noteBody(en, 4, "note-1", "Taken.", "chapter-1.xhtml#noteref-1"), noteBody(en, 5, "note-2", "Left.", "chapter-1.xhtml#noteref-1")),
				}
			},
			want: ch1 + ": One / A[1] / note 1: Taken. /\n" +
				en + ": Endnotes / Left. <↩→#> /\n",
			// its way back leads to a reference that is not there
			warnings: []string{`text/endnotes.xhtml:5: link "chapter-1.xhtml#noteref-1": no heading "noteref-1" in text/chapter-1.xhtml; printed as text`},
		},
		{
			name: "a note in the page itself, referenced twice",
			entries: func() []*doc.Entry {
				aside := noteBody(ch1, 9, "fn1", "An aside.", "#ref1")
				aside.Kind = doc.DivAside
				return []*doc.Entry{
					chapter(ch1, heading(ch1, 1, 1, "one", txt("One")),
						para(ch1, 3, txt("A"), noteref("#fn1", "1"), txt(" and again"), noteref("chapter-1.xhtml#fn1", "1")), aside),
				}
			},
			want: ch1 + ": One / A[1] and again[1] / note 1: An aside. /\n",
		},
		{
			name: "a note referenced from two chapters is in both",
			entries: func() []*doc.Entry {
				return []*doc.Entry{
					chapter(ch1, heading(ch1, 1, 1, "one", txt("One")), para(ch1, 3, txt("A"), noteref("endnotes.xhtml#note-1", "1"))),
					chapter(ch2, heading(ch2, 1, 1, "two", txt("Two")), para(ch2, 3, txt("B"), noteref("endnotes.xhtml#note-1", "1"))),
					endnotesPage(noteBody(en, 4, "note-1", "Shared.", "")),
				}
			},
			want: ch1 + ": One / A[1] / note 1: Shared. /\n" + ch2 + ": Two / B[1] / note 1: Shared. /\n",
		},
		{
			name: "a reference to what is no note stays a link",
			entries: func() []*doc.Entry {
				return []*doc.Entry{
					chapter(ch1, heading(ch1, 1, 1, "one", txt("One")), para(ch1, 3, txt("A"), noteref("chapter-2.xhtml#two", "1"))),
					chapter(ch2, heading(ch2, 1, 1, "two", txt("Two"))),
				}
			},
			want: ch1 + ": One / A<1→chapter-2#two> /\n" + ch2 + ": Two /\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			book := &doc.Book{Meta: doc.Meta{Title: "Pamphlet", Language: "en"}, Entries: tt.entries()}
			opts := Options{Numbering: tt.numbering}
			warns, err := Resolve(book, Input{FS: fstest.MapFS{}, ParseMarkdown: fakeMarkdown, Options: opts})
			if err != nil {
				t.Fatal(err)
			}
			checkWarnings(t, warns, tt.warnings...)
			if got := summary(book); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			var colophon strings.Builder
			doc.Walk(book.Colophon, doc.Visitor{Inline: func(in doc.Inline) bool {
				switch in := in.(type) {
				case *doc.Text:
					colophon.WriteString(in.Text)
				case *doc.Code:
					colophon.WriteString(in.Text + " ")
				}
				return true
			}})
			for _, f := range tt.inputs {
				if !strings.Contains(colophon.String(), f) {
					t.Errorf("the colophon does not list %s:\n%s", f, colophon.String())
				}
			}
		})
	}
}
