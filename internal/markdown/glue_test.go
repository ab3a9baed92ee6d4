package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

func TestPyFormat(t *testing.T) {
	for _, c := range []struct{ value, spec, want, err string }{
		{"3.14159", ".2f", "3.14", ""},
		{"np.float64(0.5)", ".1%", "50.0%", ""},
		{"1234567.891", ",.1f", "1,234,567.9", ""},
		{"0.00001234", ".2e", "1.23e-05", ""},
		{"-2.5", "+.1f", "-2.5", ""},
		{"2.5", "+.1f", "+2.5", ""},
		{"42", "05d", "00042", ""},
		{"42", ">6d", "    42", ""},
		{"'text'", "s", "'text'", ""},
		{"0.333333", ".3g", "0.333", ""},
		{"4.5", "d", "", `format spec "d" is for whole numbers, and 4.5 is not one`},
		{"text", ".2f", "", `format spec ".2f" is for numbers, and "text" is none`},
		{"1", ".2q", "", `format spec ".2q" is not one Python reads`},
	} {
		got, err := pyFormat(c.value, c.spec)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != c.want || msg != c.err {
			t.Errorf("pyFormat(%q, %q) = %q, %q; want %q, %q", c.value, c.spec, got, msg, c.want, c.err)
		}
	}
}

// TestGlue pastes values as MyST-NB's roles and directives do, and
// warns of a key no notebook glued at the role's place.
func TestGlue(t *testing.T) {
	vals := map[string]GlueValue{
		"mean": {"text/plain": "np.float64(3.14159)"},
		"name": {"text/plain": "'Ada'"},
		"plot": {"image/png": "iVBORw0K\nGgo=", "text/plain": "<Figure size 640x480 with 1 Axes>"},
		"eq":   {"text/latex": "$\\displaystyle x^{2}$", "text/plain": "x**2"},
	}
	glue := func(key string) (GlueValue, error) {
		if v, ok := vals[key]; ok {
			return v, nil
		}
		return nil, fmt.Errorf("no notebook of the book glued %q", key)
	}
	src := "Mean {glue:text}`mean:.2f`, by {glue:text}`name`, raw {glue:}`name`, {glue:}`nokey`.\n\n" +
		"```{glue:figure} plot\n:name: fig-plot\n\nThe plot.\n```\n\n" +
		"```{glue:math} eq\n:label: eq-sq\n```\n\n" +
		"```{glue:text} missing\n```\n"
	ch, err := New().ParseGlued([]byte(src), "ch.ipynb", nil, glue)
	if err != nil {
		t.Fatal(err)
	}
	var texts, codes []string
	var fig *doc.Figure
	var eq *doc.Paragraph
	doc.Walk(ch.Blocks, doc.Visitor{
		Block: func(b doc.Block) bool {
			switch b := b.(type) {
			case *doc.Figure:
				fig = b
			case *doc.Paragraph:
				if b.ID == "eq-sq" {
					eq = b
				}
			}
			return true
		},
		Inline: func(in doc.Inline) bool {
			switch in := in.(type) {
			case *doc.Text:
				texts = append(texts, in.Text)
			case *doc.Code:
				codes = append(codes, in.Text)
			}
			return true
		},
	})
	if got := strings.Join(texts, ""); !strings.HasPrefix(got, "Mean 3.14, by Ada, raw , .") {
		t.Errorf("text = %q", got)
	}
	if len(codes) != 1 || codes[0] != "'Ada'" {
		t.Errorf("codes = %q, want the repr of {glue:}", codes)
	}
	if fig == nil || fig.ID != "fig-plot" || fig.Image.Src != "data:image/png;base64,iVBORw0KGgo=" || fig.Image.Alt != "plot" || len(fig.Caption) == 0 {
		t.Errorf("figure = %+v, want a numbered figure of the glued picture", fig)
	}
	if eq == nil || !strings.Contains(fmt.Sprint(eq.Classes), "equation") {
		t.Errorf("glue:math with a label is no numbered equation: %+v", eq)
	}
	var msgs []string
	for _, w := range ch.Warnings {
		msgs = append(msgs, w.Error())
	}
	want := []string{
		"ch.ipynb:1:70: {glue:}`nokey`: no notebook of the book glued \"nokey\"; left out",
		"ch.ipynb:13:1: directive {glue:text} missing: no notebook of the book glued \"missing\"; left out",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}

// TestGlueMarkdown: {glue:md} reads glued Markdown as the page's own,
// inline for the role (its roles too, a glued value inside), as blocks
// for the directive; a {glue} role alone in its paragraph pasting a
// DataFrame is its table, as the page shows it, and inside a sentence
// its text.
func TestGlueMarkdown(t *testing.T) {
	df := "<div>\n<style scoped>\n.dataframe tbody tr th { vertical-align: top; }\n</style>\n" +
		"<table border=\"1\" class=\"dataframe\">\n<thead>\n<tr><th></th><th>first</th></tr>\n</thead>\n" +
		"<tbody>\n<tr><th>0</th><td>3.1</td></tr>\n<tr><th>1</th><td>2.9</td></tr>\n</tbody>\n</table>\n</div>"
	vals := map[string]GlueValue{
		"mean":      {"text/plain": "3.14"},
		"inline_md": {"text/markdown": "inline **markdown** with a [link](glue.md), and {glue}`mean`", "text/plain": "<IPython.core.display.Markdown object>"},
		"block_md":  {"text/markdown": "\n#### A heading\n\nThen some text.\n\n```python\nprint(\"Hello\")\n```\n", "text/plain": "<IPython.core.display.Markdown object>"},
		"loop":      {"text/markdown": "again {glue:md}`loop`"},
		"df":        {"text/html": df, "text/plain": "   first\n0    3.1\n1    2.9"},
	}
	glue := func(key string) (GlueValue, error) {
		if v, ok := vals[key]; ok {
			return v, nil
		}
		return nil, fmt.Errorf("no notebook of the book glued %q", key)
	}
	src := "Here is some {glue:md}`inline_md:myst`!\n\n" +
		"```{glue:md} block_md\n:format: myst\n```\n\n" +
		"{glue}`df`\n\n" +
		"The frame {glue}`df` inline.\n\n" +
		"Loop {glue:md}`loop`.\n"
	ch, err := New().ParseGlued([]byte(src), "ch.ipynb", nil, glue)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range ch.Blocks {
		switch b := b.(type) {
		case *doc.Paragraph:
			var parts []string
			doc.WalkInlines(b.Content, doc.Visitor{Inline: func(in doc.Inline) bool {
				switch in := in.(type) {
				case *doc.Strong:
					parts = append(parts, "<b>")
				case *doc.Link:
					parts = append(parts, "<a "+in.URL+">")
				case *doc.Text:
					parts = append(parts, in.Text)
				case *doc.Code:
					parts = append(parts, "`"+strings.ReplaceAll(in.Text, "\n", "|")+"`")
				}
				return true
			}})
			got = append(got, "p: "+strings.Join(parts, ""))
		case *doc.Heading:
			got = append(got, fmt.Sprintf("h%d: %s", b.Level, doc.PlainText(b.Content)))
		case *doc.CodeBlock:
			got = append(got, "code "+b.Language+": "+b.Text)
		case *doc.Div:
			// pandas' <div> around its table
			if len(b.Blocks) == 1 {
				if tb, ok := b.Blocks[0].(*doc.Table); ok {
					got = append(got, fmt.Sprintf("div: table: %d rows", len(tb.Rows)))
					continue
				}
			}
			got = append(got, "div")
		default:
			got = append(got, fmt.Sprintf("%T", b))
		}
	}
	want := []string{
		"p: Here is some inline <b>markdown with a <a glue.md>link, and `3.14`!",
		"h4: A heading",
		"p: Then some text.",
		"code python: print(\"Hello\")",
		"div: table: 2 rows",
		"p: The frame `first 0 3.1 1 2.9` inline.",
		"p: Loop again again again again again again again again.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var msgs []string
	for _, w := range ch.Warnings {
		msgs = append(msgs, w.Error())
	}
	if len(msgs) != 1 || !strings.Contains(msgs[0], "too deep") {
		t.Errorf("warnings: %q, want one of glued Markdown too deep", msgs)
	}
}
