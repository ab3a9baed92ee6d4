package pdf

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"

	"github.com/klauspost/compress/zlib"

	"github.com/samizdat-press/samizdat/internal/zpool"
)

// The painter writes each page's content stream itself: the text, the
// fonts and colours it is set in, rules, boxes and crop marks. gofpdf
// 1.16.2 keeps every page's content uncompressed until it writes the
// file, then copies it all into the file it builds in memory, and offers
// no way to reach a page's content once written; on a 10,000-page book
// that was most of the memory the PDF took. So a page the painter draws
// alone is not written into gofpdf at all: its content is compressed as
// soon as the page is done (pageStreams) and finish() makes it the page's
// /Contents, in place of the stream gofpdf wrote for the page, which holds
// only gofpdf's restatement of its own graphics state (the painter's
// stream sets every state it uses). A page with a picture or an SVG
// drawing, which gofpdf draws, is written through gofpdf as before: what
// the painter wrote up to that point is handed to gofpdf (handOver), and
// so is everything after it on that page.
//
// The painter's fonts are named in its content "face0"…, the names
// finish() gives them in the pages' resources when it writes them (see
// fontobjects.go).

// pageStreams compresses finished pages' content on every core while the
// painter goes on, each page on its own with one reused compressor per
// core, so the bytes do not depend on how many cores share the work.
type pageStreams struct {
	compress bool
	// data is each page's content, compressed when compress is set; nil
	// for the pages gofpdf holds. It is complete once wait returns.
	data [][]byte
	jobs chan pageJob
	// free returns compressed pages' buffers to the painter.
	free chan []byte
	wg   sync.WaitGroup
}

type pageJob struct {
	page int
	raw  []byte
}

func newPageStreams(pages int, compress bool) *pageStreams {
	s := &pageStreams{compress: compress, data: make([][]byte, pages)}
	if !compress {
		return s
	}
	workers := runtime.GOMAXPROCS(0)
	s.jobs = make(chan pageJob, workers)
	s.free = make(chan []byte, 2*workers)
	for range workers {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			var out []byte
			for j := range s.jobs {
				out = zpool.AppendZlib(out[:0], j.raw, zlib.BestSpeed)
				s.data[j.page] = bytes.Clone(out)
				select {
				case s.free <- j.raw[:0]:
				default:
				}
			}
		}()
	}
	return s
}

// add takes page's finished content, which the caller must not touch
// again, and returns an empty buffer for the next page.
func (s *pageStreams) add(page int, raw []byte) []byte {
	if !s.compress {
		s.data[page] = raw
		return nil
	}
	s.jobs <- pageJob{page, raw}
	select {
	case b := <-s.free:
		return b
	default:
		return nil
	}
}

// wait returns every page's content once all are compressed.
func (s *pageStreams) wait() [][]byte {
	if s.jobs != nil {
		close(s.jobs)
		s.wg.Wait()
		s.jobs = nil
	}
	return s.data
}

// handOver writes what the painter has written of the current page into
// gofpdf's content for it, before gofpdf draws on the page; the page's
// content is then gofpdf's.
func (p *painter) handOver() {
	p.endText()
	if len(p.buf) > 0 {
		p.f.RawWriteStr(string(p.buf))
		p.buf = p.buf[:0]
	}
	p.handedOver = true
}

// startPage begins a page's content: nothing of the graphics state is
// known, as the painter's stream stands alone.
func (p *painter) startPage() {
	p.handedOver = false
	p.marking, p.markElem, p.markInText = false, nil, false
	p.curFamily, p.curSize = "", 0
	p.curFill, p.curDraw, p.curLine = -1, -1, -1
}

// endPage finishes page's content: compressed for finish(), or handed to
// gofpdf when gofpdf drew on the page.
func (p *painter) endPage(page int) {
	p.endText()
	if p.handedOver {
		p.handOver()
		return
	}
	p.buf = p.streams.add(page, p.buf)
}

// appendReal writes v with at most decimals places, as gofpdf's %.Nf does.
func appendReal(b []byte, v float64, decimals int) []byte {
	return strconv.AppendFloat(b, v, 'f', decimals, 64)
}

// appendColor writes the operator setting the gray or RGB colour of 8-bit
// components r, g, b: op is "g" (fill) or "G" (stroke), its RGB form "rg"
// or "RG".
func appendColor(b []byte, r, g, bl int, gray, rgb string) []byte {
	if r == g && g == bl {
		b = appendReal(b, float64(r)/255, 3)
		b = append(b, ' ')
		return append(append(b, gray...), '\n')
	}
	for _, c := range [3]int{r, g, bl} {
		b = appendReal(b, float64(c)/255, 3)
		b = append(b, ' ')
	}
	return append(append(b, rgb...), '\n')
}

// line strokes a line from (x1, y1) to (x2, y2), top-down coordinates.
func (p *painter) line(x1, y1, x2, y2 float64) {
	h := p.d.Geometry.MediaHeight
	b := appendReal(p.buf, x1, 2)
	b = append(b, ' ')
	b = appendReal(b, h-y1, 2)
	b = append(b, " m "...)
	b = appendReal(b, x2, 2)
	b = append(b, ' ')
	b = appendReal(b, h-y2, 2)
	p.buf = append(b, " l S\n"...)
}

// rect paints a rectangle whose top left corner is (x, y), top-down
// coordinates, with op: f (fill), S (stroke) or B (both).
func (p *painter) rect(x, y, w, hgt float64, op string) {
	b := appendReal(p.buf, x, 2)
	b = append(b, ' ')
	b = appendReal(b, p.d.Geometry.MediaHeight-y, 2)
	b = append(b, ' ')
	b = appendReal(b, w, 2)
	b = append(b, ' ')
	b = appendReal(b, -hgt, 2)
	b = append(b, " re "...)
	p.buf = append(append(b, op...), '\n')
}
