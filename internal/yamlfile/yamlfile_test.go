package yamlfile

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func messages(f *File) []string {
	var out []string
	for _, d := range f.Diagnostics() {
		out = append(out, d.Error()+" ["+d.Code+"]")
	}
	return out
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"clean", "a: 1\nb: [x, y]\n", nil},
		{"empty", "", nil},
		{"comments only", "# nothing here\n", nil},
		{"syntax", "a: [\n", []string{"f.yaml:1: did not find expected node content [yaml.syntax]"}},
		{"bad indentation", "a: 1\n b: 2\n", []string{"f.yaml:2: mapping values are not allowed in this context [yaml.syntax]"}},
		{"control character", "\x01", []string{"f.yaml: control characters are not allowed [yaml.syntax]"}},
		{"unknown anchor", "a: *b\n", []string{"f.yaml: unknown anchor 'b' referenced [yaml.syntax]"}},
		{"not UTF-8", "a: 1\nb: caf\xe9\n", []string{"f.yaml:2:7: bytes that are not UTF-8 text (save the file as UTF-8) [yaml.syntax]"}},
		{"second document", "a: 1\n---\nb: 2\n", []string{`f.yaml:2:1: only one YAML document is allowed (remove the "---" line and what follows) [yaml.documents]`}},
		{"empty second document", "a: 1\n---\n", []string{`f.yaml:2:1: only one YAML document is allowed (remove the "---" line and what follows) [yaml.documents]`}},
		{"duplicate key", "out: a\nout: b\n", []string{`f.yaml:2:1: duplicate key "out" (first on line 1) [yaml.duplicate-key]`}},
		{"nested duplicate key", "pdf:\n  bleed: 1\n  x: 2\n  bleed: 3\n", []string{`f.yaml:4:3: duplicate key "bleed" (first on line 2) [yaml.duplicate-key]`}},
		{"list key", "? [a]\n: b\n", []string{`f.yaml:1:3: a key must be a plain name, not a list [yaml.key]`}},
		{"alias inside itself", "a: &x\n  b: *x\n", []string{`f.yaml:2:6: alias *x is inside the value it names [yaml.anchor]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := messages(Parse("f.yaml", []byte(tt.src)))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestSyntaxProblem(t *testing.T) {
	tests := []struct {
		err  string
		line int
		msg  string
	}{
		{"yaml: line 3: could not find expected ':'", 3, "could not find expected ':'"},
		{"yaml: unknown anchor 'b' referenced", 0, "unknown anchor 'b' referenced"},
		{"yaml: line x: odd", 0, "line x: odd"},
		{"yaml: line 0: odd", 0, "line 0: odd"},
		{"something else", 0, "something else"},
	}
	for _, tt := range tests {
		line, msg := syntaxProblem(errors.New(tt.err))
		if line != tt.line || msg != tt.msg {
			t.Errorf("syntaxProblem(%q) = %d, %q; want %d, %q", tt.err, line, msg, tt.line, tt.msg)
		}
	}
}

func TestNodes(t *testing.T) {
	f := Parse("f.yaml", []byte("base: &b\n  x: 1\ncopy: *b\nnote: |\n  text\nnothing:\nlist: [a, '', ~]\n"))
	if err := f.Err(); err != nil {
		t.Fatal(err)
	}
	fields := f.Fields(f.Root, "", []string{"base", "copy", "note", "nothing", "list"}, "keys")
	if fields["base"].Value != fields["copy"].Value {
		t.Error("an alias does not share the node it names")
	}
	note := fields["note"].Value
	if !note.Block || note.Line != 4 || note.Value != "text\n" {
		t.Errorf("block scalar: %+v", note)
	}
	if fields["nothing"].Value.Kind != Null {
		t.Errorf("empty value is %v, want Null", fields["nothing"].Value.Kind)
	}
	words, ok := f.Words(fields["list"].Value, "list")
	if ok || len(words) != 1 || words[0] != "a" {
		t.Errorf("Words = %v, %v", words, ok)
	}
	if got := messages(f); len(got) != 1 || got[0] != "f.yaml:7:15: list[2]: expected text, got nothing [yaml.type]" {
		t.Errorf("problems %q", got)
	}
}

func TestSchemaMessages(t *testing.T) {
	f := Parse("book/manifest.yaml", []byte("titel: x\ncolour: red\nchapters: {a: 1}\nsubjects: [a, [b]]\n"))
	allowed := []string{"title", "chapters", "subjects"}
	fields := f.Fields(f.Root, "", allowed, "keys and values")
	f.Text(fields["chapters"].Value, "chapters")
	f.Words(fields["subjects"].Value, "subjects")
	sub := f.Fields(fields["chapters"].Value, "chapters[0]", []string{"file", "title"}, "{file: …}")
	if len(sub) != 0 {
		t.Errorf("unknown keys returned: %v", sub)
	}
	f.Fields(fields["subjects"].Value, "provenance", []string{"author"}, "author, title, date… indented below it")
	want := []string{
		`book/manifest.yaml:1:1: unknown key "titel" (did you mean "title"?) [yaml.unknown-key]`,
		`book/manifest.yaml:2:1: unknown key "colour" (known keys: title, chapters, subjects) [yaml.unknown-key]`,
		`book/manifest.yaml:3:11: chapters: expected text, got a mapping [yaml.type]`,
		`book/manifest.yaml:4:15: subjects[1]: expected text, got a list [yaml.type]`,
		`book/manifest.yaml:3:12: unknown key "chapters[0].a" (known keys: file, title) [yaml.unknown-key]`,
		`book/manifest.yaml:4:11: provenance: expected author, title, date… indented below it, got a list [yaml.type]`,
	}
	if got := messages(f); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(strings.Split(f.Err().Error(), "\n")); n != len(want) {
		t.Errorf("Err joins %d problems, want %d", n, len(want))
	}
}

// An alias bomb parses into shared nodes: no more nodes than its text has.
func TestAliasBombStaysSmall(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	f := Parse("bomb.yaml", []byte(b.String()))
	if err := f.Err(); err != nil {
		t.Fatal(err)
	}
	seen := map[*Node]bool{}
	var count func(*Node)
	count = func(n *Node) {
		if seen[n] {
			return
		}
		seen[n] = true
		for _, item := range n.Items {
			count(item)
		}
		for _, fd := range n.Fields {
			count(fd.Value)
		}
	}
	count(f.Root)
	if len(seen) > 30 {
		t.Errorf("%d distinct nodes, want at most 30", len(seen))
	}
}

// FuzzParse: any bytes parse without panicking, and every problem names
// the file.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{"", "a: 1\n", "a: &x\n  b: *x\n", "- &a [*a]\n", "a: [\n", "x: 1\n---\ny: 2\n", "? {a: 1}\n: 2\n", "a: 1\na: 2\n"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file := Parse("f.yaml", data)
		for _, d := range file.Diagnostics() {
			if d.File != "f.yaml" || d.Message == "" {
				t.Errorf("diagnostic without file or message: %+v", d)
			}
		}
	})
}

// A cached file is parsed once for its name and content; each reader gets
// the parse's problems, and those it finds stay its own.
func TestCacheParsesOnce(t *testing.T) {
	c := NewCache()
	data := []byte("a: 1\nb: [x, y]\n")
	first, second := c.Parse("s.yaml", data), c.Parse("s.yaml", data)
	if first.Root == nil || first.Root != second.Root {
		t.Fatal("the same file was parsed twice")
	}
	first.Errorf(first.Root, "test.code", "found by the first reader")
	if len(second.Diagnostics()) != 0 {
		t.Errorf("the second reader sees the first's problems: %v", second.Diagnostics())
	}
	if other := c.Parse("s.yaml", []byte("a: 2\n")); other.Root == first.Root {
		t.Error("other content got the same parse")
	}
	if renamed := c.Parse("t.yaml", data); renamed.Name != "t.yaml" || renamed.Root == first.Root {
		t.Error("another name got the same parse")
	}
	bad := []byte("a: [1\n")
	for range 2 {
		if f := c.Parse("bad.yaml", bad); f.Err() == nil {
			t.Error("a syntax error was not given to every reader")
		}
	}
	var none *Cache
	if f := none.Parse("s.yaml", data); f.Root == nil {
		t.Error("a nil cache does not parse")
	}
}
