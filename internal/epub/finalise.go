package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"time"
)

const (
	mediaXHTML   = "application/xhtml+xml"
	mediaNCX     = "application/x-dtbncx+xml"
	mimetypeName = "mimetype"
	epubMimetype = "application/epub+zip"
	containerXML = "META-INF/container.xml"
	opfName      = contentDir + "package.opf"
)

// packagePlan is what the finished package holds. finalise checks go-epub's
// archive against it, then writes the package from it.
type packagePlan struct {
	metadata []byte     // the <metadata> element
	items    []planItem // the manifest, in order
	spine    []string   // manifest IDs in reading order
	ncxID    string
	modified time.Time
	lang     string
	rtl      bool // pages turn right to left
}

// planItem is one manifest item. Its bytes come from go-epub's archive,
// except that replace is written instead when set, and an XHTML document
// with head set keeps only go-epub's body content, framed by head and tail.
type planItem struct {
	id, href, mediaType, properties string
	replace                         []byte
	head, tail                      []byte
}

// finalise turns the archive go-epub wrote into the finished EPUB: it
// checks that every file the plan needs is there and well-formed, replaces
// the package document, the navigation and each document's head, and
// writes a new archive with fixed order and timestamps.
func finalise(raw []byte, plan *packagePlan) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, fmt.Errorf("go-epub output is not a zip archive: %w", err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		if _, dup := files[f.Name]; dup {
			return nil, fmt.Errorf("go-epub output holds %s twice", f.Name)
		}
		files[f.Name] = f
	}
	if len(zr.File) == 0 || zr.File[0].Name != mimetypeName {
		return nil, errors.New("go-epub output does not start with the mimetype file")
	}
	if mt, err := readZipFile(zr.File[0]); err != nil || string(mt) != epubMimetype {
		return nil, fmt.Errorf("go-epub output has a bad mimetype file (%q, %v)", mt, err)
	}
	if err := checkContainer(files); err != nil {
		return nil, err
	}
	manifest, spine, err := readPackage(files)
	if err != nil {
		return nil, err
	}

	var problems []error
	for href := range manifest {
		if files[contentDir+href] == nil {
			problems = append(problems, fmt.Errorf("go-epub's manifest lists %s, which its archive lacks", href))
		}
	}
	planned := map[string]bool{}
	for _, it := range plan.items {
		planned[it.href] = true
		if _, ok := manifest[it.href]; !ok {
			problems = append(problems, fmt.Errorf("%s is missing from go-epub's manifest", it.href))
		}
	}
	for _, f := range zr.File {
		name := f.Name
		switch {
		case name == mimetypeName || name == containerXML || name == opfName:
		case !strings.HasPrefix(name, contentDir) || !planned[strings.TrimPrefix(name, contentDir)]:
			problems = append(problems, fmt.Errorf("go-epub wrote %s, which the plan does not hold", name))
		}
	}
	if err := checkSpine(plan, manifest, spine); err != nil {
		problems = append(problems, err)
	}
	if len(problems) > 0 {
		sortErrors(problems)
		return nil, errors.Join(problems...)
	}

	type entry struct {
		name string
		data []byte
	}
	out := []entry{{containerXML, nil}, {opfName, packageDocument(plan)}}
	if out[0].data, err = readZipFile(files[containerXML]); err != nil {
		return nil, err
	}
	for _, it := range plan.items {
		data := it.replace
		if data == nil {
			orig, err := readZipFile(files[contentDir+it.href])
			if err != nil {
				return nil, err
			}
			data = orig
			if it.head != nil {
				body, err := bodyContent(orig)
				if err != nil {
					problems = append(problems, fmt.Errorf("%s: %w", it.href, err))
					continue
				}
				data = concat(it.head, body, it.tail)
			}
		}
		out = append(out, entry{contentDir + it.href, data})
	}
	for _, e := range out {
		if isXMLName(e.name, plan) {
			if err := wellFormed(e.data); err != nil {
				problems = append(problems, fmt.Errorf("%s is not well-formed XML: %w", e.name, err))
			}
		}
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if err := writeRaw(zw, mimetypeName, []byte(epubMimetype), plan.modified, zip.Store); err != nil {
		return nil, err
	}
	for _, e := range out {
		if err := writeRaw(zw, e.name, e.data, plan.modified, zip.Deflate); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func concat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func sortErrors(errs []error) {
	for i := 1; i < len(errs); i++ {
		for j := i; j > 0 && errs[j].Error() < errs[j-1].Error(); j-- {
			errs[j], errs[j-1] = errs[j-1], errs[j]
		}
	}
}

// isXMLName reports whether an archive member must parse as XML.
func isXMLName(name string, plan *packagePlan) bool {
	if name == containerXML || name == opfName {
		return true
	}
	for _, it := range plan.items {
		if contentDir+it.href == name {
			return it.mediaType == mediaXHTML || it.mediaType == mediaNCX || it.mediaType == "image/svg+xml"
		}
	}
	return false
}

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

// readPackage reads go-epub's manifest (href -> item ID) and spine (hrefs).
func readPackage(files map[string]*zip.File) (manifest map[string]string, spine []string, err error) {
	f := files[opfName]
	if f == nil {
		return nil, nil, errors.New("go-epub output has no " + opfName)
	}
	data, err := readZipFile(f)
	if err != nil {
		return nil, nil, err
	}
	var opf struct {
		Items []struct {
			ID   string `xml:"id,attr"`
			Href string `xml:"href,attr"`
		} `xml:"manifest>item"`
		Refs []struct {
			IDRef string `xml:"idref,attr"`
		} `xml:"spine>itemref"`
	}
	if err := xml.Unmarshal(data, &opf); err != nil {
		return nil, nil, fmt.Errorf("go-epub's %s: %w", opfName, err)
	}
	manifest = map[string]string{}
	byID := map[string]string{}
	for _, it := range opf.Items {
		manifest[it.Href] = it.ID
		byID[it.ID] = it.Href
	}
	for _, r := range opf.Refs {
		href, ok := byID[r.IDRef]
		if !ok {
			return nil, nil, fmt.Errorf("go-epub's spine refers to %q, which its manifest lacks", r.IDRef)
		}
		spine = append(spine, href)
	}
	return manifest, spine, nil
}

// checkSpine compares go-epub's reading order with the plan's, the
// navigation document aside (go-epub leaves it out of the spine).
func checkSpine(plan *packagePlan, manifest map[string]string, spine []string) error {
	hrefOf := map[string]string{}
	for _, it := range plan.items {
		hrefOf[it.id] = it.href
	}
	var want []string
	for _, id := range plan.spine {
		if href, ok := hrefOf[id]; !ok {
			return fmt.Errorf("the plan's spine refers to %q, which its manifest lacks", id)
		} else if href != navHref {
			want = append(want, href)
		}
	}
	if strings.Join(want, "\n") != strings.Join(spine, "\n") {
		return fmt.Errorf("go-epub's reading order %v differs from the plan's %v", spine, want)
	}
	return nil
}

// bodyContent returns what lies between <body …> and </body>.
func bodyContent(x []byte) ([]byte, error) {
	start := bytes.Index(x, []byte("<body"))
	if start < 0 {
		return nil, errors.New("no <body> element")
	}
	gt := bytes.IndexByte(x[start:], '>')
	end := bytes.LastIndex(x, []byte("</body>"))
	if gt < 0 || end < start+gt {
		return nil, errors.New("no complete <body> element")
	}
	return x[start+gt+1 : end], nil
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
	w := &xmlWriter{}
	w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	w.open("package", av("xmlns", "http://www.idpf.org/2007/opf"), av("version", "3.0"),
		av("unique-identifier", "pub-id"), av("xml:lang", plan.lang))
	w.raw("\n  ")
	w.b.Write(plan.metadata)
	w.raw("\n  ")
	w.open("manifest")
	for _, it := range plan.items {
		w.raw("\n    ")
		w.empty("item", av("id", it.id), av("href", it.href), av("media-type", it.mediaType), av("properties", it.properties))
	}
	w.raw("\n  ")
	w.close("manifest")
	w.raw("\n  ")
	ppd := ""
	if plan.rtl {
		ppd = "rtl"
	}
	w.open("spine", av("toc", plan.ncxID), av("page-progression-direction", ppd))
	for _, id := range plan.spine {
		w.raw("\n    ")
		w.empty("itemref", av("idref", id))
	}
	w.raw("\n  ")
	w.close("spine")
	w.nl()
	w.close("package")
	w.nl()
	return w.b.Bytes()
}

// writeRaw adds a member with fixed headers: no data descriptor, no extra
// fields (EPUB forbids them on the mimetype), the given time in MS-DOS
// form, and deflate at a fixed level so the bytes never vary.
func writeRaw(zw *zip.Writer, name string, data []byte, modified time.Time, method uint16) error {
	payload := data
	if method == zip.Deflate {
		var buf bytes.Buffer
		fw, err := flate.NewWriter(&buf, flate.BestCompression)
		if err != nil {
			return err
		}
		if _, err := fw.Write(data); err != nil {
			return err
		}
		if err := fw.Close(); err != nil {
			return err
		}
		payload = buf.Bytes()
	}
	hdr := &zip.FileHeader{
		Name:               name,
		Method:             method,
		CRC32:              crc32.ChecksumIEEE(data),
		CompressedSize64:   uint64(len(payload)),
		UncompressedSize64: uint64(len(data)),
	}
	// The MS-DOS fields, not Modified: Modified adds an extended-timestamp
	// extra field, and the archive should carry nothing a reader does not need.
	hdr.ModifiedDate, hdr.ModifiedTime = msDosTime(modified) //lint:ignore SA1019 see above
	w, err := zw.CreateRaw(hdr)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if _, err := w.Write(payload); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
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
