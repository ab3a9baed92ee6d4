package build

import (
	"path"
	"slices"
	"strings"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// bookdownParts makes parts of bookdown's special headings. An R
// Markdown chapter that opens with "# (PART) Part I {-}" (the parser
// classes such a heading part, markdown/bookdown.go) starts a part titled
// by it, holding that chapter and those after it up to the next part, the
// next part of the manifest, or the back matter; one that opens with "#
// (APPENDIX) Appendix {-}" likewise starts a part of the appendices, each
// chapter in it and after it an appendix (doc.RoleAppendix). The heading
// leaves the chapter. Parts do not nest: in a part of the manifest's, or
// anywhere but at a chapter's start, such a heading stays a heading, with
// a warning.
func bookdownParts(entries []*doc.Entry) ([]*doc.Entry, []diag.Diagnostic) {
	var warns []diag.Diagnostic
	warnRest := func(e *doc.Entry, from int) {
		for _, b := range e.Blocks[from:] {
			if h, ok := b.(*doc.Heading); ok && specialHeading(h) == "part" {
				warns = append(warns, diag.Warnf(e.File, h.Pos.Line, "bookdown.part",
					"(PART) heading not at the start of a chapter of its own, outside the manifest's parts: printed as a heading (start a file with it, or list the part in the manifest)"))
			}
		}
	}
	var out []*doc.Entry
	var part *doc.Entry
	appendix := false
	for _, e := range entries {
		if e.Kind == doc.KindPart {
			for _, c := range e.Children {
				if rmdEntry(c) {
					warnRest(c, 0)
				}
			}
			part = nil
			out = append(out, e)
			continue
		}
		if !rmdEntry(e) || e.Kind == doc.KindBackMatter {
			part = nil
			out = append(out, e)
			continue
		}
		if len(e.Blocks) > 0 {
			if h, ok := e.Blocks[0].(*doc.Heading); ok {
				if kind := specialHeading(h); kind != "" {
					part = &doc.Entry{Kind: doc.KindPart, Title: h.Content, Pos: e.Pos, Language: e.Language}
					out = append(out, part)
					e.Blocks = e.Blocks[1:]
					appendix = appendix || kind == "appendix"
				}
			}
		}
		warnRest(e, 0)
		if appendix && e.Kind == doc.KindChapter {
			e.Role = doc.RoleAppendix
		}
		if part != nil && e.Kind != doc.KindFrontMatter {
			part.Children = append(part.Children, e)
			continue
		}
		part = nil
		out = append(out, e)
	}
	return out, warns
}

// specialHeading is "part" or "appendix" for bookdown's (PART) and
// (APPENDIX) headings, "" for others.
func specialHeading(h *doc.Heading) string {
	if h.Level != 1 {
		return ""
	}
	for _, c := range []string{"part", "appendix"} {
		if slices.Contains(h.Classes, c) {
			return c
		}
	}
	return ""
}

// rmdEntry reports whether an entry is an R Markdown chapter.
func rmdEntry(e *doc.Entry) bool { return strings.EqualFold(path.Ext(e.File), ".rmd") }
