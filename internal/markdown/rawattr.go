package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Raw attributes follow pandoc's syntax: content written for one output
// format, as a fenced code block or a code span with {=FORMAT} for info:
//
//	```{=html}                    `<b>bold</b>`{=html}
//	<aside>…</aside>
//	```
//
// Content for HTML (html, html5, epub) is raw HTML, read as HTML written
// in the Markdown is. Content for any other format (latex, typst, openxml…)
// is for another tool and is left out, silently: its author meant it for
// that tool alone.

// rawFormat reads a raw attribute, "{=FORMAT}", and reports whether it is
// one and whether its format is HTML.
func rawFormat(attr []byte) (html, ok bool) {
	attr = bytes.TrimSpace(attr)
	if len(attr) < 4 || attr[0] != '{' || attr[1] != '=' || attr[len(attr)-1] != '}' {
		return false, false
	}
	format := attr[2 : len(attr)-1]
	for _, b := range format {
		if !isFormatByte(b) {
			return false, false
		}
	}
	switch strings.ToLower(string(format)) {
	case "html", "html4", "html5", "epub", "epub2", "epub3":
		return true, true
	}
	return false, true
}

// isFormatByte reports whether b may be part of a format's name.
func isFormatByte(b byte) bool {
	return isASCIILetter(b) || b >= '0' && b <= '9' || b == '_' || b == '-' || b == '+'
}

// rawBlocks turns fenced code blocks with a raw attribute into HTML blocks
// (HTML) or removes them (any other format), before the conversion, so
// that raw HTML from a fence pairs with the HTML blocks around it as any
// HTML block does.
type rawBlocks struct{}

func (rawBlocks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var fences []*ast.FencedCodeBlock
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			if n.Info != nil {
				if _, ok := rawFormat(n.Info.Segment.Value(src)); ok {
					fences = append(fences, n)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *ast.HTMLBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, f := range fences {
		parent := f.Parent()
		if html, _ := rawFormat(f.Info.Segment.Value(src)); html {
			hb := ast.NewHTMLBlock(ast.HTMLBlockType7)
			hb.SetLines(f.Lines())
			hb.SetPos(f.Pos())
			parent.ReplaceChild(parent, f, hb)
			continue
		}
		parent.RemoveChild(parent, f)
	}
}

// rawInlineParser reads a code span with a raw attribute on one line,
// before goldmark's code span parser, which reads every other.
type rawInlineParser struct{}

// rawOther is a raw inline for a format other than HTML: nothing.
type rawOther struct{ ast.BaseInline }

var kindRawOther = ast.NewNodeKind("RawOther")

func (n *rawOther) Kind() ast.NodeKind            { return kindRawOther }
func (n *rawOther) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

func (rawInlineParser) Trigger() []byte { return []byte{'`'} }

func (rawInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if block.PrecendingCharacter() == '`' {
		return nil // inside a run of backticks, which goes whole
	}
	line, seg := block.PeekLine()
	ticks := countByte(line, '`')
	// the closing run: as many backticks, neither more nor fewer
	end := -1
	for i := ticks; i < len(line); {
		if line[i] != '`' {
			i++
			continue
		}
		run := countByte(line[i:], '`')
		if run == ticks {
			end = i
			break
		}
		i += run
	}
	if end < 0 {
		return nil
	}
	after := line[end+ticks:]
	if !bytes.HasPrefix(after, []byte("{=")) {
		return nil
	}
	// the format's name, read no further than it goes, so that a line of
	// code spans costs time in proportion to its length
	brace := 2
	for brace < len(after) && isFormatByte(after[brace]) {
		brace++
	}
	if brace == len(after) || after[brace] != '}' {
		return nil
	}
	html, ok := rawFormat(after[:brace+1])
	if !ok {
		return nil
	}
	start, stop := ticks, end
	// As in a code span, one space at each end is the delimiters', when
	// both ends have one and the content is not all spaces.
	if content := line[start:stop]; len(content) >= 2 && content[0] == ' ' && content[len(content)-1] == ' ' && len(bytes.Trim(content, " ")) > 0 {
		start, stop = start+1, stop-1
	}
	block.Advance(end + ticks + brace + 1)
	if !html {
		return &rawOther{}
	}
	raw := ast.NewRawHTML()
	raw.Segments.Append(text.NewSegment(seg.Start+start, seg.Start+stop))
	return raw
}
