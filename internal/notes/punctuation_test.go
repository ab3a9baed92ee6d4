package notes

import (
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/lang"
)

const (
	nbsp  = "\u00A0"
	thin  = "\u202F"
	frAsk = thin + "?"
)

// Each text is set in its language's punctuation: the entry's, a block's,
// a span's inside a paragraph (which keeps its own rules), a note's; code
// keeps what was typed.
func TestPunctuationByLanguage(t *testing.T) {
	fr := &doc.Paragraph{Content: []doc.Inline{txt(`Il a dit "bonjour" et 'merci' : vraiment ?`)}}
	de := &doc.Paragraph{BlockBase: doc.BlockBase{Lang: "de"}, Content: []doc.Inline{txt(`Er sagte "Guten Tag".`)}}
	mixed := &doc.Paragraph{BlockBase: doc.BlockBase{Lang: "en"}, Content: []doc.Inline{
		txt(`He wrote "`), &doc.Span{Lang: "ru", Content: []doc.Inline{txt(`"Правда"`)}}, txt(`" and `),
		&doc.Code{Text: `"x"`}, txt(` isn't French: ok?`)}}
	note := &doc.Note{Kind: doc.AnnotationNote, Lang: "en", Blocks: []doc.Block{para("", 0, txt(`An "aside"?`))}}
	e := &doc.Entry{Language: "fr", Title: []doc.Inline{txt(`L'Opposition "ouvrière"`)}, Blocks: []doc.Block{fr, de, mixed}, Notes: []*doc.Note{note}}
	book := &doc.Book{Meta: doc.Meta{Language: "en"}, Entries: []*doc.Entry{e}}
	Punctuation{SmartQuotes: true}.Book(book)
	for _, c := range []struct{ got, want string }{
		{doc.PlainText(fr.Content), "Il a dit «" + thin + "bonjour" + thin + "» et «" + thin + "merci" + thin + "»" + nbsp + ": vraiment" + frAsk},
		{doc.PlainText(de.Content), "Er sagte „Guten Tag“."},
		{doc.PlainText(mixed.Content), "He wrote “«Правда»” and \"x\" isn’t French: ok?"},
		{doc.PlainText(note.Blocks[0].(*doc.Paragraph).Content), "An “aside”?"},
		{doc.PlainText(e.Title), "L’Opposition «" + thin + "ouvrière" + thin + "»"},
	} {
		if c.got != c.want {
			t.Errorf("got  %q\nwant %q", c.got, c.want)
		}
	}
}

// Without smart quotes the marks stay as typed, and the spaces a
// language sets around punctuation are still set; a book's conventions
// change a language's.
func TestPunctuationSettings(t *testing.T) {
	conv, err := lang.NewConventions(map[string]lang.Override{"fr": {GuillemetSpace: "none", Quotes: []string{"‹ ›"}}})
	if err != nil {
		t.Fatal(err)
	}
	text := `Il a dit "oui" ?`
	for _, c := range []struct {
		p    Punctuation
		want string
	}{
		{Punctuation{}, `Il a dit "oui"` + frAsk},
		{Punctuation{SmartQuotes: true, Conventions: conv}, `Il a dit ‹oui›` + frAsk},
	} {
		p := para("", 0, txt(text))
		book := &doc.Book{Meta: doc.Meta{Language: "fr"}, Entries: []*doc.Entry{{Blocks: []doc.Block{p}}}}
		c.p.Book(book)
		if got := doc.PlainText(p.Content); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.p, got, c.want)
		}
	}
}
