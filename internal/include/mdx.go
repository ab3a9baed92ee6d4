package include

import (
	"path"
	"regexp"
	"strings"
)

// MDX pages (Docusaurus's) reuse Markdown by importing another file of
// the book, by convention a partial whose name starts with "_", and
// showing it as a component:
//
//	import Requirements from './_requirements.mdx';
//
//	<Requirements />
//
// A line that is only such a component, self-closing, is replaced by the
// imported file's lines (its front matter left out), as Docusaurus shows
// them there, each {props.name} in them by the prop given as a string
// (name="Sebastien"); other JavaScript is not run. The import line itself
// stays, for the parser to leave out with MDX's others.

var (
	// mdxImport is an import of a Markdown file by a default name.
	mdxImport = regexp.MustCompile(`^import\s+([A-Z][\w$]*)\s+from\s+['"](\.{1,2}/[^'"]+\.mdx?)['"]\s*;?\s*$`)
	// mdxComponent is a line that is only a self-closing component.
	mdxComponent = regexp.MustCompile(`^(\s*)<([A-Z][\w$]*)(?:\s[^<>]*)?/>\s*$`)
)

// mdxPartials are the Markdown files lines import, by the name they are
// imported as.
func mdxPartials(lines []line) map[string]string {
	var m map[string]string
	for _, l := range lines {
		if !strings.HasPrefix(l.text, "import") {
			continue
		}
		if s := mdxImport.FindStringSubmatch(strings.TrimSpace(l.text)); s != nil {
			if m == nil {
				m = map[string]string{}
			}
			m[s[1]] = s[2]
		}
	}
	return m
}

// mdxPartial expands l when it shows one of partials, imported by fsFile:
// the partial's lines, indented as l is, read again for includes of their
// own; ok is false when l shows none.
func (x *expander) mdxPartial(l line, partials map[string]string, fsFile string, depth int) (out []line, ok bool) {
	s := mdxComponent.FindStringSubmatch(l.text)
	if s == nil {
		return nil, false
	}
	spec, found := partials[s[2]]
	if !found {
		return nil, false
	}
	directive, col := strings.TrimSpace(l.text), len(s[1])
	target := path.Join(path.Dir(fsFile), spec)
	if escapes(target) || !x.allowed(target) {
		x.outside(l.at, col, directive, x.bookName(target))
		return []line{l}, true
	}
	if !x.enter(target, depth, l.at, col, directive) {
		return []line{l}, true
	}
	text, err := x.read(target)
	if err != nil {
		x.readFailed(l.at, col, directive, target, err)
		return []line{l}, true
	}
	lines := numbered(splitLines(text), x.bookName(target))
	lines = withoutFrontMatter(lines)
	x.stack = append(x.stack, target)
	exp := x.expand(lines, target, depth+1, false)
	x.stack = x.stack[:len(x.stack)-1]
	x.change = true
	props := propValues(s[0])
	for i := range exp {
		if props != nil && strings.Contains(exp[i].text, "{props.") {
			exp[i].text = propRef.ReplaceAllStringFunc(exp[i].text, func(ref string) string {
				if v, ok := props[propRef.FindStringSubmatch(ref)[1]]; ok {
					return v
				}
				return ref
			})
		}
		if exp[i].text != "" {
			exp[i].text = s[1] + exp[i].text
			exp[i].at.Shift += len(s[1])
		}
	}
	// blank lines around it, so that it is blocks of its own
	return append(append([]line{{"", l.at}}, exp...), line{"", l.at}), true
}

var (
	// propAttr is a prop given as a string, name="Sebastien".
	propAttr = regexp.MustCompile(`\s([A-Za-z_$][\w$]*)=(?:"([^"]*)"|'([^']*)')`)
	// propRef is a partial's use of a prop, {props.name}.
	propRef = regexp.MustCompile(`\{\s*props\.([A-Za-z_$][\w$]*)\s*\}`)
)

// propValues are the props a component's tag gives as strings.
func propValues(tag string) map[string]string {
	var m map[string]string
	for _, a := range propAttr.FindAllStringSubmatch(tag, -1) {
		if m == nil {
			m = map[string]string{}
		}
		m[a[1]] = a[2] + a[3]
	}
	return m
}

// withoutFrontMatter drops a YAML front matter block, "---" lines around
// it, from the start of a file's lines.
func withoutFrontMatter(lines []line) []line {
	if len(lines) == 0 || strings.TrimSpace(lines[0].text) != "---" {
		return lines
	}
	for i := 1; i < len(lines); i++ {
		if t := strings.TrimSpace(lines[i].text); t == "---" || t == "..." {
			return lines[i+1:]
		}
	}
	return lines
}

// codeFence follows the fenced code blocks of a file's lines; a fence
// of class mdx-code-block, which Docusaurus reads as MDX, is no code.
type codeFence struct {
	char byte
	n    int
}

// next reports whether line is code, or a fence of code, and follows it.
func (f *codeFence) next(line string) bool {
	t := strings.TrimLeft(line, " \t")
	if len(t) < 3 || t[0] != '`' && t[0] != '~' {
		return f.char != 0
	}
	n := len(t) - len(strings.TrimLeft(t, t[:1]))
	switch {
	case n < 3:
		return f.char != 0
	case f.char != 0:
		if t[0] == f.char && n >= f.n && strings.TrimSpace(t[n:]) == "" {
			f.char = 0
		}
		return true
	case t[0] == '`' && strings.Contains(t[n:], "`"):
		return false
	case strings.TrimSpace(t[n:]) == "mdx-code-block":
		return false
	}
	f.char, f.n = t[0], n
	return true
}
