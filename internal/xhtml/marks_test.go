package xhtml

import (
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

func TestMarkPlacer(t *testing.T) {
	para := func(s string) doc.Block { return &doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: s}}} }
	tests := []struct {
		name    string
		block   doc.Block
		offset  int
		want    int
		outside bool
	}{
		{"between words stays", para("one two three"), 4, 4, false},
		{"inside a word moves past it", para("one two three"), 5, 7, false},
		{"the rest of a hyphenated word", para("a broken-up word"), 5, 11, false},
		{"at the start", para("word"), 0, 0, false},
		{"at the end", para("word"), 4, 4, false},
		{"inside the last word goes to the end", para("last word"), 6, 9, false},
		{"past the end is clamped", para("short"), 9, 5, true},
		{"before the start is clamped", para("short"), -2, 0, true},
		{"between ideographs", para("中华人民共和国"), 3, 3, false},
		{"a code block is marked where it starts", &doc.CodeBlock{Text: "fn main() {}"}, 5, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, outside := NewMarkPlacer().Place(tt.block, tt.offset)
			if got != tt.want || outside != tt.outside {
				t.Errorf("Place(%d) = %d, outside %v; want %d, outside %v", tt.offset, got, outside, tt.want, tt.outside)
			}
		})
	}
}

// Pages breaking one after another inside one long word (a URL running
// over several pages) are all marked after it, in order.
func TestMarkPlacerLongWord(t *testing.T) {
	bl := &doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "see https://example.org/a/very/long/path now"}}}
	p := NewMarkPlacer()
	for _, off := range []int{6, 12, 20, 30} {
		if got, _, _ := p.Place(bl, off); got != 40 {
			t.Errorf("Place(%d) = %d, want 40 (after the address)", off, got)
		}
	}
	if got, _, _ := p.Place(bl, 41); got != 41 {
		t.Errorf("Place(41) = %d, want 41", got)
	}
}
