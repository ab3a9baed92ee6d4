package layout

import (
	"testing"

	"github.com/samizdat-press/samizdat/internal/layout/layouttest"
)

// BenchmarkLayout600 lays out a generated book of some 600 pages with the
// real fonts, hyphenation, line numbers and URL footnotes.
func BenchmarkLayout600(b *testing.B) {
	book := layouttest.Book(30, 1)
	m := realFonts(b)
	opts := bookOpts()
	d, err := Layout(book, m, opts)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(d.Pages)), "pages")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Layout(book, m, opts); err != nil {
			b.Fatal(err)
		}
	}
}
