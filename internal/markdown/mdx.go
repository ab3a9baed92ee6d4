package markdown

import (
	"bytes"
	"path"
	"regexp"
	"strings"
)

// MDX (.mdx files, and the .md files Docusaurus reads as MDX) mixes
// Markdown with JavaScript a book cannot run:
//
//   - ESM statements, `import Tabs from '@theme/Tabs';` and `export …`,
//     each a run of lines from the first column up to a blank line, which
//     MDX takes out of the text;
//   - Docusaurus's fences of class mdx-code-block, whose content its MDX
//     loader reads as MDX rather than as code (the Docusaurus site writes
//     its JSX so, to keep .md files translatable).
//
// mdxSource blanks the ESM statements and those fences' lines, never
// removing a line, so that every later position is the file's. In a file
// that is not .mdx, a run of lines is taken for ESM only when each is an
// import statement, or inside an mdx-code-block fence: a paragraph of a
// Markdown file is never JavaScript otherwise.
func mdxSource(src []byte, file string) []byte {
	if !bytes.Contains(src, []byte("import")) && !bytes.Contains(src, []byte("export")) && !bytes.Contains(src, []byte("mdx-code-block")) && !bytes.Contains(src, []byte("={")) && !bytes.Contains(src, []byte("{/*")) {
		return src
	}
	isMDX := strings.EqualFold(path.Ext(file), ".mdx")
	out, cloned := src, false
	writable := func() []byte {
		if !cloned {
			out, cloned = bytes.Clone(src), true
		}
		return out
	}
	blank := func(from, to int) {
		writable()
		for i := from; i < to; i++ {
			if out[i] != '\n' && out[i] != '\r' {
				out[i] = ' '
			}
		}
	}
	var code, mdx fence // the open code fence, the open mdx-code-block fence
	blankBefore := true // the line before was blank, or there was none
	done := 0           // where the last JSX attribute rewritten ends
	for off := 0; off < len(src); {
		line, rest, _ := cutLine(src[off:])
		next := len(src) - len(rest)
		switch {
		case code.char != 0:
			if code.closedBy(line) {
				code = fence{}
			}
		case mdx.char != 0 && mdx.closedBy(line):
			blank(off, next)
			mdx, line = fence{}, nil
		default:
			if f, info, ok := openingFence(line); ok {
				if mdx.char == 0 && string(bytes.TrimSpace(info)) == "mdx-code-block" {
					mdx, line = f, nil
					blank(off, next)
				} else {
					code = f
				}
				break
			}
			if !blankBefore || !isESMStart(line) {
				break
			}
			end, all := esmEnd(src, off, mdx)
			if isMDX || mdx.char != 0 || all {
				blank(off, end)
				line, next = nil, end
			}
		}
		if line != nil && code.char == 0 && next > done && (isMDX || mdx.char != 0) && bytes.Contains(line, []byte("{/*")) {
			done = max(done, blankJSXComments(src, max(off, done), next, blank))
		}
		if line != nil && code.char == 0 && next > done && bytes.IndexByte(line, '<') >= 0 {
			done = max(done, quoteJSXAttrs(src, max(off, done), next, isMDX || mdx.char != 0, writable))
		}
		blankBefore = len(bytes.TrimSpace(line)) == 0
		off = next
	}
	return out
}

// fence is an open fenced code block's fence: its character and length.
type fence struct {
	char byte
	n    int
}

// openingFence reads a line that opens a fenced code block, indented or
// not (it may be in a list item): its fence and info string.
func openingFence(line []byte) (f fence, info []byte, ok bool) {
	t := bytes.TrimLeft(line, " \t")
	if len(t) < 3 || t[0] != '`' && t[0] != '~' {
		return f, nil, false
	}
	n := countByte(t, t[0])
	if n < 3 || t[0] == '`' && bytes.IndexByte(t[n:], '`') >= 0 {
		return f, nil, false
	}
	return fence{t[0], n}, t[n:], true
}

// closedBy reports whether line closes the fenced code block f opened.
func (f fence) closedBy(line []byte) bool {
	t := bytes.TrimLeft(line, " \t")
	n := countByte(t, f.char)
	return n >= f.n && len(bytes.TrimSpace(t[n:])) == 0
}

// isESMStart reports whether line begins an ESM statement, as MDX sees
// one: "import" or "export" in the first column, then a space, "{" or
// "*" (import {a} from…, export * from…).
func isESMStart(line []byte) bool {
	for _, kw := range []string{"import", "export"} {
		if rest, ok := bytes.CutPrefix(line, []byte(kw)); ok && len(rest) > 0 && (rest[0] == ' ' || rest[0] == '{' || rest[0] == '*') {
			return true
		}
	}
	return false
}

// importLine is a line of whole import statements, one or more:
// import X from 'module'; import {a, b} from "module"; import 'module'.
var importLine = regexp.MustCompile(`^(?:import\s+(?:(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*\s+as\s+[\w$]+)?\s*from\s+)?(?:'[^']*'|"[^"]*")\s*(?:;\s*|$))+$`)

// esmEnd is where the run of lines from off ends, at the next blank line,
// the fence that closes the mdx-code-block it is in, or the end of the
// text, and whether every line of it is an import statement.
func esmEnd(src []byte, off int, in fence) (end int, allImports bool) {
	allImports = true
	for end = off; end < len(src); {
		line, rest, _ := cutLine(src[end:])
		if len(bytes.TrimSpace(line)) == 0 || in.char != 0 && in.closedBy(line) {
			break
		}
		if !importLine.Match(bytes.TrimRight(line, " \t")) {
			allImports = false
		}
		end = len(src) - len(rest)
	}
	return end, allImports
}

// tabValue is one tab of a values prop: {label: 'Apple', value: 'apple'},
// its keys in either order.
var tabValue = regexp.MustCompile(`\{\s*(label|value)\s*:\s*(?:'([^']*)'|"([^"]*)")\s*,\s*(label|value)\s*:\s*(?:'([^']*)'|"([^"]*)")\s*,?\s*\}`)

// tabValues reads the values prop of the <Tabs> tag at src[at:],
// values={[{label: 'Apple', value: 'apple'}, …]}, Docusaurus's older way
// of labelling tabs, which the HTML parser cannot keep: a label for each
// value; nil without one.
func tabValues(src []byte, at int) map[string]string {
	if at < 0 || at >= len(src) {
		return nil
	}
	tag := src[at:]
	if end := jsxTagEnd(tag); end >= 0 {
		tag = tag[:end]
	}
	// values={…}, or values="…" as quoteJSXAttrs rewrote it
	i := bytes.Index(tag, []byte("values="))
	if i < 0 {
		return nil
	}
	var labels map[string]string
	for _, m := range tabValue.FindAllSubmatch(tag[i:], -1) {
		if string(m[1]) == string(m[4]) {
			continue
		}
		first, second := string(m[2])+string(m[3]), string(m[5])+string(m[6])
		label, value := first, second
		if string(m[1]) == "value" {
			label, value = second, first
		}
		if labels == nil {
			labels = map[string]string{}
		}
		labels[value] = strings.TrimSpace(label)
	}
	return labels
}

// jsxTagEnd is the offset of the ">" that ends the JSX tag starting at
// src[0], the first outside braces and quotes; -1 if none does.
func jsxTagEnd(src []byte) int {
	depth := 0
	var quote byte
	for i := 1; i < len(src); i++ {
		switch c := src[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == '{':
			depth++
		case c == '}':
			depth--
		case c == '>' && depth <= 0:
			return i
		}
	}
	return -1
}

// codeBlockContent is the code of the <CodeBlock> component whose start
// tag is at src[at:], as Docusaurus's docs write it: text, a template
// literal {`…`} or a string {'…'} between the tags. ok is false when
// the tags are not found; expr is set when the code is some other
// JavaScript expression ({source}, a file a loader read), which a book
// cannot evaluate.
func codeBlockContent(src []byte, at int) (code string, expr, ok bool) {
	if at < 0 || at >= len(src) {
		return "", false, false
	}
	end := jsxTagEnd(src[at:])
	if end < 0 || src[at+end-1] == '/' {
		return "", false, false
	}
	body := src[at+end+1:]
	close := bytes.Index(body, []byte("</CodeBlock>"))
	if close < 0 {
		return "", false, false
	}
	s := strings.TrimSpace(string(body[:close]))
	inner, braced := strings.CutPrefix(s, "{")
	if !braced {
		return s, false, true
	}
	inner, braced = strings.CutSuffix(inner, "}")
	inner = strings.TrimSpace(inner)
	if !braced || len(inner) < 2 || !strings.ContainsRune("`'\"", rune(inner[0])) || inner[len(inner)-1] != inner[0] {
		return "", true, true
	}
	return jsString(inner[1 : len(inner)-1]), false, true
}

// jsString undoes a JavaScript string's escapes: \n, \t, and a backslash
// before any other character, which stands for that character.
func jsString(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// quoteJSXAttrs rewrites the JSX attributes whose values are JavaScript
// in braces, style={{color: 'red'}}, in the tags that start in
// src[from:to] (one line, outside code spans), as quoted ones of the same
// length, style="{color: 'red'} ": the brace's own quotes become single
// quotes, and angle brackets spaces, so that the HTML parser and
// CommonMark read the tag as a tag, whose content they then read, rather
// than as text. Only components' tags (<Tabs>, capitalised) are JSX in a
// Markdown file; any tag is in MDX (all). It returns where the last value
// rewritten ends, which may be on a later line.
//
// It reads src and writes the copy out gives.
func quoteJSXAttrs(src []byte, from, to int, all bool, out func() []byte) int {
	done := from
	for i := from; i < to; i++ {
		switch c := src[i]; {
		case c == '`':
			// a code span: skip to its closing run on the line
			n := countByte(src[i:to], '`')
			j := i + n
			for j < to {
				k := bytes.IndexByte(src[j:to], '`')
				if k < 0 {
					j = to
					break
				}
				j += k
				m := countByte(src[j:to], '`')
				if m == n {
					break
				}
				j += m
			}
			if j >= to {
				i += n - 1
				continue
			}
			i = j + n - 1
		case c == '<' && i+1 < len(src) && isASCIILetter(src[i+1]):
			if !all && !('A' <= src[i+1] && src[i+1] <= 'Z') {
				continue
			}
			end := quoteTagAttrs(src, i, out)
			done = max(done, end)
			if end > i {
				i = end - 1
			}
		}
	}
	return done
}

// quoteTagAttrs rewrites the brace values of the tag at src[at] (see
// quoteJSXAttrs) and returns where the tag ends, at its ">", or at as it
// was when it does not end before a blank line.
func quoteTagAttrs(src []byte, at int, out func() []byte) int {
	var quote byte
	for i := at + 1; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\n' && (i-at > maxJSXTag || bytes.HasPrefix(bytes.TrimLeft(src[i+1:], " \t\r"), []byte("\n"))):
			// a tag ends before a blank line, or it is no tag
			return at
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		case c == '{' && src[i-1] == '=':
			end := braceEnd(src, i)
			if end < 0 {
				return at
			}
			w := out()
			if m := requireCall.FindSubmatch(src[i : end+1]); m != nil {
				// the file itself, as Docusaurus's bundler gives its
				// address: src="./img/a.png"   (spaces after)
				n := copy(w[i+1:], m[2])
				w[i], w[i+1+n] = '"', '"'
				for k := i + 2 + n; k <= end; k++ {
					w[k] = ' '
				}
				i = end
				continue
			}
			w[i], w[end] = '"', '"'
			for k := i + 1; k < end; k++ {
				switch src[k] {
				case '"':
					w[k] = '\''
				case '<', '>':
					w[k] = ' '
				}
			}
			i = end
		}
	}
	return at
}

// requireCall is a value that names a file for Docusaurus's bundler,
// {require('./img/a.png').default}.
var requireCall = regexp.MustCompile(`^\{\s*require\(\s*(['"])([^'"<>\s]+)['"]\s*\)(?:\.default)?\s*\}$`)

// blankJSXComments blanks MDX's comments, {/* … */}, that start in
// src[from:to] (one line, outside code spans), and returns where the last
// ends, which may be on a later line. MDX has no HTML comments; a
// comment is written so, and shows nothing.
func blankJSXComments(src []byte, from, to int, blank func(from, to int)) int {
	done := from
	for i := from; i < to; i++ {
		switch {
		case src[i] == '`':
			n := countByte(src[i:to], '`')
			if k := bytes.Index(src[i+n:to], src[i:i+n]); k >= 0 {
				i += n + k + n - 1
			} else {
				i += n - 1
			}
		case bytes.HasPrefix(src[i:], []byte("{/*")):
			end := bytes.Index(src[i+3:], []byte("*/"))
			if end < 0 {
				return done
			}
			close := i + 3 + end + 2
			for close < len(src) && (src[close] == ' ' || src[close] == '\t') {
				close++
			}
			if close >= len(src) || src[close] != '}' {
				continue
			}
			blank(i, close+1)
			done, i = close+1, close
		}
	}
	return done
}

// maxJSXTag bounds the bytes read for one tag, so that text full of "<"
// is read in linear time.
const maxJSXTag = 1 << 16

// braceEnd is the offset of the "}" that closes the "{" at src[at],
// quotes and template literals skipped; -1 if none does before a blank
// line.
func braceEnd(src []byte, at int) int {
	depth := 0
	var quote byte
	for i := at; i < len(src) && i-at <= maxJSXTag; i++ {
		switch c := src[i]; {
		case c == '\n' && bytes.HasPrefix(bytes.TrimLeft(src[i+1:], " \t\r"), []byte("\n")):
			// no value runs across a blank line
			return -1
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}
