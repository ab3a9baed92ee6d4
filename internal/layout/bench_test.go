package layout

import (
	"testing"

	"github.com/samizdat-press/samizdat/internal/cputime"
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
