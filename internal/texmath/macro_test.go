package texmath

import (
	"errors"
	"strings"
	"testing"
)

func TestExpand(t *testing.T) {
	tests := []struct {
		name, src, want string
		macros          Macros
	}{
		{"none", `x^2`, `x^2`, nil},
		{"newcommand", `\newcommand{\R}{\mathbb{R}} x \in \R^n`, ` x \in \mathbb{R}^n`, nil},
		{"arguments", `\newcommand\norm[1]{\left\|#1\right\|}\norm{x}+\norm y`, `\left\|x\right\|+\left\|y\right\|`, nil},
		{"optional", `\newcommand{\E}[2][X]{\mathbb{E}_{#1}[#2]}\E{f}\E[Y]{g}`, `\mathbb{E}_{X}[f]\mathbb{E}_{Y}[g]`, nil},
		{"def", `\def\pd#1#2{\frac{\partial #1}{\partial #2}}\pd fx`, `\frac{\partial f}{\partial x}`, nil},
		{"def delimited", `\def\foo#1.{[#1]}\foo ab{c.d}. e`, `[ab{c.d}] e`, nil},
		{"def delimited around", `\def\pair(#1,#2){\langle #1; #2\rangle}\pair (x,{y,z})`, `\langle x; y,z\rangle`, nil},
		{"def undelimited then delimited", `\def\ev#1#2\end{#1(#2)}\ev f x+1\end`, `f( x+1)`, nil},
		{"renewcommand", `\renewcommand{\vec}[1]{\mathbf{#1}}\vec v`, `\mathbf{v}`, nil},
		{"operator", `\DeclareMathOperator*{\argmax}{arg\,max}\argmax_x`, `\operatorname*{arg\,max}_x`, nil},
		{"name kept apart", `\newcommand{\a}{\alpha}\a b`, `\alpha b`, nil},
		{"nested", `\newcommand{\x}{\mathbf{x}}\newcommand{\xt}{\x_t}\xt`, `\mathbf{x}_t`, nil},
		{"given", `\R \times \bx`, `\mathbb{R} \times \boldsymbol{x}`, Macros{"R": NewMacro(`\mathbb{R}`), "bx": NewMacro(`\boldsymbol{x}`)}},
		{"given with argument", `\abs{x}`, `\left|x\right|`, Macros{"abs": NewMacro(`\left|#1\right|`)}},
		{"definitions alone", `\newcommand{\R}{\mathbb{R}}`, ``, nil},
		{"provide keeps", `\providecommand{\R}{R}\R`, `\mathbb{R}`, Macros{"R": NewMacro(`\mathbb{R}`)}},
	}
	for _, tc := range tests {
		m := tc.macros
		if m == nil {
			m = Macros{}
		}
		got, err := Expand(tc.src, m)
		if err != nil {
			t.Errorf("%s: Expand(%q): %v", tc.name, tc.src, err)
			continue
		}
		if got != tc.want {
			t.Errorf("%s: Expand(%q) = %q, want %q", tc.name, tc.src, got, tc.want)
		}
	}
}

func TestExpandKeepsDefinitions(t *testing.T) {
	m := Macros{}
	if _, err := Expand(`\newcommand{\bx}{\mathbf{x}}`, m); err != nil {
		t.Fatal(err)
	}
	got, err := Expand(`\bx_i`, m)
	if err != nil || got != `\mathbf{x}_i` {
		t.Errorf("a later formula: %q, %v; want %q", got, err, `\mathbf{x}_i`)
	}
}

func TestExpandErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{`\newcommand{\a}{\a}\a`, `offset 0: \a expands too far (does it name itself?)`},
		{`\newcommand{\a}{\a\a}\a`, `offset 0: \a expands too far (does it name itself?)`},
		{`x \newcommand{\f}[1]{#1}\f`, `offset 26: \f: missing argument`},
		{`\newcommand{x}{y}`, `offset 0: \newcommand without a command's name`},
		{`\newcommand{\f}[x]{y}`, `offset 15: \newcommand: the number of arguments is not 0 to 9`},
		{`\def\f#1.{#1}\f x`, `offset 15: \f: its use does not match its definition`},
		{`\def\g(#1){#1}\g x)`, `offset 16: \g: its use does not match its definition`},
		{`\def\f#2{#2}`, `offset 6: \def: its parameters are not #1 to #9 in turn`},
		{`\def\f#1.`, `offset 0: \def without its definition in {…}`},
		{`\newcommand{\f}{x`, `offset 15: unclosed group`},
		{`x \newcommand{\f}`, `offset 2: \newcommand without its definition in {…}`},
	}
	for _, tc := range tests {
		_, err := Expand(tc.src, Macros{})
		var e *Error
		if !errors.As(err, &e) || err.Error() != tc.want {
			t.Errorf("Expand(%q): %v, want %q", tc.src, err, tc.want)
		}
	}
}

func TestNewMacro(t *testing.T) {
	for body, args := range map[string]int{`x`: 0, `#1`: 1, `\frac{#2}{#1}`: 2, `##`: 0} {
		if got := NewMacro(body).Args; got != args {
			t.Errorf("NewMacro(%q).Args = %d, want %d", body, got, args)
		}
	}
}

func FuzzExpand(f *testing.F) {
	for _, s := range []string{`\newcommand{\a}[1]{#1#1}\a{\a{x}}`, `\def\b#1{\b{#1}}\b x`, `\newcommand\c[2][d]{#1#2}\c[e]f`, `\DeclareMathOperator{\g}{g}\g`, `\def\p(#1,#2){#2#1}\p(a,b)`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out, err := Expand(src, Macros{})
		if err != nil {
			return
		}
		if len(out) > maxExpanded+len(src) {
			t.Fatalf("%q: expanded to %d bytes", src, len(out))
		}
		if strings.Contains(src, `\`) {
			Parse(out)
		}
	})
}
