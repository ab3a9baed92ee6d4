package include

import (
	"path"
	"regexp"
	"strings"
)

// quartoInclude is Quarto's include shortcode alone on its line,
// {{< include _intro.qmd >}}; Quarto's escaped form, {{{< include … >}}},
// shows it and is not matched.
var quartoInclude = regexp.MustCompile(`^([ \t]*)\{\{<\s*include\s+("[^"]*"|'[^']*'|[^\s>]+)\s*>\}\}\s*$`)

// isQuarto reports whether a chapter is Quarto's or R Markdown's, whose
// include shortcodes are read; a Hugo site's own "include" shortcode,
// whose template the book does not have, is not.
func isQuarto(file string) bool {
	ext := strings.ToLower(path.Ext(file))
	return ext == ".qmd" || ext == ".rmd"
}

// quarto expands a line that is Quarto's include shortcode: the file,
// relative to the including file's folder (or, starting with /, to the
// book folder, the project's root), its front matter left out, its own
// includes expanded. ok is false for any other line and for an include
// that fails, which stays as written with a warning.
func (x *expander) quarto(l line, fsFile string, depth int) (out []line, ok bool) {
	m := quartoInclude.FindStringSubmatch(l.text)
	if m == nil {
		return nil, false
	}
	space, spec := m[1], strings.Trim(m[2], `"'`)
	directive := strings.TrimSpace(l.text)
	col := len(space)
	if spec == "" {
		return nil, false
	}
	var target string
	if rest, ok := strings.CutPrefix(spec, "/"); ok {
		target = path.Join(x.opt.Book, rest)
	} else {
		target = path.Join(path.Dir(fsFile), spec)
	}
	if escapes(target) || !x.allowed(target) {
		x.outside(l.at, col, directive, x.bookName(target))
		return nil, false
	}
	if !x.enter(target, depth, l.at, col, directive) {
		return nil, false
	}
	text, err := x.read(target)
	if err != nil {
		x.readFailed(l.at, col, directive, target, err)
		return nil, false
	}
	return x.inserted(text, target, space, depth), true
}

// inserted is the text of the file target, included at depth by a
// directive indented by space: without its front matter, its own
// includes expanded, its last blank line dropped, each line indented as
// the directive is.
func (x *expander) inserted(text, target, space string, depth int) []line {
	lines := withoutFrontMatter(numbered(splitLines(text), x.bookName(target)))
	x.stack = append(x.stack, target)
	exp := x.expand(lines, target, depth+1, false)
	x.stack = x.stack[:len(x.stack)-1]
	if n := len(exp); n > 0 && exp[n-1].text == "" {
		exp = exp[:n-1]
	}
	x.change = true
	for i := range exp {
		exp[i].text = space + exp[i].text
		exp[i].at.Shift += len(space)
	}
	return exp
}
