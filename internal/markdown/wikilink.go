package markdown

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Wikilinks, as Obsidian, Foam, Dendron and Logseq write them:
//
//	[[Note]] [[Note|shown text]] [[Note#Heading]] [[#Heading]]   links
//	![[picture.png]] ![[picture.png|300]] ![[picture.png|300x200]]
//	![[picture.png|alt text]]                                   pictures
//	![[Note]]                                                   an embedded note
//
// They become the Markdown links and pictures they stand for, so what
// follows a Markdown link or picture (figures, sizes, the resolve pass's
// links between chapters, its warnings, page references) follows them.
// A note is named by its file's name without .md, in any case and any
// folder of the book; a picture by its file name, looked for in the
// chapter's folder and then in the whole book folder, as Obsidian finds
// attachments. Embedding a note's text is not done: it is a link to it.

// Vault is the book folder as wikilinks see it: its files, listed once,
// when the first wikilink needs them, so a book without any pays nothing.
type Vault struct {
	list func() []string
	once sync.Once
	// exact holds every file; byName the files of each lower-cased file
	// name, shortest path first; byPath each file by its lower-cased path.
	exact  map[string]bool
	byName map[string][]string
	byPath map[string]string
}

// NewVault returns a Vault whose files list gives, as slash-separated
// paths relative to the book folder, when first needed.
func NewVault(list func() []string) *Vault { return &Vault{list: list} }

func (v *Vault) index() {
	v.once.Do(func() {
		v.exact, v.byName, v.byPath = map[string]bool{}, map[string][]string{}, map[string]string{}
		files := v.list()
		slices.SortFunc(files, shorterPath)
		for _, f := range files {
			if strings.HasPrefix(f, ".") || strings.Contains(f, "/.") {
				continue // Obsidian's settings, the trash, version control
			}
			v.exact[f] = true
			name := strings.ToLower(path.Base(f))
			v.byName[name] = append(v.byName[name], f)
			if _, ok := v.byPath[strings.ToLower(f)]; !ok {
				v.byPath[strings.ToLower(f)] = f
			}
		}
	})
}

// shorterPath orders paths shortest first (fewest folders, then fewest
// bytes), then by name, which is the one Obsidian links to when a name is
// ambiguous.
func shorterPath(a, b string) int {
	if d := strings.Count(a, "/") - strings.Count(b, "/"); d != 0 {
		return d
	}
	if d := len(a) - len(b); d != 0 {
		return d
	}
	return strings.Compare(a, b)
}

// has reports whether the book folder holds file, and its spelling there
// when it differs only in case.
func (v *Vault) has(file string) (string, bool) {
	if v == nil {
		return "", false
	}
	v.index()
	if v.exact[file] {
		return file, true
	}
	f, ok := v.byPath[strings.ToLower(file)]
	return f, ok
}

// named is every file called name (in any case), shortest path first.
func (v *Vault) named(name string) []string {
	if v == nil {
		return nil
	}
	v.index()
	return v.byName[strings.ToLower(name)]
}

// wikiContext is what the wikilink parser of one parse needs: the chapter
// file (relative to the book folder) and the book folder's files.
type wikiContext struct {
	file  string
	vault *Vault
	// ambiguous are the picture names already warned about.
	ambiguous map[string]bool
	// embeds counts the embedded notes, told of in one warning at the
	// first, embedAt.
	embeds, embedAt int
	embedFirst      string
	// mystMath: the file is a MyST notebook's, whose $$ starts a block
	// of math (mystmath.go)
	mystMath bool
}

var wikiKey = parser.NewContextKey()

// maxWikilink bounds what lies between [[ and ]].
const maxWikilink = 1000

type wikilinkParser struct{}

func (wikilinkParser) Trigger() []byte { return []byte{'!', '['} }

func (wikilinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	embed := len(line) > 0 && line[0] == '!'
	start := 2
	if embed {
		start = 3
	}
	if len(line) < start+3 || string(line[start-2:start]) != "[[" {
		return nil
	}
	end := -1
	for i := start; i < len(line) && i-start <= maxWikilink; i++ {
		if c := line[i]; c == '[' || c == '\n' || c == '\r' {
			return nil
		} else if c == ']' {
			if i+1 < len(line) && line[i+1] == ']' {
				end = i
			}
			break
		}
	}
	if end < 0 {
		return nil
	}
	// ]]( and ]][ end a Markdown link whose text is in brackets:
	// [[1]](#note) is a link reading "[1]"; ]][^ is a footnote's
	if after := line[end+2:]; len(after) > 0 && (after[0] == '(' || after[0] == '[' && !bytes.HasPrefix(after, []byte("[^"))) {
		return nil
	}
	// \| is a | inside a table's cell, where a bare one ends the cell
	inner := strings.ReplaceAll(string(line[start:end]), `\|`, "|")
	target, shown, _ := strings.Cut(inner, "|")
	target = strings.TrimSpace(target)
	if target == "" || target == "#" {
		return nil
	}
	wc, _ := pc.Get(wikiKey).(*wikiContext)
	if wc == nil {
		wc = &wikiContext{}
	}
	at := seg.Start
	block.Advance(end + 2)
	note, heading, _ := strings.Cut(target, "#")
	note = strings.TrimSpace(note)
	switch kind := attachmentKind(note); {
	case embed && kind == pictureFile:
		return wc.picture(note, shown, at, pc)
	case kind != noteFile:
		// a link to a picture or a file the book cannot show, which the
		// resolve pass leads to the picture or reports
		if shown = strings.TrimSpace(shown); shown == "" {
			shown = note
		}
		link := ast.NewLink()
		link.Destination = []byte(escapePath(wc.attachment(note, kind, at, pc)))
		link.AppendChild(link, wikiText(shown))
		return link
	}
	if embed {
		if wc.embeds == 0 {
			wc.embedAt, wc.embedFirst = at, "![["+target+"]]"
		}
		wc.embeds++
	}
	return wc.link(note, heading, shown, target)
}

// What a wikilink names: a note, a picture, or another file.
const (
	noteFile = iota
	pictureFile
	otherFile
)

// attachmentKind tells what a wikilink names by its extension: a name
// without one of the pictures' or another attachment's (PDF, sound,
// video) is a note, as Dendron's dotted names (a.b.c) are.
func attachmentKind(name string) int {
	ext := strings.ToLower(path.Ext(name))
	switch {
	case slices.Contains(pictureExtensions, ext):
		return pictureFile
	case slices.Contains(otherExtensions, ext):
		return otherFile
	}
	return noteFile
}

var (
	markdownExtensions = []string{".md", ".markdown", ".mdown", ".mkd", ".mkdn"}
	pictureExtensions  = []string{".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".tif", ".tiff", ".bmp", ".avif"}
	otherExtensions    = []string{".pdf", ".mp3", ".wav", ".ogg", ".m4a", ".flac", ".webm", ".mp4", ".mov", ".mkv", ".ogv"}
)

// link is the Markdown link [[note#heading|shown]] stands for.
func (wc *wikiContext) link(note, heading, shown, target string) ast.Node {
	// Obsidian's [[Note#Part#Section]] leads to the last heading named
	heading = strings.TrimSpace(heading)
	if i := strings.LastIndexByte(heading, '#'); i >= 0 {
		heading = strings.TrimSpace(heading[i+1:])
	}
	dest := ""
	switch {
	case hasScheme(note):
		// DokuWiki's [[https://…|text]]: an address, not a note
		dest = note
	case note != "":
		dest = escapePath(wc.noteFile(note))
	}
	if heading != "" {
		dest += "#" + slug(heading)
	}
	if shown = strings.TrimSpace(shown); shown == "" {
		shown = note
		if heading != "" {
			shown = strings.TrimSpace(strings.Join(strings.Fields(strings.ReplaceAll(target, "#", " > ")), " "))
			if note == "" {
				shown = heading
			}
		}
	}
	link := ast.NewLink()
	link.Destination = []byte(dest)
	link.AppendChild(link, wikiText(shown))
	return link
}

// noteFile is the path, relative to the chapter's folder, of the note a
// wikilink names: a file of that path (from the chapter's folder, then
// from the book folder's), else one of that name in any folder, the
// shortest path first. A note the book folder does not hold is named as
// written, for the resolve pass to report.
func (wc *wikiContext) noteFile(note string) string {
	name := note
	if !slices.Contains(markdownExtensions, strings.ToLower(path.Ext(name))) {
		name += ".md"
	}
	dir := path.Dir(wc.file)
	if f, ok := wc.vault.has(path.Join(dir, name)); ok {
		return relativePath(dir, f)
	}
	if f, ok := wc.vault.has(path.Clean(strings.TrimLeft(name, "/"))); ok {
		return relativePath(dir, f)
	}
	suffix := "/" + strings.ToLower(strings.TrimLeft(name, "/"))
	for _, f := range wc.vault.named(path.Base(name)) {
		if strings.HasSuffix("/"+strings.ToLower(f), suffix) {
			return relativePath(dir, f)
		}
	}
	return name
}

// picture is the Markdown picture ![[name|…]] stands for: its parts after
// the name are a size (300, 300x200, in pixels) or the description.
func (wc *wikiContext) picture(name, rest string, at int, pc parser.Context) ast.Node {
	var alt []string
	var width, height string
	if rest != "" {
		for _, part := range strings.Split(rest, "|") {
			if w, h, ok := wikiSize(strings.TrimSpace(part)); ok && width == "" {
				width, height = w, h
				continue
			}
			alt = append(alt, part)
		}
	}
	img := ast.NewImage(ast.NewLink())
	img.Destination = []byte(escapePath(wc.attachment(name, pictureFile, at, pc)))
	if a := strings.TrimSpace(strings.Join(alt, "|")); a != "" {
		img.AppendChild(img, wikiText(a))
	}
	if width != "" {
		img.SetAttributeString("width", []byte(width+"px"))
	}
	if height != "" {
		img.SetAttributeString("height", []byte(height+"px"))
	}
	return img
}

// attachment finds the picture or other file a wikilink names: a path as
// written, relative to the chapter (or the book folder); a bare name in
// the chapter's folder, else anywhere in the book folder.
func (wc *wikiContext) attachment(name string, kind, at int, pc parser.Context) string {
	dir := path.Dir(wc.file)
	if f, ok := wc.vault.has(path.Join(dir, name)); ok || wc.vault == nil {
		if !ok {
			return name
		}
		return relativePath(dir, f)
	}
	if strings.Contains(name, "/") {
		if f, ok := wc.vault.has(path.Clean(strings.TrimLeft(name, "/"))); ok {
			return relativePath(dir, f)
		}
		return name
	}
	found := wc.vault.named(name)
	switch {
	case len(found) == 0:
		return name
	case len(found) > 1 && !wc.ambiguous[strings.ToLower(name)]:
		if wc.ambiguous == nil {
			wc.ambiguous = map[string]bool{}
		}
		wc.ambiguous[strings.ToLower(name)] = true
		what := "picture"
		if kind != pictureFile {
			what = "file"
		}
		addPendingWarning(pc, at, "wikilink.ambiguous", fmt.Sprintf("%s %q: %d files of that name in the book folder (%s); the shortest path, %s, is shown", what, name, len(found), strings.Join(found, ", "), found[0]))
	}
	return relativePath(dir, found[0])
}

// wikiSize reads Obsidian's size of a picture: a width, or width x height,
// in pixels.
func wikiSize(s string) (w, h string, ok bool) {
	w, h, _ = strings.Cut(s, "x")
	for _, n := range []string{w, h} {
		if n == "" && n == h {
			continue
		}
		if v, err := strconv.Atoi(n); err != nil || v <= 0 || v > 100000 {
			return "", "", false
		}
	}
	return w, h, true
}

// wikiText is text shown as written: no Markdown is read inside [[…]].
func wikiText(s string) ast.Node {
	t := ast.NewString([]byte(s))
	t.SetCode(true)
	return t
}

// relativePath is the path of file (relative to the book folder) from the
// folder dir.
func relativePath(dir, file string) string {
	if dir == "." || dir == "" {
		return file
	}
	from := strings.Split(dir, "/")
	to := strings.Split(file, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}

// escapePath writes a file's path as a URL's, whose %, # and ? would
// otherwise be read as escapes, a fragment and a query.
func escapePath(p string) string {
	if !strings.ContainsAny(p, "%#?") {
		return p
	}
	return strings.NewReplacer("%", "%25", "#", "%23", "?", "%3F").Replace(p)
}

// embedWarning tells, once for a file, that its embedded notes are links.
func embedWarning(wc *wikiContext) string {
	msg := wc.embedFirst + " embeds a note, which is not supported: printed as a link to it"
	switch n := wc.embeds - 1; n {
	case 0:
	case 1:
		msg += " (as is 1 other embed in this file)"
	default:
		msg += fmt.Sprintf(" (as are %d other embeds in this file)", n)
	}
	return msg
}
