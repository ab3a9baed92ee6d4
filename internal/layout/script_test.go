package layout

import (
	"slices"
	"testing"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestRightToLeftScripts: Hebrew and Thaana are set; right-to-left text
// of another script is refused, with metrics that do not shape (Arabic,
// Syriac) as with any (Old South Arabian), with one error per script and
// chapter, naming it. A lone letter, which reads the same either way, is
// set.
func TestRightToLeftScripts(t *testing.T) {
	at := func(line int) doc.BlockBase { return doc.BlockBase{Pos: doc.Pos{File: "he.md", Line: line}} }
	ch := &doc.Entry{ID: "he", Kind: doc.KindChapter, File: "he.md", Title: []doc.Inline{txt("Greetings")}, Blocks: []doc.Block{
		&doc.Paragraph{BlockBase: at(3), Content: []doc.Inline{txt("The letter ܐ alone, and ﭏ.")}},
		&doc.Paragraph{BlockBase: at(5), Content: []doc.Inline{txt("Shalom: שָׁלוֹם עולם, and salaam: سلام.")}},
		&doc.Paragraph{BlockBase: at(7), Content: []doc.Inline{txt("Shlama: ܫܠܡܐ, and ܫܠܡܐ again.")}},
		&doc.Paragraph{BlockBase: at(9), Content: []doc.Inline{txt("A rare letter: بݐب, and 𐩪𐩡𐩬.")}},
		// Thaana (glibc's dv_MV locale: Sunday, Monday) is set
		&doc.Paragraph{BlockBase: at(11), Content: []doc.Inline{txt("Days: އާދީއްތަ، ހޯމަ.")}},
	}}
	d, err := Layout(&doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{ch}}, fixedMetrics{}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range d.Warnings {
		if w.Code == "script.rtl" || w.Code == "script.shaping" {
			if w.Severity != diag.Error {
				t.Errorf("%s is not an error", w)
			}
			got = append(got, w.Error())
		}
	}
	want := []string{
		`he.md:5: Arabic text ("سلام") cannot be set in the PDF: its letters join, and the fonts' metrics shape no text; it would print wrongly`,
		`he.md:7: Syriac text ("ܫܠܡܐ") cannot be set in the PDF: its letters join, and the fonts' metrics shape no text; it would print wrongly`,
		`he.md:9: Old South Arabian text ("𐩪𐩡𐩬") cannot be set in the PDF: the typesetter sets right-to-left text in Hebrew, Arabic, Syriac, Thaana, N'Ko and a few other scripts, but not yet in Old South Arabian; it would print wrongly`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestShapedScriptsRefused: Devanagari with vowel signs would print with
// its signs in the wrong place; it is refused, once per chapter. Letters
// without signs are set.
func TestShapedScriptsRefused(t *testing.T) {
	at := func(line int) doc.BlockBase { return doc.BlockBase{Pos: doc.Pos{File: "hi.md", Line: line}} }
	ch := &doc.Entry{ID: "hi", Kind: doc.KindChapter, File: "hi.md", Title: []doc.Inline{txt("Hindi")}, Blocks: []doc.Block{
		&doc.Paragraph{BlockBase: at(2), Content: []doc.Inline{txt("Letters कमल alone.")}},
		&doc.Paragraph{BlockBase: at(4), Content: []doc.Inline{txt("The word हिन्दी, and नमस्ते.")}},
	}}
	d, err := Layout(&doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{ch}}, fixedMetrics{}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range d.Warnings {
		if w.Code == "script.shaping" && w.Severity == diag.Error {
			got = append(got, w.Error())
		}
	}
	want := []string{`hi.md:4: Devanagari text ("हिन्दी") cannot be set in the PDF: its vowel signs and conjuncts must be reordered and joined, which the typesetter cannot yet do; it would print wrongly`}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
