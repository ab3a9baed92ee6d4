package build

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/layout"
)

// printedPages is the page map the EPUB's page list follows: that of the
// edition epub.print_source names, or of this edition's own PDF when it
// builds one; nil for none, as an e-book with no printed edition has no
// pages to list.
func (ed *Edition) printedPages(ctx context.Context) (*doc.PageMap, error) {
	name := strings.TrimSpace(ed.cfg.EPUB.PrintSource)
	var pm doc.PageMap
	switch {
	case name == "" || name == ed.cfg.Edition:
		if !slices.Contains(ed.cfg.Formats, "pdf") {
			return nil, nil
		}
		ed.Status("waiting for the print page numbers")
		laid, err := ed.Layout()
		if err != nil {
			return nil, err
		}
		pm = laid.PageMap
	default:
		ed.Status("typesetting the " + name + " edition for its page numbers")
		src, err := ed.sourcePages(ctx, name)
		if err != nil {
			file, line, column := ed.cfg.Place("epub.print_source")
			d := diag.Errorf(file, line, "epub.print_source", "epub.print_source: %v", err)
			d.Column = column
			ed.diags.Add(d)
			return nil, errTypesetting
		}
		pm = *src
	}
	if s := strings.TrimSpace(ed.man.PrintSource); s != "" {
		pm.Source = s // the printed edition's ISBN or identifier, as the manifest gives it
	}
	if pm.Source == "" {
		pm.Source = ed.printSource()
	}
	return &pm, nil
}

// sourcePages lays out the edition named and carries its page breaks over
// to this edition's tree.
func (ed *Edition) sourcePages(ctx context.Context, name string) (*doc.PageMap, error) {
	// An edition built alongside, with the same options, lays out the
	// same pages: its own layout is taken, made once for both.
	if sib := ed.together[name]; sib != nil && !sib.failed() && slices.Contains(sib.cfg.Formats, "pdf") {
		laid, err := (&Edition{project: sib}).Layout()
		if err != nil {
			return nil, fmt.Errorf("edition %q could not be typeset: %w", name, err)
		}
		pm := translatePages(laid.PageMap, sib.book, ed.book)
		return &pm, nil
	}
	opts := ed.opts
	opts.Edition = name
	opts.capture = nil
	src, err := load(ctx, ed.env, opts, name)
	if err != nil {
		return nil, fmt.Errorf("edition %q: %w", name, err)
	}
	defer src.close()
	if src.failed() {
		return nil, fmt.Errorf("edition %q could not be loaded: %s", name, firstError(src.diags.Items()))
	}
	laid, err := layout.Layout(src.book, src.faces, src.layoutOptions())
	if err != nil {
		return nil, fmt.Errorf("edition %q could not be typeset: %w", name, err)
	}
	pm := translatePages(laid.PageMap, src.book, ed.book)
	return &pm, nil
}

func firstError(ds []diag.Diagnostic) string {
	for _, d := range ds {
		if d.Severity == diag.Error {
			return d.String()
		}
	}
	return "unknown error"
}

// entryKey names an entry the same way in two editions' trees: by its
// file, or a generated one (the sources, the index) by its ID.
func entryKey(en *doc.Entry) string {
	if en.File != "" {
		return en.File
	}
	return "\x00" + en.ID
}

// blockKey names a block the same way in two editions' trees, which are
// parsed from the same files: its entry, its kind, its line, and how many
// blocks of that kind on that line come before it.
type blockKey struct {
	entry string
	kind  string
	line  int
	nth   int
}

// blockKeys keys every block of a book, nested ones included, in reading
// order per entry.
func blockKeys(book *doc.Book) (keys map[doc.Block]blockKey, order map[*doc.Entry][]doc.Block) {
	keys = map[doc.Block]blockKey{}
	order = map[*doc.Entry][]doc.Block{}
	for _, en := range book.Chapters() {
		seen := map[blockKey]int{}
		doc.Walk(en.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
			k := blockKey{entry: entryKey(en), kind: reflect.TypeOf(b).String(), line: b.Position().Line}
			k.nth = seen[k]
			seen[k]++
			keys[b] = k
			order[en] = append(order[en], b)
			return true
		}})
	}
	return keys, order
}

// translatePages carries the page breaks of one edition's layout over to
// another edition's tree. A page that begins in a block this edition
// leaves out (the answers a students' edition omits) begins at the next
// block it keeps, or else at the start of its entry; one in an entry this
// edition leaves out is not in its page list.
func translatePages(pm doc.PageMap, from, to *doc.Book) doc.PageMap {
	fromKeys, fromOrder := blockKeys(from)
	toKeys, _ := blockKeys(to)
	byKey := map[blockKey]doc.Block{}
	for b, k := range toKeys {
		byKey[k] = b
	}
	entries := map[string]*doc.Entry{}
	for _, en := range to.Chapters() {
		entries[entryKey(en)] = en
	}
	entryOf := func(en *doc.Entry) *doc.Entry {
		if en == nil {
			return nil
		}
		return entries[entryKey(en)]
	}
	out := doc.PageMap{Source: pm.Source, Anchors: pm.Anchors}
	for _, br := range pm.Breaks {
		en := entryOf(br.Entry)
		if en == nil {
			continue
		}
		nb := doc.PageBreak{Label: br.Label, Entry: en}
		if br.Block != nil {
			if b, ok := byKey[fromKeys[br.Block]]; ok {
				nb.Block, nb.Offset = b, br.Offset
			} else {
				blocks := fromOrder[br.Entry]
				for _, later := range blocks[slices.Index(blocks, br.Block)+1:] {
					if b, ok := byKey[fromKeys[later]]; ok {
						nb.Block = b
						break
					}
				}
			}
		}
		out.Breaks = append(out.Breaks, nb)
	}
	return out
}
