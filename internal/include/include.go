// Package include expands the file includes of a chapter's source before it
// is parsed: mdBook's {{#include}}, {{#rustdoc_include}} and
// {{#playground}}, pymdownx.snippets' --8<-- lines (MkDocs) and, in
// Quarto's chapters, its {{< include >}} shortcode (quarto.go). All are
// textual, as in the tools that define them: the included lines replace the
// directive wherever it stands, fenced code included, and are read again
// for directives of their own. MDX pages' partials (mdx.go), Markdown
// files imported and shown as components, are expanded outside code.
//
// The result keeps, for each of its lines, the file and line it came from,
// so that the parser names the included file's line in its messages and
// the lines after an include keep their own numbers.
package include

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/samizdat-press/samizdat/internal/diag"
)

// MaxDepth bounds how deep includes nest, as mdBook's
// MAX_LINK_NESTED_DEPTH does; a cycle is stopped before it.
const MaxDepth = 10

// Codes of the problems Expand reports.
const (
	CodeMissing  = "include.missing"  // the file cannot be read
	CodeOutside  = "include.outside"  // the file lies outside the folders allowed
	CodeAnchor   = "include.anchor"   // no such anchor (mdBook) or section (snippets)
	CodeCycle    = "include.cycle"    // a file includes itself
	CodeDepth    = "include.depth"    // includes nested more than MaxDepth deep
	CodeUnclosed = "include.unclosed" // a snippets block --8<-- never closed
)

// Options say where includes are read from.
type Options struct {
	// FS holds the book folder and every folder includes may be read
	// from, by slash paths.
	FS fs.FS
	// Book is the book folder's path in FS ("." when FS is the book
	// folder); the chapter's name and the names in messages are relative
	// to it.
	Book string
	// Roots are the folders (paths in FS) includes may be read from:
	// mdBook's paths, relative to the including file, must lie in one;
	// snippets' paths are looked up in each, in order, as pymdownx looks
	// them up in its base_path.
	Roots []string
	// Setting names the setting that lists the roots, for messages.
	Setting string
	// Allowed is the setting's value as the user wrote it, for messages.
	Allowed string
	// Append are files (paths in FS, found with Find) appended to every
	// chapter, as pymdownx.snippets' auto_append appends them: shared
	// link definitions and abbreviations.
	Append []string
	// AppendSetting names the setting that lists them, for messages.
	AppendSetting string
}

// Origin is where a line of the expanded source came from.
type Origin struct {
	File string // relative to the book folder
	Line int    // 1-based
	// Shift is the number of bytes put before the line's own text (the
	// indentation of the directive that included it); a column in the
	// expanded line less Shift is the column in the file.
	Shift int
}

// Result is a chapter's source with its includes expanded.
type Result struct {
	Source []byte
	// Origins has one entry per line of Source; nil when nothing was
	// included, and Source is then the chapter's own bytes.
	Origins []Origin
	// Files are the files included, each once, in the order first read:
	// they are inputs of the chapter as much as its own file is.
	Files []File
	// Title is the last mdBook {{#title}} given, the title of the
	// chapter's page; "" for none.
	Title    string
	Warnings []diag.Diagnostic
}

// File is a file included: its name relative to the book folder and the
// hex SHA-256 of its bytes as read.
type File struct {
	Name, Digest string
}

// Origin places line n (1-based) of Source in its file: the file, its
// line, and the shift of its columns. Lines beyond the map are the
// chapter's own.
func (r *Result) Origin(n int) (file string, line, shift int) {
	if n < 1 || n > len(r.Origins) {
		return "", n, 0
	}
	o := r.Origins[n-1]
	return o.File, o.Line, o.Shift
}

// line is one line of text being expanded and where it came from.
type line struct {
	text string
	at   Origin
}

type expander struct {
	opt    Options
	res    *Result
	files  map[string]bool
	stack  []string // FS paths of the files being expanded, outermost first
	change bool
	// quartoBook: the chapter is Quarto's, whose {{< include >}} is read
	quartoBook bool
}

// Expand expands the includes of src, the chapter file (relative to the
// book folder). Each include that fails is left as written, with one
// warning at its directive.
func Expand(src []byte, file string, opt Options) *Result {
	res := &Result{Source: src}
	if !bytes.Contains(src, []byte("{{")) && !bytes.Contains(src, []byte("8<")) && !bytes.Contains(src, []byte(".md")) && !bytes.Contains(src, []byte("{include}")) && !bytes.Contains(src, []byte("{csv-table}")) && len(opt.Append) == 0 {
		return res
	}
	if opt.Book == "" {
		opt.Book = "."
	}
	x := &expander{opt: opt, res: res, files: map[string]bool{}, quartoBook: isQuarto(file)}
	texts := strings.Split(string(src), "\n")
	final := texts[len(texts)-1] == ""
	if final {
		texts = texts[:len(texts)-1]
	}
	lines := make([]line, len(texts))
	for i, t := range texts {
		lines[i] = line{text: t, at: Origin{File: file, Line: i + 1}}
	}
	fsFile := path.Join(opt.Book, file)
	x.stack = []string{fsFile}
	out := x.expand(lines, fsFile, 0, false)
	out = x.appendFiles(out, fsFile, len(lines))
	if !x.change {
		return res
	}
	var b bytes.Buffer
	res.Origins = make([]Origin, len(out))
	for i, l := range out {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.text)
		res.Origins[i] = l.at
	}
	if final && len(out) > 0 {
		b.WriteByte('\n')
	}
	res.Source = b.Bytes()
	// an empty last line with no line break after it is no line
	if n := len(out); !final && n > 0 && out[n-1].text == "" {
		res.Origins = res.Origins[:n-1]
	}
	return res
}

func (x *expander) warn(at Origin, col int, code, format string, args ...any) {
	d := diag.Warnf(at.File, at.Line, code, format, args...)
	if col >= at.Shift {
		d.Column = col - at.Shift + 1
	}
	x.res.Warnings = append(x.res.Warnings, d)
}

// expand expands the directives of lines, which came from fsFile (mdBook's
// paths are relative to its folder), depth includes deep; inSection says
// they are a snippets section, whose markers were dealt with already.
func (x *expander) expand(lines []line, fsFile string, depth int, inSection bool) []line {
	out := make([]line, 0, len(lines))
	block := false // inside a snippets block: each line names a file
	partials := mdxPartials(lines)
	var code codeFence // MDX partials are not shown in code
	skip := 0          // lines of a MyST include directive read already
	for i, l := range lines {
		if skip > 0 {
			skip--
			continue
		}
		if partials != nil && !block && !code.next(l.text) {
			if inc, ok := x.mdxPartial(l, partials, fsFile, depth); ok {
				out = append(out, inc...)
				continue
			}
		}
		sn := matchSnippet(l.text)
		switch {
		case sn != nil && sn.escape:
			// ";--8<--" shows the directive: one ';' goes.
			x.change = true
			out = append(out, line{strings.Replace(l.text, ";", "", 1), l.at})
			continue
		case sn != nil && sn.block && block:
			block = false
			x.change = true
			continue
		case sn != nil && sn.block:
			if !closes(lines[i+1:]) {
				x.warn(l.at, len(sn.space), CodeUnclosed, "%s: snippets block never closed; left as written", strings.TrimSpace(l.text))
				out = append(out, l)
				continue
			}
			block = true
			x.change = true
			continue
		case sn != nil && block:
			// pymdownx ignores a one-line directive directly in a block
			x.change = true
			continue
		case sn != nil:
			out = append(out, x.snippet(l, expandTabs(sn.space), sn.file, len(sn.space), strings.TrimSpace(l.text), depth)...)
			continue
		case block:
			x.change = true
			name := strings.TrimSpace(l.text)
			if name == "" {
				out = append(out, line{"", l.at})
				continue
			}
			if strings.HasPrefix(name, ";") {
				continue // commented out
			}
			space := leadingSpace(l.text)
			out = append(out, x.snippet(l, expandTabs(space), name, len(space), name, depth)...)
			continue
		}
		if !inSection {
			if sec := matchSection(l.text); sec != nil {
				x.change = true
				if !sec.escaped {
					continue // a section's marker is not shown
				}
				l.text = sec.unescaped
			}
		}
		if !x.quartoBook && strings.Contains(l.text, "{include}") {
			if inc, n, ok := x.myst(lines[i:], fsFile, depth); ok {
				out = append(out, inc...)
				skip = n - 1
				continue
			}
		}
		if !x.quartoBook && strings.Contains(l.text, "{csv-table}") {
			if inc, n, ok := x.mystCSV(lines[i:], fsFile); ok {
				out = append(out, inc...)
				skip = n - 1
				continue
			}
		}
		if x.quartoBook {
			if inc, ok := x.quarto(l, fsFile, depth); ok {
				out = append(out, inc...)
				continue
			}
		}
		out = append(out, x.mdbook(l, fsFile, depth)...)
	}
	return out
}

// closes reports whether a snippets block marker follows in lines.
func closes(lines []line) bool {
	for _, l := range lines {
		if sn := matchSnippet(l.text); sn != nil && !sn.escape && sn.block {
			return true
		}
	}
	return false
}

func leadingSpace(s string) string {
	return s[:len(s)-len(strings.TrimLeft(s, " \t"))]
}

// expandTabs makes an indentation of spaces, tabs to the next multiple of
// four, as Python-Markdown's tab_length.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r == '\t' {
			b.WriteString(strings.Repeat(" ", 4-b.Len()%4))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// read reads an FS file as lines, "\r\n" taken as "\n".
func (x *expander) read(fsPath string) (string, error) {
	data, err := fs.ReadFile(x.opt.FS, fsPath)
	if err != nil {
		return "", err
	}
	if name := x.bookName(fsPath); !x.files[name] {
		x.files[name] = true
		sum := sha256.Sum256(data)
		x.res.Files = append(x.res.Files, File{Name: name, Digest: hex.EncodeToString(sum[:])})
	}
	return string(data), nil
}

// enter checks that fsPath may be included depth deep from the files on
// the stack; a problem is reported at the directive.
func (x *expander) enter(fsPath string, depth int, at Origin, col int, directive string) bool {
	if depth >= MaxDepth {
		x.warn(at, col, CodeDepth, "%s: includes nested more than %d deep; left as written", directive, MaxDepth)
		return false
	}
	for i, f := range x.stack {
		if f == fsPath {
			chain := make([]string, 0, len(x.stack)-i+1)
			for _, g := range x.stack[i:] {
				chain = append(chain, x.bookName(g))
			}
			chain = append(chain, x.bookName(fsPath))
			x.warn(at, col, CodeCycle, "%s: %s includes itself (%s); left as written", directive, x.bookName(fsPath), strings.Join(chain, " → "))
			return false
		}
	}
	return true
}

// readFailed reports a file that could not be read.
func (x *expander) readFailed(at Origin, col int, directive, fsPath string, err error) {
	x.warn(at, col, CodeMissing, "%s: cannot read %s: %s; left as written", directive, x.bookName(fsPath), why(err))
}

// why says why a file could not be read, without its path.
func why(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "no such file"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func (x *expander) outside(at Origin, col int, directive, name string) {
	x.warn(at, col, CodeOutside, "%s: %s is outside the folders includes may be read from (%s: %s); left as written", directive, name, x.opt.Setting, x.opt.Allowed)
}

// allowed reports whether an FS path lies in one of the roots.
func (x *expander) allowed(p string) bool {
	for _, r := range x.opt.Roots {
		if within(r, p) {
			return true
		}
	}
	return false
}

func within(root, p string) bool {
	return root == "." || p == root || strings.HasPrefix(p, root+"/")
}

// escapes reports whether a cleaned FS path leaves the FS.
func escapes(p string) bool { return p == ".." || strings.HasPrefix(p, "../") || path.IsAbs(p) }

// bookName names an FS path relative to the book folder.
func (x *expander) bookName(p string) string { return rel(x.opt.Book, p) }

// rel is the slash path from folder dir to p, both clean paths of one FS.
func rel(dir, p string) string {
	if dir == "." {
		return p
	}
	if p == dir {
		return "."
	}
	if strings.HasPrefix(p, dir+"/") {
		return p[len(dir)+1:]
	}
	ds := strings.Split(dir, "/")
	ps := strings.Split(p, "/")
	if p == "." {
		ps = nil
	}
	n := 0
	for n < len(ds) && n < len(ps) && ds[n] == ps[n] {
		n++
	}
	parts := make([]string, 0, len(ds)-n+len(ps)-n)
	for range ds[n:] {
		parts = append(parts, "..")
	}
	parts = append(parts, ps[n:]...)
	return strings.Join(parts, "/")
}

// splitLines splits a file's text as Rust's str::lines does: on "\n", a
// "\r" before it dropped, no empty line after a final "\n".
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	s = strings.TrimSuffix(s, "\n")
	parts := strings.Split(s, "\n")
	for i, p := range parts {
		parts[i] = strings.TrimSuffix(p, "\r")
	}
	return parts
}
