package notes

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// linkContext is where a link is written: base is the file relative paths
// start from, entry the entry "#id" refers to.
type linkContext struct {
	base  string
	entry *doc.Entry
}

// resolveLinks sets External, or Entry and Anchor, on every link in the
// text, the footnotes and the annotations.
//
//   - a URL with a scheme (http:, https:, mailto:, ftp:, …) or starting with
//     "//" leaves the book: External;
//   - "other.md", "other.md#id" (relative to the linking file, or to the book
//     folder when starting with "/") and "#id" point into the book, and so do
//     "other.html" and "other.xhtml", the names under which a book published
//     as a website links to the chapter whose source is other.md; a file or
//     ID the book does not have is a warning, given once however many links
//     lead there;
//   - a target the edition's conditions left out is a warning, and the link
//     is printed as its text (no Entry, not External);
//   - a picture file the edition shows (in a figure or in a line, in the
//     text or a note) leads to the first place it is shown, whether before
//     or after the link, which gets an ID if it has none (the one
//     planPictureAnchors named it in every edition); a fragment is
//     ignored, since a picture has no headings. A link holding the very
//     picture it leads to (a picture linked to its full-size file) is
//     printed as its content, with a warning;
//   - a local file that is not an entry (a PDF in the book folder, a
//     picture the edition does not show) is a warning and printed as text
//     too, since neither format carries it.
func (r *resolver) resolveLinks(anns []*annotation) {
	for _, e := range r.entries() {
		ctx := linkContext{base: cleanPath(e.File), entry: e}
		for _, blocks := range entryBlockSets(e) {
			r.linksIn(blocks, ctx)
		}
	}
	for _, a := range anns {
		if a.note != nil && a.placedIn != nil {
			r.linksIn(a.note.Blocks, linkContext{base: cleanPath(a.file), entry: a.placedIn})
		}
	}
	for _, p := range r.linkProblems {
		msg := p.msg
		if p.more > 0 {
			msg += fmt.Sprintf(" (as are %d other links to it)", p.more)
			if p.more == 1 {
				msg = p.msg + " (as is 1 other link to it)"
			}
		}
		r.warnf(p.pos, p.code, "%s", msg)
	}
	r.linkProblems, r.linkProblemAt = nil, nil
}

// linkProblem is a warning about links to one target: the first link's,
// counting the others.
type linkProblem struct {
	pos  doc.Pos
	code string
	msg  string
	more int
}

// linkWarnf reports a link that leads nowhere, once per target (key): a
// book that links to a missing page from twenty places has one problem.
func (r *resolver) linkWarnf(pos doc.Pos, code, key, format string, args ...any) {
	k := code + "\x00" + key
	if i, ok := r.linkProblemAt[k]; ok {
		r.linkProblems[i].more++
		return
	}
	if r.linkProblemAt == nil {
		r.linkProblemAt = map[string]int{}
	}
	r.linkProblemAt[k] = len(r.linkProblems)
	r.linkProblems = append(r.linkProblems, linkProblem{pos: pos, code: code, msg: fmt.Sprintf(format, args...)})
}

func (r *resolver) linksIn(blocks []doc.Block, ctx linkContext) {
	var pos doc.Pos
	doc.Walk(blocks, doc.Visitor{
		Block: func(b doc.Block) bool {
			if b != nil {
				pos = posIn(b.Position(), ctx.base)
			}
			return true
		},
		Inline: func(in doc.Inline) bool {
			if l, ok := in.(*doc.Link); ok {
				r.resolveLink(l, l.Place(pos), ctx)
			}
			return true
		},
	})
}

func (r *resolver) resolveLink(l *doc.Link, pos doc.Pos, ctx linkContext) {
	l.External, l.Entry, l.Anchor = false, "", ""
	raw := strings.TrimSpace(l.URL)
	if doc.HasURLScheme(raw) || strings.HasPrefix(raw, "//") {
		l.External = true
		return
	}
	if raw == "" {
		// "[lesson]()": GitHub links it to the page it is on, but a link
		// written without an address is a placeholder for one to come;
		// as a link to its own chapter it would print "(p. 1)".
		r.linkWarnf(pos, "link.invalid", "", "link %q has no address; printed as text", l.URL)
		return
	}
	if p := strayBeforeScheme(raw); p != "" {
		r.linkWarnf(pos, "link.invalid", raw, "link %q: the %q before its address makes it neither a URL nor a file; printed as text", l.URL, p)
		return
	}
	ref, frag, _ := strings.Cut(raw, "#")
	ref, _, _ = strings.Cut(ref, "?")
	if p, err := url.PathUnescape(ref); err == nil {
		ref = p
	}

	target := ctx.entry
	if ref != "" {
		var file string
		if strings.HasPrefix(ref, "/") {
			file = path.Clean(strings.TrimLeft(ref, "/"))
		} else {
			file = path.Join(path.Dir(ctx.base), ref)
			file = r.inPageFolder(file, ref)
		}
		if file == ".." || strings.HasPrefix(file, "../") {
			if u, ok := r.onSite(ctx.base, raw); ok {
				l.URL, l.External = u, true
				return
			}
			r.linkWarnf(pos, "link.outside", file, "link %q: it points outside the book folder; printed as text (give markdown.site_url to lead it to the book's website)", l.URL)
			return
		}
		file = r.chapterFile(file)
		target = r.entryByFile[file]
		if target == nil && r.allEntryByFile[file] == nil && isPrettyURL(ref) {
			page, ok := r.prettyURLFile(ref, ctx.base)
			if !ok && !r.fileExists(file) && (isReadme(ctx.base) || !strings.HasSuffix(ref, "/")) {
				// a folder beside the file, as GitHub reads a README's
				// links: README.de-DE.md's "../queue/" is its folder's
				// sibling, where as a website's page it would be its own;
				// and a page beside the file, as VitePress, whose pages
				// are files (guide/a.html), reads "./b" from guide/a.md
				// (an address ending in "/" is a folder's, Hugo's)
				if p, found := r.pageAt(file); found {
					page, ok = p, true
				}
			}
			if !ok && !r.fileExists(file) {
				if p, found := r.numberedPage(file); found {
					page, ok = p, true
				}
			}
			if !ok && !r.fileExists(file) {
				if page == "." {
					// the site's home page, which a docs folder often lacks
					r.linkWarnf(pos, "link.dangling", file, "link %q: the site's home page, and the book folder has no index.md or _index.md; printed as text", l.URL)
					return
				}
				r.linkWarnf(pos, "link.dangling", file, "link %q: no page %s in the book folder (%s.md, %s/index.md or %s/_index.md); printed as text", l.URL, page, page, page, page)
				return
			}
			if ok {
				file = page
				target = r.entryByFile[file]
			}
		}
		if target == nil {
			r.localFileLink(l, pos, file, ctx.base)
			return
		}
	}
	if target == nil {
		return
	}
	if frag == "" {
		l.Entry = target.ID
		return
	}
	id, ok := r.anchor(cleanPath(target.File), frag)
	key := cleanPath(target.File) + "#" + frag
	switch {
	case !ok:
		r.linkWarnf(pos, "link.dangling", key, "link %q: no heading %q in %s; printed as text", l.URL, frag, target.File)
	case r.bannerAnchors[id]:
		l.Entry = target.ID
	case !r.keptAnchors[id]:
		r.linkWarnf(pos, "link.left-out", key, "link %q: the edition leaves out %q in %s; printed as text", l.URL, frag, target.File)
	default:
		l.Entry, l.Anchor = target.ID, id
	}
}

// anchor is the book-wide ID of the anchor named frag in file: as written,
// percent-decoded, or else the one anchor whose name differs only in case.
// GitHub's and mdBook's heading IDs are lower case, and READMEs link to
// them as the heading is written ("#Описание" for "## Описание"), which
// GitHub follows.
func (r *resolver) anchor(file, frag string) (string, bool) {
	if id, ok := r.anchors[anchorKey{file, frag}]; ok {
		return id, true
	}
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
		if id, ok := r.anchors[anchorKey{file, frag}]; ok {
			return id, true
		}
	}
	if r.anchorsByCase == nil {
		r.anchorsByCase = map[anchorKey][]string{}
		for k, id := range r.anchors {
			folded := anchorKey{k.file, strings.ToLower(k.id)}
			// one anchor by two names (a notebook heading's slug and
			// Jupyter's name) is still one
			if !slices.Contains(r.anchorsByCase[folded], id) {
				r.anchorsByCase[folded] = append(r.anchorsByCase[folded], id)
			}
		}
	}
	ids := r.anchorsByCase[anchorKey{file, strings.ToLower(frag)}]
	if len(ids) != 1 {
		return "", false
	}
	return ids[0], true
}

// localFileLink handles a link to a file in the book folder that is not one
// of the edition's entries; base is the file the link is written in.
func (r *resolver) localFileLink(l *doc.Link, pos doc.Pos, file, base string) {
	if e := r.allEntryByFile[file]; e != nil && r.leftOut[e] {
		r.linkWarnf(pos, "link.left-out", file, "link %q: the edition leaves out %s; printed as text", l.URL, file)
		return
	}
	if isMarkdown(file) {
		r.linkWarnf(pos, "link.dangling", file, "link %q: %s is not in the book; printed as text", l.URL, file)
		return
	}
	if r.pictures == nil {
		// Found once, when the first link needs them, and before any
		// picture is given an anchor; a book without such links pays
		// nothing.
		r.pictures = r.shownPictures()
	}
	if p := r.pictures[file]; p != nil {
		if holdsPicture(l, file, base) {
			r.linkWarnf(pos, "link.local-file", file, "link %q: it holds the picture it leads to; the picture is shown without the link", l.URL)
			return
		}
		l.Entry, l.Anchor = p.entry.ID, r.pictureAnchor(p, file)
		return
	}
	if r.inLeftOutContent(file) {
		r.linkWarnf(pos, "link.left-out", file, "link %q: the edition leaves out the picture %s; printed as text", l.URL, file)
		return
	}
	if r.in.FS != nil {
		if _, err := fs.Stat(r.in.FS, file); err != nil {
			r.linkWarnf(pos, "link.dangling", file, "link %q: no file %s in the book folder; printed as text", l.URL, file)
			return
		}
	}
	if isPicture(file) {
		r.linkWarnf(pos, "link.local-file", file, "link %q: %s is a picture the book does not show; printed as text", l.URL, file)
		return
	}
	r.linkWarnf(pos, "link.local-file", file, "link %q: %s is not part of the book, so neither format can carry it; printed as text", l.URL, file)
}

// chapterFile is the Markdown file a link names: other.html and
// other.xhtml stand for the entry whose source is other.md (in any of the
// Markdown spellings), unless the book lists a file of that very name.
func (r *resolver) chapterFile(file string) string {
	if _, ok := r.allEntryByFile[file]; ok {
		return file
	}
	switch strings.ToLower(path.Ext(file)) {
	case ".html", ".htm", ".xhtml":
	default:
		return file
	}
	stem := strings.TrimSuffix(file, path.Ext(file))
	for _, ext := range markdownExts {
		if _, ok := r.allEntryByFile[stem+ext]; ok {
			return stem + ext
		}
	}
	return file
}

// isPrettyURL reports whether ref is written as a page's address on a
// website whose pages are folders (Hugo's, and MkDocs' by default):
// "/section/page/", "../page/", "page/", or without the slash, a last
// part with no extension.
func isPrettyURL(ref string) bool {
	return strings.HasSuffix(ref, "/") || path.Ext(path.Base(ref)) == ""
}

// prettyURLFile is the chapter a pretty URL leads to: the page whose
// address it is, section/page.md or its bundle section/page/index.md or
// _index.md (README.md in MkDocs). A relative address starts from the
// linking page's own address, which is a folder below its file's unless
// the file is its folder's index, as a browser reads it there. Without
// such a chapter, page is the path it names and ok false.
func (r *resolver) prettyURLFile(ref, base string) (page string, ok bool) {
	if strings.HasPrefix(ref, "/") {
		page = path.Clean(strings.TrimLeft(ref, "/"))
	} else {
		dir := path.Dir(base)
		stem := strings.TrimSuffix(path.Base(base), path.Ext(base))
		switch strings.ToLower(stem) {
		case "index", "_index", "readme":
		default:
			dir = path.Join(dir, stem)
		}
		page = path.Join(dir, ref)
	}
	if page == ".." || strings.HasPrefix(page, "../") {
		return page, false
	}
	return r.pageAt(page)
}

// isReadme reports whether file is a README or one of its translations
// (README.md, README.de-DE.md), written to be read on GitHub.
func isReadme(file string) bool {
	return strings.HasPrefix(strings.ToLower(path.Base(file)), "readme.")
}

// numberedPage is the one chapter beside page whose file is page's name
// after a number, as Eloquent JavaScript's links name its chapters
// (values for 01_values.md): its build finds a chapter by that name,
// its docid. A name two chapters share leads to neither.
func (r *resolver) numberedPage(page string) (string, bool) {
	dir, name := path.Dir(page), path.Base(page)
	if name == "." || name == ".." || name == "" {
		return "", false
	}
	found := ""
	for f := range r.allEntryByFile {
		if path.Dir(f) != dir {
			continue
		}
		stem := strings.TrimSuffix(path.Base(f), path.Ext(f))
		digits := strings.TrimLeft(stem, "0123456789")
		if len(digits) == len(stem) || !strings.HasPrefix(digits, "_") && !strings.HasPrefix(digits, "-") || digits[1:] != name {
			continue
		}
		if found != "" {
			return "", false
		}
		found = f
	}
	return found, found != ""
}

// pageAt is the chapter whose address page is, in the book or left out
// of it (prettyURLFile).
func (r *resolver) pageAt(page string) (string, bool) {
	var candidates []string
	if page != "." {
		for _, ext := range markdownExts {
			candidates = append(candidates, page+ext)
		}
	}
	for _, name := range []string{"index", "_index", "README"} {
		for _, ext := range markdownExts {
			candidates = append(candidates, path.Join(page, name+ext))
		}
	}
	for _, f := range candidates {
		if r.allEntryByFile[f] != nil {
			return f, true
		}
	}
	// a page of the site the book leaves out is named as its file
	for _, f := range candidates {
		if r.fileExists(f) {
			return f, true
		}
	}
	return page, false
}

// fileExists reports whether the book folder holds file (not a folder).
// inPageFolder is file, the relative link ref read from its chapter,
// unless that leaves the book or finds neither a chapter nor a file and
// ref read from one of Options.PageFolders finds one.
func (r *resolver) inPageFolder(file, ref string) string {
	if len(r.in.Options.PageFolders) == 0 || file != ".." && !strings.HasPrefix(file, "../") && (r.allEntryByFile[r.chapterFile(file)] != nil || r.fileExists(file)) {
		return file
	}
	for _, folder := range r.in.Options.PageFolders {
		alt := path.Join(folder, ref)
		if alt == ".." || strings.HasPrefix(alt, "../") {
			continue
		}
		if r.allEntryByFile[r.chapterFile(alt)] != nil || r.fileExists(alt) {
			return alt
		}
	}
	return file
}

func (r *resolver) fileExists(file string) bool {
	if r.in.FS == nil {
		return false
	}
	fi, err := fs.Stat(r.in.FS, file)
	return err == nil && !fi.IsDir()
}

var markdownExts = []string{".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx"}

// strayBeforeScheme is what comes before the scheme of an address that
// does not start with it ("[" of "[https://example.org"), or "".
func strayBeforeScheme(u string) string {
	i := strings.Index(u, "://")
	if i < 0 || strings.ContainsAny(u[:i], "/?#") {
		return ""
	}
	j := i
	for j > 0 && (isASCIILetter(u[j-1]) || j < i && (u[j-1] >= '0' && u[j-1] <= '9' || strings.IndexByte("+-.", u[j-1]) >= 0)) {
		j--
	}
	for j < i && !isASCIILetter(u[j]) {
		j++ // a scheme starts with a letter
	}
	if j == 0 || i-j < 2 {
		return ""
	}
	return u[:j]
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isMarkdown(file string) bool { return hasExt(file, markdownExts) }

// hasExt reports whether file's extension, in any case, is one of exts.
func hasExt(file string, exts []string) bool {
	return slices.Contains(exts, strings.ToLower(path.Ext(file)))
}

// onSite is the address a relative link leaving the book folder had on
// the website the chapters were written for (Options.SiteURL): the
// chapter's page is at its path under the site's address, as mdBook and
// MkDocs publish them, and the link is read from there.
func (r *resolver) onSite(chapter, link string) (string, bool) {
	if r.in.Options.SiteURL == "" {
		return "", false
	}
	site, err := url.Parse(strings.TrimSuffix(r.in.Options.SiteURL, "/") + "/")
	if err != nil {
		return "", false
	}
	page := site.ResolveReference(&url.URL{Path: path.Dir(chapter) + "/"})
	if path.Dir(chapter) == "." {
		page = site
	}
	u, err := page.Parse(link)
	if err != nil {
		return "", false
	}
	return u.String(), true
}
