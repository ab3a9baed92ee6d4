package markdown

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// lineCount counts lines the way the parser does: LF, CRLF and a lone CR
// each end a line.
func lineCount(src []byte) int {
	n := 1
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' || (src[i] == '\r' && (i+1 == len(src) || src[i+1] != '\n')) {
			n++
		}
	}
	return n
}

func checkInvariants(t *testing.T, ch *Chapter, src []byte) {
	t.Helper()
	for _, p := range invariantProblems(ch, src) {
		t.Error(p)
	}
}

// invariantProblems lists every way the chapter breaks the promises the
// rest of the build relies on.
func invariantProblems(ch *Chapter, src []byte) []string {
	var probs []string
	bad := func(format string, args ...any) {
		if len(probs) < 20 {
			probs = append(probs, fmt.Sprintf(format, args...))
		}
	}
	lines := lineCount(src)
	notes := map[*doc.Note]bool{}
	for _, n := range ch.Notes {
		if notes[n] {
			bad("note %q listed twice", n.Name)
		}
		notes[n] = true
		if n.Kind != doc.FootnoteNote {
			bad("note %q has kind %v", n.Name, n.Kind)
		}
		if n.Pos.Line < 1 || n.Pos.Line > lines {
			bad("note %q at line %d, file has %d lines", n.Name, n.Pos.Line, lines)
		}
	}
	checkString := func(what, s string) {
		if !utf8.ValidString(s) {
			bad("%s is not valid UTF-8: %q", what, s)
		}
		for _, r := range s {
			if r == 0 || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
				bad("%s holds U+%04X: %q", what, r, s)
				break
			}
		}
		m := newMarkers(src)
		for _, marker := range []string{m.block, m.inline, m.link, m.line, m.at} {
			if strings.Contains(s, marker) {
				bad("%s leaks a placeholder: %q", what, s)
			}
		}
	}
	refs := map[*doc.Note]int{}
	visit := func(blocks []doc.Block) {
		doc.Walk(blocks, doc.Visitor{
			Block: func(b doc.Block) bool {
				p := b.Position()
				if p.Line < 1 || p.Line > lines {
					bad("%T at line %d, file has %d lines", b, p.Line, lines)
				}
				switch b := b.(type) {
				case *doc.CodeBlock:
					checkString("code block", b.Text)
				case *doc.Table:
					if len(b.Header) != 0 && len(b.Header) != len(b.Align) {
						bad("table header has %d cells for %d columns", len(b.Header), len(b.Align))
					}
					if len(b.Widths) != 0 && len(b.Widths) != len(b.Align) {
						bad("table has %d column widths for %d columns", len(b.Widths), len(b.Align))
					}
					sum := 0.0
					for _, w := range b.Widths {
						if !(w > 0 && w <= 1) {
							bad("table column of width %v", w)
						}
						sum += w
					}
					if sum > 1+1e-9 {
						bad("table columns %v wide together", sum)
					}
					for _, r := range b.Rows {
						if len(r) != len(b.Align) {
							bad("table row has %d cells for %d columns", len(r), len(b.Align))
						}
					}
				case *doc.Figure:
					if b.Image == nil {
						bad("figure without image")
					}
				case *doc.Div:
					divShape(b, bad)
				}
				return true
			},
			Inline: func(in doc.Inline) bool {
				switch in := in.(type) {
				case *doc.Text:
					if in.Text == "" {
						bad("empty text node")
					}
					checkString("text", in.Text)
				case *doc.Code:
					checkString("code", in.Text)
				case *doc.Span:
					if in.Kind < doc.SpanPlain || in.Kind > doc.LastSpanKind {
						bad("span of unknown kind %v", in.Kind)
					}
				case *doc.Image:
					checkString("image alt", in.Alt)
					checkString("image src", in.Src)
					if in.Asset != nil {
						checkString("picture data", string(in.Asset.Data))
					}
					// A picture's position is its own, in the file;
					// blocks made by the build may leave it unknown.
					if in.Pos.Line < 0 || in.Pos.Line > lines || in.Pos.Column < 0 {
						bad("picture at %d:%d, file has %d lines", in.Pos.Line, in.Pos.Column, lines)
					}
				case *doc.Link:
					if label, _, ok := doc.ParseRuleRef(in.URL); ok {
						// a reference by a rule's name, for the resolve
						// pass: its label is clean
						checkString("rule reference", label)
					} else {
						checkString("link URL", in.URL)
					}
				case *doc.NoteRef:
					if in.Note == nil || !notes[in.Note] {
						bad("note reference to a note not in Chapter.Notes")
						return true
					}
					if in.Index != refs[in.Note] {
						bad("reference %d to note %q has Index %d", refs[in.Note], in.Note.Name, in.Index)
					}
					refs[in.Note]++
				}
				return true
			},
		})
	}
	var adjacent func(seq []doc.Inline)
	adjacent = func(seq []doc.Inline) {
		for i, in := range seq {
			if _, ok := in.(*doc.Text); ok && i > 0 {
				if _, prev := seq[i-1].(*doc.Text); prev {
					bad("adjacent text nodes not merged: %q", in.(*doc.Text).Text)
				}
			}
			adjacent(doc.InlineChildren(in))
		}
	}
	mergeCheck := doc.Visitor{Block: func(b doc.Block) bool {
		for _, seq := range doc.BlockInlines(b) {
			adjacent(seq)
		}
		return true
	}}
	visit(ch.Blocks)
	doc.Walk(ch.Blocks, mergeCheck)
	for _, n := range ch.Notes {
		visit(n.Blocks)
		doc.Walk(n.Blocks, mergeCheck)
	}
	for _, n := range ch.Notes {
		if n.Refs != refs[n] {
			bad("note %q says %d references, tree has %d", n.Name, n.Refs, refs[n])
		}
	}
	return probs
}

// divShape checks what doc.Validate asks of groups: term lists of terms
// and definitions, a term first; terms of one paragraph; captions first or
// last in a figure.
func divShape(d *doc.Div, bad func(string, ...any)) {
	kind := func(b doc.Block) doc.DivKind {
		if g, ok := b.(*doc.Div); ok {
			return g.Kind
		}
		return -1
	}
	switch d.Kind {
	case doc.DivTermList:
		for i, b := range d.Blocks {
			if k := kind(b); k != doc.DivTerm && k != doc.DivTermDefinition || i == 0 && k != doc.DivTerm {
				bad("term list holds a %T (kind %v) at %d", b, k, i)
			}
		}
	case doc.DivTerm:
		if len(d.Blocks) != 1 {
			bad("term of %d blocks", len(d.Blocks))
		} else if _, ok := d.Blocks[0].(*doc.Paragraph); !ok {
			bad("term holding a %T", d.Blocks[0])
		}
	}
	for i, b := range d.Blocks {
		if kind(b) == doc.DivCaption && (d.Kind != doc.DivFigure || i != 0 && i != len(d.Blocks)-1) {
			bad("caption at %d of %d in a %v group", i, len(d.Blocks), d.Kind)
		}
	}
}
