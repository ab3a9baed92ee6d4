package layout

import (
	"math"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// TestMarkerSpacing: a note marker sits right after what it follows, a
// letter, a closing quote or a comma, with no space added; an annotation's
// marker is italic, a footnote's roman.
func TestMarkerSpacing(t *testing.T) {
	m := realFonts(t)
	e := testEngine(t, m, false)
	for _, c := range []struct {
		before string
		kind   doc.NoteKind
	}{
		{"the Kronstadt Rising", doc.AnnotationNote},
		{"(“that multitude of scavengers”", doc.AnnotationNote},
		{"sceptical about the Comintern,", doc.AnnotationNote},
		{"a ‘single quote’", doc.AnnotationNote},
		{"after a comma,", doc.FootnoteNote},
	} {
		n := &doc.Note{Kind: c.kind, ID: "n", Label: "a", Refs: 1}
		segs := e.segsOf([]doc.Inline{txt(c.before), &doc.NoteRef{Note: n}, txt(" and more.")}, e.baseStyle(e.size), false)
		lines := e.setPara(segs, 400, 0, alignJustify)
		var prev, mark *Text
		for _, it := range lines[0].items {
			tx, ok := it.(*Text)
			if !ok {
				continue
			}
			if tx.Size < e.size {
				mark = tx
				break
			}
			prev = tx
		}
		if mark == nil || prev == nil {
			t.Fatalf("%q: no marker after text in %v", c.before, lines[0].items)
		}
		if end := prev.X + textWidth(m, prev); math.Abs(mark.X-end) > 0.01 {
			t.Errorf("%q: marker at %.2f, text ends at %.2f", c.before, mark.X, end)
		}
		italic := mark.Face.Style == fonts.Italic
		if italic != (c.kind == doc.AnnotationNote) {
			t.Errorf("%q: %v marker in %s", c.before, c.kind, mark.Face)
		}
		if mark.Y >= prev.Y {
			t.Errorf("%q: marker not raised", c.before)
		}
	}
}
