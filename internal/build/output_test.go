package build

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// outFiles lists the names in an output folder.
func outFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func readOut(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// oneChapter is a working folder with a minimal book whose outputs are
// named out.pdf and out.epub.
func oneChapter(t *testing.T, extra map[string]string) string {
	files := map[string]string{
		"config/samizdat.yaml": "formats: [pdf, epub]\nname: out\n",
		"book/manifest.yaml":   "title: T\nlanguage: en\nchapters:\n  - file: a.md\n",
		"book/a.md":            "# A\n\nText.\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	return writeFolder(t, files)
}

// A commit that fails half way puts back the outputs it had replaced and
// leaves no temporary file.
func TestCommitRollsBack(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	first, second := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.epub")
	if err := os.WriteFile(first, []byte("old a"), 0o644); err != nil {
		t.Fatal(err)
	}
	set := &outputSet{}
	for _, final := range []string{first, second} {
		w, _, err := set.create(final, false)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "new")
		w.Close()
	}
	// Something takes the second output's place after the build checked it.
	if err := os.Mkdir(second, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := set.commit(); err == nil || !strings.Contains(err.Error(), "b.epub") {
		t.Fatalf("commit: %v, want an error naming b.epub", err)
	}
	if got := readOut(t, first); got != "old a" {
		t.Errorf("a.pdf holds %q after the failed commit, want the old %q", got, "old a")
	}
	if got := outFiles(t, dir); !slices.Equal(got, []string{"a.pdf", "b.epub"}) {
		t.Errorf("folder holds %v", got)
	}
	// A commit that succeeds replaces the old file and keeps nothing else.
	set = &outputSet{}
	w, _, _ := set.create(first, false)
	io.WriteString(w, "newer")
	w.Close()
	if err := set.commit(); err != nil {
		t.Fatal(err)
	}
	if got := readOut(t, first); got != "newer" {
		t.Errorf("a.pdf holds %q", got)
	}
	if got := outFiles(t, dir); !slices.Equal(got, []string{"a.pdf", "b.epub"}) {
		t.Errorf("folder holds %v", got)
	}
}

// A folder in an output's place, and two editions writing to one file,
// are found before anything is built, by build and check alike; earlier
// outputs stay as they were.
func TestOutputsCheckedBeforeBuilding(t *testing.T) {
	t.Parallel()
	t.Run("folder in the way", func(t *testing.T) {
		dir := oneChapter(t, map[string]string{"out/out.pdf": "old pdf", "out/out.epub/x": "a file in a folder"})
		r := runBuild(t, dir, outTo(filepath.Join(dir, "out")))
		want := []string{"error: output out/out.epub cannot be written: it is a folder"}
		if got := problemLines(r.stderr.String()); r.err == nil || !slices.Equal(got, want) {
			t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if got := readOut(t, filepath.Join(dir, "out/out.pdf")); got != "old pdf" {
			t.Errorf("out.pdf replaced by a failed build: %.20q", got)
		}
		if got := outFiles(t, filepath.Join(dir, "out")); !slices.Equal(got, []string{"out.epub", "out.pdf"}) {
			t.Errorf("out holds %v", got)
		}
		c := runCheck(t, dir, outTo(filepath.Join(dir, "out")), false)
		if got := problemLines(c.stderr.String()); c.err == nil || !slices.Equal(got, want) {
			t.Errorf("check:\n%s", strings.Join(got, "\n"))
		}
	})
	t.Run("two editions, one name", func(t *testing.T) {
		dir := oneChapter(t, map[string]string{
			"config/editions/b-c.yaml":   "name: x\n",
			"config/editions/c.yaml":     "name: x-b\n",
			"config/editions/Large.yaml": "name: y\nformats: [pdf]\n",
			"config/editions/large.yaml": "name: y\nformats: [pdf]\n",
			"config/editions/own.yaml":   "name: own\n",
		})
		opts := outTo(filepath.Join(dir, "out"))
		opts.Edition = "all"
		r := runBuild(t, dir, opts)
		want := []string{
			"error: output out/x-b-c.epub would be written by the editions b-c, c; give each its own name (the setting name) (b-c, c)",
			"error: output out/x-b-c.pdf would be written by the editions b-c, c; give each its own name (the setting name) (b-c, c)",
			"error: outputs out/y-Large.pdf and out/y-large.pdf, whose names differ only in case, would be written by the editions Large, large; give each its own name (the setting name) (Large, large)",
		}
		if got := problemLines(r.stderr.String()); r.err == nil || !slices.Equal(got, want) {
			t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if entries := outFiles(t, filepath.Join(dir, "out")); len(entries) > 0 {
			t.Errorf("a build stopped by a collision wrote %v", entries)
		}
	})
}

// blocking is a format that writes a little, says so, and then neither
// finishes nor heeds its context: a renderer deep in a long book.
type blocking struct {
	started chan struct{}
	release chan struct{}
}

func (blocking) Name() string      { return "pdf" }
func (blocking) Extension() string { return ".pdf" }
func (blocking) Prepare(*Edition)  {}
func (f blocking) Render(_ context.Context, _ *Edition, w Output) (Rendered, error) {
	io.WriteString(w, "%PDF-half")
	close(f.started)
	<-f.release
	return Rendered{}, nil
}

// An interrupted build removes its temporary files at once, without
// waiting for the renderers, and leaves earlier outputs as they were.
func TestInterruptLeavesNothing(t *testing.T) {
	t.Parallel()
	dir := oneChapter(t, map[string]string{"config/samizdat.yaml": "formats: [pdf]\nname: out\n", "out/out.pdf": "old pdf"})
	f := blocking{started: make(chan struct{}), release: make(chan struct{})}
	defer close(f.release)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan *testRun, 1)
	go func() {
		r := &testRun{}
		env := testEnv(dir, &r.stdout, &r.stderr)
		opts := outTo(filepath.Join(dir, "out"))
		opts.formats = []Format{f}
		r.err = Run(ctx, env, opts)
		done <- r
	}()
	select {
	case <-f.started:
	case <-time.After(time.Minute):
		t.Fatal("the renderer never started")
	}
	if names := outFiles(t, filepath.Join(dir, "out")); len(names) != 2 {
		t.Fatalf("while writing, out holds %v; want the old output and a temporary file", names)
	}
	cancel()
	var r *testRun
	select {
	case r = <-done:
	case <-time.After(time.Minute):
		t.Fatal("Run did not return after the interruption")
	}
	if r.err == nil || !strings.Contains(r.stderr.String(), "build interrupted") {
		t.Errorf("err %v, stderr %q", r.err, r.stderr.String())
	}
	if names := outFiles(t, filepath.Join(dir, "out")); !slices.Equal(names, []string{"out.pdf"}) {
		t.Errorf("after the interruption out holds %v", names)
	}
	if got := readOut(t, filepath.Join(dir, "out/out.pdf")); got != "old pdf" {
		t.Errorf("out.pdf holds %.20q", got)
	}
}

// What a killed build left in the output folder is cleaned by the next:
// its temporary files removed, an old output it had set aside put back
// where the new one never arrived.
func TestLeftoversOfAKilledBuild(t *testing.T) {
	t.Parallel()
	dir := oneChapter(t, map[string]string{
		"out/.out.pdf.samizdat-tmp-123":  "half a pdf",
		"out/.out.epub.samizdat-tmp-456": "half an epub",
		"out/.notes.txt.samizdat-old-7":  "set aside",
		"out/.hidden":                    "someone else's",
	})
	r := runBuild(t, dir, outTo(filepath.Join(dir, "out")))
	if r.err != nil {
		t.Fatalf("%v\n%s", r.err, r.stderr.String())
	}
	if got, want := outFiles(t, filepath.Join(dir, "out")), []string{".hidden", "notes.txt", "out.epub", "out.pdf"}; !slices.Equal(got, want) {
		t.Errorf("out holds %v, want %v", got, want)
	}
	if pdf := readOut(t, filepath.Join(dir, "out/out.pdf")); !strings.HasPrefix(pdf, "%PDF-") {
		t.Errorf("out.pdf is not the new PDF")
	}
}

// A folder output (the web site) is committed and rolled back whole, like
// a file, and a killed build's temporary folders are removed.
func TestFolderOutputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	site, pdf := filepath.Join(dir, "book"), filepath.Join(dir, "book.pdf")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(site, "index.html"), []byte("old site"), 0o644)
	set := &outputSet{}
	w, _, err := set.create(site, true)
	if err != nil {
		t.Fatal(err)
	}
	w.File("index.html", []byte("new site"))
	w.Close()
	if _, _, err := set.create(pdf, false); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(pdf, 0o755) // in the PDF's way: the commit fails
	if err := set.commit(); err == nil {
		t.Fatal("commit passed with a folder in the PDF's place")
	}
	if got := readOut(t, filepath.Join(site, "index.html")); got != "old site" {
		t.Errorf("the site holds %q after the failed commit", got)
	}
	if got := outFiles(t, dir); !slices.Equal(got, []string{"book", "book.pdf"}) {
		t.Errorf("folder holds %v", got)
	}
	os.MkdirAll(filepath.Join(dir, ".book"+tmpMark+"9", "x"), 0o755)
	if err := removeLeftovers(dir, 0); err != nil {
		t.Fatal(err)
	}
	if got := outFiles(t, dir); !slices.Equal(got, []string{"book", "book.pdf"}) {
		t.Errorf("after cleaning, folder holds %v", got)
	}
}

// No temporary folder is made outside the output folder: a build succeeds
// with no usable temporary folder at all.
func TestNoTemporaryFolder(t *testing.T) {
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	dir := oneChapter(t, nil)
	r := runBuild(t, dir, outTo(filepath.Join(dir, "out")))
	if r.err != nil || r.stderr.Len() > 0 {
		t.Fatalf("%v\n%s", r.err, r.stderr.String())
	}
	if got := outFiles(t, filepath.Join(dir, "out")); !slices.Equal(got, []string{"out.epub", "out.pdf"}) {
		t.Errorf("out holds %v", got)
	}
}

// The summary line says what each output holds, in words a reader expects.
func TestOutputDescribed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		out  output
		want string
	}{
		{output{Pages: 1, Bytes: 35 << 10, Took: 670 * time.Millisecond}, "1 page, 35 KB in 0.67s"},
		{output{Pages: 24, Bytes: 91 << 10, Took: 440 * time.Millisecond}, "24 pages, 91 KB in 0.44s"},
		{output{Bytes: 64 << 10, Took: 590 * time.Millisecond}, "64 KB in 0.59s"},
	} {
		if got := tc.out.describe(); got != tc.want {
			t.Errorf("describe() = %q, want %q", got, tc.want)
		}
	}
}
