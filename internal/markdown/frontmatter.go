package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// FrontMatter is what a chapter's YAML front matter says that the book
// uses. Jekyll, Hugo, pandoc, Quarto, Docusaurus and MkDocs all write such
// a block at the top of a file; its other keys mean nothing to a book and
// are ignored.
type FrontMatter struct {
	// Title is the title as written (Markdown, trimmed); "" if none.
	Title string
	// TitleLine is the line of the file the title is written on.
	TitleLine int
	// Language is the canonical BCP 47 tag that `lang:` (pandoc's key) or
	// else `language:` gives; "" if none or not a tag (then with a warning).
	Language string
}

// frontMatterBlock is a YAML block found at the top of a file.
type frontMatterBlock struct {
	end       int // offset just after its closing line
	firstLine int // the file's line of the block's first line of YAML
	yaml      []byte
}

// findFrontMatter finds a YAML block at the very start of src: a line
// "---", YAML starting on the next line (a blank line there makes the
// "---" a thematic break, as pandoc reads it), and a closing line "---" or
// "...". Whether the YAML is front matter is decided by reading it.
func findFrontMatter(src []byte) (frontMatterBlock, bool) {
	rest, _ := bytes.CutPrefix(src, []byte("\uFEFF"))
	open, rest, ok := cutLine(rest)
	if !ok || !isFence(open, "---") {
		return frontMatterBlock{}, false
	}
	bodyStart := len(src) - len(rest)
	for first := true; ; first = false {
		l, after, ok := cutLine(rest)
		if !ok {
			return frontMatterBlock{}, false // never closed: not front matter
		}
		if first && len(bytes.TrimSpace(l)) == 0 {
			return frontMatterBlock{}, false
		}
		if isFence(l, "---") || isFence(l, "...") {
			if first {
				return frontMatterBlock{}, false // "---" twice: two breaks
			}
			bodyEnd := len(src) - len(rest)
			return frontMatterBlock{end: len(src) - len(after), firstLine: 2, yaml: src[bodyStart:bodyEnd]}, true
		}
		rest = after
	}
}

// cutLine splits off the first line of b, without its line ending; ok is
// false when b is empty. A last line without a line ending counts.
func cutLine(b []byte) (line, rest []byte, ok bool) {
	if len(b) == 0 {
		return nil, nil, false
	}
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return bytes.TrimSuffix(b[:i], []byte("\r")), b[i+1:], true
	}
	return b, nil, true
}

// isFence reports whether line is fence followed by nothing but spaces.
func isFence(line []byte, fence string) bool {
	rest, ok := bytes.CutPrefix(line, []byte(fence))
	return ok && len(bytes.Trim(rest, " \t")) == 0
}

// yamlKeyLine is a line that starts a YAML mapping: a plain key and a colon.
var yamlKeyLine = regexp.MustCompile(`^[A-Za-z_][\w.-]*:(\s|$)`)

// frontMatter reads the YAML block at the top of src, if there is one that
// is front matter, and returns a copy of src with the block blanked out, so
// that goldmark sees empty lines there: every later line and offset stays
// where it was, so every position stays right.
//
// A block is front matter when it reads as a YAML mapping. When it does
// not read as YAML at all but begins like a mapping ("title: …"), it is
// broken front matter: it is reported at the place YAML names, and left
// out. Anything else ("---", a paragraph, "---") is Markdown, read as
// CommonMark reads it.
func (c *converter) frontMatter(src []byte) (FrontMatter, []byte) {
	block, ok := findFrontMatter(src)
	if !ok {
		if block, ok = findTOMLFrontMatter(src); ok {
			return c.tomlFrontMatter(block), blankBlock(src, block)
		}
		return FrontMatter{}, src
	}
	// The YAML is read where it stands, after as many empty lines as
	// come before it, so every line YAML names (in messages too:
	// "first on line 2") is the file's.
	padded := append(bytes.Repeat([]byte("\n"), block.firstLine-1), block.yaml...)
	f := yamlfile.Parse(c.file, padded)
	lineOf := func(line int) int {
		return max(line, block.firstLine-1) // unknown: the opening "---"
	}
	var fm FrontMatter
	switch {
	case f.Err() != nil && f.Root == nil:
		if !yamlKeyLine.Match(firstTextLine(block.yaml)) {
			return FrontMatter{}, src
		}
		// YAML's line is at times that of the construct it was in,
		// so the message names the whole block as well
		d := f.Diagnostics()[0]
		closing := block.firstLine + bytes.Count(block.yaml, []byte("\n"))
		c.warnings = append(c.warnings, warning{line: lineOf(d.Line), column: d.Column, code: "front-matter.syntax",
			msg: fmt.Sprintf("the front matter (lines %d to %d) is not valid YAML: %s; it is left out", block.firstLine-1, closing, d.Message)})
	case f.Root == nil || f.Root.Kind != yamlfile.Map:
		return FrontMatter{}, src
	default:
		fm = c.frontMatterFields(f, lineOf)
	}
	return fm, blankBlock(src, block)
}

// blankBlock is a copy of src with the front matter block blanked out.
func blankBlock(src []byte, block frontMatterBlock) []byte {
	src = bytes.Clone(src)
	for i := range src[:block.end] {
		if src[i] != '\n' {
			src[i] = ' '
		}
	}
	return src
}

// frontMatterFields takes the keys the book uses from a front matter
// mapping. A key given twice or a value of the wrong kind is reported.
func (c *converter) frontMatterFields(f *yamlfile.File, lineOf func(int) int) FrontMatter {
	var fm FrontMatter
	var lang, language string
	for _, field := range f.Root.Fields {
		switch field.Name() {
		case "title":
			if t, ok := f.Text(field.Value, "title"); ok {
				fm.Title, fm.TitleLine = strings.TrimSpace(t), lineOf(field.Value.Line)
			}
		case "lang":
			lang, _ = f.Text(field.Value, "lang")
			lang = c.langTag(lang, lineOf(field.Value.Line))
		case "language":
			language, _ = f.Text(field.Value, "language")
			language = c.langTag(language, lineOf(field.Value.Line))
		}
	}
	fm.Language = lang
	if fm.Language == "" {
		fm.Language = language
	}
	for _, d := range f.Diagnostics() {
		c.warnings = append(c.warnings, warning{line: lineOf(d.Line), column: d.Column, code: "front-matter." + strings.TrimPrefix(d.Code, "yaml."),
			msg: "front matter: " + d.Message})
	}
	return fm
}

// firstTextLine is the first line of b that is neither blank nor a YAML
// comment.
func firstTextLine(b []byte) []byte {
	for len(b) > 0 {
		var l []byte
		l, b, _ = cutLine(b)
		if t := bytes.TrimSpace(l); len(t) > 0 && t[0] != '#' {
			return l
		}
	}
	return nil
}
