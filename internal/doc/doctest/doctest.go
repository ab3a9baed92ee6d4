// Package doctest checks what must hold of any document tree, for the
// tests of the packages that make or change trees.
package doctest

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// CheckClone clones a chapter's blocks and notes and checks that the
// clone dumps as the original does, shares no node with it (only
// pictures' assets), and that its note references point at its own notes.
func CheckClone(t testing.TB, name string, blocks []doc.Block, notes []*doc.Note) {
	t.Helper()
	cloneBlocks, cloneNotes := doc.CloneChapter(blocks, notes)
	var want, got bytes.Buffer
	doc.DumpBlocks(&want, blocks)
	doc.DumpBlocks(&got, cloneBlocks)
	for i := range cloneNotes {
		doc.DumpBlocks(&want, notes[i].Blocks)
		doc.DumpBlocks(&got, cloneNotes[i].Blocks)
	}
	if got.String() != want.String() {
		t.Errorf("%s: the clone dumps differently:\n%s\nwant\n%s", name, got.String(), want.String())
	}
	original := map[uintptr]bool{}
	pointers(reflect.ValueOf(blocks), func(p uintptr, _ reflect.Type) { original[p] = true })
	pointers(reflect.ValueOf(notes), func(p uintptr, _ reflect.Type) { original[p] = true })
	shared := func(p uintptr, typ reflect.Type) {
		// Values of no size (a Break) share one address in Go.
		if original[p] && typ != reflect.TypeOf(&doc.Asset{}) && typ.Elem().Size() > 0 {
			t.Errorf("%s: the clone shares a %v with the original", name, typ)
		}
	}
	pointers(reflect.ValueOf(cloneBlocks), shared)
	pointers(reflect.ValueOf(cloneNotes), shared)
	own := map[*doc.Note]bool{}
	for _, n := range cloneNotes {
		own[n] = true
	}
	doc.Walk(cloneBlocks, doc.Visitor{Inline: func(in doc.Inline) bool {
		if r, ok := in.(*doc.NoteRef); ok && !own[r.Note] {
			t.Errorf("%s: a note reference of the clone points at the original's note", name)
		}
		return true
	}})
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
