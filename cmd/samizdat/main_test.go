package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
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
