package doc_test

import (
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/doc/doctest"
)

// A clone dumps as the original does, shares no node with it (only
// pictures' assets), and its note references point at its own notes. The
// parser's trees are cloned by the markdown package's golden test; the
// index, made by the resolve pass, is cloned here.
func TestCloneIndex(t *testing.T) {
	term := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Text: s}} }
	index := &doc.Index{Groups: []*doc.IndexGroup{{Label: "K", Entries: []*doc.IndexEntry{{
		ID: "ix-k", Term: term("Kronstadt"), Locators: []doc.IndexLocator{{Entry: "a", Anchor: "x"}},
		See: []doc.IndexRef{{Term: term("rising"), ID: "ix-r"}}, SeeAlso: []doc.IndexRef{{Term: term("navy")}},
		Sub: []*doc.IndexEntry{{ID: "ix-k2", Term: term("sailors"), Locators: []doc.IndexLocator{{Entry: "a"}}}},
	}}}}}
	doctest.CheckClone(t, "an index", []doc.Block{index}, nil)
}
