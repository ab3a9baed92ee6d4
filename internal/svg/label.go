package svg

import (
	"fmt"
	"strings"
)

// Label is the HTML text of a <foreignObject> set as lines of SVG text,
// for a picture that may not hold HTML (EPUB's).
type Label struct {
	// Offset is where the <foreignObject>'s start tag begins in the data
	// (after a byte order mark), which names it to a reader of the same
	// bytes.
	Offset int64
	Lines  []LabelLine
	// Backgrounds are the boxes filled behind the text, in the order
	// drawn: where the label's HTML gives its text a background colour,
	// as draw.io and Mermaid do for labels on edges.
	Backgrounds []LabelBackground
}

// LabelBackground is a box filled behind a label's text, in the same
// user space as its lines.
type LabelBackground struct {
	X, Y, W, H float64
	Color      Color
	Opacity    float64 // the colour's alpha, 0 to 1
}

// LabelLine is one line of a label, in the user space of its
// <foreignObject> (after that element's own transform).
type LabelLine struct {
	// X, Y is the line's anchor on its baseline: its start, middle or
	// end as Anchor says, so a reader's own font centres it.
	X, Y   float64
	Anchor string // start, middle, end
	Runs   []LabelRun
}

// LabelRun is a stretch of a line in one style.
type LabelRun struct {
	Text string
	// Family is the CSS font-family list, names with spaces quoted.
	Family     string
	Size       float64
	Bold       bool
	Italic     bool
	Color      Color
	Decoration string // underline, line-through, overline or ""
}

// PlainText is the label's words, its lines joined by newlines.
func (l *Label) PlainText() string {
	var b strings.Builder
	for i, line := range l.Lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, r := range line.Runs {
			b.WriteString(r.Text)
		}
	}
	return b.String()
}

// HTMLLabels sets the HTML text of each <foreignObject> that holds only
// text, as the drawing does (lines from <br> and blocks, wrapped to the
// label's width with opts.Metrics, aligned and placed as draw.io's and
// Mermaid's CSS asks), in document order. One that is not displayed or
// holds no words has a label without lines; one that holds something else
// (pictures, forms) has none.
func HTMLLabels(data []byte, opts Options) ([]Label, error) {
	root, err := parseTree(data)
	if err != nil {
		return nil, fmt.Errorf("svg: %w", err)
	}
	r := newRenderer(root, opts)
	// Percentages refer to the root's viewport; a nested <svg>'s is
	// not looked for, as diagram tools write none around labels.
	_, vp := r.size()
	var labels []Label
	var walk func(n *node)
	walk = func(n *node) {
		for _, c := range n.children {
			if c.isText {
				continue
			}
			if c.name == "foreignObject" && settableHTML(c) {
				labels = append(labels, r.label(c, vp))
				continue
			}
			walk(c)
		}
	}
	walk(root)
	return labels, nil
}

// label sets a <foreignObject>'s text as lines.
func (r *renderer) label(n *node, vp viewport) Label {
	label := Label{Offset: n.offset}
	s := r.documentStyle(n)
	if !s.display {
		return label
	}
	fs := s.fontSize
	x, _ := length(n.attr("x"), vp.w, fs)
	y, _ := length(n.attr("y"), vp.h, fs)
	w, _ := length(n.attr("width"), vp.w, fs)
	h, _ := length(n.attr("height"), vp.h, fs)
	inh := r.svgInherited(n)
	box := r.htmlBox(n, s, vp, Rect{x, y, w, h})
	hl := &htmlLayout{r: r, vp: vp, block: s, blockInh: inh, lastSpace: true, taken: box.taken}
	hl.collect(n, s, inh, nil)
	hl.endPara(false)
	words := false
	box.trail = hl.margin
	placed := hl.setLines(box)
	for _, pl := range placed {
		line := LabelLine{X: pl.x, Y: pl.base, Anchor: "start"}
		switch pl.para.align {
		case "center":
			line.X, line.Anchor = pl.blockX+pl.blockW/2, "middle"
		case "right":
			line.X, line.Anchor = pl.blockX+pl.blockW, "end"
		}
		eachRun(pl.frags, func(st *style, _ *background, text string) {
			if st.hidden || st.fontSize <= 0 {
				return
			}
			words = words || strings.TrimSpace(text) != ""
			line.Runs = append(line.Runs, LabelRun{
				Text: text, Family: cssFamilies(st.fontFamily), Size: st.fontSize,
				Bold: st.fontWeight >= 600, Italic: st.italic, Color: st.color, Decoration: st.decoration,
			})
		})
		label.Lines = append(label.Lines, line)
	}
	if !words {
		label.Lines = nil
		return label
	}
	for _, b := range hl.backgroundBoxes(placed) {
		label.Backgrounds = append(label.Backgrounds, LabelBackground{
			X: b.X, Y: b.Y, W: b.W, H: b.H, Color: b.bg.color, Opacity: b.bg.alpha,
		})
	}
	return label
}

// cssFamilies writes a font-family list, quoting names that need it.
func cssFamilies(names []string) string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if strings.ContainsAny(n, " ,'\"") || n == "" {
			n = "'" + strings.NewReplacer("'", "", "\\", "").Replace(n) + "'"
		}
		out = append(out, n)
	}
	return strings.Join(out, ", ")
}
