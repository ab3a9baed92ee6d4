package markdown

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/samizdat-press/samizdat/internal/diag"
)

// JekyllSite is what a book takes from the Jekyll site its pages come
// from: the values of its _config.yml, its _includes, and where its
// pages are, so that Liquid (liquid.go) makes what the site makes.
type JekyllSite struct {
	// Config is _config.yml's values.
	Config map[string]any
	// Dir is the site's folder, Book the book's, in the file system
	// read; the book's chapters are named from Book.
	Dir, Book string
	// Includes are the files of _includes, by their names there.
	Includes map[string][]byte
	// Pages are the site's Markdown and HTML files, from its folder.
	Pages map[string]bool
	// defaults are _config.yml's front matter defaults with no scope
	// or an empty path (Carpentries' page.root), by key.
	defaults map[string]any
	// permalinks are the pages' own addresses (their front matter's
	// permalink), as fileAt compares them, by address.
	permalinks map[string]string
	// collections are the site's folders of pages named with "_".
	collections []string
	// Name is the config file, for messages.
	Name string
	// Digest sums what was read, for caches of parsed chapters.
	Digest [32]byte
	// Warnings name what could not be read.
	Warnings []diag.Diagnostic
}

// jekyllKeys are _config.yml keys only a Jekyll site's config has.
var jekyllKeys = []string{"markdown", "theme", "remote_theme", "plugins", "gems", "kramdown", "highlighter", "collections", "permalink", "baseurl", "jekyll"}

// Limits on what is read of a site: its includes and its pages.
const (
	maxJekyllIncludes    = 500
	maxJekyllIncludeSize = 64 << 10
	maxJekyllPages       = 20000
	maxJekyllEntries     = 200000 // files and folders looked at for pages
	maxJekyllData        = 256 << 10
	// permalinkHead is how much of a page is read for its permalink:
	// front matter is at its top
	permalinkHead = 4 << 10
)

// permalinkOf is the permalink a page's front matter gives, as fileAt
// compares addresses, "" if none.
func permalinkOf(fsys fs.FS, name string) string {
	f, err := fsys.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	buf := make([]byte, permalinkHead)
	n, _ := io.ReadFull(f, buf)
	head := buf[:n]
	if !bytes.HasPrefix(head, []byte("---")) {
		return ""
	}
	for _, line := range bytes.Split(head, []byte("\n"))[1:] {
		l := strings.TrimSpace(string(line))
		if l == "---" {
			break
		}
		if v, ok := strings.CutPrefix(l, "permalink:"); ok {
			return addressKey(strings.Trim(strings.TrimSpace(v), "\"'"))
		}
	}
	return ""
}

// addressKey is an address as pages are looked up by it: no slashes
// around it, no .html or index.html at its end.
func addressKey(u string) string {
	u = strings.Trim(u, "/")
	u = strings.TrimSuffix(u, ".html")
	u = strings.TrimSuffix(u, "index")
	return strings.Trim(u, "/")
}

// readData reads _data's YAML and JSON files into site.data, as
// Jekyll gives them to Liquid, by their names without extension.
func (s *JekyllSite) readData(fsys fs.FS, h io.Writer) {
	if _, ok := s.Config["data"]; ok {
		return
	}
	dir := path.Join(s.Dir, "_data")
	des, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return
	}
	data := map[string]any{}
	for _, de := range des {
		ext := path.Ext(de.Name())
		if de.IsDir() || ext != ".yml" && ext != ".yaml" && ext != ".json" {
			continue
		}
		if fi, err := de.Info(); err != nil || fi.Size() > maxJekyllData {
			continue
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, de.Name()))
		if err != nil {
			continue
		}
		var v any
		if yaml.Unmarshal(b, &v) != nil {
			continue
		}
		data[strings.TrimSuffix(de.Name(), ext)] = v
		fmt.Fprintf(h, "%s\x00%d\x00", de.Name(), len(b))
		h.Write(b)
	}
	if len(data) > 0 {
		if s.Config == nil {
			s.Config = map[string]any{}
		}
		s.Config["data"] = data
	}
}

// FindJekyllSite finds the Jekyll site a book's pages come from: the
// first of dirs (folders of fsys, the book's first, then those above
// it) with a _config.yml and a sign of Jekyll beside it (_layouts/ or
// _includes/, a Gemfile naming jekyll) or in it (markdown: kramdown,
// theme:, remote_theme:…). nil when none is.
func FindJekyllSite(fsys fs.FS, dirs []string) *JekyllSite {
	for _, dir := range dirs {
		name := path.Join(dir, "_config.yml")
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue
		}
		if !jekyllSigns(fsys, dir, data) {
			continue
		}
		s := &JekyllSite{Dir: dir, Book: dirs[0], Name: name, Includes: map[string][]byte{}, Pages: map[string]bool{}}
		h := sha256.New()
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
		h.Write(data)
		if err := yaml.Unmarshal(data, &s.Config); err != nil {
			s.Warnings = append(s.Warnings, diag.Warnf(name, 0, "jekyll.config", "the Jekyll site's config cannot be read: %v; its values are not used", err))
		}
		s.readDefaults()
		inc := path.Join(dir, "_includes")
		n := 0
		_ = fs.WalkDir(fsys, inc, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || n >= maxJekyllIncludes {
				return nil
			}
			if fi, err := d.Info(); err != nil || !fi.Mode().IsRegular() || fi.Size() > maxJekyllIncludeSize {
				return nil
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return nil
			}
			rel := strings.TrimPrefix(p, inc+"/")
			s.Includes[rel] = b
			fmt.Fprintf(h, "%s\x00%d\x00", rel, len(b))
			h.Write(b)
			n++
			return nil
		})
		seen := 0
		_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if seen++; err != nil || len(s.Pages) >= maxJekyllPages || seen > maxJekyllEntries {
				return fs.SkipDir
			}
			base := d.Name()
			if d.IsDir() {
				if p != dir && (base == "_site" || base == "node_modules" || base == "vendor" || base == ".git" || base == "_includes" || base == "_layouts" || base == "_sass") {
					return fs.SkipDir
				}
				return nil
			}
			switch path.Ext(base) {
			case ".md", ".markdown", ".html", ".Rmd", ".ipynb":
				rel := p
				if dir != "." {
					rel = strings.TrimPrefix(p, dir+"/")
				}
				s.Pages[rel] = true
				fmt.Fprintf(h, "%s\x00", rel)
				if pl := permalinkOf(fsys, p); pl != "" {
					if s.permalinks == nil {
						s.permalinks = map[string]string{}
					}
					s.permalinks[pl] = rel
					fmt.Fprintf(h, "%s\x00", pl)
				}
			}
			return nil
		})
		for p := range s.Pages {
			if d, _, ok := strings.Cut(p, "/"); ok && strings.HasPrefix(d, "_") && !contains(s.collections, d) {
				s.collections = append(s.collections, d)
			}
		}
		sort.Strings(s.collections)
		s.readData(fsys, h)
		h.Sum(s.Digest[:0])
		return s
	}
	return nil
}

// jekyllSigns reports whether a folder with a _config.yml of data is a
// Jekyll site's.
func jekyllSigns(fsys fs.FS, dir string, data []byte) bool {
	for _, d := range []string{"_layouts", "_includes", "_posts"} {
		if fi, err := fs.Stat(fsys, path.Join(dir, d)); err == nil && fi.IsDir() {
			return true
		}
	}
	if g, err := fs.ReadFile(fsys, path.Join(dir, "Gemfile")); err == nil && bytes.Contains(g, []byte("jekyll")) {
		return true
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		k, _, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		for _, j := range jekyllKeys {
			if k == j {
				return true
			}
		}
	}
	return false
}

// readDefaults keeps the values of the config's defaults that hold for
// every page: those of no scope or an empty path. A later one wins.
func (s *JekyllSite) readDefaults() {
	ds, _ := s.Config["defaults"].([]any)
	for _, d := range ds {
		m, _ := d.(map[string]any)
		if sc, ok := m["scope"].(map[string]any); ok {
			if p, _ := sc["path"].(string); p != "" {
				continue
			}
			if _, typed := sc["type"]; typed {
				continue
			}
		}
		vs, _ := m["values"].(map[string]any)
		for k, v := range vs {
			if s.defaults == nil {
				s.defaults = map[string]any{}
			}
			s.defaults[k] = v
		}
	}
}

func (s *JekyllSite) pageDefault(key string) (any, bool) {
	if key == "root" {
		// a path prefix: links made from the site's paths need none
		return nil, false
	}
	return lookup(s.defaults, key)
}

// relative is the path from the chapter file (from the book's folder)
// to the site's file target (from the site's folder).
func (s *JekyllSite) relative(file, target string) string {
	from := path.Dir(path.Join(s.Book, file))
	to := path.Clean(path.Join(s.Dir, target))
	return relPath(from, to)
}

// relPath is the path from folder from to to, both clean and relative
// to the same folder.
func relPath(from, to string) string {
	if from == "." {
		return to
	}
	f := strings.Split(from, "/")
	t := strings.Split(to, "/")
	i := 0
	for i < len(f) && i < len(t)-1 && f[i] == t[i] {
		i++
	}
	var b []string
	for range f[i:] {
		b = append(b, "..")
	}
	return path.Join(append(b, t[i:]...)...)
}

// fileAt is the site's file served at the path u (from the site's root,
// after its baseurl), "" when no page is found. A path with an
// extension other than .html is the file's own.
func (s *JekyllSite) fileAt(u string) string {
	if i := strings.IndexAny(u, "#?"); i >= 0 {
		u = u[:i]
	}
	if b, _ := s.Config["baseurl"].(string); b != "" && b != "/" && strings.HasPrefix(u, b) {
		u = strings.TrimPrefix(u, b)
	}
	u = strings.Trim(u, "/")
	if ext := path.Ext(u); ext != "" && ext != ".html" {
		return u
	}
	u = addressKey(u)
	if f, ok := s.permalinks[u]; ok {
		return f
	}
	var cands []string
	for _, ext := range []string{".md", ".markdown", ".html"} {
		if u == "" {
			cands = append(cands, "index"+ext)
			continue
		}
		cands = append(cands, u+ext, u+"/index"+ext)
	}
	for _, c := range cands {
		if s.Pages[c] {
			return c
		}
	}
	// a collection's pages (_episodes/…) are served from the root
	for _, d := range s.collections {
		for _, c := range cands {
			if s.Pages[d+"/"+c] {
				return d + "/" + c
			}
			// a collection served under its name (/:collection/:path/)
			if rest, ok := strings.CutPrefix(c, d[1:]+"/"); ok && s.Pages[d+"/"+rest] {
				return d + "/" + rest
			}
		}
	}
	return ""
}

// pageLink is the path from the chapter file to the page the site
// serves at the site address u ("/docs/usage/#x"), u itself when it is
// no such address or no page is there.
func (s *JekyllSite) pageLink(file, u string) string {
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		return u
	}
	f := s.fileAt(u)
	if f == "" || !s.Pages[f] {
		return u
	}
	frag := ""
	if i := strings.IndexAny(u, "#?"); i >= 0 {
		frag = u[i:]
	}
	return s.relative(file, f) + frag
}
