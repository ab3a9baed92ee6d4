package media

import (
	"encoding/xml"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"unicode"

	"github.com/samizdat-press/samizdat/internal/svg"
	"github.com/samizdat-press/samizdat/internal/xmltext"
)

// writeLabel writes an HTML label, set by internal/svg, as an SVG <text>
// in place of its <foreignObject> fo: a <tspan> for each line, anchored
// where the line's alignment puts it, with a nested <tspan> for each run
// whose style differs from the label's first. Spaces are preserved, so
// runs join as they were set; no white space is written between tags.
func (c *cleaner) writeLabel(l *svg.Label, fo xml.StartElement, f frame) {
	var base *svg.LabelRun
	for i := range l.Lines {
		if len(l.Lines[i].Runs) > 0 {
			base = &l.Lines[i].Runs[0]
			break
		}
	}
	if base == nil {
		return
	}
	c.closeOpen()
	// Backgrounds go with the text in a group, which carries the
	// transform and stays one element where a <switch> draws only its
	// first.
	group := len(l.Backgrounds) > 0 && c.childAllowed("g")
	if group {
		c.out.WriteString(`<` + prefixed(f.raw, "g"))
		c.writeTransform(fo, f)
		c.out.WriteByte('>')
		for _, b := range l.Backgrounds {
			c.writeBackground(b, f)
		}
	}
	c.out.WriteString(`<` + prefixed(f.raw, "text") + ` xml:space="preserve"`)
	if !group {
		c.writeTransform(fo, f)
	}
	// The label's style is a style attribute, which the picture's style
	// sheet cannot override (Mermaid's sets fill and text-anchor on text).
	c.writeAttr("style", strings.Join(runDeclarations(*base), ";"))
	c.out.WriteByte('>')
	tspan := prefixed(f.raw, "tspan")
	for _, line := range l.Lines {
		if len(line.Runs) == 0 {
			continue
		}
		c.out.WriteString("<" + tspan)
		c.writeAttr("x", labelNumber(line.X))
		c.writeAttr("y", labelNumber(line.Y))
		c.writeAttr("text-anchor", line.Anchor)
		c.out.WriteByte('>')
		for _, run := range line.Runs {
			styled := !sameRunStyle(run, *base)
			if styled {
				c.out.WriteString("<" + tspan)
				c.writeRunStyle(run, base)
				c.out.WriteByte('>')
			}
			xmltext.Escape(&c.out, run.Text, false)
			if styled {
				c.out.WriteString("</" + tspan + ">")
			}
		}
		c.out.WriteString("</" + tspan + ">")
	}
	c.out.WriteString("</" + prefixed(f.raw, "text") + ">")
	if group {
		c.out.WriteString("</" + prefixed(f.raw, "g") + ">")
	}
}

// writeTransform writes the <foreignObject>'s transform, if it has one.
func (c *cleaner) writeTransform(fo xml.StartElement, f frame) {
	for _, a := range fo.Attr {
		if a.Name.Space == "" && a.Name.Local == "transform" {
			if v, keep := c.attr(a, f); keep && strings.TrimSpace(v) != "" {
				c.writeAttr("transform", v)
			}
		}
	}
}

// writeBackground writes a box filled behind a label's text. Its paint is
// a style attribute, as the text's is, because the picture's style sheet
// may style rectangles where the label is: Mermaid's gives those in an
// edge label half opacity, and those in a node a stroke.
func (c *cleaner) writeBackground(b svg.LabelBackground, f frame) {
	c.out.WriteString("<" + prefixed(f.raw, "rect"))
	c.writeAttr("x", labelNumber(b.X))
	c.writeAttr("y", labelNumber(b.Y))
	c.writeAttr("width", labelNumber(b.W))
	c.writeAttr("height", labelNumber(b.H))
	style := "fill:" + labelColor(b.Color)
	if b.Opacity < 1 {
		style += ";fill-opacity:" + labelNumber(b.Opacity)
	}
	c.writeAttr("style", style+";stroke:none;opacity:1")
	c.out.WriteString("/>")
}

// runDeclarations are a run's font and colour as CSS declarations, in
// the form cleaning writes a style attribute.
func runDeclarations(r svg.LabelRun) []string {
	d := []string{"font-family:" + r.Family, "font-size:" + labelNumber(r.Size) + "px"}
	if r.Bold {
		d = append(d, "font-weight:bold")
	}
	if r.Italic {
		d = append(d, "font-style:italic")
	}
	d = append(d, "fill:"+labelColor(r.Color))
	if deco := labelDecoration(r.Decoration); deco != "" {
		d = append(d, "text-decoration:"+deco)
	}
	return d
}

// writeRunStyle writes as presentation attributes how a run's font and
// colour differ from the label's, which it inherits.
func (c *cleaner) writeRunStyle(r svg.LabelRun, base *svg.LabelRun) {
	if r.Family != base.Family {
		c.writeAttr("font-family", r.Family)
	}
	if r.Size != base.Size {
		c.writeAttr("font-size", labelNumber(r.Size))
	}
	if r.Bold != base.Bold {
		c.writeAttr("font-weight", map[bool]string{true: "bold", false: "normal"}[r.Bold])
	}
	if r.Italic != base.Italic {
		c.writeAttr("font-style", map[bool]string{true: "italic", false: "normal"}[r.Italic])
	}
	if r.Color != base.Color {
		c.writeAttr("fill", labelColor(r.Color))
	}
	// A decoration reaches the text inside the element that has it;
	// one without needs none said.
	if d := labelDecoration(r.Decoration); d != labelDecoration(base.Decoration) && d != "" {
		c.writeAttr("text-decoration", d)
	}
}

// sameRunStyle reports whether two runs are set alike.
func sameRunStyle(a, b svg.LabelRun) bool {
	a.Text, b.Text = "", ""
	return a == b
}

func labelColor(c svg.Color) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func (c *cleaner) writeAttr(name, value string) {
	c.out.WriteString(" " + name + `="`)
	xmltext.Escape(&c.out, value, true)
	c.out.WriteByte('"')
}

// labelDecoration keeps of a CSS text-decoration the lines SVG 1.1 knows.
func labelDecoration(v string) string {
	var kept []string
	for _, w := range strings.Fields(strings.ToLower(v)) {
		switch w {
		case "underline", "overline", "line-through":
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// labelNumber writes a coordinate or size to a hundredth of a pixel.
func labelNumber(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

var (
	markupTag     = regexp.MustCompile(`<[^>]*>|<[^>]*$`)
	truncationEnd = regexp.MustCompile(`\s*(\.\.\.|…)$`)
)

// repeatsLabel reports whether a <switch>'s fallback text says nothing
// the label before it does not: draw.io's notice that the label is not
// SVG, the label itself, or its first words cut off with an ellipsis
// (draw.io's, which may still hold the label's HTML tags as text).
func repeatsLabel(fallback, label string) bool {
	if label == "" {
		return false
	}
	if svg.GenericNotice(fallback) {
		return true
	}
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	fb := words(markupTag.ReplaceAllString(fallback, ""))
	label = words(label)
	if fb == "" {
		return false
	}
	if fb == label {
		return true
	}
	cut := truncationEnd.ReplaceAllString(fb, "")
	return cut != fb && cut != "" && strings.HasPrefix(label, cut)
}

// labelMetrics estimates text widths for wrapping labels, which the
// reader's font will set: a character's width by its kind, near
// Helvetica's and Arial's (the fonts diagram tools name), a monospace one
// at 0.6 em. Ascent and descent are those internal/svg assumes. On
// labels these come within 2.3% of Helvetica's own widths on average (the
// PDF's, from gofpdf, which this package does not use), less than the
// reader's font, which may be any sans-serif, differs from Helvetica.
type labelMetrics struct{}

func (labelMetrics) Width(f svg.Font, s string) float64 {
	w := 0.0
	for _, r := range s {
		w += labelAdvance(f, r)
	}
	if f.Bold {
		w *= 1.06
	}
	return w
}

func (labelMetrics) Ascent(svg.Font) float64  { return 0.8 }
func (labelMetrics) Descent(svg.Font) float64 { return 0.2 }

// labelAdvance is one character's estimated width in ems.
func labelAdvance(f svg.Font, r rune) float64 {
	switch {
	case f.Family == svg.Monospace:
		return 0.6
	case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r):
		return 1
	case strings.ContainsRune(" ijlI.,:;'|!", r):
		return 0.27
	case strings.ContainsRune("frt()[]{}-/\\\"", r):
		return 0.33
	case r == 'm' || r == 'w' || r == 'M' || r == 'W' || r == '@' || r == '%':
		return 0.85
	case unicode.IsUpper(r):
		return 0.68
	case unicode.IsDigit(r):
		return 0.556
	}
	return 0.53
}
