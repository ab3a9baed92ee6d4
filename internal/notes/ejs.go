package notes

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
)

// Eloquent JavaScript's links to its chapters print the chapter's number
// where their text has "?" ([Chapter ?](values)), which the parser marks
// with a span naming the chapter (markdown.EJSChapterNumberClass). Its
// build numbers the chapters by their files, 01_values.md being Chapter 1,
// and leaves the introduction (00_intro.md) unnumbered, as its printed
// edition's headings do. numberEJSChapters counts them so in the edition:
// the chapters it keeps beside the one linked to whose files are a number
// and a name, from 1, the one numbered 0 not counted, so a chapter left
// out leaves no gap; a chapter the manifest numbers (numbered:) has the
// number its heading prints. A link to a chapter left out, or to the
// unnumbered introduction, keeps its "?", with a warning.

// ejsChapterFile is a chapter's file as the book names them: a number, and
// the name links call it by.
var ejsChapterFile = regexp.MustCompile(`^(\d+)[_-]\w+\.md$`)

// numberEJSChapters writes the chapter numbers of the links to chapters.
func (r *resolver) numberEJSChapters() {
	numbers := map[string]string{} // by chapter file
	// the links to a chapter whose number the edition has not, warned of
	// once, at the first
	type unnumbered struct {
		pos   doc.Pos
		name  string
		count int
	}
	var missing []string
	unnumberedLinks := map[string]*unnumbered{}
	for _, e := range r.entries() {
		visit := func(list []doc.Inline, pos doc.Pos, _ bool) {
			for _, in := range list {
				sp, ok := in.(*doc.Span)
				if !ok || len(sp.Classes) != 1 || sp.Classes[0] != markdown.EJSChapterNumberClass || len(sp.Attrs) != 1 {
					continue
				}
				name := sp.Attrs[0].Value
				file, found := r.numberedPage(path.Join(path.Dir(cleanPath(e.File)), name))
				if !found {
					// the link names no chapter, which resolving it says
					continue
				}
				num, ok := numbers[file]
				if !ok {
					num = r.ejsChapterNumber(file)
					numbers[file] = num
				}
				if num != "" {
					sp.Content = []doc.Inline{&doc.Text{Text: num}}
					continue
				}
				if u := unnumberedLinks[file]; u != nil {
					u.count++
					continue
				}
				unnumberedLinks[file] = &unnumbered{pos: pos, name: name, count: 1}
				missing = append(missing, file)
			}
		}
		for _, blocks := range entryBlockSets(e) {
			eachInlineList(blocks, e.File, visit)
		}
	}
	for _, file := range missing {
		u := unnumberedLinks[file]
		why := "the edition leaves out " + file
		if r.entryByFile[file] != nil {
			why = file + " is the book's unnumbered introduction"
		}
		others := ""
		switch {
		case u.count == 2:
			others = " (as in 1 other link to it)"
		case u.count > 2:
			others = fmt.Sprintf(" (as in %d other links to it)", u.count-1)
		}
		r.warnf(u.pos, "link.chapter-number", "link to %q: %s, so the chapter's number is printed as written, \"?\"%s", u.name, why, others)
	}
}

// ejsChapterNumber is the number the edition gives the chapter of file,
// "" for one it leaves out or does not number.
func (r *resolver) ejsChapterNumber(file string) string {
	n := 0
	for _, e := range r.entries() {
		f := cleanPath(e.File)
		if f == file {
			// the manifest's numbering, where it numbers the chapter
			for _, h := range sectionHeadings(e.Blocks) {
				if num := r.sectionNumbers[h]; h.Level == 1 && num != "" {
					return num
				}
			}
		}
		m := ejsChapterFile.FindStringSubmatch(path.Base(f))
		if path.Dir(f) != path.Dir(file) || m == nil || strings.Trim(m[1], "0") == "" {
			continue
		}
		n++
		if f == file {
			return strconv.Itoa(n)
		}
	}
	return ""
}
