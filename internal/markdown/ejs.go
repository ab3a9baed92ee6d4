package markdown

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
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
//   - ((term)): the term, and an entry of the book's index at it;
//   - {{index a, "b c", [d, e]}} on a line of its own: an entry of the
//     index for each term, a list being a term and its sub-terms, at the
//     start of the next line of text (after a heading's or a list
//     item's marker), as the book's LaTeX puts \index before the
//     paragraph; {{indexsee a, b}}: a cross-reference, "a, see b";
//   - a code fence's {lang: x, …}: the language x; a fence naming none
//     holds JavaScript, as the book's build reads it;
//   - {{id x}}: the ID of the heading after it (or an anchor starting
//     the next line of text), which links name as chapter#x;
//   - {{table {cols: [1, 5]}}} and the blank line after it: a header of
//     blank cells and its delimiter, so the rows after them, which have
//     neither, are a pipe table without a header;
//   - {{meta}} lines: left out;
//   - a "?" in the text of a link to a chapter, [Chapter ?](values) or
//     [Chapter ?](data#methods): the chapter's number, which the book's
//     build writes there. It becomes {{chapternumber values}}, for
//     ejsIndexParser to read as a span naming the chapter (class
//     EJSChapterNumberClass, its "?" as written), which the resolve pass
//     numbers (notes/ejs.go), knowing the chapters the edition keeps.
//
// The index marks stay in the rewritten text as written, {{index …}},
// ((term)) becoming {{index "term"}}term, for ejsIndexParser to read
// where they stand: only in a chapter ejsSource rewrote, so elsewhere
// they are text.

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
	// a link to a chapter by its name (its docid), as the book's build
	// tells one: a word, and a fragment or none
	ejsChapterLink = regexp.MustCompile(`\[([^\[\]\n]*\?[^\[\]\n]*)\]\((\w+)(#[^()\s]*)?\)`)
	// a line's block markers, after which its text starts: a heading's,
	// a list item's, a table row's
	ejsLinePrefix = regexp.MustCompile(`^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|\|\s*)?`)
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
	indexMarks := ""  // {{index}} lines waiting for the line of text they mark
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
				out.WriteString(eol)
				continue
			case "index", "indexsee":
				// a mark the build cannot read is a paragraph of text;
				// one without terms marks nothing
				if n, end := parseEJSIndex(trimmed); n != nil && end == len(trimmed) {
					indexMarks += trimmed
				} else if strings.TrimSpace(arg) != "" {
					break
				}
				out.WriteString(eol)
				continue
			case "meta":
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
		body = ejsInline(body)
		if indexMarks != "" && trimmed != "" {
			at := len(ejsLinePrefix.FindString(body))
			body = body[:at] + indexMarks + body[at:]
			indexMarks = ""
		}
		emit(body)
	}
	return out.Bytes()
}

// ejsChapterNumbers writes each "?" in the text of a link to a chapter
// as the mark of that chapter's number.
func ejsChapterNumbers(s string) string {
	if !strings.Contains(s, "?](") {
		return s
	}
	return ejsChapterLink.ReplaceAllStringFunc(s, func(m string) string {
		sub := ejsChapterLink.FindStringSubmatch(m)
		text := strings.ReplaceAll(sub[1], "?", "{{chapternumber "+sub[2]+"}}")
		return "[" + text + "](" + sub[2] + sub[3] + ")"
	})
}

// ejsInline writes each ((term)) outside code spans as the term preceded
// by its index mark, {{index "term"}}, and each "?" of a link to a
// chapter as its number's mark.
func ejsInline(line string) string {
	if !strings.Contains(line, "((") && !strings.Contains(line, "?](") {
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
		b.WriteString(ejsChapterNumbers(ejsIndexMark.ReplaceAllStringFunc(line[i:i+next], func(m string) string {
			term := m[2 : len(m)-2]
			quoted, _ := json.Marshal(term) // a string always marshals
			return "{{index " + string(quoted) + "}}" + term
		})))
		i += next
	}
	return b.String()
}

// ejsKey marks the parse of a chapter ejsSource rewrote.
var ejsKey = parser.NewContextKey()

// ejsIndex is an {{index …}} or {{indexsee …}} mark: an index entry at its
// place for each term, or a cross-reference.
type ejsIndex struct {
	ast.BaseInline
	terms []string // as the index span's term: levels separated by "!"
	see   string   // {{indexsee}}'s target, "" for {{index}}
}

var kindEJSIndex = ast.NewNodeKind("EJSIndex")

func (n *ejsIndex) Kind() ast.NodeKind { return kindEJSIndex }

func (n *ejsIndex) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Terms": strings.Join(n.terms, "; "), "See": n.see}, nil)
}

func (n *ejsIndex) convert(*converter, int) []doc.Inline {
	var out []doc.Inline
	for _, term := range n.terms {
		attrs := []doc.Attr{{Key: "term", Value: term}}
		if n.see != "" {
			attrs = append(attrs, doc.Attr{Key: "see", Value: n.see})
		}
		out = append(out, &doc.Span{Classes: []string{"index"}, Attrs: attrs})
	}
	return out
}

// ejsIndexParser reads the index marks ejsSource left in the text.
type ejsIndexParser struct{}

func (ejsIndexParser) Trigger() []byte { return []byte{'{'} }

func (ejsIndexParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if on, _ := pc.Get(ejsKey).(bool); !on {
		return nil
	}
	line, _ := block.PeekLine()
	if m := ejsChapterNumberMark.FindSubmatch(line); m != nil {
		block.Advance(len(m[0]))
		return &ejsChapterNumber{chapter: string(m[1])}
	}
	n, end := parseEJSIndex(string(line))
	if n == nil {
		return nil
	}
	block.Advance(end)
	return n
}

// EJSChapterNumberClass is the class of the span standing for the number
// of the chapter its attribute "chapter" names (its docid), "?" until the
// resolve pass numbers it.
const EJSChapterNumberClass = "ejs-chapter-number"

var ejsChapterNumberMark = regexp.MustCompile(`^\{\{chapternumber (\w+)\}\}`)

// ejsChapterNumber is the number of the chapter a link leads to.
type ejsChapterNumber struct {
	ast.BaseInline
	chapter string
}

var kindEJSChapterNumber = ast.NewNodeKind("EJSChapterNumber")

func (n *ejsChapterNumber) Kind() ast.NodeKind { return kindEJSChapterNumber }

func (n *ejsChapterNumber) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Chapter": n.chapter}, nil)
}

func (n *ejsChapterNumber) convert(*converter, int) []doc.Inline {
	return []doc.Inline{&doc.Span{
		Classes: []string{EJSChapterNumberClass},
		Attrs:   []doc.Attr{{Key: "chapter", Value: n.chapter}},
		Content: []doc.Inline{&doc.Text{Text: "?"}},
	}}
}

// parseEJSIndex reads an index mark at the start of s and returns it with
// the length it takes, or nil when s starts with none, as the book's
// build leaves such a mark as text. Its arguments are the build's
// pseudo-JSON (src/pseudo_json.mjs): JSON strings, bare words of letters,
// digits and "_", and lists of them, commas optional. A list is a term
// and its sub-terms; a "!" in a term is the term's own, escaped.
func parseEJSIndex(s string) (*ejsIndex, int) {
	var name string
	for _, tag := range []string{"indexsee", "index"} {
		if strings.HasPrefix(s, "{{"+tag) && len(s) > len(tag)+2 && (s[len(tag)+2] == ' ' || s[len(tag)+2] == '\t') {
			name = tag
			break
		}
	}
	if name == "" {
		return nil, 0
	}
	r := &ejsArgs{s: s, pos: len(name) + 2}
	var args []string
	for {
		r.space()
		if strings.HasPrefix(s[r.pos:], "}}") {
			break
		}
		arg, ok := r.value(0)
		if !ok || arg == "" {
			return nil, 0
		}
		args = append(args, arg)
		r.space()
		if r.pos < len(s) && s[r.pos] == ',' {
			r.pos++
		}
	}
	n := &ejsIndex{terms: args}
	if name == "indexsee" {
		// the build's LaTeX reads the first two, as term and target
		if len(args) < 2 {
			return nil, 0
		}
		n.terms, n.see = args[:1], args[1]
	}
	if len(n.terms) == 0 {
		return nil, 0
	}
	return n, r.pos + 2
}

// ejsTermDashes prints an operator's hyphens as the book's printed index
// does, as minus signs (its src/render_latex.mjs), which also keeps "--"
// from becoming an en dash.
var ejsTermDashes = strings.NewReplacer("--", "−−", "- ", "− ", "-=", "−=")

// ejsArgs reads a mark's pseudo-JSON arguments.
type ejsArgs struct {
	s   string
	pos int
}

func (r *ejsArgs) space() {
	for r.pos < len(r.s) && strings.IndexByte(" \t\r\n", r.s[r.pos]) >= 0 {
		r.pos++
	}
}

// value reads a string, a word or a list (of depth levels so far) as an
// index term, levels joined by "!".
func (r *ejsArgs) value(depth int) (string, bool) {
	if r.pos >= len(r.s) {
		return "", false
	}
	switch c := r.s[r.pos]; {
	case c == '"':
		end := r.pos + 1
		for escaped := false; ; end++ {
			if end >= len(r.s) {
				return "", false
			}
			if r.s[end] == '"' && !escaped {
				break
			}
			escaped = !escaped && r.s[end] == '\\'
		}
		var v string
		if json.Unmarshal([]byte(r.s[r.pos:end+1]), &v) != nil {
			return "", false
		}
		r.pos = end + 1
		return ejsTermDashes.Replace(strings.ReplaceAll(v, "!", `\!`)), true
	case c == '[' && depth == 0:
		r.pos++
		var levels []string
		for {
			r.space()
			if r.pos < len(r.s) && r.s[r.pos] == ']' {
				r.pos++
				break
			}
			v, ok := r.value(depth + 1)
			if !ok {
				return "", false
			}
			levels = append(levels, v)
			r.space()
			if r.pos < len(r.s) && r.s[r.pos] == ',' {
				r.pos++
			}
		}
		return strings.Join(levels, "!"), len(levels) > 0
	default:
		start := r.pos
		for r.pos < len(r.s) && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			if r.pos++; r.pos < len(r.s) {
				c = r.s[r.pos]
			}
		}
		return r.s[start:r.pos], r.pos > start
	}
}
