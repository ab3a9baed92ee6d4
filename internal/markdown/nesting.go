package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// maxNesting is the deepest nesting of lists, quotes and divs kept. No
// reader follows a text deeper, no page can indent it, and goldmark visits
// every open block on every line, so unbounded nesting would make parsing
// a staircase of list items cubic in its length.
const maxNesting = 64

// shallowParser is goldmark's list, definition list or block quote parser,
// which opens no
// list or quote inside maxNesting others: the line is then read as text
// of the block it is in, and the first time this happens is reported.
type shallowParser struct {
	parser.BlockParser
}

var nestingWarnedKey = parser.NewContextKey()

func (p shallowParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if containerDepth(parent) < maxNesting {
		return p.BlockParser.Open(parent, reader, pc)
	}
	if pc.Get(nestingWarnedKey) == nil {
		pc.Set(nestingWarnedKey, true)
		_, seg := reader.PeekLine()
		addPendingWarning(pc, seg.Start, "nesting.too-deep", fmt.Sprintf("lists and quotes nested more than %d deep; the deeper ones are read as text of the one around them", maxNesting))
	}
	return nil, parser.NoChildren
}

// containerDepth counts the lists and block quotes n is in, as the tree
// will nest them: a definition list and each of its definitions are two
// divs (doc.DivTermList, doc.DivTermDefinition).
func containerDepth(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		switch n.(type) {
		case *ast.List, *exampleList, *ast.Blockquote, *east.DefinitionList, *east.DefinitionDescription:
			d++
		}
	}
	return d
}

// boundNesting keeps the tree within maxNesting levels of quotes, lists and
// divs, whatever made them (raw HTML nests up to 512 deep): the blocks of a
// container deeper than that are set in its place, in order. The first
// such container is reported.
func (c *converter) boundNesting(bs []doc.Block, depth int) []doc.Block {
	if depth < maxNesting {
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.BlockQuote:
				b.Blocks = c.boundNesting(b.Blocks, depth+1)
			case *doc.Div:
				b.Blocks = c.boundNesting(b.Blocks, depth+1)
			case *doc.List:
				for _, it := range b.Items {
					it.Blocks = c.boundNesting(it.Blocks, depth+1)
				}
			}
		}
		return bs
	}
	var out []doc.Block
	var flatten func(bs []doc.Block)
	flatten = func(bs []doc.Block) {
		for _, b := range bs {
			children := doc.BlockChildren(b)
			if children == nil && !isContainer(b) {
				out = append(out, b)
				continue
			}
			if !c.nestingWarned {
				c.nestingWarned = true
				c.warnPos(doc.Pos{File: b.Position().File, Line: b.Position().Line}, "nesting.too-deep", fmt.Sprintf("lists, quotes and divs nested more than %d deep; the blocks of the deeper ones are set at that depth", maxNesting))
			}
			flatten(children)
		}
	}
	flatten(bs)
	return out
}

func isContainer(b doc.Block) bool {
	switch b.(type) {
	case *doc.BlockQuote, *doc.Div, *doc.List:
		return true
	}
	return false
}

// maxInlineNesting is the deepest nesting of emphasis, strikeouts, links
// and spans kept. Delimiters nest as deep as the author types them (a
// line of "~~a " five hundred times over), and a tree deeper than
// doc.MaxDepth is refused as a whole; no reader follows emphasis inside
// emphasis this deep.
const maxInlineNesting = 64

// boundInlineNesting keeps the inline content of bs within
// maxInlineNesting levels: the content of a container that deep is set
// as the text, code, pictures and notes of the containers inside it, in
// order, without their emphasis or links. The first such container is
// reported.
func (c *converter) boundInlineNesting(bs []doc.Block) []doc.Block {
	var bound func(ins []doc.Inline, depth int, pos doc.Pos)
	bound = func(ins []doc.Inline, depth int, pos doc.Pos) {
		for _, in := range ins {
			children := doc.InlineChildren(in)
			if len(children) == 0 {
				continue
			}
			if depth < maxInlineNesting {
				bound(children, depth+1, pos)
				continue
			}
			if !c.inlineNestingWarned {
				c.inlineNestingWarned = true
				c.warnPos(pos, "nesting.too-deep", fmt.Sprintf("emphasis, links and spans nested more than %d deep; the deeper ones are set as plain text of the one around them", maxInlineNesting))
			}
			setInlineChildren(in, flattenInlines(nil, children))
		}
	}
	doc.Walk(bs, doc.Visitor{
		Block: func(b doc.Block) bool {
			pos := b.Position()
			for _, ins := range doc.BlockInlines(b) {
				bound(ins, 1, doc.Pos{File: pos.File, Line: pos.Line})
			}
			return true
		},
		// the blocks' inlines are bounded above, not walked again
		Inline: func(doc.Inline) bool { return false },
	})
	return bs
}

// flattenInlines appends to out the inlines of ins with every container
// replaced by its content, recursively.
func flattenInlines(out, ins []doc.Inline) []doc.Inline {
	for _, in := range ins {
		if children := doc.InlineChildren(in); len(children) > 0 {
			out = flattenInlines(out, children)
			continue
		}
		if isInlineContainer(in) {
			continue // an empty container adds nothing
		}
		out = append(out, in)
	}
	return out
}

func isInlineContainer(in doc.Inline) bool {
	switch in.(type) {
	case *doc.Emph, *doc.Strong, *doc.Strike, *doc.Link, *doc.Span:
		return true
	}
	return false
}
