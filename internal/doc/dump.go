package doc

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Dump writes a readable, stable outline of the book for golden tests.
func Dump(w io.Writer, b *Book) {
	d := &dumper{w: w}
	m := b.Meta
	d.line(0, "book %q lang=%s", m.Title, m.Language)
	if m.Subtitle != "" {
		d.line(1, "subtitle %q", m.Subtitle)
	}
	for _, c := range m.Creators {
		d.line(1, "creator %q role=%s", c.Name, c.Role)
	}
	if len(b.Colophon) > 0 {
		d.line(1, "colophon")
		d.blocks(2, b.Colophon)
	}
	for _, e := range b.Entries {
		d.entry(1, e)
	}
}

// DumpBlocks writes the outline of a block sequence, for tests of one chapter.
func DumpBlocks(w io.Writer, blocks []Block) {
	d := &dumper{w: w}
	d.blocks(0, blocks)
}

type dumper struct {
	w io.Writer
}

func (d *dumper) line(depth int, format string, args ...any) {
	fmt.Fprintf(d.w, "%s%s\n", strings.Repeat("  ", depth), fmt.Sprintf(format, args...))
}

func (d *dumper) entry(depth int, e *Entry) {
	if e == nil {
		d.line(depth, "entry <nil>")
		return
	}
	attrs := []string{e.ID, e.Kind.String()}
	if e.File != "" {
		attrs = append(attrs, "file="+e.File)
	}
	if len(e.Tags) > 0 {
		attrs = append(attrs, "tags="+strings.Join(e.Tags, ","))
	}
	if e.Role != RoleNone {
		attrs = append(attrs, "role="+e.Role.String())
	}
	if e.Language != "" {
		attrs = append(attrs, "lang="+e.Language)
	}
	d.line(depth, "entry %s title=%q", strings.Join(attrs, " "), e.TitleText())
	if p := e.Provenance; p != nil {
		d.line(depth+1, "provenance author=%q title=%q date=%q", p.Author, p.Title, p.Date)
		if len(p.Citation) > 0 {
			d.line(depth+2, "citation")
			d.inlines(depth+3, p.Citation)
		}
	}
	d.blocks(depth+1, e.Blocks)
	for _, n := range e.Notes {
		lang := ""
		if n.Lang != "" {
			lang = " lang=" + n.Lang
		}
		d.line(depth+1, "note %s %s label=%q refs=%d%s", n.ID, n.Kind, n.Label, n.Refs, lang)
		d.blocks(depth+2, n.Blocks)
	}
	for _, c := range e.Children {
		d.entry(depth+1, c)
	}
}

// attrSuffix gives a block's ID and classes, for blocks that have them
// besides headings, figures and groups.
func attrSuffix(id string, classes []string) string {
	s := ""
	if id != "" {
		s += " #" + id
	}
	for _, c := range classes {
		s += " ." + c
	}
	return s
}

func alignSuffix(a Align) string {
	if a == AlignDefault {
		return ""
	}
	return " align=" + [...]string{"default", "left", "center", "right"}[a]
}

func tagSuffix(b *BlockBase) string {
	s := ""
	if len(b.Tags) > 0 {
		s = " tags=" + strings.Join(b.Tags, ",")
	}
	if b.Lang != "" {
		s += " lang=" + b.Lang
	}
	return s
}

func (d *dumper) blocks(depth int, blocks []Block) {
	for _, b := range blocks {
		d.block(depth, b)
	}
}

func (d *dumper) block(depth int, b Block) {
	switch b := b.(type) {
	case *Paragraph:
		kind := "para"
		if b.Lines {
			kind = "lines"
		}
		d.line(depth, "%s%s%s%s", kind, attrSuffix(b.ID, b.Classes), alignSuffix(b.Align), tagSuffix(&b.BlockBase))
		d.inlines(depth+1, b.Content)
	case *Heading:
		extra := ""
		if b.ID != "" {
			extra += " #" + b.ID
		}
		for _, c := range b.Classes {
			extra += " ." + c
		}
		d.line(depth, "heading %d%s%s%s", b.Level, extra, alignSuffix(b.Align), tagSuffix(&b.BlockBase))
		d.inlines(depth+1, b.Content)
	case *BlockQuote:
		d.line(depth, "blockquote%s%s", attrSuffix(b.ID, b.Classes), tagSuffix(&b.BlockBase))
		d.blocks(depth+1, b.Blocks)
	case *List:
		kind := "bullet"
		if b.Ordered {
			kind = "ordered start=" + strconv.Itoa(b.Start)
		}
		if b.Tight {
			kind += " tight"
		}
		d.line(depth, "list %s%s%s", kind, attrSuffix(b.ID, b.Classes), tagSuffix(&b.BlockBase))
		for _, it := range b.Items {
			task := ""
			switch it.Task {
			case TaskOpen:
				task = " [ ]"
			case TaskDone:
				task = " [x]"
			}
			d.line(depth+1, "item%s", task)
			d.blocks(depth+2, it.Blocks)
		}
	case *CodeBlock:
		d.line(depth, "code lang=%q%s%s", b.Language, attrSuffix(b.ID, b.Classes), tagSuffix(&b.BlockBase))
		for _, l := range strings.Split(b.Text, "\n") {
			d.line(depth+1, "| %s", l)
		}
	case *ThematicBreak:
		d.line(depth, "hr%s", tagSuffix(&b.BlockBase))
	case *Table:
		var al []string
		for _, a := range b.Align {
			al = append(al, [...]string{"default", "left", "center", "right"}[a])
		}
		ws := ""
		for i, w := range b.Widths {
			ws += [...]string{" widths=", ","}[min(i, 1)] + strconv.FormatFloat(w, 'f', 3, 64)
		}
		d.line(depth, "table align=%s%s%s%s", strings.Join(al, ","), ws, attrSuffix(b.ID, b.Classes), tagSuffix(&b.BlockBase))
		if len(b.Caption) > 0 {
			d.line(depth+1, "caption")
			d.inlines(depth+2, b.Caption)
		}
		for _, g := range b.Groups {
			d.line(depth+1, "colgroup span=%d%s", g.Width(), attrSuffix("", g.Classes))
			for _, c := range g.Columns {
				d.line(depth+2, "col span=%d%s", c.Span, attrSuffix("", c.Classes))
			}
		}
		cell := func(c *TableCell) {
			kind := "cell"
			if c.Header {
				kind = "heading-cell"
			}
			if c.Scope != ScopeAuto {
				kind += " scope=" + c.Scope.String()
			}
			d.line(depth+2, "%s", kind)
			d.inlines(depth+3, c.Content)
		}
		d.line(depth+1, "header")
		for _, c := range b.Header {
			cell(c)
		}
		for _, row := range b.Rows {
			d.line(depth+1, "row")
			for _, c := range row {
				cell(c)
			}
		}
	case *Figure:
		id := ""
		if b.ID != "" {
			id = " #" + b.ID
		}
		d.line(depth, "figure%s%s", id, tagSuffix(&b.BlockBase))
		if b.Link != nil {
			d.inlines(depth+1, []Inline{b.Link})
		} else {
			d.inlines(depth+1, []Inline{b.Image})
		}
		if len(b.Caption) > 0 {
			d.line(depth+1, "caption")
			d.inlines(depth+2, b.Caption)
		}
	case *Div:
		extra := ""
		if b.Kind != DivPlain {
			extra += " kind=" + b.Kind.String()
		}
		if b.Open {
			extra += " open"
		}
		if b.HeldNote {
			extra += " note"
		}
		if b.ID != "" {
			extra += " #" + b.ID
		}
		for _, c := range b.Classes {
			extra += " ." + c
		}
		d.line(depth, "div%s%s%s", extra, alignSuffix(b.Align), tagSuffix(&b.BlockBase))
		d.blocks(depth+1, b.Blocks)
	case *Index:
		d.line(depth, "index%s", tagSuffix(&b.BlockBase))
		for _, g := range b.Groups {
			d.line(depth+1, "group %q", g.Label)
			d.indexEntries(depth+2, g.Entries)
		}
	default:
		d.line(depth, "?block %T", b)
	}
}

func (d *dumper) inlines(depth int, inlines []Inline) {
	for _, in := range inlines {
		switch in := in.(type) {
		case *Text:
			d.line(depth, "text %q", in.Text)
		case *Code:
			d.line(depth, "code %q", in.Text)
		case *Math:
			kind := "math"
			if in.Display {
				kind = "display math"
			}
			d.line(depth, "%s %q", kind, in.TeX)
		case *Break:
			d.line(depth, "break")
		case *Emph:
			d.line(depth, "emph")
			d.inlines(depth+1, in.Content)
		case *Strong:
			d.line(depth, "strong")
			d.inlines(depth+1, in.Content)
		case *Strike:
			d.line(depth, "strike")
			d.inlines(depth+1, in.Content)
		case *Link:
			target := in.URL
			switch {
			case in.External:
				target += " external"
			case in.Entry != "":
				target += " -> " + in.Entry
				if in.Anchor != "" {
					target += "#" + in.Anchor
				}
			}
			for _, c := range in.Classes {
				target += " ." + c
			}
			switch in.Page {
			case PageAfter:
				target += " page=after"
			case PageOnly:
				target += " page=only"
			}
			switch in.NoteRole {
			case NoteRoleRef:
				target += " note=ref"
			case NoteRoleBack:
				target += " note=back"
			}
			d.line(depth, "link %s", target)
			d.inlines(depth+1, in.Content)
		case *Image:
			asset := ""
			if in.Asset != nil {
				asset = " asset=" + in.Asset.Path + " " + in.Asset.MediaType
			}
			size := ""
			if !in.Width.IsZero() {
				size += " width=" + in.Width.String()
			}
			if !in.Height.IsZero() {
				size += " height=" + in.Height.String()
			}
			if in.Decorative {
				size += " decorative"
			}
			// Where the picture is written, its file left out: a
			// chapter's pictures are in its file.
			at := ""
			if in.Pos.Line > 0 {
				at = " at=" + strconv.Itoa(in.Pos.Line)
				if in.Pos.Column > 0 {
					at += ":" + strconv.Itoa(in.Pos.Column)
				}
			}
			d.line(depth, "image src=%q alt=%q%s%s%s", in.Src, in.Alt, size, asset, at)
		case *NoteRef:
			if in.Note == nil {
				d.line(depth, "noteref <nil>")
				continue
			}
			d.line(depth, "noteref %s label=%q", in.Note.ID, in.Note.Label)
		case *Span:
			extra := ""
			if in.ID != "" {
				extra += " #" + in.ID
			}
			for _, c := range in.Classes {
				extra += " ." + c
			}
			if in.Lang != "" {
				extra += " lang=" + in.Lang
			}
			if in.Title != "" {
				extra += fmt.Sprintf(" title=%q", in.Title)
			}
			for _, a := range in.Attrs {
				extra += fmt.Sprintf(" %s=%q", a.Key, a.Value)
			}
			d.line(depth, "%s%s", in.Kind, extra)
			d.inlines(depth+1, in.Content)
		case *Cite:
			extra := ""
			if in.AuthorInText {
				extra = " in-text"
			}
			d.line(depth, "cite %q%s", in.Text, extra)
			for _, it := range in.Items {
				var parts []string
				if it.SuppressAuthor {
					parts = append(parts, "-")
				}
				for _, f := range [][2]string{{"prefix", it.Prefix}, {"locator", it.Locator}, {"suffix", it.Suffix}} {
					if f[1] != "" {
						parts = append(parts, fmt.Sprintf("%s=%q", f[0], f[1]))
					}
				}
				d.line(depth+1, "@%s %s", it.Key, strings.Join(parts, " "))
			}
		default:
			d.line(depth, "?inline %T", in)
		}
	}
}

func (d *dumper) indexEntries(depth int, es []*IndexEntry) {
	for _, e := range es {
		var locs []string
		for _, l := range e.Locators {
			locs = append(locs, l.Entry+"#"+l.Anchor)
		}
		d.line(depth, "entry #%s %q %s", e.ID, PlainText(e.Term), strings.Join(locs, " "))
		for _, r := range e.See {
			d.line(depth+1, "see %q #%s", PlainText(r.Term), r.ID)
		}
		for _, r := range e.SeeAlso {
			d.line(depth+1, "see also %q #%s", PlainText(r.Term), r.ID)
		}
		d.indexEntries(depth+1, e.Sub)
	}
}
