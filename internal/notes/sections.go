package notes

import (
	"slices"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Section numbers, as Jupyter Book prints them when its table of contents
// is numbered (numbered: true in _toc.yml, the manifest's numbered:).
// Sphinx numbers each document of a numbered toctree, and
// sphinx-multitoc-numbering, which Jupyter Book loads, carries the count
// across parts: a numbered entry's title is "3", its sections "3.1",
// "3.1.2", down to the depth numbered: gives. An entry not numbered (the
// book's root page) counts nothing. Only the entry's own headings are
// sections, not headings inside a directive's box. The numbers are
// given once the edition's conditions have left out what they leave out,
// so a chapter left out leaves no gap.

// numberSections gives the headings of numbered entries their numbers,
// in a span before their text (doc.SectionNumber), and before the
// entry's title for the contents, and records each heading's number,
// which {numref} prints and whose chapter numbers the entry's figures.
func (r *resolver) numberSections() {
	chapter := 0
	// path is the number of the last heading numbered, which an entry
	// that is a section of the chapter before it (Level 2) goes on from
	var path []int
	for _, e := range r.entries() {
		if e.Numbered <= 0 {
			continue
		}
		// shift is the depth the entry's title stands at, less one: a
		// section's title is numbered as a heading of level 2 of the
		// chapter before it would be
		shift := min(max(e.Level-1, 0), len(path))
		var levels []int // the levels of the headings open in the entry
		titled := false
		for _, h := range sectionHeadings(e.Blocks) {
			if slices.Contains(h.Classes, "unnumbered") || slices.Contains(h.Classes, "part") {
				continue
			}
			for len(levels) > 0 && levels[len(levels)-1] > h.Level {
				levels = levels[:len(levels)-1]
			}
			if n := len(levels); n == 0 || levels[n-1] != h.Level {
				levels = append(levels, h.Level)
			}
			depth := shift + len(levels)
			switch {
			case depth == 1:
				chapter++
				path = []int{chapter}
			case len(path) >= depth:
				path = path[:depth]
				path[depth-1]++
			default:
				for len(path) < depth {
					path = append(path, 1)
				}
			}
			if depth > e.Numbered {
				continue
			}
			parts := make([]string, len(path))
			for k, n := range path {
				parts[k] = strconv.Itoa(n)
			}
			num := strings.Join(parts, ".")
			if r.sectionNumbers == nil {
				r.sectionNumbers = map[*doc.Heading]string{}
			}
			r.sectionNumbers[h] = num
			h.Content = append([]doc.Inline{doc.SectionNumber(num)}, h.Content...)
			if !titled && h.Level == 1 && len(e.Title) > 0 {
				e.Title = append([]doc.Inline{doc.SectionNumber(num)}, e.Title...)
			}
			titled = true
		}
	}
}

// sectionHeadings are the headings of an entry's own text: its blocks',
// and those of the groups an edition's condition tags mark, which are
// the text's as much when the edition keeps them; not those of a box
// or a figure.
func sectionHeadings(blocks []doc.Block) []*doc.Heading {
	var out []*doc.Heading
	for _, b := range blocks {
		switch b := b.(type) {
		case *doc.Heading:
			out = append(out, b)
		case *doc.Div:
			if len(b.Tags) > 0 {
				out = append(out, sectionHeadings(b.Blocks)...)
			}
		}
	}
	return out
}

// chapterNumber is the chapter a numbered heading opens or is in: the
// first part of its number.
func chapterNumber(num string) string {
	ch, _, _ := strings.Cut(num, ".")
	return ch
}
