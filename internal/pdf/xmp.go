package pdf

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"

	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// docInfo is what the document information dictionary says of the book,
// as written there (see describe), so that the XMP metadata, which a
// PDF/UA file must carry, says the same: readers and checkers compare the
// two.
type docInfo struct {
	title    string
	authors  []string // joined by "; " in /Author
	subject  string
	keywords string
	creator  string
	producer string
}

// xmpPacket is the document's XMP metadata (ISO 16684-1) as a packet of
// RDF/XML: the Dublin Core title, creators, description and language, the
// PDF schema's producer and keywords, the creation, modification and
// metadata dates (the build's, as in /Info), and, with pdfUA, the PDF/UA
// identification (ISO 14289-1, 5) claiming part 1.
func xmpPacket(info docInfo, language string, date time.Time, pdfUA bool) []byte {
	var b bytes.Buffer
	esc := func(s string) {
		xml.EscapeText(&b, []byte(s))
	}
	prop := func(name, value string) {
		if value == "" {
			return
		}
		b.WriteString("   <" + name + ">")
		esc(value)
		b.WriteString("</" + name + ">\n")
	}
	// a language alternative, a sequence or a bag of one or more values
	list := func(name, kind string, values ...string) {
		if len(values) == 0 || values[0] == "" {
			return
		}
		b.WriteString("   <" + name + "><rdf:" + kind + ">")
		for _, v := range values {
			if kind == "Alt" {
				b.WriteString(`<rdf:li xml:lang="x-default">`)
			} else {
				b.WriteString("<rdf:li>")
			}
			esc(v)
			b.WriteString("</rdf:li>")
		}
		b.WriteString("</rdf:" + kind + "></" + name + ">\n")
	}
	// the packet header's id is the one XMP fixes; the BOM says UTF-8
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(` <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`  <rdf:Description rdf:about=""` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/"` +
		` xmlns:pdf="http://ns.adobe.com/pdf/1.3/"` +
		` xmlns:xmp="http://ns.adobe.com/xap/1.0/"`)
	if pdfUA {
		b.WriteString(` xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"`)
	}
	b.WriteString(">\n")
	prop("dc:format", "application/pdf")
	list("dc:title", "Alt", info.title)
	list("dc:creator", "Seq", info.authors...)
	list("dc:description", "Alt", info.subject)
	list("dc:language", "Bag", strings.TrimSpace(language))
	prop("pdf:Producer", info.producer)
	prop("pdf:Keywords", info.keywords)
	prop("xmp:CreatorTool", info.creator)
	d := xmpDate(date)
	prop("xmp:CreateDate", d)
	prop("xmp:ModifyDate", d)
	prop("xmp:MetadataDate", d)
	if pdfUA {
		prop("pdfuaid:part", "1")
	}
	b.WriteString("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n")
	b.WriteString(`<?xpacket end="w"?>`)
	return b.Bytes()
}

// xmpDate is t as XMP writes a date (ISO 8601), in UTC as /Info's dates.
func xmpDate(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// addMetadata gives the catalog its XMP metadata stream, which stays
// uncompressed (pdffile.Write leaves metadata readable).
func addMetadata(f *pdffile.File, catalog pdffile.Dict, packet []byte) {
	catalog["Metadata"] = f.Add(&pdffile.Stream{
		Dict: pdffile.Dict{"Type": pdffile.Name("Metadata"), "Subtype": pdffile.Name("XML")},
		Data: packet,
	})
}
