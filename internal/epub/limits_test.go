package epub

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/media"
)

// A picture is reduced for the e-book only within the memory the book's
// limits.image_memory allows, as for the PDF.
func TestReduceHonoursTheMemoryLimit(t *testing.T) {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 2000, 1000))); err != nil {
		t.Fatal(err)
	}
	s := newImageSet(1000, 1<<20, nil, nil, 0)
	if r := s.reduce(media.PNG, b.Bytes(), 1); r.err == nil || !strings.Contains(r.err.Error(), "more than allowed (1 MB)") {
		t.Errorf("reduced within 1 MB: %+v", r.err)
	}
	s = newImageSet(1000, 4<<20, nil, nil, 0)
	if r := s.reduce(media.PNG, b.Bytes(), 1); r.err != nil || r.width*r.height > 1000 {
		t.Errorf("not reduced within 4 MB: %v, %d × %d", r.err, r.width, r.height)
	}
}

// BenchmarkPagesOfOneLongBlock packages a paragraph of 400,000 characters
// printed over 2,000 pages, of words or one word: the cost grows with the
// paragraph and the pages, not with their product.
func BenchmarkPagesOfOneLongBlock(b *testing.B) {
	for _, text := range []string{strings.Repeat("word ", 80_000), strings.Repeat("x", 400_000)} {
		b.Run(fmt.Sprintf("%d-words", len(strings.Fields(text))), func(b *testing.B) {
			p := para(txt(text))
			book := chapterBook([]doc.Block{p})
			pm := &doc.PageMap{Source: "Print"}
			for i := range 2000 {
				pm.Breaks = append(pm.Breaks, doc.PageBreak{Label: fmt.Sprint(i + 1), Entry: book.Entries[0], Block: p, Offset: i * 200})
			}
			for b.Loop() {
				writeEPUB(b, book, Options{Cover: tinyCover, PageMap: pm})
			}
		})
	}
}
