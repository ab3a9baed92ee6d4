package validate

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseBatch(t *testing.T) {
	paths := []string{"/a b.epub", "/c.epub"}
	second := "FATAL(PKG-004): x\nERROR(RSC-005): y\nFATAL(PKG-008): z\n"
	good := "0 0 0 12 /a b.epub\nValidating.\n" + fmt.Sprintf("2 1 0 %d /c.epub\n", len(second)) + second
	rs, err := parseBatch([]byte(good), paths)
	if err != nil {
		t.Fatal(err)
	}
	if !rs[0].Clean() || rs[0].Output != "Validating.\n" {
		t.Errorf("first report = %+v", rs[0])
	}
	if rs[1].Fatals != 2 || rs[1].Errors != 1 || rs[1].Warnings != 0 || len(rs[1].Messages) != 3 {
		t.Errorf("second report = %+v", rs[1])
	}
	for _, tt := range []struct{ out, want string }{
		{"", "reports on 0 of 2 files"},
		{"0 0 0 12 /a b.epub\nValidating.\n", "reports on 1 of 2 files"},
		{"0 0 0 12 /c.epub\nValidating.\n", `report on "/c.epub" out of turn`},
		{"0 0 0 99 /a b.epub\nValidating.\n", "report on /a b.epub truncated"},
		{"0 0 x 0 /a b.epub\n", `bad header "0 0 x 0 /a b.epub"`},
		{"0 0 0 0\n", `bad header "0 0 0 0"`},
		{"0 0 0 0 /a b.epub", `truncated header "0 0 0 0 /a b.epub"`},
	} {
		if _, err := parseBatch([]byte(tt.out), paths); err == nil || err.Error() != tt.want {
			t.Errorf("parseBatch(%q) = %v, want %q", tt.out, err, tt.want)
		}
	}
}

// EPUBCheckAll reports on each file by itself: a valid book, a book with
// one error, and a file that is no EPUB at all, validated together. (A
// slow test: it starts Java for its own; the renderers' tests use the same
// batch, with a broken book as a control, in the fast tier.)
func TestSlowEPUBCheckAll(t *testing.T) {
	Slow(t)
	Tool(t, "epubcheck")
	dir := t.TempDir()
	valid := writeEPUB(t, filepath.Join(dir, "valid.epub"), `<a href="nav.xhtml">Contents</a>`)
	broken := writeEPUB(t, filepath.Join(dir, "broken.epub"), `<a href="missing.xhtml">Nowhere</a>`)
	junk := filepath.Join(dir, "junk.epub")
	if err := os.WriteFile(junk, []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	rs := EPUBCheckAll(t, valid, broken, junk)
	if !rs[0].Clean() {
		t.Errorf("valid book: %s\n%s", rs[0].Summary(), rs[0].Output)
	}
	if rs[1].Fatals != 0 || rs[1].Errors != 1 || !strings.Contains(rs[1].Output, "missing.xhtml") {
		t.Errorf("broken book: %s\n%s", rs[1].Summary(), rs[1].Output)
	}
	if rs[2].Fatals == 0 || len(rs[2].Messages) == 0 {
		t.Errorf("junk: %s\n%s", rs[2].Summary(), rs[2].Output)
	}
}

// writeEPUB writes the smallest EPUB 3 whose navigation document links as
// link says.
func writeEPUB(t *testing.T, path, link string) string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	members := []struct{ name, text string }{
		{"mimetype", "application/epub+zip"},
		{"META-INF/container.xml", `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`},
		{"package.opf", `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:8f0e1d2c-3b4a-4c5d-8e6f-7a8b9c0d1e2f</dc:identifier>
<dc:title>T</dc:title><dc:language>en</dc:language>
<meta property="dcterms:modified">2026-01-15T00:00:00Z</meta>
</metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/></manifest>
<spine><itemref idref="nav"/></spine>
</package>`},
		{"nav.xhtml", `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><title>T</title></head>
<body><nav epub:type="toc"><ol><li>` + link + `</li></ol></nav></body>
</html>`},
	}
	for i, m := range members {
		method := zip.Deflate
		if i == 0 {
			method = zip.Store // the mimetype comes first, uncompressed
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(m.text)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOutsideSafeArea(t *testing.T) {
	pages, err := parseBBox(`<!DOCTYPE html><html><body><doc>
<page width="100.000000" height="200.000000">
<word xMin="18.000000" yMin="20.000000" xMax="82.000000" yMax="30.000000">inside&amp;</word>
<word xMin="10.000000" yMin="40.000000" xMax="50.000000" yMax="50.000000">left</word>
<word xMin="20.000000" yMin="180.000000" xMax="50.000000" yMax="190.000000">low</word>
</page></doc></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || len(pages[0].Words) != 3 || pages[0].Words[0].Text != "inside&" {
		t.Fatalf("pages = %+v", pages)
	}
	got := OutsideSafeArea(pages, 18)
	want := []string{`page 1: "left" at x 10.0-50.0 y 40.0-50.0`, `page 1: "low" at x 20.0-50.0 y 180.0-190.0`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("OutsideSafeArea = %q, want %q", got, want)
	}
}

// pdftohtml's XML gives each run of text its font: its size, and bold or
// italic as the font's name says.
func TestParseTextRuns(t *testing.T) {
	out := `<page number="7" position="absolute" top="0" left="0" height="892" width="630">
	<fontspec id="2" size="16" family="MBKCZX+NotoSerif" color="#000000"/>
	<fontspec id="10" size="11" family="ODIKVI+NotoSerif" color="#000000"/>
<text top="313" left="151" width="70" height="21" font="2"><i>Potemkin</i></text>
<text top="313" left="306" width="57" height="21" font="2"><b>mutiny &amp; more</b></text>
<text top="382" left="280" width="6" height="15" font="10">2</text>
</page>
`
	got := parseTextRuns(out)
	want := []TextRun{
		{Page: 7, Top: 313, Height: 21, Size: 16, Italic: true, Text: "Potemkin"},
		{Page: 7, Top: 313, Height: 21, Size: 16, Bold: true, Text: "mutiny & more"},
		{Page: 7, Top: 382, Height: 15, Size: 11, Text: "2"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("run %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}
