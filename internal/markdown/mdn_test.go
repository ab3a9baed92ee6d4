package markdown

import (
	"testing"
)

// TestMDN: in an MDN page (front matter with a page-type) KumaScript
// macros with a text are that text, the site's furniture is left out,
// an unknown macro stays as written with one warning for the file, and
// "- term" with "  - : definition" items is a list of terms; in any
// other page all of it reads as before.
func TestMDN(t *testing.T) {
	const front = "---\ntitle: T\npage-type: guide\n---\n\n"
	runMkdocsCases(t, []mkdocsCase{
		{"element as code", front + "A {{HTMLElement(\"p\")}}.\n", "para\n  text \"A \"\n  code \"<p>\"\n  text \".\"\n", nil},
		{"element with a label in HTML", front + "{{HTMLElement(\"Heading_Elements\", \"<code>&lt;h1&gt;</code>\")}}\n", "para\n  code \"<h1>\"\n", nil},
		{"property as code, case of the name ignored", front + "{{CSSxRef('color')}}\n", "para\n  code \"color\"\n", nil},
		{"glossary term as text", front + "{{Glossary(\"HTTP\")}} and {{glossary(\"Element\", \"elements\")}}\n", "para\n  text \"HTTP and elements\"\n", nil},
		{"badge as a word", front + "x {{optional_inline}}\n", "para\n  text \"x (optional)\"\n", nil},
		{"furniture left out", front + "{{LearnSidebar}}\n\nText.\n\n{{Compat}}\n\n{{EmbedLiveSample(\"Example\", 400, 200)}}\n\n{{PreviousMenuNext(\"a\", \"b\", \"c\")}}\n", "para\n  text \"Text.\"\n", nil},
		{"unknown macros warned once", front + "{{Frob}} and {{Frob}} and {{Quux(1)}}\n", "para\n  text \"{{Frob}} and {{Frob}} and {{Quux(1)}}\"\n",
			[]string{"ch.md:6:1: MDN macro {{Frob}}, {{Quux}} printed as written: its text depends on the site's build [mdn.macro]"}},
		{"in code stays code", front + "`{{Compat}}`\n", "para\n  code \"{{Compat}}\"\n", nil},
		{"definition list", front + "- listed\n  - : Elements that are listed.\n- labelable\n  - : Elements with labels.\n  - : A second definition.\n",
			"div kind=term-list\n  div kind=term\n    para\n      text \"listed\"\n  div kind=term-definition\n    para\n      text \"Elements that are listed.\"\n" +
				"  div kind=term\n    para\n      text \"labelable\"\n  div kind=term-definition\n    para\n      text \"Elements with labels.\"\n  div kind=term-definition\n    para\n      text \"A second definition.\"\n", nil},
		{"a nested list without colons stays a list", front + "- a\n  - b\n",
			"list bullet tight\n  item\n    para\n      text \"a\"\n    list bullet tight\n      item\n        para\n          text \"b\"\n", nil},
		{"elsewhere a macro is text", "{{HTMLElement(\"p\")}}\n", "para\n  text \"{{HTMLElement(\\\"p\\\")}}\"\n", nil},
		{"elsewhere a colon item stays an item", "- a\n  - : b\n",
			"list bullet tight\n  item\n    para\n      text \"a\"\n    list bullet tight\n      item\n        para\n          text \": b\"\n", nil},
	})
}

// FuzzMacro: a macro call read from any text is within the text, and
// expands without failing.
func FuzzMacro(f *testing.F) {
	for _, s := range []string{`{{HTMLElement("p")}}`, `{{cssxref('a', "b")}}`, `{{Compat}}`, `{{ EmbedLiveSample("x", 1, 2) }}`, `{{f(")}}`, `{{a(b,)}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := macroCall.FindStringSubmatch(s)
		if m == nil {
			return
		}
		if len(m[0]) > len(s) {
			t.Fatalf("%q: call %q longer than the text", s, m[0])
		}
		var args []string
		for _, a := range macroArg.FindAllStringSubmatch(m[2], -1) {
			args = append(args, a[1]+a[2]+a[3])
		}
		expandMacro(m[1], args)
	})
}
