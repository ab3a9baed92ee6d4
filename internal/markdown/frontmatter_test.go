package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestFrontMatter checks which YAML blocks at the top of a file are front
// matter, what is taken from them, what is reported, and that the text
// after them keeps its lines.
func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		front    FrontMatter
		blocks   string // doc.DumpBlocks of the chapter, then its first block's line
		warnings []string
	}{
		{"none", "# Title\n", FrontMatter{}, "heading 1 #title\n  text \"Title\"\n@1", nil},
		{"title and language", "---\ntitle: Front\nauthor: Me\nlang: de-de\n---\n\n# Head\n",
			FrontMatter{Title: "Front", TitleLine: 2, Language: "de-DE"}, "heading 1 #head\n  text \"Head\"\n@7", nil},
		{"language when no lang", "---\nlanguage: fr\ntitle: >-\n  A folded\n  title\n...\nText\n",
			FrontMatter{Title: "A folded title", TitleLine: 3, Language: "fr"}, "para\n  text \"Text\"\n@7", nil},
		{"lang before language", "---\nlanguage: fr\nlang: ru\n---\nText\n",
			FrontMatter{Language: "ru"}, "para\n  text \"Text\"\n@5", nil},
		{"Markdown in the title kept as written", "---\ntitle: \"*Emphasised*  \"\n---\n",
			FrontMatter{Title: "*Emphasised*", TitleLine: 2}, "", nil},
		{"CRLF, byte order mark, no final line end", "\uFEFF---\r\ntitle: Windows\r\n---\r\nText",
			FrontMatter{Title: "Windows", TitleLine: 2}, "para\n  text \"Text\"\n@4", nil},
		{"blank line after the opening is a thematic break", "---\n\ntitle: x\n---\n",
			FrontMatter{}, "hr\nheading 2 #title-x\n  text \"title: x\"\n@1", nil},
		{"never closed is Markdown", "---\ntitle: x\n",
			FrontMatter{}, "hr\npara\n  text \"title: x\"\n@1", nil},
		{"text that is no mapping is Markdown", "---\nJust a line\n---\n",
			FrontMatter{}, "hr\nheading 2 #just-a-line\n  text \"Just a line\"\n@1", nil},
		{"two rules are Markdown", "---\n---\n", FrontMatter{}, "hr\nhr\n@1", nil},
		{"broken YAML is reported and left out", "---\ntitle: Front\nauthor: \"Me\n---\n\n# Head\n",
			FrontMatter{}, "heading 1 #head\n  text \"Head\"\n@6",
			[]string{"ch.md:3: the front matter (lines 1 to 4) is not valid YAML: found unexpected end of stream; it is left out [front-matter.syntax]"}},
		{"broken YAML that does not start like a mapping is Markdown", "---\n- a: b: c\n---\n",
			FrontMatter{}, "hr\nlist bullet tight\n  item\n    para\n      text \"a: b: c\"\nhr\n@1", nil},
		{"title of the wrong kind", "---\ntitle: [a, b]\n---\nText\n",
			FrontMatter{}, "para\n  text \"Text\"\n@4",
			[]string{"ch.md:2:8: front matter: title: expected text, got a list [front-matter.type]"}},
		{"key given twice", "---\ntitle: A\ntitle: B\n---\n",
			FrontMatter{Title: "A", TitleLine: 2}, "", []string{"ch.md:3:1: front matter: duplicate key \"title\" (first on line 2) [front-matter.duplicate-key]"}},
		{"a language that is no tag", "---\nlang: not a language\n---\n",
			FrontMatter{}, "", []string{"ch.md:2: \"not a language\" is not a BCP 47 language tag (like en, fr-CA, el-polyton, zh-Hant); the text keeps the language around it [lang.invalid]"}},
		{"later lines keep their numbers", "---\ntitle: T\n---\nText.[^nope]\n",
			FrontMatter{Title: "T", TitleLine: 2}, "para\n  text \"Text.[^nope]\"\n@4",
			[]string{"ch.md:4:6: footnote reference [^nope] has no definition [footnote.undefined]"}},
	}
	p := New()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			ch, err := p.Parse(src, "ch.md")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(src, []byte(tc.src)) {
				t.Error("Parse changed its input")
			}
			if ch.Front != tc.front {
				t.Errorf("front matter = %+v, want %+v", ch.Front, tc.front)
			}
			var b strings.Builder
			doc.DumpBlocks(&b, ch.Blocks)
			got := b.String()
			if len(ch.Blocks) > 0 {
				got += "@" + strconv.Itoa(ch.Blocks[0].Position().Line)
			}
			if got != tc.blocks {
				t.Errorf("blocks:\n%s\nwant:\n%s", got, tc.blocks)
			}
			if w := warningLines(ch.Warnings); strings.Join(w, "\n") != strings.Join(tc.warnings, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(w, "\n"), strings.Join(tc.warnings, "\n"))
			}
		})
	}
}

// TestFrontMatterOnlyAtTheTopOfAFile: a fragment (a note in a YAML file)
// has no front matter.
func TestFrontMatterOnlyAtTheTopOfAFile(t *testing.T) {
	ch, err := New().ParseFragment([]byte("---\ntitle: x\n---\n"), doc.Pos{File: "notes.yaml", Line: 7})
	if err != nil {
		t.Fatal(err)
	}
	if ch.Front != (FrontMatter{}) || len(ch.Blocks) != 2 {
		t.Errorf("fragment read as front matter: %+v, %d blocks", ch.Front, len(ch.Blocks))
	}
}
