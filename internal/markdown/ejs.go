package markdown

import (
	"bytes"
	"regexp"
	"strings"
)

// Eloquent JavaScript is written in a Markdown of its own, which its
// build (src/markdown.mjs, markdown-it with plugins) reads. Its marks
// become the Markdown samizdat reads, each line staying where it was,
// so positions and warnings name the file's own lines:
//
//   - {{figure {url: "…", alt: "…"}}}: a picture;
//   - {{quote {author: "…", title: "…"} … quote}}: a quotation, its
//     author and work under it;
//   - {{hint … hint}}: an exercise's hints, a quotation headed "Hints";
//   - {{if book … if}} and {{if tex … if}}: kept, the printed book's;
//     any other condition (interactive, html, commercial) left out, as
//     the book's free printed edition leaves it out;
//   - ((term)): the term, its index mark dropped;
//   - a code fence's {lang: x, …}: the language x; a fence naming none
//     holds JavaScript, as the book's build reads it;
//   - {{id x}}: the ID of the heading after it (or an anchor starting
//     the next line of text), which links name as chapter#x;
//   - {{table {cols: [1, 5]}}} and the blank line after it: a header of
//     blank cells and its delimiter, so the rows after them, which have
//     neither, are a pipe table without a header;
//   - {{meta}}, {{index}} and {{indexsee}} lines: left out (they feed
//     the book's own index).

// isEJSChapter reports an Eloquent JavaScript chapter: a line of it
// starts with one of the marks no other Markdown has, {{meta {…}}},
// {{quote {author: …} or {{figure {url: …}}}.
func isEJSChapter(src []byte) bool {
	for _, mark := range []string{"{{meta {", "{{quote {author:", "{{figure {url:"} {
		if bytes.HasPrefix(src, []byte(mark)) || bytes.Contains(src, []byte("\n"+mark)) {
			return true
		}
	}
	return false
}

var (
	ejsAttr      = regexp.MustCompile(`(\w+):\s*("(?:[^"\\]|\\.)*"|[^,}]*)`)
	ejsFenceOpen = regexp.MustCompile("^(```+|~~~+)\\s*(\\{.*\\})?\\s*$")
	ejsIndexMark = regexp.MustCompile(`\(\(([^()\n]+?)\)\)`)
	ejsTableCols = regexp.MustCompile(`cols:\s*\[([^\]]*)\]`)
)

// ejsAttrs reads a mark's {key: value, …}, quotes taken off the values.
func ejsAttrs(s string) map[string]string {
	attrs := map[string]string{}
	for _, m := range ejsAttr.FindAllStringSubmatch(s, -1) {
		v := strings.TrimSpace(m[2])
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
			v = strings.ReplaceAll(v[1:len(v)-1], `\"`, `"`)
		}
		attrs[m[1]] = v
	}
	return attrs
}

// ejsSource rewrites an Eloquent JavaScript chapter into Markdown, line
// for line.
func ejsSource(src []byte) []byte {
	lines := bytes.SplitAfter(src, []byte("\n"))
	var out bytes.Buffer
	out.Grow(len(src))
	fence := ""       // the open code fence's marker, "" outside code
	dropping := 0     // depth of the conditions being left out
	quoting := ""     // the mark being quoted ("quote", "hint"), "" if none
	attribution := "" // the quotation's author and work
	anchor := ""      // a {{id}} waiting for the line it names
	tableCols := 0    // the columns of a {{table}} whose delimiter is due
	for _, line := range lines {
		body := strings.TrimRight(string(line), "\r\n")
		eol := string(line[len(body):])
		trimmed := strings.TrimSpace(body)
		emit := func(s string) {
			if quoting != "" && dropping == 0 {
				if s == "" {
					s = ">"
				} else {
					s = "> " + s
				}
			}
			out.WriteString(s)
			out.WriteString(eol)
		}
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
				fence = ""
			}
			if dropping > 0 {
				emit("")
			} else {
				emit(body)
			}
			continue
		}
		switch {
		case strings.HasPrefix(trimmed, "{{if "):
			cond := strings.TrimSpace(strings.TrimPrefix(trimmed, "{{if "))
			if dropping > 0 || cond != "book" && cond != "tex" {
				dropping++
			}
			out.WriteString(eol)
			continue
		case trimmed == "if}}":
			if dropping > 0 {
				dropping--
			}
			out.WriteString(eol)
			continue
		}
		if dropping > 0 {
			out.WriteString(eol)
			continue
		}
		if m := ejsFenceOpen.FindStringSubmatch(trimmed); m != nil {
			fence = m[1]
			lang := "javascript"
			if l, ok := ejsAttrs(m[2])["lang"]; ok {
				lang = l
				if l == "null" {
					lang = "text"
				}
			}
			emit(m[1] + lang)
			continue
		}
		switch {
		case strings.HasPrefix(trimmed, "{{quote ") || trimmed == "{{quote":
			a := ejsAttrs(trimmed)
			attribution = "— " + a["author"]
			if a["title"] != "" {
				attribution += ", *" + a["title"] + "*"
			}
			quoting = "quote"
			out.WriteString(eol)
			continue
		case trimmed == "quote}}" && quoting == "quote":
			emit(attribution)
			quoting = ""
			continue
		case trimmed == "{{hint":
			quoting = "hint"
			emit("**Hints**")
			continue
		case trimmed == "hint}}" && quoting == "hint":
			quoting = ""
			out.WriteString(eol)
			continue
		case strings.HasPrefix(trimmed, "{{figure "):
			a := ejsAttrs(strings.TrimPrefix(trimmed, "{{figure "))
			emit("![" + a["alt"] + "](" + a["url"] + ")")
			continue
		case strings.HasPrefix(trimmed, "{{") && strings.HasSuffix(trimmed, "}}"):
			name, arg, _ := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(trimmed, "{{"), "}}"), " ")
			switch name {
			case "table":
				// its rows follow a blank line, with no header: the
				// mark and that line become a header of blank cells,
				// a pipe table's way of having none, and its delimiter
				if m := ejsTableCols.FindStringSubmatch(arg); m != nil {
					cols := strings.Count(m[1], ",") + 1
					out.WriteString("|" + strings.Repeat(" |", cols) + eol)
					tableCols = cols
					continue
				}
				out.WriteString(eol)
				continue
			case "id":
				anchor = strings.Trim(strings.TrimSpace(arg), `"`)
				fallthrough
			case "meta", "index", "indexsee":
				out.WriteString(eol)
				continue
			}
		}
		if tableCols > 0 {
			cols := tableCols
			tableCols = 0
			if trimmed == "" {
				out.WriteString("|" + strings.Repeat("---|", cols) + eol)
				continue
			}
		}
		if anchor != "" && trimmed != "" {
			// the next line of text is the anchor's place: a heading
			// takes it as its ID, any other line starts with it
			if strings.HasPrefix(trimmed, "#") {
				body += " {#" + anchor + "}"
			} else {
				body = "[]{#" + anchor + "}" + body
			}
			anchor = ""
		}
		emit(ejsInline(body))
	}
	return out.Bytes()
}

// ejsInline drops the index marks of ((term)) outside code spans.
func ejsInline(line string) string {
	if !strings.Contains(line, "((") {
		return line
	}
	var b strings.Builder
	for i := 0; i < len(line); {
		if line[i] == '`' {
			// a code span, to the same run of backticks, as written
			n := 0
			for i+n < len(line) && line[i+n] == '`' {
				n++
			}
			end := strings.Index(line[i+n:], line[i:i+n])
			if end < 0 {
				b.WriteString(line[i:])
				break
			}
			b.WriteString(line[i : i+n+end+n])
			i += n + end + n
			continue
		}
		next := strings.IndexByte(line[i:], '`')
		if next < 0 {
			next = len(line) - i
		}
		b.WriteString(ejsIndexMark.ReplaceAllString(line[i:i+next], "$1"))
		i += next
	}
	return b.String()
}
