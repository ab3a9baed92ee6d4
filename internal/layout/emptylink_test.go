package layout

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestLinkWithoutTextPrintsAddress: a link with no text of its own prints
// its address as its text, as the EPUB does, linked, with no address note
// repeating it; a link with text prints only its text.
func TestLinkWithoutTextPrintsAddress(t *testing.T) {
	const addr = "https://example.org/archive"
	cases := []struct {
		name     string
		link     *doc.Link
		want     string
		wantLink bool
	}{
		{"no content", &doc.Link{URL: addr, External: true}, addr, true},
		{"blank text", &doc.Link{URL: addr, External: true, Content: []doc.Inline{txt("  ")}}, addr, true},
		{"empty emphasis", &doc.Link{URL: addr, External: true, Content: []doc.Inline{&doc.Emph{}}}, addr, true},
		{"unplaced, no content", &doc.Link{URL: "#nowhere"}, "#nowhere", false},
		{"with text", &doc.Link{URL: addr, External: true, Content: []doc.Inline{txt("the archive")}}, "the archive", true},
	}
	for _, c := range cases {
		for _, notes := range []bool{false, true} {
			e := testEngine(t, fixedMetrics{}, false)
			e.o.URLFootnotes = notes
			segs := e.segsOf([]doc.Inline{txt("See "), c.link, txt(".")}, e.baseStyle(e.size), false)
			var sb strings.Builder
			linked, marks := false, 0
			for _, s := range segs {
				if s.mark != nil && s.mark.note != nil {
					marks++
					continue
				}
				sb.WriteString(s.text)
				if s.text == c.want && s.st.link != nil {
					linked = true
				}
			}
			if got, want := strings.Join(strings.Fields(sb.String()), " "), "See "+c.want+"."; got != want {
				t.Errorf("%s (address notes %v): printed %q, want %q", c.name, notes, got, want)
			}
			if linked != c.wantLink {
				t.Errorf("%s (address notes %v): address linked %v, want %v", c.name, notes, linked, c.wantLink)
			}
			if c.want == addr && marks != 0 {
				t.Errorf("%s (address notes %v): %d note markers beside an address printed in full", c.name, notes, marks)
			}
		}
	}
}
