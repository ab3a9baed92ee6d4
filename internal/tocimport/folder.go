package tocimport

// folder reads a folder of Markdown with no project file: its pages,
// README or index first, then by name, each subfolder's after them as a
// part of its own (its own subfolders flattened into it).
func (r *reader) folder() (*project, error) {
	p := &project{kind: KindFolder, book: "."}
	p.notef("no book.toml, mkdocs.yml, _quarto.yml or _bookdown.yml: the folder's Markdown files, README or index first, then by name, each subfolder a part")
	entries, err := r.mkDocsTree(".")
	if err != nil {
		return nil, err
	}
	p.entries = entries
	return p, nil
}
