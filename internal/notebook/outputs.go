package notebook

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// Order is the MIME types of a rich output, most preferred first: the
// first the output holds is printed. Pictures come first (a plot's
// text/plain is only "<Figure size 640x480>"); then HTML, whose tables
// (pandas' DataFrames) are tables in both outputs; then Markdown, then
// LaTeX when it is math (sympy's); text/plain last, since every output
// has it.
var Order = []string{"image/svg+xml", "image/png", "image/jpeg", "image/gif", "text/html", "text/markdown", "text/latex", "text/plain"}

func (c *converter) outputs(i int, cl *cell, start int) {
	at := c.line(start)
	c.codeCells++
	c.outputCount += len(cl.Outputs)
	if c.firstCode == 0 {
		c.firstCode = at
	}
	var outs []output
	for k, ro := range cl.Outputs {
		var o output
		if err := json.Unmarshal(ro, &o); err != nil {
			c.errs = append(c.errs, c.jsonError(err, start, fmt.Sprintf("cell %d, output %d: ", i+1, k+1)))
			continue
		}
		// Jupyter shows a stream's pieces as one text
		if n := len(outs); n > 0 && o.Type == "stream" && outs[n-1].Type == "stream" && outs[n-1].Name == o.Name {
			outs[n-1].Text += o.Text
			continue
		}
		outs = append(outs, o)
	}
	for _, o := range outs {
		switch o.Type {
		case "stream":
			if has(cl.Metadata.Tags, "remove-"+o.Name) {
				// Jupyter Book's remove-stdout, remove-stderr
				continue
			}
			class := ".nb-output .nb-stream"
			if o.Name == "stderr" {
				class += " .nb-stderr"
			}
			c.text(i, class, plainText(string(o.Text)), at)
		case "execute_result", "display_data":
			if hiddenGlue(o) {
				// glue("key", value, display=False): pasted where the
				// book's text asks for it, not here
				continue
			}
			if c.opt.Prompts && o.Type == "execute_result" {
				c.block(prompt("Out", o.ExecutionCount), at)
			}
			c.rich(i, cl, o, start)
		case "error":
			if !has(cl.Metadata.Tags, "raises-exception") {
				c.errCells = append(c.errCells, i+1)
				if c.errLine == 0 {
					c.errLine = at
				}
			}
			tb := plainText(strings.Join(o.Traceback, "\n"))
			if strings.TrimSpace(tb) == "" {
				tb = o.EName + ": " + o.EValue
			}
			c.text(i, ".nb-output .nb-error", tb, at)
		default:
			c.skip(o.Type, at)
		}
	}
}

func (c *converter) skip(what string, at int) {
	if len(c.skipped) == 0 {
		c.skipLine = at
	}
	c.skipped[what]++
}

// text prints an output's text as a preformatted block, cut at
// Options.OutputLines.
func (c *converter) text(i int, class, text string, at int) {
	text = strings.TrimRight(text, "\n")
	if strings.TrimSpace(text) == "" {
		return
	}
	lines := strings.Split(text, "\n")
	note := ""
	if max := c.opt.OutputLines; max > 0 && len(lines) > max {
		cut := len(lines) - max
		text = strings.Join(lines[:max], "\n")
		note = fmt.Sprintf("::: {.nb-cut}\n*(%d more %s of output not printed)*\n:::", cut, plural(cut, "line", "lines"))
		if c.cut == 0 {
			c.cutFirst, c.cutLine = i+1, at
		}
		c.cut++
	}
	c.block("::: {"+class+"}\n"+fenced(text, "", "")+"\n:::", at)
	if note != "" {
		c.block(note, at)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (c *converter) rich(i int, cl *cell, o output, start int) {
	at := c.line(start)
	for _, mt := range Order {
		raw, ok := o.Data[mt]
		if !ok {
			continue
		}
		var d multiline
		if json.Unmarshal(raw, &d) != nil {
			// a text type's data is text; anything else is a malformed
			// output, passed over as one no book shows
			continue
		}
		s := string(d)
		switch {
		case strings.HasPrefix(mt, "image/"):
			data, ok := c.pictureData(i, mt, s, start)
			if !ok {
				c.block(fmt.Sprintf("::: {.nb-output .nb-missing}\n*(%s output of cell %d: its data could not be read)*\n:::", mt, i+1), at)
				return
			}
			alt := cl.Metadata.Alt
			fm := figureMeta(cl.Metadata)
			if fm.alt != "" {
				alt = fm.alt
			}
			if alt == "" {
				alt = fmt.Sprintf("Output of cell %d", i+1)
			}
			url := "data:" + mt + ";base64," + base64.StdEncoding.EncodeToString(data)
			if fm.figure && !c.figured[i] {
				// the cell's first picture is the figure its metadata
				// captions and names, as MyST-NB makes it
				c.figured[i] = true
				c.block("::: {.nb-output .nb-picture}\n"+fm.directive(url, alt)+"\n:::", at)
				return
			}
			c.block("::: {.nb-output .nb-picture}\n!["+escapeInline(alt)+"]("+url+")\n:::", at)
			return
		case mt == "text/html":
			if !printableHTML(s) {
				continue
			}
			alt := cl.Metadata.Alt
			if alt == "" {
				alt = fmt.Sprintf("Output of cell %d", i+1)
			}
			c.block("::: {.nb-output .nb-html}\n\n"+describeImages(htmlBlock(s), alt)+"\n\n:::", at)
			return
		case mt == "text/markdown":
			c.block("::: {.nb-output .nb-markdown}\n\n"+strings.TrimRight(s, "\n")+"\n\n:::", at)
			return
		case mt == "text/latex":
			m, ok := displayMath(s)
			if !ok {
				continue
			}
			c.block("::: {.nb-output .nb-math}\n\n"+m+"\n\n:::", at)
			return
		case mt == "text/plain":
			if _, widget := o.Data["application/vnd.jupyter.widget-view+json"]; widget || len(o.Data) > 1 && reprOnly.MatchString(strings.TrimSpace(s)) {
				// a script's or widget's stand-in, <IPython.core.display.Javascript object>:
				// what it shows needs a browser running it
				continue
			}
			c.text(i, ".nb-output .nb-result", plainText(s), at)
			return
		}
	}
	kinds := make([]string, 0, len(o.Data))
	for k := range o.Data {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	if len(kinds) > 0 {
		c.skip(strings.Join(kinds, ", "), at)
	}
}

// reprOnly matches Python's default repr, all a script's or widget's
// output has as text.
var reprOnly = regexp.MustCompile(`^<[\w.]+ object( at 0x[0-9a-f]+)?>$`)

// describeImages gives the pictures of an output's HTML that have no
// description the cell's: matplotlib's inline backends write an <img>
// without alt.
func describeImages(html, alt string) string {
	var b strings.Builder
	for {
		i := strings.Index(strings.ToLower(html), "<img")
		if i < 0 {
			break
		}
		end := strings.IndexByte(html[i:], '>')
		if end < 0 {
			break
		}
		tag := html[i : i+end]
		b.WriteString(html[:i])
		if strings.Contains(strings.ToLower(tag), " alt=") {
			b.WriteString(tag)
		} else {
			b.WriteString("<img alt=\"" + strings.NewReplacer("&", "&amp;", "\"", "&quot;", "<", "&lt;").Replace(alt) + "\"" + tag[len("<img"):])
		}
		html = html[i+end:]
	}
	b.WriteString(html)
	return b.String()
}

// printableHTML reports whether an output's HTML prints: a widget's or a
// plot library's script draws nothing without the browser running it.
func printableHTML(s string) bool {
	l := strings.ToLower(s)
	return !strings.Contains(l, "<script") && !strings.Contains(l, "<iframe") && strings.TrimSpace(s) != ""
}

// styleElement matches a style sheet in an output's HTML.
var styleElement = regexp.MustCompile(`(?is)<style\b[^>]*>.*?</style\s*>`)

// blankLine matches a line with nothing but blanks, which would end an
// HTML block in Markdown.
var blankLine = regexp.MustCompile(`(?m)^[ \t]*\n`)

// htmlBlock is an output's HTML as one Markdown HTML block: blank lines
// inside would end it, and indented lines would be code.
func htmlBlock(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	// pandas styles each DataFrame's table for the notebook's page
	// (<style scoped>); the book styles its tables itself
	s = styleElement.ReplaceAllString(s, "")
	s = blankLine.ReplaceAllString(strings.TrimSpace(s)+"\n", "")
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	inPre := false
	for k, l := range lines {
		if !inPre {
			lines[k] = strings.TrimLeft(l, " \t")
		}
		low := strings.ToLower(l)
		if strings.Contains(low, "<pre") {
			inPre = true
		}
		if strings.Contains(low, "</pre") {
			inPre = false
		}
	}
	return strings.Join(lines, "\n")
}

// mathDelims are the ways an output's LaTeX is math.
var mathEnv = regexp.MustCompile(`^\\begin\{(equation|align|gather|multline|alignat|flalign|eqnarray)\*?\}`)

// displayMath is an output's LaTeX as display math; false when it is not
// math (a table's tabular, a document's text).
func displayMath(s string) (string, bool) {
	t := strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(t, "$$") && strings.HasSuffix(t, "$$") && len(t) > 4:
		t = strings.TrimSpace(t[2 : len(t)-2])
	case strings.HasPrefix(t, "\\[") && strings.HasSuffix(t, "\\]"):
		t = strings.TrimSpace(t[2 : len(t)-2])
	case strings.HasPrefix(t, "$") && strings.HasSuffix(t, "$") && len(t) > 2:
		t = strings.TrimSpace(t[1 : len(t)-1])
	case mathEnv.MatchString(t):
		return t, true
	default:
		return "", false
	}
	if t == "" || strings.Contains(t, "$$") {
		return "", false
	}
	t = blankLine.ReplaceAllString(t+"\n", "")
	return "$$\n" + strings.TrimRight(t, "\n") + "\n$$", true
}

// escapeInline escapes what Markdown would read in alt text.
func escapeInline(s string) string {
	var b strings.Builder
	for _, r := range strings.Join(strings.Fields(s), " ") {
		if strings.ContainsRune("\\`*_[]<>!&$", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// finishWarnings sums up the notebook's cut outputs, unexpected errors
// and unprinted outputs, one warning each.
func (c *converter) finishWarnings() {
	if c.cut > 0 {
		more := ""
		if c.cut > 1 {
			more = fmt.Sprintf(" (and %d more)", c.cut-1)
		}
		c.warns = append(c.warns, diag.Warnf(c.file, c.cutLine, CodeCut, "cell %d: an output%s longer than %d lines, cut there with a note (markdown.notebook_output_lines)", c.cutFirst, more, c.opt.OutputLines))
	}
	if len(c.errCells) > 0 {
		c.warns = append(c.warns, diag.Warnf(c.file, c.errLine, CodeError, "%s %s saved an error, printed as its traceback (tag a cell raises-exception when the error is meant)", plural(len(c.errCells), "cell", "cells"), listNumbers(c.errCells)))
	}
	if c.codeCells > 0 && c.outputCount == 0 {
		c.warns = append(c.warns, diag.Warnf(c.file, c.firstCode, CodeNoOutputs, "code cells printed as their code alone: the notebook was saved without outputs (run it in Jupyter and save it to print them)"))
	}
	if len(c.skipped) > 0 {
		kinds := make([]string, 0, len(c.skipped))
		for k := range c.skipped {
			kinds = append(kinds, k)
		}
		slices.Sort(kinds)
		c.warns = append(c.warns, diag.Warnf(c.file, c.skipLine, CodeOutput, "outputs no book can show left out: %s", strings.Join(kinds, "; ")))
	}
}

func listNumbers(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	if len(s) > 5 {
		s = append(s[:5], "…")
	}
	return strings.Join(s, ", ")
}

// Finish turns the notebook's parsed output groups into what they
// print as: a text output's group, around one code block, becomes that
// block with the group's classes (an output, not code, in both
// outputs).
func Finish(blocks []doc.Block) []doc.Block {
	out := blocks[:0]
	for _, b := range blocks {
		if d, ok := b.(*doc.Div); ok {
			if slices.Contains(d.Classes, "nb-output") && len(d.Blocks) == 1 {
				if cb, ok := d.Blocks[0].(*doc.CodeBlock); ok {
					cb.Classes = append(slices.Clone(d.Classes), cb.Classes...)
					out = append(out, cb)
					continue
				}
			}
			d.Blocks = Finish(d.Blocks)
		}
		out = append(out, b)
	}
	return out
}
