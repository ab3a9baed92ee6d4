package pagecheck

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/layout"
)

// testPage makes a page with a running head (or, for an opening, a folio
// at the foot) and body lines 12 pt apart from y 60; a line ending in "-"
// is hyphenated.
func testPage(label string, recto, opening bool, body ...string) *layout.Page {
	pg := &layout.Page{Label: label, Recto: recto}
	if !opening {
		pg.Items = append(pg.Items, &layout.Text{X: 10, Y: 30, Size: 9, Text: label}, &layout.Text{X: 50, Y: 30, Size: 9, Text: "Title"})
	}
	y := 60.0
	for _, b := range body {
		for i, w := range strings.Fields(b) {
			pg.Items = append(pg.Items, &layout.Text{X: 10 + 30*float64(i), Y: y, Size: 10, Text: w})
		}
		y += 12
	}
	if opening {
		pg.Items = append(pg.Items, &layout.Text{X: 50, Y: 400, Size: 9, Text: label})
	}
	return pg
}

// withHeading makes the last line of pg a heading: "A Section" in 14 pt.
func withHeading(pg *layout.Page) *layout.Page {
	last := pg.Items[len(pg.Items)-1].(*layout.Text)
	var kept []layout.Item
	for _, it := range pg.Items {
		if t, ok := it.(*layout.Text); !ok || t.Y != last.Y {
			kept = append(kept, it)
		}
	}
	pg.Items = append(kept, &layout.Text{X: 10, Y: last.Y, Size: 14, Text: "A"}, &layout.Text{X: 40, Y: last.Y, Size: 14, Text: "Section"})
	return pg
}

func lines(n int, last ...string) []string {
	out := make([]string, n-len(last))
	for i := range out {
		out[i] = "some words here"
	}
	return append(out, last...)
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		pages []*layout.Page
		want  []string
	}{
		{"flush pages", []*layout.Page{
			testPage("1", true, true, lines(10)...), testPage("2", false, false, lines(10)...),
			testPage("3", true, false, lines(10)...), testPage("4", false, false, lines(3)...)}, nil},
		{"a short page", []*layout.Page{
			testPage("1", true, true, lines(10)...), testPage("2", false, false, lines(8)...),
			testPage("3", true, false, lines(10)...), testPage("4", false, false, lines(3)...)},
			[]string{"page 2 ends on 144.00, most pages on 168.00"}},
		{"a chapter's last page may be short", []*layout.Page{
			testPage("1", true, true, lines(10)...), testPage("2", false, false, lines(4)...),
			testPage("3", true, true, lines(10)...), testPage("4", false, false, lines(10)...), testPage("5", true, false, lines(2)...)}, nil},
		{"three hyphens in a row", []*layout.Page{
			testPage("1", true, true, lines(10, "hy-", "phen-", "ated-", "word")...), testPage("2", false, false, lines(3)...)},
			[]string{`page 1: more than 2 lines in a row end in a hyphen, up to "ated-"`}},
		{"two are allowed, and a dash", []*layout.Page{
			testPage("1", true, true, lines(10, "hy-", "phen- 1921–", "ated-", "word")...), testPage("2", false, false, lines(3)...)}, nil},
		{"a recto ends in a hyphen", []*layout.Page{
			testPage("1", true, true, lines(10, "hyphen-")...), testPage("2", false, false, lines(3)...)},
			[]string{`page 1: a recto ends in a hyphen: "hyphen-"`}},
		{"a page ends with a heading", []*layout.Page{
			testPage("1", true, true, lines(10)...), withHeading(testPage("2", false, false, lines(10)...)),
			testPage("3", true, false, lines(3)...)},
			[]string{`page 2 ends with a heading: "A Section"`}},
		{"a chapter's last page may", []*layout.Page{
			testPage("1", true, true, lines(10)...), withHeading(testPage("2", false, false, lines(10)...))}, nil},
		{"a verso may", []*layout.Page{
			testPage("1", true, true, lines(10)...), testPage("2", false, false, lines(10, "hyphen-")...),
			testPage("3", true, false, lines(3)...)}, nil},
	}
	for _, tc := range tests {
		got := Check(&layout.Document{Pages: tc.pages})
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// A subscript below the last line, a picture reaching below it or down to
// it (one set on a line of its own sits on its baseline), and notes under
// a rule end a page where its text does.
func TestPageEnds(t *testing.T) {
	sub := testPage("2", false, false, lines(10)...)
	sub.Items = append(sub.Items, &layout.Text{X: 40, Y: 169.5, Size: 7, Text: "2"})
	pic := testPage("3", true, false, lines(8)...)
	pic.Items = append(pic.Items, &layout.Picture{Rect: layout.Rect{X: 10, Y: 150, W: 100, H: 21}})
	onBaseline := testPage("4", false, false, lines(6)...)
	onBaseline.Items = append(onBaseline.Items, &layout.Picture{Rect: layout.Rect{X: 10, Y: 130, W: 100, H: 38}})
	d := &layout.Document{Pages: []*layout.Page{testPage("1", true, true, lines(10)...), sub, pic, onBaseline,
		testPage("5", true, false, lines(10)...), testPage("6", false, false, lines(2)...)}}
	if got := Check(d); len(got) > 0 {
		t.Errorf("%q", got)
	}
}
