package notes

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
		made := fmt.Sprintf("Made from %d files, listed with their SHA-256", len(inputs))
		if len(inputs) == 1 {
			made = "Made from one file, listed with its SHA-256"
		}
		if len(inputs) > handful {
			made += " under “" + inputsTitle + "” at the end of the book."
		} else {
			made += " below."
		}
		para(&doc.Text{Text: made + " Digest of the list ("}, &doc.Code{Text: "sha256sum"},
			&doc.Text{Text: "’s, in book order): "}, &doc.Code{Text: groupDigest(listDigest(inputs))}, &doc.Text{Text: "."})
		if len(inputs) <= handful {
			out = append(out, inputList(inputs))
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

// inputList lists each input with its SHA-256.
func inputList(inputs []inputFile) *doc.List {
	list := &doc.List{Tight: true}
	for _, f := range inputs {
		digest := "unknown"
		if f.digest != "" {
			digest = groupDigest(f.digest)
		}
		list.Items = append(list.Items, &doc.ListItem{Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{
			&doc.Code{Text: f.path}, &doc.Break{}, &doc.Code{Text: digest},
		}}}})
	}
	return list
}

// addInputsEntry lists the inputs of a book made from more than a handful
// of files in a back-matter entry of its own, so the copyright page stays
// one page.
func (r *resolver) addInputsEntry(inputs []inputFile) {
	if len(inputs) <= handful {
		return
	}
	h := &doc.Heading{Level: 1, Content: textInlines(inputsTitle)}
	h.ID = r.ids.unique(nameSlug(inputsTitle))
	intro := &doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "The SHA-256 of each file this edition was made from, in book order, relative to the book folder."}}}
	e := &doc.Entry{
		ID:        inputsID,
		Kind:      doc.KindBackMatter,
		Title:     textInlines(inputsTitle),
		Blocks:    []doc.Block{h, intro, inputList(inputs)},
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
	for _, e := range r.entries() {
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
				out = append(out, inputFile{path: f.Path, digest: strings.ToLower(f.Digest)})
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
