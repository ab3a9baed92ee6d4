package site

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/filetest"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/validate"
)

func text(s string) []doc.Inline { return []doc.Inline{&doc.Text{Text: s}} }

func para(ins ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Content: ins} }

// smallBook has what a site shows: a title page, a part with a source and
// its provenance note, a chapter with a footnote and an annotation, a
// link between chapters, a picture and print page breaks.
func smallBook(t *testing.T) (*doc.Book, *doc.PageMap) {
	t.Helper()
	foot := &doc.Note{Kind: doc.FootnoteNote, ID: "n-one-1", Label: "1", Refs: 1, Blocks: []doc.Block{para(&doc.Text{Text: "A footnote."})}, Pos: doc.Pos{File: "one.md", Line: 9}}
	ann := &doc.Note{Kind: doc.AnnotationNote, ID: "a-one-a", Label: "a", Refs: 1, Blocks: []doc.Block{para(&doc.Text{Text: "An editor's note."})}}
	prov := &doc.Note{Kind: doc.ProvenanceNote, ID: "p-source", Label: "*", Refs: 1, Blocks: []doc.Block{para(&doc.Emph{Content: text("Where it came from.")})}}
	first := para(&doc.Text{Text: "The first chapter, with a note"}, &doc.NoteRef{Note: foot},
		&doc.Text{Text: " and a remark"}, &doc.NoteRef{Note: ann}, &doc.Text{Text: "."})
	picture := &doc.Figure{ID: "fig-map", Image: &doc.Image{Alt: "A map", Asset: &doc.Asset{Path: "img/map.png", MediaType: "image/png", Data: []byte("\x89PNG\r\n\x1a\nnot really"), Width: 40, Height: 30}}, Caption: text("The map.")}
	one := &doc.Entry{ID: "one", Kind: doc.KindChapter, Title: text("One"), File: "one.md", Pos: doc.Pos{File: "manifest.yaml", Line: 4},
		Blocks: []doc.Block{
			&doc.Heading{Level: 1, ID: "one-title", Content: text("Chapter One")},
			first,
			&doc.Heading{Level: 2, ID: "more", Content: text("More")},
			para(&doc.Text{Text: "See "}, &doc.Link{URL: "source.md#quote", Entry: "source", Anchor: "quote", Content: text("the source")}, &doc.Text{Text: "."}),
			picture,
		},
		Notes: []*doc.Note{foot, ann},
	}
	quote := &doc.Heading{Level: 2, ID: "quote", Content: text("The quote")}
	source := &doc.Entry{ID: "source", Kind: doc.KindSource, File: "source.md",
		Blocks: []doc.Block{
			&doc.Heading{Level: 1, ID: "source-title", Content: []doc.Inline{&doc.Text{Text: "A Source"}, &doc.NoteRef{Note: prov}}},
			quote,
			para(&doc.Text{Text: "Quoted words & more."}),
		},
		Notes: []*doc.Note{prov},
	}
	part := &doc.Entry{ID: "part", Kind: doc.KindPart, Title: text("Sources"), Children: []*doc.Entry{source}}
	book := &doc.Book{
		Meta: doc.Meta{Title: "A Small Book", Subtitle: "For tests", Language: "en", Publisher: "samizdat",
			Creators: []doc.Creator{{Name: "An Editor", Role: "edt"}}, Generator: "samizdat test"},
		Entries:  []*doc.Entry{one, part},
		Colophon: []doc.Block{para(&doc.Text{Text: "Made for the tests."})},
	}
	if err := doc.Validate(book); err != nil {
		t.Fatal(err)
	}
	pm := &doc.PageMap{Breaks: []doc.PageBreak{
		{Label: "1", Entry: one},
		{Label: "2", Entry: one, Block: first, Offset: 10},
		{Label: "3", Entry: source, Block: quote},
	}}
	return book, pm
}

func writeSite(t *testing.T, book *doc.Book, opts Options) (map[string][]byte, []string) {
	t.Helper()
	files, warnings, err := Write(book, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		t.Errorf("warnings: %v", warnings)
	}
	out := map[string][]byte{}
	var names []string
	for _, f := range files {
		if _, dup := out[f.Name]; dup {
			t.Errorf("%s written twice", f.Name)
		}
		out[f.Name] = f.Data
		names = append(names, f.Name)
	}
	return out, names
}

func TestSiteGolden(t *testing.T) {
	book, pm := smallBook(t)
	files, _ := writeSite(t, book, Options{TocDepth: 1, PageMap: pm})
	for _, name := range []string{"index.html", "one.html", "source.html"} {
		filetest.Golden(t, filepath.Join("testdata", name+".golden"), files[name])
	}
}

// TestSiteFilesAndLinks: the site holds a page per entry, its stylesheets,
// fonts and pictures, and every link in it leads somewhere in it, from a
// file:// URL as from a web server.
func TestSiteFilesAndLinks(t *testing.T) {
	book, pm := smallBook(t)
	faces, err := fonts.Load(fonts.EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	files, names := writeSite(t, book, Options{Fonts: faces, TocDepth: 1, PageMap: pm, Script: "live.js"})
	want := []string{"index.html", "one.html", "part.html", "source.html", "css/book.css", "css/site.css",
		"css/fonts.css", "fonts/serif-regular.ttf", "fonts/serif-bolditalic.ttf", "images/map.png"}
	for _, w := range want {
		if !slices.Contains(names, w) {
			t.Errorf("no %s in %v", w, names)
		}
	}
	// each face is cut to the characters the pages hold: a TrueType font
	// a small part of the face's whole file
	for _, wf := range fonts.WebFaces {
		data, ok := files["fonts/"+wf.File+".ttf"]
		if !ok {
			continue
		}
		if _, format, _ := fonts.FileFormat(data); format != "truetype" || len(data)*10 > len(faces.Data(wf.Face)) {
			t.Errorf("%s: %s of %d bytes for a face of %d: not cut to the pages' characters", wf.File, format, len(data), len(faces.Data(wf.Face)))
		}
	}
	// the small book has an annotation (its backlink bold italic) but no
	// code: the site ships no mono face
	for _, name := range names {
		if strings.HasPrefix(name, "fonts/mono") || strings.Contains(string(files["css/fonts.css"]), "Mono") {
			t.Errorf("a face no page uses is shipped: %s", name)
		}
	}
	if names[0] != IndexFile {
		t.Errorf("first file %s, want index.html", names[0])
	}
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "live.js"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	pages, problems := validate.CheckSite(dir)
	for _, p := range problems {
		t.Error(p)
	}
	if got := pages["source.html"]; got == nil || !slices.Equal(got.Notes, []string{"p-source"}) || got.Headings[0] != "A Source*" {
		t.Errorf("source.html: %+v", got)
	}
	if got := pages["one.html"]; got == nil || !slices.Equal(got.Notes, []string{"n-one-1", "a-one-a"}) || got.Title != "One — A Small Book" {
		t.Errorf("one.html: %+v", got)
	}
	for _, w := range []string{
		`<span role="doc-pagebreak" id="page-2" aria-label="2" class="pagebreak">2</span>`,
		`<a href="source.html#quote">the source</a>`,
		`<a href="part.html" rel="next" class="next">`,
		`<a href="index.html" rel="prev" class="prev">`,
		`<img src="images/map.png" alt="A map" width="40" height="30"/>`,
		`<script src="live.js" defer="defer"></script>`,
	} {
		if !strings.Contains(string(files["one.html"]), w) {
			t.Errorf("one.html lacks %s", w)
		}
	}
	if !strings.Contains(string(files["part.html"]), `<a href="source.html">A Source*</a>`) &&
		!strings.Contains(string(files["part.html"]), `<a href="source.html">A Source</a>`) {
		t.Errorf("the part's page does not lead to its chapter:\n%s", files["part.html"])
	}
}

// A book in a right-to-left language reads right to left, its arrows too.
func TestSiteRightToLeft(t *testing.T) {
	book, _ := smallBook(t)
	book.Meta.Language = "ar"
	files, _ := writeSite(t, book, Options{})
	page := string(files["one.html"])
	if !strings.Contains(page, `lang="ar" xml:lang="ar" dir="rtl"`) || !strings.Contains(page, `<span aria-hidden="true">→</span>`) {
		t.Errorf("not right to left:\n%s", page)
	}
}

// An entry in another language says so on its text, not on the page's
// frame, whose words are the book's.
func TestSiteEntryInAnotherLanguage(t *testing.T) {
	book, _ := smallBook(t)
	book.Entries[1].Children[0].Language = "fr"
	files, _ := writeSite(t, book, Options{})
	page := string(files["source.html"])
	if !strings.Contains(page, `<html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">`) ||
		!strings.Contains(page, `class="source" aria-labelledby="source-title" lang="fr" xml:lang="fr">`) {
		t.Errorf("languages:\n%s", page)
	}
}

func TestSiteNeedsAValidTree(t *testing.T) {
	if _, _, err := Write(&doc.Book{}, Options{}); err == nil || !strings.Contains(err.Error(), "doc.Validate") {
		t.Errorf("err %v", err)
	}
}
