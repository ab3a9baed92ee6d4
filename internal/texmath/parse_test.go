package texmath

import (
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestParseTree(t *testing.T) {
	tests := []struct{ src, want string }{
		{`x`, "row\n  ident \"x\"\n"},
		{`-x`, "row\n  op \"−\" ord\n  ident \"x\"\n"},
		{`a-b`, "row\n  ident \"a\"\n  op \"−\" bin\n  ident \"b\"\n"},
		{`x_i^2`, "row\n  scripts\n    ident \"x\"\n    ident \"i\"\n    number \"2\"\n"},
		{`x^23`, "row\n  scripts\n    ident \"x\"\n    -\n    number \"2\"\n  number \"3\"\n"},
		{`f''(x)`, "row\n  scripts\n    ident \"f\"\n    -\n    op \"″\" ord\n  op \"(\" open\n  ident \"x\"\n  op \")\" close\n"},
		{`3.14`, "row\n  number \"3.14\"\n"},
		{`\frac{1}{n}`, "row\n  frac\n    row\n      number \"1\"\n    row\n      ident \"n\"\n"},
		{`\dfrac12`, "row\n  frac style=1\n    number \"1\"\n    number \"2\"\n"},
		{`\sqrt[3]{x}`, "row\n  sqrt\n    row\n      ident \"x\"\n    row\n      number \"3\"\n"},
		{`\sum_{i=1}^n`, "row\n  scripts\n    op \"∑\" op large limits\n    row\n      ident \"i\"\n      op \"=\" rel\n      number \"1\"\n    ident \"n\"\n"},
		{`\int\limits_0^1`, "row\n  scripts\n    op \"∫\" op large limits\n    number \"0\"\n    number \"1\"\n"},
		{`\mathbf{v}_{A,i}`, "row\n  scripts\n    row\n      ident \"v\" bold\n    row\n      ident \"A\"\n      op \",\" punct\n      ident \"i\"\n    -\n"},
		{`\mathrm{softmax}`, "row\n  ident \"softmax\" normal\n"},
		{`\operatorname*{argmax}_x`, "row\n  scripts\n    op \"argmax\" op limits\n    ident \"x\"\n    -\n"},
		{`\text{if } x`, "row\n  text \"if \" normal\n  ident \"x\"\n"},
		{`\hat{y}`, "row\n  accent \"ˆ\"\n    row\n      ident \"y\"\n"},
		{`\left(\frac{a}{b}\right]`, "row\n  fenced \"(\" \"]\"\n    row\n      frac\n        row\n          ident \"a\"\n        row\n          ident \"b\"\n"},
		{`a\,b`, "row\n  ident \"a\"\n  space 0.167em\n  ident \"b\"\n"},
		{`\Gamma`, "row\n  ident \"Γ\" normal\n"},
		{`{\rm Prob}(x)`, "row\n  row\n    ident \"Prob\" normal\n  op \"(\" open\n  ident \"x\"\n  op \")\" close\n"},
		{`\rm x`, "row\n  row\n    ident \"x\" normal\n"},
		{`n \pmod{3}`, "row\n  ident \"n\"\n  row\n    space 0.444em\n    op \"(\" open\n    op \"mod\" ord\n    space 0.333em\n    row\n      number \"3\"\n    op \")\" close\n"},
		{`a {\bf S} b`, "row\n  ident \"a\"\n  row\n    row\n      ident \"S\" bold\n  ident \"b\"\n"},
		{`a \bmod b`, "row\n  ident \"a\"\n  op \"mod\" bin\n  ident \"b\"\n"},
		{`h \searrow 0`, "row\n  ident \"h\"\n  op \"↘\" rel\n  number \"0\"\n"},
		{`\smash[b]{y}`, "row\n  row\n    ident \"y\"\n"},
		{`A \xrightarrow{f} B`, "row\n  ident \"A\"\n  over rel\n    op \"⟶\" rel\n    row\n      ident \"f\"\n  ident \"B\"\n"},
		{`a \gt b \lt c`, "row\n  ident \"a\"\n  op \">\" rel\n  ident \"b\"\n  op \"<\" rel\n  ident \"c\"\n"},
		{`a\hspace{1em}b\hspace*{18mu}c`, "row\n  ident \"a\"\n  space 1em\n  ident \"b\"\n  space 1em\n  ident \"c\"\n"},
		{`\not\in`, "row\n  op \"∉\" rel\n"},
		{`\bigl( x \bigr)`, "row\n  op \"(\" open size=1.2\n  ident \"x\"\n  op \")\" close size=1.2\n"},
		{`\log x`, "row\n  op \"log\" op\n  ident \"x\"\n"},
		{`\begin{pmatrix} a & b \\ c & d \\ \end{pmatrix}`, "row\n  fenced \"(\" \")\"\n    row\n      table \"c\"\n        row\n          row\n            ident \"a\"\n          row\n            ident \"b\"\n        row\n          row\n            ident \"c\"\n          row\n            ident \"d\"\n"},
		{`\begin{aligned} a &= b \end{aligned}`, "row\n  table \"rl\" style=1\n    row\n      row\n        ident \"a\"\n      row\n        row\n        op \"=\" rel\n        ident \"b\"\n"},
		{`x \stackrel{\text{def}}{=} y`, "row\n  ident \"x\"\n  over rel\n    row\n      op \"=\" rel\n    row\n      text \"def\" normal\n  ident \"y\"\n"},
		{`a \\ b \\`, "row\n  table \"c\" style=1\n    row\n      row\n        ident \"a\"\n    row\n      row\n        ident \"b\"\n"},
		{`{n \choose 1}`, "row\n  row\n    fenced \"(\" \")\"\n      row\n        frac norule\n          row\n            ident \"n\"\n          row\n            number \"1\"\n"},
		{`\mathop{\textrm{sgn}}`, "row\n  op \"sgn\" op limits\n"},
		{`\binom{n}{k}`, "row\n  fenced \"(\" \")\"\n    row\n      frac norule\n        row\n          ident \"n\"\n        row\n          ident \"k\"\n"},
		{`\begin{array}{l|r} a & b \\ \hline c & d \end{array}`, "row\n  table \"lr\" vrules=\" | \" hrules=\" - \"\n    row\n      row\n        ident \"a\"\n      row\n        ident \"b\"\n    row\n      row\n        ident \"c\"\n      row\n        ident \"d\"\n"},
		{`\begin{array}{cc} \hline a & b \\ \hline \end{array}`, "row\n  table \"cc\" vrules=\"   \" hrules=\"--\"\n    row\n      row\n        ident \"a\"\n      row\n        ident \"b\"\n"},
		{`\begin{array}[t]{rl} a & b \end{array}`, "row\n  table \"rl\"\n    row\n      row\n        ident \"a\"\n      row\n        ident \"b\"\n"},
		{`\underbrace{a+b}_{n}`, "row\n  over ord under\n    accent \"⏟\" under wide\n      row\n        ident \"a\"\n        op \"+\" bin\n        ident \"b\"\n    row\n      ident \"n\"\n"},
		{`\overbrace{x}^{k}_2`, "row\n  scripts\n    over ord\n      accent \"⏞\" wide\n        row\n          ident \"x\"\n      row\n        ident \"k\"\n    number \"2\"\n    -\n"},
		{`\overleftarrow{AB}`, "row\n  accent \"←\" wide\n    row\n      ident \"A\"\n      ident \"B\"\n"},
		{`\underline{x}`, "row\n  accent \"‾\" under\n    row\n      ident \"x\"\n"},
		{`x = 1 \tag{2.1}`, "row tag=\"(2.1)\"\n  ident \"x\"\n  op \"=\" rel\n  number \"1\"\n"},
		{`x \tag*{A}`, "row tag=\"A\"\n  ident \"x\"\n"},
		{`x \label{eq:x} \tag{1}`, "row tag=\"(1)\" label=\"eq:x\"\n  ident \"x\"\n"},
		{`\begin{aligned} a \label{ a } \\ b \label{b} \end{aligned}`, "row label=\"a\"\n  table \"rl\" style=1\n    row\n      row\n        ident \"a\"\n    row\n      row\n        ident \"b\"\n"},
		{`a \notag \\ b \nonumber`, "row\n  table \"c\" style=1\n    row\n      row\n        ident \"a\"\n    row\n      row\n        ident \"b\"\n"},
		{`\text{if $x>0$}`, "row\n  row\n    text \"if \" normal\n    row\n      ident \"x\"\n      op \">\" rel\n      number \"0\"\n"},
		{`\textcolor{red}{x}\color{blue}y`, "row\n  row\n    ident \"x\"\n  ident \"y\"\n"},
		{`_i^2`, "row\n  scripts\n    row\n    ident \"i\"\n    number \"2\"\n"},
		{`\begin{equation} x = 1 \end{equation}`, "row\n  row\n    ident \"x\"\n    op \"=\" rel\n    number \"1\"\n"},
		{`\begin{align*} a &= b \end{align*}`, "row\n  table \"rl\" style=1\n    row\n      row\n        ident \"a\"\n      row\n        row\n        op \"=\" rel\n        ident \"b\"\n"},
		{`\begin{array}{@{}p{2cm}|c@{\quad}} two words & x \end{array}`, "row\n  table \"lc\" vrules=\" | \" hrules=\"  \"\n    row\n      row\n        text \"two words\" normal\n      row\n        ident \"x\"\n"},
		{`\begin{tabular}{|*{2}{l|}} \hline a b & $x^2$ km \\ & {c & d} \end{tabular}`, "row\n  table \"ll\" vrules=\"|||\" hrules=\"-  \"\n    row\n      row\n        text \"a b\" normal\n      row\n        row\n          row\n            scripts\n              ident \"x\"\n              -\n              number \"2\"\n          text \" km\" normal\n    row\n      row\n      row\n        text \"c & d\" normal\n"},
		{`\left\{ x \middle| x>0 \right\}`, "row\n  fenced \"{\" \"}\"\n    row\n      ident \"x\"\n      op \"|\" ord middle\n      ident \"x\"\n      op \">\" rel\n      number \"0\"\n"},
		{`x = \eqref{eq:a} + \ref{ b }`, "row\n  ident \"x\"\n  op \"=\" rel\n  text \"(??)\" normal ref=\"eq:a\"\n  op \"+\" bin\n  text \"??\" normal ref=\"b\"\n"},
		{`\left. a \middle. b \right)`, "row\n  fenced \"\" \")\"\n    row\n      ident \"a\"\n      ident \"b\"\n"},
		{`a\mathpunct{\text{§}}b`, "row\n  ident \"a\"\n  op \"§\" punct\n  ident \"b\"\n"},
		{`\begin{aligned} a \\[2pt] b \end{aligned}`, "row\n  table \"rl\" style=1\n    row\n      row\n        ident \"a\"\n    row\n      row\n        ident \"b\"\n"},
	}
	for _, tc := range tests {
		n, err := Parse(tc.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.src, err)
			continue
		}
		if got := Dump(n); got != tc.want {
			t.Errorf("Parse(%q):\n%s\nwant:\n%s", tc.src, got, tc.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want, construct string }{
		{`\begin{array}{c@{\ne}c} a & b \end{array}`, `offset 13: array column @{…} of more than space not supported`, `array column @{…} of more than space`},
		{`\begin{array}{>{\bf}c} a \end{array}`, `offset 13: array column > not supported`, `array column >`},
		{`\begin{array}{p c} a \end{array}`, `offset 13: array column p without its width`, ""},
		{`\begin{array}{*{9999}{c}} a \end{array}`, `offset 13: array column * without a count and a spec`, ""},
		{`\begin{tabular}{l} \textbf{a} \end{tabular}`, `offset 19: a command inside \tabular not supported`, `a command inside \tabular`},
		{`\begin{tabular}{l} a $x`, `offset 21: unclosed $ inside \begin{tabular}`, ""},
		{`\begin{darray}{} a \end{darray}`, `offset 14: array without columns`, ""},
		{`\begin{equation} a \\ b \end{equation}`, `offset 0: \\ or & in \begin{equation} not supported`, `\\ or & in \begin{equation}`},
		{`x \tag{1} \tag{2}`, `offset 10: two \tag in one formula`, ""},
		{`\tag{$x$}`, `offset 0: math inside \tag not supported`, `math inside \tag`},
		{`\text{a $x}`, `offset 8: unclosed $ inside \text`, ""},
		{`\text{$\foo$}`, `offset 7: \foo not supported`, `\foo`},
		{`\begin{pmatrix} a \end{bmatrix}`, `offset 18: \end does not close \begin{pmatrix}`, ""},
		{`\begin{cases} a & b`, `offset 19: missing \end`, ""},
		{`\begin{aligned} a \\[\baselineskip] b \end{aligned}`, `offset 20: \\[…] not supported`, `\\[…]`},
		{`\frac{a \\ b}{c}`, `offset 8: \\ not supported`, `\\`},
		{`a & b`, `offset 2: & not supported`, `&`},
		{`\foo x`, `offset 0: \foo not supported`, `\foo`},
		{`x^1^2`, `offset 3: double superscript`, ""},
		{`{x`, `offset 2: unclosed group`, ""},
		{`x}`, `offset 1: unmatched }`, ""},
		{`\frac{1}`, `offset 8: missing argument`, ""},
		{`\left( x`, `offset 8: unclosed group`, ""},
		{`x \right)`, `offset 2: \right without \left`, ""},
		{`\eqref{ }`, `offset 0: \eqref without a label`, ""},
		{`a \middle| b`, `offset 2: \middle outside \left … \right`, ""},
		{`\left( \text{$\middle|$} \right)`, `offset 14: \middle outside \left … \right`, ""},
		{`\left( a \middle\foo b \right)`, `offset 16: \foo as a delimiter not supported`, `\foo as a delimiter`},
		{`\frac\rm x`, `offset 5: \rm not supported`, `\rm`},
		{`\left\foo x\right.`, `offset 5: \foo as a delimiter not supported`, `\foo as a delimiter`},
	}
	for _, tc := range tests {
		_, err := Parse(tc.src)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%q): error %v, want an *Error", tc.src, err)
			continue
		}
		if err.Error() != tc.want || e.Construct != tc.construct {
			t.Errorf("Parse(%q): %q (construct %q), want %q (construct %q)", tc.src, err, e.Construct, tc.want, tc.construct)
		}
	}
}

func TestParseDepth(t *testing.T) {
	src := strings.Repeat("{", 1000) + "x" + strings.Repeat("}", 1000)
	if _, err := Parse(src); err == nil || !strings.Contains(err.Error(), "too deep") {
		t.Errorf("Parse of 1000 groups: %v, want too deep", err)
	}
}

// TestMathMLGolden writes formulas from real books (testdata/formulas.txt:
// one a line, "display " before display math) as MathML.
func TestMathMLGolden(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "formulas.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(src)), "\n") {
		tex, display := strings.CutPrefix(line, "display ")
		n, err := Parse(tex)
		if err != nil {
			out.WriteString("error: " + err.Error() + "\n")
			continue
		}
		m := MathML(n, tex, display)
		if err := wellFormed(m); err != nil {
			t.Errorf("%s: %v", tex, err)
		}
		out.WriteString(m + "\n")
	}
	golden := filepath.Join("testdata", "formulas.mathml")
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
		t.Errorf("MathML differs from %s (go test -update to accept):\n%s", golden, out.String())
	}
}

// wellFormed reports what an XML parser refuses: encoding/xml's errors,
// and an attribute given twice, which it does not check.
func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if el, ok := tok.(xml.StartElement); ok {
			seen := map[xml.Name]bool{}
			for _, a := range el.Attr {
				if seen[a.Name] {
					return fmt.Errorf("attribute %s given twice to <%s>", a.Name.Local, el.Name.Local)
				}
				seen[a.Name] = true
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`x^2`, `\frac{a}{b}`, `\sqrt[n]{x}`, `\left(\sum_{i}^{n}\right)`, `\text{a}b`, `\mathbf{v}_{A,i}'`, `a<b&c`, `\hat{}`, `\left\{x\middle|y\right\}`, `\begin{tabular}{|p{1cm}@{}*{2}{c|}} a & $b$ \\ \hline \end{tabular}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		n, err := Parse(src)
		if err != nil {
			return
		}
		for _, display := range []bool{false, true} {
			if err := wellFormed(MathML(n, src, display)); err != nil {
				t.Fatalf("%q: %v", src, err)
			}
		}
	})
}
