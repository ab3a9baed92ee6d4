package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Python-Markdown's definition lists take the block before a definition
// as its terms, whatever it is. Material for MkDocs' documentation writes
// the term as a comment its build replaces with an option's name:
//
//	<!-- md:option toc.permalink -->
//
//	:   <!-- md:default `false` --> This option adds an anchor link…
//
// goldmark's definition list needs a paragraph there, so the definition
// was a paragraph starting with a colon, and its indented body code. Here
// a comment on a line of its own becomes the paragraph of terms, read as
// inline Markdown: a comment alone is an empty term (the definition keeps
// its place and indent), one of Material's names its option
// (mkdocsShortcodeParser).
type commentTermParser struct {
	parser.BlockParser
}

func (p commentTermParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	hb, ok := parent.LastChild().(*ast.HTMLBlock)
	if !ok || hb.HTMLBlockType != ast.HTMLBlockType2 || hb.Lines().Len() != 1 || hb.HasClosure() {
		return p.BlockParser.Open(parent, reader, pc)
	}
	if line, _ := reader.PeekLine(); pc.BlockIndent() != 0 || !isDefinitionLine(line, pc.BlockOffset()) {
		return p.BlockParser.Open(parent, reader, pc)
	}
	para := ast.NewParagraph()
	seg := hb.Lines().At(0)
	para.Lines().Append(seg.TrimRightSpace(reader.Source()))
	parent.ReplaceChild(parent, hb, para)
	n, state := p.BlockParser.Open(parent, reader, pc)
	if n == nil {
		parent.ReplaceChild(parent, para, hb)
	}
	return n, state
}

// isDefinitionLine reports whether line starts a definition at pos: a
// colon and a space or tab.
func isDefinitionLine(line []byte, pos int) bool {
	return pos >= 0 && pos+1 < len(line) && line[pos] == ':' && (line[pos+1] == ' ' || line[pos+1] == '\t')
}
