package starter

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/samizdat-press/samizdat/internal/manifest"
)

// Kinds are the words New takes: what it adds to a book.
var Kinds = []string{"chapter", "source", "note"}

const manifestName = "manifest.yaml"

// New adds a chapter, a source or a file of editorial notes titled title
// to the book in bookDir: a stub file, and its entry in the manifest. The
// manifest is edited as a YAML tree, so its comments, its order and its
// other entries stay as they were (long folded lines come out on one
// line). A chapter goes before the back matter, a source into the part
// holding the sources, if one does. It returns the stub's name, relative
// to bookDir; nothing changes when it fails.
func New(bookDir, kind, title string) (string, error) {
	if !slices.Contains(Kinds, kind) {
		return "", fmt.Errorf("samizdat new %s: unknown kind (use chapter, source or note)", kind)
	}
	if strings.TrimSpace(title) == "" {
		return "", fmt.Errorf("samizdat new %s: give the title", kind)
	}
	root, err := os.OpenRoot(bookDir)
	if err != nil {
		return "", fmt.Errorf("book folder %s: %w", bookDir, unwrapPath(err))
	}
	defer root.Close()
	shown := filepath.Join(bookDir, manifestName)
	src, err := root.ReadFile(manifestName)
	if err != nil {
		return "", fmt.Errorf("%s: %w", shown, unwrapPath(err))
	}
	var top yaml.Node
	if err := yaml.Unmarshal(src, &top); err != nil {
		return "", fmt.Errorf("%s: %w", shown, err)
	}
	if top.Kind != yaml.DocumentNode || len(top.Content) != 1 || top.Content[0].Kind != yaml.MappingNode {
		return "", fmt.Errorf("%s: a manifest is a map of keys (title:, chapters: …)", shown)
	}
	m := top.Content[0]
	chapters := value(m, "chapters")
	if chapters == nil || chapters.Kind != yaml.SequenceNode {
		return "", fmt.Errorf("%s: no list of chapters to add to", shown)
	}

	slug := manifest.Slugify(title)
	var name string
	var stub []byte
	switch kind {
	case "chapter":
		name = slug + ".md"
		stub = []byte("# " + title + "\n\nWrite the chapter here, in Markdown.\n")
		insertBeforeBack(chapters, entryNode(name, ""))
	case "source":
		seq := sourcePart(chapters)
		name = path.Join(sourceFolder(chapters), slug+".md")
		stub = []byte("# " + title + "\n\nPaste the source's text here, exactly as printed.\n")
		entry := entryNode(name, "source")
		prov := &yaml.Node{Kind: yaml.MappingNode}
		prov.Content = append(prov.Content, scalar("title"), scalar(title))
		key := scalar("provenance")
		key.LineComment = "# where the text came from: author, date, publisher, url…"
		entry.Content = append(entry.Content, key, prov)
		if seq == chapters {
			insertBeforeBack(chapters, entry)
		} else {
			seq.Content = append(seq.Content, entry)
		}
	case "note":
		notes := value(m, "notes")
		dir := "notes"
		if notes == nil {
			key, list := scalar("notes"), &yaml.Node{Kind: yaml.SequenceNode}
			at := slices.Index(m.Content, keyNode(m, "chapters"))
			m.Content = slices.Insert(m.Content, at, key, list)
			notes = list
		} else if notes.Kind != yaml.SequenceNode {
			return "", fmt.Errorf("%s: notes: is not a list of files", shown)
		} else if n := len(notes.Content); n > 0 {
			dir = path.Dir(notes.Content[n-1].Value)
		}
		name = path.Join(dir, slug+".yaml")
		stub = []byte(noteStub)
		notes.Content = append(notes.Content, scalar(name))
	}

	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&top); err != nil {
		return "", fmt.Errorf("%s: %w", shown, err)
	}
	if err := enc.Close(); err != nil {
		return "", err
	}

	if err := writeNew(root, name, stub); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("%s exists already; choose another title", filepath.Join(bookDir, filepath.FromSlash(name)))
		}
		return "", fmt.Errorf("%s: %w", filepath.Join(bookDir, filepath.FromSlash(name)), err)
	}
	// The edited manifest must load as the old one did: a problem here is
	// ours, and the book is left as it was.
	if _, err := manifest.Load(overlay{root.FS(), out.Bytes()}, manifestName, manifest.Options{}); err != nil {
		if _, before := manifest.Load(root.FS(), manifestName, manifest.Options{}); before == nil {
			root.Remove(filepath.FromSlash(name))
			return "", fmt.Errorf("%s: the manifest would not load after adding %s: %v", shown, name, err)
		}
	}
	if err := replaceFile(root, manifestName, out.Bytes()); err != nil {
		root.Remove(filepath.FromSlash(name))
		return "", fmt.Errorf("%s: %w", shown, err)
	}
	return name, nil
}

const noteStub = `# Editorial notes, each attached to the text it comments on by quoting it:
#
# - quote: "the exact words of the text"
#   prefix: "words just before"   # only to tell repeats apart
#   chapter: introduction.md      # only search this chapter
#   note: |
#     The note, in Markdown.
[]
`

// overlay is the book folder with the manifest as edited, before it is
// written.
type overlay struct {
	fs.FS
	manifest []byte
}

func (o overlay) ReadFile(name string) ([]byte, error) {
	if name == manifestName {
		return o.manifest, nil
	}
	return fs.ReadFile(o.FS, name)
}

// replaceFile writes name through a temporary file renamed over it, so the
// manifest is never half written.
func replaceFile(root *os.Root, name string, data []byte) error {
	tmp := "." + name + ".tmp"
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, name)
	}
	if err != nil {
		root.Remove(tmp)
	}
	return err
}

func scalar(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// entryNode is a manifest entry naming file, of kind (when not "").
func entryNode(file, kind string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	n.Content = append(n.Content, scalar("file"), scalar(file))
	if kind != "" {
		n.Content = append(n.Content, scalar("kind"), scalar(kind))
	}
	return n
}

// keyNode is the key node of key in the mapping m, nil when absent.
func keyNode(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i]
		}
	}
	return nil
}

// value is the value node of key in the mapping m, nil when absent.
func value(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func kindOf(entry *yaml.Node) string {
	if k := value(entry, "kind"); k != nil {
		return k.Value
	}
	return ""
}

func isBack(entry *yaml.Node) bool {
	switch kindOf(entry) {
	case "back", "backmatter", "back-matter":
		return true
	}
	return false
}

// insertBeforeBack adds entry to the list of chapters before the back
// matter that ends it.
func insertBeforeBack(seq, entry *yaml.Node) {
	at := len(seq.Content)
	for at > 0 && isBack(seq.Content[at-1]) {
		at--
	}
	seq.Content = slices.Insert(seq.Content, at, entry)
}

// sourcePart is the list of chapters of the last part holding a source,
// or the book's list when no part does.
func sourcePart(chapters *yaml.Node) *yaml.Node {
	found := chapters
	for _, e := range chapters.Content {
		if value(e, "part") == nil {
			continue
		}
		if list := value(e, "chapters"); list != nil && list.Kind == yaml.SequenceNode && slices.ContainsFunc(list.Content, func(c *yaml.Node) bool { return kindOf(c) == "source" }) {
			found = list
		}
	}
	return found
}

// sourceFolder is the folder of the last source's file, where a new
// source goes too.
func sourceFolder(chapters *yaml.Node) string {
	dir := "."
	var walk func(seq *yaml.Node)
	walk = func(seq *yaml.Node) {
		for _, e := range seq.Content {
			if list := value(e, "chapters"); list != nil && list.Kind == yaml.SequenceNode {
				walk(list)
			}
			if f := value(e, "file"); f != nil && kindOf(e) == "source" {
				dir = path.Dir(f.Value)
			}
		}
	}
	walk(chapters)
	return dir
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
