package markdown

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Material for MkDocs' code annotations: a comment in a code block holding
// a number in parentheses refers to that item of the numbered list right
// after the block, which the web page shows as a pop-up. Followed by "!",
// the comment is only the marker: Material strips the comment's
// characters and shows the marker alone.
//
//	    name = reactive("Paul")  # (1)!
//	```
//
//	1. Create a string attribute with a default of "Paul".
//
// In print the list follows the block, so the marker is printed as
// "(1)", where it was "# (1)!". A comment without "!" stays as written.

// annotationComment is a comment that is a marker alone: a line comment
// ending its line, or a block comment closed on it.
var annotationComment = regexp.MustCompile(`(?:#|//|--|;|%) ?\(([0-9]+)\)![ \t]*$|(?:/\*|<!--) ?\(([0-9]+)\)! ?(?:\*/|-->)`)

// mkdocsPass finishes the tree of a chapter as MkDocs' extensions would:
// it rewrites the markers of the code blocks followed by a numbered list,
// drops the attribute lists goldmark left at the end of headings, and
// marks the abbreviations the chapter defines (abbr.go).
func mkdocsPass(blocks []doc.Block, abbrs *abbreviations) {
	for i, b := range blocks {
		switch b := b.(type) {
		case *doc.CodeBlock:
			if i+1 < len(blocks) {
				if l, ok := blocks[i+1].(*doc.List); ok && l.Ordered && strings.Contains(b.Text, ")!") {
					b.Text = annotationMarkers(b.Text, max(l.Start, 1), max(l.Start, 1)+len(l.Items)-1)
				}
			}
		case *doc.List:
			for _, it := range b.Items {
				mkdocsPass(it.Blocks, abbrs)
			}
		case *doc.Heading:
			trimHeadingAttrList(b)
			b.Content = abbrs.mark(b.Content)
		case *doc.Paragraph:
			b.Content = abbrs.mark(b.Content)
		case *doc.Figure:
			b.Caption = abbrs.mark(b.Caption)
		case *doc.Table:
			b.Caption = abbrs.mark(b.Caption)
			for _, row := range append([][]*doc.TableCell{b.Header}, b.Rows...) {
				for _, cell := range row {
					cell.Content = abbrs.mark(cell.Content)
				}
			}
		default:
			mkdocsPass(doc.BlockChildren(b), abbrs)
		}
	}
}

// annotationMarkers replaces each line's marker comment for an item
// numbered first to last by the number in parentheses.
func annotationMarkers(code string, first, last int) string {
	lines := strings.Split(code, "\n")
	for i, line := range lines {
		ms := annotationComment.FindAllStringSubmatchIndex(line, -1)
		if ms == nil {
			continue
		}
		var b strings.Builder
		at := 0
		for _, m := range ms {
			var num string
			if m[2] >= 0 {
				num = line[m[2]:m[3]]
			} else {
				num = line[m[4]:m[5]]
			}
			if n, err := strconv.Atoi(num); err != nil || n < first || n > last {
				continue
			}
			b.WriteString(line[at:m[0]])
			b.WriteString("(" + num + ")")
			at = m[1]
		}
		b.WriteString(line[at:])
		lines[i] = b.String()
	}
	return strings.Join(lines, "\n")
}
