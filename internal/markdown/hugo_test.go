package markdown

import (
	"bytes"
	"strings"
	"testing"
)

// TestHugoShortcodes: Hugo's built-in shortcodes become the blocks and
// links they make on the site, a site's own lose their tags and keep what
// they hold, and escaped tags are printed as Hugo prints them.
func TestHugoShortcodes(t *testing.T) {
	runMkdocsCases(t, []mkdocsCase{
		{"param: the page's params, then its top-level keys, dotted keys; a missing one is a warning",
			"---\ntitle: T\nparams:\n  minVersion: v0.158.0\nold: x\ndeep:\n  a:\n    b: 3\n---\n{{% param \"minVersion\" %}}, {{< param old >}}, {{< param deep.a.b >}}, {{< param none >}}.\n",
			"para\n  text \"v0.158.0, x, 3, .\"\n",
			[]string{"ch.md:10:72: shortcode \"param\": the front matter has no parameter \"none\"; left out [hugo.param]"}},
		{"figure: a linked picture, sized, its title and caption the figure's caption",
			"{{< figure src=\"/img/cat.jpg\" alt=\"A cat\" title=\"Kitten\" caption=\"Asleep\" link=\"https://example.org/cat\" width=\"300\" >}}\n",
			"div kind=figure\n  figure\n    link https://example.org/cat\n      image src=\"/img/cat.jpg\" alt=\"A cat\" width=300px at=1:1\n  div kind=caption\n    para\n      strong\n        text \"Kitten\"\n      text \" Asleep\"\n",
			nil},
		{"a figure's arguments over several lines keep the lines after it",
			"{{< figure\n  src=\"cat.jpg\"\n  alt=\"A cat\"\n>}}\n\n{{< mine >}}\n",
			"figure\n  image src=\"cat.jpg\" alt=\"A cat\" at=4:1\n",
			[]string{"ch.md:6:1: shortcode \"mine\" is the site's own, not one of Hugo's: its tags are left out and what it holds is kept [hugo.shortcode]"}},
		{"a figure is placed where its tag begins, also after text on its line and with a long link",
			"See: {{< figure src=\"/img/cat.jpg\" alt=\"A cat\" link=\"https://mermaid.live/edit#pako:eNqNkstuwyAQRX8F4U0r2VHqPlSRKqt0Ua\" >}}\n",
			"para\n  text \"See:\"\ndiv kind=figure\n  figure\n    link https://mermaid.live/edit#pako:eNqNkstuwyAQRX8F4U0r2VHqPlSRKqt0Ua\n      image src=\"/img/cat.jpg\" alt=\"A cat\" at=1:6\n",
			nil},
		{"a figure without alt is described by its caption, as Hugo's template does; with neither it has no description (not a decorative one); attr and attrlink credit it",
			"{{< figure src=\"a.svg\" caption=\"The components of a cluster\" >}}\n\n{{< figure src=\"pod.svg\" title=\"Pod diagram\" >}}\n\n{{< figure src=\"p.jpg\" alt=\"Zion\" attr=\"Photo by A. T.\" attrlink=\"https://example.org/at\" >}}\n",
			"figure\n  image src=\"a.svg\" alt=\"The components of a cluster\" at=1:1\n  caption\n    text \"The components of a cluster\"\nfigure\n  image src=\"pod.svg\" alt=\"\" at=3:1\n  caption\n    strong\n      text \"Pod diagram\"\nfigure\n  image src=\"p.jpg\" alt=\"Zion\" at=5:1\n  caption\n    link https://example.org/at\n      text \"Photo by A. T.\"\n",
			nil},
		{"a figure's caption is Markdown, as Hugo renders it, its raw HTML tags left out; the alt it gives is its text",
			"{{< figure src=\"a.svg\" caption=\"The **control plane** and [nodes](https://example.org/n) <b>x</b>\" >}}\n",
			"figure\n  image src=\"a.svg\" alt=\"The control plane and nodes x\" at=1:1\n  caption\n    text \"The \"\n    strong\n      text \"control plane\"\n    text \" and \"\n    link https://example.org/n\n      text \"nodes\"\n    text \" x\"\n",
			nil},
		{"mermaid (the Kubernetes site's, Docsy's): the diagram's source as a mermaid code block",
			"Before.\n\n{{<mermaid>}}\ngraph TB\n    subgraph \"zoneB\"\n        n3(Node3)\n    end\n{{< /mermaid >}}\n\nAfter {{< mermaid >}}x{{< /mermaid >}}.\n",
			"para\n  text \"Before.\"\ncode lang=\"mermaid\"\n  | graph TB\n  |     subgraph \"zoneB\"\n  |         n3(Node3)\n  |     end\npara\n  text \"After x.\"\n",
			[]string{"ch.md:10:7: shortcode \"mermaid\" is the site's own, not one of Hugo's: its tags are left out and what it holds is kept [hugo.shortcode]"}},
		{"highlight: a code block, its fence longer than the code's backticks",
			"{{< highlight go \"linenos=inline\" >}}\nfunc main() { fmt.Println(\"```\") }\n{{< /highlight >}}\n",
			"code lang=\"go\"\n  | func main() { fmt.Println(\"```\") }\n",
			nil},
		{"code-toggle (Hugo's documentation): the configuration as a code block",
			"{{< code-toggle file=hugo >}}\n[params]\nx = 1\n{{< /code-toggle >}}\n",
			"code lang=\"toml\"\n  | [params]\n  | x = 1\n",
			nil},
		{"details: a disclosure holding Markdown, its summary Markdown too; the lines after it keep their numbers",
			"{{< details summary=\"See the *details*\" >}}\nHidden **text**.\n{{< /details >}}\n\n{{% mine %}}\n",
			"div kind=details\n  div kind=summary\n    para\n      text \"See the \"\n      emph\n        text \"details\"\n  para\n    text \"Hidden \"\n    strong\n      text \"text\"\n    text \".\"\n",
			[]string{"ch.md:5:1: shortcode \"mine\" is the site's own, not one of Hugo's: its tags are left out and what it holds is kept [hugo.shortcode]"}},
		{"ref and relref inside a link's destination",
			"[Quick start]({{< ref \"quick-start.md\" >}}), [URLs]({{< relref \"/content/urls#aliases\" >}}).\n",
			"para\n  link /quick-start.md page=after\n    text \"Quick start\"\n  text \", \"\n  link /content/urls#aliases page=after\n    text \"URLs\"\n  text \".\"\n",
			nil},
		{"embeds: a link to each, with a warning",
			"{{< youtube 0RKpf3rK57I >}}\n\n{{< vimeo id=146022717 title=\"A talk\" >}}\n\n{{< instagram CxOWiQNP2MO >}}\n\n{{< x user=SanDiegoZoo id=1453110110599868418 >}}\n\n{{< qr text=\"https://gohugo.io\" />}}\n",
			"para\n  link https://www.youtube.com/watch?v=0RKpf3rK57I\n    text \"YouTube video\"\npara\n  link https://vimeo.com/146022717\n    text \"A talk\"\npara\n  link https://www.instagram.com/p/CxOWiQNP2MO/\n    text \"Instagram post\"\npara\n  link https://x.com/SanDiegoZoo/status/1453110110599868418\n    text \"Post on X\"\npara\n  link https://gohugo.io\n    text \"https://gohugo.io\"\n",
			[]string{"ch.md:1:1: shortcode \"youtube\": a book cannot show the YouTube video it embeds; printed as a link to it [hugo.embed]", "ch.md:3:1: shortcode \"vimeo\": a book cannot show the Vimeo video it embeds; printed as a link to it [hugo.embed]", "ch.md:5:1: shortcode \"instagram\": a book cannot show the Instagram post it embeds; printed as a link to it [hugo.embed]", "ch.md:7:1: shortcode \"x\": a book cannot show the post on X it embeds; printed as a link to it [hugo.embed]", "ch.md:9:1: shortcode \"qr\": a book cannot show the QR code it embeds; printed as a link to it [hugo.embed]"}},
		{"a site's own shortcode: tags left out, content kept, one warning per name",
			"{{% note %}}\nA **note**.\n{{% /note %}}\n\n{{< note >}}\nTwo.\n{{< /note >}}\n\n{{< glossary-term shortcode >}}\n",
			"para\n  text \"A \"\n  strong\n    text \"note\"\n  text \".\"\npara\n  text \"Two.\"\n",
			[]string{"ch.md:1:1: shortcode \"note\" is the site's own, not one of Hugo's: its tags are left out and what it holds is kept (used once more in this file) [hugo.shortcode]", "ch.md:9:1: shortcode \"glossary-term\" is the site's own, not one of Hugo's: its tags are left out and what it holds is kept [hugo.shortcode]"}},
		{"escapes print the tag without its marks, in text and code; a site's own shortcode in code keeps its content",
			"Write {{</* figure src=\"x\" */>}} or `{{%/* p */%}}`.\n\n```md\n{{</* qr text=x /*/>}}\n{{< mine >}}inner{{< /mine >}}\n```\n",
			"para\n  text \"Write {{< figure src=\\\"x\\\" >}} or \"\n  code \"{{% p %}}\"\n  text \".\"\ncode lang=\"md\"\n  | {{< qr text=x />}}\n  | inner\n",
			[]string{"ch.md:5:1: shortcode \"mine\" is the site's own, not one of Hugo's: its tags are left out and what it holds is kept [hugo.shortcode]"}},
		{"malformed tags stay text; a closing tag that closes nothing is left out, with a warning",
			"Text {{< /stray >}} and {{< 1 >}}, {{< \"x\" >}}, {{ .Inner }}, {{< a \"unclosed >}}.\n",
			"para\n  text \"Text  and , {{< \\\"x\\\" >}}, {{ .Inner }}, {{< a \\\"unclosed >}}.\"\n",
			[]string{"ch.md:1:6: shortcode tag {{< /stray >}} closes no \"stray\" opened before it; left out [hugo.unpaired]", "ch.md:1:25: shortcode \"1\" is the site's own, not one of Hugo's: its tags are left out and what it holds is kept [hugo.shortcode]"}},
		{"TOML front matter gives params",
			"+++\ntitle = \"Quick start\"\nlang = \"fr\"\n[params]\nv = \"1\"\n+++\n{{< param v >}}\n",
			"para\n  text \"1\"\n",
			nil},
		{"TOML front matter that is not TOML",
			"+++\ntitle = \"Bad\nx\n+++\nText.\n",
			"para\n  text \"Text.\"\n",
			[]string{"ch.md:2:13: the front matter (lines 1 to 4) is not valid TOML: toml: basic strings cannot have new lines; it is left out [front-matter.syntax]"}},
		{"a site's own shortcode called with {{< >}} and given lang=, or in one given it, holds code; its title is a paragraph in bold",
			"{{< tabpane lang=bash >}}\n{{< tab header=\"Front matter:\" disabled=true />}}\n{{< tab header=\"Linux\" >}}\nls -l\n{{< /tab >}}\n{{< tab header=\"Go\" lang=\"go\" >}}\nfmt.Println(\"*\")\n{{< /tab >}}\n{{< /tabpane >}}\n",
			"para\n  strong\n    text \"Front matter:\"\npara\n  strong\n    text \"Linux\"\ncode lang=\"bash\"\n  | ls -l\npara\n  strong\n    text \"Go\"\ncode lang=\"go\"\n  | fmt.Println(\"*\")\n",
			[]string{"ch.md:1:1: shortcode \"tabpane\" is the site's own, not one of Hugo's: its tags are left out and what it holds is kept [hugo.shortcode]", "ch.md:2:1: shortcode \"tab\" is the site's own, not one of Hugo's: its tags are left out and what it holds is kept (2 more uses in this file) [hugo.shortcode]"}},
		{"text=true: a site's own shortcode holds Markdown; a title after another tag on its line",
			"{{< tabpane text=true >}}\n{{% tab header=\"**English**\" lang=\"en\" %}}\n**Welcome!**\n{{% /tab %}} {{% tab header=\"German\" %}}\nWillkommen.\n{{% /tab %}}\n{{< /tabpane >}}\n",
			"para\n  strong\n    text \"English\"\npara\n  strong\n    text \"Welcome!\"\npara\n  strong\n    text \"German\"\npara\n  text \"Willkommen.\"\n",
			[]string{"ch.md:1:1: shortcode \"tabpane\" is the site's own, not one of Hugo's: its tags are left out and what it holds is kept [hugo.shortcode]", "ch.md:2:1: shortcode \"tab\" is the site's own, not one of Hugo's: its tags are left out and what it holds is kept (used once more in this file) [hugo.shortcode]"}},
		{"an alert's title",
			"{{% alert title=\"Warning\" color=\"warning\" %}}\nCareful.\n{{% /alert %}}\n",
			"para\n  strong\n    text \"Warning\"\npara\n  text \"Careful.\"\n",
			[]string{"ch.md:1:1: shortcode \"alert\" is the site's own, not one of Hugo's: its tags are left out and what it holds is kept [hugo.shortcode]"}},
	})
}

// TestHugoFrontMatterTOML: Hugo's TOML front matter titles the chapter and
// gives its language, as YAML front matter does, and its lines stay the
// file's.
func TestHugoFrontMatterTOML(t *testing.T) {
	for _, tc := range []struct {
		name, src       string
		title, language string
		line            int
		warnings        []string
	}{
		{"title and lang", "+++\ndate = 2024-01-01\ntitle = \"Quick start\"\nlang = \"fr\"\n+++\nText.\n", "Quick start", "fr", 3, nil},
		{"language when no lang", "+++\ntitle = 'T'\nlanguage = 'de'\n+++\n", "T", "de", 2, nil},
		{"a title that is not text", "+++\ntitle = 3\n+++\n", "", "", 0,
			[]string{"ch.md:2: front matter: title should be text [front-matter.type]"}},
		{"never closed: Markdown", "+++\ntitle = \"T\"\n", "", "", 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch, err := Parse([]byte(tc.src), "ch.md")
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, ch, []byte(tc.src))
			if ch.Front.Title != tc.title || ch.Front.Language != tc.language || ch.Front.TitleLine != tc.line {
				t.Errorf("front matter %+v, want title %q (line %d), language %q", ch.Front, tc.title, tc.line, tc.language)
			}
			if got, want := strings.Join(warningLines(ch.Warnings), "\n"), strings.Join(tc.warnings, "\n"); got != want {
				t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestHugoLinesKept: text after shortcodes that grow (a disclosure) or
// shrink (arguments over lines) is placed on its own line of the file.
func TestHugoLinesKept(t *testing.T) {
	src := "{{< details summary=\"S\" >}}\nIn.\n{{< /details >}}\n{{< figure\n  src=\"a.png\"\n  alt=\"A\" >}}\n\nText[^x] {{< mine >}}.\n"
	ch, err := Parse([]byte(src), "ch.md")
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, ch, []byte(src))
	got := strings.Join(warningLines(ch.Warnings), "\n")
	for _, want := range []string{"ch.md:8:5: ", "ch.md:8:10: shortcode \"mine\""} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings:\n%s\nwant one at %q", got, want)
		}
	}
}

// TestHugoScanLinear: hostile input costs the scanner a bounded number of
// steps per byte, however its tags fail.
func TestHugoScanLinear(t *testing.T) {
	for _, unit := range []string{"{{<", "{{< a \"", "{{< a `", "{{</* ", "{{< a b=", "{{% x %}}{{< /x >}}", "{{<\n", "{{< a \"{{< b ", "{{< a `x\n{{% b c"} {
		n := 20000
		if unit == "{{<" {
			n = 100000
		}
		src := bytes.Repeat([]byte(unit), n)
		_, steps := scanShortcodes(src)
		if steps > 16*len(src)+maxShortcode {
			t.Errorf("%q × %d: %d steps for %d bytes", unit, n, steps, len(src))
		}
	}
	// and the whole parser reads it
	if _, err := Parse(bytes.Repeat([]byte("{{< a \"x\" >}}{{<"), 20000), "ch.md"); err != nil {
		t.Fatal(err)
	}
}

// FuzzHugoShortcodes: the scanner never panics; its tags are in order,
// inside the input, apart, and paired consistently; the parser keeps its
// invariants on whatever it rewrites.
func FuzzHugoShortcodes(f *testing.F) {
	for _, src := range []string{
		"{{< figure src=\"a.png\" caption=\"C\" >}}", "{{% param \"x\" %}}", "{{</* x */>}}",
		"{{< details summary=\"S\" >}}\nIn\n{{< /details >}}", "{{< highlight go >}}\nx\n{{< /highlight >}}",
		"```\n{{< a >}}\n```\n{{< /a >}}", "{{< a `b\nc` />}}", "[x]({{< ref \"a.md\" >}})", "{{< youtube id >}}",
		"a {{< figure src=\"a.png\" link=\"l\" attr=\"A\" >}}", "{{<mermaid>}}\ngraph TB\n{{< /mermaid >}}",
	} {
		f.Add([]byte(src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		tags, _ := scanShortcodes(src)
		end := 0
		for i, tg := range tags {
			if tg.start < end || tg.end <= tg.start || tg.end > len(src) {
				t.Fatalf("tag %d at %d:%d after %d in %d bytes", i, tg.start, tg.end, end, len(src))
			}
			end = tg.end
			if tg.pair >= 0 && (tg.pair <= i || tags[tg.pair].opener != i) {
				t.Fatalf("tag %d paired with %d, which is not its closing tag", i, tg.pair)
			}
		}
		ch, err := Parse(src, "fuzz.md")
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		if probs := invariantProblems(ch, src); len(probs) > 0 {
			t.Fatalf("invariants broken:\n%s", strings.Join(probs, "\n"))
		}
	})
}
