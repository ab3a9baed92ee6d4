package pdffile

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/validate"
)

// file writes a PDF file from object bodies by number, in the order of
// order (or by number), with a correct cross-reference table.
func file(objs map[int]string, order []int, trailer string) []byte {
	if order == nil {
		for n := range objs {
			order = append(order, n)
		}
		sort.Ints(order)
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.3\n")
	size := 0
	offsets := map[int]int{}
	for _, n := range order {
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, objs[n])
		size = max(size, n+1)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", size)
	for n := 1; n < size; n++ {
		if off, ok := offsets[n]; ok {
			fmt.Fprintf(&b, "%010d 00000 n \n", off)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", size, trailer, xref)
	return b.Bytes()
}

// minimal is a one-page file, numbered and ordered as a producer might.
var minimal = map[int]string{
	1: "<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 200] >>",
	2: "<< /Type /Catalog /Pages 1 0 R >>",
	3: "<< /Type /Page /Parent 1 0 R /Contents 4 0 R /Resources << >> >>",
	4: "<< /Length 5 0 R >>\nstream\n0 0 m 100 100 l S\nendstream",
	5: "17",
	6: "<< /Producer (test) /Title <FEFF0041> >>",
	7: "<< /Unused true >>",
}

func TestValues(t *testing.T) {
	tests := []struct{ in, want string }{
		{`(a\(b\)c)`, `(a\(b\)c)`},
		{`(nested (parens) kept)`, `(nested \(parens\) kept)`},
		{`(\101\102C\t\\)`, "(ABC\t\\\\)"},
		{"(line\\\ncontinued)", `(linecontinued)`},
		{"(cr\r\nlf)", "(cr\nlf)"},
		{`(\r)`, `(\r)`},
		{`<48 65 6c6C6f>`, `<48656C6C6F>`},
		{`<4>`, `<40>`},
		{`/A#20B`, `/A#20B`},
		{`/Sl#2Fash`, `/Sl#2Fash`},
		{`<< /B 2 /A 1 /C null >>`, `<</A 1 /B 2>>`},
		{`[-.5 +3 4. true false null [ ] <<>>]`, `[-.5 +3 4. true false null [] <<>>]`},
		{`[1 2 3]`, `[1 2 3]`},
	}
	for _, tc := range tests {
		objs, err := ParseContent([]byte(tc.in))
		if err != nil || len(objs) != 1 {
			t.Errorf("%q: %v objects, err %v", tc.in, len(objs), err)
			continue
		}
		got, err := AppendObject(nil, objs[0])
		if err != nil || string(got) != tc.want {
			t.Errorf("%q: got %q (err %v), want %q", tc.in, got, err, tc.want)
		}
	}
	objs, err := ParseContent([]byte(`[1 0 R 12 3 R -1 0 R]`))
	if err != nil {
		t.Fatal(err)
	}
	want := Array{Ref{1, 0}, Ref{12, 3}, Number("-1"), Number("0"), Keyword("R")}
	if fmt.Sprint(objs[0]) != fmt.Sprint(want) {
		t.Errorf("references: %v, want %v", objs[0], want)
	}
	if _, err := AppendObject(nil, Ref{1, 0}); err == nil {
		t.Error("AppendObject wrote a reference with no file to number it")
	}
}

func TestParse(t *testing.T) {
	f, err := Parse(file(minimal, nil, "/Root 2 0 R /Info 6 0 R"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Version != "1.3" || len(f.Objects) != 7 {
		t.Errorf("version %s, %d objects", f.Version, len(f.Objects))
	}
	s, ok := f.Objects[Ref{4, 0}].(*Stream)
	if !ok || string(s.Data) != "0 0 m 100 100 l S" || s.Dict["Length"] != nil {
		t.Errorf("stream with indirect length: %#v", f.Objects[Ref{4, 0}])
	}
	if d, ok := f.Dict(f.Trailer["Root"]); !ok || !d.Is("Type", "Catalog") {
		t.Errorf("root %v", f.Trailer["Root"])
	}
	if f.Resolve(Ref{99, 0}) != nil {
		t.Error("a reference to a missing object is not null")
	}
}

// TestWriteIsCanonical writes the same objects numbered, ordered and
// keyed differently, and expects the same bytes.
func TestWriteIsCanonical(t *testing.T) {
	renumbered := map[int]string{
		10: "<< /Count 1 /MediaBox [0 0 200 200] /Kids [30 0 R] /Type /Pages >>",
		20: "<< /Pages 10 0 R /Type /Catalog >>",
		30: "<< /Resources << >> /Contents 40 0 R /Parent 10 0 R /Type /Page >>",
		40: "<< /Length 17 >>\nstream\n0 0 m 100 100 l S\nendstream",
		60: "<< /Title <FEFF0041> /Producer (test) >>",
	}
	var outs []string
	for _, in := range [][]byte{
		file(minimal, nil, "/Root 2 0 R /Info 6 0 R"),
		file(minimal, []int{7, 6, 5, 4, 3, 2, 1}, "/Info 6 0 R /Root 2 0 R"),
		file(renumbered, []int{60, 40, 20, 30, 10}, "/Root 20 0 R /Info 60 0 R"),
	} {
		f, err := Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := Write(&b, f, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b.String())
	}
	if outs[0] != outs[1] || outs[0] != outs[2] {
		t.Fatalf("outputs differ:\n%s\n---\n%s\n---\n%s", outs[0], outs[1], outs[2])
	}
	want := "%PDF-1.3\n%\xe2\xe3\xcf\xd3\n" +
		"1 0 obj\n<</Pages 3 0 R /Type /Catalog>>\nendobj\n" +
		"2 0 obj\n<</Producer (test) /Title <FEFF0041>>>\nendobj\n" +
		"3 0 obj\n<</Count 1 /Kids [4 0 R] /MediaBox [0 0 200 200] /Type /Pages>>\nendobj\n" +
		"4 0 obj\n<</Contents 5 0 R /Parent 3 0 R /Resources <<>> /Type /Page>>\nendobj\n" +
		"5 0 obj\n<</Length 17>>\nstream\n0 0 m 100 100 l S\nendstream\nendobj\n" +
		"xref\n0 6\n"
	if !strings.HasPrefix(outs[0], want) {
		t.Errorf("output:\n%s\nwant it to start:\n%s", outs[0], want)
	}
	if !strings.Contains(outs[0], "trailer\n<</ID [<") || !strings.Contains(outs[0], "/Info 2 0 R /Root 1 0 R /Size 6>>\nstartxref\n") {
		t.Errorf("trailer:\n%s", outs[0][strings.Index(outs[0], "trailer"):])
	}
}

func TestWriteOptions(t *testing.T) {
	objs := map[int]string{}
	for n, o := range minimal {
		objs[n] = o
	}
	objs[7] = "<< /Type /Metadata /Subtype /XML /Length 9 >>\nstream\n<x:xmp/>\n\nendstream"
	objs[2] = "<< /Type /Catalog /Pages 1 0 R /Metadata 7 0 R >>"
	f, err := Parse(file(objs, nil, "/Root 2 0 R"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, f, WriteOptions{MinVersion: "1.4", Compress: true}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "%PDF-1.4\n") {
		t.Errorf("version not raised: %q", out[:9])
	}
	if !strings.Contains(out, "/Filter /FlateDecode /Length") {
		t.Error("content stream not compressed")
	}
	if !strings.Contains(out, "<</Length 9 /Subtype /XML /Type /Metadata>>\nstream\n<x:xmp/>\n\n") {
		t.Error("metadata stream compressed or changed")
	}
	if strings.Contains(out, "/Info") {
		t.Error("an /Info entry appeared")
	}
	g, err := Parse(b.Bytes())
	if err != nil {
		t.Fatalf("output does not read back: %v", err)
	}
	if len(g.Objects) != 5 {
		t.Errorf("%d objects written, want 5 (the unused and the length object left out)", len(g.Objects))
	}
}

func TestErrors(t *testing.T) {
	good := string(file(minimal, nil, "/Root 2 0 R"))
	// changed is minimal with object n replaced, written with a correct
	// cross-reference table.
	changed := func(n int, body string) string {
		objs := map[int]string{}
		for k, v := range minimal {
			objs[k] = v
		}
		objs[n] = body
		return string(file(objs, nil, "/Root 2 0 R"))
	}
	tests := []struct {
		name, in, want string
	}{
		{"no header", "hello", "no PDF header"},
		{"no startxref", "%PDF-1.4\n1 0 obj\nnull\nendobj\n", "no startxref"},
		{"startxref out of range", "%PDF-1.4\nstartxref\n999\n%%EOF", `startxref "999" out of range`},
		{"xref stream", strings.Replace(good, "xref\n0 8", "7 0 obj <</Type /XRef>>", 1), `cross-reference stream: offset 431: expected "endobj", found "0000000000"`},
		{"xref stream of no stream", strings.Replace(good, "xref\n0 8", "7 0 obj <</Type /XRef>> endobj", 1), "offset 397: no cross-reference table or stream"},
		{"encrypted", strings.Replace(good, "/Root 2 0 R", "/Root 2 0 R /Encrypt 7 0 R", 1), "encrypted files are not supported"},
		{"misplaced object", strings.Replace(good, "3 0 obj", "3 1 obj", 1), "object 3: offset 142: the cross-reference table points elsewhere"},
		{"short stream", changed(4, "<< /Length 4 >>\nstream\n0 0 m 100 100 l S\nendstream"), `object 4: stream length does not match its data: offset 255: expected "endstream", found "m"`},
		{"huge stream", changed(4, "<< /Length 99999 >>\nstream\n0 0 m\nendstream"), "object 4: offset 254: stream length missing or out of range"},
		{"self-measured stream", changed(4, "<< /Length 4 0 R >>\nstream\n0 0 m\nendstream"), "object 4: stream length: object 4: its stream length refers to itself"},
		{"unclosed dictionary", changed(1, "<< /Count 1"), "object 1: offset 29: dictionary key is not a name"},
		{"bad key", changed(6, "<< (x) /Producer (test) >>"), "object 6: offset 318: dictionary key is not a name"},
		{"no endobj", changed(5, "17 18"), `object 4: stream length: object 5: offset 302: expected "endobj", found "18"`},
		{"prev loop", strings.Replace(good, "/Root 2 0 R", fmt.Sprintf("/Root 2 0 R /Prev %d", strings.Index(good, "\nxref\n")+1), 1), "cross-reference sections form a loop"},
	}
	// objects are read on every core: the first problem in the order of
	// their numbers is reported, however many there are
	for _, cores := range []int{1, 4} {
		prev := runtime.GOMAXPROCS(cores)
		for _, tc := range tests {
			_, err := Parse([]byte(tc.in))
			if err == nil || err.Error() != tc.want {
				t.Errorf("%s, %d cores: err = %v, want %q", tc.name, cores, err, tc.want)
			}
		}
		runtime.GOMAXPROCS(prev)
	}
	f, err := Parse([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	f.Objects[Ref{3, 0}].(Dict)["Annots"] = Ref{42, 0}
	if err := Write(&bytes.Buffer{}, f, WriteOptions{}); err == nil || err.Error() != "object 3: reference 42 0 R to an object the file lacks" {
		t.Errorf("dangling reference: err = %v", err)
	}
	delete(f.Trailer, "Root")
	if err := Write(&bytes.Buffer{}, f, WriteOptions{}); err == nil || err.Error() != "trailer has no /Root reference" {
		t.Errorf("no root: err = %v", err)
	}
}

// TestUpdateSections reads a file with an incremental update: the newer
// section's objects win, and the older are still read.
func TestUpdateSections(t *testing.T) {
	base := file(minimal, nil, "/Root 2 0 R /Info 6 0 R")
	prev := bytes.LastIndex(base, []byte("\nxref\n")) + 1
	var b bytes.Buffer
	b.Write(base)
	off := b.Len()
	b.WriteString("6 0 obj\n<< /Title (updated) >>\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 1\n0000000000 65535 f \n6 1\n%010d 00000 n \ntrailer\n<< /Size 8 /Root 2 0 R /Info 6 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", off, prev, xref)
	f, err := Parse(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Dict(f.Trailer["Info"])
	if s, _ := info["Title"].(String); string(s.Bytes) != "updated" || len(f.Objects) != 7 {
		t.Errorf("info %v, %d objects", info, len(f.Objects))
	}
	if _, ok := f.Trailer["Prev"]; ok {
		t.Error("the trailer keeps /Prev")
	}
}

func TestQPDFCheck(t *testing.T) {
	qpdf := validate.Tool(t, "qpdf")
	f, err := Parse(file(minimal, []int{5, 3, 1, 7, 2, 4, 6}, "/Root 2 0 R /Info 6 0 R"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, f, WriteOptions{Compress: true}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(qpdf[0], append(qpdf[1:], "--check", path)...).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors found") || strings.Contains(string(out), "WARNING") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

// FuzzParse feeds arbitrary bytes to Parse, which must fail cleanly or
// give objects that Write turns into a file that reads back and writes
// again to the same bytes.
func FuzzParse(f *testing.F) {
	f.Add(file(minimal, nil, "/Root 2 0 R /Info 6 0 R"))
	f.Add(file(map[int]string{1: "<< /Type /Catalog /A [(x\\) y) <0A0b> /N#41me 1.5 -2 true null [[[]]]] >>"}, nil, "/Root 1 0 R"))
	f.Add(file(map[int]string{1: "<< /Type /Catalog /Self 1 0 R /S 2 0 R >>", 2: "<< /Length 2 0 R >>\nstream\nxx\nendstream"}, nil, "/Root 1 0 R"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := Parse(data)
		if err != nil {
			return
		}
		var first bytes.Buffer
		if err := Write(&first, pf, WriteOptions{}); err != nil {
			return
		}
		again, err := Parse(first.Bytes())
		if err != nil {
			t.Fatalf("written file does not read back: %v\n%s", err, first.Bytes())
		}
		var second bytes.Buffer
		if err := Write(&second, again, WriteOptions{}); err != nil {
			t.Fatalf("written file does not write again: %v", err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("writing is not idempotent:\n%s\n---\n%s", first.Bytes(), second.Bytes())
		}
	})
}

// FuzzValues parses arbitrary content; what parses must write back to
// text that parses to the same objects.
func FuzzValues(f *testing.F) {
	for _, s := range []string{`(a\(b\)c) <48 65> /A#20B [1 -.5 true null] << /K [ (x) ] >>`, "(\\101\\r\r\n)", "/Name#ff 12 0 R"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		objs, err := ParseContent(data)
		if err != nil {
			return
		}
		for _, o := range objs {
			text, err := AppendObject(nil, o)
			if err != nil {
				continue // keywords and references have no text of their own
			}
			back, err := ParseContent(text)
			if err != nil || len(back) != 1 {
				t.Fatalf("%q written as %q, which reads back as %d objects (%v)", data, text, len(back), err)
			}
			again, err := AppendObject(nil, back[0])
			if err != nil || !bytes.Equal(again, text) {
				t.Fatalf("%q written as %q, then as %q", data, text, again)
			}
		}
	})
}

// TestCompressionWhateverCores: a file of many pages is written with the
// same bytes on one core and on several, its streams compressed and read
// back whole, and is read back the same on one core and on four.
func TestCompressionWhateverCores(t *testing.T) {
	f := &File{Version: "1.4", Objects: map[Ref]Object{}}
	pages := Ref{Num: 1}
	var kids Array
	var contents [][]byte
	for i := range 200 {
		content := []byte(strings.Repeat(fmt.Sprintf("BT /F1 10 Tf 72 %d Td (line %d of page %d) Tj ET\n", 700-i%50, i%50, i), 40+i%17))
		contents = append(contents, content)
		c, p := Ref{Num: 10 + 2*i}, Ref{Num: 11 + 2*i}
		f.Objects[c] = &Stream{Dict: Dict{"Length": Int(len(content))}, Data: content}
		f.Objects[p] = Dict{"Type": Name("Page"), "Parent": pages, "Contents": c}
		kids = append(kids, p)
	}
	f.Objects[pages] = Dict{"Type": Name("Pages"), "Kids": kids, "Count": Int(len(kids))}
	f.Objects[Ref{Num: 2}] = Dict{"Type": Name("Catalog"), "Pages": pages}
	f.Trailer = Dict{"Root": Ref{Num: 2}}
	write := func(cores int) []byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cores))
		var b bytes.Buffer
		if err := Write(&b, f, WriteOptions{Compress: true}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	one := write(1)
	if many := write(4); !bytes.Equal(one, many) {
		t.Fatal("the file written on four cores differs from the one written on one")
	}
	parse := func(cores int) *File {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cores))
		g, err := Parse(one)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	g := parse(1)
	if !reflect.DeepEqual(parse(4), g) {
		t.Fatal("the file read on four cores differs from the one read on one")
	}
	catalog := g.Resolve(g.Trailer["Root"]).(Dict)
	for i, kid := range g.Resolve(g.Resolve(catalog["Pages"]).(Dict)["Kids"]).(Array) {
		s := g.Resolve(g.Resolve(kid).(Dict)["Contents"]).(*Stream)
		if !s.Dict.Is("Filter", "FlateDecode") {
			t.Fatalf("page %d: content not compressed", i+1)
		}
		z, err := zlib.NewReader(bytes.NewReader(s.Data))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(z)
		if err != nil || !bytes.Equal(data, contents[i]) {
			t.Fatalf("page %d: content does not read back (%v)", i+1, err)
		}
	}
}

// TestAdd: new objects take the numbers after the highest in use, one
// after another, past any number taken in the meantime.
func TestAdd(t *testing.T) {
	f := &File{Objects: map[Ref]Object{{Num: 1}: Int(1), {Num: 7}: nil, {Num: 3}: Int(3)}}
	if r := f.Add(Int(8)); r != (Ref{Num: 8}) {
		t.Errorf("first added %v, want 8", r)
	}
	f.Objects[Ref{Num: 9}] = Int(9)
	if r := f.Add(Int(10)); r != (Ref{Num: 10}) {
		t.Errorf("second added %v, want 10", r)
	}
	if len(f.Objects) != 6 || f.Objects[Ref{Num: 8}] != Int(8) || f.Objects[Ref{Num: 10}] != Int(10) {
		t.Errorf("objects %v", f.Objects)
	}
}

// failAfter fails every write once n bytes are written.
type failAfter struct{ n int }

func (w *failAfter) Write(b []byte) (int, error) {
	if len(b) > w.n {
		return w.n, errors.New("disk full")
	}
	w.n -= len(b)
	return len(b), nil
}

// TestWriteDigest: the file identifier is the digest of every byte before
// the cross-reference table, streams larger than the parts the writer
// hands on included, and an error writing the file is returned.
func TestWriteDigest(t *testing.T) {
	f, err := Parse(file(minimal, nil, "/Root 2 0 R /Info 6 0 R"))
	if err != nil {
		t.Fatal(err)
	}
	big := make([]byte, 3*pipePart+17)
	for i := range big {
		big[i] = byte(i * 7 / 5)
	}
	f.Objects[Ref{4, 0}].(*Stream).Data = big
	var b bytes.Buffer
	if err := Write(&b, f, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.Bytes()
	sum := md5.Sum(out[:bytes.LastIndex(out, []byte("\nxref\n"))+1])
	if id := fmt.Sprintf("/ID [<%X> <%X>]", sum, sum); !bytes.Contains(out, []byte(id)) {
		t.Errorf("the trailer has no %s:\n%s", id, out[bytes.LastIndex(out, []byte("trailer")):])
	}
	g, err := Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	if s := g.Resolve(g.Resolve(g.Resolve(g.Trailer["Root"]).(Dict)["Pages"]).(Dict)["Kids"].(Array)[0]).(Dict); !bytes.Equal(g.Resolve(s["Contents"]).(*Stream).Data, big) {
		t.Error("the large stream does not read back")
	}
	for _, n := range []int{0, 100, len(out) - 200} {
		if err := Write(&failAfter{n}, f, WriteOptions{}); err == nil || err.Error() != "disk full" {
			t.Errorf("failing after %d bytes: err = %v", n, err)
		}
	}
}

// TestWriteLargeObjects: an object larger than half a pipe's part (the
// page tree of a book of some 4000 pages, a page of many links) is
// written as it was when the objects after it are, which reuse the
// writer's buffer.
func TestWriteLargeObjects(t *testing.T) {
	f := &File{Version: "1.4", Objects: map[Ref]Object{{Num: 1}: nil, {Num: 2}: nil}, Trailer: Dict{"Root": Ref{Num: 1}}}
	var kids Array
	for i := 0; i < 6000; i++ {
		r := f.Add(Dict{"Type": Name("Page"), "Parent": Ref{Num: 2}, "N": Int(i)})
		kids = append(kids, r)
	}
	f.Objects[Ref{Num: 1}] = Dict{"Type": Name("Catalog"), "Pages": Ref{Num: 2}}
	f.Objects[Ref{Num: 2}] = Dict{"Type": Name("Pages"), "Kids": kids, "Count": Int(len(kids))}
	var b bytes.Buffer
	if err := Write(&b, f, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	back, err := Parse(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	root, _ := back.Resolve(back.Trailer["Root"]).(Dict)
	pages, _ := back.Resolve(root["Pages"]).(Dict)
	got, _ := pages["Kids"].(Array)
	if len(got) != len(kids) {
		t.Fatalf("page tree of %d pages read back, want %d", len(got), len(kids))
	}
	for i, k := range got {
		if p, _ := back.Resolve(k).(Dict); p["N"] != Int(i) {
			t.Fatalf("page %d read back as %v", i, p)
		}
	}
}

// TestWriteObjectStreams: written with object streams, a file reads back
// the same, its dictionaries packed and its streams on their own, each
// object stream holding at most perObjStream objects.
func TestWriteObjectStreams(t *testing.T) {
	f := &File{Version: "1.5", Objects: map[Ref]Object{}, Trailer: Dict{}}
	var kids Array
	for i := range 250 {
		kids = append(kids, f.Add(Dict{"Type": Name("StructElem"), "N": Int(i), "T": Text(fmt.Sprintf("(element %d)", i))}))
	}
	content := f.Add(&Stream{Dict: Dict{}, Data: []byte("0 0 m 10 10 l S")})
	info := f.Add(Dict{"Title": Text("Packed")})
	f.Trailer["Root"] = f.Add(Dict{"Type": Name("Catalog"), "Kids": kids, "Content": content})
	f.Trailer["Info"] = info
	var b bytes.Buffer
	if err := Write(&b, f, WriteOptions{Compress: true, ObjectStreams: true}); err != nil {
		t.Fatal(err)
	}
	out := b.Bytes()
	if bytes.Contains(out, []byte("\nxref\n")) || !bytes.Contains(out, []byte("/Type /XRef")) {
		t.Error("no cross-reference stream in place of the table")
	}
	if n := bytes.Count(out, []byte("/Type /ObjStm")); n != 3 {
		t.Errorf("%d object streams, want 3 for the 251 objects but the information", n)
	}
	if !bytes.Contains(out, []byte("/Title (Packed)")) {
		t.Error("the document information is packed")
	}
	g, err := Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	root, ok := g.Dict(g.Trailer["Root"])
	if !ok || !root.Is("Type", "Catalog") {
		t.Fatalf("root %v", g.Trailer["Root"])
	}
	if in, _ := g.Dict(g.Trailer["Info"]); string(in["Title"].(String).Bytes) != "Packed" {
		t.Errorf("info %v", in)
	}
	if _, ok := g.Trailer["ID"].(Array); !ok {
		t.Error("no /ID")
	}
	got, _ := g.Resolve(root["Kids"]).(Array)
	if len(got) != 250 {
		t.Fatalf("%d kids", len(got))
	}
	for i, k := range got {
		d, _ := g.Dict(k)
		if n, _ := AsInt(d["N"]); n != i || string(d["T"].(String).Bytes) != fmt.Sprintf("(element %d)", i) {
			t.Errorf("kid %d reads back as %v", i, d)
		}
	}
	st, ok := g.Resolve(root["Content"]).(*Stream)
	if !ok {
		t.Fatal("the stream did not read back")
	}
	if data, err := decoded(st); err != nil || string(data) != "0 0 m 10 10 l S" {
		t.Errorf("stream data %q, %v", data, err)
	}
}
