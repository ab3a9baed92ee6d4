// Package yamlfile reads the project's YAML files (config, editions, the
// manifest, annotation files and any later one) strictly, and reports their
// problems as diag values in one wording for every file.
//
// Parse reports what is wrong whatever the file means: a syntax error, a
// second document, a key given twice, a key that is not a plain name, an
// anchor used inside itself. The schema helpers (Fields, Text, Words,
// Expected, UnknownKey) report what is wrong for one kind of file: a key
// it does not know (with a suggestion for near misses) and a value of the
// wrong kind.
//
// Aliases are kept as shared nodes, never expanded, so a "billion laughs"
// file costs no more memory than its text; the schemas nest only a few
// levels, which bounds the work of walking shared nodes.
package yamlfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/suggest"
)

// Codes of the problems this package reports.
const (
	CodeSyntax       = "yaml.syntax"        // not YAML
	CodeDocuments    = "yaml.documents"     // more than one document
	CodeDuplicateKey = "yaml.duplicate-key" // a key given twice in a mapping
	CodeKey          = "yaml.key"           // a key that is a list or a mapping
	CodeAnchor       = "yaml.anchor"        // an alias inside the node it names
	CodeUnknownKey   = "yaml.unknown-key"   // a key the file's schema does not know
	CodeType         = "yaml.type"          // a value of the wrong kind
)

// Kind is what a node holds.
type Kind uint8

const (
	Null   Kind = iota // nothing: "key:" or "~"
	Scalar             // one value
	List
	Map
)

// Node is one value of a YAML file, with its place.
type Node struct {
	Kind Kind
	// Value is a scalar's text.
	Value string
	// Tag is a scalar's resolved tag: "!!str", "!!int", "!!bool"…
	Tag string
	// Block is set for literal (|) and folded (>) scalars, whose text
	// starts on the line after Line.
	Block        bool
	Line, Column int
	Items        []*Node  // a list's items
	Fields       []*Field // a mapping's entries in file order, without repeats
}

// Field is one entry of a mapping.
type Field struct {
	Key   *Node // a scalar
	Value *Node
}

// Name is the field's key as written.
func (f *Field) Name() string { return f.Key.Value }

// Describe names a node's kind for messages: "nothing", "a single value",
// "a list", "a mapping".
func (n *Node) Describe() string {
	switch n.Kind {
	case Null:
		return "nothing"
	case List:
		return "a list"
	case Map:
		return "a mapping"
	}
	return "a single value"
}

// File is a parsed YAML file and the problems found in it so far.
type File struct {
	// Name is the file as messages show it.
	Name string
	// Root is the document's top node; nil when the file holds no document
	// or an empty one.
	Root  *Node
	diags []diag.Diagnostic
}

// Parse reads data as one YAML document. Problems are recorded in the File;
// Root is nil when the file cannot be read at all.
func Parse(name string, data []byte) *File {
	f := &File{Name: name}
	// YAML is text: bytes that are not UTF-8 are reported where they are,
	// which yaml.v3's message does not say.
	utf16 := bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
	if !utf16 && !utf8.Valid(data) {
		line, column := invalidUTF8(data)
		f.add(diag.Error, line, column, CodeSyntax, "bytes that are not UTF-8 text (save the file as UTF-8)")
		return f
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err == io.EOF {
		return f
	} else if err != nil {
		f.syntax(err)
		return f
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		f.add(diag.Error, extra.Line, extra.Column, CodeDocuments, "only one YAML document is allowed (remove the \"---\" line and what follows)")
		return f
	case err != io.EOF:
		f.syntax(err)
		return f
	}
	if len(doc.Content) == 0 {
		return f
	}
	c := converter{f: f, done: map[*yaml.Node]*Node{}, open: map[*yaml.Node]bool{}}
	if root := c.node(doc.Content[0]); root.Kind != Null {
		f.Root = root
	}
	return f
}

// invalidUTF8 is the line and column (in bytes, 1-based) of the first
// byte of data that is not UTF-8.
func invalidUTF8(data []byte) (line, column int) {
	line, start := 1, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, i - start + 1
		}
		if r == '\n' {
			line, start = line+1, i+1
		}
		i += size
	}
	return line, 0
}

// syntax records a parse error of yaml.v3.
func (f *File) syntax(err error) {
	line, msg := syntaxProblem(err)
	f.add(diag.Error, line, 0, CodeSyntax, "%s", msg)
}

// syntaxProblem splits an error of yaml.v3's parser into its line and
// message. The parser gives its position only inside the text ("yaml: line
// 3: did not find expected key"), so this is the one place that reads it;
// line is 0 when the text names none.
func syntaxProblem(err error) (line int, msg string) {
	msg, _ = strings.CutPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, text, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil && n > 0 {
				return n, text
			}
		}
	}
	return 0, msg
}

// converter turns yaml.v3's nodes into Nodes, once each, so that aliases
// share what they name.
type converter struct {
	f    *File
	done map[*yaml.Node]*Node
	open map[*yaml.Node]bool // being converted: an alias to one is a cycle
}

func (c *converter) node(y *yaml.Node) *Node {
	if y.Kind == yaml.AliasNode {
		target := y.Alias
		if target == nil {
			// yaml.v3 refuses unknown anchors while parsing; be safe anyway.
			return &Node{Kind: Null, Line: y.Line, Column: y.Column}
		}
		if c.open[target] {
			c.f.add(diag.Error, y.Line, y.Column, CodeAnchor, "alias *%s is inside the value it names", y.Value)
			return &Node{Kind: Null, Line: y.Line, Column: y.Column}
		}
		return c.node(target)
	}
	if n, ok := c.done[y]; ok {
		return n
	}
	n := &Node{Line: y.Line, Column: y.Column}
	c.done[y] = n
	c.open[y] = true
	defer delete(c.open, y)
	switch y.Kind {
	case yaml.ScalarNode:
		if y.Tag == "!!null" {
			n.Kind = Null
			break
		}
		n.Kind, n.Value, n.Tag = Scalar, y.Value, y.Tag
		n.Block = y.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0
	case yaml.SequenceNode:
		n.Kind = List
		n.Items = make([]*Node, 0, len(y.Content))
		for _, item := range y.Content {
			n.Items = append(n.Items, c.node(item))
		}
	case yaml.MappingNode:
		n.Kind = Map
		first := map[string]*Node{}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k := y.Content[i]
			if k.Kind == yaml.AliasNode && k.Alias != nil {
				k = k.Alias
			}
			if k.Kind != yaml.ScalarNode {
				c.f.add(diag.Error, k.Line, k.Column, CodeKey, "a key must be a plain name, not %s", describeYAML(k))
				continue
			}
			key := &Node{Kind: Scalar, Value: k.Value, Tag: k.Tag, Line: y.Content[i].Line, Column: y.Content[i].Column}
			if prev, dup := first[k.Value]; dup {
				c.f.add(diag.Error, key.Line, key.Column, CodeDuplicateKey, "duplicate key %q (first on line %d)", k.Value, prev.Line)
				continue
			}
			first[k.Value] = key
			n.Fields = append(n.Fields, &Field{Key: key, Value: c.node(y.Content[i+1])})
		}
	default:
		n.Kind = Null
	}
	return n
}

func describeYAML(y *yaml.Node) string {
	switch y.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	return "a single value"
}

func (f *File) add(sev diag.Severity, line, column int, code, format string, args ...any) {
	f.diags = append(f.diags, diag.Diagnostic{Severity: sev, File: f.Name, Line: line, Column: column, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Errorf records an error at n's place (the file itself when n is nil).
func (f *File) Errorf(n *Node, code, format string, args ...any) {
	line, col := n.place()
	f.add(diag.Error, line, col, code, format, args...)
}

// Warnf records a warning at n's place.
func (f *File) Warnf(n *Node, code, format string, args ...any) {
	line, col := n.place()
	f.add(diag.Warning, line, col, code, format, args...)
}

func (n *Node) place() (line, column int) {
	if n == nil {
		return 0, 0
	}
	return n.Line, n.Column
}

// Diagnostics returns every problem recorded, in the order found.
func (f *File) Diagnostics() []diag.Diagnostic { return slices.Clone(f.diags) }

// Err joins the errors recorded (not the warnings); nil when there are none.
func (f *File) Err() error {
	var errs []error
	for _, d := range f.diags {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	return errors.Join(errs...)
}

// Warnings returns the warnings recorded.
func (f *File) Warnings() []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range f.diags {
		if d.Severity == diag.Warning {
			out = append(out, d)
		}
	}
	return out
}

// Expected records that n, at path, is not what was expected:
// `path: expected what, got a list`; the path is left out for the file's
// top node ("").
func (f *File) Expected(n *Node, path, what string) {
	if path == "" {
		f.Errorf(n, CodeType, "expected %s, got %s", what, n.Describe())
		return
	}
	f.Errorf(n, CodeType, "%s: expected %s, got %s", path, what, n.Describe())
}

// UnknownKey records a key the schema does not know. path is the key's full
// path ("pdf.page-size", "chapters[2].titel"); suggestion, if not "", is the
// likely intended key, also as a full path; known, when short, lists the
// keys allowed there and is shown when there is no suggestion.
func (f *File) UnknownKey(key *Node, path, suggestion string, known []string) {
	switch {
	case suggestion != "":
		f.Errorf(key, CodeUnknownKey, "unknown key %q (did you mean %q?)", path, suggestion)
	case len(known) > 0 && len(known) <= maxListedKeys:
		f.Errorf(key, CodeUnknownKey, "unknown key %q (known keys: %s)", path, strings.Join(known, ", "))
	default:
		f.Errorf(key, CodeUnknownKey, "unknown key %q", path)
	}
}

// maxListedKeys is how many known keys a message may list; more would
// bury the point.
const maxListedKeys = 8

// Join makes a key's full path: Join("chapters[2]", "title").
func Join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// Fields checks that n is a mapping with keys among allowed, reports the
// others, and returns the allowed ones by name. what describes the mapping
// for the message when n is not one ("author, title, date…"). A null n is
// an empty mapping.
func (f *File) Fields(n *Node, path string, allowed []string, what string) map[string]*Field {
	out := map[string]*Field{}
	if n.Kind == Null {
		return out
	}
	if n.Kind != Map {
		f.Expected(n, path, what)
		return out
	}
	for _, fd := range n.Fields {
		name := fd.Name()
		if !slices.Contains(allowed, name) {
			s := suggest.Closest(name, allowed)
			if s != "" {
				s = Join(path, s)
			}
			f.UnknownKey(fd.Key, Join(path, name), s, allowed)
			continue
		}
		out[name] = fd
	}
	return out
}

// Text returns a scalar's text as written; "" for nothing. Anything else
// is reported and gives ok false.
func (f *File) Text(n *Node, path string) (text string, ok bool) {
	switch n.Kind {
	case Null:
		return "", true
	case Scalar:
		return n.Value, true
	}
	f.Expected(n, path, "text")
	return "", false
}

// Words returns a list of scalars, trimmed, without empty ones; a single
// value is a list of one and nothing an empty list. Items of another kind
// are reported and left out; ok is false if there were any.
func (f *File) Words(n *Node, path string) (words []string, ok bool) {
	switch n.Kind {
	case Null:
		return nil, true
	case Scalar:
		if s := strings.TrimSpace(n.Value); s != "" {
			return []string{s}, true
		}
		return nil, true
	case Map:
		f.Expected(n, path, "a list")
		return nil, false
	}
	ok = true
	for i, item := range n.Items {
		if item.Kind != Scalar {
			f.Expected(item, fmt.Sprintf("%s[%d]", path, i), "text")
			ok = false
			continue
		}
		if s := strings.TrimSpace(item.Value); s != "" {
			words = append(words, s)
		}
	}
	return words, ok
}

// Cache keeps files parsed, by name and content, for readers that parse
// one file again and again: each edition built together loads the same
// settings file, whose comments make it long. Every Parse gets a File of
// its own, sharing the parsed nodes, which readers never change, but not
// the problems found in it afterwards. A nil Cache keeps nothing.
type Cache struct {
	mu    sync.Mutex
	files map[string]*cachedFile
}

type cachedFile struct {
	once sync.Once
	f    *File
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]*cachedFile{}} }

// Parse is the package's Parse, once for each name and content.
func (c *Cache) Parse(name string, data []byte) *File {
	if c == nil {
		return Parse(name, data)
	}
	key := name + "\x00" + string(data)
	c.mu.Lock()
	e, ok := c.files[key]
	if !ok {
		e = &cachedFile{}
		c.files[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.f = Parse(name, data) })
	return &File{Name: e.f.Name, Root: e.f.Root, diags: slices.Clone(e.f.diags)}
}
