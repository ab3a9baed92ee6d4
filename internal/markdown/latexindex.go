package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// latexIndex is LaTeX's \index{term} written in an R Markdown or Quarto
// chapter, which pandoc passes to LaTeX's index and leaves out of every
// other output: here it marks an index entry at its place, as the span
// [ ]{.index term="…"} does, so such a book has its index in both
// outputs. An entry that is only a cross-reference (|see{…},
// |seealso{…}) marks nothing.
type latexIndex struct {
	ast.BaseInline
	term string // "" for none
}

var kindLatexIndex = ast.NewNodeKind("LatexIndex")

func (n *latexIndex) Kind() ast.NodeKind { return kindLatexIndex }

func (n *latexIndex) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Term": n.term}, nil)
}

func (n *latexIndex) convert(*converter, int) []doc.Inline {
	if n.term == "" {
		return nil
	}
	return []doc.Inline{&doc.Span{Classes: []string{"index"}, Attrs: []doc.Attr{{Key: "term", Value: n.term}}}}
}

// latexIndexParser reads \index{…} with its braces balanced, in .Rmd and
// .qmd chapters only: elsewhere it is text, as CommonMark prints it.
type latexIndexParser struct{}

func (latexIndexParser) Trigger() []byte { return []byte{'\\'} }

func (latexIndexParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	const open = `\index{`
	if len(line) <= len(open) || string(line[:len(open)]) != open || !parsingQuartoFile(pc) {
		return nil
	}
	depth, end := 1, -1
	for i := len(open); i < len(line) && end < 0; i++ {
		switch line[i] {
		case '\\':
			i++ // an escaped brace is no brace
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				end = i
			}
		}
	}
	if end < 0 {
		return nil
	}
	block.Advance(end + 1)
	return &latexIndex{term: indexTerm(string(line[len(open):end]))}
}

// parsingQuartoFile reports whether the file being parsed is Quarto's or
// R Markdown's.
func parsingQuartoFile(pc parser.Context) bool {
	wc, _ := pc.Get(wikiKey).(*wikiContext)
	return wc != nil && isQuartoFile(wc.file)
}

// indexTerm reads makeindex's entry as the index span's term: levels
// separated by "!", each printed as what follows its "@" (the part
// before is a sort key), TeX's escapes and font commands undone; "" for
// a cross-reference, |see{…} or |seealso{…}, or nothing. Other
// encapsulators (|textbf, ranges' |( and |)) only change how the page is
// printed, and are dropped.
func indexTerm(s string) string {
	if bar := strings.IndexByte(s, '|'); bar >= 0 {
		if enc := s[bar+1:]; strings.HasPrefix(enc, "see") {
			return ""
		}
		s = s[:bar]
	}
	var levels []string
	for _, level := range strings.Split(s, "!") {
		if at := strings.LastIndexByte(level, '@'); at >= 0 {
			level = level[at+1:]
		}
		level = strings.Join(strings.Fields(untex(level)), " ")
		if level == "" {
			return ""
		}
		levels = append(levels, level)
	}
	return strings.Join(levels, "!")
}

// untex removes TeX's markup from an index entry's text: a backslash
// before a special character (\_ \& \% \# \$ \{ \}) is dropped, a
// command's name (\textbf, \texttt) is dropped with the braces around
// its argument, whose text stays.
func untex(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && strings.IndexByte(`_&%#${}\`, s[i+1]) >= 0:
			b.WriteByte(s[i+1])
			i++
		case c == '\\':
			for i+1 < len(s) && (s[i+1] >= 'a' && s[i+1] <= 'z' || s[i+1] >= 'A' && s[i+1] <= 'Z') {
				i++
			}
		case c == '{' || c == '}':
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
