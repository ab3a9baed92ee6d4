package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/doc/doctest"
	"github.com/samizdat-press/samizdat/internal/filetest"
)

// dumpChapter writes the outline of a parsed chapter: doc.DumpBlocks of the
// blocks and of each note, then where each block starts and which note each
// reference points to, then the warnings.
func dumpChapter(ch *Chapter) string {
	var b bytes.Buffer
	// The resolve pass numbers notes; until then name them after their
	// labels so references are readable in the dump.
	for _, n := range ch.Notes {
		n.ID = "fn:" + n.Name
	}
	doc.DumpBlocks(&b, ch.Blocks)
	for _, n := range ch.Notes {
		fmt.Fprintf(&b, "note [^%s] %s line=%d refs=%d\n", n.Name, n.Kind, n.Pos.Line, n.Refs)
		var nb bytes.Buffer
		doc.DumpBlocks(&nb, n.Blocks)
		for _, l := range strings.SplitAfter(nb.String(), "\n") {
			if l != "" {
				b.WriteString("  " + l)
			}
		}
	}
	b.WriteString("-- positions\n")
	var where func(blocks []doc.Block, depth int)
	where = func(blocks []doc.Block, depth int) {
		for _, bl := range blocks {
			fmt.Fprintf(&b, "%s%s %s\n", strings.Repeat("  ", depth), strings.TrimPrefix(fmt.Sprintf("%T", bl), "*doc."), bl.Position())
			where(doc.BlockChildren(bl), depth+1)
		}
	}
	where(ch.Blocks, 0)
	for _, n := range ch.Notes {
		fmt.Fprintf(&b, "note [^%s] %s\n", n.Name, n.Pos)
		where(n.Blocks, 1)
	}
	var refs []string
	visit := func(blocks []doc.Block) {
		doc.Walk(blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
			if r, ok := in.(*doc.NoteRef); ok {
				refs = append(refs, fmt.Sprintf("%s#%d", r.Note.Name, r.Index))
			}
			return true
		}})
	}
	visit(ch.Blocks)
	for _, n := range ch.Notes {
		visit(n.Blocks)
	}
	if len(refs) > 0 {
		fmt.Fprintf(&b, "-- note references\n%s\n", strings.Join(refs, " "))
	}
	if ch.Front != (FrontMatter{}) {
		fmt.Fprintf(&b, "-- front matter\ntitle=%q line=%d lang=%q\n", ch.Front.Title, ch.Front.TitleLine, ch.Front.Language)
	}
	if len(ch.Warnings) > 0 {
		b.WriteString("-- warnings\n")
		for _, w := range warningLines(ch.Warnings) {
			b.WriteString(w + "\n")
		}
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden inputs in testdata")
	}
	// R Markdown, read with bookdown's extensions
	rmd, _ := filepath.Glob("testdata/*.Rmd")
	files = append(files, rmd...)
	p := New()
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, filepath.Ext(name)), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ch, err := p.Parse(src, name)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, ch, src)
			doctest.CheckClone(t, name, ch.Blocks, ch.Notes)
			got := dumpChapter(ch)
			golden := strings.TrimSuffix(file, filepath.Ext(file)) + ".golden"
			filetest.Golden(t, golden, []byte(got))
		})
	}
}

// parseFile reads file and parses it with p as the chapter name, checking
// the tree's invariants and that it clones whole.
func parseFile(t *testing.T, p *Parser, file, name string) *Chapter {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := p.Parse(src, name)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, ch, src)
	doctest.CheckClone(t, name, ch.Blocks, ch.Notes)
	return ch
}
