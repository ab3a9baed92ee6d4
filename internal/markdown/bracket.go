package markdown

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Pandoc's citations and bracketed spans, which goldmark does not know:
//
//	[see @serge1963, 85–86; @kollontai1921]   a citation of two works
//	[-@serge1963, 85]                         without the author's name
//	@serge1963 says, @serge1963 [85] says     written into the sentence
//	[Kronstadt]{.index term="Kronstadt rising"}  a span with attributes
//	[the rising](#kronstadt){.page}           a link with attributes
//
// A "[" is looked at before goldmark's link parser: when its matching "]"
// is followed by an attribute list it opens a span, whose "]{…}" is then
// taken as the span's end; when its content is a list of citations, it is
// a citation. Anything else is left to the link parser. The span's two
// ends are paired into one node after parsing (spanPairer): emphasis
// crossing a span's end leaves both ends as the text they were.

// citationNode is a citation, a leaf.
type citationNode struct {
	ast.BaseInline
	cite doc.Cite
}

var kindCitation = ast.NewNodeKind("SamizdatCitation")

func (n *citationNode) Kind() ast.NodeKind { return kindCitation }
func (n *citationNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Text": n.cite.Text}, nil)
}

// spanOpenNode and spanCloseNode are the ends of a bracketed span until
// spanPairer puts what lies between them in a spanNode.
type spanOpenNode struct {
	ast.BaseInline
	attrs attrList
	raw   []byte // "[" and, when unpaired, what it stands for
}

type spanCloseNode struct {
	ast.BaseInline
	raw []byte // "]{…}"
}

// spanNode is a bracketed span with its content.
type spanNode struct {
	ast.BaseInline
	attrs attrList
}

var (
	kindSpanOpen  = ast.NewNodeKind("SamizdatSpanOpen")
	kindSpanClose = ast.NewNodeKind("SamizdatSpanClose")
	kindSpan      = ast.NewNodeKind("SamizdatSpan")
)

func (n *spanOpenNode) Kind() ast.NodeKind          { return kindSpanOpen }
func (n *spanOpenNode) Dump(src []byte, level int)  { ast.DumpHelper(n, src, level, nil, nil) }
func (n *spanCloseNode) Kind() ast.NodeKind         { return kindSpanClose }
func (n *spanCloseNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
func (n *spanNode) Kind() ast.NodeKind              { return kindSpan }
func (n *spanNode) Dump(src []byte, level int)      { ast.DumpHelper(n, src, level, nil, nil) }

// attrNode stands where a link's attribute list was: goldmark needs a
// node as an inline parser's result; it converts to nothing.
type attrNode struct{ ast.BaseInline }

var kindAttr = ast.NewNodeKind("SamizdatAttributes")

func (n *attrNode) Kind() ast.NodeKind         { return kindAttr }
func (n *attrNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// attrList is a parsed attribute list: {#id .class key="value"}.
type attrList struct {
	id      string
	classes []string
	kv      []doc.Attr
	// bare is set when the list holds a word that is none of these, which
	// fenced divs allow and spans do not.
	bare bool
}

// blockText is the text of the block being parsed, its lines joined as
// goldmark's reader sees them, with the matching "]" of each "[".
type blockText struct {
	parent ast.Node
	text   []byte
	// starts[i] is where line i begins in text, at source offset srcs[i].
	starts, srcs []int
	match        map[int]int // text index of "[" → of its "]"
	// ats[i] counts the "@" before text index i, so a bracket holding none
	// is passed over at once.
	ats []int32
}

// maxCitation bounds the text of one bracketed citation, so nested
// brackets cost linear time.
const maxCitation = 2000

var blockTextKey = parser.NewContextKey()

// spanEndsKey holds the source offsets of the "]" that end bracketed
// spans, with their "]{…}" as written.
var spanEndsKey = parser.NewContextKey()

func blockTextOf(parent ast.Node, source []byte, pc parser.Context) *blockText {
	if bt, ok := pc.Get(blockTextKey).(*blockText); ok && bt.parent == parent {
		return bt
	}
	bt := &blockText{parent: parent, match: map[int]int{}}
	lines := parent.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		bt.starts = append(bt.starts, len(bt.text))
		bt.srcs = append(bt.srcs, seg.Start)
		bt.text = append(bt.text, seg.Value(source)...)
	}
	bt.matchBrackets()
	bt.ats = make([]int32, len(bt.text)+1)
	for i, c := range bt.text {
		bt.ats[i+1] = bt.ats[i]
		if c == '@' {
			bt.ats[i+1]++
		}
	}
	pc.Set(blockTextKey, bt)
	return bt
}

// index is the text index of a source offset, or -1.
func (bt *blockText) index(off int) int {
	i := sort.Search(len(bt.srcs), func(i int) bool { return bt.srcs[i] > off }) - 1
	if i < 0 {
		return -1
	}
	at := bt.starts[i] + off - bt.srcs[i]
	next := len(bt.text)
	if i+1 < len(bt.starts) {
		next = bt.starts[i+1]
	}
	if at >= next {
		return -1
	}
	return at
}

// source is the source offset of a text index.
func (bt *blockText) source(at int) int {
	i := sort.Search(len(bt.starts), func(i int) bool { return bt.starts[i] > at }) - 1
	return bt.srcs[i] + at - bt.starts[i]
}

// matchBrackets pairs brackets in one pass, passing over escaped
// characters and code spans as goldmark does.
func (bt *blockText) matchBrackets() {
	t := bt.text
	// closing backtick runs by length, to skip code spans in linear time
	runsAt := map[int][]int{}
	for i := 0; i < len(t); {
		if t[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(t) && t[j] == '`' {
			j++
		}
		runsAt[j-i] = append(runsAt[j-i], i)
		i = j
	}
	var stack []int
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '\\':
			i++
		case '`':
			j := i
			for j < len(t) && t[j] == '`' {
				j++
			}
			n := j - i
			runs := runsAt[n]
			k := sort.SearchInts(runs, j)
			if k < len(runs) {
				i = runs[k] + n - 1
				runsAt[n] = runs[k:]
			} else {
				i = j - 1
			}
		case '[':
			stack = append(stack, i)
		case ']':
			if len(stack) > 0 {
				bt.match[stack[len(stack)-1]] = i
				stack = stack[:len(stack)-1]
			}
		}
	}
}

// attrListEnd is the index of the "}" closing the attribute list s starts
// with, outside quoted values, within a few lines; 0 when there is none.
func attrListEnd(s []byte) int {
	var quote byte
	lines := 0
	for i := 1; i < len(s) && i < 1000; i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '}':
			return i
		case c == '{':
			return 0
		case c == '\n':
			if lines++; lines > 3 {
				return 0
			}
		}
	}
	return 0
}

// bracketParser takes "[" that starts a citation or a span, and the "]{…}"
// that ends a span.
type bracketParser struct{}

func (bracketParser) Trigger() []byte { return []byte{'[', ']'} }

func (bracketParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	if line[0] == ']' {
		ends, _ := pc.Get(spanEndsKey).(map[int][]byte)
		raw, ok := ends[seg.Start]
		if !ok {
			return nil
		}
		block.Advance(len(raw))
		return &spanCloseNode{raw: collapseLinesBytes(raw)}
	}
	if len(line) > 1 && line[1] == '^' {
		return nil // a footnote reference
	}
	bt := blockTextOf(parent, block.Source(), pc)
	open := bt.index(seg.Start)
	if open < 0 {
		return nil
	}
	close, ok := bt.match[open]
	if !ok {
		return nil
	}
	after := bt.text[close+1:]
	if len(after) > 0 && after[0] == '{' {
		if end := attrListEnd(after); end > 0 {
			if attrs, ok := parseAttributes(bytes.ReplaceAll(after[1:end], []byte("\n"), []byte(" "))); ok && !attrs.bare {
				ends, _ := pc.Get(spanEndsKey).(map[int][]byte)
				if ends == nil {
					ends = map[int][]byte{}
					pc.Set(spanEndsKey, ends)
				}
				ends[bt.source(close)] = bt.text[close : close+end+2]
				block.Advance(1)
				return &spanOpenNode{attrs: attrs, raw: []byte("[")}
			}
		}
	}
	if len(after) > 0 && (after[0] == '(' || after[0] == '[') {
		return nil // a link
	}
	if close-open > maxCitation || bt.ats[close] == bt.ats[open] {
		return nil // too long for a citation, or no key in it
	}
	content := string(bt.text[open+1 : close])
	items, ok := parseCitations(content)
	if !ok {
		return nil
	}
	raw := string(bt.text[open : close+1])
	block.Advance(close + 1 - open)
	return &citationNode{cite: doc.Cite{Items: items, Text: collapseLines(raw)}}
}

func collapseLinesBytes(b []byte) []byte { return []byte(collapseLines(string(b))) }

func collapseLines(s string) string {
	if !strings.ContainsAny(s, "\n\r") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// atParser takes a citation written into the sentence: "@serge1963", and
// "@serge1963 [85]" with its locator.
type atParser struct{}

func (atParser) Trigger() []byte { return []byte{'@'} }

func (atParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	// a citation in the sentence follows a space or opening punctuation;
	// an e-mail address or a handle inside a word is none
	if prev := block.PrecendingCharacter(); !unicode.IsSpace(prev) && !strings.ContainsRune("(\"'“‘«—–", prev) {
		return nil
	}
	line, _ := block.PeekLine()
	key, n := citeKey(line[1:])
	if key == "" {
		return nil
	}
	n++ // the "@"
	item := doc.CiteItem{Key: key}
	// "@key [p. 33]": the locator in brackets after one space
	if rest := line[n:]; len(rest) > 2 && rest[0] == ' ' && rest[1] == '[' && rest[2] != '@' && rest[2] != '-' {
		// a locator is short: look no further for its "]"
		if end := bytes.IndexByte(rest[:min(len(rest), 256)], ']'); end > 2 && !bytes.ContainsAny(rest[2:end], "[@") {
			after := rest[end+1:]
			if len(after) == 0 || (after[0] != '(' && after[0] != '[' && after[0] != '{') {
				item.Locator, item.Suffix = splitLocator(strings.TrimSpace(string(rest[2:end])), true)
				n += end + 1
			}
		}
	}
	raw := string(line[:n])
	block.Advance(n)
	return &citationNode{cite: doc.Cite{Items: []doc.CiteItem{item}, AuthorInText: true, Text: raw}}
}

// citeKey reads a citation key after "@": a letter, digit or "_", then
// those and internal punctuation (:.#$%&-+?<>~/), never ending on
// punctuation; or any text in braces, "@{key}".
func citeKey(s []byte) (string, int) {
	if len(s) > 0 && s[0] == '{' {
		// the key ends at the first "}", and is none if a "{" or a line
		// end comes first: the look stops there, so a line of "@{" that
		// are never closed costs linear time
		end := bytes.IndexAny(s[1:], "{}\n") + 1
		if end <= 1 || s[end] != '}' {
			return "", 0
		}
		return string(s[1:end]), end + 1
	}
	end := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			i += size
			end = i
		case i > 0 && strings.ContainsRune(":.#$%&-+?<>~/", r):
			i += size
		default:
			return string(s[:end]), end
		}
	}
	return string(s[:end]), end
}

// parseCitations reads the inside of a bracketed citation: items
// separated by ";", each "prefix @key, locator suffix" with a "-" before
// the "@" to leave the author out. Every item must name a key.
func parseCitations(s string) ([]doc.CiteItem, bool) {
	if !strings.Contains(s, "@") {
		return nil, false
	}
	var items []doc.CiteItem
	for _, part := range splitOutsideBraces(s, ';') {
		at := -1
		for i := 0; i < len(part); i++ {
			if part[i] == '@' && (i == 0 || part[i-1] == ' ' || part[i-1] == '-' || part[i-1] == '\n' || part[i-1] == '\t') {
				at = i
				break
			}
		}
		if at < 0 {
			return nil, false
		}
		key, n := citeKey([]byte(part[at+1:]))
		if key == "" {
			return nil, false
		}
		it := doc.CiteItem{Key: key}
		prefix := part[:at]
		if strings.HasSuffix(prefix, "-") {
			it.SuppressAuthor = true
			prefix = prefix[:len(prefix)-1]
		}
		it.Prefix = decodeMarkdown([]byte(collapseLines(strings.TrimSpace(prefix))))
		rest := part[at+1+n:]
		if strings.Contains(rest, "@") && !strings.Contains(rest, "{") {
			// two keys in one item: not a citation list
			if i := strings.Index(rest, "@"); i == 0 || rest[i-1] == ' ' {
				return nil, false
			}
		}
		loc, suffix := splitLocator(collapseLines(rest), false)
		it.Locator, it.Suffix = decodeMarkdown([]byte(loc)), decodeMarkdown([]byte(suffix))
		items = append(items, it)
	}
	return items, len(items) > 0
}

func splitOutsideBraces(s string, sep byte) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		case sep:
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// locatorLabels are the words that start a locator ("p. 3", "chap. 2").
var locatorLabels = []string{
	"p.", "pp.", "page", "pages", "chap.", "ch.", "chapter", "chapters", "sec.", "section", "sections", "§", "§§",
	"para.", "paragraph", "¶", "n.", "nn.", "note", "notes", "vol.", "vols.", "volume", "l.", "ll.", "line", "lines",
	"fig.", "figure", "col.", "column", "bk.", "book", "pt.", "part", "v.", "vv.", "verse", "fol.", "folio",
}

// splitLocator separates the locator from the suffix in what follows a
// key: ", p. 33 and passim" is locator "p. 33" and suffix "and passim";
// ", {pp. iv, vi–xi} with suffix" keeps the braced locator whole. bare
// reads a locator not preceded by a comma ("@key [p. 33]").
func splitLocator(rest string, bare bool) (locator, suffix string) {
	t := rest
	if !bare {
		t = strings.TrimLeft(rest, " \t")
		if !strings.HasPrefix(t, ",") {
			return "", strings.TrimSpace(rest)
		}
		t = strings.TrimLeft(t[1:], " \t")
	}
	if strings.HasPrefix(t, "{") {
		if end := strings.IndexByte(t, '}'); end > 0 {
			return strings.TrimSpace(t[1:end]), strings.TrimSpace(t[end+1:])
		}
	}
	i := 0
	low := strings.ToLower(t)
	for _, l := range locatorLabels {
		if strings.HasPrefix(low, l) && (len(low) == len(l) || low[len(l)] == ' ' || low[len(l)] == '\u00a0' || strings.HasSuffix(l, ".") || l == "§" || l == "¶") {
			i = len(l)
			for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
				i++
			}
			break
		}
	}
	start := i
	// the value: numbers and roman numerals joined by ranges and commas
	for {
		j := i
		for j < len(t) {
			r, size := utf8.DecodeRuneInString(t[j:])
			if unicode.IsDigit(r) || strings.ContainsRune("ivxlcdmIVXLCDM", r) || r == '–' || r == '-' || r == '—' {
				j += size
				continue
			}
			break
		}
		if j == i || !startsWithDigitOrRoman(t[i:j]) {
			break
		}
		// a word of letters that only look roman ("mix") ends the value
		if j < len(t) && unicode.IsLetter(rune(t[j])) {
			break
		}
		i = j
		k := i
		for k < len(t) && (t[k] == ',' || t[k] == ' ' || t[k] == '&') {
			k++
		}
		if k > i && k < len(t) && startsWithDigitOrRoman(t[k:]) && (t[i] == ',' || t[i] == '&') {
			i = k
			continue
		}
		break
	}
	if i == start {
		if bare {
			return "", strings.TrimSpace(t)
		}
		return "", strings.TrimSpace(rest)
	}
	loc := strings.TrimSpace(t[:i])
	suffix = strings.TrimSpace(t[i:])
	return loc, suffix
}

func startsWithDigitOrRoman(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsDigit(r) {
		return true
	}
	// roman numerals: lowercase or uppercase letters of "ivxlcdm" only
	for _, c := range s {
		if !strings.ContainsRune("ivxlcdmIVXLCDM", c) {
			return unicode.IsDigit(c) || c == '-' || c == '–' || c == '—'
		}
	}
	return true
}

// attrParser takes an attribute list right after a link,
// [text](#target){.page}, or a picture, ![alt](map.png){width=50%}.
type attrParser struct{}

func (attrParser) Trigger() []byte { return []byte{'{'} }

func (attrParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	var link ast.Node
	switch n := parent.LastChild().(type) {
	case *ast.Link, *ast.Image:
		link = n
	default:
		return nil
	}
	if prev := block.PrecendingCharacter(); prev != ')' && prev != ']' {
		return nil
	}
	line, _ := block.PeekLine()
	end := bytes.IndexByte(line, '}')
	if end < 1 {
		return nil
	}
	// kramdown writes the list after a colon ({: width="50%"})
	attrs, ok := parseAttributes(bytes.TrimPrefix(line[1:end], []byte(":")))
	if !ok || attrs.bare {
		return nil
	}
	if attrs.id != "" {
		link.SetAttributeString("id", []byte(attrs.id))
	}
	if len(attrs.classes) > 0 {
		link.SetAttributeString("class", []byte(strings.Join(attrs.classes, " ")))
	}
	if _, ok := link.(*ast.Image); ok {
		for _, kv := range attrs.kv {
			if kv.Key == "width" || kv.Key == "height" || kv.Key == "fig-alt" || kv.Key == "alt" {
				link.SetAttributeString(kv.Key, []byte(kv.Value))
			}
		}
	}
	block.Advance(end + 1)
	return &attrNode{}
}

// maxSpanNesting bounds spans within spans; the tree keeps inline nesting
// far below doc.MaxDepth.
const maxSpanNesting = 32

// spanPairer puts the content between a span's two ends in one node.
type spanPairer struct{}

func (spanPairer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if ends, _ := pc.Get(spanEndsKey).(map[int][]byte); len(ends) == 0 {
		return
	}
	var visit func(ast.Node)
	visit = func(parent ast.Node) {
		var opens []*spanOpenNode
		for n := parent.FirstChild(); n != nil; {
			next := n.NextSibling()
			switch x := n.(type) {
			case *spanOpenNode:
				opens = append(opens, x)
			case *spanCloseNode:
				if len(opens) == 0 {
					unpair(x, x.raw)
					break
				}
				o := opens[len(opens)-1]
				opens = opens[:len(opens)-1]
				if len(opens) >= maxSpanNesting {
					// spans this deep are no author's: their ends stay text
					unpair(o, o.raw)
					unpair(x, x.raw)
					break
				}
				sp := &spanNode{attrs: o.attrs}
				for c := o.NextSibling(); c != x; {
					cn := c.NextSibling()
					parent.RemoveChild(parent, c)
					sp.AppendChild(sp, c)
					c = cn
				}
				parent.InsertBefore(parent, o, sp)
				parent.RemoveChild(parent, o)
				parent.RemoveChild(parent, x)
			default:
				visit(n)
			}
			n = next
		}
		for _, o := range opens {
			unpair(o, o.raw)
		}
	}
	visit(doc)
}

// unpair leaves a span's end that found no partner as the text it was.
func unpair(n ast.Node, raw []byte) {
	p := n.Parent()
	if p == nil {
		return
	}
	t := ast.NewString(raw)
	t.SetCode(true)
	p.ReplaceChild(p, n, t)
}

// parseAttributes parses the inside of a pandoc attribute list: "#id
// .class .other key=value key="quoted value"".
func parseAttributes(s []byte) (attrList, bool) {
	var a attrList
	for {
		for len(s) > 0 && util.IsSpace(s[0]) {
			s = s[1:]
		}
		if len(s) == 0 {
			return a, true
		}
		i := 0
		switch s[0] {
		case '#', '.':
			i = 1
			for i < len(s) && !util.IsSpace(s[i]) {
				i++
			}
			if i == 1 {
				return attrList{}, false
			}
			if s[0] == '#' {
				a.id = string(s[1:i])
			} else {
				a.classes = append(a.classes, string(s[1:i]))
			}
		case '"', '\'', '=':
			return attrList{}, false
		default:
			for i < len(s) && !util.IsSpace(s[i]) && s[i] != '=' {
				i++
			}
			key := string(s[:i])
			if i == len(s) || s[i] != '=' {
				a.bare = true
				s = s[i:]
				continue
			}
			i++
			var value string
			if i < len(s) && (s[i] == '"' || s[i] == '\'') {
				q := s[i]
				i++
				start := i
				for i < len(s) && s[i] != q {
					i++
				}
				if i == len(s) {
					return attrList{}, false
				}
				value = string(s[start:i])
				i++
			} else {
				start := i
				for i < len(s) && !util.IsSpace(s[i]) {
					i++
				}
				value = string(s[start:i])
			}
			a.kv = append(a.kv, doc.Attr{Key: key, Value: decodeMarkdown([]byte(value))})
		}
		s = s[i:]
	}
}

// parseAttrList parses an attribute list for the id and classes alone.
func parseAttrList(s []byte) (id string, classes []string, ok bool) {
	a, ok := parseAttributes(s)
	return a.id, a.classes, ok
}

// inlineLine is the line an inline node starts on, else the block's.
func (c *converter) inlineLine(n ast.Node, line int) int {
	if p := n.Pos(); p >= 0 {
		return c.lines.line(p)
	}
	return line
}
