// Package notebook reads a Jupyter notebook (.ipynb, nbformat 4, or 3
// rewritten as 4: v3.go) as a chapter. samizdat runs no code: the notebook is printed as it was
// saved. Convert turns it into Markdown for the chapters' own parser,
// so that its Markdown cells are read exactly as a MyST notebook's .md
// file is, and its outputs reach the pipelines the book already has:
// pictures as data: URLs (named by a digest of their bytes, checked as
// any picture is), HTML through the raw-HTML reading (pandas' tables
// become tables), text as fenced blocks in a group of class
// "nb-output", which Finish turns into output blocks.
//
// Each line of the Markdown made is placed in the notebook's JSON: a
// Markdown cell's lines at the lines of its source's strings, a code
// cell's at the line its cell starts on, so a warning about a cell's
// text names the notebook's line.
package notebook

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/diag"
)

// Codes of the problems Convert reports.
const (
	CodeMalformed = "notebook.malformed"  // not a notebook's JSON (error)
	CodeData      = "notebook.data"       // an output's picture data is not base64
	CodeCut       = "notebook.output-cut" // outputs longer than the setting allows, cut
	CodeError     = "notebook.error"      // a cell's output is an error it was not tagged to raise
	CodeOutput    = "notebook.output"     // an output of a kind not printed
	CodeNoOutputs = "notebook.no-outputs" // code cells, and not one output saved
)

// Options say how a notebook is printed.
type Options struct {
	// OutputLines is the most lines of one text output printed; the rest
	// is cut, with a note. 0: no limit.
	OutputLines int
	// Prompts prints Jupyter's execution counts, In [3]: and Out[3]:.
	Prompts bool
}

// Result is a notebook as Markdown.
type Result struct {
	Source []byte
	// Origins places each line of Source (1-based) in the notebook.
	Origins []int
	File    string
	// Language is the kernel's language ("" when the notebook does not
	// say).
	Language string
	Warnings []diag.Diagnostic
}

// Origin places line n of Source in the notebook, for the parser's
// messages.
func (r *Result) Origin(n int) (file string, line, shift int) {
	if n < 1 || n > len(r.Origins) {
		return r.File, 0, 0
	}
	return r.File, r.Origins[n-1], 0
}

// IsNotebook reports whether a chapter's file is a Jupyter notebook.
func IsNotebook(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), ".ipynb")
}

// raw is a notebook as its JSON has it; cells are read one by one, so
// that a problem names its cell.
type raw struct {
	NBFormat *int                       `json:"nbformat"`
	Metadata map[string]json.RawMessage `json:"metadata"`
	Cells    []json.RawMessage          `json:"cells"`
	// Worksheets hold the cells in nbformat 3 (v3.go)
	Worksheets []struct {
		Cells []json.RawMessage `json:"cells"`
	} `json:"worksheets"`
}

type cell struct {
	Type           string                       `json:"cell_type"`
	Source         multiline                    `json:"source"`
	Metadata       cellMeta                     `json:"metadata"`
	Outputs        []json.RawMessage            `json:"outputs"`
	ExecutionCount *int                         `json:"execution_count"`
	Attachments    map[string]map[string]string `json:"attachments"`
}

type cellMeta struct {
	Tags []string `json:"tags"`
	// Alt describes the cell's pictures (Jupyter Book reads none; a
	// notebook may give one for samizdat).
	Alt         string `json:"alt"`
	Format      string `json:"format"`
	RawMimetype string `json:"raw_mimetype"`
	// MystNB is MyST-NB's options for the cell's outputs (figure:
	// caption and name; image: alt and size); Myst is the same under
	// the older key. Read leniently (figureMeta): a notebook with odd
	// options is still a notebook.
	MystNB json.RawMessage `json:"mystnb"`
	Myst   json.RawMessage `json:"myst"`
}

type output struct {
	Type string    `json:"output_type"`
	Name string    `json:"name"`
	Text multiline `json:"text"`
	// Data is by MIME type: text for the types printed, JSON values
	// for others (application/json, a widget's view)
	Data           map[string]json.RawMessage `json:"data"`
	ExecutionCount *int                       `json:"execution_count"`
	EName          string                     `json:"ename"`
	EValue         string                     `json:"evalue"`
	Traceback      []string                   `json:"traceback"`
	Metadata       outputMeta                 `json:"metadata"`
}

// multiline is nbformat's text: one string, or a list of strings joined.
type multiline string

func (m *multiline) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*m = multiline(s)
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("a text (source, text or data) is neither a string nor a list of strings")
	}
	*m = multiline(strings.Join(list, ""))
	return nil
}

// converter writes one notebook's Markdown.
type converter struct {
	opt      Options
	file     string
	src      []byte
	lineAt   []int // byte offset of each line's start in src
	out      bytes.Buffer
	origins  []int
	lang     string
	errs     []diag.Diagnostic
	warns    []diag.Diagnostic
	cut      int // outputs cut
	cutFirst int // the first cut's cell
	cutLine  int
	errCells []int
	errLine  int
	skipped  map[string]int // output kinds not printed, by count
	figured  map[int]bool   // cells whose figure is printed
	skipLine int
	// code cells read and their outputs, for a notebook saved without
	// any
	codeCells, outputCount, firstCode int
}

// Convert reads a notebook's JSON. A notebook that cannot be read is an
// error: one diagnostic for each problem found, each naming the cell.
func Convert(src []byte, file string, opt Options) (*Result, error) {
	c := &converter{opt: opt, file: file, src: src, skipped: map[string]int{}, figured: map[int]bool{}}
	c.lineAt = []int{0}
	for i, b := range src {
		if b == '\n' {
			c.lineAt = append(c.lineAt, i+1)
		}
	}
	var nb raw
	if err := json.Unmarshal(src, &nb); err != nil {
		return nil, c.jsonError(err, 0, "")
	}
	if nb.NBFormat != nil && *nb.NBFormat != 4 && *nb.NBFormat != 3 {
		return nil, diag.Errorf(file, 1, CodeMalformed, "nbformat %d: samizdat reads notebooks of nbformat 4 and 3 (jupyter nbconvert --to notebook --nbformat 4 updates one)", *nb.NBFormat)
	}
	v3 := nb.NBFormat != nil && *nb.NBFormat == 3
	if v3 {
		nb.Cells = nil
		for _, ws := range nb.Worksheets {
			nb.Cells = append(nb.Cells, ws.Cells...)
		}
		if nb.Worksheets == nil {
			return nil, diag.Errorf(file, 1, CodeMalformed, "not a Jupyter notebook: no \"worksheets\" (a notebook's JSON of nbformat 3 has its cells in worksheets)")
		}
	}
	if nb.NBFormat == nil || nb.Cells == nil && !v3 {
		what := "nbformat"
		if nb.NBFormat != nil {
			what = "cells"
		}
		return nil, diag.Errorf(file, 1, CodeMalformed, "not a Jupyter notebook: no %q (a notebook's JSON has nbformat 4 and its cells)", what)
	}
	c.lang = kernelLanguage(nb.Metadata)
	starts := c.cellStarts()
	// every cell has a place, the notebook's top when its tokens could
	// not be followed
	for len(starts) < len(nb.Cells) {
		starts = append(starts, 0)
	}
	cells := make([]cell, len(nb.Cells))
	for i, rc := range nb.Cells {
		if v3 {
			var lang string
			rc, lang = cellV3(rc)
			if c.lang == "" && lang != "" {
				// nbformat 3 names a code cell's language, not the
				// kernel's
				c.lang = strings.ToLower(lang)
			}
		}
		if err := json.Unmarshal(rc, &cells[i]); err != nil {
			c.errs = append(c.errs, c.jsonError(err, starts[i], fmt.Sprintf("cell %d: ", i+1)))
			continue
		}
		if t := cells[i].Type; t != "markdown" && t != "code" && t != "raw" {
			c.errs = append(c.errs, diag.Errorf(file, c.line(starts[i]), CodeMalformed, "cell %d: cell_type %q is none of markdown, code and raw", i+1, t))
		}
	}
	if len(c.errs) > 0 {
		return nil, joinDiags(c.errs)
	}
	for i := range cells {
		c.cell(i, &cells[i], nb.Cells[i], starts[i])
	}
	c.finishWarnings()
	if len(c.errs) > 0 {
		return nil, joinDiags(c.errs)
	}
	return &Result{Source: c.out.Bytes(), Origins: c.origins, File: file, Language: c.lang, Warnings: c.warns}, nil
}

// joinDiags is the problems found as one error, which
// diag.FromError parts again.
func joinDiags(ds []diag.Diagnostic) error {
	errs := make([]error, len(ds))
	for i, d := range ds {
		errs[i] = d
	}
	return errors.Join(errs...)
}

// jsonError places a decoding error in the notebook; base is the offset
// of the text decoded (a cell's), prefix names the cell.
func (c *converter) jsonError(err error, base int, prefix string) diag.Diagnostic {
	var off int64 = -1
	msg := err.Error()
	switch e := err.(type) {
	case *json.SyntaxError:
		off = e.Offset
		msg = "JSON syntax: " + e.Error()
	case *json.UnmarshalTypeError:
		off = e.Offset
		msg = fmt.Sprintf("%s is %s, not the %s nbformat 4 has there", fieldName(e.Field), e.Value, e.Type.String())
	}
	line := 0
	if off >= 0 {
		line = c.line(base + int(off))
	} else if base > 0 {
		line = c.line(base)
	}
	return diag.Errorf(c.file, line, CodeMalformed, "%s%s", prefix, strings.TrimPrefix(msg, "json: "))
}

func fieldName(f string) string {
	if f == "" {
		return "the notebook"
	}
	return strconv.Quote(f)
}

// line is the 1-based line of byte offset off in the notebook.
func (c *converter) line(off int) int {
	return sort.Search(len(c.lineAt), func(i int) bool { return c.lineAt[i] > off })
}

// cellStarts finds the byte offset of each cell in the notebook by
// reading its JSON's tokens: the cells', or those of nbformat 3's
// worksheets in turn.
func (c *converter) cellStarts() []int {
	var starts []int
	dec := json.NewDecoder(bytes.NewReader(c.src))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	// cells reads a list of cells' places; false when the JSON cannot
	// be followed
	cells := func() bool {
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return false
		}
		for dec.More() {
			starts = append(starts, c.skipSpace(int(dec.InputOffset())))
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return false
			}
		}
		_, err := dec.Token()
		return err == nil
	}
	skip := func() bool {
		var v json.RawMessage
		return dec.Decode(&v) == nil
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return starts
		}
		// encoding/json matches keys regardless of case, and so must this
		key, _ := t.(string)
		switch {
		case strings.EqualFold(key, "cells"):
			cells()
			return starts
		case strings.EqualFold(key, "worksheets"):
			if t, err := dec.Token(); err != nil || t != json.Delim('[') {
				return starts
			}
			for dec.More() {
				if t, err := dec.Token(); err != nil || t != json.Delim('{') {
					return starts
				}
				for dec.More() {
					t, err := dec.Token()
					if err != nil {
						return starts
					}
					if k, _ := t.(string); strings.EqualFold(k, "cells") {
						if !cells() {
							return starts
						}
					} else if !skip() {
						return starts
					}
				}
				if _, err := dec.Token(); err != nil {
					return starts
				}
			}
			return starts
		default:
			if !skip() {
				return starts
			}
		}
	}
	return starts
}

// skipSpace moves off past blanks and a comma to the next value.
func (c *converter) skipSpace(off int) int {
	for off < len(c.src) && strings.IndexByte(" \t\r\n,", c.src[off]) >= 0 {
		off++
	}
	return off
}

// sourceLines finds the line of each string of a cell's source list
// (one per line of text, as Jupyter saves them); nil when the source is
// one string.
func (c *converter) sourceLines(rc json.RawMessage, start int) []int {
	dec := json.NewDecoder(bytes.NewReader(rc))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil
		}
		if key, _ := t.(string); !strings.EqualFold(key, "source") {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return nil
			}
			continue
		}
		off := c.skipSpace(start + int(dec.InputOffset()))
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return []int{c.line(off)}
		}
		var lines []int
		for dec.More() {
			lines = append(lines, c.line(c.skipSpace(start+int(dec.InputOffset()))))
			var s string
			if dec.Decode(&s) != nil {
				return nil
			}
		}
		return lines
	}
	return nil
}

// kernelLanguage is the language a notebook's code is in:
// kernelspec.language, else language_info.name.
func kernelLanguage(meta map[string]json.RawMessage) string {
	var ks struct {
		Language string `json:"language"`
	}
	if json.Unmarshal(meta["kernelspec"], &ks) == nil && ks.Language != "" {
		return strings.ToLower(ks.Language)
	}
	var li struct {
		Name string `json:"name"`
	}
	if json.Unmarshal(meta["language_info"], &li) == nil && li.Name != "" {
		return strings.ToLower(li.Name)
	}
	return ""
}

// emit writes lines of Markdown, each placed at line at of the
// notebook; a block is always followed by a blank line.
func (c *converter) emit(text string, at int) {
	for _, l := range strings.Split(text, "\n") {
		c.out.WriteString(l)
		c.out.WriteByte('\n')
		c.origins = append(c.origins, at)
	}
}

// block writes a block and the blank line that ends it.
func (c *converter) block(text string, at int) {
	c.emit(text, at)
	c.emit("", at)
}

func has(tags []string, tag string) bool {
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}

func (c *converter) cell(i int, cl *cell, rc json.RawMessage, start int) {
	at := c.line(start)
	tags := cl.Metadata.Tags
	if has(tags, "remove-cell") {
		return
	}
	switch cl.Type {
	case "markdown":
		c.markdownCell(i, cl, rc, start)
	case "raw":
		// a raw cell is for one output format; Markdown and HTML are
		// what a book can print
		switch f := strings.ToLower(cmpOr(cl.Metadata.Format, cl.Metadata.RawMimetype)); f {
		case "text/markdown", "markdown", "text/html", "html":
			c.markdownCell(i, cl, rc, start)
		}
	case "code":
		if !has(tags, "remove-input") && strings.TrimSpace(string(cl.Source)) != "" {
			if c.opt.Prompts {
				c.block(prompt("In", cl.ExecutionCount), at)
			}
			c.block(fenced(string(cl.Source), c.lang, ""), at)
		}
		if has(tags, "remove-output") {
			return
		}
		c.outputs(i, cl, start)
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// prompt is Jupyter's In [3]: as a paragraph of its own class.
func prompt(what string, n *int) string {
	count := " "
	if n != nil {
		count = strconv.Itoa(*n)
	}
	return "::: {.nb-prompt}\n" + what + "\\[" + count + "\\]:\n:::"
}

// attachmentRef is a Markdown cell's reference to one of its
// attachments.
var attachmentRef = regexp.MustCompile(`attachment:([^\s)"'>]+)`)

func (c *converter) markdownCell(i int, cl *cell, rc json.RawMessage, start int) {
	text := string(cl.Source)
	if len(cl.Attachments) > 0 {
		text = attachmentRef.ReplaceAllStringFunc(text, func(m string) string {
			name := m[len("attachment:"):]
			bundle, ok := cl.Attachments[name]
			if !ok {
				return m
			}
			if url, ok := c.dataURL(i, bundle, start); ok {
				return url
			}
			return m
		})
	}
	lines := c.sourceLines(rc, start)
	text = strings.ReplaceAll(text, "\r\n", "\n")
	for k, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		at := c.line(start)
		switch {
		case k < len(lines):
			at = lines[k]
		case len(lines) > 0:
			at = lines[len(lines)-1]
		}
		c.emit(l, at)
	}
	c.emit("", c.line(start))
}

// dataURL is the richest picture of a bundle as a data: URL; false when
// it holds none that decodes.
func (c *converter) dataURL(i int, bundle map[string]string, start int) (string, bool) {
	for _, mt := range []string{"image/svg+xml", "image/png", "image/jpeg", "image/gif"} {
		if d, ok := bundle[mt]; ok {
			data, ok := c.pictureData(i, mt, d, start)
			if !ok {
				return "", false
			}
			return "data:" + mt + ";base64," + base64.StdEncoding.EncodeToString(data), true
		}
	}
	return "", false
}

// pictureData decodes a picture of an output: SVG is text, the others
// base64. Data that does not decode is one warning.
func (c *converter) pictureData(i int, mt, d string, start int) ([]byte, bool) {
	if mt == "image/svg+xml" {
		return []byte(d), true
	}
	clean := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, d)
	data, err := base64.StdEncoding.DecodeString(clean)
	if err != nil {
		data, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(clean, "="))
	}
	if err != nil || len(data) == 0 {
		why := "empty"
		if err != nil {
			why = err.Error()
		}
		c.warns = append(c.warns, diag.Warnf(c.file, c.line(start), CodeData, "cell %d: %s data is not base64 (%s); a placeholder is printed in its place", i+1, mt, why))
		return nil, false
	}
	return data, true
}

// fenced is text as a fenced code block, its fence longer than any run
// of backticks in it.
func fenced(text, lang, attrs string) string {
	text = strings.TrimRight(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	n, run := 3, 0
	for _, r := range text {
		if r == '`' {
			run++
			if run >= n {
				n = run + 1
			}
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", n)
	info := lang
	if attrs != "" {
		info = attrs
	}
	return fence + info + "\n" + text + "\n" + fence
}

// ansi matches terminal escape sequences: colours in tracebacks and
// progress bars.
var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-Z\\-_]`)

// plainText is an output's text as a terminal shows it: escape codes
// gone, a line rewritten after a carriage return shown as it ended.
func plainText(s string) string {
	s = ansi.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if strings.Contains(s, "\r") {
		lines := strings.Split(s, "\n")
		for k, l := range lines {
			if j := strings.LastIndex(strings.TrimRight(l, "\r"), "\r"); j >= 0 {
				lines[k] = l[j+1:]
			} else {
				lines[k] = strings.TrimRight(l, "\r")
			}
		}
		s = strings.Join(lines, "\n")
	}
	return strings.Map(func(r rune) rune {
		if r < ' ' && r != '\n' && r != '\t' {
			return -1
		}
		return r
	}, s)
}
