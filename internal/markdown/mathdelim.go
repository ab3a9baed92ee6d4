package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
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
	open := len(prefix) + 1
	startLine, startSeg := block.Position()
	start := seg.Start
	var tex []byte
	rest := line[open:]
	for n := 0; n < maxMathLines; n++ {
		end := closingBackslash(rest, closer, display)
		if end == noFormula {
			break
		}
		if end >= 0 {
			if after := end + len(closer); !display && after < len(rest) && rest[after] >= '0' && rest[after] <= '9' {
				// as after a dollar: \(x\)5 is no formula
				break
			}
			tex = append(tex, rest[:end]...)
			block.Advance(len(line) - len(rest) + end + len(closer))
			if strings.TrimSpace(string(tex)) == "" {
				break
			}
			return &mathNode{tex: string(tex), display: display, at: start, open: prefix + string(line[len(prefix)]), close: closer}
		}
		tex = append(tex, rest...)
		block.AdvanceLine()
		line, _ = block.PeekLine()
		if line == nil {
			break
		}
		rest = line
	}
	block.SetPosition(startLine, startSeg)
	return nil
}

func (mathBackslashParser) CloseBlock(parent ast.Node, pc parser.Context) {}

// noFormula is closingBackslash's answer when what it reads can be no
// formula's inside.
const noFormula = -2

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
				if end := closingBrace(s, i+len(`\text`)); end > 0 {
					i = end
					continue
				}
			}
			i++
		}
	}
	return -1
}

// closingBrace is the index of the brace that closes the one at s[i],
// or -1 when it is not in s.
func closingBrace(s []byte, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return -1
}
