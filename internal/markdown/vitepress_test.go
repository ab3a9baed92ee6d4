package markdown

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
)

// TestVitePress: in a VitePress book its containers are admonitions and
// disclosures, its Vue blocks and [[toc]] are left out with one warning
// for the file, and a fence's label is its code's title; elsewhere the
// same lines read as before.
func TestVitePress(t *testing.T) {
	tip := func(title string) string {
		return "div kind=aside .admonition .tip tags=tip\n  para .admonition-title\n    strong\n      text \"" + title + "\"\n  para\n    text \"Body.\"\n"
	}
	runCases(t, New().WithVitePress(), "ch.md", []mkdocsCase{
		{"container with a space", "::: tip\nBody.\n:::\n", tip("Tip"), nil},
		{"container with a title", "::: tip Before you start\nBody.\n:::\n", tip("Before you start"), nil},
		{"Docusaurus's form too", ":::tip\nBody.\n:::\n", tip("Tip"), nil},
		{"attributes after the title left out", "::: tip Note {open}\nBody.\n:::\n", tip("Note"), nil},
		{"details is a disclosure", "::: details Show me\nBody.\n:::\n",
			"div kind=details .details tags=details\n  div kind=summary\n    para\n      text \"Show me\"\n  para\n    text \"Body.\"\n", nil},
		{"details untitled", "::: details\nBody.\n:::\n",
			"div kind=details .details tags=details\n  div kind=summary\n    para\n      text \"Details\"\n  para\n    text \"Body.\"\n", nil},
		{"code-group stays a div, its labels titles", "::: code-group\n\n```sh [npm]\nnpm i\n```\n\n:::\n",
			"div .code-group tags=code-group\n  div kind=figure .code-title\n    div kind=caption\n      para\n        text \"npm\"\n    code lang=\"sh\"\n      | npm i\n", nil},
		{"line highlights are not the language", "```js{1,4-6}\nx\n```\n", "code lang=\"js\"\n  | x\n", nil},
		{"[[toc]] left out", "Before.\n\n[[toc]]\n\nAfter.\n", "para\n  text \"Before.\"\npara\n  text \"After.\"\n", nil},
		{"Vue blocks left out, one warning", "<script setup>\nimport { ref } from 'vue'\n</script>\n\nText.\n\n<style scoped>\n.a { color: red }\n</style>\n",
			"para\n  text \"Text.\"\n", []string{"ch.md:1:1: 2 Vue <script> and <style> blocks left out, this the first: they run on the site, not in a book [vitepress.vue-block]"}},
		{"one Vue block", "Text.\n\n<script>\nexport default {}\n</script>\n",
			"para\n  text \"Text.\"\n", []string{"ch.md:3:1: a Vue <script> or <style> block left out: it runs on the site, not in a book [vitepress.vue-block]"}},
		{"a script in code stays code", "```vue\n<script setup>\n</script>\n```\n", "code lang=\"vue\"\n  | <script setup>\n  | </script>\n", nil},
		{"an unknown container stays a div", "::: raw\nBody.\n:::\n", "div .raw tags=raw\n  para\n    text \"Body.\"\n", nil},
	})
	runCases(t, New(), "ch.md", []mkdocsCase{
		{"elsewhere ::: tip is pandoc's div", "::: tip\nBody.\n:::\n", "div .tip tags=tip\n  para\n    text \"Body.\"\n", nil},
		{"elsewhere details is a div", "::: details\nBody.\n:::\n", "div .details tags=details\n  para\n    text \"Body.\"\n", nil},
	})
}

// TestVitePressGolden reads extracts of the Vue.js guide as a VitePress
// book reads them.
func TestVitePressGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/vitepress/*.md")
	if len(files) == 0 {
		t.Fatal("no VitePress inputs in testdata/vitepress")
	}
	p := New().WithVitePress()
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".md"), func(t *testing.T) {
			ch := parseFile(t, p, file, name)
			filetest.Golden(t, strings.TrimSuffix(file, ".md")+".golden", []byte(dumpChapter(ch)))
		})
	}
}

// FuzzVitePressOpener: any line gives an opener within the line, or none.
func FuzzVitePressOpener(f *testing.F) {
	for _, s := range []string{"::: tip", "::: details Title {open}", ":::warning x", "::: code-group", ":::: danger }", "::: tip {"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		o, ok := parseVitePressOpener(s)
		if !ok {
			return
		}
		if !vitepressContainers[o.typ] || o.titleStart > o.titleEnd || o.titleEnd > len(s) {
			t.Fatalf("%q: opener %+v", s, o)
		}
	})
}
