package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
)

var mathShared sharedBook

// mathBook is an extract of Dive into Deep Learning, its formulas in
// d2lbook's Markdown, and a few of the project's own (testdata/math).
// The machine's fonts are installed, as for a real build, so that the
// symbols the book's faces lack come from a math font.
func mathBook(t *testing.T) *sharedBook {
	return mathShared.getEnv(t, installedFonts, func(dir string) (string, Options, error) {
		book, err := filepath.Abs("testdata/math")
		if err != nil {
			return "", Options{}, err
		}
		opts := outTo(dir)
		opts.Flags["book"] = book
		opts.FlagOrigins["book"] = "flag --book"
		return dir, opts, nil
	})
}

// TestMathBook: the formulas become MathML in documents the package
// marks as holding it, but the one samizdat does not typeset, which is
// printed as written and named in the one warning of its file. Its
// EPUB is in TestEPUBCheck.
func TestMathBook(t *testing.T) {
	t.Parallel()
	b := mathBook(t)
	if n := strings.Count(b.stderr, "printed as written"); n != 1 || !strings.Contains(b.stderr, `\begin{CD} is not typeset; it is printed as written`) {
		t.Errorf("want one warning of the formula printed as written, got:\n%s", b.stderr)
	}
	data, err := os.ReadFile(b.path("formulas.epub"))
	if err != nil {
		t.Fatal(err)
	}
	var opf, chapter string
	for name, text := range filetest.Unzip(t, data) {
		switch {
		case strings.HasSuffix(name, ".opf"):
			opf = text
		case strings.Contains(text, "<math "):
			chapter += text
		}
	}
	for _, want := range []string{
		`<math xmlns="http://www.w3.org/1998/Math/MathML" display="block" alttext="y \in \{(1, 0, 0), (0, 1, 0), (0, 0, 1)\}.">`,
		`<mtable columnalign="right left" columnspacing="0em" displaystyle="true">`,
		`<mroot>`,
		`$\begin{CD} x \end{CD}$`,
		`<munder accentunder="false">`,
		`<mtd class="rule-left rule-top">`,
		`<mo stretchy="true" symmetric="true" lspace="0" rspace="0">|</mo>`,
		`<span class="crossref-label">(2)</span>`,
		`<a href="#eq-positive">(2)</a>`,
		`<mtd columnalign="left" class="rule-left"><mtext>one</mtext></mtd>`,
		`<mtext>(3.1)</mtext>`,
		`alttext="\norm{\bx}"><mrow><mo fence="true" form="prefix" stretchy="true">‖</mo><mi mathvariant="bold">x</mi>`,
	} {
		if !strings.Contains(chapter, want) {
			t.Errorf("the chapter lacks %s", want)
		}
	}
	if strings.Count(opf, `properties="mathml"`) != 1 {
		t.Errorf("the package marks %d documents as holding MathML, want 1:\n%s", strings.Count(opf, `properties="mathml"`), opf)
	}
}
