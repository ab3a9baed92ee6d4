package epub

import (
	"image/color"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

const chapterFile = "EPUB/xhtml/ch.xhtml"

// renderChapter writes a one-chapter book and returns the chapter's body.
func renderChapter(t *testing.T, blocks []doc.Block, notes ...*doc.Note) (string, []diag.Diagnostic) {
	t.Helper()
	_, files, warnings := writeEPUB(t, chapterBook(blocks, notes...), Options{Cover: tinyCover})
	checkPackage(t, files)
	ch := files[chapterFile]
	body := ch[strings.Index(ch, "<body>")+len("<body>"):]
	return body, warnings
}

// TestNodeMarkup renders every node type and checks its markup.
func TestNodeMarkup(t *testing.T) {
	png := &doc.Asset{Path: "pics/A map.PNG", MediaType: "image/png", Data: pngBytes(3, 2, color.Black), Width: 3, Height: 2}
	cases := []struct {
		name   string
		blocks []doc.Block
		want   []string
		absent []string
	}{
		{"paragraph and escaping", []doc.Block{para(txt("a < b & \"c\" ]]> d\x00\x1b"))},
			[]string{"<p>a &lt; b &amp; \"c\" ]]&gt; d</p>"}, nil},
		{"generated title and shifted headings", []doc.Block{
			&doc.Heading{Level: 2, ID: "a", Content: []doc.Inline{txt("A")}},
			&doc.Heading{Level: 4, ID: "b", Content: []doc.Inline{txt("B")}},
			&doc.Heading{Level: 1, ID: "c", Content: []doc.Inline{txt("C")}},
			&doc.Heading{Level: 6, ID: "d", Content: []doc.Inline{txt("D")}},
		}, []string{`<section epub:type="chapter" role="doc-chapter" class="chapter" aria-labelledby="title">`,
			`<h1 id="title">Chapter</h1>`, `<h2 id="a">A</h2>`, `<h3 id="b">B</h3>`, `<h2 id="c">C</h2>`, `<h3 id="d">D</h3>`}, nil},
		{"leading heading is the title", []doc.Block{
			&doc.Heading{Level: 1, ID: "t", Classes: []string{"x"}, Content: []doc.Inline{txt("The title")}},
			&doc.Heading{Level: 3, ID: "s", Content: []doc.Inline{txt("S")}},
		}, []string{`aria-labelledby="t"`, `<h1 id="t" class="x">The title</h1>`, `<h2 id="s">S</h2>`}, []string{`id="title"`}},
		{"empty heading keeps its ID", []doc.Block{&doc.Heading{Level: 2, ID: "e"}},
			[]string{`<div id="e" class="empty-heading"></div>`}, []string{"<h2"}},
		{"blockquote", []doc.Block{&doc.BlockQuote{Blocks: []doc.Block{para(txt("q"))}}},
			[]string{"<blockquote>\n<p>q</p>\n</blockquote>"}, nil},
		{"tight ordered list", []doc.Block{&doc.List{Ordered: true, Start: 3, Tight: true, Items: []*doc.ListItem{
			{Blocks: []doc.Block{para(txt("a"))}}, {Blocks: []doc.Block{para(txt("b"))}}}}},
			[]string{"<ol start=\"3\">\n<li>a</li>\n<li>b</li>\n</ol>"}, nil},
		{"loose bullet list", []doc.Block{&doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{para(txt("a"))}}}}},
			[]string{"<ul>\n<li><p>a</p>\n</li>\n</ul>"}, nil},
		{"ordered list from 1 has no start", []doc.Block{&doc.List{Ordered: true, Start: 1, Items: []*doc.ListItem{{}}}},
			[]string{"<ol>\n<li></li>\n</ol>"}, []string{"start="}},
		{"task list", []doc.Block{&doc.List{Tight: true, Items: []*doc.ListItem{
			{Task: doc.TaskOpen, Blocks: []doc.Block{para(txt("todo"))}},
			{Task: doc.TaskDone, Blocks: []doc.Block{para(txt("done"))}}}}},
			[]string{`<ul class="tasks">`, `<li class="task"><span class="task-box">☐</span> todo</li>`,
				`<li class="task"><span class="task-box">☑</span> done</li>`}, []string{"<input"}},
		{"code block", []doc.Block{&doc.CodeBlock{Language: "go", Text: "if a < b {\n\treturn\n}"}},
			[]string{"<pre><code class=\"language-go\" translate=\"no\">if a &lt; b {\n\treturn\n}</code></pre>"}, nil},
		{"code block language is its first word", []doc.Block{
			&doc.CodeBlock{Language: "rust,ignore", Text: "a"}, &doc.CodeBlock{Language: " python  extra", Text: "b"},
			&doc.CodeBlock{Text: "c"}},
			[]string{`<code class="language-rust" translate="no">a</code>`, `<code class="language-python" translate="no">b</code>`,
				`<pre><code translate="no">c</code></pre>`}, []string{"ignore", "extra"}},
		{"thematic break", []doc.Block{&doc.ThematicBreak{}}, []string{"<hr/>"}, nil},
		{"table", []doc.Block{&doc.Table{Align: []doc.Align{doc.AlignLeft, doc.AlignRight},
			Header: []*doc.TableCell{{Content: []doc.Inline{txt("h1")}}, {Content: []doc.Inline{txt("h2")}}},
			Rows:   [][]*doc.TableCell{{{Content: []doc.Inline{txt("a")}}, {Content: []doc.Inline{txt("b")}}}}}},
			[]string{`<thead><tr><th scope="col" class="align-left">h1</th><th scope="col" class="align-right">h2</th></tr></thead>`,
				`<tr><td class="align-left">a</td><td class="align-right">b</td></tr>`}, []string{"align=\""}},
		{"figure", []doc.Block{&doc.Figure{ID: "f", Image: &doc.Image{Src: "pics/A map.PNG", Alt: "alt", Asset: png},
			Caption: []doc.Inline{txt("cap")}}},
			[]string{`<figure id="f"><img src="../images/A-map.png" alt="alt" width="3" height="2"/><figcaption>cap</figcaption></figure>`}, nil},
		{"divs", []doc.Block{
			&doc.Div{ID: "d", Classes: []string{"teacher", "x y"}, Blocks: []doc.Block{para(txt("p"))}},
			&doc.Div{Kind: doc.DivSection, Blocks: []doc.Block{para(txt("s"))}},
			&doc.Div{Kind: doc.DivAside, Blocks: []doc.Block{para(txt("a"))}},
			&doc.Div{Kind: doc.DivDetails, Blocks: []doc.Block{para(txt("sum")), para(txt("more"))}},
			&doc.Div{Blocks: []doc.Block{para(txt("kept as a div"))}},
		}, []string{"<div id=\"d\" class=\"teacher x y\">\n<p>p</p>\n</div>", "<section>\n<p>s</p>\n</section>",
			"<aside role=\"note\">\n<p>a</p>\n</aside>", "<details><summary>sum</summary>\n<p>more</p>\n</details>",
			"<div>\n<p>kept as a div</p>\n</div>"}, []string{"<script"}},
		{"groups keep their meaning", []doc.Block{
			&doc.Div{Kind: doc.DivTermList, Classes: []string{"glossary"}, Blocks: []doc.Block{
				&doc.Div{Kind: doc.DivTerm, ID: "t1", Blocks: []doc.Block{para(txt("Soviet"))}},
				&doc.Div{Kind: doc.DivTermDefinition, Blocks: []doc.Block{para(txt("A council."))}},
				&doc.Div{Kind: doc.DivTerm, Blocks: []doc.Block{para(txt("Narkom"))}},
				&doc.Div{Kind: doc.DivTermDefinition, Blocks: []doc.Block{para(txt("One.")), para(txt("Two."))}},
			}},
			&doc.Div{Kind: doc.DivDetails, Blocks: []doc.Block{
				&doc.Div{Kind: doc.DivSummary, Blocks: []doc.Block{para(txt("Answer")), para(txt("in brief"))}}, para(txt("Long."))}},
			&doc.Div{Kind: doc.DivFigure, ID: "fig", Blocks: []doc.Block{
				&doc.Div{Kind: doc.DivCaption, Blocks: []doc.Block{para(txt("Cap"))}}, para(txt("Body"))}},
			&doc.Div{Kind: doc.DivHeader, Blocks: []doc.Block{para(txt("h")), &doc.Div{Kind: doc.DivFooter, Blocks: []doc.Block{para(txt("f"))}}}},
			&doc.Div{Kind: doc.DivAddress, Blocks: []doc.Block{para(txt("Moscow"))}},
			&doc.Div{Kind: doc.DivAddress, Blocks: []doc.Block{&doc.Heading{Level: 2, Content: []doc.Inline{txt("H")}}}},
			&doc.Div{Kind: doc.DivArticle, Blocks: []doc.Block{para(txt("art"))}},
		}, []string{
			"<dl class=\"glossary\">\n<dt id=\"t1\">Soviet</dt>\n<dd>A council.</dd>\n<dt>Narkom</dt>\n<dd><p>One.</p>\n<p>Two.</p>\n</dd>\n</dl>",
			"<details><summary>Answer<br/>in brief</summary>\n<p>Long.</p>\n</details>",
			"<figure id=\"fig\">\n<figcaption>Cap</figcaption>\n<p>Body</p>\n</figure>",
			// a header holding a footer would be invalid: a div says what it is
			"<div class=\"header\">\n<p>h</p>\n<footer>\n<p>f</p>\n</footer>\n</div>",
			"<address>\n<p>Moscow</p>\n</address>", "<div class=\"address\">\n<h2", "<article>\n<p>art</p>\n</article>",
		}, []string{"<div>"}},
		{"blocks keep their IDs and classes", []doc.Block{
			&doc.Paragraph{ID: "p1", Classes: []string{"lede"}, Content: []doc.Inline{txt("p")}},
			&doc.BlockQuote{ID: "q1", Classes: []string{"epigraph"}, Blocks: []doc.Block{para(txt("q"))}},
			&doc.List{ID: "l1", Classes: []string{"plain"}, Tight: true, Items: []*doc.ListItem{
				{Task: doc.TaskOpen, Blocks: []doc.Block{&doc.Paragraph{ID: "i1", Classes: []string{"x"}, Content: []doc.Inline{txt("i")}}}}}},
			&doc.CodeBlock{ID: "c1", Classes: []string{"example"}, Text: "c"},
		}, []string{`<p id="p1" class="lede">p</p>`, `<blockquote id="q1" class="epigraph">`,
			`<ul id="l1" class="tasks plain">`, `<li class="task"><span id="i1" class="x"><span class="task-box">☐</span> i</span></li>`,
			`<pre id="c1" class="example"><code translate="no">c</code></pre>`}, nil},
		{"tables keep their caption, column groups and heading cells", []doc.Block{&doc.Table{
			ID: "t", Classes: []string{"data"}, Align: []doc.Align{doc.AlignDefault, doc.AlignRight, doc.AlignDefault},
			Caption: []doc.Inline{txt("Votes")},
			Groups:  []*doc.ColumnGroup{{Columns: []*doc.Column{{Span: 1, Classes: []string{"name"}}, {Span: 2}}}},
			Header:  []*doc.TableCell{{Content: []doc.Inline{txt("Faction")}}, {Scope: doc.ScopeColumnGroup, Content: []doc.Inline{txt("Votes")}}, {}},
			Rows: [][]*doc.TableCell{{{Header: true, Content: []doc.Inline{txt("Majority")}}, {Content: []doc.Inline{txt("694")}},
				{Header: true, Scope: doc.ScopeColumn, Content: []doc.Inline{txt("x")}}}},
		}}, []string{"<table id=\"t\" class=\"data\">\n<caption>Votes</caption>\n<colgroup><col class=\"name\"/><col span=\"2\"/></colgroup>\n<thead>",
			`<th scope="col">Faction</th><th scope="colgroup" class="align-right">Votes</th><td></td>`,
			`<tr><th scope="row">Majority</th><td class="align-right">694</td><th scope="col">x</th></tr>`}, nil},
		{"inlines", []doc.Block{para(
			&doc.Emph{Content: []doc.Inline{txt("e")}}, &doc.Strong{Content: []doc.Inline{txt("s")}},
			&doc.Strike{Content: []doc.Inline{txt("x")}}, &doc.Code{Text: "<c>"}, &doc.Break{},
			&doc.Image{Src: "pics/A map.PNG", Alt: "", Title: "t", Asset: png},
		)}, []string{`<em>e</em><strong>s</strong><del>x</del><code translate="no">&lt;c&gt;</code><br/><img src="../images/A-map.png" alt="" title="t" width="3" height="2" class="inline"/>`}, nil},
		{"spans", []doc.Block{para(
			&doc.Span{Kind: doc.SpanAbbreviation, Title: "Union of \"Soviet\" Socialist Republics", Content: []doc.Inline{txt("USSR")}},
			&doc.Span{Lang: "ru", Classes: []string{"foreign"}, Content: []doc.Inline{txt("товарищ")}},
			&doc.Span{Lang: "not a tag!", Content: []doc.Inline{txt("x")}},
			&doc.Span{Content: []doc.Inline{txt("alert(1)")}},
			&doc.Span{Kind: doc.SpanTime, Content: []doc.Inline{txt("soon")}},
			&doc.Span{Kind: doc.SpanAlternate, Content: []doc.Inline{txt("Potemkin")}},
			&doc.Span{Kind: doc.SpanAttention, Content: []doc.Inline{txt("keyword")}},
			&doc.Span{Kind: doc.SpanQuotation, Content: []doc.Inline{txt("a "), &doc.Span{Kind: doc.SpanQuotation, Content: []doc.Inline{txt("b")}}}},
		)}, []string{`<i>Potemkin</i>`, `<b>keyword</b>`, `<q>a <q>b</q></q>`, `<abbr title="Union of &quot;Soviet&quot; Socialist Republics">USSR</abbr>`,
			`<span class="foreign" lang="ru" xml:lang="ru">товарищ</span>`, `<span>x</span>`, `<span>alert(1)</span>`, `<span>soon</span>`},
			[]string{"<script", "<time"}},
		{"languages", []doc.Block{
			&doc.Heading{BlockBase: doc.BlockBase{Lang: "ru"}, Level: 2, ID: "h", Content: []doc.Inline{txt("Глава")}},
			&doc.Div{BlockBase: doc.BlockBase{Lang: "fr"}, Blocks: []doc.Block{
				para(txt("Tous les êtres humains")),
				&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "fr"}, Content: []doc.Inline{txt("encore")}},
				&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "he"}, Content: []doc.Inline{txt("כל בני האדם")}},
			}},
			&doc.List{Tight: true, Items: []*doc.ListItem{{Blocks: []doc.Block{
				&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "uk"}, Content: []doc.Inline{txt("Усі люди")}}}}}},
			&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "en"}, Content: []doc.Inline{txt("already English "),
				&doc.Span{Lang: "ar", Content: []doc.Inline{txt("يولد")}}}},
		}, []string{`<h2 id="h" lang="ru" xml:lang="ru">Глава</h2>`,
			"<div lang=\"fr\" xml:lang=\"fr\">\n<p>Tous les êtres humains</p>\n<p>encore</p>\n<p lang=\"he\" xml:lang=\"he\" dir=\"rtl\">כל בני האדם</p>",
			`<li><span lang="uk" xml:lang="uk">Усі люди</span></li>`,
			`<p>already English <span lang="ar" xml:lang="ar" dir="rtl">يولد</span></p>`}, nil},
		{"missing and remote images", []doc.Block{para(
			&doc.Image{Src: "https://example.org/x.png", Alt: "remote"},
			&doc.Image{Src: "lost/pic.png"},
			&doc.Image{Src: "junk.png", Alt: "junk", Asset: &doc.Asset{Data: []byte("GIF")}},
		)}, []string{`<span class="image-missing">remote</span><span class="image-missing">pic.png</span><span class="image-missing">junk</span>`},
			[]string{"<img"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body, _ := renderChapter(t, c.blocks)
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("missing %q in\n%s", w, body)
				}
			}
			for _, a := range c.absent {
				if strings.Contains(body, a) {
					t.Errorf("unexpected %q in\n%s", a, body)
				}
			}
		})
	}
}

func TestLinks(t *testing.T) {
	cases := []struct {
		name    string
		link    *doc.Link
		want    string
		warning string
	}{
		{"https", &doc.Link{URL: "https://example.org/a?b=1&c=2", External: true, Title: "T"},
			`<a href="https://example.org/a?b=1&amp;c=2" title="T">x</a>`, ""},
		{"http unmarked", &doc.Link{URL: "http://example.org"}, `<a href="http://example.org">x</a>`, ""},
		{"mailto", &doc.Link{URL: "mailto:a@example.org", External: true}, `<a href="mailto:a@example.org">x</a>`, ""},
		{"ftp", &doc.Link{URL: "ftp://example.org/f", External: true}, `<a href="ftp://example.org/f">x</a>`, ""},
		{"non-ASCII percent-encoded", &doc.Link{URL: "https://example.org/ä b?q=<x>#f#g", External: true},
			`<a href="https://example.org/%C3%A4%20b?q=%3Cx%3E#f%23g">x</a>`, ""},
		{"javascript", &doc.Link{URL: "javascript:alert(1)", External: true}, `<p>x</p>`, `[link.scheme] link "javascript:alert(1)" uses a scheme e-books do not follow`},
		{"data", &doc.Link{URL: "data:text/html,hi"}, `<p>x</p>`, `uses a scheme e-books do not follow`},
		{"file", &doc.Link{URL: "file:///etc/passwd", External: true}, `<p>x</p>`, `uses a scheme e-books do not follow`},
		{"no host", &doc.Link{URL: "https:///path", External: true}, `<p>x</p>`, `[link.invalid] link "https:///path" has no host`},
		{"invalid", &doc.Link{URL: "http://[::1", External: true}, `<p>x</p>`, `[link.invalid] link "http://[::1" is not a valid URL`},
		{"empty", &doc.Link{}, `<p>x</p>`, ""}, // the resolve pass warned
		{"rust path", &doc.Link{URL: "std::process::Termination"}, `<p>x</p>`, `[link.invalid] link "std::process::Termination" is a path into code (an intra-doc link`},
		{"rust path with underscore", &doc.Link{URL: "proc_macro::TokenStream"}, `<p>x</p>`, `is a path into code`},
		{"rust macro path", &doc.Link{URL: "std::vec!"}, `<p>x</p>`, `is a path into code`},
		{"rust path with fragment", &doc.Link{URL: "std::fmt#syntax"}, `<p>x</p>`, `is a path into code`},
		{"rust function path", &doc.Link{URL: "std::mem::swap()"}, `<p>x</p>`, `is a path into code`},
		{"scheme with double colon is no path", &doc.Link{URL: "urn::x-y"}, `<p>x</p>`, `uses a scheme e-books do not follow`},
		{"relative file", &doc.Link{URL: "notes.md"}, `<p>x</p>`, ""},                                       // the resolve pass warned
		{"file name with a colon", &doc.Link{URL: "a:b.md"}, `<p>x</p>`, ""},                                // likewise
		{"relative link that is no URL", &doc.Link{URL: "[https://example.org/guide.html"}, `<p>x</p>`, ""}, // likewise
		{"bad host", &doc.Link{URL: "https://../", External: true}, `<p>x</p>`, `[link.invalid] link "https://../" has no valid host name`},
		{"international host", &doc.Link{URL: "https://пример.рф/", External: true}, `<a href="https://xn--e1afmkfd.xn--p1ai/">x</a>`, ""},
		{"entry", &doc.Link{URL: "two.md", Entry: "two"}, `<a href="two.xhtml">x</a>`, ""},
		{"entry and anchor", &doc.Link{URL: "two.md#s", Entry: "two", Anchor: "s"}, `<a href="two.xhtml#s">x</a>`, ""},
		{"own anchor", &doc.Link{URL: "#h", Entry: "ch", Anchor: "h"}, `<a href="#h">x</a>`, ""},
		{"bare fragment", &doc.Link{URL: "#s"}, `<a href="two.xhtml#s">x</a>`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := *c.link
			l.Content = []doc.Inline{txt("x")}
			book := chapterBook([]doc.Block{&doc.Heading{Level: 2, ID: "h", Content: []doc.Inline{txt("H")}}, para(&l)})
			book.Entries = append(book.Entries, &doc.Entry{ID: "two", Title: []doc.Inline{txt("Two")},
				Blocks: []doc.Block{&doc.Heading{Level: 2, ID: "s", Content: []doc.Inline{txt("S")}}}})
			_, files, warnings := writeEPUB(t, book, Options{Cover: tinyCover})
			checkPackage(t, files)
			if !strings.Contains(files[chapterFile], c.want) {
				t.Errorf("missing %q in\n%s", c.want, files[chapterFile])
			}
			if c.warning == "" && len(warnings) > 0 {
				t.Errorf("unexpected warnings: %s", dumpWarnings(warnings))
			}
			if c.warning != "" && !hasWarning(warnings, c.warning) {
				t.Errorf("no warning containing %q: %s", c.warning, dumpWarnings(warnings))
			}
		})
	}
}

// TestLinkNesting: links do not nest, a note marker inside a link moves
// after it, and a link without text shows its URL.
func TestLinkNesting(t *testing.T) {
	n := &doc.Note{ID: "n1", Label: "1", Refs: 1, Blocks: []doc.Block{para(txt("note"))}}
	body, _ := renderChapter(t, []doc.Block{para(
		&doc.Link{URL: "https://a.example/", External: true, Content: []doc.Inline{
			txt("outer "), &doc.NoteRef{Note: n},
			&doc.Link{URL: "https://b.example/", External: true, Content: []doc.Inline{txt("inner")}}}},
		&doc.Link{URL: "https://c.example/", External: true},
	)}, n)
	want := `<p><a href="https://a.example/">outer inner</a><sup class="noteref footnote"><a epub:type="noteref" role="doc-noteref" id="ref-n1" href="#n1">1</a></sup><a href="https://c.example/">https://c.example/</a></p>`
	if !strings.Contains(body, want) {
		t.Errorf("missing\n%s\nin\n%s", want, body)
	}
}

func TestNotes(t *testing.T) {
	fn := &doc.Note{Kind: doc.FootnoteNote, ID: "n1", Refs: 2, Blocks: []doc.Block{para(txt("first"))}}
	ann := &doc.Note{Kind: doc.AnnotationNote, ID: "a1", Refs: 1, Blocks: []doc.Block{para(txt("ed"))}}
	ann2 := &doc.Note{Kind: doc.AnnotationNote, ID: "a2", Refs: 1, Blocks: []doc.Block{&doc.CodeBlock{Text: "code first"}}}
	prov := &doc.Note{Kind: doc.ProvenanceNote, ID: "p1", Label: "†", Refs: 1, Blocks: []doc.Block{para(txt("from"))}}
	unlisted := &doc.Note{Kind: doc.FootnoteNote, ID: "n2", Label: "2", Refs: 1, Blocks: []doc.Block{para(txt("not in Notes"))}}
	orphan := &doc.Note{Kind: doc.FootnoteNote, ID: "n3", Label: "3", Blocks: []doc.Block{para(txt("never referenced"))}}
	body, warnings := renderChapter(t, []doc.Block{
		para(txt("a"), &doc.NoteRef{Note: fn}, txt("b"), &doc.NoteRef{Note: ann}, &doc.NoteRef{Note: ann2},
			&doc.NoteRef{Note: prov}, &doc.NoteRef{Note: unlisted}, &doc.NoteRef{Note: fn, Index: 1}),
	}, fn, ann, ann2, prov, orphan)

	for _, w := range []string{
		`<sup class="noteref footnote"><a epub:type="noteref" role="doc-noteref" id="ref-n1" href="#n1">1</a></sup>`,
		`<sup class="noteref annotation"><a epub:type="noteref" role="doc-noteref" id="ref-a1" href="#a1">a</a></sup>`,
		`<sup class="noteref annotation"><a epub:type="noteref" role="doc-noteref" id="ref-a2" href="#a2">b</a></sup>`,
		`<sup class="noteref provenance"><a epub:type="noteref" role="doc-noteref" id="ref-p1" href="#p1">†</a></sup>`,
		`<a epub:type="noteref" role="doc-noteref" id="ref-n1-2" href="#n1">1</a>`,
		"<section class=\"notes\" epub:type=\"footnotes\">\n<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"n1\" class=\"note footnote\">\n<p><a href=\"#ref-n1\" role=\"doc-backlink\" class=\"backlink\">1</a> first</p>\n</aside>",
		"<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"a1\" class=\"note annotation\">\n<p><a href=\"#ref-a1\" role=\"doc-backlink\" class=\"backlink\">a</a> ed</p>",
		"<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"a2\" class=\"note annotation\">\n<p class=\"note-label\"><a href=\"#ref-a2\" role=\"doc-backlink\" class=\"backlink\">b</a> </p>\n<pre><code translate=\"no\">code first</code></pre>",
		`id="p1" class="note provenance"`,
		"<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"n3\" class=\"note footnote\">\n<p><span class=\"backlink\">3</span> never referenced</p>",
		"<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"n2\" class=\"note footnote\">\n<p><a href=\"#ref-n2\"",
	} {
		if !strings.Contains(body, w) {
			t.Errorf("missing %q in\n%s", w, body)
		}
	}
	// Notes close the chapter, after all its text.
	if strings.Index(body, `<section class="notes"`) < strings.Index(body, "</p>") {
		t.Error("notes come before the text")
	}
	if len(warnings) > 0 {
		t.Errorf("warnings: %s", dumpWarnings(warnings))
	}
}

// TestPageMarkers places markers at rune offsets of doc.BlockText, which
// counts a break as one rune, an invalid byte as one, and skips markers;
// only between words, never inside code.
func TestPageMarkers(t *testing.T) {
	n := &doc.Note{ID: "n", Label: "1", Refs: 1, Blocks: []doc.Block{para(txt("x"))}}
	p := para(txt("ab"), &doc.Emph{Content: []doc.Inline{txt("c\xffd")}}, &doc.NoteRef{Note: n}, &doc.Break{}, &doc.Code{Text: "éf"})
	code := &doc.CodeBlock{Text: "line1\nline2"}
	table := &doc.Table{Align: []doc.Align{doc.AlignDefault}, Rows: [][]*doc.TableCell{{{Content: []doc.Inline{txt("t")}}}}}
	book := chapterBook([]doc.Block{p, code, table}, n)
	e := book.Entries[0]
	pm := &doc.PageMap{Source: "Print", Breaks: []doc.PageBreak{
		{Label: "1", Entry: e, Block: p, Offset: 0},
		{Label: "2", Entry: e, Block: p, Offset: 3},
		{Label: "3", Entry: e, Block: p, Offset: 5},
		{Label: "4", Entry: e, Block: p, Offset: 6},
		{Label: "5", Entry: e, Block: p, Offset: 8},
		{Label: "6", Entry: e, Block: code, Offset: 6},
		{Label: "7", Entry: e, Block: table, Offset: 0},
		{Label: "x y", Entry: e, Block: p, Offset: 2},
		{Label: "1", Entry: e, Block: code, Offset: 0},
	}}
	_, files, warnings := writeEPUB(t, book, Options{Cover: tinyCover, PageMap: pm})
	checkPackage(t, files)
	ch := files[chapterFile]
	mark := func(id, label string) string {
		return `<span epub:type="pagebreak" role="doc-pagebreak" id="` + id + `" aria-label="` + label + `" class="pagebreak"></span>`
	}
	for _, w := range []string{
		// A marker inside a word moves to the next place between words
		// (here the line break), and a marker inside code to its start;
		// one at the very end closes the block.
		mark("page-1", "1") + "<p>ab<em>c\uFFFDd</em>" +
			`<sup class="noteref footnote"><a epub:type="noteref" role="doc-noteref" id="ref-n" href="#n">1</a></sup>` +
			mark("page-2", "2") + mark("page-3", "3") + mark("page-x-y", "x y") + "<br/><code translate=\"no\">" + mark("page-4", "4") + "éf</code>" + mark("page-5", "5") + "</p>",
		mark("page-6", "6") + mark("page-1-2", "1") + "<pre><code translate=\"no\">line1\nline2</code></pre>",
		mark("page-7", "7") + "<table>",
	} {
		if !strings.Contains(ch, w) {
			t.Errorf("missing\n%s\nin\n%s", w, ch)
		}
	}
	nav := files["EPUB/nav.xhtml"]
	list := between(nav, `<nav epub:type="page-list"`, "</nav>")
	order := []string{"page-1\"", "page-2\"", "page-3", "page-x-y", "page-4", "page-5", "page-6", "page-1-2", "page-7"}
	last := -1
	for _, id := range order {
		i := strings.Index(list, "xhtml/ch.xhtml#"+id)
		if i < 0 || i < last {
			t.Errorf("page list lacks %s or has it out of reading order:\n%s", id, list)
		}
		last = i
	}
	if len(warnings) != 0 {
		t.Errorf("unexpected warnings: %s", dumpWarnings(warnings))
	}
	ncx := files["EPUB/toc.ncx"]
	for _, w := range []string{
		`<meta name="dtb:totalPageCount" content="9"/>`, `<meta name="dtb:maxPageNumber" content="7"/>`,
		"<pageList>\n<navLabel><text>Pages</text></navLabel>",
		`<pageTarget id="pt-1" type="normal" value="1" playOrder="2"><navLabel><text>1</text></navLabel><content src="xhtml/ch.xhtml#page-1"/></pageTarget>`,
		`<pageTarget id="pt-4" type="special" value="1" playOrder="5"><navLabel><text>x y</text></navLabel><content src="xhtml/ch.xhtml#page-x-y"/></pageTarget>`,
		`<pageTarget id="pt-8" type="special" value="2" playOrder="9"><navLabel><text>1</text></navLabel>`, // a label met twice
		`<pageTarget id="pt-9" type="normal" value="7" playOrder="10">`,
	} {
		if !strings.Contains(ncx, w) {
			t.Errorf("NCX lacks %s in\n%s", w, ncx)
		}
	}
	opf := files["EPUB/package.opf"]
	for _, w := range []string{
		`<dc:source id="page-source">Print</dc:source>`,
		`<meta refines="#page-source" property="source-of">pagination</meta>`,
		`<meta name="pageBreakSource" content="Print"/>`,
		`<meta property="schema:accessibilityFeature">pageBreakMarkers</meta>`,
		`<meta property="schema:accessibilityFeature">pageNavigation</meta>`,
	} {
		if !strings.Contains(opf, w) {
			t.Errorf("package lacks %s", w)
		}
	}
}

func TestPageMapProblems(t *testing.T) {
	p := para(txt("abc"))
	book := chapterBook([]doc.Block{p})
	e := book.Entries[0]
	stranger := &doc.Entry{ID: "stranger"}
	_, files, warnings := writeEPUB(t, book, Options{Cover: tinyCover, PageMap: &doc.PageMap{Breaks: []doc.PageBreak{
		{Label: "1", Entry: e, Block: p, Offset: 99},
		{Label: "2", Entry: e, Block: para(txt("elsewhere"))},
		{Label: "3", Entry: stranger},
		{Label: "", Entry: e, Block: p},
		{Label: "4", Entry: e},
	}}})
	checkPackage(t, files)
	for _, w := range []string{
		"[pagemap.offset] page 1: offset 99 is outside the block's 3 characters",
		"[pagemap.block] page 2: its block is not in the entry; marking the entry's start",
		"[pagemap.entry] page 3: its entry is not in the book; left out of the page list",
		"[pagemap.label] page break 4 has no label; skipped",
		"[pagemap.source] the page map names no source edition; using the book's title",
	} {
		if !hasWarning(warnings, w) {
			t.Errorf("no warning %q: %s", w, dumpWarnings(warnings))
		}
	}
	if hasWarning(warnings, "page 4") {
		t.Errorf("a break without block marks its entry's start silently: %s", dumpWarnings(warnings))
	}
	if !strings.Contains(files[chapterFile], `abc<span epub:type="pagebreak" role="doc-pagebreak" id="page-1" aria-label="1" class="pagebreak"></span></p>`) {
		t.Errorf("an offset past the end does not mark the block's end:\n%s", files[chapterFile])
	}
}

func TestWarningPositions(t *testing.T) {
	p := &doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "ch.md", Line: 12}},
		Content: []doc.Inline{&doc.Image{Src: "gone.png", Alt: "gone"}}}
	body, warnings := renderChapter(t, []doc.Block{p})
	// The image loader reports an image it could not load; the EPUB only
	// lets its text stand in.
	if len(warnings) != 0 {
		t.Errorf("an image without an asset was warned about twice: %s", dumpWarnings(warnings))
	}
	if !strings.Contains(body, `<span class="image-missing">gone</span>`) {
		t.Errorf("the missing image's text does not stand in:\n%s", body)
	}
	bad := &doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "ch.md", Line: 14}},
		Content: []doc.Inline{&doc.Image{Src: "x.bmp", Alt: "x", Asset: &doc.Asset{Path: "x.bmp", MediaType: "image/bmp", Data: []byte("BM")}}}}
	_, warnings = renderChapter(t, []doc.Block{bad})
	if len(warnings) != 1 || !strings.HasPrefix(coded(warnings[0]), `[image.unusable] ch.md:14: image "x.bmp" `) {
		t.Errorf("warning lacks its position: %s", dumpWarnings(warnings))
	}
	// A picture with a place of its own, late in its paragraph, is
	// reported there.
	bad.Content[0].(*doc.Image).Pos = doc.Pos{Line: 16, Column: 7}
	_, warnings = renderChapter(t, []doc.Block{bad})
	if len(warnings) != 1 || !strings.HasPrefix(coded(warnings[0]), `[image.unusable] ch.md:16:7: image "x.bmp" `) {
		t.Errorf("warning not at the picture's place: %s", dumpWarnings(warnings))
	}
}

// An anchor span (raw HTML's <a id>) keeps its ID, and links reach it.
func TestAnchorSpans(t *testing.T) {
	p := &doc.Paragraph{Content: []doc.Inline{
		&doc.Span{ID: "old"}, &doc.Text{Text: "Text "},
		&doc.Link{URL: "#old", Entry: "ch", Anchor: "old", Content: []doc.Inline{&doc.Text{Text: "back"}}},
	}}
	body, warnings := renderChapter(t, []doc.Block{p})
	if len(warnings) > 0 {
		t.Errorf("warnings: %s", dumpWarnings(warnings))
	}
	for _, want := range []string{`<span id="old"></span>Text `, `<a href="#old">back</a>`} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %s:\n%s", want, body)
		}
	}
}

// A chapter in another language than the book's says so on its root
// element; the editors' notes in it are in the book's language.
func TestChapterLanguage(t *testing.T) {
	note := &doc.Note{Kind: doc.AnnotationNote, ID: "a-ch-a", Label: "a", Lang: "en", Refs: 1,
		Blocks: []doc.Block{para(txt("An editor's note."))}}
	own := &doc.Note{Kind: doc.FootnoteNote, ID: "n-ch-1", Label: "1", Refs: 1,
		Blocks: []doc.Block{para(txt("כך במקור."))}}
	book := chapterBook([]doc.Block{para(txt("כל בני האדם נולדו בני חורין"), &doc.NoteRef{Note: note}, &doc.NoteRef{Note: own})}, note, own)
	book.Entries[0].Language = "he"
	_, files, _ := writeEPUB(t, book, Options{Cover: tinyCover})
	checkPackage(t, files)
	ch := files[chapterFile]
	for _, want := range []string{`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="he" xml:lang="he" dir="rtl">`,
		`class="note annotation" lang="en" xml:lang="en" dir="ltr">`, `class="note footnote">`} {
		if !strings.Contains(ch, want) {
			t.Errorf("missing %q in\n%s", want, ch)
		}
	}
	if opf := files["EPUB/package.opf"]; !strings.Contains(opf, "<dc:language>en</dc:language>") {
		t.Errorf("the package's language is not the book's:\n%s", opf)
	}
}
