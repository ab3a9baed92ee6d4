package layout

import (
	"fmt"
	"io"
	"strings"
)

// Dump writes a readable outline of a laid-out document, for golden tests
// and for reading a layout without painting it: per page its label and side,
// then every item with its position rounded to a tenth of a point.
func Dump(w io.Writer, d *Document) {
	g := d.Geometry
	fmt.Fprintf(w, "media %s x %s trim %s bleed %s crop=%v\n", num(g.MediaWidth), num(g.MediaHeight), rect(g.Trim), rect(g.Bleed), g.CropMarks)
	for i, p := range d.Pages {
		side := "verso"
		if p.Recto {
			side = "recto"
		}
		fmt.Fprintf(w, "page %d label=%s %s\n", i+1, p.Label, side)
		for _, a := range p.Anchors {
			fmt.Fprintf(w, "  anchor %s y=%s\n", a.Name, num(a.Y))
		}
		for _, it := range p.Items {
			fmt.Fprintf(w, "  %s\n", itemString(it))
		}
	}
	for _, o := range d.Outline {
		fmt.Fprintf(w, "outline %s%q page=%d y=%s\n", strings.Repeat("  ", o.Level), o.Title, o.Page+1, num(o.Y))
	}
	for _, b := range d.PageMap.Breaks {
		block := "<entry start>"
		if b.Block != nil {
			block = fmt.Sprintf("%T", b.Block)
		}
		id := ""
		if b.Entry != nil {
			id = b.Entry.ID
		}
		fmt.Fprintf(w, "pagemap %s %s %s+%d\n", b.Label, id, strings.TrimPrefix(block, "*doc."), b.Offset)
	}
	for _, s := range d.Warnings {
		fmt.Fprintf(w, "warning %s [%s]\n", s, s.Code)
	}
}

func num(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	if s == "-0.0" {
		s = "0.0"
	}
	return s
}

func num2(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	if s == "-0.00" {
		s = "0.00"
	}
	return s
}

func rect(r Rect) string {
	return fmt.Sprintf("[%s %s %s %s]", num(r.X), num(r.Y), num(r.W), num(r.H))
}

func colorString(c Color) string {
	return fmt.Sprintf("rgb(%s,%s,%s)", num(c.R), num(c.G), num(c.B))
}

func itemString(it Item) string {
	switch it := it.(type) {
	case *Text:
		gray := ""
		if it.Gray != 0 {
			gray = " gray=" + num(it.Gray)
		}
		if c := it.Color(); c != nil {
			gray += " color=" + colorString(*c)
		}
		if a := it.Angle(); a != 0 {
			gray += " angle=" + num(a)
		}
		kerns := ""
		for _, k := range it.Kerns {
			kerns += fmt.Sprintf(" kern@%d=%s", k.At, num2(k.Dx))
		}
		return fmt.Sprintf("text %s,%s %s %s%s %q%s", num(it.X), num(it.Y), it.Face, num(it.Size), gray, it.Text, kerns)
	case *Rule:
		return fmt.Sprintf("rule %s,%s-%s,%s w=%s", num(it.X1), num(it.Y1), num(it.X2), num(it.Y2), num(it.Width))
	case *Box:
		fill := ""
		if it.Fill && it.FillColor != nil {
			fill = " " + colorString(*it.FillColor)
		}
		return fmt.Sprintf("box %s stroke=%v fill=%v%s", rect(it.Rect), it.Stroke, it.Fill, fill)
	case *Picture:
		path := ""
		if it.Asset != nil {
			path = it.Asset.Path
		}
		return fmt.Sprintf("picture %s %s", rect(it.Rect), path)
	case *Link:
		target := it.URL
		if it.Anchor != "" {
			target = "#" + it.Anchor
		}
		return fmt.Sprintf("link %s %s", rect(it.Rect), target)
	}
	return fmt.Sprintf("?%T", it)
}
