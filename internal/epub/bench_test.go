package epub

import (
	"io"
	"testing"

	"github.com/samizdat-press/samizdat/internal/cover"
)

// BenchmarkWrite writes the rich book with its page map and a drawn cover.
func BenchmarkWrite(b *testing.B) {
	book, pm := richBook(plainStrings)
	validated(b, book)
	opts := Options{PageMap: pm, Fonts: testFonts(b)}
	for b.Loop() {
		if _, err := Write(io.Discard, book, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteLong writes a book of 40 chapters of 200 paragraphs each,
// with a note per paragraph, to show how writing scales.
func BenchmarkWriteLong(b *testing.B) {
	book := validated(b, longBook(40, 200))
	opts := Options{Cover: tinyCover, Fonts: testFonts(b)}
	for b.Loop() {
		if _, err := Write(io.Discard, book, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDrawCover draws a front cover: its rasterising, reducing it to
// a palette and encoding it, reported apart.
func BenchmarkDrawCover(b *testing.B) {
	set := testFonts(b)
	d := cover.Front(cover.Book{Title: "The Workers' Opposition", Subtitle: "A reader", Creators: []string{"Alexandra Kollontai"}}, set, coverWidth, coverHeight)
	b.Run("rasterize", func(b *testing.B) {
		for b.Loop() {
			if _, err := rasterize(d, set); err != nil {
				b.Fatal(err)
			}
		}
	})
	img, err := rasterize(d, set)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("palette", func(b *testing.B) {
		for b.Loop() {
			paletted(img)
		}
	})
	b.Run("whole", func(b *testing.B) {
		for b.Loop() {
			if _, err := drawDesign(d, set); err != nil {
				b.Fatal(err)
			}
		}
	})
	// type in two inks: more than 256 colours, rounded at the edges
	edition := cover.Front(cover.Book{Title: "The Workers' Opposition", Subtitle: "A reader", Edition: "Teacher's edition", Creators: []string{"Alexandra Kollontai"}}, set, coverWidth, coverHeight)
	b.Run("two-inks", func(b *testing.B) {
		for b.Loop() {
			if _, err := drawDesign(edition, set); err != nil {
				b.Fatal(err)
			}
		}
	})
}
