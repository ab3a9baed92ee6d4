package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Superscripts follow pandoc's syntax: 2^10^, 1^st^, x^*n*^. The text
// between the carets holds no white space, except spaces escaped with a
// backslash (a^b\ c^), which become no-break spaces; a caret with space
// after it, or no closing caret on its line, is a caret. pandoc's
// subscript, H~2~O, is not read: GitHub, whose strikethrough samizdat
// reads, takes ~2~ for struck-out text.

var kindSuperscript = ast.NewNodeKind("Superscript")

// superscriptNode is a superscript with its content.
type superscriptNode struct{ ast.BaseInline }

func (n *superscriptNode) Kind() ast.NodeKind            { return kindSuperscript }
func (n *superscriptNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

type superscriptDelimiters struct{}

func (superscriptDelimiters) IsDelimiter(b byte) bool { return b == '^' }

func (superscriptDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (superscriptDelimiters) OnMatch(consumes int) ast.Node { return &superscriptNode{} }

type superscriptParser struct{}

func (superscriptParser) Trigger() []byte { return []byte{'^'} }

// closerKey holds the source offset of the caret that closes the last
// superscript opened: a caret opens one when the next caret on its line
// comes before any white space, and only that caret closes it. goldmark
// then pairs them as it pairs emphasis, so the content may hold other
// Markdown, and no caret waits for a partner it cannot have, which would
// make a line of them cost time in the square of its length.
var closerKey = parser.NewContextKey()

func (superscriptParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, seg := block.PeekLine()
	// A caret before another is no superscript's. Said before the
	// delimiter is scanned, since the scan runs to the end of the carets:
	// at every caret of a long run, that cost its square.
	if len(line) > 1 && line[1] == '^' {
		return nil
	}
	d := parser.ScanDelimiter(line, before, 1, superscriptDelimiters{})
	if d == nil || d.OriginalLength != 1 {
		return nil
	}
	closer, _ := pc.Get(closerKey).(int)
	d.CanClose = closer > 0 && closer == seg.Start
	next := closingCaret(line[1:])
	d.CanOpen = next > 0
	if !d.CanOpen && !d.CanClose {
		return nil
	}
	if d.CanOpen {
		pc.Set(closerKey, seg.Start+1+next)
	}
	d.Segment = seg.WithStop(seg.Start + 1)
	block.Advance(1)
	pc.PushDelimiter(d)
	return d
}

func (superscriptParser) CloseBlock(parent ast.Node, pc parser.Context) {}

// closingCaret is the index in s, the line after an opening caret, of
// the caret that closes it: the next one, after some content and before
// any white space that is not escaped; 0 if there is none.
func closingCaret(s []byte) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) && s[i+1] != '\n' && s[i+1] != '\r' {
				i++
			}
		case '^':
			return i
		case ' ', '\t', '\n', '\r':
			return 0
		}
	}
	return 0
}

// superscript converts a superscript, its escaped spaces made no-break.
func (c *converter) superscript(n *superscriptNode, line int) []doc.Inline {
	content := c.inlines(n, line)
	noBreakEscapedSpaces(content)
	return []doc.Inline{&doc.Span{Kind: doc.SpanSuperscript, Content: content}}
}

func noBreakEscapedSpaces(in []doc.Inline) {
	for _, x := range in {
		if t, ok := x.(*doc.Text); ok {
			t.Text = strings.ReplaceAll(t.Text, "\\ ", "\u00a0")
			continue
		}
		noBreakEscapedSpaces(doc.InlineChildren(x))
	}
}
