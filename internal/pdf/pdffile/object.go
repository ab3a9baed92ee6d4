// Package pdffile reads a PDF file into its objects and writes objects out
// as a new file. It knows PDF's syntax and file structure, nothing of any
// one producer: objects are found through the cross-reference table, not
// by where a producer happens to put them or how it numbers them.
//
// It exists to finish what gofpdf writes (see internal/pdf): the painter
// reads gofpdf's file with Parse, edits dictionaries as values, and writes
// the result with Write, which numbers the objects afresh in the order they
// are reached from the trailer and writes every dictionary with its keys
// sorted, so that the bytes depend only on the objects, never on the order
// in which the producer wrote them.
//
// Only what such files use is supported: classic cross-reference tables
// (with /Prev sections), no cross-reference or object streams, no
// encryption.
package pdffile

import (
	"fmt"
	"sort"
	"strconv"
)

// Object is a PDF value: nil (null), Bool, Number, Name, String, Array,
// Dict, Ref or *Stream. Keyword appears only in content parsed with
// ParseContent.
type Object any

type (
	// Bool is true or false.
	Bool bool
	// Number is an integer or real number, kept as written so that it is
	// written back unchanged.
	Number string
	// Name is a name without its slash, #-escapes decoded.
	Name string
	// Array is an array of objects.
	Array []Object
	// Dict is a dictionary. It is written with its keys sorted.
	Dict map[Name]Object
	// Keyword is an operator or other bare word of a content stream or
	// CMap.
	Keyword string
)

// String is a string object; Hex says it is written in hexadecimal.
type String struct {
	Bytes []byte
	Hex   bool
}

// Ref is an indirect reference.
type Ref struct {
	Num, Gen int
}

// Stream is a stream object: its dictionary and its data as stored (still
// encoded by the dictionary's /Filter, if any). Write sets /Length.
type Stream struct {
	Dict Dict
	Data []byte
}

// Int makes an integer Number.
func Int(n int) Number { return Number(strconv.Itoa(n)) }

// Text makes a literal string.
func Text(s string) String { return String{Bytes: []byte(s)} }

// AsInt reports the value of an integer Number.
func AsInt(o Object) (int, bool) {
	n, ok := o.(Number)
	if !ok {
		return 0, false
	}
	v, err := strconv.Atoi(string(n))
	return v, err == nil
}

// File is a PDF file's objects and trailer.
type File struct {
	// Version is the header's version, such as "1.3".
	Version string
	// Objects holds every object of the file by its reference.
	Objects map[Ref]Object
	// Trailer is the trailer dictionary (of the newest section).
	Trailer Dict
	// next is the number Add tries first.
	next int
}

// Resolve follows o while it is a reference; a reference to an object
// the file lacks is null, as in PDF.
func (f *File) Resolve(o Object) Object {
	for i := 0; i < 32; i++ { // a chain of references cannot be longer than the file
		r, ok := o.(Ref)
		if !ok {
			return o
		}
		o = f.Objects[r]
	}
	return nil
}

// Dict resolves o and returns it if it is a dictionary (or a stream's
// dictionary).
func (f *File) Dict(o Object) (Dict, bool) {
	switch v := f.Resolve(o).(type) {
	case Dict:
		return v, true
	case *Stream:
		return v.Dict, true
	}
	return nil, false
}

// Add stores o as a new indirect object and returns its reference: the
// number after the highest in use when first called, the next free one
// after that.
func (f *File) Add(o Object) Ref {
	if f.next == 0 {
		for r := range f.Objects {
			f.next = max(f.next, r.Num)
		}
		f.next++
	}
	for {
		if _, used := f.Objects[Ref{Num: f.next}]; !used {
			break
		}
		f.next++
	}
	r := Ref{Num: f.next}
	f.next++
	f.Objects[r] = o
	return r
}

// Refs returns the references of all objects, in numerical order.
func (f *File) Refs() []Ref {
	refs := make([]Ref, 0, len(f.Objects))
	for r := range f.Objects {
		refs = append(refs, r)
	}
	sortRefs(refs)
	return refs
}

func sortRefs(refs []Ref) {
	sort.Slice(refs, func(i, j int) bool {
		if refs[i].Num != refs[j].Num {
			return refs[i].Num < refs[j].Num
		}
		return refs[i].Gen < refs[j].Gen
	})
}

func (r Ref) String() string { return fmt.Sprintf("%d %d R", r.Num, r.Gen) }

// Is reports whether d's entry key is the name want.
func (d Dict) Is(key Name, want Name) bool {
	n, ok := d[key].(Name)
	return ok && n == want
}
