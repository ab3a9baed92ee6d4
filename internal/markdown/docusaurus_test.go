package markdown

import (
	"strings"
	"testing"
)

// TestDocusaurusAdmonitions: Docusaurus's :::keyword fences are admonitions
// titled by their keyword, the rest of their line or a bracketed title;
// other fenced divs stay divs.
func TestDocusaurusAdmonitions(t *testing.T) {
	const tip = "div kind=aside .admonition .tip tags=tip\n  para .admonition-title\n    strong\n      text \"Tip\"\n  para\n    text \"Body.\"\n"
	runMkdocsCases(t, []mkdocsCase{
		{"keyword alone", ":::tip\n\nBody.\n\n:::\n", tip, nil},
		{"no blank lines", ":::tip\nBody.\n:::\n", tip, nil},
		{"title on the line", ":::info FB-Only\n\nBody.\n\n:::\n",
			"div kind=aside .admonition .info tags=info\n  para .admonition-title\n    strong\n      text \"FB-Only\"\n  para\n    text \"Body.\"\n", nil},
		{"title in Markdown", ":::caution Read **this**\nBody.\n:::\n",
			"div kind=aside .admonition .caution tags=caution\n  para .admonition-title\n    strong\n      text \"Read \"\n      strong\n        text \"this\"\n  para\n    text \"Body.\"\n", nil},
		{"bracketed title (Docusaurus 3)", ":::note[Your `title`]\nBody.\n:::\n",
			"div kind=aside .admonition .note tags=note\n  para .admonition-title\n    strong\n      text \"Your \"\n      code \"title\"\n  para\n    text \"Body.\"\n", nil},
		{"nested, the outer with more colons", "::::danger Outer\n\n:::tip\n\nBody.\n\n:::\n\n::::\n",
			"div kind=aside .admonition .danger tags=danger\n  para .admonition-title\n    strong\n      text \"Outer\"\n" +
				"  div kind=aside .admonition .tip tags=tip\n    para .admonition-title\n      strong\n        text \"Tip\"\n    para\n      text \"Body.\"\n", nil},
		{"code inside", ":::warning\n\n```sh\nrm -rf /\n```\n\n:::\n",
			"div kind=aside .admonition .warning tags=warning\n  para .admonition-title\n    strong\n      text \"Warning\"\n  code lang=\"sh\"\n    | rm -rf /\n", nil},
		{"pandoc's div of a word that is no keyword", "::: answers\nBody.\n:::\n",
			"div .answers tags=answers\n  para\n    text \"Body.\"\n", nil},
		{"a keyword after a space is pandoc's div", "::: note\nBody.\n:::\n",
			"div .note tags=note\n  para\n    text \"Body.\"\n", nil},
		{"an unknown keyword with a title stays text", ":::answers Title\n",
			"para\n  text \":::answers Title\"\n", nil},
	})
}

// TestMDXTabs: MDX's <Tabs> and <TabItem> are a group of content tabs,
// each led by its label, else its value, in bold, whether the tabs hold
// text or Markdown between blank lines.
func TestMDXTabs(t *testing.T) {
	tab := func(title, body string) string {
		return "  div kind=section .tabbed-block\n    para .tabbed-title\n      strong\n        text \"" + title + "\"\n" + body
	}
	runMkdocsCases(t, []mkdocsCase{
		{"labels and values", "<Tabs>\n  <TabItem value=\"apple\" label=\"Apple\" default>An apple</TabItem>\n  <TabItem value=\"orange\">An orange</TabItem>\n</Tabs>\n",
			"div .tabbed-set\n" + tab("Apple", "    para\n      text \"An apple\"\n") + tab("orange", "    para\n      text \"An orange\"\n"), nil},
		{"Markdown inside", "<Tabs groupId=\"pm\">\n<TabItem value=\"npm\">\n\n```bash\nnpm install\n```\n\n</TabItem>\n<TabItem value=\"yarn\" label=\"Yarn\">\n\nRun **it**.\n\n</TabItem>\n</Tabs>\n",
			"div .tabbed-set\n" + tab("npm", "    code lang=\"bash\"\n      | npm install\n") +
				tab("Yarn", "    para\n      text \"Run \"\n      strong\n        text \"it\"\n      text \".\"\n"), nil},
		{"labels from the values prop", "<BrowserWindow>\n<Tabs\n  defaultValue=\"b\"\n  values={[\n    {label: 'Apple', value: 'a'},\n    {value: \"b\", label: \"Big\"},\n  ]}>\n  <TabItem value=\"a\">A</TabItem>\n  <TabItem value=\"b\">B</TabItem>\n  <TabItem value=\"c\" label=\"Own\">C</TabItem>\n</Tabs>\n</BrowserWindow>\n",
			"div .html-browserwindow\n  div .tabbed-set\n" + indent(tab("Apple", "    para\n      text \"A\"\n")+tab("Big", "    para\n      text \"B\"\n")+tab("Own", "    para\n      text \"C\"\n")), nil},
		{"no label, no value", "<Tabs><TabItem>Body</TabItem></Tabs>\n",
			"div .tabbed-set\n  div kind=section .tabbed-block\n    para\n      text \"Body\"\n", nil},
	})
}

// TestAdmonitionComponent: Docusaurus's <Admonition> component is the box
// its :::type fence makes.
func TestAdmonitionComponent(t *testing.T) {
	runMkdocsCases(t, []mkdocsCase{
		{"type and title", "<Admonition type=\"tip\" icon=\"💡\" title=\"Did you know...\">\n  <p>Use plugins.</p>\n</Admonition>\n",
			"div kind=aside .admonition .tip\n  para .admonition-title\n    strong\n      text \"Did you know...\"\n  para\n    text \"Use plugins.\"\n", nil},
		{"Markdown inside, no title", "<Admonition type=\"danger\">\n\nBe **careful**.\n\n</Admonition>\n",
			"div kind=aside .admonition .danger\n  para .admonition-title\n    strong\n      text \"Danger\"\n  para\n    text \"Be \"\n    strong\n      text \"careful\"\n    text \".\"\n", nil},
		{"no type", "<Admonition>Text</Admonition>\n",
			"div kind=aside .admonition .note\n  para .admonition-title\n    strong\n      text \"Note\"\n  para\n    text \"Text\"\n", nil},
	})
}

// TestCodeBlockComponent: Docusaurus's <CodeBlock> component is a code
// block of its language, titled by its title, its code read as written
// (markup in a template literal is code); a JavaScript expression is
// left out with a warning.
func TestCodeBlockComponent(t *testing.T) {
	runMkdocsCases(t, []mkdocsCase{
		{"template literal with markup, title", "<CodeBlock language=\"jsx\" title=\"/src/Hello.js\" showLineNumbers>\n{`function Hello(props) {\n  return <h1>Hello, {props.name}</h1>;\n}`}\n</CodeBlock>\n",
			"div kind=figure .code-title\n  div kind=caption\n    para\n      text \"/src/Hello.js\"\n  code lang=\"jsx\"\n    | function Hello(props) {\n    |   return <h1>Hello, {props.name}</h1>;\n    | }\n", nil},
		{"on one line, a backquote escaped", "<CodeBlock language=\"js\">{`const a = \\`b\\`;`}</CodeBlock>\n",
			"code lang=\"js\"\n  | const a = `b`;\n", nil},
		{"a string", "<CodeBlock>{'a\\nb'}</CodeBlock>\n", "code lang=\"\"\n  | a\n  | b\n", nil},
		{"text, the language its class", "<CodeBlock className=\"language-python\">\nprint(\"hi\")\n</CodeBlock>\n", "code lang=\"python\"\n  | print(\"hi\")\n", nil},
		{"an expression", "<CodeBlock language=\"jsx\">{MyComponentSource}</CodeBlock>\n", "",
			[]string{"ch.md:1:1: <CodeBlock> holds a JavaScript expression, not its code; left out [mdx.expression]"}},
	})
}

// indent indents each line of a tree's dump by two more spaces.
func indent(dump string) string {
	return strings.ReplaceAll("  "+dump, "\n", "\n  ")[:len(dump)+2*strings.Count(dump, "\n")]
}

// TestMDXSource: MDX's import and export statements and Docusaurus's
// mdx-code-block fences are blanked, every line kept in its place; code
// and prose that only look like them are not.
func TestMDXSource(t *testing.T) {
	for _, tc := range []struct {
		name, file, src string
		want            []string // the lines left, blank ones dropped
	}{
		{"imports and an export in .mdx", "a.mdx",
			"import Tabs from '@theme/Tabs';\nimport {x} from \"y\";\n\nexport const Box = ({children}) => (\n  <div>{children}</div>\n);\n\nText.\n",
			[]string{"Text."}},
		{"prose that begins with the word", "a.mdx", "important:\n\nimported goods\n", []string{"important:", "imported goods"}},
		{"imports alone in .md, two on a line", "a.md",
			"import Tabs from '@theme/Tabs'; import TabItem from '@theme/TabItem';\nimport '@site/x.css'\n\nText.\n",
			[]string{"Text."}},
		{"a paragraph of .md that is not only imports", "a.md",
			"import the data from 'a.csv' and sort it.\n\nexport PATH=/bin\n",
			[]string{"import the data from 'a.csv' and sort it.", "export PATH=/bin"}},
		{"not after text", "a.mdx", "Text\nimport x from 'y'\n", []string{"Text", "import x from 'y'"}},
		{"code keeps its imports", "a.mdx", "```jsx\nimport x from 'y';\n```\n",
			[]string{"```jsx", "import x from 'y';", "```"}},
		{"mdx-code-block unwrapped, its exports dropped", "a.md",
			"```mdx-code-block\nexport const A = 1;\n\n<Tabs>\n```\n\n```js\nimport x from 'y';\n```\n\n```mdx-code-block\n</Tabs>\n```\n",
			[]string{"<Tabs>", "```js", "import x from 'y';", "```", "</Tabs>"}},
		{"imports up to the closing fence", "a.md", "```mdx-code-block\nimport A from 'a';\n```\nText.\n", []string{"Text."}},
		{"in a list item", "a.md", "- Item\n\n  ```mdx-code-block\n  <Tabs>\n  ```\n", []string{"- Item", "<Tabs>"}},
		{"MDX's comments", "a.mdx", "Text {/* a note */} here.\n\n{/*\nover lines\n*/}\n\n`{/* code */}`\n",
			[]string{"Text" + strings.Repeat(" ", 16) + "here.", "`{/* code */}`"}},
		{"no comments in Markdown", "a.md", "{/* x */}\n", []string{"{/* x */}"}},
		{"a longer fence shows one as code", "a.md", "````md\n```mdx-code-block\n<Tabs>\n```\n````\n",
			[]string{"````md", "```mdx-code-block", "<Tabs>", "```", "````"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := mdxSource([]byte(tc.src), tc.file)
			if len(out) != len(tc.src) || strings.Count(string(out), "\n") != strings.Count(tc.src, "\n") {
				t.Fatalf("lines moved: %q", out)
			}
			var got []string
			for _, l := range strings.Split(string(out), "\n") {
				if l = strings.TrimSpace(l); l != "" {
					got = append(got, l)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// FuzzMDX feeds any input to the parser as an .mdx file, where ESM and
// mdx-code-block fences are blanked first: that must keep every byte's
// line, and the tree the renderers' invariants.
func FuzzMDX(f *testing.F) {
	f.Add([]byte("import A from 'a';\n\n```mdx-code-block\n<Tabs>\n<TabItem value=\"a\" label=\"A\">\n```\n\n:::tip Title\nx\n:::\n\n```mdx-code-block\n</TabItem>\n</Tabs>\n```\n"))
	f.Add([]byte("export const x = (\n  1\n);\n\n````\n```mdx-code-block\n````\n"))
	p := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		out := mdxSource(src, "fuzz.mdx")
		if len(out) != len(src) {
			t.Fatalf("length %d, want %d", len(out), len(src))
		}
		for i := range src {
			if (src[i] == '\n') != (out[i] == '\n') {
				t.Fatalf("line ending moved at %d", i)
			}
		}
		ch, err := p.Parse(src, "fuzz.mdx")
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		if probs := invariantProblems(ch, src); len(probs) > 0 {
			t.Fatalf("invariants broken:\n%s", strings.Join(probs, "\n"))
		}
	})
}

// TestCodeTitles: a fence's title="…" (Docusaurus, Material for MkDocs)
// is the caption over its code, a figure; line highlights and other
// words of the info string are not read.
func TestCodeTitles(t *testing.T) {
	fig := func(title, lang, code string) string {
		return "div kind=figure .code-title\n  div kind=caption\n    para\n      text \"" + title + "\"\n  code lang=\"" + lang + "\"\n    | " + code + "\n"
	}
	runMkdocsCases(t, []mkdocsCase{
		{"after the language", "```js title=\"docusaurus.config.js\"\nmodule.exports = {};\n```\n", fig("docusaurus.config.js", "js", "module.exports = {};"), nil},
		{"with line highlights", "```jsx {1,3-4} title='src/App.js' showLineNumbers\nx\n```\n", fig("src/App.js", "jsx", "x"), nil},
		{"highlights against the language", "```jsx{2} title=\"A  title\"\nx\n```\n", fig("A title", "jsx", "x"), nil},
		{"alone", "``` title=\"Footnote\"\nx\n```\n", fig("Footnote", "", "x"), nil},
		{"pandoc's attributes", "```{.python title=\"app.py\"}\nx\n```\n", fig("app.py", "python", "x"), nil},
		{"an empty title", "```js title=\"\"\nx\n```\n", "code lang=\"js\"\n  | x\n", nil},
		{"a word that is not the attribute", "```js subtitle=\"x\"\nx\n```\n", "code lang=\"js\"\n  | x\n", nil},
	})
}

// TestMagicComments: Docusaurus's highlighting comments are taken out of
// code written in a language they are comments of; in Markdown code a
// JavaScript comment is an example's text, and stays (a YAML one, in
// front matter, goes, as Docusaurus takes it out).
func TestMagicComments(t *testing.T) {
	for _, tc := range []struct{ lang, in, want string }{
		{"js", "a();\n  // highlight-next-line\nb();\n/* highlight-start */\nc();\n// highlight-end", "a();\nb();\nc();"},
		{"jsx", "<div>\n  {/* highlight-start */}\n  <p/>\n  {/* highlight-end */}\n</div>", "<div>\n  <p/>\n</div>"},
		{"python", "# highlight-next-line\nprint(1)", "print(1)"},
		{"md", "<!-- highlight-next-line -->\n```js\n// highlight-next-line\nx\n```", "```js\n// highlight-next-line\nx\n```"},
		{"md", "---\n# highlight-next-line\nslug: /\n---", "---\nslug: /\n---"},
		{"", "# highlight-next-line\n-- highlight-start\nx", "x"},
		{"js", "// highlight-next-line is what you write", "// highlight-next-line is what you write"},
		{"js", "x // highlight-next-line", "x // highlight-next-line"},
	} {
		if got := dropMagicComments(tc.lang, tc.in); got != tc.want {
			t.Errorf("%s %q:\ngot  %q\nwant %q", tc.lang, tc.in, got, tc.want)
		}
	}
}

// TestJSXAttributes: a JSX attribute whose value is JavaScript in braces
// is quoted, the same length, so that its tag is read as a tag: in MDX
// any tag's, in Markdown only a component's; code spans and code blocks
// are left as written; require('file').default is the file.
func TestJSXAttributes(t *testing.T) {
	for _, tc := range []struct{ name, file, src, want string }{
		{"style in MDX", "a.mdx", "<span style={{color: \"red\"}}>Red</span>\n", "<span style=\"{color: 'red'}\">Red</span>\n"},
		{"an arrow", "a.mdx", "<B onClick={() => f()}>x</B>\n", "<B onClick=\"() =  f()\">x</B>\n"},
		{"lower case in Markdown", "a.md", "<span style={{a: 1}}>x</span>\n", "<span style={{a: 1}}>x</span>\n"},
		{"a component in Markdown, over lines", "a.md", "<Tabs\n  values={[\n    {label: 'A', value: 'a'},\n  ]}>\n", "<Tabs\n  values=\"[\n    {label: 'A', value: 'a'},\n  ]\">\n"},
		{"in a code span", "a.mdx", "Use `<B x={1}>` and <B x={2}>.\n", "Use `<B x={1}>` and <B x=\"2\">.\n"},
		{"in a code block", "a.mdx", "```jsx\n<B x={1}>\n```\n", "```jsx\n<B x={1}>\n```\n"},
		{"a file for the bundler", "a.mdx", "<img src={require('./img/a.png').default} />\n", "<img src=\"./img/a.png\"" + strings.Repeat(" ", 20) + "/>\n"},
		{"no closing brace", "a.mdx", "<B x={1>\n\ntext }\n", "<B x={1>\n\ntext }\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(mdxSource([]byte(tc.src), tc.file)); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
	runMkdocsCases(t, []mkdocsCase{
		{"a styled component is an element", "<Highlight style={{color: 'red'}}>Red</Highlight> and **bold**\n",
			"para\n  span .html-highlight\n    text \"Red\"\n  text \" and \"\n  strong\n    text \"bold\"\n", nil},
	})
}
