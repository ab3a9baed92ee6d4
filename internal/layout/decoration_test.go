package layout

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

func span(k doc.SpanKind, ins ...doc.Inline) *doc.Span { return &doc.Span{Kind: k, Content: ins} }

// decorations describes a line's tints, underlines and strikeouts as the
// text they cover: "tint[b c]" is a tint from the start of the run holding
// b to the end of the one holding c; a rule above the baseline is a
// strikeout, "strike[b c]".
func decorations(t *testing.T, m Metrics, ln tline) []string {
	t.Helper()
	var texts []*Text
	for _, it := range ln.items {
		if tx, ok := it.(*Text); ok {
			texts = append(texts, tx)
		}
	}
	covered := func(x0, x1 float64) string {
		var words []string
		for _, tx := range texts {
			end := tx.X + textWidth(m, tx)
			if tx.X >= x0-0.01 && end <= x1+0.01 {
				words = append(words, tx.Text)
			} else if tx.X < x1-0.01 && end > x0+0.01 {
				words = append(words, "partly "+tx.Text)
			}
		}
		return strings.Join(words, " ")
	}
	var out []string
	seenText := false
	for _, it := range ln.items {
		switch it := it.(type) {
		case *Text:
			seenText = true
		case *Box:
			if seenText {
				t.Errorf("a tint after the text it is behind: %+v", it)
			}
			out = append(out, fmt.Sprintf("tint[%s]", covered(it.X, it.X+it.W)))
		case *Rule:
			kind := "rule"
			if it.Y1 < 0 {
				kind = "strike"
			}
			out = append(out, fmt.Sprintf("%s[%s]", kind, covered(it.X1, it.X2)))
		}
	}
	return out
}

// TestDecorations: a highlight is a tint behind its words, underlined and
// inserted text a rule under them, struck text a rule through them, each
// running across the spaces
// between the words, ending with the line and starting again on the next,
// over a hyphen a word broken there takes, through links and past note
// markers.
func TestDecorations(t *testing.T) {
	note := &doc.Note{Kind: doc.FootnoteNote, ID: "n1", Label: "1"}
	link := func(ins ...doc.Inline) *doc.Link {
		return &doc.Link{URL: "https://example.com", External: true, Content: ins}
	}
	cases := []struct {
		name  string
		in    []doc.Inline
		width float64
		hyph  bool
		mode  alignMode
		want  [][]string // per line
	}{
		{"highlight across spaces", []doc.Inline{txt("one "), span(doc.SpanHighlight, txt("two three")), txt(" four")}, 300, false, alignLeft,
			[][]string{{"tint[two three]"}}},
		{"underline", []doc.Inline{txt("one "), span(doc.SpanUnderlined, txt("two three")), txt(" four")}, 300, false, alignLeft,
			[][]string{{"rule[two three]"}}},
		{"inserted is underlined", []doc.Inline{span(doc.SpanInserted, txt("new words")), txt(" old")}, 300, false, alignLeft,
			[][]string{{"rule[new words]"}}},
		{"across a line end, justified", []doc.Inline{txt("aa "), span(doc.SpanUnderlined, txt("bb cc dd ee gg")), txt(" hh")}, 60, false, alignJustify,
			[][]string{{"rule[bb cc dd ee]"}, {"rule[gg]"}}},
		{"across a line end, highlighted", []doc.Inline{span(doc.SpanHighlight, txt("aa bb cc dd ee gg"))}, 60, false, alignJustify,
			[][]string{{"tint[aa bb cc dd ee]"}, {"tint[gg]"}}},
		{"a word hyphenated at the line end keeps its hyphen under the rule", []doc.Inline{span(doc.SpanUnderlined, txt("the extraordinary words")), txt(" plain")}, 72, true, alignJustify,
			[][]string{{"rule[the extraordi-]"}, {"rule[nary words]"}, nil}},
		{"kerned pairs inside", []doc.Inline{span(doc.SpanHighlight, txt("AVAST To"))}, 300, false, alignLeft,
			[][]string{{"tint[AVAST To]"}}},
		{"a superscript in a highlight does not break it", []doc.Inline{span(doc.SpanHighlight, txt("E = mc"), span(doc.SpanSuperscript, txt("2")), txt(" here"))}, 300, false, alignLeft,
			[][]string{{"tint[E = mc 2 here]"}}},
		{"a note marker keeps the tint but not the rule", []doc.Inline{span(doc.SpanHighlight, span(doc.SpanUnderlined, txt("marked"), &doc.NoteRef{Note: note}, txt(" on")))}, 300, false, alignLeft,
			[][]string{{"tint[marked 1 on]", "rule[marked]", "rule[on]"}}},
		{"in a link", []doc.Inline{link(txt("a "), span(doc.SpanUnderlined, txt("linked words")))}, 300, false, alignLeft,
			[][]string{{"rule[linked words]"}}},
		{"two kinds at once", []doc.Inline{span(doc.SpanHighlight, txt("x "), span(doc.SpanInserted, txt("y z")))}, 300, false, alignLeft,
			[][]string{{"tint[x y z]", "rule[y z]"}}},
		{"struck across spaces, not the space after", []doc.Inline{txt("one "), &doc.Strike{Content: []doc.Inline{txt("two three")}}, txt(" four")}, 300, false, alignLeft,
			[][]string{{"strike[two three]"}}},
		{"struck across a change of type", []doc.Inline{&doc.Strike{Content: []doc.Inline{txt("two "), &doc.Strong{Content: []doc.Inline{txt("bold")}}, txt(" three")}}}, 300, false, alignLeft,
			[][]string{{"strike[two bold three]"}}},
		{"struck across a line end, justified", []doc.Inline{txt("aa "), &doc.Strike{Content: []doc.Inline{txt("bb cc dd ee gg")}}, txt(" hh")}, 60, false, alignJustify,
			[][]string{{"strike[bb cc dd ee]"}, {"strike[gg]"}}},
		{"struck and underlined", []doc.Inline{&doc.Strike{Content: []doc.Inline{txt("old words")}}, txt(" "), span(doc.SpanInserted, txt("new words"))}, 300, false, alignLeft,
			[][]string{{"strike[old words]", "rule[new words]"}}},
		{"none", []doc.Inline{txt("plain "), &doc.Strong{Content: []doc.Inline{txt("text")}}}, 300, false, alignLeft,
			[][]string{nil}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := fixedMetrics{}
			e := testEngine(t, m, c.hyph)
			lines := e.setPara(e.segsOf(c.in, e.baseStyle(10), false), c.width, 0, c.mode)
			var got [][]string
			for _, ln := range lines {
				got = append(got, decorations(t, m, ln))
				for _, it := range ln.items {
					if r, ok := it.(*Rule); ok && (r.X1 < -0.01 || r.X2 > c.width+0.01) {
						t.Errorf("rule %.2f–%.2f outside the measure %.0f", r.X1, r.X2, c.width)
					}
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("got  %v\nwant %v", got, c.want)
			}
		})
	}
}

// TestDecorationPlace: the tint reaches from above the ascenders to below
// the baseline, an em, so that lines set solid do not overlap; the
// underline sits where the fonts' post tables put it, at the type's size
// (not a superscript's), and in its ink.
func TestDecorationPlace(t *testing.T) {
	m := fixedMetrics{}
	e := testEngine(t, m, false)
	in := []doc.Inline{span(doc.SpanHighlight, span(doc.SpanUnderlined, txt("x"), span(doc.SpanSuperscript, txt("2"))))}
	lines := e.setPara(e.segsOf(in, e.baseStyle(10), false), 300, 0, alignLeft)
	var box *Box
	var rule *Rule
	for _, it := range lines[0].items {
		switch it := it.(type) {
		case *Box:
			box = it
		case *Rule:
			rule = it
		}
	}
	if box == nil || rule == nil {
		t.Fatalf("items %v", lines[0].items)
	}
	if !near(box.Y, -7.8) || !near(box.H, 10) || !box.Fill || box.FillGray != tintGray {
		t.Errorf("tint %+v, want y -7.8, height 10, filled %.2f", box, tintGray)
	}
	if !near(rule.Y1, 1.25) || rule.Y1 != rule.Y2 || !near(rule.Width, 0.5) || rule.Gray != 0 {
		t.Errorf("underline %+v, want at 1.25 below the baseline, 0.5 thick, black", rule)
	}
	if math.Abs(rule.X2-box.X-box.W) > 1e-9 {
		t.Errorf("underline ends at %.2f, tint at %.2f", rule.X2, box.X+box.W)
	}
}

// TestDecorationsKeepKerns: kerned pairs inside a decorated stretch, and
// across its edge within a word (T|o, e|a), are kerned as in plain text:
// the same kerns, the same width.
func TestDecorationsKeepKerns(t *testing.T) {
	m := realFonts(t)
	set := func(kind doc.SpanKind) (kerns []float64, width float64) {
		e := testEngine(t, m, false)
		in := []doc.Inline{txt("AVAST T"), span(kind, txt("o AVAST Te")), txt("a. WAVE")}
		lines := e.setPara(e.segsOf(in, e.baseStyle(10), false), 300, 0, alignLeft)
		if len(lines) != 1 {
			t.Fatalf("%v: %d lines", kind, len(lines))
		}
		for _, it := range lines[0].items {
			if tx, ok := it.(*Text); ok {
				for _, k := range tx.Kerns {
					kerns = append(kerns, k.Dx)
				}
			}
		}
		return kerns, lines[0].width
	}
	plainKerns, plainWidth := set(doc.SpanPlain)
	if len(plainKerns) < 8 {
		t.Fatalf("plain text has %d kerns", len(plainKerns))
	}
	for _, kind := range []doc.SpanKind{doc.SpanHighlight, doc.SpanUnderlined, doc.SpanInserted} {
		kerns, width := set(kind)
		if fmt.Sprint(kerns) != fmt.Sprint(plainKerns) || math.Abs(width-plainWidth) > 1e-9 {
			t.Errorf("%v: kerns %v, width %.3f; plain %v, %.3f", kind, kerns, width, plainKerns, plainWidth)
		}
	}
}

// TestStrikePlace: the strikeout runs through the lower-case letters'
// middle at the type's size (not a superscript's), as thick as an
// underline, in the text's ink.
func TestStrikePlace(t *testing.T) {
	m := fixedMetrics{}
	e := testEngine(t, m, false)
	in := []doc.Inline{&doc.Strike{Content: []doc.Inline{txt("x"), span(doc.SpanSuperscript, txt("2"))}}}
	lines := e.setPara(e.segsOf(in, e.baseStyle(10), false), 300, 0, alignLeft)
	var rules []*Rule
	for _, it := range lines[0].items {
		if r, ok := it.(*Rule); ok {
			rules = append(rules, r)
		}
	}
	if len(rules) != 1 {
		t.Fatalf("%d rules, want one: %v", len(rules), lines[0].items)
	}
	if r := rules[0]; !near(r.Y1, -2.8) || r.Y1 != r.Y2 || !near(r.Width, 0.5) || r.Gray != 0 {
		t.Errorf("strikeout %+v, want at 2.8 above the baseline, 0.5 thick, black", r)
	}
}
