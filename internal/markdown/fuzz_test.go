package markdown

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds any input to the parser: it must not panic or fail, and
// the tree must keep the invariants the renderers rely on. Seeds: the
// CommonMark spec examples, the golden inputs and random mixes of Markdown
// and raw HTML pieces, of pieces of pandoc's tables and of its example
// lists. An input is read in one of the CriticMarkup modes, by its length.
func FuzzParse(f *testing.F) {
	for _, ex := range loadSpec(f) {
		f.Add([]byte(ex.Markdown))
	}
	files, _ := filepath.Glob("testdata/*.md")
	rmd, _ := filepath.Glob("testdata/*.Rmd")
	for _, file := range append(files, rmd...) {
		if src, err := os.ReadFile(file); err == nil {
			f.Add(src)
		}
	}
	// Eloquent JavaScript's marks, a link's chapter number among them
	f.Add([]byte("{{meta {}}}\n\n{{index [a, b]}}\n\nSee [Chapter ?](basics#x) and ((term)) [?](more).\n"))
	rng := rand.New(rand.NewSource(1917))
	for i := 0; i < 200; i++ {
		f.Add(randomDocument(rng, randomPieces, 40))
	}
	for i := 0; i < 100; i++ {
		f.Add(randomDocument(rng, tablePieces, 40))
	}
	for i := 0; i < 50; i++ {
		f.Add(randomDocument(rng, examplePieces, 40))
	}
	// Quarto's and knitr's code chunks, read as such in .qmd files
	for _, seed := range chunkSeeds {
		f.Add([]byte(seed))
	}
	// bookdown's extensions, read as such in .Rmd files
	for _, seed := range bookdownSeeds {
		f.Add([]byte(seed))
	}
	// TeX's own delimiters and a book's commands
	for _, seed := range []string{"Let \\(x\\) and \\[y\\].\n", "\\\\(a\\\\) \\(b \\text{\\)} c\\)\n", "$$\\newcommand{\\a}[1]{#1#1}$$\n\n$\\a{\\a{x}}$ $\\R$\n", "\\(\\def\\b{\\b}\\b\\)\n",
		"$$ x \\label{eq:x} $$\n\nSee \\eqref{eq:x}, $\\ref{eq:x}$ and \\ref{a b}.\n", "Text\n\n\\begin{align}\na &= b \\label{l}\n\\end{align}\n\n$$\n\\begin{equation}\nc\n\\end{equation}\n$$\n",
		"$\\left( a \\middle| b \\right)$ $\\begin{tabular}{|p{1cm}|} a \\\\ \\hline \\end{tabular}$\n"} {
		f.Add([]byte(seed))
	}
	// CriticMarkup is read in each of its modes; backslash delimiters
	// in every file, and the book's commands
	parsers := [...]*Parser{New(), NewWith(Options{Critic: CriticAccept}), NewWith(Options{Critic: CriticReject}),
		NewWith(Options{MathBackslash: MathBackslashDouble, MathMacros: map[string]string{"R": `\mathbb{R}`, "n": `\|#1\|`}})}
	f.Fuzz(func(t *testing.T, src []byte) {
		name := [...]string{"fuzz.md", "fuzz.qmd", "fuzz.Rmd"}[len(src)%3]
		ch, err := parsers[len(src)%len(parsers)].Parse(src, name)
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		if probs := invariantProblems(ch, src); len(probs) > 0 {
			t.Fatalf("invariants broken:\n%s", strings.Join(probs, "\n"))
		}
	})
}

// FuzzPandocTables feeds the parser documents made of pieces of pandoc's
// tables (tablePieces), where the table scanners are most of the work: a
// document must parse and keep the invariants, its tables' column widths
// among them.
func FuzzPandocTables(f *testing.F) {
	files, _ := filepath.Glob("testdata/pandoc*.md")
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil {
			f.Add(src)
		}
	}
	rng := rand.New(rand.NewSource(1949))
	for i := 0; i < 200; i++ {
		f.Add(randomDocument(rng, tablePieces, 40))
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
	})
}

// BenchmarkParse parses one large chapter: every CommonMark spec example
// and every golden input, concatenated.
func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	for _, ex := range loadSpec(b) {
		sb.WriteString(ex.Markdown)
		sb.WriteString("\n\n")
	}
	files, _ := filepath.Glob("testdata/*.md")
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil {
			sb.Write(src)
			sb.WriteString("\n\n")
		}
	}
	src := []byte(sb.String())
	p := New()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Parse(src, "bench.md"); err != nil {
			b.Fatal(err)
		}
	}
}
