// Package pagecheck checks laid-out pages for what a reader would see as
// faults of make-up, from the pages' items alone, as end-to-end tests of
// whole books: more than two lines in a row ending in a hyphen, a recto
// whose text ends in one, a page that is not its chapter's last but ends
// with a heading or does not end on the baseline most pages end on.
package pagecheck

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/layout"
)

// MaxHyphenRun is the most lines in a row that may end in a hyphen.
const MaxHyphenRun = 2

// line is the text on one baseline of a page's text block.
type line struct {
	y    float64
	size float64 // the largest type on it
	text string  // its runs, left to right, joined by spaces
}

// page is what the checks need of a page.
type page struct {
	label   string
	recto   bool
	opening bool    // its folio is at the foot: a chapter's first page
	head    bool    // it has a running head (an ordinary page)
	lines   []line  // text lines of the block, top to bottom, notes included
	body    []line  // the lines above the note rule (all, without notes)
	objects float64 // the lowest edge of a box, picture or table rule, 0 without
}

// read gathers the lines of pg: runs grouped by baseline, sub- and
// superscripts (smaller type just off a baseline) with the line they sit
// on; the running head (text above the block, in pages with a folio
// there) and a folio at the foot are left out.
func read(pg *layout.Page) page {
	p := page{label: pg.Label, recto: pg.Recto}
	var texts []*layout.Text
	rule := math.Inf(1)
	for _, it := range pg.Items {
		switch it := it.(type) {
		case *layout.Text:
			texts = append(texts, it)
		case *layout.Rule:
			// the rule above the notes, or a table's
			if it.Width == 0.5 && it.Y1 == it.Y2 {
				rule = math.Min(rule, it.Y1)
			} else {
				p.objects = math.Max(p.objects, math.Max(it.Y1, it.Y2))
			}
		case *layout.Box:
			p.objects = math.Max(p.objects, it.Y+it.H)
		case *layout.Picture:
			p.objects = math.Max(p.objects, it.Y+it.H)
		}
	}
	slices.SortStableFunc(texts, func(a, b *layout.Text) int { return cmp.Or(cmp.Compare(a.Y, b.Y), cmp.Compare(a.X, b.X)) })
	onLine := func(t *layout.Text) float64 {
		for _, u := range texts {
			if u.Size > 1.1*t.Size && u.Y != t.Y && math.Abs(u.Y-t.Y) < 0.5*u.Size {
				return u.Y
			}
		}
		return t.Y
	}
	byY := map[float64][]*layout.Text{}
	var ys []float64
	for _, t := range texts {
		y := onLine(t)
		if _, ok := byY[y]; !ok {
			ys = append(ys, y)
		}
		byY[y] = append(byY[y], t)
	}
	slices.Sort(ys)
	for _, y := range ys {
		ts := byY[y]
		slices.SortStableFunc(ts, func(a, b *layout.Text) int { return cmp.Compare(a.X, b.X) })
		var parts []string
		size := 0.0
		for _, t := range ts {
			parts = append(parts, t.Text)
			size = math.Max(size, t.Size)
		}
		p.lines = append(p.lines, line{y: y, size: size, text: strings.Join(parts, " ")})
	}
	// The folio: in the running head, with the title, set apart above the
	// block; or alone at an opening's foot.
	if n := len(p.lines); n > 0 && p.lines[n-1].text == pg.Label {
		p.lines = p.lines[:n-1]
		p.opening = true
	} else if n > 1 && strings.Contains(" "+p.lines[0].text+" ", " "+pg.Label+" ") && p.lines[1].y-p.lines[0].y > 1.6*p.lines[1].size {
		p.lines = p.lines[1:]
		p.head = true
	}
	for _, l := range p.lines {
		if l.y < rule {
			p.body = append(p.body, l)
		}
	}
	return p
}

// hyphenated reports whether a line ends in a hyphen after a letter, not
// in a URL or path broken after one of its hyphens.
func hyphenated(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	if !strings.HasSuffix(s, "-") {
		return false
	}
	if f := strings.Fields(s); strings.Contains(f[len(f)-1], "/") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(s, "-"))
	return unicode.IsLetter(r)
}

// Check returns the make-up faults of d's pages, one line each.
func Check(d *layout.Document) []string {
	pages := make([]page, len(d.Pages))
	for i, pg := range d.Pages {
		pages[i] = read(pg)
	}
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	// Hyphens: runs of hyphenated lines within a page's text (a run across
	// a page turn is a page-turn hyphen, checked next).
	for i, p := range pages {
		run := 0
		for _, l := range p.body {
			if !hyphenated(l.text) {
				run = 0
				continue
			}
			if run++; run == MaxHyphenRun+1 {
				add("page %s: more than %d lines in a row end in a hyphen, up to %q", p.label, MaxHyphenRun, l.text)
			}
		}
		if n := len(p.body); n > 0 && p.recto && hyphenated(p.body[n-1].text) && !lastOfChapter(pages, i) {
			add("page %s: a recto ends in a hyphen: %q", p.label, p.body[n-1].text)
		}
	}

	// Headings: no page but a chapter's last ends with one, set apart from
	// its text (a figure that floated may not leave it behind either). A
	// heading is told by its type, larger than the text's.
	body := bodySize(pages)
	for i, p := range pages {
		if n := len(p.body); n > 1 && (p.head || p.opening) && !lastOfChapter(pages, i) && p.body[n-1].size > 1.1*body {
			add("page %s ends with a heading: %q", p.label, p.body[n-1].text)
		}
	}

	// Bottoms: the last baseline of every page that is not its chapter's
	// last is the one most such pages end on; or the page ends in a box or
	// picture reaching below it.
	var ends []float64
	var at []int
	for i, p := range pages {
		if len(p.lines) == 0 || !(p.head || p.opening) || lastOfChapter(pages, i) {
			continue
		}
		ends = append(ends, math.Round(p.lines[len(p.lines)-1].y*100)/100)
		at = append(at, i)
	}
	if len(ends) == 0 {
		return problems
	}
	count := map[float64]int{}
	mode := ends[0]
	for _, e := range ends {
		if count[e]++; count[e] > count[mode] {
			mode = e
		}
	}
	for k, e := range ends {
		p := pages[at[k]]
		// A page ending in a picture, a code block or a table ends with
		// it at the block's foot, below the last baseline, or on it: a
		// picture set on a line of its own sits on the line's baseline.
		if math.Abs(e-mode) < 0.05 || (p.objects > e && p.objects > mode-0.05 && p.objects < mode+p.lines[len(p.lines)-1].size) {
			continue
		}
		add("page %s ends on %.2f, most pages on %.2f", p.label, e, mode)
	}
	return problems
}

// bodySize is the type size most lines of the pages' text are set in.
func bodySize(pages []page) float64 {
	count := map[float64]int{}
	mode := 0.0
	for _, p := range pages {
		for _, l := range p.body {
			if count[l.size]++; count[l.size] > count[mode] {
				mode = l.size
			}
		}
	}
	return mode
}

// lastOfChapter reports whether pages[i] is the last of its chapter (or of
// the front matter's pages): the book's last, or followed by a page with no
// running head (blank, a chapter's or part's first, a title page).
func lastOfChapter(pages []page, i int) bool {
	if i+1 >= len(pages) {
		return true
	}
	return !pages[i+1].head
}
