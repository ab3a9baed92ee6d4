// Package starter makes books: a new book folder that builds at once
// (Init), and new chapters, sources and files of notes in a book, each
// with its entry in the manifest (New).
package starter

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/samizdat-press/samizdat/internal/manifest"
)

// starterBook is the book Init writes: a manifest, an introduction, a
// source with its provenance, editorial notes, a config with two editions
// and a README. The manifest and the README are templates.
//
//go:embed book
var starterBook embed.FS

// templated are the files of starterBook that name the book.
var templated = map[string]bool{"manifest.yaml": true, "README.md": true}

// renamed are files stored under another name, since embed leaves out
// names starting with a dot.
var renamed = map[string]string{"gitignore": ".gitignore"}

// Init writes a new book titled title into dir, which must not exist or
// be empty, and returns the files it wrote, slash-separated and relative
// to dir. An empty title is made from the folder's name. Nothing is left
// behind when it fails.
func Init(dir, title string) ([]string, error) {
	if title == "" {
		title = titleFromName(filepath.Base(filepath.Clean(dir)))
	}
	entries, err := os.ReadDir(dir)
	created := errors.Is(err, fs.ErrNotExist)
	switch {
	case err == nil && len(entries) > 0:
		return nil, fmt.Errorf("%s is not empty: samizdat init makes a new book in a new or empty folder", dir)
	case err != nil && !created:
		return nil, err
	}
	files, err := render(title)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	var names []string
	for _, f := range files {
		if err := writeNew(root, f.name, f.data); err != nil {
			for _, n := range names {
				root.Remove(n)
			}
			if created {
				os.RemoveAll(dir)
			}
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, filepath.FromSlash(f.name)), err)
		}
		names = append(names, f.name)
	}
	slices.Sort(names)
	return names, nil
}

type file struct {
	name string
	data []byte
}

// render makes the starter book's files for title, in a stable order.
func render(title string) ([]file, error) {
	data := struct{ Title, Slug string }{title, manifest.Slugify(title)}
	funcs := template.FuncMap{"yaml": yamlScalar}
	var out []file
	err := fs.WalkDir(starterBook, "book", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := starterBook.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "book/")
		if templated[name] {
			t, err := template.New(name).Funcs(funcs).Option("missingkey=error").Parse(string(body))
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := t.Execute(&buf, data); err != nil {
				return err
			}
			body = buf.Bytes()
		}
		if to, ok := renamed[path.Base(name)]; ok {
			name = path.Join(path.Dir(name), to)
		}
		out = append(out, file{name: path.Clean(name), data: body})
		return nil
	})
	return out, err
}

// yamlScalar writes s as one YAML scalar, quoted as YAML needs.
func yamlScalar(s string) (string, error) {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.ContainsAny(s, "\n\r") {
		n.Style = yaml.DoubleQuotedStyle
	}
	out, err := yaml.Marshal(n)
	return strings.TrimSuffix(string(out), "\n"), err
}

// writeNew writes a file that must not exist yet, making its folder.
func writeNew(root *os.Root, name string, data []byte) error {
	if dir := path.Dir(name); dir != "." {
		if err := root.MkdirAll(filepath.FromSlash(dir), 0o755); err != nil {
			return err
		}
	}
	f, err := root.OpenFile(filepath.FromSlash(name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// titleFromName makes a title of a folder's name: "my-reader" is "My
// Reader".
func titleFromName(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || unicode.IsSpace(r) })
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	if len(words) == 0 {
		return "Untitled"
	}
	return strings.Join(words, " ")
}
