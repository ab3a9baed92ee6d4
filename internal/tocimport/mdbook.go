package tocimport

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// mdBook reads an mdBook: book.toml's [book] title, authors, language and
// src, and src/SUMMARY.md; or, when config is a SUMMARY.md, that file
// alone, its folder the book's.
func (r *reader) mdBook(config string) (*project, error) {
	dir := path.Dir(config)
	if path.Base(config) == "SUMMARY.md" {
		p := &project{kind: KindMdBook, book: dir}
		return r.summary(p)
	}
	data, err := r.readFile(config)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", r.show(config), unwrap(err))
	}
	var conf map[string]any
	if err := toml.Unmarshal(data, &conf); err != nil {
		msg := err.Error()
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			msg = fmt.Sprintf("%d: %s", row, de.Error())
		}
		return nil, fmt.Errorf("%s:%s", r.show(config), prefixSpace(msg))
	}
	book, _ := conf["book"].(map[string]any)
	p := &project{kind: KindMdBook, read: []string{config}, book: path.Join(dir, "src"), langFrom: r.show(config)}
	if src, ok := book["src"].(string); ok && strings.TrimSpace(src) != "" {
		p.book = path.Join(dir, strings.TrimSpace(src))
	}
	if out, ok := conf["output"].(map[string]any); ok {
		if html, ok := out["html"].(map[string]any); ok {
			p.siteURL, _ = html["site-url"].(string)
		}
	}
	p.title, _ = book["title"].(string)
	p.title = strings.TrimSpace(p.title)
	if list, ok := book["authors"].([]any); ok {
		for _, a := range list {
			if s, ok := a.(string); ok && strings.TrimSpace(s) != "" {
				p.authors = append(p.authors, strings.TrimSpace(s))
			}
		}
	}
	p.language, _ = book["language"].(string)
	if p.language == "" {
		// mdBook's own default, unless the title is plainly in another
		// script (a translation's book.toml often names no language)
		p.language = "en"
		if g := scriptLanguage(p.title); g != "" {
			p.language = g
			p.notef("language: %s, from the script of the title, as book.toml names none (change it in the manifest if need be)", g)
		}
	}
	return r.summary(p)
}

// summary reads the book folder's SUMMARY.md into p.
func (r *reader) summary(p *project) (*project, error) {
	summary := path.Join(p.book, "SUMMARY.md")
	src, err := r.readFile(summary)
	if err != nil {
		return nil, fmt.Errorf("%s: %v (an mdBook lists its chapters there)", r.show(summary), unwrap(err))
	}
	p.read = append(p.read, summary)
	var title string
	p.entries, title = parseSummary(src, r.show(summary))
	if p.title == "" && !slices.Contains([]string{"summary", "contents", "table of contents"}, strings.ToLower(title)) {
		// without book.toml, a title such as the Rust book's "# The Rust
		// Programming Language" is the book's
		p.title = title
	}
	return p, nil
}

// parseSummary reads an mdBook SUMMARY.md (shown names it in notes):
// links before the numbered chapters are front matter, links after them
// back matter, list items numbered chapters (nested ones follow their
// parent, as the manifest's parts do not nest), and headings after the
// first line parts. Separators and text are ignored.
//
// It returns the entries and the title, the first heading's text when
// the file opens with one.
func parseSummary(src []byte, shown string) ([]entry, string) {
	s := &summary{src: src, shown: shown, part: -1}
	root := goldmark.New().Parser().Parse(text.NewReader(src))
	first := true
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			// The first heading, before anything else, titles the summary.
			if first {
				s.title = s.plain(n)
			} else {
				title := strings.TrimSpace(s.plain(n))
				if title == "" {
					title = "Part"
				}
				s.out = append(s.out, entry{Part: title, At: s.at(s.lineOf(n))})
				s.part = len(s.out) - 1
			}
		case *ast.List:
			s.numbered = true
			s.list(n)
		case *ast.Paragraph:
			kind := "front"
			if s.numbered {
				kind = "back"
			}
			s.links(n, func(e entry) {
				e.Kind = kind
				s.out = append(s.out, e)
				s.part = -1
			})
		}
		first = false
	}
	return s.out, s.title
}

type summary struct {
	src      []byte
	shown    string
	out      []entry
	part     int // the part numbered chapters go into (in out), -1 for none
	numbered bool
	title    string
	// lineStarts are the offsets where the source's lines start.
	lineStarts []int
}

func (s *summary) at(line int) string { return fmt.Sprintf("%s:%d", s.shown, line) }

// add appends a numbered chapter, to the open part if any.
func (s *summary) add(e entry) {
	if s.part >= 0 {
		s.out[s.part].Chapters = append(s.out[s.part].Chapters, e)
		return
	}
	s.out = append(s.out, e)
}

// list adds a list's items and their nested items, in order.
func (s *summary) list(l *ast.List) {
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		found := false
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.List:
				s.list(c)
			case *ast.Paragraph, *ast.TextBlock:
				if found {
					continue
				}
				found = true
				n := 0
				s.links(c, func(e entry) {
					if n == 0 {
						s.add(e)
					}
					n++
				})
				if n == 0 {
					if t := strings.TrimSpace(s.plain(c)); t != "" {
						s.add(entry{At: s.at(s.lineOf(c)), Skip: fmt.Sprintf("%q is not a link to a chapter: left out", t)})
					}
				}
			}
		}
	}
}

// links calls add for each link of a paragraph, in order.
func (s *summary) links(block ast.Node, add func(entry)) {
	_ = ast.Walk(block, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if l, ok := n.(*ast.Link); ok {
			add(entry{File: string(l.Destination), Label: strings.TrimSpace(s.plain(l)), At: s.at(s.lineOf(l))})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// plain is a node's text, markup left out, line breaks as spaces.
func (s *summary) plain(n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(s.src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// lineOf is the line of the source where n's text starts (1 when it has
// none).
func (s *summary) lineOf(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || off >= 0 {
			return ast.WalkStop, nil
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			off = c.Lines().At(0).Start
			return ast.WalkStop, nil
		}
		if t, ok := c.(*ast.Text); ok {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		return 1
	}
	if s.lineStarts == nil {
		s.lineStarts = []int{0}
		for i, c := range s.src {
			if c == '\n' {
				s.lineStarts = append(s.lineStarts, i+1)
			}
		}
	}
	line, found := slices.BinarySearch(s.lineStarts, off)
	if found {
		line++
	}
	return line
}

func prefixSpace(s string) string {
	if strings.HasPrefix(s, " ") {
		return s
	}
	return " " + s
}
