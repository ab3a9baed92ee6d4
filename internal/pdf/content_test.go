package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// pageContent returns a page's content, its streams inflated and joined.
func pageContent(t *testing.T, f *pdffile.File, pg pdffile.Dict) []byte {
	t.Helper()
	var streams []pdffile.Object
	switch c := f.Resolve(pg["Contents"]).(type) {
	case *pdffile.Stream:
		streams = []pdffile.Object{c}
	case pdffile.Array:
		streams = c
	}
	var out []byte
	for _, o := range streams {
		s, ok := f.Resolve(o).(*pdffile.Stream)
		if !ok {
			t.Fatalf("content %v is not a stream", o)
		}
		data, err := decoded(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(append(out, data...), '\n')
	}
	return out
}

// TestPagesWrittenByThePainter: the pages without pictures have one
// compressed content stream, the painter's, without gofpdf's state; those
// with pictures keep gofpdf's, which draws them. Every font a page's
// content names is in its resources, and the file has the same bytes on
// one core and on several.
func TestPagesWrittenByThePainter(t *testing.T) {
	write := func(cores int) []byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cores))
		raw, _ := writeSample(t, DefaultOptions())
		return raw
	}
	raw := write(1)
	if many := write(4); !bytes.Equal(raw, many) {
		t.Fatal("the file written on four cores differs from the one written on one")
	}
	f := readBack(t, raw)
	fontOp := regexp.MustCompile(`/(\S+) [0-9.]+ Tf`)
	for i, pg := range pages(t, f) {
		s, ok := f.Resolve(pg["Contents"]).(*pdffile.Stream)
		if !ok || !s.Dict.Is("Filter", "FlateDecode") {
			t.Errorf("page %d: content is not one compressed stream", i+1)
			continue
		}
		content := pageContent(t, f, pg)
		pictures := i < 2 // the sample's first two pages have pictures
		if got := bytes.Contains(content, []byte(" Do")); got != pictures {
			t.Errorf("page %d: draws an XObject: %v, want %v", i+1, got, pictures)
		}
		// gofpdf starts each of its pages with the line cap and join
		if got := bytes.Contains(content, []byte("0 J\n0 j")); got != pictures {
			t.Errorf("page %d: gofpdf's page start: %v, want %v:\n%s", i+1, got, pictures, content)
		}
		res, _ := f.Dict(pg["Resources"])
		fontRes, _ := f.Dict(res["Font"])
		names := fontOp.FindAllSubmatch(content, -1)
		if len(names) == 0 {
			t.Errorf("page %d sets no font", i+1)
		}
		for _, m := range names {
			font, ok := f.Dict(fontRes[pdffile.Name(m[1])])
			if !ok || !font.Is("Type", "Font") {
				t.Errorf("page %d: font /%s is not in its resources", i+1, m[1])
			}
		}
	}
}

// TestPageStreams: pages compressed while painting read back as written,
// in their places, with the same bytes whatever the number of cores; left
// uncompressed, they are kept as written.
func TestPageStreams(t *testing.T) {
	page := func(i int) []byte {
		return []byte(strings.Repeat(fmt.Sprintf("BT /face0 10 Tf 72 %d Td <0041> Tj ET\n", i), 1+i%40))
	}
	run := func(cores int, compress bool) [][]byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cores))
		s := newPageStreams(300, compress)
		var buf []byte
		for i := range 300 {
			if i%7 == 3 {
				continue // a page gofpdf holds
			}
			buf = append(buf[:0], page(i)...)
			buf = s.add(i, buf)
			if len(buf) != 0 {
				t.Fatal("a buffer for the next page is not empty")
			}
		}
		return s.wait()
	}
	one, many := run(1, true), run(4, true)
	for i, z := range one {
		if i%7 == 3 {
			if z != nil || many[i] != nil {
				t.Errorf("page %d: content for a page gofpdf holds", i)
			}
			continue
		}
		if !bytes.Equal(z, many[i]) {
			t.Fatalf("page %d compressed differently on four cores", i)
		}
		r, err := zlib.NewReader(bytes.NewReader(z))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, page(i)) {
			t.Fatalf("page %d does not read back (%v)", i, err)
		}
	}
	for i, c := range run(2, false) {
		if i%7 != 3 && !bytes.Equal(c, page(i)) {
			t.Fatalf("page %d uncompressed: %q", i, c)
		}
	}
}

// decoded returns a stream's data without its filter; only Flate, the one
// the writer uses, is known.
func decoded(s *pdffile.Stream) ([]byte, error) {
	switch filter := s.Dict["Filter"].(type) {
	case nil:
		return s.Data, nil
	case pdffile.Name:
		if filter == "FlateDecode" && s.Dict["DecodeParms"] == nil {
			z, err := zlib.NewReader(bytes.NewReader(s.Data))
			if err != nil {
				return nil, err
			}
			return io.ReadAll(z)
		}
	}
	return nil, fmt.Errorf("unsupported stream filter %v", s.Dict["Filter"])
}
