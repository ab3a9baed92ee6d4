package build

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Git runs git with args in dir and returns what it writes on its standard
// output. Env.Git is one; tests give their own.
type Git func(ctx context.Context, dir string, args ...string) ([]byte, error)

// ExecGit runs the git program found on the PATH.
func ExecGit(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0") // reading must not take the index lock
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil && stderr.Len() > 0 {
		err = errors.New(strings.TrimSpace(stderr.String()))
	}
	return out, err
}

// sourceDate is the date of a build that sets none: the newest commit date
// of the input files when they are in git, else their newest modification
// time. Files git does not have as committed (changed, new, or outside the
// repository) count by their modification time, since no commit dates
// them. Two builds of the same inputs, and builds of clones of one commit,
// so get the same date, and the same bytes. files are paths as the build
// opens them: absolute, or relative to the working folder.
func sourceDate(ctx context.Context, git *gitAnswers, workDir string, files []string) time.Time {
	abs := absolute(workDir, files)
	if len(abs) == 0 {
		return time.Time{}
	}
	byTime := abs
	var newest time.Time
	if git != nil {
		if committed, rest, ok := gitDate(ctx, git, filepath.Dir(abs[0]), abs); ok {
			newest, byTime = committed, rest
		}
	}
	for _, f := range byTime {
		if info, err := os.Stat(f); err == nil && info.ModTime().After(newest) {
			newest = info.ModTime()
		}
	}
	return newest.UTC().Truncate(time.Second)
}

// gitDate asks git for the newest commit date of files, and returns the
// files it cannot date: outside the repository, untracked or changed since
// their last commit. ok is false when git cannot be asked (no git, or dir
// is not in a repository).
func gitDate(ctx context.Context, git *gitAnswers, dir string, files []string) (newest time.Time, undated []string, ok bool) {
	top, ok := git.top(ctx, dir)
	if !ok {
		return time.Time{}, nil, false
	}
	var inRepo []string
	for _, f := range files {
		rel, in := inRepository(top, f)
		if !in {
			undated = append(undated, f)
			continue
		}
		inRepo = append(inRepo, rel)
	}
	if len(inRepo) == 0 {
		return time.Time{}, undated, true
	}
	// The history is walked while git says which files are committed as
	// they are: the walk goes through them all, and answers for those
	// that are. No git is left running when no answer needs the walk.
	git.startWalk(ctx, dir, top, inRepo)
	defer git.walk(ctx, dir, top, inRepo)
	clean, ok := git.clean(ctx, dir, top, inRepo)
	if !ok {
		return time.Time{}, nil, false
	}
	var committed []string
	for _, rel := range inRepo {
		if clean[rel] {
			committed = append(committed, rel)
		} else {
			undated = append(undated, filepath.Join(top, filepath.FromSlash(rel)))
		}
	}
	if len(committed) > 0 {
		if newest, ok = git.newest(ctx, dir, top, committed); !ok {
			return time.Time{}, nil, false
		}
	}
	return newest, undated, true
}

// absolute makes paths relative to workDir absolute.
func absolute(workDir string, files []string) []string {
	var abs []string
	for _, f := range files {
		if !filepath.IsAbs(f) {
			f = filepath.Join(workDir, f)
		}
		if a, err := filepath.Abs(f); err == nil {
			abs = append(abs, a)
		}
	}
	return abs
}

// inRepository is the slash-separated path of the file f (absolute) from
// top, the top of a repository, symbolic links followed; false when f is
// outside it.
func inRepository(top, f string) (string, bool) {
	real := f
	if r, err := filepath.EvalSymlinks(f); err == nil {
		real = r
	}
	rel, err := filepath.Rel(top, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// gitAnswers asks git what sourceDate needs to know, each question once
// for the editions built together, which read mostly the same files:
// where a folder's repository has its top, which files are committed as
// they are, and the newest commit of a set of files. What git says of a
// file does not depend on the other files asked about with it, so the
// editions' answers are those each would get alone. A nil gitAnswers has
// no git to ask. It is safe for concurrent use.
type gitAnswers struct {
	git Git
	mu  sync.Mutex
	// asked are git's answers by the question: folder and arguments.
	asked map[string]*gitAnswer
	// committed says, by repository top and path, whether a file is
	// committed as it is (tracked, and unchanged since the last commit).
	committed map[[2]string]bool
	// expected are files (absolute) that editions built together will
	// ask about; the first question on a repository's files asks about
	// them too.
	expected []string
	// walks are the newest history of each repository (by its top)
	// through the files the editions ask about, depth commits deep: 1
	// unless editions are built together (see walkDepth).
	walks map[string]*gitWalk
	depth int
}

type gitAnswer struct {
	once sync.Once
	out  []byte
	err  error
}

// newGitAnswers asks git; nil when git is nil.
func newGitAnswers(git Git) *gitAnswers {
	if git == nil {
		return nil
	}
	return &gitAnswers{git: git, asked: map[string]*gitAnswer{}, committed: map[[2]string]bool{}, walks: map[string]*gitWalk{}, depth: 1}
}

// expect names files, relative to workDir or absolute, that an edition
// will ask about, so that they are asked about with the first edition's.
func (g *gitAnswers) expect(workDir string, files []string) {
	if g == nil {
		return
	}
	abs := absolute(workDir, files)
	g.mu.Lock()
	defer g.mu.Unlock()
	g.expected = append(g.expected, abs...)
}

// ask runs git with args in dir, once for each folder and arguments.
func (g *gitAnswers) ask(ctx context.Context, dir string, args ...string) ([]byte, error) {
	key := dir + "\x00" + strings.Join(args, "\x00")
	g.mu.Lock()
	a, ok := g.asked[key]
	if !ok {
		a = &gitAnswer{}
		g.asked[key] = a
	}
	g.mu.Unlock()
	a.once.Do(func() { a.out, a.err = g.git(ctx, dir, args...) })
	return a.out, a.err
}

// top is the top of the repository holding dir, symbolic links followed;
// false when there is no git or dir is in no repository.
func (g *gitAnswers) top(ctx context.Context, dir string) (string, bool) {
	if g == nil {
		return "", false
	}
	out, err := g.ask(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", false
	}
	top := strings.TrimSpace(string(out))
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	return top, true
}

// clean says which of the files (paths from top) are committed as they
// are. Files not asked about before are asked about together, with the
// expected files of the same repository not asked about either; should
// git refuse that question, the files alone are asked about, as an
// edition built alone would. false when git cannot tell.
func (g *gitAnswers) clean(ctx context.Context, dir, top string, files []string) (map[string]bool, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	var unknown []string
	seen := map[string]bool{}
	for _, rel := range files {
		if _, ok := g.committed[[2]string{top, rel}]; !ok && !seen[rel] {
			seen[rel] = true
			unknown = append(unknown, rel)
		}
	}
	if len(unknown) > 0 {
		also := slices.Clone(unknown)
		for _, f := range g.expected {
			if rel, in := inRepository(top, f); in && !seen[rel] {
				if _, ok := g.committed[[2]string{top, rel}]; !ok {
					seen[rel] = true
					also = append(also, rel)
				}
			}
		}
		ok := len(also) > len(unknown) && g.status(ctx, dir, top, also, false)
		if !ok && !g.status(ctx, dir, top, unknown, true) {
			return nil, false
		}
	}
	clean := map[string]bool{}
	for _, rel := range files {
		clean[rel] = g.committed[[2]string{top, rel}]
	}
	return clean, true
}

// status asks git whether each of the files is committed as it is, and
// keeps the answers; false when git cannot tell. alone is set when the
// files are those of one edition alone: others' expected files, asked
// about with them, are not answered by failing questions. g.mu is held.
func (g *gitAnswers) status(ctx context.Context, dir, top string, files []string, alone bool) bool {
	// Pathspecs are literal, relative to the top of the repository.
	run := func(cmd ...string) ([]string, error) {
		args := append(append([]string{"--literal-pathspecs", "-C", top}, cmd...), "--")
		out, err := g.git(ctx, dir, append(args, files...)...)
		return strings.FieldsFunc(string(out), func(r rune) bool { return r == 0 }), err
	}
	// Changed since the last commit, staged or not; -z names each once,
	// without quoting. Asked at the same time as what is tracked.
	var changed []string
	var diffErr error
	diffed := make(chan struct{})
	go func() {
		defer close(diffed)
		changed, diffErr = run("diff", "HEAD", "--name-only", "-z")
	}()
	tracked, err := run("ls-files", "-z")
	<-diffed
	if err != nil {
		return false
	}
	if err := diffErr; err != nil {
		if !alone {
			return false
		}
		// A repository without commits has no HEAD: nothing is dated.
		changed = tracked
	}
	isTracked, isChanged := map[string]bool{}, map[string]bool{}
	for _, f := range tracked {
		isTracked[f] = true
	}
	for _, f := range changed {
		isChanged[f] = true
	}
	for _, rel := range files {
		g.committed[[2]string{top, rel}] = isTracked[rel] && !isChanged[rel]
	}
	return true
}

// walkDepth bounds the history walked once for the editions built
// together: an edition none of whose files the newest walkDepth commits
// changing any edition's files change asks git alone. Every commit
// walked costs git a tree comparison, so an edition built alone walks
// to its newest commit only, as git log -1 would.
const walkDepth = 4

// gitWalk is the newest history of a repository as `git log -- files`
// walks it, for files every edition's committed files are among: each
// commit's date and which of the files it changes, in git's order, up to
// the first merge shown. Where git passes a merge without showing it, the
// merge has the files as its first parent has them, and git follows that
// parent alone, as it does for any of the files; --show-pulls shows the
// merges that have them as a later parent has them, where git asked about
// fewer files may follow another parent. Up to the first merge shown, git
// so walks one line of commits whatever the files asked about; an edition
// answered by no commit before it asks git alone.
type gitWalk struct {
	once sync.Once
	// files are those walked through; paths from the top.
	files   map[string]bool
	commits []walkedCommit
	// whole is set when the walk went to the first commit, with no merge
	// shown on the way: files no commit shown changes were never committed.
	whole bool
	ok    bool
}

type walkedCommit struct {
	secs    int64
	changes []string
}

// newest is the date of the newest commit changing any of files (paths
// from top, each committed as it is), or the zero time when none does:
// what `git log -1 --format=%ct -- files` says. The editions built
// together share one walk of history; an edition it cannot answer for
// sure asks git that question. false when git cannot tell.
func (g *gitAnswers) newest(ctx context.Context, dir, top string, files []string) (time.Time, bool) {
	if secs, found, answered := g.walk(ctx, dir, top, files).newest(files); answered {
		if !found {
			return time.Time{}, true
		}
		return time.Unix(secs, 0), true
	}
	out, err := g.ask(ctx, dir, append([]string{"--literal-pathspecs", "-C", top, "log", "-1", "--format=%ct", "--"}, files...)...)
	if err != nil {
		return time.Time{}, false
	}
	s := strings.TrimSpace(string(out))
	if s == "" {
		return time.Time{}, true
	}
	secs, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(secs, 0), true
}

// walk is the repository's walk, made by the first edition to ask (see
// startWalk), once it is read.
func (g *gitAnswers) walk(ctx context.Context, dir, top string, files []string) *gitWalk {
	w := g.walkOf(top, files)
	w.once.Do(func() { w.read(ctx, g.git, dir, top, g.depth) })
	return w
}

// startWalk has git walk the repository's history now, in the
// background, unless another edition has started it.
func (g *gitAnswers) startWalk(ctx context.Context, dir, top string, files []string) {
	w := g.walkOf(top, files)
	go w.once.Do(func() { w.read(ctx, g.git, dir, top, g.depth) })
}

// walkOf is the repository's walk, made by the first edition to ask: it
// goes through that edition's files (paths from top), the files the
// editions built together are expected to ask about, and every other file
// known to be committed as it is.
func (g *gitAnswers) walkOf(top string, files []string) *gitWalk {
	g.mu.Lock()
	defer g.mu.Unlock()
	if w, ok := g.walks[top]; ok {
		return w
	}
	w := &gitWalk{files: map[string]bool{}}
	for _, rel := range files {
		w.files[rel] = true
	}
	for _, f := range g.expected {
		if rel, in := inRepository(top, f); in {
			w.files[rel] = true
		}
	}
	for key, committed := range g.committed {
		if committed && key[0] == top {
			w.files[key[1]] = true
		}
	}
	g.walks[top] = w
	return w
}

// read asks git for the walk. --no-renames names both sides of a
// rename, as a change to each; --root shows what the first commit adds;
// --no-diff-merges names nothing for a merge, whose parents git may show
// rewritten, as one: a commit shown naming none of the files is a merge.
func (w *gitWalk) read(ctx context.Context, git Git, dir, top string, depth int) {
	paths := slices.Sorted(maps.Keys(w.files))
	args := []string{"--literal-pathspecs", "-C", top, "log", "-n", strconv.Itoa(depth), "--show-pulls", "--no-diff-merges", "--no-renames", "--root",
		"--format=%x01%ct %P", "-z", "--name-only", "--"}
	out, err := git(ctx, dir, append(args, paths...)...)
	if err != nil {
		return
	}
	// Each commit is a header, \x01 then the date and the parents,
	// followed by the files it changes; all end with NUL, and the first
	// file starts on a new line.
	afterHeader, merged := false, false
	for _, field := range strings.Split(string(out), "\x00") {
		if header, ok := strings.CutPrefix(field, "\x01"); ok {
			parts := strings.Fields(header)
			if len(parts) == 0 {
				return
			}
			if len(parts) > 2 || len(w.commits) > 0 && len(w.commits[len(w.commits)-1].changes) == 0 {
				merged = true
				break
			}
			secs, err := strconv.ParseInt(parts[0], 10, 64)
			if err != nil {
				return
			}
			w.commits = append(w.commits, walkedCommit{secs: secs})
			afterHeader = true
			continue
		}
		if afterHeader {
			field = strings.TrimPrefix(field, "\n")
		}
		afterHeader = false
		if field == "" {
			continue
		}
		if len(w.commits) == 0 {
			return
		}
		last := &w.commits[len(w.commits)-1]
		last.changes = append(last.changes, field)
	}
	if n := len(w.commits); !merged && n > 0 && len(w.commits[n-1].changes) == 0 {
		w.commits, merged = w.commits[:n-1], true
	}
	w.whole = !merged && len(w.commits) < depth
	w.ok = true
}

// newest is the date of the newest commit the walk read that changes any
// of files, found false when none does; answered is false when the walk
// cannot tell for sure: it failed, went through other files than these,
// or stopped before the first commit.
func (w *gitWalk) newest(files []string) (secs int64, found, answered bool) {
	if !w.ok {
		return 0, false, false
	}
	asked := map[string]bool{}
	for _, f := range files {
		if !w.files[f] {
			return 0, false, false
		}
		asked[f] = true
	}
	for _, c := range w.commits {
		for _, changed := range c.changes {
			if asked[changed] {
				return c.secs, true, true
			}
		}
	}
	return 0, false, w.whole
}
