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
