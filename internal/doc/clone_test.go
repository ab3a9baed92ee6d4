package doc_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
)

// A clone dumps as the original does, shares no node with it (only
// pictures' assets), and its note references point at its own notes.
func TestCloneChapter(t *testing.T) {
	files, err := filepath.Glob("../markdown/testdata/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Markdown test files: %v", err)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		ch, err := markdown.Parse(src, filepath.Base(file))
		if err != nil {
			continue // a file of errors has no tree to keep
		}
		checkClone(t, file, ch.Blocks, ch.Notes)
	}
	// The index is made by the resolve pass, not the parser.
	term := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Text: s}} }
	index := &doc.Index{Groups: []*doc.IndexGroup{{Label: "K", Entries: []*doc.IndexEntry{{
		ID: "ix-k", Term: term("Kronstadt"), Locators: []doc.IndexLocator{{Entry: "a", Anchor: "x"}},
		See: []doc.IndexRef{{Term: term("rising"), ID: "ix-r"}}, SeeAlso: []doc.IndexRef{{Term: term("navy")}},
		Sub: []*doc.IndexEntry{{ID: "ix-k2", Term: term("sailors"), Locators: []doc.IndexLocator{{Entry: "a"}}}},
	}}}}}
	checkClone(t, "an index", []doc.Block{index}, nil)
}

func checkClone(t *testing.T, file string, origBlocks []doc.Block, origNotes []*doc.Note) {
	t.Helper()
	ch := struct {
		Blocks []doc.Block
		Notes  []*doc.Note
	}{origBlocks, origNotes}
	{
		blocks, notes := doc.CloneChapter(ch.Blocks, ch.Notes)
		var want, got bytes.Buffer
		doc.DumpBlocks(&want, ch.Blocks)
		doc.DumpBlocks(&got, blocks)
		for i := range notes {
			doc.DumpBlocks(&want, ch.Notes[i].Blocks)
			doc.DumpBlocks(&got, notes[i].Blocks)
		}
		if got.String() != want.String() {
			t.Errorf("%s: the clone dumps differently:\n%s\nwant\n%s", file, got.String(), want.String())
		}
		original := map[uintptr]bool{}
		pointers(reflect.ValueOf(ch.Blocks), func(p uintptr, _ reflect.Type) { original[p] = true })
		pointers(reflect.ValueOf(ch.Notes), func(p uintptr, _ reflect.Type) { original[p] = true })
		shared := func(p uintptr, typ reflect.Type) {
			// Values of no size (a Break) share one address in Go.
			if original[p] && typ != reflect.TypeOf(&doc.Asset{}) && typ.Elem().Size() > 0 {
				t.Errorf("%s: the clone shares a %v with the original", file, typ)
			}
		}
		pointers(reflect.ValueOf(blocks), shared)
		pointers(reflect.ValueOf(notes), shared)
		own := map[*doc.Note]bool{}
		for _, n := range notes {
			own[n] = true
		}
		doc.Walk(blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
			if r, ok := in.(*doc.NoteRef); ok && !own[r.Note] {
				t.Errorf("%s: a note reference of the clone points at the original's note", file)
			}
			return true
		}})
	}
}

// pointers calls f with every pointer, and every slice's backing array,
// reachable from v.
func pointers(v reflect.Value, f func(uintptr, reflect.Type)) {
	seen := map[uintptr]bool{}
	var visit func(v reflect.Value)
	visit = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			f(v.Pointer(), v.Type())
			visit(v.Elem())
		case reflect.Interface:
			if !v.IsNil() {
				visit(v.Elem())
			}
		case reflect.Slice:
			if v.IsNil() {
				return
			}
			if v.Len() > 0 && v.Type().Elem().Kind() != reflect.Uint8 {
				f(v.Pointer(), v.Type())
			}
			for i := 0; i < v.Len(); i++ {
				visit(v.Index(i))
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				visit(v.Field(i))
			}
		}
	}
	visit(v)
}
