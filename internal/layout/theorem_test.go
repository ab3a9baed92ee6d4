package layout

import (
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// TestTheoremHeadUpright: in a theorem's italic text its head, "Theorem
// 2.1 (Name).", is bold and upright, as amsthm sets it; other bold text
// there stays italic, and a figure's label is no theorem's head.
func TestTheoremHeadUpright(t *testing.T) {
	e := testEngine(t, fixedMetrics{}, false)
	st := e.baseStyle(e.size)
	st.face.Style = fonts.Italic
	for _, c := range []struct {
		kind string
		want fonts.Style
	}{
		{"thm", fonts.Bold},
		{"lem", fonts.Bold},
		{"fig", fonts.BoldItalic},
	} {
		head := &doc.Strong{Content: []doc.Inline{doc.CrossrefLabel(c.kind), &doc.Text{Text: " (Name)."}}}
		segs := e.segsOf([]doc.Inline{head, &doc.Text{Text: " Body."}}, st, false)
		if len(segs) == 0 {
			t.Fatal("no segments")
		}
		if got := segs[0].st.face.Style; got != c.want {
			t.Errorf("%s: head in %v, want %v", c.kind, got, c.want)
		}
		if got := segs[len(segs)-1].st.face.Style; got != fonts.Italic {
			t.Errorf("%s: body in %v, want italic", c.kind, got)
		}
	}
}
