package notes

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/samizdat-press/samizdat/internal/cite"
	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/labels"
	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// The index file is a YAML list of terms. Each term is found in the text
// by quotation, as annotations are, at every occurrence, whole words only:
//
//	- term: Kronstadt rising           # the heading in the index (required)
//	  match: [Kronstadt]               # what to find; default: the term
//	  sort: Kronstadt                  # sort key; default: the term
//	  see_also: [Tenth Party Congress]
//	  sub:                             # sub-entries, the same keys
//	    - term: and the ban on factions
//	      match: [ban on factions]
//	- term: Kollantai
//	  see: Kollontai, Alexandra        # a cross-reference only: not searched
//
// A span marks what quotation cannot: [the sailors]{.index term="Kronstadt
// rising"}, "!" separating a sub-entry (term="Kronstadt rising!and the ban
// on factions"). Occurrences are searched in the whole book before the
// edition's conditions, so the index's anchors are the same in every
// edition and a term is reported as matching nothing only when it is
// found nowhere; the index lists the occurrences the edition keeps.
// Titles (level-1 headings) and notes are not searched.

// Codes of the index's problems.
const (
	codeIndexUnreadable = "index.unreadable"
	codeIndexUnmatched  = "index.unmatched"
	codeIndexSee        = "index.see-unknown"
)

// indexTerm is a term of the index file, or one an index span names.
type indexTerm struct {
	term    string
	sortKey string
	matches []string
	see     []string
	seeAlso []string
	sub     []*indexTerm
	parent  *indexTerm
	pos     doc.Pos
	// found counts occurrences in the whole book; anchors are their
	// anchors, each in its entry.
	found   int
	anchors []indexAnchor
}

type indexAnchor struct {
	entry *doc.Entry
	id    string
}

// indexState is the index being made.
type indexState struct {
	terms []*indexTerm
	// byName finds top-level terms (and sub-terms under "term!sub") by
	// their text, for spans and cross-references.
	byName map[string]*indexTerm
}

var indexKeys = []string{"term", "match", "sort", "see", "see_also", "sub"}

// loadIndex reads the index file.
func (r *resolver) loadIndex() {
	file := r.in.IndexFile
	r.index = &indexState{byName: map[string]*indexTerm{}}
	if file == "" {
		return
	}
	if r.in.FS == nil {
		r.errorf(doc.Pos{}, "internal", "resolve: an index file is listed but no book folder was given")
		return
	}
	src, err := fs.ReadFile(r.in.FS, cleanPath(file))
	if err != nil {
		r.errorf(doc.Pos{File: file}, codeIndexUnreadable, "cannot read index file: %v", unwrapPath(err))
		return
	}
	sum := sha256.Sum256(src)
	r.inputs = append(r.inputs, inputFile{path: file, digest: hex.EncodeToString(sum[:])})
	f := yamlfile.Parse(file, src)
	switch root := f.Root; {
	case root == nil:
	case root.Kind != yamlfile.List:
		f.Expected(root, "", `a list of terms, each starting with "- term:"`)
	default:
		for i, item := range root.Items {
			if t := parseIndexTerm(f, item, fmt.Sprintf("[%d]", i), nil); t != nil {
				r.index.add(t)
			}
		}
	}
	for _, d := range f.Diagnostics() {
		if d.Severity == diag.Error {
			r.errs = append(r.errs, d)
		} else {
			r.warns = append(r.warns, d)
		}
	}
}

func parseIndexTerm(f *yamlfile.File, item *yamlfile.Node, path string, parent *indexTerm) *indexTerm {
	if item.Kind != yamlfile.Map {
		f.Expected(item, path, "a term with at least term:")
		return nil
	}
	fields := f.Fields(item, path, indexKeys, "")
	t := &indexTerm{parent: parent, pos: doc.Pos{File: f.Name, Line: item.Line}}
	words := func(key string) []string {
		if fd := fields[key]; fd != nil {
			w, _ := f.Words(fd.Value, yamlfile.Join(path, key))
			return w
		}
		return nil
	}
	if fd := fields["term"]; fd != nil {
		s, _ := f.Text(fd.Value, yamlfile.Join(path, "term"))
		t.term = strings.Join(strings.Fields(s), " ")
	}
	if t.term == "" {
		f.Errorf(item, "index.term", "%s: a term needs its text (term: …)", path)
		return nil
	}
	if fd := fields["sort"]; fd != nil {
		s, _ := f.Text(fd.Value, yamlfile.Join(path, "sort"))
		t.sortKey = strings.TrimSpace(s)
	}
	t.matches = words("match")
	t.see = words("see")
	t.seeAlso = words("see_also")
	if fields["match"] == nil && len(t.see) == 0 {
		t.matches = []string{t.term}
	}
	for _, m := range t.matches {
		if quoteKey(m) == "" {
			f.Errorf(item, "index.term", "%s: match %q has no text to find", path, m)
		}
	}
	if fd := fields["sub"]; fd != nil {
		if fd.Value.Kind != yamlfile.List {
			f.Expected(fd.Value, yamlfile.Join(path, "sub"), "a list of terms")
		} else {
			for i, s := range fd.Value.Items {
				if st := parseIndexTerm(f, s, fmt.Sprintf("%s.sub[%d]", path, i), t); st != nil {
					t.sub = append(t.sub, st)
				}
			}
		}
	}
	return t
}

func (s *indexState) add(t *indexTerm) {
	if prev, ok := s.byName[t.term]; ok {
		// a repeated term adds its matches and references to the first
		prev.matches = append(prev.matches, t.matches...)
		prev.see = append(prev.see, t.see...)
		prev.seeAlso = append(prev.seeAlso, t.seeAlso...)
		prev.sub = append(prev.sub, t.sub...)
		for _, st := range t.sub {
			st.parent = prev
		}
		return
	}
	s.byName[t.term] = t
	s.terms = append(s.terms, t)
}

// named finds or makes the term a span names: "Term" or "Term!Sub".
func (s *indexState) named(name string, pos doc.Pos) *indexTerm {
	parts := splitTermLevels(name)
	top := strings.Join(strings.Fields(parts[0]), " ")
	t := s.byName[top]
	if t == nil {
		t = &indexTerm{term: top, pos: pos}
		s.add(t)
	}
	for _, p := range parts[1:] {
		p = strings.Join(strings.Fields(p), " ")
		var next *indexTerm
		for _, st := range t.sub {
			if st.term == p {
				next = st
			}
		}
		if next == nil {
			next = &indexTerm{term: p, parent: t, pos: pos}
			t.sub = append(t.sub, next)
		}
		t = next
	}
	return t
}

// lookup finds the term a cross-reference names, "Term" (which may hold
// a "!") or "Term!Sub", or nil.
func (s *indexState) lookup(name string) *indexTerm {
	if t := s.byName[name]; t != nil {
		return t
	}
	levels := splitTermLevels(name)
	t := s.byName[levels[0]]
	for _, p := range levels[1:] {
		if t == nil {
			return nil
		}
		var next *indexTerm
		for _, st := range t.sub {
			if st.term == p {
				next = st
			}
		}
		t = next
	}
	return t
}

// refText is a cross-reference's printed target: a sub-term after its
// term and a comma.
func (s *indexState) refText(name string) string {
	if s.byName[name] != nil {
		return name
	}
	return strings.Join(splitTermLevels(name), ", ")
}

// splitTermLevels splits a term's name at each "!" into the term and its
// sub-terms; "\!" is a "!" of the text, so that a term such as "!=
// operator", which a book's own index markup may give, stays whole.
func splitTermLevels(name string) []string {
	if !strings.Contains(name, `\!`) {
		return strings.Split(name, "!")
	}
	var parts []string
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		switch {
		case name[i] == '\\' && i+1 < len(name) && name[i+1] == '!':
			b.WriteByte('!')
			i++
		case name[i] == '!':
			parts = append(parts, b.String())
			b.Reset()
		default:
			b.WriteByte(name[i])
		}
	}
	return append(parts, b.String())
}

// all lists every term and sub-term.
func (s *indexState) all() []*indexTerm {
	var out []*indexTerm
	var walk func([]*indexTerm)
	walk = func(ts []*indexTerm) {
		for _, t := range ts {
			out = append(out, t)
			walk(t.sub)
		}
	}
	walk(s.terms)
	return out
}

// matchIndex finds the occurrences of every term in the whole book and
// marks each with an anchor; index spans become anchors too. It runs
// before the edition's conditions.
func (r *resolver) matchIndex() {
	ix := r.index
	if ix == nil {
		return
	}
	// spans first: they may name terms the file does not have
	for _, e := range r.entries() {
		doc.Walk(e.Blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
			sp, ok := in.(*doc.Span)
			if !ok || !slices.Contains(sp.Classes, "index") {
				return true
			}
			name, ok := sp.Attr("term")
			if !ok || strings.TrimSpace(name) == "" {
				name = plainTrim(sp.Content)
			}
			if strings.Trim(name, "! ") == "" {
				return true
			}
			t := ix.named(cite.Typographic(name), entryPos(e))
			if see, ok := sp.Attr("see"); ok {
				// a cross-reference marks no place
				if see = cite.Typographic(strings.TrimSpace(see)); see != "" && !slices.Contains(t.see, see) {
					t.see = append(t.see, see)
				}
				return true
			}
			if sp.ID == "" {
				sp.ID = r.ids.unique("ix-" + strconv.Itoa(r.indexAnchors+1))
				r.indexAnchors++
			}
			t.found++
			t.anchors = append(t.anchors, indexAnchor{e, sp.ID})
			return true
		}})
	}
	terms := ix.all()
	// distinct quotations, each with the terms looking for it
	var quotes []string
	byQuote := map[string]int{}
	var owners [][]*indexTerm
	for _, t := range terms {
		for _, m := range t.matches {
			k := quoteKey(m)
			if k == "" {
				continue
			}
			qi, ok := byQuote[k]
			if !ok {
				qi = len(quotes)
				byQuote[k] = qi
				quotes = append(quotes, k)
				owners = append(owners, nil)
			}
			if !slices.Contains(owners[qi], t) {
				owners[qi] = append(owners[qi], t)
			}
		}
	}
	if len(quotes) == 0 {
		return
	}
	finder := newQuoteFinder(quotes)
	var quick normalizer
	var places []placement
	for _, e := range r.entries() {
		titles := map[*doc.Heading]bool{}
		for _, b := range e.Blocks {
			if h, ok := b.(*doc.Heading); ok && h.Level == 1 {
				titles[h] = true
			}
		}
		for _, run := range inlineRuns(e.Blocks, e.File, titles) {
			quick.reset()
			quick.feed(*run.list)
			norm := quick.String()
			hit := false
			finder.find(norm, func(qi, end int) {
				if !hit && wholeWord(norm, end-len(quotes[qi]), end) {
					hit = true
				}
			})
			if !hit {
				continue
			}
			c := newContainer(run.list, run.pos)
			// one occurrence per term where its quotations overlap
			lastEnd := map[*indexTerm]int{}
			finder.find(c.norm, func(qi, end int) {
				b := end - len(quotes[qi])
				if !wholeWord(c.norm, b, end) {
					return
				}
				for _, t := range owners[qi] {
					if le, ok := lastEnd[t]; ok && b < le {
						continue
					}
					lastEnd[t] = end
					r.indexAnchors++
					id := r.ids.unique("ix-" + strconv.Itoa(r.indexAnchors))
					last := sort.SearchInts(c.runeAt, end) - 1
					p := c.placementAt(c.to[last])
					p.order = len(places)
					p.ref = &doc.Span{ID: id}
					places = append(places, p)
					t.found++
					t.anchors = append(t.anchors, indexAnchor{e, id})
				}
			})
		}
	}
	applyPlacements(places)
}

// wholeWord reports whether norm[b:e] is not part of a longer word.
func wholeWord(norm string, b, e int) bool {
	if b > 0 {
		r, _ := utf8.DecodeLastRuneInString(norm[:b])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if e < len(norm) {
		r, _ := utf8.DecodeRuneInString(norm[e:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// checkIndex reports terms found nowhere and references to no term.
func (r *resolver) checkIndex() {
	if r.index == nil {
		return
	}
	for _, t := range r.index.all() {
		if t.found == 0 && len(t.matches) > 0 {
			var looked []string
			for _, m := range t.matches {
				looked = append(looked, strconv.Quote(m))
			}
			r.warnf(t.pos, codeIndexUnmatched, "index term %q is found nowhere in the text (looked for %s)", t.fullName(), strings.Join(looked, ", "))
		}
		for _, ref := range append(append([]string(nil), t.see...), t.seeAlso...) {
			if r.index.lookup(ref) == nil {
				r.warnf(t.pos, codeIndexSee, "index term %q refers to %q, which is no term of the index", t.fullName(), ref)
			}
		}
	}
}

func (t *indexTerm) fullName() string {
	if t.parent != nil {
		return t.parent.fullName() + "!" + t.term
	}
	return t.term
}

// addIndex appends the index: the terms with occurrences this edition
// keeps (or cross-references), sorted by the book language's collation,
// grouped by initial letter.
func (r *resolver) addIndex() {
	ix := r.index
	if ix == nil || len(ix.terms) == 0 {
		return
	}
	tag, err := language.Parse(r.book.Meta.Language)
	if err != nil {
		tag = language.English
	}
	coll := collate.New(tag, collate.Loose)
	ids := map[*indexTerm]string{}
	var build func(ts []*indexTerm) []*doc.IndexEntry
	entryOf := map[*doc.IndexEntry]*indexTerm{}
	build = func(ts []*indexTerm) []*doc.IndexEntry {
		var out []*doc.IndexEntry
		for _, t := range ts {
			ie := &doc.IndexEntry{Term: r.termInlines(t)}
			for _, a := range t.anchors {
				if r.keptAnchors[a.id] && !r.leftOut[a.entry] {
					ie.Locators = append(ie.Locators, doc.IndexLocator{Entry: a.entry.ID, Anchor: a.id})
				}
			}
			ie.Sub = build(t.sub)
			if len(ie.Locators) == 0 && len(ie.Sub) == 0 && len(t.see) == 0 {
				continue // nothing of it in this edition
			}
			ie.ID = r.ids.unique("index-" + nameSlug(t.fullName()))
			ids[t] = ie.ID
			entryOf[ie] = t
			out = append(out, ie)
		}
		sortIndex(coll, out, entryOf)
		return out
	}
	entries := build(ix.terms)
	if len(entries) == 0 {
		return
	}
	// cross-references, now that every entry has its ID
	var refs func([]*doc.IndexEntry)
	refs = func(es []*doc.IndexEntry) {
		for _, ie := range es {
			t := entryOf[ie]
			for _, name := range t.see {
				ie.See = append(ie.See, doc.IndexRef{Term: textInlines(cite.Typographic(ix.refText(name))), ID: ids[ix.lookup(name)]})
			}
			for _, name := range t.seeAlso {
				ie.SeeAlso = append(ie.SeeAlso, doc.IndexRef{Term: textInlines(cite.Typographic(ix.refText(name))), ID: ids[ix.lookup(name)]})
			}
			refs(ie.Sub)
		}
	}
	refs(entries)
	block := &doc.Index{}
	for _, ie := range entries {
		label := groupLabel(coll, sortKeyOf(entryOf[ie]))
		n := len(block.Groups)
		if n == 0 || coll.CompareString(block.Groups[n-1].Label, label) != 0 || (label == "") != (block.Groups[n-1].Label == "") {
			block.Groups = append(block.Groups, &doc.IndexGroup{Label: label})
		}
		g := block.Groups[len(block.Groups)-1]
		g.Entries = append(g.Entries, ie)
	}
	title := labels.For(r.book.Meta.Language).Index
	id := r.ids.unique("index")
	h := &doc.Heading{Level: 1, Content: textInlines(title)}
	h.ID = r.ids.unique(nameSlug(title))
	r.book.Entries = append(r.book.Entries, &doc.Entry{
		ID:        id,
		Kind:      doc.KindBackMatter,
		Title:     textInlines(title),
		Blocks:    []doc.Block{h, block},
		Generated: true,
		Role:      doc.RoleIndex,
	})
}

// termInlines is a term's text, read as Markdown (a title in *italics*).
func (r *resolver) termInlines(t *indexTerm) []doc.Inline {
	return r.containerInlines(t.term, t.pos)
}

func sortKeyOf(t *indexTerm) string {
	if t.sortKey != "" {
		return t.sortKey
	}
	return strings.Trim(strings.NewReplacer("*", "", "_", "").Replace(t.term), " ")
}

// sortIndex orders entries by their sort keys in the book's collation,
// ties broken by the terms as written.
func sortIndex(coll *collate.Collator, es []*doc.IndexEntry, term map[*doc.IndexEntry]*indexTerm) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := term[es[i]], term[es[j]]
		if c := coll.CompareString(sortKeyOf(a), sortKeyOf(b)); c != 0 {
			return c < 0
		}
		return a.term < b.term
	})
}

// groupLabel is the letter a sort key files under: its first letter in
// capitals, without an accent the language sorts with the plain letter
// ("É" under "E" in French, "Ö" its own letter in Swedish); "" for digits
// and symbols.
func groupLabel(coll *collate.Collator, key string) string {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(key, " \"'“‘«([*_"))
	if !unicode.IsLetter(r) {
		return ""
	}
	up := string(unicode.ToUpper(r))
	if r < utf8.RuneSelf {
		return up
	}
	// a Latin letter the language sorts as a plain one ("Ø" as "O" in
	// English)
	for c := 'A'; c <= 'Z'; c++ {
		if coll.CompareString(string(c), up) == 0 {
			return string(c)
		}
	}
	base, _ := utf8.DecodeRuneInString(norm.NFD.String(up))
	if string(base) != up && coll.CompareString(string(base), up) == 0 {
		return string(base)
	}
	return up
}
