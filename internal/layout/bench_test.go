package layout

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/cputime"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/layout/layouttest"
)

// BenchmarkLayout600 lays out a generated book of some 600 pages with the
// real fonts, hyphenation, line numbers and URL footnotes.
func BenchmarkLayout600(b *testing.B) {
	book := layouttest.Book(33, 1)
	m := realFonts(b)
	opts := bookOpts()
	d, err := Layout(book, m, opts)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu0 := cputime.Used()
	for i := 0; i < b.N; i++ {
		if _, err := Layout(book, m, opts); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time over both cores: on an idle two-core machine the wall time
	// is a little over half of it.
	b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(len(d.Pages)), "pages")
}

// BenchmarkHugeParagraph sets one paragraph of 200,000 words, as an OCR
// dump with no blank line gives, justified and hyphenated. It is broken
// in windows (window.go): node-cap, the most nodes the breaker held at
// once, stays that of a few thousand words whatever the paragraph's
// length.
func BenchmarkHugeParagraph(b *testing.B) {
	m := realFonts(b)
	e := testEngine(b, m, true)
	words := strings.Fields(sample)
	var sb strings.Builder
	for i := range 200000 {
		if i > 0 {
			sb.WriteString(" ")
		}
		sb.WriteString(words[(i*7+i/13)%len(words)])
	}
	segs := e.segsOf([]doc.Inline{&doc.Text{Text: sb.String()}}, e.baseStyle(e.size), false)
	b.ReportAllocs()
	b.ResetTimer()
	var lines []tline
	for i := 0; i < b.N; i++ {
		lines = e.setPara(segs, e.g.textW, 12, alignJustify)
	}
	b.ReportMetric(float64(len(lines)), "lines")
	b.ReportMetric(float64(cap(e.nodes)), "node-cap")
}
