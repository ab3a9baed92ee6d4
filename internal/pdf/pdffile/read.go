package pdffile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"

	"github.com/klauspost/compress/zlib"

	"github.com/samizdat-press/samizdat/internal/parallel"
)

// Parse reads a whole file: the header, the cross-reference table (and
// the older sections it points to with /Prev), the trailer and every
// object in use. Stream data is not copied: it refers into data.
func Parse(data []byte) (*File, error) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) || len(data) < 8 {
		return nil, errors.New("no PDF header")
	}
	version := string(data[5:8])
	if version[0] < '1' || version[0] > '9' || version[1] != '.' || version[2] < '0' || version[2] > '9' {
		return nil, fmt.Errorf("bad PDF version %q", version)
	}
	start, err := startXref(data)
	if err != nil {
		return nil, err
	}
	offsets := map[Ref]int{}
	packed := map[Ref]place{}
	xrefStreams := map[int]bool{}
	var trailer Dict
	seen := map[int]bool{}
	for at := start; ; {
		if seen[at] {
			return nil, errors.New("cross-reference sections form a loop")
		}
		seen[at] = true
		t, err := readSection(data, at, offsets, packed, xrefStreams)
		if err != nil {
			return nil, err
		}
		if trailer == nil {
			trailer = t
		}
		prev, ok := AsInt(t["Prev"])
		if !ok {
			break
		}
		at = prev
	}
	if _, ok := trailer["Encrypt"]; ok {
		return nil, errors.New("encrypted files are not supported")
	}
	delete(trailer, "Prev")
	for _, k := range []Name{"Type", "W", "Index", "Filter", "DecodeParms", "Length"} {
		delete(trailer, k) // a cross-reference stream's own
	}
	f := &File{Version: version, Objects: make(map[Ref]Object, len(offsets)), Trailer: trailer}
	refs := make([]Ref, 0, len(offsets)+len(packed))
	for ref := range offsets {
		if !xrefStreams[ref.Num] {
			refs = append(refs, ref)
		}
	}
	for ref := range packed {
		if _, own := offsets[ref]; !own {
			refs = append(refs, ref)
		}
	}
	sortRefs(refs) // so that the first problem reported is always the same
	// The objects are read on every core, each on its own: read one
	// after another they were a quarter of the time the PDF's finishing
	// took on one core.
	objects := make([]Object, len(refs))
	errs := make([]error, len(refs))
	workers := runtime.GOMAXPROCS(0)
	readers := make([]*reader, workers)
	parallel.For(len(refs), workers, func(w, i int) {
		r := readers[w]
		if r == nil {
			r = &reader{data: data, offsets: offsets, packed: packed, read: map[Ref]Object{}, reading: map[Ref]bool{}, streams: map[int]*unpacked{}}
			readers[w] = r
		}
		objects[i], errs[i] = r.load(refs[i])
	})
	for i, ref := range refs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		f.Objects[ref] = objects[i]
	}
	return f, nil
}

// startXref finds the offset after the last startxref keyword.
func startXref(data []byte) (int, error) {
	tail := data[max(0, len(data)-1024):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return 0, errors.New("no startxref")
	}
	p := &parser{b: tail, pos: i + len("startxref")}
	p.skipSpace()
	w := p.word()
	n, err := strconv.Atoi(string(w))
	if err != nil || n <= 0 || n >= len(data) {
		return 0, fmt.Errorf("startxref %q out of range", clip(w))
	}
	return n, nil
}

// readSection reads the cross-reference section at offset at into
// offsets, keeping entries already there (they come from newer sections),
// and returns its trailer.
func readSection(data []byte, at int, offsets map[Ref]int, packed map[Ref]place, xrefStreams map[int]bool) (Dict, error) {
	if at < 0 || at >= len(data) {
		return nil, fmt.Errorf("cross-reference offset %d out of range", at)
	}
	p := &parser{b: data, pos: at}
	if string(p.peekWord()) != "xref" {
		return readXrefStream(data, at, offsets, packed, xrefStreams)
	}
	p.keyword("xref")
	for {
		p.skipSpace()
		w := p.word()
		if string(w) == "trailer" {
			break
		}
		first, err1 := strconv.Atoi(string(w))
		p.skipSpace()
		count, err2 := strconv.Atoi(string(p.word()))
		if err1 != nil || err2 != nil || first < 0 || count < 0 || count > len(data)/18 {
			return nil, p.errorf("bad cross-reference subsection")
		}
		for n := first; n < first+count; n++ {
			p.skipSpace()
			off, err1 := strconv.Atoi(string(p.word()))
			p.skipSpace()
			gen, err2 := strconv.Atoi(string(p.word()))
			p.skipSpace()
			kind := string(p.word())
			if err1 != nil || err2 != nil || (kind != "n" && kind != "f") {
				return nil, p.errorf("bad cross-reference entry for object %d", n)
			}
			ref := Ref{Num: n, Gen: gen}
			if _, newer := offsets[ref]; newer || kind == "f" || n == 0 {
				continue
			}
			offsets[ref] = off
		}
	}
	t, err := p.value(0)
	if err != nil {
		return nil, fmt.Errorf("trailer: %w", err)
	}
	d, ok := t.(Dict)
	if !ok {
		return nil, errors.New("trailer is not a dictionary")
	}
	return d, nil
}

// place is where an object packed in an object stream is: the stream's
// number and the object's index in it.
type place struct{ stream, index int }

// readXrefStream reads the cross-reference stream at offset at (PDF 1.5),
// its compressed objects' places into packed, and returns its dictionary,
// which is also the trailer.
func readXrefStream(data []byte, at int, offsets map[Ref]int, packed map[Ref]place, xrefStreams map[int]bool) (Dict, error) {
	p := &parser{b: data, pos: at}
	num, err := strconv.Atoi(string(p.word()))
	if err != nil {
		return nil, fmt.Errorf("offset %d: no cross-reference table or stream", at)
	}
	p.skipSpace()
	gen, _ := strconv.Atoi(string(p.word()))
	r := &reader{data: data, read: map[Ref]Object{}, reading: map[Ref]bool{}}
	o, err := r.parseAt(Ref{Num: num, Gen: gen}, at)
	if err != nil {
		return nil, fmt.Errorf("cross-reference stream: %w", err)
	}
	st, ok := o.(*Stream)
	if !ok || !st.Dict.Is("Type", "XRef") {
		return nil, fmt.Errorf("offset %d: no cross-reference table or stream", at)
	}
	xrefStreams[num] = true
	rows, err := decoded(st)
	if err != nil {
		return nil, fmt.Errorf("cross-reference stream: %w", err)
	}
	ws, _ := st.Dict["W"].(Array)
	var w [3]int
	size := 0
	for i := range w {
		if i < len(ws) {
			w[i], _ = AsInt(ws[i])
		}
		if w[i] < 0 || w[i] > 8 {
			return nil, errors.New("cross-reference stream: bad /W")
		}
		size += w[i]
	}
	total, _ := AsInt(st.Dict["Size"])
	index := Array{Int(0), Int(total)}
	if ix, ok := st.Dict["Index"].(Array); ok {
		index = ix
	}
	if size == 0 {
		return nil, errors.New("cross-reference stream: bad /W")
	}
	field := func(b []byte, def int) int {
		if len(b) == 0 {
			return def
		}
		v := 0
		for _, c := range b {
			v = v<<8 | int(c)
		}
		return v
	}
	for i := 0; i+1 < len(index); i += 2 {
		first, _ := AsInt(index[i])
		count, _ := AsInt(index[i+1])
		for n := first; n < first+count; n++ {
			if len(rows) < size {
				return nil, errors.New("cross-reference stream: fewer entries than its /Index")
			}
			row := rows[:size]
			rows = rows[size:]
			typ := field(row[:w[0]], 1)
			a, b := field(row[w[0]:w[0]+w[1]], 0), field(row[w[0]+w[1]:], 0)
			switch typ {
			case 1:
				ref := Ref{Num: n, Gen: b}
				if _, newer := offsets[ref]; !newer && n != 0 {
					offsets[ref] = a
				}
			case 2:
				ref := Ref{Num: n}
				if _, newer := packed[ref]; !newer {
					packed[ref] = place{a, b}
				}
			}
		}
	}
	return st.Dict, nil
}

// decoded is a stream's data, inflated when its filter is FlateDecode
// (the only one the files written here use for their own structure).
func decoded(s *Stream) ([]byte, error) {
	switch f := s.Dict["Filter"].(type) {
	case nil:
		return s.Data, nil
	case Name:
		if f == "FlateDecode" && s.Dict["DecodeParms"] == nil {
			z, err := zlib.NewReader(bytes.NewReader(s.Data))
			if err != nil {
				return nil, err
			}
			return io.ReadAll(z)
		}
	}
	return nil, fmt.Errorf("filter %v not supported", s.Dict["Filter"])
}

// unpacked is an object stream read: its objects' offsets in data.
type unpacked struct {
	data []byte
	offs []int
}

// loadPacked reads an object packed in an object stream.
func (r *reader) loadPacked(ref Ref, at place) (Object, error) {
	ost, ok := r.streams[at.stream]
	if !ok {
		o, err := r.load(Ref{Num: at.stream})
		if err != nil {
			return nil, err
		}
		st, ok := o.(*Stream)
		if !ok || !st.Dict.Is("Type", "ObjStm") {
			return nil, fmt.Errorf("object %d: not an object stream", at.stream)
		}
		data, err := decoded(st)
		if err != nil {
			return nil, fmt.Errorf("object stream %d: %w", at.stream, err)
		}
		n, _ := AsInt(st.Dict["N"])
		first, _ := AsInt(st.Dict["First"])
		if first < 0 || first > len(data) || n < 0 || n > len(data) {
			return nil, fmt.Errorf("object stream %d: bad /N or /First", at.stream)
		}
		ost = &unpacked{data: data[first:]}
		p := &parser{b: data[:first]}
		for range n {
			p.skipSpace()
			p.word()
			p.skipSpace()
			off, err := strconv.Atoi(string(p.word()))
			if err != nil || off < 0 || off > len(ost.data) {
				return nil, fmt.Errorf("object stream %d: bad offsets", at.stream)
			}
			ost.offs = append(ost.offs, off)
		}
		r.streams[at.stream] = ost
	}
	if at.index < 0 || at.index >= len(ost.offs) {
		return nil, fmt.Errorf("object %d: index %d out of object stream %d", ref.Num, at.index, at.stream)
	}
	p := &parser{b: ost.data, pos: ost.offs[at.index]}
	return p.value(0)
}

// reader reads indirect objects on demand, so that a stream whose length
// is an indirect object can read that object first. Each core reading
// objects has its own: an object two streams' lengths name may be read
// twice, into equal objects, of which Parse keeps one.
type reader struct {
	data    []byte
	offsets map[Ref]int
	// packed are the objects in object streams, streams those read.
	packed  map[Ref]place
	streams map[int]*unpacked
	read    map[Ref]Object
	reading map[Ref]bool
}

// object reads the object a stream's length refers to, once.
func (r *reader) object(ref Ref) (Object, error) {
	if o, ok := r.read[ref]; ok {
		return o, nil
	}
	o, err := r.load(ref)
	if err == nil {
		r.read[ref] = o
	}
	return o, err
}

// load reads the object ref.
func (r *reader) load(ref Ref) (Object, error) {
	if o, ok := r.read[ref]; ok {
		return o, nil
	}
	if r.reading[ref] {
		return nil, fmt.Errorf("object %d: its stream length refers to itself", ref.Num)
	}
	r.reading[ref] = true
	defer delete(r.reading, ref)
	off, own := r.offsets[ref]
	if at, ok := r.packed[ref]; ok && !own {
		o, err := r.loadPacked(ref, at)
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", ref.Num, err)
		}
		return o, nil
	}
	if off <= 0 || off >= len(r.data) {
		return nil, fmt.Errorf("object %d: offset %d out of range", ref.Num, off)
	}
	o, err := r.parseAt(ref, off)
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", ref.Num, err)
	}
	return o, nil
}

func (r *reader) parseAt(ref Ref, off int) (Object, error) {
	p := &parser{b: r.data, pos: off}
	p.skipSpace()
	num, err1 := strconv.Atoi(string(p.word()))
	p.skipSpace()
	gen, err2 := strconv.Atoi(string(p.word()))
	if err1 != nil || err2 != nil || num != ref.Num || gen != ref.Gen {
		return nil, p.errorf("the cross-reference table points elsewhere")
	}
	if err := p.keyword("obj"); err != nil {
		return nil, err
	}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if string(p.peekWord()) == "stream" {
		d, ok := v.(Dict)
		if !ok {
			return nil, p.errorf("stream without a dictionary")
		}
		if v, err = r.stream(p, d); err != nil {
			return nil, err
		}
	}
	if err := p.keyword("endobj"); err != nil {
		return nil, err
	}
	return v, nil
}

// stream reads the data after the stream keyword: /Length bytes, after
// the end of line that ends the keyword.
func (r *reader) stream(p *parser, d Dict) (*Stream, error) {
	p.keyword("stream")
	if p.pos < len(p.b) && p.b[p.pos] == '\r' {
		p.pos++
	}
	if p.pos < len(p.b) && p.b[p.pos] == '\n' {
		p.pos++
	}
	length, ok := AsInt(d["Length"])
	if ref, isRef := d["Length"].(Ref); isRef {
		o, err := r.object(ref)
		if err != nil {
			return nil, fmt.Errorf("stream length: %w", err)
		}
		length, ok = AsInt(o)
	}
	if !ok || length < 0 || length > len(p.b)-p.pos {
		return nil, p.errorf("stream length missing or out of range")
	}
	data := p.b[p.pos : p.pos+length : p.pos+length]
	p.pos += length
	if err := p.keyword("endstream"); err != nil {
		return nil, fmt.Errorf("stream length does not match its data: %w", err)
	}
	delete(d, "Length")
	return &Stream{Dict: d, Data: data}, nil
}

// Decoded is a stream's data without its filter, which may be none or
// FlateDecode without parameters.
func Decoded(s *Stream) ([]byte, error) { return decoded(s) }
