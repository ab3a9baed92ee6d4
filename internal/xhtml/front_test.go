package xhtml

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestTitlePageEditionTitle: the EPUB's and the site's title page name the
// edition only when the edition asks to show its title, as the PDF's does.
func TestTitlePageEditionTitle(t *testing.T) {
	for _, c := range []struct {
		meta doc.Meta
		want string
	}{
		{doc.Meta{Title: "Pamphlets", EditionTitle: "Course packet"}, ""},
		{doc.Meta{Title: "Pamphlets", EditionTitle: "Teacher’s edition", ShowEditionTitle: true}, "Teacher’s edition"},
		{doc.Meta{Title: "Pamphlets", ShowEditionTitle: true}, ""},
	} {
		w := &Writer{}
		TitlePageLines(w, c.meta, nil)
		got := between(string(w.Bytes()), `<p class="edition">`, "</p>")
		if got != c.want {
			t.Errorf("edition %q shown %v: title page names %q, want %q\n%s", c.meta.EditionTitle, c.meta.ShowEditionTitle, got, c.want, w.Bytes())
		}
	}
}

func between(s, open, close string) string {
	_, after, ok := strings.Cut(s, open)
	if !ok {
		return ""
	}
	in, _, _ := strings.Cut(after, close)
	return in
}
