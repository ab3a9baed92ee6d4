package xhtml

import (
	"fmt"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestResolveLink: a link leads to its entry's document, or to the
// document holding its anchor, written relative to the document it is in.
func TestResolveLink(t *testing.T) {
	entries := map[string]string{"one": "one.html", "two": "two.html"}
	anchors := map[string][2]string{"x": {"two.html", "x"}, "here": {"one.html", "here-2"}}
	resolve := func(l *doc.Link, raw string) (string, string, string, bool) {
		return ResolveLink(l, raw, "one.html",
			func(e string) string { return entries[e] },
			func(id string) (string, string, bool) { a, ok := anchors[id]; return a[0], a[1], ok },
			func(d string) string { return d },
			func(d string) string { return "label of " + d })
	}
	for _, c := range []struct {
		link                    *doc.Link
		raw                     string
		href, fallback, problem string
		ok                      bool
	}{
		{&doc.Link{Entry: "two"}, "two.md", "two.html", "label of two.html", "", true},
		{&doc.Link{Entry: "two", Anchor: "x"}, "two.md#x", "two.html#x", "label of two.html", "", true},
		{&doc.Link{}, "#here", "#here-2", "label of one.html", "", true},
		{&doc.Link{Entry: "two", Anchor: "gone"}, "two.md#gone", "two.html", "label of two.html", `link to #gone, which is not in entry "two"; linking to the entry`, true},
		{&doc.Link{}, "#nowhere", "", "#nowhere", "", false},
	} {
		href, fallback, problem, ok := resolve(c.link, c.raw)
		if href != c.href || fallback != c.fallback || problem != c.problem || ok != c.ok {
			t.Errorf("%s: %q %q %q %v, want %q %q %q %v", c.raw, href, fallback, problem, ok, c.href, c.fallback, c.problem, c.ok)
		}
	}
}

// TestCreatorGroups gathers creators by role in the order roles are met;
// no role is an author's, no name is no creator.
func TestCreatorGroups(t *testing.T) {
	got := CreatorGroups([]doc.Creator{{Name: "A"}, {Name: "E", Role: "edt"}, {Name: " "}, {Name: "B", Role: "aut"}, {Name: "F", Role: " edt "}})
	want := []CreatorGroup{{"aut", []string{"A", "B"}}, {"edt", []string{"E", "F"}}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%v, want %v", got, want)
	}
}

// TestPlanEntryLabel: an entry is named by its title, else its leading
// level-1 heading, else its ID; only the last two count as untitled.
func TestPlanEntryLabel(t *testing.T) {
	text := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Text: s}} }
	heading := func(level int, s string) *doc.Heading { return &doc.Heading{Level: level, Content: text(s)} }
	for _, c := range []struct {
		name     string
		entry    *doc.Entry
		label    string
		heading  bool
		untitled bool
	}{
		{"title", &doc.Entry{ID: "one", Title: text("The\nTitle"), Blocks: []doc.Block{heading(1, "Heading")}}, "The Title", true, false},
		{"heading", &doc.Entry{ID: "one", Blocks: []doc.Block{heading(1, "Heading")}}, "Heading", true, false},
		{"a level-2 heading is no title", &doc.Entry{ID: "one", Blocks: []doc.Block{heading(2, "Heading")}}, "one", false, true},
		{"an empty heading is no title", &doc.Entry{ID: "one", Blocks: []doc.Block{heading(1, " ")}}, "one", false, true},
		{"nothing", &doc.Entry{}, "", false, true},
	} {
		p := NewPlanned()
		untitled := p.PlanEntry(c.entry)
		if p.NavLabel != c.label || (p.TitleHeading != nil) != c.heading || untitled != c.untitled {
			t.Errorf("%s: label %q, title heading %v, untitled %v; want %q, %v, %v", c.name, p.NavLabel, p.TitleHeading != nil, untitled, c.label, c.heading, c.untitled)
		}
	}
}
