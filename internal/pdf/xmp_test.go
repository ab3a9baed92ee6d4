package pdf

import (
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// xmpFields reads an XMP packet as XML, which fails unless it is well
// formed, and returns the text of each property of the description by
// its prefixed name ("dc:title"), a list's items in order.
func xmpFields(t *testing.T, packet []byte) map[string][]string {
	t.Helper()
	prefixes := map[string]string{
		"http://purl.org/dc/elements/1.1/":            "dc",
		"http://ns.adobe.com/pdf/1.3/":                "pdf",
		"http://ns.adobe.com/xap/1.0/":                "xmp",
		"http://www.aiim.org/pdfua/ns/id/":            "pdfuaid",
		"http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
	}
	dec := xml.NewDecoder(bytes.NewReader(packet))
	out := map[string][]string{}
	var path []string
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the XMP is not well-formed XML: %v\n%s", err, packet)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			path = append(path, prefixes[tk.Name.Space]+":"+tk.Name.Local)
			text.Reset()
		case xml.CharData:
			text.Write(tk)
		case xml.EndElement:
			name := path[len(path)-1]
			path = path[:len(path)-1]
			// a property's own text, or an item of its list
			prop := ""
			for i := len(path) - 1; i >= 0; i-- {
				if !strings.HasPrefix(path[i], "rdf:") {
					prop = path[i]
					break
				}
			}
			switch {
			case name == "rdf:li" && prop != "":
				out[prop] = append(out[prop], text.String())
			case !strings.HasPrefix(name, "rdf:") && !strings.HasPrefix(name, "x:") && strings.TrimSpace(text.String()) != "":
				out[name] = append(out[name], text.String())
			}
			text.Reset()
		}
	}
	return out
}

func writeWith(t *testing.T, d *layout.Document, meta doc.Meta, opts Options) ([]byte, []string) {
	t.Helper()
	var b bytes.Buffer
	warns, err := Write(&b, d, meta, testFaces(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, w := range warns {
		msgs = append(msgs, w.Message)
	}
	return b.Bytes(), msgs
}

// infoText is an entry of the document information dictionary as text.
func infoText(f *pdffile.File, key pdffile.Name) string {
	info, _ := f.Dict(f.Trailer["Info"])
	s, _ := f.Resolve(info[key]).(pdffile.String)
	return pdfText(s)
}

// TestXMPMetadata: a tagged PDF's catalog has an uncompressed XMP
// metadata stream of well-formed XML that says what the document
// information dictionary says (title, authors, subject, producer,
// creator, dates), the catalog's language, and PDF/UA-1; the file passes
// CheckUA, its pages' content included.
func TestXMPMetadata(t *testing.T) {
	raw := taggedSample(t)
	f := readBack(t, raw)
	catalog, _ := f.Dict(f.Trailer["Root"])
	m, ok := f.Resolve(catalog["Metadata"]).(*pdffile.Stream)
	if !ok {
		t.Fatal("no metadata stream")
	}
	if !m.Dict.Is("Type", "Metadata") || !m.Dict.Is("Subtype", "XML") || m.Dict["Filter"] != nil {
		t.Errorf("metadata stream dictionary %v, want /Type /Metadata /Subtype /XML and no filter", m.Dict)
	}
	if !bytes.HasPrefix(m.Data, []byte("<?xpacket begin=\"\uFEFF\"")) || !bytes.HasSuffix(m.Data, []byte(`<?xpacket end="w"?>`)) {
		t.Errorf("the metadata is not an XMP packet:\n%s", m.Data)
	}
	x := xmpFields(t, m.Data)
	lang, _ := f.Resolve(catalog["Lang"]).(pdffile.String)
	want := map[string][]string{
		"dc:format":       {"application/pdf"},
		"dc:title":        {infoText(f, "Title")},
		"dc:creator":      strings.Split(infoText(f, "Author"), "; "),
		"dc:description":  {infoText(f, "Subject")},
		"dc:language":     {pdfText(lang)},
		"pdf:Producer":    {infoText(f, "Producer")},
		"pdf:Keywords":    {infoText(f, "Keywords")},
		"xmp:CreatorTool": {infoText(f, "Creator")},
		"pdfuaid:part":    {"1"},
	}
	for k, v := range want {
		if !slices.Equal(x[k], v) || v[0] == "" {
			t.Errorf("%s = %q, want %q", k, x[k], v)
		}
	}
	if x["dc:title"][0] != "The Workers’ Opposition: A Reader" {
		t.Errorf("dc:title = %q, want the title and subtitle", x["dc:title"])
	}
	// the dates are /Info's, written as XMP writes them
	for _, pair := range [][2]string{{"xmp:CreateDate", "CreationDate"}, {"xmp:ModifyDate", "ModDate"}, {"xmp:MetadataDate", "ModDate"}} {
		xd, err := time.Parse(time.RFC3339, strings.Join(x[pair[0]], ""))
		if err != nil {
			t.Errorf("%s: %v", pair[0], err)
			continue
		}
		id, err := time.Parse("D:20060102150405Z", infoText(f, pdffile.Name(pair[1])))
		if err != nil {
			t.Errorf("/%s: %v", pair[1], err)
			continue
		}
		if !xd.Equal(id) || !xd.Equal(time.Date(2024, 3, 8, 9, 30, 0, 0, time.UTC)) {
			t.Errorf("%s = %v, /%s = %v, want both the build's date", pair[0], xd, pair[1], id)
		}
	}
	problems, err := CheckUA(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("the tagged sample is not PDF/UA-1 as far as a machine can check:\n%s", strings.Join(problems, "\n"))
	}
}

// TestXMPText: what the metadata says is escaped, and reads back as it
// was.
func TestXMPText(t *testing.T) {
	for _, tc := range []struct {
		name string
		info docInfo
	}{
		{"markup", docInfo{title: `Fish & <Chips> "in" 'paper'`, authors: []string{"A & B", "C <c@example.org>"}}},
		{"unicode", docInfo{title: "Рабочая оппозиция — “Tagged”", authors: []string{"Коллонтай"}, subject: "труд"}},
		{"none", docInfo{title: "Only a title"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := xmpFields(t, xmpPacket(tc.info, "ru-RU", time.Unix(0, 0), false))
			if !slices.Equal(x["dc:title"], []string{tc.info.title}) {
				t.Errorf("dc:title = %q, want %q", x["dc:title"], tc.info.title)
			}
			if !slices.Equal(x["dc:creator"], tc.info.authors) {
				t.Errorf("dc:creator = %q, want %q", x["dc:creator"], tc.info.authors)
			}
			if got := strings.Join(x["dc:description"], ""); got != tc.info.subject {
				t.Errorf("dc:description = %q, want %q", got, tc.info.subject)
			}
			if !slices.Equal(x["dc:language"], []string{"ru-RU"}) {
				t.Errorf("dc:language = %q", x["dc:language"])
			}
			if x["pdfuaid:part"] != nil {
				t.Error("PDF/UA claimed when not asked")
			}
			if got := strings.Join(x["xmp:CreateDate"], ""); got != "1970-01-01T00:00:00Z" {
				t.Errorf("xmp:CreateDate = %q", got)
			}
		})
	}
}

// TestPDFUAClaim: PDF/UA-1 is claimed only when the check finds nothing,
// and otherwise a warning says why; an untagged PDF has no metadata
// stream at all.
func TestPDFUAClaim(t *testing.T) {
	for _, tc := range []struct {
		name     string
		change   func(d *layout.Document, para *layout.Elem, m *doc.Meta, o *Options)
		metadata bool
		ua       bool
		warning  string
	}{
		{"checked", func(d *layout.Document, para *layout.Elem, m *doc.Meta, o *Options) {}, true, true, ""},
		{"no language", func(d *layout.Document, para *layout.Elem, m *doc.Meta, o *Options) { m.Language = "" }, true, false,
			"the PDF is tagged but not declared PDF/UA-1, as ISO 14289-1 asks otherwise: 7.2: the document's natural language is not set (give the book a language)"},
		{"no title", func(d *layout.Document, para *layout.Elem, m *doc.Meta, o *Options) { m.Title, m.Subtitle = "", "" }, true, false,
			"7.1: the document has no title (give the book a title)"},
		{"figure without alternative", func(d *layout.Document, para *layout.Elem, m *doc.Meta, o *Options) {
			d.Structure.Kids = append(d.Structure.Kids, &layout.Elem{Role: layout.RoleFigure})
			for _, it := range d.Pages[0].Items {
				if p, ok := it.(*layout.Picture); ok {
					p.Elem = d.Structure.Kids[len(d.Structure.Kids)-1]
					break
				}
			}
		}, true, false, "7.3: a Figure element without alternative text"},
		{"a link outside the structure", func(d *layout.Document, para *layout.Elem, m *doc.Meta, o *Options) {
			for _, it := range d.Pages[0].Items {
				if l, ok := it.(*layout.Link); ok {
					l.Elem = nil
					break
				}
			}
		}, true, false, "7.18.5: page 1: a link annotation that no Link element holds"},
		{"a character no font has", func(d *layout.Document, para *layout.Elem, m *doc.Meta, o *Options) {
			d.Pages[1].Items = append(d.Pages[1].Items, &layout.Text{X: 72, Y: 650, Face: serif, Size: 11, Text: "\u0f00", Elem: para})
		}, true, false, "7.21.8: page 2 draws a character (U+0F00) in a font without it, as the font's missing glyph"},
		{"a picture's character copied as a space read as it", func(d *layout.Document, para *layout.Elem, m *doc.Meta, o *Options) {
			d.Pages[1].Items = append(d.Pages[1].Items, &layout.Text{X: 72, Y: 650, Face: serif, Size: 11, Text: "\U0001F6A8",
				Elem: para, Extra: &layout.TextExtra{Hidden: true, Width: 11}})
		}, true, true, ""},
		{"untagged", func(d *layout.Document, para *layout.Elem, m *doc.Meta, o *Options) { o.Tagged = false }, false, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, meta := sampleDocument(t)
			para := tagSample(d)
			opts := DefaultOptions()
			tc.change(d, para, &meta, &opts)
			raw, warns := writeWith(t, d, meta, opts)
			f := readBack(t, raw)
			catalog, _ := f.Dict(f.Trailer["Root"])
			m, ok := f.Resolve(catalog["Metadata"]).(*pdffile.Stream)
			if ok != tc.metadata {
				t.Fatalf("metadata stream: %v, want %v", ok, tc.metadata)
			}
			if ok {
				claims := bytes.Contains(m.Data, []byte("<pdfuaid:part>1</pdfuaid:part>"))
				if claims != tc.ua {
					t.Errorf("PDF/UA-1 claimed: %v, want %v", claims, tc.ua)
				}
			}
			var ua []string
			for _, w := range warns {
				if strings.Contains(w, "PDF/UA") {
					ua = append(ua, w)
				}
			}
			switch {
			case tc.warning == "" && len(ua) > 0:
				t.Errorf("warned %q", ua)
			case tc.warning != "" && (len(ua) != 1 || !strings.Contains(ua[0], tc.warning)):
				t.Errorf("warnings %q, want one saying %q", ua, tc.warning)
			}
		})
	}
}
