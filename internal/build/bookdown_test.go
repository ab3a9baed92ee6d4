package build

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/validate"
)

// TestBookdownParts: a chapter opening with (PART) starts a part holding
// it and the chapters after it; one opening with (APPENDIX) a part whose
// chapters are appendices; the back matter ends a part, and a (PART)
// heading elsewhere stays a heading, with a warning.
func TestBookdownParts(t *testing.T) {
	t.Parallel()
	heading := func(text string, classes ...string) *doc.Heading {
		return &doc.Heading{Level: 1, Content: []doc.Inline{&doc.Text{Text: text}}, Classes: classes, BlockBase: doc.BlockBase{Pos: doc.Pos{Line: 9}}}
	}
	entry := func(file string, kind doc.EntryKind, blocks ...doc.Block) *doc.Entry {
		return &doc.Entry{File: file, Kind: kind, Blocks: blocks}
	}
	entries := []*doc.Entry{
		entry("index.Rmd", doc.KindFrontMatter, heading("Preface", "unnumbered")),
		entry("a.Rmd", doc.KindChapter, heading("Part I", "unnumbered", "part"), heading("One")),
		entry("b.Rmd", doc.KindChapter, heading("Two"), heading("Part II", "unnumbered", "part")),
		entry("c.Rmd", doc.KindChapter, heading("Appendix", "unnumbered", "appendix"), heading("More")),
		entry("d.Rmd", doc.KindChapter, heading("Further")),
		entry("refs.Rmd", doc.KindBackMatter, heading("References")),
		entry("e.md", doc.KindChapter, heading("Part", "part")),
	}
	out, warns := bookdownParts(entries)
	var got []string
	for _, e := range out {
		s := e.Kind.String() + " " + doc.PlainText(e.Title) + e.File
		for _, c := range e.Children {
			s += " [" + c.File + " " + c.Role.String() + " " + doc.PlainText(c.Blocks[0].(*doc.Heading).Content) + "]"
		}
		got = append(got, s)
	}
	want := []string{"front index.Rmd", "part Part I [a.Rmd none One] [b.Rmd none Two]",
		"part Appendix [c.Rmd appendix More] [d.Rmd appendix Further]", "back refs.Rmd", "chapter e.md"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(warns) != 1 || warns[0].File != "b.Rmd" || warns[0].Line != 9 || warns[0].Code != "bookdown.part" {
		t.Errorf("warnings %v, want one bookdown.part at b.Rmd:9", warns)
	}
}

var bookdownBook sharedBook

// TestBookdownBook: a bookdown book's references resolve to numbers by
// chapter, in links; its theorems are numbered environments; its (PART)
// and (APPENDIX) headings are parts, the appendices marked as such.
func TestBookdownBook(t *testing.T) {
	t.Parallel()
	b := bookdownBook.get(t, func(dir string) (string, Options, error) {
		return dir, Options{}, writeFiles(dir, map[string]string{
			"manifest.yaml": "title: Bookdown\nlanguage: en\nchapters:\n  - file: index.Rmd\n    kind: front\n  - file: intro.Rmd\n  - file: proofs.Rmd\n  - file: tables.Rmd\n",
			"index.Rmd":     "# Preface {-}\n\nSee Theorem \\@ref(thm:pyth), Lemma \\@ref(lem:two) and Chapter \\@ref(proofs).\n",
			"intro.Rmd":     "# (PART) Basics {-}\n\n# Introduction\n\n(ref:pyth) The *Pythagorean* theorem.\n\n::: {.theorem #pyth name=\"Pythagorean theorem\"}\nFor a right triangle.\n:::\n",
			"proofs.Rmd":    "# Proofs {#proofs}\n\n```{lemma two}\nA lemma, unlike \\@ref(thm:none).\n```\n\n::: {.proof}\nObvious.\n:::\n",
			"tables.Rmd":    "# (APPENDIX) Appendix {-}\n\n# Tables\n\n::: {.theorem}\nLast.\n:::\n",
		})
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	if want := `proofs.Rmd:4: \@ref(thm:none): no figure, table, equation, theorem or heading of the book is labelled thm:none; printed as written`; !strings.Contains(b.stderr, want) {
		t.Errorf("warnings:\n%s\nwant %q", b.stderr, want)
	}
	pre := epubMember(t, b.path("bookdown.epub"), "EPUB/xhtml/index.xhtml")
	for _, want := range []string{
		`See Theorem <span class="bookdown-ref"><a href="intro.xhtml#thm-pyth">1.1</a></span>, Lemma <span class="bookdown-ref"><a href="proofs.xhtml#lem-two">2.1</a></span> and Chapter <span class="bookdown-ref"><a href="proofs.xhtml#proofs-2">Proofs</a></span>.`,
	} {
		if !strings.Contains(pre, want) {
			t.Errorf("index.xhtml lacks %s in\n%s", want, pre)
		}
	}
	app := epubMember(t, b.path("bookdown.epub"), "EPUB/xhtml/tables.xhtml")
	for _, want := range []string{`epub:type="appendix" role="doc-appendix"`, `<div class="theorem-env theorem">`, `Theorem` + "\u00a0" + `A.1</span>.</strong> Last.`} {
		if !strings.Contains(app, want) {
			t.Errorf("tables.xhtml lacks %s in\n%s", want, app)
		}
	}
	nav := epubMember(t, b.path("bookdown.epub"), "EPUB/nav.xhtml")
	for _, want := range []string{">Basics</a>", ">Appendix</a>"} {
		if !strings.Contains(nav, want) {
			t.Errorf("nav.xhtml lacks %s in\n%s", want, nav)
		}
	}
	text := validate.PDFText(t, b.path("bookdown.pdf"))
	for _, want := range []string{"Theorem 1.1 (Pythagorean theorem). For a right triangle.", "Lemma 2.1. A lemma, unlike \\@ref(thm:none).", "Proof. Obvious.", "Theorem A.1. Last.", "Basics"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
}
