package build

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
)

// A chapter's front matter titles it when the manifest does not, before
// its first heading; gives it its language when the manifest does not;
// and, when it is broken, is reported where it is and left out.
func TestFrontMatterTitlesAndLanguages(t *testing.T) {
	t.Parallel()
	dir := writeFolder(t, map[string]string{
		"config/samizdat.yaml": "formats: [epub]\nname: out\n",
		"book/manifest.yaml": "title: T\nlanguage: en\nchapters:\n  - file: one.md\n" +
			"  - file: two.md\n    title: From the manifest\n    language: de\n  - file: three.md\n  - file: four.md\n",
		"book/one.md":   "---\ntitle: From *front* matter\nlang: fr\nlayout: post\n---\n\n# Premier\n\nTexte.\n",
		"book/two.md":   "---\ntitle: Not this\nlang: fr\n---\nText.\n",
		"book/three.md": "---\nauthor: Someone\n---\n\n# From the heading\n\nText.\n",
		"book/four.md":  "---\ntitle: [unclosed\n---\n\n# Four\n\nText.[^x]\n",
	})
	out := filepath.Join(dir, "out")
	r := runBuild(t, dir, outTo(out))
	if r.err != nil {
		t.Fatalf("build failed: %v\n%s", r.err, r.stderr.String())
	}
	want := []string{
		"warning: book/four.md:1: the front matter (lines 1 to 3) is not valid YAML: did not find expected ',' or ']'; it is left out",
		"warning: book/four.md:7:6: footnote reference [^x] has no definition",
	}
	if got := problemLines(r.stderr.String()); !slices.Equal(got, want) {
		t.Errorf("stderr:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	epub, err := os.ReadFile(filepath.Join(out, "out.epub"))
	if err != nil {
		t.Fatal(err)
	}
	files := filetest.Unzip(t, epub)
	contents := regexp.MustCompile(`<li><a href="xhtml/[^"]+"[^>]*>(.*?)</a>`).FindAllStringSubmatch(files["EPUB/nav.xhtml"], -1)
	var titles []string
	for _, m := range contents {
		titles = append(titles, m[1])
	}
	if want := []string{"From front matter", "From the manifest", "From the heading", "Four"}; !slices.Equal(titles, want) {
		t.Errorf("contents: %q, want %q", titles, want)
	}
	for file, want := range map[string]string{"one": `lang="fr"`, "two": `lang="de"`} {
		if x := files["EPUB/xhtml/"+file+".xhtml"]; !strings.Contains(x, want) {
			t.Errorf("%s.xhtml lacks %s", file, want)
		}
	}
	for _, file := range []string{"one", "two", "three", "four"} {
		if x := files["EPUB/xhtml/"+file+".xhtml"]; strings.Contains(x, "<hr") || strings.Contains(x, "title:") || strings.Contains(x, "author:") {
			t.Errorf("%s.xhtml shows its front matter:\n%s", file, x)
		}
	}
}
