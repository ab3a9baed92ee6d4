package tocimport

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// KindEPUB is an unpacked EPUB: a Standard Ebooks source repository, or
// any e-book's files.
const KindEPUB = "EPUB package"

// findContainer finds an unpacked EPUB's META-INF/container.xml at the
// project's top or in one folder of it (Standard Ebooks keep theirs in
// src/); "" when there is none.
func (r *reader) findContainer() string {
	if r.exists("META-INF/container.xml") {
		return "META-INF/container.xml"
	}
	if m, _ := fs.Glob(r.fsys, "*/META-INF/container.xml"); len(m) == 1 {
		if opf := r.containerPackage(m[0]); opf != "" && !r.exists(opf) {
			// a folder of the files a project's build puts into its
			// EPUB (Eloquent JavaScript's epub/), the package document
			// still to be made: the project's pages are elsewhere
			r.epubTemplate = m[0]
			return ""
		}
		return m[0]
	}
	return ""
}

// containerPackage is the package document a container names, "" when
// it names none that is inside the project.
func (r *reader) containerPackage(container string) string {
	data, err := r.readFile(container)
	if err != nil {
		return ""
	}
	var c struct {
		Rootfiles []struct {
			FullPath string `xml:"full-path,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if xml.Unmarshal(data, &c) != nil || len(c.Rootfiles) == 0 {
		return ""
	}
	opf := path.Join(path.Dir(path.Dir(container)), c.Rootfiles[0].FullPath)
	if c.Rootfiles[0].FullPath == "" || !fs.ValidPath(opf) {
		return ""
	}
	return opf
}

// epubContainer reads the container's first package document.
func (r *reader) epubContainer(container string) (*project, error) {
	data, err := r.readFile(container)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", r.show(container), unwrap(err))
	}
	var c struct {
		Rootfiles []struct {
			FullPath string `xml:"full-path,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := xml.Unmarshal(data, &c); err != nil || len(c.Rootfiles) == 0 || c.Rootfiles[0].FullPath == "" {
		return nil, fmt.Errorf("%s: names no package document (rootfile full-path)", r.show(container))
	}
	// the container's folder is the EPUB's root, which full-path is from
	opf := path.Join(path.Dir(path.Dir(container)), c.Rootfiles[0].FullPath)
	if !fs.ValidPath(opf) {
		return nil, fmt.Errorf("%s: the package document %q is outside the project", r.show(container), c.Rootfiles[0].FullPath)
	}
	if !r.exists(opf) {
		// a project that makes its EPUB when built keeps the container
		// and not the package document it will write
		return nil, fmt.Errorf("%s: names %s as its package document, which is not there (the project may make it when built): build the EPUB and unpack it, or list its pages in a manifest (samizdat init, then its chapters:)", r.show(container), r.show(opf))
	}
	p, err := r.epubPackage(opf)
	if err != nil {
		return nil, err
	}
	p.read = append([]string{container}, p.read...)
	return p, nil
}

// opfPackage is what a package document says of the book.
type opfPackage struct {
	Titles       []string  `xml:"metadata>title"`
	Creators     []opfName `xml:"metadata>creator"`
	Contributors []opfName `xml:"metadata>contributor"`
	Languages    []string  `xml:"metadata>language"`
	Identifiers  []string  `xml:"metadata>identifier"`
	Publishers   []string  `xml:"metadata>publisher"`
	Dates        []string  `xml:"metadata>date"`
	Rights       []string  `xml:"metadata>rights"`
	Sources      []string  `xml:"metadata>source"`
	Metas        []struct {
		Property string `xml:"property,attr"`
		Refines  string `xml:"refines,attr"`
		Value    string `xml:",chardata"`
	} `xml:"metadata>meta"`
	Items []struct {
		ID         string `xml:"id,attr"`
		Href       string `xml:"href,attr"`
		MediaType  string `xml:"media-type,attr"`
		Properties string `xml:"properties,attr"`
	} `xml:"manifest>item"`
	Spine []struct {
		IDRef  string `xml:"idref,attr"`
		Linear string `xml:"linear,attr"`
	} `xml:"spine>itemref"`
}

// epubPackage reads a package document (content.opf): the title, the
// creators and the language of its metadata, and its spine, the reading
// order, as the chapters. The e-book's own title page, imprint, colophon
// and copyright page (by their epub:type), its navigation document and
// the pages out of the reading order (linear="no") are left out, with a
// note: the book made has its own. Front and back matter (the body's
// epub:type frontmatter, backmatter) are kind: front and back.
func (r *reader) epubPackage(opf string) (*project, error) {
	data, err := r.readFile(opf)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", r.show(opf), unwrap(err))
	}
	var pkg opfPackage
	if err := xml.Unmarshal(data, &pkg); err != nil {
		return nil, fmt.Errorf("%s: not a package document: %v", r.show(opf), err)
	}
	p := &project{kind: KindEPUB, read: []string{opf}, book: path.Dir(opf), langFrom: r.show(opf)}
	if len(pkg.Titles) > 0 {
		p.title = strings.TrimSpace(pkg.Titles[0])
	}
	// an illustrator or an editor named as creator is no author
	p.authors = pkg.named(pkg.Creators, "aut", true)
	p.provenance = pkg.provenance()
	if len(pkg.Languages) > 0 {
		p.language = strings.TrimSpace(pkg.Languages[0])
	}
	type item struct{ href, mediaType, properties string }
	items := map[string]item{}
	for _, it := range pkg.Items {
		items[it.ID] = item{it.Href, it.MediaType, it.Properties}
	}
	var ownPages, outOfOrder, notePages []string
	for _, ref := range pkg.Spine {
		it, ok := items[ref.IDRef]
		if !ok {
			p.notef("%s: the spine names %q, which the manifest lacks: left out", r.show(opf), ref.IDRef)
			continue
		}
		name := path.Clean(it.href)
		shown := r.show(path.Join(p.book, name))
		switch {
		case slices.Contains(strings.Fields(it.properties), "nav"):
			ownPages = append(ownPages, shown)
			continue
		case ref.Linear == "no":
			outOfOrder = append(outOfOrder, shown)
			continue
		case it.mediaType != "application/xhtml+xml" && it.mediaType != "text/html":
			p.notef("%s: %s is %s, not a page: left out", r.show(opf), shown, it.mediaType)
			continue
		}
		body, section := r.pageTypes(path.Join(p.book, name))
		if slices.ContainsFunc(section, isPublishersPage) || slices.ContainsFunc(body, isPublishersPage) {
			ownPages = append(ownPages, shown)
			continue
		}
		notes := slices.ContainsFunc(section, isNotesPage)
		if notes {
			notePages = append(notePages, shown)
		}
		// every page but the notes, which become the chapters', is the
		// transcribed text: a preface or an appendix as much as a chapter
		e := entry{File: name, At: r.show(opf), Sourced: p.provenance != nil && !notes}
		switch {
		case slices.Contains(body, "frontmatter"):
			e.Kind = "front"
		case slices.Contains(body, "backmatter"):
			e.Kind = "back"
		case p.provenance != nil:
			e.Kind = "source"
		}
		p.entries = append(p.entries, e)
	}
	if len(ownPages) > 0 {
		p.notef("%s: the e-book's own title page, imprint, colophon, copyright page or contents: left out (the book made has its own)", andList(ownPages))
	}
	if len(outOfOrder) > 0 {
		p.notef("%s: out of the reading order (linear=\"no\"): left out", andList(outOfOrder))
	}
	if len(notePages) > 0 {
		p.notef("%s: the e-book's notes: listed, so each note becomes a footnote of the chapter that references it; a page left with no note is left out of the book made", andList(notePages))
	}
	if p.provenance != nil {
		p.notef("%s: the package names the text's source (dc:source): its chapters are kind: source, and they and the front and back matter carry the provenance its metadata gives (add the original's date, which e-books do not give)", r.show(opf))
	}
	return p, nil
}

// opfName is a dc:creator or dc:contributor, whose roles are in
// <meta property="role" refines="#id"> elements.
type opfName struct {
	ID   string `xml:"id,attr"`
	Name string `xml:",chardata"`
}

// provenance is what the package says of the text's origin, in the
// manifest's provenance fields, when it names a source it was transcribed
// from (dc:source); nil when it names none: an e-book that is no
// transcription is the book's own text. Only what the metadata states is
// taken: the original's date, which no e-book's metadata gives, is left
// for the user to add.
func (pkg *opfPackage) provenance() []provField {
	var sources []string
	for _, s := range pkg.Sources {
		if s = collapse(s); s != "" {
			sources = append(sources, s)
		}
	}
	if len(sources) == 0 {
		return nil
	}
	named := pkg.named
	var fields []provField
	add := func(key, value string) {
		if value != "" {
			fields = append(fields, provField{key, value})
		}
	}
	add("author", andList(append(named(pkg.Creators, "aut", true), named(pkg.Contributors, "aut", false)...)))
	if len(pkg.Titles) > 0 {
		add("title", collapse(pkg.Titles[0]))
	}
	add("translator", andList(append(named(pkg.Creators, "trl", false), named(pkg.Contributors, "trl", false)...)))
	if len(pkg.Publishers) > 0 {
		add("publisher", collapse(pkg.Publishers[0]))
	}
	if len(pkg.Dates) > 0 {
		// the e-book's release, the edition used; a time of day is noise
		d := collapse(pkg.Dates[0])
		if t, _, ok := strings.Cut(d, "T"); ok {
			d = t
		}
		add("published", d)
	}
	for _, id := range pkg.Identifiers {
		if id = collapse(id); strings.HasPrefix(id, "https://") || strings.HasPrefix(id, "http://") {
			add("url", id)
			break
		}
	}
	if len(pkg.Rights) > 0 {
		add("license", shortRights(collapse(pkg.Rights[0])))
	}
	add("note", "transcribed from "+andList(sources))
	return fields
}

// named returns the names in list that have role (a MARC relator code,
// given by <meta property="role" refines="#id">), and, when unroledIs,
// those that have no role: a creator without one is the author, as the
// package format takes the primary creator to be.
func (pkg *opfPackage) named(list []opfName, role string, unroledIs bool) []string {
	var out []string
	for _, n := range list {
		var roles []string
		for _, m := range pkg.Metas {
			if m.Property == "role" && n.ID != "" && m.Refines == "#"+n.ID {
				roles = append(roles, strings.TrimSpace(m.Value))
			}
		}
		name := collapse(n.Name)
		if name != "" && (slices.Contains(roles, role) || (len(roles) == 0 && unroledIs)) {
			out = append(out, name)
		}
	}
	return out
}

// shortRights shortens the rights statement Standard Ebooks give every
// book, a paragraph, to what it says; any other is kept as given.
func shortRights(r string) string {
	if strings.Contains(r, "United States public domain") && strings.Contains(r, "CC0 1.0") {
		return "text in the United States public domain; the edition's contributions dedicated to the public domain (CC0 1.0)"
	}
	return r
}

// provField is one provenance field, in the manifest's order.
type provField struct{ key, value string }

// collapse trims s and makes each run of white space one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// isNotesPage reports an epub:type of a page of notes.
func isNotesPage(t string) bool {
	switch t {
	case "endnotes", "footnotes", "rearnotes":
		return true
	}
	return false
}

// isPublishersPage reports an epub:type of the pages an e-book's
// publisher makes for its edition, which a book made from it makes anew.
func isPublishersPage(t string) bool {
	switch t {
	case "titlepage", "halftitlepage", "imprint", "colophon", "copyright-page", "cover", "toc":
		return true
	}
	return false
}

var epubTypeAttr = regexp.MustCompile(`\bepub:type\s*=\s*["']([^"']*)["']`)

// pageTypes are the epub:type values of a page's <body> and of the first
// element after it that has any (Standard Ebooks mark the section).
func (r *reader) pageTypes(name string) (body, section []string) {
	data, err := r.readFile(name)
	if err != nil {
		return nil, nil
	}
	i := bytes.Index(data, []byte("<body"))
	if i < 0 {
		return nil, nil
	}
	data = data[i:]
	end := bytes.IndexByte(data, '>')
	if end < 0 {
		return nil, nil
	}
	if m := epubTypeAttr.FindSubmatch(data[:end]); m != nil {
		body = strings.Fields(string(m[1]))
	}
	if m := epubTypeAttr.FindSubmatch(data[end:min(len(data), end+4096)]); m != nil {
		section = strings.Fields(string(m[1]))
	}
	return body, section
}
