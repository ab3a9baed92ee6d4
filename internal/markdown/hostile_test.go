package markdown

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/cputime"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// manyFootnotes is a chapter of n references, each to its own note, the
// definitions after them in reverse order.
func manyFootnotes(n int) []byte {
	var sb strings.Builder
	sb.WriteString("# Notes\n\n")
	for i := range n {
		fmt.Fprintf(&sb, "Text[^n%d] ", i)
	}
	sb.WriteString("\n\n")
	for i := n - 1; i >= 0; i-- {
		fmt.Fprintf(&sb, "[^n%d]: Note %d.\n", i, i)
	}
	return []byte(sb.String())
}

// References find their notes by label: every note is linked and numbered
// in the order of first reference, however many there are.
func TestManyFootnotes(t *testing.T) {
	const n = 20_000
	ch, err := Parse(manyFootnotes(n), "notes.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Notes) != n || len(ch.Warnings) != 0 {
		t.Fatalf("%d notes, warnings %v; want %d and none", len(ch.Notes), ch.Warnings, n)
	}
	var refs []*doc.NoteRef
	doc.Walk(ch.Blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
		if r, ok := in.(*doc.NoteRef); ok {
			refs = append(refs, r)
		}
		return true
	}})
	if len(refs) != n {
		t.Fatalf("%d references, want %d", len(refs), n)
	}
	for i, r := range refs {
		if want := fmt.Sprintf("n%d", i); r.Note == nil || r.Note.Name != want {
			t.Fatalf("reference %d points to %+v, want note %s", i, r.Note, want)
		}
	}
}

// The first of two definitions with one label is the one referenced; a
// bang before a reference stays text; an undefined one is reported.
func TestFootnoteReferences(t *testing.T) {
	src := "A[^x] b![^x] c[^nope] d[^x](not a link).\n\n[^x]: First.\n[^x]: Second.\n"
	ch, err := Parse([]byte(src), "a.md")
	if err != nil {
		t.Fatal(err)
	}
	got := doc.PlainText(ch.Blocks[0].(*doc.Paragraph).Content)
	if want := "A b! c[^nope] d(not a link)."; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	if len(ch.Notes) != 1 || doc.BlockText(ch.Notes[0].Blocks[0]) != "First." || ch.Notes[0].Refs != 3 {
		t.Errorf("notes %+v", ch.Notes)
	}
	var msgs []string
	for _, w := range ch.Warnings {
		msgs = append(msgs, fmt.Sprintf("%d: %s", w.Line, w.Message))
	}
	want := []string{"1: footnote reference [^nope] has no definition", "4: footnote [^x] is defined again (first at line 3); this definition is ignored"}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}

// BenchmarkManyFootnotes parses a chapter of 100,000 notes: linear in their
// number.
func BenchmarkManyFootnotes(b *testing.B) {
	src := manyFootnotes(100_000)
	b.ResetTimer()
	for range b.N {
		if _, err := Parse(src, "notes.md"); err != nil {
			b.Fatal(err)
		}
	}
}

// HTML nested deeper than the HTML parser allows is not dropped silently:
// a warning says so and its words are kept, in a block on its own and in
// one holding Markdown.
func TestHTMLTooDeep(t *testing.T) {
	deep := strings.Repeat("<div>", 600) + "deep <b>words</b><script>x()</script>" + strings.Repeat("</div>", 600)
	for name, src := range map[string]string{
		"block": "# W\n\n" + deep + "\n\nafter\n",
		"group": "# W\n\n" + strings.Repeat("<div>", 600) + "\n\n*Markdown* inside\n\n" + strings.Repeat("</div>", 600) + "\n\nafter\n",
	} {
		ch, err := Parse([]byte(src), "a.md")
		if err != nil {
			t.Fatal(err)
		}
		var text []string
		for _, b := range ch.Blocks {
			text = append(text, doc.BlockText(b))
		}
		got := strings.Join(text, "|")
		want := map[string]string{"block": "W|deep words|after", "group": "W|Markdown inside|after"}[name]
		if got != want {
			t.Errorf("%s: blocks %q, want %q", name, got, want)
		}
		if len(ch.Warnings) != 1 || ch.Warnings[0].Code != "html.too-deep" || ch.Warnings[0].Line != 3 {
			t.Errorf("%s: warnings %v", name, ch.Warnings)
		}
	}
}

// A staircase of list items, one of definition lists, a tower of quotes,
// and HTML lists nested
// hundreds deep are kept to maxNesting levels, with one warning each time,
// and no word is lost. A thousand levels is fifteen times the bound; the
// staircase's text grows with the square of its depth (3,000 levels are
// 9 MB), which BenchmarkStaircase times.
func TestNestingBounded(t *testing.T) {
	const levels = 1000
	var stairs, quotes strings.Builder
	terms := strings.Builder{}
	terms.WriteString("x\n")
	for i := range levels {
		stairs.WriteString(strings.Repeat("  ", i) + "- x\n")
		// each definition's text the term of a list in it
		terms.WriteString(strings.Repeat("  ", i) + ": x\n")
	}
	quotes.WriteString(strings.Repeat("> ", levels) + "deep\n")
	html := strings.Repeat("<ul><li>", 200) + "deep" + strings.Repeat("</li></ul>", 200) + "\n"
	for name, tt := range map[string]struct {
		src   string
		words int
	}{
		"stairs": {stairs.String(), levels},
		"terms":  {terms.String(), levels + 1},
		"quotes": {quotes.String(), 1},
		"html":   {html, 1},
	} {
		ch, err := Parse([]byte("# W\n\n"+tt.src), "a.md")
		if err != nil {
			t.Fatal(err)
		}
		depth := 0
		var measure func(bs []doc.Block, d int)
		measure = func(bs []doc.Block, d int) {
			for _, b := range bs {
				if isContainer(b) {
					depth = max(depth, d+1)
				}
				measure(doc.BlockChildren(b), d+1)
			}
		}
		measure(ch.Blocks, 0)
		if depth > maxNesting {
			t.Errorf("%s: nested %d deep", name, depth)
		}
		var text strings.Builder
		doc.Walk(ch.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
			if _, ok := b.(*doc.Paragraph); ok {
				text.WriteString(doc.BlockText(b) + " ")
			}
			return true
		}})
		want := "x"
		if name != "stairs" && name != "terms" {
			want = "deep"
		}
		if got := strings.Count(text.String(), want); got != tt.words {
			t.Errorf("%s: %d words %q kept, want %d", name, got, want, tt.words)
		}
		if len(ch.Warnings) != 1 || ch.Warnings[0].Code != "nesting.too-deep" {
			t.Errorf("%s: warnings %v", name, ch.Warnings)
		}
	}
}

// Emphasis, strikeouts, links and spans nested far deeper than anyone
// writes are kept to maxInlineNesting levels, every letter of them kept,
// with one warning: a tree deeper than doc.MaxDepth was refused as a
// whole, and 600 strikeouts one in another failed the build.
func TestDeepInlinesBounded(t *testing.T) {
	const n = 600
	// Bracketed spans and raw HTML are bounded before (maxSpanNesting,
	// the HTML parser's limit), without this warning.
	for _, tt := range []struct {
		name, open, close string
		warned            bool
	}{
		{"strong", "**a ", " a**", true},
		{"strike", "~~a ", " a~~", true},
		{"mixed", "**a ~~a ", " a~~ a**", true},
		{"span", "[a ", "]{.c}", false},
		{"html", "<em>a ", "</em>", false},
	} {
		src := "# T\n\n" + strings.Repeat(tt.open, n) + "x" + strings.Repeat(tt.close, n) + "\n"
		ch, err := Parse([]byte(src), "ch.md")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Blocks: ch.Blocks, Notes: ch.Notes}}}
		if err := doc.Validate(book); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		depth := 0
		var measure func(ins []doc.Inline, d int)
		measure = func(ins []doc.Inline, d int) {
			for _, in := range ins {
				if isInlineContainer(in) {
					depth = max(depth, d+1)
				}
				measure(doc.InlineChildren(in), d+1)
			}
		}
		text := ""
		for _, b := range ch.Blocks {
			if p, ok := b.(*doc.Paragraph); ok {
				measure(p.Content, 0)
				text += doc.PlainText(p.Content)
			}
		}
		if depth > maxInlineNesting {
			t.Errorf("%s: inlines nested %d deep", tt.name, depth)
		}
		if got, want := strings.Count(text, "a"), strings.Count(tt.open+tt.close, "a")*n; got != want || !strings.Contains(text, "x") {
			t.Errorf("%s: %d letters a kept of %d, x kept %v", tt.name, got, want, strings.Contains(text, "x"))
		}
		var msgs []string
		for _, w := range ch.Warnings {
			if w.Code == "nesting.too-deep" {
				msgs = append(msgs, w.Error())
			}
		}
		want := []string{"ch.md:3: emphasis, links and spans nested more than 64 deep; the deeper ones are set as plain text of the one around them"}
		if !tt.warned {
			want = nil
		}
		if !slices.Equal(msgs, want) {
			t.Errorf("%s: warnings %q, want %q", tt.name, msgs, want)
		}
	}
}

// A paragraph of many short lines (a Text each, which the tree joins) is
// read in memory in proportion to its length: joined one by one onto the
// text before, 30,000 lines of 259 KB had copied 11.7 GB.
func TestManyLinesOneParagraph(t *testing.T) {
	const lines = 30_000
	var src strings.Builder
	for i := range lines {
		fmt.Fprintf(&src, "k%d v\n", i)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ch, err := Parse([]byte(src.String()), "a.md")
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Blocks) != 1 {
		t.Fatalf("%d blocks, want one paragraph", len(ch.Blocks))
	}
	text := doc.BlockText(ch.Blocks[0])
	if n := strings.Count(text, " v"); n != lines || !strings.HasPrefix(text, "k0 v") || !strings.HasSuffix(text, fmt.Sprintf("k%d v", lines-1)) {
		t.Errorf("the paragraph holds %d lines, from %.10q to %.10q; want %d", n, text, text[max(0, len(text)-10):], lines)
	}
	// 165 times the source as measured; quadratic, it was 45,000.
	if got, bound := after.TotalAlloc-before.TotalAlloc, uint64(1000*src.Len()); got > bound {
		t.Errorf("reading %d bytes allocated %d, more than %d", src.Len(), got, bound)
	}
}

// BenchmarkStaircase parses a list of 3000 items, each nested in the one
// before: linear in its length.
func BenchmarkStaircase(b *testing.B) {
	var src strings.Builder
	for i := range 3000 {
		src.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	for b.Loop() {
		if _, err := Parse([]byte(src.String()), "a.md"); err != nil {
			b.Fatal(err)
		}
	}
}

// svgOf is the SVG of the first picture in a chapter.
func svgOf(t *testing.T, ch *Chapter) string {
	t.Helper()
	var data string
	doc.Walk(ch.Blocks, doc.Visitor{
		Block: func(b doc.Block) bool {
			if f, ok := b.(*doc.Figure); ok && f.Image.Asset != nil && data == "" {
				data = string(f.Image.Asset.Data)
			}
			return true
		},
		Inline: func(in doc.Inline) bool {
			if img, ok := in.(*doc.Image); ok && img.Asset != nil && data == "" {
				data = string(img.Asset.Data)
			}
			return true
		}})
	return data
}

// An SVG picture written in the Markdown is markup to its end tag: the
// text of its labels is never read as Markdown, blank lines inside it do
// not end it, and no marker of the parser's is left in it.
func TestSVGIsNotMarkdown(t *testing.T) {
	label := "Hello *world* [x](y) `c` 2 * 3 ![^1]"
	for name, src := range map[string]string{
		"inline":             "Text <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"20\"><text x=\"0\" y=\"15\">" + label + "</text></svg> after.\n",
		"inline, two lines":  "Text <svg width=\"100\" height=\"20\">\n<text x=\"0\" y=\"15\">" + label + "</text></svg> after.\n",
		"block":              "<svg width=\"100\" height=\"20\">\n<text x=\"0\" y=\"15\">" + label + "</text>\n</svg>\n",
		"block, blank lines": "<svg width=\"100\" height=\"20\">\n\n<text x=\"0\" y=\"15\">" + label + "</text>\n\n</svg>\n\nAfter.\n",
	} {
		ch, err := Parse([]byte(src+"\n[^1]: A note.\n"), "a.md")
		if err != nil {
			t.Fatal(err)
		}
		svg := svgOf(t, ch)
		if !strings.Contains(svg, ">"+label+"</text>") || strings.Contains(svg, "samizdat") {
			t.Errorf("%s: SVG %s", name, svg)
		}
		if name == "block, blank lines" && !strings.Contains(treeText(ch), "After") {
			t.Errorf("%s: the paragraph after the picture is lost: %q", name, treeText(ch))
		}
	}
}

// An <svg> inside an HTML block is markup to its end tag too: a picture
// pasted into a <div> or <figure>, as a terminal screenshot exported by
// Rich is with its style sheet's blank lines, is not cut at the first
// blank line into markup printed as text and code.
func TestSVGInHTMLBlockRunsToItsEnd(t *testing.T) {
	label := "Hello *world* [x](y)"
	svg := "<svg class=\"rich-terminal\" viewBox=\"0 0 100 20\" xmlns=\"http://www.w3.org/2000/svg\">\n    <style>\n\n    .r1 { fill: #c5c8c6 }\n\n    </style>\n\n    <text class=\"r1\" x=\"0\" y=\"15\">" + label + "</text>\n</svg>\n"
	for name, src := range map[string]string{
		"div and link": "<div>\n<a href=\"https://example.com/\">\n" + svg + "</a>\n</div>\n\nAfter.\n",
		"figure":       "<figure>\n  " + svg + "  <figcaption>A terminal</figcaption>\n</figure>\n\nAfter.\n",
		"same line":    "<p align=\"center\">" + strings.TrimSuffix(svg, "\n") + "</p>\n\nAfter.\n",
	} {
		ch, err := Parse([]byte(src), "a.md")
		if err != nil {
			t.Fatal(err)
		}
		data, text := svgOf(t, ch), treeText(ch)
		if !strings.Contains(data, ">"+label+"</text>") || !strings.Contains(data, ".r1 { fill: #c5c8c6 }") {
			t.Errorf("%s: SVG %q", name, data)
		}
		if strings.Contains(text, "fill") || strings.Contains(text, "svg") || !strings.Contains(text, "After.") || len(ch.Warnings) != 0 {
			t.Errorf("%s: text %q, warnings %v", name, text, ch.Warnings)
		}
		checkInvariants(t, ch, []byte(src))
	}
}

// Words written straight in an <svg>, which no SVG renderer shows, are
// kept after the picture with a warning; an <svg> never closed is left to
// the Markdown reader, so what follows it is not taken into it.
func TestSVGKeepsEveryWord(t *testing.T) {
	ch, err := Parse([]byte("<svg width=\"10\" height=\"10\">\n\nPara *one*.\n\n<rect width=\"5\" height=\"5\"/></svg>\n"), "a.md")
	if err != nil {
		t.Fatal(err)
	}
	if text := treeText(ch); !strings.Contains(text, "Para *one*.") || len(ch.Warnings) != 1 || ch.Warnings[0].Code != "svg.stray-text" {
		t.Errorf("text %q, warnings %v", text, ch.Warnings)
	}
	ch, err = Parse([]byte("<svg width=\"10\">\n\nPara *one*.\n\nPara two.\n"), "a.md")
	if err != nil {
		t.Fatal(err)
	}
	if text := treeText(ch); !strings.Contains(text, "one") || !strings.Contains(text, "two") {
		t.Errorf("an unclosed svg took the text after it: %q", text)
	}
}

// Excalidraw's export writes the drawing's own scene, base64 data, as text
// straight in the <svg> between two comments, for Excalidraw to open the
// picture again. It is no one's words: neither the page nor the picture
// takes it, and no warning is given, while words outside the comments
// still follow the picture.
func TestSVGDropsExcalidrawScene(t *testing.T) {
	const scene = "eyJ2ZXJzaW9uIjoiMSIsImVuY29kaW5nIjoiYnN0cmluZyJ9"
	src := "Before.\n\n<div class=\"excalidraw\">\n<svg version=\"1.1\" viewBox=\"0 0 20 10\" width=\"20\" height=\"10\">\n" +
		"  <!-- svg-source:excalidraw -->\n" +
		"  <!-- payload-type:application/vnd.excalidraw+json --><!-- payload-version:2 --><!-- payload-start -->" + scene + "<!-- payload-end -->\n" +
		"  <rect width=\"20\" height=\"10\" fill=\"#ffffff\"></rect><text x=\"2\" y=\"8\">App</text>%s</svg>\n</div>\n\nAfter.\n"
	ch, err := Parse([]byte(fmt.Sprintf(src, "")), "a.md")
	if err != nil {
		t.Fatal(err)
	}
	if text, svg := treeText(ch), svgOf(t, ch); strings.Contains(text, scene) || strings.Contains(svg, scene) || !strings.Contains(svg, ">App</text>") || len(ch.Warnings) != 0 {
		t.Errorf("text %q, SVG %q, warnings %v", text, svg, ch.Warnings)
	}
	ch, err = Parse([]byte(fmt.Sprintf(src, "stray words")), "a.md")
	if err != nil {
		t.Fatal(err)
	}
	if text := treeText(ch); strings.Contains(text, scene) || !strings.Contains(text, "stray words") || len(ch.Warnings) != 1 || ch.Warnings[0].Code != "svg.stray-text" {
		t.Errorf("text %q, warnings %v", text, ch.Warnings)
	}
}

// An "</svg>" inside a comment or CDATA section of the picture is no end
// tag to the HTML parser, so it does not end the picture's markup either:
// the Markdown after it never lands inside the picture, as text the reader
// would see or a marker of the parser's.
func TestSVGEndTagInCommentOrCDATA(t *testing.T) {
	for name, tc := range map[string]struct {
		src, text string // the Markdown, text the tree must hold
	}{
		"unclosed CDATA":          {"p<svg><![CDATA[</svg> `b` @k after", "after"},
		"unclosed comment":        {"p<svg><!--</svg> `b` after", "after"},
		"CDATA closed later":      {"p<svg><![CDATA[</svg>]]><text>t</text></svg> `b` after", "after"},
		"comment over two lines":  {"p <svg><!-- a\n</svg> -->\n<text>t</text></svg> `b` after", "after"},
		"block, CDATA over lines": {"<svg><![CDATA[\n</svg>\n]]></svg>\n\nafter `b`", "after"},
		"block, comment unclosed": {"<svg><!--\n</svg>\n\nafter `b`", "after"},
	} {
		ch := parseSound(t, name, []byte(tc.src))
		if text := treeText(ch); !strings.Contains(text, tc.text) {
			t.Errorf("%s: %q lost: %q", name, tc.text, text)
		}
	}
}

// Where the HTML parser reads raw HTML otherwise than the converter
// foresaw, its markers (placeholders, added offsets, line comments) end up
// in text, in a comment read as CDATA or inside an SVG picture: they are
// taken off again, and the Markdown a placeholder stood for is kept after.
func TestMarkersTheParserReadsOtherwise(t *testing.T) {
	for name, tc := range map[string]struct {
		src, want string // the Markdown, a line the tree's dump must hold
	}{
		"</math> inside an svg":       {"<svg></math><object></svg>\n", "image src=\"\" alt=\"\" asset= image/svg+xml at=1:1"},
		"svg in svg after </math>":    {"<dl><svg></math><svg>\n", "image src=\"\" alt=\"\" asset= image/svg+xml at=1:5"},
		"plaintext out of svg":        {"t<svg><i><plaintext></svg>[@k]\n", `cite "[@k]"`},
		"plaintext after bogus CDATA": {"*<![CDATA[><plaintext>]]>[@k]\n", `cite "[@k]"`},
		"tag in plaintext after </p>": {"<math>\n</p><plaintext><p><svg>\n", `text "<p><svg>"`},
		"citation inside svg":         {"<svg> @d<!--</svg>\n", `cite "@d" in-text`},
		"line comment in bogus CDATA": {"</figure><ul><![CDATA[\n\n<dl></ul>\n", ""},
	} {
		ch := parseSound(t, name, []byte(tc.src))
		var b bytes.Buffer
		doc.DumpBlocks(&b, ch.Blocks)
		if !strings.Contains(b.String(), tc.want) {
			t.Errorf("%s: no %q in\n%s", name, tc.want, b.String())
		}
	}
}

// Many <svg> start tags with no end tag, each a block or in one paragraph,
// are parsed in time proportional to their length: the look for end tags
// has a budget.
func BenchmarkUnclosedSVG(b *testing.B) {
	blocks := strings.Repeat("<svg width=\"1\">\n\n", 20_000)
	inline := "Text " + strings.Repeat("<svg width=\"1\"> ", 20_000) + "\n"
	for b.Loop() {
		for _, src := range []string{blocks, inline} {
			if _, err := Parse([]byte(src), "a.md"); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// Bytes that are not UTF-8 are shown as replacement characters, and the
// first of them is reported where it is, once per file.
func TestBytesNotUTF8(t *testing.T) {
	ch, err := Parse([]byte("# T\n\nab\xffc \xfe\xfd\n\nd\xc3\n"), "a.md")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range ch.Warnings {
		got = append(got, w.Error()+" ["+w.Code+"]")
	}
	want := "a.md:3:3: bytes that are not UTF-8 text, each shown as a replacement character (save the file as UTF-8) [markdown.not-utf8]"
	if strings.Join(got, "\n") != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	if text := treeText(ch); !strings.Contains(text, "ab\uFFFDc \uFFFD\uFFFD") {
		t.Errorf("text %q lacks the replacement characters", text)
	}
}

// longParagraph is one paragraph of about 200 KB: unit repeated on one
// line, the hardest case for scanners that look to the end of the line.
func longParagraph(unit string) []byte {
	return []byte(strings.Repeat(unit, 200_000/len(unit)) + "\n")
}

// benchmarkParagraphs parses each unit's long paragraph, reporting CPU
// time per parse as well, which other processes on the machine disturb
// less than the time elapsed.
func benchmarkParagraphs(b *testing.B, units []string) {
	for _, unit := range units {
		src := longParagraph(unit)
		b.Run(strings.TrimSpace(unit), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			cpu0 := cputime.Used()
			for b.Loop() {
				if _, err := Parse(src, "a.md"); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// A paragraph of many citations, in each of pandoc's forms, is parsed in
// time proportional to its length.
func BenchmarkLongCitationParagraph(b *testing.B) {
	benchmarkParagraphs(b, []string{"@a ", "[@a; @b] ", "@a's ", "(@x) ", "[see @a, p. 3] ", "@a [p. 3] "})
}

// Long runs of the characters that open inline constructs are parsed in
// time proportional to their length. A run of "[x](" is left out: goldmark
// looks for each link's destination to the end of the line (13 s for
// 200 KB).
func BenchmarkLongInlineRuns(b *testing.B) {
	benchmarkParagraphs(b, []string{"[", "]", "*", "_", "<", "{", "}", "$", "^", "~", "`", "[^a]", "![", "{++", "{.a}", "[x]{.a} ", "<b>", "==", "&", "\\",
		"x <!-- md:option a ", ":a", "++a", "^^a", "==a", "{--", "{~~a~>", "{>>", "<<", "|", "`a", "<svg>", "<a href=x>", "<span>", "x <!--", "<https://x", "@{a ", "++\"a ", ":smile:{", "{a ", "*[a ", "[@{a "})
}

// parseSound parses src, the case name, failing the test if it cannot and
// reporting every invariant the tree breaks.
func parseSound(t *testing.T, name string, src []byte) *Chapter {
	t.Helper()
	ch, err := Parse(src, "a.md")
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if probs := invariantProblems(ch, src); len(probs) > 0 {
		t.Errorf("%s: %s", name, strings.Join(probs, "; "))
	}
	return ch
}
