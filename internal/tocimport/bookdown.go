package tocimport

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// bookdown reads a bookdown book: _bookdown.yml's rmd_files (a list, or
// one per output format), else the .Rmd files of its folder by name,
// index.Rmd first, leaving out those whose names start with "_", as
// bookdown does; the title, author and lang of index.Rmd's front matter.
func (r *reader) bookdown(config string) (*project, error) {
	dir := "."
	if config != "" {
		dir = path.Dir(config)
	}
	p := &project{kind: KindBookdown, book: dir}
	var files []entry
	listed := false
	var subdirs []string
	if config != "" {
		root, err := r.yamlConfig(config)
		if err != nil {
			return nil, err
		}
		p.read = append(p.read, config)
		switch rf := field(root, "rmd_files"); {
		case rf == nil || rf.Kind == yamlfile.Null:
		case rf.Kind == yamlfile.List:
			files, listed = r.rmdList(p, config, rf), true
		case rf.Kind == yamlfile.Map && len(rf.Fields) > 0:
			chosen := rf.Fields[0]
			for _, want := range []string{"html", "epub", "latex"} {
				if i := slices.IndexFunc(rf.Fields, func(f *yamlfile.Field) bool { return f.Name() == want }); i >= 0 {
					chosen = rf.Fields[i]
					break
				}
			}
			if len(rf.Fields) > 1 {
				p.notef("%s:%d: rmd_files lists files for each format: %s's read", r.show(config), chosen.Key.Line, chosen.Name())
			}
			files, listed = r.rmdList(p, config, chosen.Value), true
		default:
			return nil, fmt.Errorf("%s:%d: rmd_files: expected a list of files", r.show(config), rf.Line)
		}
		switch sd := field(root, "rmd_subdir"); {
		case sd == nil:
		case sd.Kind == yamlfile.Scalar && (sd.Value == "true" || sd.Value == "yes" || sd.Value == "TRUE"):
			subdirs = []string{""}
		case sd.Kind == yamlfile.List:
			for _, it := range sd.Items {
				if s := scalar(it); s != "" {
					subdirs = append(subdirs, s)
				}
			}
		}
	}
	if !listed {
		var err error
		if files, err = r.rmdFiles(dir, subdirs); err != nil {
			return nil, err
		}
		if len(p.read) == 0 {
			p.read = append(p.read, path.Join(dir, "index.Rmd"))
		}
	}
	p.entries = files
	// the title, authors and language are index.Rmd's, else the first file's
	first := path.Join(dir, "index.Rmd")
	if !r.exists(first) && len(files) > 0 {
		first = path.Join(dir, files[0].File)
	}
	if src, err := r.readFile(first); err == nil {
		if fm, ok := frontMatter(src); ok {
			f := yamlfile.Parse(r.show(first), fm)
			p.title = scalar(field(f.Root, "title"))
			p.siteURL = scalar(field(f.Root, "url"))
			p.authors = people(field(f.Root, "author"))
			p.language = scalar(field(f.Root, "lang"))
			p.langFrom = r.show(first)
			if !slices.Contains(p.read, first) {
				p.read = append(p.read, first)
			}
		}
	}
	return p, nil
}

// rmdList reads a list of chapter files.
func (r *reader) rmdList(p *project, config string, n *yamlfile.Node) []entry {
	items := []*yamlfile.Node{n}
	if n.Kind == yamlfile.List {
		items = n.Items
	}
	var out []entry
	for _, it := range items {
		if s := scalar(it); s != "" {
			out = append(out, entry{File: s, At: fmt.Sprintf("%s:%d", r.show(config), it.Line)})
		} else {
			p.notef("%s:%d: rmd_files: not a file name: left out", r.show(config), it.Line)
		}
	}
	return out
}

// rmdFiles lists the .Rmd files of dir (and of subdirs, "" for every
// folder below it) as bookdown orders them.
func (r *reader) rmdFiles(dir string, subdirs []string) ([]entry, error) {
	var names []string
	add := func(folder string, deep bool) error {
		return fs.WalkDir(r.fsys, path.Join(dir, folder), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != path.Join(dir, folder) && (!deep || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
					return fs.SkipDir
				}
				return nil
			}
			if strings.EqualFold(path.Ext(d.Name()), ".rmd") && !strings.HasPrefix(d.Name(), "_") {
				rel := strings.TrimPrefix(strings.TrimPrefix(p, dir), "/")
				if dir == "." {
					rel = p
				}
				names = append(names, rel)
			}
			return nil
		})
	}
	if err := add("", false); err != nil {
		return nil, fmt.Errorf("%s: %v", r.show(dir), unwrap(err))
	}
	for _, s := range subdirs {
		if s == "" {
			names = names[:0]
			if err := add("", true); err != nil {
				return nil, err
			}
			break
		}
		if err := add(s, true); err != nil {
			return nil, fmt.Errorf("%s: %v", r.show(path.Join(dir, s)), unwrap(err))
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	if i := slices.Index(names, "index.Rmd"); i > 0 {
		names = append([]string{"index.Rmd"}, slices.Delete(names, i, i+1)...)
	}
	out := make([]entry, len(names))
	for i, n := range names {
		out[i] = entry{File: n, At: r.show(path.Join(dir, n))}
	}
	return out, nil
}
