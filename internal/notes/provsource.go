package notes

import (
	"fmt"
	"strings"
	"time"

	"github.com/samizdat-press/samizdat/internal/cite"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/suggest"
)

// provenanceSource turns a provenance into the work it comes from and
// where the text was taken from, for the bibliography engine. ok is false
// when it names a bibliography record that does not exist.
//
// With Ref, the work is the bibliography's record. Without it the work is
// made from the fields: Date is the original's, Published the edition's.
// Container is where the copy was taken from when the provenance names a
// record or an extract; otherwise a provenance with a title and a
// container is a part of that container (a chapter in a book, an article
// in a journal), whose publisher is the container's.
func (r *resolver) provenanceSource(e *doc.Entry) (cite.Source, bool) {
	p := e.Provenance
	src := cite.Source{Extract: strings.TrimSpace(p.Extract), URL: strings.TrimSpace(p.URL), Accessed: cite.ParseDate(p.Accessed)}
	takenFrom := p.Ref != "" || src.Extract != ""
	if takenFrom && p.Container != "" {
		src.From = r.containerInlines(p.Container, provenancePos(e))
	}
	if p.Ref != "" {
		var rec *cite.Record
		if r.in.Bibliography != nil {
			rec, _ = r.in.Bibliography.Lookup(p.Ref)
		}
		if rec == nil {
			hint := ""
			if r.in.Bibliography != nil {
				hint = suggest.DidYouMean(p.Ref, r.citeKeys())
			}
			r.errorf(provenancePos(e), "provenance.ref", "%sprovenance names bibliography entry %q, which no bibliography file of the manifest has%s", provenanceOf(e), p.Ref, hint)
			return src, false
		}
		if p.Translator != "" {
			// the translator of the copy printed, which the record of the
			// original does not name
			c := *rec
			c.Translator = translators(p.Translator)
			rec = &c
		}
		src.Record = rec
		src.Pages = p.Pages
		return src, true
	}
	rec := &cite.Record{
		Key:        "",
		Type:       cite.Book,
		Author:     cite.ParseNames(p.Author),
		Translator: translators(p.Translator),
		Editor:     cite.ParseNames(p.Editor),
		Title:      cite.Typographic(strings.TrimSpace(p.Title)),
		Publisher:  cite.Typographic(strings.TrimSpace(p.Publisher)),
		Place:      cite.Typographic(strings.TrimSpace(p.Place)),
		Language:   p.Language,
	}
	for _, n := range [][]cite.Name{rec.Author, rec.Editor} {
		for i := range n {
			n[i].Given, n[i].Family, n[i].Literal = cite.Typographic(n[i].Given), cite.Typographic(n[i].Family), cite.Typographic(n[i].Literal)
		}
	}
	if p.Published != "" {
		rec.Issued = cite.ParseDate(p.Published)
		if p.Date != "" && p.Date != p.Published {
			rec.Original = cite.ParseDate(p.Date)
		}
	} else {
		rec.Issued = cite.ParseDate(p.Date)
	}
	switch {
	case takenFrom:
		src.Pages = p.Pages
	case p.Container != "" && rec.Title != "":
		rec.Type = cite.Chapter
		rec.Container = cite.Typographic(strings.TrimSpace(p.Container))
		rec.Pages = p.Pages
	case p.Container != "":
		rec.Title = cite.Typographic(strings.TrimSpace(p.Container))
		src.Pages = p.Pages
	default:
		src.Pages = p.Pages
	}
	src.Record = rec
	return src, true
}

// translators reads the translator field; "unknown" (or "anonymous",
// "unnamed", "not named") says the translator is not known, which the
// styles print as "translator unknown".
func translators(s string) []cite.Name {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return nil
	case "unknown", "anonymous", "unnamed", "not named":
		return []cite.Name{cite.UnknownTranslator}
	}
	names := cite.ParseNames(s)
	for i := range names {
		names[i].Given, names[i].Family, names[i].Literal = cite.Typographic(names[i].Given), cite.Typographic(names[i].Family), cite.Typographic(names[i].Literal)
	}
	return names
}

// containerInlines reads a container written in Markdown (a title in
// *italics*), as the manifest's titles are.
func (r *resolver) containerInlines(s string, pos doc.Pos) []doc.Inline {
	s = strings.Join(strings.Fields(s), " ")
	if r.in.ParseMarkdown != nil {
		if blocks, err := r.in.ParseMarkdown([]byte(s), pos); err == nil && len(blocks) == 1 {
			if p, ok := blocks[0].(*doc.Paragraph); ok {
				return p.Content
			}
		}
	}
	return textInlines(cite.Typographic(s))
}

// provenanceProblems lists what the style needs and a provenance lacks.
func (r *resolver) provenanceProblems(e *doc.Entry, src cite.Source) []string {
	p := e.Provenance
	var out []string
	for _, problem := range r.citeStyle.Problems(src.Record) {
		if strings.HasPrefix(problem, "has no publisher") {
			if src.URL != "" || len(src.From) > 0 || p.Container != "" {
				continue // where the text comes from is said
			}
			if p.Ref == "" {
				problem = fmt.Sprintf("has no publisher, container or URL; the %s style needs one to say where the text was taken from", r.citeStyle)
			}
		}
		if p.Ref != "" {
			// a problem of the record, reported at its line
			r.recordProblem(src.Record, problem)
			continue
		}
		out = append(out, "provenance "+problem)
	}
	if r.translated(e, p, src.Record) && len(src.Record.Translator) == 0 {
		out = append(out, fmt.Sprintf("provenance has no translator; the %s style needs it for a translated work", r.citeStyle))
	}
	if p.Accessed != "" {
		if _, err := time.Parse(time.DateOnly, p.Accessed); err != nil {
			out = append(out, fmt.Sprintf("provenance accessed date %q is not YYYY-MM-DD", p.Accessed))
		}
	}
	return out
}
