// Package layouttest generates books for layout tests and benchmarks: long,
// varied and deterministic, with everything that has ever broken a page
// (long code lines and URLs, long footnotes, tables, images with and without
// data, nested lists, Cyrillic text, typographic quotes).
package layouttest

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

var words = strings.Fields(`the of and to in a is that for it as was with be by on not he I this are or his
from at which but have an they you were her she there been one all we their has would when if so no
will can more other who what its only into some could time these two may then do first any my now
such like our over man me even most made after also did many before must through back years where much
your way well down should because each just those people how too little state good very make world
still own see men work long get here between both life being under never day same another know while
last might us great old year off come since against go came right used take three workers opposition
revolution trade unions party congress organization bureaucracy proletariat comrades initiative
production economy soviet committee discussion principles democracy leadership collective management
responsibility administrative consciousness emancipation internationale typesetting manuscript
extraordinary misunderstanding representatives electrification industrialization`)

var cyrillic = strings.Fields(`рабочая оппозиция революция профсоюзы партия съезд товарищи
производство коллектив демократия пролетариат инициатива`)

// Gen builds a book. Chapters sets its length: about 15 pages each at the
// default 6×9 in and 10.5 pt, so 40 chapters make some 600 pages.
type Gen struct {
	rng     *rand.Rand
	noteSeq int
}

// Book returns a deterministic book of the given number of chapters.
func Book(chapters int, seed uint64) *doc.Book {
	g := &Gen{rng: rand.New(rand.NewPCG(seed, seed^0x5eed))}
	b := &doc.Book{Meta: doc.Meta{
		Title: "The Workers’ Opposition and Its Critics: A Reader", Subtitle: "Documents of the 1921 trade-union debate",
		Language: "en", Publisher: "Samizdat Test Press",
		Creators: []doc.Creator{{Name: "Alexandra Kollontai", Role: "aut"}, {Name: "A. N. Editor", Role: "edt"}, {Name: "T. Translator", Role: "trl"}},
	}}
	b.Colophon = []doc.Block{
		g.para(2, false, nil),
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "Licensed CC BY-SA 4.0. Made with samizdat."}}},
	}
	pre := g.entry("preface", doc.KindFrontMatter, "Preface", 3, 0)
	b.Entries = append(b.Entries, pre)
	part := 0
	var cur *doc.Entry
	for i := 0; i < chapters; i++ {
		if i%8 == 0 {
			part++
			cur = &doc.Entry{ID: fmt.Sprintf("part-%d", part), Kind: doc.KindPart, Title: []doc.Inline{&doc.Text{Text: fmt.Sprintf("Part %d: Debates", part)}}}
			b.Entries = append(b.Entries, cur)
		}
		kind := doc.KindChapter
		if i%3 == 1 {
			kind = doc.KindSource
		}
		e := g.entry(fmt.Sprintf("ch-%d", i+1), kind, g.title(), 40, i)
		cur.Children = append(cur.Children, e)
	}
	b.Entries = append(b.Entries, g.entry("sources", doc.KindBackMatter, "Sources and permissions", 4, 0))
	return b
}

func (g *Gen) n(k int) int { return g.rng.IntN(k) }

func (g *Gen) word() string {
	if g.n(60) == 0 {
		return cyrillic[g.n(len(cyrillic))]
	}
	return words[g.n(len(words))]
}

func (g *Gen) title() string {
	var ws []string
	for i := 0; i < 2+g.n(6); i++ {
		ws = append(ws, g.word())
	}
	r := []rune(strings.Join(ws, " "))
	return strings.ToUpper(string(r[:1])) + string(r[1:])
}

func (g *Gen) sentence() string {
	var sb strings.Builder
	n := 6 + g.n(18)
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(' ')
		}
		w := g.word()
		if i == 0 {
			r := []rune(w)
			w = strings.ToUpper(string(r[:1])) + string(r[1:])
		}
		switch g.n(40) {
		case 0:
			w = "“" + w + "”"
		case 1:
			w = "‘" + w + "’"
		case 2:
			w += ","
		case 3:
			w += " —"
		}
		sb.WriteString(w)
	}
	sb.WriteString(".")
	return sb.String()
}

// inlines makes a paragraph's content: sentences with emphasis, code,
// links (some with very long URLs) and note references.
func (g *Gen) inlines(sentences int, e *doc.Entry) []doc.Inline {
	var out []doc.Inline
	for i := 0; i < sentences; i++ {
		if i > 0 {
			out = append(out, &doc.Text{Text: " "})
		}
		s := g.sentence()
		switch g.n(14) {
		case 0:
			r := []rune(s)
			out = append(out, &doc.Text{Text: string(r[:len(r)/2]) + " "}, &doc.Emph{Content: []doc.Inline{&doc.Text{Text: g.word() + " " + g.word()}}}, &doc.Text{Text: " " + string(r[len(r)/2:])})
		case 1:
			out = append(out, &doc.Strong{Content: []doc.Inline{&doc.Text{Text: g.word()}}}, &doc.Text{Text: " " + s})
		case 2:
			out = append(out, &doc.Text{Text: "Run "}, &doc.Code{Text: "samizdat build --edition=" + g.word()}, &doc.Text{Text: " then " + s})
		case 3:
			url := "https://archive.example.org/collections/" + strings.Repeat(g.word()+"-", 6) + "document.html?page=12&lang=en"
			out = append(out, &doc.Text{Text: "See "}, &doc.Link{URL: url, External: true, Content: []doc.Inline{&doc.Text{Text: "the archive"}}}, &doc.Text{Text: " or " + url + " itself. " + s})
		case 4:
			out = append(out, &doc.Text{Text: s + " Compare "}, &doc.Code{Text: "a_very_long_identifier_without_any_spaces_" + strings.Repeat("x", 60)}, &doc.Text{Text: "."})
		case 5:
			out = append(out, &doc.Strike{Content: []doc.Inline{&doc.Text{Text: g.word()}}}, &doc.Text{Text: " H"}, &doc.Span{Kind: doc.SpanSubscript, Content: []doc.Inline{&doc.Text{Text: "2"}}}, &doc.Text{Text: "O and E = mc"}, &doc.Span{Kind: doc.SpanSuperscript, Content: []doc.Inline{&doc.Text{Text: "2"}}}, &doc.Text{Text: ". " + s})
		default:
			out = append(out, &doc.Text{Text: s})
		}
		if e != nil && g.n(9) == 0 {
			out = append(out, g.noteRef(e))
		}
	}
	return out
}

func (g *Gen) noteRef(e *doc.Entry) doc.Inline {
	g.noteSeq++
	kind := doc.FootnoteNote
	if g.n(5) == 0 {
		kind = doc.AnnotationNote
	}
	label := fmt.Sprint(len(e.Notes) + 1)
	if kind == doc.AnnotationNote {
		label = string(rune('a' + len(e.Notes)%26))
	}
	n := &doc.Note{Kind: kind, ID: fmt.Sprintf("n-%d", g.noteSeq), Label: label, Refs: 1}
	paras := 1
	if g.n(12) == 0 {
		paras = 4 + g.n(6) // long enough to split across pages
	}
	for i := 0; i < paras; i++ {
		n.Blocks = append(n.Blocks, &doc.Paragraph{Content: g.inlines(1+g.n(3), nil)})
	}
	e.Notes = append(e.Notes, n)
	return &doc.NoteRef{Note: n}
}

func (g *Gen) para(sentences int, withNotes bool, e *doc.Entry) *doc.Paragraph {
	if !withNotes {
		e = nil
	}
	return &doc.Paragraph{Content: g.inlines(sentences, e)}
}

func (g *Gen) entry(id string, kind doc.EntryKind, title string, blocks int, idx int) *doc.Entry {
	e := &doc.Entry{ID: id, Kind: kind, Title: []doc.Inline{&doc.Text{Text: title}}, File: id + ".md"}
	if kind == doc.KindSource {
		e.Provenance = &doc.Provenance{Author: "Alexandra Kollontai", Date: "1921", Title: title}
	}
	e.Blocks = append(e.Blocks, &doc.Heading{Level: 1, ID: id + "-title", Content: []doc.Inline{&doc.Text{Text: title}}})
	if kind == doc.KindSource {
		g.noteSeq++
		n := &doc.Note{Kind: doc.ProvenanceNote, ID: fmt.Sprintf("n-%d", g.noteSeq), Label: "*", Refs: 1,
			Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "Alexandra Kollontai, "}, &doc.Emph{Content: []doc.Inline{&doc.Text{Text: title}}}, &doc.Text{Text: " (Moscow, 1921). Public domain."}}}}}
		e.Notes = append(e.Notes, n)
		e.Blocks = append(e.Blocks, &doc.Paragraph{Content: append(g.inlines(3, nil), &doc.NoteRef{Note: n})})
	}
	sec := 0
	for i := 0; i < blocks; i++ {
		switch r := g.n(40); {
		case r < 3 && i > 2:
			sec++
			e.Blocks = append(e.Blocks, &doc.Heading{Level: 2, ID: fmt.Sprintf("%s-s%d", id, sec), Content: []doc.Inline{&doc.Text{Text: g.title()}}})
		case r == 3:
			e.Blocks = append(e.Blocks, &doc.Heading{Level: 3, ID: fmt.Sprintf("%s-h3-%d", id, i), Content: []doc.Inline{&doc.Text{Text: g.title()}}})
		case r == 4:
			e.Blocks = append(e.Blocks, &doc.BlockQuote{Blocks: []doc.Block{g.para(3+g.n(5), true, e), g.para(2, false, e)}})
		case r == 5:
			e.Blocks = append(e.Blocks, g.list(e, 0))
		case r == 6:
			e.Blocks = append(e.Blocks, g.code())
		case r == 7:
			e.Blocks = append(e.Blocks, g.table(e))
		case r == 8:
			e.Blocks = append(e.Blocks, g.figure(id, i))
		case r == 9:
			e.Blocks = append(e.Blocks, &doc.ThematicBreak{})
		case r == 10:
			e.Blocks = append(e.Blocks, &doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: g.sentence()}, &doc.Break{}, &doc.Text{Text: g.sentence()}}})
		default:
			e.Blocks = append(e.Blocks, g.para(2+g.n(9), true, e))
		}
	}
	return e
}

func (g *Gen) list(e *doc.Entry, depth int) *doc.List {
	l := &doc.List{Ordered: g.n(2) == 0, Start: 1, Tight: g.n(2) == 0}
	for i := 0; i < 2+g.n(4); i++ {
		it := &doc.ListItem{Blocks: []doc.Block{g.para(1+g.n(3), true, e)}}
		if !l.Ordered && g.n(4) == 0 {
			it.Task = doc.TaskOpen + doc.TaskState(g.n(2))
		}
		if depth < 2 && g.n(4) == 0 {
			it.Blocks = append(it.Blocks, g.list(e, depth+1))
		}
		l.Items = append(l.Items, it)
	}
	return l
}

func (g *Gen) code() *doc.CodeBlock {
	var lines []string
	for i := 0; i < 3+g.n(25); i++ {
		ind := strings.Repeat("    ", g.n(4))
		switch g.n(6) {
		case 0:
			lines = append(lines, ind+"url = \"https://example.org/"+strings.Repeat("very/long/path/", 8)+"\" // a line far wider than the measure")
		case 1:
			lines = append(lines, "")
		default:
			lines = append(lines, ind+fmt.Sprintf("if err := %s(%s); err != nil { return err }", g.word(), g.word()))
		}
	}
	return &doc.CodeBlock{Language: "go", Text: strings.Join(lines, "\n")}
}

func (g *Gen) table(e *doc.Entry) *doc.Table {
	cols := 2 + g.n(4)
	t := &doc.Table{Align: make([]doc.Align, cols)}
	for c := 0; c < cols; c++ {
		t.Align[c] = doc.Align(g.n(4))
		t.Header = append(t.Header, &doc.TableCell{Content: []doc.Inline{&doc.Text{Text: g.title()}}})
	}
	rows := 2 + g.n(8)
	if g.n(6) == 0 {
		rows = 40 + g.n(30) // long enough to continue on another page
	}
	for r := 0; r < rows; r++ {
		var row []*doc.TableCell
		for c := 0; c < cols; c++ {
			var content []doc.Inline
			switch g.n(8) {
			case 0:
				content = []doc.Inline{&doc.Text{Text: g.sentence() + " " + g.sentence()}}
			case 1:
				content = []doc.Inline{&doc.Code{Text: "https://example.org/" + strings.Repeat("segment/", 6)}}
			default:
				content = []doc.Inline{&doc.Text{Text: g.word() + " " + fmt.Sprint(g.n(1000))}}
			}
			row = append(row, &doc.TableCell{Content: content})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func (g *Gen) figure(id string, i int) *doc.Figure {
	img := &doc.Image{Src: fmt.Sprintf("images/%s-%d.png", id, i), Alt: "A photograph of a " + g.word() + " meeting in 1921"}
	switch g.n(3) {
	case 0:
		w, h := 60+g.n(300), 40+g.n(300)
		img.Asset = &doc.Asset{Path: img.Src, MediaType: "image/png", Data: pngData(w, h), Width: w, Height: h}
	case 1:
		img.Asset = &doc.Asset{Path: img.Src, MediaType: "image/svg+xml", Data: []byte("<svg/>")} // no size
	}
	return &doc.Figure{Image: img, Caption: []doc.Inline{&doc.Text{Text: g.sentence()}}, ID: fmt.Sprintf("%s-fig-%d", id, i)}
}

// pngData is a real PNG of w×h pixels (a gradient), so a painter can decode it.
func pngData(w, h int) []byte {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetGray(x, y, color.Gray{Y: uint8(255 * (x + y) / (w + h))})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil
	}
	return buf.Bytes()
}
