package build

import (
	"bytes"
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/cputime"
	"github.com/samizdat-press/samizdat/internal/epub"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
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

// BenchmarkSampleEditions times `samizdat build` of the sample book as
// the command runs it (git dates it, pictures are prepared afresh: the
// picture cache is off): its default edition alone, and its six editions
// with --edition all. The goal is "all" in less than twice the time of
// "one"; -cpuprofile on "all" shows what the editions still do each on
// their own.
func BenchmarkSampleEditions(b *testing.B) {
	for _, edition := range []string{"", "all"} {
		name := cmp.Or(edition, "one")
		b.Run(name, func(b *testing.B) {
			out := b.TempDir()
			env := Env{Stdout: io.Discard, Stderr: io.Discard, Environ: []string{"SAMIZDAT_CACHE_DIR=off"}, Dir: repoRoot, Version: "bench", Git: ExecGit}
			opts := outTo(out)
			opts.Edition = edition
			cpu0 := cputime.Used()
			for b.Loop() {
				if err := Run(context.Background(), env, opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// benchBook is the book folder SAMIZDAT_BENCH_BOOK names (its
// manifest.yaml and chapters; the config beside it, if any), built with the
// machine's fonts for the characters the book's faces lack; the benchmark
// is skipped without it. .ci/bench builds a real book and the generated
// ones at several lengths through it. Its pictures are prepared anew each
// time unless SAMIZDAT_BENCH_CACHE_DIR names a picture cache, for timing
// rebuilds (a first round there fills it).
func benchBook(b *testing.B) (Env, Options) {
	b.Helper()
	book := os.Getenv("SAMIZDAT_BENCH_BOOK")
	if book == "" {
		b.Skip("SAMIZDAT_BENCH_BOOK names no book folder")
	}
	book, err := filepath.Abs(book)
	if err != nil {
		b.Fatal(err)
	}
	environ := []string{fixedEpoch}
	if dir := os.Getenv("SAMIZDAT_BENCH_CACHE_DIR"); dir != "" {
		environ = append(environ, "SAMIZDAT_CACHE_DIR="+dir)
	}
	env := Env{Stdout: io.Discard, Stderr: io.Discard, Environ: environ, Dir: filepath.Dir(book), Version: "bench",
		Fonts: fonts.Fontconfig(func(name string, args ...string) ([]byte, error) { return exec.Command(name, args...).Output() })}
	opts := Options{Flags: map[string]string{"book": book, "out": b.TempDir()}, FlagOrigins: map[string]string{"book": "flag --book", "out": "flag --out"}}
	opts.Edition = os.Getenv("SAMIZDAT_BENCH_EDITION")
	return env, opts
}

// BenchmarkBuildBookDir times `samizdat build` of the book benchBook
// names: every step from config to the files on disk (go test -bench
// BuildBookDir -cpuprofile cpu.out for a profile). With
// SAMIZDAT_BENCH_PEAK_PROFILE=FILE it writes the heap profile of the
// garbage collection that found the most live memory, which -memprofile,
// taken at the end, cannot show (go tool pprof -sample_index=inuse_space).
func BenchmarkBuildBookDir(b *testing.B) {
	env, opts := benchBook(b)
	if path := os.Getenv("SAMIZDAT_BENCH_PEAK_PROFILE"); path != "" {
		stop := peakProfile()
		defer func() {
			live, profile := stop()
			b.ReportMetric(float64(live)/(1<<20), "peak-live-MiB")
			if err := os.WriteFile(path, profile, 0o644); err != nil {
				b.Error(err)
			}
		}()
	}
	b.ResetTimer()
	cpu0 := cputime.Used()
	for i := 0; i < b.N; i++ {
		if err := Run(context.Background(), env, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
}

// heapPeak samples the live heap every few milliseconds until the
// function it returns is called, which returns the largest sample.
func heapPeak() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	done, result := make(chan struct{}), make(chan uint64)
	go func() {
		var peak uint64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				result <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-result
	}
}

// peakProfile collects garbage every 50 ms until the function it returns
// is called, which returns the largest live heap a collection left and the
// heap profile taken right after it. The collections cost time, and are
// what makes the profile that of the moment (a heap profile otherwise
// lags a collection or two).
func peakProfile() func() (uint64, []byte) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	type result struct {
		live    uint64
		profile []byte
	}
	done, out := make(chan struct{}), make(chan result)
	go func() {
		var peak result
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			// A heap profile counts what a collection freed only after the
			// next one: the second makes the profile that of the first.
			runtime.GC()
			runtime.GC()
			metrics.Read(sample)
			if live := sample[0].Value.Uint64(); live > peak.live {
				var buf bytes.Buffer
				if err := pprof.Lookup("heap").WriteTo(&buf, 0); err == nil {
					peak = result{live, buf.Bytes()}
				}
			}
			select {
			case <-done:
				out <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() (uint64, []byte) {
		close(done)
		r := <-out
		return r.live, r.profile
	}
}

// BenchmarkStages times each step of one edition's build of the book
// benchBook names on its own: loading it (config, manifest, parsing,
// pictures' headers, the resolve pass, fonts), the layout, painting the
// PDF from the layout and writing the EPUB, each with its CPU time over
// every core (cpu-ns/op), which a busy machine changes less than the wall
// time, and the largest live heap seen while it ran (peak-heap-MiB: what
// the stages before left alive included). With
// SAMIZDAT_BENCH_PEAK_PROFILE=FILE each stage also writes the heap profile
// of its largest live heap (see BenchmarkBuildBookDir) to FILE.stage; the
// collections that takes slow the stages down.
func BenchmarkStages(b *testing.B) {
	env, opts := benchBook(b)
	if opts.Edition == "all" {
		b.Skip("stages are timed for one edition")
	}
	profiles := os.Getenv("SAMIZDAT_BENCH_PEAK_PROFILE")
	stage := func(name string, run func(b *testing.B)) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			runtime.GC()
			peak := heapPeak()
			var stopProfile func() (uint64, []byte)
			if profiles != "" {
				stopProfile = peakProfile()
			}
			cpu0 := cputime.Used()
			run(b)
			b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MiB")
			if stopProfile != nil {
				live, profile := stopProfile()
				b.ReportMetric(float64(live)/(1<<20), "peak-live-MiB")
				if err := os.WriteFile(profiles+"."+name, profile, 0o644); err != nil {
					b.Error(err)
				}
			}
		})
	}
	var p *project
	load1 := func(b *testing.B) *project {
		p, err := load(context.Background(), env, opts, opts.Edition)
		if err != nil {
			b.Fatal(err)
		}
		if p.failed() {
			b.Fatal(p.diags.Err())
		}
		p.pictures = media.NewCache()
		return p
	}
	stage("load", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if p != nil {
				p.close()
			}
			p = load1(b)
		}
	})
	if p == nil {
		return
	}
	defer p.close()
	var laid *layout.Document
	stage("layout", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			var err error
			if laid, err = layout.Layout(p.book, p.faces, p.layoutOptions()); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(laid.Pages)), "pages")
	})
	// Run once (-benchtime 1x), the PDF is painted as a build paints it,
	// each page's items let go once painted; a layout can then be painted
	// only once, so longer runs keep them.
	once := false
	if f := flag.Lookup("test.benchtime"); f != nil {
		once = f.Value.String() == "1x"
	}
	stage("pdf", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			// each iteration paints pictures prepared afresh, as a build does
			o := pdf.Options{Compress: true, ReleaseItems: once, MaxDecoded: p.cfg.Limits.ImageMemory, ImageDPI: float64(p.cfg.PDF.ImageDPI), Pictures: media.NewCache()}
			if _, err := pdf.Write(io.Discard, laid, pdfMeta(p.book.Meta), p.faces, o); err != nil {
				b.Fatal(err)
			}
		}
	})
	stage("epub", func(b *testing.B) {
		pm := laid.PageMap
		for i := 0; i < b.N; i++ {
			c := p.cfg.EPUB
			o := epub.Options{Fonts: p.faces, EmbedFonts: c.EmbedFonts, TocDepth: c.TOCDepth, Cover: p.cover,
				MaxImagePixels: int(c.MaxImageMegapixels * 1e6), Pictures: media.NewCache(), PageMap: &pm}
			if _, err := epub.Write(io.Discard, p.book, o); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkManyChapters checks books of 1,000 and 4,000 one-paragraph
// chapters: the time per chapter stays the same, where a lookup by
// chapter once made it grow with their number.
func BenchmarkManyChapters(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			var manifest strings.Builder
			manifest.WriteString("title: Many\nlanguage: en\nchapters:\n")
			for i := range n {
				fmt.Fprintf(&manifest, "  - file: c%d.md\n", i)
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("c%d.md", i)), fmt.Appendf(nil, "# Chapter %d\n\nText of chapter %d.\n", i, i), 0o644); err != nil {
					b.Fatal(err)
				}
			}
			if err := os.WriteFile(filepath.Join(dir, "manifest.yaml"), []byte(manifest.String()), 0o644); err != nil {
				b.Fatal(err)
			}
			env := Env{Stdout: io.Discard, Stderr: io.Discard, Environ: []string{fixedEpoch}, Dir: dir, Version: "bench"}
			for b.Loop() {
				if err := Check(context.Background(), env, Options{}, false); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/chapter")
		})
	}
}
