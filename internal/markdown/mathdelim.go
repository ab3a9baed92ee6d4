package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/texmath"
)

// TeX's own delimiters, \(…\) in the text and \[…\] displayed, as
// MathJax reads them and pandoc's tex_math_single_backslash (on in R
// Markdown and Quarto). In CommonMark \( is an escaped parenthesis, so
// they are read only where the book says so (MathBackslash): by default
// in .Rmd and .qmd files alone. A formula opens at \( or \[ and closes
// at the first \) or \] after it in the same paragraph, as pandoc's
// reader does (closingBackslash has its rules); with nothing between, or
// no closing delimiter, the backslash is an escape as CommonMark has it.
// The double-backslash form, \\(…\\), is what a Markdown file holds for
// MathJax when the site's Markdown turns \\ into \ (Jekyll's kramdown,
// Hugo), pandoc's tex_math_double_backslash.

// MathBackslash is which backslash delimiters are formulas.
type MathBackslash int

const (
	// MathBackslashAuto reads \(…\) and \[…\] in .Rmd and .qmd files.
	MathBackslashAuto MathBackslash = iota
	// MathBackslashSingle reads \(…\) and \[…\] in every file.
	MathBackslashSingle
	// MathBackslashDouble reads \\(…\\) and \\[…\\] in every file.
	MathBackslashDouble
	// MathBackslashOff reads none: \( is an escaped parenthesis.
	MathBackslashOff
)

type mathBackslashParser struct{ mode MathBackslash }

func (mathBackslashParser) Trigger() []byte { return []byte{'\\'} }

func (p mathBackslashParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	mode := p.mode
	if mode == MathBackslashAuto {
		if !parsingQuartoFile(pc) {
			return nil
		}
		mode = MathBackslashSingle
	}
	if mode == MathBackslashOff {
		return nil
	}
	prefix := `\`
	if mode == MathBackslashDouble {
		prefix = `\\`
	}
	line, seg := block.PeekLine()
	if len(line) < len(prefix)+1 || string(line[:len(prefix)]) != prefix {
		return nil
	}
	var closer string
	switch line[len(prefix)] {
	case '(':
		closer = prefix + ")"
	case '[':
		closer = prefix + "]"
	default:
		return nil
	}
	display := closer[len(closer)-1] == ']'
	opener := prefix + string(line[len(prefix)])
	tex, ok := scanFormula(block, len(opener), len(closer), func(rest []byte) int {
		end := closingBackslash(rest, closer, display)
		if after := end + len(closer); end >= 0 && !display && after < len(rest) && rest[after] >= '0' && rest[after] <= '9' {
			// as after a dollar: \(x\)5 is no formula
			return noFormula
		}
		return end
	})
	if !ok {
		return nil
	}
	return &mathNode{tex: tex, display: display, at: seg.Start, open: opener, close: closer}
}

func (mathBackslashParser) CloseBlock(parent ast.Node, pc parser.Context) {}

// closingBackslash is the index in s of closer, -1 when s does not hold
// it, or noFormula. As pandoc reads them, in the text a backslash escapes
// the character after it, \text{…} is read to its closing brace, and
// white space before a dollar sign makes it no formula; displayed, the
// first closer closes. A backtick ends the search, as for dollars.
func closingBackslash(s []byte, closer string, display bool) int {
	for i := 0; i < len(s); i++ {
		if strings.HasPrefix(string(s[i:]), closer) {
			return i
		}
		if display {
			if s[i] == '`' {
				return noFormula
			}
			continue
		}
		switch s[i] {
		case '`':
			return noFormula
		case ' ', '\t', '\n':
			if i+1 < len(s) && s[i+1] == '$' {
				return noFormula
			}
		case '\\':
			if strings.HasPrefix(string(s[i:]), `\text{`) {
				if end := texmath.GroupEnd(s, i+len(`\text`)); end > 0 {
					i = end - 1
					continue
				}
			}
			i++
		}
	}
	return -1
}
