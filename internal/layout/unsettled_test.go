package layout

import (
	"testing"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// When page references do not settle, the warning names each chapter
// whose printed pages the last pass changed: at its first moved link,
// else at its file; settled chapters are not named.
func TestUnsettledWarningsNameTheChapters(t *testing.T) {
	late := &doc.Link{URL: "#b", Pos: doc.Pos{Line: 9, Column: 4}}
	early := &doc.Link{URL: "#c", Pos: doc.Pos{Line: 3, Column: 12}}
	steady := &doc.Link{URL: "#d", Pos: doc.Pos{Line: 1, Column: 1}}
	unplaced := &doc.Link{URL: "#e"}
	now := &pageState{
		pageOf: map[string]int{"a": 0, "b": 1},
		labels: []string{"1", "2"},
		linkAt: map[*doc.Link]int{late: 5, early: 6, steady: 2, unplaced: 7},
	}
	entries := []*doc.Entry{{File: "one.md"}, {File: "two.md"}, {File: "three.md"}, {File: "four.md"}}
	built := []built{
		{use: pageUse{anchors: map[string]string{"a": "1"}, links: map[*doc.Link]int{steady: 2}}}, // settled
		{use: pageUse{links: map[*doc.Link]int{late: 4, early: 5, steady: 2}}},                    // two links moved
		{use: pageUse{anchors: map[string]string{"b": "1"}}},                                      // an anchor moved
		{use: pageUse{links: map[*doc.Link]int{unplaced: 6}}},                                     // a link with no place moved
	}
	var got []string
	for _, d := range unsettledWarnings(entries, built, now) {
		if d.Code != "layout.page-references" || d.Severity != diag.Warning {
			t.Errorf("%s: code %q severity %v", d, d.Code, d.Severity)
		}
		got = append(got, d.Location())
	}
	want := []string{"two.md:3:12", "three.md", "four.md"}
	if len(got) != len(want) {
		t.Fatalf("warnings at %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("warnings at %q, want %q", got, want)
			break
		}
	}
	if ds := unsettledWarnings(entries[:1], built[:1], now); len(ds) != 1 || ds[0].File != "" {
		t.Errorf("nothing unsettled in the chapters: %v, want one warning naming no file", ds)
	}
}
