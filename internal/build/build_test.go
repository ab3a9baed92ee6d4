package build

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/filetest"
	"github.com/samizdat-press/samizdat/internal/validate"
)

// repoRoot is the folder holding config/ and book/, seen from this package.
const repoRoot = "../.."

// fixedEpoch makes builds reproducible: SOURCE_DATE_EPOCH for 2026-01-15.
const fixedEpoch = "SOURCE_DATE_EPOCH=1768435200"

type testRun struct {
	stdout, stderr bytes.Buffer
	err            error
}

// runBuild builds in dir (the working folder) with the given command-line
// settings, as `samizdat build` would.
func runBuild(t testing.TB, dir string, opts Options, environ ...string) *testRun {
	t.Helper()
	return runBuildEnv(t, dir, opts, nil, environ...)
}

// runBuildEnv is runBuild with the environment changed by setEnv first
// (nil: left as it is).
func runBuildEnv(t testing.TB, dir string, opts Options, setEnv func(*Env), environ ...string) *testRun {
	t.Helper()
	r := &testRun{}
	env := Env{
		Stdout:  &r.stdout,
		Stderr:  &r.stderr,
		Environ: append([]string{fixedEpoch}, environ...),
		Now:     func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) },
		Version: "test",
		Dir:     dir,
	}
	if setEnv != nil {
		setEnv(&env)
	}
	r.err = Run(context.Background(), env, opts)
	return r
}

func outTo(dir string) Options {
	return Options{Flags: map[string]string{"out": dir}, FlagOrigins: map[string]string{"out": "flag --out"}}
}

// sharedRoot holds the books the tests share (see sharedBook).
var sharedRoot string

// epubBatch is the EPUBCheck run TestEPUBCheck reads: each shared book
// it lists is added as soon as it is built, so Java starts and checks
// while the other tests run. Nil when TestEPUBCheck does not run or
// EPUBCheck cannot run as one batch.
var epubBatch *validate.EPUBBatch

func TestMain(m *testing.M) {
	var err error
	if sharedRoot, err = os.MkdirTemp("", "samizdat-build-test-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	flag.Parse()
	if runs("TestEPUBCheck") {
		if epubBatch, err = validate.StartEPUBBatch(sharedRoot); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	code := m.Run()
	if epubBatch != nil {
		epubBatch.Close()
	}
	os.RemoveAll(sharedRoot)
	os.Exit(code)
}

// runs reports whether -test.run and -test.skip leave the top-level test
// name to run, judging by their patterns' first parts (a wrong guess
// costs only time).
func runs(name string) bool {
	matches := func(flagName string) (pattern string, match bool) {
		if f := flag.Lookup(flagName); f != nil {
			pattern = f.Value.String()
		}
		first, _, _ := strings.Cut(pattern, "/")
		match, err := regexp.MatchString(first, name)
		return pattern, match || err != nil
	}
	if run, match := matches("test.run"); run != "" && !match {
		return false
	}
	// A skip pattern with a second part skips subtests only.
	skip, match := matches("test.skip")
	return skip == "" || !match || strings.Contains(skip, "/")
}

// sharedBook is a book built once for every test that reads it: building
// the sample takes a second, validating its outputs several.
type sharedBook struct {
	once   sync.Once
	dir    string // the working folder
	out    string // where the outputs are
	stdout string
	stderr string
	err    error
}

// get builds the book on first use with write, which writes the book into
// dir and returns the folder the outputs go to and the build's options.
func (b *sharedBook) get(t *testing.T, write func(dir string) (workDir string, opts Options, err error)) *sharedBook {
	t.Helper()
	return b.getEnv(t, nil, write)
}

// getEnv is get with the build's environment changed by setEnv.
func (b *sharedBook) getEnv(t *testing.T, setEnv func(*Env), write func(dir string) (workDir string, opts Options, err error)) *sharedBook {
	t.Helper()
	b.once.Do(func() {
		dir, err := os.MkdirTemp(sharedRoot, "")
		if err != nil {
			b.err = err
			return
		}
		workDir, opts, err := write(dir)
		if err != nil {
			b.err = err
			return
		}
		b.dir = workDir
		b.out = filepath.Join(workDir, "dist")
		if out, ok := opts.Flags["out"]; ok {
			b.out = out
		}
		r := runBuildEnv(t, workDir, opts, setEnv)
		b.stdout, b.stderr, b.err = r.stdout.String(), r.stderr.String(), r.err
		if b.err == nil && epubBatch != nil {
			for _, c := range epubChecks() {
				if c.book == b {
					epubBatch.Add(b.path(c.file))
				}
			}
		}
	})
	if b.err != nil {
		t.Fatalf("build failed: %v\n%s", b.err, b.stderr)
	}
	return b
}

func (b *sharedBook) path(name string) string { return filepath.Join(b.out, name) }

var sampleDefault, sampleAll, minimal, pictures sharedBook

// hostilePictures is a book of the SVG pictures the cleaner's tests use
// (remote references, unknown elements, links, every element and attribute
// it keeps), the exports of Graphviz, Inkscape, matplotlib, draw.io and
// Mermaid, and SVG written in the Markdown with Markdown-like labels.
func hostilePictures(t *testing.T) *sharedBook {
	return pictures.get(t, func(dir string) (string, Options, error) {
		svgs, err := filepath.Glob(filepath.Join("..", "media", "testdata", "svg", "*.svg"))
		if err != nil {
			return "", Options{}, err
		}
		svgs = append(svgs, filepath.Join("..", "media", "testdata", "allowed.svg"))
		// and the exports of the tools diagrams come from
		exports, err := filepath.Glob(filepath.Join("..", "svg", "testdata", "*.svg"))
		if err != nil {
			return "", Options{}, err
		}
		svgs = append(svgs, exports...)
		files := map[string]string{
			"manifest.yaml": "title: Hostile Pictures\nlanguage: en\nchapters:\n  - file: a.md\n",
		}
		md := "# Pictures\n\nInline <svg width=\"40\" height=\"10\"><text x=\"0\" y=\"9\">*not* [Markdown](x) `here`</text></svg> in text.\n\n" +
			"<svg width=\"40\" height=\"10\">\n\n<text x=\"0\" y=\"9\">a *b*</text>\n\n</svg>\n\n"
		for _, path := range svgs {
			data, err := os.ReadFile(path)
			if err != nil {
				return "", Options{}, err
			}
			name := filepath.Base(path)
			files[name] = string(data)
			md += "![" + name + "](" + name + ")\n\n"
		}
		files["a.md"] = md
		return dir, Options{Flags: map[string]string{"formats": "epub"}, FlagOrigins: map[string]string{"formats": "flag --set formats"}}, writeFiles(dir, files)
	})
}

// sample is the sample book in its default edition.
func sample(t *testing.T) *sharedBook {
	return sampleDefault.get(t, func(dir string) (string, Options, error) {
		return repoRoot, outTo(dir), nil
	})
}

// sampleEditions is the sample book in every edition (--edition all).
func sampleEditions(t *testing.T) *sharedBook {
	return sampleAll.get(t, func(dir string) (string, Options, error) {
		opts := outTo(dir)
		opts.Edition = "all"
		return repoRoot, opts, nil
	})
}

// minimalBook has a manifest with nothing but a title, a language and
// chapters, one of them in a subfolder.
func minimalBook(t *testing.T) *sharedBook {
	return minimal.get(t, func(dir string) (string, Options, error) {
		return dir, Options{}, writeFiles(dir, map[string]string{
			"manifest.yaml":      "title: The Rust Programming Language\nlanguage: en\nchapters:\n  - file: ch01.md\n  - file: examples/ex0002.md\n    title: Example 2\n",
			"ch01.md":            "# Getting Started\n\nLet’s start your Rust journey![^1]\n\n[^1]: There is a lot to learn.\n",
			"examples/ex0002.md": "```rust\nfn main() { println!(\"Hello, world!\"); }\n```\n",
		})
	})
}

// epubCheck is an EPUB of a shared book that TestEPUBCheck checks.
type epubCheck struct {
	name  string
	book  *sharedBook                  // added to epubBatch once built
	build func(*testing.T) *sharedBook // builds book
	file  string
}

func epubChecks() []epubCheck {
	checks := []epubCheck{
		{"sample", &sampleDefault, sample, "workers-opposition.epub"},
		{"minimal manifest", &minimal, minimalBook, "the-rust-programming-language.epub"},
		{"hostile pictures", &pictures, hostilePictures, "hostile-pictures.epub"},
		{"raw HTML", &rawHTML, rawHTMLBook, "raw-html-and-its-meaning.epub"},
		{"multilingual", &multilingualShared, multilingual, "many-languages.epub"},
		{"joined letters", &joinedShared, joinedBook, "joined-letters.epub"},
		{"picture links", &pictureLinks, pictureLinksBook, "picture-links.epub"},
		{"archival scans", &scans, scansBook, "archival-scans.epub"},
		{"Quarto book", &quarto, quartoBook, "a-quarto-book.epub"},
		{"Quarto chunks", &quartoChunks, quartoChunkBook, "chunks.epub"},
		{"wikilinks", &wikilinks, wikilinkVault, "a-vault.epub"},
		{"formulas", &mathShared, mathBook, "formulas.epub"},
		{"Jupyter Book", &jupyterShared, jupyterBook, "a-jupyter-book.epub"},
		{"notebooks", &notebookShared, notebookBook, "notebooks.epub"},
	}
	for _, ed := range []string{"reader", "course-packet", "teacher"} {
		checks = append(checks, epubCheck{ed + " edition", &sampleAll, sampleEditions, "workers-opposition-" + ed + ".epub"})
	}
	for _, style := range []string{"chicago", "apa"} {
		checks = append(checks, epubCheck{"scholar book, " + style, scholarBuilds[style],
			func(t *testing.T) *sharedBook { return scholar(t, style) }, scholarName + ".epub"})
	}
	return checks
}

// TestEPUBCheck passes every EPUB the shared books hold through EPUBCheck,
// in one run (each run costs seconds to start), begun before the tests
// (see epubBatch): no fatal, error or warning allowed.
func TestEPUBCheck(t *testing.T) {
	validate.Tool(t, "epubcheck") // skip early, before building the books
	t.Parallel()                  // Java runs while the PDF checks do
	checks := epubChecks()
	var paths []string
	for _, c := range checks {
		b := c.build(t)
		if b != c.book {
			t.Fatalf("%s: epubChecks names another book than the one built", c.name)
		}
		paths = append(paths, b.path(c.file))
	}
	var results []validate.EPUBCheckResult
	if epubBatch != nil {
		results, _ = epubBatch.Results(t, paths...)
	}
	if results == nil {
		results = validate.EPUBCheckAll(t, paths...)
	}
	for i, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if res := results[i]; !res.Clean() {
				t.Errorf("%s\n%s", res.Summary(), strings.Join(res.Messages, "\n"))
			}
		})
	}
}

// The sample builds without a warning, and its PDF passes the print checks
// and holds what the book is about (its EPUB is in TestEPUBCheck).
func TestSampleBuildPassesValidators(t *testing.T) {
	t.Parallel()
	b := sample(t)
	if b.stderr != "" {
		t.Errorf("the sample book should build without warnings, got:\n%s", b.stderr)
	}
	epubPath := b.path("workers-opposition.epub")
	pdfPath := b.path("workers-opposition.pdf")
	for _, p := range []string{epubPath, pdfPath} {
		if !strings.Contains(b.stdout, "wrote "+p) {
			t.Errorf("summary does not mention %s:\n%s", p, b.stdout)
		}
	}
	for _, p := range validate.CheckPDF(t, pdfPath, 18) {
		t.Error(p)
	}
	text := strings.Join(strings.Fields(validate.PDFText(t, pdfPath)), " ")
	for _, want := range []string{
		"The Workers’ Opposition, 1921", // title, typographic apostrophe
		"Contents",
		"Alexandra Kollantai",          // the sources' spelling, kept
		"Kollontai",                    // and the usual one, in the note
		"met in March 1921, not",       // the editorial correction
		"Sources and permissions",      // back matter
		"Peter Sedgwick",               // provenance of Serge's text
		"that multitude of scavengers", // verbatim source text
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	// The default edition leaves out conditional content: answers and
	// teachers' notes appear only in the editions that include them.
	for _, unwanted := range []string{"Suggested answer", "For the teacher"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("default edition should not contain %q", unwanted)
		}
	}
}

// The first page of each source must carry the footnote saying where the
// text comes from.
func TestSampleSourcesCarryProvenanceOnFirstPage(t *testing.T) {
	t.Parallel()
	pages := validate.PDFWords(t, sample(t).path("workers-opposition.pdf"))
	for _, src := range []struct{ heading, provenance string }{
		{"Revolutionary", "Sedgwick"},
		{"Kollantai,", "unattributed"},
	} {
		found := false
		for _, p := range pages {
			var words []string
			for _, w := range p.Words {
				words = append(words, w.Text)
			}
			joined := strings.Join(words, " ")
			if strings.Contains(joined, src.heading) && strings.Contains(joined, "(19") && strings.Contains(joined, src.provenance) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no page holds both the source heading %q and its provenance %q", src.heading, src.provenance)
		}
	}
}

// A second build of the same inputs, into another folder and on one core
// where the first had them all (chapters, pictures, formats and page
// streams are each done in parallel), is byte-identical to the shared one.
func TestBuildsAreReproducible(t *testing.T) {
	first := sample(t)
	dir := t.TempDir()
	// No parallel test runs beside this one, which is not parallel.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	if r := runBuild(t, repoRoot, outTo(dir)); r.err != nil {
		t.Fatalf("build failed: %v\n%s", r.err, r.stderr.String())
	}
	for _, name := range []string{"workers-opposition.epub", "workers-opposition.pdf"} {
		x, err := os.ReadFile(first.path(name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds of the same inputs", name)
		}
	}
}

// Every edition is written, with its own content, and every PDF passes the
// print checks (the EPUBs are in TestEPUBCheck).
func TestEveryEditionBuilds(t *testing.T) {
	t.Parallel()
	b := sampleEditions(t)
	entries, err := os.ReadDir(b.out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	// Print-only editions (paperback, large print) need no EPUB.
	want := []string{"reader.epub", "reader.pdf", "course-packet.epub", "course-packet.pdf",
		"teacher.epub", "teacher.pdf", "paperback.pdf", "large-print.pdf", "press.pdf"}
	for _, w := range want {
		if !slices.Contains(names, "workers-opposition-"+w) {
			t.Errorf("--edition all did not write workers-opposition-%s (wrote %v)", w, names)
		}
	}
	teacher := validate.PDFText(t, b.path("workers-opposition-teacher.pdf"))
	if !strings.Contains(teacher, "Suggested answer") || !strings.Contains(teacher, "For the teacher") {
		t.Error("the teacher's edition should include answers and teachers' notes")
	}
	packet := validate.PDFText(t, b.path("workers-opposition-course-packet.pdf"))
	if strings.Contains(packet, "Suggested answer") {
		t.Error("the students' course packet must not include the answers")
	}
	for _, ed := range []string{"reader", "course-packet", "teacher", "paperback", "large-print", "press"} {
		for _, p := range validate.CheckPDF(t, b.path("workers-opposition-"+ed+".pdf"), 18) {
			t.Errorf("%s: %s", ed, p)
		}
	}
}

// writeBook makes a working folder holding book/ with the given files.
func writeBook(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := writeFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	return dir
}

// writeFiles writes the given files into dir/book.
func writeFiles(dir string, files map[string]string) error {
	for name, content := range files {
		path := filepath.Join(dir, "book", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func TestMinimalManifestBuilds(t *testing.T) {
	t.Parallel()
	b := minimalBook(t)
	slug := "the-rust-programming-language"
	for _, ext := range []string{".epub", ".pdf"} {
		if _, err := os.Stat(b.path(slug + ext)); err != nil {
			t.Errorf("expected dist/%s%s: %v", slug, ext, err)
		}
	}
	text := validate.PDFText(t, b.path(slug+".pdf"))
	if !strings.Contains(text, "Example 2") || !strings.Contains(text, "Getting Started") {
		t.Errorf("titles missing from the PDF:\n%s", text)
	}
}

// A failed build prints one line per problem naming the file, and leaves no
// output behind, not even a temporary file.
func TestFailedBuildsReportAndLeaveNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "no manifest",
			files: map[string]string{"ch01.md": "# One\n"},
			want:  []string{"book/manifest.yaml"},
		},
		{
			name: "missing chapter and escaping path, reported together",
			files: map[string]string{
				"manifest.yaml": "title: T\nlanguage: en\nchapters:\n  - file: ch01.md\n  - file: ../outside.md\n",
			},
			want: []string{"book/manifest.yaml:4:", "ch01.md", "book/manifest.yaml:5:", "outside the book folder"},
		},
		{
			name: "the page list follows an edition there is not",
			files: map[string]string{
				"manifest.yaml":           "title: T\nlanguage: en\nchapters:\n  - file: ch01.md\n",
				"ch01.md":                 "# One\n\nSome text.\n",
				"../config/samizdat.yaml": "epub:\n  print_source: nope\n",
			},
			want: []string{"config/samizdat.yaml:2:", "epub.print_source", `unknown edition "nope"`},
		},
		{
			name: "annotation quote not found",
			files: map[string]string{
				"manifest.yaml": "title: T\nlanguage: en\nnotes: [notes.yaml]\nchapters:\n  - file: ch01.md\n",
				"ch01.md":       "# One\n\nSome text.\n",
				"notes.yaml":    "- quote: \"no such words\"\n  note: A note.\n",
			},
			want: []string{"notes.yaml:1:", "no such words", "not found"},
		},
		{
			name: "picture that is a folder",
			files: map[string]string{
				"manifest.yaml":    "title: T\nlanguage: en\nchapters:\n  - file: ch01.md\n",
				"ch01.md":          "# One\n\n![A chart](chart.png)\n",
				"chart.png/readme": "not a picture",
			},
			want: []string{"ch01.md", "chart.png"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeBook(t, tt.files)
			r := runBuild(t, dir, Options{})
			if r.err == nil {
				t.Fatalf("build succeeded, want failure")
			}
			stderr := r.stderr.String()
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
				t.Errorf("stderr shows a panic:\n%s", stderr)
			}
			for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
				if !strings.HasPrefix(line, "error: ") && !strings.HasPrefix(line, "warning: ") {
					t.Errorf("stray output line %q", line)
				}
			}
			if entries, err := os.ReadDir(filepath.Join(dir, "dist")); err == nil && len(entries) > 0 {
				t.Errorf("a failed build left files in dist: %v", entries)
			}
		})
	}
}

// TestMissingPictures: a book whose pictures are not there is built, each
// reported where it is written and shown by a placeholder with its
// description in both formats; --strict makes them errors.
func TestMissingPictures(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"manifest.yaml": "title: T\nlanguage: en\nchapters:\n  - file: ch01.md\n",
		"ch01.md":       "# One\n\nSome text.\n\n![A chart of the strikes](../elsewhere/chart.png)\n\n![](img/gone.png)\n",
	}
	dir := writeBook(t, files)
	r := runBuild(t, dir, Options{})
	if r.err != nil {
		t.Fatalf("build failed: %v\n%s", r.err, r.stderr.String())
	}
	want := []string{
		`warning: book/ch01.md:5:1: image "../elsewhere/chart.png": path leaves the book folder; a placeholder stands in`,
		`warning: book/ch01.md:7:1: picture "img/gone.png" has no description (alt text) for readers who cannot see it; write one, or give one under alt_text: in the manifest ("" if it only decorates)`,
		`warning: book/ch01.md:7:1: image "img/gone.png": file img/gone.png not found; a placeholder stands in`,
	}
	if got := strings.TrimSpace(r.stderr.String()); got != strings.Join(want, "\n") {
		t.Errorf("stderr:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if text := validate.PDFText(t, filepath.Join(dir, "dist", "t.pdf")); !strings.Contains(text, "A chart of the strikes") || !strings.Contains(text, "img/gone.png") {
		t.Errorf("the PDF's placeholders lack the pictures' descriptions:\n%s", text)
	}
	epub := filetest.ReadZip(t, filepath.Join(dir, "dist", "t.epub"))
	if ch := epub["EPUB/xhtml/ch01.xhtml"]; !strings.Contains(ch, `<span class="image-missing">A chart of the strikes</span>`) || !strings.Contains(ch, `<span class="image-missing">gone.png</span>`) {
		t.Errorf("the EPUB's placeholders lack the pictures' descriptions:\n%s", ch)
	}
	strict := runBuild(t, dir, Options{Flags: map[string]string{"strict": "true"}, FlagOrigins: map[string]string{"strict": "flag --strict"}})
	if strict.err == nil || !strings.Contains(strict.stderr.String(), `error: book/ch01.md:7:1: image "img/gone.png": file img/gone.png not found`) {
		t.Errorf("--strict: err %v, stderr:\n%s", strict.err, strict.stderr.String())
	}
}

func TestCheckReportsJSON(t *testing.T) {
	t.Parallel()
	dir := writeBook(t, map[string]string{
		"manifest.yaml": "title: T\nlanguage: en\nnotes: [notes.yaml]\nchapters:\n  - file: ch01.md\n",
		"ch01.md":       "# One\n\nSome text, and some more text.\n",
		"notes.yaml":    "- quote: \"text\"\n  note: Twice.\n- quote: \"absent\"\n  note: Nowhere.\n",
	})
	var stdout, stderr bytes.Buffer
	env := Env{Stdout: &stdout, Stderr: &stderr, Environ: []string{fixedEpoch}, Version: "test", Dir: dir}
	err := Check(context.Background(), env, Options{}, true)
	if err == nil {
		t.Fatal("check passed a book with broken annotations")
	}
	var rep CheckReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("check --json printed invalid JSON: %v\n%s", err, stdout.String())
	}
	if rep.OK || len(rep.Editions) != 1 || rep.Editions[0].Errors != 2 {
		t.Fatalf("want one edition with two errors, got %+v", rep)
	}
	var got []string
	for _, d := range rep.Diagnostics {
		got = append(got, d.Severity.String()+" "+d.Code+" "+d.Location())
	}
	want := []string{"error annotation.quote-ambiguous book/notes.yaml:1", "error annotation.quote-missing book/notes.yaml:3"}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n got %q\nwant %q\n%s", got, want, stdout.String())
	}
	for _, key := range []string{`"severity"`, `"file"`, `"line"`, `"column"`, `"code"`, `"message"`} {
		if !strings.Contains(stdout.String(), key) {
			t.Errorf("the report lacks %s:\n%s", key, stdout.String())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "dist")); !os.IsNotExist(err) {
		t.Error("check must not write outputs")
	}
	stdout.Reset()
	if err := Check(context.Background(), Env{Stdout: &stdout, Stderr: &stderr, Environ: []string{fixedEpoch}, Dir: repoRoot}, Options{Edition: "all"}, false); err != nil {
		t.Errorf("the sample book should check clean in every edition: %v\n%s", err, stderr.String())
	}
}

func TestConfigExplainsOrigins(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	env := Env{Stdout: &stdout, Stderr: &stderr, Environ: []string{"SAMIZDAT_PDF_FONT_SIZE=12"}, Dir: repoRoot}
	opts := Options{Edition: "paperback", Flags: map[string]string{"pdf.bleed": "0.125in"}, FlagOrigins: map[string]string{"pdf.bleed": "flag --set pdf.bleed"}}
	if err := Explain(env, opts); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	got := stdout.String()
	for _, want := range []string{"config/editions/paperback.yaml", "env SAMIZDAT_PDF_FONT_SIZE", "flag --set pdf.bleed", "config/samizdat.yaml:"} {
		if !strings.Contains(got, want) {
			t.Errorf("config output lacks %q:\n%s", want, got)
		}
	}
}

// TestSlowSharedEditionsMatchAlone: what editions built together share
// (the fonts, the pictures, a cover drawn once for editions whose covers
// are alike) gives the bytes each edition gives built alone.
func TestSlowSharedEditionsMatchAlone(t *testing.T) {
	validate.Slow(t)
	together := sampleEditions(t)
	for _, edition := range []string{"reader", "teacher", "press"} {
		dir := t.TempDir()
		opts := outTo(dir)
		opts.Edition = edition
		if r := runBuild(t, repoRoot, opts); r.err != nil {
			t.Fatalf("--edition %s failed: %v\n%s", edition, r.err, r.stderr.String())
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) == 0 {
			t.Fatalf("--edition %s wrote nothing", edition)
		}
		for _, e := range entries {
			alone, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			shared, err := os.ReadFile(together.path(e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(alone, shared) {
				t.Errorf("%s built alone differs from the one --edition all wrote", e.Name())
			}
		}
	}
}
