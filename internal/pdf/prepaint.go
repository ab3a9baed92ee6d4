package pdf

import (
	"maps"
	"sync"
	"sync/atomic"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/layout"
)

// The painter adds pages to gofpdf one after another, and waits at a
// page with a picture until the picture is prepared; painting alone, it
// kept one core busy while the other reduced pictures, then painted the
// rest of the book's text on one core. So the pages only the painter
// draws (text, rules, boxes and links, in fonts already embedded) are
// painted ahead, on every core, and their content goes straight to
// pageStreams; the painter then only adds such a page to gofpdf with
// its links. A page's content does not depend on who paints it: each
// page's stream sets every state it uses (startPage), and the fonts are
// embedded, and named, before any page is painted ahead.

// prepainted are the pages painted ahead of the painter.
type prepainted struct {
	// ready is closed once the page is painted; nil for the pages the
	// painter paints itself.
	ready []chan struct{}
	// warnings are each page's problems, which the painter reports when
	// it reaches the page, so they come in page order.
	warnings [][]diag.Diagnostic
	painters []*painter
	done     sync.WaitGroup
	merged   bool
}

// prepaint embeds the fonts of the book's text, in the order the text
// first uses them, and starts painting ahead every page that holds only
// text, rules, boxes and links.
func (p *painter) prepaint() *prepainted {
	a := &prepainted{ready: make([]chan struct{}, len(p.d.Pages)), warnings: make([][]diag.Diagnostic, len(p.d.Pages))}
	if p.aheadWorkers < 1 {
		a.merged = true
		return a
	}
	// every text's font first, in the order the text uses them, which is
	// the order the painter alone embedded them in
	for _, page := range p.d.Pages {
		if page == nil {
			continue
		}
		for _, it := range page.Items {
			if t, ok := it.(*layout.Text); ok && drawable(t) {
				// an error is reported where the text is painted
				_, _ = p.family(t.Face)
			}
		}
	}
	var pages []int
	for i, page := range p.d.Pages {
		if page != nil && p.paintableAhead(page) {
			a.ready[i] = make(chan struct{})
			pages = append(pages, i)
		}
	}
	if len(pages) == 0 {
		a.merged = true
		return a
	}
	fonts := maps.Clone(p.fonts)
	var next atomic.Int64
	for range min(p.aheadWorkers, len(pages)) {
		w := &painter{
			d: p.d, faces: p.faces, opts: p.opts, fonts: fonts, streams: p.streams, tags: p.tags,
			warned: map[diag.Diagnostic]bool{}, pageFiles: p.pageFiles,
			ownUsed: map[*embedded]*[0x10000]bool{},
		}
		a.painters = append(a.painters, w)
		a.done.Add(1)
		go func() {
			defer a.done.Done()
			for {
				k := int(next.Add(1)) - 1
				if k >= len(pages) {
					return
				}
				i := pages[k]
				p.cores.do(func() { w.paintAhead(i, p.d.Pages[i]) })
				a.warnings[i] = w.warnings
				w.warnings = nil
				close(a.ready[i])
			}
		}()
	}
	return a
}

// paintableAhead says page holds only what a painter draws without
// gofpdf, in fonts embedded already.
func (p *painter) paintableAhead(page *layout.Page) bool {
	for _, it := range page.Items {
		switch it := it.(type) {
		case *layout.Text:
			if _, ok := p.fonts[it.Face]; drawable(it) && !ok {
				return false // the painter reports it where it paints the page
			}
		case *layout.Rule, *layout.Box, *layout.Link:
		default:
			return false
		}
	}
	return true
}

// paintAhead paints page i but its links, which only gofpdf records, and
// hands its content to the page streams.
func (p *painter) paintAhead(i int, page *layout.Page) {
	p.startPage()
	for k, it := range page.Items {
		if _, ok := it.(*layout.Link); !ok {
			p.next = nextText(page.Items, k)
			p.item(i, it)
		}
	}
	p.endText()
	if p.d.Geometry.CropMarks {
		p.mark(i, nil)
		p.cropMarks()
	}
	p.endMark()
	p.buf = p.streams.add(i, p.buf)
}

// painted says page i is painted ahead.
func (a *prepainted) painted(i int) bool { return a.ready[i] != nil }

// takePrepainted adds page i, painted ahead, to the file: its problems
// and its links.
func (p *painter) takePrepainted(a *prepainted, i int, page *layout.Page) {
	<-a.ready[i]
	for _, d := range a.warnings[i] {
		if !p.warned[d] {
			p.warned[d] = true
			p.warnings = append(p.warnings, d)
		}
	}
	a.warnings[i] = nil
	for _, it := range page.Items {
		if l, ok := it.(*layout.Link); ok {
			p.link(i, l)
		}
	}
	if p.opts.ReleaseItems {
		page.Items = nil
	}
}

// wait waits for every page painted ahead and adds the codes they drew
// to the fonts'.
func (a *prepainted) wait() {
	if a.merged {
		return
	}
	a.done.Wait()
	a.merged = true
	for _, w := range a.painters {
		for e, used := range w.ownUsed {
			for c, u := range used {
				if u {
					e.used[c] = true
				}
			}
		}
	}
}

// usedCodes are where the codes drawn with e are marked.
func (p *painter) usedCodes(e *embedded) *[0x10000]bool {
	if p.ownUsed == nil {
		return &e.used
	}
	u := p.ownUsed[e]
	if u == nil {
		u = new([0x10000]bool)
		p.ownUsed[e] = u
	}
	return u
}

// drawable says text is drawn at all (see painter.text).
func drawable(t *layout.Text) bool {
	return t.Text != "" && t.Size > 0 && finite(t.X, t.Y, t.Size)
}

// cores are the cores the pictures being prepared and the pages painted
// ahead share, pictures first. Shared as the Go scheduler shares them,
// each got half a core while both went on: the pictures, a few long jobs,
// ended long after the text, and the last of them was reduced alone,
// the painter waiting for it with the other core idle. Holding a core
// for each picture, and taking one for each page painted ahead, the
// pictures keep every core they can use and the text's short pages fill
// in around them: the last picture is reduced beside the text. The
// painter itself, and the compressing of pages, take none.
type cores chan struct{}

func newCores(n int) cores { return make(cores, max(n, 1)) }

// do runs work on one of the cores, waiting for one to be free; on
// every core at once for nil cores.
func (c cores) do(work func()) {
	if c != nil {
		c <- struct{}{}
		defer func() { <-c }()
	}
	work()
}
