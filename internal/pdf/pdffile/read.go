package pdffile

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strconv"

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
	var trailer Dict
	seen := map[int]bool{}
	for at := start; ; {
		if seen[at] {
			return nil, errors.New("cross-reference sections form a loop")
		}
		seen[at] = true
		t, err := readSection(data, at, offsets)
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
	f := &File{Version: version, Objects: make(map[Ref]Object, len(offsets)), Trailer: trailer}
	refs := make([]Ref, 0, len(offsets))
	for ref := range offsets {
		refs = append(refs, ref)
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
			r = &reader{data: data, offsets: offsets, read: map[Ref]Object{}, reading: map[Ref]bool{}}
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
func readSection(data []byte, at int, offsets map[Ref]int) (Dict, error) {
	if at < 0 || at >= len(data) {
		return nil, fmt.Errorf("cross-reference offset %d out of range", at)
	}
	p := &parser{b: data, pos: at}
	if string(p.peekWord()) != "xref" {
		return nil, fmt.Errorf("offset %d: no cross-reference table (cross-reference streams are not supported)", at)
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

// reader reads indirect objects on demand, so that a stream whose length
// is an indirect object can read that object first. Each core reading
// objects has its own: an object two streams' lengths name may be read
// twice, into equal objects, of which Parse keeps one.
type reader struct {
	data    []byte
	offsets map[Ref]int
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
	off := r.offsets[ref]
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
