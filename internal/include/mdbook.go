package include

import (
	"path"
	"regexp"
	"strconv"
	"strings"
)

// linkPattern is mdBook's: an escaped directive, \{{#…}} (to the last "}}"
// of the line, as its pattern is greedy), or {{#type args}}.
var linkPattern = regexp.MustCompile(`\\\{\{#.*\}\}|\{\{\s*#([a-zA-Z0-9_]+)\s+([^}]+)\}\}`)

// mdBook's anchors may stand anywhere in a line, in any kind of comment.
var (
	anchorStart = regexp.MustCompile(`ANCHOR:\s*([\p{L}\p{M}\p{Nd}\p{Pc}_-]+)`)
	anchorEnd   = regexp.MustCompile(`ANCHOR_END:\s*([\p{L}\p{M}\p{Nd}\p{Pc}_-]+)`)
)

// mdbook expands the mdBook directives of one line. Each included line
// after the first is prefixed with the text before the directive, as
// mdBook does, so an include indented in a list or quoted stays there.
func (x *expander) mdbook(l line, fsFile string, depth int) []line {
	if !strings.Contains(l.text, "{{") {
		return []line{l}
	}
	ms := linkPattern.FindAllStringSubmatchIndex(l.text, -1)
	if ms == nil {
		return []line{l}
	}
	var out []line
	cur := line{at: l.at}
	prev := 0
	for _, m := range ms {
		text := l.text[m[0]:m[1]]
		if m[2] < 0 {
			// escaped: the backslash goes, the rest is text
			cur.text += l.text[prev:m[0]] + text[1:]
			prev = m[1]
			x.change = true
			continue
		}
		typ := l.text[m[2]:m[3]]
		args := strings.Fields(l.text[m[4]:m[5]])
		if len(args) == 0 {
			continue
		}
		switch typ {
		case "include", "rustdoc_include", "playground", "playpen":
		case "title":
			// the page's title, as mdBook takes it: the last given, and
			// no text of the page
			x.res.Title = strings.TrimSpace(l.text[m[4]:m[5]])
			x.change = true
			cur.text += l.text[prev:m[0]]
			prev = m[1]
			continue
		default:
			continue // not an include (a template's own): text
		}
		inc, ok := x.link(typ, args, l.at, m[0], text, fsFile, depth)
		if !ok {
			continue
		}
		x.change = true
		cur.text += l.text[prev:m[0]]
		prev = m[1]
		if len(inc) == 0 {
			continue
		}
		prefix := cur.text
		if strings.TrimSpace(prefix) == "" {
			// the line is the included one's, indented
			cur.at = inc[0].at
			cur.at.Shift += len(prefix)
		}
		cur.text += inc[0].text
		for _, il := range inc[1:] {
			out = append(out, cur)
			cur = line{text: prefix + il.text, at: il.at}
			cur.at.Shift += len(prefix)
		}
	}
	cur.text += l.text[prev:]
	return append(out, cur)
}

// link reads one directive's lines, expanded, or reports why it cannot.
func (x *expander) link(typ string, args []string, at Origin, col int, directive, fsFile string, depth int) ([]line, bool) {
	spec, sel := args[0], ""
	playground := typ == "playground" || typ == "playpen"
	if !playground {
		spec, sel, _ = strings.Cut(spec, ":")
	}
	target := path.Join(path.Dir(fsFile), spec)
	if path.IsAbs(spec) {
		x.outside(at, col, directive, spec)
		return nil, false
	}
	if escapes(target) || !x.allowed(target) {
		x.outside(at, col, directive, x.bookName(target))
		return nil, false
	}
	if !x.enter(target, depth, at, col, directive) {
		return nil, false
	}
	text, err := x.read(target)
	if err != nil {
		x.readFailed(at, col, directive, target, err)
		return nil, false
	}
	name := x.bookName(target)
	lines := numbered(splitLines(text), name)
	var picked []line
	switch {
	case playground:
		fence := "```rust"
		if len(args) > 1 {
			fence += "," + strings.Join(args[1:], ",")
		}
		picked = append(append([]line{{fence, at}}, lines...), line{"```", at})
	default:
		r := parseRange(sel)
		found := true
		switch {
		case r.anchor != "" && typ == "include":
			picked, found = anchored(lines, r.anchor)
		case r.anchor != "":
			picked, found = rustdocAnchored(lines, r.anchor)
		case typ == "include":
			picked = r.take(lines)
		default:
			picked = r.rustdoc(lines)
		}
		if !found {
			x.warn(at, col, CodeAnchor, "%s: no anchor %q in %s (ANCHOR: %s … ANCHOR_END: %s); left as written", directive, r.anchor, name, r.anchor, r.anchor)
			return nil, false
		}
	}
	x.stack = append(x.stack, target)
	exp := x.expand(picked, target, depth+1, false)
	x.stack = x.stack[:len(x.stack)-1]
	// mdBook reads the expansion by lines again: a last empty one goes
	if n := len(exp); n > 0 && exp[n-1].text == "" {
		exp = exp[:n-1]
	}
	return exp, true
}

// numbered gives a file's lines their places.
func numbered(texts []string, file string) []line {
	out := make([]line, len(texts))
	for i, t := range texts {
		out[i] = line{t, Origin{File: file, Line: i + 1}}
	}
	return out
}

// lineRange is what follows an mdBook path's first colon: lines from
// start to end (0-based, end excluded; -1 for unbounded), or an anchor.
type lineRange struct {
	anchor     string
	start, end int
}

// parseRange reads "N", "N:M", "N:", ":M", "" or an anchor's name, as
// mdBook's parse_range_or_anchor does: a start that is not a number is an
// anchor; an end that is not a number leaves the range open.
func parseRange(sel string) lineRange {
	parts := strings.SplitN(sel, ":", 3)
	r := lineRange{start: -1, end: -1}
	if n, err := strconv.ParseUint(parts[0], 10, 0); err == nil {
		r.start = max(int(n)-1, 0)
	} else if parts[0] != "" {
		return lineRange{anchor: parts[0]}
	}
	if len(parts) == 1 {
		if r.start >= 0 {
			r.end = r.start + 1 // one line
		}
		return r
	}
	if n, err := strconv.ParseUint(parts[1], 10, 0); err == nil {
		r.end = int(n)
	}
	return r
}

func (r lineRange) contains(i int) bool {
	return i >= max(r.start, 0) && (r.end < 0 || i < r.end)
}

// take is include's selection: the lines in the range.
func (r lineRange) take(lines []line) []line {
	var out []line
	for i, l := range lines {
		if r.contains(i) {
			out = append(out, l)
		}
	}
	return out
}

// rustdoc is rustdoc_include's: every line, those outside the range
// hidden behind "# ".
func (r lineRange) rustdoc(lines []line) []line {
	out := make([]line, len(lines))
	for i, l := range lines {
		if !r.contains(i) {
			l = hidden(l)
		}
		out[i] = l
	}
	return out
}

func hidden(l line) line {
	l.text = "# " + l.text
	l.at.Shift += 2
	return l
}

// anchored is include's selection of an anchor: the lines after its first
// ANCHOR line up to its ANCHOR_END, without any line marking an anchor.
func anchored(lines []line, name string) (out []line, found bool) {
	for _, l := range lines {
		if found {
			if m := anchorEnd.FindStringSubmatch(l.text); m != nil {
				if m[1] == name {
					break
				}
			} else if !anchorStart.MatchString(l.text) {
				out = append(out, l)
			}
		} else if m := anchorStart.FindStringSubmatch(l.text); m != nil && m[1] == name {
			found = true
		}
	}
	return out, found
}

// rustdocAnchored is rustdoc_include's: the anchor's lines shown (each time
// it is opened), the others hidden, lines marking anchors left out.
func rustdocAnchored(lines []line, name string) (out []line, found bool) {
	in := false
	for _, l := range lines {
		switch {
		case in:
			if m := anchorEnd.FindStringSubmatch(l.text); m != nil {
				if m[1] == name {
					in = false
				}
			} else if !anchorStart.MatchString(l.text) {
				out = append(out, l)
			}
		case anchorStart.MatchString(l.text):
			if anchorStart.FindStringSubmatch(l.text)[1] == name {
				in, found = true, true
			}
		case !anchorEnd.MatchString(l.text):
			out = append(out, hidden(l))
		}
	}
	return out, found
}
