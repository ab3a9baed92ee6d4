package epub

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"time"

	"github.com/klauspost/compress/flate"

	"github.com/samizdat-press/samizdat/internal/xhtml"
	"github.com/samizdat-press/samizdat/internal/zpool"
)

const (
	mediaXHTML   = "application/xhtml+xml"
	mediaNCX     = "application/x-dtbncx+xml"
	mimetypeName = "mimetype"
	epubMimetype = "application/epub+zip"
	containerXML = "META-INF/container.xml"
	opfName      = contentDir + "package.opf"
)

// packagePlan is what the finished package holds, in order.
type packagePlan struct {
	metadata []byte     // the <metadata> element
	items    []planItem // the manifest, in order
	spine    []string   // manifest IDs in reading order
	ncxID    string
	modified time.Time
	lang     string
	rtl      bool // pages turn right to left
}

// planItem is one manifest item and its bytes. A resource (stylesheet,
// font, SVG drawing) is packaged by go-epub and taken from its archive as
// it compressed it; anything else pack writes: a document, a raster
// picture, or a picture drawn for the book (the cover).
type planItem struct {
	id, href, mediaType, properties string
	data                            []byte
	resource                        bool
	// raster: a PNG, JPEG or GIF picture, written by pack as rasterLevel
	// deflates it
	raster bool
	// drawn: a picture drawn for the book, written by pack as deflated
	// (deflateDrawn), by the editions sharing the drawing once
	drawn    bool
	deflated []byte
}

// go-epub's own documents, which pack replaces with the book's.
var goEPUBDocuments = map[string]bool{opfName: true, contentDir + navHref: true, contentDir + ncxHref: true}

// pack writes the finished EPUB from go-epub's container and the plan. It
// is the adapter for what go-epub cannot do: it writes the package
// document (full metadata, accessibility included), the navigation
// documents and the content documents (with their language), checks that
// go-epub packaged exactly the resources it was given, and writes every
// member with fixed order and time. go-epub's compressed resources are
// copied as they are, so every byte is compressed once. Every problem is
// found before the first byte goes to w, and the archive is written as it
// is made, never held whole.
func pack(w io.Writer, archive []byte, plan *packagePlan) error {
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		return fmt.Errorf("go-epub output is not a zip archive: %w", err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		if _, dup := files[f.Name]; dup {
			return fmt.Errorf("go-epub output holds %s twice", f.Name)
		}
		files[f.Name] = f
	}
	mimetype := files[mimetypeName]
	if mimetype == nil {
		return errors.New("go-epub output has no mimetype file")
	}
	if mt, err := readZipFile(mimetype); err != nil || string(mt) != epubMimetype || mimetype.Method != zip.Store {
		return fmt.Errorf("go-epub output has a bad mimetype file (%q, method %d, %v)", mt, mimetype.Method, err)
	}
	if err := checkContainer(files); err != nil {
		return err
	}

	var problems []error
	planned := map[string]bool{}
	for _, it := range plan.items {
		name := contentDir + it.href
		planned[name] = true
		if !it.resource {
			if isXML(it.mediaType) {
				if err := wellFormed(it.data); err != nil {
					problems = append(problems, fmt.Errorf("%s is not well-formed XML: %w", name, err))
				}
			}
			continue
		}
		f := files[name]
		switch {
		case f == nil:
			problems = append(problems, fmt.Errorf("go-epub's archive lacks %s", name))
		case f.CRC32 != crc32.ChecksumIEEE(it.data) || f.UncompressedSize64 != uint64(len(it.data)):
			problems = append(problems, fmt.Errorf("go-epub's %s is not the file it was given", name))
		case f.Method != zip.Store && f.Method != zip.Deflate:
			problems = append(problems, fmt.Errorf("go-epub compressed %s with method %d, which readers need not know", name, f.Method))
		}
	}
	for _, f := range zr.File {
		switch name := f.Name; {
		case name == mimetypeName || name == containerXML || goEPUBDocuments[name]:
		case !planned[name]:
			problems = append(problems, fmt.Errorf("go-epub wrote %s, which the plan does not hold", name))
		}
	}
	opf := packageDocument(plan)
	if err := wellFormed(opf); err != nil {
		problems = append(problems, fmt.Errorf("%s is not well-formed XML: %w", opfName, err))
	}
	if len(problems) > 0 {
		sortErrors(problems)
		return errors.Join(problems...)
	}

	zw := zip.NewWriter(w)
	var def deflater
	if err := copyRaw(zw, mimetype, plan.modified); err != nil {
		return err
	}
	if err := copyRaw(zw, files[containerXML], plan.modified); err != nil {
		return err
	}
	if err := def.write(zw, opfName, opf, plan.modified, flate.DefaultCompression); err != nil {
		return err
	}
	for _, it := range plan.items {
		name := contentDir + it.href
		switch {
		case it.resource:
			err = copyRaw(zw, files[name], plan.modified)
		case it.drawn:
			err = writeDeflated(zw, name, it.data, it.deflated, plan.modified)
		case it.raster:
			err = def.write(zw, name, it.data, plan.modified, rasterLevel(len(it.data)))
		default:
			err = def.write(zw, name, it.data, plan.modified, flate.DefaultCompression)
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

func sortErrors(errs []error) {
	for i := 1; i < len(errs); i++ {
		for j := i; j > 0 && errs[j].Error() < errs[j-1].Error(); j-- {
			errs[j], errs[j-1] = errs[j-1], errs[j]
		}
	}
}

// isXML reports whether a document of this media type must parse as XML.
func isXML(mediaType string) bool { return mediaType == mediaXHTML || mediaType == mediaNCX }

func readZipFile(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("reading %s from go-epub output: %w", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("reading %s from go-epub output: %w", f.Name, err)
	}
	return data, nil
}

func checkContainer(files map[string]*zip.File) error {
	f := files[containerXML]
	if f == nil {
		return errors.New("go-epub output has no " + containerXML)
	}
	data, err := readZipFile(f)
	if err != nil {
		return err
	}
	var c struct {
		Rootfiles []struct {
			FullPath string `xml:"full-path,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := xml.Unmarshal(data, &c); err != nil {
		return fmt.Errorf("go-epub's %s: %w", containerXML, err)
	}
	if len(c.Rootfiles) != 1 || c.Rootfiles[0].FullPath != opfName {
		return fmt.Errorf("go-epub's %s does not point at %s", containerXML, opfName)
	}
	return nil
}

// wellFormed parses data strictly: one root element, only the predefined
// entities, no stray text outside the root.
func wellFormed(data []byte) error {
	// RawToken skips namespace translation, the costly part of Token, so
	// this matches element names itself.
	dec := xml.NewDecoder(bytes.NewReader(data))
	var open []xml.Name
	roots := 0
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(open) == 0 {
				roots++
			}
			open = append(open, t.Name)
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != t.Name {
				line, _ := dec.InputPos()
				return fmt.Errorf("line %d: unexpected end element </%s>", line, qualified(t.Name))
			}
			open = open[:len(open)-1]
		case xml.CharData:
			if len(open) == 0 && len(bytes.TrimSpace(t)) > 0 {
				return errors.New("text outside the root element")
			}
		}
	}
	if len(open) > 0 {
		return fmt.Errorf("element <%s> is not closed", qualified(open[len(open)-1]))
	}
	if roots != 1 {
		return fmt.Errorf("%d root elements", roots)
	}
	return nil
}

func qualified(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// packageDocument writes the package document from the plan.
func packageDocument(plan *packagePlan) []byte {
	w := &xhtml.Writer{}
	w.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	w.Open("package", xhtml.A("xmlns", "http://www.idpf.org/2007/opf"), xhtml.A("version", "3.0"),
		xhtml.A("unique-identifier", "pub-id"), xhtml.A("xml:lang", plan.lang))
	w.Raw("\n  ")
	w.Write(plan.metadata)
	w.Raw("\n  ")
	w.Open("manifest")
	for _, it := range plan.items {
		w.Raw("\n    ")
		w.Empty("item", xhtml.A("id", it.id), xhtml.A("href", it.href), xhtml.A("media-type", it.mediaType), xhtml.A("properties", it.properties))
	}
	w.Raw("\n  ")
	w.Close("manifest")
	w.Raw("\n  ")
	ppd := ""
	if plan.rtl {
		ppd = "rtl"
	}
	w.Open("spine", xhtml.A("toc", plan.ncxID), xhtml.A("page-progression-direction", ppd))
	for _, id := range plan.spine {
		w.Raw("\n    ")
		w.Empty("itemref", xhtml.A("idref", id))
	}
	w.Raw("\n  ")
	w.Close("spine")
	w.NL()
	w.Close("package")
	w.NL()
	return w.Bytes()
}

// Members are written with fixed headers: no data descriptor and no extra
// field (EPUB forbids them on the mimetype), the book's modification time
// in MS-DOS form. go-epub leaves the time unset and writes data descriptors.

// deflater compresses the members pack writes into one buffer, with a
// compressor lent for each (a compressor is a megabyte of tables, and a
// book has hundreds of documents).
type deflater struct {
	buf bytes.Buffer
}

// write adds a member compressed at level, fixed for each kind of
// member, so the bytes never vary.
func (d *deflater) write(zw *zip.Writer, name string, data []byte, modified time.Time, level int) error {
	d.buf.Reset()
	fw := zpool.Flate(&d.buf, level)
	_, err := fw.Write(data)
	if err == nil {
		err = fw.Close()
	}
	zpool.PutFlate(fw, level)
	if err != nil {
		return err
	}
	hdr := &zip.FileHeader{
		Name:               name,
		Method:             zip.Deflate,
		CRC32:              crc32.ChecksumIEEE(data),
		CompressedSize64:   uint64(d.buf.Len()),
		UncompressedSize64: uint64(len(data)),
	}
	return writeMember(zw, hdr, &d.buf, modified)
}

// rasterLevel is the level a raster picture of n bytes is deflated at.
// Its bytes are compressed already: what deflating a large one again
// still saves lies in how often each byte occurs, which Huffman coding
// alone finds. On the screenshots and photographs of the generated book
// and The Rust Programming Language it writes within 1% of the standard
// library's default level (which go-epub used) in a tenth of the time. A
// small picture may be one its maker hardly compressed (a 1.2 KB chart
// deflates to 140 bytes), and the default level costs little there.
func rasterLevel(n int) int {
	if n >= smallRaster {
		return flate.HuffmanOnly
	}
	return flate.DefaultCompression
}

// smallRaster is the size below which a raster picture is searched for
// repeats as a document is.
const smallRaster = 64 << 10

// drawnLevel deflates a drawn picture: on the sample's covers level 8
// writes within 50 bytes of level 9 (and of the standard library's
// default, which go-epub used), in half level 9's time.
const drawnLevel = 8

// deflateDrawn deflates a drawn picture for the archive. Its data is
// already deflated within (a PNG), but a drawn cover's lines of flat
// colour leave its codes repeating, and a thorough level finds them.
func deflateDrawn(data []byte) []byte {
	var buf bytes.Buffer
	fw := zpool.Flate(&buf, drawnLevel)
	fw.Write(data) // a bytes.Buffer takes every byte
	fw.Close()
	zpool.PutFlate(fw, drawnLevel)
	return buf.Bytes()
}

// writeDeflated adds a drawn picture, deflated as deflateDrawn deflates
// it (nil: deflated here).
func writeDeflated(zw *zip.Writer, name string, data, deflated []byte, modified time.Time) error {
	if deflated == nil {
		deflated = deflateDrawn(data)
	}
	hdr := &zip.FileHeader{
		Name:               name,
		Method:             zip.Deflate,
		CRC32:              crc32.ChecksumIEEE(data),
		CompressedSize64:   uint64(len(deflated)),
		UncompressedSize64: uint64(len(data)),
	}
	return writeMember(zw, hdr, bytes.NewReader(deflated), modified)
}

// copyRaw adds a member of go-epub's archive as go-epub compressed it.
func copyRaw(zw *zip.Writer, f *zip.File, modified time.Time) error {
	r, err := f.OpenRaw()
	if err != nil {
		return fmt.Errorf("reading %s from go-epub output: %w", f.Name, err)
	}
	hdr := &zip.FileHeader{
		Name:               f.Name,
		Method:             f.Method,
		CRC32:              f.CRC32,
		CompressedSize64:   f.CompressedSize64,
		UncompressedSize64: f.UncompressedSize64,
	}
	return writeMember(zw, hdr, r, modified)
}

func writeMember(zw *zip.Writer, hdr *zip.FileHeader, payload io.Reader, modified time.Time) error {
	// The MS-DOS fields, not Modified: Modified adds an extended-timestamp
	// extra field, and the archive should carry nothing a reader does not need.
	hdr.ModifiedDate, hdr.ModifiedTime = msDosTime(modified) //lint:ignore SA1019 see above
	w, err := zw.CreateRaw(hdr)
	if err != nil {
		return fmt.Errorf("writing %s: %w", hdr.Name, err)
	}
	if _, err := io.Copy(w, payload); err != nil {
		return fmt.Errorf("writing %s: %w", hdr.Name, err)
	}
	return nil
}

// msDosTime encodes t (UTC) for a zip header, clamped to the years the
// format can hold.
func msDosTime(t time.Time) (date, tm uint16) {
	t = t.UTC()
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if t.Year() > 2107 {
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tm
}
