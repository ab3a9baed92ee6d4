package markdown

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestRuleMarkers: mdbook-spec's rule markers become labelled anchors
// shown with the block they precede; lines that only look like them stay
// text.
func TestRuleMarkers(t *testing.T) {
	label := func(name, indent string) string {
		return indent + "small #r-" + name + " .rule lang=zxx\n" + indent + "  link #r-" + name + "\n" + indent + "    text \"[" + name + "]\"\n"
	}
	// a line that stays text holds a shortcut reference [a.b], which the
	// resolve pass prints as written when no rule has that name
	stays := func(indent, before, after string) string {
		out := indent + "text \"" + before + "r\"\n" + indent + "link \x00rule:sa.b page=after\n" + indent + "  text \"a.b\"\n"
		if after != "" {
			out += indent + "text \"" + after + "\"\n"
		}
		return out
	}
	runMkdocsCases(t, []mkdocsCase{
		{"before a paragraph", "r[items.fn.intro]\nA function.\n",
			"para\n" + label("items.fn.intro", "  ") + "  text \" A function.\"\n", nil},
		{"before a heading, after it", "r[items.fn]\n# Functions\n\nText.\n",
			"heading 1 #functions\n  text \"Functions\"\npara\n" + label("items.fn", "  ") + "para\n  text \"Text.\"\n", nil},
		{"a heading's before the next paragraph's", "r[a]\n# A\n\nr[a.intro]\nText.\n",
			"heading 1 #a\n  text \"A\"\npara\n" + label("a", "  ") + "para\n" + label("a.intro", "  ") + "  text \" Text.\"\n", nil},
		{"a heading's with the next code's", "r[a]\n# A\n\nr[a.syntax]\n```\nx\n```\n",
			"heading 1 #a\n  text \"A\"\npara\n" + label("a", "  ") + "  text \" \"\n" + label("a.syntax", "  ") + "code lang=\"\"\n  | x\n", nil},
		{"a heading's before the next heading", "r[a]\n# A\nr[a.b]\n## B\nText.\n",
			"heading 1 #a\n  text \"A\"\npara\n" + label("a", "  ") + "heading 2 #b\n  text \"B\"\npara\n" + label("a.b", "  ") + "para\n  text \"Text.\"\n", nil},
		{"a heading's at the end", "r[a]\n# A\n", "heading 1 #a\n  text \"A\"\npara\n" + label("a", "  "), nil},
		{"past a definition", "r[a.b]\n[x]: y\n\nText.\n", "para\n" + label("a.b", "  ") + "  text \" Text.\"\n", nil},
		{"before code, a paragraph of its own", "r[a.syntax]\n```rust\nfn f() {}\n```\n",
			"para\n" + label("a.syntax", "  ") + "code lang=\"rust\"\n  | fn f() {}\n", nil},
		{"several", "r[a]\nr[a.b]\nText.\n",
			"para\n" + label("a", "  ") + "  text \" \"\n" + label("a.b", "  ") + "  text \" Text.\"\n", nil},
		{"after a blank line", "r[a.b]\n\nText.\n", "para\n" + label("a.b", "  ") + "  text \" Text.\"\n", nil},
		{"at the end", "Text.\n\nr[a.b]\n", "para\n  text \"Text.\"\npara\n" + label("a.b", "  "), nil},
		{"interrupts a paragraph", "One.\nr[a.b]\nTwo.\n",
			"para\n  text \"One.\"\npara\n" + label("a.b", "  ") + "  text \" Two.\"\n", nil},
		{"between list items, in the next", "* One.\nr[a.b]\n* Two.\n",
			"list bullet tight\n  item\n    para\n      text \"One.\"\nlist bullet tight\n  item\n    para\n" + label("a.b", "      ") + "      text \" Two.\"\n", nil},
		{"before an alert, in its title", "r[a.b]\n> [!NOTE]\n> Body.\n",
			"div kind=aside .admonition .note\n  para .admonition-title\n" + label("a.b", "    ") + "    text \" \"\n    strong\n      text \"Note\"\n  para\n    text \"Body.\"\n", nil},
		{"before a quote, in it", "r[a.b]\n> Quoted.\n", "blockquote\n  para\n" + label("a.b", "    ") + "    text \" Quoted.\"\n", nil},
		{"before a table, a paragraph of its own", "r[a.b]\n\n| x |\n|---|\n| 1 |\n",
			"para\n" + label("a.b", "  ") + "table align=default\n  header\n    cell\n      text \"x\"\n  row\n    cell\n      text \"1\"\n", nil},
		{"before a list starting with code", "r[a.b]\n* ```\n  x\n  ```\n",
			"para\n" + label("a.b", "  ") + "list bullet tight\n  item\n    code lang=\"\"\n      | x\n", nil},
		{"a line end of CR LF", "r[a.b]\r\nText.\r\n", "para\n" + label("a.b", "  ") + "  text \" Text.\"\n", nil},
		{"in a fenced div", "::: x\nr[a.b]\nText.\n:::\n", "div .x tags=x\n  para\n" + label("a.b", "    ") + "    text \" Text.\"\n", nil},
		{"an undotted name inside a paragraph stays", "The value of\nr[i]\nis kept.\n", "para\n  text \"The value of r[i] is kept.\"\n", nil},
		{"mid-sentence stays", "See r[a.b] here.\n", "para\n" + stays("  ", "See ", " here."), nil},
		{"indented stays", "  r[a.b]\n", "para\n" + stays("  ", "", ""), nil},
		{"in a quote stays", "> r[a.b]\n> Text.\n", "blockquote\n  para\n" + stays("    ", "", " Text."), nil},
		{"in a list item stays", "* One.\n\n  r[a.b]\n", "list bullet\n  item\n    para\n      text \"One.\"\n    para\n" + stays("      ", "", ""), nil},
		{"text after it stays", "r[a.b] x\n", "para\n" + stays("  ", "", " x"), nil},
		{"a space after it stays", "r[a.b] \n", "para\n" + stays("  ", "", ""), nil},
		{"in code stays", "```\nr[a.b]\n```\n", "code lang=\"\"\n  | r[a.b]\n", nil},
		{"no name", "r[]\n", "para\n  text \"r[]\"\n", nil},
		{"a name starting with a digit", "r[1.a]\n", "para\n  text \"r[1.a]\"\n", nil},
		{"an empty word", "r[a..b]\n\nr[.a]\n\nr[a.]\n", "para\n  text \"r[a..b]\"\npara\n  text \"r[.a]\"\npara\n  text \"r[a.]\"\n", nil},
		{"a space in the name", "r[a b]\n", "para\n  text \"r[a b]\"\n", nil},
		{"not ASCII", "r[é.a]\n", "para\n  text \"r[é.a]\"\n", nil},
	})
}

// TestRuleRefs: a reference by a dotted name no definition or heading
// gives is left for the resolve pass, saying how it was written.
func TestRuleRefs(t *testing.T) {
	runMkdocsCases(t, []mkdocsCase{
		{"shortcut", "[a-b.c]\n", "para\n  link \x00rule:sa-b.c page=after\n    text \"a-b.c\"\n", nil},
		{"full", "[x][A-b.c]\n", "para\n  link \x00rule:fA-b.c page=after\n    text \"x\"\n", nil},
		{"collapsed", "[a-b.c][]\n", "para\n  link \x00rule:ca-b.c page=after\n    text \"a-b.c\"\n", nil},
		{"mkdocstrings' path", "[x][a.b]\n", "para\n  link \x00rule:ta.b page=after\n    text \"x\"\n", nil},
		{"undotted stays", "[x][ab] and [ab]\n", "para\n  text \"[x][ab] and [ab]\"\n", nil},
		{"a picture is none", "![A.0] and ![x][a.b] and ![y][a-b.c]\n", "para\n  text \"![A.0] and ![x][a.b] and ![y][a-b.c]\"\n", nil},
		{"a definition wins", "[a.b]\n\n[a.b]: other.md\n", "para\n  link other.md page=after\n    text \"a.b\"\n", nil},
	})
}

// rulePieces are what rule markers meet in a chapter written for
// mdbook-spec, for FuzzRules.
var rulePieces = []string{
	"r[a.b]\n", "r[a]\n", "r[a.b-c_d.e]\n", "r[", "]\n", "r[a.b] x\n", " r[a.b]\n", "r[a.b]\r\n", "r[a..b]\n",
	"# Title\n", "## Sub\n", "Text.\n", "\n", "* item\n", "  * nested\n", "1. one\n", "> ", "> [!NOTE]\n", "> [!EDITION-2018]\n",
	"```\n", "```rust\n", "| a | b |\n|---|---|\n", "[x][a.b]", "[a.b]", "[a.b][]", "[y]: a.b\n", "<a id=\"x\"></a>\n",
	"::: x\n", ":::\n", "Term\n: def\n", "[^n]\n\n[^n]: r[a.c]\n",
}

// FuzzRules: any arrangement of rule markers parses into a valid tree in
// which every rule anchor has a rule's name.
func FuzzRules(f *testing.F) {
	rng := rand.New(rand.NewSource(2996))
	for i := 0; i < 100; i++ {
		f.Add(randomDocument(rng, rulePieces, 30))
	}
	p := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		ch, err := p.Parse(src, "fuzz.md")
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		if probs := invariantProblems(ch, src); len(probs) > 0 {
			t.Fatalf("invariants broken:\n%s", strings.Join(probs, "\n"))
		}
		doc.Walk(ch.Blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
			if sp, ok := in.(*doc.Span); ok {
				if name, ok := doc.RuleName(sp); ok && !isRuleName([]byte(name)) {
					t.Fatalf("rule anchor %q names no rule", sp.ID)
				}
			}
			return true
		}})
	})
}
