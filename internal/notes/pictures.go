package notes

import (
	"net/url"
	"path"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// shownPicture is the first place the edition shows a picture file, in
// reading order: a figure (a Figure, or the group of kind figure holding
// the picture), else the picture itself in a line of text. A link to the
// file leads there.
type shownPicture struct {
	entry *doc.Entry
	// figure is the figure showing the picture; nil for a picture in a
	// line, which is line[at].
	figure doc.Block
	line   []doc.Inline
	at     int
	// anchor is the ID links lead to, given when the first link needs it,
	// so a book that links to no picture keeps its IDs.
	anchor string
}

// shownPictures finds, for every picture file the tree shows, the first
// place it is shown: in each entry's text, then in the notes that text
// refers to, in the order numberNotes will keep them (a note nobody refers
// to is dropped, and shows nothing).
func (r *resolver) shownPictures() map[string]*shownPicture {
	shown := map[string]*shownPicture{}
	for _, e := range r.entries() {
		var notes []*doc.Note
		seen := map[*doc.Note]bool{}
		base := cleanPath(e.File)
		add := func(img *doc.Image, p *shownPicture) {
			file := picturePath(img, base)
			if file == "" || shown[file] != nil {
				return
			}
			p.entry = e
			shown[file] = p
		}
		var inlines func(ins []doc.Inline, figure doc.Block)
		inlines = func(ins []doc.Inline, figure doc.Block) {
			for i, in := range ins {
				switch in := in.(type) {
				case *doc.Image:
					if figure != nil {
						add(in, &shownPicture{figure: figure})
					} else {
						add(in, &shownPicture{line: ins, at: i})
					}
				case *doc.NoteRef:
					if in.Note != nil && !seen[in.Note] {
						seen[in.Note] = true
						notes = append(notes, in.Note)
					}
				}
				inlines(doc.InlineChildren(in), figure)
			}
		}
		var blocks func(bs []doc.Block, figure doc.Block)
		blocks = func(bs []doc.Block, figure doc.Block) {
			for _, b := range bs {
				switch b := b.(type) {
				case *doc.Figure:
					fig := figure
					if fig == nil {
						fig = b
					}
					if b.Image != nil {
						add(b.Image, &shownPicture{figure: fig})
					}
					inlines(b.Caption, fig)
				case *doc.Div:
					if b.Kind == doc.DivFigure && figure == nil {
						blocks(b.Blocks, b)
					} else {
						blocks(b.Blocks, figure)
					}
				default:
					for _, content := range doc.BlockInlines(b) {
						inlines(content, figure)
					}
					blocks(doc.BlockChildren(b), figure)
				}
			}
		}
		blocks(e.Blocks, nil)
		for i := 0; i < len(notes); i++ {
			blocks(notes[i].Blocks, nil)
		}
	}
	return shown
}

// inLeftOutContent reports whether the book shows the picture file only
// where the edition's conditions left it out: in the text, or in a note
// something refers to (a note nobody refers to is dropped in every
// edition).
func (r *resolver) inLeftOutContent(file string) bool {
	for _, n := range r.bookPictures[file] {
		if n == nil || r.referenced[n] {
			return true
		}
	}
	return false
}

// pictureAnchor is the ID of the place p shows its picture, giving the
// figure one, or the picture in its line an anchor around it, when it has
// none. The ID is made from the file's name, unique in the book.
func (r *resolver) pictureAnchor(p *shownPicture, file string) string {
	if p.anchor != "" {
		return p.anchor
	}
	stem := asciiSlug(strings.TrimSuffix(path.Base(file), path.Ext(file)))
	if stem == "" {
		stem = "picture"
	}
	if p.figure != nil {
		id := doc.IDOf(p.figure)
		if *id == "" {
			*id = r.ids.unique("figure-" + stem)
		}
		p.anchor = *id
		return p.anchor
	}
	// An anchor span holds the picture: the line it is in and the
	// picture are unchanged, and both formats know the span as a target.
	p.anchor = r.ids.unique("picture-" + stem)
	p.line[p.at] = &doc.Span{ID: p.anchor, Content: []doc.Inline{p.line[p.at]}}
	return p.anchor
}

// picturePath is the file in the book folder a picture is, "" for one
// that is not a file there (a remote picture, a data: URL). base is the
// file the picture's source is written in.
func picturePath(img *doc.Image, base string) string {
	src := strings.TrimSpace(img.Src)
	if src == "" || hasScheme(src) || strings.HasPrefix(src, "//") {
		return ""
	}
	if img.Asset != nil && img.Asset.Path != "" {
		return img.Asset.Path
	}
	ref, _, _ := strings.Cut(src, "#")
	ref, _, _ = strings.Cut(ref, "?")
	if p, err := url.PathUnescape(ref); err == nil {
		ref = p
	}
	ref = strings.ReplaceAll(ref, `\`, "/")
	file := path.Join(path.Dir(base), ref)
	if strings.HasPrefix(ref, "/") {
		file = path.Clean(strings.TrimLeft(ref, "/"))
	}
	if file == ".." || strings.HasPrefix(file, "../") {
		return ""
	}
	return file
}

// holdsPicture reports whether a link's content shows the picture file
// it leads to ([![Shot](shot.png)](shot.png), a picture linked to its
// full-size self).
func holdsPicture(l *doc.Link, file, base string) bool {
	found := false
	doc.WalkInlines(l.Content, doc.Visitor{Inline: func(in doc.Inline) bool {
		if img, ok := in.(*doc.Image); ok && picturePath(img, base) == file {
			found = true
		}
		return !found
	}})
	return found
}

// pictureExts are the file names of pictures either format can show.
var pictureExts = []string{".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}

func isPicture(file string) bool {
	ext := strings.ToLower(path.Ext(file))
	for _, e := range pictureExts {
		if ext == e {
			return true
		}
	}
	return false
}
