package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
	"github.com/samizdat-press/samizdat/internal/tocimport"
)

var jupyterShared sharedBook

// jupyterBook is a small Jupyter Book (testdata/jupyterbook): a page of
// the Jupyter Book guide and a lecture written as QuantEcon's are, its
// manifest the one init --from wrote, built with the citation style
// init prints for its author_year citations.
func jupyterBook(t *testing.T) *sharedBook {
	return jupyterShared.getEnv(t, installedFonts, func(dir string) (string, Options, error) {
		book, err := filepath.Abs("testdata/jupyterbook/lectures")
		if err != nil {
			return "", Options{}, err
		}
		opts := outTo(dir)
		opts.Flags["book"] = book
		opts.FlagOrigins["book"] = "flag --book"
		opts.Flags["citation.style"] = "chicago-author-date"
		opts.FlagOrigins["citation.style"] = "flag --set"
		return dir, opts, nil
	})
}

// TestJupyterBook: the MyST a Jupyter Book is written in comes out as
// its readers see it: the included admonition, numbered equations,
// theorem and exercise, references printing their numbers, the solution
// naming its exercise, the citation author-date; what a notebook's .md
// file cannot give (a code cell's output, a glued value) and a link out
// of the book are the only warnings. Its EPUB is in TestEPUBCheck.
func TestJupyterBook(t *testing.T) {
	t.Parallel()
	b := jupyterBook(t)
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(b.stderr), "\n") {
		if line == "" {
			continue
		}
		_, msg, _ := strings.Cut(line, ".md:")
		got = append(got, msg)
	}
	want := []string{
		"40:1: code cell printed as its code alone: a MyST notebook's .md file holds no outputs (execute it with Jupyter to see them)",
		"52:13: {glue:text}`mean_k:.2f`: a value glued from a notebook's outputs, and no notebook of the book glued one; left out",
		`145:3: link "../get-started/cross-reference.md": it points outside the book folder; printed as text (give markdown.site_url to lead it to the book's website)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	data, err := os.ReadFile(b.path("a-jupyter-book.epub"))
	if err != nil {
		t.Fatal(err)
	}
	var text string
	for name, s := range filetest.Unzip(t, data) {
		if strings.HasSuffix(name, ".xhtml") {
			text += s
		}
	}
	for _, want := range []string{
		`This lecture runs faster on a GPU.`,
		`<a href="bibliography.xhtml#ref-solow1956">Solow</a> (<a href="bibliography.xhtml#ref-solow1956">1956</a>)`,
		`<span class="crossref-label">(1)</span>`,
		"<p><strong><span class=\"crossref-label\">Theorem\u00a01</span> (Stability).",
		`the steady state of <span class="myst-ref"><a href="#eq-law">(1)</a></span> is stable.`,
		"Theorem\u00a01</a></span> holds.",
		"Exercise\u00a01</span>.",
		`Solve <span class="myst-ref"><a href="#eq-steady">(2)</a></span> for`,
		// the Notes part is numbered: its chapter is 1, its equations
		// by chapter, as Sphinx numbers them
		`A link to an equation directive: <span class="myst-ref"><a href="#eq_my_label">(1.1)</a></span>`,
		`<h1 id="math-and-equations"><span class="section-number">1 </span>Math and equations</h1>`,
		`<h2 id="inline-math"><span class="section-number">1.1 </span>Inline math</h2>`,
		"Solution to <span class=\"myst-ref\">Exercise\u00a01</span></summary>",
		`import numpy as np`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the book lacks %s", want)
		}
	}
	for _, bad := range []string{"from myst_nb import glue", "{include}", "{glue", "exercise-start", "{bibliography}"} {
		if strings.Contains(text, bad) {
			t.Errorf("the book prints %s", bad)
		}
	}
}

// TestJupyterBookManifest: the test book's manifest is the one init
// --from writes from its _toc.yml and _config.yml.
func TestJupyterBookManifest(t *testing.T) {
	t.Parallel()
	res, err := tocimport.Import(os.DirFS("testdata/jupyterbook"), tocimport.Options{Dir: "jupyterbook"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Book != "lectures" || res.CitationStyle != "chicago-author-date" {
		t.Errorf("book folder %q, citation style %q", res.Book, res.CitationStyle)
	}
	want, err := os.ReadFile("testdata/jupyterbook/lectures/manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Manifest) != string(want) {
		t.Errorf("init --from writes\n%s\nthe test book has\n%s", res.Manifest, want)
	}
}
