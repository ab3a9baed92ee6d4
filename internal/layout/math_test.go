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
