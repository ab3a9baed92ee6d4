package layout

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// partsBook has parts of the given number of chapters each, every other chapter with a
// title too long for one line of the contents.
func partsBook(parts, chapters int) *doc.Book {
	b := &doc.Book{Meta: doc.Meta{Title: "Parts", Language: "en"}}
	for p := 0; p < parts; p++ {
		part := &doc.Entry{ID: fmt.Sprintf("part-%d", p), Kind: doc.KindPart, Title: []doc.Inline{txt(fmt.Sprintf("Part %d", p+1))}}
		for c := 0; c < chapters; c++ {
			title := fmt.Sprintf("Chapter %d.%d", p+1, c+1)
			if c%2 == 0 {
				title += ", whose title goes on long enough to need a second line in the contents"
			}
			part.Children = append(part.Children, &doc.Entry{ID: fmt.Sprintf("ch-%d-%d", p, c), Kind: doc.KindChapter, Title: []doc.Inline{txt(title)}, Blocks: []doc.Block{para(txt(lorem))}})
		}
		b.Entries = append(b.Entries, part)
	}
	return b
}

// contentsRows gives, per front page, the contents lines as link rects
// with their anchors, top to bottom.
func contentsRows(d *Document) map[int][]*Link {
	rows := map[int][]*Link{}
	for pi, p := range d.Pages {
		if p.Label == "1" {
			break
		}
		for _, it := range p.Items {
			if l, ok := it.(*Link); ok && l.Anchor != "" {
				rows[pi] = append(rows[pi], l)
			}
		}
		sort.Slice(rows[pi], func(a, b int) bool { return rows[pi][a].Y < rows[pi][b].Y })
	}
	return rows
}

// lineStart is the left edge of the text inside a contents line's rect.
func lineStart(p *Page, l *Link) float64 {
	x := math.Inf(1)
	for _, it := range p.Items {
		if tx, ok := it.(*Text); ok && tx.Y > l.Y && tx.Y < l.Y+l.H {
			x = math.Min(x, tx.X)
		}
	}
	return x
}

// TestContentsParts: a part's line never ends a contents page (its first
// chapter follows it), and long titles wrap with a hanging indent, the
// page number on their last line.
func TestContentsParts(t *testing.T) {
	o := a5()
	m := realFonts(t)
	pagesSeen := 0
	for n := 0; n < 30; n++ {
		parts, chapters := 4+n/3, 2+n%3
		t.Run(fmt.Sprint(parts, "x", chapters), func(t *testing.T) {
			d := checkBook(t, partsBook(parts, chapters), m, o)
			rows := contentsRows(d)
			for pi, ls := range rows {
				if len(ls) > 0 && strings.HasPrefix(ls[len(ls)-1].Anchor, "part-") {
					t.Errorf("page %s ends with the line of %s", d.Pages[pi].Label, ls[len(ls)-1].Anchor)
				}
				if len(ls) > 0 && pi > 0 && len(rows[pi-1]) > 0 {
					pagesSeen++
				}
				for k := 1; k < len(ls); k++ {
					if ls[k].Anchor != ls[k-1].Anchor {
						continue
					}
					first, next := lineStart(d.Pages[pi], ls[k-1]), lineStart(d.Pages[pi], ls[k])
					if next < first+0.5*o.FontSize {
						t.Errorf("page %s: %s continues at %.1f, its first line at %.1f: want a hanging indent", d.Pages[pi].Label, ls[k].Anchor, next, first)
					}
				}
			}
		})
	}
	if pagesSeen == 0 {
		t.Error("no contents ran over a page")
	}
}
