package pdffile

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/klauspost/compress/zlib"

	"github.com/samizdat-press/samizdat/internal/zpool"
)

// WriteOptions tune Write.
type WriteOptions struct {
	// MinVersion raises the header's version to at least this one.
	MinVersion string
	// Compress deflates the data of every stream that has no filter,
	// except metadata streams, which stay readable as PDF/A asks.
	Compress bool
	// ObjectStreams writes the objects that are not streams packed into
	// compressed object streams, and a cross-reference stream in place of
	// the table (PDF 1.5): a tagged PDF's thousands of small structure
	// elements and annotations then cost a fraction of their size.
	ObjectStreams bool
}

// Write writes f as a new file with one cross-reference table.
//
// Objects are numbered from 1 in the order they are first reached from
// the trailer's /Root and then /Info, breadth first, dictionary entries in
// the order of their keys; objects nothing refers to are left out. Every
// dictionary is written with its keys sorted, so the output depends only on
// the objects. The trailer holds /Root, /Info, /Size and an /ID made from
// the digest of everything written before it; other trailer entries are
// dropped.
//
// Written on one core, the objects, the digest and the compression took
// a tenth of a long book's PDF one after another; now the streams are
// compressed on every core while the objects are written, and the digest
// is taken, and the bytes handed on, by another goroutine as they come.
// None of it depends on the order the work is done in.
func Write(w io.Writer, f *File, opts WriteOptions) error {
	root, ok := f.Trailer["Root"].(Ref)
	if !ok {
		return errors.New("trailer has no /Root reference")
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	wr := &writer{f: f, opts: opts, num: map[Ref]int{}}
	if opts.Compress {
		wr.deflated = deflateStreams(f)
		defer wr.deflated.stop()
	}
	wr.out = newDigestPipe(bw)
	defer wr.out.close()
	version := f.Version
	if opts.MinVersion > version {
		version = opts.MinVersion
	}
	wr.write([]byte("%PDF-" + version + "\n%\xe2\xe3\xcf\xd3\n"))

	trailer := Dict{}
	if _, err := wr.number(root); err != nil {
		return err
	}
	if info, ok := f.Trailer["Info"].(Ref); ok {
		if _, err := wr.number(info); err != nil {
			return err
		}
	}
	for i := 0; i < len(wr.queue); i++ {
		var err error
		// the document information stays readable as it is in any PDF
		_, stream := f.Objects[wr.queue[i]].(*Stream)
		if info, _ := f.Trailer["Info"].(Ref); opts.ObjectStreams && !stream && wr.queue[i] != info {
			err = wr.pack(i+1, wr.queue[i])
		} else {
			err = wr.object(i+1, wr.queue[i])
		}
		if err != nil {
			return err
		}
	}
	if opts.ObjectStreams {
		return wr.finishPacked(bw, root, f.Trailer)
	}
	sum, err := wr.out.close()
	if err != nil {
		return err
	}
	// The trailer is written like any object: its references are
	// renumbered as it is written.
	trailer["Root"] = root
	if info, ok := f.Trailer["Info"].(Ref); ok {
		trailer["Info"] = info
	}
	size := len(wr.queue) + 1
	trailer["Size"] = Int(size)
	id := String{Bytes: sum, Hex: true}
	trailer["ID"] = Array{id, id}

	xref := wr.n
	var b bytes.Buffer
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", size)
	for _, off := range wr.offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	b.WriteString("trailer\n")
	tb, err := wr.appendValue(nil, trailer, 0)
	if err != nil {
		return err
	}
	b.Write(tb)
	fmt.Fprintf(&b, "\nstartxref\n%d\n%%%%EOF\n", xref)
	if _, err := bw.Write(b.Bytes()); err != nil {
		return err
	}
	return bw.Flush()
}

type writer struct {
	f *File
	// packs are the object streams filled so far, the last one open;
	// packedIn is each object's (number-1) pack and place in it, 0 for
	// one written on its own (see pack).
	packs    []*objStream
	packedIn []int32
	opts     WriteOptions
	out      *digestPipe
	n        int64 // bytes written

	num     map[Ref]int // old reference -> new number
	queue   []Ref       // objects in the order of their new numbers
	offsets []int64

	buf  []byte
	keys []Name
	// deflated compresses the streams to compress.
	deflated *deflation
}

// write writes b, which the pipe copies: the writer reuses its buffer.
func (w *writer) write(b []byte) {
	w.n += int64(len(b))
	w.out.write(b)
}

// writeData writes a stream's data, which nothing changes, uncopied.
func (w *writer) writeData(b []byte) {
	w.n += int64(len(b))
	w.out.writeData(b)
}

// number returns the new number of r, giving it the next one when r is
// first reached.
func (w *writer) number(r Ref) (int, error) {
	if n, ok := w.num[r]; ok {
		return n, nil
	}
	if _, ok := w.f.Objects[r]; !ok {
		return 0, fmt.Errorf("reference %s to an object the file lacks", r)
	}
	w.queue = append(w.queue, r)
	w.num[r] = len(w.queue)
	return len(w.queue), nil
}

func (w *writer) object(n int, r Ref) error {
	w.offsets = append(w.offsets, w.n)
	b := strconv.AppendInt(w.buf[:0], int64(n), 10)
	b = append(b, " 0 obj\n"...)
	var data []byte
	var err error
	switch o := w.f.Objects[r].(type) {
	case *Stream:
		data = o.Data
		d := make(Dict, len(o.Dict)+2)
		for k, v := range o.Dict {
			d[k] = v
		}
		if z, ok := w.deflated.of(r); ok {
			data = z
			d["Filter"] = Name("FlateDecode")
			delete(d, "DecodeParms")
		}
		d["Length"] = Int(len(data))
		b, err = w.appendValue(b, d, 0)
		b = append(b, "\nstream\n"...)
	default:
		b, err = w.appendValue(b, o, 0)
	}
	if err != nil {
		return fmt.Errorf("object %d: %w", r.Num, err)
	}
	if data != nil {
		w.write(b)
		w.writeData(data)
		b = append(b[:0], "\nendstream"...)
	}
	b = append(b, "\nendobj\n"...)
	w.write(b)
	w.buf = b
	return w.out.failed()
}

// objStream is an object stream being filled: its objects' numbers,
// their offsets in body, and body.
type objStream struct {
	nums, offs []int
	body       []byte
}

// perObjStream is how many objects an object stream holds: enough for
// the compression to find the repeats, few enough that a reader looking
// for one object does not decompress much.
const perObjStream = 100

// pack puts object n (r) into the open object stream.
func (w *writer) pack(n int, r Ref) error {
	if len(w.packs) == 0 || len(w.packs[len(w.packs)-1].nums) == perObjStream {
		w.packs = append(w.packs, &objStream{})
	}
	s := w.packs[len(w.packs)-1]
	for len(w.packedIn) < n {
		w.packedIn = append(w.packedIn, 0)
	}
	w.packedIn[n-1] = int32(len(w.packs)<<8 | len(s.nums))
	w.offsets = append(w.offsets, 0)
	s.nums = append(s.nums, n)
	s.offs = append(s.offs, len(s.body))
	var err error
	if s.body, err = w.appendValue(s.body, w.f.Objects[r], 0); err != nil {
		return fmt.Errorf("object %d: %w", r.Num, err)
	}
	s.body = append(s.body, '\n')
	return nil
}

// finishPacked writes the object streams after the objects written on
// their own, numbered after them, and then the cross-reference stream,
// which stands for the trailer too.
func (w *writer) finishPacked(bw *bufio.Writer, root Ref, old Dict) error {
	base := len(w.queue)
	var head, z []byte
	for k, s := range w.packs {
		w.offsets = append(w.offsets, w.n)
		head = head[:0]
		for i, n := range s.nums {
			head = strconv.AppendInt(head, int64(n), 10)
			head = append(head, ' ')
			head = strconv.AppendInt(head, int64(s.offs[i]), 10)
			head = append(head, ' ')
		}
		z = zpool.AppendZlib(z[:0], append(head, s.body...), zlib.DefaultCompression)
		b := fmt.Appendf(nil, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n",
			base+k+1, len(s.nums), len(head), len(z))
		w.write(b)
		w.write(append(append([]byte(nil), z...), "\nendstream\nendobj\n"...))
	}
	sum, err := w.out.close()
	if err != nil {
		return err
	}
	xrefNum := base + len(w.packs) + 1
	xref := w.n
	w.offsets = append(w.offsets, xref)
	// each entry: type (1 byte), offset or object stream (4 bytes, or 8
	// for a file of 4 GB or more), generation or place (2 bytes)
	wide := 4
	if xref >= 1<<32 {
		wide = 8
	}
	entry := func(b []byte, typ int, v int64, g int) []byte {
		b = append(b, byte(typ))
		for i := wide - 1; i >= 0; i-- {
			b = append(b, byte(v>>(8*i)))
		}
		return append(b, byte(g>>8), byte(g))
	}
	rows := entry(nil, 0, 0, 0xffff)
	for i, off := range w.offsets {
		if i < len(w.packedIn) && w.packedIn[i] != 0 {
			k := int(w.packedIn[i] >> 8)
			rows = entry(rows, 2, int64(base+k), int(w.packedIn[i]&0xff))
			continue
		}
		rows = entry(rows, 1, off, 0)
	}
	id := String{Bytes: sum, Hex: true}
	d := Dict{"Type": Name("XRef"), "Size": Int(xrefNum + 1), "Root": root, "ID": Array{id, id},
		"W": Array{Int(1), Int(wide), Int(2)}, "Filter": Name("FlateDecode")}
	if info, ok := old["Info"].(Ref); ok {
		d["Info"] = info
	}
	z = zpool.AppendZlib(z[:0], rows, zlib.DefaultCompression)
	d["Length"] = Int(len(z))
	b := fmt.Appendf(nil, "%d 0 obj\n", xrefNum)
	if b, err = w.appendValue(b, d, 0); err != nil {
		return err
	}
	b = append(b, "\nstream\n"...)
	b = append(b, z...)
	b = fmt.Appendf(b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	if _, err := bw.Write(b); err != nil {
		return err
	}
	return bw.Flush()
}

// digestPipe hands what the writer writes, in parts of pipePart bytes, to
// a goroutine that takes its digest and writes it to out.
type digestPipe struct {
	parts chan part
	free  chan []byte
	cur   []byte
	done  chan struct{}
	sum   []byte
	err   error
	// errSeen is err, set once the goroutine has met it, so the writer
	// stops early.
	errSeen atomic.Pointer[error]
	closed  bool
}

const pipePart = 64 << 10

// part is a part of the file; own: a buffer of the pipe's, reused once
// handed on.
type part struct {
	b   []byte
	own bool
}

func newDigestPipe(out io.Writer) *digestPipe {
	p := &digestPipe{parts: make(chan part, 8), free: make(chan []byte, 10), done: make(chan struct{})}
	p.cur = make([]byte, 0, pipePart)
	go func() {
		defer close(p.done)
		sum := md5.New()
		for part := range p.parts {
			sum.Write(part.b)
			if p.err == nil {
				if _, p.err = out.Write(part.b); p.err != nil {
					p.errSeen.Store(&p.err)
				}
			}
			if part.own {
				select {
				case p.free <- part.b[:0]:
				default:
				}
			}
		}
		p.sum = sum.Sum(nil)
	}()
	return p
}

// write takes b, which it copies, as the caller may change it once
// write returns (an object larger than half a part was once handed on
// uncopied, and written over by the objects after it).
func (p *digestPipe) write(b []byte) {
	if len(b) >= pipePart/2 {
		p.send()
		p.parts <- part{b: bytes.Clone(b)}
		return
	}
	if len(p.cur)+len(b) > pipePart {
		p.send()
	}
	p.cur = append(p.cur, b...)
}

// writeData takes b, a stream's data, which nothing changes: one as
// large as half a part is handed on without a copy.
func (p *digestPipe) writeData(b []byte) {
	if len(b) >= pipePart/2 {
		p.send()
		p.parts <- part{b: b}
		return
	}
	p.write(b)
}

func (p *digestPipe) send() {
	if len(p.cur) == 0 {
		return
	}
	p.parts <- part{b: p.cur, own: true}
	select {
	case p.cur = <-p.free:
	default:
		p.cur = make([]byte, 0, pipePart)
	}
}

// failed is the error writing out met, if any yet.
func (p *digestPipe) failed() error {
	if e := p.errSeen.Load(); e != nil {
		return *e
	}
	return nil
}

// close waits for everything written to be handed on, and returns its
// digest.
func (p *digestPipe) close() ([]byte, error) {
	if !p.closed {
		p.closed = true
		p.send()
		close(p.parts)
		<-p.done
	}
	return p.sum, p.err
}

// compressible says whether Write compresses a stream: one without a
// filter, unless it is metadata, which stays readable as PDF/A asks.
func compressible(d Dict) bool {
	_, filtered := d["Filter"]
	return !filtered && !d.Is("Type", "Metadata")
}

// deflation compresses the data of a file's compressible streams on every
// core, each stream on its own with one reused compressor per core, so the
// bytes do not depend on how many cores share the work, while the writer
// writes the objects before them.
type deflation struct {
	index map[Ref]int
	out   [][]byte
	done  []chan struct{}
	quit  atomic.Bool
	wg    sync.WaitGroup
}

func deflateStreams(f *File) *deflation {
	var refs []Ref
	for r, o := range f.Objects {
		if s, ok := o.(*Stream); ok && compressible(s.Dict) {
			refs = append(refs, r)
		}
	}
	// in the order of their numbers: about the order they are written in
	sortRefs(refs)
	d := &deflation{index: make(map[Ref]int, len(refs)), out: make([][]byte, len(refs)), done: make([]chan struct{}, len(refs))}
	for i, r := range refs {
		d.index[r] = i
		d.done[i] = make(chan struct{})
	}
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), len(refs)) {
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			var buf []byte
			for i := int(next.Add(1)) - 1; i < len(refs) && !d.quit.Load(); i = int(next.Add(1)) - 1 {
				buf = zpool.AppendZlib(buf[:0], f.Objects[refs[i]].(*Stream).Data, zlib.BestSpeed)
				d.out[i] = bytes.Clone(buf)
				close(d.done[i])
			}
		}()
	}
	return d
}

// of is the compressed data of stream r, once it is compressed; false
// when r is not compressed.
func (d *deflation) of(r Ref) ([]byte, bool) {
	if d == nil {
		return nil, false
	}
	i, ok := d.index[r]
	if !ok {
		return nil, false
	}
	<-d.done[i]
	return d.out[i], true
}

// stop ends the compressing, of streams no longer needed when the writer
// stops early, and waits for it.
func (d *deflation) stop() {
	d.quit.Store(true)
	d.wg.Wait()
}

const hexDigits = "0123456789ABCDEF"

func (w *writer) appendValue(b []byte, o Object, depth int) ([]byte, error) {
	if depth > maxDepth {
		return nil, errors.New("objects nested too deeply")
	}
	switch v := o.(type) {
	case nil:
		return append(b, "null"...), nil
	case Bool:
		return strconv.AppendBool(b, bool(v)), nil
	case Number:
		if !isNumber([]byte(v)) {
			return nil, fmt.Errorf("%q is not a number", string(v))
		}
		return append(b, v...), nil
	case Name:
		return appendName(b, v), nil
	case String:
		return appendString(b, v), nil
	case Ref:
		n, err := w.number(v)
		if err != nil {
			return nil, err
		}
		b = strconv.AppendInt(b, int64(n), 10)
		return append(b, " 0 R"...), nil
	case Array:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ' ')
			}
			var err error
			if b, err = w.appendValue(b, e, depth+1); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case Dict:
		keys := make([]Name, 0, len(v))
		for k, e := range v {
			if e != nil {
				keys = append(keys, k)
			}
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		b = append(b, "<<"...)
		for i, k := range keys {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendName(b, k)
			b = append(b, ' ')
			var err error
			if b, err = w.appendValue(b, v[k], depth+1); err != nil {
				return nil, err
			}
		}
		return append(b, ">>"...), nil
	case *Stream:
		return nil, errors.New("a stream inside another object")
	}
	return nil, fmt.Errorf("cannot write a %T", o)
}

func appendName(b []byte, n Name) []byte {
	b = append(b, '/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c < '!' || c > '~' || c == '#' || isDelim(c) {
			b = append(b, '#', hexDigits[c>>4], hexDigits[c&15])
			continue
		}
		b = append(b, c)
	}
	return b
}

func appendString(b []byte, s String) []byte {
	if s.Hex {
		b = append(b, '<')
		for _, c := range s.Bytes {
			b = append(b, hexDigits[c>>4], hexDigits[c&15])
		}
		return append(b, '>')
	}
	b = append(b, '(')
	for _, c := range s.Bytes {
		switch c {
		case '\\', '(', ')':
			b = append(b, '\\', c)
		case '\r':
			// A bare carriage return would be read back as a newline.
			b = append(b, '\\', 'r')
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

// AppendObject appends o in PDF syntax to b, as it would appear inside an
// object; o may hold no references.
func AppendObject(b []byte, o Object) ([]byte, error) {
	w := &writer{f: &File{}}
	return w.appendValue(b, o, 0)
}
