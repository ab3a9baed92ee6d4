package epub

import (
	"archive/zip"
	"bytes"
	"image"
	"image/png"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/flate"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/filetest"
)

// goEPUBOutput returns the container go-epub writes for the small book,
// with the plan pack completes it from.
func goEPUBOutput(t *testing.T) ([]byte, *packagePlan) {
	t.Helper()
	raw, plan, _ := containerOf(t, Options{Cover: tinyCover, Fonts: testFonts(t), EmbedFonts: true})
	return raw, plan
}

// containerOf builds the small book with opts up to go-epub's container,
// and returns it with the plan and the builder.
func containerOf(t *testing.T, opts Options) ([]byte, *packagePlan, *builder) {
	t.Helper()
	b, err := newBuilder(validated(t, smallBook()), opts)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := b.build()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := container(b.bookTitle(), plan.items)
	if err != nil {
		t.Fatal(err)
	}
	return raw, plan, b
}

// rezip copies an archive member by member through edit, which may change
// a member's bytes or drop it (nil); extra members are appended.
func rezip(t *testing.T, raw []byte, edit func(name string, data []byte) []byte, extra ...string) []byte {
	t.Helper()
	files := filetest.Unzip(t, raw)
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	for _, f := range zr.File {
		if data := edit(f.Name, []byte(files[f.Name])); data != nil {
			add(f.Name, data)
		}
	}
	for i := 0; i+1 < len(extra); i += 2 {
		add(extra[i], []byte(extra[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func replaceIn(member, old, new string) func(string, []byte) []byte {
	return func(name string, data []byte) []byte {
		if name == member {
			return []byte(strings.Replace(string(data), old, new, 1))
		}
		return data
	}
}

func drop(member string) func(string, []byte) []byte {
	return func(name string, data []byte) []byte {
		if name == member {
			return nil
		}
		return data
	}
}

func keep(_ string, data []byte) []byte { return data }

func TestPack(t *testing.T) {
	raw, plan := goEPUBOutput(t)
	const css = "EPUB/css/epub.css"
	const chapter = "xhtml/ch-one.xhtml"
	cases := []struct {
		name string
		raw  func() []byte
		plan func(p packagePlan) *packagePlan
		want string // "" means success
	}{
		{"go-epub output as is", func() []byte { return raw }, nil, ""},
		{"members stored, not deflated", func() []byte { return rezip(t, raw, keep) }, nil, ""},
		{"not a zip", func() []byte { return []byte("PK but not really") }, nil, "go-epub output is not a zip archive"},
		{"empty archive", func() []byte { return rezip(t, raw, func(string, []byte) []byte { return nil }) }, nil,
			"go-epub output has no mimetype file"},
		{"mimetype wrong", func() []byte { return rezip(t, raw, replaceIn("mimetype", "epub", "zip")) }, nil,
			"bad mimetype file"},
		{"container missing", func() []byte { return rezip(t, raw, drop(containerXML)) }, nil,
			"go-epub output has no META-INF/container.xml"},
		{"container points elsewhere", func() []byte {
			return rezip(t, raw, replaceIn(containerXML, "EPUB/package.opf", "OEBPS/content.opf"))
		}, nil, "does not point at EPUB/package.opf"},
		{"resource lost by go-epub", func() []byte { return rezip(t, raw, drop(css)) }, nil,
			"go-epub's archive lacks EPUB/css/epub.css"},
		{"resource changed by go-epub", func() []byte { return rezip(t, raw, replaceIn(css, "{", "[")) }, nil,
			"go-epub's EPUB/css/epub.css is not the file it was given"},
		{"stray file", func() []byte { return rezip(t, raw, keep, "EPUB/stray.txt", "x") }, nil,
			"go-epub wrote EPUB/stray.txt, which the plan does not hold"},
		{"planned resource never handed over", func() []byte { return raw }, func(p packagePlan) *packagePlan {
			p.items = append(append([]planItem{}, p.items...), planItem{id: "x", href: "images/x.png", mediaType: "image/png", data: []byte("x"), resource: true})
			return &p
		}, "go-epub's archive lacks EPUB/images/x.png"},
		{"document malformed", func() []byte { return raw }, func(p packagePlan) *packagePlan {
			p.items = append([]planItem{}, p.items...)
			for i := range p.items {
				if p.items[i].href == chapter {
					p.items[i].data = bytes.Replace(p.items[i].data, []byte("</p>"), []byte("</b>"), 1)
				}
			}
			return &p
		}, "EPUB/xhtml/ch-one.xhtml is not well-formed XML"},
		{"several problems at once", func() []byte {
			return rezip(t, raw, drop(css), "EPUB/stray.txt", "x")
		}, nil, "go-epub wrote EPUB/stray.txt, which the plan does not hold\ngo-epub's archive lacks EPUB/css/epub.css"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := plan
			if c.plan != nil {
				p = c.plan(*plan)
			}
			var buf bytes.Buffer
			err := pack(&buf, c.raw(), p)
			out := buf.Bytes()
			if c.want == "" {
				if err != nil {
					t.Fatalf("pack: %v", err)
				}
				checkPackage(t, filetest.Unzip(t, out))
				return
			}
			if err == nil {
				t.Fatalf("pack accepted it; want an error containing %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q\nwant it to contain %q", err, c.want)
			}
			if len(out) > 0 {
				t.Errorf("pack wrote %d bytes before it found the problem", len(out))
			}
		})
	}
}

// TestPackCompressesOnce: the resources go-epub compressed reach the book
// as go-epub compressed them, every member has the book's time and no
// data descriptor or extra field, and the members come in the plan's order.
func TestPackCompressesOnce(t *testing.T) {
	raw, plan := goEPUBOutput(t)
	var buf bytes.Buffer
	if err := pack(&buf, raw, plan); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	compressed := func(data []byte) map[string][]byte {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		m := map[string][]byte{}
		for _, f := range zr.File {
			r, err := f.OpenRaw()
			if err != nil {
				t.Fatal(err)
			}
			m[f.Name], _ = io.ReadAll(r)
		}
		return m
	}
	before, after := compressed(raw), compressed(out)
	resources := 0
	for _, it := range plan.items {
		if !it.resource {
			continue
		}
		resources++
		name := contentDir + it.href
		if !bytes.Equal(before[name], after[name]) {
			t.Errorf("%s was compressed again", name)
		}
	}
	if resources < 4 { // stylesheets, fonts, cover
		t.Fatalf("only %d resources; the test book should have stylesheets, fonts and a cover", resources)
	}

	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{mimetypeName, containerXML, opfName}
	for _, it := range plan.items {
		want = append(want, contentDir+it.href)
	}
	var got []string
	for _, f := range zr.File {
		got = append(got, f.Name)
		if !f.Modified.Equal(testModified.Truncate(2 * time.Second)) {
			t.Errorf("%s is stamped %v, want the book's modification time", f.Name, f.Modified)
		}
		if f.Flags&0x8 != 0 || len(f.Extra) != 0 {
			t.Errorf("%s has flags %#x and %d bytes of extra fields", f.Name, f.Flags, len(f.Extra))
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("members\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if f := zr.File[0]; f.Method != zip.Store {
		t.Errorf("mimetype is compressed (method %d)", f.Method)
	}
}

// TestGoEPUBNeedsTheAdapter records what go-epub's own documents lack, the
// reasons pack writes them: content documents without a language, a
// package document stamped with the clock, zip members without a time.
func TestGoEPUBNeedsTheAdapter(t *testing.T) {
	raw, _ := goEPUBOutput(t)
	files := filetest.Unzip(t, raw)
	if nav := files["EPUB/nav.xhtml"]; strings.Contains(nav, `lang=`) {
		t.Errorf("go-epub's navigation now declares a language:\n%s", nav)
	}
	if opf := files[opfName]; !strings.Contains(opf, "dcterms:modified") || strings.Contains(opf, testModified.Format("2006-01-02T15:04")) {
		t.Errorf("go-epub's package document no longer stamps its own modification time:\n%s", opf)
	}
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.ModifiedDate != 0 || f.Flags&0x8 == 0 {
			t.Errorf("go-epub's %s now has a time (%d) or no data descriptor (flags %#x)", f.Name, f.ModifiedDate, f.Flags)
		}
	}
}

func TestMsDosTime(t *testing.T) {
	for _, c := range []struct {
		in         time.Time
		date, time uint16
	}{
		{time.Date(2024, 5, 1, 12, 30, 45, 0, time.UTC), 44*512 + 5*32 + 1, 12*2048 + 30*32 + 22},
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), 0*512 + 1*32 + 1, 0},
		{time.Date(2024, 5, 1, 14, 30, 45, 0, time.FixedZone("CEST", 2*3600)), 44*512 + 5*32 + 1, 12*2048 + 30*32 + 22},
	} {
		d, tm := msDosTime(c.in)
		if d != c.date || tm != c.time {
			t.Errorf("msDosTime(%v) = %d, %d; want %d, %d", c.in, d, tm, c.date, c.time)
		}
	}
}

func TestWellFormed(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<a><b/></a>`, ""},
		{`<?xml version="1.0"?><!DOCTYPE html><a/>`, ""},
		{`<a></b>`, "line 1: unexpected end element </b>"},
		{`<a><b></a>`, "unexpected end element </a>"},
		{`<a>`, "element <a> is not closed"},
		{`<x:a></y:a>`, "unexpected end element </y:a>"},
		{`<a/><b/>`, "2 root elements"},
		{`text<a/>`, "text outside the root element"},
		{`<a>&nbsp;</a>`, "invalid character entity &nbsp;"},
		{"<a>\x01</a>", "illegal character code U+0001"},
		{``, "0 root elements"},
	} {
		err := wellFormed([]byte(c.in))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("wellFormed(%q) = %v", c.in, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("wellFormed(%q) = %v; want %q", c.in, err, c.want)
		}
	}
}

// A raster picture never passes through go-epub, which would deflate its
// compressed bytes again one book at a time: pack writes it, a large one
// Huffman-coded only, a small one and a drawn cover searched for repeats.
// An SVG picture is still go-epub's.
func TestRasterPicturesWrittenByPack(t *testing.T) {
	large := noisePNG(180, 180)
	if len(large) < smallRaster {
		t.Fatalf("the large picture has %d bytes, fewer than %d", len(large), smallRaster)
	}
	// a small PNG its maker left uncompressed, which a search for repeats
	// shrinks and Huffman coding alone does not
	var small bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.NoCompression}
	grey := image.NewGray(image.Rect(0, 0, 40, 40))
	for i := range grey.Pix {
		grey.Pix[i] = 0x80
	}
	if err := enc.Encode(&small, grey); err != nil {
		t.Fatal(err)
	}
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>`)
	for _, c := range []struct {
		name    string
		cover   *doc.Asset
		goEPUB  bool
		huffman bool // deflated by Huffman coding alone
	}{
		{"drawn", nil, false, false},
		{"small PNG", &doc.Asset{Path: "cover.png", MediaType: "image/png", Data: small.Bytes()}, false, false},
		{"large PNG", &doc.Asset{Path: "cover.png", MediaType: "image/png", Data: large}, false, true},
		{"SVG", &doc.Asset{Path: "cover.svg", MediaType: "image/svg+xml", Data: svg}, true, false},
	} {
		raw, plan, b := containerOf(t, Options{Fonts: testFonts(t), Cover: c.cover})
		name := contentDir + b.cover.href
		if _, ok := filetest.Unzip(t, raw)[name]; ok != c.goEPUB {
			t.Errorf("%s: go-epub's archive holds the cover: %v", c.name, ok)
		}
		var buf bytes.Buffer
		if err := pack(&buf, raw, plan); err != nil {
			t.Fatal(err)
		}
		out := buf.Bytes()
		zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(zr.File, func(f *zip.File) bool { return f.Name == name })
		if i < 0 {
			t.Errorf("%s: the book has no %s", c.name, name)
			continue
		}
		f := zr.File[i]
		if got := filetest.Unzip(t, out)[name]; got != string(b.cover.data) {
			t.Errorf("%s: the book's cover is not the one packaged", c.name)
		}
		if f.Method != zip.Deflate {
			t.Errorf("%s: the cover is written with method %d", c.name, f.Method)
		}
		var huffman bytes.Buffer
		fw, _ := flate.NewWriter(&huffman, flate.HuffmanOnly)
		fw.Write(b.cover.data)
		fw.Close()
		if got := f.CompressedSize64 == uint64(huffman.Len()); got != c.huffman {
			t.Errorf("%s: Huffman-coded only: %v (%d bytes deflated, %d by Huffman coding alone)", c.name, got, f.CompressedSize64, huffman.Len())
		}
	}
}
