package notes

import (
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// colophon is the copyright-page text: the rights, the edition, how and
// when this copy was made, and the SHA-256 of every file it was made from,
// so a printed packet can be traced to its exact inputs.
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
		para(&doc.Text{Text: "Made from these files (SHA-256):"})
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
		out = append(out, list)
	}
	return out
}

// inputFiles lists the files this edition was made from: its entries' files
// in book order, then the annotation files.
func (r *resolver) inputFiles() []inputFile {
	var out []inputFile
	for _, e := range r.entries() {
		if e.File != "" && !e.Generated {
			out = append(out, inputFile{path: e.File, digest: strings.ToLower(e.Digest)})
		}
	}
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
