package layout

import (
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// A group of content tabs prints each tab's label at the margin and its
// content indented under it, set apart from the text around the group,
// so that the paragraph after the group does not read as the last tab's.
func TestContentTabsIndentedUnderTheirLabels(t *testing.T) {
	tab := func(label, body string) *doc.Div {
		return &doc.Div{Kind: doc.DivSection, Classes: []string{tabClass}, Blocks: []doc.Block{
			&doc.Paragraph{Classes: []string{"tabbed-title"}, Content: []doc.Inline{&doc.Strong{Content: []doc.Inline{txt(label)}}}},
			para(txt(body)),
		}}
	}
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, Title: []doc.Inline{txt("Tabs")}, Blocks: []doc.Block{
		para(txt("Before")),
		&doc.Div{Classes: []string{tabGroupClass}, Blocks: []doc.Block{tab("npm", "Alpha"), tab("yarn", "Beta")}},
		para(txt("After")),
	}}
	d, err := Layout(&doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{ch}}, realFonts(t), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	at := func(word string) *Text {
		t.Helper()
		_, tx := textAt(d, word)
		if tx == nil {
			t.Fatalf("no %q", word)
		}
		return tx
	}
	before, npm, alpha, yarn, beta, after := at("Before"), at("npm"), at("Alpha"), at("yarn"), at("Beta"), at("After")
	if npm.X != before.X || yarn.X != before.X || after.X != before.X {
		t.Errorf("labels at %.1f and %.1f, the text after at %.1f: want the margin, %.1f", npm.X, yarn.X, after.X, before.X)
	}
	if alpha.X <= npm.X+5 || beta.X != alpha.X {
		t.Errorf("the tabs' content at %.1f and %.1f, their labels at %.1f: want it indented", alpha.X, beta.X, npm.X)
	}
	lead := alpha.Y - npm.Y
	if gap := yarn.Y - alpha.Y; gap < lead*1.3 {
		t.Errorf("the second label is %.1f below the first tab's text, a line being %.1f: want a space between tabs", gap, lead)
	}
	if gap := after.Y - beta.Y; gap < lead*1.3 {
		t.Errorf("the text after the group is %.1f below it, a line being %.1f: want a space", gap, lead)
	}
}
