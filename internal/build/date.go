package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
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
func sourceDate(ctx context.Context, git Git, workDir string, files []string) time.Time {
	var abs []string
	for _, f := range files {
		if !filepath.IsAbs(f) {
			f = filepath.Join(workDir, f)
		}
		if a, err := filepath.Abs(f); err == nil {
			abs = append(abs, a)
		}
	}
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
func gitDate(ctx context.Context, git Git, dir string, files []string) (newest time.Time, undated []string, ok bool) {
	out, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return time.Time{}, nil, false
	}
	top := strings.TrimSpace(string(out))
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	var inRepo []string
	for _, f := range files {
		real := f
		if r, err := filepath.EvalSymlinks(f); err == nil {
			real = r
		}
		rel, err := filepath.Rel(top, real)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			undated = append(undated, f)
			continue
		}
		inRepo = append(inRepo, filepath.ToSlash(rel))
	}
	if len(inRepo) == 0 {
		return time.Time{}, undated, true
	}
	// Pathspecs are literal, relative to the top of the repository.
	run := func(cmd ...string) ([]string, error) {
		args := append(append([]string{"--literal-pathspecs", "-C", top}, cmd...), "--")
		out, err := git(ctx, dir, append(args, inRepo...)...)
		return strings.FieldsFunc(string(out), func(r rune) bool { return r == 0 }), err
	}
	tracked, err := run("ls-files", "-z")
	if err != nil {
		return time.Time{}, nil, false
	}
	// Changed since the last commit, staged or not; -z names each once,
	// without quoting.
	changed, err := run("diff", "HEAD", "--name-only", "-z")
	if err != nil {
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
	var clean []string
	for _, rel := range inRepo {
		if isTracked[rel] && !isChanged[rel] {
			clean = append(clean, rel)
		} else {
			undated = append(undated, filepath.Join(top, filepath.FromSlash(rel)))
		}
	}
	if len(clean) > 0 {
		out, err := git(ctx, dir, append([]string{"--literal-pathspecs", "-C", top, "log", "-1", "--format=%ct", "--"}, clean...)...)
		if err != nil {
			return time.Time{}, nil, false
		}
		if s := strings.TrimSpace(string(out)); s != "" {
			secs, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return time.Time{}, nil, false
			}
			newest = time.Unix(secs, 0)
		}
	}
	return newest, undated, true
}
