package layout

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestGivenColumnWidths: columns take the shares of the measure the
// source gave them, a column too narrow for its widest word takes that
// word's width from the others, and shares adding up to more than the
// measure are scaled to it.
func TestGivenColumnWidths(t *testing.T) {
	for _, c := range []struct {
		name         string
		shares, minw []float64
		want         []float64
	}{
		{"shares of the measure", []float64{0.25, 0.5}, []float64{10, 10}, []float64{100, 200}},
		{"the whole measure", []float64{0.4, 0.6}, []float64{10, 10}, []float64{160, 240}},
		{"more than the measure", []float64{0.8, 0.8}, []float64{10, 10}, []float64{200, 200}},
		{"a word wider than its share", []float64{0.1, 0.2, 0.2}, []float64{60, 10, 10}, []float64{60, 70, 70}},
		{"two widened, the table as wide", []float64{0.05, 0.05, 0.5}, []float64{40, 40, 10}, []float64{40, 40, 160}},
		{"words wider than all shares", []float64{0.1, 0.1}, []float64{100, 150}, []float64{100, 150}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := givenWidths(c.shares, c.minw, 400)
			if !slices.EqualFunc(got, c.want, func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }) {
				t.Errorf("widths %v, want %v", got, c.want)
			}
		})
	}
}

// TestTableWidthsGolden sets a table whose source gave its columns'
// widths (pandoc's multiline tables) and the same table without them,
// which keeps its columns to their content.
func TestTableWidthsGolden(t *testing.T) {
	cell := func(s string) *doc.TableCell { return &doc.TableCell{Content: []doc.Inline{txt(s)}} }
	table := func(widths []float64) *doc.Table {
		return &doc.Table{Align: []doc.Align{doc.AlignCenter, doc.AlignLeft, doc.AlignRight}, Widths: widths,
			Caption: []doc.Inline{txt("Relative widths")},
			Header:  []*doc.TableCell{cell("Centered Header"), cell("Left Aligned"), cell("Right")},
			Rows: [][]*doc.TableCell{
				{cell("First"), cell("Example of a row that spans multiple lines."), cell("12.0")},
				{cell("Second"), cell("Another."), cell("5.0")},
			}}
	}
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{txt("Tables")}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, ID: "tables", Content: []doc.Inline{txt("Tables")}},
		table([]float64{0.167, 0.361, 0.111}),
		table(nil),
	}}
	b := &doc.Book{Meta: doc.Meta{Title: "Tables", Language: "en"}, Entries: []*doc.Entry{ch}}
	o := options(func(o *Options) { o.TrimWidth, o.TrimHeight, o.FontSize = 4*72, 6*72, 10 })
	d := checkBook(t, b, fixedMetrics{}, o)
	var buf bytes.Buffer
	Dump(&buf, d)
	path := filepath.Join("testdata", "tablewidths.golden")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("dump differs from %s (run with -update and review the diff)", path)
	}
}
