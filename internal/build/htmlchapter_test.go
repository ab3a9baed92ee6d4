package build

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// HTML chapters build beside Markdown ones: titled by their heading or
// their <title>, in their own language, the notes of the chapter of
// notes their references lead to taken as their own footnotes, and the
// chapter of notes, left empty, left out.
func TestHTMLChapters(t *testing.T) {
	t.Parallel()
	dir := writeFolder(t, map[string]string{
		"book/manifest.yaml": "title: T\nlanguage: en\nchapters: [intro.md, chapter-1.xhtml, page.html, endnotes.xhtml]\n",
		"book/intro.md":      "# Introduction\n\nRead [the first chapter](chapter-1.xhtml).\n",
		"book/chapter-1.xhtml": `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en-GB">
<head><title>I: Bourgeois and Proletarians</title></head>
<body><section id="chapter-1" epub:type="chapter">
<hgroup><h2>I</h2><p>Bourgeois and Proletarians<a href="endnotes.xhtml#note-1" id="noteref-1" epub:type="noteref">1</a></p></hgroup>
<p>The history of all hitherto existing society is the history of class struggles.</p>
</section></body></html>
`,
		"book/page.html":      "<!DOCTYPE html><html lang=de><head><title>Manifest</title></head><body><p>Ein Gespenst geht um in Europa.</p></body></html>",
		"book/endnotes.xhtml": `<html><head><title>Endnotes</title></head><body><section epub:type="endnotes"><h2>Endnotes</h2><ol><li id="note-1"><p>A note. <a href="chapter-1.xhtml#noteref-1" epub:type="backlink">back</a></p></li></ol></section></body></html>`,
	})
	r := runCheck(t, dir, Options{Flags: map[string]string{}, FlagOrigins: map[string]string{}}, false)
	if got := problemLines(r.stderr.String()); len(got) > 0 || r.err != nil {
		t.Fatalf("problems: %v\n%s", r.err, strings.Join(got, "\n"))
	}
	var stdout, stderr bytes.Buffer
	p, err := load(context.Background(), testEnv(dir, &stdout, &stderr), Options{}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	var titles, langs []string
	for _, e := range p.book.Chapters() {
		titles = append(titles, e.TitleText())
		langs = append(langs, e.Language)
	}
	if want := []string{"Introduction", "I Bourgeois and Proletarians", "Manifest"}; !slices.Equal(titles, want) {
		t.Errorf("titles %q, want %q", titles, want)
	}
	if want := []string{"", "en-GB", "de"}; !slices.Equal(langs, want) {
		t.Errorf("languages %q, want %q", langs, want)
	}
	var notes []string
	for _, n := range p.book.Chapters()[1].Notes {
		if n.Kind == doc.FootnoteNote {
			notes = append(notes, n.Label+" "+doc.BlockText(n.Blocks[0]))
		}
	}
	if want := []string{"1 A note."}; !slices.Equal(notes, want) {
		t.Errorf("the chapter's footnotes %q, want %q", notes, want)
	}
}
