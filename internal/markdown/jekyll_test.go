package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/samizdat-press/samizdat/internal/cputime"
	"github.com/samizdat-press/samizdat/internal/filetest"
)

// TestKramdownIAL: kramdown's block IALs give the block they close (or
// open) its language, ID and classes and are never printed; span IALs,
// {:toc}'s list, comments, options and definitions are left out; code
// keeps what it holds.
func TestKramdownIAL(t *testing.T) {
	runCases(t, New(), "ch.md", []mkdocsCase{
		{"a paragraph's ID and class", "Text here\n{: .lead #intro}\n", "para #intro .lead\n  text \"Text here\"\n", nil},
		{"a fence's language", "~~~\n$ ls\n~~~\n{: .language-bash}\n", "code lang=\"bash\"\n  | $ ls\n", nil},
		{"an indented block's language", "    x = 1\n{: .language-python}\n", "code lang=\"python\"\n  | x = 1\n", nil},
		{"output is no language outside a lesson", "~~~\nout\n~~~\n{: .output}\n", "code lang=\"\"\n  | out\n", nil},
		{"a lazy line closes the quotation", "> Quoted.\n{: .note}\n", "blockquote .note\n  para\n    text \"Quoted.\"\n", nil},
		{"a marked line closes the paragraph inside", "> Quoted.\n> {: .note}\n", "blockquote\n  para .note\n    text \"Quoted.\"\n", nil},
		{"a heading's ID", "## Setup\n{: #install}\n", "heading 2 #install\n  text \"Setup\"\n", nil},
		{"after a blank line it opens the next block", "A\n\n{: #b}\nB\n", "para\n  text \"A\"\npara #b\n  text \"B\"\n", nil},
		{"right under a block, then text", "~~~\nx\n~~~\n{: .language-r}\nThen text.\n", "code lang=\"r\"\n  | x\npara\n  text \"Then text.\"\n", nil},
		{"in a tight list item", "1. ~~~\n   a\n   ~~~\n   {: .language-bash}\n2. b\n", "list ordered start=1 tight\n  item\n    code lang=\"bash\"\n      | a\n  item\n    para\n      text \"b\"\n", nil},
		{"span IALs are left out", "Some *text*{: .x} and [a](https://x.org){:target=\"_blank\"}.\n",
			"para\n  text \"Some \"\n  emph\n    text \"text\"\n  text \" and \"\n  link https://x.org\n    text \"a\"\n  text \".\"\n", nil},
		{"a picture's size", "![Tree](t.png){: width=\"50%\"}\n", "figure\n  image src=\"t.png\" alt=\"Tree\" width=50% at=1:1\n", nil},
		{"the site's contents are left out", "# Guide\n{:.no_toc}\n\n* TOC\n{:toc}\n\nText.\n", "heading 1 #guide .no_toc\n  text \"Guide\"\npara\n  text \"Text.\"\n", nil},
		{"comments, options and definitions", "{::comment}\nHidden.\n\nStill.\n{:/comment}\n{::options parse_block_html=\"true\" /}\n{:note: .x}\nShown.\n", "para\n  text \"Shown.\"\n", nil},
		{"auto IDs of a definition list", "{:auto_ids}\nversion control\n:   A tool.\n", "div kind=term-list\n  div kind=term #version-control\n    para\n      text \"version control\"\n  div kind=term-definition\n    para\n      text \"A tool.\"\n", nil},
		{"code keeps it", "Write `{: .x}` after it:\n\n```\n{::comment}\n{: .x}\n```\n",
			"para\n  text \"Write \"\n  code \"{: .x}\"\n  text \" after it:\"\ncode lang=\"\"\n  | {::comment}\n  | {: .x}\n", nil},
		{"a brace after a space is text", "Set {:a => 1} here.\n", "para\n  text \"Set {:a => 1} here.\"\n", nil},
		{"Elixir's atoms are no IALs", "It returns ({:ok, value}):\n\n{:ok, value}\n", "para\n  text \"It returns ({:ok, value}):\"\npara\n  text \"{:ok, value}\"\n", nil},
		{"pandoc's braces on a line stay text", "Text\n{.x}\n", "para\n  text \"Text {.x}\"\n", nil},
	})
}

// TestCarpentriesStyles: a lesson of the older Jekyll template writes its
// boxes as quotations closed by an IAL, nested for solutions; they are
// the Workbench's boxes. Its output blocks are as the Workbench names
// them.
func TestCarpentriesStyles(t *testing.T) {
	runCases(t, New().WithCarpentries(), "ep.md", []mkdocsCase{
		{"a challenge and its solution", "> ## Paths\n> Which?\n>\n> > ## Solution\n> > This.\n> {: .solution}\n{: .challenge}\n",
			"div kind=aside .admonition .challenge tags=challenge\n  para .admonition-title\n    strong\n      text \"Challenge: Paths\"\n  para\n    text \"Which?\"\n  div kind=details .solution tags=solution\n    div kind=summary\n      para\n        text \"Solution\"\n    para\n      text \"This.\"\n", nil},
		{"code in a solution", "> > ## Solution\n> > ~~~\n> > $ ls\n> > ~~~\n> > {: .language-bash}\n> {: .solution}\n{: .challenge}\n",
			"div kind=aside .admonition .challenge tags=challenge\n  para .admonition-title\n    strong\n      text \"Challenge\"\n  div kind=details .solution tags=solution\n    div kind=summary\n      para\n        text \"Solution\"\n    code lang=\"bash\"\n      | $ ls\n", nil},
		{"a callout titled by its heading", "> ## Home\n> Body.\n{: .callout}\n",
			"div kind=aside .admonition .callout tags=callout\n  para .admonition-title\n    strong\n      text \"Home\"\n  para\n    text \"Body.\"\n", nil},
		{"output and error blocks", "~~~\nout\n~~~\n{: .output}\n~~~\nbad\n~~~\n{: .error}\n", "code lang=\"output\"\n  | out\ncode lang=\"error\"\n  | bad\n", nil},
		{"another class stays a quotation", "> Said.\n{: .epigraph}\n", "blockquote .epigraph\n  para\n    text \"Said.\"\n", nil},
	})
}

// testSite is a small Jekyll site: the book is its folder.
func testSite(t *testing.T) *JekyllSite {
	t.Helper()
	fsys := fstest.MapFS{
		"_config.yml":                      {Data: []byte("title: Lessons\nbaseurl: /lessons\nmarkdown: kramdown\nrepo: https://example.org/r\nauthor:\n  name: Ada\ndefaults:\n  - values:\n      root: .\n      lang: en\n")},
		"_includes/note.html":              {Data: []byte("<aside class=\"note\">\n{{ include.text }} ({{ site.title }})\n</aside>\n")},
		"_includes/links.md":               {Data: []byte("{% include paths.html %}\n[repo]: {{ site.repo }}\n")},
		"_includes/paths.html":             {Data: []byte("{% if site.url %}{% assign root = site.baseurl %}{% endif %}")},
		"_includes/figure.html":            {Data: []byte("{% if include.caption %}<figure>{{ include.caption }}</figure>{% endif %}")},
		"setup.md":                         {Data: []byte("# Setup\n")},
		"index.md":                         {Data: []byte("# Home\n")},
		"_episodes/01-intro.md":            {Data: []byte("# Intro\n")},
		"_posts/2020-01-02-hello.markdown": {Data: []byte("# Hello\n")},
		"assets/img/logo.png":              {Data: []byte("png")},
		"_docs/static_files.md":            {Data: []byte("---\ntitle: Static\npermalink: /docs/static-files/\n---\n")},
		"_docs/usage.md":                   {Data: []byte("# Usage\n")},
		"_data/ruby.yml":                   {Data: []byte("min_version: \"2.7.0\"\n")},
	}
	s := FindJekyllSite(fsys, []string{"."})
	if s == nil {
		t.Fatal("no site found")
	}
	return s
}

// TestLiquid: a Jekyll site's Liquid makes what the site makes; what it
// cannot make is left out, told once per file, never printed.
func TestLiquid(t *testing.T) {
	p := New().WithJekyllSite(testSite(t))
	const front = "---\ntitle: Intro\nlevel: 2\n---\n"
	runCases(t, p, "_episodes/01-intro.md", []mkdocsCase{
		{"site and page values", front + "{{ site.title }}, {{ site.author.name }}, level {{ page.level }}, {{ page.lang }}.\n",
			"para\n  text \"Lessons, Ada, level 2, en.\"\n", nil},
		{"baseurl before a path links the page's file", "[Setup]({{ site.baseurl }}/setup/) and [home]({{ site.baseurl }}/) and [intro]({{ \"/01-intro/#x\" | relative_url }}).\n",
			"para\n  link ../setup.md page=after\n    text \"Setup\"\n  text \" and \"\n  link ../index.md page=after\n    text \"home\"\n  text \" and \"\n  link 01-intro.md#x page=after\n    text \"intro\"\n  text \".\"\n", nil},
		{"a permalink, a collection's address, a data file", "[s]({{ '/docs/static-files/' | relative_url }}), [u]({{ site.baseurl }}/docs/usage/), Ruby {{ site.data.ruby.min_version }}.\n",
			"para\n  link ../_docs/static_files.md page=after\n    text \"s\"\n  text \", \"\n  link ../_docs/usage.md page=after\n    text \"u\"\n  text \", Ruby 2.7.0.\"\n", nil},
		{"a site address written as a link", "[u](/docs/usage/#flags) and [x](/nowhere/) and [w](//example.org/).\n",
			"para\n  link ../_docs/usage.md#flags page=after\n    text \"u\"\n  text \" and \"\n  link /nowhere/ page=after\n    text \"x\"\n  text \" and \"\n  link //example.org/\n    text \"w\"\n  text \".\"\n", nil},
		{"link and post_url", "[s]({{ page.root }}{% link setup.md %}#a), [p]({% post_url 2020-01-02-hello %}), [d](.{% link setup.md %}).\n",
			"para\n  link ../setup.md#a page=after\n    text \"s\"\n  text \", \"\n  link ../_posts/2020-01-02-hello.markdown page=after\n    text \"p\"\n  text \", \"\n  link ../setup.md page=after\n    text \"d\"\n  text \".\"\n", nil},
		{"highlight is a code block", "Run:\n{% highlight ruby linenos %}\nputs \"{{ x }}\"\n{% endhighlight %}\nDone {{ page.nothing }}.\n",
			"para\n  text \"Run:\"\ncode lang=\"ruby\"\n  | puts \"{{ x }}\"\npara\n  text \"Done .\"\n",
			[]string{"_episodes/01-intro.md:5:6: Liquid variables that neither _config.yml nor the front matter give, left empty: page.nothing [jekyll.variable]"}},
		{"raw and comment", "{% raw %}{{ kept }} {% if %}{% endraw %}{% comment %}\nGone.\n{% endcomment %}\nAfter.\n",
			"para\n  text \"{{ kept }} {% if %}\"\npara\n  text \"After.\"\n", nil},
		{"an include of HTML with its parameters", "{% include note.html text=\"Mind the gap\" %}\n",
			"div kind=aside .note\n  para\n    text \"Mind the gap (Lessons)\"\n", nil},
		{"an include's assignments make nothing", "See [repo].\n\n{% include links.md %}\n",
			"para\n  text \"See \"\n  link https://example.org/r\n    text \"repo\"\n  text \".\"\n", nil},
		{"an include with logic is left out", "A\n\n{% include figure.html caption=\"C\" %}\n\n{% include missing.html %}\n{% include figure.html %}\n",
			"para\n  text \"A\"\n",
			[]string{"_episodes/01-intro.md:3:1: include \"figure.html\": holds the site's logic (if, for, assign…), which a book does not run; left out (used once more in this file) [jekyll.include]",
				"_episodes/01-intro.md:5:1: include \"missing.html\": not in the site's _includes folder; left out [jekyll.include]"}},
		{"logic: the first branch, one warning", "{% if site.kind == \"lesson\" %}lesson{% else %}workshop{% endif %} {% for x in site.list %}{{ x }}{% endfor %}{% assign y = 1 %}end\n",
			"para\n  text \"lesson end\"\n",
			[]string{"_episodes/01-intro.md:1:1: Liquid tags left out (assign, for, if; 3 in this file): the site's templates run them, a book does not [jekyll.liquid]"}},
		{"lines after a rewrite stay the file's", "{% comment %}\na\nb\n{% endcomment %}\n{{ page.x }}\n",
			"", []string{"_episodes/01-intro.md:5:1: Liquid variables that neither _config.yml nor the front matter give, left empty: page.x [jekyll.variable]"}},
	})
	runCases(t, New(), "ch.md", []mkdocsCase{
		{"no Liquid outside a Jekyll site", "{{ site.title }}\n", "para\n  text \"{{ site.title }}\"\n", nil},
	})
}

// TestFindJekyllSite: a _config.yml is a Jekyll site's only with a sign
// of Jekyll beside it or in it.
func TestFindJekyllSite(t *testing.T) {
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
		want string // the site's folder, "" for none
	}{
		{"layouts beside it", fstest.MapFS{"site/_config.yml": {Data: []byte("title: x\n")}, "site/_layouts/page.html": {}}, "site"},
		{"a key of its own", fstest.MapFS{"site/_config.yml": {Data: []byte("remote_theme: pages-themes/minimal\n")}}, "site"},
		{"a Gemfile naming jekyll", fstest.MapFS{"site/_config.yml": {Data: []byte("title: x\n")}, "site/Gemfile": {Data: []byte("gem \"jekyll\"\n")}}, "site"},
		{"a config alone is no site", fstest.MapFS{"site/_config.yml": {Data: []byte("title: x\n")}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := FindJekyllSite(tc.fsys, []string{"site/docs", "site"})
			got := ""
			if s != nil {
				got = s.Dir
			}
			if got != tc.want {
				t.Errorf("site %q, want %q", got, tc.want)
			}
		})
	}
}

// TestJekyllGolden reads an extract of the Software Carpentry lesson
// Version Control with Git of the older Jekyll template
// (testdata/jekyll, CC BY 4.0) as its site reads it.
func TestJekyllGolden(t *testing.T) {
	dir := filepath.Join("testdata", "jekyll")
	site := FindJekyllSite(os.DirFS(dir), []string{"."})
	if site == nil {
		t.Fatal("testdata/jekyll is no Jekyll site")
	}
	p := New().WithCarpentries().WithJekyllSite(site)
	files, _ := filepath.Glob(filepath.Join(dir, "_episodes", "*.md"))
	if len(files) == 0 {
		t.Fatal("no extracts in testdata/jekyll/_episodes")
	}
	for _, file := range files {
		name := "_episodes/" + filepath.Base(file)
		t.Run(filepath.Base(file), func(t *testing.T) {
			ch := parseFile(t, p, file, name)
			var b bytes.Buffer
			dump := dumpChapter(ch)
			for _, bad := range []string{"{%", "{{", "{:"} {
				if strings.Contains(dump, bad) {
					t.Errorf("%s printed", bad)
				}
			}
			b.WriteString(dump)
			for _, w := range warningLines(ch.Warnings) {
				b.WriteString("warning: " + w + "\n")
			}
			filetest.Golden(t, strings.TrimSuffix(file, ".md")+".golden", b.Bytes())
		})
	}
}

// FuzzLiquid: the scanners never panic; Liquid's tags are in order,
// inside the input and apart; the parser keeps its invariants on what
// the Liquid and IAL passes rewrite.
func FuzzLiquid(f *testing.F) {
	for _, src := range []string{
		"{{ site.title }}", "{% raw %}{{ x }}{% endraw %}", "{% highlight go %}\nx\n{% endhighlight %}",
		"{% comment %}\na\n{% endcomment %}", "[a]({{ site.baseurl }}/setup/)", "{% include note.html text=\"a\" %}",
		"{% if a %}b{% else %}c{% endif %}", "> ## T\n> x\n{: .challenge}", "~~~\nx\n~~~\n{: .language-bash}",
		"*a*{: .x}", "* TOC\n{:toc}", "{::comment}\nx\n{:/comment}", "{:auto_ids}\nterm\n: def", "{% {{ %} }}",
	} {
		f.Add([]byte(src))
	}
	fsys := fstest.MapFS{"_config.yml": {Data: []byte("title: T\nmarkdown: kramdown\n")},
		"_includes/note.html": {Data: []byte("<p>{{ include.text }}</p>")}, "setup.md": {Data: []byte("x")}}
	site := FindJekyllSite(fsys, []string{"."})
	p := New().WithCarpentries().WithJekyllSite(site)
	f.Fuzz(func(t *testing.T, src []byte) {
		end := 0
		for i, tg := range scanLiquid(src) {
			if tg.start < end || tg.end <= tg.start || tg.end > len(src) {
				t.Fatalf("tag %d at %d:%d after %d in %d bytes", i, tg.start, tg.end, end, len(src))
			}
			end = tg.end
		}
		if e := spanIALEnd(src); e >= len(src) {
			t.Fatalf("IAL end %d past %d bytes", e, len(src))
		}
		if out := kramdownSource(append([]byte(nil), src...)); len(out) != len(src) || bytes.Count(out, []byte("\n")) != bytes.Count(src, []byte("\n")) {
			t.Fatalf("kramdownSource moved lines: %q -> %q", src, out)
		}
		ch, err := p.Parse(src, "fuzz.md")
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		if probs := invariantProblems(ch, src); len(probs) > 0 {
			t.Fatalf("invariants broken:\n%s", strings.Join(probs, "\n"))
		}
	})
}

// TestJekyllHostileLinear: Liquid's and kramdown's openers never closed
// are read in time linear in their number: four times as many take
// about four times as long, not sixteen.
func TestJekyllHostileLinear(t *testing.T) {
	site := FindJekyllSite(fstest.MapFS{"_config.yml": {Data: []byte("markdown: kramdown\n")}}, []string{"."})
	p := New().WithJekyllSite(site)
	for _, unit := range []string{"{% if x %}a", "{% raw %}", "{% comment %}", "{%", "> {: .x}\n", "{::comment}", "{::options x"} {
		cost := func(n int) time.Duration {
			src := bytes.Repeat([]byte(unit), n)
			start := cputime.Used()
			if _, err := p.Parse(src, "a.md"); err != nil {
				t.Fatal(err)
			}
			return cputime.Used() - start
		}
		small, large := cost(4000), cost(16000)
		if large > 200*time.Millisecond && large > 10*max(small, time.Millisecond) {
			t.Errorf("%q: %v for 4000, %v for 16000: not linear", unit, small, large)
		}
	}
}
