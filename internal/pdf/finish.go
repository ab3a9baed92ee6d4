package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"crypto/sha256"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"golang.org/x/image/font/sfnt"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// finishInfo is what the finishing pass adds to gofpdf's output.
type finishInfo struct {
	compress  bool
	meta      doc.Meta
	fontNames map[string]string // gofpdf's BaseFont name -> subset name
	labels    []string          // page labels, one per page
}

// object is one indirect object of the file.
type object struct {
	num    int
	head   []byte // the dictionary or value
	stream []byte // nil when the object has no stream
}

// finish rewrites the file gofpdf wrote. gofpdf leaves a few things to map
// iteration order (the order of a page's boxes, the order of images of equal
// width), writes dates without a time zone, has no way to add page labels
// or the language to the catalog, writes no file identifier and names
// subset fonts without the subset tag. The objects are read back through
// the cross-reference table gofpdf wrote, put in a fixed order, numbered
// afresh and written out with a new cross-reference table.
func finish(raw []byte, info finishInfo) ([]byte, error) {
	objs, root, infoNum, version, err := parseFile(raw)
	if err != nil {
		return nil, err
	}
	byNum := map[int]*object{}
	for _, o := range objs {
		byNum[o.num] = o
	}
	rootObj, infoObj := byNum[root], byNum[infoNum]
	if rootObj == nil || infoObj == nil {
		return nil, errors.New("catalog or info dictionary missing")
	}
	objs = orderImages(objs, byNum)

	glyphsCut := false
	z := newCompressor()
	for _, o := range objs {
		switch {
		case bytes.HasPrefix(o.head, []byte("<</Type /Page\n")):
			o.head = sortBoxes(o.head)
		case bytes.HasPrefix(o.stream, []byte("/CIDInit")) && bytes.Contains(o.stream, []byte("<0000> <FFFF> <0000>")):
			o.stream = toUnicodeCMap()
			o.head = []byte(fmt.Sprintf("<</Length %d>>", len(o.stream)))
		}
		if o.stream == nil || !plainLengthRe.Match(o.head) {
			continue
		}
		// Page contents, palettes and the Unicode maps: gofpdf wrote them
		// uncompressed (see newPainter).
		if i := bytes.Index(o.stream, []byte(glyphsBegin)); i >= 0 {
			j := bytes.Index(o.stream, []byte(glyphsEnd))
			if j < i {
				return nil, errors.New("glyph registration not closed")
			}
			o.stream = append(o.stream[:i:i], bytes.TrimPrefix(o.stream[j+len(glyphsEnd):], []byte("\n"))...)
			o.stream = bytes.TrimSuffix(o.stream, []byte("\n"))
			glyphsCut = true
		}
		if info.compress {
			o.stream = z.compress(o.stream)
			o.head = []byte(fmt.Sprintf("<</Length %d /Filter /FlateDecode>>", len(o.stream)))
		} else {
			o.head = []byte(fmt.Sprintf("<</Length %d>>", len(o.stream)))
		}
	}
	if !glyphsCut {
		return nil, errors.New("glyph registration not found")
	}
	outlines := findRef(rootObj.head, "/Outlines")
	rootObj.head = catalog(info, outlines)
	infoObj.head = infoDict(info.meta)

	// Number the objects in file order and point every reference at the
	// new numbers.
	renum := map[int]int{}
	for i, o := range objs {
		renum[o.num] = i + 1
	}
	var out bytes.Buffer
	out.Grow(len(raw) + 4096)
	if version < "1.4" {
		version = "1.4" // /Lang and DisplayDocTitle
	}
	out.WriteString("%PDF-" + version + "\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs)+1)
	for i, o := range objs {
		offsets[i+1] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n", i+1)
		out.Write(rewrite(o.head, info.fontNames, renum))
		out.WriteByte('\n')
		if o.stream != nil {
			out.WriteString("stream\n")
			out.Write(o.stream)
			out.WriteString("\nendstream\n")
		}
		out.WriteString("endobj\n")
	}
	id := md5.Sum(out.Bytes())
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets[1:] {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%x> <%x>] >>\nstartxref\n%d\n%%%%EOF\n",
		len(objs)+1, renum[root], renum[infoNum], id, id, xref)
	return out.Bytes(), nil
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	xrefHeadRe  = regexp.MustCompile(`^xref\s+0\s+(\d+)\s+`)
	rootRe      = regexp.MustCompile(`/Root\s+(\d+)\s+0\s+R`)
	infoRe      = regexp.MustCompile(`/Info\s+(\d+)\s+0\s+R`)
	versionRe   = regexp.MustCompile(`^%PDF-(\d\.\d)`)
)

// parseFile reads the objects of a file as gofpdf writes it: one
// cross-reference section, each object "n 0 obj … endobj", streams
// introduced by "stream\n" and closed by "\nendstream\n".
func parseFile(raw []byte) (objs []*object, root, info int, version string, err error) {
	m := versionRe.FindSubmatch(raw)
	if m == nil {
		return nil, 0, 0, "", errors.New("no PDF header")
	}
	version = string(m[1])
	m = startxrefRe.FindSubmatch(raw)
	if m == nil {
		return nil, 0, 0, "", errors.New("no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref <= 0 || xref >= len(raw) {
		return nil, 0, 0, "", errors.New("startxref out of range")
	}
	rest := raw[xref:]
	h := xrefHeadRe.FindSubmatch(rest)
	if h == nil {
		return nil, 0, 0, "", errors.New("no cross-reference table")
	}
	count, _ := strconv.Atoi(string(h[1]))
	entries := rest[len(h[0]):]
	if count < 1 || len(entries) < count*20 {
		return nil, 0, 0, "", errors.New("short cross-reference table")
	}
	type span struct{ num, off int }
	var spans []span
	for n := 1; n < count; n++ {
		e := entries[n*20 : n*20+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || e[17] != 'n' {
			return nil, 0, 0, "", fmt.Errorf("bad cross-reference entry %d", n)
		}
		spans = append(spans, span{n, off})
	}
	trailer := entries[count*20:]
	rm, im := rootRe.FindSubmatch(trailer), infoRe.FindSubmatch(trailer)
	if rm == nil || im == nil {
		return nil, 0, 0, "", errors.New("trailer without /Root or /Info")
	}
	root, _ = strconv.Atoi(string(rm[1]))
	info, _ = strconv.Atoi(string(im[1]))

	sort.Slice(spans, func(i, j int) bool { return spans[i].off < spans[j].off })
	for i, s := range spans {
		end := xref
		if i+1 < len(spans) {
			end = spans[i+1].off
		}
		if s.off < 0 || s.off >= end || end > len(raw) {
			return nil, 0, 0, "", fmt.Errorf("object %d out of place", s.num)
		}
		o, err := parseObject(s.num, raw[s.off:end])
		if err != nil {
			return nil, 0, 0, "", err
		}
		objs = append(objs, o)
	}
	return objs, root, info, version, nil
}

func parseObject(num int, b []byte) (*object, error) {
	prefix := fmt.Sprintf("%d 0 obj\n", num)
	if !bytes.HasPrefix(b, []byte(prefix)) {
		return nil, fmt.Errorf("object %d does not start where the table says", num)
	}
	b = bytes.TrimRight(b[len(prefix):], "\n")
	if !bytes.HasSuffix(b, []byte("endobj")) {
		return nil, fmt.Errorf("object %d has no endobj", num)
	}
	b = b[:len(b)-len("endobj")]
	o := &object{num: num}
	if at := keywordAt(b, "stream"); at >= 0 {
		data := b[at+len("stream"):]
		data = bytes.TrimPrefix(data, []byte("\r"))
		data = bytes.TrimPrefix(data, []byte("\n"))
		end := bytes.LastIndex(data, []byte("endstream"))
		if end < 0 {
			return nil, fmt.Errorf("object %d: stream without endstream", num)
		}
		data = data[:end]
		data = bytes.TrimSuffix(data, []byte("\n"))
		o.head = bytes.TrimRight(b[:at], " \r\n")
		o.stream = data
		return o, nil
	}
	o.head = bytes.TrimRight(b, " \r\n")
	return o, nil
}

// orderImages puts the image objects (each image with its soft mask and
// palette) in the order of their resource names, which are digests of the
// images: gofpdf orders them by width only, and images of equal width in
// map order.
func orderImages(objs []*object, byNum map[int]*object) []*object {
	res := byNum[2] // gofpdf's resource dictionary is always object 2
	if res == nil {
		return objs
	}
	names := map[int]string{}
	toks := tokenize(res.head)
	for i := 0; i+3 < len(toks); i++ {
		t := res.head[toks[i].start:toks[i].end]
		if toks[i].kind == tokName && bytes.HasPrefix(t, []byte("/I")) {
			if n, ok := refAt(res.head, toks, i+1); ok {
				names[n] = string(t)
			}
		}
	}
	first, last := -1, -1
	for i, o := range objs {
		if _, ok := names[o.num]; ok {
			if first < 0 {
				first = i
			}
			last = i
		}
		if o.num == 2 && first >= 0 {
			break
		}
	}
	if first < 0 {
		return objs
	}
	// A group runs from one image to the next, or to the resource dictionary.
	end := last + 1
	for end < len(objs) && objs[end].num != 2 {
		if _, ok := names[objs[end].num]; ok {
			break
		}
		end++
	}
	var groups [][]*object
	for i := first; i < end; i++ {
		if _, ok := names[objs[i].num]; ok || len(groups) == 0 {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], objs[i])
	}
	sort.SliceStable(groups, func(i, j int) bool { return names[groups[i][0].num] < names[groups[j][0].num] })
	out := append([]*object(nil), objs[:first]...)
	for _, g := range groups {
		out = append(out, g...)
	}
	return append(out, objs[end:]...)
}

// sortBoxes orders the page box lines gofpdf writes in map order.
func sortBoxes(head []byte) []byte {
	lines := bytes.Split(head, []byte("\n"))
	var idx []int
	var boxes [][]byte
	for i, l := range lines {
		if bytes.HasPrefix(l, []byte("/TrimBox")) || bytes.HasPrefix(l, []byte("/BleedBox")) ||
			bytes.HasPrefix(l, []byte("/CropBox")) || bytes.HasPrefix(l, []byte("/ArtBox")) {
			idx = append(idx, i)
			boxes = append(boxes, l)
		}
	}
	sort.Slice(boxes, func(i, j int) bool { return bytes.Compare(boxes[i], boxes[j]) < 0 })
	for k, i := range idx {
		lines[i] = boxes[k]
	}
	return bytes.Join(lines, []byte("\n"))
}

func findRef(head []byte, key string) int {
	toks := tokenize(head)
	for i := range toks {
		if toks[i].kind == tokName && string(head[toks[i].start:toks[i].end]) == key {
			if n, ok := refAt(head, toks, i+1); ok {
				return n
			}
		}
	}
	return 0
}

var plainLengthRe = regexp.MustCompile(`^<</Length \d+>>$`)

// compressor deflates streams with one reused zlib writer.
type compressor struct {
	buf bytes.Buffer
	w   *zlib.Writer
}

func newCompressor() *compressor {
	c := &compressor{}
	c.w, _ = zlib.NewWriterLevel(&c.buf, zlib.BestSpeed)
	return c
}

func (c *compressor) compress(data []byte) []byte {
	c.buf.Reset()
	c.w.Reset(&c.buf)
	c.w.Write(data)
	c.w.Close()
	return append([]byte(nil), c.buf.Bytes()...)
}

// toUnicodeCMap maps character codes to Unicode. gofpdf's fonts use the
// code point as character code, so the map is the identity; gofpdf writes
// it as one range across all 65536 codes, which the CMap rules forbid
// (a range may vary only in its last byte), so it is written here in
// ranges of 256, surrogates excluded.
func toUnicodeCMap() []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	var hi []int
	for h := 0; h < 256; h++ {
		if h < 0xD8 || h > 0xDF {
			hi = append(hi, h)
		}
	}
	for len(hi) > 0 {
		n := min(100, len(hi)) // at most 100 entries per block
		fmt.Fprintf(&b, "%d beginbfrange\n", n)
		for _, h := range hi[:n] {
			fmt.Fprintf(&b, "<%02X00> <%02XFF> <%02X00>\n", h, h, h)
		}
		b.WriteString("endbfrange\n")
		hi = hi[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.Bytes()
}

// catalog writes the document catalog: gofpdf's entries (the page tree,
// the outline) and the page labels, the language and the viewer
// preference to show the title rather than the file name.
func catalog(info finishInfo, outlines int) []byte {
	var b bytes.Buffer
	b.WriteString("<<\n/Type /Catalog\n/Pages 1 0 R\n")
	if outlines > 0 {
		fmt.Fprintf(&b, "/Outlines %d 0 R\n/PageMode /UseOutlines\n", outlines)
	}
	if nums := pageLabels(info.labels); nums != "" {
		b.WriteString("/PageLabels << /Nums [" + nums + "] >>\n")
	}
	if lang := strings.TrimSpace(info.meta.Language); lang != "" {
		b.WriteString("/Lang " + pdfString(lang) + "\n")
	}
	b.WriteString("/ViewerPreferences << /DisplayDocTitle true >>\n>>")
	return b.Bytes()
}

// infoDict writes the document information dictionary from the book's
// metadata. Dates are the build date in UTC, never the clock.
func infoDict(m doc.Meta) []byte {
	var b bytes.Buffer
	b.WriteString("<<\n")
	put := func(key, value string) {
		if value = strings.TrimSpace(value); value != "" {
			b.WriteString("/" + key + " " + pdfString(value) + "\n")
		}
	}
	title := m.Title
	if m.Subtitle != "" {
		if title != "" {
			title += ": "
		}
		title += m.Subtitle
	}
	put("Title", title)
	var authors []string
	for _, c := range m.Creators {
		if (c.Role == "aut" || c.Role == "") && strings.TrimSpace(c.Name) != "" {
			authors = append(authors, strings.TrimSpace(c.Name))
		}
	}
	put("Author", strings.Join(authors, "; "))
	subject := m.Description
	if subject == "" {
		subject = m.Subtitle
	}
	put("Subject", subject)
	var keywords []string
	seen := map[string]bool{}
	for _, k := range append(append([]string(nil), m.Keywords...), m.Subjects...) {
		k = strings.TrimSpace(k)
		if k != "" && !seen[strings.ToLower(k)] {
			seen[strings.ToLower(k)] = true
			keywords = append(keywords, k)
		}
	}
	put("Keywords", strings.Join(keywords, ", "))
	creator := m.Generator
	if creator == "" {
		creator = "samizdat"
	}
	put("Creator", creator)
	put("Producer", creator+" (gofpdf 1.16.2)")
	date := pdfDate(buildDate(m))
	put("CreationDate", date)
	put("ModDate", date)
	b.WriteString(">>")
	return b.Bytes()
}

// buildDate is the metadata's build date; without one, the publication
// date, and without that the Unix epoch: never the clock.
func buildDate(m doc.Meta) time.Time {
	if !m.Modified.IsZero() {
		return m.Modified.UTC()
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, strings.TrimSpace(m.Date)); err == nil {
			return t.UTC()
		}
	}
	return time.Unix(0, 0).UTC()
}

func pdfDate(t time.Time) string {
	return "D:" + t.Format("20060102150405") + "Z"
}

// pdfString writes s as a PDF text string: a literal string when it is
// printable ASCII, otherwise UTF-16BE with a byte order mark, in hex.
func pdfString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return "(" + r.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// Tokens of an object head.
const (
	tokOther  = iota // numbers, keywords, delimiters
	tokName          // /Name
	tokString        // (literal) or <hex>
)

type token struct {
	start, end int
	kind       int
}

func isWhite(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	return strings.IndexByte("()<>[]{}/%", c) >= 0
}

// tokenize splits b into PDF tokens, keeping each string whole so nothing
// inside a string is ever taken for a name, a reference or a keyword.
func tokenize(b []byte) []token {
	var toks []token
	for i := 0; ; {
		t, ok := nextToken(b, i)
		if !ok {
			return toks
		}
		toks = append(toks, t)
		i = t.end
	}
}

// nextToken returns the token at or after i.
func nextToken(b []byte, i int) (token, bool) {
	for i < len(b) {
		c := b[i]
		switch {
		case isWhite(c):
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			start, depth := i, 0
			for ; i < len(b); i++ {
				if b[i] == '\\' {
					i++
					continue
				}
				if b[i] == '(' {
					depth++
				} else if b[i] == ')' {
					depth--
					if depth == 0 {
						i++
						break
					}
				}
			}
			return token{start, min(i, len(b)), tokString}, true
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '>' && i+1 < len(b) && b[i+1] == '>':
			return token{i, i + 2, tokOther}, true
		case c == '<':
			start := i
			for i < len(b) && b[i] != '>' {
				i++
			}
			return token{start, min(i+1, len(b)), tokString}, true
		case c == '/':
			start := i
			i++
			for i < len(b) && !isWhite(b[i]) && !isDelim(b[i]) {
				i++
			}
			return token{start, i, tokName}, true
		case isDelim(c):
			return token{i, i + 1, tokOther}, true
		default:
			start := i
			for i < len(b) && !isWhite(b[i]) && !isDelim(b[i]) {
				i++
			}
			return token{start, i, tokOther}, true
		}
	}
	return token{}, false
}

// keywordAt finds a keyword token outside strings, or -1; it reads no
// further than the keyword, so it never scans stream data.
func keywordAt(b []byte, kw string) int {
	for i := 0; ; {
		t, ok := nextToken(b, i)
		if !ok {
			return -1
		}
		if t.kind == tokOther && string(b[t.start:t.end]) == kw {
			return t.start
		}
		i = t.end
	}
}

func isDigits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// refAt reports whether the tokens from i on are "n g R", and n.
func refAt(b []byte, toks []token, i int) (int, bool) {
	if i+2 >= len(toks) {
		return 0, false
	}
	a, g, r := toks[i], toks[i+1], toks[i+2]
	if a.kind != tokOther || g.kind != tokOther || r.kind != tokOther ||
		!isDigits(b[a.start:a.end]) || !isDigits(b[g.start:g.end]) || string(b[r.start:r.end]) != "R" {
		return 0, false
	}
	n, err := strconv.Atoi(string(b[a.start:a.end]))
	return n, err == nil
}

// rewrite copies an object head, renaming the names in names (without
// their slash) and renumbering references.
func rewrite(b []byte, names map[string]string, renum map[int]int) []byte {
	toks := tokenize(b)
	var out bytes.Buffer
	out.Grow(len(b) + 16)
	last := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.kind {
		case tokName:
			if to, ok := names[string(b[t.start+1:t.end])]; ok {
				out.Write(b[last:t.start])
				out.WriteString("/" + to)
				last = t.end
			}
		case tokOther:
			if n, ok := refAt(b, toks, i); ok {
				out.Write(b[last:t.start])
				out.WriteString(strconv.Itoa(renum[n]))
				last = t.end
				i += 2
			}
		}
	}
	out.Write(b[last:])
	return out.Bytes()
}

// postScriptName reads a font's PostScript name, for the embedded font's
// BaseFont; PDF names allow only printable ASCII without delimiters.
func postScriptName(data []byte, face fonts.Face) string {
	name := ""
	if f, err := sfnt.Parse(data); err == nil {
		name, _ = f.Name(nil, sfnt.NameIDPostScript)
	}
	name = strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' || isDelim(byte(r)) || r == '#' {
			return -1
		}
		return r
	}, name)
	if name == "" {
		name = "Samizdat-" + face.String()
	}
	return name
}

// subsetTag is the six capital letters PDF puts before a subset font's
// name; it is derived from the font and the characters drawn with it, so
// different subsets get different tags and the same subset the same tag.
func subsetTag(e *embedded) string {
	h := sha256.New()
	h.Write([]byte(e.psName))
	for r, used := range e.used {
		if used {
			h.Write([]byte{byte(r >> 8), byte(r)})
		}
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}
