package layout

import (
	"math"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/texmath"
)

func mathInline(t *testing.T, tex string, display bool) *doc.Math {
	t.Helper()
	tree, err := texmath.Parse(tex)
	if err != nil {
		t.Fatal(err)
	}
	return &doc.Math{TeX: tex, Display: display, Tree: tree}
}

// mathBook sets one chapter of the paragraphs given.
func mathBook(t *testing.T, paras ...*doc.Paragraph) (*Document, Options) {
	t.Helper()
	o := a5()
	blocks := make([]doc.Block, len(paras))
	for i, p := range paras {
		blocks[i] = p
	}
	b := &doc.Book{Meta: doc.Meta{Title: "Math", Language: "en"}, Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md",
		Title: []doc.Inline{txt("Math")}, Blocks: blocks}}}
	return checkBook(t, b, realFonts(t), o), o
}

// runOf is the text item that draws s, failing when there is not one.
func runOf(t *testing.T, d *Document, s string) *Text {
	t.Helper()
	var found *Text
	for _, tx := range itemsOf[*Text](d) {
		if tx.Text == s {
			if found != nil {
				t.Fatalf("%q is drawn twice", s)
			}
			found = tx
		}
	}
	if found == nil {
		t.Fatalf("%q is not drawn", s)
	}
	return found
}

// TestMathScripts: in inline math a letter is in the text's italic on
// the text's baseline, its superscript upright at 70% raised by TeX's
// shift (scaled to the face's x-height), its subscript lowered; a binary
// operator has a medium space each side, none inside a script.
func TestMathScripts(t *testing.T) {
	d, o := mathBook(t, para(txt("So "), mathInline(t, "x^2+y_{a+b}", false), txt(" holds.")))
	size := o.FontSize
	so, x, two, y := runOf(t, d, "So"), runOf(t, d, "x"), runOf(t, d, "2"), runOf(t, d, "y")
	var pluses []*Text
	for _, tx := range itemsOf[*Text](d) {
		if tx.Text == "+" {
			pluses = append(pluses, tx)
		}
	}
	if len(pluses) != 2 {
		t.Fatalf("%d plus signs, want 2", len(pluses))
	}
	plus, subPlus := pluses[0], pluses[1]
	if x.Y != so.Y || x.Face.Style != fonts.Italic || x.Size != size {
		t.Errorf("x at y %.2f in %v at %.2f pt, want on the baseline %.2f, italic, %.2f pt", x.Y, x.Face, x.Size, so.Y, size)
	}
	if two.Face.Style != fonts.Regular || math.Abs(two.Size-0.7*size) > 1e-9 {
		t.Errorf("the exponent is %v at %.2f pt, want upright at %.2f", two.Face, two.Size, 0.7*size)
	}
	if rise := x.Y - two.Y; rise < 0.3*size || rise > 0.6*size {
		t.Errorf("the exponent is raised %.2f pt, want about 0.4 em", rise)
	}
	m := realFonts(t)
	xEnd := x.X + m.Advance(x.Face, 'x')*size
	twoEnd := two.X + m.Advance(two.Face, '2')*two.Size
	if two.X < xEnd || two.X > xEnd+0.1*size {
		t.Errorf("the exponent starts %.2f pt after its base", two.X-xEnd)
	}
	medium := 4.0 / 18 * size
	gap := plus.X - twoEnd - mathScriptGap*size
	if math.Abs(gap-medium) > 0.01 {
		t.Errorf("the space before + is %.3f pt, want a medium space, %.3f", gap, medium)
	}
	a, b := runOf(t, d, "a"), runOf(t, d, "b")
	aEnd := a.X + m.Advance(a.Face, 'a')*a.Size
	bStart := subPlus.X + m.Advance(subPlus.Face, '+')*subPlus.Size
	if math.Abs(subPlus.X-aEnd) > 1e-6 || math.Abs(b.X-bStart) > 1e-6 {
		t.Errorf("in a script, + stands %.3f pt after a and %.3f pt before b: want no space", subPlus.X-aEnd, b.X-bStart)
	}
	if a.Y <= y.Y || a.Size != 0.7*size {
		t.Errorf("the subscript a is at %.2f (base at %.2f), %.2f pt: want lowered, at 70%%", a.Y, y.Y, a.Size)
	}
}

// TestMathFraction: a displayed fraction is centred in the measure, its
// numerator above the rule on the axis and its denominator below, each
// centred over the rule, which spans the wider of them; the paragraph
// stands apart from the text around it.
func TestMathFraction(t *testing.T) {
	d, o := mathBook(t, para(txt("Before.")), &doc.Paragraph{Align: doc.AlignCenter, Content: []doc.Inline{mathInline(t, `\frac{a}{\mathrm{bb}}`, true)}}, para(txt("After.")))
	size := o.FontSize
	var rules []*Rule
	for _, r := range itemsOf[*Rule](d) {
		if r.Y1 == r.Y2 && math.Abs(r.Width-mathRule*size) < 1e-9 {
			rules = append(rules, r)
		}
	}
	if len(rules) != 1 {
		t.Fatalf("%d fraction rules, want 1", len(rules))
	}
	r := rules[0]
	num, den := runOf(t, d, "a"), runOf(t, d, "bb")
	if num.Size != size || den.Size != size {
		t.Errorf("a displayed fraction's parts are %.2f and %.2f pt, want %.2f (text style)", num.Size, den.Size, size)
	}
	if !(num.Y < r.Y1 && r.Y1 < den.Y) {
		t.Errorf("numerator at %.2f, rule at %.2f, denominator at %.2f: want them in that order down", num.Y, r.Y1, den.Y)
	}
	m := realFonts(t)
	denW := m.Width(den.Face, "bb") * size
	if math.Abs((r.X2-r.X1)-denW) > 0.01 {
		t.Errorf("the rule is %.2f pt long, the denominator %.2f", r.X2-r.X1, denW)
	}
	numW := m.Advance(num.Face, 'a') * size
	if c := num.X + numW/2; math.Abs(c-(r.X1+r.X2)/2) > 0.01 {
		t.Errorf("the numerator's centre is %.2f, the rule's %.2f", c, (r.X1+r.X2)/2)
	}
	before, after := runOf(t, d, "Before."), runOf(t, d, "After.")
	if r.X1-before.X < 8*size {
		t.Errorf("the fraction starts %.2f pt from the text's left edge: want it centred", r.X1-before.X)
	}
	if num.Y-before.Y < 1.5*size || after.Y-den.Y < 1.5*size {
		t.Errorf("the display stands %.2f pt under the text and %.2f over it: want room", num.Y-before.Y, after.Y-den.Y)
	}
}

// TestMathRadical: a square root is four strokes, the last a bar over
// the whole body, which stands on the baseline.
func TestMathRadical(t *testing.T) {
	d, o := mathBook(t, para(txt("Root "), mathInline(t, `\sqrt{\mathrm{xy}}`, false), txt(".")))
	size := o.FontSize
	rules := itemsOf[*Rule](d)
	if len(rules) != 4 {
		t.Fatalf("%d strokes, want 4", len(rules))
	}
	bar := rules[3]
	body := runOf(t, d, "xy")
	root := runOf(t, d, "Root")
	if body.Y != root.Y {
		t.Errorf("the body is at %.2f, the text's baseline %.2f", body.Y, root.Y)
	}
	m := realFonts(t)
	end := body.X + m.Width(body.Face, "xy")*size
	if bar.Y1 != bar.Y2 || bar.X1 > body.X || bar.X2 < end || bar.Y1 > body.Y-0.5*size {
		t.Errorf("the bar runs %.2f–%.2f at %.2f over a body %.2f–%.2f at %.2f", bar.X1, bar.X2, bar.Y1, body.X, end, body.Y)
	}
}

// displayPara is a centred paragraph of one display formula.
func displayPara(t *testing.T, tex string) *doc.Paragraph {
	return &doc.Paragraph{Align: doc.AlignCenter, Content: []doc.Inline{mathInline(t, tex, true)}}
}

// TestMathUnderbrace: a brace under its body spans it, below its
// letters, and its label is set under the brace in script size.
func TestMathUnderbrace(t *testing.T) {
	d, o := mathBook(t, displayPara(t, `\underbrace{\mathrm{abcd}}_{n}`))
	size := o.FontSize
	body, label := runOf(t, d, "abcd"), runOf(t, d, "n")
	rules := itemsOf[*Rule](d)
	if len(rules) < 20 {
		t.Fatalf("%d strokes, want a brace of many", len(rules))
	}
	left, right, low, high := math.Inf(1), math.Inf(-1), math.Inf(-1), math.Inf(1)
	for _, r := range rules {
		left, right = math.Min(left, math.Min(r.X1, r.X2)), math.Max(right, math.Max(r.X1, r.X2))
		low, high = math.Max(low, math.Max(r.Y1, r.Y2)), math.Min(high, math.Min(r.Y1, r.Y2))
	}
	w := realFonts(t).Width(body.Face, "abcd") * size
	if math.Abs(left-body.X) > 0.05*size || math.Abs(right-(body.X+w)) > 0.05*size {
		t.Errorf("the brace spans %.2f–%.2f, its body %.2f–%.2f", left, right, body.X, body.X+w)
	}
	if high < body.Y || low-high < 0.15*size {
		t.Errorf("the brace reaches %.2f–%.2f under a baseline at %.2f: want below it, about a quarter em deep", high, low, body.Y)
	}
	if label.Y <= low || math.Abs(label.Size-0.7*size) > 1e-9 {
		t.Errorf("the label is at %.2f, %.2f pt; want under the brace (%.2f), in script size", label.Y, label.Size, low)
	}
	if c := (left + right) / 2; math.Abs(label.X+realFonts(t).Advance(label.Face, 'n')*label.Size/2-c) > 0.05*size {
		t.Errorf("the label is not centred under the brace (%.2f)", c)
	}
}

// TestMathOverArrow: \overleftarrow is a rule over its body as wide as
// it, with a head of two strokes at its left end.
func TestMathOverArrow(t *testing.T) {
	d, o := mathBook(t, para(txt("So "), mathInline(t, `\overleftarrow{\mathrm{AB}}`, false), txt(".")))
	size := o.FontSize
	body := runOf(t, d, "AB")
	rules := itemsOf[*Rule](d)
	if len(rules) != 3 {
		t.Fatalf("%d strokes, want 3", len(rules))
	}
	shaft := rules[0]
	w := realFonts(t).Width(body.Face, "AB") * size
	if shaft.Y1 != shaft.Y2 || shaft.Y1 > body.Y-0.7*size || math.Abs(shaft.X1-body.X) > 1e-6 || math.Abs(shaft.X2-(body.X+w)) > 1e-6 {
		t.Errorf("the shaft runs %.2f–%.2f at %.2f; the body %.2f–%.2f at %.2f", shaft.X1, shaft.X2, shaft.Y1, body.X, body.X+w, body.Y)
	}
	for _, r := range rules[1:] {
		if r.X1 != shaft.X1 || r.X2 <= r.X1 {
			t.Errorf("a stroke of the head runs from %.2f to %.2f: want from the left end (%.2f) rightwards", r.X1, r.X2, shaft.X1)
		}
	}
}

// TestMathArrayRules: an array's | and \hline are rules along its
// columns and rows: one between the columns spanning both rows, one
// between the rows spanning both columns.
func TestMathArrayRules(t *testing.T) {
	d, o := mathBook(t, displayPara(t, `\begin{array}{l|r} a & \mathrm{bb} \\ \hline \mathrm{ccc} & d \end{array}`))
	size := o.FontSize
	a, bb, ccc, dd := runOf(t, d, "a"), runOf(t, d, "bb"), runOf(t, d, "ccc"), runOf(t, d, "d")
	var vert, horiz []*Rule
	for _, r := range itemsOf[*Rule](d) {
		switch {
		case r.X1 == r.X2:
			vert = append(vert, r)
		case r.Y1 == r.Y2:
			horiz = append(horiz, r)
		}
	}
	if len(vert) != 1 || len(horiz) != 1 {
		t.Fatalf("%d vertical and %d horizontal rules, want 1 and 1", len(vert), len(horiz))
	}
	m := realFonts(t)
	cccEnd := ccc.X + m.Width(ccc.Face, "ccc")*size
	if v := vert[0]; v.X1 <= cccEnd || v.X1 >= bb.X || v.Y1 > bb.Y-0.7*size || v.Y2 < dd.Y {
		t.Errorf("the vertical rule at x %.2f from %.2f to %.2f: want between the columns (%.2f–%.2f), from above the first row to below the last", v.X1, v.Y1, v.Y2, cccEnd, bb.X)
	}
	if h := horiz[0]; h.Y1 <= a.Y || h.Y1 >= ccc.Y || h.X1 > a.X || h.X2 < dd.X {
		t.Errorf("the horizontal rule at y %.2f from %.2f to %.2f: want between the rows (%.2f, %.2f), across both columns", h.Y1, h.X1, h.X2, a.Y, ccc.Y)
	}
	if a.X != ccc.X {
		t.Errorf("the first column is set left: a at %.2f, ccc at %.2f", a.X, ccc.X)
	}
	if math.Abs((bb.X+m.Width(bb.Face, "bb")*size)-(dd.X+m.Advance(dd.Face, 'd')*size)) > 1e-6 {
		t.Errorf("the second column is not set right")
	}
}

// TestMathTag: a display formula's tag is flush right in the measure,
// the formula still centred; text at its side stays where it was.
func TestMathTag(t *testing.T) {
	d, o := mathBook(t, para(txt("Before.")), displayPara(t, `x = y \tag{2.1}`), displayPara(t, `x = y`))
	size := o.FontSize
	before, tag := runOf(t, d, "Before."), runOf(t, d, "(2.1)")
	var xs, ones []*Text
	for _, tx := range itemsOf[*Text](d) {
		switch tx.Text {
		case "x":
			xs = append(xs, tx)
		case "y":
			ones = append(ones, tx)
		}
	}
	if len(xs) != 2 || len(ones) != 2 {
		t.Fatalf("%d x and %d y, want 2 of each", len(xs), len(ones))
	}
	if math.Abs(xs[0].X-xs[1].X) > 1e-6 {
		t.Errorf("the tagged formula starts at %.2f, the untagged at %.2f: want both centred", xs[0].X, xs[1].X)
	}
	end := tag.X + realFonts(t).Width(tag.Face, "(2.1)")*size
	if tag.Y != xs[0].Y || tag.Face.Style != fonts.Regular {
		t.Errorf("the tag is at y %.2f in %v, the formula at %.2f: want on its baseline, upright", tag.Y, tag.Face, xs[0].Y)
	}
	centre := (xs[1].X + ones[1].X + realFonts(t).Advance(ones[1].Face, 'y')*size) / 2
	if right := 2*centre - before.X; math.Abs(end-right) > 0.01*size {
		t.Errorf("the tag ends at %.2f, want near the right edge of the measure (about %.2f)", end, right)
	}
}

// TestMathMiddle: \middle's bar is drawn as tall as the \left and
// \right bars around it, between what it separates.
func TestMathMiddle(t *testing.T) {
	d, _ := mathBook(t, displayPara(t, `\left| \frac{a}{b} \middle| \frac{c}{d} \right|`))
	a, c := runOf(t, d, "a"), runOf(t, d, "c")
	var bars []*Rule
	for _, r := range itemsOf[*Rule](d) {
		if r.X1 == r.X2 {
			bars = append(bars, r)
		}
	}
	for _, tx := range itemsOf[*Text](d) {
		if tx.Text == "|" {
			t.Errorf("a bar is set as a glyph at %.2f, want all three drawn", tx.X)
		}
	}
	if len(bars) != 3 {
		t.Fatalf("%d vertical rules, want 3", len(bars))
	}
	for _, b := range bars[1:] {
		if math.Abs(b.Y1-bars[0].Y1) > 1e-6 || math.Abs(b.Y2-bars[0].Y2) > 1e-6 {
			t.Errorf("a bar runs from %.2f to %.2f, the first from %.2f to %.2f: want the same", b.Y1, b.Y2, bars[0].Y1, bars[0].Y2)
		}
	}
	mid := bars[1].X1
	if !(mid > a.X && mid < c.X) {
		t.Errorf("the middle bar at %.2f is not between a (%.2f) and c (%.2f)", mid, a.X, c.X)
	}
}

// TestMathPhantom: \phantom (MathML's mphantom) draws nothing and keeps
// the room its content takes: what follows stands where it would after
// the content drawn.
func TestMathPhantom(t *testing.T) {
	shown, _ := mathBook(t, para(txt("A "), mathInline(t, `\mathrm{ab}\mathrm{cd}`, false), txt(".")))
	hidden, _ := mathBook(t, para(txt("A "), mathInline(t, `\phantom{\mathrm{ab}}\mathrm{cd}`, false), txt(".")))
	for _, tx := range itemsOf[*Text](hidden) {
		if tx.Text == "ab" {
			t.Fatal("the phantom's content is drawn")
		}
	}
	runOf(t, shown, "ab")
	if a, b := runOf(t, shown, "cd").X, runOf(t, hidden, "cd").X; math.Abs(a-b) > 0.01 {
		t.Errorf("after a phantom the formula goes on at %.2f, after its content drawn at %.2f", b, a)
	}
}
