package notes

import (
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// idSet hands out IDs unique in the book.
type idSet struct {
	used map[string]bool
	// next remembers where the search for a free suffix of a base resumes,
	// so a thousand headings named "Notes" cost linear time.
	next map[string]int
}

func newIDSet() *idSet { return &idSet{used: map[string]bool{}, next: map[string]int{}} }

func (s *idSet) taken(id string) bool { return s.used[id] }

func (s *idSet) take(id string) { s.used[id] = true }

// unique reserves base, or base-2, base-3… if base is taken.
func (s *idSet) unique(base string) string {
	if !s.used[base] {
		s.used[base] = true
		return base
	}
	n := max(s.next[base], 2)
	for ; ; n++ {
		c := base + "-" + strconv.Itoa(n)
		if !s.used[c] {
			s.used[c] = true
			s.next[base] = n + 1
			return c
		}
	}
}

// anchorKey names an ID as the parser gave it, in the file it came from.
type anchorKey struct{ file, id string }

// reservedEntryIDs are names the EPUB package uses for its own documents.
var reservedEntryIDs = []string{"nav", "cover", "titlepage", "colophon", inputsID}

// sourcesID is the ID of the generated "Sources and permissions" entry,
// and its file's name: not "sources", which a book's own part or chapter
// of sources is likely to be called.
const sourcesID = "sources-and-permissions"

// assignEntryIDs names every entry, those a condition will remove included,
// so an entry has the same ID (and EPUB file name) in every edition.
func (r *resolver) assignEntryIDs() {
	for _, id := range reservedEntryIDs {
		r.ids.take(id)
	}
	all := r.entries()
	for _, e := range all {
		if e.Provenance != nil {
			r.ids.take(sourcesID)
			break
		}
	}
	for i, e := range all {
		base := ""
		if e.File != "" {
			name := path.Base(cleanPath(e.File))
			base = asciiSlug(strings.TrimSuffix(name, path.Ext(name)))
		} else {
			base = asciiSlug(plainTrim(e.Title))
		}
		if base == "" {
			base = e.Kind.String() + "-" + strconv.Itoa(i+1)
		} else if c := base[0]; c < 'a' || c > 'z' {
			base = e.Kind.String() + "-" + base
		}
		e.ID = r.ids.unique(base)
		r.allEntryByID[e.ID] = e
		if e.File != "" {
			if _, dup := r.allEntryByFile[cleanPath(e.File)]; !dup {
				r.allEntryByFile[cleanPath(e.File)] = e
			}
		}
	}
}

// asciiSlug lowercases s, folds accented Latin letters to plain ones and
// joins the remaining letters and digits with single hyphens: a name safe
// as a file name on every system and as an XML ID (once it starts with a
// letter).
func asciiSlug(s string) string {
	var sb strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		default:
			hyphen = sb.Len() > 0
			continue
		}
		if hyphen {
			sb.WriteByte('-')
			hyphen = false
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// assignAnchorIDs makes every heading, figure and div ID unique in the book,
// keeping the first and suffixing later duplicates, and remembers the
// mapping for links. It runs before conditions so that IDs, and bookmarks
// into the EPUB, are the same in every edition. Headings without an ID get
// one from their text.
func (r *resolver) assignAnchorIDs() {
	for _, e := range r.entries() {
		file := cleanPath(e.File)
		for _, blocks := range entryBlockSets(e) {
			r.uniqueAnchors(blocks, file)
		}
	}
}

// uniqueAnchors renames the anchors in blocks; file, when not empty, is
// where they came from, for the link mapping.
func (r *resolver) uniqueAnchors(blocks []doc.Block, file string) {
	rename := func(id *string) {
		if *id == "" {
			return
		}
		old := *id
		*id = r.ids.unique(xmlName(old))
		if file != "" {
			key := anchorKey{file, old}
			if _, seen := r.anchors[key]; !seen {
				r.anchors[key] = *id
			}
		}
	}
	doc.Walk(blocks, doc.Visitor{
		Block: func(b doc.Block) bool {
			if h, ok := b.(*doc.Heading); ok && h.ID == "" {
				h.ID = nameSlug(plainTrim(h.Content))
			}
			if id := doc.IDOf(b); id != nil {
				rename(id)
			}
			if h, ok := b.(*doc.Heading); ok && strings.HasSuffix(strings.ToLower(file), ".ipynb") {
				// Jupyter links a notebook's heading by its text, spaces
				// made hyphens, case and punctuation kept
				key := anchorKey{file, strings.ReplaceAll(plainTrim(h.Content), " ", "-")}
				if _, seen := r.anchors[key]; !seen {
					r.anchors[key] = h.ID
				}
			}
			return true
		},
		Inline: func(in doc.Inline) bool {
			if sp, ok := in.(*doc.Span); ok {
				rename(&sp.ID)
			}
			return true
		},
	})
}

// anchorID is the ID a block can be linked to, if any.
func anchorID(b doc.Block) string { return doc.BlockID(b) }

// nameSlug makes an ID from heading text: lowercase, words joined by hyphens.
func nameSlug(s string) string {
	var sb strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if !isNameChar(r) || r == '.' {
			hyphen = sb.Len() > 0
			continue
		}
		if hyphen {
			sb.WriteByte('-')
			hyphen = false
		}
		sb.WriteRune(r)
	}
	if sb.Len() == 0 {
		return "section"
	}
	return sb.String()
}

// xmlName turns s into a valid XML NCName: characters a name cannot hold
// become hyphens, and a name that cannot start as it does gets a prefix.
func xmlName(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if r == utf8.RuneError || !isNameChar(r) {
			r = '-'
		}
		sb.WriteRune(r)
	}
	out := sb.String()
	if r, _ := utf8.DecodeRuneInString(out); out == "" || !isNameStartChar(r) {
		out = "id-" + out
	}
	return out
}

// isNameStartChar follows XML 1.0 (fifth edition) NameStartChar, without ':'.
func isNameStartChar(r rune) bool {
	switch {
	case r == '_', r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		return true
	case r >= 0xC0 && r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x2FF,
		r >= 0x370 && r <= 0x37D, r >= 0x37F && r <= 0x1FFF, r >= 0x200C && r <= 0x200D,
		r >= 0x2070 && r <= 0x218F, r >= 0x2C00 && r <= 0x2FEF, r >= 0x3001 && r <= 0xD7FF,
		r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFFD, r >= 0x10000 && r <= 0xEFFFF:
		return true
	}
	return false
}

// isNameChar follows XML 1.0 (fifth edition) NameChar, without ':'.
func isNameChar(r rune) bool {
	switch {
	case isNameStartChar(r), r == '-', r == '.', r >= '0' && r <= '9', r == 0xB7,
		r >= 0x300 && r <= 0x36F, r >= 0x203F && r <= 0x2040:
		return true
	}
	return false
}

// cleanPath is a book-relative path in one canonical form.
func cleanPath(p string) string {
	if p == "" {
		return ""
	}
	return path.Clean(strings.ReplaceAll(p, "\\", "/"))
}
