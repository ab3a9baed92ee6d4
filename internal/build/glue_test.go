package build

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
)

var glueShared sharedBook

// glueBook is MyST-NB's own test notebooks (BSD-3-Clause, see
// internal/notebook/testdata), one gluing values, one captioning its
// picture in its metadata, and a page of ours pasting and naming them.
func glueBook(t *testing.T) *sharedBook {
	return glueShared.get(t, func(dir string) (string, Options, error) {
		files := map[string]string{
			"manifest.yaml": "title: Glue\nlanguage: en\nchapters:\n  - with_glue.ipynb\n  - metadata_figure.ipynb\n  - refs.md\n",
			"refs.md": "# Pasted\n\nThe float is {glue:text}`with_glue.ipynb::key_float:.3f`, the text {glue:text}`key_text1`.\n\n" +
				"See {numref}`abc` and {numref}`fun-fish`; {glue}`nokey` is none.\n\n" +
				"```{glue:figure} key_plt\n:doc: with_glue.ipynb\n:name: fig-again\n\nThe plot again.\n```\n\n" +
				"{glue}`with_glue.ipynb::key_df`\n",
		}
		for name, from := range map[string]string{"with_glue.ipynb": "myst-nb-with-glue.ipynb", "metadata_figure.ipynb": "myst-nb-metadata-figure.ipynb"} {
			b, err := os.ReadFile("../notebook/testdata/" + from)
			if err != nil {
				return "", Options{}, err
			}
			files[name] = string(b)
		}
		return dir, Options{}, writeFiles(dir, files)
	})
}

func TestGlueBook(t *testing.T) {
	t.Parallel()
	b := glueBook(t)
	if b.err != nil {
		t.Fatal(b.err)
	}
	got := regexp.MustCompile(`(?m)^warning: book/`).ReplaceAllString(strings.TrimSpace(b.stderr), "")
	want := `refs.md:5:43: {glue}` + "`nokey`" + `: no notebook of the book glued "nokey" (a MyST .md page's code is not run, so it glues nothing); left out`
	if got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
	files := filetest.ReadZip(t, b.path("glue.epub"))
	// a figure's number is joined to its name by a no-break space
	for file, wants := range map[string][]string{
		"EPUB/xhtml/with-glue.xhtml": {
			"and formatted 3.14</p>",
			"<p>and undisplayed inline…</p>",
			`<figure id="abc">`, "Figure\u00a01: </span>A caption",
			`<p id="eq-sym" class="equation`,
		},
		"EPUB/xhtml/metadata-figure.xhtml": {
			`<figure id="fun-fish">`, "Figure\u00a02: </span>Hey everyone its <strong>party</strong> time!",
		},
		"EPUB/xhtml/refs.xhtml": {
			"The float is 3.142, the text text1.",
			"with-glue.xhtml#abc\">Figure\u00a01</a>", "metadata-figure.xhtml#fun-fish\">Figure\u00a02</a>",
			`<figure id="fig-again">`, "Figure\u00a03: </span>The plot again.",
		},
	} {
		for _, w := range wants {
			if !strings.Contains(files[file], w) {
				t.Errorf("%s lacks %s", file, w)
			}
		}
	}
	// the DataFrame glued and shown: its table where it was glued, and
	// again where {glue:any} pastes it
	if n := strings.Count(files["EPUB/xhtml/with-glue.xhtml"], `<th scope="col">header</th>`); n != 2 {
		t.Errorf("the glued DataFrame's table is printed %d times, want 2", n)
	}
	// and as a table where a {glue} role alone in its paragraph pastes it
	if n := strings.Count(files["EPUB/xhtml/refs.xhtml"], `<th scope="col">header</th>`); n != 1 {
		t.Errorf("the DataFrame a {glue} role pastes is printed as a table %d times, want 1", n)
	}
	// glued with display=False: pasted where asked, not where glued
	if strings.Contains(files["EPUB/xhtml/with-glue.xhtml"], "&#39;undisplayed&#39;") || strings.Contains(files["EPUB/xhtml/with-glue.xhtml"], "'undisplayed'") {
		t.Errorf("a value glued without being shown is printed in its notebook")
	}
}
