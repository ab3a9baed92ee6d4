package notebook

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// nb writes a notebook of cells (each a JSON object) as Jupyter saves
// one, a field to a line.
func nb(cells ...string) string {
	return "{\n \"cells\": [\n" + strings.Join(cells, ",\n") + "\n ],\n \"metadata\": {\"kernelspec\": {\"language\": \"python\", \"name\": \"python3\"}},\n \"nbformat\": 4,\n \"nbformat_minor\": 2\n}\n"
}

func code(source, outputs string, tags ...string) string {
	meta := "{}"
	if len(tags) > 0 {
		t, _ := json.Marshal(tags)
		meta = `{"tags": ` + string(t) + `}`
	}
	return `  {"cell_type": "code", "execution_count": 3, "metadata": ` + meta + `, "source": ` + jsonString(source) + `, "outputs": [` + outputs + `]}`
}

func md(source string) string {
	return `  {"cell_type": "markdown", "metadata": {}, "source": ` + jsonString(source) + `}`
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func messages(ds []diag.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Error()+" ["+d.Code+"]")
	}
	return out
}

// TestMalformed: a notebook that cannot be read is an error for each
// problem, naming its line and cell.
func TestMalformed(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"not JSON", "{\n \"cells\": [\n  {\"cell_type\": \"code\",,}\n ]\n}\n",
			[]string{"nb.ipynb:3: JSON syntax: invalid character ',' looking for beginning of object key string [notebook.malformed]"}},
		{"no cells", `{"nbformat": 4, "metadata": {}}`,
			[]string{`nb.ipynb:1: not a Jupyter notebook: no "cells" (a notebook's JSON has nbformat 4 and its cells) [notebook.malformed]`}},
		{"no nbformat", `{"cells": []}`,
			[]string{`nb.ipynb:1: not a Jupyter notebook: no "nbformat" (a notebook's JSON has nbformat 4 and its cells) [notebook.malformed]`}},
		{"nbformat 2", `{"nbformat": 2, "worksheets": []}`,
			[]string{"nb.ipynb:1: nbformat 2: samizdat reads notebooks of nbformat 4 and 3 (jupyter nbconvert --to notebook --nbformat 4 updates one) [notebook.malformed]"}},
		{"nbformat 3 without worksheets", `{"nbformat": 3, "cells": []}`,
			[]string{`nb.ipynb:1: not a Jupyter notebook: no "worksheets" (a notebook's JSON of nbformat 3 has its cells in worksheets) [notebook.malformed]`}},
		{"nbformat 3: a cell's problem named in the file's terms", "{\"nbformat\": 3, \"worksheets\": [{\"cells\": [\n {\"cell_type\": \"code\", \"input\": 7}\n]}]}",
			[]string{"nb.ipynb:2: cell 1: a text (source, text or data) is neither a string nor a list of strings [notebook.malformed]"}},
		{"cells wrong: each problem once, at its cell", nb(md("# A"), `  {"cell_type": "heading", "source": "x"}`, `  {"cell_type": "code", "source": 7}`),
			[]string{
				`nb.ipynb:4: cell 2: cell_type "heading" is none of markdown, code and raw [notebook.malformed]`,
				`nb.ipynb:5: cell 3: a text (source, text or data) is neither a string nor a list of strings [notebook.malformed]`,
			}},
		{"an output of the wrong shape", nb(code("x", `{"output_type": "stream", "name": "stdout", "text": 5}`)),
			[]string{"nb.ipynb:3: cell 1, output 1: a text (source, text or data) is neither a string nor a list of strings [notebook.malformed]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Convert([]byte(tt.src), "nb.ipynb", Options{})
			if err == nil {
				t.Fatalf("no error; got\n%s", r.Source)
			}
			got := messages(diag.FromError(err))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestCells: what each kind of cell and output prints as, and the
// warnings it gives.
func TestCells(t *testing.T) {
	png := base64.StdEncoding.EncodeToString([]byte("\x89PNG\r\n\x1a\nfake"))
	long := strings.Repeat("line\n", 12)
	tests := []struct {
		name  string
		src   string
		opt   Options
		has   []string // in the Markdown
		hasnt []string
		warns []string
	}{
		{"code in the kernel's language, a stream after it", nb(code("print(1)", `{"output_type": "stream", "name": "stdout", "text": ["1\n"]}`)), Options{},
			[]string{"```python\nprint(1)\n```\n", "::: {.nb-output .nb-stream}\n```\n1\n```\n:::"}, nil, nil},
		{"stderr marked; stream pieces joined; ANSI colours and progress rewrites gone", nb(code("x", `{"output_type": "stream", "name": "stderr", "text": "\u001b[31mwarn\u001b[0m a\n"}, {"output_type": "stream", "name": "stderr", "text": "10%\r50%\r100%\n"}`)), Options{},
			[]string{"::: {.nb-output .nb-stream .nb-stderr}\n```\nwarn a\n100%\n```"}, []string{"\x1b"}, nil},
		{"a picture first, text/plain left", nb(code("plot()", `{"output_type": "display_data", "data": {"image/png": "`+png+`", "text/plain": ["<Figure size 640x480>"]}, "metadata": {}}`)), Options{},
			[]string{"![Output of cell 1](data:image/png;base64," + png + ")"}, []string{"Figure size"}, nil},
		{"bad base64: a placeholder and one warning", nb(code("plot()", `{"output_type": "display_data", "data": {"image/png": "@@@not base64"}, "metadata": {}}`)), Options{},
			[]string{"*(image/png output of cell 1: its data could not be read)*"}, []string{"data:image"},
			[]string{"nb.ipynb:3: cell 1: image/png data is not base64 (illegal base64 data at input byte 0); a placeholder is printed in its place [notebook.data]"}},
		{"a DataFrame's HTML, blank lines and indentation gone", nb(code("df", `{"output_type": "execute_result", "execution_count": 3, "data": {"text/html": ["<div>\n", "<style scoped>\n", "    .dataframe tbody tr th {\n", "\n", "    }\n", "</style>\n", "\n", "    <table>\n", "  <tr><td>1</td></tr>\n", "</table>\n", "</div>"], "text/plain": ["   a\n0  1"]}, "metadata": {}}`)), Options{},
			[]string{"::: {.nb-output .nb-html}\n\n<div>\n<table>\n<tr><td>1</td></tr>\n</table>\n</div>\n\n:::"}, []string{"0  1", "style", "dataframe"}, nil},
		{"LaTeX that is math is display math; a tabular is not", nb(code("x", `{"output_type": "execute_result", "data": {"text/latex": "$\\displaystyle x^2$", "text/plain": "x**2"}, "metadata": {}}, {"output_type": "execute_result", "data": {"text/latex": "\\begin{tabular}{l}a\\end{tabular}", "text/plain": "a"}, "metadata": {}}`)), Options{},
			[]string{"$$\n\\displaystyle x^2\n$$", "```\na\n```"}, []string{"tabular"}, nil},
		{"text/markdown as Markdown", nb(code("x", `{"output_type": "display_data", "data": {"text/markdown": "**bold**", "text/plain": "<IPython.core.display.Markdown object>"}, "metadata": {}}`)), Options{},
			[]string{"::: {.nb-output .nb-markdown}\n\n**bold**\n\n:::"}, []string{"IPython"}, nil},
		{"a script's output left out, with one warning", nb(code("x", `{"output_type": "display_data", "data": {"application/javascript": "alert(1)", "text/plain": "<IPython.core.display.Javascript object>"}, "metadata": {}}`)), Options{},
			nil, []string{"IPython", "alert"}, []string{"nb.ipynb:3: outputs no book can show left out: application/javascript, text/plain [notebook.output]"}},
		{"a widget's view, its data a JSON object, left out with its stand-in text", nb(code("interact(f)", `{"output_type": "display_data", "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "27908f", "version_major": 2}, "text/plain": ["interactive(children=(Dropdown(value=5), Output()))"]}, "metadata": {}}`)), Options{},
			nil, []string{"interactive(children", "27908f"}, []string{"nb.ipynb:3: outputs no book can show left out: application/vnd.jupyter.widget-view+json, text/plain [notebook.output]"}},
		{"an error untagged warns; tagged raises-exception it does not", nb(code("1/0", `{"output_type": "error", "ename": "ZeroDivisionError", "evalue": "division by zero", "traceback": ["\u001b[0;31mZeroDivisionError\u001b[0m: division by zero"]}`), code("2/0", `{"output_type": "error", "ename": "E", "evalue": "v", "traceback": []}`, "raises-exception")), Options{},
			[]string{"::: {.nb-output .nb-error}\n```\nZeroDivisionError: division by zero\n```", "```\nE: v\n```"}, nil,
			[]string{"nb.ipynb:3: cell 1 saved an error, printed as its traceback (tag a cell raises-exception when the error is meant) [notebook.error]"}},
		{"a long output cut, with a note and one warning for all", nb(code("a", `{"output_type": "stream", "name": "stdout", "text": "`+strings.ReplaceAll(long, "\n", `\n`)+`"}`), code("b", `{"output_type": "execute_result", "data": {"text/plain": "`+strings.ReplaceAll(long, "\n", `\n`)+`"}, "metadata": {}}`)), Options{OutputLines: 10},
			[]string{"*(2 more lines of output not printed)*"}, nil,
			[]string{"nb.ipynb:3: cell 1: an output (and 1 more) longer than 10 lines, cut there with a note (markdown.notebook_output_lines) [notebook.output-cut]"}},
		{"tags: remove-cell, remove-input, remove-output; hide-input printed", nb(code("gone()", `{"output_type": "stream", "name": "stdout", "text": "gone"}`, "remove-cell"), code("hidden_in()", `{"output_type": "stream", "name": "stdout", "text": "shown out"}`, "remove-input"), code("shown_in()", `{"output_type": "stream", "name": "stdout", "text": "hidden out"}`, "remove-output"), code("folded()", "", "hide-input")), Options{},
			[]string{"shown out", "shown_in()", "folded()"}, []string{"gone", "hidden_in", "hidden out"}, nil},
		{"remove-stdout and remove-stderr leave out their stream", nb(code("run()", `{"output_type": "stream", "name": "stdout", "text": "noise"}, {"output_type": "stream", "name": "stderr", "text": "kept"}`, "remove-stdout"), code("run()", `{"output_type": "stream", "name": "stderr", "text": "alarm"}, {"output_type": "stream", "name": "stdout", "text": "shown"}`, "remove-stderr")), Options{},
			[]string{"kept", "shown"}, []string{"noise", "alarm"}, nil},
		{"a notebook saved without outputs: its code, and one warning", nb(md("# A"), code("a()", ""), code("b()", "")), Options{},
			[]string{"a()", "b()"}, nil, []string{"nb.ipynb:4: code cells printed as their code alone: the notebook was saved without outputs (run it in Jupyter and save it to print them) [notebook.no-outputs]"}},
		{"prompts when asked", nb(code("1+1", `{"output_type": "execute_result", "execution_count": 3, "data": {"text/plain": "2"}, "metadata": {}}`)), Options{Prompts: true},
			[]string{"In\\[3\\]:", "Out\\[3\\]:"}, nil, nil},
		{"no prompts by default", nb(code("1+1", `{"output_type": "execute_result", "execution_count": 3, "data": {"text/plain": "2"}, "metadata": {}}`)), Options{},
			nil, []string{"In\\["}, nil},
		{"an attachment is its picture; a fence outlasts backticks in the code", nb(`  {"cell_type": "markdown", "metadata": {}, "source": ["![a cat](attachment:cat.png)"], "attachments": {"cat.png": {"image/png": "`+png+`"}}}`, code("s = '````'", `{"output_type": "stream", "name": "stdout", "text": "ok"}`)), Options{},
			[]string{"![a cat](data:image/png;base64," + png + ")", "`````python\ns = '````'\n`````"}, []string{"attachment:"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Convert([]byte(tt.src), "nb.ipynb", tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			got := string(r.Source)
			for _, s := range tt.has {
				if !strings.Contains(got, s) {
					t.Errorf("no %q in\n%s", s, got)
				}
			}
			for _, s := range tt.hasnt {
				if strings.Contains(got, s) {
					t.Errorf("%q in\n%s", s, got)
				}
			}
			if w := messages(r.Warnings); strings.Join(w, "\n") != strings.Join(tt.warns, "\n") {
				t.Errorf("warnings\n%s\nwant\n%s", strings.Join(w, "\n"), strings.Join(tt.warns, "\n"))
			}
			if len(r.Origins) != strings.Count(got, "\n") {
				t.Errorf("%d origins for %d lines", len(r.Origins), strings.Count(got, "\n"))
			}
		})
	}
}

// TestMarkdownLines: a Markdown cell's lines are placed at its source's
// lines, so the parser's warnings name the notebook's.
func TestMarkdownLines(t *testing.T) {
	src := nb(md("# A"), "  {\"cell_type\": \"markdown\", \"metadata\": {},\n   \"source\": [\n    \"Text\\n\",\n    \"[link](#nowhere) {unknownrole}`x`\"\n   ]\n  }")
	r, err := Convert([]byte(src), "nb.ipynb", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ch, err := markdown.New().ParseMapped(r.Source, "nb.ipynb", r)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(messages(ch.Warnings), "\n")
	if !strings.Contains(got, "nb.ipynb:7:") {
		t.Errorf("warnings do not name line 7, the cell's second source line:\n%s", got)
	}
}

// TestGolden: an extract of a real notebook (A Whirlwind Tour of
// Python's errors chapter, CC0) as the chapter's tree, and a notebook of
// nbformat 3 with each of its kinds of cell and output.
func TestGolden(t *testing.T) {
	for _, name := range []string{"whirlwind-errors", "v3-kinds"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile("testdata/" + name + ".ipynb")
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			r, err := Convert(src, name+".ipynb", Options{OutputLines: 500})
			if err != nil {
				t.Fatal(err)
			}
			ch, err := markdown.New().ParseMapped(r.Source, name+".ipynb", r)
			if err != nil {
				t.Fatal(err)
			}
			doc.DumpBlocks(&b, Finish(ch.Blocks))
			for _, w := range append(r.Warnings, ch.Warnings...) {
				b.WriteString("warning: " + w.Error() + "\n")
			}
			golden := "testdata/" + name + ".golden"
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs (run go test -update and review the diff); got:\n%s", golden, b.String())
			}
		})
	}
}

// TestNBFormat3: a real notebook IPython 2 saved in nbformat 3 (the
// IPython Cookbook's route planner) is read as its nbformat 4 form
// would be: its cells in order, each code cell's input as code in the
// cells' language, its results, and its DataFrame a table.
func TestNBFormat3(t *testing.T) {
	src, err := os.ReadFile("testdata/cookbook-v3-gps.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Convert(src, "gps.ipynb", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Language != "python" {
		t.Errorf("language %q, want the cells' python", r.Language)
	}
	ch, err := markdown.New().ParseMapped(r.Source, "gps.ipynb", r)
	if err != nil {
		t.Fatal(err)
	}
	var headings, code []string
	var results, tables int
	doc.Walk(Finish(ch.Blocks), doc.Visitor{Block: func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Heading:
			headings = append(headings, fmt.Sprintf("%d %s", b.Level, doc.PlainText(b.Content)))
		case *doc.CodeBlock:
			if slices.Contains(b.Classes, "nb-result") {
				results++
			} else if b.Language == "python" {
				code = append(code, b.Text)
			}
		case *doc.Table:
			tables++
		}
		return true
	}})
	if len(headings) < 3 || headings[0] != "1 Featured Recipe #3: Creating a route planner for road network" || headings[1] != "2 Getting Ready" {
		t.Errorf("headings %q", headings)
	}
	if len(code) != 17 || code[0] != "!pip install smopy" || !strings.HasPrefix(code[2], "g = nx.read_shp(") {
		t.Errorf("%d code cells, first %q", len(code), code[:min(3, len(code))])
	}
	if results != 3 || tables != 1 {
		t.Errorf("%d results and %d tables, want the 3 pyout texts and the DataFrame", results, tables)
	}
	// every output is one samizdat prints
	for _, w := range append(r.Warnings, ch.Warnings...) {
		t.Errorf("warning: %v", w)
	}
}

// TestPandas: a real notebook's DataFrame is a table, and its plot,
// drawn by matplotlib's notebook backend as a script and an HTML
// picture, is the picture, described, the script left out.
func TestPandas(t *testing.T) {
	src, err := os.ReadFile("testdata/whirlwind-pandas.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Convert(src, "p.ipynb", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ch, err := markdown.New().ParseMapped(r.Source, "p.ipynb", r)
	if err != nil {
		t.Fatal(err)
	}
	var tables, pictures int
	doc.Walk(Finish(ch.Blocks), doc.Visitor{Block: func(b doc.Block) bool {
		if _, ok := b.(*doc.Table); ok {
			tables++
		}
		return true
	}, Inline: func(in doc.Inline) bool {
		if img, ok := in.(*doc.Image); ok && strings.HasPrefix(img.Src, "data:image/png;base64,") && img.Alt == "Output of cell 7" {
			pictures++
		}
		return true
	}})
	if tables != 1 || pictures != 1 {
		t.Errorf("%d tables, %d described pictures; want 1 and 1\n%s", tables, pictures, r.Source)
	}
	if w := messages(r.Warnings); len(w) != 1 || !strings.Contains(w[0], "application/javascript") {
		t.Errorf("warnings %q; want one for the script", w)
	}
}

// FuzzConvert: no notebook brings the reader down, and what it makes
// places every line.
func FuzzConvert(f *testing.F) {
	f.Add([]byte(nb(md("# A\n\n$$\nx\n$$"), code("print(1)", `{"output_type": "stream", "name": "stdout", "text": ["1\n"]}`))))
	f.Add([]byte(`{"nbformat": 4, "cells": [{"cell_type": "code", "source": ["a"], "outputs": [{"output_type": "display_data", "data": {"image/png": "AAAA", "text/html": "<img src=x>"}}]}]}`))
	f.Add([]byte(`{"nbformat": 4, "cells": [{"cell_type": "markdown", "source": "![x](attachment:a.png)", "attachments": {"a.png": {"image/png": "!!"}}}]}`))
	for _, name := range []string{"whirlwind-errors", "v3-kinds"} {
		if src, err := os.ReadFile("testdata/" + name + ".ipynb"); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte(`{"nbformat": 3, "worksheets": [{"cells": [{"cell_type": "heading", "level": 9, "source": 5}, {"cell_type": "code", "input": ["a"], "outputs": [{"output_type": "pyout", "png": 7}]}]}, {}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		r, err := Convert(src, "f.ipynb", Options{OutputLines: 5})
		if err != nil {
			for _, d := range diag.FromError(err) {
				if d.Code != CodeMalformed || d.File != "f.ipynb" {
					t.Fatalf("error %v", d)
				}
			}
			return
		}
		if len(r.Origins) != bytes.Count(r.Source, []byte("\n")) {
			t.Fatalf("%d origins for %d lines", len(r.Origins), bytes.Count(r.Source, []byte("\n")))
		}
	})
}
