package starter

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/samizdat-press/samizdat/internal/tocimport"
)

// FromProject writes a manifest for the book project from names (its
// folder, or the project file to read in it: book.toml, mkdocs.yml,
// _quarto.yml, _bookdown.yml) into the project's book folder, listing the
// chapters its own contents list; a non-empty title titles the book. It
// never writes over a manifest. The result's Book is the book folder,
// relative to the project's folder, which FromProject also returns.
//
// shown is the project as messages name it (as the user typed it).
func FromProject(from, shown, title string) (*tocimport.Result, string, error) {
	info, err := os.Stat(from)
	if shown == "" {
		shown = from
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, "", fmt.Errorf("--from %s: no such folder or file", shown)
	case err != nil:
		return nil, "", fmt.Errorf("--from %s: %w", shown, unwrapPath(err))
	}
	dir, config := from, ""
	if !info.IsDir() {
		dir, config = filepath.Dir(from), filepath.Base(from)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, "", err
	}
	defer root.Close()
	name := filepath.Base(dir)
	if a, err := filepath.Abs(dir); err == nil {
		name = filepath.Base(a)
	}
	shownAt := shownDir(from, shown, info.IsDir())
	res, err := tocimport.Import(root.FS(), tocimport.Options{Config: config, Title: title, Name: name, Dir: filepath.ToSlash(shownAt)})
	if err != nil {
		return nil, dir, err
	}
	target := path.Join(res.Book, "manifest.yaml")
	where := filepath.Join(shownAt, filepath.FromSlash(target))
	if _, err := root.Lstat(filepath.FromSlash(target)); err == nil {
		return nil, dir, fmt.Errorf("%s already exists: samizdat init --from never writes over a manifest (move it away to make a new one)", where)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, dir, fmt.Errorf("%s: %w", where, unwrapPath(err))
	}
	if err := writeNew(root, target, res.Manifest); err != nil {
		return nil, dir, fmt.Errorf("%s: %w", where, unwrapPath(err))
	}
	return res, dir, nil
}

// shownDir is the project's folder as messages name it.
func shownDir(from, shown string, isDir bool) string {
	if shown == "" {
		shown = from
	}
	if !isDir {
		shown = filepath.Dir(shown)
	}
	if shown == "." {
		return ""
	}
	return shown
}
