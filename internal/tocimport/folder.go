package tocimport

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// folder reads a folder of Markdown with no project file: its pages,
// README or index first, then by name, each subfolder's after them as a
// part of its own (its own subfolders flattened into it). A repository's
// housekeeping files (CONTRIBUTING.md, LICENSE.md…) and its README's
// translations are not the book's, and are left out with a note.
func (r *reader) folder() (*project, error) {
	p := &project{kind: KindFolder, book: "."}
	p.notef("no book.toml, mkdocs.yml, _quarto.yml or _bookdown.yml: the folder's Markdown files and Jupyter notebooks, README or index first, then by name, each subfolder a part")
	r.notebooks = true
	if r.epubTemplate != "" {
		p.notef("%s: the files of an EPUB the project makes when built (its package document is not there): not read as the book", r.show(r.epubTemplate))
	}
	entries, err := r.mkDocsTree(".")
	if err != nil {
		return nil, err
	}
	r.notePaired(p)
	var kept []entry
	var housekeeping, translations []string
	for _, e := range entries {
		switch {
		case e.Part != "":
		case isHousekeeping(e.File):
			housekeeping = append(housekeeping, r.show(e.File))
			continue
		case readmeTranslation.MatchString(path.Base(e.File)) && r.exists(path.Join(path.Dir(e.File), "README.md")):
			translations = append(translations, r.show(e.File))
			continue
		}
		kept = append(kept, e)
	}
	if len(housekeeping) > 0 {
		p.notef("%s: the repository's, not the book's: left out", andList(housekeeping))
	}
	if len(translations) > 0 {
		p.notef("%s: translations of README.md: left out (import a translation's folder, or list it in the manifest, to make a book of it)", andList(translations))
	}
	if err := r.notMarkdown(kept); err != nil {
		return nil, err
	}
	p.entries = kept
	return p, nil
}

// notMarkdown refuses a folder whose text is in a markup samizdat does
// not read (Pro Git's AsciiDoc, a Sphinx project's reStructuredText),
// which would otherwise become a book of its few Markdown files (a
// TRANSLATING.md) without a word about the rest.
func (r *reader) notMarkdown(kept []entry) error {
	pages := 0
	for _, e := range kept {
		pages += len(e.Chapters)
		if e.File != "" && !isIndex(path.Base(e.File)) {
			pages++
		}
	}
	var found []string
	var markup string
	_ = fs.WalkDir(r.fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if base := d.Name(); name != "." && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") || base == "node_modules") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		kind := otherMarkups[strings.ToLower(path.Ext(name))]
		if kind != "" && (markup == "" || markup == kind) {
			markup = kind
			found = append(found, name)
		}
		return nil
	})
	if len(found) == 0 || len(found) < pages {
		return nil
	}
	for _, f := range found {
		stem := strings.TrimSuffix(f, path.Ext(f))
		if !strings.Contains(f, "/") && (r.exists(stem+".md") || r.exists(stem+".markdown")) {
			// the book converted, beside its source: that is the book
			return nil
		}
	}
	// the top's files first, and among them an AsciiDoc book's own, the
	// one whose document title ("= Pro Git") heads what it includes
	rank := map[string]int{}
	for _, f := range found {
		rank[f] = 2 * strings.Count(f, "/")
		if rank[f] == 0 && markup == "AsciiDoc" {
			if data, err := r.readFile(f); err != nil || !bytes.HasPrefix(data, []byte("= ")) {
				rank[f]++
			}
		}
	}
	slices.SortStableFunc(found, func(a, b string) int { return rank[a] - rank[b] })
	shown := make([]string, 0, 3)
	for _, f := range found[:min(3, len(found))] {
		shown = append(shown, r.show(f))
	}
	if len(found) > 3 {
		shown = append(shown, "…")
	}
	advice := otherMarkupAdvice[markup]
	holds := "no Markdown page"
	switch {
	case pages == 1:
		holds = "only 1 Markdown page"
	case pages > 1:
		holds = fmt.Sprintf("only %d Markdown pages", pages)
	}
	return fmt.Errorf("%s: the text is %s (%d files: %s), which samizdat does not read, and the folder holds %s: %s, then init --from the folder again", r.show("."), markup, len(found), strings.Join(shown, ", "), holds, advice)
}

// otherMarkups are the markups a book's repository may be written in
// that samizdat does not read.
var otherMarkups = map[string]string{
	".adoc": "AsciiDoc", ".asciidoc": "AsciiDoc", ".asc": "AsciiDoc",
	".rst": "reStructuredText",
	".tex": "LaTeX",
	".org": "Org",
}

// otherMarkupAdvice says how each markup becomes Markdown.
var otherMarkupAdvice = map[string]string{
	"AsciiDoc":         "convert it to Markdown beside it first (asciidoctor -b docbook5 BOOK.adoc, then pandoc -s --wrap=none -f docbook -t markdown BOOK.xml -o BOOK.md)",
	"reStructuredText": "convert it to Markdown first (pandoc -f rst -t markdown, file by file)",
	"LaTeX":            "convert it to Markdown first (pandoc -f latex -t markdown BOOK.tex)",
	"Org":              "convert it to Markdown first (pandoc -f org -t markdown, file by file)",
}

// readmeTranslation matches a README's translation as repositories name
// them: README.de.md, README-zh-CN.md, README_pt-BR.md, README.ja-JP.md.
var readmeTranslation = regexp.MustCompile(`(?i)^readme[-._]([a-z]{2,3})([-_][a-z0-9]{2,4})?\.(md|markdown)$`)

// isHousekeeping reports a file at a repository's top that is about the
// repository rather than part of its text.
func isHousekeeping(name string) bool {
	if strings.Contains(name, "/") {
		return false
	}
	stem := strings.ToUpper(strings.TrimSuffix(name, path.Ext(name)))
	switch stem {
	case "CONTRIBUTING", "CODE_OF_CONDUCT", "CODE-OF-CONDUCT", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES",
		"HISTORY", "SECURITY", "TRANSLATING", "SUPPORT", "PULL_REQUEST_TEMPLATE", "ISSUE_TEMPLATE", "GOVERNANCE", "MAINTAINERS", "CODEOWNERS":
		return true
	}
	return false
}
