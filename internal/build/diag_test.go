package build

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/diag"
)

// writeFolder makes a working folder holding the given files (config/…,
// book/…).
func writeFolder(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func testEnv(dir string, stdout, stderr *bytes.Buffer) Env {
	return Env{Stdout: stdout, Stderr: stderr, Environ: []string{fixedEpoch}, Version: "test", Dir: dir,
		Now: func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }}
}

// runCheck runs `samizdat check`, as JSON when asJSON.
func runCheck(t *testing.T, dir string, opts Options, asJSON bool) *testRun {
	t.Helper()
	r := &testRun{}
	r.err = Check(context.Background(), testEnv(dir, &r.stdout, &r.stderr), opts, asJSON)
	return r
}

// problemLines are the "error: …" and "warning: …" lines of a run.
func problemLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "error: ") || strings.HasPrefix(l, "warning: ") {
			out = append(out, l)
		}
	}
	return out
}

// twoEditions is a book whose editions share every problem but one: a
// dangling link in every edition, and a link to a chapter only the
// "reader" edition leaves out.
func twoEditions(t *testing.T) string {
	return writeFolder(t, map[string]string{
		"config/samizdat.yaml":         "formats: [pdf]\n",
		"config/editions/reader.yaml":  "formats: [pdf]\nexclude: [answers]\n",
		"config/editions/teacher.yaml": "formats: [pdf]\ninclude: [answers]\n",
		"book/manifest.yaml": "title: T\nlanguage: en\nconditions: [answers]\nchapters:\n  - file: one.md\n" +
			"  - file: answers.md\n    tags: [answers]\n",
		"book/one.md":     "# One\n\nSee [nowhere](#nowhere) and [the answers](answers.md).\n",
		"book/answers.md": "# Answers\n\nYes.\n",
	})
}

// With --edition all each problem is reported once, naming the editions
// that found it only when not all did.
func TestEditionsReportEachProblemOnce(t *testing.T) {
	t.Parallel()
	dir := twoEditions(t)
	opts := outTo(filepath.Join(dir, "out"))
	opts.Edition = "all"
	r := runBuild(t, dir, opts)
	if r.err != nil {
		t.Fatalf("build failed: %v\n%s", r.err, r.stderr.String())
	}
	want := []string{
		`warning: book/one.md:3:5: link "#nowhere": no heading "nowhere" in one.md; printed as text`,
		`warning: book/one.md:3:29: link "answers.md": the edition leaves out answers.md; printed as text (reader)`,
	}
	if got := problemLines(r.stderr.String()); !slices.Equal(got, want) {
		t.Errorf("stderr:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	c := runCheck(t, dir, Options{Edition: "all"}, true)
	if c.err != nil {
		t.Fatalf("check failed: %v\n%s", c.err, c.stderr.String())
	}
	var rep CheckReport
	if err := json.Unmarshal(c.stdout.Bytes(), &rep); err != nil {
		t.Fatalf("%v\n%s", err, c.stdout.String())
	}
	if !rep.OK || len(rep.Diagnostics) != 2 || rep.Diagnostics[0].Runs != nil || !slices.Equal(rep.Diagnostics[1].Runs, []string{"reader"}) {
		t.Errorf("check --json: %+v", rep)
	}
	if want := []CheckEdition{{"reader", 0, 2}, {"teacher", 0, 1}}; !slices.Equal(rep.Editions, want) {
		t.Errorf("editions %+v, want %+v", rep.Editions, want)
	}
}

// check runs what build runs before writing: both refuse a missing cover
// and a broken font, with the same messages.
func TestCheckFindsWhatBuildFinds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		config string
		files  map[string]string
		want   []string
	}{
		{
			name:   "missing cover",
			config: "formats: [epub]\nepub:\n  cover: cover.png\n",
			want:   []string{`error: config/samizdat.yaml:3:10: epub.cover: image "cover.png": file cover.png not found`},
		},
		{
			name:   "broken font",
			config: "formats: [pdf]\nfonts:\n  serif_italic: broken.ttf\n",
			files:  map[string]string{"config/broken.ttf": "not a font"},
			want:   []string{`error: config/broken.ttf: serif-italic font (fonts.serif_italic, config/samizdat.yaml:3): `},
		},
		{
			name:   "missing font",
			config: "formats: [pdf]\nfonts:\n  mono_bold: gone.ttf\n",
			want:   []string{`error: config/samizdat.yaml:3:14: fonts.mono_bold: font file config/gone.ttf does not exist`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"config/samizdat.yaml": tt.config,
				"book/manifest.yaml":   "title: T\nlanguage: en\nchapters:\n  - file: one.md\n",
				"book/one.md":          "# One\n\nText.\n",
			}
			for k, v := range tt.files {
				files[k] = v
			}
			dir := writeFolder(t, files)
			b := runBuild(t, dir, outTo(filepath.Join(dir, "out")))
			c := runCheck(t, dir, Options{}, false)
			if b.err == nil || c.err == nil {
				t.Fatalf("build err = %v, check err = %v; want both to fail", b.err, c.err)
			}
			got, fromCheck := problemLines(b.stderr.String()), problemLines(c.stderr.String())
			if !slices.Equal(got, fromCheck) {
				t.Errorf("build and check disagree:\nbuild:\n%s\ncheck:\n%s", strings.Join(got, "\n"), strings.Join(fromCheck, "\n"))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("problem %q, want prefix %q", got[i], tt.want[i])
				}
			}
			if entries, _ := os.ReadDir(filepath.Join(dir, "out")); len(entries) > 0 {
				t.Errorf("a failed build left %v", entries)
			}
		})
	}
}

// A picture the PDF painter cannot decode is a warning found only while
// rendering; --strict makes it an error like any other, in build and check.
func TestStrictFailsOnRenderingWarnings(t *testing.T) {
	t.Parallel()
	// Noise, so that most of the file is scan data, which only a full
	// decode reads.
	noise := image.NewGray(image.Rect(0, 0, 64, 64))
	for i := range noise.Pix {
		noise.Pix[i] = byte(i * 7919 % 251)
	}
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, noise, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	dir := writeFolder(t, map[string]string{
		"config/samizdat.yaml": "formats: [pdf]\n",
		"book/manifest.yaml":   "title: T\nlanguage: en\nchapters:\n  - file: one.md\n",
		"book/one.md":          "# One\n\n![A photograph](photo.jpg)\n",
		// its scan cut short but the file ended as a whole one ends, so
		// that reading the book takes it and only decoding fails
		"book/photo.jpg": jpg.String()[:jpg.Len()*3/4] + "\xff\xd9",
	})
	out := filepath.Join(dir, "out")
	r := runBuild(t, dir, outTo(out))
	if r.err != nil {
		t.Fatalf("without --strict the build should pass: %v\n%s", r.err, r.stderr.String())
	}
	warning := `book/one.md:3:1: page 7: picture photo.jpg: cannot decode: `
	if got := problemLines(r.stderr.String()); len(got) != 1 || !strings.HasPrefix(got[0], "warning: "+warning) {
		t.Fatalf("want one warning %q, got:\n%s", warning, r.stderr.String())
	}
	os.RemoveAll(out)

	strict := outTo(out)
	strict.Flags["strict"], strict.FlagOrigins["strict"] = "true", "flag --strict"
	r = runBuild(t, dir, strict)
	if r.err == nil {
		t.Fatal("--strict passed a build with a warning")
	}
	got := problemLines(r.stderr.String())
	if len(got) != 1 || !strings.HasPrefix(got[0], "error: "+warning) || !strings.HasSuffix(got[0], diag.StrictNote) {
		t.Errorf("want the warning as an error, got:\n%s", r.stderr.String())
	}
	if entries, _ := os.ReadDir(out); len(entries) > 0 {
		t.Errorf("a failed build left %v", entries)
	}
	c := runCheck(t, dir, strict, false)
	if c.err == nil || !slices.Equal(problemLines(c.stderr.String()), got) {
		t.Errorf("check --strict: %v\n%s", c.err, c.stderr.String())
	}
}

// Problems come out sorted by file and line, the same from run to run,
// though chapters are parsed and editions built in parallel.
func TestProblemsInStableOrder(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"config/samizdat.yaml":   "formats: [pdf]\n",
		"config/editions/a.yaml": "formats: [pdf]\n",
		"config/editions/b.yaml": "formats: [pdf]\npdf:\n  font_size: 12\n",
	}
	manifest := "title: T\nlanguage: en\nchapters:\n"
	for _, name := range []string{"k", "c", "x", "a", "m", "b", "z", "d"} {
		manifest += "  - file: " + name + ".md\n"
		files["book/"+name+".md"] = "# " + name + "\n\n<script>1</script>\n\nText[^missing] and [a link](#nowhere).\n\n<iframe></iframe>\n"
	}
	files["book/manifest.yaml"] = manifest
	dir := writeFolder(t, files)
	var first []string
	for i := range 5 {
		c := runCheck(t, dir, Options{Edition: "all"}, false)
		if c.err != nil {
			t.Fatalf("check failed: %v\n%s", c.err, c.stderr.String())
		}
		got := problemLines(c.stderr.String())
		if i == 0 {
			first = got
			if len(got) != 8*4 {
				t.Fatalf("want 4 warnings per file, each once:\n%s", strings.Join(got, "\n"))
			}
			sorted := slices.IsSortedFunc(got, func(a, b string) int {
				return strings.Compare(strings.SplitN(a, ":", 3)[1], strings.SplitN(b, ":", 3)[1])
			})
			if !sorted || !strings.HasPrefix(got[0], "warning: book/a.md:3:1: ") || !strings.HasPrefix(got[len(got)-1], "warning: book/z.md:7:1: ") {
				t.Fatalf("not sorted by file and line:\n%s", strings.Join(got, "\n"))
			}
			continue
		}
		if !slices.Equal(got, first) {
			t.Fatalf("run %d differs:\n%s\nfirst:\n%s", i, strings.Join(got, "\n"), strings.Join(first, "\n"))
		}
	}
}

// A colon is allowed in a chapter's file name: it is neither a drive nor a
// URL scheme, in the manifest or in a link.
func TestColonInChapterName(t *testing.T) {
	t.Parallel()
	dir := writeFolder(t, map[string]string{
		"config/samizdat.yaml": "formats: [pdf]\n",
		"book/manifest.yaml":   "title: T\nlanguage: en\nchapters:\n  - file: one.md\n  - file: \"a:b.md\"\n",
		"book/one.md":          "# One\n\nSee [the other](a:b.md#other).\n",
		"book/a:b.md":          "# Other {#other}\n\nText.\n",
	})
	c := runCheck(t, dir, Options{}, false)
	if c.err != nil || len(problemLines(c.stderr.String())) > 0 {
		t.Errorf("check: %v\n%s", c.err, c.stderr.String())
	}
}

// Control characters in the manifest's metadata are dropped with a
// warning, so none reaches the PDF's document information.
func TestControlCharactersInMetadata(t *testing.T) {
	t.Parallel()
	dir := writeFolder(t, map[string]string{
		"config/samizdat.yaml": "formats: [pdf]\nname: out\n",
		"book/manifest.yaml": "title: \"Bell\\athe title\"\nlanguage: en\ncreators:\n  - name: \"Line\\nbreak\"\n" +
			"chapters:\n  - file: one.md\n",
		"book/one.md": "# One\n\nText.\n",
	})
	out := filepath.Join(dir, "out")
	r := runBuild(t, dir, outTo(out))
	if r.err != nil {
		t.Fatalf("build failed: %v\n%s", r.err, r.stderr.String())
	}
	want := []string{
		"warning: book/manifest.yaml: creators: control character U+000A removed",
		"warning: book/manifest.yaml: title: control character U+0007 removed",
	}
	if got := problemLines(r.stderr.String()); !slices.Equal(got, want) {
		t.Errorf("stderr:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	pdf, err := os.ReadFile(filepath.Join(out, "out.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"/Title (Bellthe title)", "/Author (Line break)"} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("PDF lacks %s", want)
		}
	}
}

func TestMissingBookFolder(t *testing.T) {
	t.Parallel()
	dir := writeFolder(t, map[string]string{"config/samizdat.yaml": "formats: [pdf]\n"})
	c := runCheck(t, dir, Options{Flags: map[string]string{"book": "nothere"}, FlagOrigins: map[string]string{"book": "flag --book"}}, true)
	var rep CheckReport
	if err := json.Unmarshal(c.stdout.Bytes(), &rep); err != nil || c.err == nil {
		t.Fatalf("err = %v, %v\n%s", c.err, err, c.stdout.String())
	}
	want := diag.Errorf("nothere", 0, "book.unreadable", "cannot open the book folder: no such file or directory")
	if rep.OK || len(rep.Diagnostics) != 1 || rep.Diagnostics[0].Diagnostic != want {
		t.Errorf("diagnostics %+v, want %+v", rep.Diagnostics, want)
	}
}
