package notes

import (
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// picturePlace is a place the book shows pictures: a figure (a Figure,
// or the group of kind figure holding the picture), else the picture
// itself in a line of text, which is line[at].
type picturePlace struct {
	figure doc.Block
	line   []doc.Inline
	at     int
}

// placeKey names a place across the edition's conditions, which keep the
// figures and pictures they keep and drop the others.
type placeKey struct {
	figure doc.Block
	image  *doc.Image
}

func (p picturePlace) key() placeKey {
	if p.figure != nil {
		return placeKey{figure: p.figure}
	}
	img, _ := p.line[p.at].(*doc.Image)
	return placeKey{image: img}
}

// walkPictures calls shown for every picture blocks show, with its place,
// and referred for every note a reference in them points to, in reading
// order.
func walkPictures(blocks []doc.Block, shown func(img *doc.Image, at picturePlace), referred func(*doc.Note)) {
	var inlines func(ins []doc.Inline, figure doc.Block)
	inlines = func(ins []doc.Inline, figure doc.Block) {
		for i, in := range ins {
			switch in := in.(type) {
			case *doc.Image:
				if figure != nil {
					shown(in, picturePlace{figure: figure})
				} else {
					shown(in, picturePlace{line: ins, at: i})
				}
			case *doc.NoteRef:
				if in.Note != nil && referred != nil {
					referred(in.Note)
				}
			}
			inlines(doc.InlineChildren(in), figure)
		}
	}
	var walk func(bs []doc.Block, figure doc.Block)
	walk = func(bs []doc.Block, figure doc.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.Figure:
				fig := figure
				if fig == nil {
					fig = b
				}
				if b.Image != nil {
					shown(b.Image, picturePlace{figure: fig})
				}
				inlines(b.Caption, fig)
			case *doc.Div:
				if b.Kind == doc.DivFigure && figure == nil {
					walk(b.Blocks, b)
				} else {
					walk(b.Blocks, figure)
				}
			default:
				for _, content := range doc.BlockInlines(b) {
					inlines(content, figure)
				}
				walk(doc.BlockChildren(b), figure)
			}
		}
	}
	walk(blocks, nil)
}

// shownPicture is the first place the edition shows a picture file, in
// reading order. A link to the file leads there.
type shownPicture struct {
	entry *doc.Entry
	place picturePlace
	// anchor is the ID links lead to, given when the first link needs it,
	// so a place no link leads to keeps its tree unchanged.
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
		add := func(img *doc.Image, at picturePlace) {
			file := picturePath(img, base)
			if file == "" || shown[file] != nil {
				return
			}
			shown[file] = &shownPicture{entry: e, place: at}
		}
		refer := func(n *doc.Note) {
			if !seen[n] {
				seen[n] = true
				notes = append(notes, n)
			}
		}
		walkPictures(e.Blocks, add, refer)
		for i := 0; i < len(notes); i++ {
			walkPictures(notes[i].Blocks, add, refer)
		}
	}
	return shown
}

// planPictureAnchors names, before the edition's conditions, every place
// the whole book shows a picture some link leads to, and reserves the
// names: whichever place an edition links to has the same ID in every
// edition, so a bookmark or an outside link into one edition's EPUB
// holds in the others. A book no link of which leads to a picture it
// shows reserves nothing, and keeps its IDs.
//
// A name is made only from the picture's file and its place in its own
// entry, not from what comes before the entry: "diagrams-figure-pipeline"
// for the first figure of diagrams.md showing img/pipeline.svg,
// "diagrams-picture-pipeline-2" for its second showing in a line there (in
// the entry's text, then its notes). A group of pictures is named after
// the first picture in it a link leads to; a figure with an ID of its own
// keeps it.
func (r *resolver) planPictureAnchors(anns []*annotation) {
	linked := r.linkedPictures(anns)
	if len(linked) == 0 {
		return
	}
	r.plannedAnchors = map[placeKey]string{}
	for _, e := range r.entries() {
		base := cleanPath(e.File)
		shows := map[string]int{} // places showing each file so far
		plan := func(img *doc.Image, at picturePlace) {
			file := picturePath(img, base)
			if file == "" {
				return
			}
			shows[file]++
			key := at.key()
			if !linked[file] || at.figure != nil && *doc.IDOf(at.figure) != "" {
				return
			}
			if _, named := r.plannedAnchors[key]; named {
				return
			}
			name := e.ID + "-" + pictureName(at, file)
			if k := shows[file]; k > 1 {
				name += "-" + strconv.Itoa(k)
			}
			r.plannedAnchors[key] = r.ids.unique(name)
		}
		for _, blocks := range entryBlockSets(e) {
			walkPictures(blocks, plan, nil)
		}
	}
}

// linkedPictures are the picture files the whole book shows that some
// link in it leads to, before the edition's conditions: in the entries'
// titles, text and notes, and in the annotations. A link holding the very
// picture it names leads nowhere.
func (r *resolver) linkedPictures(anns []*annotation) map[string]bool {
	if len(r.bookPictures) == 0 {
		return nil
	}
	var linked map[string]bool
	visit := func(base string) doc.Visitor {
		return doc.Visitor{Inline: func(in doc.Inline) bool {
			l, ok := in.(*doc.Link)
			if !ok {
				return true
			}
			file := localFile(l.URL, base)
			if file == "" || len(r.bookPictures[file]) == 0 || r.allEntryByFile[r.chapterFile(file)] != nil ||
				holdsPicture(l, file, base) {
				return true
			}
			if linked == nil {
				linked = map[string]bool{}
			}
			linked[file] = true
			return true
		}}
	}
	for _, e := range r.entries() {
		v := visit(cleanPath(e.File))
		doc.WalkInlines(e.Title, v)
		for _, blocks := range entryBlockSets(e) {
			doc.Walk(blocks, v)
		}
	}
	for _, a := range anns {
		if a.note != nil {
			doc.Walk(a.note.Blocks, visit(cleanPath(a.file)))
		}
	}
	return linked
}

// pictureName is the part of a place's ID its picture file gives:
// figure-pipeline, or picture-shot for a picture in a line.
func pictureName(at picturePlace, file string) string {
	stem := asciiSlug(strings.TrimSuffix(path.Base(file), path.Ext(file)))
	if stem == "" {
		stem = "picture"
	}
	if at.figure != nil {
		return "figure-" + stem
	}
	return "picture-" + stem
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
// figure its planned ID, or the picture in its line an anchor around it,
// when it has none.
func (r *resolver) pictureAnchor(p *shownPicture, file string) string {
	if p.anchor != "" {
		return p.anchor
	}
	at := p.place
	if at.figure != nil {
		if id := doc.IDOf(at.figure); *id != "" {
			p.anchor = *id
			return p.anchor
		}
	}
	id, planned := r.plannedAnchors[at.key()]
	if !planned {
		// A link planPictureAnchors did not see; none is made today.
		id = r.ids.unique(p.entry.ID + "-" + pictureName(at, file))
	}
	p.anchor = id
	if at.figure != nil {
		*doc.IDOf(at.figure) = id
		return id
	}
	// An anchor span holds the picture: the line it is in and the
	// picture are unchanged, and both formats know the span as a target.
	at.line[at.at] = &doc.Span{ID: id, Content: []doc.Inline{at.line[at.at]}}
	return id
}

// picturePath is the file in the book folder a picture is, "" for one
// that is not a file there (a remote picture, a data: URL). base is the
// file the picture's source is written in.
func picturePath(img *doc.Image, base string) string {
	src := strings.TrimSpace(img.Src)
	if src == "" || doc.HasURLScheme(src) || strings.HasPrefix(src, "//") {
		return ""
	}
	if img.Asset != nil && img.Asset.Path != "" {
		return img.Asset.Path
	}
	return localFile(src, base)
}

// localFile is the file in the book folder a URL written in base names, ""
// for a URL leaving the book or the folder.
func localFile(u, base string) string {
	src := strings.TrimSpace(u)
	if src == "" || doc.HasURLScheme(src) || strings.HasPrefix(src, "//") {
		return ""
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

func isPicture(file string) bool { return hasExt(file, pictureExts) }
