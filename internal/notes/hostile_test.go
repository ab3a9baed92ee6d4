package notes

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// manyAnnotations is a book of one paragraph of n distinct words in one
// Text node, with an annotation on every word; every tenth is scoped to
// its chapter by file, and a last chapter holds only a repeated word.
func manyAnnotations(n int) (*doc.Book, Input) {
	words := make([]string, n)
	var yaml strings.Builder
	for i := range words {
		words[i] = fmt.Sprintf("w%dx", i)
		fmt.Fprintf(&yaml, "- quote: %s\n  note: On %s.\n", words[i], words[i])
		if i%10 == 0 {
			yaml.WriteString("  chapter: a.md\n")
		}
	}
	yaml.WriteString("- quote: again\n  note: Twice.\n")
	book := &doc.Book{Entries: []*doc.Entry{
		chapter("a.md", heading("a.md", 1, 1, "a", txt("A")), para("a.md", 3, txt(strings.Join(words, " ")+"."))),
		chapter("b.md", heading("b.md", 1, 1, "b", txt("B")), para("b.md", 3, txt("again and again"))),
	}}
	return book, Input{
		FS:              fstest.MapFS{"notes.yaml": {Data: []byte(yaml.String())}},
		AnnotationFiles: []string{"notes.yaml"},
		ParseMarkdown:   fakeMarkdown,
		Options:         Options{Annotations: true},
	}
}

// Thousands of annotations in one paragraph are found in one pass and
// their markers inserted in one rebuild of the paragraph: each right after
// its word, in order, the text cut around them unchanged.
func TestManyAnnotations(t *testing.T) {
	const n = 5000
	book, in := manyAnnotations(n)
	_, err := Resolve(book, in)
	problems := diag.FromError(err)
	if len(problems) != 1 || !strings.Contains(problems[0].Error(), `quote "again" found 2 times (b.md:3, b.md:3)`) {
		t.Fatalf("problems %v; want only the repeated quote", problems)
	}
	content := book.Entries[0].Blocks[1].(*doc.Paragraph).Content
	if len(content) != 2*n+1 {
		t.Fatalf("%d inlines, want %d texts and markers", len(content), 2*n+1)
	}
	var text strings.Builder
	for i, in := range content {
		switch in := in.(type) {
		case *doc.Text:
			text.WriteString(in.Text)
		case *doc.NoteRef:
			if want := fmt.Sprintf("w%dx", i/2); in.Note.Name != want || !strings.HasSuffix(text.String(), want) {
				t.Fatalf("marker %d is %q after %q, want %q", i/2, in.Note.Name, text.String()[max(0, text.Len()-10):], want)
			}
		}
	}
	if want := strings.Join(strings.Fields(doc.BlockText(&doc.Paragraph{Content: content})), " "); text.String() != want {
		t.Errorf("text changed")
	}
}

// Several markers in one text node at one place keep annotation order.
func TestMarkersAtOnePlace(t *testing.T) {
	book := &doc.Book{Entries: []*doc.Entry{chapter("a.md", heading("a.md", 1, 1, "a", txt("A")), para("a.md", 3, txt("one two three")))}}
	yaml := "- quote: two\n  note: B.\n- quote: one two\n  note: A.\n- quote: three\n  note: C.\n- quote: ne two\n  note: D.\n"
	_, err := Resolve(book, Input{FS: fstest.MapFS{"n.yaml": {Data: []byte(yaml)}}, AnnotationFiles: []string{"n.yaml"},
		ParseMarkdown: fakeMarkdown, Options: Options{Annotations: true}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range book.Entries[0].Blocks[1].(*doc.Paragraph).Content {
		switch in := in.(type) {
		case *doc.Text:
			got = append(got, in.Text)
		case *doc.NoteRef:
			got = append(got, "^"+in.Note.Name)
		}
	}
	if want := "one two|^two|^one two|^ne two| three|^three"; strings.Join(got, "|") != want {
		t.Errorf("got %s, want %s", strings.Join(got, "|"), want)
	}
}

// BenchmarkManyAnnotations resolves 30,000 annotations in one paragraph:
// linear in their number.
func BenchmarkManyAnnotations(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		book, in := manyAnnotations(30_000)
		b.StartTimer()
		if _, err := Resolve(book, in); len(diag.FromError(err)) != 1 {
			b.Fatal(err)
		}
	}
}
