package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// mdbook-spec, the preprocessor the Rust Reference is built with, names
// the statements of a specification with rules: a line of its own
//
//	r[items.fn.intro]
//	A _function_ consists of a block…
//
// makes an anchor (r-items.fn.intro) shown beside the block that follows
// it, and every chapter may link to a rule by its name ([items.fn.intro],
// [text][items.fn.intro], or a definition [text]: items.fn.intro).
//
// mdbook-spec finds a marker with a regular expression, anywhere a line
// is exactly that; here it is a block that starts at the line's first
// column (not inside a quote or an indented list item, whose lines do not
// start there) with nothing after it on the line, and can interrupt a
// paragraph (mdbook-spec puts an HTML block in its place, which does) when
// its name is dotted: a line "r[i]" inside a paragraph of some other book
// stays text. A name is words of ASCII letters, digits, '_' and '-' joined
// by single dots, the first starting with a letter.
//
// The anchor is the label doc.RuleLabel makes: set at the start of the
// paragraph that follows (or the first of a list, quote or alert), a
// paragraph of its own before any other block, and after a heading (so a
// chapter's title heading stays its first block, which titles it).

var kindRuleMarker = ast.NewNodeKind("RuleMarker")

// ruleMarker is a rule's line; it has no children.
type ruleMarker struct {
	ast.BaseBlock
	name string
}

func (n *ruleMarker) Kind() ast.NodeKind { return kindRuleMarker }

func (n *ruleMarker) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.name}, nil)
}

type ruleParser struct{}

func (ruleParser) Trigger() []byte { return []byte{'r'} }

func (ruleParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos != 0 || seg.Padding != 0 {
		return nil, parser.NoChildren
	}
	src := reader.Source()
	if at := seg.Start; at > 0 && src[at-1] != '\n' {
		// inside a container whose marker starts the line (> r[x])
		return nil, parser.NoChildren
	}
	name, ok := ruleLine(line)
	if !ok {
		return nil, parser.NoChildren
	}
	if last := pc.LastOpenedBlock().Node; last != nil && ast.IsParagraph(last) && bytes.IndexByte(name, '.') < 0 {
		return nil, parser.NoChildren
	}
	n := &ruleMarker{name: string(name)}
	n.SetPos(seg.Start)
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (ruleParser) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }

func (ruleParser) Close(ast.Node, text.Reader, parser.Context) {}

func (ruleParser) CanInterruptParagraph() bool { return true }

func (ruleParser) CanAcceptIndentedLine() bool { return false }

// ruleLine returns the name of a rule's line, "r[name]" and its line end.
func ruleLine(line []byte) ([]byte, bool) {
	line, _ = bytes.CutSuffix(line, []byte("\n"))
	line, _ = bytes.CutSuffix(line, []byte("\r"))
	rest, ok := bytes.CutPrefix(line, []byte("r["))
	if !ok {
		return nil, false
	}
	name, ok := bytes.CutSuffix(rest, []byte("]"))
	if !ok || !isRuleName(name) {
		return nil, false
	}
	return name, true
}

// maxRuleName bounds a rule's name: the Reference's longest is 66 bytes.
const maxRuleName = 200

// isRuleName reports whether s is a rule's name: words of ASCII letters,
// digits, '_' and '-' joined by single dots, the first a letter.
func isRuleName(s []byte) bool {
	if len(s) == 0 || len(s) > maxRuleName || !isASCIILetter(s[0]) {
		return false
	}
	start := true
	for _, c := range s {
		switch {
		case c == '.' && !start:
			start = true
		case isASCIILetter(c) || '0' <= c && c <= '9' || c == '_' || c == '-':
			start = false
		default:
			return false
		}
	}
	return !start
}

// ruleRefPrefix starts the destination goldmark is given for a reference
// by a rule's name, followed by the label. No destination of the source
// can start with it: prepareSource has replaced every NUL.
const ruleRefPrefix = "\x00ruleref:"

// ruleRef is the reference of a label that no definition or heading
// gives, when the label is a dotted rule name: whether the book has that
// rule, the resolve pass knows (markdownLink writes the link as
// doc.RuleRefURL).
func ruleRef(label string) (parser.Reference, bool) {
	if !isRuleName([]byte(label)) || !bytes.Contains([]byte(label), []byte(".")) {
		return nil, false
	}
	return parser.NewReference([]byte(label), []byte(ruleRefPrefix+label), nil), true
}

// ruleRefURL is the URL of a link goldmark made of a reference ruleRef
// gave, saying how it was written; "" for any other link.
func ruleRefURL(n *ast.Link) string {
	label, ok := bytes.CutPrefix(n.Destination, []byte(ruleRefPrefix))
	if !ok {
		return ""
	}
	form := doc.RuleRefShortcut
	if r := n.Reference; r != nil && r.Type != ast.ReferenceLinkShortcut {
		form = doc.RuleRefCollapsed
		if r.Type == ast.ReferenceLinkFull {
			form = doc.RuleRefFull
		}
		if len(r.Value) > 0 {
			label = r.Value // as written
		}
		if _, dotted := autodocName(append([]byte(":::"), label...)); dotted {
			// mkdocstrings' cross-reference (mkdocsautoref.go), when no
			// rule has that name
			form = doc.RuleRefText
		}
	}
	return doc.RuleRefURL(string(label), form)
}

// ruleQueue is the rule markers waiting for the block they are shown
// with: those of a heading, shown after it, and the block's own.
type ruleQueue struct {
	heading, own []*ruleMarker
}

// placeRules appends bs, the blocks a goldmark block became, to out with
// the labels of the rules before it: at the start of a paragraph, or of
// the first paragraph of a list, quote or alert, which keeps them with it
// on the page; after a heading (in a paragraph of their own, which the
// labels of the next block join when they would be one too: a chapter's
// opening line of labels); else in a paragraph before the block.
func (c *converter) placeRules(out []doc.Block, q *ruleQueue, bs []doc.Block) []doc.Block {
	if len(bs) == 0 {
		return out
	}
	if h, ok := bs[0].(*doc.Heading); ok {
		out = c.appendLabels(out, q.heading)
		out = append(out, h)
		q.heading, q.own = q.own, nil
		if len(bs) > 1 {
			out = c.appendLabels(out, q.heading)
			q.heading = nil
			out = append(out, bs[1:]...)
		}
		return out
	}
	p := leadParagraph(bs[0])
	runIn := p != nil && len(q.own) > 0
	if runIn || len(q.own) == 0 {
		out = c.appendLabels(out, q.heading)
		q.heading = nil
	}
	if runIn {
		p.Content = append(append(c.labels(q.own), &doc.Text{Text: " "}), p.Content...)
	} else {
		out = c.appendLabels(out, append(q.heading, q.own...))
	}
	q.heading, q.own = nil, nil
	return append(out, bs...)
}

// leadParagraph is the paragraph b starts with, where labels set at its
// start stay with it on the page: b itself, or the first paragraph of a
// list, a quote or a box (an alert's title) when nothing comes before it;
// nil when b starts otherwise (code, a table), or with a line block.
func leadParagraph(b doc.Block) *doc.Paragraph {
	for {
		var first []doc.Block
		switch x := b.(type) {
		case *doc.Paragraph:
			if x.Lines {
				return nil
			}
			return x
		case *doc.List:
			if len(x.Items) == 0 || x.Items[0] == nil {
				return nil
			}
			first = x.Items[0].Blocks
		case *doc.BlockQuote:
			first = x.Blocks
		case *doc.Div:
			first = x.Blocks
		default:
			return nil
		}
		if len(first) == 0 {
			return nil
		}
		b = first[0]
	}
}

// appendLabels appends a paragraph of the labels of rules, if any.
func (c *converter) appendLabels(out []doc.Block, rules []*ruleMarker) []doc.Block {
	if len(rules) == 0 {
		return out
	}
	return append(out, &doc.Paragraph{BlockBase: doc.BlockBase{Pos: c.pos(c.nodeLine(rules[0]))}, Content: c.labels(rules)})
}

// labels are the labels of rules, a space between each two.
func (c *converter) labels(rules []*ruleMarker) []doc.Inline {
	var out []doc.Inline
	for i, m := range rules {
		if i > 0 {
			out = append(out, &doc.Text{Text: " "})
		}
		out = append(out, doc.RuleLabel(m.name, c.posAt(m.Pos(), c.nodeLine(m))))
	}
	return out
}

// flushRules appends the labels of the rules no block followed.
func (c *converter) flushRules(out []doc.Block, q *ruleQueue) []doc.Block {
	out = c.appendLabels(out, q.heading)
	out = c.appendLabels(out, q.own)
	q.heading, q.own = nil, nil
	return out
}
