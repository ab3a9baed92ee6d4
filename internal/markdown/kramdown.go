package markdown

import (
	"bytes"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kramdown, Jekyll's Markdown, gives a block its classes, ID and
// attributes with an inline attribute list (IAL) on the line after it:
//
//	~~~
//	$ ls
//	~~~
//	{: .language-bash}
//
//	> ## Relative paths
//	> …
//	{: .challenge}
//
// A line that is only IALs belongs to the block it follows; written
// after a paragraph's or a quotation's last line it is read by
// CommonMark as that paragraph's lazy continuation, so the number of ">"
// before it says which block it closes: the innermost quotation deeper
// than the line's own. After a blank line it belongs to the block that
// follows. What a book can use is kept: a code block's language
// (.language-x), an ID, classes, a Carpentries lesson's boxes (a
// quotation of class challenge, solution… is the Workbench's box);
// {:toc} and the list it stands under (the site's contents) are left
// out, a book has its own. A span's IAL, right after the span
// (*word*{: .x}, [a](u){:target="_blank"}), styles a web page: it is
// left out. Python-Markdown's attr_list writes the same lines
// ({: .x}, { .x }), which are read alike.

// ialAttr names the goldmark attribute holding a block's IAL.
var ialAttr = []byte("kramdown-ial")

// ial is what a block's IALs give it.
type ial struct {
	id      string
	classes []string
	toc     bool
	autoIDs bool // {:auto_ids}: a definition list's terms have IDs
}

func (a *ial) merge(b attrList, bare []string) {
	if b.id != "" {
		a.id = b.id
	}
	a.classes = append(a.classes, b.classes...)
	for _, k := range bare {
		switch k {
		case "toc":
			a.toc = true
		case "auto_ids":
			a.autoIDs = true
		}
	}
}

// blockIAL is the IAL of a block, nil if none.
func blockIAL(n ast.Node) *ial {
	if v, ok := n.Attribute(ialAttr); ok {
		a, _ := v.(*ial)
		return a
	}
	return nil
}

func addIAL(n ast.Node, line []byte) {
	a := blockIAL(n)
	if a == nil {
		a = &ial{}
		n.SetAttribute(ialAttr, a)
	}
	inner := bytes.TrimPrefix(line[1:len(line)-1], []byte(":"))
	attrs, _ := parseAttributes(inner)
	var bare []string
	for _, f := range bytes.Fields(inner) {
		if !bytes.ContainsAny(f, "=.#") {
			bare = append(bare, string(f))
		}
	}
	a.merge(attrs, bare)
	if h, ok := n.(*ast.Heading); ok {
		if a.id != "" {
			h.SetAttributeString("id", []byte(a.id))
		}
		if len(a.classes) > 0 {
			h.SetAttributeString("class", []byte(strings.Join(a.classes, " ")))
		}
	}
}

// attrLineTransformer takes the IAL lines that end a paragraph (see
// above) off it, giving each to the block it closes; a paragraph of IAL
// lines alone is left for ialBlocks to give to the block beside it.
type attrLineTransformer struct{}

func (attrLineTransformer) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	lines := node.Lines()
	n := lines.Len()
	line := func(i int) []byte { return bytes.TrimSpace(segValue(lines.At(i), src)) }
	k := n
	for k > 0 && isAttrListLine(line(k-1)) {
		k--
	}
	// IAL lines that open a paragraph are its own, or, right under a
	// block, that block's
	f := 0
	for f < k && bytes.HasPrefix(line(f), []byte("{:")) && isAttrListLine(line(f)) {
		f++
	}
	if f == n && k == n {
		f = 0
	}
	if k == n && f == 0 {
		return
	}
	if k == 0 {
		// alone, only kramdown's form, "{:", is a list: a "{ .x }" line
		// of its own stays text
		for i := range n {
			if !bytes.HasPrefix(line(i), []byte("{:")) || !plainIAL(line(i)) {
				return
			}
		}
	}
	above := node.PreviousSibling()
	if above != nil && blankLineBefore(src, lines.At(0).Start) {
		above = nil
	}
	if f > 0 && f < n {
		to := ast.Node(node)
		if above != nil {
			to = above
		}
		for i := range f {
			addIAL(to, line(i))
		}
	}
	var quotes []ast.Node // the quotations around the paragraph, outermost first
	for p := node.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindBlockquote {
			quotes = append([]ast.Node{p}, quotes...)
		}
	}
	var own [][]byte // the lines that are the paragraph's own, or its neighbour's
	for i := k; i < n; i++ {
		l := line(i)
		if d := quoteDepth(src, lines.At(i).Start); d < len(quotes) {
			addIAL(quotes[d], l)
			continue
		}
		own = append(own, l)
	}
	for _, l := range own {
		if !bytes.Contains(l, []byte("toc")) {
			continue
		}
		// "* TOC" over {:toc}: the site's contents, a list a tight list
		// turns its paragraph into a text block of
		for p := node.Parent(); p != nil; p = p.Parent() {
			if p.Kind() == ast.KindList {
				addIAL(p, l)
				break
			}
		}
	}
	if k == 0 {
		// the paragraph is IALs alone: the block's right above it, else
		// ialBlocks gives them to the block after it
		if above != nil {
			for _, l := range own {
				addIAL(above, l)
			}
			own = nil
		}
		for _, l := range own {
			addIAL(node, l)
		}
		if len(own) == 0 {
			node.Parent().RemoveChild(node.Parent(), node)
			return
		}
		node.SetAttribute(ialOnlyAttr, true)
		return
	}
	for _, l := range own {
		addIAL(node, l)
	}
	lines.SetSliced(f, k)
	last := lines.At(lines.Len() - 1)
	lines.Set(lines.Len()-1, last.TrimRightSpace(src))
}

// ialOnlyAttr marks a paragraph that is only IAL lines.
var ialOnlyAttr = []byte("kramdown-ial-only")

// blankLineBefore reports whether the line before the one offset is on
// is blank but for quotation marks, or there is none.
func blankLineBefore(src []byte, offset int) bool {
	ls := bytes.LastIndexByte(src[:offset], '\n')
	if ls < 0 {
		return true
	}
	ps := bytes.LastIndexByte(src[:ls], '\n') + 1
	return len(bytes.Trim(src[ps:ls], " \t\r>")) == 0
}

// blankLineAfter reports whether the line after the one offset ends (a
// segment's stop, its line ending included or not) is blank but for
// quotation marks, or there is none.
func blankLineAfter(src []byte, offset int) bool {
	nl := bytes.IndexByte(src[min(offset, len(src)):], '\n')
	if nl < 0 {
		return true
	}
	start := min(offset, len(src)) + nl + 1
	if offset > 0 && src[offset-1] == '\n' {
		start = offset
	}
	end := bytes.IndexByte(src[start:], '\n')
	if end < 0 {
		end = len(src) - start
	}
	return len(bytes.Trim(src[start:start+end], " \t\r>")) == 0
}

// quoteDepth counts the ">" before offset on its line: how many
// quotations the line is inside.
func quoteDepth(src []byte, offset int) int {
	d := 0
	for i := offset - 1; i >= 0 && src[i] != '\n'; i-- {
		if src[i] == '>' {
			d++
		}
	}
	return d
}

// ialBlocks gives each paragraph of IALs alone to its block: the one
// before it, unless a blank line parts them, else the one after it; a
// quotation given one of a Carpentries lesson's box classes becomes that
// box, and a list a {:toc} stands under is left out.
type ialBlocks struct{}

func (ialBlocks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var only []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			if _, ok := n.Attribute(ialOnlyAttr); ok {
				only = append(only, n)
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
	for _, p := range only {
		a := blockIAL(p)
		// goldmark counts a closing fence as a blank line: the source says
		lines := p.Lines()
		src := reader.Source()
		target := p.PreviousSibling()
		if target == nil || blankLineBefore(src, lines.At(0).Start) {
			target = p.NextSibling()
			if target != nil && blankLineAfter(src, lines.At(lines.Len()-1).Stop) {
				target = nil
			}
		}
		p.Parent().RemoveChild(p.Parent(), p)
		if target == nil || a == nil {
			continue
		}
		t := blockIAL(target)
		if t == nil {
			t = &ial{}
			target.SetAttribute(ialAttr, t)
		}
		if a.id != "" {
			t.id = a.id
		}
		t.classes = append(t.classes, a.classes...)
		t.toc = t.toc || a.toc
		if h, ok := target.(*ast.Heading); ok {
			if t.id != "" {
				h.SetAttributeString("id", []byte(t.id))
			}
			if len(t.classes) > 0 {
				h.SetAttributeString("class", []byte(strings.Join(t.classes, " ")))
			}
		}
	}
	var tocs, quotes []ast.Node
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if dl, ok := n.(*east.DefinitionList); ok {
			// {:auto_ids} over a definition list, which took the
			// paragraph the line opened
			if t := dl.FirstChild(); t != nil && t.Lines().Len() > 0 {
				start := t.Lines().At(0).Start
				ls := bytes.LastIndexByte(src[:start], '\n')
				if ls > 0 {
					ps := bytes.LastIndexByte(src[:ls], '\n') + 1
					if bytes.Equal(bytes.TrimSpace(src[ps:ls]), []byte("{:auto_ids}")) {
						dl.SetAttribute(ialAttr, &ial{autoIDs: true})
					}
				}
			}
		}
		if a := blockIAL(n); a != nil {
			if a.toc {
				tocs = append(tocs, n)
			} else if n.Kind() == ast.KindBlockquote && len(a.classes) > 0 {
				quotes = append(quotes, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range tocs {
		// "* TOC" over {:toc}: the list the marker's paragraph is in
		target := n
		for p := n; p != nil && p.Kind() != ast.KindDocument; p = p.Parent() {
			if p.Kind() == ast.KindList {
				target = p
				break
			}
		}
		if target.Parent() != nil {
			target.Parent().RemoveChild(target.Parent(), target)
		}
	}
	if on, _ := pc.Get(carpentriesKey).(bool); on {
		for _, q := range quotes {
			a := blockIAL(q)
			if _, ok := carpentriesBoxes[a.classes[0]]; !ok || q.Parent() == nil {
				continue
			}
			d := &fencedDiv{id: a.id, classes: append([]string(nil), a.classes...), closed: true}
			d.SetBlankPreviousLines(q.HasBlankPreviousLines())
			d.SetPos(q.Pos())
			for ch := q.FirstChild(); ch != nil; ch = q.FirstChild() {
				d.AppendChild(d, ch)
			}
			q.Parent().ReplaceChild(q.Parent(), q, d)
		}
	}
}

// carpentriesKey is set in a parse of a Carpentries lesson's page.
var carpentriesKey = parser.NewContextKey()

// ialLanguage is the language a code block's IAL gives it: its class
// language-x, or, in a Carpentries lesson, the classes the lesson's
// styles draw output in (output, error, warning), as the Workbench's
// fences name them.
func ialLanguage(a *ial, carpentries bool) string {
	if a == nil {
		return ""
	}
	for _, c := range a.classes {
		if l, ok := strings.CutPrefix(c, "language-"); ok && l != "" {
			return l
		}
	}
	if carpentries {
		for _, c := range a.classes {
			switch c {
			case "output", "error", "warning", "source":
				return c
			}
		}
	}
	return ""
}

// spanIALParser leaves out a span's IAL: "{:" right after the span, a
// valid attribute list, "}" on the same line.
type spanIALParser struct{}

func (spanIALParser) Trigger() []byte { return []byte{'{'} }

func (spanIALParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if r := block.PrecendingCharacter(); r == ' ' || r == '\t' || r == '\n' || r == '{' {
		return nil
	}
	line, _ := block.PeekLine()
	end := spanIALEnd(line)
	if end < 0 {
		return nil
	}
	block.Advance(end + 1)
	return &attrNode{}
}

// spanIALEnd is the index of the "}" closing the kramdown IAL s starts
// with ("{:" then classes, IDs, keys with values), -1 if it starts none.
func spanIALEnd(s []byte) int {
	if len(s) < 4 || s[0] != '{' || s[1] != ':' || s[2] == ':' || s[2] == '/' {
		return -1
	}
	end := attrListEnd(s)
	if end <= 2 {
		return -1
	}
	inner := s[2:end]
	if bytes.ContainsAny(inner, "\n{") {
		return -1
	}
	a, ok := parseAttributes(inner)
	if !ok || a.bare || a.id == "" && len(a.classes) == 0 && len(a.kv) == 0 {
		// a bare word ({:ok}, {:a => 1}) is Elixir's or Ruby's, not
		// an IAL
		return -1
	}
	return end
}

// plainIAL reports whether an IAL line alone holds no bare word but
// kramdown's own (toc, auto_ids): "{:ok, value}" on a line is code
// written as text, not an IAL.
func plainIAL(line []byte) bool {
	inner := bytes.TrimPrefix(line[1:len(line)-1], []byte(":"))
	for _, f := range bytes.Fields(inner) {
		if !bytes.ContainsAny(f, "=.#") && string(f) != "toc" && string(f) != "auto_ids" {
			return false
		}
	}
	return true
}

// kramdownSource blanks kramdown's extensions that make nothing in a
// book — {::comment}…{:/comment}, {::options …/} — and its attribute
// list definitions ({:name: .class}), outside code, keeping every line
// ending so that lines and offsets stay the file's. src is changed in
// place when it holds any.
func kramdownSource(src []byte) []byte {
	if !bytes.Contains(src, []byte("{:")) {
		return src
	}
	code := fencedCode(src)
	inCode := func(i int) bool {
		k := sort.Search(len(code), func(j int) bool { return code[j].end > i })
		return k < len(code) && code[k].start <= i
	}
	var out []byte
	blank := func(from, to int) {
		if out == nil {
			out = append([]byte(nil), src...)
		}
		for k := from; k < to; k++ {
			if out[k] != '\n' {
				out[k] = ' '
			}
		}
	}
	noClose, noShortClose := false, false
	for i := 0; i < len(src); {
		j := bytes.Index(src[i:], []byte("{:"))
		if j < 0 {
			break
		}
		at := i + j
		i = at + 2
		if inCode(at) || at > 0 && src[at-1] == '\\' {
			continue
		}
		rest := src[at:]
		switch {
		case bytes.HasPrefix(rest, []byte("{::comment}")):
			// a closer not found once is found after no later opener:
			// each is looked for once at most
			end := -1
			if !noClose {
				if e := bytes.Index(rest, []byte("{:/comment}")); e >= 0 {
					end = e + len("{:/comment}")
				} else {
					noClose = true
				}
			}
			if end < 0 && !noShortClose {
				if e := bytes.Index(rest, []byte("{:/}")); e >= 0 {
					end = e + len("{:/}")
				} else {
					noShortClose = true
				}
			}
			if end < 0 {
				continue
			}
			blank(at, at+end)
			i = at + end
		case bytes.HasPrefix(rest, []byte("{::options")):
			line := rest
			if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
				line = rest[:nl]
			}
			end := bytes.Index(line, []byte("/}"))
			if end < 0 {
				continue
			}
			blank(at, at+end+2)
			i = at + end + 2
		default:
			if ald := aldEnd(src, at); ald > 0 {
				blank(at, ald)
				i = ald
			}
		}
	}
	if out == nil {
		return src
	}
	return out
}

// aldEnd is the end of the attribute list definition at offset at
// ({:name: attrs} alone on its line), 0 if none is there.
func aldEnd(src []byte, at int) int {
	for k := at - 1; k >= 0 && src[k] != '\n'; k-- {
		if src[k] != ' ' {
			return 0
		}
	}
	eol := bytes.IndexByte(src[at:], '\n')
	if eol < 0 {
		eol = len(src) - at
	}
	line := bytes.TrimRight(src[at:at+eol], " \t\r")
	if len(line) < 5 || line[len(line)-1] != '}' {
		return 0
	}
	k := 2
	for k < len(line) && (util.IsAlphaNumeric(line[k]) || line[k] == '-' || line[k] == '_') {
		k++
	}
	if k == 2 || k >= len(line) || line[k] != ':' {
		return 0
	}
	return at + len(line)
}

func segValue(s text.Segment, src []byte) []byte { return s.Value(src) }

// kramdownID is the ID kramdown's auto_ids gives a text: lower case,
// letters, digits, "-" and "_" kept, spaces "-", anything before the
// first letter dropped.
func kramdownID(s string) string {
	var b strings.Builder
	letter := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z':
			letter = true
			b.WriteRune(r)
		case !letter:
		case r >= '0' && r <= '9' || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}
