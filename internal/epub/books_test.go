package epub

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// Test books are built by hand so that every node type, note kind and
// image format appears, and so that hostile strings can be put in every
// field a user controls.

var testModified = time.Date(2024, 5, 1, 12, 30, 45, 0, time.UTC)

var (
	fontsOnce sync.Once
	fontSet   *fonts.Set
)

func testFonts(t testing.TB) *fonts.Set {
	fontsOnce.Do(func() {
		set, err := fonts.Load(fonts.EmbeddedFiles())
		if err != nil {
			panic(err)
		}
		fontSet = set
	})
	return fontSet
}

func pngBytes(w, h int, c color.Color) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func jpegBytes() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 6))
	for y := 0; y < 6; y++ {
		for x := 0; x < 8; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 30), uint8(y * 40), 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func gifBytes() []byte {
	img := image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.White, color.Black})
	img.SetColorIndex(1, 1, 1)
	var buf bytes.Buffer
	if err := gif.Encode(&buf, img, nil); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// webpBytes is a 1×1 lossless WebP image.
func webpBytes() []byte {
	b, err := base64.StdEncoding.DecodeString("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
	if err != nil {
		panic(err)
	}
	return b
}

const svgImage = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">
  <title>Two boxes</title>
  <rect x="5" y="5" width="50" height="50" fill="#8c1c13"/>
  <rect x="65" y="5" width="50" height="50" fill="#1c1a17"/>
</svg>
`

func txt(s string) *doc.Text { return &doc.Text{Text: s} }

func para(ins ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Content: ins} }

// strs are the strings a test book puts in its user-controlled fields.
type strs struct {
	text, url, id, class, title, lang, label, meta string
}

var plainStrings = strs{
	text: "text", url: "https://example.org/page", id: "x", class: "note-class",
	title: "A title", lang: "fr", label: "1", meta: "meta",
}

// hostile is every kind of string that has broken markup somewhere:
// controls, XML specials, a CDATA end, invalid UTF-8, non-characters,
// script URLs, and Unicode that no ID may hold.
const hostile = "a\x00b\x01\x1f\x7f<i>\"'&amp;]]>\u0085\xff\xfe\uFFFE\U0010FFFF \u2028\t\r\nщ"

var hostileStrings = strs{
	text:  hostile + " text",
	url:   "javascript:alert('" + hostile + "')",
	id:    "1 " + hostile,
	class: hostile,
	title: hostile,
	lang:  "x-" + hostile,
	label: hostile,
	meta:  hostile,
}

// richBook covers every node type, parts, notes of all kinds, images of
// every format (and missing ones), internal and external links, and a page
// map. With s = hostileStrings every user-controlled field is hostile.
func richBook(s strs) (*doc.Book, *doc.PageMap) {
	png1 := &doc.Asset{Path: "img/map.png", MediaType: "image/png", Data: pngBytes(40, 30, color.RGBA{200, 30, 30, 255}), Width: 40, Height: 30}
	jpg := &doc.Asset{Path: "img/photo.jpeg", MediaType: "image/jpeg", Data: jpegBytes(), Width: 8, Height: 6}
	svg := &doc.Asset{Path: "img/boxes.svg", MediaType: "image/svg+xml", Data: []byte(svgImage)}
	gifA := &doc.Asset{Path: "img/" + s.meta + ".gif", MediaType: "image/gif", Data: gifBytes()}
	webpA := &doc.Asset{Path: "img/tiny.webp", MediaType: "image/webp", Data: webpBytes()}
	mislabelled := &doc.Asset{Path: "img/really-png.jpg", MediaType: "image/jpeg", Data: pngBytes(2, 2, color.Black)}
	junk := &doc.Asset{Path: "img/junk.png", MediaType: "image/png", Data: []byte("not an image " + s.meta)}

	fn1 := &doc.Note{Kind: doc.FootnoteNote, ID: "n-intro-1", Label: "1", Name: "first", Refs: 3,
		Blocks: []doc.Block{para(txt("A footnote with "), &doc.Emph{Content: []doc.Inline{txt(s.text)}}, txt("."))}}
	fn2 := &doc.Note{Kind: doc.FootnoteNote, ID: "n-intro-2", Label: s.label, Refs: 1,
		Blocks: []doc.Block{
			&doc.BlockQuote{Blocks: []doc.Block{para(txt("A quotation inside a note."))}},
			para(txt("And a paragraph after it.")),
		}}
	ann := &doc.Note{Kind: doc.AnnotationNote, ID: "a-intro-1", Label: "a", Refs: 1,
		Blocks: []doc.Block{para(txt("An editor's annotation on "), &doc.Strong{Content: []doc.Inline{txt(s.text)}}, txt("."))}}
	annNoLabel := &doc.Note{Kind: doc.AnnotationNote, ID: s.id + "-ann", Refs: 1,
		Blocks: []doc.Block{para(txt("A second annotation, lettered by the writer."))}}
	unreferenced := &doc.Note{Kind: doc.FootnoteNote, ID: "n-intro-orphan", Label: "9",
		Blocks: []doc.Block{para(txt("A note no text refers to."))}}

	prov := &doc.Note{Kind: doc.ProvenanceNote, ID: "p-letter", Label: "*", Refs: 1,
		Blocks: []doc.Block{para(txt("Source: "), &doc.Emph{Content: []doc.Inline{txt("Letters")}}, txt(", 1921. "), &doc.Link{URL: s.url, External: true, Content: []doc.Inline{txt("archive")}})}}

	titleHeading := &doc.Heading{Level: 1, ID: "introduction", Content: []doc.Inline{txt("Introduction: "), txt(s.text)}}
	longPara := para(
		txt("The first paragraph has "), &doc.Emph{Content: []doc.Inline{txt("emphasis")}}, txt(", "),
		&doc.Strong{Content: []doc.Inline{txt("strong "), &doc.Emph{Content: []doc.Inline{txt("nested")}}}}, txt(", "),
		&doc.Strike{Content: []doc.Inline{txt("struck")}}, txt(", "), &doc.Code{Text: "code <b>&amp;"}, txt(" and a note"),
		&doc.NoteRef{Note: fn1}, txt(" and an annotation"), &doc.NoteRef{Note: ann}, txt("."), &doc.Break{},
		txt("After a break, "), &doc.Link{URL: s.url, Title: s.title, External: true, Content: []doc.Inline{txt("a link")}},
		txt(" and a "), &doc.Link{URL: "#sources", Entry: "back-sources", Anchor: "", Content: []doc.Inline{txt("link to the sources")}},
		txt(" and one "), &doc.Link{URL: "ch-two.md#" + s.id, Entry: "ch-two", Anchor: s.id, Content: []doc.Inline{txt("to a heading")}},
		txt(", an image "), &doc.Image{Src: "img/map.png", Alt: "a red map", Title: s.title, Asset: png1},
		txt(" and the footnote again"), &doc.NoteRef{Note: fn1, Index: 1}, txt("."),
	)
	spans := para(
		&doc.Span{Kind: doc.SpanSuperscript, Content: []doc.Inline{txt("sup")}}, txt(" "),
		&doc.Span{Kind: doc.SpanSubscript, Content: []doc.Inline{txt("sub")}}, txt(" "),
		&doc.Span{Kind: doc.SpanAbbreviation, Title: s.title, Classes: []string{s.class}, Content: []doc.Inline{txt("ABBR")}}, txt(" "),
		&doc.Span{Lang: s.lang, Content: []doc.Inline{txt("une phrase")}}, txt(" "),
		&doc.Span{Lang: "de-CH", Content: []doc.Inline{txt("ein Satz")}}, txt(" "),
		&doc.Span{Kind: doc.SpanDefinition, Content: []doc.Inline{txt("outer "), &doc.Span{Kind: doc.SpanDefinition, Content: []doc.Inline{txt("inner")}}}}, txt(" "),
		&doc.Span{Kind: doc.SpanTime, Content: []doc.Inline{txt("next Tuesday")}}, txt(" "),
		&doc.Span{Classes: []string{"raw-html"}, Content: []doc.Inline{txt("unknown element")}}, txt(" "),
		&doc.Span{Kind: doc.SpanQuotation, Content: []doc.Inline{txt("quoted")}}, txt(" "),
		&doc.Span{Kind: doc.SpanKeyboard, Content: []doc.Inline{txt("Ctrl")}}, txt(" "),
		&doc.Span{Kind: doc.SpanHighlight, Content: []doc.Inline{txt("marked")}}, txt(" "),
		&doc.Link{URL: "https://example.org/", External: true, Content: []doc.Inline{
			txt("a link holding a note"), &doc.NoteRef{Note: fn2},
			&doc.Link{URL: "https://example.org/inner", External: true, Content: []doc.Inline{txt(" and a nested link")}},
		}},
		txt(" "), &doc.Link{URL: "https://example.org/empty", External: true},
		txt(" "), &doc.NoteRef{Note: annNoLabel},
	)
	summaryPara := para(txt("Summary line"))
	intro := &doc.Entry{
		ID: "ch-intro", Kind: doc.KindChapter, Title: []doc.Inline{txt("Introduction")}, File: "intro.md",
		Pos: doc.Pos{File: "book/manifest.yaml", Line: 3},
		Blocks: []doc.Block{
			titleHeading,
			longPara,
			spans,
			&doc.Heading{Level: 2, ID: "first-section", Classes: []string{"unnumbered", s.class}, Content: []doc.Inline{txt("First section "), txt(s.text)}},
			&doc.Heading{Level: 4, ID: "deep", Content: []doc.Inline{txt("A heading two levels down")}},
			&doc.Heading{Level: 3, Content: []doc.Inline{txt("A heading without an ID")}},
			&doc.Heading{Level: 2, ID: "empty-heading"},
			&doc.BlockQuote{Blocks: []doc.Block{
				para(txt("A quotation with a "), &doc.Span{Kind: doc.SpanCitation, Content: []doc.Inline{txt("citation")}}, txt(".")),
				&doc.Heading{Level: 3, ID: "quoted-heading", Content: []doc.Inline{txt("A quoted heading")}},
			}},
			&doc.List{Ordered: true, Start: 3, Tight: true, Items: []*doc.ListItem{
				{Blocks: []doc.Block{para(txt("third"))}},
				{Blocks: []doc.Block{para(txt("fourth")), &doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{para(txt("nested"))}}}}}},
			}},
			&doc.List{Items: []*doc.ListItem{
				{Task: doc.TaskOpen, Blocks: []doc.Block{para(txt("open task"))}},
				{Task: doc.TaskDone, Blocks: []doc.Block{para(txt("done task"))}},
				{Task: doc.TaskDone, Blocks: []doc.Block{&doc.CodeBlock{Text: "task holding code"}}},
				{},
			}},
			&doc.List{Ordered: true, Start: 0, Items: []*doc.ListItem{{Blocks: []doc.Block{para(txt("loose zero"))}}, {Blocks: []doc.Block{para(txt("loose one"))}}}},
			&doc.CodeBlock{Language: "go " + s.class, Text: "func main() {\n\tprintln(\"" + s.text + "\") // a very long line that must wrap rather than overflow the page of any reading system whatsoever\n}"},
			&doc.ThematicBreak{},
			&doc.Table{
				Align:  []doc.Align{doc.AlignLeft, doc.AlignCenter, doc.AlignRight, doc.AlignDefault},
				Header: []*doc.TableCell{{Content: []doc.Inline{txt("Left")}}, {Content: []doc.Inline{txt("Centre")}}, {Content: []doc.Inline{txt("Right")}}, {}},
				Rows: [][]*doc.TableCell{
					{{Content: []doc.Inline{txt("a")}}, {Content: []doc.Inline{txt("b"), &doc.NoteRef{Note: fn1, Index: 2}}}, {Content: []doc.Inline{txt("1.5")}}, {}},
					{{Content: []doc.Inline{&doc.Code{Text: s.text}}}, {}, {}, {}},
				},
			},
			&doc.Table{},
			&doc.Figure{ID: "fig-png", Image: &doc.Image{Src: "img/map.png", Alt: "The map again", Asset: png1}, Caption: []doc.Inline{txt("A PNG figure, "), txt(s.text)}},
			&doc.Figure{ID: "fig-jpeg", Image: &doc.Image{Src: "img/photo.jpeg", Alt: "A photograph", Asset: jpg}, Caption: []doc.Inline{txt("A JPEG figure")}},
			&doc.Figure{ID: "fig-svg", Image: &doc.Image{Src: "img/boxes.svg", Alt: "Two boxes", Asset: svg}},
			&doc.Figure{ID: "fig-gif", Image: &doc.Image{Src: "img/x.gif", Alt: s.text, Asset: gifA}, Caption: []doc.Inline{txt("GIF")}},
			&doc.Figure{ID: "fig-webp", Image: &doc.Image{Src: "img/tiny.webp", Alt: "tiny", Asset: webpA}},
			&doc.Figure{ID: "fig-mislabelled", Image: &doc.Image{Src: "img/really-png.jpg", Alt: "mislabelled", Asset: mislabelled}},
			&doc.Figure{ID: "fig-junk", Image: &doc.Image{Src: "img/junk.png", Alt: "junk", Asset: junk}},
			&doc.Figure{ID: "fig-missing", Image: &doc.Image{Src: "img/missing.png", Alt: "A missing picture"}, Caption: []doc.Inline{txt("Missing")}},
			&doc.Figure{ID: "fig-remote", Image: &doc.Image{Src: "https://example.org/" + s.url + ".png", Alt: ""}},
			&doc.Div{ID: "teacher-" + s.id, Classes: []string{"teacher", s.class}, Blocks: []doc.Block{para(txt("For teachers."))}},
			&doc.Div{Kind: doc.DivSection, ID: "sec-div", Blocks: []doc.Block{&doc.Heading{Level: 2, ID: "div-heading", Content: []doc.Inline{txt("A section")}}, para(txt("Inside a section."))}},
			&doc.Div{Kind: doc.DivAside, Blocks: []doc.Block{para(txt("An aside."))}},
			&doc.Div{Kind: doc.DivDetails, Blocks: []doc.Block{summaryPara, para(txt("Hidden detail."))}},
			&doc.Div{Kind: doc.DivDetails, Blocks: []doc.Block{&doc.CodeBlock{Text: "no summary"}}},
			&doc.Div{Kind: doc.DivHeader, Classes: []string{"raw"}, Blocks: []doc.Block{para(txt("A header kept as a div."))}},
			para(txt("Closing with an unreferenced note kept at the end.")),
		},
		Notes: []*doc.Note{fn1, ann, fn2, annNoLabel, unreferenced},
	}

	letterTitle := []doc.Inline{txt("Letter to "), &doc.Emph{Content: []doc.Inline{txt("Lenin")}}}
	letter := &doc.Entry{
		ID: "src-letter", Kind: doc.KindSource, Title: letterTitle, File: "sources/letter.md",
		Provenance: &doc.Provenance{Author: "A. Kollontai", Title: "Letter", Date: "1921",
			URL: "https://example.org/letter", Citation: []doc.Inline{txt("Kollontai, "), &doc.Emph{Content: []doc.Inline{txt("Letter")}}, txt(" (1921)")}},
		Blocks: []doc.Block{
			para(txt("Dear comrade,"), &doc.NoteRef{Note: prov}),
			&doc.BlockQuote{Blocks: []doc.Block{para(txt("A long quotation of a source."))}},
		},
		Notes: []*doc.Note{prov},
	}
	partIntroPara := para(txt("This part opens the book."))
	part := &doc.Entry{
		ID: "part-one", Kind: doc.KindPart, Title: []doc.Inline{txt("Part One")},
		Blocks:   []doc.Block{partIntroPara},
		Children: []*doc.Entry{intro, letter},
	}

	twoPara := para(txt("A chapter whose sections start at level two, with "),
		&doc.Link{URL: s.url, Content: []doc.Inline{txt("a script link")}}, txt(", "),
		&doc.Link{URL: "mailto:editor@example.org?subject=" + s.text, External: true, Content: []doc.Inline{txt("mail")}}, txt(", "),
		&doc.Link{URL: "ftp://ftp.example.org/pub/file.txt", External: true, Content: []doc.Inline{txt("ftp")}}, txt(", "),
		&doc.Link{URL: "data:text/html,<script>alert(1)</script>", Content: []doc.Inline{txt("data")}}, txt(", "),
		&doc.Link{URL: "other.md", Content: []doc.Inline{txt("an unresolved file")}}, txt(", "),
		&doc.Link{URL: "#introduction", Content: []doc.Inline{txt("a bare fragment")}}, txt(", "),
		&doc.Link{URL: "https://exa mple.org/a b", External: true, Content: []doc.Inline{txt("a URL with spaces")}}, txt(", "),
		&doc.Link{URL: "http://[::1", External: true, Content: []doc.Inline{txt("a broken URL")}}, txt(" and "),
		&doc.Link{URL: "https://example.org/ünïcode?q=a b&c=<d>#frag#more", External: true, Content: []doc.Inline{txt("unicode")}}, txt("."))
	two := &doc.Entry{
		ID: "ch-two", Kind: doc.KindChapter, Title: []doc.Inline{txt("Chapter "), txt(s.text)},
		Blocks: []doc.Block{
			twoPara,
			&doc.Heading{Level: 2, ID: s.id, Content: []doc.Inline{txt("A section with a hostile ID")}},
			&doc.Heading{Level: 3, ID: "sub", Content: []doc.Inline{txt("A subsection")}},
			&doc.Heading{Level: 2, ID: "toc", Content: []doc.Inline{txt("Same ID as the navigation's contents")}},
		},
	}
	weird := &doc.Entry{ID: "weird", Kind: doc.KindChapter, Title: []doc.Inline{txt(s.text)},
		Blocks: []doc.Block{para(txt(s.text))}}
	untitled := &doc.Entry{ID: "untitled", Kind: doc.KindChapter, Blocks: []doc.Block{para(txt("No title at all."))}}
	sourcesPara := para(txt("Kollontai, Letter (1921). "), txt(s.text))
	sources := &doc.Entry{ID: "back-sources", Kind: doc.KindBackMatter, Title: []doc.Inline{txt("Sources and permissions")},
		Generated: true, Role: doc.RoleBibliography, Blocks: []doc.Block{sourcesPara}}
	preface := &doc.Entry{ID: "preface", Kind: doc.KindFrontMatter, Title: []doc.Inline{txt("Preface")},
		Blocks: []doc.Block{para(txt("Why this book."))}}
	cover := &doc.Entry{ID: "cover", Kind: doc.KindFrontMatter, Title: []doc.Inline{txt("An entry named like the cover")},
		Blocks: []doc.Block{para(txt("Its file name must not clash."))}}

	book := &doc.Book{
		Meta: doc.Meta{
			Title: "The Annotated " + s.meta, Subtitle: "Readings " + s.meta, Language: "en",
			Identifier: "urn:uuid:6f1c2a52-8f8e-4f3c-9d65-0a4f2f6b7c11", Publisher: "Samizdat Press " + s.meta,
			Date: "2024-05-01", Rights: "CC BY-SA 4.0 " + s.meta, Description: "A reader. " + s.meta,
			Subjects: []string{"History", s.meta, "History"}, Keywords: []string{"k"},
			Creators: []doc.Creator{
				{Name: "Alexandra Kollontai", FileAs: "Kollontai, Alexandra", Role: "aut"},
				{Name: "Ed " + s.meta, Role: "edt"},
				{Name: "Tra Nslator", Role: "trl"},
				{Name: "Ann Otator", Role: "ann"},
				{Name: "Odd Role", Role: s.meta},
				{Name: ""},
			},
			Modified: testModified, Generator: "samizdat test " + s.meta,
		},
		Entries: []*doc.Entry{preface, cover, part, two, weird, untitled, sources},
		Colophon: []doc.Block{
			para(txt("© 2024 The editors. "), txt(s.text)),
			para(txt("Set in Noto Serif.")),
		},
	}
	pm := &doc.PageMap{Source: "Print edition " + s.meta, Breaks: []doc.PageBreak{
		{Label: "i", Entry: preface, Block: preface.Blocks[0]},
		{Label: "1", Entry: intro, Block: titleHeading, Offset: 0},
		{Label: "2", Entry: intro, Block: longPara, Offset: 30},
		{Label: "3", Entry: intro, Block: longPara, Offset: 9999},
		{Label: "4", Entry: intro, Block: intro.Blocks[11], Offset: 12}, // code block
		{Label: "5", Entry: intro, Block: intro.Blocks[12], Offset: 0},  // thematic break
		{Label: "6", Entry: intro, Block: intro.Blocks[13], Offset: 3},  // table
		{Label: "7", Entry: intro, Block: intro.Blocks[15], Offset: 4},  // figure caption
		{Label: "8", Entry: intro, Block: fn1.Blocks[0], Offset: 2},     // inside a note
		{Label: "9", Entry: letter, Block: nil},                         // start of an entry
		{Label: "9", Entry: letter, Block: letter.Blocks[0], Offset: 4}, // a repeated label
		{Label: s.label, Entry: two, Block: twoPara, Offset: 5},
		{Label: "11", Entry: two, Block: para(txt("not in the book"))},
		{Label: "12", Entry: nil, Block: sourcesPara, Offset: 3},
		{Label: "13", Entry: part, Block: partIntroPara, Offset: 5},
		{Label: "14", Entry: nil, Block: nil},
		{Label: "", Entry: two, Block: twoPara},
		{Label: "15", Entry: intro, Block: spans, Offset: 4},
		{Label: "16", Entry: intro, Block: summaryPara, Offset: 3},
	}}
	return book, pm
}

// smallBook is the book of the golden files: one part-less chapter with
// a note, an annotation and a heading.
func smallBook() *doc.Book {
	fn := &doc.Note{Kind: doc.FootnoteNote, ID: "n-one-1", Label: "1", Refs: 1,
		Blocks: []doc.Block{para(txt("The footnote."))}}
	ann := &doc.Note{Kind: doc.AnnotationNote, ID: "a-one-1", Label: "a", Refs: 1,
		Blocks: []doc.Block{para(txt("The annotation."))}}
	body := para(txt("Workers of the world"), &doc.NoteRef{Note: fn}, txt(", "),
		&doc.Emph{Content: []doc.Inline{txt("unite")}}, &doc.NoteRef{Note: ann}, txt("!"))
	ch := &doc.Entry{
		ID: "ch-one", Kind: doc.KindChapter, Title: []doc.Inline{txt("One")}, File: "one.md",
		Blocks: []doc.Block{
			&doc.Heading{Level: 1, ID: "one", Content: []doc.Inline{txt("One")}},
			body,
			&doc.Heading{Level: 2, ID: "two", Content: []doc.Inline{txt("Two & more")}},
			para(txt("Fin.")),
		},
		Notes: []*doc.Note{fn, ann},
	}
	return &doc.Book{
		Meta: doc.Meta{
			Title: "Small", Language: "en", Identifier: "urn:uuid:0b9f3c7e-2d7b-4c59-9a57-8c8a6f0d2e01",
			Creators: []doc.Creator{{Name: "Ann Author", FileAs: "Author, Ann", Role: "aut"}},
			Modified: testModified, Date: "2024",
		},
		Entries: []*doc.Entry{ch},
	}
}

// longBook has chapters × paragraphs paragraphs of some 80 words, each with
// a footnote, and a heading every 20 paragraphs.
func longBook(chapters, paragraphs int) *doc.Book {
	book := &doc.Book{Meta: doc.Meta{Title: "Long", Language: "en", Identifier: "urn:x:long", Modified: testModified}}
	words := "The workers of the world, having nothing to lose but their chains, have a world to win; "
	for c := 0; c < chapters; c++ {
		e := &doc.Entry{ID: fmt.Sprintf("ch-%d", c+1), Title: []doc.Inline{txt(fmt.Sprintf("Chapter %d", c+1))}}
		for p := 0; p < paragraphs; p++ {
			if p%20 == 0 {
				e.Blocks = append(e.Blocks, &doc.Heading{Level: 2, ID: fmt.Sprintf("s-%d-%d", c, p), Content: []doc.Inline{txt("Section")}})
			}
			n := &doc.Note{ID: fmt.Sprintf("n-%d-%d", c, p), Label: fmt.Sprint(p + 1), Refs: 1, Blocks: []doc.Block{para(txt("A note."))}}
			e.Notes = append(e.Notes, n)
			e.Blocks = append(e.Blocks, para(txt(strings.Repeat(words, 5)), &doc.NoteRef{Note: n}, &doc.Emph{Content: []doc.Inline{txt("end")}}))
		}
		book.Entries = append(book.Entries, e)
	}
	return book
}
