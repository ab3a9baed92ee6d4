package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// CriticMarkup, as pymdownx.critic reads it, marks an editor's changes:
//
//	{++added++}  {--deleted--}  {~~old~>new~~}  {==highlighted==}  {>>comment<<}
//
// Each mark lies within one paragraph, as inline content; a mark whose
// opening and closing lines stand alone, blank lines around them, takes the
// blocks between (pymdownx's block form). The ends are read as nodes of
// their own and paired after parsing (criticPairer), as bracketed spans
// are: an end without its partner, or one crossing emphasis or a link, is
// the text it was.
//
// How the marks are read is the parser's CriticMode. Shown (CriticView),
// an insertion is inserted text, a deletion struck text, a substitution
// both, a highlight highlighted and a comment a small aside in italics.
// An edition may instead take the edits (CriticAccept) or leave them
// (CriticReject): the marks then leave no trace, and comments are dropped.

// CriticMode is how CriticMarkup is read.
type CriticMode int

const (
	// CriticView shows the changes and comments, as pymdownx's view mode.
	CriticView CriticMode = iota
	// CriticAccept applies the changes: insertions and new text stay,
	// deletions and comments go, highlights are plain text.
	CriticAccept
	// CriticReject keeps the text as it was before the changes.
	CriticReject
)

// criticKind is which mark.
type criticKind uint8

const (
	criticInsert criticKind = iota
	criticDelete
	criticSubstitute
	criticHighlight
	criticComment
)

// criticEnds are each mark's opening and closing characters.
var criticEnds = [...]struct{ open, close string }{
	criticInsert:     {"{++", "++}"},
	criticDelete:     {"{--", "--}"},
	criticSubstitute: {"{~~", "~~}"},
	criticHighlight:  {"{==", "==}"},
	criticComment:    {"{>>", "<<}"},
}

// criticSeparator parts a substitution's old text from its new.
const criticSeparator = "~>"

// criticEnd is one end of a mark, or a substitution's separator, until
// criticPairer pairs it.
type criticEnd struct {
	ast.BaseInline
	kind criticKind
	// role: 0 opens, 1 closes, 2 separates
	role uint8
}

// criticNode is a mark and what it holds; a substitution holds its old
// text, its separator, then its new text.
type criticNode struct {
	ast.BaseInline
	kind criticKind
}

var (
	kindCriticEnd = ast.NewNodeKind("CriticEnd")
	kindCritic    = ast.NewNodeKind("Critic")
)

func (n *criticEnd) Kind() ast.NodeKind          { return kindCriticEnd }
func (n *criticEnd) Dump(src []byte, level int)  { ast.DumpHelper(n, src, level, nil, nil) }
func (n *criticNode) Kind() ast.NodeKind         { return kindCritic }
func (n *criticNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// convert: an end left in a mark's content (a second separator) is text.
func (n *criticEnd) convert(*converter, int) []doc.Inline {
	return []doc.Inline{&doc.Text{Text: n.raw()}}
}

func (n *criticEnd) raw() string {
	switch n.role {
	case 0:
		return criticEnds[n.kind].open
	case 1:
		return criticEnds[n.kind].close
	}
	return criticSeparator
}

// criticKey holds the blocks in which an opening end was read (a
// map[ast.Node]bool), so that criticPairer looks for pairs only when there
// are some, and a closing end or a separator is read only after an
// opening end of its block: "a --} b" elsewhere keeps its en dash.
var criticKey = parser.NewContextKey()

// criticParser reads the ends of the marks and the separator.
type criticParser struct{}

func (criticParser) Trigger() []byte { return []byte{'{', '+', '-', '~', '=', '<'} }

func (criticParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) < 2 || (line[0] != '{' && !criticMayClose(parent, line, pc)) {
		return nil
	}
	if line[0] == '~' && line[1] == '>' {
		block.Advance(2)
		return &criticEnd{kind: criticSubstitute, role: 2}
	}
	if len(line) < 3 {
		return nil
	}
	s := string(line[:3])
	for k, e := range criticEnds {
		role := uint8(0)
		switch s {
		case e.open:
		case e.close:
			role = 1
		default:
			continue
		}
		if role == 0 {
			blocks, _ := pc.Get(criticKey).(map[ast.Node]bool)
			if blocks == nil {
				blocks = map[ast.Node]bool{}
				pc.Set(criticKey, blocks)
			}
			blocks[parent] = true
		}
		block.Advance(3)
		return &criticEnd{kind: criticKind(k), role: role}
	}
	return nil
}

// criticMayClose reports whether a closing end or a separator may stand
// at the start of line: after an opening end in its block, or alone in
// its block, where it ends a block mark.
func criticMayClose(parent ast.Node, line []byte, pc parser.Context) bool {
	if blocks, _ := pc.Get(criticKey).(map[ast.Node]bool); blocks[parent] {
		return true
	}
	if parent.FirstChild() != nil || parent.Parent() == nil {
		return false
	}
	n := 3
	if line[0] == '~' && line[1] == '>' {
		n = 2
	}
	for _, b := range line[min(n, len(line)):] {
		if b != ' ' && b != '\t' && b != '\n' && b != '\r' {
			return false
		}
	}
	return true
}

// criticPairer puts each mark's content in a criticNode, or, taking or
// leaving the edits, in the mark's place the content that stays.
type criticPairer struct{ mode CriticMode }

func (t criticPairer) Transform(d *ast.Document, reader text.Reader, pc parser.Context) {
	if pc.Get(criticKey) == nil {
		return
	}
	t.visit(d, reader.Source())
}

// loneEnd is the end a paragraph holds and nothing else: a block mark's.
func loneEnd(n ast.Node) *criticEnd {
	p, ok := n.(*ast.Paragraph)
	if !ok || p.FirstChild() == nil || p.FirstChild() != p.LastChild() {
		return nil
	}
	e, _ := p.FirstChild().(*criticEnd)
	return e
}

// maxCriticNesting bounds marks in marks, which pymdownx does not read
// and no author writes, so hostile input costs no deep recursion.
const maxCriticNesting = 8

func (t criticPairer) visit(parent ast.Node, src []byte) {
	type open struct {
		end  *criticEnd
		node ast.Node // the end, or the paragraph holding it alone
	}
	var opens []open
	for n := parent.FirstChild(); n != nil; {
		next := n.NextSibling()
		end, _ := n.(*criticEnd)
		node := ast.Node(end)
		if end == nil {
			if end = loneEnd(n); end != nil {
				node = n
			}
		}
		switch {
		case end == nil:
			t.visit(n, src)
		case end.role == 0:
			opens = append(opens, open{end, node})
		case end.role == 1 && len(opens) > 0 && opens[len(opens)-1].end.kind == end.kind && len(opens) <= maxCriticNesting:
			o := opens[len(opens)-1]
			opens = opens[:len(opens)-1]
			if !t.pair(parent, o.node, node, end.kind, node != ast.Node(end), src) {
				unpairCritic(o.end)
				unpairCritic(end)
			}
		case end.role == 2 && len(opens) > 0 && opens[len(opens)-1].end.kind == criticSubstitute:
			// a substitution's separator, paired with its ends
		default:
			unpairCritic(end)
		}
		n = next
	}
	for _, o := range opens {
		unpairCritic(o.end)
	}
	// separators left in no substitution are text
	for n := parent.FirstChild(); n != nil; {
		next := n.NextSibling()
		e, _ := n.(*criticEnd)
		if e == nil {
			e = loneEnd(n)
		}
		if e != nil && e.role == 2 && e.Parent() != nil {
			if _, in := e.Parent().(*criticNode); !in {
				unpairCritic(e)
			}
		}
		n = next
	}
}

// pair makes the mark from the node after open to the one before close,
// both children of parent (blocks when block is set), and reports whether
// it could: a substitution needs its separator.
func (t criticPairer) pair(parent, open, close ast.Node, kind criticKind, block bool, src []byte) bool {
	var sep ast.Node
	if kind == criticSubstitute {
		for c := open.NextSibling(); c != close; c = c.NextSibling() {
			e, _ := c.(*criticEnd)
			if block {
				e = loneEnd(c)
			}
			if e != nil && e.role == 2 {
				sep = c
				break
			}
		}
		if sep == nil {
			return false
		}
	}
	// what stays: before a substitution's separator is the old text,
	// after it the new
	keepOld, keepNew := true, true
	switch t.mode {
	case CriticAccept:
		keepOld = kind == criticInsert || kind == criticHighlight
	case CriticReject:
		keepOld = kind == criticDelete || kind == criticSubstitute || kind == criticHighlight
		keepNew = false
	}
	if kind != criticSubstitute {
		keepNew = keepOld
	}
	if t.mode != CriticView || block {
		old := true
		for c := open.NextSibling(); c != close; {
			next := c.NextSibling()
			switch {
			case c == sep:
				old = false
				parent.RemoveChild(parent, c)
			case old && !keepOld, !old && !keepNew:
				parent.RemoveChild(parent, c)
			case block && t.mode == CriticView:
				markBlocks(c, kind, old)
			}
			c = next
		}
		if !block && open.NextSibling() == close {
			joinSpaces(open, close, src)
		}
		parent.RemoveChild(parent, open)
		parent.RemoveChild(parent, close)
		return true
	}
	cn := &criticNode{kind: kind}
	for c := open.NextSibling(); c != close; {
		next := c.NextSibling()
		parent.RemoveChild(parent, c)
		cn.AppendChild(cn, c)
		c = next
	}
	parent.InsertBefore(parent, open, cn)
	parent.RemoveChild(parent, open)
	parent.RemoveChild(parent, close)
	return true
}

// markBlocks shows a block mark in view: the inline content of each
// paragraph and heading in b is marked as a whole (a substitution's old
// blocks deleted, its new ones inserted).
func markBlocks(b ast.Node, kind criticKind, old bool) {
	if kind == criticSubstitute {
		kind = criticInsert
		if old {
			kind = criticDelete
		}
	}
	_ = ast.Walk(b, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			if n.FirstChild() == nil {
				return ast.WalkSkipChildren, nil
			}
			cn := &criticNode{kind: kind}
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				n.RemoveChild(n, c)
				cn.AppendChild(cn, c)
				c = next
			}
			n.AppendChild(n, cn)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// joinSpaces keeps a space, not two, where a mark left nothing between
// open and close: "a {--b--} c" reads "a c", "a {>>note<<}." reads "a.",
// and a paragraph neither starts nor ends with the space.
func joinSpaces(open, close ast.Node, src []byte) {
	before, _ := open.PreviousSibling().(*ast.Text)
	after, _ := close.NextSibling().(*ast.Text)
	startsSpace, startsPunct := false, false
	if after != nil && after.Segment.Len() > 0 {
		startsSpace = src[after.Segment.Start] == ' '
		startsPunct = strings.IndexByte(".,;:!?)]", src[after.Segment.Start]) >= 0
	}
	switch {
	case open.PreviousSibling() == nil && startsSpace:
		after.Segment = after.Segment.WithStart(after.Segment.Start + 1)
	case before == nil:
	case before.SoftLineBreak() || before.HardLineBreak():
		if startsSpace {
			after.Segment = after.Segment.WithStart(after.Segment.Start + 1)
		}
	case before.Segment.Len() == 0 || src[before.Segment.Stop-1] != ' ':
	case startsSpace || startsPunct || close.NextSibling() == nil:
		before.Segment = before.Segment.WithStop(before.Segment.Stop - 1)
	}
}

// unpairCritic leaves an end that found no partner as the text it was.
func unpairCritic(e *criticEnd) {
	unpair(e, []byte(e.raw()))
}

// convert shows a mark in view, with pymdownx's class "critic" on the
// spans it makes.
func (n *criticNode) convert(c *converter, line int) []doc.Inline {
	critic := []string{"critic"}
	switch n.kind {
	case criticInsert:
		return []doc.Inline{&doc.Span{Kind: doc.SpanInserted, Classes: critic, Content: c.inlines(n, line)}}
	case criticDelete:
		return []doc.Inline{&doc.Strike{Content: c.inlines(n, line)}}
	case criticHighlight:
		return []doc.Inline{&doc.Span{Kind: doc.SpanHighlight, Classes: critic, Content: c.inlines(n, line)}}
	case criticComment:
		// an aside in another voice, set smaller
		return []doc.Inline{&doc.Span{Kind: doc.SpanSmall, Classes: []string{"critic", "comment"},
			Content: []doc.Inline{&doc.Span{Kind: doc.SpanAlternate, Content: c.inlines(n, line)}}}}
	}
	var old, new []doc.Inline
	cur := &old
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if e, ok := ch.(*criticEnd); ok && e.role == 2 && cur == &old {
			cur = &new
			continue
		}
		*cur = append(*cur, c.inline(ch, line)...)
	}
	var out []doc.Inline
	if len(old) > 0 {
		out = append(out, &doc.Strike{Content: old})
	}
	if len(new) > 0 {
		out = append(out, &doc.Span{Kind: doc.SpanInserted, Classes: critic, Content: new})
	}
	return out
}
