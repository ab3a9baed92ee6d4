package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/build"
)

// runCLI runs the command line in dir and returns its exit status and output.
func runCLI(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := build.Env{
		Stdout:  &stdout,
		Stderr:  &stderr,
		Environ: []string{"SOURCE_DATE_EPOCH=1768435200"},
		Now:     func() time.Time { return time.Unix(1768435200, 0) },
		Version: "v0.0.0-test",
		Dir:     dir,
	}
	code := run(context.Background(), env, args)
	return code, stdout.String(), stderr.String()
}

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"build", "--help"}, {"check", "--help"}, {"config", "--help"}} {
		code, out, _ := runCLI(t, ".", args...)
		if code != exitOK || !strings.Contains(out, "Usage:") {
			t.Errorf("%v: exit %d, output:\n%s", args, code, out)
		}
	}
	code, out, _ := runCLI(t, ".", "version")
	if code != exitOK || out != "samizdat v0.0.0-test\n" {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"build", "--no-such-flag"}, "unknown flag: --no-such-flag"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"build", "extra-arg"}, `unknown command "extra-arg"`},
		{[]string{"build", "--set", "novalue"}, `--set "novalue": want key=value`},
		{[]string{"build", "--set", "pdf.fontsize=12"}, `--set pdf.fontsize: unknown key "pdf.fontsize" (did you mean "pdf.font_size"?)`},
		{[]string{"config", "--set", "pdf=a4"}, `--set pdf: "pdf" holds other settings; set one of them, e.g. pdf.page_size`},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(t, ".", tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want exit 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}

func TestBuildProblemsExitOneWithOneLineEach(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	if err := os.MkdirAll(book, 0o755); err != nil {
		t.Fatal(err)
	}
	manifest := "title: T\nlanguage: en\nchapters:\n  - file: missing.md\n  - file: ../escape.md\n  - file: one.md\n    kind: essay\n"
	if err := os.WriteFile(filepath.Join(book, "manifest.yaml"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(book, "one.md"), []byte("# One\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, dir, "build")
	if code != exitProblem {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != 3 {
		t.Errorf("want one line per problem (3), got %d:\n%s", len(lines), stderr)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "error: book/manifest.yaml:") {
			t.Errorf("problem line does not name the manifest and line: %q", l)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "dist")); err == nil {
		entries, _ := os.ReadDir(filepath.Join(dir, "dist"))
		if len(entries) > 0 {
			t.Errorf("failed build left files: %v", entries)
		}
	}
}

func TestConfigTypoInEnvironmentIsAnError(t *testing.T) {
	var stdout, stderr bytes.Buffer
	env := build.Env{Stdout: &stdout, Stderr: &stderr, Environ: []string{"SAMIZDAT_PDF_PAGESIZE=a4"}, Dir: "../.."}
	code := run(context.Background(), env, []string{"config"})
	if code != exitProblem || !strings.Contains(stderr.String(), "SAMIZDAT_PDF_PAGESIZE") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

func TestConfigShowsOrigins(t *testing.T) {
	code, out, stderr := runCLI(t, "../..", "config", "--edition", "paperback", "--set", "pdf.bleed=0.125in")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"pdf.page_size", "6x9in", "config/editions/paperback.yaml:", "flag --set pdf.bleed"} {
		if !strings.Contains(out, want) {
			t.Errorf("config output lacks %q", want)
		}
	}
}

func TestBuildVersion(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"release", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3"},
		{"pseudo-version", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201214650-5f8ac8163bcd+dirty"}}, "v0.0.0-20261201214650-5f8ac8163bcd+dirty"},
		{"commit only", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.revision", "5f8ac8163bcd907ec54786735425bcaabfbc09ec", "vcs.time", "2026-12-01T21:46:50Z", "vcs.modified", "true")},
			"devel 5f8ac8163bcd+dirty (2026-12-01T21:46:50Z)"},
		{"nothing recorded", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, ""},
	}
	for _, tt := range tests {
		if got := buildVersion(tt.info, true); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := buildVersion(nil, false); got != "" {
		t.Errorf("no build information: %q", got)
	}
}

// writeBook writes a small book into dir.
func writeBook(t *testing.T, dir string) {
	t.Helper()
	files := map[string]string{
		"manifest.yaml": "title: Small\nlanguage: en\nchapters: [one.md]\n",
		"one.md":        "# One\n\nA paragraph.\n",
	}
	for name, text := range files {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Inside a book folder, `samizdat build` builds that book into dist/ there.
func TestBuildInsideABookFolder(t *testing.T) {
	dir := t.TempDir()
	writeBook(t, dir)
	code, stdout, stderr := runCLI(t, dir, "build", "--set", "formats=pdf")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "dist", "small.pdf")); err != nil {
		t.Errorf("no dist/small.pdf in the book folder: %v\n%s", err, stdout)
	}
	code, stdout, _ = runCLI(t, dir, "config")
	if code != exitOK || !strings.Contains(stdout, "default: the working folder holds manifest.yaml") {
		t.Errorf("config does not say where the book folder came from:\n%s", stdout)
	}
}

// --config names a file anywhere; its editions are the ones beside it.
func TestConfigFileElsewhere(t *testing.T) {
	work, elsewhere := t.TempDir(), t.TempDir()
	writeBook(t, filepath.Join(work, "book"))
	settings := map[string]string{
		"site.yaml":             "formats: [pdf]\nname: from-elsewhere\n",
		"editions/compact.yaml": "pdf:\n  page_size: a6x\n",
		"editions/big.yaml":     "pdf:\n  page_size: a4\n",
	}
	for name, text := range settings {
		p := filepath.Join(elsewhere, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	config := filepath.Join(elsewhere, "site.yaml")
	code, _, stderr := runCLI(t, work, "build", "--config", config, "--edition", "big")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(work, "dist", "from-elsewhere-big.pdf")); err != nil {
		t.Error(err)
	}
	code, _, stderr = runCLI(t, work, "check", "--config", config, "--edition", "compact")
	want := filepath.ToSlash(filepath.Join(elsewhere, "editions", "compact.yaml")) + ":2:14: pdf.page_size: unknown size \"a6x\""
	if code != exitProblem || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q, want 1 and %q", code, stderr, want)
	}
}

// A new user's first commands: init makes a book that builds and passes
// every check at once, from its own folder and from the one above it
// (where --book finds the book's own settings), and new adds to it.
func TestInitBuildCheck(t *testing.T) {
	work := t.TempDir()
	code, out, stderr := runCLI(t, work, "init", "civics")
	if code != exitOK || !strings.Contains(out, "cd civics\n  samizdat build") {
		t.Fatalf("init: exit %d\n%s%s", code, out, stderr)
	}
	book := filepath.Join(work, "civics")
	code, out, stderr = runCLI(t, book, "build", "--strict")
	if code != exitOK || stderr != "" {
		t.Fatalf("build: exit %d\n%s%s", code, out, stderr)
	}
	for _, f := range []string{"civics.epub", "civics.pdf"} {
		if !strings.Contains(out, "wrote "+filepath.Join("dist", f)) {
			t.Errorf("build did not write dist/%s:\n%s", f, out)
		}
	}
	code, out, stderr = runCLI(t, book, "check", "--edition", "all", "--strict")
	if code != exitOK || !strings.Contains(out, "ok: 2 edition(s) checked, no errors, 0 warning(s)") {
		t.Fatalf("check: exit %d\n%s%s", code, out, stderr)
	}
	code, out, stderr = runCLI(t, work, "build", "--book", "civics", "--edition", "packet", "--strict")
	if code != exitOK || !strings.Contains(out, "wrote "+filepath.Join("dist", "civics-packet.pdf")) ||
		!strings.Contains(out, "wrote "+filepath.Join("dist", "civics-packet")+string(filepath.Separator)) {
		t.Fatalf("build --book: exit %d\n%s%s", code, out, stderr)
	}
	code, out, stderr = runCLI(t, work, "new", "--book", "civics", "chapter", "The Articles of Confederation")
	if code != exitOK || out != "added "+filepath.Join("civics", "the-articles-of-confederation.md")+" to "+filepath.Join("civics", "manifest.yaml")+"\n" {
		t.Fatalf("new: exit %d\n%q%s", code, out, stderr)
	}
	if code, out, stderr = runCLI(t, book, "check", "--strict"); code != exitOK {
		t.Fatalf("check after new: exit %d\n%s%s", code, out, stderr)
	}
	code, _, stderr = runCLI(t, work, "init", "civics")
	if code != exitProblem || !strings.Contains(stderr, "is not empty") {
		t.Errorf("init over a book: exit %d, %s", code, stderr)
	}
	code, _, stderr = runCLI(t, work, "new", "essay", "X")
	if code != exitUsage || !strings.Contains(stderr, "new essay: add a chapter, a source or a note") {
		t.Errorf("new essay: exit %d, %s", code, stderr)
	}
}

// init --from writes an existing mdBook's manifest into its src folder,
// says what it left out and how to build, with the site's address its
// links out of the book lead to, and the book builds at once; it never
// writes over a manifest.
func TestInitFrom(t *testing.T) {
	work := t.TempDir()
	files := map[string]string{
		"book.toml":          "[book]\ntitle = \"Pocket Guide\"\nauthors = [\"Ada Example\"]\n\n[output.html]\nsite-url = \"https://example.org/guide/\"\n",
		"src/SUMMARY.md":     "# Summary\n\n[Preface](preface.md)\n\n# Basics\n\n- [Start](start.md)\n    - [Later]()\n- [Gone](gone.md)\n",
		"src/preface.md":     "Why this guide.\n",
		"src/start.md":       "# Start\n\nBegin here, with [the library](../std/index.html).\n",
		"src/img/unused.txt": "x",
	}
	for name, text := range files {
		p := filepath.Join(work, "guide", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, stderr := runCLI(t, work, "init", "--from", "guide")
	src := filepath.Join("guide", "src")
	want := "read " + filepath.Join("guide", "book.toml") + ", " + filepath.Join(src, "SUMMARY.md") + " (mdBook)\n" +
		"  note: guide/src/SUMMARY.md:8: \"Later\" is a draft, with no file: left out\n" +
		"  note: guide/src/SUMMARY.md:9: guide/src/gone.md does not exist: left out\n" +
		"wrote " + filepath.Join(src, "manifest.yaml") + ": 2 chapters, 1 part\n\nNext:\n  samizdat build --book " + src + " --set markdown.site_url=https://example.org/guide/\n"
	if code != exitOK || out != want || stderr != "" {
		t.Fatalf("init --from: exit %d\n%s\nwant\n%s%s", code, out, want, stderr)
	}
	code, out, stderr = runCLI(t, work, "build", "--book", src, "--strict", "--set", "markdown.site_url=https://example.org/guide/")
	if code != exitOK || !strings.Contains(out, "pocket-guide.pdf") {
		t.Fatalf("build: exit %d\n%s%s", code, out, stderr)
	}
	code, _, stderr = runCLI(t, work, "init", "--from", "guide")
	if want := "error: " + filepath.Join(src, "manifest.yaml") + " already exists: samizdat init --from never writes over a manifest (move it away to make a new one)\n"; code != exitProblem || stderr != want {
		t.Errorf("init --from again: exit %d, %q, want 1 and %q", code, stderr, want)
	}
	if err := os.Remove(filepath.Join(work, src, "manifest.yaml")); err != nil {
		t.Fatal(err)
	}
	code, out, stderr = runCLI(t, work, "init", "--from", filepath.Join(src, "SUMMARY.md"), "--title", "The Guide")
	if code != exitOK || !strings.HasPrefix(out, "read "+filepath.Join(src, "SUMMARY.md")+" (mdBook)\n") {
		t.Fatalf("init --from SUMMARY.md: exit %d\n%s%s", code, out, stderr)
	}
	if data, err := os.ReadFile(filepath.Join(work, src, "manifest.yaml")); err != nil || !strings.Contains(string(data), "\ntitle: The Guide\nlanguage: en\n") {
		t.Errorf("--title: %v\n%s", err, data)
	}
	code, _, stderr = runCLI(t, work, "init", "other", "--from", "guide")
	if code != exitUsage || !strings.Contains(stderr, "init --from writes the manifest into the project's own book folder: give no DIR") {
		t.Errorf("init DIR --from: exit %d, %s", code, stderr)
	}
	code, _, stderr = runCLI(t, work, "init", "--from", "nowhere")
	if code != exitProblem || !strings.Contains(stderr, "--from nowhere: no such folder or file") {
		t.Errorf("init --from nowhere: exit %d, %s", code, stderr)
	}
}

// The shell completes edition names (with "all" where it is allowed) and
// --set keys and values.
func TestCompletion(t *testing.T) {
	tests := []struct {
		args []string
		want []string
		not  []string
	}{
		{[]string{"build", "--edition", ""}, []string{"paperback\n", "teacher\n", "all\n"}, nil},
		{[]string{"preview", "--edition", "p"}, []string{"paperback\n", "press\n"}, []string{"all\n"}},
		{[]string{"build", "--set", "pdf.ma"}, []string{"pdf.margin_top=\tmargin above the text block"}, []string{"pdf.page_size"}},
		{[]string{"check", "--set", "formats="}, []string{"formats=html\n"}, nil},
		{[]string{"new", ""}, []string{"chapter\n", "source\n", "note\n"}, nil},
	}
	for _, tt := range tests {
		code, out, _ := runCLI(t, "../..", append([]string{"__complete"}, tt.args...)...)
		if code != exitOK {
			t.Errorf("%v: exit %d", tt.args, code)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: no %q in\n%s", tt.args, w, out)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(out, n) {
				t.Errorf("%v: %q in\n%s", tt.args, n, out)
			}
		}
	}
	if code, out, _ := runCLI(t, ".", "completion", "bash"); code != exitOK || !strings.Contains(out, "__samizdat") {
		t.Errorf("completion bash: exit %d", code)
	}
}

// TestInitFromJupyterBook: init --from reads a Jupyter Book in its
// repository's folder, and prints the build command with its site and
// the citation style its author_year citations ask for; the book, its
// lecture citing the bibliography _config.yml names, then builds with
// no warning.
func TestInitFromJupyterBook(t *testing.T) {
	work := t.TempDir()
	files := map[string]string{
		"lectures/_toc.yml":    "format: jb-book\nroot: intro\nchapters:\n- file: growth\n",
		"lectures/_config.yml": "title: Growth Notes\nauthor: Ada Example\nbibtex_bibfiles: [refs.bib]\nhtml:\n  baseurl: https://notes.example.org/\nsphinx:\n  config:\n    bibtex_reference_style: author_year\n",
		"lectures/refs.bib":    "@book{solow1956,\n  author = {Robert M. Solow},\n  title = {A Contribution to the Theory of Economic Growth},\n  year = {1956},\n  publisher = {MIT Press}\n}\n",
		"lectures/intro.md":    "# Introduction\n\nSee {doc}`growth`.\n",
		"lectures/growth.md":   "---\njupytext:\n  text_representation:\n    extension: .md\nkernelspec:\n  name: python3\n---\n\n# Growth\n\nAs {cite:t}`solow1956` shows,\n$$\nk' = s f(k)\n$$ (eq:k)\n\nby {eq}`eq:k`.\n\n```{bibliography}\n```\n",
	}
	for name, text := range files {
		p := filepath.Join(work, "notes", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, stderr := runCLI(t, work, "init", "--from", "notes")
	book := filepath.Join("notes", "lectures")
	want := "read " + filepath.Join(book, "_toc.yml") + ", " + filepath.Join(book, "_config.yml") + " (Jupyter Book)\n" +
		"  note: language: en, as the project names none (change it in the manifest if need be)\n" +
		"wrote " + filepath.Join(book, "manifest.yaml") + ": 2 chapters, 0 parts\n\nNext:\n  samizdat build --book " + book +
		" --set markdown.site_url=https://notes.example.org/ --set citation.style=chicago-author-date\n"
	if code != exitOK || out != want || stderr != "" {
		t.Fatalf("init --from: exit %d\n%s\nwant\n%s%s", code, out, want, stderr)
	}
	code, out, stderr = runCLI(t, work, "build", "--book", book, "--strict", "--set", "markdown.site_url=https://notes.example.org/", "--set", "citation.style=chicago-author-date")
	if code != exitOK || !strings.Contains(out, "growth-notes.pdf") {
		t.Fatalf("build: exit %d\n%s%s", code, out, stderr)
	}
}
