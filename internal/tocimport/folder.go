package tocimport

import (
	"path"
	"regexp"
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
	p.entries = kept
	return p, nil
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
		"HISTORY", "SECURITY", "SUPPORT", "PULL_REQUEST_TEMPLATE", "ISSUE_TEMPLATE", "GOVERNANCE", "MAINTAINERS", "CODEOWNERS":
		return true
	}
	return false
}
