package markdown

import (
	"bytes"
	"reflect"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// pandoc's implicit heading references: "[Heading text]", "[text][Heading
// text]" or "[Heading text][]" with no link reference definition of that
// label links to the chapter's heading of that text, as written in the
// source and matched as reference labels are (case and runs of white space
// aside). goldmark parses every block before any inline, so the headings
// are all known when the first label is looked up: one parse suffices.

// implicitPrefix starts the destination goldmark is given for an implicit
// reference, followed by the heading's index in document order. No
// destination of the source can start with it: prepareSource has replaced
// every NUL.
const implicitPrefix = "\x00heading:"

// refContext is goldmark's parser context with implicit heading
// references: a label that no definition gives is looked up among the
// headings the block parsers have closed.
type refContext struct {
	parser.Context
	src      []byte
	headings []*ast.Heading
	labels   map[string]int // normalized raw heading text -> first heading's index
	used     bool           // some label named a heading
}

func newRefContext(src []byte) *refContext {
	return &refContext{Context: parser.NewContext(), src: src}
}

// Reference gives a definition's reference when there is one (it wins),
// else a reference to the heading whose text is the label, else one to
// the rule of that name, which the resolve pass finds (rule.go), else a
// cross-reference to API documentation (mkdocsautoref.go).
func (rc *refContext) Reference(label string) (parser.Reference, bool) {
	if ref, ok := rc.Context.Reference(label); ok {
		return ref, ok
	}
	if len(rc.headings) == 0 {
		return laterRef(label)
	}
	if rc.labels == nil {
		rc.labels = make(map[string]int, len(rc.headings))
		for i, h := range rc.headings {
			key := util.ToLinkReference(headingSource(h, rc.src))
			if _, dup := rc.labels[key]; !dup && key != "" {
				rc.labels[key] = i
			}
		}
	}
	i, ok := rc.labels[label]
	if !ok {
		return laterRef(label)
	}
	rc.used = true
	return parser.NewReference([]byte(label), []byte(implicitPrefix+strconv.Itoa(i)), nil), true
}

// headingSource is a heading's text as written, without its attributes
// (goldmark has taken "{#id .class}" off its lines) or pandoc's "{-}".
func headingSource(h *ast.Heading, src []byte) []byte {
	lines := h.Lines()
	var b []byte
	for i := 0; i < lines.Len(); i++ {
		if i > 0 {
			b = append(b, '\n')
		}
		seg := lines.At(i)
		b = append(b, seg.Value(src)...)
	}
	b = bytes.TrimRight(b, " \t")
	if t, ok := bytes.CutSuffix(b, []byte("{-}")); ok {
		b = t
	}
	return b
}

// headingRecorder is goldmark's ATX or setext heading parser, which files
// each heading it closes in the refContext, in document order.
type headingRecorder struct {
	parser.BlockParser
}

func (p headingRecorder) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	// A setext underline with no paragraph text above is no heading:
	// goldmark has taken the node out again.
	h, ok := node.(*ast.Heading)
	if rc, isRef := pc.(*refContext); ok && isRef && h.Parent() != nil {
		rc.headings = append(rc.headings, h)
	}
}

// SetOption passes options (heading attributes) to the heading parser.
func (p headingRecorder) SetOption(name parser.OptionName, value any) {
	if so, ok := p.BlockParser.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}

// isHeadingParser reports whether bp is goldmark's ATX or setext heading
// parser.
func isHeadingParser(bp parser.BlockParser) bool {
	t := reflect.TypeOf(bp)
	return t == reflect.TypeOf(parser.NewATXHeadingParser()) || t == reflect.TypeOf(parser.NewSetextHeadingParser())
}

// implicitTarget is the index of the heading an implicit reference's
// destination names, or -1 for any other destination.
func implicitTarget(dest []byte) int {
	rest, ok := bytes.CutPrefix(dest, []byte(implicitPrefix))
	if !ok {
		return -1
	}
	i, err := strconv.Atoi(string(rest))
	if err != nil {
		return -1
	}
	return i
}

// implicitLink is a link made by an implicit heading reference, waiting
// for its heading's final ID.
type implicitLink struct {
	link    *doc.Link
	heading *ast.Heading
}

// resolveImplicit points the implicit references at their headings' IDs,
// which headingIDs has made final. A heading that made no heading of the
// tree (none is known to) is named by the ID its text would have, and the
// resolve pass reports a link to an ID that is nowhere.
func (c *converter) resolveImplicit() {
	for _, il := range c.implicit {
		if h := c.headingOf[il.heading]; h != nil {
			il.link.URL = "#" + h.ID
		} else {
			il.link.URL = "#" + slug(decodeMarkdown(headingSource(il.heading, c.src)))
		}
	}
}

// laterRef is the reference of a label the chapter does not define: to
// a rule of that name, or into API documentation.
func laterRef(label string) (parser.Reference, bool) {
	if ref, ok := ruleRef(label); ok {
		return ref, ok
	}
	return autoref(label)
}
