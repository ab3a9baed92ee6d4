package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/validate"
)

// needGit skips a test when git is missing, or fails it where the
// validators are required (CI installs git with them).
func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv(validate.RequireEnv) != "" {
			t.Fatalf("git is required: %v", err)
		}
		t.Skip("git is not installed")
	}
}

// gitIn runs git in dir for a test, with a fixed identity and the commit
// date when.
func gitIn(t *testing.T, dir string, when time.Time, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	stamp := when.Format(time.RFC3339)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=T",
		"GIT_COMMITTER_EMAIL=t@example.org", "GIT_AUTHOR_DATE="+stamp, "GIT_COMMITTER_DATE="+stamp, "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func writeFile(t *testing.T, name, text string, modified time.Time) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(name, modified, modified); err != nil {
		t.Fatal(err)
	}
}

var (
	day1 = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	day2 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	day3 = time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)
	day4 = time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
)

// Without git, or outside a repository, the newest modification time of
// the files dates the build.
func TestSourceDateByModificationTime(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "book/manifest.yaml"), "a", day1)
	writeFile(t, filepath.Join(dir, "book/ch1.md"), "b", day3)
	writeFile(t, filepath.Join(dir, "config/samizdat.yaml"), "c", day2)
	writeFile(t, filepath.Join(dir, "book/unused.md"), "d", day4) // not an input
	files := []string{"book/manifest.yaml", "book/ch1.md", filepath.Join(dir, "config/samizdat.yaml"), "book/missing.png"}
	notARepo := func(context.Context, string, ...string) ([]byte, error) {
		return nil, errors.New("fatal: not a git repository (or any of the parent directories): .git")
	}
	for name, git := range map[string]Git{"no git": nil, "not a repository": notARepo} {
		if got := sourceDate(context.Background(), newGitAnswers(git), dir, files); !got.Equal(day3) {
			t.Errorf("%s: %v, want %v", name, got, day3)
		}
	}
	if got := sourceDate(context.Background(), nil, dir, nil); !got.IsZero() {
		t.Errorf("no files: %v, want zero", got)
	}
}

// In git, committed files count by their commit date whatever their
// modification time; changed, new and outside files by modification time.
func TestSourceDateFromGit(t *testing.T) {
	t.Parallel()
	needGit(t)
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo")
	writeFile(t, filepath.Join(repo, "book/manifest.yaml"), "a", day4)
	writeFile(t, filepath.Join(repo, "book/ch 1.md"), "b", day4)
	writeFile(t, filepath.Join(repo, "book/ignored.md"), "i", day1)
	writeFile(t, filepath.Join(repo, ".gitignore"), "ignored.md\n", day1)
	gitIn(t, repo, day1, "init", "-q")
	gitIn(t, repo, day1, "add", ".")
	gitIn(t, repo, day1, "commit", "-q", "-m", "first")
	writeFile(t, filepath.Join(repo, "book/ch 1.md"), "b2", day4)
	gitIn(t, repo, day2, "commit", "-q", "-am", "second")

	ctx := context.Background()
	files := []string{"repo/book/manifest.yaml", "repo/book/ch 1.md"}
	if got := sourceDate(ctx, newGitAnswers(ExecGit), dir, files); !got.Equal(day2) {
		t.Errorf("committed files modified later: %v, want the commit date %v", got, day2)
	}
	cases := []struct {
		name string
		edit func()
		add  string
		want time.Time
	}{
		{"a changed file", func() { writeFile(t, filepath.Join(repo, "book/manifest.yaml"), "a2", day3) }, "", day3},
		{"a new file", func() { writeFile(t, filepath.Join(repo, "book/new.md"), "n", day3) }, "repo/book/new.md", day3},
		{"an ignored file", func() { writeFile(t, filepath.Join(repo, "book/ignored.md"), "i", day3) }, "repo/book/ignored.md", day3},
		{"a file outside the repository", func() { writeFile(t, filepath.Join(dir, "fonts/a.ttf"), "f", day3) }, filepath.Join(dir, "fonts/a.ttf"), day3},
		{"an older file outside", func() { writeFile(t, filepath.Join(dir, "fonts/a.ttf"), "f", day1) }, filepath.Join(dir, "fonts/a.ttf"), day2},
	}
	for _, c := range cases {
		gitIn(t, repo, day2, "checkout", "-q", "--", ".")
		c.edit()
		in := files
		if c.add != "" {
			in = append(append([]string{}, files...), c.add)
		}
		if got := sourceDate(ctx, newGitAnswers(ExecGit), dir, in); !got.Equal(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// copyTree copies the files under src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A plain build, with no date and no SOURCE_DATE_EPOCH, is reproducible:
// built twice at different times, and built again from a clone in another
// folder, the sample's EPUB and PDF are byte for byte the same.
func TestPlainBuildsAreReproducible(t *testing.T) {
	t.Parallel()
	needGit(t)
	base := t.TempDir()
	origin := filepath.Join(base, "origin")
	copyTree(t, filepath.Join(repoRoot, "book"), filepath.Join(origin, "book"))
	copyTree(t, filepath.Join(repoRoot, "config"), filepath.Join(origin, "config"))
	gitIn(t, origin, day1, "init", "-q")
	gitIn(t, origin, day1, "add", ".")
	gitIn(t, origin, day1, "commit", "-q", "-m", "the sample")
	clone := filepath.Join(base, "elsewhere", "clone")
	gitIn(t, base, day1, "clone", "-q", origin, clone)

	clock := day3
	build := func(dir string) map[string][]byte {
		t.Helper()
		clock = clock.Add(time.Hour) // the clock must not matter
		var stdout, stderr bytes.Buffer
		env := Env{Stdout: &stdout, Stderr: &stderr, Now: func() time.Time { return clock }, Version: "test", Dir: dir, Git: ExecGit}
		if err := Run(context.Background(), env, Options{}); err != nil {
			t.Fatalf("build in %s: %v\n%s", dir, err, stderr.String())
		}
		out := map[string][]byte{}
		for _, name := range []string{"workers-opposition.epub", "workers-opposition.pdf"} {
			data, err := os.ReadFile(filepath.Join(dir, "dist", name))
			if err != nil {
				t.Fatal(err)
			}
			out[name] = data
		}
		if err := os.RemoveAll(filepath.Join(dir, "dist")); err != nil {
			t.Fatal(err)
		}
		return out
	}
	first := build(origin)
	for name, again := range map[string]map[string][]byte{"a second build": build(origin), "a build of a clone": build(clone)} {
		for file, data := range first {
			if !bytes.Equal(data, again[file]) {
				t.Errorf("%s: %s differs from the first build's", name, file)
			}
		}
	}
	// The date is the commit's: the PDF's metadata says so.
	if stamp := "D:" + day1.Format("20060102150405"); !bytes.Contains(first["workers-opposition.pdf"], []byte(stamp)) {
		t.Errorf("the PDF does not carry the commit date %s", stamp)
	}
}

// Editions built together ask git each question once: the repository's
// top, whether their files are committed as they are, the first edition
// asking about the files the others' settings name too, and the newest
// history of those files; each still gets the date it gets built alone. When git refuses the joint
// question (here, one naming a file it will not look at), each edition
// asks about its own files alone.
func TestSourceDateSharedAcrossEditions(t *testing.T) {
	t.Parallel()
	needGit(t)
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo")
	for _, name := range []string{"book/manifest.yaml", "book/ch.md", "config/samizdat.yaml", "config/editions/a.yaml", "config/editions/b.yaml", "book/refused.png"} {
		writeFile(t, filepath.Join(repo, name), name, day4)
	}
	gitIn(t, repo, day1, "init", "-q")
	gitIn(t, repo, day1, "add", ".")
	gitIn(t, repo, day1, "commit", "-q", "-m", "first")
	writeFile(t, filepath.Join(repo, "config/editions/b.yaml"), "b2", day4)
	gitIn(t, repo, day2, "commit", "-q", "-am", "second")
	book := []string{"repo/book/manifest.yaml", "repo/book/ch.md"}
	settings := map[string][]string{
		"a": {"repo/config/samizdat.yaml", "repo/config/editions/a.yaml"},
		"b": {"repo/config/samizdat.yaml", "repo/config/editions/b.yaml"},
		"c": {"repo/config/samizdat.yaml", "repo/book/refused.png"},
	}
	want := map[string]time.Time{"a": day1, "b": day2, "c": day4}
	ctx := context.Background()
	var mu sync.Mutex
	var asked []string
	counting := func(ctx context.Context, dir string, args ...string) ([]byte, error) {
		mu.Lock()
		for _, a := range args {
			if !strings.HasPrefix(a, "-") && !strings.Contains(a, "/") {
				asked = append(asked, a) // the command's name
				break
			}
		}
		mu.Unlock()
		if slices.Contains(args, "book/refused.png") {
			return nil, errors.New("fatal: pathspec 'book/refused.png' is in submodule 'book'")
		}
		return ExecGit(ctx, dir, args...)
	}
	for _, together := range [][]string{{"a", "b"}, {"a", "c"}, {"c", "a", "b"}} {
		asked = nil
		shared := newGitAnswers(counting)
		shared.depth = walkDepth
		for _, ed := range together {
			shared.expect(dir, settings[ed])
		}
		for _, ed := range together {
			files := append(slices.Clone(book), settings[ed]...)
			got := sourceDate(ctx, shared, dir, files)
			asking := len(asked)
			alone := sourceDate(ctx, newGitAnswers(counting), dir, files)
			asked = asked[:asking]
			if !got.Equal(alone) || !got.Equal(want[ed]) {
				t.Errorf("%v: edition %s dated %v together, %v alone; want %v", together, ed, got, alone, want[ed])
			}
		}
		if slices.Contains(together, "c") {
			continue
		}
		count := map[string]int{}
		for _, a := range asked {
			count[a]++
		}
		if want := map[string]int{"rev-parse": 1, "ls-files": 1, "diff": 1, "log": 1}; !maps.Equal(count, want) {
			t.Errorf("%v: git was asked %v, want %v", together, count, want)
		}
	}
}

// The settings files runEditions expects are those config.Load reads, so
// that the first edition's question about its files answers the others'.
func TestSettingsFilesExpected(t *testing.T) {
	t.Parallel()
	env := Env{Dir: repoRoot}
	editions := []string{"course-packet", "teacher"}
	got := settingsFiles(env, Options{}, editions)
	var want []string
	for _, ed := range editions {
		cfg, err := loadConfig(env, Options{}, ed)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, cfg.Files...)
	}
	slices.Sort(got)
	slices.Sort(want)
	if want = slices.Compact(want); !slices.Equal(got, want) {
		t.Errorf("expected %q, config.Load reads %q", got, want)
	}
}

// The history walked once for editions built together dates every set of
// files as `git log -1 --format=%ct -- files` does, through renames, a
// file renamed away and made anew, a commit dated before its parent, and
// merges, beyond which each set the walk did not answer asks alone.
func TestSourceDateWalkMatchesLog(t *testing.T) {
	t.Parallel()
	needGit(t)
	repo := t.TempDir()
	hour := func(h int) time.Time { return day1.Add(time.Duration(h) * time.Hour) }
	commit := func(h int, msg string) {
		gitIn(t, repo, hour(h), "add", "-A")
		gitIn(t, repo, hour(h), "commit", "-q", "-m", msg)
	}
	write := func(name, text string) { writeFile(t, filepath.Join(repo, name), text, day4) }
	for _, name := range []string{"a.md", "b.md", "c.md", "old.md", "e.md"} {
		write(name, name)
	}
	gitIn(t, repo, hour(1), "init", "-q")
	commit(1, "first")
	gitIn(t, repo, hour(1), "checkout", "-q", "-b", "side")
	write("b.md", "b second")
	commit(2, "side b")
	write("c.md", "c second")
	commit(3, "side c")
	gitIn(t, repo, hour(3), "checkout", "-q", "-")
	write("a.md", "a second")
	commit(4, "main a")
	gitIn(t, repo, hour(5), "merge", "-q", "--no-ff", "-m", "merge", "side")
	gitIn(t, repo, hour(6), "mv", "old.md", "d.md")
	commit(6, "rename")
	gitIn(t, repo, hour(7), "mv", "e.md", "f.md")
	commit(7, "rename e")
	write("e.md", "e anew")
	commit(8, "e anew")
	write("a.md", "a the third")
	commit(0, "dated before its parent")
	write("g.md", "g")
	commit(10, "g")
	// Beyond a merge of a branch changing b.md only, where a.md was
	// changed and changed back, git log -- a.md follows the first parent,
	// and a walk of all the files the second.
	gitIn(t, repo, hour(10), "checkout", "-q", "-b", "pull")
	write("b.md", "b the third")
	commit(13, "pull b")
	gitIn(t, repo, hour(13), "checkout", "-q", "-")
	write("a.md", "a fourth!")
	commit(11, "a changed")
	write("a.md", "a the third")
	commit(12, "a changed back")
	gitIn(t, repo, hour(14), "merge", "-q", "--no-ff", "-m", "pull", "pull")
	write("g.md", "g again")
	commit(15, "g again")

	names := []string{"a.md", "b.md", "c.md", "d.md", "e.md", "f.md", "g.md"}
	var sets [][]string
	for i, x := range names {
		sets = append(sets, []string{x})
		for _, y := range names[i+1:] {
			sets = append(sets, []string{x, y})
		}
	}
	sets = append(sets, names)
	ctx := context.Background()
	for _, depth := range []int{walkDepth, 1} {
		var mu sync.Mutex
		logs := 0
		counting := func(ctx context.Context, dir string, args ...string) ([]byte, error) {
			if slices.Contains(args, "log") {
				mu.Lock()
				logs++
				mu.Unlock()
			}
			return ExecGit(ctx, dir, args...)
		}
		shared := newGitAnswers(counting)
		shared.depth = depth
		shared.expect(repo, names)
		unanswered := 0
		for _, set := range sets {
			got := sourceDate(ctx, shared, repo, set)
			out, err := ExecGit(ctx, repo, append([]string{"log", "-1", "--format=%ct", "--"}, set...)...)
			if err != nil {
				t.Fatal(err)
			}
			secs, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			if want := time.Unix(secs, 0).UTC(); !got.Equal(want) {
				t.Errorf("depth %d: %q dated %v, git log says %v", depth, set, got, want)
			}
			if !slices.Contains(set, "g.md") {
				unanswered++ // changed only beyond a merge
			}
		}
		if depth == walkDepth && logs != 1+unanswered {
			t.Errorf("git log ran %d times, want once and once for each of the %d sets changed only beyond a merge", logs, unanswered)
		}
	}
}

// TestSlowEditionsDatedByGitMatchAlone: the sample's editions built
// together in a repository, dated by git, each get the bytes, and so the
// date, they get built alone; one whose settings were committed later
// carries that later date.
func TestSlowEditionsDatedByGitMatchAlone(t *testing.T) {
	validate.Slow(t)
	needGit(t)
	repo := t.TempDir()
	copyTree(t, filepath.Join(repoRoot, "book"), filepath.Join(repo, "book"))
	copyTree(t, filepath.Join(repoRoot, "config"), filepath.Join(repo, "config"))
	gitIn(t, repo, day1, "init", "-q")
	gitIn(t, repo, day1, "add", ".")
	gitIn(t, repo, day1, "commit", "-q", "-m", "the sample")
	teacher := filepath.Join(repo, "config/editions/teacher.yaml")
	settings, err := os.ReadFile(teacher)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, teacher, string(settings)+"\n# changed later\n", day4)
	gitIn(t, repo, day2, "commit", "-q", "-am", "the teacher's edition changed")
	withGit := func(env *Env) { env.Environ, env.Git = nil, ExecGit }
	together := t.TempDir()
	opts := outTo(together)
	opts.Edition = "all"
	if r := runBuildEnv(t, repo, opts, withGit); r.err != nil {
		t.Fatalf("--edition all failed: %v\n%s", r.err, r.stderr.String())
	}
	for edition, date := range map[string]time.Time{"teacher": day2, "reader": day1} {
		dir := t.TempDir()
		opts := outTo(dir)
		opts.Edition = edition
		if r := runBuildEnv(t, repo, opts, withGit); r.err != nil {
			t.Fatalf("--edition %s failed: %v\n%s", edition, r.err, r.stderr.String())
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		stamped := false
		for _, e := range entries {
			alone, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			shared, err := os.ReadFile(filepath.Join(together, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(alone, shared) {
				t.Errorf("%s built alone differs from the one --edition all wrote", e.Name())
			}
			stamped = stamped || bytes.Contains(alone, []byte("D:"+date.Format("20060102150405")))
		}
		if !stamped {
			t.Errorf("no output of --edition %s carries the date %v", edition, date)
		}
	}
}
