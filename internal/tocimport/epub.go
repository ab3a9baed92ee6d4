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
		return m[0]
	}
	return ""
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
	Titles    []string `xml:"metadata>title"`
	Creators  []string `xml:"metadata>creator"`
	Languages []string `xml:"metadata>language"`
	Items     []struct {
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
	for _, c := range pkg.Creators {
		if c = strings.TrimSpace(c); c != "" {
			p.authors = append(p.authors, c)
		}
	}
	if len(pkg.Languages) > 0 {
		p.language = strings.TrimSpace(pkg.Languages[0])
	}
	type item struct{ href, mediaType, properties string }
	items := map[string]item{}
	for _, it := range pkg.Items {
		items[it.ID] = item{it.Href, it.MediaType, it.Properties}
	}
	var ownPages, outOfOrder []string
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
		e := entry{File: name, At: r.show(opf)}
		switch {
		case slices.Contains(body, "frontmatter"):
			e.Kind = "front"
		case slices.Contains(body, "backmatter"):
			e.Kind = "back"
		}
		p.entries = append(p.entries, e)
	}
	if len(ownPages) > 0 {
		p.notef("%s: the e-book's own title page, imprint, colophon, copyright page or contents: left out (the book made has its own)", andList(ownPages))
	}
	if len(outOfOrder) > 0 {
		p.notef("%s: out of the reading order (linear=\"no\"): left out", andList(outOfOrder))
	}
	return p, nil
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
