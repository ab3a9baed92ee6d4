package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// a5 are the sample book's print settings: A5, 10.5pt, notes at the foot.
func a5() Options {
	return Options{TrimWidth: 419.53, TrimHeight: 595.28, MarginTop: 54, MarginBottom: 57.6, MarginInner: 50.4, MarginOuter: 43.2,
		GutterAuto: true, FontSize: 10.5, Leading: 1.3, Hyphenate: true, Language: "en", RectoChapters: true,
		Front: FullFront, ContentsDepth: 1, PageMultiple: 2}
}

const sergeText = "The Workers Opposition, led by Shliapnikov, Alexandra Kollontai, and Medvedev, believed that the revolution was doomed if the Party failed to introduce radical changes in the organization of work, restore freedom and authority to the trade unions, and make an immediate turn towards establishing a true Soviet democracy. I had long discussions on this question with Shliapnikov. A former metalworker, he kept about him, even when in power, the mentality, the prejudices, and even the old clothes he had possessed as a worker. He distrusted the officials (“that multitude of scavengers”) and was sceptical about the Comintern, seeing too many parasites in it who were only hungry for money."

// sergeBook is the sample's short source: a title carrying a long
// provenance note, one paragraph with two annotations, then a chapter of
// questions. provAtEnd moves the provenance reference to the end of the
// text. paras repeats the paragraph (without notes). extra words lengthen the provenance note, so that over a
// range of them the notes overflow the page by one line, two, and so on.
func sergeBook(extra, paras int, provAtEnd bool) *doc.Book {
	provText := "Victor Serge, “Memoirs of a Revolutionary,” in an unattributed compilation on the Workers’ Opposition (an introduction followed by numbered extracts), where it is extract 2, trans. Peter Sedgwick (Oxford University Press, 1963). The translation remains in copyright. Quoted as a short extract for teaching and criticism. Extract. Written in French; the date is that of the English translation."
	if extra > 0 {
		provText += " " + strings.TrimSpace(strings.Repeat("Further detail. ", extra))
	}
	prov := &doc.Note{Kind: doc.ProvenanceNote, ID: "n-prov", Label: "*", Refs: 1, Blocks: []doc.Block{para(txt(provText))}}
	na := &doc.Note{Kind: doc.AnnotationNote, ID: "n-a", Label: "a", Refs: 1, Blocks: []doc.Block{para(txt("Shliapnikov is Serge’s spelling of Shlyapnikov, the name given in the introduction: two ways of writing the same Russian name in Latin letters."))}}
	nb := &doc.Note{Kind: doc.AnnotationNote, ID: "n-b", Label: "b", Refs: 1, Blocks: []doc.Block{para(txt("The Communist International, founded in Moscow in March 1919."))}}
	i := strings.Index(sergeText, ", believed")
	j := strings.Index(sergeText, ", seeing")
	src := &doc.Entry{ID: "serge", Kind: doc.KindSource, File: "serge.md", Title: []doc.Inline{txt("Victor Serge, Memoirs of a Revolutionary (1963)")},
		Notes: []*doc.Note{prov, na, nb},
		Blocks: []doc.Block{
			&doc.Heading{Level: 1, ID: "victor-serge", Content: []doc.Inline{txt("Victor Serge, Memoirs of a Revolutionary (1963)"), &doc.NoteRef{Note: prov}}},
			para(txt(sergeText[:i]), &doc.NoteRef{Note: na}, txt(sergeText[i:j]), &doc.NoteRef{Note: nb}, txt(sergeText[j:])),
		}}
	if provAtEnd {
		// as when the note is referenced from the text's last words
		h := src.Blocks[0].(*doc.Heading)
		h.Content = h.Content[:1]
		p := src.Blocks[1].(*doc.Paragraph)
		p.Content = append(p.Content, &doc.NoteRef{Note: prov})
	}
	for k := 1; k < paras; k++ {
		src.Blocks = append(src.Blocks, para(txt(sergeText)))
	}
	qs := &doc.Entry{ID: "questions", Kind: doc.KindChapter, File: "questions.md", Title: []doc.Inline{txt("Questions for discussion")},
		Blocks: []doc.Block{para(txt("According to the introduction, what did Kollontai’s pamphlet call for?"))}}
	return &doc.Book{Meta: doc.Meta{Title: "The Workers’ Opposition, 1921", Language: "en"},
		Entries: []*doc.Entry{{ID: "sources", Kind: doc.KindPart, Title: []doc.Inline{txt("Sources")}, Children: []*doc.Entry{src}}, qs}}
}

// noteLines counts the text lines of a part of a note.
func noteLines(c chunk) int {
	n := 0
	for _, l := range c.nf.lines[c.from:c.to] {
		if !l.space {
			n++
		}
	}
	return n
}

// checkNoteSplits asserts that a note split across pages leaves at least
// two of its lines on each, and that no page holds notes without text
// unless the notes carried to it fill most of its foot.
func checkNoteSplits(t *testing.T, d *Document, infos []pageInfo, opts Options) {
	t.Helper()
	g, _ := newGeom(opts, opts.Gutter)
	for pi, inf := range infos {
		body := false
		for _, el := range inf.placed {
			if !el.space {
				body = true
			}
		}
		footH := 0.0
		for _, c := range inf.foot {
			footH += c.height()
			if c.from == 0 && c.to == len(c.nf.lines) {
				continue
			}
			if n := noteLines(c); n < 2 {
				t.Errorf("page %s: note %s split, %d line of it here (lines %d–%d of %d)", d.Pages[pi].Label, c.nf.note.Label, n, c.from, c.to, len(c.nf.lines))
			}
		}
		if !body && len(inf.foot) > 0 && footH < 0.5*g.textH {
			t.Errorf("page %s holds only %.0fpt of notes", d.Pages[pi].Label, footH)
		}
	}
}

// TestNoteSplitSample: the sample's Serge source, its provenance note
// lengthened a sentence at a time. Whatever the overflow, no page holds a
// lone line of a note, nor only the rest of a note.
func TestNoteSplitSample(t *testing.T) {
	for _, atEnd := range []bool{false, true} {
		for extra := 0; extra <= 40; extra++ {
			t.Run(fmt.Sprint(atEnd, extra), func(t *testing.T) {
				checkBook(t, sergeBook(extra, 1, atEnd), realFonts(t), a5())
			})
		}
	}
}

// TestTitleNoteOnOpeningPage: the provenance note marked on a long
// source's title prints at the foot of the opening page, not at the end of
// the source.
func TestTitleNoteOnOpeningPage(t *testing.T) {
	b := sergeBook(0, 8, false)
	checkBook(t, b, realFonts(t), a5())
}
