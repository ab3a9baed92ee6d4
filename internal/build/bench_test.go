package build

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/epub"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/pdf"
	"github.com/samizdat-press/samizdat/internal/testbook"
)

// benchProject loads (parses and resolves) the generated long book once.
func benchProject(b *testing.B) *project {
	b.Helper()
	dir := b.TempDir()
	if err := testbook.Write(filepath.Join(dir, "book"), testbook.Long); err != nil {
		b.Fatal(err)
	}
	env := Env{Stdout: io.Discard, Stderr: io.Discard, Environ: []string{fixedEpoch}, Dir: dir, Version: "bench",
		Now: func() time.Time { return time.Unix(0, 0) }}
	p, err := load(context.Background(), env, Options{}, "")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(p.close)
	if p.failed() {
		b.Fatal(p.diags.Err())
	}
	return p
}

// BenchmarkLongBookPDF times the whole PDF of the ~600-page book: layout
// and painting, from the resolved tree.
func BenchmarkLongBookPDF(b *testing.B) {
	p := benchProject(b)
	faces := p.faces
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d, err := layout.Layout(p.book, faces, p.layoutOptions())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := pdf.Write(io.Discard, d, p.book.Meta, faces, pdf.DefaultOptions()); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(d.Pages)), "pages")
	}
}

// BenchmarkLongBookEPUB times the EPUB of the same book.
func BenchmarkLongBookEPUB(b *testing.B) {
	p := benchProject(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := epub.Write(io.Discard, p.book, epub.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildLongBook times `samizdat build` on the long book: every
// step from config to both files on disk.
func BenchmarkBuildLongBook(b *testing.B) {
	dir := b.TempDir()
	if err := testbook.Write(filepath.Join(dir, "book"), testbook.Long); err != nil {
		b.Fatal(err)
	}
	env := Env{Stdout: io.Discard, Stderr: io.Discard, Environ: []string{fixedEpoch}, Dir: dir, Version: "bench"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Run(context.Background(), env, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	os.RemoveAll(filepath.Join(dir, "dist"))
}

// BenchmarkBuildSample times `samizdat build` on the sample reader.
func BenchmarkBuildSample(b *testing.B) {
	out := b.TempDir()
	env := Env{Stdout: io.Discard, Stderr: io.Discard, Environ: []string{fixedEpoch}, Dir: repoRoot, Version: "bench"}
	for i := 0; i < b.N; i++ {
		if err := Run(context.Background(), env, outTo(out)); err != nil {
			b.Fatal(err)
		}
	}
}
