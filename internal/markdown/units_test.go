package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/filetest"
)

func TestWarnings(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"clean", "# Title\n\nText.[^a]\n\n[^a]: Note.\n", nil},
		{"undefined footnote", "Text.[^nope]\n", []string{
			"ch.md:1:6: footnote reference [^nope] has no definition [footnote.undefined]",
		}},
		// reported by the resolve pass, which drops it (notes.Resolve);
		// a fragment's is reported here (TestParseFragment)
		{"unused footnote", "Text.\n\n[^lonely]: Nobody cites me.\n", nil},
		{"duplicate footnote", "A[^x]\n\n[^x]: One.\n\n[^x]: Two.\n", []string{
			"ch.md:5:1: footnote [^x] is defined again (first at line 3); this definition is ignored [footnote.duplicate]",
		}},
		{"duplicate footnote in a quote", "A[^x]\n\n> [^x]: One.\n>\n> [^x]: Two.\n", []string{
			"ch.md:5:3: footnote [^x] is defined again (first at line 3); this definition is ignored [footnote.duplicate]",
		}},
		{"unclosed div", "Intro\n\n::: teacher\nHidden\n", []string{
			"ch.md:3:1: fenced div ::: is never closed; it ends with its container [div.unclosed]",
		}},
		{"duplicate id", "# A {#x}\n\n# B {#x}\n", []string{
			`ch.md:3: id "x" is used again (first at line 1) [id.duplicate]`,
		}},
		{"markdown javascript link", "[x](javascript:alert(1))\n", []string{
			"ch.md:1:1: link to a javascript: URL dropped, its text kept [link.unsafe]",
		}},
		{"markdown javascript link, second line of its paragraph", "Some text\nand then [x](javascript:alert(1))\n", []string{
			"ch.md:2:10: link to a javascript: URL dropped, its text kept [link.unsafe]",
		}},
		{"javascript autolink in a list", "- a\n- b <javascript:alert(1)>\n", []string{
			"ch.md:2:5: link to a javascript: URL dropped, its text kept [link.unsafe]",
		}},
		{"markdown javascript image", "![x](javascript:alert(1))\n", []string{
			"ch.md:1:1: image with a javascript: source dropped, its description kept [image.unsafe]",
		}},
		{"html javascript link", `<a href="javascript:void(0)">x</a>` + "\n", []string{
			"ch.md:1:1: raw HTML link to a javascript: URL dropped, its text kept [link.unsafe]",
		}},
		{"html data link", `<a href="data:text/html;base64,PGI+">x</a>` + "\n", []string{
			"ch.md:1:1: raw HTML link to a data: URL dropped, its text kept [link.unsafe]",
		}},
		{"html bad image", "Text\n\n<img src=\"vbscript:x\" alt=\"y\">\n", []string{
			"ch.md:3:1: raw HTML <img> with a vbscript: source dropped, its description kept [image.unsafe]",
		}},
		{"svg stray text, late in an HTML block", "<div>\n<p>x</p>\n  <svg viewBox=\"0 0 1 1\"><rect/>words</svg>\n</div>\n", []string{
			"ch.md:3:3: text inside <svg> outside any <text> element is not part of the picture; it is kept after it [svg.stray-text]",
		}},
		{"script block", "Text\n\n<script>alert(1)</script>\n", []string{
			"ch.md:3:1: raw HTML <script> dropped [html.dropped]",
		}},
		{"inline style", "a <style>p{}</style> b\n", []string{
			"ch.md:1:3: raw HTML <style> dropped [html.dropped]",
		}},
		{"iframe to web page", `<iframe src="https://example.com/v"></iframe>` + "\n", []string{
			"ch.md:1:1: raw HTML <iframe> replaced by a link to its source [html.iframe-link]",
		}},
		{"iframe to nowhere", `<iframe src="about:blank"></iframe>` + "\n", []string{
			"ch.md:1:1: raw HTML <iframe> dropped [html.dropped]",
		}},
		{"form controls", "<form>\n<label>Name <input></label> <button>Go</button>\n</form>\n", []string{
			"ch.md:2:13: raw HTML <input> dropped [html.dropped]",
			"ch.md:2:29: raw HTML <button> dropped [html.dropped]",
		}},
		{"many buttons, one warning at the first", "<form>\n<button>a</button>\n<input> <button>b</button>\n<button>c</button>\n</form>\n\n<button>d</button>\n", []string{
			"ch.md:2:1: raw HTML <button> dropped, and 2 more after it in the same HTML [html.dropped]",
			"ch.md:3:1: raw HTML <input> dropped [html.dropped]",
			"ch.md:7:1: raw HTML <button> dropped [html.dropped]",
		}},
		{"metadata", `<meta charset="utf-8">` + "\n", []string{
			"ch.md:1:1: raw HTML <meta> dropped [html.dropped]",
		}},
		{"plugins", "<object data=\"x.swf\"></object>\n\n<embed src=\"y.swf\">\n", []string{
			"ch.md:1:1: raw HTML <object> dropped [html.dropped]",
			"ch.md:3:1: raw HTML <embed> dropped [html.dropped]",
		}},
		{"unclosed script", "Text\n\n<script>\nvar x;\n\nMore text.\n", []string{
			"ch.md:3:1: raw HTML <script> dropped [html.dropped]",
			"ch.md:3:1: raw HTML <script> is never closed; all text after it is part of it [html.unclosed]",
		}},
		{"unclosed comment", "Text\n\n<!-- forgot to close\n\nMore text.\n", []string{
			"ch.md:3:1: HTML comment is never closed; everything after <!-- is hidden [html.comment-unclosed]",
		}},
		{"unfinished tag", "<div class\nfoo\n", []string{
			`ch.md:1:1: raw HTML tag is never closed with ">"; kept as text [html.tag-unfinished]`,
		}},
		{"unclosed style after other tags", "<div>\n  <p>x</p> <style>\n", []string{
			"ch.md:2:12: raw HTML <style> dropped [html.dropped]",
			"ch.md:2:12: raw HTML <style> is never closed; all text after it is part of it [html.unclosed]",
		}},
		{"unfinished tag after a closed one", "<div>\n<p>a</p> <span class\nfoo\n", []string{
			`ch.md:2:10: raw HTML tag is never closed with ">"; kept as text [html.tag-unfinished]`,
		}},
		{"unclosed comment in an HTML block", "<div>\n  x <!-- forgot\n", []string{
			"ch.md:2:5: HTML comment is never closed; everything after <!-- is hidden [html.comment-unclosed]",
		}},
		{"raw link in a paragraph's second line", "Text and\nmore <a href=\"javascript:x\">y</a>\n", []string{
			"ch.md:2:6: raw HTML link to a javascript: URL dropped, its text kept [link.unsafe]",
		}},
		{"plaintext", "a <plaintext> b\n", []string{
			"ch.md:1:3: raw HTML <plaintext> dropped [html.dropped]",
		}},
		{"fenced divs too deep", strings.Repeat("::: a\n", 65) + "x\n" + strings.Repeat(":::\n", 65), []string{
			"ch.md:65:1: fenced divs nested more than 64 deep; this fence is kept as text [div.too-deep]",
		}},
		{"no file name", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch, err := Parse([]byte(tt.src), "ch.md")
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(warningLines(ch.Warnings), "\n")
			want := strings.Join(tt.want, "\n")
			if got != want {
				t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestWarningWithoutFile(t *testing.T) {
	ch, err := Parse([]byte("x[^a]\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Warnings) != 1 || ch.Warnings[0].Error() != "footnote reference [^a] has no definition" {
		t.Errorf("warnings = %q", ch.Warnings)
	}
}

func TestParseFragment(t *testing.T) {
	src := "First line.\n\n::: note\nInside[^a].\n:::\n\n[^a]: Note.\n\n[^b]: Unused.\n"
	ch, err := ParseFragment([]byte(src), doc.Pos{File: "notes.yaml", Line: 12})
	if err != nil {
		t.Fatal(err)
	}
	if got := ch.Blocks[0].Position(); got != (doc.Pos{File: "notes.yaml", Line: 12}) {
		t.Errorf("first block at %v, want notes.yaml:12", got)
	}
	div := ch.Blocks[1].(*doc.Div)
	if got := div.Blocks[0].Position().Line; got != 15 {
		t.Errorf("paragraph in div at line %d, want 15", got)
	}
	if got := ch.Notes[0].Pos.Line; got != 18 {
		t.Errorf("note at line %d, want 18", got)
	}
	want := []string{"notes.yaml:20: footnote [^b] is never referenced [footnote.unused]"}
	if fmt.Sprint(warningLines(ch.Warnings)) != fmt.Sprint(want) {
		t.Errorf("warnings = %q, want %q", ch.Warnings, want)
	}
}

func TestInlineSVG(t *testing.T) {
	src := `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<svg width="20" height="10px" viewBox="0 0 20 10" onload="alert(1)"><title>A box</title><rect width="20" height="10" style="fill:red" onclick="x()"/><text>&x; &amp; &lt;</text><script>alert(1)</script><a xlink:href="javascript:alert(1)"><circle r="2"/></a><use xlink:href="#c"/><foreignObject><p>html</p></foreignObject></svg>
`
	ch, err := Parse([]byte(src), "svg.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Blocks) != 1 {
		t.Fatalf("got %d blocks, want one figure", len(ch.Blocks))
	}
	fig, ok := ch.Blocks[0].(*doc.Figure)
	if !ok {
		t.Fatalf("got %T, want *doc.Figure", ch.Blocks[0])
	}
	a := fig.Image.Asset
	if a == nil || a.MediaType != "image/svg+xml" || a.Path != "" {
		t.Fatalf("asset = %+v", a)
	}
	if fig.Image.Alt != "A box" || a.Width != 20 || a.Height != 10 {
		t.Errorf("alt %q size %dx%d, want \"A box\" 20x10", fig.Image.Alt, a.Width, a.Height)
	}
	data := string(a.Data)
	for _, want := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"`,
		`viewBox="0 0 20 10"`,
		`<text>&amp;x; &amp; &lt;</text>`,
		`<use xlink:href="#c"/>`,
		`<a><circle r="2"/></a>`,
	} {
		if !strings.Contains(data, want) {
			t.Errorf("SVG lacks %s:\n%s", want, data)
		}
	}
	for _, bad := range []string{"onload", "onclick", "script", "javascript", "ENTITY", "passwd", "foreignObject", "html"} {
		if strings.Contains(data, bad) {
			t.Errorf("SVG keeps %q:\n%s", bad, data)
		}
	}
}

// A picture alone in its paragraph but for the full stop or colon of the
// sentence that leads to it (Kata Containers' guide to Fluentd writes
// "![Kata tags in EFK](./images/efk_syslog_entry_detail.png).") is a
// figure, as a browser shows it at its size, not a picture in the line at
// the height of the text; the stray mark goes. A picture with words beside
// it, or two pictures, stay a paragraph.
func TestPictureWithOnlyPunctuationIsAFigure(t *testing.T) {
	for _, tt := range []struct {
		src, want string
	}{
		{"![Kibana](shot.png).\n", "figure"},
		{"![Kibana](shot.png) :\n", "figure"},
		{"![Kibana](shot.png)\n.\n", "figure"},
		{"[![Kibana](shot.png)](https://example.com/).\n", "figure"},
		{"<img src=\"shot.png\" alt=\"Kibana\">.\n", "figure"},
		{"![Kibana](shot.png \"The records\");\n", "figure"},
		{"![OK](ok.png) Done.\n", "para"},
		{"Press ![key](key.png).\n", "para"},
		{"![a](a.png)![b](b.png).\n", "para"},
		{"![a](a.png) (see above).\n", "para"},
		{"![a](a.png) -\n", "para"},
	} {
		ch, err := Parse([]byte(tt.src), "p.md")
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		doc.DumpBlocks(&b, ch.Blocks)
		got := strings.SplitN(b.String(), " ", 2)[0]
		got = strings.SplitN(got, "\n", 2)[0]
		if len(ch.Blocks) != 1 || got != tt.want {
			t.Errorf("%q: got\n%s\nwant one %s", tt.src, b.String(), tt.want)
			continue
		}
		if fig, ok := ch.Blocks[0].(*doc.Figure); ok && strings.ContainsAny(treeText(ch), ".:;") && fig.Caption == nil {
			t.Errorf("%q: the stray mark is kept: %q", tt.src, treeText(ch))
		}
	}
}

// TestMarkdownNotInterpretedInHTML checks CommonMark's rule that Markdown
// inside an HTML block stays literal, while Markdown between HTML blocks
// is parsed and wrapped by the element they open and close.
func TestMarkdownInAndAroundHTML(t *testing.T) {
	src := "<details>\n<summary>*Not* emphasis</summary>\n\n**Emphasis**\n\n</details>\n"
	ch, err := Parse([]byte(src), "d.md")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	doc.DumpBlocks(&b, ch.Blocks)
	want := `div kind=details
  div kind=summary
    para
      text "*Not* emphasis"
  para
    strong
      text "Emphasis"
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestHTMLAcrossBlocksUnpaired checks that an element opened in one HTML
// block and never closed does not swallow the Markdown after it.
func TestHTMLAcrossBlocksUnpaired(t *testing.T) {
	for _, src := range []string{
		"<div>\n\nPara *one*.\n\nPara two.\n",
		"<iframe>\n\nPara *one*.\n\nPara two.\n\n</iframe>\n",
		"<select>\n\nPara *one*.\n\nPara two.\n\n</select>\n",
		"<svg>\n\nPara *one*.\n\nPara two.\n\n</svg>\n",
		"<div class=\"x\n\nPara *one*.\n\nPara two.\n\n</div>\n",
		"<table><tr><td>\n\nPara *one*.\n\nPara two.\n\n</td></tr></table>\n",
		"<a href=\"#x\">\n\nPara *one*.\n\nPara two.\n\n</a>\n",
	} {
		ch, err := Parse([]byte(src), "x.md")
		if err != nil {
			t.Fatal(err)
		}
		text := treeText(ch)
		for _, w := range []string{"Para", "one", "two"} {
			if !strings.Contains(text, w) {
				t.Errorf("%q lost %q: tree text %q", src, w, text)
			}
		}
		checkInvariants(t, ch, []byte(src))
	}
}

// TestConcurrentParse parses with one Parser from several goroutines; run
// with -race it shows the Parser holds no per-parse state.
func TestConcurrentParse(t *testing.T) {
	p := New()
	src := []byte("# T\n\nText[^a] with <b>html</b> and ::: \n\n::: x\nDiv\n:::\n\n[^a]: Note.\n")
	want, err := p.Parse(src, "c.md")
	if err != nil {
		t.Fatal(err)
	}
	wantDump := dumpChapter(want)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				ch, err := p.Parse(src, "c.md")
				if err != nil {
					t.Error(err)
					return
				}
				if got := dumpChapter(ch); got != wantDump {
					t.Errorf("concurrent parse differs:\n%s", filetest.LineDiff(wantDump, got))
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Introduction":                 "introduction",
		"Don’t Panic: 1984’s Ünïcödé!": "dont-panic-1984s-ünïcödé",
		"C++ & Go_lang -- notes":       "c--go_lang----notes",
		"Глава 1":                      "глава-1",
		"!!!":                          "",
		"مهندسی نرم‌افزار":             "مهندسی-نرم‌افزار",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnsafeURL(t *testing.T) {
	for _, tt := range []struct {
		url   string
		image bool
		bad   bool
	}{
		{"https://example.com", false, false},
		{"chapter2.md#intro", false, false},
		{"mailto:a@b.c", false, false},
		{"javascript:alert(1)", false, true},
		{"  JavaScript:alert(1)", false, true},
		{"java\tscript:alert(1)", false, true},
		{"\x01javascript:x", false, true},
		{"vbscript:x", false, true},
		{"data:text/html,x", false, true},
		{"data:image/png;base64,AAAA", false, true},
		{"data:image/png;base64,AAAA", true, false},
		{"data:text/plain,x", true, true},
		{"my:javascript", false, false},
	} {
		if _, bad := unsafeURL(tt.url, tt.image); bad != tt.bad {
			t.Errorf("unsafeURL(%q, %v) = %v, want %v", tt.url, tt.image, bad, tt.bad)
		}
	}
}

// TestPathological parses inputs built to stress nesting and pairing: they
// must parse, keep the invariants and not lose the text.
func TestPathological(t *testing.T) {
	nestedLists := func() string {
		var b strings.Builder
		for i := 0; i < 200; i++ {
			b.WriteString(strings.Repeat(" ", i*2) + "- x\n")
		}
		return b.String()
	}
	cases := map[string]string{
		"deep quotes":        strings.Repeat(">", 5000) + " x\n",
		"many stars":         strings.Repeat("*a", 5000) + "\n",
		"open brackets":      strings.Repeat("[", 5000) + "\n",
		"unclosed divs":      strings.Repeat("<div>\n\npara\n\n", 1000),
		"closed divs":        strings.Repeat("<div>\n\npara\n\n", 500) + strings.Repeat("</div>\n\n", 500),
		"open spans":         strings.Repeat("<span class=a>\n\npara\n\n", 1000),
		"inline bold tags":   "x " + strings.Repeat("<b>", 5000) + "y\n",
		"inline div tags":    "x " + strings.Repeat("<div>", 2000) + "y\n",
		"table cells":        "<table>" + strings.Repeat("<tr><td>", 2000) + "\n",
		"deep fenced divs":   strings.Repeat("::: a\n", 500) + "x\n",
		"deep lists":         strings.Repeat("- ", 2000) + "x\n",
		"nested lists":       nestedLists(),
		"many references":    strings.Repeat("[^a]", 5000) + "\n\n[^a]: x\n",
		"same headings":      strings.Repeat("# a\n", 5000),
		"deep svg":           "<svg>" + strings.Repeat("<g>", 5000) + "\n",
		"nested anchors":     strings.Repeat("<a href=x>", 2000) + "\n",
		"unclosed comments":  strings.Repeat("a <!-- b\n", 1000),
		"placeholder spoofs": "<div>\n<samizdat-block data-i=\"0\"></samizdat-block><samizdat-inline data-i=\"0\"></samizdat-inline><!--samizdat-line:99999-->\n\npara[^n]\n\n</div>\n\n[^n]: x <samizdat-inline data-i=\"0\"></samizdat-inline>\n",
	}
	for name, src := range cases {
		ch, err := Parse([]byte(src), "p.md")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, p := range invariantProblems(ch, []byte(src)) {
			t.Errorf("%s: %s", name, p)
		}
	}
}

func TestBadBytesAndLineEndings(t *testing.T) {
	src := "a\x00b\xffc\rsecond line\r\n\r\n```\ncode\x00\xfe\n```\n\n<p>x\x00y</p>\n"
	ch, err := Parse([]byte(src), "b.md")
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, ch, []byte(src))
	var b bytes.Buffer
	doc.DumpBlocks(&b, ch.Blocks)
	want := `para
  text "a\ufffdb\ufffdc second line"
code lang=""
  | code\ufffd\ufffd
para
  text "x\ufffdy"
`
	want = strings.ReplaceAll(want, `\ufffd`, "\uFFFD")
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if got := ch.Blocks[1].Position().Line; got != 4 {
		t.Errorf("code block at line %d, want 4 (a lone CR ends a line)", got)
	}
}

// Books written for the web link to <a id> and <a name> anchors; they
// become anchor spans so those links keep working.
func TestHTMLAnchorsBecomeLinkTargets(t *testing.T) {
	src := "<a name=\"old\"></a>Text with <a id=\"mid\" href=\"#old\">a link</a> and <span id=\"s1\" class=\"k\">a span</span>.\n"
	ch, err := Parse([]byte(src), "a.md")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	doc.DumpBlocks(&b, ch.Blocks)
	want := `para
  span #old
  text "Text with "
  span #mid
  link #old page=after
    text "a link"
  text " and "
  span #s1
  span .k
    text "a span"
  text "."
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// Raw HTML may not write the markers that carry converted Markdown through
// the HTML parser: a forged one must stay the author's own markup, never
// take another node's place.
func TestForgedMarkersStayAuthorMarkup(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"link target", "[first](https://a.example/) and <a data-samizdat-link=\"0\">forged</a>\n", `para
  link https://a.example/
    text "first"
  text " and forged"
`},
		{"inline node", "`code` and <samizdat-inline data-i=\"0\">kept</samizdat-inline> <SAMIZDAT0-inline data-i=\"0\">x</SAMIZDAT0-inline>\n", `para
  code "code"
  text " and "
  span .html-samizdat-inline
    text "kept"
  text " "
  span .html-samizdat0-inline
    text "x"
`},
		{"block", "<div>\n<samizdat-block data-i=\"0\">kept</samizdat-block>\n\n*para*\n\n</div>\n", `div
  para
    span .html-samizdat-block
      text "kept"
  para
    emph
      text "para"
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch, err := Parse([]byte(tt.src), "f.md")
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			doc.DumpBlocks(&b, ch.Blocks)
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
		})
	}
}

// warningLines shows each warning as the command line prints it, with its
// code, so tests assert both.
func warningLines(ds []diag.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		if d.Severity != diag.Warning {
			out = append(out, "not a warning: "+d.Error())
			continue
		}
		out = append(out, d.Error()+" ["+d.Code+"]")
	}
	return out
}

// A raw HTML link inside the book is the Markdown link it stands for: the
// print edition names the page it leads to, or only the page with the class
// page, in a paragraph and in an HTML block alike; a link leaving the book
// names none.
func TestHTMLLinksNamePagesAsMarkdownLinks(t *testing.T) {
	links := func(src string) string {
		t.Helper()
		ch, err := Parse([]byte(src), "a.md")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		doc.Walk(ch.Blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
			if l, ok := in.(*doc.Link); ok {
				out = append(out, fmt.Sprintf("%s classes=%q page=%d", l.URL, l.Classes, l.Page))
			}
			return true
		}})
		return strings.Join(out, "\n")
	}
	cases := []struct{ name, markdown, html string }{
		{"a chapter", "[the chapter](b.md)", `<a href="b.md">the chapter</a>`},
		{"a heading", "[the heading](#intro)", `<a href="#intro">the heading</a>`},
		{"a picture", "[the diagram](img/pipeline.svg)", `<a href="img/pipeline.svg">the diagram</a>`},
		{"the page alone", "[the chapter](b.md#x){.page}", `<a class="page" href="b.md#x">the chapter</a>`},
		{"a class beside page", "[the chapter](b.md){.see .page}", `<a class="see page" href="b.md">the chapter</a>`},
		{"another class", "[the chapter](b.md){.see}", `<a class=" see " href="b.md">the chapter</a>`},
		{"a website", "[the site](https://example.org/a.md)", `<a href="https://example.org/a.md">the site</a>`},
		{"mail", "[write](mailto:a@example.org)", `<a href="mailto:a@example.org">write</a>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := links("See " + c.markdown + ".\n")
			if want == "" {
				t.Fatalf("no link in %q", c.markdown)
			}
			inPara := links("See " + c.html + ".\n")
			inBlock := links("<div>\n<p>See " + c.html + ".</p>\n</div>\n")
			if inPara != want {
				t.Errorf("raw HTML link in a paragraph:\n got %s\nwant %s", inPara, want)
			}
			if inBlock != want {
				t.Errorf("raw HTML link in an HTML block:\n got %s\nwant %s", inBlock, want)
			}
		})
	}
}

// A table is placed at its head row, the line and column its messages
// name: after text it interrupts, and inside a list item.
func TestTablePlace(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"| a | b |\n|---|---|\n| 1 | 2 |\n", "ch.md:1:1"},
		{"Some text\nmore text\n| a | b |\n|---|---|\n", "ch.md:3:1"},
		{"- item\n\n  | a | b |\n  |---|---|\n", "ch.md:3:3"},
		{"<div>\n  <p>x</p> <table><tr><td>1</td></tr></table>\n</div>\n", "ch.md:2:12"},
	} {
		ch, err := Parse([]byte(tc.src), "ch.md")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		doc.Walk(ch.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
			if tb, ok := b.(*doc.Table); ok {
				got = append(got, tb.Pos.String())
			}
			return true
		}})
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("%q: tables at %q, want one at %s", tc.src, got, tc.want)
		}
	}
}

// TestDetailsOpen: a disclosure its author shows open at first stays
// open, whether written in HTML or as MkDocs' ???+; one without the
// attribute stays closed.
func TestDetailsOpen(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"<details open>\n<summary>S</summary>\n\nBody.\n\n</details>\n", "div kind=details open\n"},
		{"<details>\n<summary>S</summary>\n\nBody.\n\n</details>\n", "div kind=details\n"},
		{"???+ note\n    Body.\n", "div kind=details open .note\n"},
		{"??? note\n    Body.\n", "div kind=details .note\n"},
	} {
		ch, err := Parse([]byte(c.src), "d.md")
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		doc.DumpBlocks(&b, ch.Blocks)
		if first, _, _ := strings.Cut(b.String(), "\n"); first+"\n" != c.want {
			t.Errorf("%q: first line %q, want %q", c.src, first, c.want)
		}
	}
}

// A picture given a class is styled by its book's stylesheet, which a
// table's cell leaves to it (doc.Image.ApartInCell): raw HTML's class and
// an attribute list's.
func TestPictureStyledByClass(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want bool
	}{
		{"| a |\n| - |\n| <img src=\"ferris.svg\" class=\"ferris-explain\" alt=\"Ferris\"/> |\n", true},
		{"| a |\n| - |\n| <img src=\"shot.png\" alt=\"A screenshot\"/> |\n", false},
		{"| a |\n| - |\n| <img src=\"shot.png\" class=\" \" alt=\"A screenshot\"/> |\n", false},
		{"| a |\n| - |\n| ![Ferris](ferris.svg){.ferris-explain} |\n", true},
		{"| a |\n| - |\n| ![A screenshot](shot.png) |\n", false},
	} {
		ch, err := Parse([]byte(tt.src), "p.md")
		if err != nil {
			t.Fatal(err)
		}
		var imgs []*doc.Image
		doc.WalkImages([]*doc.Entry{{Blocks: ch.Blocks}}, func(im *doc.Image) { imgs = append(imgs, im) })
		if len(imgs) != 1 || imgs[0].Styled != tt.want {
			var b bytes.Buffer
			doc.DumpBlocks(&b, ch.Blocks)
			t.Errorf("%q: pictures %d, styled %v, want one, %v\n%s", tt.src, len(imgs), len(imgs) == 1 && imgs[0].Styled, tt.want, b.String())
		}
	}
}
