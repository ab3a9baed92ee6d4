package markdown

import (
	"bytes"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Python-Markdown's abbreviations: a line
//
//	*[HTML]: Hyper Text Markup Language
//
// defines one for its chapter. The line is not text; every whole-word
// HTML in the chapter's text (not in code) becomes an abbreviation
// titled with the expansion, HTML's <abbr title="…">. A later definition
// of the same abbreviation wins, as in Python-Markdown; an empty one
// removes it.

var kindAbbrDef = ast.NewNodeKind("AbbreviationDefinition")

type abbrDef struct{ ast.BaseBlock }

func (n *abbrDef) Kind() ast.NodeKind            { return kindAbbrDef }
func (n *abbrDef) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

type abbrDefParser struct{}

// abbrsKey holds the chapter's abbreviations, by abbreviation.
var abbrsKey = parser.NewContextKey()

func (abbrDefParser) Trigger() []byte { return []byte{'*'} }

func (abbrDefParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	abbr, title, ok := parseAbbrDef(line[pos:])
	if !ok {
		return nil, parser.NoChildren
	}
	m, _ := pc.Get(abbrsKey).(map[string]string)
	if m == nil {
		m = map[string]string{}
		pc.Set(abbrsKey, m)
	}
	m[abbr] = title
	reader.AdvanceToEOL()
	return &abbrDef{}, parser.NoChildren
}

func (abbrDefParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}

func (abbrDefParser) Close(ast.Node, text.Reader, parser.Context) {}

func (abbrDefParser) CanInterruptParagraph() bool { return true }

func (abbrDefParser) CanAcceptIndentedLine() bool { return false }

// parseAbbrDef reads *[ABBR]: title from the line's first character.
func parseAbbrDef(s []byte) (abbr, title string, ok bool) {
	if !bytes.HasPrefix(s, []byte("*[")) {
		return "", "", false
	}
	end := bytes.IndexByte(s, ']')
	if end < 3 || bytes.ContainsAny(s[2:end], "[\\") {
		return "", "", false
	}
	rest := s[end+1:]
	rest = bytes.TrimPrefix(rest, []byte(" "))
	if len(rest) == 0 || rest[0] != ':' {
		return "", "", false
	}
	abbr = strings.TrimSpace(string(s[2:end]))
	if abbr == "" {
		return "", "", false
	}
	return abbr, string(util.TrimRightSpace(util.TrimLeftSpace(rest[1:]))), true
}

// abbreviations marks a chapter's abbreviations in its text.
type abbreviations struct {
	titles map[string]string
	words  *regexp.Regexp
}

func newAbbreviations(pc parser.Context) *abbreviations {
	m, _ := pc.Get(abbrsKey).(map[string]string)
	var alts []string
	for abbr, title := range m {
		if title != "" {
			alts = append(alts, regexp.QuoteMeta(abbr))
		}
	}
	if len(alts) == 0 {
		return nil
	}
	// longest first, so that "HTML5" is not read as "HTML" and "5"
	sort.Slice(alts, func(i, j int) bool {
		if len(alts[i]) != len(alts[j]) {
			return len(alts[i]) > len(alts[j])
		}
		return alts[i] < alts[j]
	})
	return &abbreviations{titles: m, words: regexp.MustCompile(`\b(?:` + strings.Join(alts, "|") + `)\b`)}
}

// mark returns content with each abbreviation in its text in a span of
// its own.
func (a *abbreviations) mark(content []doc.Inline) []doc.Inline {
	if a == nil {
		return content
	}
	var out []doc.Inline
	for _, in := range content {
		switch in := in.(type) {
		case *doc.Text:
			ms := a.words.FindAllStringIndex(in.Text, -1)
			if ms == nil {
				out = append(out, in)
				continue
			}
			at := 0
			for _, m := range ms {
				if m[0] > at {
					out = append(out, &doc.Text{Text: in.Text[at:m[0]]})
				}
				word := in.Text[m[0]:m[1]]
				out = append(out, &doc.Span{Kind: doc.SpanAbbreviation, Title: a.titles[word], Content: []doc.Inline{&doc.Text{Text: word}}})
				at = m[1]
			}
			if at < len(in.Text) {
				out = append(out, &doc.Text{Text: in.Text[at:]})
			}
		case *doc.Span:
			if in.Kind != doc.SpanAbbreviation {
				in.Content = a.mark(in.Content)
			}
			out = append(out, in)
		default:
			if kids := doc.InlineChildren(in); kids != nil {
				setInlineChildren(in, a.mark(kids))
			}
			out = append(out, in)
		}
	}
	return out
}
