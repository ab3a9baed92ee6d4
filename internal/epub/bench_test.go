package epub

import (
	"io"
	"testing"
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
