package build

import (
	"cmp"
	"context"
	"strings"

	"github.com/samizdat-press/samizdat/internal/cover"
	"github.com/samizdat-press/samizdat/internal/labels"
	"github.com/samizdat-press/samizdat/internal/pdf"
)

// coverFormat is the printed cover, <name>-cover.pdf: back, spine and
// front on one sheet with bleed, the spine as wide as the PDF's pages are
// thick on the paper cover.paper names. It is written when that is set.
type coverFormat struct{}

func (coverFormat) Name() string      { return "cover" }
func (coverFormat) Extension() string { return "-cover.pdf" }
func (coverFormat) Prepare(*Edition)  {}

func (coverFormat) Render(ctx context.Context, ed *Edition, w Output) (Rendered, error) {
	laid, err := ed.Layout()
	if err != nil {
		return Rendered{}, err
	}
	if err := cancelled(ctx); err != nil {
		return Rendered{}, err
	}
	ed.Status("writing")
	c := ed.cfg
	perPage := c.Cover.PageThickness
	if t, ok := cover.Papers[c.Cover.Paper]; ok {
		perPage = t
	}
	sheet := cover.Sheet{TrimW: c.PDF.PageWidth, TrimH: c.PDF.PageHeight, Pages: len(laid.Pages), PerPage: perPage, Barcode: c.Cover.Barcode}
	d := cover.Wrap(coverBook(ed), ed.faces, sheet)
	meta := pdfMeta(ed.book.Meta)
	meta.Title += " (cover)"
	ds, err := pdf.Write(w, d.Document(ed.faces), meta, ed.faces, pdf.Options{Compress: true})
	return Rendered{Diagnostics: ds, Pages: 1}, err
}

// coverBook is what the cover says: the title page's words, the blurb.
func coverBook(ed *Edition) cover.Book {
	m := ed.book.Meta
	b := cover.Book{Title: m.Title, Subtitle: m.Subtitle, Edition: m.ShownEditionTitle(), Publisher: m.Publisher,
		Blurb: strings.TrimSpace(ed.cfg.Cover.Blurb)}
	if b.Blurb == "" {
		b.Blurb = m.Description
	}
	// authors first, then the others after their role, those sharing one
	// on a line, as on the EPUB's title page
	roles := labels.For(m.Language).Roles
	var order []string
	names := map[string][]string{}
	for _, cr := range m.Creators {
		name := strings.TrimSpace(cr.Name)
		if name == "" {
			continue
		}
		role := cmp.Or(strings.TrimSpace(cr.Role), "aut")
		if _, ok := names[role]; !ok {
			order = append(order, role)
		}
		names[role] = append(names[role], name)
	}
	if authors := names["aut"]; len(authors) > 0 {
		b.Creators = append(b.Creators, strings.Join(authors, ", "))
	}
	for _, role := range order {
		if role != "aut" {
			b.Creators = append(b.Creators, strings.TrimSpace(roles[role]+" "+strings.Join(names[role], ", ")))
		}
	}
	return b
}
