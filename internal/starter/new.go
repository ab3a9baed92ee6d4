package starter

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
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
	lines := splitLines(src)
	var name string
	var stub []byte
	var ins insertion // the entry as lines of text, where they go
	switch kind {
	case "chapter":
		name = slug + ".md"
		stub = []byte("# " + title + "\n\nWrite the chapter here, in Markdown.\n")
		entry := entryNode(name, "")
		ins = itemInsertion(lines, chapters, backStart(chapters), entry)
		insertBeforeBack(chapters, entry)
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
			ins = itemInsertion(lines, chapters, backStart(chapters), entry)
			insertBeforeBack(chapters, entry)
		} else {
			ins = itemInsertion(lines, seq, len(seq.Content), entry)
			seq.Content = append(seq.Content, entry)
		}
	case "note":
		notes := value(m, "notes")
		dir := "notes"
		added := false
		if notes == nil {
			key, list := scalar("notes"), &yaml.Node{Kind: yaml.SequenceNode}
			at := slices.Index(m.Content, keyNode(m, "chapters"))
			m.Content = slices.Insert(m.Content, at, key, list)
			notes, added = list, true
		} else if notes.Kind != yaml.SequenceNode {
			return "", fmt.Errorf("%s: notes: is not a list of files", shown)
		} else if n := len(notes.Content); n > 0 {
			dir = path.Dir(notes.Content[n-1].Value)
		}
		name = path.Join(dir, slug+".yaml")
		stub = []byte(noteStub)
		if added {
			ins = keyInsertion(lines, keyNode(m, "chapters"), "notes:\n  - "+plainOrQuoted(name)+"\n")
		} else {
			ins = itemInsertion(lines, notes, len(notes.Content), scalar(name))
		}
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
	// The manifest's own text with the entry's lines in it, when it reads
	// as the tree written again does.
	if ins.ok {
		if edited := ins.apply(lines); sameYAML(edited, out.Bytes()) {
			out.Reset()
			out.Write(edited)
		}
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
	seq.Content = slices.Insert(seq.Content, backStart(seq), entry)
}

// backStart is the index of the first entry of the back matter that ends
// the list of chapters seq, len(seq.Content) when none does.
func backStart(seq *yaml.Node) int {
	at := len(seq.Content)
	for at > 0 && isBack(seq.Content[at-1]) {
		at--
	}
	return at
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

// insertion is text to put into the manifest before its line at (0-based;
// the number of lines for the end); ok is false when the list edited is
// not one the text can be edited in (a flow list, an empty one).
type insertion struct {
	at   int
	text string
	ok   bool
}

func (ins insertion) apply(lines []string) []byte {
	var b bytes.Buffer
	for i, l := range lines {
		if i == ins.at {
			b.WriteString(ins.text)
		}
		b.WriteString(l)
	}
	if ins.at >= len(lines) {
		if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
			b.WriteByte('\n')
		}
		b.WriteString(ins.text)
	}
	return b.Bytes()
}

// splitLines cuts src after each line feed, keeping it.
func splitLines(src []byte) []string {
	var lines []string
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			lines = append(lines, string(src))
			break
		}
		lines = append(lines, string(src[:i+1]))
		src = src[i+1:]
	}
	return lines
}

// indentOf counts the spaces a line starts with.
func indentOf(line string) int {
	return len(line) - len(strings.TrimLeft(line, " "))
}

// blankOrComment reports whether a line holds nothing or only a comment.
func blankOrComment(line string) bool {
	t := strings.TrimSpace(line)
	return t == "" || strings.HasPrefix(t, "#")
}

// dashColumn is the column of the "-" that starts item in a block list,
// or -1 when item is not written so (a flow list).
func dashColumn(lines []string, item *yaml.Node) int {
	if item.Line < 1 || item.Line > len(lines) {
		return -1
	}
	line := lines[item.Line-1]
	i := min(item.Column-2, len(line)-1)
	for i >= 0 && line[i] == ' ' {
		i--
	}
	if i < 0 || line[i] != '-' || strings.TrimSpace(line[:i]) != "" {
		return -1
	}
	return i
}

// itemInsertion puts item into the block list seq before its item at
// (after its last when at is its length), indented as its items are.
func itemInsertion(lines []string, seq *yaml.Node, at int, item *yaml.Node) insertion {
	if seq.Style&yaml.FlowStyle != 0 || len(seq.Content) == 0 {
		return insertion{}
	}
	dash := dashColumn(lines, seq.Content[0])
	if dash < 0 {
		return insertion{}
	}
	var text bytes.Buffer
	enc := yaml.NewEncoder(&text)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{item}}); err != nil {
		return insertion{}
	}
	enc.Close()
	var indented strings.Builder
	for _, l := range splitLines(text.Bytes()) {
		indented.WriteString(strings.Repeat(" ", dash) + l)
	}
	if at < len(seq.Content) {
		// before the item and the comment lines just above it
		line := seq.Content[at].Line - 1
		if dashColumn(lines, seq.Content[at]) != dash {
			return insertion{}
		}
		for line > 0 && blankOrComment(lines[line-1]) && strings.TrimSpace(lines[line-1]) != "" && indentOf(lines[line-1]) == dash {
			line--
		}
		return insertion{at: line, text: indented.String(), ok: true}
	}
	// after the last item: past every line indented deeper than its dash
	last := seq.Content[len(seq.Content)-1]
	end := last.Line
	for i := last.Line; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "" {
			continue
		}
		if indentOf(lines[i]) <= dash {
			break
		}
		end = i + 1
	}
	return insertion{at: end, text: indented.String(), ok: true}
}

// keyInsertion puts text, indented as key is, before the key of a
// mapping and the comment lines just above it.
func keyInsertion(lines []string, key *yaml.Node, text string) insertion {
	if key == nil || key.Line < 1 || key.Line > len(lines) {
		return insertion{}
	}
	col := key.Column - 1
	line := key.Line - 1
	for line > 0 && strings.TrimSpace(lines[line-1]) != "" && blankOrComment(lines[line-1]) && indentOf(lines[line-1]) == col {
		line--
	}
	var indented strings.Builder
	for _, l := range splitLines([]byte(text)) {
		indented.WriteString(strings.Repeat(" ", col) + l)
	}
	return insertion{at: line, text: indented.String(), ok: true}
}

// plainOrQuoted writes s as a YAML scalar.
func plainOrQuoted(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(string(out), "\n")
}

// sameYAML reports whether a and b hold the same YAML data.
func sameYAML(a, b []byte) bool {
	var x, y any
	if yaml.Unmarshal(a, &x) != nil || yaml.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}
