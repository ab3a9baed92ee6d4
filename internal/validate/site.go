package validate

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// SitePage is what one page of a web site holds, as the tests read it.
type SitePage struct {
	Title    string
	Headings []string // the text of every h1 … h6, in order
	Notes    []string // the IDs of the notes (role doc-footnote)
	IDs      map[string]bool
}

// CheckSite reads the web site in dir as a browser from a file:// URL
// would: every page must be well-formed XHTML with unique IDs, and every
// link, picture, stylesheet and script inside the site must reach a file
// of the site (and an ID in it), never an absolute path or a place
// outside the folder. It returns the pages by name ("index.html") and
// one line per problem.
func CheckSite(dir string) (map[string]*SitePage, []string) {
	fsys := os.DirFS(dir)
	pages := map[string]*SitePage{}
	type ref struct{ from, to string }
	var refs []ref
	var problems []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".html") {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		p, links, err := readPage(data)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", name, err))
			return nil
		}
		pages[name] = p
		for _, l := range links {
			refs = append(refs, ref{name, l})
		}
		return nil
	})
	if err != nil {
		return pages, append(problems, err.Error())
	}
	for _, r := range refs {
		u, err := url.Parse(r.to)
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("%s: link %q: %v", r.from, r.to, err))
			continue
		case u.Scheme != "" || strings.HasPrefix(r.to, "//"):
			continue // leaves the site on purpose
		case strings.HasPrefix(u.Path, "/"):
			problems = append(problems, fmt.Sprintf("%s: link %q is absolute, which a file:// URL or a subfolder breaks", r.from, r.to))
			continue
		}
		target := r.from
		if u.Path != "" {
			target = path.Join(path.Dir(r.from), u.Path)
			if !fs.ValidPath(target) {
				problems = append(problems, fmt.Sprintf("%s: link %q leaves the site", r.from, r.to))
				continue
			}
			if _, err := fs.Stat(fsys, target); err != nil {
				problems = append(problems, fmt.Sprintf("%s: link %q: no file %s", r.from, r.to, target))
				continue
			}
		}
		if u.Fragment != "" {
			p := pages[target]
			if p == nil || !p.IDs[u.Fragment] {
				problems = append(problems, fmt.Sprintf("%s: link %q: no ID %q in %s", r.from, r.to, u.Fragment, target))
			}
		}
	}
	slices.Sort(problems)
	return pages, problems
}

// readPage parses a page strictly as XML and gathers what CheckSite needs.
func readPage(data []byte) (*SitePage, []string, error) {
	p := &SitePage{IDs: map[string]bool{}}
	var links []string
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var stack []string
	var text *strings.Builder // the heading or title being read
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			role := ""
			for _, a := range t.Attr {
				switch {
				case a.Name.Local == "id" && a.Name.Space == "":
					if p.IDs[a.Value] {
						return nil, nil, fmt.Errorf("ID %q used twice", a.Value)
					}
					p.IDs[a.Value] = true
				case a.Name.Local == "href" || a.Name.Local == "src":
					links = append(links, a.Value)
				case a.Name.Local == "popovertarget":
					links = append(links, "#"+a.Value)
				case a.Name.Local == "role":
					role = a.Value
				}
			}
			if role == "doc-footnote" {
				for _, a := range t.Attr {
					if a.Name.Local == "id" {
						p.Notes = append(p.Notes, a.Value)
					}
				}
			}
			if n := t.Name.Local; n == "title" || len(n) == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6' {
				text = &strings.Builder{}
			}
		case xml.EndElement:
			n := t.Name.Local
			if text != nil && (n == "title" || len(n) == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6') {
				s := strings.Join(strings.Fields(text.String()), " ")
				if n == "title" {
					p.Title = s
				} else {
					p.Headings = append(p.Headings, s)
				}
				text = nil
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if text != nil {
				text.Write(t)
			}
		}
	}
	return p, links, nil
}

// SiteFiles lists the files of a site folder, slash-separated, sorted.
func SiteFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	slices.Sort(out)
	return out, err
}
