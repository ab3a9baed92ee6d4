package include

import (
	"path"
	"regexp"
	"strings"
)

// mystInclude is MyST's include directive's opening fence, ```{include}
// path or :::{include} path, alone on its line.
var mystInclude = regexp.MustCompile("^([ \\t]*)(`{3,}|:{3,})\\{include\\}[ \\t]+(\\S+)[ \\t]*$")

// CodeOption is an option of MyST's include directive that is not read.
const CodeOption = "include.option"

// myst expands MyST's include directive, which lines start with: its
// fence, options (:key: value, none read), and closing fence. The file
// is relative to the including file's folder or, starting with /, to the
// book folder (Sphinx's source folder); its front matter is left out and
// its own includes expanded. n is how many lines the directive takes; ok
// is false for anything else, and for an include that fails, which stays
// as written with a warning (and is then a directive samizdat does not
// read).
func (x *expander) myst(lines []line, fsFile string, depth int) (out []line, n int, ok bool) {
	m := mystInclude.FindStringSubmatch(lines[0].text)
	if m == nil {
		return nil, 0, false
	}
	space, fence, spec := m[1], m[2], m[3]
	var options []string
	for j := 1; j < len(lines) && n == 0; j++ {
		t := strings.TrimSpace(lines[j].text)
		switch {
		case strings.Trim(t, fence[:1]) == "" && len(t) >= len(fence):
			n = j + 1
		case t == "":
		case strings.HasPrefix(t, ":") && strings.Count(t, ":") >= 2:
			name, _, _ := strings.Cut(t[1:], ":")
			options = append(options, name)
		default:
			return nil, 0, false // a body: not the directive as MyST writes it
		}
	}
	if n == 0 {
		return nil, 0, false
	}
	directive := strings.TrimSpace(lines[0].text)
	col := len(space)
	var target string
	if rest, ok := strings.CutPrefix(spec, "/"); ok {
		target = path.Join(x.opt.Book, rest)
	} else {
		target = path.Join(path.Dir(fsFile), spec)
	}
	if escapes(target) || !x.allowed(target) {
		x.outside(lines[0].at, col, directive, x.bookName(target))
		return nil, 0, false
	}
	if !x.enter(target, depth, lines[0].at, col, directive) {
		return nil, 0, false
	}
	text, err := x.read(target)
	if err != nil {
		x.readFailed(lines[0].at, col, directive, target, err)
		return nil, 0, false
	}
	for _, o := range options {
		x.warn(lines[0].at, col, CodeOption, "%s: option :%s: is not read; the whole file is included", directive, o)
	}
	return x.inserted(text, target, space, depth), n, true
}

// mystCSV is MyST's csv-table directive's opening fence.
var mystCSV = regexp.MustCompile("^([ \\t]*)(`{3,}|:{3,})\\{csv-table\\}")

// mystCSV reads the file a csv-table directive names (:file:, relative
// to the chapter's folder or, starting with /, to the book folder) into
// its body, so that the parser reads its values as it reads those
// written in it: the directive's lines without the option, the file's
// lines, the closing fence. ok is false for any other lines, and for a
// file that cannot be read, which stays named with a warning.
func (x *expander) mystCSV(lines []line, fsFile string) (out []line, n int, ok bool) {
	m := mystCSV.FindStringSubmatch(lines[0].text)
	if m == nil {
		return nil, 0, false
	}
	space, fence := m[1], m[2]
	var spec string
	at := -1
	for j := 1; j < len(lines) && n == 0; j++ {
		t := strings.TrimSpace(lines[j].text)
		switch {
		case strings.Trim(t, fence[:1]) == "" && len(t) >= len(fence):
			n = j + 1
		case t == "":
		case strings.HasPrefix(t, ":file:"):
			spec, at = strings.TrimSpace(strings.TrimPrefix(t, ":file:")), j
		case strings.HasPrefix(t, ":") && strings.Count(t, ":") >= 2:
		default:
			return nil, 0, false // values written in it
		}
	}
	if n == 0 || spec == "" {
		return nil, 0, false
	}
	directive := strings.TrimSpace(lines[0].text) + " :file: " + spec
	col := len(space)
	var target string
	if rest, ok := strings.CutPrefix(spec, "/"); ok {
		target = path.Join(x.opt.Book, rest)
	} else {
		target = path.Join(path.Dir(fsFile), spec)
	}
	if escapes(target) || !x.allowed(target) {
		x.outside(lines[at].at, col, directive, x.bookName(target))
		return nil, 0, false
	}
	text, err := x.read(target)
	if err != nil {
		x.readFailed(lines[at].at, col, directive, target, err)
		return nil, 0, false
	}
	out = append(out, lines[:at]...)
	out = append(out, lines[at+1:n-1]...)
	out = append(out, line{space, lines[n-1].at})
	for _, l := range numbered(splitLines(text), x.bookName(target)) {
		if strings.TrimSpace(l.text) == "" {
			continue // a blank line would end the values
		}
		l.text = space + l.text
		l.at.Shift += len(space)
		out = append(out, l)
	}
	out = append(out, lines[n-1])
	x.change = true
	return out, n, true
}
