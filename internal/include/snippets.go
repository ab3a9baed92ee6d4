package include

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/diag"
)

// pymdownx.snippets' patterns: a line that is only a directive, --8<--
// "file" (the file in double or single quotes) or a block's marker
// --8<--, each escaped by a leading ';'; and a section's marker, which may
// stand anywhere in a line (in a comment of the file it marks).
var (
	snippetPattern = regexp.MustCompile(`^([ \t]*)(;*)(?:-+8<-+[ \t]+("(?:\\"|[^"\n\r])+?"|'(?:\\'|[^'\n\r])+?')|(-+8<-+))\r?$`)
	sectionPattern = regexp.MustCompile(`(?i)^(.*?)(;*)(-+8<-+[ \t]+)(\[[ \t]*(start|end)[ \t]*:[ \t]*([a-z][-_0-9a-z]*)[ \t]*\])(.*?)$`)
	rangesPattern  = regexp.MustCompile(`^(?::-?[0-9]*){1,2}(?:,(?:(?:-[0-9]*|[0-9]+)(?::-?[0-9]*)?|:-?[0-9]*))*$`)
	namePattern    = regexp.MustCompile(`(?i)^:[a-z][-_0-9a-z]*$`)
)

type snippetLine struct {
	space  string
	escape bool
	block  bool   // the marker that opens or closes a block
	file   string // the quoted file, quotes and spaces around it trimmed
}

func matchSnippet(s string) *snippetLine {
	if !strings.Contains(s, "8<") {
		return nil
	}
	m := snippetPattern.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	sn := &snippetLine{space: m[1], escape: m[2] != "", block: m[4] != ""}
	if !sn.block {
		sn.file = strings.TrimSpace(m[3][1 : len(m[3])-1])
	}
	return sn
}

type sectionLine struct {
	escaped   bool
	unescaped string // the line with one ';' of the escape removed
	start     bool
	name      string
}

func matchSection(s string) *sectionLine {
	if !strings.Contains(s, "8<") {
		return nil
	}
	m := sectionPattern.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	return &sectionLine{
		escaped:   m[2] != "",
		unescaped: m[1] + strings.Replace(m[2], ";", "", 1) + m[3] + m[4] + m[7],
		start:     strings.EqualFold(m[5], "start"),
		name:      m[6],
	}
}

// span is one of a snippet's line ranges, as pymdownx keeps it: a start
// already 0-based (or negative, from the end), an end as written; nil for
// none.
type span struct{ start, end *int }

// splitSnippet splits "file:3:10,20:", "file:name" or "file" at the first
// colon after which the rest is ranges or a section's name, as pymdownx's
// pattern does with its lazy path.
func splitSnippet(spec string) (file string, spans []span, section string) {
	for i := 0; i < len(spec); i++ {
		if spec[i] != ':' {
			continue
		}
		rest := spec[i:]
		if rangesPattern.MatchString(rest) {
			for _, nums := range strings.Split(rest[1:], ",") {
				parts := strings.Split(nums, ":")
				var sp span
				if n, err := strconv.Atoi(parts[0]); err == nil && parts[0] != "" {
					if n >= 0 {
						n = max(0, n-1)
					}
					sp.start = &n
				}
				if len(parts) > 1 && parts[1] != "" {
					if n, err := strconv.Atoi(parts[1]); err == nil {
						sp.end = &n
					}
				}
				spans = append(spans, sp)
			}
			return strings.TrimSpace(spec[:i]), spans, ""
		}
		if namePattern.MatchString(rest) {
			return strings.TrimSpace(spec[:i]), nil, rest[1:]
		}
	}
	return strings.TrimSpace(spec), nil, ""
}

// pick selects the lines of spans, each as Python's slice of the list.
func pick(lines []line, spans []span) []line {
	total := len(lines)
	var out []line
	for _, sp := range spans {
		lo, hi := 0, total
		if sp.start != nil {
			lo = *sp.start
			if lo < 0 {
				lo = min(max(total+lo, 0), total)
			}
		}
		if sp.end != nil {
			hi = *sp.end
			if hi < 0 {
				hi = min(max(total+1+hi, 0), total)
			}
		}
		lo, hi = min(lo, total), min(hi, total)
		if lo < hi {
			out = append(out, lines[lo:hi]...)
		}
	}
	return out
}

// extractSection is pymdownx's extract_section: the lines between the
// section's start and end markers, other sections' markers left out.
func extractSection(lines []line, name string) (out []line, found bool) {
	start := false
	for _, l := range lines {
		m := matchSection(l.text)
		switch {
		case m != nil && start && m.escaped:
			l.text = m.unescaped
		case m != nil && m.name == name:
			if !start && m.start {
				start, found = true, true
				continue
			}
			if start && m.start {
				continue
			}
			return out, found
		case m != nil && start:
			continue
		}
		if start {
			out = append(out, l)
		}
	}
	return out, found
}

// snippet includes the file a snippets directive names, each of its lines
// indented as the directive is; or keeps the directive's line l, with a
// warning.
func (x *expander) snippet(l line, space, spec string, col int, directive string, depth int) []line {
	keep := []line{l}
	low := strings.ToLower(spec)
	if strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://") {
		x.warn(l.at, col, CodeMissing, "%s: URLs are not fetched; left as written", directive)
		return keep
	}
	file, spans, section := splitSnippet(spec)
	target := Find(x.opt, file)
	if target == "" {
		// pymdownx removes the directive of a file it cannot find
		hint := ""
		if other := findFolded(x.opt, file); other != "" {
			hint = fmt.Sprintf(" (%s differs from it only in case)", x.bookName(other))
		}
		x.warn(l.at, col, CodeMissing, "%s: no file %q in the folders includes are read from (%s: %s)%s; left out, as MkDocs leaves it out", directive, file, x.opt.Setting, x.opt.Allowed, hint)
		x.change = true
		return nil
	}
	if !x.enter(target, depth, l.at, col, directive) {
		return keep
	}
	text, err := x.read(target)
	if err != nil {
		x.readFailed(l.at, col, directive, target, err)
		return keep
	}
	lines := numbered(snippetLines(text), x.bookName(target))
	switch {
	case len(lines) == 0:
	case spans != nil:
		lines = pick(lines, spans)
	case section != "":
		var found bool
		if lines, found = extractSection(lines, section); !found {
			x.warn(l.at, col, CodeAnchor, "%s: no section %q in %s (--8<-- [start:%s] … [end:%s]); left as written", directive, section, x.bookName(target), section, section)
			return keep
		}
	}
	x.stack = append(x.stack, target)
	exp := x.expand(lines, target, depth+1, section != "")
	x.stack = x.stack[:len(x.stack)-1]
	x.change = true
	for i := range exp {
		exp[i].text = space + exp[i].text
		exp[i].at.Shift += len(space)
	}
	return exp
}

// snippetLines splits a snippet's text as pymdownx does: Python's lines,
// and an empty one after a final line break.
func snippetLines(text string) []string {
	if text == "" {
		return nil
	}
	texts := strings.Split(text, "\n")
	for i, t := range texts {
		texts[i] = strings.TrimSuffix(t, "\r")
	}
	return texts
}

// Find looks a snippet's file up as pymdownx looks it up in its base
// paths: in each of opt's roots in order, never outside the root; it
// returns the file's path in opt.FS, or "" when no root holds it.
func Find(opt Options, file string) string {
	for _, root := range opt.Roots {
		t := path.Join(root, file)
		if file == "" || path.IsAbs(file) || escapes(t) || !within(root, t) {
			continue
		}
		if _, err := fs.Stat(opt.FS, t); err == nil {
			return t
		}
	}
	return ""
}

// findFolded is the file Find would find if case did not matter, the
// first name in each folder that matches, as a system that ignores case
// would open it; "" when there is none or file is found as it is.
func findFolded(opt Options, file string) string {
	for _, root := range opt.Roots {
		t := path.Join(root, file)
		if file == "" || path.IsAbs(file) || escapes(t) || !within(root, t) {
			continue
		}
		dir := root
		ok := true
		for _, part := range strings.Split(path.Clean(file), "/") {
			entries, err := fs.ReadDir(opt.FS, dir)
			if err != nil {
				ok = false
				break
			}
			next := ""
			for _, e := range entries {
				if strings.EqualFold(e.Name(), part) {
					next = path.Join(dir, e.Name())
					break
				}
			}
			if next == "" {
				ok = false
				break
			}
			dir = next
		}
		if ok && dir != t {
			return dir
		}
	}
	return ""
}

// appendFiles appends opt.Append's files to out, the chapter's n lines
// expanded, as pymdownx.snippets appends its auto_append files: after a
// blank line, each file expanded and followed by a blank line. The blank
// lines are placed just after the chapter's last.
func (x *expander) appendFiles(out []line, fsFile string, n int) []line {
	gap := line{"", Origin{File: x.bookName(fsFile), Line: n + 1}}
	first := true
	for _, target := range x.opt.Append {
		if target == fsFile {
			continue // the shared file built as a chapter of its own
		}
		text, err := x.read(target)
		if err != nil {
			x.res.Warnings = append(x.res.Warnings, diag.Warnf(x.bookName(target), 0, CodeMissing, "%s: cannot read %s: %s; not appended", x.opt.AppendSetting, x.bookName(target), why(err)))
			continue
		}
		if first {
			out = append(out, gap)
			first = false
		}
		x.change = true
		x.stack = append(x.stack, target)
		out = append(out, x.expand(numbered(snippetLines(text), x.bookName(target)), target, 1, false)...)
		x.stack = x.stack[:len(x.stack)-1]
		out = append(out, gap)
	}
	return out
}
