package epub

import (
	"bytes"
	"image/color"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/filetest"
)

// fuzzBook puts the fuzzer's strings in every field a user controls: text,
// URLs, classes, titles, IDs, languages, labels and metadata. Entry IDs,
// which the resolve pass makes, are fixed.
func fuzzBook(text, link, class, title, id string) (*doc.Book, *doc.PageMap) {
	img := &doc.Asset{Path: id + ".png", MediaType: "image/png", Data: pngBytes(2, 2, color.Black)}
	note := &doc.Note{Kind: doc.NoteKind(len(text) % 3), ID: "n-" + id, Label: title, Refs: 1,
		Blocks: []doc.Block{para(txt(text))}}
	body := para(
		txt(text), &doc.NoteRef{Note: note},
		&doc.Link{URL: link, Title: title, External: true, Content: []doc.Inline{txt(text)}},
		&doc.Link{URL: link, Entry: "e1", Anchor: id, Content: []doc.Inline{txt(title)}},
		&doc.Link{URL: link},
		&doc.Span{Kind: doc.SpanKind(len(class) % 16), Classes: []string{class}, Title: title, Lang: class, Content: []doc.Inline{txt(text)}},
		&doc.Image{Src: link, Alt: text, Title: title, Asset: img},
		&doc.Image{Src: link, Alt: title},
		&doc.Code{Text: text},
	)
	heading := &doc.Heading{Level: 1 + len(title)%6, ID: id, Classes: []string{class}, Content: []doc.Inline{txt(title)}}
	entry := &doc.Entry{
		ID: "e1", Kind: doc.EntryKind(len(class) % 5), Title: []doc.Inline{txt(title)}, Role: doc.EntryRole(len(title) % 2),
		Provenance: &doc.Provenance{URL: link, Citation: []doc.Inline{txt(text)}},
		Blocks: []doc.Block{
			heading, body,
			&doc.CodeBlock{Language: class, Text: text},
			&doc.Figure{ID: id + "-figure", Image: &doc.Image{Src: link, Alt: text, Asset: img}, Caption: []doc.Inline{txt(title)}},
			&doc.Div{ID: id + "-div", Classes: []string{class}, Kind: doc.DivKind(len(title) % 13), Blocks: []doc.Block{para(txt(text))}},
			&doc.Table{Align: []doc.Align{doc.Align(len(text) % 4)}, Header: []*doc.TableCell{{Content: []doc.Inline{txt(title)}}}, Rows: [][]*doc.TableCell{{{Content: []doc.Inline{txt(text)}}}}},
		},
		Notes: []*doc.Note{note},
	}
	book := &doc.Book{
		Meta: doc.Meta{Title: title, Subtitle: text, Language: class, Identifier: id, Publisher: text,
			Date: title, Rights: text, Description: text, Subjects: []string{text},
			Creators: []doc.Creator{{Name: text, FileAs: title, Role: class}}, Generator: title},
		Entries:  []*doc.Entry{entry, {ID: "e2", Title: []doc.Inline{txt(text)}}},
		Colophon: []doc.Block{para(txt(text))},
	}
	pm := &doc.PageMap{Source: title, Breaks: []doc.PageBreak{
		{Label: title, Entry: entry, Block: body, Offset: len(text) % 7},
		{Label: id, Entry: entry, Block: heading},
	}}
	return book, pm
}

// FuzzXHTML checks that no input breaks the markup: every XHTML document,
// the package document and the NCX parse as strict XML, IDs are unique
// NCNames, and every internal reference resolves.
func FuzzXHTML(f *testing.F) {
	f.Add("text", "https://example.org/", "note", "Title", "ch-1")
	f.Add(hostile, "javascript:alert(1)", hostile, hostile, hostile)
	f.Add("]]><!--", "http://[::1", "a b\tc", "\"'<>&", "1 2")
	f.Add("\xff\xfe\x00", "mailto:x@y?subject=<\x01>", "\u2028", "\uFFFE", "id\x00")
	f.Add("", "", "", "", "")
	f.Add("abc", "#x", "time", "section", "x")
	f.Fuzz(func(t *testing.T, text, link, class, title, id string) {
		book, pm := fuzzBook(text, link, class, title, id)
		if err := doc.Validate(book); err != nil {
			t.Skipf("IDs that clash make no valid tree: %v", err)
		}
		var buf bytes.Buffer
		if _, err := Write(&buf, book, Options{Cover: tinyCover, PageMap: pm, Fonts: testFonts(t)}); err != nil {
			t.Fatalf("Write: %v", err)
		}
		checkPackage(t, filetest.Unzip(t, buf.Bytes()))
	})
}
