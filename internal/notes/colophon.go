package notes

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// colophon is the copyright-page text: the rights, the edition, how and
// when this copy was made, and one SHA-256 standing for every file it was
// made from, with the list of their own (here, or at the end of a book made
// from more than a handful), so a printed packet can be traced to its
// exact inputs.
func (r *resolver) colophon(inputs []inputFile) []doc.Block {
	var out []doc.Block
	para := func(in ...doc.Inline) {
		out = append(out, &doc.Paragraph{Content: in})
	}
	if rights := strings.TrimSpace(r.book.Meta.Rights); rights != "" {
		para(&doc.Text{Text: rights})
	}
	b := r.in.Build
	edTitle := firstNonEmpty(b.EditionTitle, r.book.Meta.EditionTitle)
	edName := firstNonEmpty(b.Edition, r.book.Meta.Edition)
	switch {
	case edTitle != "" && edName != "" && edTitle != edName:
		para(&doc.Text{Text: "Edition: " + edTitle + " (" + edName + ")."})
	case edTitle != "" || edName != "":
		para(&doc.Text{Text: "Edition: " + firstNonEmpty(edTitle, edName) + "."})
	}
	made := "Made with samizdat"
	if v := strings.TrimSpace(b.Version); v != "" {
		made += " " + v
	}
	date := b.Date
	if date.IsZero() {
		date = r.book.Meta.Modified
	}
	if !date.IsZero() {
		made += " on " + date.UTC().Format("2006-01-02")
	}
	para(&doc.Text{Text: made + "."})
	if d := strings.TrimSpace(b.ConfigDigest); d != "" {
		para(&doc.Text{Text: "Configuration digest "}, &doc.Code{Text: d[:min(12, len(d))]}, &doc.Text{Text: "."})
	}
	if len(inputs) > 0 {
		items := inputItems(inputs)
		made := fmt.Sprintf("Made from %d files, listed with their SHA-256", len(inputs))
		if len(inputs) == 1 {
			made = "Made from one file, listed with its SHA-256"
		}
		if grouped(items) {
			made += " (the files a chapter includes together, by the digest of their list)"
		}
		if len(items) > handful {
			made += " under “" + inputsTitle + "” at the end of the book."
		} else {
			made += " below."
		}
		para(&doc.Text{Text: made + " Digest of the list ("}, &doc.Code{Text: "sha256sum"},
			&doc.Text{Text: "’s, in book order): "}, &doc.Code{Text: groupDigest(listDigest(inputs))}, &doc.Text{Text: "."})
		if len(items) <= handful {
			out = append(out, inputList(items))
		}
	}
	return out
}

// handful is the most input files the copyright page lists one by one; a
// book made from more lists them at its end, in the entry inputsTitle.
const handful = 8

const inputsTitle = "Files this edition was made from"

// inputsID is the ID of that entry, and its file's name, one a book's own
// chapter is unlikely to have.
const inputsID = "edition-inputs"

// listDigest is the hex SHA-256 of the lines sha256sum prints for the
// inputs ("<digest>  <path>"), so `sha256sum FILES | sha256sum` in the book
// folder checks a copy's digest in one line.
func listDigest(inputs []inputFile) string {
	h := sha256.New()
	for _, f := range inputs {
		digest := f.digest
		if digest == "" {
			digest = "unknown"
		}
		fmt.Fprintf(h, "%s  %s\n", digest, f.path)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// inputItems are the entries listing the inputs: a file each, except
// that the files a chapter's includes read first, when there are more than
// one, are one entry after it. The Rust book's chapters include 669
// listings; a line and a digest each would be 80 pages of hashes.
func inputItems(inputs []inputFile) [][]inputFile {
	var items [][]inputFile
	for i := 0; i < len(inputs); {
		j := i + 1
		if by := inputs[i].by; by != "" {
			for j < len(inputs) && inputs[j].by == by {
				j++
			}
		}
		items = append(items, inputs[i:j:j])
		i = j
	}
	return items
}

// grouped reports whether an entry of items stands for several files.
func grouped(items [][]inputFile) bool {
	return slices.ContainsFunc(items, func(it []inputFile) bool { return len(it) > 1 })
}

// inputList lists each input with its SHA-256, and the files a chapter's
// includes read as the chapter, how many, where, and the SHA-256 of the
// lines sha256sum prints for them: one digest a reader with the files
// recomputes as the README says.
func inputList(items [][]inputFile) *doc.List {
	list := &doc.List{Tight: true}
	for _, it := range items {
		var in []doc.Inline
		digest := "unknown"
		if len(it) == 1 {
			if it[0].digest != "" {
				digest = groupDigest(it[0].digest)
			}
			in = append(in, &doc.Code{Text: it[0].path})
		} else {
			digest = groupDigest(listDigest(it))
			// a line each for the chapter, the count and the folders: the
			// long names break less, and no short line is spaced out
			in = append(in, &doc.Code{Text: it[0].by}, &doc.Break{}, &doc.Text{Text: fmt.Sprintf("includes %d files, in", len(it))})
			folders := foldersOf(it)
			if slices.ContainsFunc(folders, func(in doc.Inline) bool { _, ok := in.(*doc.Code); return ok }) {
				in = append(in, &doc.Break{})
			} else {
				in = append(in, &doc.Text{Text: " "})
			}
			in = append(in, folders...)
		}
		in = append(in, &doc.Break{}, &doc.Code{Text: digest})
		list.Items = append(list.Items, &doc.ListItem{Blocks: []doc.Block{&doc.Paragraph{Content: in}}})
	}
	return list
}

// fewFolders is the most folders an entry of included files names; files
// spread wider are said to be in so many folders.
const fewFolders = 3

// foldersOf names the folders files are in: the one holding them all, or
// a few, each the deepest holding its share, or else how many there are.
func foldersOf(files []inputFile) []doc.Inline {
	var dirs [][]string
	seen := map[string]bool{}
	for _, f := range files {
		d := path.Dir(f.path)
		if seen[d] {
			continue
		}
		seen[d] = true
		if d == "." {
			dirs = append(dirs, nil)
		} else {
			dirs = append(dirs, strings.Split(d, "/"))
		}
	}
	named := coverFolders(dirs)
	if len(named) > fewFolders {
		return []doc.Inline{&doc.Text{Text: fmt.Sprintf("%d folders", len(dirs))}}
	}
	var out []doc.Inline
	for i, d := range named {
		switch {
		case i == 0:
		case i == len(named)-1:
			out = append(out, &doc.Text{Text: " and "})
		default:
			out = append(out, &doc.Text{Text: ", "})
		}
		if len(d) == 0 {
			out = append(out, &doc.Text{Text: "the book folder"})
		} else {
			out = append(out, &doc.Code{Text: strings.Join(d, "/") + "/"})
		}
	}
	return out
}

// coverFolders is the fewest folders holding dirs (paths split at their
// slashes, cleaned, so ".." only leads) that each say where they are: the
// deepest holding them all, unless that is the book folder or only climbs
// out of it (".."), which hold files of any chapter, and no file is in it
// itself; then the cover of each share that parts there, in the order
// first seen. The book folder does not hold what climbs out of it.
func coverFolders(dirs [][]string) [][]string {
	common := dirs[0]
	for _, d := range dirs[1:] {
		n := 0
		for n < len(common) && n < len(d) && common[n] == d[n] {
			n++
		}
		common = common[:n]
	}
	named := slices.ContainsFunc(common, func(c string) bool { return c != ".." })
	climbs, in := false, false
	for _, d := range dirs {
		climbs = climbs || len(d) > len(common) && d[len(common)] == ".."
		in = in || len(d) == len(common)
	}
	if !climbs && (named || in) {
		return [][]string{common}
	}
	var order []string
	shares := map[string][][]string{}
	for _, d := range dirs {
		k := "" // the files in common itself
		if len(d) > len(common) {
			k = d[len(common)]
		}
		if shares[k] == nil {
			order = append(order, k)
		}
		shares[k] = append(shares[k], d)
	}
	var out [][]string
	for _, k := range order {
		out = append(out, coverFolders(shares[k])...)
	}
	return out
}

// addInputsEntry lists the inputs of a book made from more than a handful
// of files in a back-matter entry of its own, so the copyright page stays
// one page.
func (r *resolver) addInputsEntry(inputs []inputFile) {
	items := inputItems(inputs)
	if len(items) <= handful {
		return
	}
	h := &doc.Heading{Level: 1, Content: textInlines(inputsTitle)}
	h.ID = r.ids.unique(nameSlug(inputsTitle))
	intro := []doc.Inline{&doc.Text{Text: "The SHA-256 of each file this edition was made from, in book order, relative to the book folder."}}
	if grouped(items) {
		intro = append(intro, &doc.Text{Text: " The files a chapter includes that no chapter before it included follow it as one entry, with the SHA-256 of the lines "},
			&doc.Code{Text: "sha256sum"}, &doc.Text{Text: " prints for them in the order they are first included."})
	}
	e := &doc.Entry{
		ID:        inputsID,
		Kind:      doc.KindBackMatter,
		Title:     textInlines(inputsTitle),
		Blocks:    []doc.Block{h, &doc.Paragraph{Content: intro}, inputList(items)},
		Generated: true,
	}
	// before the index, which ends a book
	at := len(r.book.Entries)
	if at > 0 && r.book.Entries[at-1].Role == doc.RoleIndex {
		at--
	}
	r.book.Entries = slices.Insert(r.book.Entries, at, e)
}

// inputFiles lists the files this edition was made from: the manifest,
// its entries' files in book order, each followed by the files its
// includes read that are not listed yet, the pictures in the order they
// first appear, then the annotation, bibliography and index files.
func (r *resolver) inputFiles() []inputFile {
	var out []inputFile
	if r.in.Manifest != "" {
		out = append(out, inputFile{path: r.in.Manifest, digest: strings.ToLower(r.in.ManifestDigest)})
	}
	listed := map[string]bool{}
	entries := r.entries()
	if r.notesOnly != nil {
		// the pages whose notes were taken are read, though not printed
		kept := map[*doc.Entry]bool{}
		for _, e := range entries {
			kept[e] = true
		}
		entries = nil
		for _, e := range r.readingOrder {
			if kept[e] || r.notesOnly[e] {
				entries = append(entries, e)
			}
		}
	}
	for _, e := range entries {
		if e.File == "" || e.Generated {
			continue
		}
		if !listed[e.File] { // not included by a chapter before it
			out = append(out, inputFile{path: e.File, digest: strings.ToLower(e.Digest)})
			listed[e.File] = true
		}
		for _, f := range e.Included {
			if !listed[f.Path] {
				listed[f.Path] = true
				out = append(out, inputFile{path: f.Path, digest: strings.ToLower(f.Digest), by: e.File})
			}
		}
	}
	seen := map[string]bool{}
	doc.WalkImages(r.entries(), func(img *doc.Image) {
		if img.Asset == nil || img.Asset.Path == "" || img.Asset.Digest == "" || seen[img.Asset.Path] {
			return
		}
		seen[img.Asset.Path] = true
		out = append(out, inputFile{path: img.Asset.Path, digest: img.Asset.Digest})
	})
	return append(out, r.inputs...)
}

// groupDigest writes a digest in groups of eight, so the full value fits a
// printed line and can be compared by eye; the groups run together again
// read as the digest sha256sum prints.
func groupDigest(d string) string {
	var groups []string
	for len(d) > 8 {
		groups = append(groups, d[:8])
		d = d[8:]
	}
	return strings.Join(append(groups, d), " ")
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x = strings.TrimSpace(x); x != "" {
			return x
		}
	}
	return ""
}
