// Package layout sets a document tree in pages: it breaks paragraphs into
// lines with the Knuth–Plass algorithm (hyphenating when a line would be
// too loose), breaks lines into pages with footnotes at the foot of the page
// that references them, and produces a Document for the PDF painter. It
// knows fonts only through Metrics.
package layout

import (
	"errors"
	"fmt"
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
	}
	o.Language = lang
	if o.Hyphenate {
		// nil when no embedded patterns fit the language: it is set unhyphenated.
		hy, err = hyphen.Embedded().For(lang)
		if err != nil {
			return nil, fmt.Errorf("layout: %w", err)
		}
	}
	gutter := o.Gutter
	if o.GutterAuto {
		gutter = AutoGutter(0)
	}
	form := o.PageReferences
	var pages *pageState
	if hasPageText(book, form) {
		pages = &pageState{form: form}
	}
	// With an automatic gutter the page count decides the gutter, and the
	// gutter the measure and so the page count. A wider gutter only adds
	// pages, so raising it until it covers the count converges within the
	// five bands.
	for {
		var d *Document
		for pass := 1; ; pass++ {
			var out passResult
			d, out, err = layoutPass(book, m, o, gutter, hy, false, pages)
			if err != nil || pages == nil {
				break
			}
			now := pagesOf(d, out.linkPages, form)
			if out.use.settled(now) {
				break
			}
			if pass == maxPagePasses {
				d.Warnings = append(d.Warnings, diag.Warnf("", 0, "layout.page-references",
					"page references and the index did not settle in %d passes of the layout; a page number printed may be off by a page", maxPagePasses))
				break
			}
			pages = now
		}
		if err != nil || !o.GutterAuto {
			return d, err
		}
		want := AutoGutter(len(d.Pages))
		if want <= gutter {
			return d, nil
		}
		gutter = want
	}
}

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
}

// layoutOnce lays the book out with a given gutter in one pass, page
// references and the index as if every target were on a page not known.
// With trace, the page infos keep the elems placed on each page, for
// tests.
func layoutOnce(book *doc.Book, m Metrics, o Options, gutter float64, hy *hyphen.Patterns, trace bool) (*Document, []pageInfo, error) {
	d, res, err := layoutPass(book, m, o, gutter, hy, trace, nil)
	return d, res.infos, err
}

// layoutPass lays the book out with a given gutter, printing the pages of
// page references and the index from pages, the pass before's.
func layoutPass(book *doc.Book, m Metrics, o Options, gutter float64, hy *hyphen.Patterns, trace bool, pages *pageState) (*Document, passResult, error) {
	var pr passResult
	g, err := newGeom(o, gutter)
	if err != nil {
		return nil, pr, err
	}
	entries := chapters(book.Entries, nil)
	res := make([]built, len(entries))
	workers := min(runtime.GOMAXPROCS(0), 4, max(1, len(entries)))
	var wg sync.WaitGroup
	next := make(chan int, len(entries))
	for i := range entries {
		next <- i
	}
	close(next)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := newEngine(m, o, g, hy)
			e.pages = pages
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
	e := newEngine(m, o, g, hy)
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

	// The body: arabic folios from 1 on a recto.
	body := &pager{g: g, e: e, trace: trace, once: true, linkPages: pr.linkPages}
	startOf := map[*doc.Entry]pageRef{}
	for i, en := range entries {
		if en.Kind == doc.KindFrontMatter {
			continue
		}
		paginateEntry(body, en, res[i].gl, o)
		startOf[en] = pageRef{body: true, page: firstPageOf(body, en)}
	}

	// The front: half-title, its blank verso, title, copyright, contents,
	// front-matter entries; roman folios. The contents needs the pages of
	// the front-matter entries after it, which depend on its own length:
	// set it until its length is stable.
	var front *pager
	contentsPages := 1
	for try := 0; try < 4; try++ {
		front = &pager{g: g, e: e, linkPages: pr.linkPages}
		front.halfTitle(book.Meta)
		front.newPage(pkBlank, nil, "")
		front.titlePage(book.Meta)
		front.copyright(book)
		for len(front.pages)%2 == 1 {
			front.newPage(pkBlank, nil, "")
		}
		contentsAt := len(front.pages)
		fm := &pager{g: g, e: e, base: contentsAt + contentsPages, trace: trace, linkPages: pr.linkPages}
		fmStart := map[*doc.Entry]int{}
		for i, en := range entries {
			if en.Kind != doc.KindFrontMatter {
				continue
			}
			paginateEntry(fm, en, res[i].gl, o)
			fmStart[en] = fm.base + firstPageOf(fm, en)
		}
		lines := contentsLines(entries, res, func(en *doc.Entry) string {
			if en.Kind == doc.KindFrontMatter {
				return roman(fmStart[en] + 1)
			}
			return itoa(startOf[en].page + 1)
		}, func(id string) string {
			return anchorLabel(body, id)
		})
		cp := &pager{g: g, e: e, base: contentsAt}
		cp.flow(e.contentsGalley(lines), pkOpening, e.words.Contents)
		if len(cp.pages) == contentsPages || try == 3 {
			front.pages = append(front.pages, cp.pages...)
			front.info = append(front.info, cp.info...)
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
	if len(front.pages)%2 == 1 {
		front.newPage(pkBlank, nil, "")
	}
	for i, pg := range front.pages {
		pg.Label = roman(i + 1)
		pg.Recto = i%2 == 0
	}
	for i, pg := range body.pages {
		pg.Label = itoa(i + 1)
	}
	d.Pages = append(append(d.Pages, front.pages...), body.pages...)
	infos := append(append([]pageInfo(nil), front.info...), body.info...)
	nFront := len(front.pages)
	finishPages(d, infos, g, e, book.Meta.Title)

	// Outline: entries (parts with their chapters one deeper) and their
	// level-2 headings.
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
					d.Outline = append(d.Outline, OutlineEntry{Title: h.title, Level: level + 1, Page: at.page, Y: at.y})
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
	var last *pmark
	for pi, inf := range infos {
		if !inBook[inf.entry] || inf.kind == pkBlank {
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
		d.PageMap.Breaks = append(d.PageMap.Breaks, doc.PageBreak{Label: d.Pages[pi].Label, Entry: mk.entry, Block: mk.block, Offset: mk.off})
	}
	pr.infos = infos
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

// paginateEntry starts an entry on a new page (a recto when asked; parts
// always) and flows it.
func paginateEntry(p *pager, en *doc.Entry, gl *galley, o Options) {
	if o.RectoChapters || en.Kind == doc.KindPart {
		p.toRecto()
	}
	kind := pkOpening
	if en.Kind == doc.KindPart {
		kind = pkPart
	}
	if gl.columns {
		p.flowColumns(gl, kind, en.TitleText())
		return
	}
	p.flow(gl, kind, en.TitleText())
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
		lines = append(lines, tocLine{level: lv, bold: en.Kind == doc.KindPart, title: en.TitleText(), label: label(en), anchor: en.ID})
		if en.Kind == doc.KindFrontMatter {
			continue
		}
		for _, h := range res[i].gl.heads {
			lines = append(lines, tocLine{level: lv + 1, head: true, title: h.title, label: headLabel(h.id), anchor: h.id})
		}
	}
	return lines
}

// finishPages prints running heads and folios now that labels are known:
// on ordinary pages the folio sits at the outside of the head line with the
// book title (versos) or the entry title (rectos) centred; openings have
// their folio centred at the foot; blank, part and generated pages none.
func finishPages(d *Document, infos []pageInfo, g *geom, e *engine, bookTitle string) {
	size := e.size * 0.85
	headY := g.top - 1.3*g.lead
	footY := g.bottom() + 1.6*g.lead
	fst := e.baseStyle(size)
	hst := fst
	hst.face.Style = fonts.Italic
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
			title := bookTitle
			if pg.Recto && inf.head != "" {
				title = inf.head
			}
			maxW := g.textW - 2*(fw+2*e.size)
			title = fitText(e, title, hst, maxW)
			w := e.textWidth(title, hst)
			items, _ = e.textRuns(title, hst, x0+(g.textW-w)/2)
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

// fitText shortens s with an ellipsis until it fits width.
func fitText(e *engine, s string, st style, width float64) string {
	if e.textWidth(s, st) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		t := strings.TrimSpace(string(r)) + "…"
		if e.textWidth(t, st) <= width {
			return t
		}
	}
	return ""
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
