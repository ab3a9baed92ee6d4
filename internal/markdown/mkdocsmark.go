package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// pymdownx.mark and pymdownx.caret: ==marked text== is highlighted (HTML's
// mark) and ^^inserted text^^ inserted (ins). Each pair of marks is two
// characters, with no white space just inside, as pymdownx's smart mode
// reads them, so "a == b" stays text; a single caret is pandoc's
// superscript (superscript.go).

var kindPairedSpan = ast.NewNodeKind("PairedSpan")

// pairedSpan is marked or inserted text.
type pairedSpan struct {
	ast.BaseInline
	kind doc.SpanKind
}

func (n *pairedSpan) Kind() ast.NodeKind            { return kindPairedSpan }
func (n *pairedSpan) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

func (n *pairedSpan) convert(c *converter, line int) []doc.Inline {
	return []doc.Inline{&doc.Span{Kind: n.kind, Content: c.inlines(n, line)}}
}

// pairDelimiters pairs two-character marks of one character.
type pairDelimiters struct {
	char byte
	kind doc.SpanKind
}

func (p pairDelimiters) IsDelimiter(b byte) bool { return b == p.char }

func (p pairDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char && opener.OriginalLength == 2 && closer.OriginalLength == 2
}

func (p pairDelimiters) OnMatch(consumes int) ast.Node { return &pairedSpan{kind: p.kind} }

// pairParser reads the marks of one kind of paired span.
type pairParser struct{ d pairDelimiters }

var (
	markParser   = pairParser{pairDelimiters{'=', doc.SpanHighlight}}
	insertParser = pairParser{pairDelimiters{'^', doc.SpanInserted}}
)

func (p pairParser) Trigger() []byte { return []byte{p.d.char} }

func (p pairParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	if before == rune(p.d.char) {
		return nil
	}
	line, seg := block.PeekLine()
	d := parser.ScanDelimiter(line, before, 2, p.d)
	if d == nil || d.OriginalLength != 2 {
		return nil
	}
	// no white space just inside the marks
	if d.CanOpen && (len(line) < 3 || line[2] == ' ' || line[2] == '\t' || line[2] == '\n') {
		d.CanOpen = false
	}
	if d.CanClose && (before == ' ' || before == '\t' || before == '\n') {
		d.CanClose = false
	}
	if !d.CanOpen && !d.CanClose {
		return nil
	}
	d.Segment = seg.WithStop(seg.Start + 2)
	block.Advance(2)
	pc.PushDelimiter(d)
	return d
}

func (p pairParser) CloseBlock(parent ast.Node, pc parser.Context) {}
