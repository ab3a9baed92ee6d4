package build

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
	"github.com/samizdat-press/samizdat/internal/validate"
)

var notebookShared sharedBook

// notebookBook is a book of two Jupyter notebooks: an extract of A
// Whirlwind Tour of Python's data science chapter (CC0; a DataFrame and
// a matplotlib plot), and one of our own with each kind of cell and
// output: a stream cut short, an error, a picture, a formula, an
// attachment, tags, and a picture whose data is not base64.
func notebookBook(t *testing.T) *sharedBook {
	return notebookShared.get(t, func(dir string) (string, Options, error) {
		pandas, err := os.ReadFile("../notebook/testdata/whirlwind-pandas.ipynb")
		if err != nil {
			return "", Options{}, err
		}
		png := base64.StdEncoding.EncodeToString([]byte(tinyPNG(t)))
		var long strings.Builder
		for i := range 30 {
			long.WriteString("step " + strings.Repeat("#", i%7) + "\n")
		}
		cells := []any{
			map[string]any{"cell_type": "markdown", "metadata": map[string]any{}, "source": []string{"# Kinds of output\n", "\n", "A cat: ![a drawn cat](attachment:cat.png)\n", "\n", "$$\n", "E = mc^2\n", "$$"},
				"attachments": map[string]any{"cat.png": map[string]string{"image/png": png}}},
			code("for i in range(30): print(i)", map[string]any{"output_type": "stream", "name": "stdout", "text": long.String()}),
			code("1/0", map[string]any{"output_type": "error", "ename": "ZeroDivisionError", "evalue": "division by zero",
				"traceback": []string{"\x1b[0;31mZeroDivisionError\x1b[0m Traceback", "\x1b[0;31mZeroDivisionError\x1b[0m: division by zero"}}),
			code("plot()", map[string]any{"output_type": "display_data", "metadata": map[string]any{}, "data": map[string]any{"image/png": png, "text/plain": "<Figure>"}}),
			code("broken()", map[string]any{"output_type": "display_data", "metadata": map[string]any{}, "data": map[string]any{"image/png": "%%%"}}),
			code("sympy.sqrt(x)", map[string]any{"output_type": "execute_result", "execution_count": 6, "metadata": map[string]any{}, "data": map[string]any{"text/latex": "$\\displaystyle \\sqrt{x}$", "text/plain": "sqrt(x)"}}),
			map[string]any{"cell_type": "code", "execution_count": 7, "metadata": map[string]any{"tags": []string{"remove-input"}}, "source": "secret_setup()",
				"outputs": []any{map[string]any{"output_type": "stream", "name": "stderr", "text": "a warning from the library\n"}}},
		}
		own, err := json.MarshalIndent(map[string]any{"cells": cells, "nbformat": 4, "nbformat_minor": 5,
			"metadata": map[string]any{"kernelspec": map[string]string{"language": "python", "name": "python3"}}}, "", " ")
		if err != nil {
			return "", Options{}, err
		}
		opts := Options{Flags: map[string]string{"markdown.notebook_output_lines": "20"}, FlagOrigins: map[string]string{"markdown.notebook_output_lines": "flag --set"}}
		return dir, opts, writeFiles(dir, map[string]string{
			"manifest.yaml": "title: Notebooks\nlanguage: en\nchapters:\n  - kinds.ipynb\n  - pandas.ipynb\n",
			"kinds.ipynb":   string(own),
			"pandas.ipynb":  string(pandas),
		})
	})
}

func code(source string, outputs ...any) map[string]any {
	return map[string]any{"cell_type": "code", "execution_count": 1, "metadata": map[string]any{}, "source": source, "outputs": outputs}
}

// TestNotebookBook: both outputs print what the notebooks hold: code,
// outputs set apart, the table, the pictures, the formula; the warnings
// are one for each problem.
func TestNotebookBook(t *testing.T) {
	t.Parallel()
	b := notebookBook(t)
	if b.err != nil {
		t.Fatal(b.err)
	}
	got := regexp.MustCompile(`(?m)^warning: book/`).ReplaceAllString(strings.TrimSpace(b.stderr), "")
	want := []string{
		"kinds.ipynb:21: cell 2: an output longer than 20 lines, cut there with a note (markdown.notebook_output_lines)",
		"kinds.ipynb:34: cell 3 saved an error, printed as its traceback (tag a cell raises-exception when the error is meant)",
		"kinds.ipynb:67: cell 5: image/png data is not base64 (illegal base64 data at input byte 0); a placeholder is printed in its place",
		// the extract's link to a chapter it leaves out
		`pandas.ipynb:9:36: link "16-Further-Resources.ipynb": no file 16-Further-Resources.ipynb in the book folder; printed as text`,
		"pandas.ipynb:125: outputs no book can show left out: application/javascript, text/plain",
	}
	if got != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	files := filetest.ReadZip(t, b.path("notebooks.epub"))
	kinds, pandas := files["EPUB/xhtml/kinds.xhtml"], files["EPUB/xhtml/pandas.xhtml"]
	for _, want := range []string{
		`<code class="language-python" translate="no">for i in range(30): print(i)</code>`,
		`<pre class="nb-output nb-stream"><code translate="no">step`,
		"(10 more lines of output not printed)",
		`<pre class="nb-output nb-error"><code translate="no">ZeroDivisionError Traceback`,
		`alt="a drawn cat"`,
		`alt="Output of cell 4"`,
		"<math",
		"(image/png output of cell 5: its data could not be read)",
		`<pre class="nb-output nb-stream nb-stderr"><code translate="no">a warning from the library`,
	} {
		if !strings.Contains(kinds, want) {
			t.Errorf("kinds.xhtml lacks %s", want)
		}
	}
	for _, not := range []string{"secret_setup", "\x1b", "&lt;Figure&gt;", `<code translate="no">sqrt(x)`} {
		if strings.Contains(kinds, not) {
			t.Errorf("kinds.xhtml holds %q", not)
		}
	}
	for _, want := range []string{"<table", "<td>A</td>", `alt="Output of cell 7"`} {
		if !strings.Contains(pandas, want) {
			t.Errorf("pandas.xhtml lacks %s", want)
		}
	}
	pictures := 0
	for name := range files {
		if strings.HasSuffix(name, ".png") && !strings.HasSuffix(name, "/cover.png") {
			pictures++
		}
	}
	// the cat and the plot are the same bytes, one file; the matplotlib plot
	if pictures != 2 {
		t.Errorf("%d pictures in the EPUB, want 2", pictures)
	}
	text := validate.PDFText(t, b.path("notebooks.pdf"))
	for _, want := range []string{"Kinds of output", "ZeroDivisionError: division by zero", "a warning from the library", "label"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}
