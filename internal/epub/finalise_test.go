package epub

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"time"
)

// goEPUBOutput returns what go-epub writes for the small book, with the
// plan finalise checks it against.
func goEPUBOutput(t *testing.T) ([]byte, *packagePlan) {
	t.Helper()
	b, err := newBuilder(smallBook(), Options{Cover: tinyCover, Fonts: testFonts(t)})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := b.build()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := b.assemble()
	if err != nil {
		t.Fatal(err)
	}
	return raw, plan
}

// rezip copies an archive member by member through edit, which may change
// a member's bytes or drop it (nil); extra members are appended.
func rezip(t *testing.T, raw []byte, edit func(name string, data []byte) []byte, extra ...string) []byte {
	t.Helper()
	files := unzip(t, raw)
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

func TestFinalise(t *testing.T) {
	raw, plan := goEPUBOutput(t)
	const chapter = "EPUB/xhtml/ch-one.xhtml"
	cases := []struct {
		name string
		raw  func() []byte
		plan func(p packagePlan) *packagePlan
		want string // "" means success
	}{
		{"go-epub output as is", func() []byte { return raw }, nil, ""},
		{"not a zip", func() []byte { return []byte("PK but not really") }, nil, "go-epub output is not a zip archive"},
		{"empty archive", func() []byte { return rezip(t, raw, func(string, []byte) []byte { return nil }) }, nil,
			"does not start with the mimetype file"},
		{"mimetype missing", func() []byte { return rezip(t, raw, drop("mimetype")) }, nil,
			"does not start with the mimetype file"},
		{"mimetype wrong", func() []byte { return rezip(t, raw, replaceIn("mimetype", "epub", "zip")) }, nil,
			"bad mimetype file"},
		{"container missing", func() []byte { return rezip(t, raw, drop(containerXML)) }, nil,
			"go-epub output has no META-INF/container.xml"},
		{"container points elsewhere", func() []byte {
			return rezip(t, raw, replaceIn(containerXML, "EPUB/package.opf", "OEBPS/content.opf"))
		}, nil, "does not point at EPUB/package.opf"},
		{"package missing", func() []byte { return rezip(t, raw, drop(opfName)) }, nil,
			"go-epub output has no EPUB/package.opf"},
		{"package malformed", func() []byte { return rezip(t, raw, replaceIn(opfName, "<manifest>", "<manifest")) }, nil,
			"go-epub's EPUB/package.opf"},
		{"chapter lost by go-epub", func() []byte { return rezip(t, raw, drop(chapter)) }, nil,
			"go-epub's manifest lists xhtml/ch-one.xhtml, which its archive lacks"},
		{"chapter malformed", func() []byte { return rezip(t, raw, replaceIn(chapter, "</p>", "</b>")) }, nil,
			"EPUB/xhtml/ch-one.xhtml is not well-formed XML"},
		{"chapter without body", func() []byte { return rezip(t, raw, replaceIn(chapter, "<body", "<bod")) }, nil,
			"xhtml/ch-one.xhtml: no <body> element"},
		{"stray file", func() []byte { return rezip(t, raw, keep, "EPUB/stray.txt", "x") }, nil,
			"go-epub wrote EPUB/stray.txt, which the plan does not hold"},
		{"spine refers to nothing", func() []byte {
			return rezip(t, raw, replaceIn(opfName, `idref="ch-one.xhtml"`, `idref="gone"`))
		}, nil, `go-epub's spine refers to "gone"`},
		{"planned item never added", func() []byte { return raw }, func(p packagePlan) *packagePlan {
			p.items = append(append([]planItem{}, p.items...), planItem{id: "x", href: "images/x.png", mediaType: "image/png"})
			return &p
		}, "images/x.png is missing from go-epub's manifest"},
		{"reading order differs", func() []byte { return raw }, func(p packagePlan) *packagePlan {
			p.spine = append([]string{}, p.spine...)
			p.spine[0], p.spine[1] = p.spine[1], p.spine[0]
			return &p
		}, "go-epub's reading order"},
		{"replacement malformed", func() []byte { return raw }, func(p packagePlan) *packagePlan {
			p.items = append([]planItem{}, p.items...)
			p.items[0].replace = []byte("<html><body></html>")
			return &p
		}, "EPUB/nav.xhtml is not well-formed XML"},
		{"several problems at once", func() []byte {
			return rezip(t, raw, drop(chapter), "EPUB/stray.txt", "x")
		}, nil, "go-epub wrote EPUB/stray.txt, which the plan does not hold\ngo-epub's manifest lists xhtml/ch-one.xhtml"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := plan
			if c.plan != nil {
				p = c.plan(*plan)
			}
			out, err := finalise(c.raw(), p)
			if c.want == "" {
				if err != nil {
					t.Fatalf("finalise: %v", err)
				}
				checkPackage(t, unzip(t, out))
				return
			}
			if err == nil {
				t.Fatalf("finalise accepted it; want an error containing %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q\nwant it to contain %q", err, c.want)
			}
		})
	}
}

// TestFinaliseRewrites checks what finalise changes in go-epub's output:
// heads with language, its own metadata and modification date, and no
// trace of go-epub's identifiers.
func TestFinaliseRewrites(t *testing.T) {
	raw, plan := goEPUBOutput(t)
	before := unzip(t, raw)
	if strings.Contains(before["EPUB/xhtml/ch-one.xhtml"], `lang="en"`) {
		t.Fatal("go-epub now writes a language; finalise may have less to do")
	}
	out, err := finalise(raw, plan)
	if err != nil {
		t.Fatal(err)
	}
	after := unzip(t, out)
	ch := after["EPUB/xhtml/ch-one.xhtml"]
	if !strings.Contains(ch, `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">`) {
		t.Errorf("chapter head not rewritten:\n%s", ch)
	}
	if strings.Contains(ch, `dir="auto"`) {
		t.Errorf("go-epub's head survives:\n%s", ch)
	}
	opf := after[opfName]
	if !strings.Contains(opf, "<meta property=\"dcterms:modified\">2024-05-01T12:30:45Z</meta>") {
		t.Errorf("modification date is not the book's:\n%s", opf)
	}
	now := time.Now().UTC().Format("2006-01-02T15:04")
	if strings.Contains(opf, now) {
		t.Errorf("package carries the current time:\n%s", opf)
	}
	if strings.Contains(opf, `id="id`) || strings.Contains(opf, `idref="ch-one.xhtml"`) {
		t.Errorf("go-epub's manifest IDs survive:\n%s", opf)
	}
	if !strings.Contains(after["EPUB/toc.ncx"], `<meta name="dtb:uid" content="urn:uuid:0b9f3c7e-2d7b-4c59-9a57-8c8a6f0d2e01"/>`) {
		t.Errorf("NCX does not carry the book's identifier:\n%s", after["EPUB/toc.ncx"])
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
