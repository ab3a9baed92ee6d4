// Package layout sets a document tree in pages: it breaks paragraphs into
// lines with the Knuth–Plass algorithm (hyphenating when a line would be
// too loose), breaks lines into pages with footnotes at the foot of the page
// that references them, and produces a Document for the PDF painter. It
// knows fonts only through Metrics.
package layout

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/hyphen"
)

// Layout sets book in pages.
func Layout(book *doc.Book, m Metrics, opts Options) (*Document, error) {
	return layoutBook(book, m, opts, true)
}

// layoutBook is Layout, choosing an automatic gutter on estimated page
// counts or, without estimate, on true counts only (the result estimates
// must not change).
func layoutBook(book *doc.Book, m Metrics, opts Options, estimate bool) (*Document, error) {
	if book == nil {
		return nil, errors.New("layout: no book")
	}
	if m == nil {
		return nil, errors.New("layout: no font metrics")
	}
	if err := opts.Check(); err != nil {
		return nil, err
	}
	o := opts
	var err error
	var hy *hyphen.Patterns
	lang := o.Language
	if lang == "" {
		lang = book.Meta.Language
		o.Language = lang // the language of its words and quotation marks
	}
	o.Language = lang
	if o.Hyphenate {
		// nil when no embedded patterns fit the language: it is set unhyphenated.
		hy, err = hyphen.Embedded().For(lang)
		if err != nil {
			return nil, fmt.Errorf("layout: %w", err)
		}
	}
	form := o.PageReferences
	var pages *pageState
	if hasPageText(book, form) {
		pages = &pageState{form: form}
	}
	// With an automatic gutter the page count decides the gutter, and the
	// gutter the measure and so the page count. A wider gutter only adds
	// pages, so raising it until it covers the count, from the narrowest,
	// converges within the five bands. The steps are taken on estimates
	// of the count (see estimate.go), so the book is set at the gutter
	// they lead to, and set again only if its count calls for a wider one.
	// Should the count there be further from its estimate than estimates
	// are, the steps are taken again on true counts.
	gutter, estimated := o.Gutter, -1
	if o.GutterAuto {
		gutter = AutoGutter(0)
	}
	if o.GutterAuto && estimate {
		gutter, estimated, err = autoGutter(book, m, o, hy)
		if err != nil {
			return nil, err
		}
	}
	ms := make(memos, maxWorkers+1)
	for {
		var d *Document
		var prev []built
		for pass := 1; ; pass++ {
			var out passResult
			d, out, err = layoutPass(book, m, o, gutter, hy, false, pages, false, prev, ms)
			if err != nil || pages == nil {
				break
			}
			now := pagesOf(d, out.linkPages, form)
			if out.use.settled(now) {
				break
			}
			if pass == maxPagePasses {
				d.Warnings = append(d.Warnings, unsettledWarnings(chapters(book.Entries, nil), out.built, now)...)
				break
			}
			prev = out.galleys()
			pages = now
		}
		if err != nil || !o.GutterAuto {
			return d, err
		}
		n := len(d.Pages)
		if estimated >= 0 && gutter > AutoGutter(0) && math.Abs(float64(n-estimated)) > estimateMargin*float64(n) {
			gutter, estimated = AutoGutter(0), -1
			continue
		}
		estimated = -1
		want := AutoGutter(n)
		if want <= gutter {
			return d, nil
		}
		gutter = want
	}
}

// maxWorkers is the most engines setting galleys at once.
const maxWorkers = 4

// built is an entry's galley with what its setting reported.
type built struct {
	gl       *galley
	warnings []diag.Diagnostic
	use      pageUse
}

// passResult is what a pass learnt beyond the document: where the links
// that name their page landed, and what its text took from the pages of
// the pass before.
type passResult struct {
	infos     []pageInfo
	linkPages map[*doc.Link]*Page
	use       pageUse
	// built are the entries' galleys, for the next pass to take those
	// whose pages it would set the same once moved has put them back as
	// they were set (see galleys).
	built []built
	moved *placements
}

// galleys puts the galleys of the pass back as they were set, for the
// next pass, and returns them; the pass's pages lose their items' places.
func (pr passResult) galleys() []built {
	pr.moved.undo()
	return pr.built
}

// layoutOnce lays the book out with a given gutter in one pass, page
// references and the index as if every target were on a page not known.
// With trace, the page infos keep the elems placed on each page, for
// tests.
func layoutOnce(book *doc.Book, m Metrics, o Options, gutter float64, hy *hyphen.Patterns, trace bool) (*Document, []pageInfo, error) {
	d, res, err := layoutPass(book, m, o, gutter, hy, trace, nil, false, nil, nil)
	return d, res.infos, err
}

// layoutPass lays the book out with a given gutter, printing the pages of
// page references and the index from pages, the pass before's. prev are
// the galleys of the pass before at the same gutter, if any: a galley
// that took from the pages before only what pages give it too is set the
// same, so it is taken as it is. ms are the memos of the layout's engines
// (nil: each engine its own).
func layoutPass(book *doc.Book, m Metrics, o Options, gutter float64, hy *hyphen.Patterns, trace bool, pages *pageState, estimate bool, prev []built, ms memos) (*Document, passResult, error) {
	var pr passResult
	g, err := newGeom(o, gutter)
	if err != nil {
		return nil, pr, err
	}
	entries := chapters(book.Entries, nil)
	res := make([]built, len(entries))
	next := make(chan int, len(entries))
	toSet := 0
	for i := range entries {
		if len(prev) == len(entries) && prev[i].gl != nil && prev[i].use.settled(pages) {
			res[i] = prev[i]
			continue
		}
		next <- i
		toSet++
	}
	close(next)
	workers := min(runtime.GOMAXPROCS(0), maxWorkers, max(1, toSet))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := newEngine(m, o, g, hy, ms.get(w))
			e.pages = pages
			e.estimate = estimate
			for i := range next {
				e.missing.reset()
				e.rtl.reset()
				e.shaped.reset()
				e.warnings = nil
				e.use = pageUse{}
				gl := e.entryGalley(entries[i])
				b := built{gl: gl, warnings: e.warnings, use: e.use}
				b.warnings = append(b.warnings, e.missing.missingDiags()...)
				b.warnings = append(b.warnings, e.rtl.rtlDiags()...)
				b.warnings = append(b.warnings, e.shaped.shapingDiags()...)
				res[i] = b
			}
		}()
	}
	wg.Wait()
	e := newEngine(m, o, g, hy, ms.get(maxWorkers))
	d := &Document{Geometry: g.Geometry}
	pr.linkPages = map[*doc.Link]*Page{}
	for _, b := range res {
		d.Warnings = append(d.Warnings, b.warnings...)
		for k, v := range b.use.anchors {
			pr.use.anchor(k, v)
		}
		for k, v := range b.use.links {
			pr.use.link(k, v)
		}
	}

	// The body, arabic folios from 1 (on a recto, unless the front matter
	// has no blank pages and an odd number of them), then the front matter,
	// roman, whose contents needs the body's page numbers. Without blank
	// pages the front's length decides which side the body starts on, so
	// the body is set again if its guess was wrong.
	fr := o.Front
	var body, front *pager
	var startOf map[*doc.Entry]pageRef
	for parity, try := 0, 0; ; try++ {
		// Galleys are paginated in place only when no pass may take them
		// again.
		body = &pager{g: g, e: e, trace: trace, once: fr.BlankPages && pages == nil, base: parity, linkPages: pr.linkPages}
		if !body.once && !trace {
			body.moved = &placements{}
		}
		startOf = paginateBody(body, entries, res, o)
		front = paginateFront(g, e, book, entries, res, o, body, startOf, trace, pr.linkPages)
		if fr.BlankPages || len(front.pages)%2 == parity || try == 1 {
			break
		}
		body.moved.undo()
		parity = len(front.pages) % 2
	}
	// Blank pages at the end make the page count a multiple of what the
	// printer asks.
	if m := o.PageMultiple; m > 1 {
		for (len(front.pages)+len(body.pages))%m != 0 {
			body.newPage(pkBlank, nil, "")
		}
	}
	for i, pg := range front.pages {
		pg.Label = roman(i + 1)
		pg.Recto = i%2 == 0
	}
	if !fr.BlankPages {
		// Only if the second setting of the body could not agree with
		// the front on which side it starts.
		for i, pg := range body.pages {
			pg.Recto = (len(front.pages)+i)%2 == 0
		}
	}
	for i, pg := range body.pages {
		pg.Label = itoa(i + 1)
	}
	d.Pages = append(append(d.Pages, front.pages...), body.pages...)
	infos := append(append([]pageInfo(nil), front.info...), body.info...)
	nFront := len(front.pages)
	finishPages(d, infos, g, e, book.Meta.Title, o.EditionTitle)
	d.Structure = structure(book.Entries, entries, res, front.structure)

	// Outline: entries (parts with their chapters one deeper) and the
	// headings the contents lists.
	anchorAt := map[string]struct {
		page int
		y    float64
	}{}
	for pi, pg := range d.Pages {
		for _, a := range pg.Anchors {
			if _, ok := anchorAt[a.Name]; !ok {
				anchorAt[a.Name] = struct {
					page int
					y    float64
				}{pi, a.Y}
			}
		}
	}
	var outline func(es []*doc.Entry, level int)
	index := map[*doc.Entry]int{}
	for i, en := range entries {
		index[en] = i
	}
	outline = func(es []*doc.Entry, level int) {
		for _, en := range es {
			if en == nil {
				continue
			}
			ref := startOf[en]
			pi := ref.page
			if ref.body {
				pi += nFront
			}
			d.Outline = append(d.Outline, OutlineEntry{Title: en.TitleText(), Level: level, Page: pi, Y: g.top})
			for _, h := range res[index[en]].gl.heads {
				if at, ok := anchorAt[h.id]; ok {
					d.Outline = append(d.Outline, OutlineEntry{Title: h.title, Level: level + h.level - 1, Page: at.page, Y: at.y})
				}
			}
			outline(en.Children, level+1)
		}
	}
	outline(book.Entries, 0)

	// Page map: every page of the entries, where its first line begins.
	d.PageMap.Source = book.Meta.Title
	if book.Meta.EditionTitle != "" {
		d.PageMap.Source += " (" + book.Meta.EditionTitle + ")"
	}
	inBook := map[*doc.Entry]bool{}
	for _, en := range entries {
		inBook[en] = true
	}
	d.PageMap.Anchors = map[string]string{}
	for _, pg := range d.Pages {
		for _, a := range pg.Anchors {
			if _, seen := d.PageMap.Anchors[a.Name]; !seen {
				d.PageMap.Anchors[a.Name] = pg.Label
			}
		}
	}
	// A blank page is listed too, so that going to its number works: it
	// leads where the next page with content begins.
	var last *pmark
	var blanks []int
	for pi, inf := range infos {
		if inf.kind == pkBlank {
			blanks = append(blanks, pi)
			continue
		}
		if !inBook[inf.entry] {
			blanks = blanks[:0]
			continue
		}
		mk := inf.mark
		if mk == nil || mk.entry != inf.entry {
			mk = last
			if mk == nil || mk.entry != inf.entry {
				mk = &pmark{entry: inf.entry}
			}
		}
		last = mk
		for _, bi := range append(blanks, pi) {
			d.PageMap.Breaks = append(d.PageMap.Breaks, doc.PageBreak{Label: d.Pages[bi].Label, Entry: mk.entry, Block: mk.block, Offset: mk.off})
		}
		blanks = blanks[:0]
	}
	pr.infos = infos
	if pages != nil {
		pr.built, pr.moved = res, body.moved
	}
	return d, pr, nil
}

// chapters lists entries and their children in reading order, skipping nil
// entries (doc.Book.Chapters would stop on one).
func chapters(es []*doc.Entry, out []*doc.Entry) []*doc.Entry {
	for _, e := range es {
		if e != nil {
			out = append(out, e)
			out = chapters(e.Children, out)
		}
	}
	return out
}

type pageRef struct {
	body bool
	page int
}

func firstPageOf(p *pager, en *doc.Entry) int {
	for i := len(p.info) - 1; i >= 0; i-- {
		if p.info[i].entry == en && (i == 0 || p.info[i-1].entry != en) && p.info[i].kind != pkBlank {
			return i
		}
	}
	return 0
}

// paginateEntry starts an entry on a new page (a recto when asked) and
// flows it.
func paginateEntry(p *pager, en *doc.Entry, gl *galley, o Options) {
	if o.RectoChapters {
		p.toRecto()
	}
	kind := pkOpening
	if en.Kind == doc.KindPart {
		kind = pkPart
	}
	if gl.columns {
		p.flowColumns(gl, kind, runningHead(en))
		return
	}
	p.flow(gl, kind, runningHead(en))
}

// runningHead is what the rectos of an entry carry at their head: its
// short title, else its title, without its number (a numbered book's
// contents and chapter opening show it).
func runningHead(en *doc.Entry) string {
	if t := strings.TrimSpace(en.ShortTitle); t != "" {
		return t
	}
	return doc.PlainText(doc.WithoutSectionNumber(en.Title))
}

// paginateBody flows every entry but the front matter into body and
// returns where each starts. A part with nothing but its title gets no
// page when parts have none: its anchors go to its first chapter's page.
func paginateBody(body *pager, entries []*doc.Entry, res []built, o Options) map[*doc.Entry]pageRef {
	startOf := map[*doc.Entry]pageRef{}
	var waiting []*galley
	for i, en := range entries {
		if en.Kind == doc.KindFrontMatter {
			continue
		}
		gl := res[i].gl
		if en.Kind == doc.KindPart && !o.Front.PartPages && gl.titleOnly() && i+1 < len(entries) {
			waiting = append(waiting, gl)
			continue
		}
		paginateEntry(body, en, gl, o)
		first := firstPageOf(body, en)
		startOf[en] = pageRef{body: true, page: first}
		for _, w := range waiting {
			startOf[w.entry] = startOf[en]
			for _, a := range w.elems[0].anchors {
				body.pages[first].Anchors = append(body.pages[first].Anchors, Anchor{Name: a.Name, Y: body.g.top})
			}
		}
		waiting = nil
	}
	return startOf
}

// paginateFront sets the front matter: half-title and its blank verso,
// title page, copyright page, contents, front-matter entries, each when
// asked; roman folios. The contents needs the pages of the front-matter
// entries after it, which depend on its own length: it is set until its
// length is stable. It records where the front-matter entries start in
// startOf.
func paginateFront(g *geom, e *engine, book *doc.Book, entries []*doc.Entry, res []built, o Options, body *pager, startOf map[*doc.Entry]pageRef, trace bool, linkPages map[*doc.Link]*Page) *pager {
	fr := o.Front
	var front *pager
	contentsPages := 0
	if fr.Contents {
		contentsPages = 1
	}
	also := fallbackFontNames(e.m, body.pages)
	for try := 0; try < 4; try++ {
		// the title pages' elements, and the contents', in order
		front = &pager{g: g, e: e, linkPages: linkPages, structure: &Elem{}}
		if fr.HalfTitle {
			front.halfTitle(book.Meta)
			if fr.BlankPages {
				front.newPage(pkBlank, nil, "")
			}
		}
		if fr.TitlePage {
			front.titlePage(book.Meta, o.EditionTitle)
		}
		if fr.Copyright {
			front.copyright(book, also)
		}
		for fr.BlankPages && len(front.pages)%2 == 1 {
			front.newPage(pkBlank, nil, "")
		}
		contentsAt := len(front.pages)
		fm := &pager{g: g, e: e, base: contentsAt + contentsPages, trace: trace, linkPages: linkPages}
		fmStart := map[*doc.Entry]int{}
		for i, en := range entries {
			if en.Kind != doc.KindFrontMatter {
				continue
			}
			paginateEntry(fm, en, res[i].gl, o)
			fmStart[en] = fm.base + firstPageOf(fm, en)
		}
		var cp *pager
		if fr.Contents {
			lines := contentsLines(entries, res, func(en *doc.Entry) string {
				if en.Kind == doc.KindFrontMatter {
					return roman(fmStart[en] + 1)
				}
				return itoa(startOf[en].page + 1)
			}, func(id string) string {
				return anchorLabel(body, id)
			})
			cp = &pager{g: g, e: e, base: contentsAt}
			cg := e.contentsGalley(lines)
			cp.flow(cg, pkOpening, e.words.Contents)
			cp.structure = cg.root
		}
		if cp == nil || len(cp.pages) == contentsPages || try == 3 {
			if cp != nil {
				front.pages = append(front.pages, cp.pages...)
				front.info = append(front.info, cp.info...)
				front.structure.Kids = append(front.structure.Kids, cp.structure)
			}
			// fm was paginated for contentsPages pages of contents
			for len(front.pages) < fm.base {
				front.newPage(pkBlank, nil, "")
			}
			front.pages = append(front.pages, fm.pages...)
			front.info = append(front.info, fm.info...)
			for en, idx := range fmStart {
				startOf[en] = pageRef{page: idx}
			}
			break
		}
		contentsPages = len(cp.pages)
	}
	if fr.BlankPages && len(front.pages)%2 == 1 {
		front.newPage(pkBlank, nil, "")
	}
	return front
}

func anchorLabel(p *pager, id string) string {
	for i, pg := range p.pages {
		for _, a := range pg.Anchors {
			if a.Name == id {
				return itoa(i + 1)
			}
		}
	}
	return ""
}

func contentsLines(entries []*doc.Entry, res []built, label func(*doc.Entry) string, headLabel func(string) string) []tocLine {
	var lines []tocLine
	depth := map[*doc.Entry]int{}
	for i, en := range entries {
		for _, c := range en.Children {
			depth[c] = depth[en] + 1
		}
		lv := depth[en]
		lines = append(lines, tocLine{level: lv, bold: en.Kind == doc.KindPart, title: en.TitleText(), label: label(en), anchor: en.ID, lang: en.Language})
		if en.Kind == doc.KindFrontMatter {
			continue
		}
		for _, h := range res[i].gl.heads {
			lines = append(lines, tocLine{level: lv + h.level - 1, head: true, title: h.title, label: headLabel(h.id), anchor: h.id, lang: h.lang})
		}
	}
	return lines
}

// finishPages prints running heads and folios now that labels are known:
// on ordinary pages the folio sits at the outside of the head line with the
// book title, and the edition's when it is shown (versos), or the entry's
// running head (rectos) centred; openings have their folio centred at the
// foot; blank, part and generated pages none. A head too long for its line
// is shortened at a word, with a warning for an entry's.
func finishPages(d *Document, infos []pageInfo, g *geom, e *engine, bookTitle, edition string) {
	size := e.size * 0.85
	headY := g.top - 1.3*g.lead
	footY := g.bottom() + 1.6*g.lead
	fst := e.baseStyle(size)
	hst := fst
	hst.face.Style = fonts.Italic
	warned := map[*doc.Entry]bool{}
	for i, pg := range d.Pages {
		inf := infos[i]
		x0 := g.left(pg.Recto)
		switch inf.kind {
		case pkBody:
			fw := e.textWidth(pg.Label, fst)
			fx := x0
			if pg.Recto {
				fx = x0 + g.textW - fw
			}
			items, _ := e.textRuns(pg.Label, fst, fx)
			shiftItems(items, 0, headY)
			pg.Items = append(pg.Items, items...)
			maxW := g.textW - 2*(fw+2*e.size)
			var title string
			if pg.Recto && inf.head != "" {
				var cut bool
				title, cut = fitText(e, inf.head, hst, maxW)
				if cut && inf.entry != nil && !warned[inf.entry] {
					warned[inf.entry] = true
					d.Warnings = append(d.Warnings, diag.Diagnostic{Severity: diag.Warning, File: inf.entry.Pos.File, Line: inf.entry.Pos.Line,
						Code: "head.long", Message: fmt.Sprintf("the running head %q is too long for the page and is cut to %q; give the chapter a short_title in the manifest", inf.head, title)})
				}
				if inf.entry != nil {
					title = e.isolate(title, inf.entry.Language)
				}
			} else {
				title = versoHead(e, bookTitle, edition, hst, maxW)
			}
			st := hst
			if pg.Recto && inf.entry != nil && inf.entry.Language != "" {
				// the head's own language chooses its fonts: a Japanese
				// title's ideographs are the Japanese forms
				st.lang = inf.entry.Language
			}
			w := e.textWidth(title, st)
			items, _ = e.textRuns(title, st, x0+(g.textW-w)/2)
			shiftItems(items, 0, headY)
			pg.Items = append(pg.Items, items...)
		case pkOpening:
			w := e.textWidth(pg.Label, fst)
			items, _ := e.textRuns(pg.Label, fst, x0+(g.textW-w)/2)
			shiftItems(items, 0, footY)
			pg.Items = append(pg.Items, items...)
		}
	}
}

// editionSep joins the book's title and the edition's in running heads.
const editionSep = " · "

// versoHead is the head of a verso: the book's title, then the edition's
// when it is shown; the book's title is what gives way when it is long.
func versoHead(e *engine, bookTitle, edition string, st style, width float64) string {
	if edition == "" {
		t, _ := fitText(e, bookTitle, st, width)
		return t
	}
	tail := editionSep + edition
	t, _ := fitText(e, bookTitle, st, width-e.textWidth(tail, st))
	if t == "" {
		t, _ = fitText(e, edition, st, width)
		return t
	}
	return t + tail
}

// fitText shortens s until it fits width: by whole words with an
// ellipsis, else by letters. It reports whether s was cut.
func fitText(e *engine, s string, st style, width float64) (string, bool) {
	if e.textWidth(s, st) <= width {
		return s, false
	}
	words := strings.Fields(s)
	for n := len(words) - 1; n > 0; n-- {
		t := strings.TrimRight(strings.Join(words[:n], " "), ",;:.–—-") + "…"
		if e.textWidth(t, st) <= width {
			return t, true
		}
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		t := strings.TrimSpace(string(r)) + "…"
		if e.textWidth(t, st) <= width {
			return t, true
		}
	}
	return "", true
}

// roman is n in lower-case roman numerals.
func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var sb strings.Builder
	for i, v := range vals {
		for n >= v {
			sb.WriteString(syms[i])
			n -= v
		}
	}
	return sb.String()
}
