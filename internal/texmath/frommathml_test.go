package texmath

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// mathElement parses src, HTML holding one <math> element, as an HTML
// page's body is parsed, and returns that element.
func mathElement(t testing.TB, src string) *html.Node {
	t.Helper()
	ns, err := html.ParseFragment(strings.NewReader(src), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatal(err)
	}
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found == nil && n.Type == html.ElementNode && n.Data == "math" {
			found = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range ns {
		walk(n)
	}
	if found == nil {
		t.Fatalf("no <math> in %q", src)
	}
	return found
}

// TestFromMathMLAsTeX reads MathML into the tree TeX of the same
// formula gives.
func TestFromMathMLAsTeX(t *testing.T) {
	for _, tc := range []struct{ name, mml, tex string }{
		{"letters and numbers", `<math><mi>x</mi><mo>+</mo><mn>2.5</mn></math>`, `x+2.5`},
		{"minus sign", `<math><mi>n</mi><mo>-</mo><mn>1</mn></math>`, `n-1`},
		{"invisible times dropped", `<math><mn>5</mn><mo>&InvisibleTimes;</mo><msup><mi>n</mi><mn>2</mn></msup></math>`, `5n^2`},
		{"function application", `<math><mi>sin</mi><mo>&ApplyFunction;</mo><mi>x</mi></math>`, `\sin x`},
		{"multi-letter name upright", `<math><mi>max</mi><mi>abc</mi></math>`, `\max \mathrm{abc}`},
		{"mathvariant normal", `<math><mi mathvariant="normal">d</mi><mi>x</mi></math>`, `\mathrm{d}x`},
		{"double-struck", `<math><mi mathvariant="double-struck">R</mi></math>`, `\mathbb{R}`},
		{"bold", `<math><mi mathvariant="bold">v</mi></math>`, `\mathbf{v}`},
		{"capital Greek upright", `<math><mi>Γ</mi><mi>γ</mi></math>`, `\Gamma\gamma`},
		{"relation", `<math><mi>a</mi><mo>≤</mo><mi>b</mi></math>`, `a\leq b`},
		{"fraction", `<math><mfrac><mn>1</mn><mi>n</mi></mfrac></math>`, `\frac1n`},
		{"binomial", `<math><mrow><mo>(</mo><mfrac linethickness="0"><mi>n</mi><mi>k</mi></mfrac><mo>)</mo></mrow></math>`, `\binom nk`},
		{"square root", `<math><msqrt><mi>x</mi><mo>+</mo><mn>1</mn></msqrt></math>`, `\sqrt{x+1}`},
		{"root", `<math><mroot><mi>x</mi><mn>3</mn></mroot></math>`, `\sqrt[3]{x}`},
		{"sub and sup", `<math><msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup></math>`, `x_i^2`},
		{"sum with limits", `<math display="block"><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover><msub><mi>a</mi><mi>i</mi></msub></math>`, `\sum_{i=1}^n a_i`},
		{"integral", `<math><msubsup><mo>∫</mo><mn>0</mn><mn>1</mn></msubsup><mi>f</mi></math>`, `\int_0^1 f`},
		{"limit", `<math><munder><mo movablelimits="true">lim</mo><mrow><mi>h</mi><mo>→</mo><mn>0</mn></mrow></munder></math>`, `\lim_{h\to0}`},
		{"hat accent", `<math><mover accent="true"><mi>y</mi><mo>^</mo></mover></math>`, `\hat y`},
		{"bar accent", `<math><mover><mi>x</mi><mo>¯</mo></mover></math>`, `\bar x`},
		{"overbrace", `<math><mover><mover><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo>⏞</mo></mover><mtext>n</mtext></mover></math>`, `\overbrace{a+b}^{\text{n}}`},
		{"underline", `<math><munder><mi>x</mi><mo>_</mo></munder></math>`, `\underline x`},
		{"stacked", `<math><mover><mo>=</mo><mtext>def</mtext></mover></math>`, `\stackrel{\text{def}}{=}`},
		{"text", `<math><mtext>if </mtext><mi>n</mi></math>`, `\text{if} n`},
		{"thin space", `<math><mi>a</mi><mspace width="thinmathspace"/><mi>b</mi></math>`, `a\,b`},
		{"space in em", `<math><mi>a</mi><mspace width="1em"/><mi>b</mi></math>`, `a\quad b`},
		{"stretchy fences round a fraction", `<math><mrow><mo>(</mo><mfrac><mi>a</mi><mi>b</mi></mfrac><mo>)</mo></mrow></math>`, `\left(\frac ab\right)`},
		{"parentheses of a line stay atoms", `<math><mi>f</mi><mo>(</mo><mi>x</mi><mo>)</mo></math>`, `f(x)`},
		{"non-stretchy fences", `<math><mo stretchy="false">(</mo><mfrac><mi>a</mi><mi>b</mi></mfrac><mo stretchy="false">)</mo></math>`, `(\frac ab)`},
		{"cases", `<math><mrow><mo>{</mo><mtable columnalign="left left"><mtr><mtd><mn>0</mn></mtd><mtd><mtext>if</mtext></mtd></mtr><mtr><mtd><mn>1</mn></mtd><mtd><mtext>else</mtext></mtd></mtr></mtable></mrow></math>`, `\begin{cases}0&\text{if}\\1&\text{else}\end{cases}`},
		{"matrix", `<math><mrow><mo>[</mo><mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>0</mn></mtd></mtr><mtr><mtd><mn>0</mn></mtd><mtd><mn>1</mn></mtd></mtr></mtable><mo>]</mo></mrow></math>`, `\begin{bmatrix}1&0\\0&1\end{bmatrix}`},
		{"aligned", `<math display="block"><mtable displaystyle="true" columnalign="right left"><mtr><mtd><mi>a</mi></mtd><mtd><mi></mi><mo>=</mo><mn>1</mn></mtd></mtr></mtable></math>`, `\begin{aligned}a&=1\end{aligned}`},
		{"mfenced", `<math><mfenced><mi>a</mi><mi>b</mi></mfenced></math>`, `\left(a,b\right)`},
		{"mfenced open brace", `<math><mfenced open="{" close=""><mi>a</mi></mfenced></math>`, `\left\{a\right.`},
		{"displaystyle", `<math><mstyle displaystyle="true"><mfrac><mn>1</mn><mn>2</mn></mfrac></mstyle></math>`, `\displaystyle\frac12`},
		{"mstyle variant", `<math><mstyle mathvariant="bold"><mi>x</mi></mstyle></math>`, `{\mathbf x}`},
		{"prescripts", `<math><mmultiscripts><mi>C</mi><mprescripts/><mn>6</mn><mn>14</mn></mmultiscripts></math>`, `{}_6^{14}C`},
		{"multiscripts after", `<math><mmultiscripts><mi>x</mi><mi>i</mi><none/></mmultiscripts></math>`, `x_i`},
		{"menclose radical", `<math><menclose notation="radical"><mi>x</mi></menclose></math>`, `\sqrt x`},
		{"phantom", `<math><mi>a</mi><mphantom><mi>x</mi><mo>=</mo></mphantom></math>`, `a\phantom{x=}`},
		{"semantics presents its first child", `<math><semantics><mrow><mi>x</mi></mrow><annotation encoding="application/x-tex">y</annotation></semantics></math>`, `x`},
		{"maction shows its selection", `<math><maction actiontype="toggle" selection="2"><mi>a</mi><mi>b</mi></maction></math>`, `b`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := FromMathML(mathElement(t, tc.mml))
			if err != nil {
				t.Fatalf("FromMathML: %v", err)
			}
			want, err := Parse(tc.tex)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.tex, err)
			}
			// and its TeX reads back as the same tree
			tex := TeX(got)
			if g, w := Dump(unwrapRows(got.Copy())), Dump(unwrapRows(want)); g != w {
				t.Errorf("got\n%s\nwant (as %s)\n%s", g, tc.tex, w)
			}
			back, err := Parse(tex)
			if err != nil {
				t.Fatalf("TeX %q does not read back: %v", tex, err)
			}
			if g, b := Dump(unwrapRows(got)), Dump(unwrapRows(back)); g != b {
				t.Errorf("TeX %q reads back as\n%s\nnot\n%s", tex, b, g)
			}
		})
	}
}

// TestFromMathMLRefused names the element a formula is refused for.
func TestFromMathMLRefused(t *testing.T) {
	for _, tc := range []struct{ mml, kind, msg string }{
		{`<math><menclose notation="box"><mi>x</mi></menclose></math>`, "menclose", `offset 0: <menclose notation=box> not supported`},
		{`<math><mglyph src="a.png"/></math>`, "mglyph", `offset 0: <mglyph> not supported`},
		{`<math><apply><plus/><ci>x</ci></apply></math>`, "apply", `offset 0: <apply> not supported`},
		{`<math><mtable><mlabeledtr><mtd><mtext>(1)</mtext></mtd></mlabeledtr></mtable></math>`, "mlabeledtr", `offset 0: <mlabeledtr> not supported`},
		{`<math><mfrac><mi>x</mi></mfrac></math>`, "", `offset 0: <mfrac> with 1 children, not 2`},
		{`<math><merror><mtext>bad</mtext></merror></math>`, "merror", `offset 0: <merror> not supported`},
		{`<math><mmultiscripts><mi>x</mi><mi>a</mi><mi>b</mi><mi>c</mi><mi>d</mi></mmultiscripts></math>`, "mmultiscripts", `offset 0: <mmultiscripts of more than one pair of scripts a side> not supported`},
	} {
		_, err := FromMathML(mathElement(t, tc.mml))
		if err == nil {
			t.Errorf("%s: read, want refused", tc.mml)
			continue
		}
		if err.Error() != tc.msg || MathMLError(err) != tc.kind {
			t.Errorf("%s:\ngot  %q (%q)\nwant %q (%q)", tc.mml, err.Error(), MathMLError(err), tc.msg, tc.kind)
		}
	}
}

func TestMathMLTeXAndDisplay(t *testing.T) {
	m := mathElement(t, `<math display="block" alttext="x"><semantics><mrow><mi>x</mi></mrow><annotation encoding="application/x-tex">{\displaystyle x}</annotation></semantics></math>`)
	if got := MathMLTeX(m); got != `{\displaystyle x}` {
		t.Errorf("MathMLTeX = %q", got)
	}
	if !MathMLDisplay(m) {
		t.Error("display=block is not display math")
	}
	if MathMLDisplay(mathElement(t, `<math><mi>x</mi></math>`)) {
		t.Error("math without display is display math")
	}
	if got := MathMLTeX(mathElement(t, `<math><semantics><mi>x</mi><annotation encoding="text/plain">x</annotation></semantics></math>`)); got != "" {
		t.Errorf("MathMLTeX of a plain-text annotation = %q", got)
	}
}

// unwrapRows replaces each row of one atom below the root by its atom:
// TeX's braces make rows MathML need not write ({x} as an argument);
// and a table's alignment of one letter for all columns is written once.
func unwrapRows(n *Node) *Node {
	if n == nil {
		return nil
	}
	if n.Kind == Table && strings.Count(n.Text, n.Text[:1]) == len(n.Text) {
		n.Text = n.Text[:1]
	}
	for i, c := range n.Children {
		for c != nil && c.Kind == Row && len(c.Children) == 1 {
			c = c.Children[0]
		}
		n.Children[i] = unwrapRows(c)
	}
	return n
}

// shapeError says how a tree breaks the shape its kinds promise (a
// fraction of two parts, scripts of three), which the layout and the
// MathML writer count on.
func shapeError(n *Node) string {
	if n == nil {
		return "nil node"
	}
	want := map[Kind]int{Frac: 2, Scripts: 3, Accent: 1, Fenced: 1, Styled: 1, Over: 2}
	if w, ok := want[n.Kind]; ok && len(n.Children) != w {
		return fmt.Sprintf("%d children of a node that has %d", len(n.Children), w)
	}
	switch n.Kind {
	case Sqrt:
		if len(n.Children) != 1 && len(n.Children) != 2 {
			return "a radical without one or two parts"
		}
	case Ident, Number, Op, Text:
		if len(n.Children) > 0 || n.Text == "" && n.Kind != Text {
			return "a leaf with children or without text"
		}
	case Table:
		if n.Text == "" {
			return "a table without alignments"
		}
	}
	for i, c := range n.Children {
		if c == nil && n.Kind == Scripts && i > 0 {
			continue
		}
		if e := shapeError(c); e != "" {
			return e
		}
	}
	if n.Kind == Scripts && n.Children[1] == nil && n.Children[2] == nil {
		return "scripts without a script"
	}
	return ""
}

func FuzzFromMathML(f *testing.F) {
	for _, s := range []string{
		`<mi>x</mi><mo>+</mo><mn>1</mn>`,
		`<mrow><mo>{</mo><mtable columnalign="left"><mtr><mtd><mn>0</mn></mtd></mtr></mtable></mrow>`,
		`<munderover><mo>∑</mo><mi>i</mi><mi>n</mi></munderover>`,
		`<mmultiscripts><mi>C</mi><mprescripts/><mn>6</mn><none/></mmultiscripts>`,
		`<mfenced open="[" separators=";"><mi>a</mi><mi>b</mi></mfenced>`,
		`<semantics><mrow><mover accent="true"><mi>x</mi><mo>^</mo></mover></mrow><annotation encoding="application/x-tex">\hat x</annotation></semantics>`,
		`<mstyle displaystyle="true" scriptlevel="1"><mfrac linethickness="0"><mi>a</mi><mi>b</mi></mfrac></mstyle>`,
		`<mo>(</mo><mroot><mi>x</mi><mn>3</mn></mroot><mo>)</mo><mspace width="-0.5em"/>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		ns, err := html.ParseFragment(strings.NewReader("<math>"+body+"</math>"), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
		if err != nil || len(ns) == 0 || ns[0].Data != "math" {
			return
		}
		n, err := FromMathML(ns[0])
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("%q: error %T, not *Error", body, err)
			}
			return
		}
		if e := shapeError(n); e != "" {
			t.Fatalf("%q: %s\n%s", body, e, Dump(n))
		}
		if tex := TeX(n); tex != "" {
			if _, err := Parse(tex); err != nil {
				t.Fatalf("%q: its TeX %q does not read back: %v", body, tex, err)
			}
		}
		for _, display := range []bool{false, true} {
			if err := wellFormed(MathML(n, "x", display)); err != nil {
				t.Fatalf("%q: %v", body, err)
			}
		}
	})
}

// TestFromMathMLGolden reads SICP's MathML (testdata/sicp.mathml.html,
// texinfo's output) and writes each formula's TeX and the MathML the
// EPUB gets of it.
func TestFromMathMLGolden(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "sicp.mathml.html"))
	if err != nil {
		t.Fatal(err)
	}
	ns, err := html.ParseFragment(strings.NewReader(string(src)), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, n := range ns {
		if n.Type != html.ElementNode || n.Data != "math" {
			continue
		}
		tree, err := FromMathML(n)
		if err != nil {
			out.WriteString("error: " + err.Error() + "\n\n")
			continue
		}
		tex := TeX(tree)
		if _, err := Parse(tex); err != nil {
			t.Errorf("%s does not read back: %v", tex, err)
		}
		m := MathML(tree, tex, MathMLDisplay(n))
		if err := wellFormed(m); err != nil {
			t.Errorf("%s: %v", tex, err)
		}
		out.WriteString(tex + "\n" + m + "\n\n")
	}
	golden := filepath.Join("testdata", "sicp.mathml.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Errorf("differs from %s (go test -update to accept):\n%s", golden, out.String())
	}
}
